"""Commands: glossary build, lookup, qa."""
from __future__ import annotations

from pathlib import Path

from ..errors import SaikesError
from .align_cmds import add_workers, workers

DEFAULT_OUT = "out"


def register(sub) -> None:
    s = sub.add_parser("glossary", help="build the Kazakh–Russian glossary from the aligned pairs")
    gsub = s.add_subparsers(dest="glossary_command", metavar="ACTION")
    b = gsub.add_parser("build", help="build the glossary in the workspace and write it as TSV, TBX "
                                      "and an OmegaT glossary")
    b.add_argument("--out", default=DEFAULT_OUT, help=f"folder for the files (default: {DEFAULT_OUT})")
    b.add_argument("--stem", default="glossary", help="file name without extension (default: glossary)")
    b.add_argument("--all", action="store_true", help="write the low-score candidates too")
    add_workers(b)
    b.set_defaults(func=cmd_glossary_build)
    i = gsub.add_parser("import", help="add a curated term list (TBX, OmegaT .txt, TSV or CSV) to the "
                                       "glossary as approved entries")
    i.add_argument("file")
    i.add_argument("--force", action="store_true",
                   help="import even when a column does not look Kazakh or Russian (the count is reported)")
    i.set_defaults(func=cmd_glossary_import)
    s.set_defaults(func=cmd_glossary_help, glossary_parser=s)

    s = sub.add_parser("lookup", help="translations and example pairs of a Kazakh or Russian term, "
                                      "in any inflected form")
    s.add_argument("term", nargs="+", help="the term, e.g. \"уәкілетті органдардың\"")
    s.add_argument("-n", type=int, default=5, help="example pairs to show (default: 5)")
    s.set_defaults(func=cmd_lookup)

    s = sub.add_parser("qa", help="check the aligned pairs against the glossary: terms rendered "
                                  "otherwise, numbers and dates that differ")
    s.add_argument("--pair", help="check only this pair")
    s.add_argument("-o", "--output", help="write the report to a file (.tsv: a table; otherwise text)")
    s.set_defaults(func=cmd_qa)


def cmd_glossary_help(args) -> int:
    args.glossary_parser.print_help()
    return 2


def _open(args):
    from ..store import Workspace
    return Workspace(args.db, create=False)


def cmd_glossary_build(args) -> int:
    from ..glossary import build_glossary, check_file_stem, write_glossary_files
    check_file_stem(args.stem)
    out = Path(args.out)
    with _open(args) as ws:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SaikesError(f"cannot create the folder {out}: {exc.strerror}") from None
        stats = build_glossary(ws, workers=workers(args, len(ws.pairs())))
        paths = write_glossary_files(ws, out, stem=args.stem, include_candidates=args.all)
    print(f"glossary: {stats['entries']} entries for {stats['terms']} Kazakh terms from {stats['beads']} "
          f"distinct aligned pairs in {stats['pairs']} act(s), {stats['exported']} scoring high enough to "
          f"export{' (all written: --all)' if args.all else ''}; {stats['reviewed_kept']} reviewed entries kept")
    for p in paths:
        print(f"  {p}")
    return 0


def cmd_glossary_import(args) -> int:
    from ..glossary import add_entries
    from ..glossary.term_lists import load_term_list
    from ..store import Workspace
    pairs, check = load_term_list(args.file, force=args.force)
    with Workspace(args.db) as ws:
        before = len(ws.glossary_entries(include_rejected=True))
        add_entries(ws, [(p.kk, p.ru, p.note) for p in pairs])
        added = len(ws.glossary_entries(include_rejected=True)) - before
    print(f"{args.file}: {len(pairs)} term pairs, {added} new in the glossary of {args.db}, "
          f"{len(pairs) - added} already there (now approved)"
          + (f"; left out {len(check.garbage)} with no readable text" if check.garbage else "")
          + (f"; --force: {len(check.flagged)} do not look Kazakh–Russian" if check.flagged else "")
          + (f": {check.verdict}" if args.force and check.verdict else ""))
    return 0


def cmd_lookup(args) -> int:
    from ..glossary.lookup import kwic, lookup
    term = " ".join(args.term)
    with _open(args) as ws:
        result = lookup(ws, term, n=args.n)
    if not result.found:
        print(f"«{term}» is not in the glossary.")
        if result.concordance:
            print(f"It occurs in {len(result.concordance)} aligned pair(s):")
            for ex in result.concordance:
                _print_example(ex, kwic)
        return 1
    for m in result.matches:
        lang = "Kazakh" if m.lang == "kk" else "Russian"
        print(f"{m.term}  ({lang}; {m.freq} segment(s) in {len(m.acts)} act(s))")
        width = max(len(t.term) for t in m.translations)
        for t in m.translations:
            mark = f"  [{t.status}]" if t.status != "auto" else ""
            print(f"  → {t.term:<{width}}  {t.count:>4}×  Dice {t.dice:.2f}{mark}")
        if m.examples:
            print("  examples:")
            for ex in m.examples:
                _print_example(ex, kwic)
        print()
    return 0


def _print_example(ex: dict, kwic) -> None:
    where = f"{ex['pair']} #{ex['pos'] + 1}" + (f" art. {ex['article']}" if ex.get("article") else "")
    print(f"    {where}")
    print(f"      kk: {kwic(ex['kk'], ex.get('kk_span'))}")
    print(f"      ru: {kwic(ex['ru'], ex.get('ru_span'))}")


def cmd_qa(args) -> int:
    from ..glossary.qa import format_qa, qa, write_qa
    with _open(args) as ws:
        report = qa(ws, pair=args.pair)
    if args.output:
        path = write_qa(report, args.output)
        print(f"{len(report.issues)} issue(s) in {report.beads} aligned pairs; report in {path}")
    else:
        print(format_qa(report), end="")
    return 0
