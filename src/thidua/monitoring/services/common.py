"""Helpers the services of monitoring share: permission, locked rows, target values,
evidence files."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import Round, Target
from thidua.core.services import acting_user, require_perm
from thidua.monitoring.evidence import check_evidence
from thidua.monitoring.models import Evidence, ParScore, TargetReport


def require(actor: Any, perm: str, obj) -> None:
    require_perm(actor, perm, obj, message=_("Bạn không có quyền thực hiện thao tác này."))


def locked_round(round: Round) -> Round:
    """The round, locked: two first registrations of one unit at once cannot both create."""
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("campaign__owner")
        .get(pk=round.pk)
    )


def number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return int(value) if value == int(value) else float(value)


def clean_target_values(
    round: Round,
    values: dict[str, Any],
    notes: dict[str, str],
    *,
    not_yes_no: str,
    not_number: str,
) -> dict[int, tuple[Any, str]]:
    """{target id: (value, note)}, each value of the target's type (a number or yes/no); the
    two messages say which value is wrong (a commitment, a reported value)."""
    targets = {target.code: target for target in Target.objects.filter(campaign=round.campaign_id)}
    cleaned: dict[int, tuple[Any, str]] = {}
    errors = []
    for code, value in values.items():
        target = targets.get(code)
        if target is None:
            errors.append(_("Chỉ tiêu '%(code)s' không có trong kế hoạch.") % {"code": code})
            continue
        if isinstance(target.value, bool):
            if not isinstance(value, bool):
                errors.append(not_yes_no % {"code": code})
                continue
        else:
            value = number(value)
            if value is None:
                errors.append(not_number % {"code": code})
                continue
        cleaned[target.pk] = (value, " ".join((notes.get(code) or "").split()))
    if errors:
        raise ValidationError(errors)
    return cleaned


def digest(file: Any) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def stored_file_fields(*, actor: Any, file: Any, kind: Any, name: str) -> dict[str, Any]:
    """What every kept upload records of its file, once `check_evidence` gave its kind and
    safe name (evidence, nomination dossier files)."""
    return {
        "original_name": name,
        "content_type": kind.content_type,
        "size": file.size,
        "sha256": digest(file),
        "uploaded_by": acting_user(actor),
        "uploaded_at": timezone.now(),
    }


def store_evidence(
    *,
    actor: Any,
    files: list[Any],
    report: TargetReport | None = None,
    par_score: ParScore | None = None,
    target: Target | None = None,
) -> list[Evidence]:
    """Keep evidence files for a target report (one target or the whole report) or for one
    criterion of a PAR assessment. Every file is checked (name, size, type read from its
    content) before any is written: one refused file refuses the lot, and nothing is stored.
    The caller has checked permission and state, and writes the audit row."""
    if not files:
        raise ValidationError(_("Hãy chọn ít nhất một tệp tài liệu kiểm chứng."))
    checked, errors = [], []
    for file in files:
        try:
            checked.append((file, *check_evidence(file)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    stored: list[Evidence] = []
    try:
        for file, kind, name in checked:
            evidence = Evidence(
                report=report,
                par_score=par_score,
                target=target,
                **stored_file_fields(actor=actor, file=file, kind=kind, name=name),
            )
            evidence.file.save(f"evidence.{kind.extensions[0]}", file, save=False)
            stored.append(evidence)
            evidence.save()
    except Exception:
        for evidence in stored:
            evidence.file.delete(save=False)
        raise
    return stored
