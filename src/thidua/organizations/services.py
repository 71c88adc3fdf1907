"""Every change to the registry: units, their history, blocks, people and yearly ratings.

`actor=None` is the system itself (the demo loader, imports already checked as a whole);
otherwise each function checks the same `rules` permission the screens use.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from thidua.core.legal import NotInForce, scale_codes
from thidua.core.services import record_audit, require_perm
from thidua.core.text import fold, name_sort_key, person_sort_key
from thidua.organizations.enums import KIND_LEVEL, Level, Position, UnitEventKind, UnitKind
from thidua.organizations.models import Block, Person, PersonRating, Unit, UnitEvent, UnitRating

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    require_perm(
        actor, perm, obj, message=_("Bạn không có quyền thực hiện thao tác này với đơn vị này.")
    )


def _at(on: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(on, dt.time.min))


def check_code(code: str) -> str:
    code = (code or "").strip()
    if not CODE_RE.match(code):
        raise ValidationError(
            _(
                "Mã '%(code)s' không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, "
                "gạch dưới, tối đa 40 ký tự."
            )
            % {"code": code}
        )
    return code


def level_for(kind: str, parent: Unit | None) -> str:
    if kind in KIND_LEVEL:
        return KIND_LEVEL[kind]
    if parent is None:
        raise ValidationError(
            _("Cơ quan, tổ chức (không phải địa phương) phải trực thuộc một đơn vị.")
        )
    return parent.level


def check_placement(kind: str, parent: Unit | None) -> None:
    """The administrative hierarchy: province on top, district under a province, commune
    under a district or (since the 2025 two-level reform) directly under a province. A locality
    may also stand at the top of the tree: an installation (or an imported package) may start
    at a district or a commune whose higher levels it does not hold."""
    level = KIND_LEVEL.get(kind)
    if parent is None:
        if level is None:
            raise ValidationError(
                _("Cơ quan, tổ chức (không phải địa phương) phải trực thuộc một đơn vị.")
            )
        return
    parent_level = KIND_LEVEL.get(parent.kind)
    if level == Level.PROVINCE:
        raise ValidationError(
            _("Tỉnh, thành phố trực thuộc Trung ương không trực thuộc đơn vị nào.")
        )
    if level == Level.DISTRICT and parent_level != Level.PROVINCE:
        raise ValidationError(_("Đơn vị cấp huyện phải trực thuộc một tỉnh, thành phố."))
    if level == Level.COMMUNE and parent_level not in (Level.PROVINCE, Level.DISTRICT):
        raise ValidationError(
            _("Đơn vị cấp xã phải trực thuộc một đơn vị cấp huyện hoặc cấp tỉnh.")
        )


def _check_period(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))


def _set_derived(unit: Unit) -> None:
    unit.search_name = fold(unit.name)
    unit.sort_key = name_sort_key(unit.name)
    unit.level = level_for(unit.kind, unit.parent)


@transaction.atomic
def create_unit(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Unit:
    if parent is None:
        _require(actor, "organizations.change_unit", None)
    else:
        _require(actor, "organizations.add_child_unit", parent)
    code = check_code(code)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Tên đơn vị không được để trống."))
    if kind not in UnitKind.values:
        raise ValidationError(_("Loại đơn vị '%(kind)s' không hợp lệ.") % {"kind": kind})
    check_placement(kind, parent)
    _check_period(valid_from, valid_to)
    if Unit.objects.filter(code=code).exists():
        raise ValidationError(_("Mã đơn vị '%(code)s' đã tồn tại.") % {"code": code})
    unit = Unit(
        code=code, name=name, kind=kind, parent=parent, valid_from=valid_from, valid_to=valid_to
    )
    _set_derived(unit)
    if valid_from:
        unit._history_date = _at(valid_from)
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    record_audit(actor=actor, action="unit.create", obj=unit, after={"code": code, "name": name})
    return unit


@transaction.atomic
def update_unit(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    kind: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
) -> Unit:
    """Correct a unit's record (a typo, a date); a real rename is `rename_unit`."""
    unit = Unit.objects.select_for_update(of=("self",)).select_related("parent").get(pk=unit.pk)
    _require(actor, "organizations.change_unit", unit)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Tên đơn vị không được để trống."))
    if kind not in UnitKind.values:
        raise ValidationError(_("Loại đơn vị '%(kind)s' không hợp lệ.") % {"kind": kind})
    check_placement(kind, unit.parent)
    _check_period(valid_from, valid_to)
    before = {"name": unit.name, "kind": unit.kind}
    unit.name, unit.kind, unit.valid_from, unit.valid_to = name, kind, valid_from, valid_to
    _set_derived(unit)
    unit.save()
    record_audit(actor=actor, action="unit.update", obj=unit, before=before, after={"name": name})
    return unit


