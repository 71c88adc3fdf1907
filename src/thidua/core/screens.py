"""The audit log screens of the system administrator: the filtered log page, its export and
the download of an export written in the background.

Every screen needs `core.view_audit_log` (anonymous → log-in page, anyone else → 403). Nothing
here writes: the export, which records itself in the log, is a service of `audit_log`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.core import audit_log
from thidua.core.enums import JobStatus
from thidua.core.forms import AuditFilterForm
from thidua.core.models import AuditEvent, Job
from thidua.core.selectors import AuditFilters, audit_events

audit_required = permission_required("core.view_audit_log", raise_exception=True)


def _filter_query(data, *drop: str) -> str:
    """The filters of a request as a query string, without the page and the CSRF token."""
    query = data.copy()
    for key in ("trang", "csrfmiddlewaretoken", *drop):
        query.pop(key, None)
    return query.urlencode()


@login_required
@audit_required
@require_GET
def audit_log_page(request):
    """The log, newest first, filtered; one page of it and the buttons to export it all."""
    form = AuditFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else AuditFilters()
    events = audit_events(filters) if filters is not None else AuditEvent.objects.none()
    page = Paginator(events, settings.PAGE_SIZE).get_page(request.GET.get("trang"))
    subject = None
    if filters is not None and filters.actor_id is not None:
        subject = get_user_model().objects.filter(pk=filters.actor_id).first()
    export_fields = [
        (key, value) for key, values in request.GET.lists() if key != "trang" for value in values
    ]
    context = {
        "form": form,
        "page": page,
        "rows": audit_log.audit_rows(page.object_list),
        "subject": subject,
        "query_string": _filter_query(request.GET),
        "everyone_query": _filter_query(request.GET, "user"),
        "export_fields": export_fields if filters is not None else [],
        "inline_limit": audit_log.EXPORT_INLINE_LIMIT,
    }
    return render(request, "core/audit_log.html", context)


@login_required
@audit_required
@require_POST
def audit_log_export(request, fmt: str):
    """The filtered log as a file now or, when it is large, a background job to follow."""
    if fmt not in audit_log.FORMATS:
        raise Http404
    query = _filter_query(request.POST)
    back_url = f"{reverse('audit_log')}?{query}" if query else reverse("audit_log")
    filters = AuditFilterForm(request.POST).filters()
    if filters is None:
        messages.error(request, _("Bộ lọc chưa hợp lệ; hãy sửa bộ lọc rồi xuất lại."))
        return redirect(back_url)
    try:
        export = audit_log.export_audit_log(
            actor=request.user, filters=filters, fmt=fmt, back_url=back_url
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(back_url)
    if export.job is not None:
        return redirect("job_status", pk=export.job.pk)
    response = StreamingHttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@login_required
@audit_required
@require_GET
def audit_export_file(request, pk: int):
    """The file of an export that was written in the background."""
    job = get_object_or_404(Job, pk=pk, kind=audit_log.KIND, status=JobStatus.SUCCEEDED)
    name = job.result.get("file")
    if not name or not default_storage.exists(name):
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
        content_type=audit_log.FORMATS[job.params["format"]],
    )
