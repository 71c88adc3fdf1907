"""Registration for a round (đăng ký thi đua): a unit's commitments per target and the
individuals it puts forward, before the round's registration deadline. Target reports: the
values a unit reached for a period, with evidence files (tài liệu kiểm chứng). The PAR Index
(chỉ số cải cách hành chính): a criteria tree per year and level, a unit's self-assessment and
the office's appraisal. Conduct (violations, complaints) and initiatives (sáng kiến)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models import Round, Target
from thidua.monitoring.enums import (
    ConductKind,
    InitiativeLevel,
    ParState,
    RegistrationState,
    ReportState,
)
from thidua.organizations.enums import Level
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


class ReportPeriod(models.Model):
    """A period the office asks target reports for (a quarter, the half year, the round), with
    the day the reports are due: what the dashboard calls overdue and the reminders announce."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="report_periods"
    )
    name = models.CharField(_("kỳ báo cáo"), max_length=40)
    due = models.DateField(_("hạn báo cáo"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["due", "name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="reportperiod_unique")
        ]

    def __str__(self) -> str:
        return self.name


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
    """An evidence file, checked by content, size and name before it is kept: for a target
    report (one target or the whole report) or for one criterion of a PAR self-assessment."""

    report = models.ForeignKey(
        TargetReport, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    par_score = models.ForeignKey(
        "ParScore", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, par_score__isnull=True)
                | models.Q(report__isnull=True, par_score__isnull=False),
                name="evidence_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class ParFramework(models.Model):
    """The PAR Index criteria of a year for one level (bộ tiêu chí xác định chỉ số CCHC).
    `owner` is the unit whose office set it, for the units under it; none is the default that
    applies where no office set its own."""

    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="par_frameworks",
    )
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    created_at = models.DateTimeField(_("ngày tạo"))

    class Meta:
        verbose_name = _("bộ tiêu chí chỉ số CCHC")
        verbose_name_plural = _("bộ tiêu chí chỉ số CCHC")
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level", "owner"], name="parframework_unique_owner"
            ),
            models.UniqueConstraint(
                fields=["year", "level"],
                condition=models.Q(owner__isnull=True),
                name="parframework_unique_default",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ParCriterion(models.Model):
    """An area (lĩnh vực), criterion (tiêu chí) or sub-criterion (tiêu chí thành phần) with
    its maximum points; units score the leaves, the rest add up."""

    framework = models.ForeignKey(ParFramework, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("nội dung"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    position = models.PositiveIntegerField(default=0)
    evidence_required = models.BooleanField(_("cần tài liệu kiểm chứng"), default=False)

    class Meta:
        verbose_name = _("tiêu chí chỉ số CCHC")
        verbose_name_plural = _("tiêu chí chỉ số CCHC")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="parcriterion_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class ParAssessment(models.Model):
    """A unit's PAR Index of a year: its self-assessment, then the office's appraisal; the
    totals and the rating band are kept when the appraisal is done."""

    framework = models.ForeignKey(
        ParFramework, on_delete=models.PROTECT, related_name="assessments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="par_assessments"
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ParState.choices, default=ParState.DRAFT
    )
    self_total = models.DecimalField(
        _("điểm tự đánh giá"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    appraised_total = models.DecimalField(
        _("điểm thẩm định"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    rating = models.CharField(_("xếp loại"), max_length=40, blank=True, default="")
    comment = models.TextField(_("ý kiến của cơ quan thẩm định"), blank=True, default="")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraised_at = models.DateTimeField(_("ngày thẩm định"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả chỉ số CCHC")
        verbose_name_plural = _("kết quả chỉ số CCHC")
        constraints = [
            models.UniqueConstraint(fields=["framework", "unit"], name="parassessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}@{self.framework_id}"

    @property
    def is_editable(self) -> bool:
        return self.state in ParState.EDITABLE


class ParScore(models.Model):
    """One leaf criterion of an assessment: the unit's own score and note, then the office's
    score and comment."""

    assessment = models.ForeignKey(ParAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ParCriterion, on_delete=models.CASCADE, related_name="scores")
    self_score = models.DecimalField(
        _("điểm tự đánh giá"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    self_note = models.TextField(_("giải trình"), blank=True, default="")
    appraised_score = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    appraisal_comment = models.TextField(_("ý kiến thẩm định"), blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="parscore_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.self_score}/{self.appraised_score}"


class Violation(models.Model):
    """A discipline violation or a founded citizen complaint, against a unit or one of its
    people; `counted` is false when the office finds it unfounded (kept, not counted)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="violations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=ConductKind.choices)
    occurred_on = models.DateField(_("ngày xảy ra"))
    description = models.TextField(_("nội dung"))
    decision_ref = models.CharField(_("số quyết định, văn bản"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    counted = models.BooleanField(_("tính vào kết quả thi đua"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ngày ghi nhận"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vi phạm, khiếu nại")
        verbose_name_plural = _("vi phạm, khiếu nại")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"


class Initiative(models.Model):
    """An initiative (sáng kiến) of a unit, with its authors and the level that recognised
    it."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    authors = models.ManyToManyField(
        Person, verbose_name=_("tác giả"), blank=True, related_name="initiatives"
    )
    level = models.CharField(_("phạm vi công nhận"), max_length=20, choices=InitiativeLevel.choices)
    recognized_on = models.DateField(_("ngày công nhận"))
    decision_ref = models.CharField(_("số quyết định công nhận"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ngày ghi nhận"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-recognized_on", "-pk"]

    def __str__(self) -> str:
        return self.title
