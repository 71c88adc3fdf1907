import datetime as dt
import io
import json
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.campaigns.factories import make_campaign
from tests.factories import make_unit, make_user
from thidua.campaigns import services
from thidua.campaigns.models import (
    AwardLine,
    Campaign,
    DeadlineReopening,
    Round,
    Target,
    UnitResult,
)
from thidua.campaigns.services import plan
from thidua.core.enums import Role
from thidua.organizations import services as registry
from thidua.organizations.enums import UnitKind

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PARTS = ("rounds", "targets", "lines", "dossier", "assignments")


def plan_post(rows: dict[str, list[dict]] | None = None, initial=None, **plan) -> dict:
    """The POST of the plan form: the plan's fields and each formset's rows."""
    data = {
        "issuer": "UBND huyện Thăng Bình",
        "title": "Phát động phong trào thi đua cải cách hành chính năm 2025",
        "kind": "thematic",
        "number": "/KH-UBND",
        "place": "Thăng Bình",
        "signer_capacity": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn A",
        "purposes": "- Tạo khí thế thi đua.\n\n- Biểu dương kịp thời.",
        "requirements": "Thiết thực, hiệu quả.",
        "contents": "Nâng cao trách nhiệm người đứng đầu.",
        "period_start": "01/01/2025",
        "period_end": "31/12/2025",
        "recipients": "UBND tỉnh;\nLưu: VT, NV.",
        **plan,
    }
    rows = rows or {}
    initial = initial or {}
    for part in PARTS:
        items = rows.get(part, [])
        data[f"{part}-TOTAL_FORMS"] = str(len(items))
        data[f"{part}-INITIAL_FORMS"] = str(initial.get(part, 0))
        for index, item in enumerate(items):
            for key, value in item.items():
                data[f"{part}-{index}-{key}"] = value
    return data


def line(**kw) -> dict:
    return {"round_kind": "annual", "subject": "collective", "rank_by": "score", **kw}


@pytest.fixture
def blocks(trio):
    communes = registry.save_block(
        actor=None,
        owner=trio["district"],
        code="XP",
        name="UBND các xã",
        members=[trio["a"], trio["b"]],
    )
    offices = registry.save_block(
        actor=None, owner=trio["district"], code="PB", name="Phòng ban", members=[]
    )
    return {"XP": communes, "PB": offices}


def full_rows(blocks) -> dict[str, list[dict]]:
    return {
        "rounds": [
            {
                "code": "2025",
                "kind": "annual",
                "start": "01/01/2025",
                "end": "31/12/2025",
                "registration_deadline": "10/03/2025",
                "nomination_deadline": "31/12/2025",
            },
            {"code": "TK", "kind": "final", "review": "Quý IV/2025"},
        ],
        "targets": [
            {
                "code": "T1",
                "area": "tthc",
                "text": "Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%",
                "metric": "tthc_on_time_pct",
                "op": ">=",
                "value": "99,5",
                "unit": "%",
            },
            {
                "code": "T2",
                "area": "civil_service",
                "text": "Không có cán bộ bị kỷ luật",
                "metric": "no_discipline",
                "op": "==",
                "value": "true",
                "if_applicable": "on",
            },
        ],
        "lines": [
            line(
                line_id="C-XP",
                form="Giấy khen",
                awarded_by="Chủ tịch UBND huyện",
                block=str(blocks["XP"].pk),
                count="3",
                exclusive="on",
            ),
            line(
                line_id="G-XP",
                form="Giấy khen",
                block=str(blocks["XP"].pk),
                tiers="Giải Nhất:1, Giải Nhì:1:2.000.000, Giải Ba:1",
                exclusive="on",
            ),
            line(
                line_id="CN-XP",
                subject="individual",
                form="Giấy khen",
                count="3",
                from_line="C-XP",
                per_unit_max="1",
                priority="direct_reform_work,female",
                tie_break="female",
                amount="1.170.000",
                positions=["chairman", "vice_chairman"],
                exclusive="on",
            ),
            line(line_id="DX", form="Giấy khen", higher_level="on"),
        ],
        "dossier": [
            {
                "subject": "collective",
                "component": "Báo cáo thành tích",
                "template": "Mẫu 02",
                "copies": "2",
            }
        ],
        "assignments": [{"assignee": "Phòng Nội vụ", "task": "Tham mưu, theo dõi, tổng hợp."}],
    }


