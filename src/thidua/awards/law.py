"""What the law in force says about a line's award: which form of the law it is, the share of
the council's votes it needs, and the bonus it carries.

A plan names its award in its own words ("Giấy khen", "Bằng khen của Chủ tịch UBND tỉnh"); the
legal value `award_forms` in force lists the forms with their codes and who gives them. A line
is matched to the form whose name starts with the plan's words and that the issuing unit's level
may give; the code then selects the council's passing rule (`council_passing_rule`, by form or
the default) and the bonus coefficient (`bonus_coefficients`), which multiplies the base salary
in force (`base_salary`) on the decision's date. An amount the plan states itself (on the line,
or on a tier) wins over the table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from thidua.campaigns.models import AwardLine
from thidua.core.legal import NotInForce, in_force
from thidua.core.text import fold


def _scope(line: AwardLine) -> str:
    owner = line.campaign.owner
    return owner.code if owner is not None else ""


def _plan_day(line: AwardLine) -> dt.date | None:
    campaign = line.campaign
    return campaign.issued_on or campaign.period_start


def _match(line: AwardLine, *, on: dt.date) -> dict[str, Any] | None:
    words = fold(line.form or "").strip()
    if not words:
        return None
    try:
        forms = in_force("award_forms", on=on, scope=_scope(line))
    except NotInForce:
        return None
    level = line.campaign.owner.level if line.campaign.owner_id else None
    named = [
        f for f in forms if fold(f["name"]).startswith(words) or words.startswith(fold(f["name"]))
    ]
    named = [f for f in named if line.subject in f.get("subjects", ())] or named
    if len(named) > 1 and level:
        named = [f for f in named if level in f.get("awarded_by", {})] or named
    return named[0] if len(named) == 1 else None


def form_of(line: AwardLine, *, on: dt.date) -> dict[str, Any] | None:
    """The form of the law (`{"code", "name", "subjects", "awarded_by"}`) a line's award is, or
    None when the plan's words match no form or several equally. A plan names its award under
    the law of its own time (a district's Giấy khen before the 2025 reform): the forms in force
    on the plan's issue date are read first, then those in force on `on`."""
    days = [day for day in (_plan_day(line), on) if day is not None]
    for day in dict.fromkeys(days):
        form = _match(line, on=day)
        if form is not None:
            return form
    return None


@dataclass(frozen=True)
class PassingRule:
    """Passes when the agree votes are more than (strict) or at least `share` of the members
    present (`of="present"`) or of all the council's members (`of="members"`)."""

    share: float
    strict: bool
    of: str

    def needed(self, *, present: int, members: int) -> int:
        """The fewest agree votes that pass."""
        base = present if self.of == "present" else members
        bound = self.share * base
        if self.strict:
            return math.floor(bound) + 1
        return math.ceil(bound - 1e-9)

    def passes(self, agree: int, *, present: int, members: int) -> bool:
        return agree >= self.needed(present=present, members=members) and agree > 0

    def describe(self) -> str:
        percent = f"{self.share * 100:g}%"
        whom = _("số thành viên có mặt") if self.of == "present" else _("tổng số thành viên")
        if self.strict:
            return _("trên %(share)s %(whom)s") % {"share": percent, "whom": whom}
        return _("từ %(share)s %(whom)s trở lên") % {"share": percent, "whom": whom}


def passing_rule(line: AwardLine, *, on: dt.date) -> PassingRule:
    """The council's passing rule for a line's form on a date (raises NotInForce if none)."""
    rules = in_force("council_passing_rule", on=on, scope=_scope(line))
    form = form_of(line, on=on)
    rule = (rules.get("by_form") or {}).get(form["code"]) if form else None
    rule = rule or rules["default"]
    return PassingRule(share=float(rule["share"]), strict=bool(rule["strict"]), of=rule["of"])


@dataclass(frozen=True)
class Bonus:
    amount: int  # đồng
    form_code: str  # "" when the plan's own amount was used or no form matched
    coefficient: Decimal | None
    base_salary: int | None


def bonus(line: AwardLine, tier: str, *, on: dt.date) -> Bonus:
    """The bonus of one seat of a line (and tier) for a decision signed on `on`."""
    for item in line.tiers or ():
        if item.get("name") == tier and item.get("amount") is not None:
            return Bonus(int(item["amount"]), "", None, None)
    if line.amount is not None:
        return Bonus(int(line.amount), "", None, None)
    form = form_of(line, on=on)
    if form is None:
        return Bonus(0, "", None, None)
    number = None
    # The table in force on the decision's date; a form it no longer lists (the district's
    # Giấy khen after the reform) keeps the coefficient of the plan's time.
    for day in dict.fromkeys(d for d in (on, _plan_day(line)) if d is not None):
        try:
            coefficients = in_force("bonus_coefficients", on=day, scope=_scope(line))
        except NotInForce:
            continue
        number = (coefficients.get(form["code"]) or {}).get(line.subject)
        if number is not None:
            break
    if number is None:
        return Bonus(0, form["code"], None, None)
    base = int(in_force("base_salary", on=on, scope=_scope(line)))
    coefficient = Decimal(str(number))
    amount = int((coefficient * base).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Bonus(amount, form["code"], coefficient, base)
