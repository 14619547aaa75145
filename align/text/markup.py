"""Markup: the lines of a text file as content lines with layout hints.

Acts arrive as plain text, as markdown the way the legal portal's mirror writes it, or as
HTML and DOCX that the readers turn into the same markdown-like text. This stage removes
the markup and keeps what it says about the layout:

- `#` headings (their level), whole-line **bold** (headings of some acts), `>` quoted blocks
  (approval stamps, editorial notes), fenced code blocks (hard-wrapped text pasted as is);
- tables — `|` rows, `<table>` fragments, and columns laid out with spaces inside a fenced
  block — as one line per row, cells joined by " | ";
- YAML front matter and horizontal rules, which are not part of the act.

Characters keep their source offsets (`OText`); the paragraph stage decides which lines
belong together.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .otext import OText, split_lines

CELL_SEPARATOR = " | "


@dataclass
class Line:
    text: OText
    indent: int
    gap: int                 # blank lines before it
    level: int = 0           # markdown heading level (1-6); 0 for other lines
    bold: bool = False       # the whole line is bold
    quote: int = 0           # the `>` block it belongs to (numbered from 1; 0: none)
    fence: int = 0           # the fenced block it belongs to (numbered from 1; 0: none)
    table: bool = False      # a table row, cells joined by CELL_SEPARATOR
    hard: bool = False       # ends in a markdown hard break ("  " or "\")
    bold_cont: bool = False  # inside a **bold** span opened on an earlier line


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
# Possessive quantifiers and a start only at a run of spaces: the plain forms retried every
# split of a long run of spaces between the adjacent \s* (quadratic on a line of spaces).
_HEADING_TAIL = re.compile(r"(?<!\s)\s++#++\s*+$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_RULE = re.compile(r"^\s{0,3}([-*_=])(?:\s*\1){2,}\s*$")
_PIPE_ROW = re.compile(r"^\s{0,3}\|")
_PIPE_SEPARATOR = re.compile(r"^\s*+\|?+\s*+:?+-{2,}+:?+\s*+(?:\|\s*+:?+-{2,}+:?+\s*+)*+\|?+\s*+$")
_TAB_ROW = re.compile(r"\S\t+\S.*\t|\S\t+\S")   # cells separated by tabs (a table saved as text)
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?=\S)(.*\S)\1\s*$")
_BOLD_MARK = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*")   # "** 11-тармақ" is a footnote mark, not bold
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?:</tr\s*>|(?=<tr\b)|$)", re.I | re.S)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?:</t[dh]\s*>|(?=<t[dh]\b)|$)", re.I | re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_SPACE_RUN = re.compile(r"[ \t\u00a0]+")
# A run of white space holding a line break, tried only where the run starts and without
# backtracking (`\s*\n\s*` rescanned a long run of spaces from every position).
_LINE_BREAK_RUN = re.compile(r"(?<!\s)[^\S\n]*+\n\s*+")
_COLUMN_GAP = re.compile(r"\S[ \t]{3,}\S")
_ROW_NUMBER = re.compile(r"^\s{0,4}\d{1,3}\s?[.)](?!\d)")   # "12." opens a row of a numbered table
_FRONT_KEY = re.compile(r"^(?:[A-Za-z_][\w-]*:|\s+\S|-\s)")


def parse(source: OText) -> list[Line]:
    """Content lines of the source text, markup removed, with their layout hints."""
    raw = split_lines(source)
    start = _front_matter_end(raw)
    out: list[Line] = []
    gap = 0
    quote_id = fence_id = 0
    in_quote = False
    in_bold = False
    i = start
    while i < len(raw):
        line = raw[i]
        s = line.s
        if _FENCE.match(s):
            end = next((k for k in range(i + 1, len(raw)) if _FENCE.match(raw[k].s)), len(raw))
            fence_id += 1
            body = raw[i + 1:end]
            if _columnar(body):
                rows = _fixed_width_rows(body)
                for k, row in enumerate(rows):
                    out.append(Line(row, 0, gap if k == 0 else 1, table=True, fence=fence_id))
                    gap = 0
            else:
                for inner in body:
                    if not _has_word(inner.s):
                        gap += 1
                        continue
                    out.append(Line(_inline(inner).strip(), _indent(inner.s), gap, fence=fence_id))
                    gap = 0
            i = end + 1
            in_quote = False
            continue
        if _table_opens(s):
            end = i
            while end < len(raw) and not _TABLE_CLOSE.search(raw[end].s):
                end += 1
            chunk = OText.join(raw[i:end + 1], "\n")
            before = chunk[:_TABLE_OPEN.search(chunk.s).start()]
            if before.s.strip():
                out.append(Line(_inline(before).strip(), _indent(s), gap))
                gap = 0
            for k, row in enumerate(_html_rows(chunk)):
                out.append(Line(row, 0, gap if k == 0 else 0, table=True))
                gap = 0
            close = _TABLE_CLOSE.search(chunk.s)
            after = chunk[close.end():] if close else chunk[len(chunk):]
            if after.s.strip():
                out.append(Line(_inline(after).strip(), 0, 1))
            i = end + 1
            in_quote = False
            continue
        end = _plain_table_end(raw, i)
        if end:
            for k, row in enumerate(_fixed_width_rows(raw[i:end])):
                out.append(Line(row, 0, gap if k == 0 else 0, table=True))
                gap = 0
            i = end
            continue
        i += 1
        if not s.strip() or _RULE.match(s) and not _has_word(s):
            gap += 1
            in_quote = in_bold = False  # emphasis does not cross a blank line
            continue
        if _PIPE_ROW.match(s) or _tab_separated(s):
            if not _PIPE_SEPARATOR.match(s):
                row = _pipe_row(line) if _PIPE_ROW.match(s) else _tab_row(line)
                if row.s:
                    out.append(Line(row, 0, gap, table=True))
                    gap = 0
            in_quote = False
            continue
        indent = _indent(s)
        level = quote = 0
        m = _QUOTE.match(s)
        if m:
            if not in_quote:
                quote_id += 1
            in_quote = True
            quote = quote_id
            line = line[m.end():]
        else:
            in_quote = False
        m = _HEADING.match(line.s)
        if m:
            level = len(m.group(1))
            line = line[m.end():].sub(_HEADING_TAIL, "")
        hard = line.s.endswith("  ") or line.s.rstrip(" ").endswith("\\")
        opens_bold = "**" in line.s and len(_BOLD_MARK.findall(line.s)) % 2 == 1
        bold = bool(_BOLD_LINE.match(line.s))
        text = _inline(line).strip()
        if text.s and _has_word(text.s):
            out.append(Line(text, indent, gap, level, bold, quote, 0, False, hard, in_bold))
            gap = 0
        elif text.s:
            gap += 1  # a line of underscores or dashes: a blank to fill in, not text
        if opens_bold:
            in_bold = not in_bold
    return out


def _indent(s: str) -> int:
    expanded = s.replace("\t", "    ")
    return len(expanded) - len(expanded.lstrip(" \u00a0"))


def _has_word(s: str) -> bool:
    return any(ch.isalnum() for ch in s)


def _inline(line: OText) -> OText:
    """Inline HTML tags and entities out of a line (markdown emphasis is left to normalize)."""
    if "<" in line.s:
        line = line.sub(_TAG, " ")
    if "&" in line.s:
        line = line.sub(_ENTITY, lambda m: html.unescape(m.group(0)))
    return line


def _front_matter_end(raw: list[OText]) -> int:
    """Index after a YAML front matter block ("---" ... "---" at the top), or 0."""
    if not raw or raw[0].s.strip() != "---":
        return 0
    for k in range(1, min(len(raw), 200)):
        s = raw[k].s
        if s.strip() == "---":
            return k + 1
        if s.strip() and not _FRONT_KEY.match(s):
            return 0
    return 0


def _pipe_row(line: OText) -> OText:
    s = line.s
    cells = []
    positions = [k for k, ch in enumerate(s) if ch == "|" and (k == 0 or s[k - 1] != "\\")]
    for a, b in zip(positions, positions[1:] + [len(s)]):
        cell = _inline(line[a + 1:b]).strip()
        if cell.s:
            cells.append(cell)
    return OText.join(cells, CELL_SEPARATOR)


def _tab_row(line: OText) -> OText:
    cells, start = [], 0
    for k, ch in enumerate(line.s + "\t"):
        if ch == "\t":
            cell = _inline(line[start:k]).strip()
            if cell.s:
                cells.append(cell)
            start = k + 1
    return OText.join(cells, CELL_SEPARATOR)


def _html_rows(chunk: OText) -> list[OText]:
    """One line per <tr> of an HTML table fragment, its cells joined by CELL_SEPARATOR."""
    rows = []
    for row in _ROW.finditer(chunk.s):
        body = chunk[row.start(1):row.end(1)]
        cells = []
        for cell in _CELL.finditer(body.s):
            text = _inline(body[cell.start(1):cell.end(1)])
            text = text.sub(_SPACE_RUN, " ").sub(_LINE_BREAK_RUN, " ").strip()
            if text.s:
                cells.append(text)
        if cells:
            rows.append(OText.join(cells, CELL_SEPARATOR))
    if not rows:  # a fragment with no rows: keep its text
        text = _inline(chunk).sub(re.compile(r"\s+"), " ").strip()
        if text.s:
            rows.append(text)
    return rows


def _plain_table_end(raw: list[OText], i: int) -> int:
    """End of a fixed-width table typed into plain text starting at line i, or 0: a run
    of lines, none of them markup, in which lines with column gaps recur (at most eight
    lines apart) at least three times and make a quarter of the run."""
    if not _column_gap(raw[i].s) or _markup_line(raw[i].s):
        return 0
    last, gaps, k = i, 1, i + 1
    while k < len(raw) and k - last <= 8 and raw[k].s.strip() and not _markup_line(raw[k].s):
        if _column_gap(raw[k].s):
            last, gaps = k, gaps + 1
        k += 1
    end = last + 1
    while end < len(raw) and end < k and raw[end].s.strip() and not _column_gap(raw[end].s) \
            and not _ROW_NUMBER.match(raw[end].s) and len(raw[end].s.strip()) < 60:
        end += 1  # the last row's wrapped cell text
    return end if gaps >= 3 and gaps >= 0.25 * (end - i) else 0


# Each test below looks for the character its pattern cannot do without first: most lines
# hold none, and a substring test is far cheaper than a regular-expression scan.

def _table_opens(s: str) -> bool:
    return "<" in s and _TABLE_OPEN.search(s) is not None


def _tab_separated(s: str) -> bool:
    return "\t" in s and _TAB_ROW.search(s) is not None


def _column_gap(s: str) -> bool:
    """Two cells of a fixed-width table on the line (a gap of three or more spaces or tabs)."""
    s = s.strip()                            # the indentation is no gap
    return ("\t" in s or "   " in s) and _COLUMN_GAP.search(s) is not None


def _markup_line(s: str) -> bool:
    return bool(_FENCE.match(s) or _HEADING.match(s) or _QUOTE.match(s) or _PIPE_ROW.match(s)
                or _table_opens(s) or _tab_separated(s))


def _columnar(lines: list[OText]) -> bool:
    """A fenced block laid out in columns separated by runs of spaces (a table typed with
    a fixed-width font), rather than hard-wrapped running text."""
    content = [ln.s for ln in lines if ln.s.strip()]
    spaced = sum(1 for s in content if _column_gap(s))
    return spaced >= 3 and spaced >= 0.25 * len(content)


def _fixed_width_rows(lines: list[OText]) -> list[OText]:
    """Rows of a fixed-width table: a row runs to a blank line or to the next numbered
    row, read in file order (cells wrapped over several lines interleave, so no column
    order is safer). With neither blank lines nor numbers to mark rows (a form's corner),
    every line is a row."""
    numbered = sum(1 for ln in lines if _ROW_NUMBER.match(ln.s)) >= 2
    blanks = any(not ln.s.strip() for ln in lines[1:-1])
    rows, current = [], []
    for ln in lines + [OText("", [])]:
        if current and (not ln.s.strip() or _ROW_NUMBER.match(ln.s) or not (numbered or blanks)):
            rows.append(OText.join(current, " "))
            current = []
        if ln.s.strip():
            current.append(_inline(ln).sub(_SPACE_RUN, " ").strip())
    return [r for r in rows if _has_word(r.s)]
