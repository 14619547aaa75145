"""Structure: read the legal skeleton from the normalized paragraphs.

Blocks: title, designation ("Постановление ... от ... №"), enacting formula, approval
stamp, the agreement's title, headings of every level (part, section, chapter, paragraph,
article — "3-1-бап", "Статья 1024", "Раздел IV"), numbered points ("1.", "5-1.") and
sub-items ("1)"), the act's own notes, editorial notes, table rows, quoted stamps,
signatures, the table of contents, page furniture and plain text. A heading that carries
the unit's first sentence on its line is split into the heading and a text block.

Each block gets the section the review groups it under (the innermost unit it belongs
to: "article:3-1", "chapter:2"; the act's front before any unit; "toc"; "closing" for
signatures and notes after the last unit) and the article it belongs to.
"""
from __future__ import annotations

from ..lang import tables as R
from .. import model as M
from .headings import Heading, parse_heading
from .paragraphs import Hints

_NO_HINTS = Hints()
# Blocks that may stand between the headings of a table of contents.
_TOC_FILLER = (M.HEADING, M.TOC)


def build_blocks(text: str, lang: str, hints: list[Hints] | None = None) -> list[M.Block]:
    """Blocks for every line of the normalized text, with kinds and sections."""
    blocks: list[M.Block] = []
    pos = 0
    in_front = True
    for n, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        hint = hints[n] if hints and n < len(hints) else _NO_HINTS
        for block in _classify(line, start, lang, hint, in_front):
            if block.kind == M.HEADING and block.level in ("article", "chapter", "section", "paragraph"):
                in_front = False
            blocks.append(block)
    _mark_contents(blocks, lang, text)
    _mark_titles(blocks)
    _mark_proofreaders(blocks, text, lang)
    _assign_sections(blocks)
    return blocks


def _classify(line: str, start: int, lang: str, hint: Hints, in_front: bool) -> list[M.Block]:
    end = start + len(line)
    if R.FURNITURE.match(line) and len(line) < 120:
        return [M.Block(M.FURNITURE, start, end)]
    if hint.table:
        return [M.Block(M.TABLE, start, end)]
    if R.EDITORIAL[lang].match(line) or R.PROOFREADERS[lang].match(line) \
            or hint.quote and R.NOTE[lang].match(line):
        return [M.Block(M.EDITORIAL, start, end, quoted=bool(hint.quote))]
    heading = parse_heading(line, lang, "title" if hint.level else hint.bold)
    if heading:
        return _heading_blocks(heading, line, start, lang, hint, in_front)
    if R.TOC_TITLE[lang].match(line):
        return [M.Block(M.TOC, start, end)]
    kind, info = _kind(line, lang, hint, in_front)
    return [M.Block(kind, start, end, **info)]


def _heading_blocks(h: Heading, line: str, start: int, lang: str, hint: Hints, in_front: bool
                    ) -> list[M.Block]:
    head = line[:h.end].rstrip()
    out = [M.Block(M.HEADING, start, start + len(head), number=h.ident, title=h.title or None,
                   level=h.level)]
    rest = line[h.end:]
    if rest.strip():
        at = start + h.end + (len(rest) - len(rest.lstrip()))
        kind, info = _kind(rest.strip(), lang, _NO_HINTS, in_front)
        out.append(M.Block(kind, at, start + len(line), **info))
    return out


def _kind(paragraph: str, lang: str, hint: Hints, in_front: bool) -> tuple[str, dict]:
    """The kind of a paragraph that is not a heading, with its number where it has one."""
    if R.NOTE[lang].match(paragraph):
        return M.NOTE, {}
    if hint.quote:
        return (M.APPROVAL if R.APPROVAL[lang].search(paragraph) else M.STAMP), {}
    if in_front:
        if R.DRAFT[lang].match(paragraph):
            return M.DRAFT, {}
        if R.DESIGNATION[lang].match(paragraph):
            return M.DESIGNATION, {}
        if R.APPROVAL[lang].search(paragraph):
            return M.APPROVAL, {}
        if R.ENACTING[lang].search(paragraph):
            return M.ENACTING, {}
        if R.AGREEMENT_TITLE[lang].search(paragraph) and len(paragraph) < 400:
            return M.AGREEMENT_TITLE, {}
    if R.SIGNATURE[lang].match(paragraph) and len(paragraph) < 120:
        return M.SIGNATURE, {}
    m = R.POINT.match(paragraph)
    if m:
        return M.POINT, {"number": m.group("num") + "."}
    m = R.SUBITEM.match(paragraph)
    if m:
        return M.SUBITEM, {"number": m.group("num") + ")"}
    if hint.level:
        return M.TITLE, {}
    return M.TEXT, {}


def _mark_contents(blocks: list[M.Block], lang: str, text: str) -> None:
    """A table of contents: a run of headings with no text between them whose units
    appear again later as the real headings (or a run under a "Мазмұны" title). Its lines
    are kept out of anchoring: they repeat the headings of the text."""
    last_at = {b.key: k for k, b in enumerate(blocks) if b.key}   # a key seen at j or later: last_at >= j
    i = 0
    while i < len(blocks):
        if blocks[i].kind not in _TOC_FILLER:
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind in _TOC_FILLER:
            j += 1
        run = blocks[i:j]
        titled = run[0].kind == M.TOC
        keys = [b.key for b in run if b.key]
        if keys and (titled and len(keys) >= 2 or len(keys) >= 3
                     and sum(1 for k in keys if last_at[k] >= j) >= 0.5 * len(keys)):
            for b in run:
                b.kind = M.TOC
        i = max(j, i + 1)


def _mark_titles(blocks: list[M.Block]) -> None:
    """Plain paragraphs before the act's designation are its title."""
    for i, b in enumerate(blocks[:4]):
        if b.kind == M.DESIGNATION:
            for prev in blocks[:i]:
                if prev.kind == M.TEXT:
                    prev.kind = M.TITLE
            return


def _mark_proofreaders(blocks: list[M.Block], text: str, lang: str) -> None:
    """The names under "Оқығандар:" / "Читали:" belong to the proof-readers' note."""
    for i, b in enumerate(blocks):
        if b.kind == M.EDITORIAL and R.PROOFREADERS[lang].match(text[b.start:b.end]):
            for nb in blocks[i + 1:]:
                if nb.kind not in (M.TEXT, M.SIGNATURE) or len(text[nb.start:nb.end].split()) > 4:
                    break
                nb.kind = M.EDITORIAL


def _assign_sections(blocks: list[M.Block]) -> None:
    """Each block's section (the innermost unit around it) and article."""
    section = M.ACT
    article = None
    seen: dict[str, int] = {}
    depth = {level: n for n, level in enumerate(R.HEADING_LEVELS)}
    any_unit = False
    for b in blocks:
        if b.kind == M.TOC:
            b.section = M.CONTENTS
            continue
        if b.kind == M.HEADING and b.level:
            any_unit = True
            seen[b.key] = seen.get(b.key, 0) + 1
            section = b.key if seen[b.key] == 1 else f"{b.key}#{seen[b.key]}"
            if b.level == "article":
                article = b.number
            elif depth[b.level] < depth["article"]:
                article = None
        elif not any_unit and b.kind in (M.AGREEMENT_TITLE, M.APPROVAL, M.DRAFT):
            section = M.PREAMBLE
        b.section = section
        b.article = article
    # signatures and notes after the last unit's text close the document
    for b in reversed(blocks):
        if not any_unit or b.kind not in (M.SIGNATURE, M.NOTE, M.EDITORIAL, M.FURNITURE):
            break
        b.section = M.CLOSING
        b.article = None
