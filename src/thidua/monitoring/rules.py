"""Who may register a unit and who decides: the unit's focal officer (or the standing office
above it) registers; the office of the campaign accepts or refuses volunteers and follows
the round."""

import rules

from thidua.organizations.rules import can_manage, can_read, is_focal_officer_of_unit


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
