"""Faults on real parts, each with nothing lost and a clear message: PostgreSQL restarted
during use, Redis down, a Celery worker killed in the middle of a bulk certificate job, an
upload cut halfway."""

from __future__ import annotations

import io
import socket
import time
import zipfile

import requests
from django.db import connection
from django.urls import reverse

from tests.awards.certificate_helpers import give, issued_decision
from tests.factories import PASSWORD, make_person
from tests.monitoring.conftest import PDF_BYTES
from tests.production.conftest import bucket_keys, s3_client, upload
from tests.production.servers import (
    csrf_of,
    login,
    pg_ctlcluster,
    wait_until,
)
from thidua.awards.models import Certificate
from thidua.core.enums import JobStatus
from thidua.core.models import Job
from thidua.monitoring.models import Evidence

# PostgreSQL restarted


def test_postgres_restarted_during_use(trio, report, app_servers, s3_endpoint, bucket):
    server = app_servers("app")
    browser = requests.Session()
    assert login(browser, server.url, "focal_a", PASSWORD).status_code == 302
    detail = f"{server.url}{reverse('report_detail', args=[report.pk])}"
    token = csrf_of(browser, server.url, reverse("report_detail", args=[report.pk]))
    target = report.round.campaign.targets.get(code="T2").pk

    connection.close()
    pg_ctlcluster("stop")
    try:
        page = browser.get(detail, timeout=30)
        # Not a bare 500: the user is told what happened and that nothing was saved.
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "30"
        assert "Hệ thống tạm thời gián đoạn" in page.text
        assert "chưa có gì được lưu" in page.text
        refused = upload(browser, server, report, token, target=target)
        assert refused.status_code == 503
    finally:
        pg_ctlcluster("start")
    wait_until(lambda: _database_answers(), timeout=60, what="PostgreSQL back")

    # The same session goes on, on a new database connection, with nothing half-stored.
    assert browser.get(detail, timeout=30).status_code == 200
    assert Evidence.objects.filter(report=report).count() == 0
    assert bucket_keys(s3_endpoint, bucket) == []
    assert upload(browser, server, report, token).status_code == 302
    evidence = Evidence.objects.get(report=report)
    assert bucket_keys(s3_endpoint, bucket) == [evidence.file.name]


def _database_answers() -> bool:
    try:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


# Redis down


def test_redis_down_pages_still_served_and_work_runs_inline(
    trio, report, app_servers, redis_server
):
    redis = redis_server()
    url = f"redis://127.0.0.1:{redis.port}/0"
    server = app_servers("app", REDIS_URL=url)
    browser = requests.Session()
    assert login(browser, server.url, "standing", PASSWORD).status_code == 302
    decision = issued_decision(trio)["decision"]
    redis.kill()

    # Health says what is wrong; pages, log-ins and public pages carry on.
    health = requests.get(f"{server.url}/healthz", timeout=30)
    assert health.status_code == 503
    assert health.json()["checks"]["cache"].startswith("error")
    started = time.monotonic()
    for path in (
        "/",
        reverse("report_detail", args=[report.pk]),
        reverse("decision_detail", args=[decision.pk]),
        "/vinh-danh/",
    ):
        assert browser.get(f"{server.url}{path}", timeout=30).status_code == 200, path
    other = requests.Session()
    assert login(other, server.url, "focal_a", PASSWORD).status_code == 302
    assert other.get(f"{server.url}/", timeout=30).status_code == 200
    assert time.monotonic() - started < 30

    # Bulk certificates: the broker is down, so the job runs in the web process.
    path = reverse("decision_certificates", args=[decision.pk])
    token = csrf_of(browser, server.url, reverse("decision_detail", args=[decision.pk]))
    response = browser.post(
        f"{server.url}{path}",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{server.url}{path}"},
        timeout=60,
    )
    assert response.status_code == 200
    job = Job.objects.get(kind="decision_certificates")
    wait_until(lambda: _finished(job), timeout=120, what="the job to end")
    job.refresh_from_db()
    assert (job.status, job.result["count"]) == (JobStatus.SUCCEEDED, 3)
    assert "broker unreachable" in server.output()
    assert "Internal Server Error" not in server.output()


