"""Hypothesis strategies: small, valid `thidua-campaign/1` packages that make the allocation's
hard cases frequent.

Few blocks, units and people; scores drawn from a handful of values so that equal rank keys
(ties) are common; metrics left out now and then (missing metrics, unrankable candidates);
every kind of condition (`applies_to`, `any`, `unit.` metrics, `targets_met`, `registered`,
ratings on built-in and declared scales) and every kind of line (count, cap, tiers, positions,
block, `from_line`, `per_unit_max`, `priority`, `tie_break`, `exclusive: false`, ad-hoc with
proposals). Values are typed the way the spec compares them: numbers with any operator, ratings
on their scale, booleans only with `==`.

`packages()` draws `(data, round_code)`: the package as decoded JSON and the round to allocate.
`shuffled(data, rnd)` gives the same package with every order the spec says is not meaningful
changed: blocks, units, people, metrics, the entries of each round's results and ad-hoc list,
and the key order of every JSON object.
"""

from __future__ import annotations

import functools
import random
from typing import Any

from hypothesis import strategies as st

from thidua.campaigns.package import FORMAT

BLOCKS = ("XP", "PB", "TT")
POSITIONS = ("chairman", "vice_chairman", "head", "civil_servant")
FLAGS = ("direct_reform_work", "female")
CUSTOM_SCALE = "dang_2018"
CUSTOM_LEVELS = ["Yếu kém", "Hoàn thành nhiệm vụ", "Trong sạch vững mạnh", "Tiêu biểu"]
PAR_LEVELS = ["Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"]
TASK_LEVELS = ["KHTNV", "HTNV", "HTTNV", "HTXSNV"]
ROUNDS = (
    {"code": "2023", "kind": "annual", "start": "2023-01-01", "end": "2023-12-31"},
    {"code": "SK", "kind": "midterm", "start": "2021-01-01", "end": "2023-06-30"},
    {"code": "TK", "kind": "final", "start": "2021-01-01", "end": "2025-12-31"},
)
TIER_NAMES = ("Giải Nhất", "Giải Nhì", "Giải Ba")

# Few values each, so that equal keys are the rule rather than the exception.
SCORES = (70, 75.5, 80, 90)
POINTS = (1, 2, 3)
VIOLATIONS = (0, 0, 1, 2)
THRESHOLDS = {
    "score": (60, 65, 70, 75.5, 80),
    "points": (0, 1, 2),
    "violations": (0, 1, 2),
}
NUMBER_OPS = (">=", ">", "<=", "<", "==")
# The usual direction of each standard first and most often, so that most candidates pass.
USUAL_OPS = {"violations": ("<=", "<=", "<=", "=="), "default": (">=", ">=", ">=", ">")}


@functools.cache
def one_in(k: int) -> st.SearchStrategy[bool]:
    """True once in k draws; shrinks to False (the simpler package)."""
    return st.sampled_from((False,) * (k - 1) + (True,))


@functools.cache
def mostly(k: int) -> st.SearchStrategy[bool]:
    """False once in k draws; shrinks to True."""
    return st.sampled_from((True,) * (k - 1) + (False,))


# What a results entry holds for each metric, None for a missing value (one draw in five to
# eight). One draw per metric keeps generation fast. Scores and points: see `packages`.
_VALUES = {
    "violations": st.sampled_from((*VIOLATIONS, None)),
    "online": st.sampled_from((True, False, True, False, None)),
    "par_rating": st.sampled_from((*PAR_LEVELS, None)),
    "task_rating": st.sampled_from((*TASK_LEVELS, None)),
    CUSTOM_SCALE: st.sampled_from((*CUSTOM_LEVELS, None)),
    "xep_loai": st.sampled_from((*CUSTOM_LEVELS, None)),
}
_REGISTERED = st.sampled_from((True, True, True, False, None))


