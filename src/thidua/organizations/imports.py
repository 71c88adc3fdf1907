"""Import of units and people from .xlsx, all or nothing.

Every row is checked first, against the file and the registry read in a handful of queries;
the result is a list of errors naming the row as Excel numbers it, the column header and what
is wrong, in Vietnamese. Only a file without a single error is written, in one transaction.
Codes already in the registry (inside the actor's scope) are updated, so that an export can
be edited and imported back; new codes are created.

Units are few (a province has hundreds) and go through the unit services, which keep the
tree's derived fields. People are many (tens of thousands) and are written in bulk, with
their history rows, after an in-memory check.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_create_with_history

from thidua.core.jobs import dispatch, job_runner
from thidua.core.models import Job
from thidua.core.services import acting_user, create_job, record_audit, update_job_progress
from thidua.organizations import exports, selectors, services
from thidua.organizations.enums import Position, UnitKind
from thidua.organizations.models import Person, Unit

Progress = Callable[[int, int], None]

PROGRESS_EVERY = 500
BATCH_SIZE = 500
# Codes looked up per query: well under the bound parameters SQLite and PostgreSQL accept.
LOOKUP_CHUNK = 5000
MAX_ERRORS = 1000
# Kept untranslated in the job's parameters; the job page translates them when it shows them.
KIND_LABELS = {
    "units": gettext_noop("Nhập danh sách đơn vị"),
    "people": gettext_noop("Nhập danh sách cá nhân"),
}

YES_WORDS = {"x", "có", "co", "1", "true", "yes"}
NO_WORDS = {"không", "khong", "0", "false", "no"}
# A changed name changes the derived search and sort keys too.
NAME_KEYS = ("search_name", "sort_key")


def _key(text: str) -> str:
    """Loose comparison key for headers and labels: NFC, case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _choice_lookup(enum: type[models.TextChoices]) -> dict[str, str]:
    lookup = {_key(str(label)): code for code, label in enum.choices}
    lookup.update({_key(code): code for code in enum.values})
    return lookup


@functools.cache
def _choice_lookups() -> dict[str, dict[str, str]]:
    """Codes by label or code; the labels are the files' own, whatever the user's language."""
    with translation.override(exports.FILE_LANGUAGE):
        return {"kind": _choice_lookup(UnitKind), "position": _choice_lookup(Position)}


CHOICE_ERRORS = {
    "kind": gettext_lazy(
        "Loại đơn vị '%(value)s' không hợp lệ: ghi mã (ví dụ 'commune') hoặc tên gọi "
        "(ví dụ 'Xã') theo trang Hướng dẫn."
    ),
    "position": gettext_lazy(
        "Vị trí '%(value)s' không hợp lệ: ghi mã (ví dụ 'civil_servant') hoặc tên gọi "
        "(ví dụ 'Cán bộ, công chức') theo trang Hướng dẫn."
    ),
}


class Report:
    """The outcome of one import; any error means nothing was written."""

    def __init__(self, layout: exports.Layout) -> None:
        self.layout = layout
        self.order = {column.header: index for index, column in enumerate(layout.columns)}
        self.errors: list[dict[str, Any]] = []
        self.rows = 0
        self.created = 0
        self.updated = 0
        self.unchanged = 0

    def add(self, row: int | None, field: str, message: str) -> None:
        column = self.layout.headers.get(field, "")
        self.errors.append({"row": row, "column": column, "message": message})

    def as_dict(self) -> dict[str, Any]:
        errors = sorted(self.errors, key=lambda e: (e["row"] or 0, self.order.get(e["column"], -1)))
        return {
            "kind": self.layout.kind,
            "rows": self.rows,
            "created": 0 if errors else self.created,
            "updated": 0 if errors else self.updated,
            "unchanged": 0 if errors else self.unchanged,
            "error_count": len(errors),
            "errors": errors[:MAX_ERRORS],
        }


