from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Hoàn thành")
    FAILED = "failed", _("Có lỗi")

    FINISHED = nonmember(("succeeded", "failed"))


class Role(models.TextChoices):
    """What an account may do; every role but the administrator's is tied to the user's unit."""

    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    STANDING_OFFICER = "standing_officer", _("Cán bộ thường trực (Nội vụ)")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐ-KT")
    LEADER = "leader", _("Lãnh đạo")
    FOCAL_OFFICER = "focal_officer", _("Cán bộ đầu mối đơn vị")

    SUBTREE_READERS = nonmember(("standing_officer", "council_member", "leader"))
