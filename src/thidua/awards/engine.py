"""The allocation engine: who is eligible in a round and who takes which seat, as a pure function
of a campaign package (`shared/spec/campaign-package.md`, "Eligibility conditions", "Award
lines", "Output of `thidua allocate`"). No database: the command line, the web proposal and the
explanations on a unit's or a person's page all call these functions on a `Package`.

Decisions where the spec leaves a choice (each one order-independent, never left to chance):
- The candidates of a round are the units and people of its results; a line applies to the
  rounds of its `round_kind`.
- A line's candidates: its subject, block (a person's block is their unit's) and positions,
  eligible, not seated on another exclusive line of the subject (a line with `"exclusive":
  false` neither takes nor is blocked by that rule; ad-hoc lines are outside it), and for
  `from_line` a unit holding a seat of that line (awarded or in a tie that fits).
- "The candidate's unit" (for `from_line` and `per_unit_max`): a person's unit, a collective's
  own code.
- A candidate of a ranked line without its `rank_by` metric is ineligible for the round from
  that line on ("<metric>: missing").
- `per_unit_max`: members of a unit that has used its seats are passed over; a tied group with
  more members of one unit than that unit has seats left is a tie of all the seats left, and the
  line stops, as for a group larger than the seats left.
- Ad-hoc awards: the eligible proposals of the line, listed by code (their order in the file
  does not matter), with `rank` null as the spec says; proposals of one unit beyond
  `per_unit_max` are left to the council as a tie.
- `rank` is 1 + the number of the line's ranked candidates with a strictly better key, so
  equals share their position ("đồng hạng").
"""

from __future__ import annotations

import json
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from thidua.campaigns.package import (
    UNIT_PREFIX,
    Condition,
    Line,
    Package,
    Round,
    RoundResults,
)

COLLECTIVE = "collective"
INDIVIDUAL = "individual"

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
_NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!="}


class _Missing:
    def __repr__(self) -> str:
        return "missing"


MISSING: Any = _Missing()


class UnknownRound(LookupError):
    """The round code is not one of the campaign's rounds."""


@dataclass(frozen=True)
class Check:
    """One condition checked for one candidate, with the value it used."""

    condition: Condition
    applies: bool
    holds: bool
    actual: Any
    missing: bool
    reason: str | None
    options: tuple[Check, ...] = ()


@dataclass(slots=True)
class Candidate:
    subject: str
    code: str
    unit: str  # a person's unit; a collective's own code
    block: str | None
    position: str | None
    flags: dict[str, bool]
    registered: bool
    metrics: dict[str, Any]
    unit_entry: Candidate | None = None  # a person's unit, when it is in the round's results


