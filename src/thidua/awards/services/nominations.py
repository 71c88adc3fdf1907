"""Nominations (đề nghị khen thưởng) and their dossiers, and the office's appraisal.

A unit proposes its own collective or one of its people for a line of a round, before the
round's nomination deadline, with the engine's reasons stored when the candidate is not
eligible (then a justification is required); it uploads the dossier the campaign requires and
sends it. The office of the campaign receives it, returns it for supplement with reasons (the
unit's focal officers are told; the unit fixes and resends) or finds it (not) eligible against
a checklist. Every step leaves a `NominationReview` row, the simple history and an audit row.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.services import notify
from thidua.awards.engine import eligibility
from thidua.awards.enums import NominationState, ReviewOutcome
from thidua.awards.models import DossierFile, Nomination, NominationReview
from thidua.awards.selectors import package_of
from thidua.campaigns.enums import CampaignState, Deadline, Subject
from thidua.campaigns.models import AwardLine, DossierItem, Round
from thidua.campaigns.package import PackageError
from thidua.campaigns.services import deadline_open_for
from thidua.core.enums import Role
from thidua.core.services import acting_user, record_audit
from thidua.monitoring.evidence import check_evidence
from thidua.monitoring.services.common import require, stored_file_fields
from thidua.organizations.models import Person, Unit

OTHER_COMPONENT = "Tài liệu khác"
STANDARD_ITEM = "Đủ tiêu chuẩn theo kế hoạch"
MIN_JUSTIFICATION = 20
MIN_RETURN_REASONS = 10


def _clean(text: str | None) -> str:
    return "\n".join(" ".join(line.split()) for line in (text or "").strip().splitlines()).strip()


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("round__campaign__owner", "line", "proposer", "unit", "person")
        .get(pk=nomination.pk)
    )


def _snapshot(nomination: Nomination) -> dict[str, Any]:
    return {
        "state": nomination.state,
        "achievements": nomination.achievements,
        "justification": nomination.justification,
    }


def _check_deadline(round: Round, unit: Unit) -> None:
    if deadline_open_for(round, unit, Deadline.NOMINATION, on=timezone.localdate()):
        return
    raise ValidationError(
        _(
            "Đã hết hạn gửi hồ sơ đề nghị khen thưởng (ngày %(day)s). Đề nghị cơ quan thường "
            "trực mở lại hạn nếu có lý do chính đáng."
        )
        % {"day": f"{round.nomination_deadline:%d/%m/%Y}"}
    )


def _check_line(round: Round, line: AwardLine, unit: Unit, person: Person | None) -> None:
    """The line must be the round's kind, the candidate's subject, block and position."""
    subject = Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE
    if line.campaign_id != round.campaign_id or line.round_kind != round.kind:
        raise ValidationError(
            _("Dòng khen thưởng %(line)s không áp dụng cho %(round)s.")
            % {"line": line.line_id, "round": round}
        )
    if line.subject != subject:
        raise ValidationError(
            _("Dòng khen thưởng %(line)s dành cho đối tượng %(subject)s.")
            % {"line": line.line_id, "subject": line.get_subject_display().lower()}
        )
    if line.block_id is not None and not line.block.members.filter(pk=unit.pk).exists():
        raise ValidationError(
            _("%(unit)s không thuộc %(block)s của dòng khen thưởng %(line)s.")
            % {"unit": unit.name, "block": line.block.name, "line": line.line_id}
        )
    if person is not None and line.positions and person.position not in line.positions:
        raise ValidationError(
            _("Vị trí của %(person)s không thuộc các vị trí của dòng khen thưởng %(line)s.")
            % {"person": person.full_name, "line": line.line_id}
        )


def candidate_reasons(round: Round, subject: str, code: str) -> list[str]:
    """The engine's reasons why a candidate is not eligible in the round ([] when eligible);
    a candidate without results in the round is not eligible either."""
    try:
        package = package_of(round.campaign)
    except PackageError as exc:
        raise ValidationError(
            _("Dữ liệu của kế hoạch chưa lập được gói hợp lệ (%(problem)s).") % {"problem": exc}
        ) from exc
    results = package.results.get(round.code)
    listed = {
        Subject.COLLECTIVE: {entry.unit for entry in results.units} if results else set(),
        Subject.INDIVIDUAL: {entry.person for entry in results.people} if results else set(),
    }
    if code not in listed[subject]:
        return [_("chưa có kết quả của đợt")]
    return eligibility(package, round.code).get((subject, code), [])


@transaction.atomic
def create_nomination(
    *,
    actor: Any,
    round: Round,
    line: AwardLine,
    unit: Unit | None = None,
    person: Person | None = None,
    achievements: str = "",
    justification: str = "",
) -> Nomination:
    """Propose a collective (`unit`) or an individual (`person`) for a line of a round.
    Proposing the same candidate for the same line again returns the existing nomination."""
    round = (
        Round.objects.select_for_update(of=("self",))
        .select_related("campaign__owner")
        .get(pk=round.pk)
    )
    if (unit is None) == (person is None):
        raise ValidationError(_("Hãy chọn một tập thể hoặc một cá nhân để đề nghị."))
    if person is not None:
        person = Person.objects.select_related("unit").get(pk=person.pk)
        unit = person.unit
    proposer = unit
    require(actor, "awards.nominate", proposer)
    campaign = round.campaign
    if campaign.state not in CampaignState.LIVE:
        raise ValidationError(
            _("Kế hoạch chưa ban hành hoặc đã kết thúc, không thể đề nghị khen thưởng.")
        )
    if proposer.pk == campaign.owner_id or not proposer.path.startswith(campaign.owner.path):
        raise ValidationError(
            _("%(unit)s không thuộc phạm vi của kế hoạch.") % {"unit": proposer.name}
        )
    line = AwardLine.objects.select_related("block").get(pk=line.pk)
    _check_line(round, line, unit, person)
    existing = Nomination.objects.filter(round=round, line=line, unit=unit, person=person).first()
    if existing is not None:
        return existing
    _check_deadline(round, proposer)
    subject = Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE
    reasons = candidate_reasons(round, subject, person.code if person else unit.code)
    justification = _clean(justification)
    if reasons and len(justification) < MIN_JUSTIFICATION:
        raise ValidationError(
            _(
                "%(name)s chưa đủ điều kiện theo kế hoạch (%(reasons)s): hãy giải trình lý do đề "
                "nghị, ít nhất %(min)s ký tự."
            )
            % {
                "name": person.full_name if person else unit.name,
                "reasons": "; ".join(reasons),
                "min": MIN_JUSTIFICATION,
            }
        )
    nomination = Nomination.objects.create(
        round=round,
        line=line,
        proposer=proposer,
        subject=subject,
        unit=unit,
        person=person,
        achievements=_clean(achievements),
        justification=justification,
        reasons=reasons,
        created_at=timezone.now(),
    )
    record_audit(
        actor=actor,
        action="awards.create_nomination",
        obj=nomination,
        after={**_snapshot(nomination), "line": line.line_id, "reasons": reasons},
    )
    return nomination


def _require_editable(nomination: Nomination) -> None:
    if not nomination.is_editable:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(state)s”, không thể sửa.")
            % {"state": nomination.get_state_display()}
        )


@transaction.atomic
def update_nomination(
    *, actor: Any, nomination: Nomination, achievements: str, justification: str
) -> Nomination:
    nomination = _locked(nomination)
    require(actor, "awards.change_nomination", nomination)
    _require_editable(nomination)
    achievements, justification = _clean(achievements), _clean(justification)
    if nomination.reasons and len(justification) < MIN_JUSTIFICATION:
        raise ValidationError(
            _("Đối tượng chưa đủ điều kiện: giải trình phải có ít nhất %(min)s ký tự.")
            % {"min": MIN_JUSTIFICATION}
        )
    if (achievements, justification) == (nomination.achievements, nomination.justification):
        return nomination
    before = _snapshot(nomination)
    nomination.achievements, nomination.justification = achievements, justification
    nomination.save(update_fields=["achievements", "justification"])
    record_audit(
        actor=actor,
        action="awards.update_nomination",
        obj=nomination,
        before=before,
        after=_snapshot(nomination),
    )
    return nomination


def dossier_items(nomination: Nomination) -> list[DossierItem]:
    """The components the campaign requires of this nomination's subject."""
    return [
        item
        for item in DossierItem.objects.filter(campaign=nomination.round.campaign_id)
        if item.subject in (None, "", nomination.subject)
    ]


