"""Nominations (đề nghị khen thưởng) of a round's candidates with their dossier files, the
office's appraisal of each, the public disclosure of the proposed list and the objections it
receives; the council session that votes on them, the seats it confirms (awards), the decision
that gives them with its signed PDF, and the certificates with their public verification code."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.enums import (
    DecisionState,
    MemberRole,
    NominationState,
    ObjectionState,
    ReviewOutcome,
    SessionState,
)
from thidua.campaigns.enums import Subject
from thidua.campaigns.models import AwardLine, Round
from thidua.organizations.models import Person, Unit


class Nomination(models.Model):
    """A candidate proposed for one line of a round by a unit (its own collective or one of
    its people). A candidate the engine finds ineligible needs a justification, which the
    office reads."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="nominations"
    )
    line = models.ForeignKey(
        AwardLine,
        verbose_name=_("dòng khen thưởng"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    proposer = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="nominations_made",
    )
    subject = models.CharField(_("đối tượng"), max_length=20, choices=Subject.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("tập thể"), on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=NominationState.choices,
        default=NominationState.DRAFT,
    )
    achievements = models.TextField(_("tóm tắt thành tích"), blank=True, default="")
    justification = models.TextField(_("giải trình"), blank=True, default="")
    # What the engine said when the nomination was sent: [] when eligible.
    reasons = models.JSONField(_("lý do chưa đủ điều kiện"), default=list, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "round", "person"],
                condition=Q(person__isnull=False),
                name="nomination_unique_person",
            ),
            models.UniqueConstraint(
                fields=["line", "round", "unit"],
                condition=Q(person__isnull=True),
                name="nomination_unique_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id or self.unit_id}@{self.line_id}"

    @property
    def is_editable(self) -> bool:
        return self.state in NominationState.EDITABLE


def dossier_path(instance: "DossierFile", filename: str) -> str:
    """A generated name: the user's name never reaches the storage."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"dossiers/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}.{extension}"


class DossierFile(models.Model):
    """One component of a nomination's dossier (Tờ trình, Báo cáo thành tích, Biên bản họp,
    Danh sách trích ngang...), checked like evidence; replaced files are kept (`replaced`)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    component = models.CharField(_("thành phần hồ sơ"), max_length=300)
    file = models.FileField(_("tệp"), upload_to=dossier_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=150)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("ngày tải lên"))
    replaced = models.BooleanField(_("đã thay bằng tệp khác"), default=False)

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["component", "-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class NominationReview(models.Model):
    """One step of the office's appraisal: received, returned for supplement with reasons,
    or found (not) eligible, with the checklist as it was ticked."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.CharField(_("kết quả"), max_length=20, choices=ReviewOutcome.choices)
    checklist = models.JSONField(_("danh mục kiểm tra"), default=list, blank=True)
    reasons = models.TextField(_("lý do, yêu cầu bổ sung"), blank=True, default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ngày thẩm định"))

    class Meta:
        verbose_name = _("thẩm định hồ sơ")
        verbose_name_plural = _("thẩm định hồ sơ")
        ordering = ["reviewed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.outcome}"


class Disclosure(models.Model):
    """The public disclosure (công khai) of a round's proposed list before the council."""

    round = models.OneToOneField(
        Round, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="disclosure"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    note = models.TextField(_("ghi chú"), blank=True, default="")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("ngày công khai"))

    class Meta:
        verbose_name = _("công khai danh sách")
        verbose_name_plural = _("công khai danh sách")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="disclosure_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.starts_on}–{self.ends_on}"


class Objection(models.Model):
    """An objection (ý kiến phản ánh) received during the disclosure, and how it was
    resolved; the council sees them all."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="objections"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("đề nghị bị phản ánh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="objections",
    )
    sender = models.CharField(_("người, tổ chức phản ánh"), max_length=200)
    contact = models.CharField(_("địa chỉ liên hệ"), max_length=200, blank=True, default="")
    text = models.TextField(_("nội dung phản ánh"))
    received_on = models.DateField(_("ngày nhận"))
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ObjectionState.choices,
        default=ObjectionState.RECEIVED,
    )
    resolution = models.TextField(_("kết quả xử lý"), blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến phản ánh")
        verbose_name_plural = _("ý kiến phản ánh")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.sender} {self.received_on}"


# --- Council (Hội đồng Thi đua - Khen thưởng) ------------------------------------------------


class CouncilSession(models.Model):
    """One meeting of the issuing unit's emulation council on a round's nominations.

    Members vote agree/disagree per candidate; a secret ballot keeps only the tallies. The
    passing rule is the legal value `council_passing_rule` in force on `held_on`."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="council_sessions"
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True, default="")
    secret_ballot = models.BooleanField(_("bỏ phiếu kín"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=SessionState.choices, default=SessionState.PREPARING
    )
    conclusion = models.TextField(_("kết luận của Hội đồng"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"))
    opened_at = models.DateTimeField(_("bắt đầu biểu quyết"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.round_id} {self.held_on:%d/%m/%Y}"


class CouncilMember(models.Model):
    """A member of the council at one session, with the unit and the person they are (a member
    never votes on their own unit's or their own candidacy) and whether they attended."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True, default="")
    role = models.CharField(
        _("vai trò trong Hội đồng"), max_length=20, choices=MemberRole.choices, default="member"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị công tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("hồ sơ cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    present = models.BooleanField(_("có mặt"), default=True)
    absence_reason = models.CharField(_("lý do vắng"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="councilmember_unique_user",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class CouncilVote(models.Model):
    """A member's cast vote on one candidate: it cannot be changed. On a secret ballot `agree`
    stays empty (the receipt only says the member voted) and the choice goes to the tally."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="council_votes"
    )
    agree = models.BooleanField(_("đồng ý"), null=True, blank=True)
    cast_at = models.DateTimeField(_("thời điểm biểu quyết"))

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["member", "nomination"], name="councilvote_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}→{self.nomination_id}"


class CouncilTally(models.Model):
    """The count of agree and disagree votes on one candidate at one session."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="tallies")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="council_tallies"
    )
    agree = models.PositiveIntegerField(_("đồng ý"), default=0)
    disagree = models.PositiveIntegerField(_("không đồng ý"), default=0)

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="counciltally_unique")
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.agree}/{self.disagree}"


# --- Decision (Quyết định khen thưởng), awards and certificates -------------------------------


class Decision(models.Model):
    """The decision that gives a round's confirmed awards. Immutable once issued: its
    number, date, signer, list and amounts are then fixed, and its PDF is signed (PAdES)."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="decisions"
    )
    issuer = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=DecisionState.choices, default=DecisionState.DRAFT
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True, default="")
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True, default="")
    summary = models.CharField(_("trích yếu"), max_length=500, blank=True, default="")
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True, default="")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True, default="")
    signer_capacity = models.CharField(
        _("thẩm quyền ký (TM., KT.)"), max_length=120, blank=True, default=""
    )
    # The base salary the amounts were computed with, fixed at issue.
    base_salary = models.BigIntegerField(_("mức lương cơ sở"), null=True, blank=True)
    docx = models.FileField(_("tệp .docx"), upload_to="decisions/%Y/", blank=True, max_length=200)
    pdf = models.FileField(
        _("tệp PDF đã ký"), upload_to="decisions/%Y/", blank=True, max_length=200
    )
    pdf_sha256 = models.CharField(max_length=64, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("ngày ban hành"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"],
                condition=~Q(number=""),
                name="decision_unique_number",
            )
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    @property
    def is_issued(self) -> bool:
        return self.state == DecisionState.ISSUED


class Award(models.Model):
    """A seat the council confirmed: the candidate of a nomination takes a line (and a tier)
    of the round. Confirming checks the quota under a lock on the line; the decision that
    gives the award fixes its bonus (coefficient × base salary, or the plan's own amount)."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="awards"
    )
    line = models.ForeignKey(
        AwardLine, verbose_name=_("dòng khen thưởng"), on_delete=models.PROTECT, related_name="+"
    )
    nomination = models.OneToOneField(
        Nomination, verbose_name=_("đề nghị"), on_delete=models.PROTECT, related_name="award"
    )
    session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("phiên họp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    tier = models.CharField(_("giải"), max_length=100, blank=True, default="")
    rank = models.PositiveIntegerField(_("thứ hạng"), null=True, blank=True)
    # Why the council chose this candidate among equals (a tie it resolved), or empty.
    tie_note = models.TextField(
        _("Hội đồng giải quyết trường hợp bằng nhau"), blank=True, default=""
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("ngày xác nhận"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    form_code = models.CharField(_("mã hình thức"), max_length=60, blank=True, default="")
    coefficient = models.DecimalField(
        _("hệ số"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    amount = models.BigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["round", "line", "rank", "pk"]

    def __str__(self) -> str:
        return f"{self.line_id}: {self.nomination_id}"


class Certificate(models.Model):
    """The certificate (Giấy khen, Bằng khen) of one issued award, found by its public
    verification code (in the QR on the paper)."""

    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("mã xác minh"), max_length=32, unique=True)
    issued_at = models.DateTimeField(_("ngày cấp"))

    class Meta:
        verbose_name = _("giấy chứng nhận khen thưởng")
        verbose_name_plural = _("giấy chứng nhận khen thưởng")

    def __str__(self) -> str:
        return self.code


# --- Signing (PAdES) ----------------------------------------------------------------------------


class SigningIdentity(models.Model):
    """A unit's signing certificate and its key (PEM, encrypted with the setting
    THIDUA_SIGNING_PASSPHRASE); `chain` holds the issuing CA certificates."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="signing_identities"
    )
    subject = models.CharField(_("chủ thể"), max_length=300)
    certificate = models.TextField(_("chứng thư số (PEM)"))
    chain = models.TextField(_("chuỗi chứng thư (PEM)"), blank=True, default="")
    private_key = models.TextField(_("khóa bí mật (PEM, đã mã hóa)"))
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"))
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("ngày tạo"))

    class Meta:
        verbose_name = _("chứng thư ký số")
        verbose_name_plural = _("chứng thư ký số")
        ordering = ["unit", "-not_after"]

    def __str__(self) -> str:
        return self.subject


class TrustedRoot(models.Model):
    """A root certificate authority whose signatures the verification page accepts."""

    name = models.CharField(_("tên"), max_length=200)
    certificate = models.TextField(_("chứng thư gốc (PEM)"))
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)
    is_demo = models.BooleanField(_("chỉ dùng thử nghiệm"), default=False)
    added_at = models.DateTimeField(_("ngày thêm"))

    class Meta:
        verbose_name = _("tổ chức chứng thực tin cậy")
        verbose_name_plural = _("tổ chức chứng thực tin cậy")

    def __str__(self) -> str:
        return self.name
