"""Who may register a unit and who decides: the unit's focal officer (or the standing office
above it) registers; the office of the campaign accepts or refuses volunteers and follows
the round."""

import rules

from thidua.organizations.rules import (
    can_manage,
    can_read,
    is_focal_officer_of_unit,
    is_standing_officer,
    is_standing_officer_above,
    is_system_admin,
    unit_of,
)


# The predicates below take a registration or a target report: both have a unit and a round.
def _campaign(registration):
    return registration.round.campaign if registration is not None else None


@rules.predicate
def registers_for_unit(user, registration) -> bool:
    unit = registration.unit if registration is not None else None
    return (can_manage | is_focal_officer_of_unit).test(user, unit)


@rules.predicate
def reads_unit(user, registration) -> bool:
    return can_read.test(user, registration.unit if registration is not None else None)


@rules.predicate
def manages_campaign(user, registration) -> bool:
    return user.has_perm("campaigns.manage_campaign", _campaign(registration))


# On a unit: may this user register it?
rules.add_perm("monitoring.register_unit", can_manage | is_focal_officer_of_unit)
# On a registration.
rules.add_perm("monitoring.view_registration", reads_unit | manages_campaign)
rules.add_perm("monitoring.withdraw_registration", registers_for_unit)
rules.add_perm("monitoring.decide_registration", manages_campaign)


# On a unit: may this user report its target values?
rules.add_perm("monitoring.report_unit", can_manage | is_focal_officer_of_unit)
# On a target report (it has a unit and a round, like a registration).
rules.add_perm("monitoring.view_report", reads_unit | manages_campaign)
rules.add_perm("monitoring.change_report", registers_for_unit)
rules.add_perm("monitoring.decide_report", manages_campaign)


# Conduct (violations, complaints) and initiatives: the predicates take a unit, a violation
# or an initiative (both have a unit).
@rules.predicate
def is_standing_officer_strictly_above(user, obj) -> bool:
    """The standing office of a unit above this one, never of the unit itself.

    Violations, complaints and initiatives count in the unit's own results: the office above
    records them from the decisions it receives, so that no unit writes, marks unfounded or
    deletes what counts for or against itself. The unit's focal officer reads its records
    (`can_read`) to know where it stands, but does not change them."""
    unit = unit_of(obj)
    return (
        is_standing_officer_above.test(user, unit)
        and unit is not None
        and unit.pk != getattr(user, "unit_id", None)
    )


records_conduct = is_system_admin | is_standing_officer_strictly_above

# On a unit: may this user record a violation, complaint or initiative against it?
rules.add_perm("monitoring.record_conduct", records_conduct)
# On a violation or an initiative.
rules.add_perm("monitoring.view_conduct", can_read)
rules.add_perm("monitoring.change_conduct", records_conduct)


# The PAR Index (chỉ số CCHC). The office that appraises a unit is a standing office strictly
# above it: a unit never appraises itself.
@rules.predicate
def manages_par_framework(user, framework) -> bool:
    """The office of the framework's owner (or above); the default belongs to the
    administrator."""
    if framework is None:
        return False
    if framework.owner_id is None:
        return is_system_admin.test(user)
    return can_manage.test(user, framework.owner)


# On a unit: may this user self-assess it, set frameworks for the units under it?
rules.add_perm("monitoring.assess_par_unit", can_manage | is_focal_officer_of_unit)
rules.add_perm("monitoring.add_par_framework", can_manage)
# On an assessment (it has a unit).
rules.add_perm("monitoring.view_par_assessment", reads_unit)
rules.add_perm("monitoring.change_par_assessment", registers_for_unit)
rules.add_perm("monitoring.decide_par_assessment", records_conduct)


@rules.predicate
def appraises_by_framework(user, framework) -> bool:
    """A standing office may appraise by the default (for the units under it) or by the
    framework of its own unit or of a unit under it."""
    if framework is None:
        return False
    if framework.owner_id is None:
        return is_standing_officer.test(user)
    return can_manage.test(user, framework.owner)


# On a framework.
rules.add_perm("monitoring.manage_par_framework", manages_par_framework)
rules.add_perm("monitoring.import_par_scores", is_system_admin | appraises_by_framework)
