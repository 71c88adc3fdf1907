"""The draft of a plan as a campaign package (`shared/spec/campaign-package.md`).

`package_of(draft)` gives the package's `format`, `campaign`, `blocks`, `scheme` and
`eligibility` parts (and `scales`, `metrics` when a reader declares some) with every key the
spec defines: what the reader found, and the spec's default (null, false, `[]`) for what it
did not. The defaults are read from the package module's own records
(`thidua.campaigns.package`), so they are the ones the export writes.

Nothing is guessed: a value the plan does not state stays null and is listed as missing; the
importer then names its JSON path for the officer to fill in. Only identifiers a package
needs and a plan never writes are made up, each from its position: a target's `code` ("T1"),
an award line's `id` ("L1"), a round's `code` ("R1"), and the metric of a qualitative
standard ("standard_1"): the spec reads a standard the office judges as a yes/no metric with
the plan's wording in `text`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from thidua.campaigns import package as pkg
from thidua.planimport.draft import Draft


def _defaults(record: type) -> dict[str, Any]:
    """The key → default of a package record; a required key reads as null (not found)."""
    out: dict[str, Any] = {}
    for item in dataclasses.fields(record):
        if item.default is not dataclasses.MISSING:
            default = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()
        else:
            default = None
        out[item.name] = list(default) if isinstance(default, tuple) else default
    return out


_CAMPAIGN = {key: _defaults(pkg.CampaignInfo)[key] for key in pkg.CAMPAIGN_KEYS}
_CAMPAIGN["period"] = {"start": None, "end": None}
_SIGNER = _defaults(pkg.Signer)
_ASSIGNMENT = {"assignee": None, "unit": None, "task": None}
_TARGET = _defaults(pkg.Target)
_ROUND = _defaults(pkg.Round)
_DOSSIER = {"subject": None, "component": None, "template": None, "copies": None, "note": None}
_LINE = {key: _defaults(pkg.Line)[key] for key in pkg.LINE_KEYS}
_TIER = _defaults(pkg.Tier)
_BLOCK = {"code": None, "name": None}
_CONDITION = {"metric": None, "op": None, "value": None, "applies_to": None, "text": None}
_ANY = {"any": [], "applies_to": None, "text": None}


def package_of(draft: Draft) -> dict[str, Any]:
    """The draft as a package for `campaigns.services.import_package` (a draft campaign)."""
    data = draft.data if isinstance(draft.data, dict) else {}
    campaign = _filled(data.get("campaign"), _CAMPAIGN)
    campaign["period"] = _filled(campaign.get("period"), {"start": None, "end": None})
    if campaign["signer"] is not None:
        campaign["signer"] = _filled(campaign["signer"], _SIGNER)
    for key, default in _CAMPAIGN.items():
        if isinstance(default, list) and not isinstance(campaign[key], list):
            campaign[key] = [] if campaign[key] in (None, "") else [campaign[key]]
    campaign["assignments"] = [_filled(item, _ASSIGNMENT) for item in campaign["assignments"]]
    campaign["targets"] = [
        _coded(_filled(item, _TARGET), "code", f"T{index}")
        for index, item in enumerate(campaign["targets"], 1)
    ]
    for index, target in enumerate(campaign["targets"], 1):
        if target["metric"] in (None, ""):
            target["metric"] = f"target_{index}"
    campaign["rounds"] = [
        _coded(_filled(item, _ROUND), "code", f"R{index}")
        for index, item in enumerate(campaign["rounds"], 1)
    ]
    campaign["dossier"] = [_filled(item, _DOSSIER) for item in campaign["dossier"]]
    scheme = []
    for index, item in enumerate(_listed(data.get("scheme")), 1):
        line = _coded(_filled(item, _LINE), "id", f"L{index}")
        for key in ("priority", "tie_break"):
            line[key] = list(line[key] or [])
        if line["tiers"]:
            line["tiers"] = [_filled(tier, _TIER) for tier in line["tiers"]]
            line["count"] = None
        else:
            line["tiers"] = None
        scheme.append(line)
    eligibility = data.get("eligibility") if isinstance(data.get("eligibility"), dict) else {}
    numbered = iter(range(1, 10_000))
    # A reader that declares rating scales or metrics (a standard on a scale of its time)
    # passes them on; the spec's defaults otherwise, which the package leaves out.
    declared = {
        key: data[key]
        for key, kind in (("scales", dict), ("metrics", list))
        if isinstance(data.get(key), kind) and data[key]
    }
    return _plain(
        {
            **declared,
            "format": pkg.FORMAT,
            "campaign": campaign,
            "blocks": [_filled(item, _BLOCK) for item in _listed(data.get("blocks"))],
            "scheme": scheme,
            "eligibility": {
                subject: [_condition(item, numbered) for item in _listed(eligibility.get(subject))]
                for subject in ("collective", "individual")
            },
        }
    )


def _condition(value: Any, numbered) -> dict[str, Any]:
    if isinstance(value, str):
        value = {"text": value}
    if isinstance(value, dict) and "any" in value:
        out = _filled(value, _ANY)
        out["any"] = [_condition(option, numbered) for option in _listed(out["any"])]
        return out
    out = _filled(value, _CONDITION)
    if out["metric"] in (None, "") and out["op"] is None and out["value"] is None:
        # A standard the plan words without a measure: a yes/no the office judges.
        out.update(metric=f"standard_{next(numbered)}", op="==", value=True)
    if out["applies_to"] == {}:
        out["applies_to"] = None
    return out


def _filled(value: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    """The draft's object over the defaults (a fresh copy of each), the spec's keys only."""
    out = {key: _copy(default) for key, default in defaults.items()}
    if isinstance(value, dict):
        out.update((key, item) for key, item in value.items() if key in defaults)
    return out


def _coded(item: dict[str, Any], key: str, code: str) -> dict[str, Any]:
    if not isinstance(item.get(key), str) or not item[key].strip():
        item[key] = code
    return item


def _listed(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy(item) for item in value]
    return value


def _plain(value: Any) -> Any:
    """JSON values only: dates as ISO text, tuples as lists."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value
