"""The generated dossier documents: the form chosen by the nomination's date, the Báo cáo
thành tích and Tờ trình pre-filled (.docx), the Danh sách trích ngang (.xlsx), and who may
download them (a focal officer of another commune gets a 404, nothing changes)."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from tests.awards.live_helpers import live_campaign
from thidua.awards import dossier_documents as documents
from thidua.awards.dossier_templates import (
    REPORT_COLLECTIVE,
    REPORT_INDIVIDUAL,
    TO_TRINH,
    template_for,
)
from thidua.awards.models import Nomination
from thidua.organizations.models import Person, Unit

pytestmark = pytest.mark.django_db


def _at(day: dt.date):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9, 0))


@pytest.fixture
def dossier(trio):
    campaign = live_campaign(trio["district"])
    round_ = campaign.rounds.get()
    a = Unit.objects.get(code="TB-BA")
    hoa = Person.objects.get(code="P-HOA")
    Person.objects.filter(pk=hoa.pk).update(job_title="Công chức Văn phòng - Thống kê")
    hoa.refresh_from_db()
    collective = Nomination.objects.create(
        round=round_,
        line=campaign.lines.get(line_id="G-XP"),
        proposer=a,
        subject="collective",
        unit=a,
        achievements="Giải quyết 100% hồ sơ TTHC đúng hạn.",
        created_at=_at(dt.date(2025, 12, 20)),
    )
    individual = Nomination.objects.create(
        round=round_,
        line=campaign.lines.get(line_id="CN"),
        proposer=a,
        subject="individual",
        unit=a,
        person=hoa,
        achievements="Có 01 sáng kiến cấp huyện.",
        created_at=_at(dt.date(2025, 12, 20)),
    )
    return {
        **trio,
        "a": a,
        "campaign": campaign,
        "round": round_,
        "collective": collective,
        "individual": individual,
    }


def _paragraphs(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" | ".join(cell.text for cell in row.cells))
    return texts


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"awards", "campaigns", "core", "organizations", "accounts"}
    }


# --- The forms by date -----------------------------------------------------------------------


def test_a_2023_nomination_uses_form_07_of_decree_91_2017():
    assert template_for(REPORT_INDIVIDUAL, on=dt.date(2023, 6, 30)).basis == (
        "Mẫu số 07, Nghị định 91/2017/NĐ-CP"
    )
    assert template_for(REPORT_COLLECTIVE, on=dt.date(2023, 12, 30)).basis == (
        "Mẫu số 07, Nghị định 91/2017/NĐ-CP"
    )


def test_a_nomination_from_1_july_2025_uses_decree_152_2025():
    assert template_for(REPORT_INDIVIDUAL, on=dt.date(2025, 6, 30)).basis == (
        "Mẫu báo cáo thành tích theo Nghị định 98/2023/NĐ-CP"
    )
    assert template_for(REPORT_INDIVIDUAL, on=dt.date(2025, 7, 1)).basis == (
        "Mẫu báo cáo thành tích theo Nghị định 152/2025/NĐ-CP"
    )
    assert template_for(TO_TRINH, on=dt.date(2026, 1, 1)).valid_from == dt.date(2025, 7, 1)


def test_an_unknown_form_is_refused():
    with pytest.raises(LookupError):
        template_for("bien_ban", on=dt.date(2025, 7, 1))


# --- Báo cáo thành tích ----------------------------------------------------------------------


def test_the_individual_report_is_prefilled_with_the_person_and_the_rounds_results(
    client, dossier, django_assert_num_queries
):
    client.force_login(dossier["focal_a"])
    url = reverse("nomination_report_docx", args=[dossier["individual"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-thanh-tich-nguyen-thi-hoa.docx"'
    )
    texts = _paragraphs(response.content)
    assert "BÁO CÁO THÀNH TÍCH" in texts
    assert "Đề nghị tặng Giấy khen của Chủ tịch UBND huyện" in texts
    assert "(Mẫu báo cáo thành tích theo Nghị định 152/2025/NĐ-CP)" in texts
    assert "I. SƠ LƯỢC LÝ LỊCH" in texts
    assert "- Họ và tên: Nguyễn Thị Hoa." in texts
    assert "- Chức vụ: Công chức Văn phòng - Thống kê." in texts
    assert "- Đơn vị công tác: UBND xã Bình An." in texts
    assert "- Xếp loại Chỉ số CCHC của đơn vị: Tốt." in texts
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in texts
    assert "Có 01 sáng kiến cấp huyện." in texts
    assert [t for t in texts if t.count(" | ") == 2] == [
        "TT | Chỉ tiêu | Kết quả",
        "1 | Điểm | 95",
        "2 | Xếp loại mức độ hoàn thành nhiệm vụ | HTXSNV",
        "3 | Số vi phạm | 0",
        "4 | Số sáng kiến | 0",
    ]
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH\nNguyễn Thị Hoa" in "\n".join(texts) or any(
        "NGƯỜI BÁO CÁO THÀNH TÍCH" in t and "Nguyễn Thị Hoa" in t for t in texts
    )
    with django_assert_num_queries(8):  # with the awards already received
        client.get(url)


def test_the_collective_report_is_prefilled_with_the_units_par_rating(client, dossier):
    client.force_login(dossier["standing"])
    response = client.get(reverse("nomination_report_docx", args=[dossier["collective"].pk]))
    assert response.status_code == 200
    texts = _paragraphs(response.content)
    assert "I. ĐẶC ĐIỂM, TÌNH HÌNH" in texts
    assert "- Tên tập thể: UBND xã Bình An." in texts
    assert "- Đơn vị cấp trên trực tiếp: UBND huyện Thăng Bình." in texts
    assert [t for t in texts if t.count(" | ") == 2] == [
        "TT | Chỉ tiêu | Kết quả",
        "1 | Điểm | 92",
        "2 | Xếp loại Chỉ số CCHC | Tốt",
    ]


def test_an_older_nomination_gets_the_91_2017_form(client, dossier):
    Nomination.objects.filter(pk=dossier["individual"].pk).update(
        created_at=_at(dt.date(2023, 9, 1))
    )
    client.force_login(dossier["focal_a"])
    response = client.get(reverse("nomination_report_docx", args=[dossier["individual"].pk]))
    assert "(Mẫu số 07, Nghị định 91/2017/NĐ-CP)" in _paragraphs(response.content)


# --- Tờ trình and Danh sách trích ngang -------------------------------------------------------


def test_the_to_trinh_lists_the_units_nominations_to_the_issuers_chairman(
    client, dossier, django_assert_num_queries
):
    client.force_login(dossier["focal_a"])
    url = reverse("unit_to_trinh_docx", args=[dossier["round"].pk, dossier["a"].pk])
    response = client.get(url)
    assert response.status_code == 200
    texts = _paragraphs(response.content)
    assert "TỜ TRÌNH" in texts
    assert "Kính gửi: Chủ tịch UBND huyện Thăng Bình." in texts
    assert (
        "UBND xã Bình An kính trình Chủ tịch UBND huyện Thăng Bình xem xét, khen thưởng cho "
        "01 tập thể và 01 cá nhân có thành tích như sau:"
    ) in texts
    assert [t for t in texts if t.count(" | ") == 4] == [
        "TT | Tên tập thể, cá nhân | Chức vụ | Đơn vị | Hình thức đề nghị",
        "1 | UBND xã Bình An | Tập thể | UBND xã Bình An | Giấy khen của Chủ tịch UBND huyện",
        "2 | Nguyễn Thị Hoa | Công chức Văn phòng - Thống kê | UBND xã Bình An | "
        "Giấy khen của Chủ tịch UBND huyện",
    ]
    assert any(t.startswith("Số: /TTr-UBND") for t in texts)
    with django_assert_num_queries(8):
        client.get(url)


def test_the_short_list_has_one_row_per_nomination(client, dossier):
    client.force_login(dossier["focal_a"])
    url = reverse("unit_short_list_xlsx", args=[dossier["round"].pk, dossier["a"].pk])
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Danh sách trích ngang"]
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        [
            "STT",
            "Họ tên / tên tập thể",
            "Chức vụ",
            "Đơn vị",
            "Hình thức đề nghị",
            "Tóm tắt thành tích",
        ],
        [
            1,
            "UBND xã Bình An",
            None,
            "UBND xã Bình An",
            "Giấy khen của Chủ tịch UBND huyện",
            "Giải quyết 100% hồ sơ TTHC đúng hạn.",
        ],
        [
            2,
            "Nguyễn Thị Hoa",
            "Công chức Văn phòng - Thống kê",
            "UBND xã Bình An",
            "Giấy khen của Chủ tịch UBND huyện",
            "Có 01 sáng kiến cấp huyện.",
        ],
    ]
    assert sheet.column_dimensions["F"].width == 70
    assert sheet.freeze_panes == "A2"


# --- Permissions ----------------------------------------------------------------------------


def _urls(dossier) -> list[str]:
    unit_args = [dossier["round"].pk, dossier["a"].pk]
    return [
        reverse("nomination_report_docx", args=[dossier["individual"].pk]),
        reverse("nomination_report_docx", args=[dossier["collective"].pk]),
        reverse("unit_to_trinh_docx", args=unit_args),
        reverse("unit_short_list_xlsx", args=unit_args),
    ]


def test_a_focal_officer_of_another_commune_gets_404_on_every_document_and_nothing_changes(
    client, dossier
):
    client.force_login(dossier["focal_b"])
    before = _snapshot()
    for url in _urls(dossier):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 405, url
    assert _snapshot() == before


def test_an_anonymous_visitor_is_sent_to_log_in(client, dossier):
    for url in _urls(dossier):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize(
    ("title", "movement"),
    [
        (
            "Phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2025",
            "phong trào thi đua đẩy mạnh cải cách hành chính năm 2025",
        ),
        (
            "Kế hoạch phát động phong trào thi đua thực hiện Chương trình cải cách hành chính",
            "phong trào thi đua thực hiện Chương trình cải cách hành chính",
        ),
        ("Thi đua cải cách hành chính năm 2020", "phong trào thi đua cải cách hành chính năm 2020"),
        ("Cải cách hành chính năm 2019", "cải cách hành chính năm 2019"),
    ],
)
def test_the_documents_name_the_movement_a_plan_runs(title, movement):
    assert documents.movement_of(SimpleNamespace(title=title)) == movement


def test_the_report_lists_what_the_candidate_already_received(trio, settings, tmp_path):
    from tests.awards.decision_helpers import make_round_with_awards, ready_draft, use_signing
    from tests.awards.disclosure_helpers import make_nomination
    from tests.campaigns.factories import make_campaign
    from thidua.awards.services.decisions import issue_decision
    from thidua.campaigns.models import AwardLine

    use_signing(settings, tmp_path)
    data = make_round_with_awards(trio)
    issue_decision(actor=data["standing"], decision=ready_draft(data))
    later = make_campaign(owner=trio["district"], state="in_progress", number="05/KH-UBND")
    line = AwardLine.objects.create(
        campaign=later, line_id="TT", round_kind="annual", form="Giấy khen", subject="collective"
    )
    commune = make_nomination(later.rounds.get(), line, unit=trio["a"])
    person = make_nomination(later.rounds.get(), line, unit=trio["a"], person=trio["person_a"])
    other = make_nomination(later.rounds.get(), line, unit=trio["b"])

    assert documents.earlier_awards(commune) == [
        "Năm 2026: Giấy khen của Chủ tịch UBND cấp xã (Giải Nhất), Quyết định số 12/QĐ-UBND "
        f"ngày 15/01/2026 của {trio['district'].name}."
    ]
    assert documents.earlier_awards(person) == [
        "Năm 2026: Giấy khen của Chủ tịch UBND cấp xã, Quyết định số 12/QĐ-UBND ngày 15/01/2026 "
        f"của {trio['district'].name}."
    ]
    assert documents.earlier_awards(other) == []
    report = documents.render(documents.report_document(commune, documents.results_of([commune])))
    assert any("Quyết định số 12/QĐ-UBND ngày 15/01/2026" in p for p in _paragraphs(report))
