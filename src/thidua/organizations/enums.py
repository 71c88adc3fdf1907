from enum import nonmember

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc Trung ương")
    CITY = "city", _("Thành phố thuộc tỉnh")
    DISTRICT = "district", _("Huyện")
    TOWN = "town", _("Thị xã")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    OFFICE = "office", _("Phòng, ban chuyên môn")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    HAMLET = "hamlet", _("Khu phố, ấp, thôn")
    MASS_ORG = "mass_org", _("Mặt trận Tổ quốc, đoàn thể")
    OTHER = "other", _("Cơ quan, tổ chức khác")

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

    CHAIRMAN = "chairman", _("Chủ tịch")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch")
    HEAD = "head", _("Thủ trưởng cơ quan, đơn vị")
    DEPUTY_HEAD = "deputy_head", _("Cấp phó của thủ trưởng")
    CIVIL_SERVANT = "civil_servant", _("Cán bộ, công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    NON_PROFESSIONAL = "non_professional", _("Người hoạt động không chuyên trách")
    WORKER = "worker", _("Người lao động")


class UnitEventKind(models.TextChoices):
    ESTABLISHED = "established", _("Thành lập")
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển trực thuộc")
    MERGED = "merged", _("Sáp nhập vào đơn vị khác")
    DISSOLVED = "dissolved", _("Giải thể, kết thúc hoạt động")
