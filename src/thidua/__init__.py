# The Celery app is configured whenever Django is: the web processes send jobs to the broker of
# the settings (without this they would go to Celery's default, amqp://localhost).
from thidua.celery import app as celery_app

__all__ = ("celery_app",)
