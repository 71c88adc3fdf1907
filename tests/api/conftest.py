"""A district's round with data of two communes, and API keys for the trio (and a leader of
the district, who sees commune A but may not change its reports)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.awards.decision_helpers import make_round_with_awards
from thidua.accounts.services import create_api_token
from thidua.awards.models import Award, Decision
from thidua.campaigns.models import Competitor, Participant, PersonResult, UnitResult
from thidua.monitoring import services as monitoring
from thidua.monitoring.models import Registration


class Api:
    """A client that sends one account's key."""

    def __init__(self, key: str):
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def get(self, path: str, **params):
        return self.client.get(f"/api{path}", params)

    def post(self, path: str, data=None, **extra):
        if isinstance(data, dict) and "files" not in data:
            return self.client.post(f"/api{path}", data, content_type="application/json")
        return self.client.post(f"/api{path}", data or {}, **extra)


def key_for(user) -> str:
    return create_api_token(actor=None, user=user, name="Một cửa")[1]


@pytest.fixture
def world(trio, settings, tmp_path):
    """The district's plan in progress: commune A and one of its people awarded by an issued
    decision, commune B's nomination not; both communes registered, with results and a draft
    target report each."""
    settings.MEDIA_ROOT = tmp_path / "media"
    data = make_round_with_awards(trio)
    round_ = data["round"]
    data["campaign"].signer = {
        "name": "Trần Văn Hùng",
        "title": "Chủ tịch",
        "capacity": "TM. ỦY BAN NHÂN DÂN",
    }
    data["campaign"].save()
    decision = Decision.objects.create(
        round=round_,
        issuer=trio["district"],
        state="issued",
        number="12/QĐ-UBND",
        signed_on=dt.date(2026, 1, 15),
        signer_name="Trần Văn Hùng",
        created_at=timezone.now(),
        issued_at=timezone.now(),
    )
    Award.objects.filter(round=round_).update(decision=decision)
    for unit in (trio["a"], trio["b"]):
        Participant.objects.create(campaign=data["campaign"], unit=unit)
        Registration.objects.create(round=round_, unit=unit, state="accepted")
        UnitResult.objects.create(round=round_, unit=unit, registered=True, metrics={"score": 90})
    for person in (trio["person_a"], trio["person_b"]):
        Competitor.objects.create(
            campaign=data["campaign"], person=person, unit=person.unit, position=person.position
        )
        PersonResult.objects.create(round=round_, person=person, metrics={"score": 80})
    reports = {
        side: monitoring.save_target_report(
            actor=trio[f"focal_{side}"],
            round=round_,
            unit=trio[side],
            period="Quý I/2025",
            values={"T1": 98},
        )
        for side in ("a", "b")
    }
    keys = {name: key_for(data[name]) for name in ("focal_a", "focal_b", "standing", "leader")}
    return {
        **data,
        "decision": decision,
        "report_a": reports["a"],
        "report_b": reports["b"],
        "api": {name: Api(key) for name, key in keys.items()},
        "keys": keys,
    }
