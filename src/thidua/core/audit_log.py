"""The audit log read back by an administrator: names of what changed, a short account of each
change, and the export of a filtered log as .xlsx or .csv.

A small export is written while the administrator waits; above `EXPORT_INLINE_LIMIT` rows it
becomes a background job whose file is kept for download. Either way the export is itself a
row of the log (`audit.export`), and it holds the rows up to that moment only, so that a job
run twice writes the same file. Like every file the application hands out to be opened in
Excel, the file is Vietnamese whatever the administrator's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook

from thidua.core.audit_actions import ACTIONS, action_label
from thidua.core.jobs import dispatch, job_runner
from thidua.core.models import AuditEvent, Job
from thidua.core.selectors import AuditFilters, audit_events
from thidua.core.services import create_job, record_event, require_perm, update_job_progress
from thidua.core.text import name_sort_key
from thidua.core.xlsx import FORMULA_START, table_sheet

KIND = "core.export_audit_log"
EXPORT_ACTION = "audit.export"
# Above this many rows an export goes to the background instead of holding the request.
EXPORT_INLINE_LIMIT = 5_000
PROGRESS_EVERY = 500
BATCH = 2_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMATS = {"xlsx": XLSX, "csv": CSV}
JOB_LABEL = gettext_noop("Xuất nhật ký thao tác")
BACK_LABEL = gettext_noop("Quay lại nhật ký thao tác")

COLUMNS = (
    ("Thời điểm", 17),
    ("Người thực hiện", 28),
    ("Tên đăng nhập", 18),
    ("Hành động", 28),
    ("Nội dung", 36),
    ("Loại đối tượng", 28),
    ("Mã đối tượng", 12),
    ("Đối tượng", 48),
    ("Trước", 60),
    ("Sau", 60),
)


def _models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("thidua.") and not model.__name__.startswith("Historical")
    ]


def object_type_labels() -> dict[str, str]:
    """ "awards.nomination" → "Đề nghị khen thưởng", in the current language."""
    return {model._meta.label_lower: str(capfirst(model._meta.verbose_name)) for model in _models()}


def object_type_choices() -> list[tuple[str, str]]:
    """Every kind of object the log may name, in Vietnamese order of their names."""
    labels = object_type_labels()
    return sorted(labels.items(), key=lambda item: (name_sort_key(item[1]), item[0]))


def _short(value: Any, width: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else f"{text[: width - 1]}…"


def change_lines(before: Any, after: Any, limit: int = 3) -> tuple[list[str], int]:
    """The first few changed keys as "key: old → new", and how many more there are."""
    old = before if isinstance(before, dict) else ({} if before is None else {"": before})
    new = after if isinstance(after, dict) else ({} if after is None else {"": after})
    lines = []
    for key in sorted(set(old) | set(new)):
        if key in old and key in new and old[key] == new[key]:
            continue
        label = f"{key}: " if key else ""
        if key in old and key in new:
            lines.append(f"{label}{_short(old[key])} → {_short(new[key])}")
        elif key in new:
            lines.append(f"{label}{_short(new[key])}")
        else:
            lines.append(f"{label}{_short(old[key])} → ∅")
    return lines[:limit], max(0, len(lines) - limit)


def pretty_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@dataclass(frozen=True)
class AuditRow:
    """One row of the log page: the event, the name of its object's kind, its first changes
    and the full values before and after, pretty-printed."""

    event: AuditEvent
    action_label: str
    type_label: str
    changes: list[str]
    more_changes: int
    before: str
    after: str


def audit_rows(events: Iterable[AuditEvent]) -> list[AuditRow]:
    labels = object_type_labels()
    rows = []
    for event in events:
        changes, more = change_lines(event.before, event.after)
        rows.append(
            AuditRow(
                event=event,
                action_label=action_label(event.action),
                type_label=labels.get(event.object_type, event.object_type),
                changes=changes,
                more_changes=more,
                before="" if event.before is None else pretty_json(event.before),
                after="" if event.after is None else pretty_json(event.after),
            )
        )
    return rows


def _compact_json(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _local(moment: dt.datetime) -> dt.datetime:
    """Wall-clock time in Viet Nam, without a zone: Excel knows no time zones."""
    return timezone.localtime(moment, timezone.get_default_timezone()).replace(tzinfo=None)


def _row(event: AuditEvent, labels: dict[str, str], actions: dict[str, str]) -> list[Any]:
    actor = event.actor
    return [
        _local(event.at),
        str(actor) if actor else "",
        actor.get_username() if actor else "",
        event.action,
        actions.get(event.action, event.action),
        labels.get(event.object_type, event.object_type),
        event.object_id,
        event.object_repr,
        _compact_json(event.before),
        _compact_json(event.after),
    ]


def _file_labels() -> dict[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        return object_type_labels()


def _file_actions() -> dict[str, str]:
    """The actions' words in the files' language (Vietnamese, whoever exports)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {code: str(label) for code, label in ACTIONS.items()}


