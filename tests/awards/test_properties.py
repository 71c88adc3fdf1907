"""Properties of the allocation over generated packages (issue 6).

Each test states one rule of `shared/spec/campaign-package.md` ("Award lines", "Eligibility
conditions", "Results of a round", "Output") as a property of `allocate()`'s output, checked
against an independent reading of the raw JSON (`Round` below: eligibility, values, rank keys,
written from the spec, not from the engine). The packages come from `tests.awards.strategies`.

Words used below, from the spec:
- the *key* of a candidate on a line: (its `priority` flags, its `rank_by` value, on the
  metric's scale when it has one, its `tie_break` flags), higher is better;
- a *group*: the line's candidates with one key;
- a tie *goes past* when the line allocates something (an award or another tie) with a worse
  key after it: only a group that fits can do that, so its members hold seats.
"""

from __future__ import annotations

import json
import operator
from collections import Counter, defaultdict
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.awards.strategies import packages, shuffled
from thidua.awards.engine import allocate
from thidua.campaigns.package import read_package

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

BUILTIN_SCALES = {
    "task_rating": ["KHTNV", "HTNV", "HTTNV", "HTXSNV"],
    "party_rating": ["KHTNV", "HTNV", "HTTNV", "HTXSNV"],
    "par_rating": ["Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"],
}
COMPARE = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!="}
MISSING: Any = object()


def show(value: Any) -> str:
    """A value in a reason: strings raw, numbers and booleans as JSON writes them."""
    return value if isinstance(value, str) else json.dumps(value)


def is_adhoc(line: dict[str, Any]) -> bool:
    return line.get("count") is None and not line.get("tiers")


def seats_of(line: dict[str, Any]) -> int:
    return (
        line["count"] if line.get("count") is not None else sum(t["count"] for t in line["tiers"])
    )


