import logging
import sys

from django.contrib.auth.decorators import login_not_required, login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from thidua.core import health
from thidua.core.models import Job

logger = logging.getLogger(__name__)


@login_required
def job_status(request, pk: int):
    """A background job's progress; only its owner (or an administrator) may follow it."""
    jobs = Job.objects.all()
    if not request.user.is_system_admin:
        jobs = jobs.filter(created_by=request.user)
    job = get_object_or_404(jobs, pk=pk)
    template = "core/job_progress.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": job})


@login_not_required
@csrf_exempt
@never_cache
@require_safe
def healthz(request):
    """The load balancer's probe: 200 when the database, the cache and the storage answer,
    503 naming the ones that do not. Public (no login, no session, no CSRF); nothing secret."""
    checks = health.run_checks()
    healthy = all(result == health.OK for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


def server_error(request):
    """The error page (handler500). When the database could not be reached (a restart, a
    fail-over) the user is told so with 503 and Retry-After: the transaction was rolled back,
    nothing was saved, and the same action will work in a moment. Drawn without the site's
    layout, which would query the database again."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", error)
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))
