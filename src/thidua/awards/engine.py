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
  that line on ("<metric>: missing"), unless it is already awarded or in a tie this round:
  then it is only not ranked on that line (never both awarded and ineligible).
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
from collections.abc import Callable, Iterable, Iterator
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


class Candidate:
    """A unit or a person of the round's results, as the engine reads it."""

    __slots__ = (
        "block",
        "code",
        "direct_reform_work",
        "female",
        "metrics",
        "position",
        "registered",
        "subject",
        "unit",
        "unit_entry",
    )

    def __init__(
        self,
        subject: str,
        code: str,
        unit: str,  # a person's unit; a collective's own code
        block: str | None,
        position: str | None,
        direct_reform_work: bool,
        female: bool,
        registered: bool,
        metrics: dict[str, Any],
        unit_entry: Candidate | None = None,  # a person's unit, when in the round's results
    ) -> None:
        self.subject = subject
        self.code = code
        self.unit = unit
        self.block = block
        self.position = position
        self.direct_reform_work = direct_reform_work
        self.female = female
        self.registered = registered
        self.metrics = metrics
        self.unit_entry = unit_entry

    def flag(self, name: str) -> bool:
        return bool(getattr(self, name, False))


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
        units: dict[str, Candidate] = {
            entry.unit: Candidate(
                COLLECTIVE,
                entry.unit,
                entry.unit,
                blocks.get(entry.unit),
                None,
                False,
                False,
                entry.registered,
                entry.metrics,
            )
            for entry in self.results.units
        }
        people = {person.code: person for person in package.people}
        persons: dict[str, Candidate] = {}
        for entry in self.results.people:
            person = people[entry.person]
            persons[entry.person] = Candidate(
                INDIVIDUAL,
                entry.person,
                person.unit,
                blocks.get(person.unit),
                person.position,
                person.direct_reform_work,
                person.female,
                entry.registered,
                entry.metrics,
                units.get(person.unit),
            )
        self.candidates = {COLLECTIVE: units, INDIVIDUAL: persons}
        self.conditions = {
            COLLECTIVE: package.eligibility.collective,
            INDIVIDUAL: package.eligibility.individual,
        }
        self._blocks: dict[tuple[str, str | None], list[Candidate]] = {}
        self._met: dict[tuple[str, str], bool] = {}
        self._ranks: dict[tuple[str, str], dict[str, Any]] = {}

    def rank_values(self, subject: str, metric: str) -> dict[str, Any]:
        """{code: sortable value} of a rank metric for the subject's candidates that have it,
        computed once for all the lines that rank by it."""
        key = (subject, metric)
        if key not in self._ranks:
            candidates = self.candidates[subject]
            base = metric.removeprefix(UNIT_PREFIX)
            if base in ("registered", "targets_met"):
                found = {code: self.rank_value(c, metric) for code, c in candidates.items()}
            else:
                on_unit = metric.startswith(UNIT_PREFIX)
                found = {}
                for code, candidate in candidates.items():
                    owner = candidate.unit_entry if on_unit else candidate
                    if owner is not None:
                        found[code] = owner.metrics.get(base, MISSING)
                levels = self.scale(metric)
                if levels is not None:
                    index = {level: i for i, level in enumerate(levels)}
                    found = {code: index.get(value, MISSING) for code, value in found.items()}
                else:
                    found = {
                        code: int(value) if value is True or value is False else value
                        for code, value in found.items()
                    }
            self._ranks[key] = {code: v for code, v in found.items() if v is not MISSING}
        return self._ranks[key]

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
        key = (candidate.subject, candidate.code)
        met = self._met.get(key)
        if met is None:
            met = self._met[key] = self._targets_met(candidate)
        return met

    def _targets_met(self, candidate: Candidate) -> bool:
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
        return (
            where.direct_reform_work is None
            or candidate.direct_reform_work == where.direct_reform_work
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

    def failing(self, subject: str) -> dict[str, list[str]]:
        """{code: reasons} of the subject's candidates that fail a condition: one pass over
        the candidates per condition, the comparison prepared once (levels indexed, the
        threshold placed), the reasons of each candidate in the order of the conditions."""
        candidates = list(self.candidates[subject].values())
        failing: dict[str, list[str]] = {}
        for condition in self.conditions[subject]:
            if condition.any is not None:
                checks = ((c.code, self.check(condition, c)) for c in candidates)
                found = [(code, check.reason) for code, check in checks if check.reason]
            elif condition.applies_to is not None:
                applying = [c for c in candidates if self.applies(condition, c)]
                found = self._column(condition, applying)
            else:
                found = self._column(condition, candidates)
            for code, reason in found:
                failing.setdefault(code, []).append(reason)
        return failing

    def _column(self, condition: Condition, candidates: list[Candidate]) -> list[tuple[str, str]]:
        metric = condition.metric or ""
        op = condition.op or "=="
        compare = _COMPARE[op]
        threshold = condition.value
        negated = f" {_NEGATED[op]} {show(threshold)}"
        missing = f"{metric}: missing"
        base = metric.removeprefix(UNIT_PREFIX)
        derived = base in ("registered", "targets_met")
        on_unit = metric.startswith(UNIT_PREFIX)
        levels = self.scale(metric)
        index = {level: i for i, level in enumerate(levels)} if levels is not None else None
        limit = index.get(threshold) if index is not None else None
        yes_no = isinstance(threshold, bool)
        found: list[tuple[str, str]] = []
        for candidate in candidates:
            if derived:
                actual = self.value(candidate, metric)
            else:
                owner = candidate.unit_entry if on_unit else candidate
                actual = MISSING if owner is None else owner.metrics.get(base, MISSING)
            if actual is MISSING:
                found.append((candidate.code, missing))
                continue
            if index is not None:
                position = index.get(actual)
                ok = position is not None and limit is not None and compare(position, limit)
            elif isinstance(actual, bool) != yes_no:
                ok = False
            else:
                ok = compare(actual, threshold)
            if not ok:
                found.append((candidate.code, f"{metric}: {show(actual)}{negated}"))
        return found


# Allocation ------------------------------------------------------------------------------------


class _Allocation:
    def __init__(self, evaluated: _Round) -> None:
        self.r = evaluated
        self.ineligible: dict[tuple[str, str], list[str]] = {}
        self.removed: dict[str, set[str]] = {}
        for subject in evaluated.candidates:
            failing = evaluated.failing(subject)
            self.ineligible.update(((subject, code), reasons) for code, reasons in failing.items())
            self.removed[subject] = set(failing)
        # Candidates awarded or in a tie this round: a later line's missing rank metric does not
        # make them ineligible (they are simply not ranked there).
        self.placed: dict[str, set[str]] = defaultdict(set)
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
        removed = self.removed[line.subject]
        for candidate in self.r.in_block(line.subject, line.block):
            code = candidate.code
            if code in removed:
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
        values = self.r.rank_values(line.subject, line.rank_by)
        placed = self.placed[line.subject]
        flagged = bool(line.priority or line.tie_break)
        keyed: list[tuple[Any, Candidate]] = []
        for candidate in self.pool(line):
            value = values.get(candidate.code, MISSING)
            if value is MISSING:
                if candidate.code not in placed:
                    self.ineligible[(line.subject, candidate.code)] = [f"{line.rank_by}: missing"]
                    self.removed[line.subject].add(candidate.code)
                continue
            if flagged:
                value = (
                    *(candidate.flag(flag) for flag in line.priority),
                    value,
                    *(candidate.flag(flag) for flag in line.tie_break),
                )
            keyed.append((value, candidate))
        # Best first; the order inside a group of equals does not matter (members are
        # written by code), so one sort on the key alone.
        keyed.sort(key=lambda item: item[0], reverse=True)

        def groups() -> Iterator[tuple[int, list[Candidate]]]:
            """(rank, members) of each group of equal keys, lazily: most candidates are never
            reached."""
            start = 0
            while start < len(keyed):
                key = keyed[start][0]
                end = start + 1
                while end < len(keyed) and keyed[end][0] == key:
                    end += 1
                yield start + 1, [candidate for _key, candidate in keyed[start:end]]
                start = end

        used: Counter[str] = Counter()
        position = 0
        total = len(seats)
        for rank, group in groups():
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
            awards, ties = len(self.awards), len(self.ties)
            if line.is_adhoc:
                self.adhoc(line)
            else:
                self.ranked(line)
            placed = self.placed[line.subject]
            placed.update(award["code"] for award in self.awards[awards:])
            for tie in self.ties[ties:]:
                placed.update(tie["candidates"])
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
    return {
        (subject, code): reasons
        for subject in evaluated.candidates
        for code, reasons in evaluated.failing(subject).items()
    }


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
