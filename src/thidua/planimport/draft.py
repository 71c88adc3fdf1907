"""What the reader makes of a plan: the package parts with each value's source.

`Draft.put("campaign.number", "31/KH-UBND", span)` records a value at its JSON path in the
spec's shape (`campaign`, `blocks`, `scheme`, plus `eligibility` for the standards) with the
span of the sentence it came from; `Draft.missing` lists the paths a plan usually states that
were not found, which the review screen shows as "không tìm thấy".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thidua.planimport.document import Span

# The fields every plan states, in the order the review screen lists them; one not found is
# reported as missing (never guessed).
EXPECTED = [
    "campaign.number",
    "campaign.issued_on",
    "campaign.place",
    "campaign.issuer",
    "campaign.implements",
    "campaign.title",
    "campaign.kind",
    "campaign.period.start",
    "campaign.period.end",
    "campaign.rounds",
    "campaign.contents",
    "campaign.targets",
    "scheme",
    "eligibility",
    "campaign.dossier",
    "campaign.funding",
    "campaign.recipients",
    "campaign.signer",
]


@dataclass(frozen=True)
class Source:
    """Where a value came from: the sentence (span into the text) and, inside it, the words."""

    sentence: Span
    words: Span | None = None


@dataclass
class Draft:
    text: str
    data: dict[str, Any] = field(
        default_factory=lambda: {
            "campaign": {"period": {"start": None, "end": None}},
            "blocks": [],
            "scheme": [],
            "eligibility": {"collective": [], "individual": []},
        }
    )
    sources: dict[str, Source] = field(default_factory=dict)

    def put(self, path: str, value: Any, sentence: Span, words: Span | None = None) -> None:
        """Set the value at a dotted path ("campaign.period.end", "scheme.0.count")."""
        *parents, last = path.split(".")
        node: Any = self.data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
        self.sources[path] = Source(sentence, words)

    def append(self, path: str, value: Any, sentence: Span, words: Span | None = None) -> int:
        """Add an item to the list at a path; returns its index."""
        node: Any = self.data
        for key in path.split("."):
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, [])
        node.append(value)
        index = len(node) - 1
        self.sources[f"{path}.{index}"] = Source(sentence, words)
        return index

    def get(self, path: str) -> Any:
        node: Any = self.data
        for key in path.split("."):
            try:
                node = node[int(key)] if isinstance(node, list) else node[key]
            except (KeyError, IndexError, ValueError, TypeError):
                return None
        return node

    def found(self, path: str) -> bool:
        value = self.get(path)
        return value not in (None, "", [], {})

    @property
    def missing(self) -> list[str]:
        return [path for path in EXPECTED if not self.found(path)]
