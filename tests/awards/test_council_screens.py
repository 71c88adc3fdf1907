"""Screens of the council: who reads (404 for a commune's focal officer, nothing changes), the
session board with ties and tallies, the member's ballot, confirming seats, the minutes, and
query counts that do not grow with the number of candidates."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.awards.council_helpers import everyone_votes, make_council, voted_and_closed
from tests.awards.disclosure_helpers import make_nomination, snapshot
from tests.awards.live_helpers import texts
from tests.factories import make_person
from thidua.awards.enums import NominationState, SessionState
from thidua.awards.models import Award, CouncilSession, CouncilTally, CouncilVote
from thidua.awards.services import council as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(trio):
    return make_council(trio)


def _urls(council) -> list[tuple[str, str]]:
    s = council["session"].pk
    member = council["session"].members.first().pk
    nomination = council["nominations"]["hoa"].pk
    return [
        ("get", reverse("round_council", args=[council["round"].pk])),
        ("post", reverse("round_council", args=[council["round"].pk])),
        ("get", reverse("council_session", args=[s])),
        ("get", reverse("council_ballot", args=[s])),
        ("post", reverse("council_ballot", args=[s])),
        ("get", reverse("council_minutes", args=[s])),
        ("post", reverse("council_member_add", args=[s])),
        ("post", reverse("council_member_update", args=[s, member])),
        ("post", reverse("council_open", args=[s])),
        ("post", reverse("council_close", args=[s])),
        ("post", reverse("council_conclusion", args=[s])),
        ("post", reverse("council_confirm", args=[s, nomination])),
    ]


@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
def test_a_communes_focal_officer_gets_404_everywhere_and_nothing_changes(client, council, who):
    client.force_login(council[who])
    before = snapshot()
    data = {
        "held_on": "01/12/2026",
        "full_name": "X",
        "role": "member",
        "present": "on",
        f"phieu-{council['nominations']['bc'].pk}": "dong-y",
        "conclusion": "Kết luận",
    }
    codes = [getattr(client, method)(url, data).status_code for method, url in _urls(council)]
    assert codes == [404] * len(codes)
    assert snapshot() == before


def test_readers_of_the_issuer_see_the_session_others_may_not_act(client, council):
    url = reverse("council_session", args=[council["session"].pk])
    for who in ("standing", "leader", "chair", "from_a"):
        client.force_login(council[who])
        assert client.get(url).status_code == 200
    client.force_login(council["leader"])
    before = snapshot()
    response = client.post(reverse("council_open", args=[council["session"].pk]))
    assert response.status_code == 403
    assert client.get(reverse("council_ballot", args=[council["session"].pk])).status_code == 403
    assert snapshot() == before


def test_office_creates_a_session_with_the_issuers_council_members(client, council):
    client.force_login(council["standing"])
    response = client.post(
        reverse("round_council", args=[council["round"].pk]),
        {"held_on": "15/12/2026", "place": "Phòng họp số 2", "prefill": "on"},
    )
    session = CouncilSession.objects.exclude(pk=council["session"].pk).get()
    assert response.status_code == 302
    assert response.url == reverse("council_session", args=[session.pk])
    assert list(session.members.values_list("full_name", flat=True)) == [
        "Lê Văn Chủ",
        "Phạm Thị Mai",
        "Võ Văn Ký",
    ]
    assert f"{session.held_on:%d/%m/%Y}" == "15/12/2026"
    page = client.get(reverse("round_council", args=[council["round"].pk]))
    assert len(texts(page, "session-row")) == 2


def test_ties_are_flagged_with_text_and_tallies_show_once_closed(client, council):
    voted_and_closed(council, {"bd": False})
    client.force_login(council["standing"])
    response = client.get(reverse("council_session", args=[council["session"].pk]))
    assert texts(response, "tie-badge") == ["Đồng hạng", "Đồng hạng"]
    results = texts(response, "result")
    assert results[0] == "Đồng ý 3, không đồng ý 0 (75%); cần 3 phiếu đồng ý. Đạt"
    assert results[2] == "Đồng ý 0, không đồng ý 3 (0%); cần 3 phiếu đồng ý. Không đạt"
    # Open ballot: the names of the votes are shown.
    assert texts(response, "voters")[0].startswith("Lê Văn Chủ: đồng ý")
    assert len(texts(response, "confirm-form")) == 4  # bd did not pass


def test_secret_ballot_page_shows_only_tallies(client, trio):
    council = voted_and_closed(make_council(trio, secret_ballot=True))
    client.force_login(council["chair"])
    response = client.get(reverse("council_session", args=[council["session"].pk]))
    assert texts(response, "voters") == []
    assert texts(response, "result")[0].startswith("Đồng ý 3, không đồng ý 0")


def test_member_votes_through_the_ballot_and_cannot_change_it(client, council):
    services.open_voting(actor=council["standing"], session=council["session"])
    url = reverse("council_ballot", args=[council["session"].pk])
    client.force_login(council["from_a"])
    page = client.get(url)
    assert texts(page, "conflict") == [
        "Bạn không biểu quyết: đề nghị của đơn vị mình.",
        "Bạn không biểu quyết: đề nghị của đơn vị mình.",
    ]
    bc = council["nominations"]["bc"]
    response = client.post(url, {f"phieu-{bc.pk}": "khong-dong-y"})
    assert response.status_code == 302
    tally = CouncilTally.objects.get(session=council["session"], nomination=bc)
    assert (tally.agree, tally.disagree) == (0, 1)
    page = client.get(url)
    assert texts(page, "cast") == ["Đã biểu quyết: không đồng ý."]
    client.post(url, {f"phieu-{bc.pk}": "dong-y"})
    tally.refresh_from_db()
    assert (tally.agree, tally.disagree) == (0, 1)
    assert CouncilVote.objects.count() == 1


def test_office_confirms_a_tie_with_the_councils_note_chair_may_not(client, council):
    voted_and_closed(council)
    bc = council["nominations"]["bc"]
    url = reverse("council_confirm", args=[council["session"].pk, bc.pk])
    data = {"tier": "Giải Nhì", "tie_note": "Hội đồng quyết định chọn xã Bình Chánh."}
    client.force_login(council["chair"])
    assert client.post(url, data).status_code == 403
    assert Award.objects.count() == 0
    client.force_login(council["standing"])
    response = client.post(url, {"tier": "Giải Nhì"}, follow=True)
    assert Award.objects.count() == 0
    assert "thuộc nhóm bằng nhau trong đề xuất" in response.content.decode()
    client.post(url, data)
    award = Award.objects.get()
    assert (award.nomination_id, award.tier, award.tie_note) == (
        bc.pk,
        "Giải Nhì",
        "Hội đồng quyết định chọn xã Bình Chánh.",
    )


def test_open_and_close_from_the_page(client, council):
    client.force_login(council["standing"])
    client.post(reverse("council_open", args=[council["session"].pk]))
    council["session"].refresh_from_db()
    assert council["session"].state == SessionState.VOTING
    everyone_votes(council)
    client.force_login(council["chair"])
    client.post(reverse("council_close", args=[council["session"].pk]))
    council["session"].refresh_from_db()
    assert council["session"].state == SessionState.CLOSED


def test_minutes_docx(client, council):
    voted_and_closed(council, {"bd": False})
    services.confirm_award(
        actor=council["standing"],
        session=council["session"],
        nomination=council["nominations"]["bc"],
        tier="Giải Nhì",
        tie_note="Hội đồng quyết định chọn xã Bình Chánh vì xếp loại Xuất sắc.",
    )
    client.force_login(council["member"])
    response = client.get(reverse("council_minutes", args=[council["session"].pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in paragraphs
    assert "- UBND xã Bình Chánh: Hội đồng quyết định chọn xã Bình Chánh vì xếp loại Xuất sắc." in (
        paragraphs
    )
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    g_xp = next(t for t in tables if t and t[0][:2] == ["STT", "Đối tượng"])
    assert g_xp[1:] == [
        ["1", "UBND xã Bình An", "UBND xã Bình An", "3", "0", "75%", "Đạt"],
        ["2", "UBND xã Bình Chánh (đồng hạng)", "UBND xã Bình Chánh", "3", "0", "75%", "Đạt"],
        ["3", "UBND xã Bình Định (đồng hạng)", "UBND xã Bình Định", "0", "3", "0%", "Không đạt"],
    ]
    signatures = tables[-1]
    assert signatures[0] == ["THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG"]
    assert signatures[-1] == ["Võ Văn Ký", "Lê Văn Chủ"]


def _grow(council, n: int) -> None:
    unit = council["units"]["TB-BD"]
    for _ in range(n):
        person = make_person(unit=unit)
        make_nomination(
            council["round"], council["cn"], unit=unit, person=person, state=NominationState.PENDING
        )


@pytest.mark.parametrize("name", ["council_session", "council_ballot"])
def test_session_pages_query_count_does_not_grow(client, council, django_assert_num_queries, name):
    client.force_login(council["chair"])
    url = reverse(name, args=[council["session"].pk])
    client.get(url)
    with django_assert_num_queries(QUERIES[name]):
        client.get(url)
    _grow(council, 5)
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(url)
    assert len(texts(response, "candidate" if name == "council_session" else "ballot-row")) == 10


QUERIES = {"council_session": 35, "council_ballot": 37}


def test_round_page_query_count_does_not_grow(client, council, django_assert_num_queries):
    client.force_login(council["standing"])
    url = reverse("round_council", args=[council["round"].pk])
    client.get(url)
    with django_assert_num_queries(7):
        client.get(url)
    for _ in range(3):
        services.create_session(
            actor=council["standing"], round=council["round"], held_on=council["session"].held_on
        )
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(texts(response, "session-row")) == 4
