"""The decision's services: draft from the confirmed seats, update while a draft, issue (bonus
from the law in force, .docx and signed PDF stored, certificates, outcomes); refusals change
nothing."""

import datetime as dt
import io
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.awards.decision_helpers import (
    SIGNED_ON,
    make_round_with_awards,
    ready_draft,
    use_signing,
)
from tests.awards.disclosure_helpers import snapshot
from thidua.awards.decision_documents import decision_rows
from thidua.awards.enums import DecisionState, NominationState
from thidua.awards.models import Award, Certificate, Decision, SigningIdentity, TrustedRoot
from thidua.awards.services import decisions as services
from thidua.awards.services.signing import create_demo_identities, trusted_root_pems
from thidua.core.models import AuditEvent
from thidua.documents import signing


@pytest.fixture
def data(trio, settings, tmp_path):
    use_signing(settings, tmp_path)
    return make_round_with_awards(trio)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def issued(data):
    decision = ready_draft(data)
    return services.issue_decision(actor=data["standing"], decision=decision)


def test_draft_takes_the_rounds_free_awards_and_prefills(data):
    decision = services.draft_decision(actor=data["standing"], round=data["round"])

    assert decision.state == DecisionState.DRAFT
    assert decision.issuer == data["district"]
    assert sorted(a.pk for a in decision.awards.all()) == sorted(a.pk for a in data["awards"])
    assert decision.place == "Thăng Bình"
    assert decision.signer_name == "Trần Văn Hùng"
    assert decision.summary.startswith("Về việc khen thưởng các tập thể, cá nhân")
    assert decision.summary.endswith("năm 2025")


def test_a_second_draft_without_free_awards_is_refused(data):
    services.draft_decision(actor=data["standing"], round=data["round"])
    before = snapshot()

    with pytest.raises(ValidationError, match="chưa có khen thưởng nào"):
        services.draft_decision(actor=data["standing"], round=data["round"])

    assert snapshot() == before


@pytest.mark.parametrize("who", ["focal_a", "focal_b", "council", "outsider"])
def test_only_the_office_drafts(data, who):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.draft_decision(actor=data[who], round=data["round"])

    assert snapshot() == before


@pytest.mark.parametrize("number", ["12", "QĐ-UBND", "12/QD-UBND", "12/QĐ-", "abc/QĐ-UBND"])
def test_a_number_not_in_the_official_form_is_refused(data, number):
    decision = services.draft_decision(actor=data["standing"], round=data["round"])

    with pytest.raises(ValidationError, match="12/QĐ-UBND"):
        services.update_decision(
            actor=data["standing"],
            decision=decision,
            number=number,
            signed_on=SIGNED_ON,
            signer_name="A",
            signer_title="Chủ tịch",
        )

    decision.refresh_from_db()
    assert decision.number == ""


def test_a_number_already_used_by_the_issuer_is_refused(data):
    first = issued(data)
    data2 = make_round_with_awards_second_round(data)
    draft = services.draft_decision(actor=data["standing"], round=data2)

    with pytest.raises(ValidationError, match="đã được dùng"):
        services.update_decision(
            actor=data["standing"],
            decision=draft,
            number=first.number,
            signed_on=SIGNED_ON,
            signer_name="A",
            signer_title="Chủ tịch",
        )


def make_round_with_awards_second_round(data):
    from tests.awards.decision_helpers import make_award
    from thidua.campaigns.models import Round

    round_ = Round.objects.create(campaign=data["campaign"], code="2026", kind="annual", position=5)
    make_award(round_, data["individual"], unit=data["b"], person=data["person_b"])
    return round_


def test_bonus_is_the_coefficient_times_the_base_salary_in_force(data):
    decision = issued(data)

    person_award = Award.objects.get(pk=data["awards"][0].pk)
    assert person_award.form_code == "giay_khen_xa"
    assert person_award.coefficient == Decimal("0.15")
    assert person_award.amount == 351_000  # 0.15 × 2.340.000
    assert decision.base_salary == 2_340_000


def test_the_plans_own_amount_wins_over_the_table(data):
    issued(data)

    collective = Award.objects.get(pk=data["awards"][-1].pk)
    assert (collective.amount, collective.form_code, collective.coefficient) == (
        3_000_000,
        "",
        None,
    )


def test_the_base_salary_is_the_one_in_force_on_the_signing_date(data):
    decision = ready_draft(data, signed_on=dt.date(2024, 3, 1))

    rows = decision_rows(decision)

    assert rows[0].base_salary == 1_800_000
    assert rows[0].amount == 270_000


def test_issue_stores_the_docx_and_a_signed_pdf_that_verifies(data):
    decision = issued(data)

    decision.refresh_from_db()
    pdf = decision.pdf.read()
    assert decision.state == DecisionState.ISSUED
    assert decision.pdf_sha256 == signing.sha256(pdf)
    result = signing.verify_pdf(pdf, trusted_root_pems())
    assert result.valid
    assert result.signer == "UBND huyện Thăng Bình"
    text = docx_text(decision.docx.read())
    assert "Số: 12/QĐ-UBND" in text
    assert "Tổng số tiền thưởng: 3.351.000 đồng" in text
    assert "Ba triệu ba trăm năm mươi mốt nghìn đồng" in text


