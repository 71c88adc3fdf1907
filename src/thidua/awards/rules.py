"""Who may read the proposal of awards of a round and the eligibility of a unit or a person.

The proposal is the council's working paper before it votes: the office of the campaign
(the standing office of the issuing unit or above it), the members of the issuing unit's
emulation council and its leaders read it. Everyone else who sees the campaign gets a 403
(they are told the page exists, not what it says); those who do not see it get a 404 from the
visibility selectors before any rule is asked.

A unit's or a person's eligibility is read by whoever may read that unit or person: a focal
officer learns why their own unit is or is not eligible.
"""

import rules

from thidua.campaigns.rules import manages_owner
from thidua.core.enums import Role
from thidua.organizations.rules import can_manage, can_read, is_focal_officer_of_unit


def _holds_role_in_issuer(user, campaign, role: str) -> bool:
    return (
        campaign is not None
        and bool(getattr(user, "is_authenticated", False))
        and user.has_role(role)
        and getattr(user, "unit_id", None) == campaign.owner_id
    )


@rules.predicate
def sits_on_issuers_council(user, campaign) -> bool:
    return _holds_role_in_issuer(user, campaign, Role.COUNCIL_MEMBER)


@rules.predicate
def leads_issuer(user, campaign) -> bool:
    return _holds_role_in_issuer(user, campaign, Role.LEADER)


# On a campaign: may this user read the proposal of its rounds (page and downloads)?
rules.add_perm("awards.view_proposal", manages_owner | sits_on_issuers_council | leads_issuer)
# On a unit or a person: may this user read why it is or is not eligible?
rules.add_perm("awards.view_eligibility", can_read)
# On a campaign: may this user publish the disclosure of its rounds, change its period, record
# objections received by letter or phone and resolve them (the campaign's office)?
rules.add_perm("awards.manage_disclosure", manages_owner)


# --- Nominations (đề nghị khen thưởng) and their appraisal ---------------------------------
@rules.predicate
def proposes_for(user, nomination) -> bool:
    """The focal officer of the proposing unit, or the office above it."""
    unit = nomination.proposer if nomination is not None else None
    return (can_manage | is_focal_officer_of_unit).test(user, unit)


@rules.predicate
def reviews_nomination(user, nomination) -> bool:
    campaign = nomination.round.campaign if nomination is not None else None
    return user.has_perm("campaigns.manage_campaign", campaign)


# On a unit: may this user propose it or its people?
rules.add_perm("awards.nominate", can_manage | is_focal_officer_of_unit)
# On a nomination.
rules.add_perm("awards.change_nomination", proposes_for)
rules.add_perm("awards.view_nomination", proposes_for | reviews_nomination)
rules.add_perm("awards.review_nomination", reviews_nomination)
