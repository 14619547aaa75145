"""Commands: corpus align, corpus review, corpus glossary (corpus mode, align/corpus)."""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, SaikesError


def register(sub) -> None:
    s = sub.add_parser("corpus", help="align whole collections of pairs on every core or a Dask cluster "
                                      "(Parquet, TMX shards, resumable)")
    csub = s.add_subparsers(dest="corpus_command", metavar="COMMAND")
    s.set_defaults(func=lambda args: s.print_help() or 2)

    a = csub.add_parser("align", help="align every pair of two folders (or of a list) into OUT")
    a.add_argument("--kk", help="folder of Kazakh files")
    a.add_argument("--ru", help="folder of Russian files, matched to the Kazakh ones by file name")
    a.add_argument("--pairs", metavar="LIST.csv", help="a CSV of kk, ru and name instead of --kk/--ru")
    a.add_argument("--out", required=True, help="folder for the results (a re-run resumes there)")
    a.add_argument("--workers", type=int, default=None, metavar="N",
                   help=f"worker processes of the local cluster (default: every core, {os.cpu_count()} here)")
    a.add_argument("--scheduler", metavar="tcp://HOST:8786", help="use this Dask cluster instead of a local one")
    a.add_argument("--tmx-shard-size", type=int, default=None, metavar="N", help="pairs per TMX file (default 500)")
    a.add_argument("--force", action="store_true", help="align even pairs that look unrelated")
    a.set_defaults(func=cmd_corpus_align)

    r = csub.add_parser("review", help="import the selected pairs of a corpus into the workspace for review")
    r.add_argument("out", metavar="OUT", help="the folder of saikes corpus align")
    r.add_argument("--where", default="mean_confidence < 0.8",
                   help='which pairs, over the pairs table (default: "mean_confidence < 0.8")')
    r.add_argument("--limit", type=int, default=None, metavar="N", help="at most N pairs, lowest confidence first")
    r.add_argument("--db", default=argparse.SUPPRESS, help="the workspace to import into (default: $SAIKES_DB "
                                                         "or ./saikes.db)")
    r.set_defaults(func=cmd_corpus_review)

    g = csub.add_parser("glossary", help="build the glossary of a corpus (stored in a workspace, written as "
                                         "TSV, TBX and OmegaT glossary)")
    g.add_argument("out", metavar="OUT", help="the folder of saikes corpus align")
    g.add_argument("--db", default=argparse.SUPPRESS, help="the workspace that keeps the glossary for review "
                                                         "(default: $SAIKES_DB or ./saikes.db)")
    g.add_argument("--files", default=None, metavar="DIR", help="folder for the files (default: OUT/glossary)")
    g.add_argument("--stem", default="glossary", help="file name without extension (default: glossary)")
    g.add_argument("--all", action="store_true", help="write the low-score candidates too")
    g.add_argument("--workers", type=int, default=None, metavar="N",
                   help=f"processes that find term candidates (default: every core, {os.cpu_count()} here)")
    g.set_defaults(func=cmd_corpus_glossary)


@contextmanager
def cluster(args):
    """A client of the cluster at --scheduler, or of a local cluster of worker processes
    (one thread each: the aligner holds the GIL) with Dask's logs kept short (corpus/cluster.py)."""
    from distributed import Client
    from ..corpus.cluster import local_cluster
    if args.scheduler:
        try:
            client = Client(args.scheduler, timeout="10s")
        except OSError as exc:
            raise SaikesError(f"cannot reach the Dask scheduler at {args.scheduler}: {exc}") from None
        with client:
            yield client
        return
    with local_cluster(_workers(args)) as client:
        yield client


def _workers(args) -> int:
    """--workers, or every core."""
    workers = args.workers if args.workers is not None else os.cpu_count() or 1
    if workers < 1:
        raise SaikesError(f"--workers must be 1 or more, not {workers}")
    return workers


def cmd_corpus_align(args) -> int:
    from ..corpus import TMX_SHARD_SIZE, Settings, run_corpus
    from ..corpus.review import pairs_from_csv, pairs_from_folders
    if args.pairs:
        if args.kk or args.ru:
            raise InputError("give either --pairs or --kk and --ru, not both")
        pairs = pairs_from_csv(args.pairs)
    elif args.kk and args.ru:
        pairs = pairs_from_folders(args.kk, args.ru)
    else:
        raise InputError("give --kk and --ru folders, or --pairs LIST.csv")
    with cluster(args) as client:
        print(f"{len(pairs)} pairs; Dask dashboard: {client.dashboard_link}", file=sys.stderr)
        summary = run_corpus(client, pairs, args.out, Settings(force=args.force),
                             args.tmx_shard_size or TMX_SHARD_SIZE, bar=_bar)
    out = Path(args.out)
    print(f"{summary['aligned']} of {summary['pairs']} pairs aligned ({summary['aligned_now']} now, "
          f"{summary['skipped']} skipped), {summary['beads']} beads, mean confidence "
          f"{summary['mean_confidence']:.3f}, {summary['error_count']} with errors; "
          f"results in {out}/ (beads/, pairs/, tmx/, summary.md)")
    for name, error in summary["errors"][:20]:
        print(f"{name}: NOT ALIGNED — {error}", file=sys.stderr)
    return 1 if summary["error_count"] else 0


def _bar(desc: str, total: int):
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit="pair", file=sys.stderr, disable=None, smoothing=0.1)


def cmd_corpus_review(args) -> int:
    from ..corpus.review import import_pairs, select
    from ..store import Workspace
    from .common import user
    names = select(args.out, args.where, args.limit)
    if not names:
        print(f"no aligned pair of {args.out} matches {args.where!r}")
        return 0
    with Workspace(args.db) as ws:
        done = import_pairs(ws, args.out, names, user())
    print(f"{len(done)} pairs imported into {args.db} for review (lowest mean confidence first): "
          + ", ".join(done[:10]) + (" …" if len(done) > 10 else ""))
    print(f"open them with: saikes ui --db {args.db}")
    return 0


def cmd_corpus_glossary(args) -> int:
    from ..corpus.glossary import CorpusBeads
    from ..glossary import build_glossary, check_file_stem, write_glossary_files
    from ..store import Workspace
    out = Path(args.out)
    if not (out / "pairs").is_dir():
        raise InputError(f"{out}: not a folder of saikes corpus align (no pairs/ in it)")
    check_file_stem(args.stem)
    workers = _workers(args)
    with Workspace(args.db) as ws:
        source = CorpusBeads(out, ws)
        if not source.pairs():
            raise InputError(f"{out}: no aligned pair to build a glossary from")
        stats = build_glossary(source, workers=workers)
        folder = Path(args.files) if args.files else out / "glossary"
        folder.mkdir(parents=True, exist_ok=True)
        paths = write_glossary_files(ws, folder, stem=args.stem,
                                     include_candidates=args.all, sources=[str(out)])
    print(f"glossary of {len(source.pairs())} pairs ({stats['beads']} distinct beads): {stats['exported']} of "
          f"{stats['entries']} entries exported; kept in {args.db} for review; " + ", ".join(str(p) for p in paths))
    return 0
