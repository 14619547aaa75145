"""`saikes export` and `saikes import-tmx`: exports of the workspace, and a TMX back in.

    saikes export tmx|tsv|csv|jsonl|xlsx -o FILE [--status approved|all-but-rejected|all]
                  [--min-confidence X] [--direction kk-ru|ru-kk] [--pair NAME ...] [--merge-identical]
    saikes import-tmx FILE [--name NAME]
"""
from __future__ import annotations

from ..errors import InputError

FORMAT_NAMES = ("tmx", "tsv", "csv", "jsonl", "xlsx")
STATUS_NAMES = ("approved", "all-but-rejected", "all")


def cmd_export(args) -> int:
    from ..exports import check_confidence, export
    from ..store import Workspace
    min_conf = check_confidence(args.min_confidence)
    with Workspace(args.db, create=False) as ws:
        result = export(ws, args.format, args.output, status=args.status, min_confidence=min_conf,
                        pairs=args.pair, direction=args.direction,
                        merge_identical=args.merge_identical)
    src, tgt = args.direction.split("-")
    line = (f"wrote {result.written} pair{'s' if result.written != 1 else ''} to {result.path} "
            f"({result.format}, {src} → {tgt})")
    if result.skipped:
        why = "an empty side" if result.format == "tmx" else "a side too long for the format"
        line += f"; left out {result.skipped} with {why}"
    if result.format == "tmx" and result.written + result.skipped < result.selected:
        line += f"; {result.selected - result.written - result.skipped} identical pairs merged"
    print(line)
    return 0


def cmd_import_tmx(args) -> int:
    from ..exports import load_tmx, store_units
    from ..names import name_from_files, validate_pair_name
    from ..store import Workspace
    if args.name is not None:
        validate_pair_name(args.name)
    # read and check the whole file before touching the workspace
    content, check = load_tmx(args.file, force=args.force)
    name = args.name
    if not name:
        documents = {u.document for u in content.units}
        only = next(iter(documents)) if len(documents) == 1 else ""
        name = only or name_from_files(args.file, args.file)
        if only:
            try:
                name = validate_pair_name(only)
            except InputError as exc:
                raise InputError(f"{args.file}: its x-document prop cannot name a pair ({exc}); "
                                 f"give one with --name") from None
    with Workspace(args.db) as ws:
        store_units(ws, name, content.units, path=str(args.file),
                    report={"file": str(args.file), "skipped": content.skipped,
                            "srclang": content.srclang, "creationtool": content.creationtool})
    line = f"{name}: imported {len(content.units)} pairs from {args.file} into {args.db}"
    if content.skipped:
        line += f"; left out {content.skipped} units without both a Kazakh and a Russian segment"
    if check.garbage:
        line += f"; left out {len(check.garbage)} units with no readable text"
    if check.flagged or (args.force and check.verdict):
        line += f"; --force: {len(check.flagged)} units do not look Kazakh–Russian"
        line += f": {check.verdict}" if check.verdict else ""
    print(line)
    return 0


def register(sub) -> None:
    s = sub.add_parser("export", help="write the aligned pairs as TMX, TSV, CSV, JSONL or XLSX",
                       description="Write the aligned pairs of the workspace to a file that CAT tools "
                                   "and spreadsheets import. An existing file is replaced only when "
                                   "the new one is complete.")
    s.add_argument("format", choices=FORMAT_NAMES, help="file format")
    s.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    s.add_argument("--status", choices=STATUS_NAMES, default="all-but-rejected",
                   help="which beads: approved (approved or edited), all-but-rejected (default), all")
    s.add_argument("--min-confidence", metavar="X", default=None,
                   help="leave out beads with a confidence below X (0 to 1)")
    s.add_argument("--direction", choices=("kk-ru", "ru-kk"), default="kk-ru",
                   help="source and target language (default kk-ru: Kazakh source)")
    s.add_argument("--pair", action="append", metavar="NAME",
                   help="export only this pair (repeat for several; default: all pairs)")
    s.add_argument("--merge-identical", action="store_true",
                   help="TMX: write identical pairs once (default: one unit per bead)")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("import-tmx", help="store the Kazakh–Russian pairs of a TMX file as a pair",
                       description="Read a TMX file (any CAT tool's, or one saikes wrote) and store "
                                   "its Kazakh–Russian pairs as a new pair of the workspace, one "
                                   "bead per translation unit.")
    s.add_argument("file", help="the TMX file")
    s.add_argument("--name", help="name of the new pair (default: the document named in the TMX, "
                                  "or the file name)")
    s.add_argument("--force", action="store_true",
                   help="import even when a side does not look Kazakh or Russian (the count is reported)")
    s.set_defaults(func=cmd_import_tmx)
