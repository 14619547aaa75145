"""Perturbed copies of real acts, with their gold adjusted: what happens to official texts
on their way to a translator, applied to the source text so that every stage is tested.

Each perturbation takes the Kazakh and Russian source texts (markdown as the portal's
mirror writes it) and the gold alignment, and returns new texts and the gold that goes
with them. Layout changes keep the gold; content changes (a lost sentence, a lost heading,
renumbered articles, a table of contents) change it the way they change the text.
"""
from __future__ import annotations

import copy
import random
import re
import textwrap

from goldtools import stream

_MARKUP_LINE = re.compile(r"^\s*(?:#|>|\||<|```|~~~|---|\*\*\*)")
_HEADING = {
    "kk": re.compile(r"^(?P<lead>(?:#+\s*|\*\*)?)(?P<num>\d{1,4})(?P<tail>\s*-\s*бап\b)", re.I),
    "ru": re.compile(r"^(?P<lead>(?:#+\s*|\*\*)?Статья\s+)(?P<num>\d{1,4})(?P<tail>\b)"),
}


def _plain(line: str) -> str:
    """A markdown line as its text: heading marks, bold and quote marks off."""
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = re.sub(r"^\s*>\s?", "", line)
    return line.replace("**", "").replace("*", "").strip()


# ------------------------------------------------------------------ layout (gold unchanged)

