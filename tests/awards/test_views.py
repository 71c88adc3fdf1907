"""The proposal of a round on live data: the page, its JSON and .xlsx downloads, who may see
them, and a query count that does not grow with the number of units."""

import io
import json

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from tests.awards.live_helpers import live_campaign, package, texts
from tests.campaigns.factories import make_campaign
from tests.factories import make_unit, make_user
from thidua.awards.engine import allocate
from thidua.campaigns import services
from thidua.campaigns.models import Campaign, UnitResult
from thidua.campaigns.package import read_package
from thidua.campaigns.services import export_package
from thidua.core.enums import Role

pytestmark = pytest.mark.django_db

URLS = ["round_proposal", "round_proposal_json", "round_proposal_xlsx"]
EXPECTED = {
    "round": "2025",
    "awards": [
        {"line": "G-XP", "subject": "collective", "code": "TB-BA", "tier": "Giải Nhất", "rank": 1},
        {"line": "CN", "subject": "individual", "code": "P-HOA", "tier": None, "rank": 1},
        {"line": "CN", "subject": "individual", "code": "P-BINH", "tier": None, "rank": 2},
    ],
    "ties": [{"line": "G-XP", "seats": 1, "tiers": ["Giải Nhì"], "candidates": ["TB-BC", "TB-BD"]}],
    "ineligible": [
        {"subject": "collective", "code": "TB-BE", "reasons": ["par_rating: Khá < Tốt"]},
        {"subject": "individual", "code": "P-CUONG", "reasons": ["violations: 1 != 0"]},
    ],
}


@pytest.fixture
def live(trio):
    campaign = live_campaign(trio["district"])
    return {**trio, "campaign": campaign, "round": campaign.rounds.get()}


def _url(name: str, round_) -> str:
    return reverse(name, args=[round_.pk])


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core", "organizations", "accounts"}
    }


# --- The page -------------------------------------------------------------------------------


def test_the_page_shows_each_line_with_its_awards_and_ties_and_the_ineligible(client, live):
    client.force_login(live["standing"])
    response = client.get(_url("round_proposal", live["round"]))
    assert response.status_code == 200
    proposal = response.context["proposal"]
    assert [
        (
            entry.line.id,
            entry.block,
            [
                (a.rank, a.tier, a.candidate.code, a.candidate.name, a.candidate.unit)
                for a in entry.awards
            ],
            [(t.seats, t.tiers, [(c.code, c.name) for c in t.candidates]) for t in entry.ties],
        )
        for entry in proposal.lines
    ] == [
        (
            "G-XP",
            "Khối các xã",
            [(1, "Giải Nhất", "TB-BA", "UBND xã Bình An", "")],
            [(1, ["Giải Nhì"], [("TB-BC", "UBND xã Bình Chánh"), ("TB-BD", "UBND xã Bình Định")])],
        ),
        (
            "CN",
            None,
            [
                (1, None, "P-HOA", "Nguyễn Thị Hoa", "UBND xã Bình An"),
                (2, None, "P-BINH", "Trần Văn Bình", "UBND xã Bình Chánh"),
            ],
            [],
        ),
    ]
    assert [(row.subject, row.candidate.code, row.described) for row in proposal.ineligible] == [
        ("collective", "TB-BE", ["Xếp loại Chỉ số CCHC: Khá < Tốt"]),
        ("individual", "P-CUONG", ["Số vi phạm: 1 ≠ 0"]),
    ]
    assert texts(response, "line-quota") == [
        "Tập thể · Khối các xã · Giải Nhất: 01, Giải Nhì: 01",
        "Cá nhân · không giới hạn khối · 02 suất",
    ]
    assert texts(response, "tie") == [
        "Đồng hạng — Hội đồng quyết định: 1 suất (Giải Nhì) TB-BC UBND xã Bình Chánh "
        "TB-BD UBND xã Bình Định"
    ]
    assert texts(response, "awards") == [
        "Đối tượng được đề xuất ở dòng G-XP Hạng Giải Mã Tên 1 Giải Nhất TB-BA UBND xã Bình An",
        "Đối tượng được đề xuất ở dòng CN Hạng Mã Tên Đơn vị 1 P-HOA Nguyễn Thị Hoa "
        "UBND xã Bình An 2 P-BINH Trần Văn Bình UBND xã Bình Chánh",
    ]
    assert texts(response, "ineligible") == [
        "Đối tượng không đủ điều kiện và lý do Đối tượng Mã Tên Lý do "
        "Tập thể TB-BE UBND xã Bình Đào Xếp loại Chỉ số CCHC: Khá < Tốt "
        "Cá nhân P-CUONG Lê Văn Cường UBND xã Bình Định Số vi phạm: 1 ≠ 0"
    ]