def show(value: Any) -> str:
    """A value as the reasons write it: JSON numbers and booleans, strings as they are."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class _Round:
    """One round of a package, ready to evaluate: candidates, scales, targets."""

    def __init__(self, package: Package, round_code: str) -> None:
        round = next((r for r in package.campaign.rounds if r.code == round_code), None)
        if round is None:
            raise UnknownRound(round_code)
        self.package = package
        self.round: Round = round
        self.results: RoundResults = package.results.get(round_code, RoundResults())
        self.lines: list[Line] = [line for line in package.scheme if line.round_kind == round.kind]
        declared = {metric.key: metric for metric in package.metrics}
        self._scales: dict[str, tuple[str, ...] | None] = {}
        self._declared = declared
        self.targets = package.campaign.targets
        blocks = {unit.code: unit.block for unit in package.units}
        units: dict[str, Candidate] = {}
        for entry in self.results.units:
            units[entry.unit] = Candidate(
                subject=COLLECTIVE,
                code=entry.unit,
                unit=entry.unit,
                block=blocks.get(entry.unit),
                position=None,
                flags={},
                registered=entry.registered,
                metrics=entry.metrics,
            )
        people = {person.code: person for person in package.people}
        persons: dict[str, Candidate] = {}
        for entry in self.results.people:
            person = people[entry.person]
            persons[entry.person] = Candidate(
                subject=INDIVIDUAL,
                code=entry.person,
                unit=person.unit,
                block=blocks.get(person.unit),
                position=person.position,
                flags={
                    "direct_reform_work": person.direct_reform_work,
                    "female": person.female,
                },
                registered=entry.registered,
                metrics=entry.metrics,
                unit_entry=units.get(person.unit),
            )
        self.candidates = {COLLECTIVE: units, INDIVIDUAL: persons}
        self.conditions = {
            COLLECTIVE: package.eligibility.collective,
            INDIVIDUAL: package.eligibility.individual,
        }
        self._blocks: dict[tuple[str, str | None], list[Candidate]] = {}

    def in_block(self, subject: str, block: str | None) -> list[Candidate]:
        """The candidates of a subject in a block (all of them for None), indexed once."""
        key = (subject, block)
        if key not in self._blocks:
            candidates = self.candidates[subject].values()
            self._blocks[key] = (
                list(candidates)
                if block is None
                else [candidate for candidate in candidates if candidate.block == block]
            )
        return self._blocks[key]

    # Values ----------------------------------------------------------------------------------

    def scale(self, metric: str) -> tuple[str, ...] | None:
        if metric not in self._scales:
            self._scales[metric] = self.package.scale_of(metric)
        return self._scales[metric]

    def value(self, candidate: Candidate, metric: str) -> Any:
        """The candidate's value of a metric (own, `unit.` prefixed, or derived), or MISSING."""
        if metric.startswith(UNIT_PREFIX):
            unit = candidate.unit_entry
            if unit is None:
                return MISSING
            return self.value(unit, metric.removeprefix(UNIT_PREFIX))
        if metric == "registered":
            return candidate.registered
        if metric == "targets_met":
            return self.targets_met(candidate)
        return candidate.metrics.get(metric, MISSING)

    def targets_met(self, candidate: Candidate) -> bool:
        """Every target attained by the candidate's metrics (a person: their own value of a
        metric when given, else their unit's); a target marked `if_applicable` is skipped
        where there is no value, any other target without a value is not attained."""
        for target in self.targets:
            actual = candidate.metrics.get(target.metric, MISSING)
            if actual is MISSING and candidate.unit_entry is not None:
                actual = candidate.unit_entry.metrics.get(target.metric, MISSING)
            if actual is MISSING:
                if target.if_applicable:
                    continue
                return False
            if not self.compare(target.metric, actual, target.op, target.value):
                return False
        return True

    def compare(self, metric: str, actual: Any, op: str, value: Any) -> bool:
        levels = self.scale(metric)
        if levels is not None:
            if actual not in levels or value not in levels:
                return False
            return _COMPARE[op](levels.index(actual), levels.index(value))
        if isinstance(value, bool) != isinstance(actual, bool):
            return False  # a yes/no never equals a number
        return _COMPARE[op](actual, value)

    def rank_value(self, candidate: Candidate, metric: str) -> Any:
        """A sortable value of the rank metric (the level's index on a scale), or MISSING."""
        actual = self.value(candidate, metric)
        if actual is MISSING:
            return MISSING
        levels = self.scale(metric)
        if levels is not None:
            return levels.index(actual) if actual in levels else MISSING
        return int(actual) if isinstance(actual, bool) else actual

    # Conditions ------------------------------------------------------------------------------

    def applies(self, condition: Condition, candidate: Candidate) -> bool:
        where = condition.applies_to
        if where is None:
            return True
        if where.block is not None and candidate.block != where.block:
            return False
        if where.position is not None and candidate.position not in where.position:
            return False
        return where.direct_reform_work is None or (
            candidate.flags.get("direct_reform_work", False) == where.direct_reform_work
        )

    def check(self, condition: Condition, candidate: Candidate) -> Check:
        if not self.applies(condition, candidate):
            return Check(condition, False, True, None, False, None)
        if condition.any is not None:
            options = tuple(self.check(option, candidate) for option in condition.any)
            if any(option.holds and option.applies for option in options) or all(
                not option.applies for option in options
            ):
                return Check(condition, True, True, None, False, None, options)
            failed = [option.reason for option in options if option.reason]
            return Check(condition, True, False, None, False, f"any({' | '.join(failed)})", options)
        metric = condition.metric or ""
        actual = self.value(candidate, metric)
        if actual is MISSING:
            return Check(condition, True, False, None, True, f"{metric}: missing")
        if self.compare(metric, actual, condition.op or "==", condition.value):
            return Check(condition, True, True, actual, False, None)
        reason = (
            f"{metric}: {show(actual)} {_NEGATED[condition.op or '==']} {show(condition.value)}"
        )
        return Check(condition, True, False, actual, False, reason)

    def reason(self, condition: Condition, candidate: Candidate) -> str | None:
        """Why the condition fails for the candidate, or None: `check` without its record,
        for the passes over every candidate."""
        if condition.applies_to is not None and not self.applies(condition, candidate):
            return None
        if condition.any is not None:
            return self.check(condition, candidate).reason
        metric = condition.metric or ""
        actual = self.value(candidate, metric)
        if actual is MISSING:
            return f"{metric}: missing"
        op = condition.op or "=="
        if self.compare(metric, actual, op, condition.value):
            return None
        return f"{metric}: {show(actual)} {_NEGATED[op]} {show(condition.value)}"

    def reasons(self, candidate: Candidate) -> list[str]:
        reasons = []
        for condition in self.conditions[candidate.subject]:
            reason = self.reason(condition, candidate)
            if reason is not None:
                reasons.append(reason)
        return reasons


