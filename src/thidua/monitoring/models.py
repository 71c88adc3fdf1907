"""Registration for a round (đăng ký thi đua): a unit's commitments per target and the
individuals it puts forward, before the round's registration deadline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models import Round, Target
from thidua.monitoring.enums import RegistrationState
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