@transaction.atomic
def rename_unit(*, actor: Any, unit: Unit, name: str, on: dt.date, basis: str = "") -> Unit:
    unit = Unit.objects.select_for_update(of=("self",)).select_related("parent").get(pk=unit.pk)
    _require(actor, "organizations.change_unit", unit)
    name = " ".join((name or "").split())
    if not name or name == unit.name:
        raise ValidationError(_("Tên mới phải khác tên hiện tại và không để trống."))
    old = unit.name
    unit.name = name
    _set_derived(unit)
    unit._history_date = _at(on)
    unit.save()
    UnitEvent.objects.create(
        unit=unit, kind=UnitEventKind.RENAMED, on=on, old_value=old, new_value=name, basis=basis
    )
    record_audit(actor=actor, action="unit.rename", obj=unit, before={"name": old})
    return unit


def _move_subtree(unit: Unit, new_parent: Unit | None) -> None:
    old_prefix = unit.path
    new_prefix = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
    delta = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    Unit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1)),
        depth=F("depth") + delta,
    )
    unit.path, unit.depth = new_prefix, unit.depth + delta
    # Bodies (not localities) stand at the level of the locality they sit in.
    subtree = list(Unit.objects.filter(path__startswith=new_prefix).order_by("depth"))
    levels = {new_parent.pk: new_parent.level} if new_parent else {}
    changed = []
    for node in subtree:
        level = KIND_LEVEL.get(node.kind) or levels.get(node.parent_id, node.level)
        levels[node.pk] = level
        if node.level != level:
            node.level = level
            changed.append(node)
    Unit.objects.bulk_update(changed, ["level"])


@transaction.atomic
def move_unit(
    *, actor: Any, unit: Unit, new_parent: Unit | None, on: dt.date, basis: str = ""
) -> Unit:
    unit = Unit.objects.select_for_update(of=("self",)).select_related("parent").get(pk=unit.pk)
    _require(actor, "organizations.change_unit", unit)
    if new_parent is not None:
        _require(actor, "organizations.add_child_unit", new_parent)
        if new_parent.path.startswith(unit.path):
            raise ValidationError(
                _("Không thể chuyển '%(unit)s' vào chính nó hoặc đơn vị cấp dưới của nó.")
                % {"unit": unit}
            )
    check_placement(unit.kind, new_parent)
    old_parent = unit.parent
    unit.parent = new_parent
    unit._history_date = _at(on)
    unit.save()
    _move_subtree(unit, new_parent)
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.MOVED,
        on=on,
        old_value=str(old_parent or ""),
        new_value=str(new_parent or ""),
        basis=basis,
    )
    record_audit(actor=actor, action="unit.move", obj=unit, after={"parent": str(new_parent)})
    return unit


def _reassign_people(people, *, on: dt.date, **changes: Any) -> int:
    """Change people in bulk, their history dated at the legal effective date."""
    people = list(people)
    for person in people:
        for field, value in changes.items():
            setattr(person, field, value)
    bulk_update_with_history(people, Person, list(changes), batch_size=500, default_date=_at(on))
    return len(people)


@transaction.atomic
def merge_units(
    *,
    actor: Any,
    units: list[Unit],
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    on: dt.date,
    basis: str = "",
) -> Unit:
    """Merge units into a new one from `on`: the old ones end the day before and keep their
    records; their people and the bodies under them pass to the new unit."""
    if len(units) < 2:
        raise ValidationError(_("Cần ít nhất hai đơn vị để sáp nhập."))
    for old in units:
        _require(actor, "organizations.change_unit", old)
        if not old.is_valid_on(on - dt.timedelta(days=1)):
            raise ValidationError(
                _("Đơn vị '%(unit)s' không còn hiệu lực trước ngày sáp nhập.") % {"unit": old}
            )
    merged = create_unit(actor=actor, code=code, name=name, kind=kind, parent=parent, valid_from=on)
    for old in units:
        old = Unit.objects.select_for_update().get(pk=old.pk)
        for child in Unit.objects.filter(parent=old).valid_on(on):
            move_unit(actor=None, unit=child, new_parent=merged, on=on, basis=basis)
        _reassign_people(Person.objects.filter(unit=old, active=True), on=on, unit=merged)
        old.valid_to = on - dt.timedelta(days=1)
        old._history_date = _at(on)
        old.save()
        UnitEvent.objects.create(
            unit=old, kind=UnitEventKind.MERGED, on=on, successor=merged, basis=basis
        )
    UnitEvent.objects.create(
        unit=merged,
        kind=UnitEventKind.ESTABLISHED,
        on=on,
        new_value=", ".join(str(old) for old in units),
        basis=basis,
    )
    return merged


