from enum import nonmember

from django.db import models


class CampaignKind(models.TextChoices):
    THEMATIC = "thematic", "Chuyên đề, theo đợt"
    REGULAR = "regular", "Thường xuyên"


class CampaignState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    CLOSED = "closed", "Đã kết thúc"
    SUPERSEDED = "superseded", "Đã được thay thế"

    FROZEN = nonmember(("issued", "in_progress", "closed", "superseded"))
    LIVE = nonmember(("issued", "in_progress"))


class Area(models.TextChoices):
    """PAR areas of the campaign-package spec."""

    DIRECTION = "direction", "Chỉ đạo, điều hành"
    INSTITUTION = "institution", "Cải cách thể chế"
    TTHC = "tthc", "Cải cách thủ tục hành chính"
    APPARATUS = "apparatus", "Cải cách tổ chức bộ máy"
    CIVIL_SERVICE = "civil_service", "Cải cách chế độ công vụ"
    PUBLIC_FINANCE = "public_finance", "Cải cách tài chính công"
    DIGITAL_GOVERNMENT = "digital_government", "Xây dựng chính quyền điện tử, chính quyền số"
    OTHER = "other", "Khác"


class Operator(models.TextChoices):
    GTE = ">=", "≥"
    GT = ">", ">"
    LTE = "<=", "≤"
    LT = "<", "<"
    EQ = "==", "="


class RoundKind(models.TextChoices):
    ANNUAL = "annual", "Hằng năm"
    MIDTERM = "midterm", "Sơ kết"
    FINAL = "final", "Tổng kết"


class Subject(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class SignerCapacity(models.TextChoices):
    TM = "TM. ỦY BAN NHÂN DÂN", "TM. Ủy ban nhân dân"
    KT = "KT. CHỦ TỊCH", "KT. Chủ tịch"


class Deadline(models.TextChoices):
    REGISTRATION = "registration", "Hạn đăng ký thi đua"
    NOMINATION = "nomination", "Hạn gửi hồ sơ đề nghị khen thưởng"
