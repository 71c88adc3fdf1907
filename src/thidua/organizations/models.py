import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from thidua.organizations.enums import Level, Position, UnitEventKind, UnitKind


class UnitQuerySet(models.QuerySet):
    def valid_on(self, on: dt.date) -> "UnitQuerySet":
        return self.filter(
            (Q(valid_from__isnull=True) | Q(valid_from__lte=on))
            & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        )

    def subtree_of(self, unit: "Unit") -> "UnitQuerySet":
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """An administrative unit (province, district, commune) or a body inside one.

    A unit that is merged or dissolved is never deleted: it keeps its row with `valid_to`, and
    the records of its time still point to it. Renames and moves are kept by the history table
    at their legal effective date. `path` ("/1/7/42/") is the chain of ids from the root, kept
    by the services, so that a whole subtree is one indexed prefix query.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    search_name = models.CharField(max_length=255, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=255, editable=False, default="", db_index=True)

    history = HistoricalRecords(excluded_fields=["search_name", "path", "depth"])
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def is_valid_on(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    @property
    def is_locality(self) -> bool:
        return self.kind in UnitKind.LOCALITIES


class UnitEvent(models.Model):
    """A change in the life of a unit: established, renamed, moved, merged, dissolved."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("sự kiện"), max_length=20, choices=UnitEventKind.choices)
    on = models.DateField(_("ngày hiệu lực"))
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessor_events",
    )
    old_value = models.CharField(_("trước"), max_length=255, blank=True, default="")
    new_value = models.CharField(_("sau"), max_length=255, blank=True, default="")
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("biến động đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "biến động đơn vị")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.on:%d/%m/%Y}"


class Block(models.Model):
    """An emulation block (khối, cụm thi đua) of the units that compete with each other."""

    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="own_blocks"
    )
    code = models.CharField(_("mã khối"), max_length=40)
    name = models.CharField(_("tên khối"), max_length=255)
    members = models.ManyToManyField(
        Unit, verbose_name=_("thành viên"), related_name="blocks", blank=True
    )

    class Meta:
        verbose_name = _("khối thi đua")
        verbose_name_plural = pgettext_lazy("plural", "khối thi đua")
        ordering = ["owner__sort_key", "code"]
        constraints = [models.UniqueConstraint(fields=["owner", "code"], name="block_code_unique")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    code = models.CharField(_("mã"), max_length=40, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("vị trí"), max_length=20, choices=Position.choices)
    job_title = models.CharField(_("chức vụ, chức danh"), max_length=200, blank=True, default="")
    female = models.BooleanField(_("nữ"), default=False)
    direct_reform_work = models.BooleanField(_("trực tiếp làm công tác CCHC"), default=False)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True, default="")
    active = models.BooleanField(_("đang công tác"), default=True)
    search_name = models.CharField(max_length=120, editable=False, default="", db_index=True)
    sort_key = models.CharField(max_length=255, editable=False, default="", db_index=True)

    history = HistoricalRecords(excluded_fields=["search_name", "sort_key"])

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = pgettext_lazy("plural", "cá nhân")
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.full_name


class UnitRating(models.Model):
    """A unit's ratings of a year: staff-style task rating and its party organisation's."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"))
    task_rating = models.CharField(
        _("xếp loại mức độ hoàn thành nhiệm vụ"), max_length=40, blank=True
    )
    party_rating = models.CharField(_("xếp loại tổ chức đảng"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại tập thể")
        verbose_name_plural = pgettext_lazy("plural", "xếp loại tập thể")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unitrating_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class PersonRating(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("năm"))
    task_rating = models.CharField(_("xếp loại chất lượng"), max_length=40)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại cá nhân")
        verbose_name_plural = pgettext_lazy("plural", "xếp loại cá nhân")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="personrating_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}"
