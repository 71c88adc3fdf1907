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
from thidua.organizations.rules import can_read


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