def test_a_reason_names_a_metric_by_the_package_text_and_says_when_it_is_missing(client, live):
    UnitResult.objects.filter(round=live["round"], unit__code="TB-BE").update(
        metrics={"par_rating": "Tốt"}
    )
    client.force_login(live["standing"])
    response = client.get(_url("round_proposal", live["round"]))
    assert [
        (row.candidate.code, row.reasons, row.described)
        for row in response.context["proposal"].ineligible
    ] == [
        ("TB-BE", ["score: missing"], ["Điểm thi đua: chưa có số liệu"]),
        ("P-CUONG", ["violations: 1 != 0"], ["Số vi phạm: 1 ≠ 0"]),
    ]


def test_a_campaign_whose_data_makes_no_valid_package_shows_the_problem(client, live):
    stray = make_unit(name="UBND xã Ngoài Kế Hoạch", parent=live["district"], code="TB-NG")
    UnitResult.objects.create(round=live["round"], unit=stray, registered=True)
    client.force_login(live["standing"])
    for name in URLS:
        response = client.get(_url(name, live["round"]))
        assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
        [problem] = texts(response, "problem")
        assert problem.startswith(
            "Chưa lập được đề xuất: dữ liệu của kế hoạch chưa lập được gói hợp lệ ($."
        )
        assert "TB-NG" in problem


def test_an_ad_hoc_line_shows_its_eligible_proposals_with_the_achievement_and_no_rank(client, trio):
    data = package()
    data["scheme"].append(
        {"id": "DX", "round_kind": "annual", "form": "Giấy khen", "subject": "collective"}
    )
    data["results"]["2025"]["adhoc"] = [
        {"line": "DX", "code": "TB-BD", "reason": "Cứu hộ kịp thời trong bão số 9"},
        {"line": "DX", "code": "TB-BE", "reason": "Không đủ điều kiện nên không được đề xuất"},
    ]
    campaign = services.import_package(actor=None, data=data, owner=trio["district"])
    Campaign.objects.filter(pk=campaign.pk).update(state="in_progress")
    client.force_login(trio["standing"])
    response = client.get(_url("round_proposal", campaign.rounds.get()))
    [adhoc] = [entry for entry in response.context["proposal"].lines if entry.line.id == "DX"]
    assert [(a.rank, a.tier, a.candidate.code, a.reason) for a in adhoc.awards] == [
        (None, None, "TB-BD", "Cứu hộ kịp thời trong bão số 9")
    ]
    assert (
        texts(response, "line-quota")[2] == "Tập thể · không giới hạn khối · khen thưởng đột xuất"
    )
    assert texts(response, "awards")[2] == (
        "Đối tượng được đề xuất ở dòng DX Mã Tên Thành tích đề nghị "
        "TB-BD UBND xã Bình Định Cứu hộ kịp thời trong bão số 9"
    )


# --- Downloads ------------------------------------------------------------------------------


