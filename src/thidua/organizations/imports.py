"""Import of units and people from .xlsx: all-or-nothing with a per-row report (in progress)."""

from django.core.exceptions import ValidationError

from thidua.core.models import Job


def start_import(*, actor, kind: str, file) -> Job:
    raise ValidationError("Chức năng nhập dữ liệu đang được hoàn thiện.")
