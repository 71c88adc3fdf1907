"""The results feed: what monitoring knows of each competitor (the appraised PAR Index, the
task rating of the year, counted violations, recognised initiatives) carried into the round's
results, the metrics the campaign package exports and the allocation of awards reads.

The feed owns its keys (`FEED_UNIT_KEYS`, `FEED_PERSON_KEYS`): each run writes them from the
records as they stand, and removes a key whose source is gone (an appraisal returned, a rating
cleared), so a result never keeps a value the records no longer support. Every other key
(the target metrics of accepted reports, a person's score) is kept as another source wrote it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from thidua.campaigns.enums import CampaignState
from thidua.campaigns.models import Competitor, Participant, PersonResult, Round, UnitResult
from thidua.core.services import record_audit
from thidua.monitoring.enums import ParState
from thidua.monitoring.models import Initiative, ParAssessment, Violation
from thidua.monitoring.services.common import locked_round, number, require
from thidua.organizations.models import PersonRating, UnitRating

FEED_UNIT_KEYS = ("score", "par_rating", "task_rating", "violations", "initiatives")
FEED_PERSON_KEYS = ("task_rating", "violations", "initiatives")
_YEAR_CODE = re.compile(r"[0-9]{4}")


def round_year(round: Round) -> int | None:
    """The year a round judges: its end, else its start, else a code that is a year."""
    if round.end is not None:
        return round.end.year
    if round.start is not None:
        return round.start.year
    code = (round.code or "").strip()
    return int(code) if _YEAR_CODE.fullmatch(code) else None


def round_period(round: Round) -> tuple[dt.date, dt.date] | None:
    """The days whose violations and initiatives count: start to end when both are given,
    else the calendar year of the round."""
    if round.start is not None and round.end is not None:
        return round.start, round.end
    year = round_year(round)
    if year is None:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _merged(current: dict[str, Any], feed: dict[str, Any], owned: tuple[str, ...]) -> dict:
    return {**{k: v for k, v in current.items() if k not in owned}, **feed}


def _counts(queryset, field: str, counted: str = "pk") -> dict[int, int]:
    return dict(
        queryset.order_by()
        .values(field)
        .annotate(n=Count(counted, distinct=True))
        .values_list(field, "n")
    )


def _unit_feed(round: Round, year: int, start: dt.date, end: dt.date) -> dict[int, dict]:
    units = Participant.objects.filter(campaign_id=round.campaign_id).values("unit_id")
    unit_ids = [row["unit_id"] for row in units]
    par: dict[int, tuple[Any, str]] = {}
    # A unit assessed under two frameworks of the year (the default and its office's): the
    # latest appraisal is the one that holds.
    for unit_id, total, rating in (
        ParAssessment.objects.filter(
            unit_id__in=units, framework__year=year, state=ParState.APPRAISED
        )
        .order_by("appraised_at", "pk")
        .values_list("unit_id", "appraised_total", "rating")
    ):
        par[unit_id] = (total, rating)
    ratings = dict(
        UnitRating.objects.filter(unit_id__in=units, year=year)
        .exclude(task_rating="")
        .values_list("unit_id", "task_rating")
    )
    violations = _counts(
        Violation.objects.filter(unit_id__in=units, counted=True, occurred_on__range=(start, end)),
        "unit_id",
    )
    initiatives = _counts(
        Initiative.objects.filter(unit_id__in=units, recognized_on__range=(start, end)),
        "unit_id",
    )
    feed: dict[int, dict] = {}
    for unit_id in unit_ids:
        metrics: dict[str, Any] = {}
        if unit_id in par and par[unit_id][0] is not None:
            total, rating = par[unit_id]
            metrics["score"] = number(total)
            if rating:
                metrics["par_rating"] = rating
        if unit_id in ratings:
            metrics["task_rating"] = ratings[unit_id]
        metrics["violations"] = violations.get(unit_id, 0)
        metrics["initiatives"] = initiatives.get(unit_id, 0)
        feed[unit_id] = metrics
    return feed


def _person_feed(round: Round, year: int, start: dt.date, end: dt.date) -> dict[int, dict]:
    people = Competitor.objects.filter(campaign_id=round.campaign_id).values("person_id")
    person_ids = [row["person_id"] for row in people]
    ratings = dict(
        PersonRating.objects.filter(person_id__in=people, year=year)
        .exclude(task_rating="")
        .values_list("person_id", "task_rating")
    )
    violations = _counts(
        Violation.objects.filter(
            person_id__in=people, counted=True, occurred_on__range=(start, end)
        ),
        "person_id",
    )
    initiatives = _counts(
        Initiative.authors.through.objects.filter(
            person_id__in=people, initiative__recognized_on__range=(start, end)
        ),
        "person_id",
        "initiative_id",
    )
    feed: dict[int, dict] = {}
    for person_id in person_ids:
        metrics: dict[str, Any] = {}
        if person_id in ratings:
            metrics["task_rating"] = ratings[person_id]
        metrics["violations"] = violations.get(person_id, 0)
        metrics["initiatives"] = initiatives.get(person_id, 0)
        feed[person_id] = metrics
    return feed


def _write(model, round: Round, field: str, feed: dict[int, dict], owned: tuple) -> int:
    """Create the missing results (not registered) and rewrite the metrics that changed: one
    read, at most one insert and one update."""
    existing = {
        getattr(row, field): row
        for row in model.objects.select_for_update(of=("self",)).filter(
            round_id=round.pk, **{f"{field}__in": list(feed)}
        )
    }
    created = [
        model(round_id=round.pk, registered=False, metrics=metrics, **{field: pk})
        for pk, metrics in feed.items()
        if pk not in existing
    ]
    changed = []
    for pk, row in existing.items():
        merged = _merged(row.metrics, feed[pk], owned)
        if merged != row.metrics:
            row.metrics = merged
            changed.append(row)
    if created:
        model.objects.bulk_create(created, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, ["metrics"], batch_size=500)
    return len(created) + len(changed)


@transaction.atomic
def refresh_round_results(*, round: Round) -> int:
    """Write the feed into every participant unit's and competitor's result of the round;
    how many results were created or changed. A fixed number of queries whatever the number
    of units and people; run twice, the second run writes nothing."""
    round = locked_round(round)
    year, period = round_year(round), round_period(round)
    if year is None or period is None:
        return 0
    start, end = period
    units = _unit_feed(round, year, start, end)
    people = _person_feed(round, year, start, end)
    return _write(UnitResult, round, "unit_id", units, FEED_UNIT_KEYS) + _write(
        PersonResult, round, "person_id", people, FEED_PERSON_KEYS
    )


def _covers(round: Round, year: int) -> bool:
    """The round judges that year, or its period has days in it (a mid-term round over
    several years counts the violations of each)."""
    if round_year(round) == year:
        return True
    period = round_period(round)
    return period is not None and period[0].year <= year <= period[1].year


def refresh_results_for(*, units: set[int], year: int) -> int:
    """Refresh every live round of that year whose campaign has one of these units as a
    participant (or a competitor of it). Called by the services that change what the feed
    reads, inside their transaction."""
    if not units:
        return 0
    rounds = (
        Round.objects.filter(campaign__state__in=CampaignState.LIVE)
        .filter(
            Q(campaign__participants__unit_id__in=units)
            | Q(campaign__competitors__unit_id__in=units)
        )
        .distinct()
        .order_by("pk")
    )
    return sum(refresh_round_results(round=round) for round in rounds if _covers(round, year))


def refresh_live_results(*, campaign_id: int | None = None) -> int:
    """Refresh every round of the live campaigns (or of one campaign, which must be live): the
    step of `thidua refresh_results`, for data changed outside the services (an import)."""
    rounds = Round.objects.filter(campaign__state__in=CampaignState.LIVE)
    if campaign_id is not None:
        rounds = rounds.filter(campaign_id=campaign_id)
    return sum(refresh_round_results(round=round) for round in rounds.order_by("pk"))


@transaction.atomic
def refresh_results(*, actor: Any, round: Round) -> int:
    """The campaign's office brings a round's results up to date with monitoring."""
    round = locked_round(round)
    require(actor, "campaigns.manage_campaign", round.campaign)
    if round.campaign.state not in CampaignState.LIVE:
        raise ValidationError(
            _("Kế hoạch chưa ban hành hoặc đã kết thúc, không thể cập nhật kết quả theo dõi.")
        )
    updated = refresh_round_results(round=round)
    if updated:
        record_audit(
            actor=actor, action="round.refresh_results", obj=round, after={"updated": updated}
        )
    return updated