class Round:
    """The spec's reading of one round of a raw package, written for these tests."""

    def __init__(self, data: dict[str, Any], code: str) -> None:
        self.data = data
        self.kind = next(r["kind"] for r in data["campaign"]["rounds"] if r["code"] == code)
        results = data.get("results", {}).get(code, {})
        self.entries = {
            "collective": {e["unit"]: e for e in results.get("units", [])},
            "individual": {e["person"]: e for e in results.get("people", [])},
        }
        self.adhoc = results.get("adhoc", [])
        self.units = {u["code"]: u for u in data.get("units", [])}
        self.people = {p["code"]: p for p in data.get("people", [])}
        self.lines = [line for line in data.get("scheme", []) if line["round_kind"] == self.kind]
        self.line = {line["id"]: line for line in data.get("scheme", [])}
        self.declared = {m["key"]: m for m in data.get("metrics", [])}
        self.known_scales = {**BUILTIN_SCALES, **data.get("scales", {})}

    def candidates(self, subject: str) -> list[str]:
        return list(self.entries[subject])

    def unit_of(self, subject: str, code: str) -> str:
        return code if subject == "collective" else self.people[code]["unit"]

    def block_of(self, subject: str, code: str) -> str | None:
        return self.units[self.unit_of(subject, code)].get("block")

    def flag(self, code: str, name: str) -> bool:
        return self.people[code].get(name, False)

    def scale(self, metric: str) -> list[str] | None:
        key = metric.removeprefix("unit.")
        scale = self.declared.get(key, {}).get("scale")
        return self.known_scales.get(scale or key)

    def metrics(self, subject: str, code: str) -> dict[str, Any]:
        return self.entries[subject][code].get("metrics", {})

    def unit_metrics(self, person: str) -> dict[str, Any]:
        entry = self.entries["collective"].get(self.people[person]["unit"])
        return entry.get("metrics", {}) if entry is not None else {}

    def value(self, subject: str, code: str, metric: str) -> Any:
        if metric == "registered":
            return self.entries[subject][code].get("registered", False)
        if metric == "targets_met":
            return self.targets_met(subject, code)
        if metric.startswith("unit."):
            return self.unit_metrics(code).get(metric.removeprefix("unit."), MISSING)
        return self.metrics(subject, code).get(metric, MISSING)

    def targets_met(self, subject: str, code: str) -> bool:
        for target in self.data["campaign"].get("targets", []):
            actual = self.metrics(subject, code).get(target["metric"], MISSING)
            if actual is MISSING and subject == "individual":
                actual = self.unit_metrics(code).get(target["metric"], MISSING)
            if actual is MISSING:
                if target.get("if_applicable", False):
                    continue
                return False
            if not COMPARE[target["op"]](actual, target["value"]):
                return False
        return True

    def applies(self, condition: dict[str, Any], subject: str, code: str) -> bool:
        filters = condition.get("applies_to") or {}
        if "block" in filters and self.block_of(subject, code) != filters["block"]:
            return False
        if "position" in filters and self.people[code]["position"] not in filters["position"]:
            return False
        return not (
            "direct_reform_work" in filters
            and self.flag(code, "direct_reform_work") != filters["direct_reform_work"]
        )

    def failure(self, condition: dict[str, Any], subject: str, code: str) -> str | None:
        """The reason a condition fails for a candidate, or None when it holds."""
        if "any" in condition:
            reasons = [self.failure(option, subject, code) for option in condition["any"]]
            if None in reasons:
                return None
            return "any(" + " | ".join(reasons) + ")"
        metric, op, value = condition["metric"], condition["op"], condition["value"]
        actual = self.value(subject, code, metric)
        if actual is MISSING:
            return f"{metric}: missing"
        levels = self.scale(metric)
        left, right = (levels.index(actual), levels.index(value)) if levels else (actual, value)
        if COMPARE[op](left, right):
            return None
        return f"{metric}: {show(actual)} {NEGATED[op]} {show(value)}"

    def reasons(self, subject: str, code: str) -> list[str]:
        reasons = []
        for condition in self.data.get("eligibility", {}).get(subject, []):
            if self.applies(condition, subject, code):
                reason = self.failure(condition, subject, code)
                if reason is not None:
                    reasons.append(reason)
        return reasons

    def eligible(self, subject: str, code: str) -> bool:
        return code in self.entries[subject] and not self.reasons(subject, code)

    def matches(self, line: dict[str, Any], code: str) -> bool:
        """The line's block and positions admit the candidate."""
        subject = line["subject"]
        if line.get("block") is not None and self.block_of(subject, code) != line["block"]:
            return False
        positions = line.get("positions")
        return positions is None or self.people[code]["position"] in positions

    def key(self, line: dict[str, Any], code: str) -> tuple | None:
        """The candidate's rank key on the line (higher is better), None without `rank_by`."""
        subject = line["subject"]
        metric = line.get("rank_by", "score")
        value = self.metrics(subject, code).get(metric, MISSING)
        if value is MISSING:
            return None
        levels = self.scale(metric)
        return (
            tuple(self.flag(code, f) for f in line.get("priority", [])),
            levels.index(value) if levels else value,
            tuple(self.flag(code, f) for f in line.get("tie_break", [])),
        )


class Outcome:
    """`allocate()`'s output, by line."""

    def __init__(self, out: dict[str, Any]) -> None:
        self.out = out
        self.awards: dict[str, list[dict]] = defaultdict(list)
        self.ties: dict[str, list[dict]] = defaultdict(list)
        for award in out["awards"]:
            self.awards[award["line"]].append(award)
        for tie in out["ties"]:
            self.ties[tie["line"]].append(tie)
        self.ineligible = {(i["subject"], i["code"]): i["reasons"] for i in out["ineligible"]}

    def awarded(self, line_id: str) -> set[str]:
        return {a["code"] for a in self.awards[line_id]}

    def tied(self, line_id: str) -> set[str]:
        return {code for tie in self.ties[line_id] for code in tie["candidates"]}

    def held(self, line_id: str) -> set[str]:
        """Awarded or in a tie: the widest reading of "holds a seat"."""
        return self.awarded(line_id) | self.tied(line_id)

    def seated(self, world: Round, line: dict[str, Any]) -> set[str]:
        """Awarded, or in a tie that surely fits (so its members hold seats): the narrowest
        reading of "holds a seat". A tie as large as its seats fits unless `per_unit_max`
        stopped the line there; a tie the line went past fits."""
        seated = self.awarded(line["id"])
        for tie in self.ties[line["id"]]:
            if len(tie["candidates"]) == tie["seats"] and line.get("per_unit_max") is None:
                seated |= set(tie["candidates"])
        for tie in self.ties_gone_past(world, line):
            seated |= set(tie["candidates"])
        return seated

    def ties_gone_past(self, world: Round, line: dict[str, Any]) -> list[dict]:
        """The ties of the line after which it allocated more: groups that fit and hold seats."""
        keys = [world.key(line, a["code"]) for a in self.awards[line["id"]]]
        keys += [world.key(line, t["candidates"][0]) for t in self.ties[line["id"]]]
        return [
            tie
            for tie in self.ties[line["id"]]
            if any(k < world.key(line, tie["candidates"][0]) for k in keys)
        ]


