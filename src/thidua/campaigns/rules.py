"""Who may see and change a campaign, by the unit that issued it.

Everyone working in the issuing unit's subtree sees its campaigns (a commune's focal officer
must read the district's plan to register); the standing office of the issuing unit, or above
it, manages them; the higher levels read them.
"""

import rules

from thidua.organizations.rules import can_manage, can_read, is_system_admin


def _owner(campaign):
    return campaign.owner if campaign is not None else None


@rules.predicate
def works_under_owner(user, campaign) -> bool:
    own = getattr(user, "unit", None)
    owner = _owner(campaign)
    return (
        own is not None
        and owner is not None
        and bool(getattr(user, "role_codes", None))
        and own.path.startswith(owner.path)
    )


@rules.predicate
def reads_owner(user, campaign) -> bool:
    return can_read.test(user, _owner(campaign))


@rules.predicate
def manages_owner(user, campaign) -> bool:
    return can_manage.test(user, _owner(campaign))


@rules.predicate
def is_draft(user, campaign) -> bool:
    return campaign is not None and campaign.state == "draft"


rules.add_perm(
    "campaigns.view_campaign",
    is_system_admin | reads_owner | (works_under_owner & ~is_draft),
)
rules.add_perm("campaigns.manage_campaign", manages_owner)
rules.add_perm("campaigns.change_campaign", manages_owner & is_draft)
