"""Running long work in the background.

A job kind is registered by the app that owns the work (`@job_runner("kind")`). Where a Celery
broker is configured the job goes to a worker; otherwise it runs in a thread of the web process
(development and the demo), or synchronously when THIDUA_JOBS_INLINE is set (tests).

Nothing is lost when a worker dies. The job row is the truth, not the broker's message: a
worker claims a job (queued, or running with a heartbeat older than THIDUA_JOB_STALE_SECONDS)
in one UPDATE, so two deliveries never run it at once; progress refreshes the heartbeat; and
`requeue_stale_jobs` (when a worker starts, and every few minutes from Celery beat) sends again
the jobs whose worker vanished. A runner may therefore run more than once for a job and must be
idempotent: imports are upserts, file outputs are written under fixed names that replace the
earlier attempt's. After THIDUA_JOB_MAX_ATTEMPTS the job fails with a message instead of
killing workers forever. If the broker cannot be reached when a job starts, it runs in a thread
of the web process instead: the page never fails because Redis is down.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core.enums import JobStatus
from thidua.core.models import Job
from thidua.core.services import finish_job

logger = logging.getLogger(__name__)

Runner = Callable[[Job], dict]
_RUNNERS: dict[str, Runner] = {}


def job_runner(kind: str) -> Callable[[Runner], Runner]:
    def register(func: Runner) -> Runner:
        _RUNNERS[kind] = func
        return func

    return register


def _stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.THIDUA_JOB_STALE_SECONDS)


def _abandoned() -> Q:
    """Running under a worker that has not been heard of for too long."""
    return Q(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=_stale_before()),
        status=JobStatus.RUNNING,
    )


def _claimable() -> Q:
    return Q(status=JobStatus.QUEUED) | _abandoned()


def claim_job(job_id: int) -> Job | None:
    """Take the job for this worker, or None when it is finished or alive elsewhere."""
    claimed = (
        Job.objects.filter(pk=job_id)
        .filter(_claimable())
        .update(status=JobStatus.RUNNING, heartbeat_at=timezone.now(), attempts=F("attempts") + 1)
    )
    return Job.objects.get(pk=job_id) if claimed else None


def run_job(job_id: int, language: str | None = None) -> None:
    """Run one job to its end; a crash is recorded on the job, never lost. Its messages are
    in the language of whoever started it (a worker or a thread has no request)."""
    job = claim_job(job_id)
    if job is None:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            result = _RUNNERS[job.kind](job)
        except Exception as exc:
            logger.exception("job %s failed", job_id)
            error = _("Lỗi hệ thống khi xử lý: %(error)s") % {"error": exc}
            finish_job(job, ok=False, result={"error": error})
            return
    finish_job(job, ok=not result.get("errors"), result=result)


def _run_in_thread(job_id: int, language: str | None) -> None:
    try:
        run_job(job_id, language)
    finally:
        close_old_connections()


def _start_thread(job_id: int, language: str | None) -> None:
    threading.Thread(target=_run_in_thread, args=(job_id, language), daemon=True).start()


def send(job_id: int, language: str | None) -> None:
    """Hand the job to where it runs now (no transaction to wait for)."""
    if settings.THIDUA_JOBS_INLINE:
        run_job(job_id, language)
    elif settings.CELERY_BROKER_URL:
        from thidua.core.tasks import run_job_task

        try:
            run_job_task.delay(job_id, language)
        except Exception:
            # The broker is down: the job still runs, here, rather than the page failing.
            logger.warning("broker unreachable, job %s runs in the web process", job_id)
            _start_thread(job_id, language)
    else:
        _start_thread(job_id, language)


def dispatch(job: Job) -> None:
    """Start the job once the current transaction has committed, in the current language."""
    language = translation.get_language()
    transaction.on_commit(lambda: send(job.pk, language))


def requeue_stale_jobs() -> dict[str, int]:
    """Send again the jobs a vanished worker left behind (and those queued while nothing took
    them); fail those that have had their attempts. Returns the numbers, for the log."""
    stale = Job.objects.filter(
        _abandoned() | Q(status=JobStatus.QUEUED, created_at__lt=_stale_before())
    )
    exhausted = list(stale.filter(attempts__gte=settings.THIDUA_JOB_MAX_ATTEMPTS))
    for job in exhausted:
        message = _(
            "Tác vụ bị gián đoạn %(count)s lần nên đã dừng. Xin chạy lại; nếu vẫn lỗi, "
            "liên hệ quản trị hệ thống."
        ) % {"count": job.attempts}
        finish_job(job, ok=False, result={"error": message})
    again = list(
        stale.filter(attempts__lt=settings.THIDUA_JOB_MAX_ATTEMPTS).values_list("pk", flat=True)
    )
    for job_id in again:
        send(job_id, None)
    if again or exhausted:
        logger.warning("stale jobs: %s sent again, %s failed", len(again), len(exhausted))
    return {"requeued": len(again), "failed": len(exhausted)}
