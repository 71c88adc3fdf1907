"""A plan's text as parts with their character spans.

A Vietnamese administrative document numbers its parts by depth: "I." (Roman), "1." (Arabic),
"1.1." (decimal), "a)" (letter), then bullets "-" and "+". `Document` keeps the text and its
blocks (one per non-empty line: a heading or a paragraph) with their number and depth, and
cuts paragraphs into sentences, all as spans [start, end) into the text, so that each value
the reader finds can point back to the sentence it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from thidua.core.text import fold

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_MARKERS = [
    ("roman", re.compile(rf"^(?P<n>{_ROMAN})[.\-–)]\s+(?=\S)")),
    ("decimal", re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")),
    ("arabic", re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?=\S)")),
    ("letter", re.compile(r"^(?P<n>[a-zđ])\)\s+(?=\S)")),
    ("dash", re.compile(r"^(?P<n>[-–—•*])\s*(?=\S)")),
    ("plus", re.compile(r"^(?P<n>\+)\s*(?=\S)")),
]
_MARKUP_LEAD = re.compile(r"^(?:#{1,6}\s+)?(?:\*\*|__)?")
_MARKUP_TRAIL = re.compile(r"(?:\*\*|__)$")
DEPTH = {"roman": 1, "arabic": 2, "decimal": 3, "letter": 4, "dash": 5, "plus": 6}
# The end of a sentence: . ; ! ? or ":" before a list, followed by a space and a capital, or
# the end of the block. Abbreviations ("TP.", "Tp.", "v.v.") and numbers (31/12/2022, 1.500)
# do not end a sentence.
_SENTENCE_END = re.compile(
    r"(?<!\bTP)(?<!\bTp)(?<!\bv\.v)[.;!?](?=\s+[\"“(]?[A-ZÀ-Ỹ0-9])|\.(?=\s*$)"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")


@dataclass
class Block:
    """One non-empty line of the text: a heading (numbered, short, or in capitals) or a
    paragraph; `marker` is its number as written ("II", "2", "1.2", "a", "-"), `kind` its
    numbering style, `depth` the level the style gives (0: none)."""

    span: Span
    text: str  # the whole line as written
    kind: str = ""
    marker: str = ""
    body: Span | None = None  # the line without its marker
    children: list[Block] = field(default_factory=list)
    parent: Block | None = field(default=None, repr=False)

    @property
    def depth(self) -> int:
        return DEPTH.get(self.kind, 0)

    @property
    def is_heading(self) -> bool:
        """A numbered line of the three upper levels whose text is a title (short, no final
        full stop), or a line in capitals."""
        body = self.body_text
        if self.kind in ("roman", "arabic", "decimal", "letter") and len(body) <= 120:
            return not body.rstrip().endswith((".", ";"))
        letters = [ch for ch in body if ch.isalpha()]
        return bool(letters) and len(letters) >= 4 and all(ch.isupper() for ch in letters)

    @property
    def body_text(self) -> str:
        return self.text[self.body.start - self.span.start :] if self.body else self.text

    @cached_property
    def folded(self) -> str:
        return fold(self.body_text)

    def walk(self) -> Iterator[Block]:
        yield self
        for child in self.children:
            yield from child.walk()

    def heading_path(self) -> list[Block]:
        """The headings above this block, outermost first."""
        path = []
        node = self.parent
        while node is not None:
            path.append(node)
            node = node.parent
        return list(reversed(path))


class Document:
    """The text and its blocks, nested by the depth of their numbering."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = list(self._blocks())
        self.roots: list[Block] = self._nest()
        self.folded = fold_keep_length(text)

    def _blocks(self) -> Iterator[Block]:
        position = 0
        for line in self.text.split("\n"):
            start, end = position, position + len(line)
            position = end + 1
            stripped = line.strip()
            if not stripped:
                continue
            lead = len(line) - len(line.lstrip())
            start += lead
            end = start + len(stripped)
            # Text copied from a portal keeps Markdown: "## I. MỤC ĐÍCH", "**1. Mục đích**".
            # The marks are left out of the block's words (its span still covers them).
            mark = _MARKUP_LEAD.match(stripped)
            inner_start = start + (mark.end() if mark else 0)
            trail = _MARKUP_TRAIL.search(stripped)
            inner_end = start + (trail.start() if trail else len(stripped))
            if inner_end <= inner_start:
                continue
            inner = self.text[inner_start:inner_end]
            block = Block(span=Span(inner_start, inner_end), text=inner)
            for kind, pattern in _MARKERS:
                match = pattern.match(inner)
                if match and match.group("n"):
                    block.kind, block.marker = kind, match.group("n")
                    block.body = Span(inner_start + match.end(), inner_end)
                    break
            yield block

    def _nest(self) -> list[Block]:
        """Numbered blocks nest under the nearest shallower numbered block; an unnumbered
        paragraph belongs to the heading before it."""
        roots: list[Block] = []
        stack: list[Block] = []
        for block in self.blocks:
            depth = block.depth or 99
            while stack and (stack[-1].depth or 99) >= depth:
                stack.pop()
            if stack:
                block.parent = stack[-1]
                stack[-1].children.append(block)
            else:
                roots.append(block)
            if block.depth:
                stack.append(block)
        return roots

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentences(self, block: Block) -> list[Span]:
        """The sentences of a block, as spans into the text."""
        source = block.body or block.span
        text = self.text[source.start : source.end]
        spans, begin = [], 0
        for match in _SENTENCE_END.finditer(text):
            end = match.end()
            if text[begin:end].strip():
                spans.append(_trimmed(text, begin, end, source.start))
            begin = end
        if text[begin:].strip():
            spans.append(_trimmed(text, begin, len(text), source.start))
        return spans

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding a character of the text (its line when none)."""
        for block in self.blocks:
            if block.span.start <= offset < block.span.end:
                for span in self.sentences(block):
                    if span.start <= offset < span.end:
                        return span
                return block.span
        return Span(offset, offset)

    def find_heading(self, *words: str) -> Block | None:
        """The first heading whose folded text contains all the folded words."""
        wanted = [fold(w) for w in words]
        for block in self.blocks:
            if block.is_heading and all(w in block.folded for w in wanted):
                return block
        return None

    def section_blocks(self, heading: Block) -> list[Block]:
        """The blocks under a heading: its nested children, or (for an unnumbered heading)
        the blocks up to the next heading of the same kind."""
        if heading.children:
            return [b for child in heading.children for b in child.walk()]
        index = self.blocks.index(heading)
        out = []
        for block in self.blocks[index + 1 :]:
            if block.is_heading and (block.kind == heading.kind or block.depth <= heading.depth):
                break
            out.append(block)
        return out


def _trimmed(text: str, begin: int, end: int, offset: int) -> Span:
    piece = text[begin:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return Span(offset + begin + lead, offset + end - trail)


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x41, 0x2000):
        char = chr(code)
        folded = fold(char) if char.strip() else char
        if len(folded) == 1 and folded != char:
            table[code] = folded
    return table


_FOLD_TABLE = _fold_table()


def fold_keep_length(text: str) -> str:
    """Lower case without diacritics, one character for one: offsets into it are offsets into
    the text (đ → d, ắ → a, ...); a translation table, fast on long text."""
    return text.translate(_FOLD_TABLE)
