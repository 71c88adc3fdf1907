"""Log-ins, log-outs and failed log-ins in the audit log, with the client's address; a failed
attempt keeps the name typed and never the password."""

import json

import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.helpers_auth import login_request
from thidua.accounts import services
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db
WRONG = "sai-mat-khau-Bi-Mat-42"


def auth_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action__startswith="auth.").order_by("pk"))


def test_logging_in_records_who_and_from_where(client, trio):
    user = trio["focal_a"]

    response = client.post(
        reverse("login"),
        {"username": "focal_a", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )

    assert response.status_code == 302
    [event] = auth_events()
    assert (event.action, event.actor, event.object_type, event.object_id) == (
        "auth.login",
        user,
        "accounts.user",
        str(user.pk),
    )
    assert (event.object_repr, event.before, event.after) == (
        str(user),
        None,
        {"ip": "203.0.113.7"},
    )


def test_logging_out_records_who(client, trio):
    client.force_login(trio["standing"])
    AuditEvent.objects.all().delete()

    client.post(reverse("logout"), REMOTE_ADDR="198.51.100.2")

    assert [(e.action, e.actor, e.after) for e in auth_events()] == [
        ("auth.logout", trio["standing"], {"ip": "198.51.100.2"})
    ]


def test_logging_out_when_not_logged_in_records_nothing(client, db):
    client.post(reverse("logout"))

    assert auth_events() == []


def test_a_failed_log_in_keeps_the_name_and_address_but_never_the_password(client, trio):
    response = client.post(
        reverse("login"), {"username": "focal_a", "password": WRONG}, REMOTE_ADDR="192.0.2.9"
    )

    assert response.status_code == 200
    [event] = auth_events()
    assert (event.action, event.actor, event.object_id, event.object_repr) == (
        "auth.login_failed",
        None,
        str(trio["focal_a"].pk),
        "focal_a",
    )
    assert event.after == {"ip": "192.0.2.9", "username": "focal_a"}
    stored = json.dumps([event.before, event.after, event.object_repr, event.object_id])
    assert WRONG not in stored
    assert "password" not in stored


def test_a_failed_log_in_under_an_unknown_name_names_no_account(client, db):
    client.post(reverse("login"), {"username": "ke-la", "password": WRONG})

    [event] = auth_events()
    assert (event.object_type, event.object_id, event.object_repr, event.after) == (
        "accounts.user",
        "",
        "ke-la",
        {"ip": "127.0.0.1", "username": "ke-la"},
    )


def test_a_name_longer_than_any_account_s_is_refused_by_the_form(client, db):
    """It never reaches authentication (django-axes keeps 255 characters of a name, and
    PostgreSQL refused the longer one with a server error)."""
    response = client.post(reverse("login"), {"username": "x" * 400, "password": WRONG})

    assert response.status_code == 200
    assert "Tên đăng nhập dài tối đa 150 ký tự." in response.content.decode()
    assert auth_events() == []


def test_a_log_in_made_in_code_is_not_a_visit_and_is_not_recorded(client, trio):
    """The test client's force_login, login and logout have no web request behind them."""
    client.force_login(trio["focal_b"])
    client.logout()
    assert client.login(request=login_request(), username="focal_b", password=PASSWORD)

    assert auth_events() == []


def test_record_auth_event_takes_authentication_actions_only(trio):
    with pytest.raises(ValueError):
        services.record_auth_event(action="unit.update", user=trio["focal_a"])
    assert auth_events() == []
