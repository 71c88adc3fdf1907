"""Import of a whole year's appraised PAR scores from .xlsx, all or nothing.

The template is generated from the framework: one row per unit the office appraises by it,
one column per scored criterion with its code and maximum in the header, and a guide sheet.
Reading, the per-row report and the background job are those of the registry import
(`thidua.organizations.imports`); only the checks of a score are ours. A file without a single
error sets every listed unit's assessment to appraised, with totals and band, in one
transaction."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from thidua.core.jobs import dispatch, job_runner
from thidua.core.models import Job
from thidua.core.services import create_job, record_audit, update_job_progress
from thidua.monitoring import par_tree
from thidua.monitoring.models import ParFramework, ParScore
from thidua.monitoring.services.par import apply_imported_scores, score_error
from thidua.organizations import exports
from thidua.organizations.imports import (
    PROGRESS_EVERY,
    Cells,
    Progress,
    Report,
    by_code,
    check_upload,
    duplicates_of,
    read_workbook,
)
from thidua.organizations.models import Unit

KIND = "monitoring.import_par"
LABEL = gettext_noop("Nhập điểm thẩm định chỉ số CCHC")
SHEET = "Điểm thẩm định"


def _leaves(framework: ParFramework) -> list[par_tree.Node]:
    return par_tree.leaves(par_tree.framework_tree(framework))


def layout(framework: ParFramework, leaves: list[par_tree.Node]) -> exports.Layout:
    """The columns of a framework's file: unit code and name, then one per scored criterion,
    its header carrying the code and the maximum (so that a file of another tree is refused)."""
    columns = [
        exports.Column("unit", "Mã đơn vị", 16, "Mã của đơn vị trong hệ thống.", required=True),
        exports.Column("name", "Tên đơn vị", 40, "Để đối chiếu; không được đọc khi nhập."),
    ]
    columns += [
        exports.Column(
            node.code,
            f"{node.code} (tối đa {par_tree.points(node.criterion.max_points)})",
            12,
            node.criterion.title,
            required=True,
        )
        for node in leaves
    ]
    return exports.Layout(
        kind="par",
        sheet=SHEET,
        title=f"Hướng dẫn nhập điểm thẩm định: {framework.name}",
        columns=tuple(columns),
        example=(),
    )


def appraised_units(actor: Any, framework: ParFramework) -> list[Unit]:
    """The units the actor appraises by this framework: of its level, under the framework's
    owner (or anywhere the actor sees, for the default), and not assessed by the framework of
    an office nearer to them. Two queries."""
    units = Unit.objects.filter(level=framework.level).order_by("sort_key", "pk")
    if framework.owner_id is not None:
        units = units.filter(path__startswith=framework.owner.path).exclude(pk=framework.owner_id)
    if not actor.is_system_admin:
        units = units.filter(path__startswith=actor.unit.path).exclude(pk=actor.unit_id)
    others = _other_owners(framework)
    return [unit for unit in units if _nearest_is(framework, unit, others)]


def _other_owners(framework: ParFramework) -> dict[int, int]:
    """{owner id: depth} of the other frameworks of the year and level set by an office."""
    return dict(
        ParFramework.objects.filter(year=framework.year, level=framework.level, owner__isnull=False)
        .exclude(pk=framework.pk)
        .values_list("owner_id", "owner__depth")
    )


def _nearest_is(framework: ParFramework, unit: Unit, others: dict[int, int]) -> bool:
    own_depth = framework.owner.depth if framework.owner_id else -1
    return not any(pk in others and others[pk] > own_depth for pk in unit.ancestor_ids)


def template_workbook(actor: Any, framework: ParFramework) -> bytes:
    """The file to fill in: every unit the actor appraises by the framework, with the scores
    already appraised; a guide sheet explains the columns."""
    leaves = _leaves(framework)
    file_layout = layout(framework, leaves)
    units = appraised_units(actor, framework)
    scores: dict[tuple[int, int], Decimal] = {
        (unit_id, criterion_id): value
        for unit_id, criterion_id, value in ParScore.objects.filter(
            assessment__framework=framework,
            assessment__unit__in=[unit.pk for unit in units],
            appraised_score__isnull=False,
        ).values_list("assessment__unit_id", "criterion_id", "appraised_score")
    }
    with translation.override(exports.FILE_LANGUAGE):
        return _write(file_layout, leaves, units, scores)


def _write(
    file_layout: exports.Layout,
    leaves: list[par_tree.Node],
    units: list[Unit],
    scores: dict[tuple[int, int], Decimal],
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    for index, column in enumerate(file_layout.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "C2"
    _guide(workbook, file_layout)
    sheet.append([exports.header_cell(sheet, column.header) for column in file_layout.columns])
    for unit in units:
        values = [scores.get((unit.pk, node.criterion.pk)) for node in leaves]
        sheet.append([unit.code, unit.name, *(None if v is None else float(v) for v in values)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guide(workbook: Workbook, file_layout: exports.Layout) -> None:
    sheet = workbook.create_sheet(exports.GUIDE_SHEET)
    for letter, width in zip("ABC", (24, 12, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    lines: list[list] = [
        [exports.header_cell(sheet, file_layout.title)],
        [
            f"Mỗi dòng của trang '{SHEET}' là một đơn vị; dòng 1 là tiêu đề, giữ nguyên. "
            "Ghi điểm thẩm định của từng tiêu chí, từ 0 đến điểm tối đa ghi ở tiêu đề cột, "
            "tối đa 2 chữ số thập phân."
        ],
        [
            "Đơn vị chưa thẩm định thì để trống mọi ô điểm của dòng đó (hoặc xóa dòng): đơn vị "
            "đó không bị thay đổi. Dòng đã ghi điểm thì phải ghi đủ mọi tiêu chí."
        ],
        [
            "Tệp được kiểm tra toàn bộ trước khi ghi: chỉ cần một lỗi, không có dữ liệu nào bị "
            "thay đổi, và bạn nhận được danh sách lỗi theo từng dòng. Khi nhập thành công, kết "
            "quả của mọi đơn vị trong tệp chuyển sang 'Đã thẩm định', kèm tổng điểm và xếp loại."
        ],
        [],
        [exports.header_cell(sheet, text) for text in ("Cột", "Bắt buộc", "Nội dung")],
    ]
    for column in file_layout.columns:
        lines.append([column.header, "Có" if column.required else "Không", column.help])
    for line in lines:
        sheet.append(line)


# Reading and checking -----------------------------------------------------------------------


@dataclass
class Row:
    number: int
    code: str
    scores: dict[int, Decimal]
    blank: bool
    ok: bool


def _parse(cells: Cells, leaves: list[par_tree.Node]) -> Row:
    code = cells.text("unit", required=True, max_length=40)
    scores: dict[int, Decimal] = {}
    missing = []
    for node in leaves:
        value = cells.values.get(node.code)
        if isinstance(value, str) and not value.strip():
            value = None
        if value is None:
            missing.append(node)
            continue
        number, error = score_error(node.code, value, node.criterion.max_points)
        if error:
            cells.error(node.code, error)
        else:
            scores[node.criterion.pk] = number
    blank = len(missing) == len(leaves)
    if not blank:
        for node in missing:
            cells.error(
                node.code,
                _(
                    "Tiêu chí %(code)s chưa có điểm: dòng đã ghi điểm phải ghi đủ mọi tiêu chí "
                    "(hoặc để trống cả dòng nếu đơn vị chưa thẩm định)."
                )
                % {"code": node.code},
            )
    return Row(number=cells.number, code=code, scores=scores, blank=blank, ok=cells.ok)


def _check_units(
    actor: Any, framework: ParFramework, rows: list[Row], report: Report
) -> dict[str, Unit]:
    """The unit of each row, each one known, appraised by the actor and by this framework."""
    duplicated = duplicates_of(rows, "unit", report, _("Mã đơn vị"))
    found = by_code(Unit.objects.all(), {row.code for row in rows if row.code})
    others = _other_owners(framework)
    level = framework.get_level_display().lower()
    for row in rows:
        unit = found.get(row.code)
        if not row.code or row.code in duplicated:
            continue
        if unit is None:
            report.add(
                row.number,
                "unit",
                _("Mã đơn vị '%(code)s' không có trong hệ thống.") % {"code": row.code},
            )
        elif not actor.has_perm("monitoring.decide_par_assessment", unit) or (
            framework.owner_id is not None
            and (unit.pk == framework.owner_id or framework.owner_id not in unit.ancestor_ids)
        ):
            report.add(
                row.number,
                "unit",
                _("Đơn vị '%(code)s' không thuộc phạm vi thẩm định của bạn theo bộ tiêu chí này.")
                % {"code": row.code},
            )
        elif unit.level != framework.level:
            report.add(
                row.number,
                "unit",
                _("Đơn vị '%(code)s' không phải đơn vị %(level)s.")
                % {"code": row.code, "level": level},
            )
        elif not _nearest_is(framework, unit, others):
            report.add(
                row.number,
                "unit",
                _("Đơn vị '%(code)s' được đánh giá theo bộ tiêu chí khác của năm %(year)s.")
                % {"code": row.code, "year": framework.year},
            )
    return found


def import_appraisals(
    *,
    actor: Any,
    framework: ParFramework,
    source: Any,
    job: Job | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Check a file of appraised scores as a whole, then appraise every unit it lists in one
    transaction; the report names each wrong cell by row and column."""
    if actor is None or not actor.has_perm("monitoring.import_par_scores", framework):
        raise PermissionDenied(_("Bạn không có quyền nhập điểm thẩm định theo bộ tiêu chí này."))
    leaves = _leaves(framework)
    report = Report(layout(framework, leaves))
    cells = read_workbook(source, report)
    total = len(cells)
    rows = []
    for index, row_cells in enumerate(cells, start=1):
        rows.append(_parse(row_cells, leaves))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, total)
    units = _check_units(actor, framework, rows, report) if rows else {}
    if progress:
        progress(total, total)
    if report.errors:
        return report.as_dict()
    chosen = [row for row in rows if not row.blank]
    report.unchanged = len(rows) - len(chosen)
    if chosen:
        with transaction.atomic():
            created, updated, unchanged = apply_imported_scores(
                actor=actor,
                framework=framework,
                units=[units[row.code] for row in chosen],
                scores={units[row.code].pk: row.scores for row in chosen},
            )
            report.created, report.updated = created, updated
            report.unchanged += unchanged
            name = source if isinstance(source, str | Path) else getattr(source, "name", "")
            record_audit(
                actor=actor,
                action="par_assessment.import",
                obj=job or framework,
                after={
                    "framework": framework.pk,
                    "file": Path(str(name)).name if name else "",
                    "units": sorted(row.code for row in chosen),
                    "created": created,
                    "updated": updated,
                },
            )
    return report.as_dict()


