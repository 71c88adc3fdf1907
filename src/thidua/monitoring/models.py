"""Registration for a round (đăng ký thi đua): a unit's commitments per target and the
individuals it puts forward, before the round's registration deadline. Target reports: the
values a unit reached for a period, with evidence files (tài liệu kiểm chứng)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models import Round, Target
from thidua.monitoring.enums import RegistrationState, ReportState
from thidua.organizations.models import Person, Unit


class Registration(models.Model):
    """A unit registered for a round. A unit the plan does not list (neither a participant nor
    a member of one of its blocks) asks to join as a volunteer, and the office decides."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="registrations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=RegistrationState.choices,
        default=RegistrationState.SUBMITTED,
    )
    volunteer = models.BooleanField(_("tự nguyện đăng ký"), default=False)
    note = models.TextField(_("ghi chú"), blank=True, default="")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("ngày đăng ký"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của cơ quan thường trực"), blank=True, default="")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}@{self.round_id}"

    @property
    def is_active(self) -> bool:
        return self.state in RegistrationState.ACTIVE


class RegistrationCommitment(models.Model):
    """The value a unit commits to for one target of the plan (a number or yes/no)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="commitments"
    )
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="commitments")
    value = models.JSONField(_("giá trị cam kết"))
    note = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "target"], name="registrationcommitment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_id}={self.value}"


class RegistrationPerson(models.Model):
    """An individual of the unit registered with it."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="registrations")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "person"], name="registrationperson_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.registration_id}"


class TargetReport(models.Model):
    """What a unit reached for a period of a round (a quarter, or the round itself)."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="target_reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="target_reports"
    )
    period = models.CharField(_("kỳ báo cáo"), max_length=40)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("ngày xem xét"), null=True, blank=True)
    comment = models.TextField(_("ý kiến của cơ quan thường trực"), blank=True, default="")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo chỉ tiêu")
        verbose_name_plural = _("báo cáo chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "period"], name="targetreport_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}@{self.round_id}:{self.period}"

    @property
    def is_editable(self) -> bool:
        return self.state in ReportState.EDITABLE


class TargetValue(models.Model):
    """The value a unit reports for one target (a number or yes/no)."""

    report = models.ForeignKey(TargetReport, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reported_values")
    value = models.JSONField(_("giá trị đạt được"))
    note = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="targetvalue_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target_id}={self.value}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    """A generated name: the user's name never reaches the storage."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.uploaded_at:%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Evidence(models.Model):
    """An evidence file, checked by content, size and name before it is kept."""

    report = models.ForeignKey(TargetReport, on_delete=models.CASCADE, related_name="evidence")
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=150)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("ngày tải lên"))

    class Meta:
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")

    def __str__(self) -> str:
        return self.original_name
