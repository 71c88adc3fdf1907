"""Whether a reported value reaches its target: a pure function of the plan's target and the
value, so the report page, the dashboard and the tests agree."""

from __future__ import annotations

import operator
from decimal import Decimal
from typing import Any

from thidua.campaigns.models import Target

OPERATORS = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


def attained(target: Target, value: Any) -> bool | None:
    """True or False; None when nothing was reported (a target marked "nếu có" is then simply
    skipped) or the value is not of the target's kind."""
    if value is None:
        return None
    compare = OPERATORS[target.op]
    if isinstance(target.value, bool):
        return compare(value, target.value) if isinstance(value, bool) else None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return compare(Decimal(str(value)), Decimal(str(target.value)))
