from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ chấp thuận")
    ACCEPTED = "accepted", _("Đã đăng ký")
    REFUSED = "refused", _("Không chấp thuận")
    WITHDRAWN = "withdrawn", _("Đã rút đăng ký")

    # A registration that still stands (the unit competes, or waits for the office to decide).
    ACTIVE = nonmember(("submitted", "accepted"))
