"""The results feed: monitoring carried into the round's results, and from there into the
campaign package."""

import datetime as dt
import operator
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.campaigns.factories import make_campaign
from tests.factories import make_person, make_unit
from thidua.campaigns.models import Campaign, Participant, PersonResult, Round, UnitResult
from thidua.campaigns.package import read_package
from thidua.campaigns.services import enrol, export_package, set_unit_metrics
from thidua.core.models import AuditEvent
from thidua.monitoring import services
from thidua.monitoring.models import Initiative, ParAssessment, ParFramework, Violation
from thidua.monitoring.services.results import round_period, round_year
from thidua.organizations.services import set_person_rating, set_unit_rating

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)


def _appraise(unit, total: str, rating: str, *, year: int = 2025, state: str = "appraised"):
    framework, _created = ParFramework.objects.get_or_create(
        year=year,
        level=unit.level,
        owner=None,
        defaults={"name": f"Bộ chỉ số CCHC cấp xã năm {year}", "created_at": timezone.now()},
    )
    return ParAssessment.objects.create(
        framework=framework,
        unit=unit,
        state=state,
        appraised_total=Decimal(total),
        rating=rating,
        appraised_at=timezone.now(),
    )


def _violation(unit, *, person=None, on=DAY, counted=True, kind="discipline") -> Violation:
    return Violation.objects.create(
        unit=unit,
        person=person,
        kind=kind,
        occurred_on=on,
        description="Chậm trễ giải quyết hồ sơ",
        counted=counted,
        recorded_at=timezone.now(),
    )


def _initiative(unit, *, authors=(), on=DAY) -> Initiative:
    initiative = Initiative.objects.create(
        unit=unit,
        title="Số hóa hồ sơ một cửa",
        level="district",
        recognized_on=on,
        decision_ref="45/QĐ-UBND",
        recorded_at=timezone.now(),
    )
    initiative.authors.set(authors)
    return initiative


def _unit_metrics(round_, unit) -> dict:
    return UnitResult.objects.get(round=round_, unit=unit).metrics


def _person_metrics(round_, person) -> dict:
    return PersonResult.objects.get(round=round_, person=person).metrics


@pytest.fixture
def competing(trio, round_):
    """Commune A takes part with its person A as a competitor."""
    enrol(campaign_id=round_.campaign_id, unit=trio["a"], people={trio["person_a"].pk})
    return round_


