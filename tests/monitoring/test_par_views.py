"""Screens of the PAR Index: every URL of commune A is a 404 for the focal officer of B with
the database unchanged; the unit cannot appraise itself (403); the office's list holds its
query count; the pages render the tree, the totals and the band."""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.factories import make_unit
from tests.monitoring.conftest import PDF_BYTES, upload
from tests.monitoring.par_helpers import YEAR, D, criterion, small_framework
from thidua.monitoring.models import Evidence, ParAssessment, ParScore
from thidua.monitoring.services import par

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(trio):
    return small_framework(trio["district"])


@pytest.fixture
def submitted(trio, framework, media):
    """Commune A's self-assessment with one evidence file, sent to the district."""
    assessment = par.save_self_assessment(
        actor=trio["focal_a"],
        unit=trio["a"],
        framework=framework,
        scores={"A.1": 35, "A.2": 18, "B": 30},
    )
    par.add_par_evidence(
        actor=trio["focal_a"],
        unit=trio["a"],
        framework=framework,
        criterion=criterion(framework, "A.1"),
        files=[upload("ke-hoach.pdf", PDF_BYTES)],
    )
    return par.submit_assessment(actor=trio["focal_a"], assessment=assessment)


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core", "organizations"}
    }


# (url name, methods, what the url takes)
URLS_OF_A = [
    ("par_assessment", ["get", "post"], "unit"),
    ("par_evidence", ["post"], "unit"),
    ("par_evidence_remove", ["post"], "evidence"),
    ("par_submit", ["post"], "assessment"),
    ("par_appraisal", ["get", "post"], "assessment"),
    ("par_return", ["post"], "assessment"),
    ("par_finish", ["post"], "assessment"),
    ("evidence_download", ["get"], "evidence"),
]
CASES = [(name, method, takes) for name, methods, takes in URLS_OF_A for method in methods]
POST = {"comment": "Lý do đủ dài để được chấp nhận", "score_1": "1", "criterion": "1"}


def _url(name, takes, trio, assessment):
    if takes == "unit":
        return reverse(name, args=[trio["a"].pk, YEAR])
    if takes == "evidence":
        return reverse(name, args=[Evidence.objects.get().pk])
    return reverse(name, args=[assessment.pk])


@pytest.mark.parametrize(("name", "method", "takes"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES])
def test_focal_officer_of_b_gets_404_on_every_par_url_of_a(
    client, trio, submitted, name, method, takes
):
    before, history = _snapshot(), submitted.history.count()
    client.force_login(trio["focal_b"])
    url = _url(name, takes, trio, submitted)
    response = getattr(client, method)(url, POST if method == "post" else None)
    assert response.status_code == 404
    assert (_snapshot(), submitted.history.count()) == (before, history)
    submitted.refresh_from_db()
    assert (submitted.state, submitted.self_total) == ("submitted", D(83))


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("par_appraisal", "get"),
        ("par_appraisal", "post"),
        ("par_return", "post"),
        ("par_finish", "post"),
    ],
)
def test_focal_officer_of_a_cannot_appraise_a(client, trio, submitted, name, method):
    before = _snapshot()
    client.force_login(trio["focal_a"])
    response = getattr(client, method)(reverse(name, args=[submitted.pk]), POST)
    assert response.status_code == 403
    assert _snapshot() == before
    submitted.refresh_from_db()
    assert (submitted.state, submitted.appraised_total) == ("submitted", None)


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("par_framework", "post"),
        ("par_import", "get"),
        ("par_import", "post"),
        ("par_import_template", "get"),
        ("par_criterion_edit", "post"),
        ("par_criterion_remove", "post"),
        ("par_list", "get"),
        ("par_frameworks", "get"),
        ("par_frameworks", "post"),
    ],
)
def test_a_focal_officer_cannot_manage_frameworks_or_import(client, trio, framework, name, method):
    before = _snapshot()
    client.force_login(trio["focal_b"])
    takes_criterion = name.startswith("par_criterion")
    if name in ("par_list", "par_frameworks"):
        url = reverse(name)
    elif takes_criterion:
        url = reverse(name, args=[criterion(framework, "B").pk])
    else:
        url = reverse(name, args=[framework.pk])
    data = {"code": "C", "title": "Mới", "max_points": "5", "year": YEAR, "level": "commune"}
    response = getattr(client, method)(url, data)
    assert response.status_code == 403
    assert _snapshot() == before


