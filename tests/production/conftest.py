"""The production tests run the app as it is deployed: gunicorn processes, Celery workers,
Redis and S3-compatible storage, on the PostgreSQL database of the test run (the data the
fixtures commit is what the servers see). `.ci/run` runs them in their own stage
(`pytest -m production` on the machine's PostgreSQL and Redis); they need PostgreSQL."""

from __future__ import annotations

import logging
import secrets

import boto3
import pytest
from django.db import connection
from django.urls import reverse

from tests.monitoring.conftest import (
    PDF_BYTES,
    round_,  # noqa: F401 (the plan in progress, as a fixture)
)
from tests.production.servers import free_port, start_app_server, start_redis, start_worker
from thidua.monitoring import services

pytestmark = pytest.mark.production


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/production/" in str(item.fspath):
            item.add_marker(pytest.mark.production)


@pytest.fixture(autouse=True)
def _needs_postgres(request):
    if connection.vendor != "postgresql":
        pytest.skip("the production tests run on PostgreSQL (.ci/run's production stage)")


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    name = f"thidua-{secrets.token_hex(4)}"
    client = s3_client(s3_endpoint)
    client.create_bucket(Bucket=name)
    return name


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="thidua-test",
        aws_secret_access_key="thidua-test-secret",
        region_name="us-east-1",
    )


def bucket_keys(endpoint: str, bucket: str) -> list[str]:
    listing = s3_client(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.fixture
def stack_env(transactional_db, bucket, s3_endpoint, tmp_path):
    """What an operator sets on every app server (docs/deploy.md), pointing at this run's
    database, the machine's Redis and the S3 store."""
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    prefix = f"thidua-{secrets.token_hex(4)}"
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "THIDUA_SECRET_KEY": secrets.token_urlsafe(50),
        "THIDUA_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "THIDUA_SECURE_COOKIES": "0",
        "THIDUA_SSL_REDIRECT": "0",
        "THIDUA_HSTS_SECONDS": "0",
        "THIDUA_STATIC_MANIFEST": "0",
        "THIDUA_VAR_DIR": str(tmp_path / "var"),
        "THIDUA_SIGNING_PASSPHRASE": secrets.token_urlsafe(20),
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "THIDUA_CACHE_PREFIX": prefix,
        "THIDUA_S3_BUCKET": bucket,
        "THIDUA_S3_ENDPOINT_URL": s3_endpoint,
        "THIDUA_S3_REGION": "us-east-1",
        "THIDUA_S3_ACCESS_KEY_ID": "thidua-test",
        "THIDUA_S3_SECRET_ACCESS_KEY": "thidua-test-secret",
        "THIDUA_LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def log_dir(tmp_path):
    path = tmp_path / "logs"
    path.mkdir()
    return path


@pytest.fixture
def started():
    """The processes a test started; every one still running is stopped at its end, whatever
    happened (a failed test leaves nothing behind)."""
    processes = []
    yield processes
    for process in processes:
        process.stop()


@pytest.fixture
def app_servers(stack_env, log_dir, started):
    """Start app servers on their own ports."""

    def start(name: str, **overrides):
        started.append(start_app_server(name, {**stack_env, **overrides}, log_dir))
        return started[-1]

    return start


@pytest.fixture
def redis_server(log_dir, started):
    """A Redis of the test's own, which it may kill."""

    def start():
        started.append(start_redis(log_dir))
        return started[-1]

    return start


@pytest.fixture
def workers(log_dir, started):
    """Start Celery workers."""

    def start(name: str, env: dict):
        started.append(start_worker(name, env, log_dir))
        return started[-1]

    return start


@pytest.fixture
def report(trio, round_):  # noqa: F811 (round_ is the fixture imported above)
    """Commune A's target report of the first quarter, which its focal officer may change."""
    return services.save_target_report(
        actor=trio["focal_a"], round=round_, unit=trio["a"], period="Quý I/2025", values={}
    )


def upload(browser, server, report, token, name="so-lieu.pdf", target=None):
    """Post one evidence file to the report through `server`, as the report's page does
    (`target` given when the test's own database connection is down)."""
    detail = reverse("report_detail", args=[report.pk])
    target = target or report.round.campaign.targets.get(code="T2").pk
    return browser.post(
        f"{server.url}{reverse('report_evidence', args=[report.pk])}",
        data={"target": target, "csrfmiddlewaretoken": token},
        files={"files": (name, PDF_BYTES, "application/pdf")},
        headers={"Referer": f"{server.url}{detail}"},
        allow_redirects=False,
        timeout=30,
    )
