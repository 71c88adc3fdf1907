"""State changes of a campaign: draft → issued → in progress → closed, amendments as new
versions, the cascade to subordinate units, deadlines reopened with a reason.

(To be merged into services.py once the package import/export there has landed.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.campaigns.enums import CampaignState, Deadline
from thidua.campaigns.models import (
    Assignment,
    AwardLine,
    Campaign,
    CampaignBlock,
    DeadlineReopening,
    DossierItem,
    Round,
    Target,
)
from thidua.core.services import record_audit
from thidua.organizations.models import Unit

PLAN_FIELDS = (
    "number",
    "issued_on",
    "place",
    "issuer",
    "signer",
    "implements_text",
    "title",
    "kind",
    "purposes",
    "requirements",
    "contents",
    "scope",
    "funding",
    "recipients",
    "period_start",
    "period_end",
    "scales",
    "metrics",
    "eligibility",
)
CHILDREN = (Target, Round, AwardLine, DossierItem, Assignment)


def _require(actor: Any, perm: str, campaign: Campaign | None, owner: Unit | None = None) -> None:
    if actor is None:
        return
    target = campaign if campaign is not None else Campaign(owner=owner)
    if not actor.has_perm(perm, target):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với kế hoạch này.")


def _locked(campaign: Campaign) -> Campaign:
    return (
        Campaign.objects.select_for_update(of=("self",)).select_related("owner").get(pk=campaign.pk)
    )


def _transition(
    *, actor: Any, campaign: Campaign, allowed: tuple[str, ...], to: str, action: str, **changes
) -> Campaign:
    campaign = _locked(campaign)
    _require(actor, "campaigns.manage_campaign", campaign)
    if campaign.state == to and not changes:
        return campaign
    if campaign.state not in allowed:
        raise ValidationError(
            f"Kế hoạch đang ở trạng thái '{campaign.get_state_display()}', "
            f"không thể chuyển sang '{CampaignState(to).label}'."
        )
    before = campaign.state
    for field, value in changes.items():
        setattr(campaign, field, value)
    campaign.state = to
    campaign.save(update_fields=["state", "updated_at", *changes])
    record_audit(
        actor=actor, action=action, obj=campaign, before={"state": before}, after={"state": to}
    )
    return campaign


def _check_ready_to_issue(campaign: Campaign, number: str, issued_on: dt.date) -> None:
    problems = []
    if not number or number.startswith("/"):
        problems.append("chưa có số, ký hiệu")
    if not campaign.title.strip():
        problems.append("chưa có trích yếu")
    if not campaign.rounds.exists():
        problems.append("chưa có đợt xét (hằng năm, sơ kết hoặc tổng kết)")
    if campaign.period_end and issued_on > campaign.period_end:
        problems.append("ngày ban hành sau ngày kết thúc phong trào")
    if problems:
        raise ValidationError("Chưa thể ban hành kế hoạch: " + "; ".join(problems) + ".")


@transaction.atomic
def issue_campaign(*, actor: Any, campaign: Campaign, number: str, issued_on: dt.date) -> Campaign:
    """Issue a draft: its plan is frozen from now on. Issuing an amendment supersedes the
    version it amends."""
    number = (number or "").strip()
    _check_ready_to_issue(campaign, number, issued_on)
    campaign = _transition(
        actor=actor,
        campaign=campaign,
        allowed=(CampaignState.DRAFT,),
        to=CampaignState.ISSUED,
        action="campaign.issue",
        number=number,
        issued_on=issued_on,
    )
    if campaign.previous_id:
        _transition(
            actor=actor,
            campaign=campaign.previous,
            allowed=CampaignState.LIVE,
            to=CampaignState.SUPERSEDED,
            action="campaign.supersede",
        )
    return campaign


@transaction.atomic
def start_campaign(*, actor: Any, campaign: Campaign) -> Campaign:
    return _transition(
        actor=actor,
        campaign=campaign,
        allowed=(CampaignState.ISSUED,),
        to=CampaignState.IN_PROGRESS,
        action="campaign.start",
    )


@transaction.atomic
def close_campaign(*, actor: Any, campaign: Campaign) -> Campaign:
    return _transition(
        actor=actor,
        campaign=campaign,
        allowed=(CampaignState.IN_PROGRESS,),
        to=CampaignState.CLOSED,
        action="campaign.close",
    )


def _copy_plan(source: Campaign, target: Campaign, *, with_scheme: bool) -> None:
    """Copy the ordered parts of a plan (set-based: one insert per kind of part)."""
    kinds = CHILDREN if with_scheme else (Target, Round, DossierItem)
    for model in kinds:
        rows = list(model.objects.filter(campaign=source).order_by("position", "id"))
        for row in rows:
            row.pk = None
            row.campaign = target
        model.objects.bulk_create(rows)
    if with_scheme:
        CampaignBlock.objects.bulk_create(
            [
                CampaignBlock(campaign=target, block_id=row.block_id, position=row.position)
                for row in CampaignBlock.objects.filter(campaign=source)
            ]
        )


@transaction.atomic
def amend_campaign(*, actor: Any, campaign: Campaign) -> Campaign:
    """Start an amendment: a new draft version with the whole plan, the old one untouched."""
    campaign = _locked(campaign)
    _require(actor, "campaigns.manage_campaign", campaign)
    if campaign.state not in CampaignState.LIVE:
        raise ValidationError("Chỉ sửa đổi, bổ sung được kế hoạch đã ban hành, đang thực hiện.")
    if Campaign.objects.filter(previous=campaign).exists():
        raise ValidationError("Kế hoạch này đã có một bản sửa đổi, bổ sung.")
    amendment = Campaign.objects.create(
        owner=campaign.owner,
        implements=campaign.implements,
        previous=campaign,
        version=campaign.version + 1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{field: getattr(campaign, field) for field in PLAN_FIELDS},
    )
    amendment.number = None
    amendment.issued_on = None
    amendment.save(update_fields=["number", "issued_on"])
    _copy_plan(campaign, amendment, with_scheme=True)
    record_audit(actor=actor, action="campaign.amend", obj=amendment, before={"of": campaign.pk})
    return amendment


def implements_reference(campaign: Campaign) -> str:
    """How a plan cites the higher plan it implements."""
    parts = ["Kế hoạch"]
    if campaign.number:
        parts.append(f"số {campaign.number}")
    if campaign.issued_on:
        parts.append(f"ngày {campaign.issued_on:%d/%m/%Y}")
    parts.append(f"của {campaign.issuer}")
    return " ".join(parts) + f" về {campaign.title}"


@transaction.atomic
def create_implementing_campaign(*, actor: Any, higher: Campaign, owner: Unit) -> Campaign:
    """A subordinate unit's own plan implementing a higher one, pre-filled from it: purposes,
    contents, targets, rounds and dossier rules; the award scheme is the unit's own."""
    if higher.state not in CampaignState.LIVE:
        raise ValidationError("Chỉ triển khai được kế hoạch cấp trên đã ban hành.")
    if not owner.path.startswith(higher.owner.path) or owner.pk == higher.owner_id:
        raise ValidationError(f"{owner} không thuộc phạm vi của {higher.issuer}.")
    _require(actor, "campaigns.manage_campaign", None, owner=owner)
    campaign = Campaign.objects.create(
        owner=owner,
        implements=higher,
        implements_text=implements_reference(higher),
        issuer=owner.name,
        place=None,
        title=higher.title,
        kind=higher.kind,
        purposes=higher.purposes,
        requirements=higher.requirements,
        contents=higher.contents,
        scope=None,
        funding=higher.funding,
        recipients=[],
        period_start=higher.period_start,
        period_end=higher.period_end,
        scales=higher.scales,
        metrics=higher.metrics,
        eligibility=higher.eligibility,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _copy_plan(higher, campaign, with_scheme=False)
    record_audit(actor=actor, action="campaign.implement", obj=campaign, after={"of": higher.pk})
    return campaign


@transaction.atomic
def reopen_deadline(
    *,
    actor: Any,
    round: Round,
    unit: Unit,
    deadline: str,
    until: dt.date,
    reason: str,
) -> DeadlineReopening:
    """Let one unit act after a passed deadline, until a date, for a recorded reason."""
    round = Round.objects.select_related("campaign__owner").get(pk=round.pk)
    _require(actor, "campaigns.manage_campaign", round.campaign)
    if deadline not in Deadline.values:
        raise ValidationError(f"Loại hạn '{deadline}' không hợp lệ.")
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise ValidationError("Hãy ghi rõ lý do mở lại hạn (ít nhất 10 ký tự).")
    if until < timezone.localdate():
        raise ValidationError("Ngày mở lại đến phải từ hôm nay trở đi.")
    if not unit.path.startswith(round.campaign.owner.path):
        raise ValidationError(f"{unit} không thuộc phạm vi của kế hoạch.")
    reopening = DeadlineReopening.objects.create(
        round=round,
        unit=unit,
        deadline=deadline,
        until=until,
        reason=reason,
        by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_audit(
        actor=actor,
        action="round.reopen",
        obj=round,
        after={"unit": unit.code, "until": str(until)},
    )
    return reopening


def deadline_open_for(round: Round, unit: Unit, deadline: str, *, on: dt.date) -> bool:
    """Whether a unit may still act: the day written in the plan is still in time."""
    day = (
        round.registration_deadline
        if deadline == Deadline.REGISTRATION
        else (round.nomination_deadline)
    )
    if day is None or on <= day:
        return True
    return DeadlineReopening.objects.filter(
        round=round, unit=unit, deadline=deadline, until__gte=on
    ).exists()