@job_runner(KIND)
def run_import(job: Job) -> dict[str, Any]:
    update_job_progress(job, done=0)
    framework = ParFramework.objects.select_related("owner").get(pk=job.params["framework"])
    with job.input_file.open("rb") as handle:
        content = io.BytesIO(handle.read())
    content.name = job.params.get("filename", "")
    try:
        return import_appraisals(
            actor=job.created_by,
            framework=framework,
            source=content,
            job=job,
            progress=lambda done, total: update_job_progress(job, done=done, total=total),
        )
    except (ValidationError, PermissionDenied) as exc:
        report = Report(layout(framework, _leaves(framework)))
        report.add(None, "", exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        return report.as_dict()


def start_import(*, actor: Any, framework: ParFramework, file: Any) -> Job:
    """Check the upload, keep it, and queue its import as a background job."""
    if not actor.has_perm("monitoring.import_par_scores", framework):
        raise PermissionDenied(_("Bạn không có quyền nhập điểm thẩm định theo bộ tiêu chí này."))
    check_upload(file)
    job = create_job(
        actor=actor,
        kind=KIND,
        input_file=file,
        params={
            "label": LABEL,
            "filename": Path(getattr(file, "name", "") or "").name,
            "framework": framework.pk,
            "back_url": reverse("par_import", args=[framework.pk]),
        },
    )
    dispatch(job)
    return job