def run(data: dict[str, Any], code: str) -> tuple[Round, Outcome]:
    return Round(data, code), Outcome(allocate(read_package(data), code))


def sure_candidates(world: Round, outcome: Outcome, line: dict[str, Any]) -> set[str]:
    """Codes that are candidates of a ranked line under every reading of the spec: eligible
    (and not declared unrankable), matching block and positions, with a key, not holding
    anything on an earlier exclusive line of the subject, from a unit holding a seat of the
    `from_line` (narrowest reading), and not passed over by `per_unit_max` (their unit
    already holds that many seats of the line with a better key)."""
    subject = line["subject"]
    index = world.lines.index(line)
    taken: set[str] = set()
    if line.get("exclusive", True):
        for earlier in world.lines[:index]:
            if (
                earlier["subject"] == subject
                and earlier.get("exclusive", True)
                and not is_adhoc(earlier)
            ):
                taken |= outcome.held(earlier["id"])
    source = None
    if line.get("from_line"):
        source = outcome.seated(world, world.line[line["from_line"]])
    codes = set()
    for code in world.candidates(subject):
        if (
            not world.eligible(subject, code)
            or (subject, code) in outcome.ineligible
            or not world.matches(line, code)
            or world.key(line, code) is None
            or code in taken
            or (source is not None and world.unit_of(subject, code) not in source)
        ):
            continue
        codes.add(code)
    limit = line.get("per_unit_max")
    if limit is not None:
        holders = [
            (world.unit_of(subject, c), world.key(line, c)) for c in outcome.held(line["id"])
        ]
        codes = {
            code
            for code in codes
            if code in outcome.held(line["id"])
            or sum(
                1
                for unit, key in holders
                if unit == world.unit_of(subject, code) and key > world.key(line, code)
            )
            < limit
        }
    return codes


# --- Seats --------------------------------------------------------------------------------


@PROPERTY
@given(packages())
def test_a_line_never_gives_more_seats_than_it_has(drawn):
    """Awards plus the seats of its ties never exceed a line's `count` (or its tiers' total),
    nor a tier its own count; a line of another round kind gives nothing."""
    world, outcome = run(*drawn)

    for line in world.data["scheme"]:
        awards, ties = outcome.awards[line["id"]], outcome.ties[line["id"]]
        if line not in world.lines:
            assert (awards, ties) == ([], [])
            continue
        if is_adhoc(line):
            assert {a["tier"] for a in awards} <= {None}
            continue
        assert len(awards) + sum(t["seats"] for t in ties) <= seats_of(line)
        if not line.get("tiers"):
            assert {a["tier"] for a in awards} <= {None}
            assert all(t["tiers"] is None for t in ties)
            continue
        used = Counter(a["tier"] for a in awards)
        for tie in ties:
            assert len(tie["tiers"]) == tie["seats"]
            used.update(tie["tiers"])
        limits = {tier["name"]: tier["count"] for tier in line["tiers"]}
        assert set(used) <= set(limits)
        assert all(used[name] <= limits[name] for name in used)