@transaction.atomic
def add_dossier_file(
    *, actor: Any, nomination: Nomination, component: str, file: Any
) -> DossierFile:
    """Keep one file of a component; the component's previous file is marked replaced. The
    file is checked like evidence (name, size, type read from its content): a refused file
    stores nothing."""
    nomination = _locked(nomination)
    require(actor, "awards.change_nomination", nomination)
    _require_editable(nomination)
    component = " ".join((component or "").split())
    allowed = [item.component for item in dossier_items(nomination)] + [OTHER_COMPONENT]
    if component not in allowed:
        raise ValidationError(
            _("“%(component)s” không phải thành phần hồ sơ của kế hoạch.")
            % {"component": component}
        )
    if file is None:
        raise ValidationError(
            _("Hãy chọn tệp cho thành phần “%(component)s”.") % {"component": component}
        )
    kind, name = check_evidence(file)
    previous = list(
        nomination.files.filter(component=component, replaced=False).values_list("pk", flat=True)
    )
    dossier = DossierFile(
        nomination=nomination,
        component=component,
        **stored_file_fields(actor=actor, file=file, kind=kind, name=name),
    )
    dossier.file.save(f"dossier.{kind.extensions[0]}", file, save=False)
    try:
        dossier.save()
        DossierFile.objects.filter(pk__in=previous).update(replaced=True)
        record_audit(
            actor=actor,
            action="awards.add_dossier_file",
            obj=nomination,
            after={"component": component, "file": name, "replaces": previous},
        )
    except Exception:
        dossier.file.delete(save=False)
        raise
    return dossier


