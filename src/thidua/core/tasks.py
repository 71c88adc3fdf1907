from celery import shared_task
from celery.signals import worker_ready

from thidua.core.jobs import requeue_stale_jobs, run_job


@shared_task(name="thidua.run_job", acks_late=True)
def run_job_task(job_id: int, language: str | None = None) -> None:
    run_job(job_id, language)


@shared_task(name="thidua.requeue_stale_jobs")
def requeue_stale_jobs_task() -> dict[str, int]:
    return requeue_stale_jobs()


@worker_ready.connect
def _requeue_on_start(**kwargs) -> None:
    """A worker that starts (after a crash, a deploy) picks up what the last one dropped."""
    requeue_stale_jobs_task.delay()
