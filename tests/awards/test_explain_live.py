"""On live data, the unit's and the person's pages explain why they are or are not eligible,
condition by condition, with the values used: the same engine as the proposal, on the package
of each live campaign whose round results hold them."""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.awards.live_helpers import live_campaign, texts
from tests.campaigns.factories import make_campaign
from thidua.awards.engine import explain
from thidua.awards.selectors import FAILS, HOLDS, NOT_APPLICABLE, package_of
from thidua.campaigns.models import Campaign, Participant, UnitResult
from thidua.organizations.models import Person, Unit

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def live(trio):
    campaign = live_campaign(trio["district"])
    return {**trio, "campaign": campaign, "round": campaign.rounds.get()}


def _unit_url(code: str) -> str:
    return reverse("unit_eligibility", args=[Unit.objects.get(code=code).pk])


def _person_url(code: str) -> str:
    return reverse("person_eligibility", args=[Person.objects.get(code=code).pk])


def _rows(explanation) -> list[tuple]:
    return [
        (
            row.text,
            row.actual,
            row.status,
            row.reason,
            [(o.text, o.actual, o.status, o.reason) for o in row.options],
        )
        for row in explanation.rows
    ]


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core", "organizations", "accounts"}
    }


def test_a_unit_below_the_standard_is_told_which_condition_fails_with_the_value_used(client, live):
    client.force_login(live["standing"])
    response = client.get(_unit_url("TB-BE"), **HTMX)
    assert [t.name for t in response.templates] == ["awards/_eligibility.html"] + [
        "awards/_check_status.html"
    ] * 2
    [explanation] = response.context["explanations"]
    assert (explanation.campaign, explanation.round) == (live["campaign"], live["round"])
    assert explanation.eligible is False
    assert _rows(explanation) == [
        (
            "Chỉ số CCHC xếp loại Tốt trở lên",
            "Khá",
            FAILS,
            "Xếp loại Chỉ số CCHC: Khá < Tốt",
            [],
        ),
        ("Đăng ký thi đua = có", "có", HOLDS, None, []),
    ]
    assert texts(response, "verdict") == ["✗ Chưa đủ điều kiện"]


def test_a_person_sees_each_option_of_an_any_condition_and_the_conditions_that_do_not_apply(
    client, live
):
    client.force_login(live["standing"])
    [explanation] = client.get(_person_url("P-BINH"), **HTMX).context["explanations"]
    assert explanation.eligible is True
    assert _rows(explanation) == [
        ("Không vi phạm kỷ luật", "0", HOLDS, None, []),
        (
            "Xếp loại mức độ hoàn thành nhiệm vụ ≥ HTXSNV hoặc Số sáng kiến ≥ 1",
            "",
            HOLDS,
            None,
            [
                (
                    "Xếp loại mức độ hoàn thành nhiệm vụ ≥ HTXSNV",
                    "HTTNV",
                    FAILS,
                    "Xếp loại mức độ hoàn thành nhiệm vụ: HTTNV < HTXSNV",
                ),
                ("Số sáng kiến ≥ 1", "2", HOLDS, None),
            ],
        ),
        ("Xếp loại Chỉ số CCHC của đơn vị ≥ Khá", "", NOT_APPLICABLE, None, []),
    ]


def test_a_missing_value_is_said_missing_and_an_any_group_names_each_failed_option(client, live):
    client.force_login(live["standing"])
    [explanation] = client.get(_person_url("P-CUONG"), **HTMX).context["explanations"]
    assert explanation.eligible is False
    assert _rows(explanation)[:2] == [
        ("Không vi phạm kỷ luật", "1", FAILS, "Số vi phạm: 1 ≠ 0", []),
        (
            "Xếp loại mức độ hoàn thành nhiệm vụ ≥ HTXSNV hoặc Số sáng kiến ≥ 1",
            "",
            HOLDS,
            None,
            [
                ("Xếp loại mức độ hoàn thành nhiệm vụ ≥ HTXSNV", "HTXSNV", HOLDS, None),
                ("Số sáng kiến ≥ 1", "chưa có số liệu", FAILS, "Số sáng kiến: chưa có số liệu"),
            ],
        ),
    ]


def test_the_page_follows_the_results_as_they_change(client, live):
    client.force_login(live["standing"])
    UnitResult.objects.filter(round=live["round"], unit__code="TB-BE").update(
        metrics={"score": 95, "par_rating": "Tốt"}
    )
    [explanation] = client.get(_unit_url("TB-BE"), **HTMX).context["explanations"]
    assert (explanation.eligible, [row.status for row in explanation.rows]) == (
        True,
        [HOLDS, HOLDS],
    )


def test_the_explanation_is_the_engine_s_check_of_the_exported_package(client, live):
    checks = explain(package_of(live["campaign"]), "2025", "individual", "P-CUONG")
    client.force_login(live["standing"])
    [explanation] = client.get(_person_url("P-CUONG"), **HTMX).context["explanations"]
    assert [row.status for row in explanation.rows] == [
        NOT_APPLICABLE if not check.applies else HOLDS if check.holds else FAILS for check in checks
    ]
    assert [row.status for row in explanation.rows] == [FAILS, HOLDS, NOT_APPLICABLE]


