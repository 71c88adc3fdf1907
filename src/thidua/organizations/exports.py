"""Export of units and people to .xlsx, and the import templates (in progress)."""

KINDS = ("units", "people")


def template_workbook(kind: str) -> bytes:
    raise NotImplementedError


def units_workbook(units) -> bytes:
    raise NotImplementedError


def people_workbook(people) -> bytes:
    raise NotImplementedError