def test_the_json_download_is_the_allocation_of_the_exported_package(client, live):
    client.force_login(live["standing"])
    response = client.get(_url("round_proposal_json", live["round"]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="de-xuat-khen-thuong-2025.json"'
    body = json.loads(response.content.decode())
    assert body == allocate(read_package(export_package(live["campaign"])), "2025")
    assert body == EXPECTED


def _book(response):
    return load_workbook(io.BytesIO(response.content))


def test_the_xlsx_has_a_sheet_per_part_with_vietnamese_headers(client, live):
    client.force_login(live["standing"])
    response = client.get(_url("round_proposal_xlsx", live["round"]))
    assert response["Content-Disposition"] == 'attachment; filename="de-xuat-khen-thuong-2025.xlsx"'
    book = _book(response)
    assert book.sheetnames == ["Khen thưởng", "Đồng hạng", "Không đủ điều kiện"]
    rows = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    line = ("Giấy khen", "Chủ tịch UBND huyện")
    assert rows["Khen thưởng"] == [
        ("Dòng", "Hình thức", "Thẩm quyền", "Đối tượng", "Hạng", "Giải", "Mã", "Tên", "Đơn vị"),
        ("G-XP", *line, "Tập thể", 1, "Giải Nhất", "TB-BA", "UBND xã Bình An", None),
        ("CN", *line, "Cá nhân", 1, None, "P-HOA", "Nguyễn Thị Hoa", "UBND xã Bình An"),
        ("CN", *line, "Cá nhân", 2, None, "P-BINH", "Trần Văn Bình", "UBND xã Bình Chánh"),
    ]
    assert rows["Đồng hạng"] == [
        (
            "Dòng",
            "Hình thức",
            "Thẩm quyền",
            "Số suất",
            "Các giải",
            "Ứng viên (Hội đồng quyết định)",
        ),
        ("G-XP", *line, 1, "Giải Nhì", "TB-BC – UBND xã Bình Chánh; TB-BD – UBND xã Bình Định"),
    ]
    assert rows["Không đủ điều kiện"] == [
        ("Đối tượng", "Mã", "Tên", "Đơn vị", "Lý do"),
        ("Tập thể", "TB-BE", "UBND xã Bình Đào", None, "Xếp loại Chỉ số CCHC: Khá < Tốt"),
        ("Cá nhân", "P-CUONG", "Lê Văn Cường", "UBND xã Bình Định", "Số vi phạm: 1 ≠ 0"),
    ]
    assert [sheet.freeze_panes for sheet in book.worksheets] == ["A2"] * 3
    assert all(cell.font.b for sheet in book.worksheets for cell in sheet[1])
    sheet = book["Không đủ điều kiện"]
    assert [sheet.column_dimensions[letter].width for letter in "ABCDE"] == [12, 14, 36, 36, 80]


def test_the_xlsx_is_vietnamese_for_a_user_reading_english(client, live):
    client.force_login(live["standing"])
    client.cookies["django_language"] = "en"
    book = _book(client.get(_url("round_proposal_xlsx", live["round"])))
    assert [cell.value for cell in book["Không đủ điều kiện"][2]] == [
        "Tập thể",
        "TB-BE",
        "UBND xã Bình Đào",
        None,
        "Xếp loại Chỉ số CCHC: Khá < Tốt",
    ]


# --- Who may see it -------------------------------------------------------------------------

# The office of the district (issuer) and of the province above it, the district's council
# members and leaders read the proposal; everyone else who sees the plan gets a 403.
WHO = {
    "standing": 200,
    "province_standing": 200,
    "council": 200,
    "leader": 200,
    "province_council": 403,
    "province_leader": 403,
    "focal_district": 403,
    "focal_a": 403,
    "focal_b": 403,
}


def _user(live, who: str):
    if who in live:
        return live[who]
    unit = live["province"] if who.startswith("province_") else live["district"]
    role = {
        "province_standing": Role.STANDING_OFFICER,
        "council": Role.COUNCIL_MEMBER,
        "province_council": Role.COUNCIL_MEMBER,
        "leader": Role.LEADER,
        "province_leader": Role.LEADER,
        "focal_district": Role.FOCAL_OFFICER,
    }[who]
    return make_user(unit=unit, role=role, username=who)


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("who", list(WHO))
def test_who_may_read_the_proposal(client, live, name, who):
    user = _user(live, who)
    before = _snapshot()
    client.force_login(user)
    response = client.get(_url(name, live["round"]))
    assert response.status_code == WHO[who]
    if WHO[who] == 403:
        assert "Bình Đào" not in response.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize("name", URLS)
def test_focal_officer_of_b_gets_404_on_every_url_of_a_plan_of_a(client, trio, name):
    campaign = make_campaign(owner=trio["a"], state="in_progress", number="3/KH-UBND")
    before = _snapshot()
    client.force_login(trio["focal_b"])
    response = client.get(_url(name, campaign.rounds.get()))
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("name", URLS)
def test_the_focal_officer_of_the_issuing_commune_gets_403(client, trio, name):
    campaign = make_campaign(owner=trio["a"], state="in_progress", number="3/KH-UBND")
    client.force_login(trio["focal_a"])
    assert client.get(_url(name, campaign.rounds.get())).status_code == 403


@pytest.mark.parametrize("name", URLS)
def test_anonymous_is_sent_to_login(client, live, name):
    response = client.get(_url(name, live["round"]))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


@pytest.mark.parametrize(
    ("who", "linked"), [("standing", True), ("council", True), ("focal_a", False)]
)
def test_the_campaign_page_links_each_round_to_its_proposal_for_those_who_may_read_it(
    client, live, who, linked
):
    client.force_login(_user(live, who))
    page = client.get(reverse("campaign_detail", args=[live["campaign"].pk])).content.decode()
    assert (_url("round_proposal", live["round"]) in page) is linked


# --- Queries: fixed, whatever the number of units ----------------------------------------------

# session, user, role grants, the user's unit, the round with its campaign and issuer; the
# package (campaign, blocks, participants, competitors, rounds, lines, targets, unit results,
# person results, ad-hoc proposals, assignments, dossier); the page adds the unread
# notifications of the navigation bar.
QUERIES = {"round_proposal": 19, "round_proposal_json": 18, "round_proposal_xlsx": 18}


@pytest.mark.parametrize("extra_units", [0, 9])
@pytest.mark.parametrize("name", URLS)
def test_query_count_does_not_grow_with_units(
    client, trio, django_assert_num_queries, name, extra_units
):
    campaign = live_campaign(trio["district"], extra_units=extra_units)
    round_ = campaign.rounds.get()
    client.force_login(trio["standing"])
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(_url(name, round_))
    assert response.status_code == 200
    assert len(read_package(export_package(campaign)).results["2025"].units) == 4 + extra_units
