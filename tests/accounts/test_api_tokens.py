"""API keys: made by their account (or the command), shown once, kept as a hash, revoked by
their own account only."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from thidua.accounts import services
from thidua.accounts.models import ApiToken
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_create_returns_the_key_once_and_keeps_its_hash(trio):
    token, key = services.create_api_token(
        actor=trio["focal_a"], user=trio["focal_a"], name=" Một  cửa "
    )
    assert token.name == "Một cửa"
    assert token.key_hash == services.hash_api_key(key)
    assert AuditEvent.objects.filter(action="api_token.create").count() == 1


def test_nobody_makes_or_revokes_a_key_for_another_account(trio):
    with pytest.raises(PermissionDenied):
        services.create_api_token(actor=trio["focal_b"], user=trio["focal_a"], name="X")
    token, _key = services.create_api_token(actor=None, user=trio["focal_a"], name="X")
    with pytest.raises(PermissionDenied):
        services.revoke_api_token(actor=trio["focal_b"], token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_key_needs_a_name(trio):
    with pytest.raises(ValidationError):
        services.create_api_token(actor=None, user=trio["focal_a"], name="   ")
    assert ApiToken.objects.count() == 0


def test_revoking_twice_changes_nothing_the_second_time(trio):
    token, _key = services.create_api_token(actor=None, user=trio["focal_a"], name="X")
    first = services.revoke_api_token(actor=trio["focal_a"], token=token).revoked_at
    assert services.revoke_api_token(actor=trio["focal_a"], token=token).revoked_at == first
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_the_screen_shows_a_new_key_once(trio, client):
    client.force_login(trio["focal_a"])
    response = client.post(reverse("api_tokens"), {"name": "Phần mềm một cửa"})
    assert response.status_code == 200
    key = response.context["key"]
    assert key.startswith("td_") and key in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    again = client.get(reverse("api_tokens"))
    assert key not in again.content.decode()
    assert [t.name for t in again.context["tokens"]] == ["Phần mềm một cửa"]


def test_another_commune_cannot_revoke_a_key_it_does_not_own(trio, client):
    token, _key = services.create_api_token(actor=None, user=trio["focal_a"], name="X")
    client.force_login(trio["focal_b"])
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.get(reverse("api_tokens")).context["tokens"].count() == 0


def test_the_owner_revokes_a_key_on_the_screen(trio, client):
    token, _key = services.create_api_token(actor=None, user=trio["focal_a"], name="X")
    client.force_login(trio["focal_a"])
    response = client.post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_screen_needs_a_login(client):
    assert client.get(reverse("api_tokens")).status_code == 302


def test_the_command_prints_the_key_once(trio):
    out = io.StringIO()
    call_command("api_token", "create", "focal_a", "--name", "Một cửa", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.user, token.key_hash) == (trio["focal_a"], services.hash_api_key(key))
    call_command("api_token", "revoke", token.prefix, stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_command_refuses_an_unknown_account(trio):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("api_token", "create", "khong-co", "--name", "X", stderr=err)
    assert exit_.value.code == 2
    assert err.getvalue().strip() == "Không có tài khoản 'khong-co'."
    assert ApiToken.objects.count() == 0
