"""Vietnamese first, English complete: the msgids are the Vietnamese interface text and the
English catalogue translates every one of them, in the .po and in the committed .mo."""

import ast
import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from tests.factories import PASSWORD
from thidua.core.enums import JobStatus
from thidua.organizations import exports, imports, services
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Unit

SRC = Path(__file__).resolve().parent.parent / "src" / "thidua"
PO = SRC / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(["'])(?P<msgid>.*?)\1"""
    r"""(?:\s+context\s+(["'])(?P<context>.*?)\3)?[^%]*%\}"""
)
UNDERSCORE_IN_TAG = re.compile(r"""_\((["'])(?P<msgid>.*?)\1\)""")
BLOCK_TAG = re.compile(
    r"\{%\s*(?:blocktranslate|blocktrans)(?P<args>[^%]*)%\}(?P<singular>.*?)"
    r"(?:\{%\s*plural\s*%\}(?P<plural>.*?))?\{%\s*(?:endblocktranslate|endblocktrans)\s*%\}",
    re.S,
)
GETTEXT_CALLS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
}


def catalogue_keys() -> dict[tuple[str | None, str], str | None]:
    """(context, msgid) of every entry, with its msgid_plural."""
    return {
        (entry.msgctxt, entry.msgid): entry.msgid_plural or None for entry in polib.pofile(str(PO))
    }


def templates() -> list[Path]:
    return sorted(set(SRC.glob("templates/**/*.html")) | set(SRC.glob("*/templates/**/*.html")))


def block_msgid(body: str, trimmed: bool) -> str:
    """A blocktranslate body as makemessages writes it: variables as %(name)s."""
    if trimmed:
        body = " ".join(line.strip() for line in body.strip().splitlines() if line.strip())
    body = body.replace("%", "%%")
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body)


def template_messages() -> list[tuple[str, str | None, str, str | None]]:
    """(template, context, msgid, msgid_plural) of every literal marked in the templates."""
    found = []
    for path in templates():
        name = str(path.relative_to(SRC))
        text = path.read_text()
        for match in TRANSLATE_TAG.finditer(text):
            found.append((name, match["context"], match["msgid"].replace("%", "%%"), None))
        for tag in re.findall(r"\{%.*?%\}", text):
            for match in UNDERSCORE_IN_TAG.finditer(tag):
                found.append((name, None, match["msgid"].replace("%", "%%"), None))
        for match in BLOCK_TAG.finditer(text):
            args = match["args"]
            context = re.search(r"""context\s+(["'])(.*?)\1""", args)
            trimmed = "trimmed" in args.split()
            plural = match["plural"]
            found.append(
                (
                    name,
                    context[2] if context else None,
                    block_msgid(match["singular"], trimmed),
                    block_msgid(plural, trimmed) if plural is not None else None,
                )
            )
    return found