def _finished(job) -> bool:
    job.refresh_from_db()
    return job.is_finished


# A worker killed in the middle of a bulk job


def test_a_worker_killed_mid_job_is_replaced_and_the_job_ends_once(
    trio, app_servers, stack_env, redis_server, workers, s3_endpoint, bucket
):
    decision = _decision_with(trio, people=16)
    total = Certificate.objects.filter(award__decision=decision).count()
    broker = f"redis://127.0.0.1:{redis_server().port}/0"
    env = {**stack_env, "REDIS_URL": broker, "THIDUA_JOB_STALE_SECONDS": "3"}
    server = app_servers("app", **env)
    first = workers("worker-1", env)

    browser = requests.Session()
    assert login(browser, server.url, "standing", PASSWORD).status_code == 302
    path = reverse("decision_certificates", args=[decision.pk])
    token = csrf_of(browser, server.url, reverse("decision_detail", args=[decision.pk]))
    browser.post(
        f"{server.url}{path}",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{server.url}{path}"},
        timeout=60,
    )
    job = Job.objects.get(kind="decision_certificates")
    wait_until(lambda: _progress(job) >= 3, timeout=120, what="the job to be under way")
    first.kill()  # SIGKILL to the worker and its pool: no goodbye, the message unacknowledged
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and job.done < total

    time.sleep(4)  # the heartbeat goes stale (THIDUA_JOB_STALE_SECONDS=3)
    workers("worker-2", env)
    wait_until(lambda: _finished(job), timeout=180, what="the job to end")
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.result
    assert job.attempts == 2
    assert job.result["count"] == total
    # One PDF and one zip, written once; no certificate added.
    folder = job.result["pdf"].rsplit("/", 1)[0]
    keys = [key for key in bucket_keys(s3_endpoint, bucket) if key.startswith(folder)]
    assert sorted(keys) == sorted([job.result["pdf"], job.result["zip"]])
    assert Certificate.objects.filter(award__decision=decision).count() == total
    archive = s3_client(s3_endpoint).get_object(Bucket=bucket, Key=job.result["zip"])
    names = zipfile.ZipFile(io.BytesIO(archive["Body"].read())).namelist()
    assert len(names) == len(set(names)) == total


def _decision_with(trio, *, people: int):
    data = issued_decision(trio)
    decision = data["decision"]
    for number in range(people):
        person = make_person(unit=trio["a"], full_name=f"Nguyễn Văn Thử {number:02d}")
        give(
            data,
            decision,
            line=data["cn"],
            unit=trio["a"],
            person=person,
            code=f"GK-T-{number:04d}",
        )
    return decision


def _progress(job) -> int:
    job.refresh_from_db()
    return job.done


# An upload cut halfway


def test_an_upload_cut_halfway_stores_nothing(trio, report, app_servers, s3_endpoint, bucket):
    server = app_servers("app")
    browser = requests.Session()
    assert login(browser, server.url, "focal_a", PASSWORD).status_code == 302
    token = csrf_of(browser, server.url, reverse("report_detail", args=[report.pk]))
    boundary = "thidua-ranh-gioi"
    content = PDF_BYTES + b"%" + b"x" * 400_000
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\n'
            f"{report.round.campaign.targets.get(code='T2').pk}\r\n--{boundary}\r\n"
            'Content-Disposition: form-data; name="files"; filename="bao-cao.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    cookies = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    head = (
        f"POST {reverse('report_evidence', args=[report.pk])} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\nCookie: {cookies}\r\n"
        f"Referer: {server.url}/\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head + body[: len(body) // 2])
        time.sleep(0.5)
    # The server gives up on the request; nothing of it was kept.
    time.sleep(2)
    assert Evidence.objects.filter(report=report).count() == 0
    assert bucket_keys(s3_endpoint, bucket) == []
    # The server is fine and the same upload, whole, works.
    assert upload(browser, server, report, token).status_code == 302
    assert Evidence.objects.filter(report=report).count() == 1
