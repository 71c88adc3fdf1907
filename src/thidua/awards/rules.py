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


# --- Council session (phiên họp Hội đồng TĐ-KT) -----------------------------------------------
def _session_campaign(session):
    return session.round.campaign if session is not None else None


@rules.predicate
def is_member_of_session(user, session) -> bool:
    """The account has a seat (CouncilMember) at this session."""
    if session is None or not getattr(user, "is_authenticated", False):
        return False
    return session.members.filter(user=user).exists()


@rules.predicate
def chairs_session(user, session) -> bool:
    if session is None or not getattr(user, "is_authenticated", False):
        return False
    return session.members.filter(user=user, role="chair").exists()


@rules.predicate
def manages_session(user, session) -> bool:
    return manages_owner.test(user, _session_campaign(session))


@rules.predicate
def reads_session_as_issuer(user, session) -> bool:
    return (sits_on_issuers_council | leads_issuer).test(user, _session_campaign(session))


# On a campaign: may this user prepare council sessions of its rounds and confirm seats?
rules.add_perm("awards.manage_council", manages_owner)
# On a campaign: may this user read its council sessions (list of a round)?
rules.add_perm("awards.view_council", manages_owner | sits_on_issuers_council | leads_issuer)
# On a session: read it (page, minutes), vote on it, close its voting.
rules.add_perm(
    "awards.view_council_session",
    manages_session | reads_session_as_issuer | is_member_of_session,
)
rules.add_perm("awards.vote_in_session", is_member_of_session)
rules.add_perm("awards.close_voting", manages_session | chairs_session)


# --- Certificates (giấy khen) of an issued decision ------------------------------------------
@rules.predicate
def prints_for_issuer(user, decision) -> bool:
    """The office of the decision's issuing unit (or above it), its leaders and the members of
    its emulation council."""
    if decision is None or not getattr(user, "is_authenticated", False):
        return False
    issuer = decision.issuer
    if can_manage.test(user, issuer):
        return True
    return user.unit_id == issuer.pk and (
        user.has_role(Role.LEADER) or user.has_role(Role.COUNCIL_MEMBER)
    )


@rules.predicate
def prints_certificate_for_issuer(user, certificate) -> bool:
    return certificate is not None and prints_for_issuer.test(user, certificate.award.decision)


@rules.predicate
def is_focal_officer_of_awardee(user, certificate) -> bool:
    """The focal officer of the awarded unit, or of the awarded person's unit."""
    unit = certificate.award.nomination.unit if certificate is not None else None
    return is_focal_officer_of_unit.test(user, unit)


# On a decision: may this user print its certificates (one by one or all at once)?
rules.add_perm("awards.print_certificates", prints_for_issuer)
# On a certificate: may this user download it?
rules.add_perm(
    "awards.view_certificate", prints_certificate_for_issuer | is_focal_officer_of_awardee
)
# On a unit or a person: may this user read the awards it received?
rules.add_perm("awards.view_award_history", can_read)


# --- Decisions (quyết định khen thưởng) -------------------------------------------------------
@rules.predicate
def is_issued(user, decision) -> bool:
    return decision is not None and decision.state == "issued"


@rules.predicate
def is_focal_officer_of_an_awardee(user, decision) -> bool:
    """The focal officer of a unit the decision awards (itself or one of its people)."""
    if decision is None or not _has_focal_role(user):
        return False
    return decision.awards.filter(nomination__unit_id=user.unit_id).exists()


def _has_focal_role(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(Role.FOCAL_OFFICER)


# On a campaign: may this user sign and issue the decisions of its rounds?
rules.add_perm("awards.issue_decision", manages_owner | leads_issuer)
# On a decision: may this user read it (the draft: the issuer's office, leaders and council;
# once issued, also the focal officer of an awarded unit)?
rules.add_perm(
    "awards.view_decision", prints_for_issuer | (is_issued & is_focal_officer_of_an_awardee)
)