# The round's year and period --------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "code", "year", "period"),
    [
        (dt.date(2021, 1, 1), dt.date(2023, 6, 30), "SK", 2023, (dt.date(2021, 1, 1), None)),
        (dt.date(2024, 7, 1), None, "X", 2024, (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
        (None, None, "2022", 2022, (dt.date(2022, 1, 1), dt.date(2022, 12, 31))),
        (None, None, "Năm 2022", None, None),
    ],
    ids=["start-and-end", "start-only", "year-code", "no-year"],
)
def test_the_year_and_period_of_a_round(start, end, code, year, period):
    round_ = Round(start=start, end=end, code=code)
    if period is not None and period[1] is None:
        period = (start, end)
    assert (round_year(round_), round_period(round_)) == (year, period)


# What the feed writes ----------------------------------------------------------------------


def test_the_feed_writes_every_metric_of_the_unit_and_its_competitors(trio, competing):
    _appraise(trio["a"], "91.50", "Xuất sắc")
    set_unit_rating(actor=None, unit=trio["a"], year=2025, task_rating="HTXSNV")
    set_person_rating(actor=None, person=trio["person_a"], year=2025, task_rating="HTTNV")
    _violation(trio["a"])
    _violation(trio["a"], person=trio["person_a"])
    _initiative(trio["a"], authors=[trio["person_a"]])
    _initiative(trio["a"])

    assert services.refresh_round_results(round=competing) == 2

    assert _unit_metrics(competing, trio["a"]) == {
        "score": 91.5,
        "par_rating": "Xuất sắc",
        "task_rating": "HTXSNV",
        "violations": 2,
        "initiatives": 2,
    }
    assert _person_metrics(competing, trio["person_a"]) == {
        "task_rating": "HTTNV",
        "violations": 1,
        "initiatives": 1,
    }
    assert UnitResult.objects.get(round=competing, unit=trio["a"]).registered is False


def test_a_whole_score_is_written_as_an_integer(trio, competing):
    _appraise(trio["a"], "88.00", "Tốt")
    services.refresh_round_results(round=competing)
    score = _unit_metrics(competing, trio["a"])["score"]
    assert (score, type(score)) == (88, int)


def test_what_lies_outside_the_round_or_is_not_counted_is_left_out(trio, competing):
    _appraise(trio["a"], "70", "Khá", year=2024)
    set_unit_rating(actor=None, unit=trio["a"], year=2024, task_rating="HTNV")
    _violation(trio["a"], on=dt.date(2024, 12, 31))
    _violation(trio["a"], kind="complaint", counted=False)
    _violation(trio["b"], person=trio["person_b"])
    _initiative(trio["a"], on=dt.date(2026, 1, 1))
    services.refresh_round_results(round=competing)
    assert _unit_metrics(competing, trio["a"]) == {"violations": 0, "initiatives": 0}
    assert _person_metrics(competing, trio["person_a"]) == {"violations": 0, "initiatives": 0}


def test_the_feed_keeps_the_metrics_other_sources_wrote_and_the_registration(trio, competing):
    set_unit_metrics(round=competing, unit=trio["a"], metrics={"tthc_on_time_pct": 99.6})
    UnitResult.objects.filter(round=competing).update(registered=True)
    PersonResult.objects.create(
        round=competing, person=trio["person_a"], registered=True, metrics={"score": 95}
    )
    services.refresh_round_results(round=competing)
    result = UnitResult.objects.get(round=competing, unit=trio["a"])
    assert (result.registered, result.metrics) == (
        True,
        {"tthc_on_time_pct": 99.6, "violations": 0, "initiatives": 0},
    )
    assert _person_metrics(competing, trio["person_a"]) == {
        "score": 95,
        "violations": 0,
        "initiatives": 0,
    }


def test_score_and_band_go_when_the_appraisal_no_longer_holds(trio, competing):
    assessment = _appraise(trio["a"], "91.5", "Xuất sắc")
    services.refresh_round_results(round=competing)
    assert _unit_metrics(competing, trio["a"])["score"] == 91.5
    ParAssessment.objects.filter(pk=assessment.pk).update(state="returned")
    assert services.refresh_round_results(round=competing) == 1
    assert _unit_metrics(competing, trio["a"]) == {"violations": 0, "initiatives": 0}


def test_the_latest_appraisal_of_the_year_holds(trio, competing):
    _appraise(trio["a"], "75", "Khá")
    own = ParFramework.objects.create(
        year=2025,
        level="commune",
        owner=trio["district"],
        name="Bộ chỉ số của huyện",
        created_at=timezone.now(),
    )
    ParAssessment.objects.create(
        framework=own,
        unit=trio["a"],
        state="appraised",
        appraised_total=Decimal("82"),
        rating="Tốt",
        appraised_at=timezone.now() + dt.timedelta(minutes=1),
    )
    services.refresh_round_results(round=competing)
    assert _unit_metrics(competing, trio["a"])["par_rating"] == "Tốt"


def test_a_round_without_a_year_is_left_alone(trio, competing):
    Round.objects.filter(pk=competing.pk).update(start=None, end=None, code="Đợt đặc biệt")
    competing.refresh_from_db()
    assert services.refresh_round_results(round=competing) == 0
    assert UnitResult.objects.count() == 0


# Idempotent and set-based -----------------------------------------------------------------


def test_a_second_run_writes_nothing(trio, competing, django_assert_num_queries):
    _appraise(trio["a"], "91.5", "Xuất sắc")
    _violation(trio["a"], person=trio["person_a"])
    assert services.refresh_round_results(round=competing) == 2
    before = list(UnitResult.objects.values()) + list(PersonResult.objects.values())
    # savepoint, the round locked, participants, the PAR, ratings, violations, initiatives of
    # the units; competitors, ratings, violations, initiatives of the people; the results of
    # both; release: no insert, no update
    with django_assert_num_queries(14):
        assert services.refresh_round_results(round=competing) == 0
    assert list(UnitResult.objects.values()) + list(PersonResult.objects.values()) == before


@pytest.mark.parametrize("count", [2, 20])
def test_the_feed_takes_the_same_queries_whatever_the_number_of_units(
    trio, round_, django_assert_num_queries, count
):
    for i in range(count):
        unit = make_unit(name=f"UBND xã Thử {i}", parent=trio["district"])
        person = make_person(unit=unit)
        enrol(campaign_id=round_.campaign_id, unit=unit, people={person.pk})
        _appraise(unit, "85", "Tốt")
        set_unit_rating(actor=None, unit=unit, year=2025, task_rating="HTTNV")
        _violation(unit, person=person)
        _initiative(unit, authors=[person])
    # 14 reads as in the second run, then one insert of units and one of people (commune A
    # takes part without competitors)
    with django_assert_num_queries(16):
        assert services.refresh_round_results(round=round_) == 2 * count + 1
    assert {r.metrics["score"] for r in UnitResult.objects.exclude(unit=trio["a"])} == {85}
    assert {r.metrics["violations"] for r in PersonResult.objects.all()} == {1}


# Which rounds a change refreshes -----------------------------------------------------------


def test_a_change_refreshes_only_the_live_rounds_of_that_year(trio, competing):
    draft = make_campaign(owner=trio["district"], state="draft")
    Participant.objects.create(campaign=draft, unit=trio["a"])
    closed = make_campaign(owner=trio["district"], state="closed", number="9/KH-UBND")
    Participant.objects.create(campaign=closed, unit=trio["a"])
    later = make_campaign(owner=trio["district"], state="issued", number="10/KH-UBND", rounds=2)
    Participant.objects.create(campaign=later, unit=trio["a"])
    _violation(trio["a"])

    assert services.refresh_results_for(units={trio["a"].pk}, year=2025) == 3

    assert set(UnitResult.objects.values_list("round__campaign", "round__code")) == {
        (competing.campaign_id, "2025"),
        (later.pk, "2025"),
    }
    assert set(PersonResult.objects.values_list("round__campaign", flat=True)) == {
        competing.campaign_id
    }


def test_a_round_over_several_years_is_refreshed_for_each_of_them(trio):
    campaign = make_campaign(owner=trio["district"], state="in_progress", number="5/KH-UBND")
    Round.objects.filter(campaign=campaign).update(
        kind="midterm", start=dt.date(2024, 1, 1), end=dt.date(2026, 6, 30)
    )
    Participant.objects.create(campaign=campaign, unit=trio["a"])
    _violation(trio["a"], on=dt.date(2024, 5, 1))
    assert services.refresh_results_for(units={trio["a"].pk}, year=2024) == 1
    assert _unit_metrics(campaign.rounds.get(), trio["a"])["violations"] == 1


# The office's action and the command -------------------------------------------------------


def test_the_office_refreshes_a_round_and_the_count_is_audited(trio, competing):
    _violation(trio["a"])
    assert services.refresh_results(actor=trio["standing"], round=competing) == 2
    [audit] = AuditEvent.objects.filter(action="round.refresh_results")
    assert (audit.actor, audit.after) == (trio["standing"], {"updated": 2})
    assert services.refresh_results(actor=trio["standing"], round=competing) == 0
    assert AuditEvent.objects.filter(action="round.refresh_results").count() == 1


def test_a_closed_campaign_is_not_refreshed(trio, competing):
    Campaign.objects.filter(pk=competing.campaign_id).update(state="closed")
    with pytest.raises(ValidationError) as caught:
        services.refresh_results(actor=trio["standing"], round=competing)
    assert caught.value.messages == [
        "Kế hoạch chưa ban hành hoặc đã kết thúc, không thể cập nhật kết quả theo dõi."
    ]
    assert UnitResult.objects.count() == 0


def test_the_command_refreshes_the_live_campaigns(trio, competing):
    _violation(trio["a"])
    out = StringIO()
    call_command("refresh_results", stdout=out)
    assert out.getvalue() == "Đã cập nhật 2 kết quả.\n"
    out = StringIO()
    call_command("refresh_results", "--campaign", str(competing.campaign_id), stdout=out)
    assert out.getvalue() == "Đã cập nhật 0 kết quả.\n"


@pytest.mark.parametrize("state", ["draft", None])
def test_the_command_refuses_a_campaign_that_is_not_live(trio, competing, state):
    if state:
        Campaign.objects.filter(pk=competing.campaign_id).update(state=state)
    campaign = competing.campaign_id if state else 999_999
    err = StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("refresh_results", "--campaign", str(campaign), stderr=err)
    assert caught.value.code == 2
    assert err.getvalue() == (
        f"Kế hoạch {campaign} chưa ban hành hoặc đã kết thúc, không thể cập nhật kết quả "
        "theo dõi.\n"
        if state
        else f"Không có kế hoạch mã số {campaign}.\n"
    )
    assert UnitResult.objects.count() == 0


# The package carries it ----------------------------------------------------------------------

OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}


