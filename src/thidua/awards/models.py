"""Nominations (đề nghị khen thưởng) of a round's candidates with their dossier files, the
office's appraisal of each, the public disclosure of the proposed list and the objections it
receives."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.enums import NominationState, ObjectionState, ReviewOutcome
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
