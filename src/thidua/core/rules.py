"""The system administrator's predicate (the apps above build their unit rules on it) and who
may read the audit log: the system administrators only, since it shows every unit's changes and
every attempt to log in."""

import rules


@rules.predicate
def is_system_admin(user) -> bool:
    return bool(getattr(user, "is_system_admin", False))


rules.add_perm("core.view_audit_log", is_system_admin)