def _rows(events: QuerySet[AuditEvent], progress=None) -> Iterator[list[Any]]:
    labels, actions = _file_labels(), _file_actions()
    for done, event in enumerate(events.iterator(chunk_size=BATCH), start=1):
        yield _row(event, labels, actions)
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)


def write_xlsx(rows: Iterable[list[Any]], target) -> None:
    """The log as one sheet: styled headers, widths, the header row frozen, times as real
    date-times shown dd/mm/yyyy hh:mm."""
    workbook = Workbook(write_only=True)
    table_sheet(workbook, "Nhật ký thao tác", COLUMNS, rows)
    workbook.save(target)


def _csv_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def csv_chunks(rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so that Excel reads the Vietnamese letters right; a few
    hundred rows a chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([header for header, _width in COLUMNS])
    for count, (moment, *texts) in enumerate(rows, start=1):
        writer.writerow([f"{moment:%d/%m/%Y %H:%M:%S}", *(_csv_text(t) for t in texts)])
        if count % PROGRESS_EVERY == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


def file_name(fmt: str) -> str:
    return f"nhat-ky-thao-tac-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"


@dataclass(frozen=True)
class AuditExport:
    """An export just asked for: its content to send now, or the job that will write it."""

    fmt: str
    filename: str
    rows: int
    job: Job | None = None
    content: Iterable[bytes] | None = None

    @property
    def content_type(self) -> str:
        return FORMATS[self.fmt]


def _content(events: QuerySet[AuditEvent], fmt: str) -> Iterable[bytes]:
    if fmt == "csv":
        return csv_chunks(_rows(events))
    buffer = io.BytesIO()
    write_xlsx(_rows(events), buffer)
    return [buffer.getvalue()]


def export_audit_log(
    *, actor: Any, filters: AuditFilters, fmt: str, back_url: str = ""
) -> AuditExport:
    """Export the filtered log, noting the export in the log itself; a large one goes to a
    background job (see the module's note)."""
    require_perm(
        actor,
        "core.view_audit_log",
        message=_("Chỉ quản trị hệ thống được xuất nhật ký thao tác."),
    )
    if fmt not in FORMATS:
        raise ValidationError(_("Chỉ xuất được tệp .xlsx hoặc .csv."))
    with transaction.atomic():
        upto = AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0
        events = audit_events(filters).filter(pk__lte=upto)
        rows = events.count()
        name = file_name(fmt)
        after: dict[str, Any] = {"format": fmt, "rows": rows, "filters": filters.as_params()}
        job = None
        if rows > EXPORT_INLINE_LIMIT:
            job = create_job(
                actor=actor,
                kind=KIND,
                total=rows,
                params={
                    "label": JOB_LABEL,
                    "format": fmt,
                    "filename": name,
                    "filters": filters.as_params(),
                    "upto": upto,
                    "back_url": back_url,
                    "back_label": BACK_LABEL,
                },
            )
            after["job"] = job.pk
        record_event(
            actor=actor,
            action=EXPORT_ACTION,
            object_type=AuditEvent._meta.label_lower,
            object_repr=name,
            after=after,
        )
        if job is not None:
            dispatch(job)
            return AuditExport(fmt=fmt, filename=name, rows=rows, job=job)
    return AuditExport(fmt=fmt, filename=name, rows=rows, content=_content(events, fmt))


@job_runner(KIND)
def run_audit_export(job: Job) -> dict[str, Any]:
    params = job.params
    fmt = params["format"]
    filters = AuditFilters.from_params(params["filters"])
    events = audit_events(filters).filter(pk__lte=params["upto"])
    total = events.count()
    update_job_progress(job, done=0, total=total)

    def progress(done: int) -> None:
        update_job_progress(job, done=done)

    with tempfile.TemporaryFile() as target:
        rows = _rows(events, progress)
        if fmt == "csv":
            for chunk in csv_chunks(rows):
                target.write(chunk)
        else:
            write_xlsx(rows, target)
        target.seek(0)
        # A fixed name, replaced if an earlier attempt of the job left one (run again after
        # its worker died), never a second copy beside it.
        stored = f"exports/audit/{job.pk}/{params['filename']}"
        if default_storage.exists(stored):
            default_storage.delete(stored)
        stored = default_storage.save(stored, File(target, name=params["filename"]))
    return {
        "file": stored,
        "rows": total,
        "download_url": reverse("audit_export_file", args=[job.pk]),
    }