def _own_metrics(subject: str, custom: bool) -> list[str]:
    """The metrics a results entry of this subject carries."""
    keys = ["score", "points", "violations", "online"]
    keys.append("par_rating" if subject == "collective" else "task_rating")
    if custom:
        keys += [CUSTOM_SCALE] if subject == "collective" else ["xep_loai"]
    return keys


def _condition_metrics(subject: str, custom: bool) -> list[str]:
    keys = [*_own_metrics(subject, custom), "targets_met", "targets_met", "registered"]
    if subject == "individual":
        keys += ["unit.score", "unit.par_rating", "unit.online", "unit.violations"]
    return keys


def _rated(key: str) -> list[str] | None:
    base = key.removeprefix("unit.")
    return {
        "par_rating": PAR_LEVELS,
        "task_rating": TASK_LEVELS,
        CUSTOM_SCALE: CUSTOM_LEVELS,
        "xep_loai": CUSTOM_LEVELS,
    }.get(base)


@st.composite
def _simple_condition(draw, subject: str, custom: bool) -> dict[str, Any]:
    metric = draw(st.sampled_from(_condition_metrics(subject, custom)))
    base = metric.removeprefix("unit.")
    levels = _rated(metric)
    if base in ("online", "targets_met", "registered"):
        return {"metric": metric, "op": "==", "value": draw(st.booleans())}
    usual = USUAL_OPS.get(base, USUAL_OPS["default"])
    op = draw(st.sampled_from(NUMBER_OPS if draw(one_in(4)) else usual))
    if levels is not None:
        return {"metric": metric, "op": op, "value": draw(st.sampled_from(levels[:3]))}
    return {"metric": metric, "op": op, "value": draw(st.sampled_from(THRESHOLDS[base]))}


@st.composite
def _applies_to(draw, subject: str, blocks: list[str]) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if draw(st.booleans()):
        filters["block"] = draw(st.sampled_from(blocks))
    if subject == "individual":
        if draw(st.booleans()):
            filters["position"] = draw(
                st.lists(st.sampled_from(POSITIONS), min_size=1, max_size=3, unique=True)
            )
        if draw(st.booleans()):
            filters["direct_reform_work"] = draw(st.booleans())
    return filters


@st.composite
def _condition(draw, subject: str, custom: bool, blocks: list[str]) -> dict[str, Any]:
    if draw(one_in(5)):
        condition = {
            "any": draw(
                st.lists(_simple_condition(subject, custom), min_size=2, max_size=3),
            )
        }
    else:
        condition = draw(_simple_condition(subject, custom))
    if draw(one_in(3)):
        condition["applies_to"] = draw(_applies_to(subject, blocks))
    if draw(st.booleans()):
        condition["text"] = "Hoàn thành tốt nhiệm vụ cải cách hành chính"
    return condition


@st.composite
def _target(draw, index: int) -> dict[str, Any]:
    metric = draw(st.sampled_from(("score", "violations", "online")))
    target = {
        "code": f"T{index + 1}",
        "area": draw(st.sampled_from(("tthc", "digital_government", "other"))),
        "text": f"Chỉ tiêu {index + 1}",
        "metric": metric,
    }
    if metric == "online":
        target.update(op="==", value=True)
    else:
        target.update(
            op=draw(st.sampled_from(NUMBER_OPS)),
            value=draw(st.sampled_from(THRESHOLDS[metric])),
        )
    if draw(st.booleans()):
        target["if_applicable"] = draw(st.booleans())
    return target


