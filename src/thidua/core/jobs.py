"""Running long work in the background.

A job kind is registered by the app that owns the work (`@job_runner("kind")`). Where a Celery
broker is configured the job goes to a worker; otherwise it runs in a thread of the web process
(development and the demo), or synchronously when THIDUA_JOBS_INLINE is set (tests).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import translation
from django.utils.translation import gettext as _

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


def run_job(job_id: int, language: str | None = None) -> None:
    """Run one job to its end; a crash is recorded on the job, never lost. Its messages are
    in the language of whoever started it (a worker or a thread has no request)."""
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
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


def dispatch(job: Job) -> None:
    """Start the job once the current transaction has committed, in the current language."""
    language = translation.get_language()

    def start() -> None:
        if settings.THIDUA_JOBS_INLINE:
            run_job(job.pk, language)
        elif settings.CELERY_BROKER_URL:
            from thidua.core.tasks import run_job_task

            run_job_task.delay(job.pk, language)
        else:
            threading.Thread(target=_run_in_thread, args=(job.pk, language), daemon=True).start()

    transaction.on_commit(start)
