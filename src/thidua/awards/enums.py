from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationState(models.TextChoices):
    """A nomination dossier's states, as the officials name them."""

    DRAFT = "draft", _("Chờ gửi")
    SUBMITTED = "submitted", _("Đã gửi")
    RECEIVED = "received", _("Đã tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")
    PENDING = "pending", _("Chờ xét")
    REVIEWING = "reviewing", _("Đang xét")
    AWARDED = "awarded", _("Đã khen thưởng")
    NOT_AWARDED = "not_awarded", _("Không được khen thưởng")

    # The proposing unit may still change the nomination and its files.
    EDITABLE = nonmember(("draft", "returned"))
    # Sent and in the office's hands, before its appraisal is done.
    WITH_OFFICE = nonmember(("submitted", "received"))


class ReviewOutcome(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")


class ObjectionState(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    UPHELD = "upheld", _("Có cơ sở")
    DISMISSED = "dismissed", _("Không có cơ sở")

    OPEN = nonmember(("received",))


class SessionState(models.TextChoices):
    """A council session (phiên họp Hội đồng TĐ-KT) from preparation to its minutes."""

    PREPARING = "preparing", _("Đang chuẩn bị")
    VOTING = "voting", _("Đang biểu quyết")
    CLOSED = "closed", _("Đã kết thúc")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Ủy viên kiêm Thư ký")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
