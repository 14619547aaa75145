"""Structure: read the legal skeleton from the normalized paragraphs.

Blocks: title, designation ("Постановление ... от ... №"), enacting formula, approval
stamp, the agreement's title, articles ("5-бап Қауіпсіздік" / "Статья 5. Безопасность"),
numbered points ("1."), sub-items ("1)"), notes, signatures, plain text. Each block gets
the section the aligner anchors on: the act, the agreement's title and preamble, each
article, and the closing signatures and notes after the last article.
"""
from __future__ import annotations

import re

from .. import lang_rules as R
from .. import model as M

_SENTENCE_VERB = re.compile(r"[.;]\s*$")


def parse_heading(line: str, lang: str) -> tuple[int, str] | None:
    """(article number, title) if the line is an article heading, else None.

    "3-бабында" and "статьей 3" are references inside sentences, not headings: the
    pattern requires the heading word itself, at the start of the paragraph."""
    m = R.ARTICLE_HEADING[lang].match(line.strip())
    if not m:
        return None
    title = m.group("title").strip().strip(".").strip()
    if len(title.split()) > R.HEADING_TITLE_MAX_WORDS:
        return None
    if lang == "ru" and title and not re.match(r"^Статья\s+\d+\s*[.:]", line.strip(), re.I):
        # "Статья 5 настоящего Соглашения ..." starts a sentence, not a heading
        if title[:1].islower() or _SENTENCE_VERB.search(m.group("title")):
            return None
    if lang == "kk" and title and title[:1].islower():
        return None
    return int(m.group("num")), title


def classify(paragraph: str, lang: str, in_front: bool) -> tuple[str, dict]:
    """The block kind of one paragraph, with its number or article where it has one."""
    heading = parse_heading(paragraph, lang)
    if heading:
        return M.HEADING, {"article": heading[0], "number": str(heading[0]), "title": heading[1] or None}
    if R.NOTE[lang].match(paragraph):
        return M.NOTE, {}
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
    return M.TEXT, {}


def build_blocks(text: str, lang: str) -> list[M.Block]:
    """Blocks for every line of the normalized text, with kinds and sections."""
    blocks: list[M.Block] = []
    pos = 0
    in_front = True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        kind, info = classify(line, lang, in_front)
        if kind == M.HEADING:
            in_front = False
        blocks.append(M.Block(kind, start, end, **info))
    _mark_titles(blocks)
    _assign_sections(blocks)
    return blocks


def _mark_titles(blocks: list[M.Block]) -> None:
    """Plain paragraphs before the act's designation are its title."""
    for i, b in enumerate(blocks[:4]):
        if b.kind == M.DESIGNATION:
            for prev in blocks[:i]:
                if prev.kind == M.TEXT:
                    prev.kind = M.TITLE
            return


def _assign_sections(blocks: list[M.Block]) -> None:
    section = M.ACT
    article = None
    for b in blocks:
        if b.kind == M.HEADING:
            article = b.article
            section = M.article_section(article)
        elif article is None and b.kind in (M.AGREEMENT_TITLE, M.APPROVAL, M.DRAFT):
            section = M.PREAMBLE
        b.section = section
        b.article = article
    # signatures and notes after the last article's text close the document
    for b in reversed(blocks):
        if article is None or b.kind not in (M.SIGNATURE, M.NOTE):
            break
        b.section = M.CLOSING
        b.article = None
