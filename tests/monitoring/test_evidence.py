"""Evidence files are checked by name, size and content before anything is kept: a refused
upload leaves no file in storage and no row in the database."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.monitoring.conftest import PDF_BYTES, PNG_BYTES, stored_files, upload
from thidua.core.models import AuditEvent
from thidua.monitoring import services
from thidua.monitoring.evidence import check_evidence
from thidua.monitoring.models import Evidence

pytestmark = pytest.mark.django_db


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Báo cáo kết quả giải quyết hồ sơ TTHC quý I/2025")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Chỉ tiêu", "Giá trị"])
    workbook.active.append(["T1", 99.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """A .docx look-alike whose one part unpacks to 210 MB of zeros (a few hundred KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(210):
                part.write(chunk)
    return buffer.getvalue()


@pytest.fixture
def report(trio, round_):
    return services.save_target_report(
        actor=trio["focal_a"], round=round_, unit=trio["a"], period="Quý I/2025", values={}
    )


REFUSALS = [
    ("bao-cao.pdf", PNG_BYTES, "Tệp 'bao-cao.pdf' không phải PDF."),
    ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "Tệp 'virus.pdf' không phải PDF."),
    ("anh.png", PDF_BYTES, "Tệp 'anh.png' không phải PNG."),
    (
        "../../etc/passwd.pdf",
        PDF_BYTES,
        "Tên tệp '../../etc/passwd.pdf' không hợp lệ: không được chứa đường dẫn.",
    ),
    (
        "bao cao.pdf.exe",
        b"MZ\x90\x00",
        "Tên tệp 'bao cao.pdf.exe' không hợp lệ: có hai phần mở rộng.",
    ),
    (
        "ke-hoach.exe.pdf",
        PDF_BYTES,
        "Tên tệp 'ke-hoach.exe.pdf' không hợp lệ: có hai phần mở rộng.",
    ),
    (
        ".htaccess.pdf",
        PDF_BYTES,
        "Tên tệp '.htaccess.pdf' không hợp lệ: không được bắt đầu bằng dấu chấm.",
    ),
    ("bao\x00cao.pdf", PDF_BYTES, "Tên tệp 'bao?cao.pdf' không hợp lệ: có ký tự điều khiển."),
    (
        "bao-cao.html",
        b"<html></html>",
        "Tệp 'bao-cao.html' không được nhận: chỉ nhận PDF, DOCX, XLSX, PNG, JPEG.",
    ),
    ("a" * 200 + ".pdf", PDF_BYTES, f"Tên tệp '{'a' * 40}…' quá dài (tối đa 120 ký tự)."),
    ("rong.pdf", b"", "Tệp 'rong.pdf' rỗng."),
    ("hoa-don\u202efdp.exe", b"MZ", "Tên tệp 'hoa-don?fdp.exe' không hợp lệ: có ký tự điều khiển."),
    ("bang.xlsx", b"PK\x03\x04not really a zip", "Tệp 'bang.xlsx' không phải XLSX."),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), REFUSALS, ids=[r[0][:30] for r in REFUSALS]
)
def test_a_lying_or_hostile_upload_is_refused_and_nothing_is_stored(
    trio, report, media, name, content, message
):
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            actor=trio["focal_a"], report=report, target=None, files=[upload(name, content)]
        )
    assert caught.value.messages == [message]
    assert (Evidence.objects.count(), AuditEvent.objects.count()) == (0, audits)
    assert stored_files(media) == []


def test_a_zip_bomb_dressed_as_docx_is_refused(trio, report, media):
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            actor=trio["focal_a"],
            report=report,
            target=None,
            files=[upload("bao-cao.docx", _zip_bomb())],
        )
    assert caught.value.messages == [
        "Tệp 'bao-cao.docx' bị từ chối: nội dung nén bất thường (có thể là tệp độc hại)."
    ]
    assert (Evidence.objects.count(), stored_files(media)) == (0, [])


def test_a_docx_that_is_really_a_workbook_is_refused(trio, report, media):
    with pytest.raises(ValidationError) as caught:
        check_evidence(upload("bao-cao.docx", _xlsx()))
    assert caught.value.messages == ["Tệp 'bao-cao.docx' không phải DOCX."]


@override_settings(THIDUA_EVIDENCE_MAX_MB=1)
def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(trio, report, media):
    big = PDF_BYTES + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            actor=trio["focal_a"], report=report, target=None, files=[upload("lon.pdf", big)]
        )
    assert caught.value.messages == ["Tệp 'lon.pdf' quá lớn (1.0 MB): chỉ nhận tệp đến 1 MB."]
    assert (Evidence.objects.count(), stored_files(media)) == (0, [])


def test_one_refused_file_refuses_the_whole_upload(trio, report, media):
    with pytest.raises(ValidationError) as caught:
        services.add_evidence(
            actor=trio["focal_a"],
            report=report,
            target=None,
            files=[upload("tot.pdf", PDF_BYTES), upload("xau.pdf", PNG_BYTES)],
        )
    assert caught.value.messages == ["Tệp 'xau.pdf' không phải PDF."]
    assert (Evidence.objects.count(), stored_files(media)) == (0, [])


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Báo cáo quý I.pdf", PDF_BYTES, "application/pdf"),
        (
            "bao-cao.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "so-lieu.xlsx",
            _xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("anh-chup.PNG", PNG_BYTES, "image/png"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    ],
    ids=["pdf", "docx", "xlsx", "png", "jpeg"],
)
def test_good_evidence_is_kept_under_a_generated_name(
    trio, round_, report, media, name, content, content_type
):
    target = round_.campaign.targets.get(code="T1")
    (evidence,) = services.add_evidence(
        actor=trio["focal_a"], report=report, target=target, files=[upload(name, content)]
    )
    evidence.refresh_from_db()
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        name,
        content_type,
        len(content),
    )
    assert evidence.target == target
    (path,) = stored_files(media)
    assert path == evidence.file.name
    assert path.startswith("evidence/") and name not in path
    assert (media / path).read_bytes() == content
    assert AuditEvent.objects.filter(action="target_report.add_evidence").count() == 1
