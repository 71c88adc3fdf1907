import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.factories import PASSWORD
from tests.helpers_auth import login_request
from tests.reports.helpers import province_cascade, record_conduct
from thidua.awards.models import Award
from thidua.campaigns.models import Campaign

ROUND_URLS = ("result_report", "result_report_docx", "result_report_xlsx")
CAMPAIGN_URLS = ("rollup", "rollup_docx", "rollup_xlsx")


@pytest.fixture
def cascade(trio):
    return province_cascade(trio)


def _get(client, user, url):
    client.login(request=login_request(), username=user.username, password=PASSWORD)
    return client.get(url)


def _snapshot():
    return (Campaign.objects.count(), Award.objects.count())


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.mark.parametrize("name", ROUND_URLS)
@pytest.mark.parametrize("who", ["standing", "leader", "council", "province_standing"])
def test_the_office_leaders_and_council_read_the_round_reports(client, cascade, name, who):
    user = cascade[who]
    response = _get(client, user, reverse(name, args=[cascade["round"].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", CAMPAIGN_URLS)
@pytest.mark.parametrize("who", ["standing", "leader", "council", "province_standing"])
def test_the_office_leaders_and_council_read_the_district_rollup(client, cascade, name, who):
    response = _get(client, cascade[who], reverse(name, args=[cascade["campaign"].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", CAMPAIGN_URLS)
def test_the_province_office_reads_its_rollup(client, cascade, name):
    response = _get(client, cascade["province_standing"], reverse(name, args=[cascade["plan"].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", CAMPAIGN_URLS)
@pytest.mark.parametrize("who", ["standing", "leader", "focal_a"])
def test_the_district_does_not_read_the_province_rollup(client, cascade, name, who):
    response = _get(client, cascade[who], reverse(name, args=[cascade["plan"].pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ROUND_URLS + CAMPAIGN_URLS)
@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
def test_focal_officers_get_404_and_nothing_changes(client, cascade, name, who):
    before = _snapshot()
    pk = cascade["round"].pk if name in ROUND_URLS else cascade["campaign"].pk
    response = _get(client, cascade[who], reverse(name, args=[pk]))
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("name", ["report_index", *ROUND_URLS, *CAMPAIGN_URLS])
def test_anonymous_is_sent_to_log_in(client, cascade, name):
    args = [] if name == "report_index" else [cascade["round"].pk]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"] or "login" in response["Location"]


def test_index_lists_the_campaigns_the_user_reports_on(client, cascade):
    response = _get(client, cascade["province_standing"], reverse("report_index"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["campaigns"]] == [
        cascade["campaign"].pk,
        cascade["plan"].pk,
    ] or {c.pk for c in response.context["campaigns"]} == {
        cascade["campaign"].pk,
        cascade["plan"].pk,
    }
    focal = _get(client, cascade["focal_a"], reverse("report_index"))
    assert list(focal.context["campaigns"]) == []


def test_result_docx_has_the_sections_and_leaves_the_assessment_to_write(client, cascade):
    record_conduct(cascade)
    response = _get(
        client, cascade["standing"], reverse("result_report_docx", args=[cascade["round"].pk])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-31-KH-UBND-2025.docx"'
    text = _docx_text(response.content)
    assert "BÁO CÁO" in text
    assert "Kế hoạch số 31/KH-UBND ngày 02/01/2025" in text
    assert "Giấy khen | Giải Nhất | Khối các xã | Tập thể | 1 | 1.404.000" in text
    assert "Tổng số tiền thưởng theo các quyết định đã ban hành: 2.808.000 đồng." in text
    assert "Vi phạm kỷ luật, kỷ cương hành chính | 1" in text
    assert "Kết quả thực hiện phong trào thi đua\nđẩy mạnh cải cách" in text
    assert "\nIV. ĐÁNH GIÁ CHUNG\n(Cơ quan thường trực bổ sung" in text
    assert "\nV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI\n" in text


def test_result_xlsx_has_one_sheet_per_table(client, cascade):
    response = _get(
        client, cascade["standing"], reverse("result_report_xlsx", args=[cascade["round"].pk])
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Đăng ký",
        "Chỉ tiêu theo lĩnh vực",
        "Chỉ số CCHC theo khối",
        "Vi phạm, khiếu nại",
        "Sáng kiến",
        "Khen thưởng",
        "Kinh phí",
    ]
    awards = list(book["Khen thưởng"].iter_rows(values_only=True))
    assert awards[0][0] == "Hình thức"
    assert awards[-1] == ("Tổng cộng", None, None, None, 3, None, 2_808_000)
    assert book["Khen thưởng"].freeze_panes == "A2"


def test_rollup_page_shows_each_unit_and_those_not_reported(client, cascade):
    response = _get(
        client, cascade["province_standing"], reverse("rollup", args=[cascade["plan"].pk])
    )
    rows = response.context["rollup"].rows
    assert rows[0].unit.code == "TB"
    html = response.content.decode()
    assert 'data-status="reported"' in html
    assert html.count('data-status="no_plan"') == len(rows) - 1
    assert reverse("rollup", args=[cascade["campaign"].pk]) in html


def test_rollup_docx_and_xlsx(client, cascade):
    user = cascade["province_standing"]
    docx = _get(client, user, reverse("rollup_docx", args=[cascade["plan"].pk]))
    text = _docx_text(docx.content)
    assert "1/" in text and "đơn vị cấp dưới đã ban hành kế hoạch triển khai" in text
    assert "Cấp huyện | Giấy khen | 1 | 2 | 1 | 2.808.000" in text
    assert "IV. ĐƠN VỊ CHƯA BÁO CÁO" in text
    xlsx = _get(client, user, reverse("rollup_xlsx", args=[cascade["plan"].pk]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Theo đơn vị", "Theo hình thức", "Chưa báo cáo"]
    units = list(book["Theo đơn vị"].iter_rows(values_only=True))
    assert units[1][:5] == (1, "TB", "UBND huyện Thăng Bình", "31/KH-UBND", "Đã có kết quả")
    assert units[-1][-1] == 2_808_000


@pytest.mark.parametrize("more", [0, 15])
def test_the_pages_hold_their_query_count(client, cascade, django_assert_num_queries, more):
    from tests.awards.certificate_helpers import extra_lines, give

    for i, line in enumerate(extra_lines(cascade, more)):
        give(cascade, cascade["decision"], line=line, unit=cascade["b"], code=f"GK-Y-{i:04d}")
    client.login(request=login_request(), username="standing", password=PASSWORD)
    with django_assert_num_queries(23):
        client.get(reverse("result_report", args=[cascade["round"].pk]))
    with django_assert_num_queries(13):
        client.get(reverse("rollup", args=[cascade["campaign"].pk]))
