"""Every URL of the campaign screens, tried by the focal officer of commune B on commune A's
campaign: always 404 (no leak that the campaign exists), and the database unchanged. The
focal officer of A reads the district's plan but changes nothing of it (403)."""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from tests.campaigns.factories import make_campaign

pytestmark = pytest.mark.django_db

# (url name, methods) of every URL that takes a campaign.
CAMPAIGN_URLS = [
    ("campaign_detail", ["get"]),
    ("campaign_edit", ["get", "post"]),
    ("campaign_issue", ["get", "post"]),
    ("campaign_start", ["post"]),
    ("campaign_close", ["post"]),
    ("campaign_amend", ["post"]),
    ("campaign_implement", ["post"]),
    ("campaign_reopen", ["get", "post"]),
    ("campaign_export", ["get"]),
    ("campaign_docx", ["get"]),
]
CASES = [(name, method) for name, methods in CAMPAIGN_URLS for method in methods]
# What the district's plan refuses to a focal officer below it who can read it.
CHANGES = [
    ("campaign_edit", "get"),
    ("campaign_edit", "post"),
    ("campaign_issue", "get"),
    ("campaign_issue", "post"),
    ("campaign_start", "post"),
    ("campaign_close", "post"),
    ("campaign_amend", "post"),
    ("campaign_implement", "post"),
    ("campaign_reopen", "get"),
    ("campaign_reopen", "post"),
]


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"campaigns", "core", "organizations", "accounts"}
    }


def _post_data(trio, campaign) -> dict:
    until = timezone.localdate() + dt.timedelta(days=3)
    data = {
        "title": "Sửa trộm",
        "issuer": "Kẻ lạ",
        "kind": "thematic",
        "number": "99/KH-UBND",
        "issued_on": "01/02/2025",
        "round": campaign.rounds.first().pk,
        "unit": trio["b"].pk,
        "deadline": "registration",
        "until": f"{until:%d/%m/%Y}",
        "reason": "Lý do đủ dài để được chấp nhận",
    }
    for part in ("rounds", "targets", "lines", "dossier", "assignments"):
        data[f"{part}-TOTAL_FORMS"] = "0"
        data[f"{part}-INITIAL_FORMS"] = "0"
    return data


@pytest.fixture
def plan_of_a(trio):
    return make_campaign(owner=trio["a"], state="draft")


@pytest.mark.parametrize(("name", "method"), CASES, ids=[f"{n}-{m}" for n, m in CASES])
@pytest.mark.parametrize("state", ["draft", "in_progress"])
def test_focal_officer_of_b_gets_404_on_every_url_of_a(client, trio, name, method, state):
    campaign = make_campaign(owner=trio["a"], state=state, number="7/KH-UBND")
    url = reverse(name, args=[campaign.pk])
    before = _snapshot()
    client.force_login(trio["focal_b"])
    response = getattr(client, method)(
        url, _post_data(trio, campaign) if method == "post" else None
    )
    assert response.status_code == 404
    assert _snapshot() == before
    campaign.refresh_from_db()
    assert (campaign.state, campaign.title[:7]) == (state, "Phát độ")


def test_focal_officer_of_b_does_not_see_a_in_the_list_or_the_calendar(client, trio):
    make_campaign(owner=trio["a"], state="issued", title="Riêng của xã Bình An")
    client.force_login(trio["focal_b"])
    assert list(client.get(reverse("campaign_list")).context["page"]) == []
    assert client.get(reverse("deadline_calendar"), {"nam": 2025}).context["months"] == []


@pytest.mark.parametrize(("name", "method"), CHANGES, ids=[f"{n}-{m}" for n, m in CHANGES])
@pytest.mark.parametrize("state", ["issued", "in_progress"])
def test_focal_officer_of_a_reads_the_district_plan_but_cannot_change_it(
    client, trio, name, method, state
):
    campaign = make_campaign(owner=trio["district"], state=state, number="29/KH-UBND")
    client.force_login(trio["focal_a"])
    assert client.get(reverse("campaign_detail", args=[campaign.pk])).status_code == 200
    before = _snapshot()
    url = reverse(name, args=[campaign.pk])
    response = getattr(client, method)(
        url, _post_data(trio, campaign) if method == "post" else None
    )
    assert response.status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize(("name", "method"), CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_a_district_draft_is_invisible_below_it(client, trio, name, method):
    campaign = make_campaign(owner=trio["district"], state="draft")
    before = _snapshot()
    client.force_login(trio["focal_a"])
    response = getattr(client, method)(
        reverse(name, args=[campaign.pk]),
        _post_data(trio, campaign) if method == "post" else None,
    )
    assert response.status_code == 404
    assert _snapshot() == before


def test_focal_officer_of_a_sees_no_action_on_the_district_plan(client, trio):
    campaign = make_campaign(owner=trio["district"], state="issued", number="29/KH-UBND")
    client.force_login(trio["focal_a"])
    context = client.get(reverse("campaign_detail", args=[campaign.pk])).context
    flags = ("can_change", "can_manage", "can_start", "can_amend", "can_reopen", "can_implement")
    assert [context[flag] for flag in flags] == [False] * len(flags)
    assert context["cascade"] is None


@pytest.mark.parametrize(
    "name", ["campaign_detail", "campaign_edit", "campaign_issue", "campaign_reopen"]
)
def test_standing_officer_above_a_reaches_the_pages_of_a(client, trio, plan_of_a, name):
    client.force_login(trio["standing"])
    assert client.get(reverse(name, args=[plan_of_a.pk])).status_code == 200


@pytest.mark.parametrize("name", ["campaign_create", "campaign_import"])
def test_focal_officers_cannot_create_or_import(client, trio, name):
    client.force_login(trio["focal_a"])
    before = _snapshot()
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {"title": "x"}).status_code == 403
    assert _snapshot() == before


def test_standing_officer_cannot_create_for_a_unit_outside_the_subtree(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("campaign_create"), {"don-vi": trio["province"].pk})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    ["campaign_list", "campaign_create", "campaign_import", "deadline_calendar"],
)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
