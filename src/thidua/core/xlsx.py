"""Spreadsheet cells that hold text as text.

A cell whose text starts with `=`, `+`, `-`, `@` (or a tab or carriage return) is a formula
to Excel and LibreOffice: a unit's name, an achievement or a name typed at the log-in form
could then run as one when an official opens the export ("formula injection"). Every text
this system writes to a sheet goes through `text_cell`, which stores it as a string whatever
it starts with; read back (the registry imports), it is the same text.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(sheet, value: str) -> WriteOnlyCell | str:
    """A write-only sheet's cell for `value`, a string cell when it would read as a formula."""
    if not value.startswith(FORMULA_START):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
