"""State changes of a campaign: draft → issued → in progress → closed, amendments as new
versions, the cascade to subordinate units, deadlines reopened with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns import package
from thidua.campaigns.enums import (
    Area,
    CampaignKind,
    CampaignState,
    Deadline,
    Operator,
    RoundKind,
    Subject,
)
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
from thidua.core.services import acting_user, record_audit, require_perm
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
    require_perm(
        actor,
        perm,
        campaign if campaign is not None else Campaign(owner=owner),
        message=_("Bạn không có quyền thực hiện thao tác này với kế hoạch này."),
    )


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
        problems.append(_("chưa có số, ký hiệu"))
    elif (
        Campaign.objects.filter(
            owner_id=campaign.owner_id,
            number=number,
            issued_on__year=issued_on.year,
            state__in=CampaignState.FROZEN,
        )
        .exclude(pk=campaign.pk)
        .exists()
    ):
        problems.append(
            _("số %(number)s đã dùng cho một kế hoạch khác ban hành năm %(year)s")
            % {"number": number, "year": issued_on.year}
        )
    if not campaign.title.strip():
        problems.append(_("chưa có trích yếu"))
    if not campaign.rounds.exists():
        problems.append(_("chưa có đợt xét (hằng năm, sơ kết hoặc tổng kết)"))
    if campaign.period_end and issued_on > campaign.period_end:
        problems.append(_("ngày ban hành sau ngày kết thúc phong trào"))
    if problems:
        raise ValidationError(
            _("Chưa thể ban hành kế hoạch: %(problems)s.") % {"problems": "; ".join(problems)}
        )


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
        created_by=acting_user(actor),
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
def link_to_higher_plan(*, actor: Any, campaign: Campaign, higher: Campaign) -> Campaign:
    """Record that a plan entered on its own (imported, read from a file) implements a higher
    plan: the cascade and the roll-up then count it. Its text keeps what the plan wrote."""
    campaign = (
        Campaign.objects.select_for_update(of=("self",)).select_related("owner").get(pk=campaign.pk)
    )
    higher = Campaign.objects.select_related("owner").get(pk=higher.pk)
    _require(actor, "campaigns.manage_campaign", campaign)
    if higher.pk == campaign.pk or higher.state not in {*CampaignState.LIVE, CampaignState.CLOSED}:
        raise ValidationError(_("Chỉ gắn được với một kế hoạch cấp trên đã ban hành."))
    if (
        not campaign.owner.path.startswith(higher.owner.path)
        or campaign.owner_id == higher.owner_id
    ):
        raise ValidationError(
            _("%(unit)s không thuộc phạm vi của %(issuer)s.")
            % {"unit": campaign.owner, "issuer": higher.issuer}
        )
    before = campaign.implements_id
    campaign.implements = higher
    if not campaign.implements_text:
        campaign.implements_text = implements_reference(higher)
    campaign.save(update_fields=["implements", "implements_text"])
    record_audit(
        actor=actor,
        action="campaign.link_higher",
        obj=campaign,
        before={"implements": before},
        after={"implements": higher.pk},
    )
    return campaign


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
        created_by=acting_user(actor),
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
        by=acting_user(actor),
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


# --- Drafting: the whole plan of a draft, entered on one form --------------------------------

PARTS = {
    "targets": Target,
    "rounds": Round,
    "lines": AwardLine,
    "dossier": DossierItem,
    "assignments": Assignment,
}
# Fields whose value must be unique within the campaign (parked before a bulk update, so that
# two rows may swap their codes).
CODE_FIELDS = {Target: "code", Round: "code", AwardLine: "line_id"}
EDITABLE_PLAN_FIELDS = (*PLAN_FIELDS, "implements")
PERSON_FLAGS = ("direct_reform_work", "female")


class PlanErrors:
    """Problems of a plan, each at its place: ("plan", None, field) or (part, row, field)."""

    def __init__(self) -> None:
        self.items: dict[str, list[str]] = {}

    def add(self, part: str, row: int | None, field: str | None, message: str) -> None:
        key = ".".join(str(bit) for bit in (part, row, field) if bit is not None)
        self.items.setdefault(key, []).append(message)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)


def standards_problem(
    *, eligibility: dict, scales: dict, metrics: list, block_codes: list[str]
) -> tuple[str, str] | None:
    """The first problem of the eligibility standards, declared scales and metrics, as the
    package reader sees it: (JSON path, Vietnamese message), or None. The reader is the one
    judge of what a package may hold, so a draft that passes here exports and imports."""
    probe = {
        "format": package.FORMAT,
        "campaign": {"issuer": "-", "title": "-", "kind": CampaignKind.THEMATIC},
        "blocks": [{"code": code, "name": code} for code in block_codes],
        "scales": scales,
        "metrics": metrics,
        "eligibility": eligibility,
    }
    try:
        package.read_package(probe)
    except package.PackageError as exc:
        return exc.path, exc.detail
    return None


def _check_unique(errors: PlanErrors, part: str, field: str, rows, what: str) -> None:
    seen: set[str] = set()
    for index, row in enumerate(rows):
        code = row.get(field)
        if code in seen:
            errors.add(
                part,
                index,
                field,
                _("%(what)s '%(code)s' bị trùng với một dòng ở trên.")
                % {"what": what, "code": code},
            )
        seen.add(code)


def check_plan(
    *,
    owner: Unit,
    plan: dict,
    targets: list[dict],
    rounds: list[dict],
    lines: list[dict],
    dossier: list[dict],
    assignments: list[dict],
    blocks: list,
    campaign: Campaign | None = None,
) -> None:
    """Every rule a draft must keep, each problem raised at its place (see PlanErrors)."""
    errors = PlanErrors()
    if not (plan.get("title") or "").strip():
        errors.add("plan", None, "title", _("Hãy nhập trích yếu của kế hoạch."))
    if not (plan.get("issuer") or "").strip():
        errors.add("plan", None, "issuer", _("Hãy nhập tên cơ quan ban hành."))
    if plan.get("kind") not in CampaignKind.values:
        errors.add("plan", None, "kind", _("Hãy chọn loại phong trào."))
    start, end = plan.get("period_start"), plan.get("period_end")
    if start and end and end < start:
        errors.add("plan", None, "period_end", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
    higher = plan.get("implements")
    if higher is not None:
        if campaign is not None and higher.pk == campaign.pk:
            errors.add("plan", None, "implements", _("Kế hoạch không thể thực hiện chính nó."))
        elif higher.owner_id not in owner.ancestor_ids:
            errors.add(
                "plan",
                None,
                "implements",
                _("Kế hoạch cấp trên phải do một đơn vị cấp trên của %(unit)s ban hành.")
                % {"unit": owner},
            )
        elif higher.state not in CampaignState.FROZEN:
            errors.add("plan", None, "implements", _("Kế hoạch cấp trên chưa được ban hành."))
    problem = standards_problem(
        eligibility=plan.get("eligibility") or {},
        scales=plan.get("scales") or {},
        metrics=plan.get("metrics") or [],
        block_codes=[block.code for block in blocks],
    )
    if problem is not None:
        path, detail = problem
        place = next(
            (
                place
                for place in ("eligibility.collective", "eligibility.individual", "scales")
                if path.startswith(f"$.{place}")
            ),
            "metrics",
        )
        errors.add("plan", None, place, f"{path}: {detail}")

    _check_unique(errors, "targets", "code", targets, _("Mã chỉ tiêu"))
    for index, row in enumerate(targets):
        if row.get("area") not in Area.values:
            errors.add("targets", index, "area", _("Lĩnh vực không hợp lệ."))
        if row.get("op") not in Operator.values:
            errors.add("targets", index, "op", _("Phép so sánh không hợp lệ."))
        value = row.get("value")
        if isinstance(value, bool) and row.get("op") != "==":
            errors.add("targets", index, "op", _("Giá trị đúng/sai chỉ so sánh bằng (=)."))
        if not isinstance(value, bool | int | float):
            errors.add("targets", index, "value", _("Giá trị phải là một số hoặc đúng/sai."))

    _check_unique(errors, "rounds", "code", rounds, _("Mã đợt"))
    for index, row in enumerate(rounds):
        if row.get("kind") not in RoundKind.values:
            errors.add("rounds", index, "kind", _("Loại đợt không hợp lệ."))
        if row.get("start") and row.get("end") and row["end"] < row["start"]:
            errors.add("rounds", index, "end", _("Ngày kết thúc đợt phải từ ngày bắt đầu trở đi."))

    _check_unique(errors, "lines", "line_id", lines, _("Mã dòng"))
    earlier: dict[str, dict] = {}
    for index, row in enumerate(lines):
        subject = row.get("subject")
        if subject not in Subject.values:
            errors.add("lines", index, "subject", _("Hãy chọn đối tượng khen thưởng."))
        if row.get("round_kind") not in RoundKind.values:
            errors.add("lines", index, "round_kind", _("Hãy chọn đợt áp dụng."))
        tiers = row.get("tiers") or []
        if row.get("count") is not None and tiers:
            errors.add(
                "lines", index, "tiers", _("Nhập số lượng hoặc các giải, không nhập cả hai.")
            )
        if row.get("count") == 0:
            errors.add(
                "lines", index, "count", _("Số lượng phải từ 1 trở lên (để trống nếu đột xuất).")
            )
        if row.get("cap") and row.get("count") is None:
            errors.add("lines", index, "cap", _("'Không quá' cần có số lượng."))
        if row.get("block") is not None and row["block"] not in blocks:
            errors.add(
                "lines",
                index,
                "block",
                _("Khối '%(block)s' chưa được chọn tham gia kế hoạch (mục 6).")
                % {"block": row["block"]},
            )
        if row.get("positions") and subject != Subject.INDIVIDUAL:
            errors.add("lines", index, "positions", _("Vị trí chỉ dùng cho dòng khen cá nhân."))
        for field in ("priority", "tie_break"):
            flags = row.get(field) or []
            if flags and subject != Subject.INDIVIDUAL:
                errors.add(
                    "lines",
                    index,
                    field,
                    _("Ưu tiên nữ, trực tiếp làm CCHC chỉ dùng cho dòng khen cá nhân."),
                )
            elif any(flag not in PERSON_FLAGS for flag in flags) or len(set(flags)) < len(flags):
                errors.add("lines", index, field, _("Thứ tự ưu tiên không hợp lệ."))
        source = row.get("from_line")
        if source:
            if source not in earlier:
                errors.add(
                    "lines",
                    index,
                    "from_line",
                    _("Không có dòng '%(line)s' ở trên dòng này (chỉ lấy từ một dòng đứng trước).")
                    % {"line": source},
                )
            elif earlier[source].get("subject") != Subject.COLLECTIVE:
                errors.add(
                    "lines",
                    index,
                    "from_line",
                    _("Dòng '%(line)s' phải là dòng khen tập thể (đơn vị được khen).")
                    % {"line": source},
                )
            elif earlier[source].get("round_kind") != row.get("round_kind"):
                errors.add(
                    "lines",
                    index,
                    "from_line",
                    _("Dòng '%(line)s' áp dụng cho loại đợt khác; hai dòng phải cùng loại đợt.")
                    % {"line": source},
                )
        if row.get("per_unit_max") is not None and row["per_unit_max"] < 1:
            errors.add("lines", index, "per_unit_max", _("Tối đa mỗi đơn vị phải từ 1 trở lên."))
        if row.get("amount") is not None and row["amount"] < 0:
            errors.add("lines", index, "amount", _("Tiền thưởng không được âm."))
        names = [tier.get("name") for tier in tiers]
        if len(set(names)) < len(names):
            errors.add("lines", index, "tiers", _("Tên giải bị trùng."))
        if any(tier.get("count", 0) < 1 for tier in tiers):
            errors.add("lines", index, "tiers", _("Số lượng mỗi giải phải từ 1 trở lên."))
        earlier.setdefault(row.get("line_id"), row)

    for index, row in enumerate(dossier):
        if row.get("copies") is not None and row["copies"] < 1:
            errors.add("dossier", index, "copies", _("Số bộ phải từ 1 trở lên."))
    for index, row in enumerate(assignments):
        unit = row.get("unit")
        if unit is not None and not unit.path.startswith(owner.path):
            errors.add(
                "assignments",
                index,
                "unit",
                _("%(unit)s không thuộc phạm vi của %(owner)s.") % {"unit": unit, "owner": owner},
            )
    errors.raise_if_any()


def _sync_rows(model, campaign: Campaign, rows: list[dict]) -> None:
    """Make the campaign's rows of one part exactly `rows`, in order: a row carrying the id of
    one of its rows updates it (results and proposals hanging on it stay), the others are
    created, the rows left out are deleted. A handful of queries whatever the number of rows."""
    existing = {row.pk: row for row in model.objects.filter(campaign=campaign)}
    kept, created, fields = [], [], {"position"}
    code_field = CODE_FIELDS.get(model)
    codes_change = False
    for position, data in enumerate(rows):
        data = dict(data)
        row = existing.pop(data.pop("id", None), None)
        if row is None:
            row = model(campaign=campaign)
            created.append(row)
        else:
            kept.append(row)
            codes_change |= bool(code_field) and getattr(row, code_field) != data.get(code_field)
        for field, value in data.items():
            setattr(row, field, value)
            fields.add(field)
        row.position = position
    if existing:
        model.objects.filter(pk__in=list(existing)).delete()
    if kept:
        if codes_change:
            model.objects.filter(pk__in=[row.pk for row in kept]).update(
                **{code_field: Concat(Value("~"), Cast("id", CharField()))}
            )
        model.objects.bulk_update(kept, sorted(fields))
    model.objects.bulk_create(created)


def _sync_blocks(campaign: Campaign, blocks: list) -> None:
    CampaignBlock.objects.filter(campaign=campaign).delete()
    CampaignBlock.objects.bulk_create(
        [
            CampaignBlock(campaign=campaign, block=block, position=position)
            for position, block in enumerate(blocks)
        ]
    )


def _clean_plan(plan: dict) -> dict:
    unknown = set(plan) - set(EDITABLE_PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    plan = dict(plan)
    for field in ("purposes", "requirements", "contents", "recipients", "metrics"):
        plan[field] = list(plan.get(field) or [])
    plan["scales"] = dict(plan.get("scales") or {})
    plan["eligibility"] = dict(plan.get("eligibility") or {})
    if plan.get("implements") is not None and not (plan.get("implements_text") or "").strip():
        plan["implements_text"] = implements_reference(plan["implements"])
    return plan


@transaction.atomic
def create_campaign(
    *,
    actor: Any,
    owner: Unit,
    plan: dict,
    targets: list[dict] = (),
    rounds: list[dict] = (),
    lines: list[dict] = (),
    dossier: list[dict] = (),
    assignments: list[dict] = (),
    blocks: list = (),
) -> Campaign:
    """A new draft plan of `owner`, with all its parts, in one go (or nothing on a problem)."""
    _require(actor, "campaigns.manage_campaign", None, owner=owner)
    plan = _clean_plan(plan)
    parts = {
        "targets": list(targets),
        "rounds": list(rounds),
        "lines": list(lines),
        "dossier": list(dossier),
        "assignments": list(assignments),
    }
    check_plan(owner=owner, plan=plan, blocks=list(blocks), **parts)
    campaign = Campaign.objects.create(
        owner=owner,
        created_by=acting_user(actor),
        **plan,
    )
    for name, model in PARTS.items():
        _sync_rows(model, campaign, parts[name])
    _sync_blocks(campaign, list(blocks))
    record_audit(actor=actor, action="campaign.create", obj=campaign)
    return campaign


@transaction.atomic
def update_campaign(
    *,
    actor: Any,
    campaign: Campaign,
    plan: dict,
    targets: list[dict],
    rounds: list[dict],
    lines: list[dict],
    dossier: list[dict],
    assignments: list[dict],
    blocks: list,
) -> Campaign:
    """Replace the whole plan of a draft: its fields and every part, in one transaction."""
    campaign = _locked(campaign)
    _require(actor, "campaigns.manage_campaign", campaign)
    if campaign.state != CampaignState.DRAFT:
        raise ValidationError(
            _("Kế hoạch đã ban hành không sửa trực tiếp được; hãy lập bản sửa đổi, bổ sung.")
        )
    plan = _clean_plan(plan)
    parts = {
        "targets": list(targets),
        "rounds": list(rounds),
        "lines": list(lines),
        "dossier": list(dossier),
        "assignments": list(assignments),
    }
    check_plan(owner=campaign.owner, plan=plan, blocks=list(blocks), campaign=campaign, **parts)
    before = {
        field: str(getattr(campaign, field)) for field in ("title", "period_start", "period_end")
    }
    for field, value in plan.items():
        setattr(campaign, field, value)
    campaign.save(update_fields=[*plan, "updated_at"])
    for name, model in PARTS.items():
        _sync_rows(model, campaign, parts[name])
    _sync_blocks(campaign, list(blocks))
    record_audit(
        actor=actor,
        action="campaign.update",
        obj=campaign,
        before=before,
        after={field: str(getattr(campaign, field)) for field in before},
    )
    return campaign
