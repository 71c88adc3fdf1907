"""The production profile: `manage.py check --deploy` is clean with a production environment,
and REDIS_URL turns on the shared cache, the cached sessions and the Celery broker."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path, **extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "THIDUA_SECRET_KEY": secrets.token_urlsafe(64),
        "THIDUA_ALLOWED_HOSTS": "thidua.quangnam.gov.vn",
        "THIDUA_CSRF_TRUSTED_ORIGINS": "https://thidua.quangnam.gov.vn",
        "THIDUA_SITE_URL": "https://thidua.quangnam.gov.vn",
        "THIDUA_BEHIND_PROXY": "1",
        "DATABASE_URL": "postgres://thidua:not-used@db.internal:5432/thidua",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "THIDUA_VAR_DIR": str(tmp_path / "var"),
        "THIDUA_EMAIL_HOST": "smtp.quangnam.gov.vn",
        "THIDUA_SIGNING_PASSPHRASE": secrets.token_urlsafe(32),
    }
    env.update(extra)
    return env


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_without_a_warning_in_production(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "ERRORS" not in output


def test_check_deploy_warns_when_https_is_turned_off(tmp_path):
    """The test above must be able to fail: the same check names what was turned off."""
    env = _production_env(tmp_path, THIDUA_HSTS_SECONDS="0", THIDUA_SSL_REDIRECT="0")
    result = _manage(env, "check", "--deploy")
    output = result.stdout + result.stderr
    assert "WARNINGS" in output
    assert "security.W004" in output and "security.W008" in output


PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'cache': s.CACHES['default']['BACKEND'], 'location': s.CACHES['default'].get('LOCATION'),"
    "'session': s.SESSION_ENGINE, 'broker': s.CELERY_BROKER_URL,"
    "'beat': sorted(s.CELERY_BEAT_SCHEDULE), 'redirect': s.SECURE_SSL_REDIRECT,"
    "'hsts': s.SECURE_HSTS_SECONDS,"
    "'proxy': list(getattr(s, 'SECURE_PROXY_SSL_HEADER', None) or []),"
    "'storage': s.STORAGES['default']['BACKEND'],"
    "'storage_options': s.STORAGES['default'].get('OPTIONS', {}),"
    "}))"
)


def _settings(env):
    result = _manage(env, "shell", "-c", PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_url_drives_cache_sessions_and_broker(tmp_path):
    got = _settings(_production_env(tmp_path))
    assert got["cache"] == "thidua.core.cache.TolerantRedisCache"
    assert got["location"] == "redis://redis.internal:6379/0"
    assert got["session"] == "django.contrib.sessions.backends.cached_db"
    assert got["broker"] == "redis://redis.internal:6379/0"
    assert got["beat"] == ["requeue-stale-jobs", "send-reminders"]
    assert got["redirect"] is True
    assert got["hsts"] == 31_536_000
    assert got["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_an_explicit_broker_wins_over_redis_url(tmp_path):
    env = _production_env(tmp_path, THIDUA_CELERY_BROKER_URL="amqp://mq.internal:5672//")
    got = _settings(env)
    assert got["broker"] == "amqp://mq.internal:5672//"
    assert got["cache"] == "thidua.core.cache.TolerantRedisCache"


def test_without_redis_the_local_profile_stays(tmp_path):
    env = _production_env(tmp_path, THIDUA_DEBUG="1")
    for name in ("REDIS_URL", "DATABASE_URL", "THIDUA_BEHIND_PROXY"):
        env.pop(name)
    got = _settings(env)
    assert got["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert got["session"] == "django.contrib.sessions.backends.db"
    assert got["broker"] == ""
    assert got["beat"] == []
    assert got["redirect"] is False
    assert got["hsts"] == 0
    assert got["proxy"] == []


def test_s3_bucket_puts_the_files_in_object_storage(tmp_path):
    key_file = tmp_path / "s3_secret"
    key_file.write_text("bi-mat\n")
    env = _production_env(
        tmp_path,
        THIDUA_S3_BUCKET="thidua-tailieu",
        THIDUA_S3_ENDPOINT_URL="https://s3.quangnam.gov.vn",
        THIDUA_S3_ACCESS_KEY_ID="khoa",
        THIDUA_S3_SECRET_ACCESS_KEY_FILE=str(key_file),
    )
    got = _settings(env)
    assert got["storage"] == "storages.backends.s3.S3Storage"
    options = got["storage_options"]
    assert options["bucket_name"] == "thidua-tailieu"
    assert options["endpoint_url"] == "https://s3.quangnam.gov.vn"
    assert (options["access_key"], options["secret_key"]) == ("khoa", "bi-mat")
    # Private files, never overwritten.
    assert options["default_acl"] == "private" and options["file_overwrite"] is False
    assert _settings(_production_env(tmp_path))["storage"] == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_half_an_s3_key_stops_the_start(tmp_path):
    env = _production_env(tmp_path, THIDUA_S3_BUCKET="b", THIDUA_S3_ACCESS_KEY_ID="khoa")
    result = _manage(env, "check")
    assert result.returncode != 0
    assert "THIDUA_S3_ACCESS_KEY_ID and THIDUA_S3_SECRET_ACCESS_KEY go together" in result.stderr


def test_a_bad_redis_url_stops_the_start(tmp_path):
    env = _production_env(tmp_path, REDIS_URL="http://:s3cret@redis.internal")
    result = _manage(env, "check")
    assert result.returncode != 0
    assert "REDIS_URL must start with redis:// or rediss://" in result.stderr
    assert "s3cret" not in result.stderr


@pytest.mark.django_db
def test_the_test_run_is_not_redirected_to_https(client):
    """The tests run outside DEBUG with insecure cookies: no HTTPS redirect for them."""
    assert client.get("/healthz").status_code == 200
