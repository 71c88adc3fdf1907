"""Every URL of registration, tried by the focal officer of commune B on commune A's
registration: always 404, and the database unchanged. A focal officer does not decide on
volunteers (403)."""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.campaigns.factories import make_campaign
from thidua.monitoring import services
from thidua.monitoring.models import Registration

pytestmark = pytest.mark.django_db

# (url name, methods, what the url takes)
URLS = [
    ("registration_form", ["get", "post"], "round"),
    ("registration_accept", ["post"], "registration"),
    ("registration_refuse", ["post"], "registration"),
    ("registration_withdraw", ["post"], "registration"),
]
CASES = [(name, method, takes) for name, methods, takes in URLS for method in methods]
POST = {"target_T1": "50", "target_T2": "no", "note": "Lý do đủ dài để được chấp nhận"}


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core", "organizations"}
    }


def _registration_of_a(trio, round_) -> Registration:
    return services.register_unit(
        actor=trio["focal_a"], round=round_, unit=trio["a"], commitments={"T1": 99}, people=[]
    )


def _url(name, takes, round_, registration, unit) -> str:
    if takes == "round":
        return f"{reverse(name, args=[round_.pk])}?don-vi={unit.pk}"
    return reverse(name, args=[registration.pk])


@pytest.mark.parametrize(("name", "method", "takes"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES])
def test_focal_officer_of_b_gets_404_on_every_url_of_a(client, trio, round_, name, method, takes):
    registration = _registration_of_a(trio, round_)
    before, history = _snapshot(), registration.history.count()
    client.force_login(trio["focal_b"])
    url = _url(name, takes, round_, registration, trio["a"])
    response = getattr(client, method)(url, POST if method == "post" else None)
    assert response.status_code == 404
    assert (_snapshot(), registration.history.count()) == (before, history)
    registration.refresh_from_db()
    assert (registration.state, registration.note) == ("accepted", "")


@pytest.mark.parametrize(
    ("name", "method"),
    [("registration_form", "get"), ("registration_form", "post"), ("registration_status", "get")],
)
def test_a_round_of_a_plan_b_cannot_see_is_404(client, trio, name, method):
    campaign = make_campaign(owner=trio["a"], state="in_progress", number="3/KH-UBND")
    before = _snapshot()
    client.force_login(trio["focal_b"])
    response = getattr(client, method)(reverse(name, args=[campaign.rounds.get().pk]), POST)
    assert response.status_code == 404
    assert _snapshot() == before


def test_the_status_page_is_for_the_office(client, trio, round_):
    client.force_login(trio["focal_a"])
    assert client.get(reverse("registration_status", args=[round_.pk])).status_code == 403
    client.force_login(trio["standing"])
    assert client.get(reverse("registration_status", args=[round_.pk])).status_code == 200


@pytest.mark.parametrize("name", ["registration_accept", "registration_refuse"])
def test_a_focal_officer_cannot_decide_on_volunteers(client, trio, round_, name):
    volunteer = services.register_unit(
        actor=trio["focal_b"], round=round_, unit=trio["b"], commitments={}, people=[]
    )
    before = _snapshot()
    client.force_login(trio["focal_b"])
    response = client.post(reverse(name, args=[volunteer.pk]), POST)
    assert response.status_code == 403
    assert _snapshot() == before
    volunteer.refresh_from_db()
    assert volunteer.state == "submitted"


def test_anonymous_is_sent_to_login(client, trio, round_):
    response = client.get(reverse("registration_form", args=[round_.pk]))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))