@st.composite
def _line(
    draw, index: int, kind: str, blocks: list[str], earlier: list[dict[str, Any]]
) -> dict[str, Any]:
    kinds = [kind] * 5 + [r["kind"] for r in ROUNDS if r["kind"] != kind]
    subject = draw(st.sampled_from(("collective", "individual")))
    line: dict[str, Any] = {
        "id": f"L{index + 1}",
        "round_kind": draw(st.sampled_from(kinds)),
        "form": "Giấy khen",
        "subject": subject,
    }
    if draw(st.booleans()):
        line["awarded_by"] = "Chủ tịch UBND huyện"
    if draw(one_in(4)):
        line["block"] = draw(st.sampled_from(blocks))
    if subject == "individual" and draw(one_in(3)):
        line["positions"] = draw(
            st.lists(st.sampled_from(POSITIONS), min_size=1, max_size=3, unique=True)
        )
    sources = [
        other["id"]
        for other in earlier
        if other["subject"] == "collective" and other["round_kind"] == line["round_kind"]
    ]
    if sources and draw(st.booleans()):
        line["from_line"] = draw(st.sampled_from(sources))
    if draw(one_in(4)):
        line["per_unit_max"] = draw(st.sampled_from((1, 1, 2)))
    shape = draw(st.sampled_from(("count", "count", "tiers", "tiers", "adhoc")))
    if shape == "adhoc":
        # Outside the ranking: only the proposals of the round count.
        return line
    if shape == "count":
        line["count"] = draw(st.integers(1, 3))
        if draw(st.booleans()):
            line["cap"] = True
    else:
        size = draw(st.integers(1, 3))
        line["tiers"] = [
            {"name": TIER_NAMES[i], "count": draw(st.integers(1, 2))} for i in range(size)
        ]
        if draw(st.booleans()):
            line["count"] = None
    rated = "par_rating" if subject == "collective" else "task_rating"
    rank_by = draw(st.sampled_from((None, None, "score", "points", rated)))
    if rank_by is not None:
        line["rank_by"] = rank_by
    if subject == "individual":
        if draw(st.booleans()):
            line["priority"] = draw(
                st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2, unique=True)
            )
        if draw(st.booleans()):
            line["tie_break"] = draw(
                st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2, unique=True)
            )
    if draw(one_in(5)):
        line["exclusive"] = False
    elif draw(st.booleans()):
        line["exclusive"] = True
    return line


@st.composite
def _entry(
    draw, key: str, code: str, subject: str, custom: bool, values: dict[str, st.SearchStrategy]
) -> dict[str, Any]:
    entry: dict[str, Any] = {key: code}
    registered = draw(_REGISTERED)
    if registered is not None:
        entry["registered"] = registered
    metrics = {}
    for metric in _own_metrics(subject, custom):
        value = draw(values[metric])
        if value is not None:
            metrics[metric] = value
    if metrics or draw(st.booleans()):
        entry["metrics"] = metrics
    return entry


@st.composite
def _round_results(
    draw,
    kind: str,
    units: list[dict[str, Any]],
    people: list[dict[str, Any]],
    scheme: list[dict[str, Any]],
    custom: bool,
    values: dict[str, st.SearchStrategy],
) -> dict[str, Any]:
    unit_codes = [u["code"] for u in units]
    person_codes = [p["code"] for p in people]
    # Most of the registry competes; a few stay out of the round.
    competing_units = [c for c in unit_codes if draw(mostly(6))]
    competing_people = [c for c in person_codes if draw(mostly(6))]
    results: dict[str, Any] = {
        "units": [draw(_entry("unit", c, "collective", custom, values)) for c in competing_units],
        "people": [
            draw(_entry("person", c, "individual", custom, values)) for c in competing_people
        ],
    }
    adhoc = []
    for line in scheme:
        if line.get("count") is not None or line.get("tiers") or line["round_kind"] != kind:
            continue
        pool = unit_codes if line["subject"] == "collective" else person_codes
        if not pool:
            continue
        for code in [code for code in pool if draw(one_in(3))]:
            proposal = {"line": line["id"], "code": code}
            if draw(st.booleans()):
                proposal["reason"] = "Cứu hộ kịp thời trong mưa lũ"
            adhoc.append(proposal)
    if adhoc or draw(st.booleans()):
        results["adhoc"] = adhoc
    return results