def test_a_framework_of_a_is_a_404_for_b(client, trio):
    own = small_framework(trio["a"])
    client.force_login(trio["focal_b"])
    assert client.get(reverse("par_framework", args=[own.pk])).status_code == 404
    assert client.get(reverse("par_import", args=[own.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, trio):
    response = client.get(reverse("par_index"))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


# The unit's page ---------------------------------------------------------------------------


def test_the_unit_scores_its_criteria_on_its_page(client, trio, framework):
    client.force_login(trio["focal_a"])
    url = reverse("par_assessment", args=[trio["a"].pk, YEAR])
    response = client.get(url)
    assert response.status_code == 200
    assert [node.code for node, _pair in response.context["rows"]] == ["A", "A.1", "A.2", "B"]
    a1, a2, b = (criterion(framework, code).pk for code in ("A.1", "A.2", "B"))
    response = client.post(
        url,
        {f"score_{a1}": "35,5", f"text_{a1}": "Đã ban hành", f"score_{a2}": "", f"score_{b}": "30"},
    )
    assert response["Location"] == url
    assessment = ParAssessment.objects.get()
    assert (assessment.unit, assessment.self_total) == (trio["a"], D("65.5"))
    page = client.get(url)
    area_a = page.context["rows"][0][0]
    assert (area_a.self_total, area_a.criterion.max_points) == (D("35.5"), D(60))


def test_a_score_above_the_maximum_is_shown_and_nothing_saved(client, trio, framework):
    client.force_login(trio["focal_a"])
    url = reverse("par_assessment", args=[trio["a"].pk, YEAR])
    response = client.post(url, {f"score_{criterion(framework, 'B').pk}": "45"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Tiêu chí B: điểm 45 vượt quá điểm tối đa 40."
    ]
    assert ParAssessment.objects.count() == 0


def test_the_office_downloads_the_unit_evidence(client, trio, submitted):
    client.force_login(trio["standing"])
    response = client.get(reverse("evidence_download", args=[Evidence.objects.get().pk]))
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF_BYTES)


def test_the_office_appraises_and_finishes_on_its_page(client, trio, framework, submitted):
    client.force_login(trio["standing"])
    url = reverse("par_appraisal", args=[submitted.pk])
    page = client.get(url)
    form = page.context["form"]
    a1 = criterion(framework, "A.1").pk
    assert form.initial[f"score_{a1}"] == "35"
    data = {
        f"score_{c.pk}": v
        for c, v in zip(
            [criterion(framework, code) for code in ("A.1", "A.2", "B")],
            ["40", "20", "32"],
            strict=True,
        )
    }
    assert client.post(url, data)["Location"] == url
    response = client.post(reverse("par_finish", args=[submitted.pk]), {"comment": "Tốt"})
    assert response["Location"] == url
    submitted.refresh_from_db()
    assert (submitted.state, submitted.appraised_total, submitted.rating) == (
        "appraised",
        D(92),
        "Xuất sắc",
    )
    assert ParScore.objects.filter(appraised_score__isnull=False).count() == 3
    assert client.get(url).context["can_edit"] is True  # corrections stay possible
    client.force_login(trio["focal_a"])
    page = client.get(reverse("par_assessment", args=[trio["a"].pk, YEAR]))
    assert (page.context["can_change"], page.context["rows"][0][0].appraised_total) == (
        False,
        D(60),
    )


def test_the_entry_page_serves_the_unit_and_the_office(client, trio):
    client.force_login(trio["focal_a"])
    response = client.get(reverse("par_index"))
    assert (response.context["can_assess"], response.context["is_office"]) == (True, False)
    client.force_login(trio["standing"])
    response = client.get(reverse("par_index"))
    assert response.context["is_office"] is True


def test_the_framework_editor_adds_a_criterion_and_names_what_does_not_add_up(
    client, trio, framework
):
    client.force_login(trio["standing"])
    url = reverse("par_framework", args=[framework.pk])
    response = client.post(
        url,
        {
            "code": "B.1",
            "title": "Tiêu chí B.1",
            "max_points": "10",
            "parent": criterion(framework, "B").pk,
        },
    )
    assert response["Location"] == url
    page = client.get(url)
    assert page.context["problems"] == [
        "Tiêu chí B: các tiêu chí con cộng lại 10 điểm, khác điểm tối đa 40."
    ]


def test_the_office_creates_a_framework_from_the_page(client, trio):
    client.force_login(trio["standing"])
    response = client.post(
        reverse("par_frameworks"), {"year": YEAR, "level": "commune", "source": "default"}
    )
    framework = trio["district"].par_frameworks.get()
    assert response["Location"] == reverse("par_framework", args=[framework.pk])


# The office's list -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10])
def test_the_office_list_takes_the_same_queries_for_1_or_10_units(
    client, trio, framework, django_assert_num_queries, count
):
    district = make_unit(name="UBND huyện Thử", kind="district", parent=trio["province"])
    for i in range(count):
        unit = make_unit(name=f"UBND xã Thử {i:02}", parent=district)
        if i % 2 == 0:
            par.save_self_assessment(
                actor=None, unit=unit, framework=par.framework_for(unit, YEAR), scores={"1.2": 1}
            )
    office = trio["standing"]
    office.unit = district
    office.save()
    client.force_login(office)
    # session, user, role grants, the user's unit, the units, their assessments; the page
    # adds the unread notifications of the navigation bar
    with django_assert_num_queries(7):
        response = client.get(reverse("par_list"), {"nam": YEAR, "cap": "commune"})
    rows = response.context["rows"]
    assert len(rows) == count
    assert [row.assessment is not None for row in rows] == [i % 2 == 0 for i in range(count)]
    assert rows[0].assessment.self_total == D(1)


def test_without_an_office_framework_the_unit_page_shows_the_default(client, trio):
    client.force_login(trio["focal_a"])
    response = client.get(reverse("par_assessment", args=[trio["a"].pk, YEAR]))
    areas = [node for node, _pair in response.context["rows"] if node.depth == 0]
    assert [node.code for node in areas] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert (response.context["maximum"], response.context["problems"]) == (D(100), [])
