"""Background jobs survive their worker: one claim per run, stale jobs sent again, attempts
capped, a broker that is down never fails the page."""

import datetime as dt
import threading

import pytest
from django.utils import timezone

from thidua.core import jobs
from thidua.core.enums import JobStatus
from thidua.core.models import Job
from thidua.core.services import create_job, update_job_progress

RUNS: list[int] = []


@jobs.job_runner("test.count")
def _count(job):
    RUNS.append(job.pk)
    update_job_progress(job, done=1, total=1)
    return {"count": len(RUNS)}


@pytest.fixture(autouse=True)
def _clear():
    RUNS.clear()


def _job(**fields) -> Job:
    job = create_job(actor=None, kind="test.count", total=1)
    if fields:
        Job.objects.filter(pk=job.pk).update(**fields)
        job.refresh_from_db()
    return job


def _ago(seconds):
    return timezone.now() - dt.timedelta(seconds=seconds)


def test_a_queued_job_runs_once_even_if_delivered_twice(db):
    job = _job()
    jobs.run_job(job.pk)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert [job.pk] == RUNS
    assert job.status == JobStatus.SUCCEEDED
    assert job.attempts == 1


def test_a_running_job_with_a_live_heartbeat_is_left_to_its_worker(db):
    job = _job(status=JobStatus.RUNNING, heartbeat_at=_ago(5), attempts=1)
    assert jobs.claim_job(job.pk) is None
    jobs.run_job(job.pk)
    assert RUNS == []


def test_a_running_job_whose_worker_died_is_taken_over(db, settings):
    settings.THIDUA_JOB_STALE_SECONDS = 60
    job = _job(status=JobStatus.RUNNING, heartbeat_at=_ago(61), attempts=1)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert [job.pk] == RUNS
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2


def test_progress_is_a_heartbeat(db):
    job = _job(status=JobStatus.RUNNING, heartbeat_at=_ago(3600))
    update_job_progress(job, done=1)
    job.refresh_from_db()
    assert timezone.now() - job.heartbeat_at < dt.timedelta(seconds=5)


def test_only_one_of_two_concurrent_claims_wins(transactional_db):
    job = _job()
    results = []
    barrier = threading.Barrier(2)

    def claim():
        barrier.wait()
        results.append(jobs.claim_job(job.pk) is not None)

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]


def test_requeue_sends_stale_jobs_again_and_fails_exhausted_ones(db, settings):
    settings.THIDUA_JOBS_INLINE = True
    settings.THIDUA_JOB_STALE_SECONDS = 60
    settings.THIDUA_JOB_MAX_ATTEMPTS = 3
    stale = _job(status=JobStatus.RUNNING, heartbeat_at=_ago(120), attempts=1)
    lost = _job(created_at=_ago(120))  # queued while no worker took it
    alive = _job(status=JobStatus.RUNNING, heartbeat_at=_ago(10), attempts=1)
    fresh = _job()  # just queued: its worker will come
    exhausted = _job(status=JobStatus.RUNNING, heartbeat_at=_ago(120), attempts=3)
    done = _job(status=JobStatus.SUCCEEDED, heartbeat_at=_ago(500))

    assert jobs.requeue_stale_jobs() == {"requeued": 2, "failed": 1}

    assert sorted(RUNS) == sorted([stale.pk, lost.pk])
    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses[stale.pk] == statuses[lost.pk] == JobStatus.SUCCEEDED
    assert statuses[alive.pk] == JobStatus.RUNNING
    assert statuses[fresh.pk] == JobStatus.QUEUED
    assert statuses[done.pk] == JobStatus.SUCCEEDED
    exhausted.refresh_from_db()
    assert exhausted.status == JobStatus.FAILED
    assert "gián đoạn 3 lần" in exhausted.result["error"]


def test_a_broker_that_is_down_runs_the_job_in_the_web_process(transactional_db, settings, caplog):
    settings.THIDUA_JOBS_INLINE = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from thidua.celery import app

    app.conf.broker_url = settings.CELERY_BROKER_URL
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.5}
    try:
        job = _job()
        jobs.send(job.pk, "vi")
        for _ in range(100):
            job.refresh_from_db()
            if job.is_finished:
                break
            threading.Event().wait(0.05)
    finally:
        app.conf.broker_url = None
    assert job.status == JobStatus.SUCCEEDED
    assert [job.pk] == RUNS
    assert "broker unreachable" in caplog.text


def test_the_web_process_sends_jobs_to_the_configured_broker(tmp_path):
    """In a process that only set Django up (as gunicorn does), the task's app is ours, on the
    broker of REDIS_URL, not Celery's default amqp://localhost."""
    import os
    import subprocess
    import sys

    code = (
        "import django; django.setup()\n"
        "from thidua.core.tasks import run_job_task\n"
        "print(run_job_task.app.main, run_job_task.app.conf.broker_url)\n"
    )
    env = {
        **os.environ,
        "REDIS_URL": "redis://redis.internal:6379/3",
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "THIDUA_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["thidua", "redis://redis.internal:6379/3"], result.stderr
