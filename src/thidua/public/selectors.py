"""What the public may read: a certificate found by its verification code.

Only the certificate of an award whose decision is issued is genuine; any other code (unknown,
forged, of a draft decision, malformed) is simply not found, with nothing to tell them apart.
"""

from __future__ import annotations

import re

from thidua.awards.certificates import CERTIFICATE_RELATED
from thidua.awards.enums import DecisionState
from thidua.awards.models import Certificate

# The codes the system writes: letters, digits and dashes, as long as the field holds.
CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def is_well_formed(code: str) -> bool:
    return bool(CODE.fullmatch(code or ""))


def genuine_certificate(code: str) -> Certificate | None:
    """The certificate with this code of an issued decision (one query), else None (no query
    when the code cannot be one)."""
    if not is_well_formed(code):
        return None
    return (
        Certificate.objects.select_related(*CERTIFICATE_RELATED)
        .filter(code=code, award__decision__state=DecisionState.ISSUED)
        .first()
    )
