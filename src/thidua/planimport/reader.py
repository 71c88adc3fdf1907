"""Read a plan's text into a draft: the document's parts, then each group of fields."""

from __future__ import annotations

import logging
from collections.abc import Callable

from thidua.planimport import fields_awards, fields_header, fields_lists, fields_period
from thidua.planimport.document import Document
from thidua.planimport.draft import Draft

logger = logging.getLogger(__name__)

Reader = Callable[[Document, Draft], None]
# In order: what later readers use (the issue date, the period, the blocks) comes first.
READERS: list[Reader] = [
    fields_header.read,
    fields_period.read,
    fields_lists.read,
    fields_awards.read,
]


def read_plan(text: str) -> Draft:
    """The draft of a plan's (normalised) text. Never raises on odd text: a reader that fails
    on it leaves its fields missing (and the failure is logged for the developers)."""
    document = Document(text)
    draft = Draft(text=text)
    for reader in READERS:
        try:
            reader(document, draft)
        except Exception:  # one group's bug must not lose the others' fields
            logger.exception("plan reader %s failed", reader.__module__)
    return draft