# Allocation ------------------------------------------------------------------------------------


class _Allocation:
    def __init__(self, evaluated: _Round) -> None:
        self.r = evaluated
        self.ineligible: dict[tuple[str, str], list[str]] = {}
        for subject, candidates in evaluated.candidates.items():
            for code, candidate in candidates.items():
                reasons = evaluated.reasons(candidate)
                if reasons:
                    self.ineligible[(subject, code)] = reasons
        self.removed: set[tuple[str, str]] = set(self.ineligible)
        self.seated: dict[str, set[str]] = defaultdict(set)
        self.holders: dict[str, set[str]] = defaultdict(set)  # line id -> candidates' units
        self.awards: list[dict[str, Any]] = []
        self.ties: list[dict[str, Any]] = []

    def pool(self, line: Line) -> list[Candidate]:
        """The line's candidates, before its rank metric is looked at."""
        found = []
        seated = self.seated[line.subject]
        holders = self.holders.get(line.from_line) if line.from_line else None
        if line.from_line and not holders:
            return found
        for candidate in self.r.in_block(line.subject, line.block):
            code = candidate.code
            if (line.subject, code) in self.removed:
                continue
            if line.positions is not None and candidate.position not in line.positions:
                continue
            if line.exclusive and not line.is_adhoc and code in seated:
                continue
            if line.from_line and (holders is None or candidate.unit not in holders):
                continue
            found.append(candidate)
        return found

    def hold(self, line: Line, candidate: Candidate, used: Counter[str]) -> None:
        if line.exclusive and not line.is_adhoc:
            self.seated[line.subject].add(candidate.code)
        used[candidate.unit] += 1
        self.holders[line.id].add(candidate.unit)

    def adhoc(self, line: Line) -> None:
        listed = {item.code for item in self.r.results.adhoc if item.line == line.id}
        eligible = sorted(
            (candidate for candidate in self.pool(line) if candidate.code in listed),
            key=lambda candidate: candidate.code,
        )
        used: Counter[str] = Counter()
        if line.per_unit_max is not None:
            per_unit: dict[str, list[Candidate]] = defaultdict(list)
            for candidate in eligible:
                per_unit[candidate.unit].append(candidate)
            crowded = {
                unit: members
                for unit, members in per_unit.items()
                if len(members) > line.per_unit_max
            }
            for unit in sorted(crowded):
                self.ties.append(
                    {
                        "line": line.id,
                        "seats": line.per_unit_max,
                        "tiers": None,
                        "candidates": [candidate.code for candidate in crowded[unit]],
                    }
                )
            eligible = [candidate for candidate in eligible if candidate.unit not in crowded]
        for candidate in eligible:
            self.awards.append(
                {
                    "line": line.id,
                    "subject": line.subject,
                    "code": candidate.code,
                    "tier": None,
                    "rank": None,
                }
            )
            self.hold(line, candidate, used)

    def ranked(self, line: Line) -> None:
        seats: list[str | None] = (
            [tier.name for tier in line.tiers for _ in range(tier.count)]
            if line.tiers
            else [None] * (line.count or 0)
        )
        keyed: list[tuple[tuple, Candidate]] = []
        for candidate in self.pool(line):
            value = self.r.rank_value(candidate, line.rank_by)
            if value is MISSING:
                self.ineligible[(line.subject, candidate.code)] = [f"{line.rank_by}: missing"]
                self.removed.add((line.subject, candidate.code))
                continue
            key = (
                *(candidate.flags.get(flag, False) for flag in line.priority),
                value,
                *(candidate.flags.get(flag, False) for flag in line.tie_break),
            )
            keyed.append((key, candidate))
        keyed.sort(key=lambda item: item[1].code)
        keyed.sort(key=lambda item: item[0], reverse=True)
        groups: list[tuple[int, list[Candidate]]] = []
        for index, (key, candidate) in enumerate(keyed):
            if groups and keyed[index - 1][0] == key:
                groups[-1][1].append(candidate)
            else:
                groups.append((index + 1, [candidate]))
        used: Counter[str] = Counter()
        position = 0
        total = len(seats)
        for rank, group in groups:
            if position >= total:
                break
            members = group
            crowded = False
            if line.per_unit_max is not None:
                members = [m for m in group if used[m.unit] < line.per_unit_max]
                per_unit = Counter(m.unit for m in members)
                crowded = any(
                    count > line.per_unit_max - used[unit] for unit, count in per_unit.items()
                )
            if not members:
                continue
            left = total - position
            codes = sorted(m.code for m in members)
            if crowded or len(members) > left:
                self.ties.append(
                    {
                        "line": line.id,
                        "seats": left,
                        "tiers": seats[position:] if line.tiers else None,
                        "candidates": codes,
                    }
                )
                return
            tiers = seats[position : position + len(members)]
            if line.tiers and len(set(tiers)) > 1:
                self.ties.append(
                    {"line": line.id, "seats": len(members), "tiers": tiers, "candidates": codes}
                )
            else:
                for member in sorted(members, key=lambda m: m.code):
                    self.awards.append(
                        {
                            "line": line.id,
                            "subject": line.subject,
                            "code": member.code,
                            "tier": tiers[0],
                            "rank": rank,
                        }
                    )
            for member in members:
                self.hold(line, member, used)
            position += len(members)

    def run(self) -> dict[str, Any]:
        for line in self.r.lines:
            if line.is_adhoc:
                self.adhoc(line)
            else:
                self.ranked(line)
        return {
            "round": self.r.round.code,
            "awards": self.awards,
            "ties": self.ties,
            "ineligible": [
                {"subject": subject, "code": code, "reasons": reasons}
                for (subject, code), reasons in sorted(self.ineligible.items())
            ],
        }


def allocate(package: Package, round_code: str) -> dict[str, Any]:
    """The allocation of a round, exactly as `thidua allocate FILE --round CODE` prints it."""
    return _Allocation(_Round(package, round_code)).run()


def eligibility(package: Package, round_code: str) -> dict[tuple[str, str], list[str]]:
    """{(subject, code): reasons} of the round's candidates that fail a condition."""
    evaluated = _Round(package, round_code)
    failing = {}
    for subject, candidates in evaluated.candidates.items():
        for code, candidate in candidates.items():
            reasons = evaluated.reasons(candidate)
            if reasons:
                failing[(subject, code)] = reasons
    return failing


def explain(package: Package, round_code: str, subject: str, code: str) -> list[Check]:
    """Every condition of the subject, in the package's order, checked for one candidate of
    the round (a `LookupError` when it is not among the round's results)."""
    evaluated = _Round(package, round_code)
    candidate = evaluated.candidates[subject].get(code)
    if candidate is None:
        raise LookupError(code)
    return [evaluated.check(condition, candidate) for condition in evaluated.conditions[subject]]


def rounds_of(package: Package) -> Iterable[str]:
    return (round.code for round in package.campaign.rounds)
