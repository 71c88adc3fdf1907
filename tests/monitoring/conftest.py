import datetime as dt

import pytest
from django.utils import timezone

from tests.campaigns.factories import make_campaign
from thidua.campaigns.models import Participant, Target


@pytest.fixture
def round_(trio):
    """The district's plan in progress, commune A listed, commune B not; the registration
    deadline is today (still in time)."""
    campaign = make_campaign(
        owner=trio["district"],
        state="in_progress",
        number="31/KH-UBND",
        issued_on=dt.date(2025, 1, 2),
    )
    Target.objects.create(
        campaign=campaign,
        code="T2",
        area="civil_service",
        text="Không có cán bộ bị kỷ luật",
        metric="no_discipline",
        op="==",
        value=True,
        position=1,
    )
    Participant.objects.create(campaign=campaign, unit=trio["a"])
    round_ = campaign.rounds.get()
    round_.registration_deadline = timezone.localdate()
    round_.save()
    return round_


def set_deadline(round_, days_from_today: int) -> str:
    round_.registration_deadline = timezone.localdate() + dt.timedelta(days=days_from_today)
    round_.save()
    return f"{round_.registration_deadline:%d/%m/%Y}"
