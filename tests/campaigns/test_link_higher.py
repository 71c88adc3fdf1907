"""A plan entered on its own is linked to the higher plan it implements (the cascade and the
roll-up then count it); only within the higher plan's scope, only to an issued plan."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.campaigns.factories import make_campaign
from thidua.campaigns import services
from thidua.core.models import AuditEvent


def test_a_districts_plan_is_linked_to_the_provinces(trio):
    higher = make_campaign(
        owner=trio["province"],
        state="in_progress",
        number="5/KH-UBND",
        issued_on=dt.date(2025, 1, 10),
    )
    own = make_campaign(owner=trio["district"], state="in_progress")
    services.link_to_higher_plan(actor=trio["standing"], campaign=own, higher=higher)
    own.refresh_from_db()
    assert own.implements == higher
    assert own.implements_text.startswith("Kế hoạch số 5/KH-UBND ngày 10/01/2025")
    assert AuditEvent.objects.filter(action="campaign.link_higher", object_id=str(own.pk)).exists()


def test_only_inside_the_scope_and_to_an_issued_plan(trio):
    draft = make_campaign(owner=trio["province"], state="draft")
    own = make_campaign(owner=trio["district"], state="in_progress")
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.link_to_higher_plan(actor=trio["standing"], campaign=own, higher=draft)
    commune_plan = make_campaign(owner=trio["a"], state="in_progress")
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        services.link_to_higher_plan(actor=None, campaign=own, higher=commune_plan)
    own.refresh_from_db()
    assert own.implements is None


def test_a_focal_officer_may_not_link_the_districts_plan(trio):
    higher = make_campaign(owner=trio["province"], state="in_progress")
    own = make_campaign(owner=trio["district"], state="in_progress")
    with pytest.raises(PermissionDenied):
        services.link_to_higher_plan(actor=trio["focal_a"], campaign=own, higher=higher)