@PROPERTY
@given(packages())
def test_adhoc_lines_award_exactly_the_listed_eligible_candidates(drawn):
    """Every proposal of the round that names a candidate of the round who is eligible, of
    the line's block and positions and (for `from_line`) of a unit holding a seat of that
    line is awarded, with no tier and no rank (spec: "`rank` ... null on ad-hoc lines"), and
    nothing else is; under `per_unit_max` a unit proposed more often than that is left to the
    council as a tie of its proposals."""
    world, outcome = run(*drawn)

    for line in world.lines:
        if not is_adhoc(line):
            continue
        subject = line["subject"]
        listed = {p["code"] for p in world.adhoc if p["line"] == line["id"]}
        source = world.line.get(line.get("from_line"))
        eligible = {
            code
            for code in listed
            if world.eligible(subject, code)
            and world.matches(line, code)
            and (source is None or world.unit_of(subject, code) in outcome.held(source["id"]))
        }
        sure = {
            code
            for code in eligible
            if (subject, code) not in outcome.ineligible
            and (source is None or world.unit_of(subject, code) in outcome.seated(world, source))
        }
        awards = outcome.awards[line["id"]]
        assert sure <= outcome.held(line["id"]) <= eligible
        assert [(a["subject"], a["tier"], a["rank"]) for a in awards] == [
            (subject, None, None) for _ in awards
        ]
        limit = line.get("per_unit_max")
        per_unit = Counter(world.unit_of(subject, code) for code in outcome.held(line["id"]))
        expected_ties = [
            {
                "line": line["id"],
                "seats": limit,
                "tiers": None,
                "candidates": sorted(
                    code
                    for code in outcome.held(line["id"])
                    if world.unit_of(subject, code) == unit
                ),
            }
            for unit in sorted(per_unit)
            if limit is not None and per_unit[unit] > limit
        ]
        assert outcome.ties[line["id"]] == expected_ties


# --- Eligibility --------------------------------------------------------------------------


@PROPERTY
@given(packages())
def test_no_ineligible_candidate_is_awarded_or_tied(drawn):
    """Every code awarded or in a tie passes every condition that applies to it (checked by
    `Round`, not by the engine), and no code is both awarded or tied and listed ineligible."""
    world, outcome = run(*drawn)

    for line in world.lines:
        subject = line["subject"]
        for code in outcome.held(line["id"]):
            assert world.eligible(subject, code), (line["id"], code, world.reasons(subject, code))
            assert (subject, code) not in outcome.ineligible, (line["id"], code)


@PROPERTY
@given(packages())
def test_ineligible_lists_every_failing_candidate_with_all_its_reasons(drawn):
    """`ineligible` holds every candidate of the round that fails a condition, with every
    reason in the order of the conditions; its only other entries are candidates lacking the
    `rank_by` metric of a ranked line, which the first line of a subject always reports."""
    world, outcome = run(*drawn)

    expected = {
        (subject, code): world.reasons(subject, code)
        for subject in ("collective", "individual")
        for code in world.candidates(subject)
        if world.reasons(subject, code)
    }
    unrankable = {
        key: reasons for key, reasons in outcome.ineligible.items() if key not in expected
    }
    assert {key: outcome.ineligible.get(key) for key in expected} == expected
    for (subject, code), reasons in unrankable.items():
        # The only other way out of a round: lacking the rank_by metric of one of its lines.
        missing = {
            line.get("rank_by", "score")
            for line in world.lines
            if line["subject"] == subject and not is_adhoc(line)
        } - set(world.metrics(subject, code))
        assert len(reasons) == 1 and reasons[0].endswith(": missing"), reasons
        assert reasons[0].removesuffix(": missing") in missing
    for subject in ("collective", "individual"):
        first = next((line for line in world.lines if line["subject"] == subject), None)
        if first is None or is_adhoc(first) or first.get("from_line"):
            continue
        # The first line of a subject: every eligible candidate it admits is its candidate.
        metric = first.get("rank_by", "score")
        for code in world.candidates(subject):
            if (
                world.eligible(subject, code)
                and world.matches(first, code)
                and world.key(first, code) is None
            ):
                assert outcome.ineligible[(subject, code)] == [f"{metric}: missing"]


# --- The one-seat rule, from_line, per_unit_max -------------------------------------------


