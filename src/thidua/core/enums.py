from enum import nonmember

from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    SUCCEEDED = "succeeded", "Hoàn thành"
    FAILED = "failed", "Có lỗi"

    FINISHED = nonmember(("succeeded", "failed"))


class Role(models.TextChoices):
    """What an account may do; every role but the administrator's is tied to the user's unit."""

    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"
    STANDING_OFFICER = "standing_officer", "Cán bộ thường trực (Nội vụ)"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng TĐ-KT"
    LEADER = "leader", "Lãnh đạo"
    FOCAL_OFFICER = "focal_officer", "Cán bộ đầu mối đơn vị"

    SUBTREE_READERS = nonmember(("standing_officer", "council_member", "leader"))
