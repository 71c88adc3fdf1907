from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    THEMATIC = "thematic", _("Chuyên đề, theo đợt")
    REGULAR = "regular", _("Thường xuyên")


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")
    SUPERSEDED = "superseded", _("Đã được thay thế")

    FROZEN = nonmember(("issued", "in_progress", "closed", "superseded"))
    LIVE = nonmember(("issued", "in_progress"))


class Area(models.TextChoices):
    """PAR areas of the campaign-package spec."""

    DIRECTION = "direction", _("Chỉ đạo, điều hành")
    INSTITUTION = "institution", _("Cải cách thể chế")
    TTHC = "tthc", _("Cải cách thủ tục hành chính")
    APPARATUS = "apparatus", _("Cải cách tổ chức bộ máy")
    CIVIL_SERVICE = "civil_service", _("Cải cách chế độ công vụ")
    PUBLIC_FINANCE = "public_finance", _("Cải cách tài chính công")
    DIGITAL_GOVERNMENT = "digital_government", _("Xây dựng chính quyền điện tử, chính quyền số")
    OTHER = "other", _("Khác")


class Operator(models.TextChoices):
    GTE = ">=", _("≥")
    GT = ">", _(">")
    LTE = "<=", _("≤")
    LT = "<", _("<")
    EQ = "==", _("=")


class RoundKind(models.TextChoices):
    ANNUAL = "annual", _("Hằng năm")
    MIDTERM = "midterm", _("Sơ kết")
    FINAL = "final", _("Tổng kết")


class Subject(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class SignerCapacity(models.TextChoices):
    TM = "TM. ỦY BAN NHÂN DÂN", _("TM. Ủy ban nhân dân")
    KT = "KT. CHỦ TỊCH", _("KT. Chủ tịch")


class Deadline(models.TextChoices):
    REGISTRATION = "registration", _("Hạn đăng ký thi đua")
    NOMINATION = "nomination", _("Hạn gửi hồ sơ đề nghị khen thưởng")
