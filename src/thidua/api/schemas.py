"""What the API reads and writes, as its OpenAPI schema names it."""

import datetime as dt
import unicodedata
from typing import Any

from ninja import Schema
from pydantic import Field, StrictBool, StrictFloat, StrictInt, field_validator

# Database keys: anything else is a 422, never an overflow in the database driver.
MAX_ID = 2_147_483_647


class Error(Schema):
    detail: str = Field(description="Lỗi, bằng tiếng Việt.")
    errors: list[str] = Field(default_factory=list, description="Từng lỗi, khi có nhiều lỗi.")


class FieldError(Schema):
    loc: list[str | int] = Field(description="Đường dẫn của trường lỗi, ví dụ ['body', 'period'].")
    msg: str
    type: str


class ValidationErrors(Schema):
    detail: str
    errors: list[FieldError]


ERRORS = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    level: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class PersonOut(Schema):
    id: int
    code: str
    full_name: str
    unit_id: int
    position: str
    job_title: str
    female: bool
    direct_reform_work: bool
    active: bool


class RoundOut(Schema):
    id: int
    code: str
    kind: str
    start: dt.date | None
    end: dt.date | None
    registration_deadline: dt.date | None
    nomination_deadline: dt.date | None


class CampaignOut(Schema):
    id: int
    owner_id: int
    owner_code: str = Field(alias="owner.code")
    number: str | None
    issued_on: dt.date | None
    title: str
    kind: str
    state: str
    period_start: dt.date | None
    period_end: dt.date | None
    version: int
    implements_id: int | None
    rounds: list[RoundOut]

    @staticmethod
    def resolve_rounds(campaign) -> list:
        return list(campaign.rounds.all())


class RegistrationOut(Schema):
    id: int
    round_id: int
    unit_id: int
    unit_code: str = Field(alias="unit.code")
    state: str
    volunteer: bool
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None


class UnitResultOut(Schema):
    round_id: int
    unit_id: int
    unit_code: str = Field(alias="unit.code")
    registered: bool
    metrics: dict[str, Any]


class PersonResultOut(Schema):
    round_id: int
    person_id: int
    person_code: str = Field(alias="person.code")
    registered: bool
    metrics: dict[str, Any]


class LineOut(Schema):
    id: int
    line_id: str
    form: str
    subject: str
    round_kind: str


class NominationOut(Schema):
    id: int
    round_id: int
    line: LineOut
    subject: str
    proposer_id: int
    unit_id: int
    person_id: int | None
    candidate: str
    state: str
    submitted_at: dt.datetime | None

    @staticmethod
    def resolve_candidate(nomination) -> str:
        return nomination.person.full_name if nomination.person_id else nomination.unit.name


class AwardOut(Schema):
    id: int
    round_id: int
    decision_id: int
    decision_number: str = Field(alias="decision.number")
    line_id: str = Field(alias="line.line_id")
    form: str = Field(alias="line.form")
    tier: str
    rank: int | None
    subject: str = Field(alias="nomination.subject")
    unit_id: int = Field(alias="nomination.unit_id")
    person_id: int | None = Field(alias="nomination.person_id")
    candidate: str
    amount: int | None

    @staticmethod
    def resolve_candidate(award) -> str:
        nomination = award.nomination
        return nomination.person.full_name if nomination.person_id else nomination.unit.name


class DecisionOut(Schema):
    id: int
    round_id: int
    campaign_id: int = Field(alias="round.campaign_id")
    issuer_id: int
    state: str
    number: str
    signed_on: dt.date | None
    summary: str
    signer_name: str
    signer_title: str
    issued_at: dt.datetime | None


class DecisionDetailOut(DecisionOut):
    awards: list[AwardOut] = Field(alias="award_list")


class EvidenceOut(Schema):
    id: int
    target: str | None = Field(alias="target.code", default=None)
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime


class ReportValueOut(Schema):
    target: str
    value: Any
    note: str


class ReportOut(Schema):
    id: int
    round_id: int
    unit_id: int
    period: str
    state: str
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    comment: str
    values: list[ReportValueOut]
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_values(report) -> list[dict]:
        return [
            {"target": value.target.code, "value": value.value, "note": value.note}
            for value in report.values.all()
        ]

    @staticmethod
    def resolve_evidence(report) -> list:
        return list(report.evidence.all())


def _plain(text: str) -> str:
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValueError("Không được chứa ký tự điều khiển.")
    return text


Value = StrictBool | StrictInt | StrictFloat


class ReportIn(Schema):
    unit_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Đơn vị báo cáo; mặc định là đơn vị của tài khoản."
    )
    period: str = Field(
        min_length=1, max_length=40, description="Kỳ báo cáo, ví dụ 'Quý I/2025' hoặc mã đợt."
    )
    values: dict[str, Value] = Field(description="Giá trị đạt được theo mã chỉ tiêu.")
    notes: dict[str, str] = Field(default_factory=dict, description="Ghi chú theo mã chỉ tiêu.")
    submit: bool = Field(False, description="Gửi báo cáo đến cơ quan thường trực ngay khi lưu.")

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        return _plain(value)

    @field_validator("values", "notes")
    @classmethod
    def _keys(cls, value: dict) -> dict:
        for key in value:
            _plain(key)
        for text in value.values():
            if isinstance(text, str):
                _plain(text)
        return value
