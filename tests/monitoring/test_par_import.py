"""Import of a year's appraised PAR scores from .xlsx: the template generated from the
framework, a good file appraising every unit it lists, a bad file reported row by row with
nothing changed, through the background job and its page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import make_unit
from tests.monitoring.par_helpers import YEAR, D, small_framework
from thidua.core.models import AuditEvent, Job
from thidua.monitoring import par_import
from thidua.monitoring.models import ParAssessment, ParScore
from thidua.monitoring.services import par

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Tên đơn vị", "A.1 (tối đa 40)", "A.2 (tối đa 20)", "B (tối đa 40)"]


@pytest.fixture
def framework(trio):
    return small_framework(trio["district"])


def _xlsx(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Điểm thẩm định"
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "diem.xlsx"
    return buffer


def _import(trio, framework, rows, **kw):
    return par_import.import_appraisals(
        actor=trio["standing"], framework=framework, source=_xlsx(rows, **kw)
    )


def test_the_template_lists_the_units_with_a_column_per_criterion(trio, framework):
    workbook = load_workbook(io.BytesIO(par_import.template_workbook(trio["standing"], framework)))
    assert workbook.sheetnames == ["Điểm thẩm định", "Hướng dẫn"]
    rows = list(workbook["Điểm thẩm định"].iter_rows(values_only=True))
    assert rows == [
        tuple(HEADER),
        ("TB-BA", "UBND xã Bình An", None, None, None),
        ("TB-BC", "UBND xã Bình Chánh", None, None, None),
    ]


def test_a_good_file_appraises_every_unit_with_total_and_band(trio, framework, monkeypatch):
    calls = []
    monkeypatch.setattr(
        par, "refresh_results_for", lambda *, units, year: calls.append((units, year))
    )
    par.save_self_assessment(
        actor=trio["focal_a"], unit=trio["a"], framework=framework, scores={"B": 35}
    )
    result = _import(trio, framework, [("TB-BA", "", 40, 20, "30,5"), ("TB-BC", "x", 30, 10, 10)])
    assert (result["error_count"], result["created"], result["updated"]) == (0, 1, 1)
    got = {
        a.unit.code: (a.state, a.appraised_total, a.rating)
        for a in ParAssessment.objects.select_related("unit")
    }
    assert got == {
        "TB-BA": ("appraised", D("90.5"), "Xuất sắc"),
        "TB-BC": ("appraised", D(50), "Trung bình"),
    }
    assert ParScore.objects.get(assessment__unit=trio["a"], criterion__code="B").self_score == 35
    assert calls == [({trio["a"].pk, trio["b"].pk}, YEAR)]
    again = _import(trio, framework, [("TB-BA", "", 40, 20, "30,5"), ("TB-BC", "x", 30, 10, 10)])
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    template = load_workbook(io.BytesIO(par_import.template_workbook(trio["standing"], framework)))
    assert next(template.active.iter_rows(min_row=2, values_only=True)) == (
        "TB-BA",
        "UBND xã Bình An",
        40,
        20,
        30.5,
    )


def test_bad_rows_are_reported_and_nothing_changes(trio, framework):
    make_unit(name="UBND xã Khác", code="KHAC")  # in another province
    audits = AuditEvent.objects.count()
    result = _import(
        trio,
        framework,
        [
            ("TB-BA", "", 41, 20, 40),
            ("TB-BC", "", "mười", 20, None),
            ("KHONG-CO", "", 1, 1, 1),
            ("KHAC", "", 1, 1, 1),
            ("TB", "", 1, 1, 1),
            ("TB-BC", "", 1, 1, 1),
            ("TB-BA", "", None, None, None),
        ],
    )
    assert [(e["row"], e["column"], e["message"]) for e in result["errors"]] == [
        (2, "Mã đơn vị", "Mã đơn vị 'TB-BA' bị trùng trong tệp (các dòng 2, 8)."),
        (2, "A.1 (tối đa 40)", "Tiêu chí A.1: điểm 41 vượt quá điểm tối đa 40."),
        (3, "Mã đơn vị", "Mã đơn vị 'TB-BC' bị trùng trong tệp (các dòng 3, 7)."),
        (3, "A.1 (tối đa 40)", "Tiêu chí A.1: điểm 'mười' không phải là số."),
        (
            3,
            "B (tối đa 40)",
            "Tiêu chí B chưa có điểm: dòng đã ghi điểm phải ghi đủ mọi tiêu chí (hoặc để trống "
            "cả dòng nếu đơn vị chưa thẩm định).",
        ),
        (4, "Mã đơn vị", "Mã đơn vị 'KHONG-CO' không có trong hệ thống."),
        (
            5,
            "Mã đơn vị",
            "Đơn vị 'KHAC' không thuộc phạm vi thẩm định của bạn theo bộ tiêu chí này.",
        ),
        (
            6,
            "Mã đơn vị",
            "Đơn vị 'TB' không thuộc phạm vi thẩm định của bạn theo bộ tiêu chí này.",
        ),
        (7, "Mã đơn vị", "Mã đơn vị 'TB-BC' bị trùng trong tệp (các dòng 3, 7)."),
        (8, "Mã đơn vị", "Mã đơn vị 'TB-BA' bị trùng trong tệp (các dòng 2, 8)."),
    ]
    assert (ParAssessment.objects.count(), ParScore.objects.count()) == (0, 0)
    assert AuditEvent.objects.count() == audits


def test_a_file_of_another_tree_is_refused_by_its_header(trio, framework):
    header = ["Mã đơn vị", "Tên đơn vị", "A.1 (tối đa 30)", "A.2 (tối đa 20)", "B (tối đa 40)"]
    result = _import(trio, framework, [("TB-BA", "", 1, 1, 1)], header=header)
    assert [e["message"] for e in result["errors"]] == [
        "Dòng tiêu đề không đúng mẫu: cột C phải là 'A.1 (tối đa 40)' nhưng đang là "
        "'A.1 (tối đa 30)'. Hãy dùng tệp mẫu 'Điểm thẩm định' tải từ hệ thống."
    ]
    assert ParAssessment.objects.count() == 0


def test_the_import_page_runs_the_job_and_shows_its_report(
    client, trio, framework, media, django_capture_on_commit_callbacks
):
    client.force_login(trio["standing"])
    content = _xlsx([("TB-BA", "", 40, 20, 40)]).getvalue()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("par_import", args=[framework.pk]),
            {"file": SimpleUploadedFile("diem.xlsx", content)},
        )
    job = Job.objects.get()
    assert response["Location"] == reverse("job_status", args=[job.pk])
    assert (job.status, job.result["created"], job.kind) == (
        "succeeded",
        1,
        "monitoring.import_par",
    )
    assert ParAssessment.objects.get().rating == "Xuất sắc"
    page = client.get(response["Location"])
    assert "1 dòng: thêm mới 1, cập nhật 0, giữ nguyên 0." in page.content.decode()


def test_a_file_that_is_not_xlsx_is_refused_at_upload(client, trio, framework):
    client.force_login(trio["standing"])
    response = client.post(
        reverse("par_import", args=[framework.pk]),
        {"file": SimpleUploadedFile("diem.xlsx", b"not a workbook")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Tệp không phải bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel và lưu lại với "
        "định dạng .xlsx."
    ]
    assert Job.objects.count() == 0
