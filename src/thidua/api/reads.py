"""Reading endpoints: units, people, campaigns and their packages, a round's registrations,
results and nominations, decisions, awards and target reports."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from ninja import Router
from ninja.pagination import paginate

from thidua.api.common import Id, IdFilter, Pages, TextFilter, YearFilter, allowed, check, visible
from thidua.api.schemas import (
    ERRORS,
    AwardOut,
    CampaignOut,
    DecisionDetailOut,
    DecisionOut,
    NominationOut,
    PersonOut,
    PersonResultOut,
    RegistrationOut,
    ReportOut,
    UnitOut,
    UnitResultOut,
)
from thidua.awards.enums import DecisionState
from thidua.awards.models import Award, Decision
from thidua.awards.rules import prints_for_issuer
from thidua.awards.selectors import decisions_for, nominations_for
from thidua.campaigns.enums import CampaignState
from thidua.campaigns.models import PersonResult, Round, UnitResult
from thidua.campaigns.selectors import campaign_list, campaigns_for
from thidua.campaigns.services import export_package
from thidua.core.enums import Role
from thidua.core.text import fold
from thidua.monitoring.models import Evidence, TargetValue
from thidua.monitoring.selectors import registrations_for, reports_for, rounds_for
from thidua.organizations.selectors import people_for, units_for

router = Router()


def _round(user, pk: int) -> Round:
    return visible(rounds_for(user).select_related("campaign__owner"), pk)


# --- Units and people -------------------------------------------------------------------------


@router.get("/units", response={200: list[UnitOut], **ERRORS}, tags=["Đơn vị, cá nhân"])
@paginate(Pages)
def list_units(
    request,
    code: str | None = TextFilter("Mã đơn vị.", 40),
    parent_id: int | None = IdFilter("Đơn vị cấp trên trực tiếp."),
    q: str | None = TextFilter("Tìm theo tên, có hay không dấu."),
):
    """The units the account sees: the whole subtree for the office, council and leaders, its
    own unit for a focal officer."""
    units = units_for(request.user)
    if code:
        units = units.filter(code=code)
    if parent_id:
        units = units.filter(parent_id=parent_id)
    if q and fold(q):
        units = units.filter(search_name__contains=fold(q))
    return units.order_by("sort_key", "pk")


@router.get("/units/{pk}", response={200: UnitOut, **ERRORS}, tags=["Đơn vị, cá nhân"])
def get_unit(request, pk: int = Id()):
    return visible(units_for(request.user), pk)


@router.get("/people", response={200: list[PersonOut], **ERRORS}, tags=["Đơn vị, cá nhân"])
@paginate(Pages)
def list_people(
    request,
    unit_id: int | None = IdFilter("Cá nhân của đơn vị này."),
    unit_code: str | None = TextFilter("Mã đơn vị.", 40),
    q: str | None = TextFilter("Tìm theo họ tên (có hay không dấu) hoặc mã."),
    active: bool | None = None,
):
    people = people_for(request.user)
    if unit_id:
        people = people.filter(unit_id=unit_id)
    if unit_code:
        people = people.filter(unit__code=unit_code)
    if q and q.strip():
        people = people.filter(Q(search_name__contains=fold(q)) | Q(code__iexact=q.strip()))
    if active is not None:
        people = people.filter(active=active)
    return people.order_by("sort_key", "pk")


@router.get("/people/{pk}", response={200: PersonOut, **ERRORS}, tags=["Đơn vị, cá nhân"])
def get_person(request, pk: int = Id()):
    return visible(people_for(request.user), pk)


# --- Campaigns -------------------------------------------------------------------------------


def _with_rounds(campaigns):
    return campaigns.select_related("owner").prefetch_related(
        Prefetch("rounds", Round.objects.order_by("position", "pk"))
    )


@router.get("/campaigns", response={200: list[CampaignOut], **ERRORS}, tags=["Kế hoạch"])
@paginate(Pages)
def list_campaigns(
    request,
    year: int | None = YearFilter(),
    state: CampaignState | None = None,
    owner_code: str | None = TextFilter("Mã đơn vị ban hành.", 40),
):
    """The plans the account sees (its unit's, those of the units under it for the office,
    and the issued plans of the units above), newest first."""
    campaigns = campaign_list(request.user, year=year, state=state or "")
    if owner_code:
        campaigns = campaigns.filter(owner__code=owner_code)
    return allowed(request.user, "campaigns.view_campaign", _with_rounds(campaigns))


def _campaign(request, pk: int):
    campaign = visible(_with_rounds(campaigns_for(request.user)), pk)
    check(request.user, "campaigns.view_campaign", campaign)
    return campaign


@router.get("/campaigns/{pk}", response={200: CampaignOut, **ERRORS}, tags=["Kế hoạch"])
def get_campaign(request, pk: int = Id()):
    return _campaign(request, pk)


@router.get("/campaigns/{pk}/package", response={200: dict, **ERRORS}, tags=["Kế hoạch"])
def get_package(request, pk: int = Id()):
    """The plan as a thidua-campaign/1 package, as the web's JSON download."""
    return export_package(_campaign(request, pk))


