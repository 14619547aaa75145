"""The `saikes` command line: the parser, import and inspect, and the one place errors are
printed. Library code raises; the cli package prints."""
from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..collector import collecting_less
from ..errors import SaikesError
from ..limits import set_limit
from .common import pair_name



# ------------------------------------------------------------------ commands

def cmd_import(args) -> int:
    from ..text.pipeline import load_document
    from ..names import validate_pair_name
    from ..store import Workspace
    name = validate_pair_name(args.name) if args.name is not None else pair_name(args.kk, args.ru)
    kk = load_document(args.kk, "kk")
    ru = load_document(args.ru, "ru")
    with Workspace(args.db) as ws:
        outcome = ws.import_pair(name, kk, ru)
    print(f"{name}: {outcome} — kk {len(kk.segments)} segments ({kk.encoding}), "
          f"ru {len(ru.segments)} segments ({ru.encoding}); workspace {args.db}")
    for note in kk.notes + ru.notes:
        print(f"saikes: note: {note}", file=sys.stderr)
    return 0


def cmd_inspect(args) -> int:
    from ..text.language import detect_language
    from ..text.pipeline import load_document
    from ..text.read import read_file
    lang = args.lang
    if lang is None:
        lang = detect_language(read_file(args.file).text)
    doc = load_document(args.file, lang)
    print(f"file      {args.file}")
    print(f"format    {doc.format}")
    print(f"encoding  {doc.encoding}")
    print(f"language  {doc.lang}")
    for level in ("part", "section", "chapter", "paragraph", "article"):
        ids = [b.number for b in doc.headings() if b.level == level]
        if ids or level == "article":
            print(f"{level + 's':9} {len(ids)}" + (f" ({_ranges(ids)})" if ids else ""))
    contents = sum(1 for b in doc.blocks if b.kind == "toc")
    if contents:
        print(f"contents  {contents} lines (a table of contents, kept out of anchoring)")
    print(f"blocks    {len(doc.blocks)}")
    print(f"segments  {len(doc.segments)}")
    for note in doc.notes:
        print(f"note      {note}")
    print()
    seg_by_block: dict[int, list] = {}
    for s in doc.segments:
        seg_by_block.setdefault(s.block, []).append(s)
    for i, b in enumerate(doc.blocks):
        label = b.kind
        if b.kind == "heading" and b.level:
            label = f"{b.level} {b.number}" + (f": {b.title}" if b.title else "")
        elif b.number:
            label = f"{b.kind} {b.number}"
        print(f"[{b.section}] {label}")
        if args.blocks_only:
            continue
        for s in seg_by_block.get(i, []):
            src = doc.source_span(s.start, s.end)
            text = s.text if len(s.text) <= args.width else s.text[:args.width - 1] + "…"
            print(f"    {src[0]:>6}  {text}")
    return 0


def _ranges(idents: list[str]) -> str:
    """"1–5, 6-1, 7–9": runs of consecutive numbers, other identifiers as they are."""
    out, start, prev = [], None, None
    numbers = [int(x) if x.isdigit() else x for x in idents]
    for n in numbers + [None]:
        if isinstance(n, str) or isinstance(start, str):
            if start is not None:
                out.append(f"{start}–{prev}" if prev != start else str(start))
            start = prev = n
            continue
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}–{prev}" if prev != start else str(start))
            start = prev = n
    return ", ".join(out)


# ------------------------------------------------------------------ parser

class Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error of saikes."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="saikes", description="Align Kazakh legal acts with their Russian "
                                "counterparts, review the pairs, build a glossary, export TMX.")
    p.add_argument("--version", action="version", version=f"saikes {__version__}")
    p.add_argument("--db", default=None, help="workspace file (default: $SAIKES_DB or ./saikes.db)")
    p.add_argument("--limit", action="append", default=[], metavar="NAME=N",
                   help="raise or lower a limit on input files (file_mb, line_chars, segments, tmx_units, ...; "
                        "see align/limits.py); also $SAIKES_LIMIT_NAME")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("import", help="store a Kazakh–Russian document pair in the workspace")
    s.add_argument("kk", help="the Kazakh file (.txt, .md, .html, .docx)")
    s.add_argument("ru", help="the Russian file")
    s.add_argument("--name", help="name of the pair (default: the file name)")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("inspect", help="show what saikes understood of one file")
    s.add_argument("file")
    s.add_argument("--lang", choices=("kk", "ru"), help="the file's language (default: detect)")
    s.add_argument("--blocks-only", action="store_true", help="list blocks without their segments")
    s.add_argument("--width", type=int, default=110, help="cut segments longer than this")
    s.set_defaults(func=cmd_inspect)

    from . import align_cmds, corpus_cmds, export_cmds, glossary_cmds, ui_cmds
    for module in (align_cmds, corpus_cmds, export_cmds, glossary_cmds, ui_cmds):
        module.register(sub)
    for command in sub.choices.values():
        # --db is accepted after the command too: `saikes import KK RU --db my.db`
        if not any("--db" in a.option_strings for a in command._actions):
            command.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db is None:
        from ..store import default_db_path
        args.db = default_db_path()
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        for setting in args.limit:
            set_limit(setting)
        with collecting_less():
            return args.func(args) or 0
    except SaikesError as exc:
        print(f"saikes: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("saikes: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("SAIKES_DEBUG"):
            raise
        print(f"saikes: internal error: {type(exc).__name__}: {exc} (set SAIKES_DEBUG=1 for details)",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