def python_messages() -> list[tuple[str, str | None, str, str | None]]:
    """(file, context, msgid, msgid_plural) of every literal passed to a gettext function."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if "migrations" in relative.parts or relative.parts[0] == "demo":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in GETTEXT_CALLS:
                continue
            context_at, msgid_at, plural_at = GETTEXT_CALLS[node.func.id]
            args = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
            found.append(
                (
                    str(relative),
                    args[context_at] if context_at is not None else None,
                    args[msgid_at],
                    args[plural_at] if plural_at is not None else None,
                )
            )
    return found


def units_file(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = exports.UNITS.sheet
    sheet.append([column.header for column in exports.UNITS.columns])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("don-vi.xlsx", buffer.getvalue())


def use_english(client) -> None:
    """The language switch of the navigation bar."""
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


# The catalogue


def test_english_catalogue_translates_every_message():
    catalogue = polib.pofile(str(PO))

    assert catalogue.metadata["Language"] == "en"
    assert not catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []


def test_committed_mo_is_the_compiled_po():
    def messages(catalogue) -> dict:
        return {
            (entry.msgctxt, entry.msgid): (
                {int(index): text for index, text in entry.msgstr_plural.items()}
                if entry.msgid_plural
                else entry.msgstr
            )
            for entry in catalogue
        }

    assert messages(polib.mofile(str(MO))) == messages(polib.pofile(str(PO)))


def test_every_literal_marked_in_the_templates_is_in_the_catalogue():
    keys = catalogue_keys()
    found = template_messages()

    assert len(found) > 200
    assert [
        (name, context, msgid, plural)
        for name, context, msgid, plural in found
        if (context, msgid) not in keys or keys[context, msgid] != plural
    ] == []


def test_every_literal_marked_in_the_python_code_is_in_the_catalogue():
    keys = catalogue_keys()
    found = python_messages()

    assert len(found) > 150
    assert [
        (name, context, msgid, plural)
        for name, context, msgid, plural in found
        if (context, msgid) not in keys or keys[context, msgid] != plural
    ] == []


# Screens in English


@pytest.mark.django_db
def test_login_page_in_english_after_the_language_switch(client):
    use_english(client)

    response = client.get(reverse("login"))

    body = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert body.count('<html lang="en">') == 1
    assert body.count("Log in") == 3
    assert body.count("Username") == 1
    assert body.count("Password") == 1
    assert body.count("Đăng nhập") == 0


def test_unit_tree_in_english_for_the_standing_officer(client, trio):
    use_english(client)
    client.post(reverse("login"), {"username": "standing", "password": PASSWORD})

    response = client.get(reverse("unit_tree"))

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(">Units</a>") == 1
    assert body.count("Unit structure") == 2
    assert body.count("2 subunits") == 1
    assert body.count(">District</span>") == 1
    assert body.count("Đăng nhập") == body.count("Cơ cấu đơn vị") == body.count("Huyện") == 0


def test_unit_tree_stays_vietnamese_by_default(client, trio):
    client.force_login(trio["standing"])

    body = client.get(reverse("unit_tree")).content.decode()

    assert body.count('<html lang="vi">') == 1
    assert body.count(">Đơn vị</a>") == 1
    assert body.count("Cơ cấu đơn vị") == 2
    assert body.count("2 đơn vị trực thuộc") == 1
    assert body.count(">Huyện</span>") == 1


def test_success_message_in_english(client, trio):
    use_english(client)
    client.force_login(trio["standing"])
    data = {"code": "TB-BA", "name": "UBND xã Bình An", "kind": UnitKind.COMMUNE}

    response = client.post(reverse("unit_edit", args=[trio["a"].pk]), data, follow=True)

    assert [str(message) for message in response.context["messages"]] == ["Unit details saved."]


# Messages of the services and imports


@pytest.mark.django_db
def test_service_refusal_in_english(trio):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.create_unit(actor=None, code="TB", name="Tỉnh khác", kind=UnitKind.PROVINCE)

    assert caught.value.messages == ["Unit code 'TB' already exists."]


@pytest.mark.django_db
def test_service_refusal_in_vietnamese_by_default(trio):
    with pytest.raises(ValidationError) as caught:
        services.create_unit(actor=None, code="TB", name="Tỉnh khác", kind=UnitKind.PROVINCE)

    assert caught.value.messages == ["Mã đơn vị 'TB' đã tồn tại."]


def test_import_job_reports_in_the_language_of_whoever_started_it(
    client, trio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, translation.override("en"):
        job = imports.start_import(
            actor=trio["standing"],
            kind="units",
            file=units_file([["X1", "UBND xã X", "Xã", "X99"]]),
        )
    for callback in callbacks:  # run after the request, as a worker or a thread does
        callback()
    job.refresh_from_db()
    use_english(client)
    client.force_login(trio["standing"])

    body = client.get(reverse("job_status", args=[job.pk])).content.decode()

    assert job.status == JobStatus.FAILED
    assert job.params["label"] == "Nhập danh sách đơn vị"
    assert job.result["errors"] == [
        {
            "row": 2,
            "column": "Mã đơn vị cha",
            "message": "Parent unit code 'X99' is neither in the file nor in the system.",
        }
    ]
    assert body.count("Import the list of units") == 2
    assert body.count("Errors in the file: 1.") == 1


def test_workbooks_stay_vietnamese_in_english_and_import_back(trio):
    with translation.override("en"):
        content = exports.units_workbook(Unit.objects.filter(code="TB-BA"))
        report = imports.import_units(actor=trio["standing"], source=io.BytesIO(content))

    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Đơn vị", "Hướng dẫn"]
    assert [cell.value for cell in book["Đơn vị"][2]] == [
        "TB-BA",
        "UBND xã Bình An",
        "Xã",
        "TB",
        None,
        None,
    ]
    assert (report["errors"], report["unchanged"]) == ([], 1)
