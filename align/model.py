"""The document model every stage works on.

As in spaCy, one `Document` owns the text; blocks and segments are spans with character
offsets into the normalized text, and `Document.offsets` maps every normalized character
back to the source text, so a reviewer can always be shown where a segment came from.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from enum import Enum

# Block kinds, in the order they usually appear in an act.
TITLE = "title"                  # the act's own title
DESIGNATION = "designation"      # "Постановление Правительства ... от ... № ..."
ENACTING = "enacting"            # "ПОСТАНОВЛЯЕТ:" / "ҚАУЛЫ ЕТЕДІ:"
APPROVAL = "approval"            # "Утверждено постановлением ..." stamp
AGREEMENT_TITLE = "agreement_title"
DRAFT = "draft"                  # "Проект" / "Жоба"
HEADING = "heading"              # "Статья 5. Безопасность", "1-тарау", "Раздел I" (see Block.level)
POINT = "point"                  # "1. ..."
SUBITEM = "subitem"              # "1) ..."
NOTE = "note"                    # "Примечание." / "Ескерту." that belong to the act
SIGNATURE = "signature"
TEXT = "text"
TABLE = "table"                  # one row of a table, cells joined by " | "
STAMP = "stamp"                  # a quoted block: an appendix's designation, a form's corner
EDITORIAL = "editorial"          # the publisher's note ("Сноска. ...", "ЗҚАИ-ның ескертпесі"), proof-readers
TOC = "toc"                      # a line of the table of contents
FURNITURE = "furniture"          # page furniture copied with the act (menus); never segmented

BLOCK_KINDS = (TITLE, DESIGNATION, ENACTING, APPROVAL, AGREEMENT_TITLE, DRAFT, HEADING,
               POINT, SUBITEM, NOTE, SIGNATURE, TEXT, TABLE, STAMP, EDITORIAL, TOC, FURNITURE)

# The review status of a bead and of a glossary entry: one vocabulary for every layer.
class Status(str, Enum):
    """A bead's or a glossary entry's status. The values are what the workspace stores and
    what the command line and the formats accept."""
    AUTO = "auto"            # as the aligner (or the glossary build) left it
    FLAGGED = "flagged"      # doubtful: the reviewer should look at it first
    APPROVED = "approved"    # a reviewer said it is right
    REJECTED = "rejected"    # a reviewer said it is wrong: never exported by default
    EDITED = "edited"        # a reviewer changed it (text, merge, split, move)
    CANDIDATE = "candidate"  # a glossary entry the build scored too low to export

    def __str__(self) -> str:
        return self.value


REVIEW_STATUSES = tuple(s.value for s in Status if s is not Status.CANDIDATE)   # every bead status
REVIEWED = (Status.APPROVED.value, Status.REJECTED.value, Status.EDITED.value)   # a person decided
KEPT = (Status.APPROVED.value, Status.EDITED.value)       # re-alignment keeps these as they are
GLOSSARY_STATUSES = (Status.AUTO.value, Status.APPROVED.value, Status.EDITED.value, Status.REJECTED.value,
                     Status.CANDIDATE.value)
# Glossary rows the build owns: replaced by every rebuild (the others a person decided on)
GLOSSARY_AUTOMATIC = (Status.AUTO.value, Status.CANDIDATE.value)

# Confidence bands a reviewer reads at a glance, with bounds taken from the calibration
# (benchmarks/calibrate.py): on official acts, beads at 0.9 and above are exactly right 99.6 %
# of the time, beads between 0.5 and 0.9 about 80 %, beads under 0.5 mostly wrong. Everything
# under the green band is flagged: the reviewer looks at it first.
RED_BELOW = 0.5
GREEN_FROM = 0.9
BANDS = ("red", "amber", "green")


def band(confidence: float) -> str:
    """'red' (probably wrong), 'amber' (doubtful) or 'green' (right but for a few in a thousand)."""
    return "red" if confidence < RED_BELOW else "amber" if confidence < GREEN_FROM else "green"


# Sections are the units the aligner anchors on: the act around the agreement
# ("act"), the agreement's title and preamble ("preamble"), each article, and what
# follows the last article's body that is not part of it ("closing").
ACT, PREAMBLE, CLOSING, CONTENTS = "act", "preamble", "closing", "toc"


def article_section(ident) -> str:
    return f"article:{ident}"


def section_article(section: str) -> str | None:
    """The article identifier of an "article:3-1" section, else None."""
    return section.split(":", 1)[1].split("#")[0] if section.startswith("article:") else None


@dataclass(slots=True)
class Block:
    kind: str
    start: int              # offsets into Document.text
    end: int
    section: str = ACT
    article: str | None = None   # identifier of the article the block belongs to ("5", "3-1")
    number: str | None = None    # "1." or "1)" for points and sub-items; the unit's identifier for headings
    title: str | None = None     # the unit's title, for headings
    level: str | None = None     # for headings: part, section, chapter, paragraph or article
    quoted: bool = False         # the markup set it apart as a quoted block (not stored: it only
                                 # matters to segmenting, which happens before storing)

    @property
    def key(self) -> str | None:
        """"article:3-1" for a heading: what the same unit is called in the other language."""
        return f"{self.level}:{self.number}" if self.kind == HEADING and self.level else None


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
    notes: list[str] = field(default_factory=list)   # what reading repaired (a cut-off character...)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the source text that the normalized span [start, end) came from."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.source)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    @property
    def articles(self) -> list[str]:
        return [b.number for b in self.blocks if b.kind == HEADING and b.level == "article"]

    def headings(self) -> list[Block]:
        """Headings of the act's units (the table of contents is not among them)."""
        return [b for b in self.blocks if b.kind == HEADING and b.level]

    def sections(self) -> list[str]:
        """Section names in document order, each once."""
        seen: dict[str, None] = {}
        for b in self.blocks:
            seen.setdefault(b.section, None)
        return list(seen)
