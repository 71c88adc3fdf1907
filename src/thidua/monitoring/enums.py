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


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")

    # The unit may still change its values and evidence.
    EDITABLE = nonmember(("draft", "returned"))