@PROPERTY
@given(packages())
def test_a_candidate_holds_at_most_one_seat_across_exclusive_lines(drawn):
    """Across the exclusive ranked lines of a subject, a candidate holds a seat (awarded, or
    in a tie that surely fits) on one line at most, and nothing on the lines after it."""
    world, outcome = run(*drawn)

    for subject in ("collective", "individual"):
        exclusive = [
            line
            for line in world.lines
            if line["subject"] == subject and line.get("exclusive", True) and not is_adhoc(line)
        ]
        seats = Counter()
        for index, line in enumerate(exclusive):
            seated = outcome.seated(world, line)
            seats.update(seated)
            for later in exclusive[index + 1 :]:
                assert not seated & outcome.held(later["id"]), (line["id"], later["id"])
        assert all(count == 1 for count in seats.values()), seats


@PROPERTY
@given(packages())
def test_from_line_takes_only_candidates_of_units_holding_a_seat_of_that_line(drawn):
    """Everyone awarded or tied on a `from_line` line belongs to a unit awarded or tied on
    the named line (a person's unit, a collective itself)."""
    world, outcome = run(*drawn)

    for line in world.lines:
        if not line.get("from_line"):
            continue
        source = outcome.held(line["from_line"])
        for code in outcome.held(line["id"]):
            assert world.unit_of(line["subject"], code) in source, (line["id"], code)


@PROPERTY
@given(packages())
def test_per_unit_max_counts_awards_and_the_seats_of_ties(drawn):
    """Per unit, awards plus members of the ties the line went past stay within
    `per_unit_max` (a final tie may be the one that stopped the line because of it)."""
    world, outcome = run(*drawn)

    for line in world.lines:
        limit = line.get("per_unit_max")
        if limit is None:
            continue
        subject = line["subject"]
        awarded = Counter(world.unit_of(subject, a["code"]) for a in outcome.awards[line["id"]])
        if is_adhoc(line):
            assert max(awarded.values(), default=0) <= limit, (line["id"], awarded)
            continue
        holding = awarded + Counter(
            world.unit_of(subject, code)
            for tie in outcome.ties_gone_past(world, line)
            for code in tie["candidates"]
        )
        assert max(holding.values(), default=0) <= limit, (line["id"], holding)


# --- Ranking and ties ---------------------------------------------------------------------


@PROPERTY
@given(packages())
def test_equal_keys_are_never_split_between_a_seat_and_none(drawn):
    """Every tie is reported (spec, "Ties"): a group of the line is never split. It is
    awarded whole in one tier (it fits, one tier), or reported whole in one tie entry (it
    fits but straddles tiers, `seats` its size; or it is larger than the seats left, all of
    them, and the line stops), or none of it holds anything on the line (the line was full or
    had stopped before it). Each tie entry is one group: its candidates share one key."""
    world, outcome = run(*drawn)

    for line in world.lines:
        if is_adhoc(line):
            continue
        groups = defaultdict(set)
        for code in sure_candidates(world, outcome, line):
            groups[world.key(line, code)].add(code)
        tier = {a["code"]: a["tier"] for a in outcome.awards[line["id"]]}
        entry = {
            code: i for i, t in enumerate(outcome.ties[line["id"]]) for code in t["candidates"]
        }
        for key, group in groups.items():
            if group <= set(tier):
                assert len({tier[code] for code in group}) == 1, (line["id"], group, tier)
            elif group <= set(entry):
                assert len({entry[code] for code in group}) == 1, (line["id"], group)
            else:
                assert not group & (set(tier) | set(entry)), (line["id"], key, group, outcome.out)
        for tie in outcome.ties[line["id"]]:
            assert len({world.key(line, code) for code in tie["candidates"]}) == 1, tie


@PROPERTY
@given(packages())
def test_a_better_key_is_never_passed_over_for_a_worse_one(drawn):
    """If a candidate is awarded, every sure candidate with a better key holds a seat of the
    line, in a tier no worse; a tie before it is a group that fitted."""
    world, outcome = run(*drawn)

    for line in world.lines:
        if is_adhoc(line):
            continue
        order = [tier["name"] for tier in line.get("tiers") or []]
        position = {name: i for i, name in enumerate(order)}
        sure = sure_candidates(world, outcome, line)
        for award in outcome.awards[line["id"]]:
            key = world.key(line, award["code"])
            better = {code for code in sure if world.key(line, code) > key}
            assert better <= outcome.held(line["id"]), (line["id"], award, better)
            for other in outcome.awards[line["id"]]:
                if other["code"] in better and order:
                    assert position[other["tier"]] <= position[award["tier"]]
            for tie in outcome.ties[line["id"]]:
                if world.key(line, tie["candidates"][0]) > key:
                    # Only a group that fits lets the line go on.
                    assert len(tie["candidates"]) == tie["seats"], tie
                    if order:
                        assert position[tie["tiers"][-1]] <= position[award["tier"]]


