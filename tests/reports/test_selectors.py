import pytest

from tests.awards.certificate_helpers import extra_lines, give
from tests.reports.helpers import TOTAL, province_cascade, record_conduct
from thidua.campaigns.models import Campaign
from thidua.organizations.models import Unit
from thidua.reports.selectors import (
    build_result_report,
    build_rollup,
    report_campaigns_for,
)


@pytest.fixture
def cascade(trio):
    return province_cascade(trio)


def test_result_report_counts_the_round(cascade):
    record_conduct(cascade)
    report = build_result_report(cascade["round"])
    assert report.title == "kết quả"
    assert report.results == 4
    assert report.decisions == ["15/QĐ-UBND"]
    assert [(s.form, s.tier, s.subject, s.count, s.female, s.amount) for s in report.awards] == [
        ("Giấy khen", "Giải Nhất", "collective", 1, 0, 1_404_000),
        ("Giấy khen", "", "individual", 2, 1, 1_404_000),
    ]
    assert report.spent == TOTAL
    assert report.spent_text == "2.808.000"
    assert report.violations == [
        ("Vi phạm kỷ luật, kỷ cương hành chính", 1),
        ("Khiếu nại, tố cáo, phản ánh của người dân", 0),
    ]
    assert ("Cấp huyện", 1) in report.initiatives


def test_result_report_leaves_out_draft_decisions(cascade):
    cascade["decision"].state = "draft"
    cascade["decision"].save(update_fields=["state"])
    report = build_result_report(cascade["round"])
    assert report.awards == []
    assert report.spent == 0


def test_rollup_aggregates_the_district_plan_and_lists_units_without_a_plan(cascade):
    rollup = build_rollup(cascade["plan"])
    rows = [(row.unit.code, row.depth, row.status) for row in rollup.rows]
    assert rows[0] == ("TB", 1, "reported")
    communes = {code for code, depth, status in rows[1:] if depth == 2 and status == "no_plan"}
    assert {"TB-BA", "TB-BC"} <= communes
    district = rollup.rows[0].figures
    assert (district.registered, district.collective, district.individual, district.female) == (
        4,
        1,
        2,
        1,
    )
    assert rollup.total.amount == TOTAL
    assert [(f.level, f.form, f.collective, f.individual, f.female) for f in rollup.forms] == [
        ("Cấp huyện", "Giấy khen", 1, 2, 1)
    ]
    assert rollup.implementing == 1
    assert {row.unit.code for row in rollup.missing} == communes


def test_rollup_marks_a_plan_without_results(cascade, trio):
    other = Unit.objects.create(
        code="QNA-DB",
        name="UBND huyện Duy Xuyên",
        kind="district",
        level="district",
        parent=trio["province"],
        path=f"{trio['province'].path}999/",
    )
    Campaign.objects.create(
        owner=other,
        issuer="UBND huyện Duy Xuyên",
        title="Kế hoạch thực hiện",
        kind="thematic",
        state="issued",
        implements=cascade["plan"],
    )
    statuses = {row.unit.code: row.status for row in build_rollup(cascade["plan"]).rows}
    assert statuses["QNA-DB"] == "no_results"
    assert statuses["TB"] == "reported"


def test_a_draft_plan_below_does_not_count(cascade):
    Campaign.objects.filter(pk=cascade["campaign"].pk).update(state="draft")
    rollup = build_rollup(cascade["plan"])
    assert rollup.rows[0].status == "no_plan"
    assert rollup.total.amount == 0


def test_who_reads_the_reports(cascade, trio):
    plan, district_plan = cascade["plan"], cascade["campaign"]
    assert set(report_campaigns_for(cascade["province_standing"])) == {plan, district_plan}
    for user in (trio["standing"], cascade["leader"], cascade["council"]):
        assert set(report_campaigns_for(user)) == {district_plan}
    assert not report_campaigns_for(trio["focal_a"]).exists()
    assert not report_campaigns_for(trio["focal_b"]).exists()


@pytest.mark.parametrize("more", [0, 20])
def test_the_reports_hold_their_query_count(cascade, django_assert_num_queries, more):
    for i, line in enumerate(extra_lines(cascade, more)):
        give(cascade, cascade["decision"], line=line, unit=cascade["b"], code=f"GK-X-{i:04d}")
    round_ = cascade["round"]
    with django_assert_num_queries(17):
        build_result_report(round_)
    with django_assert_num_queries(8):
        build_rollup(cascade["plan"])
