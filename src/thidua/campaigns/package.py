"""The campaign package, format `thidua-campaign/1` (`shared/spec/campaign-package.md`).

Read and written without a database, so that the import, the export and the allocation of
awards share one reading of the file. `read_package` checks the whole structure and every
reference inside the package and stops at the first problem with a `PackageError` naming its
JSON path (`$.scheme[2].from_line`, `$.results["2019"].units[3].unit`); `write_package` writes
every key the spec defines, so that export → import → export gives the same file.

Defaults of the optional keys: what an absent key reads as, and what the writer writes when
the value is unset. One default per key, so the writer's output is stable:

- top level: `blocks`, `units`, `people`, `metrics`, `scheme` → `[]`; `scales` → `{}`;
  `eligibility` → `{"collective": [], "individual": []}`; `results` → `{}`, and the writer
  writes an entry for every round (`{"units": [], "people": [], "adhoc": []}` when empty).
- campaign: `number`, `issued_on`, `place`, `signer`, `implements`, `scope`, `funding` → null;
  `purposes`, `requirements`, `contents`, `recipients`, `assignments`, `targets`, `rounds`,
  `dossier` → `[]`; `period` → `{"start": null, "end": null}`. Required: `issuer`, `title`,
  `kind`.
- signer: `capacity`, `title`, `name` → null. assignment: `unit` → null.
- target: `unit` → null, `if_applicable` → false. round: `start`, `end`, `review`, both
  deadlines → null. dossier item: `subject`, `template`, `copies`, `note` → null.
- unit: `block`, `parent` → null. person: `direct_reform_work`, `female` → false.
- metric: `text`, `scale` → null (`key` and `kind` required).
- award line: `awarded_by`, `amount`, `block`, `positions`, `count`, `tiers`, `from_line`,
  `per_unit_max` → null; `higher_level`, `cap` → false; `rank_by` → "score"; `priority`,
  `tie_break` → `[]`; `exclusive` → true. A tier: `amount` → null. An empty `tiers` list reads
  as null (a line without tiers).
- condition: `applies_to` → null (no filter; an empty `{}` reads as null), `text` → null. A
  condition is written in its own shape: `metric`/`op`/`value` or `any`, never both; inside
  `applies_to` only the filters that are set are written, since every key present must match.
- round results: `units`, `people`, `adhoc` → `[]`; an entry's `registered` → false,
  `metrics` → `{}`; an ad-hoc proposal's `reason` → null.

Checks beyond the types, all from the spec: references to blocks, units, people, rounds and
lines of the same package; no loop in the units' parents; codes unique within their list
(the error is on the second); a line gives `count` or `tiers`, not both; `positions` and
person-only filters only on individual lines and conditions; `priority` and `tie_break` name
the boolean fields of a person (`direct_reform_work`, `female`; a unit has none); `from_line`
names an earlier collective line of the same round kind; a value compared on a rating scale
is a level of that scale; an ad-hoc proposal names an ad-hoc line of its round's kind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import json
import math
import operator
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

import orjson
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.campaigns.enums import (
    Area,
    CampaignKind,
    Operator,
    RoundKind,
    SignerCapacity,
    Subject,
)
from thidua.organizations.enums import Position

FORMAT = "thidua-campaign/1"

# The spec's built-in rating scales, worst to best.
BUILTIN_SCALES: dict[str, tuple[str, ...]] = {
    "task_rating": ("KHTNV", "HTNV", "HTTNV", "HTXSNV"),
    "party_rating": ("KHTNV", "HTNV", "HTTNV", "HTXSNV"),
    "par_rating": ("Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"),
}
DERIVED_METRICS = ("targets_met", "registered")
UNIT_PREFIX = "unit."
# The boolean fields of a candidate's record, by subject, for `priority` and `tie_break`.
FLAGS = {Subject.COLLECTIVE: (), Subject.INDIVIDUAL: ("direct_reform_work", "female")}
METRIC_KINDS = ("number", "boolean", "rating")
MISSING: Any = object()


class PackageError(ValidationError):
    """The first problem of a package: where (`path`) and what (`detail`, Vietnamese)."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {detail}", code="invalid_package")

    def __str__(self) -> str:
        return f"{self.path}: {self.detail}"


# --- The package as data ----------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    capacity: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Assignment:
    assignee: str
    task: str
    unit: str | None = None


@dataclass(frozen=True)
class Period:
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Target:
    code: str
    area: str
    text: str
    metric: str
    op: str
    value: float | int | bool
    unit: str | None = None
    if_applicable: bool = False


@dataclass(frozen=True)
class Round:
    code: str
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    review: str | None = None
    registration_deadline: dt.date | None = None
    nomination_deadline: dt.date | None = None