@st.composite
def packages(draw) -> tuple[dict[str, Any], str]:
    """A valid package and the code of the round to allocate."""
    round_ = draw(st.sampled_from(ROUNDS))
    kind = round_["kind"]
    blocks = draw(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=3, unique=True))
    units: list[dict[str, Any]] = []
    for index in range(draw(st.sampled_from(range(1, 9)))):
        unit = {"code": f"X{index + 1:02d}", "name": f"UBND xã số {index + 1}"}
        unit["block"] = draw(st.sampled_from([*blocks, *blocks, None]))
        if units and draw(one_in(3)):
            unit["parent"] = draw(st.sampled_from(units))["code"]
        units.append(unit)
    people = []
    for index in range(draw(st.sampled_from(range(13)))):
        person = {
            "code": f"N{index + 1:03d}",
            "name": f"Cán bộ số {index + 1}",
            # People crowd into the first units, so that `per_unit_max` binds.
            "unit": draw(st.sampled_from(units[:3]))["code"],
            "position": draw(st.sampled_from(POSITIONS)),
        }
        for flag in FLAGS:
            if draw(st.booleans()):
                person[flag] = draw(st.booleans())
        people.append(person)
    custom = draw(st.booleans())
    metrics = []
    if draw(st.booleans()):
        metrics.append({"key": "score", "text": "Điểm tự chấm", "kind": "number"})
    if draw(st.booleans()):
        metrics.append({"key": "online", "kind": "boolean", "scale": None})
    if draw(st.booleans()):
        metrics.append({"key": "par_rating", "kind": "rating"})
    if custom:
        metrics.append({"key": "xep_loai", "kind": "rating", "scale": CUSTOM_SCALE})
    # A package uses few distinct scores and points: equal rank keys, hence ties, are common.
    scores = draw(st.lists(st.sampled_from(SCORES), min_size=2, max_size=4, unique=True))
    points = draw(st.lists(st.sampled_from(POINTS), min_size=1, max_size=2, unique=True))
    values = {
        **_VALUES,
        "score": st.sampled_from((*scores, *scores, *scores, None)),
        "points": st.sampled_from((*points, *points, *points, None)),
    }
    scheme: list[dict[str, Any]] = []
    for index in range(draw(st.sampled_from(range(1, 6)))):
        scheme.append(draw(_line(index, kind, blocks, scheme)))
    data: dict[str, Any] = {
        "format": FORMAT,
        "campaign": {
            "issuer": "UBND huyện Thăng Bình",
            "title": "Phong trào thi đua đẩy mạnh cải cách hành chính",
            "kind": "thematic",
            "targets": [draw(_target(i)) for i in range(draw(st.sampled_from((0, 1, 1, 2))))],
            "rounds": list(ROUNDS),
        },
        "blocks": [{"code": code, "name": f"Khối {code}"} for code in blocks],
        "units": units,
        "people": people,
        "metrics": metrics,
        "scheme": scheme,
        "eligibility": {
            subject: draw(st.lists(_condition(subject, custom, blocks), max_size=2))
            for subject in ("collective", "individual")
        },
        "results": {
            r["code"]: draw(_round_results(r["kind"], units, people, scheme, custom, values))
            for r in ROUNDS
            if r is round_ or draw(one_in(4))
        },
    }
    if custom:
        data["scales"] = {CUSTOM_SCALE: CUSTOM_LEVELS}
    return data, round_["code"]


def _reorder(value: Any, rnd: random.Random) -> Any:
    """The same JSON value with the keys of every object in a random order."""
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {key: _reorder(value[key], rnd) for key in keys}
    if isinstance(value, list):
        return [_reorder(item, rnd) for item in value]
    return value


def shuffled(data: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """The package with every order that carries no meaning shuffled."""

    def mix(items: list) -> list:
        items = list(items)
        rnd.shuffle(items)
        return items

    out = dict(data)
    for key in ("blocks", "units", "people", "metrics"):
        out[key] = mix(data.get(key, []))
    out["results"] = {
        code: {key: mix(entries) for key, entries in entry.items()}
        for code, entry in data.get("results", {}).items()
    }
    return _reorder(out, rnd)
