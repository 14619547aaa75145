"""A string that remembers, for every character, where in the source text it came from.

Every repair the text stages make (markup removed, look-alike letters fixed, lines joined)
goes through `OText`, so a segment can always be traced back to the source characters a
reviewer is shown.
"""
from __future__ import annotations

import re


class OText:
    """A string with, for each character, its offset in the source text."""

    __slots__ = ("s", "o")

    def __init__(self, s: str, o):
        self.s = s
        # a list built for this text is kept, not copied (no text is changed in place); a
        # range (the source itself, a line of it) stays one, so slicing it copies nothing
        self.o = o if type(o) in (list, range) else list(o)

    def __len__(self):
        return len(self.s)

    def __getitem__(self, sl: slice) -> "OText":
        return OText(self.s[sl], self.o[sl])

    def strip(self) -> "OText":
        left = len(self.s) - len(self.s.lstrip())
        right = len(self.s.rstrip())
        if left == 0 and right == len(self.s):
            return self                      # nothing to strip: no copy (texts are never changed in place)
        return self[left:max(left, right)]

    def sub(self, pattern: re.Pattern, repl) -> "OText":
        """re.sub with offsets: output characters that are kept from the match keep their
        offsets; inserted or changed ones take the offset of the match position they stand at."""
        out, offs, last, matched = [], [], 0, False
        # a template with no group reference is inserted as it is (Python 3.11 parses the
        # template again at every m.expand)
        literal = isinstance(repl, str) and "\\" not in repl
        for m in pattern.finditer(self.s):
            matched = True
            out.append(self.s[last:m.start()])
            offs.extend(self.o[last:m.start()])
            new = repl if literal else repl(m) if callable(repl) else m.expand(repl)
            src, k = m.group(0), 0
            for ch in new:
                j = src.find(ch, k)
                if 0 <= j - k <= 40:
                    k = j + 1
                else:
                    j = max(0, min(k, len(src) - 1))
                offs.append(self._offset_at(m.start() + j))
            out.append(new)
            last = m.end()
        if not matched:
            return self
        out.append(self.s[last:])
        offs.extend(self.o[last:])
        return OText("".join(out), offs)

    def _offset_at(self, i: int) -> int:
        """The source offset of position i, or of the last character when i is past the end."""
        return self.o[min(i, len(self.o) - 1)] if self.o else 0

    @staticmethod
    def join(parts: list["OText"], sep: str) -> "OText":
        if len(parts) == 1:
            return parts[0]                  # most paragraphs are one line: nothing to join
        s, o = [], []
        for i, p in enumerate(parts):
            if i:
                s.append(sep)
                o.extend([p.o[0] if p.o else (o[-1] if o else 0)] * len(sep))
            s.append(p.s)
            o.extend(p.o)
        return OText("".join(s), o)


def split_lines(text: OText) -> list[OText]:
    """The lines of a text, whatever the line ends (\\r\\n, \\r, \\n, Unicode separators)."""
    out, last = [], 0
    s, o = text.s, text.o
    for m in NEWLINE.finditer(s):
        start = m.start()
        out.append(OText(s[last:start], o[last:start]))
        last = m.end()
    out.append(OText(s[last:], o[last:]))
    return out


NEWLINE = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\f|\v")
