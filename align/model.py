"""The document model every stage works on.

As in spaCy, one `Document` owns the text; blocks and segments are spans with character
offsets into the normalized text, and `Document.offsets` maps every normalized character
back to the source text, so a reviewer can always be shown where a segment came from.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field

# Block kinds, in the order they usually appear in an act.
TITLE = "title"                  # the act's own title
DESIGNATION = "designation"      # "Постановление Правительства ... от ... № ..."
ENACTING = "enacting"            # "ПОСТАНОВЛЯЕТ:" / "ҚАУЛЫ ЕТЕДІ:"
APPROVAL = "approval"            # "Утверждено постановлением ..." stamp
AGREEMENT_TITLE = "agreement_title"
DRAFT = "draft"                  # "Проект" / "Жоба"
HEADING = "heading"              # "Статья 5. Безопасность" / "5-бап Қауіпсіздік"
POINT = "point"                  # "1. ..."
SUBITEM = "subitem"              # "1) ..."
NOTE = "note"                    # "Примечание." / "Ескерту."
SIGNATURE = "signature"
TEXT = "text"

BLOCK_KINDS = (TITLE, DESIGNATION, ENACTING, APPROVAL, AGREEMENT_TITLE, DRAFT, HEADING,
               POINT, SUBITEM, NOTE, SIGNATURE, TEXT)

# Sections are the units the aligner anchors on: the act around the agreement
# ("act"), the agreement's title and preamble ("preamble"), each article, and what
# follows the last article's body that is not part of it ("closing").
ACT, PREAMBLE, CLOSING = "act", "preamble", "closing"


def article_section(number: int) -> str:
    return f"article:{number}"


@dataclass(slots=True)
class Block:
    kind: str
    start: int              # offsets into Document.text
    end: int
    section: str = ACT
    article: int | None = None   # number of the article the block belongs to
    number: str | None = None    # "1." or "1)" for points and sub-items; article number for headings
    title: str | None = None     # article title, for headings


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    text: str
    block: int              # index into Document.blocks
    kind: str               # kind of its block ("heading", "point", ...) or "item" for list items


@dataclass
class Document:
    text: str                           # normalized text: one block per line
    offsets: array                      # offsets[i] = index in `source` of text[i]
    source: str = ""                    # the decoded source text
    path: str = ""
    lang: str = ""                      # "kk" or "ru"
    encoding: str = ""                  # how the source bytes were decoded
    format: str = ""                    # "txt", "html", "docx", "md"
    blocks: list[Block] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the source text that the normalized span [start, end) came from."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.source)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    @property
    def articles(self) -> list[int]:
        return [b.article for b in self.blocks if b.kind == HEADING and b.article is not None]

    def sections(self) -> list[str]:
        """Section names in document order, each once."""
        seen: dict[str, None] = {}
        for b in self.blocks:
            seen.setdefault(b.section, None)
        return list(seen)