@dataclass(frozen=True)
class DossierItem:
    component: str
    subject: str | None = None
    template: str | None = None
    copies: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class CampaignInfo:
    issuer: str
    title: str
    kind: str
    number: str | None = None
    issued_on: dt.date | None = None
    place: str | None = None
    signer: Signer | None = None
    implements: str | None = None
    purposes: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    contents: tuple[str, ...] = ()
    scope: str | None = None
    funding: str | None = None
    recipients: tuple[str, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    period: Period = Period()
    targets: tuple[Target, ...] = ()
    rounds: tuple[Round, ...] = ()
    dossier: tuple[DossierItem, ...] = ()


@dataclass(frozen=True)
class Block:
    code: str
    name: str


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    block: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Person:
    code: str
    name: str
    unit: str
    position: str
    direct_reform_work: bool = False
    female: bool = False


@dataclass(frozen=True)
class Metric:
    key: str
    kind: str
    text: str | None = None
    scale: str | None = None


@dataclass(frozen=True)
class Tier:
    name: str
    count: int
    amount: int | None = None


@dataclass(frozen=True)
class Line:
    id: str
    round_kind: str
    form: str
    subject: str
    awarded_by: str | None = None
    amount: int | None = None
    higher_level: bool = False
    block: str | None = None
    positions: tuple[str, ...] | None = None
    count: int | None = None
    cap: bool = False
    tiers: tuple[Tier, ...] | None = None
    from_line: str | None = None
    per_unit_max: int | None = None
    rank_by: str = "score"
    priority: tuple[str, ...] = ()
    tie_break: tuple[str, ...] = ()
    exclusive: bool = True

    @property
    def is_adhoc(self) -> bool:
        """Khen thưởng đột xuất: no seat count and no tiers."""
        return self.count is None and self.tiers is None


@dataclass(frozen=True)
class AppliesTo:
    """A condition's filter; a field left None does not filter."""

    block: str | None = None
    position: tuple[str, ...] | None = None
    direct_reform_work: bool | None = None


@dataclass(frozen=True)
class Condition:
    """`metric` `op` `value`, or `any` (one of the conditions holds)."""

    metric: str | None = None
    op: str | None = None
    value: Any = None
    any: tuple[Condition, ...] | None = None
    applies_to: AppliesTo | None = None
    text: str | None = None


@dataclass(frozen=True)
class Eligibility:
    collective: tuple[Condition, ...] = ()
    individual: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class UnitResult:
    unit: str
    registered: bool = False
    metrics: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class PersonResult:
    person: str
    registered: bool = False
    metrics: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Adhoc:
    line: str
    code: str
    reason: str | None = None


@dataclass(frozen=True)
class RoundResults:
    units: tuple[UnitResult, ...] = ()
    people: tuple[PersonResult, ...] = ()
    adhoc: tuple[Adhoc, ...] = ()


@dataclass(frozen=True)
class Package:
    campaign: CampaignInfo
    blocks: tuple[Block, ...] = ()
    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()
    scales: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    metrics: tuple[Metric, ...] = ()
    scheme: tuple[Line, ...] = ()
    eligibility: Eligibility = Eligibility()
    # Every round of the campaign has its entry, empty when the package gives none.
    results: dict[str, RoundResults] = dataclasses.field(default_factory=dict)

    def scale_of(self, metric: str) -> tuple[str, ...] | None:
        """The levels (worst to best) a metric is rated on, or None for a plain value."""
        return _scale_of(metric, self.scales, {m.key: m for m in self.metrics})


def _scale_of(
    metric: str, scales: dict[str, tuple[str, ...]], declared: dict[str, Metric]
) -> tuple[str, ...] | None:
    key = metric.removeprefix(UNIT_PREFIX)
    known = {**BUILTIN_SCALES, **scales}
    if key in declared and declared[key].scale is not None:
        return known.get(declared[key].scale)
    return known.get(key)


# --- Reading ----------------------------------------------------------------------------

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

TOP_KEYS = (
    "format",
    "campaign",
    "blocks",
    "units",
    "people",
    "scales",
    "metrics",
    "scheme",
    "eligibility",
    "results",
)
CAMPAIGN_KEYS = (
    "number",
    "issued_on",
    "place",
    "issuer",
    "signer",
    "implements",
    "title",
    "kind",
    "purposes",
    "requirements",
    "contents",
    "scope",
    "funding",
    "recipients",
    "assignments",
    "period",
    "targets",
    "rounds",
    "dossier",
)
LINE_KEYS = (
    "id",
    "round_kind",
    "form",
    "awarded_by",
    "amount",
    "higher_level",
    "subject",
    "block",
    "positions",
    "count",
    "cap",
    "tiers",
    "from_line",
    "per_unit_max",
    "rank_by",
    "priority",
    "tie_break",
    "exclusive",
)


def _member(path: str, key: Any) -> str:
    key = str(key)
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _entry(path: str, key: str) -> str:
    """A free key of a map (round codes, scale names, metrics): always in brackets."""
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class _Object:
    """A JSON object being read: unknown keys are errors, required keys must be there."""

    def __init__(self, value: Any, path: str, keys: tuple[str, ...]) -> None:
        if not isinstance(value, dict):
            raise PackageError(path, _("phải là một đối tượng JSON ({...})"))
        for key in value:
            if key not in keys:
                raise PackageError(
                    _member(path, key),
                    _("khóa '%(key)s' không có trong định dạng %(format)s")
                    % {"key": key, "format": FORMAT},
                )
        self.value = value
        self.path = path

    def at(self, key: str) -> str:
        return _member(self.path, key)

    def get(self, key: str, read: Callable[[Any, str], Any], default: Any = MISSING) -> Any:
        if key not in self.value:
            if default is MISSING:
                raise PackageError(self.at(key), _("thiếu khóa bắt buộc '%(key)s'") % {"key": key})
            return default
        return read(self.value[key], self.at(key))


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise PackageError(path, _("phải là một chuỗi"))
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PackageError(path, _("phải là một chuỗi khác rỗng"))
    return value


def _code(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value or value != value.strip():
        raise PackageError(
            path, _("phải là một mã: chuỗi khác rỗng, không có khoảng trắng ở đầu hoặc cuối")
        )
    return value


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise PackageError(path, _("phải là true hoặc false"))
    return value


def _int(minimum: int) -> Callable[[Any, str], int]:
    def read(value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise PackageError(
                path, _("phải là một số nguyên từ %(minimum)s trở lên") % {"minimum": minimum}
            )
        return value

    return read


def _date(value: Any, path: str) -> dt.date:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PackageError(
        path, _("ngày %(value)s không hợp lệ: phải theo dạng YYYY-MM-DD") % {"value": _show(value)}
    )


def _choice(values: list[str] | tuple[str, ...]) -> Callable[[Any, str], str]:
    def read(value: Any, path: str) -> str:
        if not isinstance(value, str) or value not in values:
            raise PackageError(
                path,
                _("giá trị %(value)s không hợp lệ; phải là một trong: %(choices)s")
                % {"value": _show(value), "choices": ", ".join(values)},
            )
        return value

    return read


def _nullable(read: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    def read_nullable(value: Any, path: str) -> Any:
        return None if value is None else read(value, path)

    return read_nullable


def _list(read: Callable[[Any, str], Any]) -> Callable[[Any, str], tuple]:
    def read_list(value: Any, path: str) -> tuple:
        if not isinstance(value, list):
            raise PackageError(path, _("phải là một danh sách JSON ([...])"))
        return tuple(read(item, f"{path}[{index}]") for index, item in enumerate(value))

    return read_list


def _unique(seen: dict[str, str], code: str, path: str, owner: str) -> None:
    """Record a code; the second use of one is the error, pointing at the first."""
    if code in seen:
        raise PackageError(
            path, _("mã '%(code)s' trùng với %(first)s") % {"code": code, "first": seen[code]}
        )
    seen[code] = owner


class _Reader:
    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}
        # Code → the path of its entry, for the error on a second use of the code (None when
        # the fast path read the list: a second use would have sent it to the precise one).
        self.units: dict[str, str | None] = {}
        self.people: dict[str, str | None] = {}
        self.value_checks: dict[str, dict[type, Any]] = {}
        self.scales: dict[str, tuple[str, ...]] = {}
        self.metrics: dict[str, Metric] = {}
        self.metric_paths: dict[str, str] = {}
        self.lines: dict[str, Line] = {}
        self.line_paths: dict[str, str] = {}
        self.rounds: dict[str, Round] = {}

    # Top level

    def package(self, data: Any) -> Package:
        if not isinstance(data, dict):
            raise PackageError("$", _("gói phải là một đối tượng JSON ({...})"))
        if "format" not in data:
            raise PackageError("$.format", _("thiếu khóa bắt buộc '%(key)s'") % {"key": "format"})
        if data["format"] != FORMAT:
            raise PackageError(
                "$.format",
                _("định dạng %(value)s không được hỗ trợ; phải là '%(format)s'")
                % {"value": _show(data["format"]), "format": FORMAT},
            )
        top = _Object(data, "$", TOP_KEYS)
        blocks = top.get("blocks", _list(self.block), ())
        units = top.get("units", self.fast(self.fast_units, _list(self.unit)), ())
        self.check_parents(units)
        people = top.get("people", self.fast(self.fast_people, _list(self.person)), ())
        top.get("scales", self.read_scales, {})
        metrics = top.get("metrics", _list(self.metric), ())
        self.check_metrics(metrics)
        campaign = top.get("campaign", self.campaign)
        self.rounds = {round.code: round for round in campaign.rounds}
        scheme = top.get("scheme", _list(self.line), ())
        self.check_from_lines(scheme)
        eligibility = top.get("eligibility", self.eligibility, Eligibility())
        results = top.get("results", self.results, {})
        return Package(
            campaign=campaign,
            blocks=blocks,
            units=units,
            people=people,
            scales=dict(self.scales),
            metrics=metrics,
            scheme=scheme,
            eligibility=eligibility,
            results={
                round.code: results.get(round.code, RoundResults()) for round in campaign.rounds
            },
        )

    # Who competes

    def block(self, value: Any, path: str) -> Block:
        obj = _Object(value, path, ("code", "name"))
        code = obj.get("code", _code)
        _unique(self.blocks, code, obj.at("code"), path)
        return Block(code=code, name=obj.get("name", _text))

    def block_ref(self, value: Any, path: str) -> str:
        code = _code(value, path)
        if code not in self.blocks:
            raise PackageError(path, _("khối '%(code)s' không có trong gói") % {"code": code})
        return code

    def unit(self, value: Any, path: str) -> Unit:
        obj = _Object(value, path, ("code", "name", "block", "parent"))
        code = obj.get("code", _code)
        _unique(self.units, code, obj.at("code"), path)
        return Unit(
            code=code,
            name=obj.get("name", _text),
            block=obj.get("block", _nullable(self.block_ref), None),
            parent=obj.get("parent", _nullable(_code), None),
        )

    def unit_ref(self, value: Any, path: str) -> str:
        code = _code(value, path)
        if code not in self.units:
            raise PackageError(path, _("đơn vị '%(code)s' không có trong gói") % {"code": code})
        return code

    def check_parents(self, units: tuple[Unit, ...]) -> None:
        for index, unit in enumerate(units):
            if unit.parent is not None and unit.parent not in self.units:
                raise PackageError(
                    f"$.units[{index}].parent",
                    _("đơn vị cha '%(code)s' không có trong gói") % {"code": unit.parent},
                )
        parent = {unit.code: unit.parent for unit in units}
        order = {unit.code: index for index, unit in enumerate(units)}
        done: set[str] = set()
        for unit in units:
            chain: list[str] = []
            code: str | None = unit.code
            while code is not None and code not in done and code not in chain:
                chain.append(code)
                code = parent[code]
            if code is not None and code in chain:
                loop = chain[chain.index(code) :]
                start = min(range(len(loop)), key=lambda i: order[loop[i]])
                loop = loop[start:] + loop[:start]
                raise PackageError(
                    f"$.units[{order[loop[0]]}].parent",
                    _("vòng lặp đơn vị cha: %(chain)s") % {"chain": " → ".join([*loop, loop[0]])},
                )
            done.update(chain)

    def person(self, value: Any, path: str) -> Person:
        keys = ("code", "name", "unit", "position", "direct_reform_work", "female")
        obj = _Object(value, path, keys)
        code = obj.get("code", _code)
        _unique(self.people, code, obj.at("code"), path)
        return Person(
            code=code,
            name=obj.get("name", _text),
            unit=obj.get("unit", self.unit_ref),
            position=obj.get("position", _choice(Position.values)),
            direct_reform_work=obj.get("direct_reform_work", _bool, False),
            female=obj.get("female", _bool, False),
        )

    def person_ref(self, value: Any, path: str) -> str:
        code = _code(value, path)
        if code not in self.people:
            raise PackageError(path, _("cá nhân '%(code)s' không có trong gói") % {"code": code})
        return code

    # Scales and metrics

    def read_scales(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise PackageError(path, _("phải là một đối tượng JSON ({...})"))
        for name, levels in value.items():
            at = _entry(path, name)
            _code(name, at)
            if name in BUILTIN_SCALES:
                raise PackageError(
                    at, _("thang '%(name)s' là thang có sẵn, không khai báo lại") % {"name": name}
                )
            levels = _list(_text)(levels, at)
            if not levels:
                raise PackageError(at, _("thang phải có ít nhất một mức"))
            for index, level in enumerate(levels):
                if level in levels[:index]:
                    raise PackageError(
                        f"{at}[{index}]", _("mức '%(level)s' lặp lại") % {"level": level}
                    )
            self.scales[name] = levels

    def metric(self, value: Any, path: str) -> Metric:
        obj = _Object(value, path, ("key", "text", "kind", "scale"))
        key = obj.get("key", _code)
        _unique(self.metric_paths, key, obj.at("key"), path)
        metric = Metric(
            key=key,
            text=obj.get("text", _nullable(_string), None),
            kind=obj.get("kind", _choice(METRIC_KINDS)),
            scale=obj.get("scale", _nullable(self.scale_ref), None),
        )
        self.metrics[key] = metric
        return metric

    def scale_ref(self, value: Any, path: str) -> str:
        name = _code(value, path)
        if name not in BUILTIN_SCALES and name not in self.scales:
            raise PackageError(path, _("thang '%(name)s' không có trong gói") % {"name": name})
        return name

    def check_metrics(self, metrics: tuple[Metric, ...]) -> None:
        for index, metric in enumerate(metrics):
            rated = self.scale_of(metric.key) is not None
            if rated != (metric.kind == "rating"):
                raise PackageError(
                    f"$.metrics[{index}].kind",
                    _("chỉ số trên một thang xếp loại có kind 'rating', và ngược lại")
                    if rated
                    else _("chỉ số kind 'rating' phải có thang xếp loại (scale)"),
                )

    def scale_of(self, metric: str) -> tuple[str, ...] | None:
        return _scale_of(metric, self.scales, self.metrics)

    def metric_value(self, metric: str, value: Any, path: str) -> Any:
        """A value of a metric: a level of its scale, or a number or boolean as declared."""
        base = metric.removeprefix(UNIT_PREFIX)
        levels = self.scale_of(metric)
        kind = "boolean" if base in DERIVED_METRICS else None
        if base in self.metrics:
            kind = self.metrics[base].kind
        if levels is not None:
            if not isinstance(value, str) or value not in levels:
                raise PackageError(
                    path,
                    _("%(value)s không có trong thang của '%(metric)s' (%(levels)s)")
                    % {"value": _show(value), "metric": metric, "levels": ", ".join(levels)},
                )
        elif kind == "boolean":
            _bool(value, path)
        elif kind == "number":
            if not _is_number(value):
                raise PackageError(path, _("phải là một số"))
        elif not (_is_number(value) or isinstance(value, bool)):
            raise PackageError(
                path,
                _("'%(metric)s' không có thang xếp loại: giá trị phải là một số hoặc true/false")
                % {"metric": metric},
            )
        return value

    # The plan

    def campaign(self, value: Any, path: str) -> CampaignInfo:
        obj = _Object(value, path, CAMPAIGN_KEYS)
        nullable_text = _nullable(_string)
        strings = _list(_string)
        targets: dict[str, str] = {}
        rounds: dict[str, str] = {}
        return CampaignInfo(
            number=obj.get("number", nullable_text, None),
            issued_on=obj.get("issued_on", _nullable(_date), None),
            place=obj.get("place", nullable_text, None),
            issuer=obj.get("issuer", _text),
            signer=obj.get("signer", _nullable(self.signer), None),
            implements=obj.get("implements", nullable_text, None),
            title=obj.get("title", _text),
            kind=obj.get("kind", _choice(CampaignKind.values)),
            purposes=obj.get("purposes", strings, ()),
            requirements=obj.get("requirements", strings, ()),
            contents=obj.get("contents", strings, ()),
            scope=obj.get("scope", nullable_text, None),
            funding=obj.get("funding", nullable_text, None),
            recipients=obj.get("recipients", strings, ()),
            assignments=obj.get("assignments", _list(self.assignment), ()),
            period=obj.get("period", self.period, Period()),
            targets=obj.get("targets", _list(lambda v, p: self.target(v, p, targets)), ()),
            rounds=obj.get("rounds", _list(lambda v, p: self.round(v, p, rounds)), ()),
            dossier=obj.get("dossier", _list(self.dossier_item), ()),
        )

    def signer(self, value: Any, path: str) -> Signer:
        obj = _Object(value, path, ("capacity", "title", "name"))
        return Signer(
            capacity=obj.get("capacity", _nullable(_choice(SignerCapacity.values)), None),
            title=obj.get("title", _nullable(_string), None),
            name=obj.get("name", _nullable(_string), None),
        )

    def assignment(self, value: Any, path: str) -> Assignment:
        obj = _Object(value, path, ("assignee", "unit", "task"))
        return Assignment(
            assignee=obj.get("assignee", _text),
            unit=obj.get("unit", _nullable(self.unit_ref), None),
            task=obj.get("task", _text),
        )

    def period(self, value: Any, path: str) -> Period:
        obj = _Object(value, path, ("start", "end"))
        start = obj.get("start", _nullable(_date), None)
        end = obj.get("end", _nullable(_date), None)
        _check_order(start, end, obj.at("end"))
        return Period(start=start, end=end)

    def target(self, value: Any, path: str, seen: dict[str, str]) -> Target:
        keys = ("code", "area", "text", "metric", "op", "value", "unit", "if_applicable")
        obj = _Object(value, path, keys)
        code = obj.get("code", _code)
        _unique(seen, code, obj.at("code"), path)
        return Target(
            code=code,
            area=obj.get("area", _choice(Area.values)),
            text=obj.get("text", _text),
            metric=obj.get("metric", _code),
            op=obj.get("op", _choice(Operator.values)),
            value=obj.get("value", _number_or_bool),
            unit=obj.get("unit", _nullable(_string), None),
            if_applicable=obj.get("if_applicable", _bool, False),
        )

    def round(self, value: Any, path: str, seen: dict[str, str]) -> Round:
        keys = tuple(field.name for field in dataclasses.fields(Round))
        obj = _Object(value, path, keys)
        code = obj.get("code", _code)
        _unique(seen, code, obj.at("code"), path)
        date = _nullable(_date)
        start, end = obj.get("start", date, None), obj.get("end", date, None)
        _check_order(start, end, obj.at("end"))
        return Round(
            code=code,
            kind=obj.get("kind", _choice(RoundKind.values)),
            start=start,
            end=end,
            review=obj.get("review", _nullable(_string), None),
            registration_deadline=obj.get("registration_deadline", date, None),
            nomination_deadline=obj.get("nomination_deadline", date, None),
        )

    def dossier_item(self, value: Any, path: str) -> DossierItem:
        obj = _Object(value, path, ("subject", "component", "template", "copies", "note"))
        return DossierItem(
            subject=obj.get("subject", _nullable(_choice(Subject.values)), None),
            component=obj.get("component", _text),
            template=obj.get("template", _nullable(_string), None),
            copies=obj.get("copies", _nullable(_int(1)), None),
            note=obj.get("note", _nullable(_string), None),
        )

    # The award scheme

    def line(self, value: Any, path: str) -> Line:
        obj = _Object(value, path, LINE_KEYS)
        line_id = obj.get("id", _code)
        _unique(self.line_paths, line_id, obj.at("id"), path)
        subject = obj.get("subject", _choice(Subject.values))
        positions = obj.get("positions", _nullable(self.positions), None)
        if positions is not None and subject != Subject.INDIVIDUAL:
            raise PackageError(obj.at("positions"), _("chỉ dùng cho dòng khen cá nhân"))
        tiers = obj.get("tiers", _nullable(_list(self.tier)), None) or None
        count = obj.get("count", _nullable(_int(1)), None)
        if count is not None and tiers is not None:
            raise PackageError(
                obj.at("count"), _("dòng chia theo giải (tiers) phải có count là null")
            )
        line = Line(
            id=line_id,
            round_kind=obj.get("round_kind", _choice(RoundKind.values)),
            form=obj.get("form", _text),
            awarded_by=obj.get("awarded_by", _nullable(_string), None),
            amount=obj.get("amount", _nullable(_int(0)), None),
            higher_level=obj.get("higher_level", _bool, False),
            subject=subject,
            block=obj.get("block", _nullable(self.block_ref), None),
            positions=positions,
            count=count,
            cap=obj.get("cap", _bool, False),
            tiers=tiers,
            from_line=obj.get("from_line", _nullable(_code), None),
            per_unit_max=obj.get("per_unit_max", _nullable(_int(1)), None),
            rank_by=obj.get("rank_by", _code, "score"),
            priority=obj.get("priority", self.flags(subject), ()),
            tie_break=obj.get("tie_break", self.flags(subject), ()),
            exclusive=obj.get("exclusive", _bool, True),
        )
        self.lines[line_id] = line
        return line

    def positions(self, value: Any, path: str) -> tuple[str, ...]:
        positions = _list(_choice(Position.values))(value, path)
        if not positions:
            raise PackageError(path, _("danh sách vị trí không được rỗng (null là mọi vị trí)"))
        for index, position in enumerate(positions):
            if position in positions[:index]:
                raise PackageError(
                    f"{path}[{index}]", _("vị trí '%(value)s' lặp lại") % {"value": position}
                )
        return positions

    def tier(self, value: Any, path: str) -> Tier:
        obj = _Object(value, path, ("name", "count", "amount"))
        return Tier(
            name=obj.get("name", _text),
            count=obj.get("count", _int(1)),
            amount=obj.get("amount", _nullable(_int(0)), None),
        )

    def flags(self, subject: str) -> Callable[[Any, str], tuple[str, ...]]:
        allowed = FLAGS[subject]

        def read(value: Any, path: str) -> tuple[str, ...]:
            names = _list(_string)(value, path)
            for index, name in enumerate(names):
                at = f"{path}[{index}]"
                if name not in allowed:
                    raise PackageError(
                        at,
                        _("trường %(value)s không phải trường đúng/sai của cá nhân (%(fields)s)")
                        % {"value": _show(name), "fields": ", ".join(allowed)}
                        if allowed
                        else _("đơn vị không có trường đúng/sai nào để xếp ưu tiên"),
                    )
                if name in names[:index]:
                    raise PackageError(at, _("trường '%(value)s' lặp lại") % {"value": name})
            return names

        return read

    def check_from_lines(self, scheme: tuple[Line, ...]) -> None:
        order = {line.id: index for index, line in enumerate(scheme)}
        for index, line in enumerate(scheme):
            if line.from_line is None:
                continue
            path = f"$.scheme[{index}].from_line"
            source = self.lines.get(line.from_line)
            if source is None:
                detail = _("dòng '%(id)s' không có trong scheme")
            elif order[source.id] >= index:
                detail = _("dòng '%(id)s' phải đứng trước dòng này (các dòng xét theo thứ tự)")
            elif source.subject != Subject.COLLECTIVE:
                detail = _("dòng '%(id)s' không phải dòng khen tập thể")
            elif source.round_kind != line.round_kind:
                detail = _("dòng '%(id)s' áp dụng cho loại đợt khác (%(kind)s)")
            else:
                continue
            raise PackageError(
                path, detail % {"id": line.from_line, "kind": getattr(source, "round_kind", "")}
            )

    # Eligibility

    def eligibility(self, value: Any, path: str) -> Eligibility:
        obj = _Object(value, path, ("collective", "individual"))
        return Eligibility(
            collective=obj.get("collective", _list(self.condition(Subject.COLLECTIVE)), ()),
            individual=obj.get("individual", _list(self.condition(Subject.INDIVIDUAL)), ()),
        )

    def condition(self, subject: str) -> Callable[[Any, str], Condition]:
        def read(value: Any, path: str) -> Condition:
            if isinstance(value, dict) and "any" in value:
                for key in ("metric", "op", "value"):
                    if key in value:
                        raise PackageError(
                            _member(path, key), _("không dùng cùng với 'any' trong một điều kiện")
                        )
                obj = _Object(value, path, ("any", "applies_to", "text"))
                options = obj.get("any", _list(self.condition(subject)))
                if not options:
                    raise PackageError(obj.at("any"), _("phải có ít nhất một điều kiện"))
                return Condition(
                    any=options,
                    applies_to=obj.get("applies_to", self.applies_to(subject), None),
                    text=obj.get("text", _nullable(_string), None),
                )
            obj = _Object(value, path, ("metric", "op", "value", "applies_to", "text"))
            metric = obj.get("metric", _code)
            if metric.startswith(UNIT_PREFIX) and subject != Subject.INDIVIDUAL:
                raise PackageError(
                    obj.at("metric"), _("'unit.' chỉ dùng trong điều kiện của cá nhân")
                )
            op = obj.get("op", _choice(Operator.values))
            return Condition(
                metric=metric,
                op=op,
                value=obj.get("value", lambda v, p: self.metric_value(metric, v, p)),
                applies_to=obj.get("applies_to", self.applies_to(subject), None),
                text=obj.get("text", _nullable(_string), None),
            )

        return read

    def applies_to(self, subject: str) -> Callable[[Any, str], AppliesTo | None]:
        def read(value: Any, path: str) -> AppliesTo | None:
            if value is None:
                return None
            obj = _Object(value, path, ("block", "position", "direct_reform_work"))
            if subject != Subject.INDIVIDUAL:
                for key in ("position", "direct_reform_work"):
                    if key in value:
                        raise PackageError(obj.at(key), _("chỉ dùng trong điều kiện của cá nhân"))
            filters = AppliesTo(
                block=obj.get("block", self.block_ref, None),
                position=obj.get("position", self.positions, None),
                direct_reform_work=obj.get("direct_reform_work", _bool, None),
            )
            return None if filters == AppliesTo() else filters

        return read

    # Results

    def results(self, value: Any, path: str) -> dict[str, RoundResults]:
        if not isinstance(value, dict):
            raise PackageError(path, _("phải là một đối tượng JSON ({...})"))
        results = {}
        for code, entry in value.items():
            at = _entry(path, code)
            if code not in self.rounds:
                raise PackageError(
                    at, _("đợt '%(code)s' không có trong campaign.rounds") % {"code": code}
                )
            results[code] = self.round_results(self.rounds[code], entry, at)
        return results

    def round_results(self, round: Round, value: Any, path: str) -> RoundResults:
        obj = _Object(value, path, ("units", "people", "adhoc"))
        seen_units: dict[str, str] = {}
        seen_people: dict[str, str] = {}
        seen_adhoc: dict[str, str] = {}

        def unit_result(value: Any, path: str) -> UnitResult:
            entry = _Object(value, path, ("unit", "registered", "metrics"))
            code = entry.get("unit", self.unit_ref)
            _unique(seen_units, code, entry.at("unit"), path)
            return UnitResult(
                unit=code,
                registered=entry.get("registered", _bool, False),
                metrics=entry.get("metrics", self.metric_values, {}),
            )

        def person_result(value: Any, path: str) -> PersonResult:
            entry = _Object(value, path, ("person", "registered", "metrics"))
            code = entry.get("person", self.person_ref)
            _unique(seen_people, code, entry.at("person"), path)
            return PersonResult(
                person=code,
                registered=entry.get("registered", _bool, False),
                metrics=entry.get("metrics", self.metric_values, {}),
            )

        def adhoc(value: Any, path: str) -> Adhoc:
            entry = _Object(value, path, ("line", "code", "reason"))
            line = self.lines.get(entry.get("line", _code))
            if line is None or not line.is_adhoc or line.round_kind != round.kind:
                detail = (
                    _("dòng '%(id)s' không có trong scheme")
                    if line is None
                    else _("dòng '%(id)s' không phải dòng khen thưởng đột xuất")
                    if not line.is_adhoc
                    else _("dòng '%(id)s' không áp dụng cho đợt loại '%(kind)s'")
                )
                raise PackageError(
                    entry.at("line"),
                    detail % {"id": entry.value["line"], "kind": round.kind},
                )
            code = entry.get(
                "code", self.unit_ref if line.subject == Subject.COLLECTIVE else self.person_ref
            )
            _unique(seen_adhoc, f"{line.id}\x00{code}", entry.at("code"), path)
            return Adhoc(
                line=line.id, code=code, reason=entry.get("reason", _nullable(_string), None)
            )

        return RoundResults(
            units=obj.get("units", self.fast(self.fast_unit_results, _list(unit_result)), ()),
            people=obj.get("people", self.fast(self.fast_person_results, _list(person_result)), ()),
            adhoc=obj.get("adhoc", _list(adhoc), ()),
        )

    # Fast paths for the long lists (units, people, the results of a round): the common valid
    # shape checked with a few operations per item, the objects built without the frozen
    # dataclasses' __init__ (one object.__setattr__ per field, most of the time of reading
    # 2.5 million people). Whatever falls outside that shape (a wrong type, an unknown or
    # missing key, an unknown reference, a duplicate) sends the whole list back to the precise
    # reader, which finds its first problem and words it: the result and the errors are the
    # same, only faster when the list is valid.

    def fast(
        self, fast: Callable[[list], tuple | None], precise: Callable[[Any, str], tuple]
    ) -> Callable[[Any, str], tuple]:
        def read(value: Any, path: str) -> tuple:
            items = fast(value) if type(value) is list and value else None
            return precise(value, path) if items is None else items

        return read

    def fast_units(self, values: list) -> tuple[Unit, ...] | None:
        try:
            if not all(map(_UNIT_KEYS.issuperset, values)):
                return None
            codes, names = _columns(values, "code", "name")
            blocks = set(map(_get_block, values))
            parents = [code for code in map(_get_parent, values) if code is not None]
        except (KeyError, TypeError):
            return None
        blocks.discard(None)
        if not (
            _are_codes(codes)
            and len(set(codes)) == len(codes)
            and _are_texts(names)
            and blocks <= self.blocks.keys()
            and _are_codes(parents)
        ):
            return None
        self.units = dict.fromkeys(codes)
        return _instances(Unit, _UNIT_DEFAULTS, values)

    def fast_people(self, values: list) -> tuple[Person, ...] | None:
        try:
            if not all(map(_PERSON_KEYS.issuperset, values)):
                return None
            codes, names, units, positions = _columns(values, "code", "name", "unit", "position")
            flags = [*map(_get_reform, values), *map(_get_female, values)]
            if not (
                _are_codes(codes)
                and len(set(codes)) == len(codes)
                and _are_texts(names)
                and set(units) <= self.units.keys()
                and set(positions) <= _POSITIONS
                and set(map(type, flags)) <= {bool}
            ):
                return None
        except (KeyError, TypeError):
            return None
        self.people = dict.fromkeys(codes)
        return _instances(Person, _PERSON_DEFAULTS, values)

    def fast_unit_results(self, values: list) -> tuple[UnitResult, ...] | None:
        return self.fast_results(values, "unit", self.units, UnitResult)

    def fast_person_results(self, values: list) -> tuple[PersonResult, ...] | None:
        return self.fast_results(values, "person", self.people, PersonResult)

    def fast_results(self, values: list, field: str, known: dict, cls: type) -> tuple | None:
        keys = frozenset((field, "registered", "metrics"))
        try:
            if not all(map(keys.issuperset, values)):
                return None
            (codes,) = _columns(values, field)
            registered = list(map(_get_registered, values))
            metrics = list(map(_get_metrics, values))
            if not (
                set(codes) <= known.keys()
                and len(set(codes)) == len(codes)
                and set(map(type, registered)) <= {bool}
                and set(map(type, metrics)) <= {dict}
            ):
                return None
            items = list(chain.from_iterable(map(dict.values, metrics)))
            # Each distinct (metric, type, value) once: scores repeat, ratings have few levels.
            distinct = set(zip(chain.from_iterable(metrics), map(type, items), items, strict=True))
        except (KeyError, TypeError):
            return None
        checks = self.value_checks
        for key, kind, item in distinct:
            accepted = checks.get(key) or self.value_check(key)
            rule = accepted.get(kind) if accepted is not None else None
            if rule is None:
                return None
            if kind is float:
                if item - item != 0.0:  # NaN or infinite
                    return None
            elif kind is int:
                if not -_HUGE < item < _HUGE:
                    return None
            elif kind is str and item not in rule:
                return None
        defaults = {field: None, "registered": False, "metrics": None}
        fields = list(map(defaults.__or__, values))
        deque(map(dict.__setitem__, fields, repeat("metrics"), map(dict, metrics)), maxlen=0)
        return _instances(cls, None, fields)

    def value_check(self, key: Any) -> dict[type, Any] | None:
        """What `metric_value` accepts for a metric, by the type of the value (the levels for a
        rating); None when the key itself is not a code."""
        if type(key) is not str or not key or key != key.strip():
            return None
        base = key.removeprefix(UNIT_PREFIX)
        levels = self.scale_of(key)
        kind = self.metrics[base].kind if base in self.metrics else None
        if kind is None and base in DERIVED_METRICS:
            kind = "boolean"
        if levels is not None:
            accepted: dict[type, Any] = {str: frozenset(levels)}
        elif kind == "boolean":
            accepted = {bool: True}
        elif kind == "number":
            accepted = {int: True, float: True}
        else:
            accepted = {int: True, float: True, bool: True}
        self.value_checks[key] = accepted
        return accepted

    def metric_values(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise PackageError(path, _("phải là một đối tượng JSON ({...})"))
        for key, item in value.items():
            at = _entry(path, key)
            _code(key, at)
            self.metric_value(key, item, at)
        return dict(value)


_UNIT_DEFAULTS = {"code": None, "name": None, "block": None, "parent": None}
_UNIT_KEYS = frozenset(_UNIT_DEFAULTS)
_PERSON_DEFAULTS = {
    "code": None,
    "name": None,
    "unit": None,
    "position": None,
    "direct_reform_work": False,
    "female": False,
}
_PERSON_KEYS = frozenset(_PERSON_DEFAULTS)
_POSITIONS = frozenset(Position.values)
_NO_METRICS: dict[str, Any] = {}
_get_block = operator.methodcaller("get", "block")
_get_parent = operator.methodcaller("get", "parent")
_get_reform = operator.methodcaller("get", "direct_reform_work", False)
_get_female = operator.methodcaller("get", "female", False)
_get_registered = operator.methodcaller("get", "registered", False)
_get_metrics = operator.methodcaller("get", "metrics", _NO_METRICS)


def _columns(values: list[dict], *keys: str) -> list[tuple]:
    """The values of required keys, one tuple per key (KeyError when one is missing)."""
    get = operator.itemgetter(*keys)
    if len(keys) == 1:
        return [tuple(map(get, values))]
    return list(zip(*map(get, values), strict=True))


def _are_codes(values: Any) -> bool:
    """All strings, none empty, none with spaces around (what `_code` accepts)."""
    return (
        set(map(type, values)) <= {str}
        and all(values)
        and all(map(str.__eq__, values, map(str.strip, values)))
    )


def _are_texts(values: Any) -> bool:
    """All strings with something besides spaces (what `_text` accepts)."""
    return set(map(type, values)) <= {str} and all(map(str.strip, values))


def _instances(cls: type, defaults: dict | None, values: list[dict]) -> tuple:
    """Instances of a frozen dataclass from checked fields (merged over `defaults`), each
    object's attribute dict set at once instead of one `object.__setattr__` per field as the
    generated __init__ does; they are equal to, and hash as, what the constructor makes."""
    fields = values if defaults is None else map(defaults.__or__, values)
    objects = list(map(object.__new__, repeat(cls, len(values))))
    deque(map(object.__setattr__, objects, repeat("__dict__"), fields), maxlen=0)
    return tuple(objects)


# Integers the fast path takes as they are: `math.isfinite` overflows beyond a float's range.
_HUGE = 2**1000


def _number_or_bool(value: Any, path: str) -> float | int | bool:
    if not (_is_number(value) or isinstance(value, bool)):
        raise PackageError(path, _("phải là một số hoặc true/false"))
    return value


def _check_order(start: dt.date | None, end: dt.date | None, path: str) -> None:
    if start is not None and end is not None and end < start:
        raise PackageError(path, _("ngày kết thúc trước ngày bắt đầu"))


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Build millions of small objects without the cyclic collector walking them again and
    again (a third of the time of a national package); none of them form cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_package(data: Any) -> Package:
    """The package a decoded JSON document holds, or the `PackageError` of its first problem."""
    with _gc_paused():
        return _Reader().package(data)


def parse_package_text(text: str | bytes) -> Any:
    """Decode JSON text (str, or UTF-8 bytes without a byte order mark); a syntax error becomes
    a `PackageError` naming line and column.

    orjson decodes a valid document 1.5 to 2 times faster than the standard library; whatever
    it refuses is decoded again by `json`, so that the error (or the acceptance: `json` reads
    NaN and lone surrogates, which the reader then refuses by path) stays the same. Invalid
    UTF-8 in bytes raises `UnicodeDecodeError`, as decoding the file would. The one difference
    left: an integer literal beyond 64 bits reads as the nearest float.
    """
    try:
        with _gc_paused():
            return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackageError(
            "$",
            _("tệp không phải JSON hợp lệ (dòng %(line)s, cột %(column)s: %(error)s)")
            % {"line": exc.lineno, "column": exc.colno, "error": exc.msg},
        ) from exc


# --- Writing ----------------------------------------------------------------------------


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _write_condition(condition: Condition) -> dict[str, Any]:
    if condition.any is not None:
        out: dict[str, Any] = {"any": [_write_condition(option) for option in condition.any]}
    else:
        out = {"metric": condition.metric, "op": condition.op, "value": condition.value}
    filters = condition.applies_to
    if filters is None:
        out["applies_to"] = None
    else:
        out["applies_to"] = {}
        if filters.block is not None:
            out["applies_to"]["block"] = filters.block
        if filters.position is not None:
            out["applies_to"]["position"] = list(filters.position)
        if filters.direct_reform_work is not None:
            out["applies_to"]["direct_reform_work"] = filters.direct_reform_work
    out["text"] = condition.text
    return out


def _write_line(line: Line) -> dict[str, Any]:
    out = dataclasses.asdict(line)
    out["positions"] = list(line.positions) if line.positions is not None else None
    out["tiers"] = (
        [dataclasses.asdict(tier) for tier in line.tiers] if line.tiers is not None else None
    )
    out["priority"] = list(line.priority)
    out["tie_break"] = list(line.tie_break)
    return {key: out[key] for key in LINE_KEYS}


def _write_campaign(campaign: CampaignInfo) -> dict[str, Any]:
    signer = campaign.signer
    return {
        "number": campaign.number,
        "issued_on": _day(campaign.issued_on),
        "place": campaign.place,
        "issuer": campaign.issuer,
        "signer": dataclasses.asdict(signer) if signer is not None else None,
        "implements": campaign.implements,
        "title": campaign.title,
        "kind": campaign.kind,
        "purposes": list(campaign.purposes),
        "requirements": list(campaign.requirements),
        "contents": list(campaign.contents),
        "scope": campaign.scope,
        "funding": campaign.funding,
        "recipients": list(campaign.recipients),
        "assignments": [
            {"assignee": item.assignee, "unit": item.unit, "task": item.task}
            for item in campaign.assignments
        ],
        "period": {"start": _day(campaign.period.start), "end": _day(campaign.period.end)},
        "targets": [dataclasses.asdict(target) for target in campaign.targets],
        "rounds": [
            {
                "code": round.code,
                "kind": round.kind,
                "start": _day(round.start),
                "end": _day(round.end),
                "review": round.review,
                "registration_deadline": _day(round.registration_deadline),
                "nomination_deadline": _day(round.nomination_deadline),
            }
            for round in campaign.rounds
        ],
        "dossier": [
            {
                "subject": item.subject,
                "component": item.component,
                "template": item.template,
                "copies": item.copies,
                "note": item.note,
            }
            for item in campaign.dossier
        ],
    }


def write_package(package: Package) -> dict[str, Any]:
    """The JSON document of a package, every key of the spec present (see the module doc)."""
    results = {}
    for round in package.campaign.rounds:
        entry = package.results.get(round.code, RoundResults())
        results[round.code] = {
            "units": [
                {"unit": item.unit, "registered": item.registered, "metrics": dict(item.metrics)}
                for item in entry.units
            ],
            "people": [
                {
                    "person": item.person,
                    "registered": item.registered,
                    "metrics": dict(item.metrics),
                }
                for item in entry.people
            ],
            "adhoc": [
                {"line": item.line, "code": item.code, "reason": item.reason}
                for item in entry.adhoc
            ],
        }
    return {
        "format": FORMAT,
        "campaign": _write_campaign(package.campaign),
        "blocks": [{"code": block.code, "name": block.name} for block in package.blocks],
        "units": [
            {"code": unit.code, "name": unit.name, "block": unit.block, "parent": unit.parent}
            for unit in package.units
        ],
        "people": [
            {
                "code": person.code,
                "name": person.name,
                "unit": person.unit,
                "position": person.position,
                "direct_reform_work": person.direct_reform_work,
                "female": person.female,
            }
            for person in package.people
        ],
        "scales": {name: list(levels) for name, levels in package.scales.items()},
        "metrics": [
            {"key": metric.key, "text": metric.text, "kind": metric.kind, "scale": metric.scale}
            for metric in package.metrics
        ],
        "scheme": [_write_line(line) for line in package.scheme],
        "eligibility": {
            "collective": [_write_condition(c) for c in package.eligibility.collective],
            "individual": [_write_condition(c) for c in package.eligibility.individual],
        },
        "results": results,
    }
