"""Celery tasks of monitoring; Celery beat runs `thidua.send_reminders` daily at 07:00
(Asia/Ho_Chi_Minh) where a broker is configured (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from thidua.monitoring.services import send_reminders


@shared_task(name="thidua.send_reminders")
def send_reminders_task() -> dict[str, int]:
    return send_reminders(today=timezone.localdate())
