"""Reads of the registry, always through the viewer's visibility."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thidua.core.enums import Role
from thidua.core.text import fold
from thidua.organizations.models import Block, Person, Unit


def units_for(user) -> QuerySet[Unit]:
    """The units a user may see: all for an administrator, the own subtree for the office,
    council and leaders, the own unit alone for a focal officer, nothing otherwise."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if user.is_system_admin:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    if any(user.has_role(role) for role in Role.SUBTREE_READERS):
        return Unit.objects.filter(path__startswith=user.unit.path)
    if user.has_role(Role.FOCAL_OFFICER):
        return Unit.objects.filter(pk=user.unit_id)
    return Unit.objects.none()


def people_for(user) -> QuerySet[Person]:
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    if user.is_system_admin:
        return Person.objects.all()
    return Person.objects.filter(unit__in=units_for(user).values("pk"))


def blocks_for(user) -> QuerySet[Block]:
    return Block.objects.filter(owner__in=units_for(user).values("pk"))


def block_list(user) -> QuerySet[Block]:
    return (
        blocks_for(user)
        .select_related("owner")
        .annotate(member_count=Count("members"))
        .order_by("owner__sort_key", "code")
    )


def tree_roots(user, *, on: dt.date) -> QuerySet[Unit]:
    """Top of the tree the user sees: root units for an administrator, the own unit else."""
    visible = units_for(user).valid_on(on)
    if getattr(user, "is_system_admin", False):
        visible = visible.filter(parent__isnull=True)
    else:
        visible = visible.filter(pk=user.unit_id)
    return with_child_counts(user, visible, on=on)


def with_child_counts(user, units: QuerySet[Unit], *, on: dt.date) -> QuerySet[Unit]:
    """Annotate the children valid on `on` that the user may see, and the active people."""
    valid_children = (
        (Q(children__valid_from__isnull=True) | Q(children__valid_from__lte=on))
        & (Q(children__valid_to__isnull=True) | Q(children__valid_to__gte=on))
        & Q(children__in=units_for(user).values("pk"))
    )
    return units.annotate(
        child_count=Count("children", filter=valid_children, distinct=True),
        people_count=Count("people", filter=Q(people__active=True), distinct=True),
    ).order_by("sort_key")


def tree_children(user, unit: Unit, *, on: dt.date) -> QuerySet[Unit]:
    return with_child_counts(user, units_for(user).valid_on(on).filter(parent=unit), on=on)


def search_units(user, query: str, *, on: dt.date | None = None, limit: int = 50) -> list[Unit]:
    """Units whose name matches, with or without diacritics, each with its ancestors' names."""
    folded = fold(query)
    units = units_for(user)
    if on is not None:
        units = units.valid_on(on)
    found = list(units.filter(search_name__contains=folded).order_by("depth", "sort_key")[:limit])
    attach_ancestors(user, found)
    return found


def attach_ancestors(user, units: list[Unit]) -> None:
    """Set `ancestors` on each unit (root first, only those the user may see) with one query
    for all of them."""
    ids = {pk for unit in units for pk in unit.ancestor_ids}
    names = units_for(user).in_bulk(ids) if ids else {}
    for unit in units:
        unit.ancestors = [names[pk] for pk in unit.ancestor_ids if pk in names]


def unit_detail(user, pk: int) -> Unit:
    """A unit the user may see, or Unit.DoesNotExist (a 404, never a leak)."""
    return units_for(user).select_related("parent").get(pk=pk)


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(parent=unit).order_by("valid_to", "sort_key")


def person_list(
    user,
    *,
    query: str = "",
    unit: Unit | None = None,
    position: str = "",
    direct_reform_work: bool | None = None,
    active: bool | None = True,
) -> QuerySet[Person]:
    people = people_for(user).select_related("unit")
    if query:
        people = people.filter(Q(search_name__contains=fold(query)) | Q(code__iexact=query.strip()))
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    if position:
        people = people.filter(position=position)
    if direct_reform_work is not None:
        people = people.filter(direct_reform_work=direct_reform_work)
    if active is not None:
        people = people.filter(active=active)
    return people.order_by("sort_key", "id")


def tree_as_of(user, *, on: dt.date, parent_id: int | None) -> list:
    """The tree as it stood on a past date, from the history kept at each legal effective date:
    the children of `parent_id` (or the user's roots) valid then, with their child counts."""
    moment = timezone.make_aware(dt.datetime.combine(on, dt.time.max))
    snapshot = Unit.history.as_of(moment).filter(
        (Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    )
    if parent_id is not None:
        nodes = snapshot.filter(parent_id=parent_id, id__in=units_for(user).values("pk"))
    elif getattr(user, "is_system_admin", False):
        nodes = snapshot.filter(parent__isnull=True)
    else:
        nodes = snapshot.filter(id=user.unit_id)
    nodes = sorted(nodes, key=lambda unit: unit.sort_key)
    counts: dict[int, int] = {}
    child_parents = snapshot.filter(parent_id__in=[unit.pk for unit in nodes])
    for child_parent in child_parents.values_list("parent_id", flat=True):
        counts[child_parent] = counts.get(child_parent, 0) + 1
    for unit in nodes:
        unit.child_count = counts.get(unit.pk, 0)
        unit.people_count = None
    return nodes
