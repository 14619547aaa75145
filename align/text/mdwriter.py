"""Paragraphs, line breaks and table rows collected as the markdown the portal's mirror
writes, so that HTML and DOCX go through the same markup and paragraph stages as text."""
from __future__ import annotations


class MarkdownWriter:
    """Collects text as markdown paragraphs: inline text runs, line breaks inside a
    paragraph, and paragraph ends."""

    def __init__(self):
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def line_break(self) -> None:
        self.current.append("\n")

    def end(self, prefix: str = "") -> None:
        lines = [" ".join(x.split()) for x in "".join(self.current).split("\n")]
        lines = [x for x in lines if x]
        if lines:
            self.paragraphs.append(prefix + "\n".join(lines))
        self.current = []

    def verbatim(self, text: str) -> None:
        """Preformatted text (<pre>) as a fenced block: its spacing may be a table's columns."""
        self.end()
        if text.strip():
            self.paragraphs.append("```\n" + text.strip("\n") + "\n```")

    def row(self, cells: list[str]) -> None:
        self.end()
        cells = [" ".join(c.split()).replace("|", "\\|") for c in cells]
        if any(cells):
            self.paragraphs.append("| " + " | ".join(cells) + " |")

    def text(self) -> str:
        self.end()
        return "\n\n".join(self.paragraphs) + "\n"