def rewrap(text: str, width: int) -> str:
    """Every paragraph hard-wrapped at `width`, no indentation, no blank lines between
    paragraphs (text pasted from a narrow PDF column). Markup lines stay as they are."""
    out = []
    in_fence = in_table = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_fence = not in_fence
        in_table = (in_table or "<table" in line) and "</table>" not in line
        if not line.strip():
            continue
        if _MARKUP_LINE.match(line) or in_fence or in_table:
            out.append(line)
            continue
        out.extend(textwrap.wrap(line.strip(), width, break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(out) + "\n"


def one_per_line(text: str) -> str:
    """One paragraph a line, no blank lines, no indentation, markdown marks off, table
    rows as tab-separated cells (Word's "save as text", a browser copy)."""
    out = []
    in_fence = False
    for line in _html_tables_as_rows(text).splitlines():
        if line.strip().startswith("```"):
            in_fence = not in_fence
            continue
        if not line.strip():
            continue
        if line.strip().startswith("|"):
            out.append("\t".join(c.strip() for c in line.strip().strip("|").split("|")))
        else:
            out.append(line.strip() if in_fence else _plain(line))
    return "\n".join(x for x in out if x) + "\n"


def _html_tables_as_rows(text: str) -> str:
    """<table> fragments as one `|` row a line."""
    def rows(m):
        out = []
        for tr in re.findall(r"<tr\b.*?</tr>", m.group(0), re.S | re.I):
            cells = [re.sub(r"<[^>]+>", " ", c) for c in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", tr, re.S | re.I)]
            out.append("| " + " | ".join(" ".join(c.split()) for c in cells) + " |")
        return "\n".join(out)
    return re.sub(r"<table\b.*?</table>", rows, text, flags=re.S | re.I)


def as_html(text: str) -> str:
    """The act as a web page: paragraphs as <p>, fenced blocks as <pre>, and a navigation
    menu and footer around it (page furniture)."""
    import html
    body = []
    in_fence = False
    fence: list[str] = []
    for line in text.splitlines():
        if line.strip().startswith("```"):
            if in_fence:
                body.append("<pre>" + "\n".join(html.escape(x) for x in fence) + "</pre>")
                fence = []
            in_fence = not in_fence
            continue
        if in_fence:
            fence.append(line)
            continue
        if not line.strip() or line.strip().startswith(("<", "|")):
            if line.strip().startswith("<"):
                body.append(line)
            continue
        m = re.match(r"^\s*(#{1,6})\s+(.*)$", line)
        if m:
            n = len(m.group(1))
            body.append(f"<h{n}>{html.escape(m.group(2).replace('**', ''))}</h{n}>")
        else:
            body.append(f"<p>{html.escape(_plain(line))}</p>")
    nav = ('<nav><a href="/">Главная</a> | <a href="/kz">Басты бет</a> | <a href="/print">Версия для '
           'печати</a></nav>')
    foot = "<footer><p>Главная</p><p>Карта сайта</p></footer>"
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>act</title></head><body>"
            + nav + "<main>" + "\n".join(body) + "</main>" + foot + "</body></html>")


def heading_on_text_line(text: str, lang: str) -> str:
    """Each article heading ("Статья 5." with no title) joined with the first paragraph of
    its article, as some copies print it ("Статья 4. На всей территории … действует …")."""
    lines = text.splitlines()
    out, k = [], 0
    while k < len(lines):
        line = lines[k]
        if _HEADING[lang].match(line) and len(_plain(line).split()) <= 2:
            nxt = k + 1
            while nxt < len(lines) and not lines[nxt].strip():
                nxt += 1
            if nxt < len(lines) and not _MARKUP_LINE.match(lines[nxt]) and not _HEADING[lang].match(lines[nxt]):
                head = _plain(line)
                head = head if head.endswith(".") else head + "."
                out.append(f"{head} {lines[nxt].strip()}")
                k = nxt + 1
                continue
        out.append(line)
        k += 1
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ content (gold adjusted)

def _segment_lines(text: str, segment: str) -> int | None:
    """The index of the only source line that holds `segment` verbatim (as plain text)."""
    hits = [k for k, line in enumerate(text.splitlines()) if segment and segment in _plain(line)]
    return hits[0] if len(hits) == 1 else None


def drop_sentences(texts: dict, gold: dict, side: str, share: float, seed: int) -> tuple[dict, dict]:
    """Delete a share of the body sentences of one side (a lost paragraph, a bad copy):
    only sentences found verbatim once, taken out of the source and out of the gold."""
    rng = random.Random(seed)
    texts = dict(texts)
    gold = copy.deepcopy(gold)
    lines = texts[side].splitlines()
    for bead in gold["beads"]:
        if bead.get("kind") not in ("text", "item") or not bead[side]:
            continue
        keep = []
        for seg in bead[side]:
            k = _segment_lines("\n".join(lines), seg) if rng.random() < share and len(seg) > 30 else None
            if k is None:
                keep.append(seg)
                continue
            rest = lines[k].replace(seg, "", 1)
            lines[k] = rest if _plain(rest).strip() else ""
        bead[side] = keep
    texts[side] = "\n".join(lines) + "\n"
    return texts, gold


def drop_headings(texts: dict, gold: dict, side: str, count: int, seed: int) -> tuple[dict, dict]:
    """Lose `count` article headings of one side (a copy that dropped them)."""
    rng = random.Random(seed)
    texts = dict(texts)
    gold = copy.deepcopy(gold)
    lines = texts[side].splitlines()
    heads = [k for k, line in enumerate(lines) if _HEADING[side].match(line)]
    for k in rng.sample(heads, min(count, len(heads))):
        head = _plain(lines[k])
        lines[k] = ""
        for bead in gold["beads"]:
            if bead[side] and stream(bead[side][0]) == stream(head):
                bead[side] = bead[side][1:]
                break
    texts[side] = "\n".join(lines) + "\n"
    return texts, gold


def renumber(texts: dict, gold: dict, side: str, start: int, by: int = 1) -> tuple[dict, dict]:
    """Article numbers from `start` on shifted by `by` on one side (a version renumbered
    after an article was inserted or excluded)."""
    texts = dict(texts)
    gold = copy.deepcopy(gold)

    def shift(line: str) -> str:
        m = _HEADING[side].match(line)
        if not m or int(m.group("num")) < start:
            return line
        return f"{m.group('lead')}{int(m.group('num')) + by}{m.group('tail')}{line[m.end():]}"

    texts[side] = "\n".join(shift(line) for line in texts[side].splitlines()) + "\n"
    for bead in gold["beads"]:
        bead[side] = [shift(s) for s in bead[side]]
    return texts, gold


def add_contents(texts: dict, gold: dict, side: str) -> tuple[dict, dict]:
    """A table of contents (the article headings, one a line) at the top of one side."""
    texts = dict(texts)
    gold = copy.deepcopy(gold)
    heads = [_plain(line) for line in texts[side].splitlines() if _HEADING[side].match(line)]
    if len(heads) < 3:
        return texts, gold
    texts[side] = "\n\n".join(heads) + "\n\n" + texts[side]
    toc = [{"kk": [h] if side == "kk" else [], "ru": [h] if side == "ru" else [], "kind": "toc"} for h in heads]
    gold["beads"] = toc + gold["beads"]
    return texts, gold


# ------------------------------------------------------------------ families

FAMILIES = ("original", "drop_kk", "drop_ru", "heading_lost_kk", "heading_lost_ru", "renumbered_ru",
            "contents_ru", "rewrap_kk", "rewrap_ru", "one_per_line", "html_ru", "heading_with_text_ru")


def variant(family: str, texts: dict, gold: dict, seed: int = 0) -> tuple[dict, dict, dict]:
    """(texts, formats, gold) of one perturbation family; formats say how to read each side."""
    rng = random.Random(seed)
    fmt = {"kk": "md", "ru": "md"}
    if family == "original":
        return texts, fmt, gold
    if family.startswith("drop_"):
        texts, gold = drop_sentences(texts, gold, family[-2:], 0.1, seed)
    elif family.startswith("heading_lost_"):
        texts, gold = drop_headings(texts, gold, family[-2:], 1 + rng.randrange(2), seed)
    elif family == "renumbered_ru":
        nums = [int(m.group("num")) for line in texts["ru"].splitlines() if (m := _HEADING["ru"].match(line))]
        if nums:
            texts, gold = renumber(texts, gold, "ru", nums[len(nums) // 2])
    elif family == "contents_ru":
        texts, gold = add_contents(texts, gold, "ru")
    elif family.startswith("rewrap_"):
        side = family[-2:]
        texts = {**texts, side: rewrap(texts[side], rng.randrange(40, 61))}
    elif family == "one_per_line":
        texts = {side: one_per_line(t) for side, t in texts.items()}
        fmt = {"kk": "txt", "ru": "txt"}
    elif family == "html_ru":
        texts = {**texts, "ru": as_html(texts["ru"])}
        fmt = {**fmt, "ru": "html"}
    elif family == "heading_with_text_ru":
        texts = {**texts, "ru": heading_on_text_line(texts["ru"], "ru")}
    return texts, fmt, gold
