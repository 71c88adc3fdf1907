"""Report periods: the office defines them (the quarters proposed), changes and deletes them;
a report is then for one of them. Screens and who may touch what."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.campaigns.factories import make_campaign
from thidua.core.models import AuditEvent
from thidua.monitoring import services
from thidua.monitoring.models import ReportPeriod, TargetReport

pytestmark = pytest.mark.django_db


def _periods(round_) -> list[tuple[str, dt.date]]:
    return list(ReportPeriod.objects.filter(round=round_).values_list("name", "due"))


def _add(trio, round_, name="Quý I/2025", due=dt.date(2025, 4, 15)):
    return services.save_report_period(actor=trio["standing"], round=round_, name=name, due=due)


def _report(trio, round_, period="Quý I/2025"):
    return services.save_target_report(
        actor=trio["focal_a"], round=round_, unit=trio["a"], period=period, values={"T1": 99}
    )


def _messages(caught) -> list[str]:
    return caught.value.messages


# Services ----------------------------------------------------------------------------------


def test_the_quarters_of_the_rounds_year_are_proposed_due_15_days_after(trio, round_):
    created = services.propose_quarters(actor=trio["standing"], round=round_)
    assert [(p.name, p.due) for p in created] == [
        ("Quý I/2025", dt.date(2025, 4, 15)),
        ("Quý II/2025", dt.date(2025, 7, 15)),
        ("Quý III/2025", dt.date(2025, 10, 15)),
        ("Quý IV/2025", dt.date(2026, 1, 15)),
    ]
    assert AuditEvent.objects.filter(action="report_period.propose").count() == 1


def test_proposing_again_adds_only_the_missing_quarters(trio, round_):
    _add(trio, round_, name="Quý II/2025", due=dt.date(2025, 7, 20))
    created = services.propose_quarters(actor=trio["standing"], round=round_)
    assert [p.name for p in created] == ["Quý I/2025", "Quý III/2025", "Quý IV/2025"]
    assert services.propose_quarters(actor=trio["standing"], round=round_) == []
    assert ("Quý II/2025", dt.date(2025, 7, 20)) in _periods(round_)
    assert ReportPeriod.objects.filter(round=round_).count() == 4


def test_the_office_adds_and_changes_a_period(trio, round_):
    period = _add(trio, round_, name="  6 tháng   đầu năm ", due=dt.date(2025, 6, 20))
    assert (period.name, period.due) == ("6 tháng đầu năm", dt.date(2025, 6, 20))
    services.save_report_period(
        actor=trio["standing"], round=round_, period=period, name="6 tháng", due=dt.date(2025, 7, 1)
    )
    assert _periods(round_) == [("6 tháng", dt.date(2025, 7, 1))]
    actions = AuditEvent.objects.filter(action__startswith="report_period").order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "report_period.create",
        "report_period.change",
    ]


@pytest.mark.parametrize(
    ("name", "due", "message"),
    [
        ("", dt.date(2025, 4, 15), "Hãy ghi tên kỳ báo cáo (ví dụ: Quý I/2025), tối đa 40 ký tự."),
        (
            "x" * 41,
            dt.date(2025, 4, 15),
            "Hãy ghi tên kỳ báo cáo (ví dụ: Quý I/2025), tối đa 40 ký tự.",
        ),
        ("Quý I/2025", dt.date(2025, 5, 1), "Đợt đã có kỳ báo cáo 'Quý I/2025'."),
        ("Quý II/2025", None, "Hãy ghi hạn báo cáo (dd/mm/yyyy)."),
        (
            "Quý II/2025",
            dt.date(2024, 12, 31),
            "Hạn báo cáo 31/12/2024 trước ngày bắt đầu đợt (01/01/2025).",
        ),
    ],
)
def test_a_bad_period_is_refused_and_nothing_changes(trio, round_, name, due, message):
    _add(trio, round_)
    with pytest.raises(ValidationError) as caught:
        _add(trio, round_, name=name, due=due)
    assert _messages(caught) == [message]
    assert _periods(round_) == [("Quý I/2025", dt.date(2025, 4, 15))]


def test_a_period_with_reports_keeps_its_name_but_may_move_its_due_date(trio, round_):
    period = _add(trio, round_)
    _report(trio, round_)
    with pytest.raises(ValidationError) as caught:
        services.save_report_period(
            actor=trio["standing"], round=round_, period=period, name="Quý 1", due=period.due
        )
    assert _messages(caught) == [
        "Kỳ Quý I/2025 đã có 1 báo cáo chỉ tiêu, không thể đổi tên; chỉ có thể đổi hạn báo cáo."
    ]
    services.save_report_period(
        actor=trio["standing"],
        round=round_,
        period=period,
        name="Quý I/2025",
        due=dt.date(2025, 4, 20),
    )
    assert _periods(round_) == [("Quý I/2025", dt.date(2025, 4, 20))]


def test_deleting_a_period_with_reports_is_refused_with_their_count(trio, round_):
    period = _add(trio, round_)
    _report(trio, round_)
    with pytest.raises(ValidationError) as caught:
        services.delete_report_period(actor=trio["standing"], period=period)
    assert _messages(caught) == [
        "Không thể xóa kỳ Quý I/2025: đã có 1 báo cáo chỉ tiêu của kỳ này."
    ]
    assert ReportPeriod.objects.count() == 1


def test_deleting_a_period_without_reports_twice(trio, round_):
    period = _add(trio, round_)
    services.delete_report_period(actor=trio["standing"], period=period)
    services.delete_report_period(actor=trio["standing"], period=period)
    assert ReportPeriod.objects.count() == 0
    assert AuditEvent.objects.filter(action="report_period.delete").count() == 1


def test_a_focal_officer_cannot_define_periods(trio, round_):
    period = _add(trio, round_)
    with pytest.raises(PermissionDenied):
        services.save_report_period(
            actor=trio["focal_a"], round=round_, name="Quý II/2025", due=period.due
        )
    with pytest.raises(PermissionDenied):
        services.propose_quarters(actor=trio["focal_a"], round=round_)
    with pytest.raises(PermissionDenied):
        services.delete_report_period(actor=trio["focal_a"], period=period)
    assert _periods(round_) == [("Quý I/2025", dt.date(2025, 4, 15))]


def test_periods_of_a_closed_plan_cannot_change(trio, round_):
    round_.campaign.state = "closed"
    round_.campaign.save()
    with pytest.raises(ValidationError) as caught:
        _add(trio, round_)
    assert _messages(caught) == ["Kế hoạch đã kết thúc, không thể sửa kỳ báo cáo."]


def test_a_report_for_a_period_the_round_does_not_have_is_refused(trio, round_):
    _add(trio, round_)
    _add(trio, round_, name="Quý II/2025", due=dt.date(2025, 7, 15))
    with pytest.raises(ValidationError) as caught:
        _report(trio, round_, period="Quý 1")
    assert _messages(caught) == [
        "Kỳ báo cáo 'Quý 1' không có trong đợt; hãy chọn một trong: Quý I/2025, Quý II/2025."
    ]
    assert _report(trio, round_).period == "Quý I/2025"


def test_without_periods_the_period_stays_free_text(trio, round_):
    assert _report(trio, round_, period="6 tháng đầu năm").period == "6 tháng đầu năm"


# Screens -----------------------------------------------------------------------------------


def test_the_report_form_offers_the_periods_the_next_due_first_chosen(client, trio, round_):
    _add(trio, round_, name="Quý I/2025", due=dt.date(2025, 4, 15))
    _add(trio, round_, name="Quý IV/2099", due=dt.date(2100, 1, 15))
    client.force_login(trio["focal_a"])
    response = client.get(reverse("report_form", args=[round_.pk]))
    field = response.context["form"]["period"]
    assert field.field.choices == [
        ("Quý I/2025", "Quý I/2025 (hạn 15/04/2025)"),
        ("Quý IV/2099", "Quý IV/2099 (hạn 15/01/2100)"),
    ]
    assert field.value() == "Quý IV/2099"


def test_the_report_form_posts_a_period_of_the_round(client, trio, round_):
    _add(trio, round_)
    client.force_login(trio["focal_a"])
    response = client.post(
        reverse("report_form", args=[round_.pk]),
        {"period": "Quý I/2025", "target_T1": "99", "target_T2": "yes"},
    )
    report = TargetReport.objects.get()
    assert (response.status_code, report.period) == (302, "Quý I/2025")
    response = client.post(
        reverse("report_form", args=[round_.pk]), {"period": "Quý 9", "target_T1": "99"}
    )
    assert response.context["form"].errors["period"] == [
        "Hãy chọn một lựa chọn hợp lệ. Quý 9 không phải là một trong các lựa chọn khả thi."
    ]


def test_the_office_manages_periods_on_the_round_page(client, trio, round_):
    client.force_login(trio["standing"])
    url = reverse("period_list", args=[round_.pk])
    response = client.post(url, {"name": "Quý I/2025", "due": "15/04/2025"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã thêm kỳ báo cáo Quý I/2025."]
    period = ReportPeriod.objects.get()
    _report(trio, round_)
    assert client.get(url).context["periods"] == [(period, 1)]
    response = client.post(
        reverse("period_edit", args=[period.pk]),
        {"name": "Quý I/2025", "due": "20/04/2025"},
        follow=True,
    )
    assert _periods(round_) == [("Quý I/2025", dt.date(2025, 4, 20))]
    response = client.post(reverse("period_delete", args=[period.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Không thể xóa kỳ Quý I/2025: đã có 1 báo cáo chỉ tiêu của kỳ này."
    ]
    response = client.post(reverse("period_propose", args=[round_.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã thêm 3 kỳ báo cáo theo quý: Quý II/2025, Quý III/2025, Quý IV/2025. Có thể sửa "
        "hạn từng kỳ."
    ]


def test_a_bad_date_on_the_form_says_where(client, trio, round_):
    client.force_login(trio["standing"])
    response = client.post(
        reverse("period_list", args=[round_.pk]), {"name": "Quý I/2025", "due": "31/02/2025"}
    )
    assert response.context["form"].errors == {"due": ["Nhập một ngày hợp lệ."]}
    assert ReportPeriod.objects.count() == 0


@pytest.mark.parametrize("count", [2, 20])
def test_the_period_list_takes_the_same_queries_for_2_or_20_periods(
    client, trio, round_, django_assert_num_queries, count
):
    for number in range(count):
        _add(trio, round_, name=f"Kỳ {number}", due=dt.date(2025, 4, 1) + dt.timedelta(number))
    client.force_login(trio["standing"])
    # session, user, role grants, unit of the user, the round with its campaign, report
    # counts, the periods, the unread notifications of the navigation bar
    with django_assert_num_queries(8):
        response = client.get(reverse("period_list", args=[round_.pk]))
    assert len(response.context["periods"]) == count


# Permissions -------------------------------------------------------------------------------

# (url name, method, what the url takes)
CASES = [
    ("period_list", "get", "round"),
    ("period_list", "post", "round"),
    ("period_propose", "post", "round"),
    ("period_edit", "get", "period"),
    ("period_edit", "post", "period"),
    ("period_delete", "post", "period"),
]
POST = {"name": "Quý II/2025", "due": "15/07/2025"}


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core"}
    }


def _url(name, takes, round_, period) -> str:
    return reverse(name, args=[round_.pk if takes == "round" else period.pk])


@pytest.mark.parametrize(("name", "method", "takes"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES])
def test_focal_officer_of_b_gets_404_on_every_period_url_of_a_plan_of_a(
    client, trio, name, method, takes
):
    campaign = make_campaign(owner=trio["a"], state="in_progress", number="3/KH-UBND")
    round_ = campaign.rounds.get()
    period = ReportPeriod.objects.create(round=round_, name="Quý I/2025", due=dt.date(2025, 4, 15))
    before = _snapshot()
    client.force_login(trio["focal_b"])
    response = getattr(client, method)(_url(name, takes, round_, period), POST)
    assert response.status_code == 404
    assert (_snapshot(), _periods(round_)) == (before, [("Quý I/2025", dt.date(2025, 4, 15))])


@pytest.mark.parametrize(("name", "method", "takes"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES])
def test_a_focal_officer_of_a_listed_unit_gets_403_on_every_period_url(
    client, trio, round_, name, method, takes
):
    period = _add(trio, round_)
    before = _snapshot()
    client.force_login(trio["focal_a"])
    response = getattr(client, method)(_url(name, takes, round_, period), POST)
    assert response.status_code == 403
    assert (_snapshot(), _periods(round_)) == (before, [("Quý I/2025", dt.date(2025, 4, 15))])