def test_create_draft_with_all_parts_of_the_plan(client, trio, blocks):
    client.force_login(trio["standing"])
    data = plan_post(
        full_rows(blocks),
        blocks=[str(blocks["XP"].pk), str(blocks["PB"].pk)],
        eligibility_collective=json.dumps(
            [{"metric": "par_rating", "op": ">=", "value": "Tốt", "applies_to": {"block": "XP"}}]
        ),
    )
    response = client.post(reverse("campaign_create"), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaign_detail", args=[campaign.pk])
    assert (campaign.owner, campaign.state, campaign.number) == (
        trio["district"],
        "draft",
        "/KH-UBND",
    )
    assert campaign.purposes == ["Tạo khí thế thi đua.", "Biểu dương kịp thời."]
    assert campaign.signer == {
        "capacity": "TM. ỦY BAN NHÂN DÂN",
        "title": "CHỦ TỊCH",
        "name": "Nguyễn Văn A",
    }
    assert campaign.eligibility["collective"][0]["applies_to"] == {"block": "XP"}
    assert list(campaign.rounds.values_list("code", "kind", "registration_deadline")) == [
        ("2025", "annual", dt.date(2025, 3, 10)),
        ("TK", "final", None),
    ]
    assert list(campaign.targets.values_list("code", "value", "if_applicable")) == [
        ("T1", 99.5, False),
        ("T2", True, True),
    ]
    lines = {row.line_id: row for row in campaign.lines.all()}
    assert list(lines) == ["C-XP", "G-XP", "CN-XP", "DX"]
    assert lines["G-XP"].tiers == [
        {"name": "Giải Nhất", "count": 1},
        {"name": "Giải Nhì", "count": 1, "amount": 2000000},
        {"name": "Giải Ba", "count": 1},
    ]
    assert lines["G-XP"].count is None
    individual = lines["CN-XP"]
    assert (individual.from_line, individual.per_unit_max, individual.amount) == (
        "C-XP",
        1,
        1170000,
    )
    assert (individual.priority, individual.tie_break) == (
        ["direct_reform_work", "female"],
        ["female"],
    )
    assert individual.positions == ["chairman", "vice_chairman"]
    assert lines["DX"].is_adhoc and lines["DX"].higher_level
    assert [use.block.code for use in campaign.blocks.all()] == ["PB", "XP"]
    assert list(campaign.dossier.values_list("component", "copies")) == [("Báo cáo thành tích", 2)]
    assert list(campaign.assignments.values_list("assignee", flat=True)) == ["Phòng Nội vụ"]


def test_blank_extra_rows_are_left_out(client, trio):
    client.force_login(trio["standing"])
    data = plan_post(
        {
            "rounds": [{"code": "", "kind": "annual"}],
            "lines": [line(line_id="", form="", exclusive="on")],
            "targets": [{"area": "direction", "op": ">=", "code": ""}],
        }
    )
    response = client.post(reverse("campaign_create"), data)
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert (campaign.rounds.count(), campaign.lines.count(), campaign.targets.count()) == (0, 0, 0)


def test_invalid_plan_is_shown_back_with_messages_and_nothing_saved(client, trio, blocks):
    client.force_login(trio["standing"])
    rows = full_rows(blocks)
    rows["lines"][2]["from_line"] = "KHONG-CO"
    rows["rounds"][0]["end"] = "31/02/2025"
    rows["lines"][1]["tiers"] = "Giải Nhất một"
    data = plan_post(rows, title="", blocks=[str(blocks["XP"].pk)])
    response = client.post(reverse("campaign_create"), data)
    assert response.status_code == 200
    assert Campaign.objects.count() == 0
    formsets = response.context["formsets"]
    assert response.context["form"].errors["title"] == ["Trường này là bắt buộc."]
    assert formsets["rounds"].forms[0].errors["end"] == ["Nhập một ngày hợp lệ."]
    assert "Mỗi giải viết dạng" in formsets["lines"].forms[1].errors["tiers"][0]
    # the rules of the plan are checked in the same answer as the format of the fields
    assert formsets["lines"].forms[2].errors["from_line"] == [
        "Không có dòng 'KHONG-CO' ở trên dòng này (chỉ lấy từ một dòng đứng trước)."
    ]
    summary = [item["href"] for item in response.context["errors"]]
    assert summary == [
        "#id_title",
        "#id_rounds-0-end",
        "#id_lines-1-tiers",
        "#id_lines-2-from_line",
    ]
    page = response.content.decode()
    assert 'value="Thăng Bình"' in page
    assert "Giải Nhất một" in page
    assert 'aria-describedby="id_lines-1-tiers_error"' in page


def test_rules_of_the_plan_land_on_their_rows(client, trio, blocks):
    client.force_login(trio["standing"])
    rows = full_rows(blocks)
    rows["lines"][2]["from_line"] = "KHONG-CO"
    rows["targets"][1]["code"] = "T1"
    rows["lines"][0]["tiers"] = "Giải Nhất:1"
    data = plan_post(
        rows,
        blocks=[str(blocks["PB"].pk)],
        eligibility_individual='[{"metric": "task_rating", "op": "~", "value": "HTXSNV"}]',
    )
    response = client.post(reverse("campaign_create"), data)
    assert response.status_code == 200
    assert Campaign.objects.count() == 0
    lines = response.context["formsets"]["lines"].forms
    assert lines[2].errors["from_line"] == [
        "Không có dòng 'KHONG-CO' ở trên dòng này (chỉ lấy từ một dòng đứng trước)."
    ]
    assert lines[0].errors["tiers"] == ["Nhập số lượng hoặc các giải, không nhập cả hai."]
    assert lines[0].errors["block"] == [
        "Khối 'UBND các xã' chưa được chọn tham gia kế hoạch (mục 6)."
    ]
    targets = response.context["formsets"]["targets"].forms
    assert targets[1].errors["code"] == ["Mã chỉ tiêu 'T1' bị trùng với một dòng ở trên."]
    assert response.context["form"].errors["eligibility_individual"] == [
        "$.eligibility.individual[0].op: giá trị '~' không hợp lệ; phải là một trong: "
        ">=, >, <=, <, =="
    ]


def test_edit_updates_rows_in_place_and_keeps_their_results(client, trio, blocks):
    campaign = make_campaign(owner=trio["district"])
    round_ = campaign.rounds.get()
    UnitResult.objects.create(round=round_, unit=trio["a"], registered=True)
    target = campaign.targets.get()
    client.force_login(trio["standing"])
    rows = {
        "rounds": [
            {"id": str(round_.pk), "code": "2025", "kind": "annual", "end": "30/11/2025"},
            {"code": "2026", "kind": "annual"},
        ],
        "targets": [
            {
                "id": str(target.pk),
                "code": "T1",
                "area": "tthc",
                "text": target.text,
                "metric": "tthc_on_time_pct",
                "op": ">=",
                "value": "100",
                "DELETE": "on",
            }
        ],
    }
    data = plan_post(rows, initial={"rounds": 1, "targets": 1}, title="Tên mới")
    response = client.post(reverse("campaign_edit", args=[campaign.pk]), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Tên mới"
    assert list(campaign.rounds.values_list("pk", "code", "end")) == [
        (round_.pk, "2025", dt.date(2025, 11, 30)),
        (round_.pk + 1, "2026", None),
    ]
    assert UnitResult.objects.filter(round=round_).count() == 1
    assert Target.objects.filter(campaign=campaign).count() == 0


def test_edit_form_shows_the_saved_plan(client, trio, blocks):
    data = full_rows(blocks)
    campaign = make_campaign(owner=trio["district"], rounds=0)
    campaign.targets.all().delete()
    client.force_login(trio["standing"])
    client.post(
        reverse("campaign_edit", args=[campaign.pk]),
        plan_post(data, blocks=[str(blocks["XP"].pk)]),
    )
    response = client.get(reverse("campaign_edit", args=[campaign.pk]))
    lines = response.context["formsets"]["lines"]
    assert lines.initial_form_count() == 4
    page = response.content.decode()
    assert 'value="Giải Nhất:1, Giải Nhì:1:2.000.000, Giải Ba:1"' in page
    assert 'value="1.170.000"' in page
    assert '<option value="direct_reform_work,female" selected>' in page


def test_an_issued_plan_cannot_be_edited(client, trio):
    campaign = make_campaign(owner=trio["district"], state="issued")
    client.force_login(trio["standing"])
    assert client.get(reverse("campaign_edit", args=[campaign.pk])).status_code == 403
    assert client.post(reverse("campaign_edit", args=[campaign.pk]), plan_post()).status_code == 403


def test_issue_then_start_then_close(client, trio):
    campaign = make_campaign(owner=trio["district"])
    client.force_login(trio["standing"])
    response = client.post(
        reverse("campaign_issue", args=[campaign.pk]),
        {"number": "31/KH-UBND", "issued_on": "27/02/2025"},
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.state, campaign.number, campaign.issued_on) == (
        "issued",
        "31/KH-UBND",
        dt.date(2025, 2, 27),
    )
    client.post(reverse("campaign_start", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.state == "in_progress"
    client.post(reverse("campaign_close", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.state == "closed"


def test_issue_says_what_is_missing(client, trio):
    campaign = make_campaign(owner=trio["district"], rounds=0)
    client.force_login(trio["standing"])
    response = client.post(
        reverse("campaign_issue", args=[campaign.pk]),
        {"number": "/KH-UBND", "issued_on": "27/02/2025"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Chưa thể ban hành kế hoạch: chưa có số, ký hiệu; "
        "chưa có đợt xét (hằng năm, sơ kết hoặc tổng kết)."
    ]
    campaign.refresh_from_db()
    assert campaign.state == "draft"


def test_a_refused_transition_is_explained(client, trio):
    campaign = make_campaign(owner=trio["district"])
    client.force_login(trio["standing"])
    response = client.post(reverse("campaign_close", args=[campaign.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Kế hoạch đang ở trạng thái 'Dự thảo', không thể chuyển sang 'Đã kết thúc'."
    ]


def test_campaign_page_shows_the_cascade_below_an_issued_plan(client, trio):
    issued = timezone.localdate() - dt.timedelta(days=12)
    campaign = make_campaign(
        owner=trio["district"], state="issued", number="29/KH-UBND", issued_on=issued
    )
    make_campaign(
        owner=trio["a"],
        state="issued",
        number="5/KH-UBND",
        issued_on=issued + dt.timedelta(days=3),
        implements=campaign,
    )
    client.force_login(trio["standing"])
    response = client.get(reverse("campaign_detail", args=[campaign.pk]))
    rows = {row.unit.code: row.campaign for row in response.context["cascade"]}
    assert set(rows) == {"TB-BA", "TB-BC"}
    assert rows["TB-BA"].number == "5/KH-UBND" and rows["TB-BC"] is None
    page = response.content.decode()
    assert "Chưa triển khai — đã 12 ngày kể từ khi ban hành" in page
    assert "1/2 đơn vị đã ban hành kế hoạch triển khai." in page


def test_implement_creates_the_draft_of_the_unit_below(client, trio):
    campaign = make_campaign(owner=trio["district"], state="issued", number="29/KH-UBND")
    officer = make_user(unit=trio["a"], role=Role.STANDING_OFFICER, username="noivu_a")
    client.force_login(officer)
    page = client.get(reverse("campaign_detail", args=[campaign.pk]))
    assert page.context["can_implement"] is True
    response = client.post(reverse("campaign_implement", args=[campaign.pk]))
    lower = Campaign.objects.get(owner=trio["a"])
    assert response["Location"] == reverse("campaign_edit", args=[lower.pk])
    assert (lower.implements, lower.state) == (campaign, "draft")
    form = client.get(response["Location"]).context["form"]
    assert form["implements"].value() == campaign.pk
    assert form["title"].value() == campaign.title
    page = client.get(reverse("campaign_detail", args=[campaign.pk]))
    assert (page.context["can_implement"], page.context["own_plan"]) == (False, lower)


def test_amend_opens_the_new_version_for_editing(client, trio):
    campaign = make_campaign(owner=trio["district"], state="in_progress", number="31/KH-UBND")
    client.force_login(trio["standing"])
    response = client.post(reverse("campaign_amend", args=[campaign.pk]))
    amendment = Campaign.objects.get(previous=campaign)
    assert response["Location"] == reverse("campaign_edit", args=[amendment.pk])
    assert client.get(response["Location"]).status_code == 200
    page = client.get(reverse("campaign_detail", args=[campaign.pk]))
    assert page.context["can_amend"] is False


def test_reopen_a_deadline_for_one_unit(client, trio):
    campaign = make_campaign(owner=trio["district"], state="in_progress")
    round_ = campaign.rounds.get()
    until = timezone.localdate() + dt.timedelta(days=7)
    client.force_login(trio["standing"])
    response = client.post(
        reverse("campaign_reopen", args=[campaign.pk]),
        {
            "round": round_.pk,
            "unit": trio["a"].pk,
            "deadline": "registration",
            "until": f"{until:%d/%m/%Y}",
            "reason": "Xã bị ảnh hưởng bão, mất điện kéo dài",
        },
    )
    assert response.status_code == 302
    reopening = DeadlineReopening.objects.get()
    assert (reopening.unit, reopening.until, reopening.by) == (trio["a"], until, trio["standing"])


def test_reopen_without_a_reason_is_refused(client, trio):
    campaign = make_campaign(owner=trio["district"], state="in_progress")
    client.force_login(trio["standing"])
    response = client.post(
        reverse("campaign_reopen", args=[campaign.pk]),
        {
            "round": campaign.rounds.get().pk,
            "unit": trio["a"].pk,
            "deadline": "registration",
            "until": f"{timezone.localdate():%d/%m/%Y}",
            "reason": "vì",
        },
    )
    assert response.context["form"].non_field_errors() == [
        "Hãy ghi rõ lý do mở lại hạn (ít nhất 10 ký tự)."
    ]
    assert DeadlineReopening.objects.count() == 0


def test_export_downloads_the_package(client, trio):
    campaign = make_campaign(owner=trio["district"], number="31/KH-UBND", state="issued")
    client.force_login(trio["focal_a"])
    response = client.get(reverse("campaign_export", args=[campaign.pk]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="ke-hoach-{campaign.pk}-31-KH-UBND.json"'
    )
    package = json.loads(response.content)
    assert package["format"] == "thidua-campaign/1"
    assert package["campaign"]["number"] == "31/KH-UBND"


def test_docx_download_is_the_plan_as_an_official_document(client, trio, blocks):
    campaign = make_campaign(owner=trio["district"], rounds=0)
    client.force_login(trio["standing"])
    client.post(
        reverse("campaign_edit", args=[campaign.pk]),
        plan_post(full_rows(blocks), blocks=[str(blocks["XP"].pk)]),
    )
    response = client.get(reverse("campaign_docx", args=[campaign.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].endswith('.docx"')
    document = docx.Document(io.BytesIO(response.content))
    text = [p.text for p in document.paragraphs]
    headings = [t for t in text if t[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG, CHỈ TIÊU THI ĐUA",
        "III. THỜI GIAN THỰC HIỆN",
        "IV. KHEN THƯỞNG",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    [scheme] = [table for table in document.tables if table.rows[0].cells[0].text == "TT"]
    assert [cell.text for cell in scheme.rows[0].cells] == [
        "TT",
        "Đối tượng",
        "Hình thức",
        "Số lượng",
        "Cơ cấu, ghi chú",
    ]
    assert scheme.rows[3].cells[4].text == (
        "03 cá nhân là chủ tịch, phó chủ tịch thuộc các đơn vị được khen tập thể ở dòng C-XP, "
        "mỗi đơn vị tối đa 1; ưu tiên người trực tiếp làm công tác cải cách hành chính, rồi nữ; "
        "khi bằng nhau ưu tiên nữ; mức thưởng 1.170.000 đồng mỗi suất"
    )


def test_import_a_package_creates_the_campaign(client, trio):
    original = make_campaign(owner=trio["district"], number="31/KH-UBND")
    package = services.export_package(original)
    client.force_login(trio["standing"])
    upload = io.BytesIO(json.dumps(package).encode())
    upload.name = "goi.json"
    response = client.post(reverse("campaign_import"), {"file": upload})
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.exclude(pk=original.pk).get()
    assert response["Location"] == reverse("campaign_detail", args=[campaign.pk])
    assert (campaign.owner, campaign.number, campaign.state) == (
        trio["district"],
        "31/KH-UBND",
        "draft",
    )
    assert services.export_package(campaign) == package


def test_import_of_a_bad_package_names_the_place_and_saves_nothing(client, trio):
    client.force_login(trio["standing"])
    package = json.loads((EXAMPLES / "000-thang-binh-2022.json").read_text())
    package["campaign"]["rounds"][0]["end"] = "2022-13-01"
    upload = io.BytesIO(json.dumps(package).encode())
    upload.name = "goi.json"
    before = (Campaign.objects.count(), Round.objects.count(), AwardLine.objects.count())
    response = client.post(
        reverse("campaign_import"), {"file": upload, "owner": str(trio["district"].pk)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "$.campaign.rounds[0].end: ngày '2022-13-01' không hợp lệ: phải theo dạng YYYY-MM-DD"
    ]
    assert (Campaign.objects.count(), Round.objects.count(), AwardLine.objects.count()) == before


def test_import_of_a_file_that_is_not_json(client, trio):
    client.force_login(trio["standing"])
    upload = io.BytesIO(b'{"format": ')
    upload.name = "goi.json"
    response = client.post(reverse("campaign_import"), {"file": upload})
    assert response.context["form"].errors["file"] == [
        "Tệp không phải JSON hợp lệ: dòng 1, cột 12: Expecting value."
    ]


def test_focal_officer_cannot_import(client, trio):
    client.force_login(trio["focal_a"])
    assert client.get(reverse("campaign_import")).status_code == 403


def test_calendar_lists_the_deadlines_by_month_and_marks_the_next_30_days(client, trio):
    today = timezone.localdate()
    campaign = make_campaign(owner=trio["district"], state="issued", rounds=0)
    Round.objects.create(
        campaign=campaign,
        code="A",
        kind="annual",
        registration_deadline=today + dt.timedelta(days=5),
        nomination_deadline=today + dt.timedelta(days=45),
    )
    make_campaign(owner=trio["district"])  # a draft: its deadlines are not yet real
    client.force_login(trio["focal_a"])
    response = client.get(reverse("deadline_calendar"), {"nam": today.year})
    events = [
        (item["event"].kind, item["days"], item["soon"])
        for month in response.context["months"]
        for item in month["events"]
    ]
    expected = [("registration", 5, True), ("nomination", 45, False)]
    assert events == [
        event for event in expected if (today + dt.timedelta(days=event[1])).year == today.year
    ]


def test_list_filters_by_year_level_state_and_text(client, trio):
    make_campaign(owner=trio["district"], title="Kế hoạch năm 2025 của huyện")
    make_campaign(
        owner=trio["a"],
        title="Kế hoạch xã Bình An",
        state="issued",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
    )
    make_campaign(
        owner=trio["province"],
        state="issued",
        title="Kế hoạch giai đoạn",
        period_start=dt.date(2021, 1, 1),
        period_end=None,
    )
    client.force_login(trio["standing"])

    def titles(**params):
        response = client.get(reverse("campaign_list"), params)
        return sorted(c.title for c in response.context["page"])

    assert titles(year=2024) == ["Kế hoạch giai đoạn", "Kế hoạch xã Bình An"]
    assert titles(level="commune") == ["Kế hoạch xã Bình An"]
    assert titles(state="draft", level="district") == ["Kế hoạch năm 2025 của huyện"]
    assert titles(q="Bình An") == ["Kế hoạch xã Bình An"]
    assert titles(q="binh an") == ["Kế hoạch xã Bình An"]
    assert titles(q="KẾ HOẠCH NĂM") == ["Kế hoạch năm 2025 của huyện"]


def test_list_search_follows_a_changed_title_and_number(client, trio):
    campaign = make_campaign(owner=trio["district"], title="Kế hoạch cũ")
    campaign.title = "Kế hoạch thi đua cải cách hành chính"
    campaign.number = "31/KH-UBND"
    campaign.save(update_fields=["title", "number"])
    client.force_login(trio["standing"])

    def titles(query):
        response = client.get(reverse("campaign_list"), {"q": query})
        return [c.title for c in response.context["page"]]

    assert titles("cai cach") == ["Kế hoạch thi đua cải cách hành chính"]
    assert titles("31/kh") == ["Kế hoạch thi đua cải cách hành chính"]
    assert titles("cu") == []


def test_list_shows_how_far_the_cascade_went(client, trio):
    campaign = make_campaign(owner=trio["district"], state="issued", number="29/KH-UBND")
    make_campaign(owner=trio["a"], state="issued", implements=campaign)
    make_campaign(owner=trio["b"], state="draft", implements=campaign)
    client.force_login(trio["standing"])
    response = client.get(reverse("campaign_list"), {"level": "district"})
    [row] = response.context["page"]
    assert (row.implemented, row.subordinates) == (1, 2)
    assert "1/2 đơn vị cấp dưới đã triển khai" in response.content.decode()


@pytest.mark.parametrize("campaigns", [10, 1000])
def test_list_query_count_does_not_grow_with_campaigns(
    client, trio, django_assert_num_queries, campaigns
):
    Campaign.objects.bulk_create(
        [
            Campaign(
                owner=trio["a"] if i % 2 else trio["district"],
                issuer="UBND",
                title=f"Kế hoạch {i}",
                kind="thematic",
                state="issued" if i % 3 else "draft",
                issued_on=dt.date(2025, 1, 1) + dt.timedelta(days=i % 300),
            )
            for i in range(campaigns)
        ],
        batch_size=500,
    )
    client.force_login(trio["standing"])
    # session, user, role grants, unit of the user, count, page with the cascade counts, the
    # unread notifications of the navigation bar
    with django_assert_num_queries(7):
        response = client.get(reverse("campaign_list"))
    assert len(response.context["page"].object_list) == min(50, campaigns)


def _big_plan(trio, size: int) -> Campaign:
    campaign = make_campaign(
        owner=trio["district"], state="issued", number="1/KH-UBND", issued_on=dt.date(2025, 1, 2)
    )
    block = registry.save_block(
        actor=None, owner=trio["district"], code="XP", name="Xã", members=[]
    )
    plan._sync_blocks(campaign, [block])
    Target.objects.bulk_create(
        Target(campaign=campaign, code=f"X{i}", area="tthc", text="t", metric="m", op=">=", value=1)
        for i in range(size)
    )
    AwardLine.objects.bulk_create(
        AwardLine(
            campaign=campaign,
            line_id=f"L{i}",
            round_kind="annual",
            form="Giấy khen",
            subject="collective",
            block=block,
            count=1,
        )
        for i in range(size)
    )
    for i in range(size):
        unit = make_unit(name=f"UBND xã Số {i}", parent=trio["district"], kind=UnitKind.COMMUNE)
        if i % 2:
            make_campaign(owner=unit, state="issued", implements=campaign, number=f"{i}/KH")
    return campaign


@pytest.mark.parametrize("size", [1, 50])
def test_campaign_page_query_count_does_not_grow(client, trio, django_assert_num_queries, size):
    campaign = _big_plan(trio, size)
    client.force_login(trio["standing"])
    # session, user, role grants, unit of the user, the campaign, its targets, rounds,
    # reopenings, lines, dossier, assignments, blocks; the units below and their plans; the
    # unread notifications of the navigation bar
    with django_assert_num_queries(15):
        response = client.get(reverse("campaign_detail", args=[campaign.pk]))
    assert len(response.context["cascade"]) == size + 2
