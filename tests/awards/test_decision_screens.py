"""Screens of decisions: who reads which decision (404 for another commune, 403 for those who
see it but may not act), the draft form and the issue button, the stored downloads, fixed query
counts, and the public signature verification page."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.awards.decision_helpers import (
    make_award,
    make_round_with_awards,
    ready_draft,
    use_signing,
)
from tests.awards.disclosure_helpers import snapshot
from tests.factories import make_person
from thidua.awards.enums import DecisionState
from thidua.awards.models import Decision
from thidua.awards.services.decisions import draft_decision, issue_decision


@pytest.fixture
def data(trio, settings, tmp_path):
    use_signing(settings, tmp_path)
    return make_round_with_awards(trio)


@pytest.fixture
def issued(data):
    decision = ready_draft(data)
    issue_decision(actor=data["standing"], decision=decision)
    decision.refresh_from_db()
    return decision


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- The round's decisions ---------------------------------------------------------------------


def test_the_office_drafts_a_decision_from_the_round_page(client, data):
    client.force_login(data["standing"])

    response = client.post(reverse("round_decisions", args=[data["round"].pk]))

    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("decision_detail", args=[decision.pk])
    assert decision.awards.count() == len(data["awards"])


@pytest.mark.parametrize("who", ["focal_a", "focal_b", "council", "leader"])
def test_only_the_office_may_draft(client, data, who):
    client.force_login(data[who])
    before = snapshot()

    response = client.post(reverse("round_decisions", args=[data["round"].pk]))

    assert response.status_code == 403
    assert snapshot() == before


def test_the_round_list_is_hidden_from_another_district(client, data):
    client.force_login(data["outsider"])

    assert client.get(reverse("round_decisions", args=[data["round"].pk])).status_code == 404


@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
def test_communes_may_not_read_the_round_list(client, data, who):
    client.force_login(data[who])

    assert client.get(reverse("round_decisions", args=[data["round"].pk])).status_code == 403


@pytest.mark.parametrize("extra", [0, 4])
def test_round_list_queries_hold_as_awards_grow(client, data, django_assert_num_queries, extra):
    for n in range(extra):
        person = make_person(unit=data["a"], full_name=f"Phạm Văn {n}")
        make_award(data["round"], data["individual"], unit=data["a"], person=person)
    draft_decision(actor=data["standing"], round=data["round"])
    client.force_login(data["standing"])
    url = reverse("round_decisions", args=[data["round"].pk])
    client.get(url)

    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.status_code == 200
    row = response.content.decode()
    assert f">{len(data['awards']) + extra}<" in row


# --- The decision's page -----------------------------------------------------------------------


def test_the_draft_form_saves_number_date_and_signer(client, data):
    decision = draft_decision(actor=data["standing"], round=data["round"])
    client.force_login(data["standing"])

    response = client.post(
        reverse("decision_detail", args=[decision.pk]),
        {
            "number": "12/QĐ-UBND",
            "signed_on": "15/01/2026",
            "place": "Thăng Bình",
            "summary": "Về việc khen thưởng năm 2025",
            "signer_capacity": "KT. Chủ tịch",
            "signer_title": "Phó Chủ tịch",
            "signer_name": "Lê Thị Mai",
        },
    )

    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.number, decision.signed_on, decision.signer_name) == (
        "12/QĐ-UBND",
        dt.date(2026, 1, 15),
        "Lê Thị Mai",
    )


def test_a_bad_number_is_shown_on_the_form_and_nothing_changes(client, data):
    decision = draft_decision(actor=data["standing"], round=data["round"])
    client.force_login(data["standing"])
    before = snapshot()

    response = client.post(
        reverse("decision_detail", args=[decision.pk]),
        {"number": "12-QD", "signed_on": "15/01/2026", "signer_title": "Chủ tịch"},
    )

    assert response.status_code == 200
    assert "12/QĐ-UBND" in response.content.decode()
    assert snapshot() == before


def test_the_draft_page_shows_the_amounts_the_law_gives(client, data):
    decision = ready_draft(data)
    client.force_login(data["standing"])

    response = client.get(reverse("decision_detail", args=[decision.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "351.000" in page
    assert 'data-testid="total">3.351.000<' in page
    assert "Ba triệu ba trăm năm mươi mốt nghìn đồng" in page
    assert 'data-testid="issue"' in page


def test_the_draft_page_warns_of_a_line_whose_bonus_is_unknown(client, data):
    decision = ready_draft(data)
    client.force_login(data["standing"])
    url = reverse("decision_detail", args=[decision.pk])
    assert 'data-testid="unpriced"' not in client.get(url).content.decode()
    # A prize the plan names in its own words, with no amount and no form of the law.
    data["collective"].form = "Giải thưởng"
    data["collective"].tiers = [{"name": "Giải Nhất", "count": 1}]
    data["collective"].save()

    page = client.get(url).content.decode()

    assert 'data-testid="unpriced"' in page
    assert "TT: Giải thưởng" in page


@pytest.mark.parametrize("extra", [0, 5])
def test_decision_page_queries_hold_as_awards_grow(client, data, django_assert_num_queries, extra):
    for n in range(extra):
        person = make_person(unit=data["a"], full_name=f"Phạm Văn {n}")
        make_award(data["round"], data["individual"], unit=data["a"], person=person)
    decision = ready_draft(data)
    client.force_login(data["standing"])
    url = reverse("decision_detail", args=[decision.pk])
    client.get(url)

    with django_assert_num_queries(10):
        response = client.get(url)

    assert response.content.decode().count('data-testid="awardee-row"') == 2 + extra


def test_the_draft_docx_preview_renders(client, data):
    decision = ready_draft(data)
    client.force_login(data["standing"])

    response = client.get(reverse("decision_docx", args=[decision.pk]))

    assert response.status_code == 200
    assert body(response)[:2] == b"PK"


def test_the_preview_page_shows_the_print_layout(client, data):
    decision = ready_draft(data)
    client.force_login(data["council"])

    response = client.get(reverse("decision_preview", args=[decision.pk]))

    assert response.status_code == 200
    assert "Số: 12/QĐ-UBND" in response.content.decode()


def test_the_office_issues_from_the_page(client, data):
    decision = ready_draft(data)
    client.force_login(data["standing"])

    response = client.post(reverse("decision_issue", args=[decision.pk]))

    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED


@pytest.mark.parametrize("who", ["council", "focal_a"])
def test_those_who_may_not_issue_get_403_and_nothing_changes(client, data, who):
    decision = ready_draft(data)
    client.force_login(data[who])
    before = snapshot()

    response = client.post(reverse("decision_issue", args=[decision.pk]))

    assert response.status_code in (403, 404)
    assert snapshot() == before


def test_an_issue_refusal_is_shown_and_nothing_changes(client, data):
    decision = draft_decision(actor=data["standing"], round=data["round"])
    client.force_login(data["standing"])
    before = snapshot()

    response = client.post(reverse("decision_issue", args=[decision.pk]), follow=True)

    assert "trước khi ban hành" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("name", ["decision_detail", "decision_docx", "decision_preview"])
def test_a_draft_is_hidden_from_the_communes(client, data, name):
    decision = ready_draft(data)
    for who in ("focal_a", "focal_b", "outsider"):
        client.force_login(data[who])
        assert client.get(reverse(name, args=[decision.pk])).status_code == 404, who


@pytest.mark.parametrize("name", ["decision_detail", "decision_docx", "decision_pdf"])
def test_the_awarded_commune_reads_the_issued_decision_another_does_not(client, issued, data, name):
    url = reverse(name, args=[issued.pk])
    client.force_login(data["focal_a"])
    assert client.get(url).status_code == 200
    client.force_login(data["focal_b"])
    assert client.get(url).status_code == 404
    client.force_login(data["outsider"])
    assert client.get(url).status_code == 404


def test_the_issued_pdf_is_served_exactly_as_stored(client, issued, data):
    client.force_login(data["council"])

    response = client.get(reverse("decision_pdf", args=[issued.pk]))

    from thidua.documents.signing import sha256

    assert sha256(body(response)) == issued.pdf_sha256


def test_an_issued_decision_page_refuses_changes(client, issued, data):
    client.force_login(data["standing"])
    before = snapshot()

    response = client.post(
        reverse("decision_detail", args=[issued.pk]),
        {"number": "99/QĐ-UBND", "signed_on": "15/01/2026"},
    )

    assert response.status_code == 403
    assert snapshot() == before
    page = client.get(reverse("decision_detail", args=[issued.pk])).content.decode()
    assert 'data-testid="download-pdf"' in page
    assert 'data-testid="issue"' not in page


def test_the_pdf_of_a_draft_does_not_exist(client, data):
    decision = ready_draft(data)
    client.force_login(data["standing"])

    assert client.get(reverse("decision_pdf", args=[decision.pk])).status_code == 404


def test_pages_need_a_login(client, data):
    decision = ready_draft(data)

    response = client.get(reverse("decision_detail", args=[decision.pk]))

    assert response.status_code == 302
    assert "/dang-nhap" in response["Location"] or "login" in response["Location"]


# --- Public verification -----------------------------------------------------------------------


def _upload(client, content: bytes):
    return client.post(
        reverse("verify_document"),
        {"document": SimpleUploadedFile("qd.pdf", content, content_type="application/pdf")},
    )


def test_the_verification_page_is_public(client, db):
    assert client.get(reverse("verify_document")).status_code == 200


def test_the_issued_pdf_verifies_and_names_its_decision(client, issued):
    response = _upload(client, issued.pdf.read())

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="signature-valid"' in page
    assert 'data-testid="matched-decision"' in page
    assert "12/QĐ-UBND" in page
    assert "15/01/2026" in page
    assert 'data-testid="signer">UBND huyện Thăng Bình<' in page


def test_an_altered_pdf_is_invalid(client, issued):
    pdf = bytearray(issued.pdf.read())
    pdf[600] ^= 0x01

    page = _upload(client, bytes(pdf)).content.decode()

    assert "Chữ ký số không hợp lệ" in page
    assert "đã bị thay đổi sau khi ký" in page
    assert 'data-testid="matched-decision"' not in page


def test_garbage_is_invalid_not_an_error(client, db):
    response = _upload(client, b"not a pdf at all")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Chữ ký số không hợp lệ" in page
    assert "không phải là tài liệu PDF" in page


def test_a_file_over_the_limit_is_refused(client, db, settings):
    settings.THIDUA_EVIDENCE_MAX_MB = 1

    response = _upload(client, b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))

    assert response.status_code == 400
    assert "lớn hơn 1 MB" in response.content.decode()