def _holds(package, condition, metrics: dict, unit_metrics: dict) -> bool:
    """An eligibility condition read the way the allocation reads it: on the metric's scale
    when it has one, else as a number; `unit.` reads the person's unit."""
    source = unit_metrics if condition.metric.startswith("unit.") else metrics
    value = source.get(condition.metric.removeprefix("unit."))
    if value is None:
        return False
    levels = package.scale_of(condition.metric)
    if levels is not None:
        return OPS[condition.op](levels.index(value), levels.index(condition.value))
    return OPS[condition.op](value, condition.value)


def test_the_package_export_carries_the_results_and_eligibility_can_use_them(trio, competing):
    campaign = competing.campaign
    campaign.eligibility = {
        "collective": [
            {"metric": "par_rating", "op": ">=", "value": "Tốt", "text": "CCHC Tốt trở lên"},
            {"metric": "violations", "op": "==", "value": 0, "text": "Không có vi phạm"},
        ],
        "individual": [
            {"metric": "task_rating", "op": ">=", "value": "HTTNV", "text": None},
            {"metric": "initiatives", "op": ">=", "value": 1, "text": "Có sáng kiến"},
            {"metric": "unit.par_rating", "op": ">=", "value": "Khá", "text": None},
        ],
    }
    Campaign.objects.filter(pk=campaign.pk).update(eligibility=campaign.eligibility)
    b = Participant.objects.create(campaign=campaign, unit=trio["b"])
    _appraise(trio["a"], "91.50", "Xuất sắc")
    _appraise(trio["b"], "78.25", "Khá")
    set_unit_rating(actor=None, unit=trio["a"], year=2025, task_rating="HTXSNV")
    set_person_rating(actor=None, person=trio["person_a"], year=2025, task_rating="HTXSNV")
    services.record_violation(
        actor=trio["standing"],
        unit=trio["b"],
        kind="discipline",
        occurred_on=DAY,
        description="Chậm trễ giải quyết hồ sơ đất đai",
    )
    services.record_initiative(
        actor=trio["standing"],
        unit=trio["a"],
        title="Số hóa hồ sơ một cửa",
        authors=[trio["person_a"]],
        level="district",
        recognized_on=DAY,
        decision_ref="45/QĐ-UBND",
    )
    services.refresh_results(actor=trio["standing"], round=competing)

    exported = export_package(campaign)

    assert exported["results"]["2025"] == {
        "units": [
            {
                "unit": "TB-BA",
                "registered": False,
                "metrics": {
                    "score": 91.5,
                    "par_rating": "Xuất sắc",
                    "task_rating": "HTXSNV",
                    "violations": 0,
                    "initiatives": 1,
                },
            },
            {
                "unit": "TB-BC",
                "registered": False,
                "metrics": {
                    "score": 78.25,
                    "par_rating": "Khá",
                    "violations": 1,
                    "initiatives": 0,
                },
            },
        ],
        "people": [
            {
                "person": trio["person_a"].code,
                "registered": False,
                "metrics": {"task_rating": "HTXSNV", "violations": 0, "initiatives": 1},
            }
        ],
        "adhoc": [],
    }
    package = read_package(exported)
    results = package.results["2025"]
    units = {row.unit: row.metrics for row in results.units}
    eligible_units = [
        code
        for code, metrics in units.items()
        if all(_holds(package, c, metrics, metrics) for c in package.eligibility.collective)
    ]
    [person] = results.people
    # B has a violation: `violations == 0` fails; A passes par_rating and violations
    assert (b.unit.code, eligible_units) == ("TB-BC", ["TB-BA"])
    assert all(
        _holds(package, c, person.metrics, units["TB-BA"]) for c in package.eligibility.individual
    )