# --- A round: registrations, results, nominations ------------------------------------------


@router.get(
    "/rounds/{pk}/registrations",
    response={200: list[RegistrationOut], **ERRORS},
    tags=["Đợt thi đua"],
)
@paginate(Pages)
def list_registrations(
    request,
    pk: int = Id("Đợt thi đua."),
    state: str | None = TextFilter("Trạng thái đăng ký.", 20),
    unit_code: str | None = TextFilter("Mã đơn vị.", 40),
):
    round_ = _round(request.user, pk)
    registrations = registrations_for(request.user).filter(round=round_)
    if state:
        registrations = registrations.filter(state=state)
    if unit_code:
        registrations = registrations.filter(unit__code=unit_code)
    registrations = registrations.select_related("unit", "round__campaign__owner").order_by(
        "unit__sort_key", "pk"
    )
    return allowed(request.user, "monitoring.view_registration", registrations)


@router.get(
    "/rounds/{pk}/unit-results",
    response={200: list[UnitResultOut], **ERRORS},
    tags=["Đợt thi đua"],
)
@paginate(Pages)
def list_unit_results(
    request, pk: int = Id("Đợt thi đua."), unit_code: str | None = TextFilter("Mã đơn vị.", 40)
):
    """The results (metrics) of the round's units the account sees."""
    round_ = _round(request.user, pk)
    results = UnitResult.objects.filter(round=round_, unit__in=units_for(request.user).values("pk"))
    if unit_code:
        results = results.filter(unit__code=unit_code)
    return results.select_related("unit").order_by("unit__sort_key", "pk")


@router.get(
    "/rounds/{pk}/person-results",
    response={200: list[PersonResultOut], **ERRORS},
    tags=["Đợt thi đua"],
)
@paginate(Pages)
def list_person_results(
    request, pk: int = Id("Đợt thi đua."), unit_code: str | None = TextFilter("Mã đơn vị.", 40)
):
    round_ = _round(request.user, pk)
    results = PersonResult.objects.filter(
        round=round_, person__in=people_for(request.user).values("pk")
    )
    if unit_code:
        results = results.filter(person__unit__code=unit_code)
    return results.select_related("person").order_by("person__sort_key", "pk")


@router.get(
    "/rounds/{pk}/nominations",
    response={200: list[NominationOut], **ERRORS},
    tags=["Đợt thi đua"],
)
@paginate(Pages)
def list_nominations(
    request,
    pk: int = Id("Đợt thi đua."),
    state: str | None = TextFilter("Trạng thái đề nghị.", 20),
    unit_code: str | None = TextFilter("Mã đơn vị đề nghị.", 40),
):
    """The round's nominations the account may read (its own unit's, or all for the office of
    the campaign): their state, line and candidate."""
    round_ = _round(request.user, pk)
    nominations = nominations_for(request.user).filter(round=round_)
    if state:
        nominations = nominations.filter(state=state)
    if unit_code:
        nominations = nominations.filter(proposer__code=unit_code)
    nominations = nominations.select_related(
        "line", "unit", "person", "proposer", "round__campaign__owner"
    ).order_by("line__position", "pk")
    return allowed(request.user, "awards.view_nomination", nominations)


# --- Decisions and awards --------------------------------------------------------------------


def _decisions(user):
    """`decisions_for` with what `awards.view_decision` reads: whether the decision awards the
    account's own unit is read in the same query, not once per decision."""
    awarded = Award.objects.filter(decision=OuterRef("pk"), nomination__unit_id=user.unit_id)
    return (
        decisions_for(user)
        .select_related("issuer", "round")
        .annotate(awards_own_unit=Exists(awarded))
    )