def missing_components(nomination: Nomination) -> list[str]:
    present = set(
        nomination.files.filter(replaced=False).values_list("component", flat=True).distinct()
    )
    return [item.component for item in dossier_items(nomination) if item.component not in present]


@transaction.atomic
def submit_nomination(*, actor: Any, nomination: Nomination) -> Nomination:
    """Send the dossier to the office (again, after a return): every required component must
    be there and the deadline open."""
    nomination = _locked(nomination)
    require(actor, "awards.change_nomination", nomination)
    if nomination.state == NominationState.SUBMITTED:
        return nomination
    _require_editable(nomination)
    _check_deadline(nomination.round, nomination.proposer)
    missing = missing_components(nomination)
    if missing:
        raise ValidationError(
            [
                _("Hồ sơ còn thiếu thành phần “%(component)s”.") % {"component": component}
                for component in missing
            ]
        )
    before = _snapshot(nomination)
    nomination.state = NominationState.SUBMITTED
    nomination.submitted_by = acting_user(actor)
    nomination.submitted_at = timezone.now()
    nomination.save(update_fields=["state", "submitted_by", "submitted_at"])
    record_audit(
        actor=actor,
        action="awards.submit_nomination",
        obj=nomination,
        before=before,
        after=_snapshot(nomination),
    )
    return nomination


@transaction.atomic
def withdraw_nomination(*, actor: Any, nomination: Nomination) -> None:
    """Take back a nomination never sent: it and its files are deleted."""
    nomination = _locked(nomination)
    require(actor, "awards.change_nomination", nomination)
    if nomination.state != NominationState.DRAFT:
        raise ValidationError(_("Chỉ rút được đề nghị chưa gửi."))
    record_audit(
        actor=actor,
        action="awards.withdraw_nomination",
        obj=nomination,
        before=_snapshot(nomination),
    )
    files = [dossier.file.name for dossier in nomination.files.all()]
    nomination.delete()
    storage = DossierFile._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files])


# --- The office's appraisal ---------------------------------------------------------------


def default_checklist(nomination: Nomination) -> list[dict[str, Any]]:
    """One item per component the campaign requires, then the standards of the plan."""
    items = [item.component for item in dossier_items(nomination)] + [STANDARD_ITEM]
    return [{"item": item, "ok": False, "note": ""} for item in items]


def _clean_checklist(nomination: Nomination, checklist: list[dict[str, Any]]) -> list[dict]:
    expected = [row["item"] for row in default_checklist(nomination)]
    given = {str(row.get("item", "")): row for row in checklist or []}
    if sorted(given) != sorted(expected):
        raise ValidationError(_("Danh mục kiểm tra không khớp với hồ sơ kế hoạch yêu cầu."))
    return [
        {
            "item": item,
            "ok": given[item].get("ok") is True,
            "note": " ".join(str(given[item].get("note") or "").split()),
        }
        for item in expected
    ]


def _review(
    actor: Any,
    nomination: Nomination,
    *,
    outcome: str,
    state: str,
    checklist: list | None = None,
    reasons: str = "",
) -> NominationReview:
    before = _snapshot(nomination)
    nomination.state = state
    nomination.save(update_fields=["state"])
    review = NominationReview.objects.create(
        nomination=nomination,
        outcome=outcome,
        checklist=checklist or [],
        reasons=reasons,
        reviewed_by=acting_user(actor),
        reviewed_at=timezone.now(),
    )
    record_audit(
        actor=actor,
        action=f"awards.review_{outcome}",
        obj=nomination,
        before=before,
        after={**_snapshot(nomination), "review": review.pk, "reasons": reasons},
    )
    return review