class Cells:
    """One spreadsheet row read against its layout; each bad cell becomes a report error."""

    def __init__(self, number: int, values: tuple, report: Report) -> None:
        self.number = number
        self.report = report
        self.values = dict(zip(report.layout.headers, values, strict=False))
        self.ok = True

    def error(self, field: str, message: str) -> None:
        self.ok = False
        self.report.add(self.number, field, message)

    def text(self, field: str, *, required: bool = False, max_length: int = 255) -> str:
        value = self.values.get(field)
        if value is None:
            text = ""
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        elif isinstance(value, dt.datetime | dt.date):
            text = value.strftime("%d/%m/%Y")
        else:
            text = str(value)
        text = " ".join(unicodedata.normalize("NFC", text).split())
        header = self.report.layout.headers[field]
        if required and not text:
            self.error(field, _("%(column)s không được để trống.") % {"column": header})
        elif len(text) > max_length:
            self.error(
                field,
                _("%(column)s dài quá %(max)s ký tự.") % {"column": header, "max": max_length},
            )
        return text

    def code(self, field: str, *, required: bool = True) -> str:
        """A well-formed code, or "" (the cell's error is reported) so that later checks
        do not report the same cell twice."""
        text = self.text(field, required=required, max_length=1000)
        if text:
            try:
                services.check_code(text)
            except ValidationError as exc:
                self.error(field, exc.messages[0])
                return ""
        return text

    def choice(self, field: str, values: str) -> str:
        text = self.text(field, required=True)
        if not text:
            return ""
        code = _choice_lookups()[values].get(_key(text))
        if code is None:
            self.error(field, CHOICE_ERRORS[values] % {"value": text})
            return ""
        return code

    def date(self, field: str) -> dt.date | None:
        value = self.values.get(field)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = self.text(field)
        if not text:
            return None
        if isinstance(value, str):
            for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
                try:
                    return dt.datetime.strptime(text, fmt).date()
                except ValueError:
                    continue
        self.error(
            field,
            _("Ngày '%(value)s' không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 01/07/2025.")
            % {"value": text},
        )
        return None

    def flag(self, field: str, *, default: bool) -> bool:
        value = self.values.get(field)
        if isinstance(value, bool):
            return value
        text = self.text(field)
        if not text:
            return default
        word = _key(text)
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        self.error(
            field,
            _("Giá trị '%(value)s' không hợp lệ: ghi 'x' hoặc 'có' nếu đúng, 'không' nếu không.")
            % {"value": text},
        )
        return default


# Reading


NOT_XLSX = gettext_lazy(
    "Tệp không phải bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel và lưu lại với "
    "định dạng .xlsx."
)


def _open_workbook(source: Any):
    try:
        return load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a file that is not .xlsx
        raise ValidationError(NOT_XLSX) from exc


