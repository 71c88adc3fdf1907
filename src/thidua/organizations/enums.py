from enum import nonmember

from django.db import models


class Level(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"


class UnitKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố trực thuộc Trung ương"
    CITY = "city", "Thành phố thuộc tỉnh"
    DISTRICT = "district", "Huyện"
    TOWN = "town", "Thị xã"
    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    TOWNSHIP = "township", "Thị trấn"
    DEPARTMENT = "department", "Sở, ban, ngành"
    OFFICE = "office", "Phòng, ban chuyên môn"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp"
    HAMLET = "hamlet", "Khu phố, ấp, thôn"
    MASS_ORG = "mass_org", "Mặt trận Tổ quốc, đoàn thể"
    OTHER = "other", "Cơ quan, tổ chức khác"

    LOCALITIES = nonmember(("province", "city", "district", "town", "commune", "ward", "township"))


# The administrative level each locality kind stands at; bodies take their parent's level.
KIND_LEVEL = {
    UnitKind.PROVINCE: Level.PROVINCE,
    UnitKind.CITY: Level.DISTRICT,
    UnitKind.DISTRICT: Level.DISTRICT,
    UnitKind.TOWN: Level.DISTRICT,
    UnitKind.COMMUNE: Level.COMMUNE,
    UnitKind.WARD: Level.COMMUNE,
    UnitKind.TOWNSHIP: Level.COMMUNE,
}


class Position(models.TextChoices):
    """Positions as in the campaign-package spec."""

    CHAIRMAN = "chairman", "Chủ tịch"
    VICE_CHAIRMAN = "vice_chairman", "Phó Chủ tịch"
    HEAD = "head", "Thủ trưởng cơ quan, đơn vị"
    DEPUTY_HEAD = "deputy_head", "Cấp phó của thủ trưởng"
    CIVIL_SERVANT = "civil_servant", "Cán bộ, công chức"
    PUBLIC_EMPLOYEE = "public_employee", "Viên chức"
    NON_PROFESSIONAL = "non_professional", "Người hoạt động không chuyên trách"
    WORKER = "worker", "Người lao động"


class UnitEventKind(models.TextChoices):
    ESTABLISHED = "established", "Thành lập"
    RENAMED = "renamed", "Đổi tên"
    MOVED = "moved", "Chuyển trực thuộc"
    MERGED = "merged", "Sáp nhập vào đơn vị khác"
    DISSOLVED = "dissolved", "Giải thể, kết thúc hoạt động"
