from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from thidua.core.models import Job


@login_required
def job_status(request, pk: int):
    """A background job's progress; only its owner (or an administrator) may follow it."""
    jobs = Job.objects.all()
    if not request.user.is_system_admin:
        jobs = jobs.filter(created_by=request.user)
    job = get_object_or_404(jobs, pk=pk)
    template = "core/job_progress.html" if request.htmx else "core/job.html"
    return render(request, template, {"job": job})
