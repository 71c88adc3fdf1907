from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ chấp thuận")
    ACCEPTED = "accepted", _("Đã đăng ký")
    REFUSED = "refused", _("Không chấp thuận")
    WITHDRAWN = "withdrawn", _("Đã rút đăng ký")

    # A registration that still stands (the unit competes, or waits for the office to decide).
    ACTIVE = nonmember(("submitted", "accepted"))


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")

    # The unit may still change its values and evidence.
    EDITABLE = nonmember(("draft", "returned"))


class ParState(models.TextChoices):
    DRAFT = "draft", _("Đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    APPRAISED = "appraised", _("Đã thẩm định")

    # The unit may still change its self-assessment and evidence.
    EDITABLE = nonmember(("draft", "returned"))


class ConductKind(models.TextChoices):
    """What is recorded against a unit or a person and counts against them in the round."""

    DISCIPLINE = "discipline", _("Vi phạm kỷ luật, kỷ cương hành chính")
    COMPLAINT = "complaint", _("Khiếu nại, tố cáo, phản ánh của người dân")


class InitiativeLevel(models.TextChoices):
    """The scope in which an initiative (sáng kiến) was recognised, narrowest first."""

    UNIT = "unit", _("Cơ sở (trong cơ quan, đơn vị)")
    DISTRICT = "district", _("Cấp huyện")
    PROVINCE = "province", _("Cấp tỉnh, bộ, ngành")
    NATIONAL = "national", _("Toàn quốc")