@transaction.atomic
def receive_nomination(*, actor: Any, nomination: Nomination) -> Nomination:
    nomination = _locked(nomination)
    require(actor, "awards.review_nomination", nomination)
    if nomination.state == NominationState.RECEIVED:
        return nomination
    if nomination.state != NominationState.SUBMITTED:
        raise ValidationError(
            _("Chỉ tiếp nhận được hồ sơ đã gửi (hồ sơ đang “%(state)s”).")
            % {"state": nomination.get_state_display()}
        )
    _review(actor, nomination, outcome=ReviewOutcome.RECEIVED, state=NominationState.RECEIVED)
    return nomination


def _focal_officers(unit: Unit):
    return User.objects.filter(
        unit=unit, is_active=True, role_grants__role=Role.FOCAL_OFFICER
    ).distinct()


@transaction.atomic
def return_for_supplement(
    *, actor: Any, nomination: Nomination, reasons: str, checklist: list | None = None
) -> Nomination:
    """Return the dossier to the unit with what to supplement; its focal officers are told."""
    nomination = _locked(nomination)
    require(actor, "awards.review_nomination", nomination)
    if nomination.state == NominationState.RETURNED:
        return nomination
    if nomination.state not in NominationState.WITH_OFFICE:
        raise ValidationError(
            _("Chỉ trả lại được hồ sơ đã gửi hoặc đã tiếp nhận (hồ sơ đang “%(state)s”).")
            % {"state": nomination.get_state_display()}
        )
    reasons = _clean(reasons)
    if len(reasons) < MIN_RETURN_REASONS:
        raise ValidationError(
            _("Hãy ghi rõ lý do trả lại và nội dung cần bổ sung (ít nhất %(min)s ký tự).")
            % {"min": MIN_RETURN_REASONS}
        )
    cleaned = _clean_checklist(nomination, checklist) if checklist else []
    review = _review(
        actor,
        nomination,
        outcome=ReviewOutcome.RETURNED,
        state=NominationState.RETURNED,
        checklist=cleaned,
        reasons=reasons,
    )
    candidate = nomination.person.full_name if nomination.person else nomination.unit.name
    notify(
        users=_focal_officers(nomination.proposer),
        key=f"nomination-returned-{review.pk}",
        title=_("Hồ sơ đề nghị khen thưởng %(candidate)s bị trả lại để bổ sung")
        % {"candidate": candidate},
        body=reasons,
        link=reverse("nomination_detail", args=[nomination.pk]),
    )
    return nomination


@transaction.atomic
def decide_nomination(
    *,
    actor: Any,
    nomination: Nomination,
    eligible: bool,
    checklist: list[dict[str, Any]],
    reasons: str = "",
) -> Nomination:
    """Find a dossier eligible (every checklist item ticked) or not (with reasons)."""
    nomination = _locked(nomination)
    require(actor, "awards.review_nomination", nomination)
    state = NominationState.ELIGIBLE if eligible else NominationState.INELIGIBLE
    if nomination.state == state:
        return nomination
    if nomination.state not in NominationState.WITH_OFFICE:
        raise ValidationError(
            _("Chỉ thẩm định được hồ sơ đã gửi hoặc đã tiếp nhận (hồ sơ đang “%(state)s”).")
            % {"state": nomination.get_state_display()}
        )
    cleaned = _clean_checklist(nomination, checklist)
    reasons = _clean(reasons)
    if eligible:
        failing = [row["item"] for row in cleaned if not row["ok"]]
        if failing:
            raise ValidationError(
                [
                    _("Chưa đạt: “%(item)s”; hồ sơ chỉ đủ điều kiện khi đạt mọi mục.")
                    % {"item": item}
                    for item in failing
                ]
            )
    elif len(reasons) < MIN_RETURN_REASONS:
        raise ValidationError(
            _("Hãy ghi rõ lý do không đủ điều kiện (ít nhất %(min)s ký tự).")
            % {"min": MIN_RETURN_REASONS}
        )
    _review(
        actor,
        nomination,
        outcome=ReviewOutcome.ELIGIBLE if eligible else ReviewOutcome.INELIGIBLE,
        state=state,
        checklist=cleaned,
        reasons=reasons,
    )
    return nomination
