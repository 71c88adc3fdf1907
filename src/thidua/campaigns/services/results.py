"""What a round's results say of its competitors, as the campaign package carries them."""

from __future__ import annotations

from thidua.campaigns.models import Competitor, Participant, PersonResult, Round, UnitResult
from thidua.organizations.models import Block, Person, Unit


def enrol(*, campaign_id: int, unit: Unit, people: set[int]) -> None:
    """A unit and people that compete must be in the campaign's package: the unit as a
    participant (in the plan's block it belongs to), each person as a competitor with their
    record as it stands today."""
    if not Participant.objects.filter(campaign_id=campaign_id, unit=unit).exists():
        block = (
            Block.objects.filter(campaign_uses__campaign_id=campaign_id, members=unit)
            .order_by("code")
            .first()
        )
        Participant.objects.create(
            campaign_id=campaign_id, unit=unit, block=block, parent_id=unit.parent_id
        )
    known = Competitor.objects.filter(campaign_id=campaign_id, person_id__in=people)
    Competitor.objects.bulk_create(
        [
            Competitor(
                campaign_id=campaign_id,
                person=person,
                unit_id=person.unit_id,
                position=person.position,
                direct_reform_work=person.direct_reform_work,
                female=person.female,
            )
            for person in Person.objects.filter(pk__in=people).exclude(
                pk__in=known.values("person_id")
            )
        ]
    )


def set_registered(
    *,
    round: Round,
    unit: Unit,
    people: set[int],
    registered: bool,
    dropped: frozenset[int] = frozenset(),
) -> None:
    """Carry `registered` into the round's results: the unit and its registered people, and
    a person dropped from the registration unmarked. A unit that does not compete gets no
    result row (the package knows only its units). Callers hold the transaction."""
    unmark = set(dropped)
    if registered:
        enrol(campaign_id=round.campaign_id, unit=unit, people=people)
        UnitResult.objects.get_or_create(round_id=round.pk, unit_id=unit.pk)
        UnitResult.objects.filter(round_id=round.pk, unit_id=unit.pk, registered=False).update(
            registered=True
        )
        existing = PersonResult.objects.filter(round_id=round.pk, person_id__in=people)
        PersonResult.objects.bulk_create(
            [
                PersonResult(round_id=round.pk, person_id=pk)
                for pk in people - set(existing.values_list("person_id", flat=True))
            ]
        )
        existing.filter(registered=False).update(registered=True)
    else:
        UnitResult.objects.filter(round_id=round.pk, unit_id=unit.pk, registered=True).update(
            registered=False
        )
        unmark |= people
    PersonResult.objects.filter(round_id=round.pk, person_id__in=unmark, registered=True).update(
        registered=False
    )


def set_unit_metrics(*, round: Round, unit: Unit, metrics: dict) -> None:
    """Carry accepted values into the unit's results of the round (the package's `metrics`),
    keeping the metrics other sources wrote. Callers hold the transaction."""
    result, _created = UnitResult.objects.select_for_update(of=("self",)).get_or_create(
        round_id=round.pk, unit_id=unit.pk
    )
    merged = {**result.metrics, **metrics}
    if merged != result.metrics:
        result.metrics = merged
        result.save(update_fields=["metrics"])