def read_workbook(source: Any, report: Report) -> list[Cells]:
    """The data rows of the layout's sheet (or of the first sheet), blank rows skipped.

    A wrong header row is the only error reported then: the columns cannot be trusted."""
    layout = report.layout
    workbook = _open_workbook(source)
    try:
        if layout.sheet in workbook.sheetnames:
            sheet = workbook[layout.sheet]
        else:
            sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows, ()))
        width = len(layout.columns)
        header += [None] * (width - len(header))
        for index, column in enumerate(layout.columns):
            found = "" if header[index] is None else str(header[index])
            if _key(found) != _key(column.header):
                report.add(
                    1,
                    column.field,
                    _(
                        "Dòng tiêu đề không đúng mẫu: cột %(column)s phải là '%(expected)s' "
                        "nhưng đang là '%(found)s'. Hãy dùng tệp mẫu '%(sheet)s' tải từ hệ thống."
                    )
                    % {
                        "column": get_column_letter(index + 1),
                        "expected": column.header,
                        "found": found.strip(),
                        "sheet": layout.sheet,
                    },
                )
                return []
        found_rows = []
        for number, values in enumerate(rows, start=2):
            values = tuple(values[:width]) + (None,) * (width - len(values))
            if all(value is None or str(value).strip() == "" for value in values):
                continue
            found_rows.append(Cells(number, values, report))
    finally:
        workbook.close()
    report.rows = len(found_rows)
    if not found_rows:
        report.add(None, "", _("Tệp không có dòng dữ liệu nào."))
    return found_rows


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def by_code(queryset: models.QuerySet, codes: set[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for chunk in _chunks(sorted(codes), LOOKUP_CHUNK):
        found.update((obj.code, obj) for obj in queryset.filter(code__in=chunk).order_by())
    return found


def duplicates_of(rows: list, field: str, report: Report, what: str) -> set[str]:
    """Report each row whose code appears more than once in the file; return those codes."""
    seen: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.code:
            seen[row.code].append(row.number)
    duplicated = {code for code, numbers in seen.items() if len(numbers) > 1}
    for code in duplicated:
        listed = ", ".join(str(number) for number in seen[code])
        for number in seen[code]:
            report.add(
                number,
                field,
                _("%(what)s '%(code)s' bị trùng trong tệp (các dòng %(rows)s).")
                % {"what": what, "code": code, "rows": listed},
            )
    return duplicated


def _check_actor(actor: Any) -> None:
    if actor is None or not actor.has_perm("organizations.import_registry"):
        raise PermissionDenied(
            _("Chỉ cán bộ thường trực hoặc quản trị hệ thống được nhập dữ liệu.")
        )


def _audit(actor: Any, job: Job | None, action: str, report: Report, source: Any) -> None:
    """One audit row per import; its object is the job, else the actor's unit or account."""
    obj = job or getattr(actor, "unit", None) or actor
    name = source if isinstance(source, str | Path) else getattr(source, "name", "")
    record_audit(
        actor=actor,
        action=action,
        obj=obj,
        after={
            "file": Path(str(name)).name if name else "",
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
        },
    )


class _Refused(Exception):
    """A row refused while writing (a change made meanwhile by someone else): roll back."""

    def __init__(self, row: int | None, field: str, message: str) -> None:
        super().__init__(message)
        self.row, self.field, self.message = row, field, message


# Units


@dataclass
class UnitRow:
    number: int
    ok: bool
    code: str
    name: str
    kind: str
    parent_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    file_parent: UnitRow | None = None
    db_parent: Unit | None = None
    existing: Unit | None = None


def _parse_unit(cells: Cells) -> UnitRow:
    row = UnitRow(
        number=cells.number,
        ok=True,
        code=cells.code("code"),
        name=cells.text("name", required=True),
        kind=cells.choice("kind", "kind"),
        parent_code=cells.code("parent", required=False),
        valid_from=cells.date("valid_from"),
        valid_to=cells.date("valid_to"),
    )
    if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
        cells.error(
            "valid_to",
            _("Hiệu lực đến (%(valid_to)s) trước Hiệu lực từ (%(valid_from)s).")
            % {"valid_to": f"{row.valid_to:%d/%m/%Y}", "valid_from": f"{row.valid_from:%d/%m/%Y}"},
        )
    row.ok = cells.ok
    return row


def _cycles(rows_by_code: dict[str, UnitRow]) -> dict[str, list[str]]:
    """Codes of the file whose parent chain inside the file loops, with the loop."""
    looping: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in rows_by_code:
        chain: list[str] = []
        code: str | None = start
        while code in rows_by_code and code not in done and code not in chain:
            chain.append(code)
            code = rows_by_code[code].parent_code or None
        if code in chain:
            loop = [*chain[chain.index(code) :], code]
            for member in loop:
                looping[member] = loop
        done.update(chain)
    return looping


def _file_depth(row: UnitRow) -> int:
    depth = 0
    while row.file_parent is not None:
        row, depth = row.file_parent, depth + 1
    return depth


def _check_units(actor: Any, rows: list[UnitRow], report: Report) -> None:
    duplicated = duplicates_of(rows, "code", report, _("Mã đơn vị"))
    rows_by_code = {row.code: row for row in rows if row.code and row.code not in duplicated}
    codes = {row.code for row in rows if row.code} | {r.parent_code for r in rows if r.parent_code}
    in_db: dict[str, Unit] = by_code(Unit.objects.select_related("parent"), codes)
    pks = [unit.pk for unit in in_db.values()]
    visible = set(selectors.units_for(actor).filter(pk__in=pks).values_list("pk", flat=True))
    for row in rows:
        row.existing = in_db.get(row.code)
    loops = _cycles(rows_by_code)
    for row in rows:
        if not row.ok or row.code in duplicated:
            continue  # its own cells are wrong: reported already
        if row.existing is not None and row.existing.pk not in visible:
            report.add(
                row.number,
                "code",
                _(
                    "Mã đơn vị '%(code)s' đã có trong hệ thống nhưng không thuộc phạm vi quản "
                    "lý của bạn."
                )
                % {"code": row.code},
            )
        elif row.code in loops:
            report.add(
                row.number,
                "parent",
                _("Đơn vị cha tạo thành vòng lặp: %(loop)s.")
                % {"loop": " → ".join(loops[row.code])},
            )
        elif row.parent_code in duplicated:
            continue  # the parent's rows are reported as duplicates
        elif row.parent_code and not _resolve_parent(row, rows_by_code, in_db, visible):
            report.add(
                row.number,
                "parent",
                _("Mã đơn vị cha '%(code)s' không có trong tệp và không có trong hệ thống.")
                % {"code": row.parent_code},
            )
        elif row.existing is not None:
            _check_unit_update(row, report)
        else:
            _check_unit_create(actor, row, report)


def _resolve_parent(
    row: UnitRow, rows_by_code: dict[str, UnitRow], in_db: dict[str, Unit], visible: set[int]
) -> bool:
    """Find the parent in the file, else among the units the actor sees; a unit kept under
    its current parent keeps it even when the actor does not see that parent (the province
    above a district's standing officer), so that the district's export imports back."""
    parent = in_db.get(row.parent_code)
    if row.parent_code in rows_by_code:
        row.file_parent = rows_by_code[row.parent_code]
        row.db_parent = parent
        return True
    if parent is None:
        return False
    keeps_parent = row.existing is not None and row.existing.parent_id == parent.pk
    if parent.pk in visible or keeps_parent:
        row.db_parent = parent
        return True
    return False


def _check_placement(row: UnitRow, report: Report) -> bool:
    if row.file_parent is not None:
        parent_kind = row.file_parent.kind
        if not parent_kind:
            return True  # the parent's own kind is wrong and reported on its row
    else:
        parent_kind = row.db_parent.kind if row.db_parent is not None else None
    try:
        services.check_placement(row.kind, Unit(kind=parent_kind) if parent_kind else None)
    except ValidationError as exc:
        report.add(row.number, "parent", exc.messages[0])
        return False
    return True


def _check_unit_update(row: UnitRow, report: Report) -> None:
    existing = row.existing
    if row.file_parent is not None and row.file_parent.existing is None:
        new_parent = -1  # a unit this file creates
    else:
        new_parent = row.db_parent.pk if row.db_parent is not None else None
    if new_parent != existing.parent_id:
        current = existing.parent.code if existing.parent_id else _("không có")
        report.add(
            row.number,
            "parent",
            _(
                "Không đổi được đơn vị cha bằng tệp nhập: '%(code)s' đang trực thuộc "
                "'%(parent)s'. Hãy dùng chức năng chuyển trực thuộc."
            )
            % {"code": row.code, "parent": current},
        )
        return
    _check_placement(row, report)


def _check_unit_create(actor: Any, row: UnitRow, report: Report) -> None:
    if not _check_placement(row, report):
        return
    if not row.parent_code and not actor.has_perm("organizations.change_unit", None):
        report.add(
            row.number,
            "parent",
            _("Bạn không có quyền tạo đơn vị cấp cao nhất (không có đơn vị cha)."),
        )
    elif row.db_parent is not None and not actor.has_perm(
        "organizations.add_child_unit", row.db_parent
    ):
        report.add(
            row.number,
            "parent",
            _("Bạn không có quyền thêm đơn vị trực thuộc '%(code)s'.") % {"code": row.parent_code},
        )


def _unit_changed(row: UnitRow) -> bool:
    unit = row.existing
    return (unit.name, unit.kind, unit.valid_from, unit.valid_to) != (
        row.name,
        row.kind,
        row.valid_from,
        row.valid_to,
    )


def _write_units(actor: Any, rows: list[UnitRow], report: Report) -> None:
    """Parents before children; through the services, which keep path, level and keys."""
    saved: dict[str, Unit] = {}
    for row in sorted(rows, key=_file_depth):
        parent = (saved.get(row.parent_code) or row.db_parent) if row.parent_code else None
        try:
            if row.existing is None:
                saved[row.code] = services.create_unit(
                    actor=actor,
                    code=row.code,
                    name=row.name,
                    kind=row.kind,
                    parent=parent,
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                )
                report.created += 1
            elif _unit_changed(row):
                saved[row.code] = services.update_unit(
                    actor=actor,
                    unit=row.existing,
                    name=row.name,
                    kind=row.kind,
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                )
                report.updated += 1
            else:
                saved[row.code] = row.existing
                report.unchanged += 1
        except (ValidationError, PermissionDenied) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            raise _Refused(row.number, "code", message) from exc


def import_units(
    *, actor: Any, source: Any, job: Job | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Check a units file as a whole, then create and update its units in one transaction."""
    _check_actor(actor)
    report = Report(exports.UNITS)
    cells = read_workbook(source, report)
    total = len(cells)
    rows = []
    for index, row_cells in enumerate(cells, start=1):
        rows.append(_parse_unit(row_cells))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, total)
    if rows:
        _check_units(actor, rows, report)
    if progress:
        progress(total, total)
    if report.errors:
        return report.as_dict()
    try:
        with transaction.atomic():
            _write_units(actor, rows, report)
            _audit(actor, job, "organizations.import_units", report, source)
    except _Refused as exc:
        report.add(exc.row, exc.field, exc.message)
    return report.as_dict()


# People


@dataclass
class PersonRow:
    number: int
    ok: bool
    code: str
    unit_code: str
    fields: dict[str, Any]


def _parse_person(cells: Cells) -> PersonRow:
    code = cells.code("code")
    full_name = cells.text("full_name", required=True, max_length=120)
    unit_code = cells.code("unit")
    fields = {
        "full_name": full_name,
        "position": cells.choice("position", "position"),
        "job_title": cells.text("job_title", max_length=200),
        "female": cells.flag("female", default=False),
        "direct_reform_work": cells.flag("direct_reform_work", default=False),
        "birth_date": cells.date("birth_date"),
        "email": cells.text("email", max_length=254),
        "phone": cells.text("phone", max_length=30),
        "active": cells.flag("active", default=True),
    }
    if fields["email"]:
        try:
            validate_email(fields["email"])
        except ValidationError:
            cells.error(
                "email", _("Thư điện tử '%(email)s' không hợp lệ.") % {"email": fields["email"]}
            )
    birth = fields["birth_date"]
    if birth and not dt.date(1900, 1, 1) <= birth < timezone.localdate():
        cells.error(
            "birth_date", _("Ngày sinh %(day)s không hợp lệ.") % {"day": f"{birth:%d/%m/%Y}"}
        )
    return PersonRow(
        number=cells.number, ok=cells.ok, code=code, unit_code=unit_code, fields=fields
    )


def _in_scope(actor: Any, unit_ids: set[int]) -> set[int]:
    """Those of the units the actor manages (one query, none for an administrator)."""
    if actor.is_system_admin or not unit_ids:
        return unit_ids
    return set(selectors.units_for(actor).filter(pk__in=unit_ids).values_list("pk", flat=True))


class PeoplePlan:
    """What a checked people file writes: the new, the changed (with the attributes changed
    in any of them) and how many are left as they are."""

    def __init__(self) -> None:
        self.create: list[Person] = []
        self.update: list[Person] = []
        self.fields: set[str] = set()
        self.unchanged = 0


def _check_people(actor: Any, rows: list[PersonRow], report: Report) -> PeoplePlan:
    """Check rows against the registry; return what to write if nothing is wrong."""
    duplicates_of(rows, "code", report, _("Mã cá nhân"))
    units = by_code(Unit.objects.all(), {row.unit_code for row in rows if row.unit_code})
    existing = by_code(Person.objects.all(), {row.code for row in rows if row.code})
    scope = _in_scope(
        actor,
        {unit.pk for unit in units.values()} | {person.unit_id for person in existing.values()},
    )
    today = timezone.localdate()
    plan = PeoplePlan()
    for row in rows:
        person = existing.get(row.code)
        if person is not None and person.unit_id not in scope:
            report.add(
                row.number,
                "code",
                _(
                    "Mã cá nhân '%(code)s' đã có trong hệ thống nhưng không thuộc phạm vi quản "
                    "lý của bạn."
                )
                % {"code": row.code},
            )
            continue
        unit = units.get(row.unit_code)
        if row.unit_code and unit is None:
            report.add(
                row.number,
                "unit",
                _("Mã đơn vị '%(code)s' không có trong hệ thống.") % {"code": row.unit_code},
            )
            continue
        if unit is not None and unit.pk not in scope:
            report.add(
                row.number,
                "unit",
                _("Đơn vị '%(code)s' không thuộc phạm vi quản lý của bạn.")
                % {"code": row.unit_code},
            )
            continue
        moves = person is None or (unit is not None and person.unit_id != unit.pk)
        if unit is not None and moves and row.fields["active"] and not unit.is_valid_on(today):
            report.add(
                row.number,
                "unit",
                _(
                    "Đơn vị '%(code)s' không còn hiệu lực: cá nhân đang công tác phải "
                    "thuộc đơn vị đang hoạt động."
                )
                % {"code": row.unit_code},
            )
            continue
        if not row.ok or report.errors:
            continue
        values = {**row.fields, "unit_id": unit.pk}
        if person is None:
            plan.create.append(services.prepare_person(Person(code=row.code, **values)))
            continue
        changed = [key for key, value in values.items() if getattr(person, key) != value]
        if not changed:
            plan.unchanged += 1
            continue
        for key in changed:
            setattr(person, key, values[key])
        plan.update.append(services.prepare_person(person))
        plan.fields.update(changed)
        if "full_name" in changed:
            plan.fields.update(NAME_KEYS)
    return plan


def _update_rows(people: list[Person], attnames: set[str]) -> None:
    """One prepared UPDATE run over each batch (executemany).

    Django's bulk_update builds a CASE of one WHEN per row and field, whose Python cost is
    seconds per thousand rows: 35 s for 10,000 people with every field, against 1 s here."""
    fields = [f for f in Person._meta.concrete_fields if f.attname in attnames]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(Person._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote(Person._meta.pk.column),
    )
    params = [
        [f.get_db_prep_save(getattr(person, f.attname), connection) for f in fields] + [person.pk]
        for person in people
    ]
    with connection.cursor() as cursor:
        for batch in _chunks(params, BATCH_SIZE):
            cursor.executemany(sql, batch)


def _write_people(actor: Any, plan: PeoplePlan) -> None:
    user = acting_user(actor)
    if plan.create:
        bulk_create_with_history(plan.create, Person, batch_size=BATCH_SIZE, default_user=user)
    if plan.update:
        _update_rows(plan.update, plan.fields)
        Person.history.bulk_history_create(
            plan.update, update=True, default_user=user, batch_size=BATCH_SIZE
        )


def import_people(
    *, actor: Any, source: Any, job: Job | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Check a people file as a whole, then create and update its people in bulk, with their
    history, in one transaction. The queries do not grow with the rows but for the batches."""
    _check_actor(actor)
    report = Report(exports.PEOPLE)
    cells = read_workbook(source, report)
    total = len(cells)
    rows = []
    for index, row_cells in enumerate(cells, start=1):
        rows.append(_parse_person(row_cells))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, total)
    plan = _check_people(actor, rows, report) if rows else PeoplePlan()
    if progress:
        progress(total, total)
    if report.errors:
        return report.as_dict()
    report.created, report.updated, report.unchanged = (
        len(plan.create),
        len(plan.update),
        plan.unchanged,
    )
    try:
        with transaction.atomic():
            _write_people(actor, plan)
            _audit(actor, job, "organizations.import_people", report, source)
    except IntegrityError:
        report.add(
            None,
            "",
            _(
                "Dữ liệu cá nhân vừa được người khác thay đổi trong lúc nhập; không có dữ liệu "
                "nào được ghi. Hãy nhập lại tệp."
            ),
        )
    return report.as_dict()


# Jobs


IMPORTERS = {"units": import_units, "people": import_people}


def _run(job: Job, kind: str) -> dict[str, Any]:
    update_job_progress(job, done=0)
    with job.input_file.open("rb") as handle:
        content = io.BytesIO(handle.read())
    content.name = job.params.get("filename", "")
    try:
        return IMPORTERS[kind](
            actor=job.created_by,
            source=content,
            job=job,
            progress=lambda done, total: update_job_progress(job, done=done, total=total),
        )
    except (ValidationError, PermissionDenied) as exc:
        report = Report(exports.LAYOUTS[kind])
        report.add(None, "", exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        return report.as_dict()


@job_runner("organizations.import_units")
def run_import_units(job: Job) -> dict[str, Any]:
    return _run(job, "units")


@job_runner("organizations.import_people")
def run_import_people(job: Job) -> dict[str, Any]:
    return _run(job, "people")


def _size(file: Any) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(position)
    return size


def check_upload(file: Any) -> None:
    """Refuse quickly what is not an .xlsx of an acceptable size, by name, size and content."""
    name = getattr(file, "name", "") or ""
    if Path(name).suffix.lower() != ".xlsx":
        raise ValidationError(_("Chỉ nhận tệp Excel định dạng .xlsx."))
    limit = settings.THIDUA_IMPORT_MAX_MB
    size = _size(file)
    if size > limit * 1024 * 1024:
        raise ValidationError(
            _("Tệp quá lớn (%(size).1f MB): chỉ nhận tệp đến %(limit)s MB.")
            % {"size": size / 1024 / 1024, "limit": limit}
        )
    file.seek(0)
    if not zipfile.is_zipfile(file):
        raise ValidationError(NOT_XLSX)
    file.seek(0)
    _open_workbook(file).close()
    file.seek(0)


def start_import(*, actor: Any, kind: str, file: Any) -> Job:
    """Check the upload, keep it, and queue its import as a background job."""
    _check_actor(actor)
    if kind not in IMPORTERS:
        raise ValidationError(_("Loại dữ liệu nhập không hợp lệ."))
    check_upload(file)
    name = Path(getattr(file, "name", "") or "").name
    job = create_job(
        actor=actor,
        kind=f"organizations.import_{kind}",
        input_file=file,
        params={"label": KIND_LABELS[kind], "filename": name, "back_url": reverse("registry_io")},
    )
    dispatch(job)
    return job
