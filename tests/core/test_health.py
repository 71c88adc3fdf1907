"""`/healthz`: the reverse proxy's probe of the database, the cache and the storage."""

import json
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.test import override_settings

BROKEN_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: the connection is refused at once.
        "LOCATION": "redis://:s3cret-pass@127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def _files_under_health():
    if not default_storage.exists("health"):
        return []
    return default_storage.listdir("health")[1]


@pytest.mark.django_db
def test_all_ok_without_login_in_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    # The probe leaves nothing behind in the storage, and sets no cookie.
    assert _files_under_health() == []
    assert not response.cookies


@pytest.mark.django_db
def test_head_works_and_post_is_refused_without_csrf_error(client):
    assert client.head("/healthz").status_code == 200
    csrf_client = client.__class__(enforce_csrf_checks=True)
    assert csrf_client.post("/healthz").status_code == 405


def test_a_logged_in_user_gets_the_same_answer(client, trio):
    client.force_login(trio["focal_a"])
    assert client.get("/healthz").json()["status"] == "ok"


@pytest.mark.django_db
def test_a_broken_cache_is_a_503_naming_the_cache_without_secrets(client):
    with override_settings(CACHES=BROKEN_CACHE):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["storage"] == "ok"
    assert body["checks"]["cache"].startswith("error: ")
    text = response.content.decode()
    assert "s3cret" not in text and "127.0.0.1" not in text and ":1" not in text


@pytest.mark.django_db
def test_a_failing_storage_is_a_503_naming_the_storage(client):
    with mock.patch.object(
        default_storage, "save", side_effect=PermissionError(13, "denied", "/srv/secret/path")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "error",
        "checks": {"database": "ok", "cache": "ok", "storage": "error: PermissionError"},
    }
    assert "/srv/secret" not in response.content.decode()


@pytest.mark.django_db
def test_a_storage_that_returns_other_bytes_fails_and_is_cleaned_up(client):
    real_open = default_storage.open

    def corrupt_open(name, mode="rb"):
        real_open(name, mode).close()
        return ContentFile(b"garbage", name=name)

    with mock.patch.object(default_storage, "open", side_effect=corrupt_open):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "error: RuntimeError"
    assert _files_under_health() == []


@pytest.mark.django_db
def test_a_failing_database_is_a_503_naming_the_database(client):
    connections = mock.MagicMock()
    connections["default"].cursor.side_effect = OperationalError(
        'connection to server at "db.internal" failed: password=hunter2'
    )
    with mock.patch("thidua.core.health.connections", connections):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "error: OperationalError",
        "cache": "ok",
        "storage": "ok",
    }
    assert "hunter2" not in response.content.decode()
    assert "db.internal" not in response.content.decode()


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_probe_is_not_redirected_to_https(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/vinh-danh/").status_code == 301


def _redis_up():
    try:
        import redis

        return redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping()
    except Exception:
        return False


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_all_ok_on_a_real_redis(client):
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": "thidua-test-health",
        }
    }
    with override_settings(CACHES=redis_cache):
        response = client.get("/healthz")
    assert response.status_code == 200, response.content