def test_only_live_campaigns_are_explained(client, live):
    closed = live_campaign(live["district"])
    Campaign.objects.filter(pk=closed.pk).update(state="closed")
    client.force_login(live["standing"])
    explanations = client.get(_unit_url("TB-BA"), **HTMX).context["explanations"]
    assert [e.campaign for e in explanations] == [live["campaign"]]


def test_a_unit_in_no_live_round_gets_a_sentence_not_an_empty_table(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("unit_eligibility", args=[trio["b"].pk]), **HTMX)
    assert response.context["explanations"] == []
    assert " ".join(response.content.decode().split()).endswith(
        "Đơn vị chưa có kết quả trong đợt xét nào của các kế hoạch đang thực hiện.</p> </div>"
    )


def test_a_campaign_whose_data_makes_no_valid_package_says_so_and_the_page_still_shows(
    client, live
):
    stray = Unit.objects.create(
        code="TB-NG", name="UBND xã Ngoài", kind="commune", level="commune", path="/x/"
    )
    UnitResult.objects.create(round=live["round"], unit=stray)
    client.force_login(live["standing"])
    response = client.get(_unit_url("TB-BE"), **HTMX)
    [explanation] = response.context["explanations"]
    assert (explanation.eligible, explanation.rows) == (False, [])
    assert explanation.problem.startswith(
        'Dữ liệu của kế hoạch chưa lập được gói hợp lệ ($.results["2025"].units['
    )


# --- The unit and person pages load it; without scripts, a link goes to the full page ---------


@pytest.mark.parametrize(("page", "section"), [("unit_detail", "unit_eligibility")])
def test_the_unit_page_loads_the_section_with_htmx_and_links_it_without_scripts(
    client, trio, page, section
):
    client.force_login(trio["focal_a"])
    content = client.get(reverse(page, args=[trio["a"].pk])).content.decode()
    url = reverse(section, args=[trio["a"].pk])
    assert f'<div hx-get="{url}" hx-trigger="load" aria-live="polite">' in content
    assert f'<a href="{url}">' in content


def test_the_person_page_loads_the_section_with_htmx(client, trio):
    client.force_login(trio["focal_a"])
    person = trio["person_a"]
    content = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    url = reverse("person_eligibility", args=[person.pk])
    assert f'<div hx-get="{url}" hx-trigger="load" aria-live="polite">' in content


def test_without_htmx_the_section_is_a_full_page(client, live):
    client.force_login(live["standing"])
    response = client.get(_unit_url("TB-BE"))
    assert response.templates[0].name == "awards/eligibility.html"
    assert (
        '<h1 class="h3">Điều kiện khen thưởng: UBND xã Bình Đào</h1>' in response.content.decode()
    )


# --- Who may read it --------------------------------------------------------------------------


def test_a_focal_officer_reads_the_explanation_of_the_own_unit(client, live):
    client.force_login(live["focal_a"])
    [explanation] = client.get(_unit_url("TB-BA"), **HTMX).context["explanations"]
    assert explanation.eligible is True


@pytest.mark.parametrize("kind", ["unit", "person"])
def test_focal_officer_of_b_gets_404_on_a_unit_and_a_person_of_a(client, live, kind):
    url = _unit_url("TB-BA") if kind == "unit" else _person_url("P-HOA")
    before = _snapshot()
    client.force_login(live["focal_b"])
    assert client.get(url, **HTMX).status_code == 404
    assert client.get(url).status_code == 404
    assert _snapshot() == before


def test_only_the_plans_the_user_sees_are_explained(client, live):
    """Commune B's own plan names commune A: its office reads it, A's focal officer does not."""
    other = make_campaign(owner=live["b"], state="in_progress", number="5/KH-UBND")
    Participant.objects.create(campaign=other, unit=live["a"])
    UnitResult.objects.create(round=other.rounds.get(), unit=live["a"], registered=True)
    client.force_login(live["focal_a"])
    seen = client.get(_unit_url("TB-BA"), **HTMX).context["explanations"]
    assert [e.campaign.number for e in seen] == ["31/KH-UBND"]
    client.force_login(live["standing"])
    seen = client.get(_unit_url("TB-BA"), **HTMX).context["explanations"]
    assert [(e.campaign.number, e.rows, e.problem) for e in seen][1:] == [("5/KH-UBND", [], None)]
    assert [e.campaign.number for e in seen] == ["31/KH-UBND", "5/KH-UBND"]


def test_anonymous_is_sent_to_login(client, live):
    response = client.get(_unit_url("TB-BA"))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


# --- Queries: fixed, whatever the number of units -----------------------------------------------


# session, user, role grants, the user's unit, the unit, the live rounds holding it; then the
# package of the campaign (twelve queries, see tests/awards/test_views.py), its owner and the
# tie priorities of the law in force.
@pytest.mark.parametrize("extra_units", [0, 9])
def test_query_count_does_not_grow_with_units(client, trio, django_assert_num_queries, extra_units):
    live_campaign(trio["district"], extra_units=extra_units)
    client.force_login(trio["standing"])
    url = _unit_url("TB-BE")
    with django_assert_num_queries(20):
        response = client.get(url, **HTMX)
    assert len(response.context["explanations"]) == 1
