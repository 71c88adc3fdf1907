from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from thidua.core.enums import JobStatus


class LegalBasis(models.Model):
    """A legal document that a configured value comes from (Luật, Nghị định, Quyết định...)."""

    code = models.CharField(_("số hiệu"), max_length=80, unique=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective_from = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = pgettext_lazy("plural", "căn cứ pháp lý")
        ordering = ["-effective_from", "code"]

    def __str__(self) -> str:
        return self.code


class LegalValue(models.Model):
    """One value of the law or of a province, in force for a period.

    `key` names what it is (see `thidua.core.legal.KEYS`); `scope` is empty for a national
    value or a unit code for a province's own value, which wins inside that scope.
    """

    key = models.CharField(_("khóa"), max_length=80, db_index=True)
    scope = models.CharField(_("phạm vi (mã đơn vị)"), max_length=40, blank=True, default="")
    value = models.JSONField(_("giá trị"))
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    basis = models.ForeignKey(
        LegalBasis, verbose_name=_("căn cứ"), on_delete=models.PROTECT, related_name="values"
    )
    note = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        verbose_name = _("quy định có thời hạn")
        verbose_name_plural = pgettext_lazy("plural", "quy định có thời hạn")
        ordering = ["key", "scope", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="legalvalue_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["key", "scope", "valid_from"], name="legalvalue_unique_start"
            ),
        ]

    def __str__(self) -> str:
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else gettext("nay")
        return f"{self.key} ({self.valid_from:%d/%m/%Y} – {end})"


class AuditEvent(models.Model):
    """Who changed what, when, from which value to which (written by services only)."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=80)
    object_type = models.CharField(_("loại đối tượng"), max_length=80)
    object_id = models.CharField(_("mã đối tượng"), max_length=40)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True, default="")
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class Job(models.Model):
    """A piece of long work (import, bulk export) run in the background with its progress."""

    kind = models.CharField(_("loại"), max_length=60)
    status = models.CharField(
        "trạng thái", max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    input_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    # Set when a worker claims the job and at every step of progress: a running job whose
    # heartbeat is older than THIDUA_JOB_STALE_SECONDS lost its worker and is run again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tác vụ nền")
        verbose_name_plural = pgettext_lazy("plural", "tác vụ nền")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in JobStatus.FINISHED