@PROPERTY
@given(packages())
def test_a_line_with_candidates_gives_its_best_candidate_a_seat_or_a_tie(drawn):
    """A line never has to fill its seats, but it does rank its candidates: the best of them
    is awarded or tied, unless someone with a better key holds the line's seats."""
    world, outcome = run(*drawn)

    for line in world.lines:
        if is_adhoc(line):
            continue
        sure = sure_candidates(world, outcome, line)
        if not sure:
            continue
        best = max(world.key(line, code) for code in sure)
        held = outcome.held(line["id"])
        assert any(world.key(line, code) >= best for code in held), (line["id"], outcome.out)


@PROPERTY
@given(packages())
def test_a_group_larger_than_the_seats_left_takes_them_all_and_stops_the_line(drawn):
    """A tie with more candidates than seats reports every seat left and is the line's last
    word: nobody with a worse key holds anything on the line."""
    world, outcome = run(*drawn)

    for line in world.lines:
        if is_adhoc(line):
            continue
        for tie in outcome.ties[line["id"]]:
            if len(tie["candidates"]) <= tie["seats"]:
                continue
            key = world.key(line, tie["candidates"][0])
            taken = len(outcome.awards[line["id"]]) + sum(
                t["seats"] for t in outcome.ties[line["id"]]
            )
            assert taken == seats_of(line), (line["id"], outcome.out)
            assert all(
                world.key(line, code) > key
                for code in outcome.held(line["id"]) - set(tie["candidates"])
            )


@PROPERTY
@given(packages())
def test_rank_is_one_more_than_the_candidates_ranked_strictly_better(drawn):
    """Equal keys share a rank, better keys rank before; on the first line of a subject,
    whose candidates are known exactly, rank = 1 + the candidates with a strictly better key."""
    world, outcome = run(*drawn)

    first_lines = {}
    for line in world.lines:
        first_lines.setdefault(line["subject"], line)
    for line in world.lines:
        if is_adhoc(line):
            continue
        subject = line["subject"]
        if line is first_lines[subject] and not line.get("from_line"):
            # The first line of its subject: its candidates are known exactly.
            ranked = [
                world.key(line, code)
                for code in world.candidates(subject)
                if world.eligible(subject, code)
                and world.matches(line, code)
                and world.key(line, code) is not None
            ]
        else:
            ranked = None
        sure = [world.key(line, code) for code in sure_candidates(world, outcome, line)]
        for award in outcome.awards[line["id"]]:
            key = world.key(line, award["code"])
            if ranked is not None:
                assert award["rank"] == 1 + sum(k > key for k in ranked), (award, outcome.out)
            assert award["rank"] >= 1 + sum(k > key for k in sure), award
            for other in outcome.awards[line["id"]]:
                other_key = world.key(line, other["code"])
                if other_key == key:
                    assert other["rank"] == award["rank"]
                elif other_key > key:
                    assert other["rank"] < award["rank"]


# --- Order, determinism, shape ------------------------------------------------------------