def _may_view_decision(user, decision: Decision) -> bool:
    """The rule `awards.view_decision` on a row of `_decisions`."""
    return prints_for_issuer.test(user, decision) or (
        decision.is_issued and decision.awards_own_unit and user.has_role(Role.FOCAL_OFFICER)
    )


@router.get("/decisions", response={200: list[DecisionOut], **ERRORS}, tags=["Khen thưởng"])
@paginate(Pages)
def list_decisions(
    request,
    round_id: int | None = IdFilter("Đợt thi đua."),
    state: DecisionState | None = None,
    year: int | None = YearFilter(),
):
    decisions = _decisions(request.user)
    if round_id:
        decisions = decisions.filter(round_id=round_id)
    if state:
        decisions = decisions.filter(state=state)
    if year:
        decisions = decisions.filter(signed_on__year=year)
    decisions = decisions.order_by("-created_at", "-pk")
    return [d for d in decisions if _may_view_decision(request.user, d)]


def _awards(awards):
    return awards.select_related(
        "decision", "line", "nomination__unit", "nomination__person"
    ).order_by("decision__signed_on", "decision_id", "line__position", "rank", "pk")


@router.get("/decisions/{pk}", response={200: DecisionDetailOut, **ERRORS}, tags=["Khen thưởng"])
def get_decision(request, pk: int = Id()):
    """A decision with its list of awards."""
    decision = visible(decisions_for(request.user).select_related("issuer", "round"), pk)
    check(request.user, "awards.view_decision", decision)
    decision.award_list = list(_awards(decision.awards.all()))
    return decision


@router.get("/awards", response={200: list[AwardOut], **ERRORS}, tags=["Khen thưởng"])
@paginate(Pages)
def list_awards(
    request,
    year: int | None = YearFilter(),
    round_id: int | None = IdFilter("Đợt thi đua."),
    unit_code: str | None = TextFilter(
        "Mã đơn vị được khen (tập thể, hoặc đơn vị của cá nhân).", 40
    ),
):
    """Awards of issued decisions: those of the units the account sees (and their people),
    and those of the decisions it may read."""
    user = request.user
    readable = [
        d.pk
        for d in _decisions(user).filter(state=DecisionState.ISSUED)
        if _may_view_decision(user, d)
    ]
    awards = Award.objects.filter(decision__state=DecisionState.ISSUED).filter(
        Q(decision_id__in=readable) | Q(nomination__unit__in=units_for(user).values("pk"))
    )
    if year:
        awards = awards.filter(decision__signed_on__year=year)
    if round_id:
        awards = awards.filter(round_id=round_id)
    if unit_code:
        awards = awards.filter(nomination__unit__code=unit_code)
    return _awards(awards)


# --- Target reports ---------------------------------------------------------------------------


def report_queryset(user):
    return (
        reports_for(user)
        .select_related("round__campaign__owner", "unit")
        .prefetch_related(
            Prefetch(
                "values",
                TargetValue.objects.select_related("target").order_by("target__position", "pk"),
            ),
            Prefetch(
                "evidence", Evidence.objects.select_related("target").order_by("uploaded_at", "pk")
            ),
        )
    )


@router.get("/reports", response={200: list[ReportOut], **ERRORS}, tags=["Báo cáo chỉ tiêu"])
@paginate(Pages)
def list_reports(
    request,
    round_id: int | None = IdFilter("Đợt thi đua."),
    unit_id: int | None = IdFilter("Đơn vị báo cáo."),
    period: str | None = TextFilter("Kỳ báo cáo.", 40),
):
    reports = report_queryset(request.user)
    if round_id:
        reports = reports.filter(round_id=round_id)
    if unit_id:
        reports = reports.filter(unit_id=unit_id)
    if period:
        reports = reports.filter(period=period)
    reports = reports.order_by("round_id", "unit__sort_key", "period", "pk")
    return allowed(request.user, "monitoring.view_report", reports)


@router.get("/reports/{pk}", response={200: ReportOut, **ERRORS}, tags=["Báo cáo chỉ tiêu"])
def get_report(request, pk: int = Id()):
    report = visible(report_queryset(request.user), pk)
    check(request.user, "monitoring.view_report", report)
    return report
