"""Keys: a Bearer key acts as its account; unknown, revoked or an inactive account's key is a
401 with a Vietnamese body; the key's use is noted at most once a minute."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.api.conftest import key_for
from thidua.accounts.models import ApiToken, User
from thidua.accounts.services import revoke_api_token

pytestmark = pytest.mark.django_db

UNAUTHORIZED = {
    "detail": "Thiếu khóa API, hoặc khóa không đúng, đã bị thu hồi hay tài khoản đã bị khóa.",
    "errors": [],
}


def _get(header: str | None):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    return Client().get("/api/units", **extra)


@pytest.mark.parametrize(
    "header", [None, "", "Bearer", "Bearer td_khong-co", "Basic dXNlcjpwYXNz", "Token td_x"]
)
def test_without_a_valid_key_the_api_answers_401(trio, header):
    response = _get(header)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_session_is_not_a_key(trio, client):
    client.force_login(trio["focal_a"])
    assert client.get("/api/units").status_code == 401


def test_a_revoked_key_stops_at_once(trio):
    key = key_for(trio["focal_a"])
    assert _get(f"Bearer {key}").status_code == 200
    revoke_api_token(actor=trio["focal_a"], token=ApiToken.objects.get())
    assert _get(f"Bearer {key}").json() == UNAUTHORIZED


def test_the_key_of_a_locked_account_is_refused(trio):
    key = key_for(trio["focal_a"])
    User.objects.filter(pk=trio["focal_a"].pk).update(is_active=False)
    assert _get(f"Bearer {key}").status_code == 401


def test_a_key_acts_as_its_account(trio):
    key = key_for(trio["focal_a"])
    body = _get(f"Bearer {key}").json()
    assert [unit["code"] for unit in body["items"]] == ["TB-BA"]


def test_last_use_is_written_at_most_once_a_minute(trio, django_assert_num_queries):
    key = key_for(trio["focal_a"])
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    _get(f"Bearer {key}")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    _get(f"Bearer {key}")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=timezone.now() - dt.timedelta(minutes=2)
    )
    _get(f"Bearer {key}")
    token.refresh_from_db()
    assert token.last_used_at > first


def test_only_the_hash_of_the_key_is_kept(trio):
    key = key_for(trio["focal_a"])
    token = ApiToken.objects.get()
    assert key.startswith("td_") and len(key) > 40
    assert key not in (token.key_hash, token.prefix, token.name)
    assert token.prefix == key[:10]


def test_the_schema_and_docs_are_served(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/rounds/{pk}/reports" in schema["paths"]
    assert schema["components"]["securitySchemes"]["ApiKey"]["scheme"] == "bearer"
    assert client.get("/api/docs").status_code == 200
