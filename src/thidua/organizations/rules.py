"""Who may see and change which unit, person and block: one fact per predicate.

Objects are scoped by the unit they belong to (a unit itself, a person's unit, a block's owner).
A standing officer, a council member and a leader see the whole subtree of their own unit; a
focal officer sees only their own unit; the system administrator sees everything.
"""

import rules

from thidua.core.enums import Role
from thidua.core.rules import is_system_admin


def unit_of(obj):
    """The unit an object belongs to, for unit-scoped permissions."""
    if obj is None:
        return None
    if hasattr(obj, "path"):
        return obj
    if hasattr(obj, "owner_id"):
        return obj.owner
    return getattr(obj, "unit", None)


def _has_role(user, role: str) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(role)


def _within_own_subtree(user, obj) -> bool:
    unit = unit_of(obj)
    own = getattr(user, "unit", None)
    return unit is not None and own is not None and unit.path.startswith(own.path)


@rules.predicate
def is_standing_officer_above(user, obj) -> bool:
    return _has_role(user, Role.STANDING_OFFICER) and _within_own_subtree(user, obj)


@rules.predicate
def is_leader_above(user, obj) -> bool:
    return _has_role(user, Role.LEADER) and _within_own_subtree(user, obj)


@rules.predicate
def is_council_member_above(user, obj) -> bool:
    return _has_role(user, Role.COUNCIL_MEMBER) and _within_own_subtree(user, obj)


@rules.predicate
def is_focal_officer_of_unit(user, obj) -> bool:
    unit = unit_of(obj)
    return (
        _has_role(user, Role.FOCAL_OFFICER)
        and unit is not None
        and unit.pk == getattr(user, "unit_id", None)
    )


@rules.predicate
def is_standing_officer(user) -> bool:
    return _has_role(user, Role.STANDING_OFFICER)


@rules.predicate
def has_unit_role(user) -> bool:
    return bool(getattr(user, "unit_id", None)) and bool(getattr(user, "role_codes", None))


can_read = (
    is_system_admin
    | is_standing_officer_above
    | is_leader_above
    | is_council_member_above
    | is_focal_officer_of_unit
)
can_manage = is_system_admin | is_standing_officer_above

rules.add_perm("organizations.view_unit", can_read)
rules.add_perm("organizations.change_unit", can_manage)
rules.add_perm("organizations.add_child_unit", can_manage)
rules.add_perm("organizations.view_person", can_read)
rules.add_perm("organizations.change_person", can_manage | is_focal_officer_of_unit)
rules.add_perm("organizations.add_person", can_manage | is_focal_officer_of_unit)
rules.add_perm("organizations.view_block", can_read)
rules.add_perm("organizations.change_block", can_manage)
rules.add_perm("organizations.use_registry", is_system_admin | has_unit_role)
rules.add_perm("organizations.import_registry", is_system_admin | is_standing_officer)