@transaction.atomic
def dissolve_unit(
    *, actor: Any, unit: Unit, on: dt.date, children_to: Unit | None, basis: str = ""
) -> Unit:
    """End a unit on the day before `on`. The localities still valid under it move to
    `children_to`; the bodies inside it (offices, centres) end with it and their staff leave,
    every record kept and dated at `on`."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _require(actor, "organizations.change_unit", unit)
    live_children = list(Unit.objects.filter(parent=unit).valid_on(on))
    localities = [child for child in live_children if child.is_locality]
    if localities and children_to is None:
        raise ValidationError(
            ngettext(
                "'%(unit)s' còn %(count)d đơn vị hành chính trực thuộc: hãy chọn đơn vị tiếp nhận.",
                "'%(unit)s' còn %(count)d đơn vị hành chính trực thuộc: hãy chọn đơn vị tiếp nhận.",
                len(localities),
            )
            % {"unit": unit, "count": len(localities)}
        )
    for child in localities:
        move_unit(actor=actor, unit=child, new_parent=children_to, on=on, basis=basis)
    for child in live_children:
        if not child.is_locality:
            dissolve_unit(actor=actor, unit=child, on=on, children_to=children_to, basis=basis)
    _reassign_people(Person.objects.filter(unit=unit, active=True), on=on, active=False)
    unit.valid_to = on - dt.timedelta(days=1)
    unit._history_date = _at(on)
    unit.save()
    UnitEvent.objects.create(
        unit=unit, kind=UnitEventKind.DISSOLVED, on=on, successor=children_to, basis=basis
    )
    record_audit(actor=actor, action="unit.dissolve", obj=unit, after={"valid_to": str(on)})
    return unit


@transaction.atomic
def save_block(
    *,
    actor: Any,
    owner: Unit,
    code: str,
    name: str,
    members: list[Unit],
    block: Block | None = None,
) -> Block:
    _require(actor, "organizations.change_block", owner)
    code = check_code(code)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Tên khối thi đua không được để trống."))
    outside = [unit for unit in members if not unit.path.startswith(owner.path)]
    if outside:
        raise ValidationError(
            _("Thành viên khối phải thuộc đơn vị tổ chức: %(units)s")
            % {"units": ", ".join(str(unit) for unit in outside)}
        )
    clash = Block.objects.filter(owner=owner, code=code)
    if block is not None:
        clash = clash.exclude(pk=block.pk)
    if clash.exists():
        raise ValidationError(
            _("Mã khối '%(code)s' đã có trong %(owner)s.") % {"code": code, "owner": owner}
        )
    if block is None:
        block = Block.objects.create(owner=owner, code=code, name=name)
    else:
        block.code, block.name = code, name
        block.save(update_fields=["code", "name"])
    block.members.set(members)
    record_audit(actor=actor, action="block.save", obj=block, after={"members": len(members)})
    return block


PERSON_FIELDS = (
    "full_name",
    "unit",
    "position",
    "job_title",
    "female",
    "direct_reform_work",
    "birth_date",
    "email",
    "phone",
    "active",
)


def _clean_person(data: dict) -> dict:
    data = dict(data)
    data["full_name"] = " ".join((data.get("full_name") or "").split())
    if not data["full_name"]:
        raise ValidationError(_("Họ và tên không được để trống."))
    if data.get("position") not in Position.values:
        raise ValidationError(
            _("Vị trí '%(position)s' không hợp lệ.") % {"position": data.get("position")}
        )
    if data.get("unit") is None:
        raise ValidationError(_("Cá nhân phải thuộc một đơn vị."))
    return data


def prepare_person(person: Person) -> Person:
    """Fill the derived search and sort fields (also used by bulk imports)."""
    person.search_name = fold(person.full_name)
    person.sort_key = person_sort_key(person.full_name)
    return person


@transaction.atomic
def create_person(*, actor: Any, code: str, **data: Any) -> Person:
    data = _clean_person(data)
    _require(actor, "organizations.add_person", data["unit"])
    code = check_code(code)
    if Person.objects.filter(code=code).exists():
        raise ValidationError(_("Mã cá nhân '%(code)s' đã tồn tại.") % {"code": code})
    person = prepare_person(
        Person(code=code, **{key: data[key] for key in PERSON_FIELDS if key in data})
    )
    person.save()
    record_audit(actor=actor, action="person.create", obj=person)
    return person


@transaction.atomic
def update_person(*, actor: Any, person: Person, **data: Any) -> Person:
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    _require(actor, "organizations.change_person", person)
    data = _clean_person({**{key: getattr(person, key) for key in PERSON_FIELDS}, **data})
    if data["unit"].pk != person.unit_id:
        _require(actor, "organizations.add_person", data["unit"])
    before = {"unit": person.unit.code, "position": person.position}
    for key in PERSON_FIELDS:
        setattr(person, key, data[key])
    prepare_person(person).save()
    record_audit(
        actor=actor,
        action="person.update",
        obj=person,
        before=before,
        after={"unit": person.unit.code, "position": person.position},
    )
    return person


class _Scales:
    """The rating scales in force at the end of each year, looked up once per call."""

    def __init__(self) -> None:
        self._codes: dict[tuple[str, int], list[str]] = {}

    def check(self, scale: str, value: str, year: int, who: Any) -> None:
        if not value:
            return
        if (scale, year) not in self._codes:
            try:
                self._codes[scale, year] = scale_codes(scale, on=dt.date(year, 12, 31))
            except NotInForce as exc:
                raise ValidationError(str(exc)) from exc
        codes = self._codes[scale, year]
        if value not in codes:
            raise ValidationError(
                _("%(who)s: xếp loại '%(value)s' không có trong thang năm %(year)s (%(codes)s).")
                % {"who": who, "value": value, "year": year, "codes": ", ".join(codes)}
            )


def _check_year(year: int) -> None:
    if not 1990 <= year <= timezone.localdate().year:
        raise ValidationError(_("Năm xếp loại %(year)s không hợp lệ.") % {"year": year})


def _upsert_ratings(model, owner_field: str, wanted: dict[tuple[int, int], dict]) -> dict:
    """Create or update ratings keyed by (owner id, year) with a handful of queries."""
    owner_id = f"{owner_field}_id"
    existing = {
        (getattr(row, owner_id), row.year): row
        for row in model.objects.filter(
            **{f"{owner_id}__in": {key[0] for key in wanted}},
            year__in={key[1] for key in wanted},
        )
    }
    fields = sorted({field for values in wanted.values() for field in values})
    changed, new = [], []
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            new.append(model(**{owner_id: key[0], "year": key[1]}, **values))
        elif any(getattr(row, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(row, field, value)
            changed.append(row)
    bulk_create_with_history(new, model, batch_size=500)
    bulk_update_with_history(changed, model, fields, batch_size=500)
    return {"created": len(new), "updated": len(changed)}


@transaction.atomic
def set_person_ratings(*, actor: Any, ratings: list[tuple[Person, int, str]]) -> dict[str, int]:
    """Set many people's staff ratings at once (a whole staff, a year's import): checked as a
    whole first (one bad value writes nothing), then written with a handful of queries."""
    scales, checked_units = _Scales(), set()
    for person, year, value in ratings:
        if person.unit_id not in checked_units:
            _require(actor, "organizations.change_person", person)
            checked_units.add(person.unit_id)
        _check_year(year)
        if not value:
            raise ValidationError(
                _("%(person)s: hãy chọn mức xếp loại năm %(year)s.")
                % {"person": person, "year": year}
            )
        scales.check("task_rating", value, year, person)
    result = _upsert_ratings(
        PersonRating,
        "person",
        {(person.pk, year): {"task_rating": value} for person, year, value in ratings},
    )
    if ratings:
        record_audit(actor=actor, action="person.ratings", obj=ratings[0][0], after=result)
    return result


def set_person_rating(*, actor: Any, person: Person, year: int, task_rating: str) -> PersonRating:
    set_person_ratings(actor=actor, ratings=[(person, year, task_rating)])
    return PersonRating.objects.get(person=person, year=year)


@transaction.atomic
def set_unit_ratings(*, actor: Any, ratings: list[tuple[Unit, int, str, str]]) -> dict[str, int]:
    """Set units' (task rating, party rating) of years at once, like `set_person_ratings`."""
    scales, checked_units = _Scales(), set()
    for unit, year, task_rating, party_rating in ratings:
        if unit.pk not in checked_units:
            _require(actor, "organizations.change_unit", unit)
            checked_units.add(unit.pk)
        _check_year(year)
        if not task_rating and not party_rating:
            raise ValidationError(
                _("%(unit)s: hãy chọn ít nhất một mức xếp loại năm %(year)s.")
                % {"unit": unit, "year": year}
            )
        scales.check("task_rating", task_rating, year, unit)
        scales.check("party_rating", party_rating, year, unit)
    result = _upsert_ratings(
        UnitRating,
        "unit",
        {
            (unit.pk, year): {"task_rating": task, "party_rating": party}
            for unit, year, task, party in ratings
        },
    )
    if ratings:
        record_audit(actor=actor, action="unit.ratings", obj=ratings[0][0], after=result)
    return result


def set_unit_rating(
    *, actor: Any, unit: Unit, year: int, task_rating: str = "", party_rating: str = ""
) -> UnitRating:
    set_unit_ratings(actor=actor, ratings=[(unit, year, task_rating, party_rating)])
    return UnitRating.objects.get(unit=unit, year=year)
