"""A round with nominations for the disclosure tests."""

import datetime as dt

from django.apps import apps
from django.utils import timezone

from tests.campaigns.factories import make_campaign
from tests.factories import make_unit, make_user
from thidua.awards.enums import NominationState
from thidua.awards.models import Nomination
from thidua.awards.services.disclosure import publish_disclosure
from thidua.campaigns.models import AwardLine
from thidua.core.enums import Role
from thidua.organizations.enums import UnitKind


def make_nomination(round_, line, *, unit, person=None, state=NominationState.ELIGIBLE, **kw):
    return Nomination.objects.create(
        round=round_,
        line=line,
        proposer=unit,
        subject="individual" if person else "collective",
        unit=unit,
        person=person,
        state=state,
        created_at=timezone.now(),
        **kw,
    )


def make_listing(trio):
    """The district's plan in progress with a collective line and an individual line; commune
    A's nomination found eligible, commune B's still a draft; a council member of the
    district and a user of another district who cannot see the plan."""
    campaign = make_campaign(owner=trio["district"], state="in_progress", number="31/KH-UBND")
    round_ = campaign.rounds.get()
    collective = AwardLine.objects.create(
        campaign=campaign,
        line_id="TT",
        round_kind="annual",
        form="Giấy khen của Chủ tịch UBND huyện",
        subject="collective",
        count=2,
        position=1,
    )
    individual = AwardLine.objects.create(
        campaign=campaign,
        line_id="CN",
        round_kind="annual",
        form="Giấy khen của Chủ tịch UBND huyện",
        subject="individual",
        count=3,
        position=2,
    )
    other_district = make_unit(
        name="UBND huyện Quế Sơn", kind=UnitKind.DISTRICT, parent=trio["province"], code="QS"
    )
    return {
        **trio,
        "campaign": campaign,
        "round": round_,
        "collective": collective,
        "individual": individual,
        "eligible": make_nomination(
            round_, collective, unit=trio["a"], achievements="Giải quyết 100% hồ sơ đúng hạn."
        ),
        "draft": make_nomination(round_, collective, unit=trio["b"], state=NominationState.DRAFT),
        "council": make_user(unit=trio["district"], role=Role.COUNCIL_MEMBER, username="council"),
        "outsider": make_user(unit=other_district, role=Role.STANDING_OFFICER, username="qs"),
    }


def disclosed(listing, *, starts_on=None, ends_on=None):
    """The round's list published (dates in the past are written directly, as the service
    refuses a start before today)."""
    today = timezone.localdate()
    disclosure = publish_disclosure(
        actor=listing["standing"],
        round=listing["round"],
        starts_on=today,
        ends_on=today + dt.timedelta(days=4),
    )
    if starts_on or ends_on:
        disclosure.starts_on = starts_on or disclosure.starts_on
        disclosure.ends_on = ends_on or disclosure.ends_on
        disclosure.save()
    return disclosure


def snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"awards", "campaigns", "core", "accounts"}
    }