@PROPERTY
@given(packages(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_file(drawn, rnd):
    """Shuffling blocks, units, people, metrics, results entries and ad-hoc proposals, and the
    key order of every object, gives the identical JSON."""
    data, code = drawn
    expected = json.dumps(allocate(read_package(data), code), ensure_ascii=False)

    reordered = shuffled(data, rnd)

    assert json.dumps(allocate(read_package(reordered), code), ensure_ascii=False) == expected


@PROPERTY
@given(packages())
def test_the_same_package_gives_the_same_allocation_twice(drawn):
    data, code = drawn
    package = read_package(data)

    first = json.dumps(allocate(package, code), ensure_ascii=False)

    assert json.dumps(allocate(package, code), ensure_ascii=False) == first
    assert json.dumps(allocate(read_package(data), code), ensure_ascii=False) == first


@PROPERTY
@given(packages())
def test_the_output_is_ordered_as_the_spec_says(drawn):
    """Keys in the spec's order; awards by line order, rank, code; ties by line order, their
    candidates by code; ineligible by (subject, code), each once."""
    data, code = drawn
    world, outcome = run(data, code)
    line_order = {line["id"]: i for i, line in enumerate(data["scheme"])}
    out = outcome.out

    assert list(out) == ["round", "awards", "ties", "ineligible"]
    assert out["round"] == code
    assert [list(a) for a in out["awards"]] == [
        ["line", "subject", "code", "tier", "rank"] for _ in out["awards"]
    ]
    assert [list(t) for t in out["ties"]] == [
        ["line", "seats", "tiers", "candidates"] for _ in out["ties"]
    ]
    assert [list(i) for i in out["ineligible"]] == [
        ["subject", "code", "reasons"] for _ in out["ineligible"]
    ]
    award_keys = [(line_order[a["line"]], a["rank"], a["code"]) for a in out["awards"]]
    assert award_keys == sorted(award_keys)
    assert len(set(award_keys)) == len(award_keys)
    tie_lines = [line_order[t["line"]] for t in out["ties"]]
    assert tie_lines == sorted(tie_lines)
    assert all(t["candidates"] == sorted(t["candidates"]) for t in out["ties"])
    assert all(len(t["candidates"]) >= 2 for t in out["ties"])
    inel = [(i["subject"], i["code"]) for i in out["ineligible"]]
    assert inel == sorted(set(inel))
    for award in out["awards"]:
        assert award["subject"] == world.line[award["line"]]["subject"]


# --- Regressions: minimal examples the properties found -----------------------------------


def minimal_package(scheme: list[dict], metrics: dict[str, Any], adhoc=()) -> dict[str, Any]:
    """One annual round, one competing commune X01 with these metrics."""
    return {
        "format": "thidua-campaign/1",
        "campaign": {
            "issuer": "UBND huyện Thăng Bình",
            "title": "Phong trào thi đua cải cách hành chính",
            "kind": "thematic",
            "rounds": [{"code": "2023", "kind": "annual"}],
        },
        "units": [{"code": "X01", "name": "UBND xã Bình An"}],
        "scheme": [{"round_kind": "annual", "form": "Giấy khen", **line} for line in scheme],
        "results": {"2023": {"units": [{"unit": "X01", "metrics": metrics}], "adhoc": list(adhoc)}},
    }


def awarded_and_ineligible(data: dict[str, Any]) -> set[tuple[str, str]]:
    out = allocate(read_package(data), "2023")
    awarded = {(a["subject"], a["code"]) for a in out["awards"]}
    return awarded & {(i["subject"], i["code"]) for i in out["ineligible"]}


def test_regression_awarded_then_unrankable_on_a_later_non_exclusive_line_is_not_ineligible():
    data = minimal_package(
        [
            {"id": "L1", "subject": "collective", "count": 1, "rank_by": "points"},
            {"id": "L2", "subject": "collective", "count": 1, "exclusive": False},
        ],
        {"points": 2},
    )

    assert awarded_and_ineligible(data) == set()


def test_regression_awarded_on_a_non_exclusive_line_then_unrankable_is_not_ineligible():
    data = minimal_package(
        [
            {"id": "L1", "subject": "collective", "count": 1, "rank_by": "points"},
            {"id": "L2", "subject": "collective", "count": 1},
        ],
        {"points": 2},
    )
    data["scheme"][0]["exclusive"] = False

    assert awarded_and_ineligible(data) == set()


def test_regression_adhoc_award_then_unrankable_on_a_from_line_line_is_not_ineligible():
    data = minimal_package(
        [
            {"id": "DX", "subject": "collective"},
            {"id": "L2", "subject": "collective", "count": 1, "from_line": "DX"},
        ],
        {"points": 2},
        adhoc=[{"line": "DX", "code": "X01"}],
    )

    assert awarded_and_ineligible(data) == set()