def test_a_decision_pdf_altered_by_one_byte_fails_the_signature_check(data):
    decision = issued(data)
    pdf = bytearray(decision.pdf.read())
    pdf[500] ^= 0x20

    result = signing.verify_pdf(bytes(pdf), trusted_root_pems())

    assert not result.valid
    assert not result.intact


def test_issue_creates_one_certificate_per_award_with_an_unguessable_code(data):
    issued(data)

    codes = list(Certificate.objects.values_list("code", flat=True))
    assert len(codes) == len(data["awards"])
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == 16
        assert set(code) <= set(services.CODE_ALPHABET)


def test_issue_gives_the_nominations_their_outcome(data):
    issued(data)

    for award in data["awards"]:
        award.nomination.refresh_from_db()
        assert award.nomination.state == NominationState.AWARDED
    data["not_awarded"].refresh_from_db()
    assert data["not_awarded"].state == NominationState.NOT_AWARDED


def test_issue_is_audited(data):
    decision = issued(data)

    event = AuditEvent.objects.get(action="decision.issue")
    assert event.object_id == str(decision.pk)
    assert event.after["total"] == 3_351_000
    assert event.after["state"] == DecisionState.ISSUED


def test_the_leader_of_the_issuer_may_issue(data):
    decision = ready_draft(data)

    services.issue_decision(actor=data["leader"], decision=decision)

    assert Decision.objects.get(pk=decision.pk).state == DecisionState.ISSUED


@pytest.mark.parametrize("who", ["focal_a", "focal_b", "council", "outsider"])
def test_others_may_not_issue_and_nothing_changes(data, who):
    decision = ready_draft(data)
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.issue_decision(actor=data[who], decision=decision)

    assert snapshot() == before


def test_an_issued_decision_refuses_every_change(data):
    decision = issued(data)
    stored = (decision.docx.name, decision.pdf.name, decision.pdf_sha256)
    before = snapshot()

    with pytest.raises(ValidationError, match="đã ban hành"):
        services.update_decision(
            actor=data["standing"],
            decision=decision,
            number="13/QĐ-UBND",
            signed_on=SIGNED_ON,
            signer_name="B",
            signer_title="Phó Chủ tịch",
        )
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.issue_decision(actor=data["standing"], decision=decision)

    decision.refresh_from_db()
    assert snapshot() == before
    assert (decision.docx.name, decision.pdf.name, decision.pdf_sha256) == stored
    assert decision.number == "12/QĐ-UBND"


def test_issue_without_an_identity_is_refused_and_nothing_changes(data):
    decision = ready_draft(data)
    SigningIdentity.objects.update(is_active=False)
    before = snapshot()

    with pytest.raises(ValidationError, match="chưa có chứng thư số còn hiệu lực"):
        services.issue_decision(actor=data["standing"], decision=decision)

    assert snapshot() == before
    decision.refresh_from_db()
    assert (decision.state, decision.pdf.name, decision.docx.name) == (DecisionState.DRAFT, "", "")


def test_issue_without_a_passphrase_is_refused_and_nothing_changes(data, settings):
    decision = ready_draft(data)
    settings.THIDUA_SIGNING_PASSPHRASE = ""
    before = snapshot()

    with pytest.raises(ValidationError, match="THIDUA_SIGNING_PASSPHRASE"):
        services.issue_decision(actor=data["standing"], decision=decision)

    assert snapshot() == before


def test_issue_with_a_wrong_passphrase_is_refused(data, settings):
    decision = ready_draft(data)
    settings.THIDUA_SIGNING_PASSPHRASE = "sai"

    with pytest.raises(ValidationError, match="Không mở được khóa ký số"):
        services.issue_decision(actor=data["standing"], decision=decision)

    assert Decision.objects.get(pk=decision.pk).state == DecisionState.DRAFT


def test_issue_without_number_date_or_signer_is_refused(data):
    create_demo_identities([data["district"]])
    decision = services.draft_decision(actor=data["standing"], round=data["round"])
    before = snapshot()

    with pytest.raises(ValidationError, match="số, ký hiệu, ngày ký"):
        services.issue_decision(actor=data["standing"], decision=decision)

    assert snapshot() == before


def test_demo_identities_are_made_once(data):
    first = create_demo_identities([data["district"], data["a"]])
    second = create_demo_identities([data["district"], data["a"]])

    assert len(first) == 2
    assert second == []
    assert TrustedRoot.objects.filter(is_demo=True).count() == 1
    identity = SigningIdentity.objects.get(unit=data["district"])
    assert "ENCRYPTED" in identity.private_key


def test_the_list_names_a_persons_unit_once(data):
    person = data["person_a"]
    unit = person.unit.name
    draft = ready_draft(data)
    row = next(r for r in decision_rows(draft) if r.award.nomination.person_id == person.pk)
    assert row.position == ", ".join(p for p in (person.job_title, unit) if p)
    person.job_title = f"Chủ tịch {unit}"
    person.save()
    row = next(r for r in decision_rows(draft) if r.award.nomination.person_id == person.pk)
    assert row.position == f"Chủ tịch {unit}"
