"""Spreadsheet tables in the house layout, and cells that hold text as text.

`table_sheet` writes one table (headers styled, widths set, the header row frozen) through
`value_cell`: dates shown dd/mm/yyyy (with the time when there is one), text as text.

A cell whose text starts with `=`, `+`, `-`, `@` (or a tab or carriage return) is a formula
to Excel and LibreOffice: a unit's name, an achievement or a name typed at the log-in form
could then run as one when an official opens the export ("formula injection"). Every text
this system writes to a sheet goes through `text_cell`, which stores it as a string whatever
it starts with; read back (the registry imports), it is the same text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def text_cell(sheet, value: str) -> WriteOnlyCell | str:
    """A write-only sheet's cell for `value`, a string cell when it would read as a formula."""
    if not value.startswith(FORMULA_START):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def header_cell(sheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = WRAP
    return cell


def value_cell(sheet, value):
    """A value as the sheet should hold it: text as text, a date (or a wall-clock date and
    time, which Excel stores without a zone) in the Vietnamese order, anything else as it is."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
        return cell
    return value


def table_sheet(workbook: Workbook, title: str, columns: list[tuple[str, int]], rows: Iterable):
    """A sheet of a table: its headers styled, widths set, the header row frozen."""
    sheet = workbook.create_sheet(title)
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([header_cell(sheet, header) for header, _width in columns])
    for row in rows:
        sheet.append([value_cell(sheet, value) for value in row])
