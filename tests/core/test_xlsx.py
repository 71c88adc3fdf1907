"""Text written to a spreadsheet stays text: a name that starts like a formula is not run by
Excel when an official opens the export, and it reads back the same."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from tests.factories import make_person
from thidua.core.xlsx import text_cell
from thidua.organizations import exports, imports
from thidua.organizations.models import Person

DANGEROUS = ['=HYPERLINK("http://evil.example","Bấm")', "+1+1", "-2+3", "@SUM(A1)"]


def _cells(values):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    sheet.append([text_cell(sheet, value) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return next(load_workbook(buffer).active.iter_rows())


def test_text_that_looks_like_a_formula_is_stored_as_text():
    cells = _cells([*DANGEROUS, "Nguyễn Thị Hoa"])
    assert [cell.data_type for cell in cells] == ["s"] * 5
    assert [cell.value for cell in cells] == [*DANGEROUS, "Nguyễn Thị Hoa"]


def test_without_it_openpyxl_would_write_a_formula():
    """The test above must be able to fail."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    sheet.append([DANGEROUS[0]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert next(load_workbook(buffer).active.iter_rows())[0].data_type == "f"


@pytest.mark.django_db
def test_a_person_named_like_a_formula_exports_as_text_and_imports_back_unchanged(trio):
    person = make_person(unit=trio["a"], full_name=DANGEROUS[0], code="CB-X")
    content = exports.people_workbook(Person.objects.filter(pk=person.pk))
    sheet = load_workbook(io.BytesIO(content))[exports.PEOPLE.sheet]
    header = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=header.index("Họ và tên") + 1)
    assert (name.value, name.data_type) == (DANGEROUS[0], "s")

    source = io.BytesIO(content)
    source.name = "ca-nhan.xlsx"
    result = imports.import_people(actor=trio["standing"], source=source)
    assert result["errors"] == []
    person.refresh_from_db()
    assert person.full_name == DANGEROUS[0]
