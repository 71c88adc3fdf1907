from celery import shared_task

from thidua.core.jobs import run_job


@shared_task(name="thidua.run_job", acks_late=True)
def run_job_task(job_id: int, language: str | None = None) -> None:
    run_job(job_id, language)
