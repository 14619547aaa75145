"""Commands: align, run, align-sentences, status."""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, SaikesError
from ..names import safe_slug, validate_pair_name

PROGRESS_ABOVE = 5   # show a progress bar when there are more pairs than this
PARALLEL_FROM = 12   # by default, use every core from this many pairs on


def add_workers(parser) -> None:
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help=f"processes that read and align pairs at once (default: the machine's cores, "
                             f"{os.cpu_count()} here; 1 for none)")


def workers(args, pairs: int) -> int:
    """Processes for `pairs` pairs: as asked, else every core once there are enough pairs
    to repay starting the processes (measured: on the five seeds one process is faster)."""
    if args.workers is not None:
        if args.workers < 1:
            raise SaikesError(f"--workers must be 1 or more, not {args.workers}")
        return args.workers
    return (os.cpu_count() or 1) if pairs >= PARALLEL_FROM else 1


def register(sub) -> None:
    s = sub.add_parser("align", help="align stored pairs and store their beads")
    s.add_argument("name", nargs="?", help="the pair to align")
    s.add_argument("--all", action="store_true", help="align every pair in the workspace")
    s.add_argument("--force", action="store_true", help="align even if the texts look unrelated")
    add_workers(s)
    s.set_defaults(func=cmd_align)

    s = sub.add_parser("run", help="import, align and export every pair under the seeds folder "
                                   "(or --kk/--ru folders)")
    s.add_argument("--kk", help="folder of Kazakh files (default: the bundled seeds)")
    s.add_argument("--ru", help="folder of Russian files, matched to the Kazakh ones by file name")
    s.add_argument("--out", default="out", help="folder for the aligned files (default: out)")
    s.add_argument("--glossaries", default=None,
                   help="folder for the glossary files (default: the --out folder; glossaries/ holds "
                        "curated lists, not output)")
    s.add_argument("--name", default="seeds",
                   help="name of the translation memory and glossary files (default: seeds)")
    s.add_argument("--force", action="store_true", help="align even pairs that look unrelated")
    add_workers(s)
    s.set_defaults(func=cmd_run)

    s = sub.add_parser("align-sentences", help="align two files of one sentence a line "
                                               "(any languages), writing [i, j]:[k] beads")
    s.add_argument("src")
    s.add_argument("tgt")
    s.add_argument("-o", "--output", help="output file (default: standard output)")
    s.add_argument("--src-lang", default="", help="language code of SRC (kk and ru know month names)")
    s.add_argument("--tgt-lang", default="")
    s.add_argument("--confidence", action="store_true", help="add the bead confidence as a third field")
    s.add_argument("--subwords", action="store_true",
                   help="learn word stems from the two files with sentencepiece (better for languages other "
                        "than Kazakh and Russian; about twice the time)")
    s.set_defaults(func=cmd_align_sentences)

    s = sub.add_parser("status", help="list the pairs in the workspace with their alignment figures")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("remove", help="remove a pair (its documents and beads) from the workspace")
    s.add_argument("name")
    s.set_defaults(func=cmd_remove)

    s = sub.add_parser("backup", help="copy the workspace to FILE, consistently, even while the app runs")
    s.add_argument("file")
    s.add_argument("--force", action="store_true", help="replace FILE if it exists")
    s.set_defaults(func=cmd_backup)


# ------------------------------------------------------------------ align

def cmd_align(args) -> int:
    from ..jobs import align_all
    from .common import user
    from ..store import Workspace
    if not args.name and not args.all:
        raise SaikesError("name a pair to align, or give --all")
    with Workspace(args.db, create=False) as ws:
        names = [p.name for p in ws.pairs()] if args.all else [ws.pair(args.name).name]
        if not names:
            raise SaikesError(f"the workspace {args.db} holds no pairs; import some first")
        results = _with_progress(len(names) * 2, lambda tick: align_all(
            ws, names, force=args.force, progress=tick, who=user(), workers=workers(args, len(names))))
    return _print_results(results)


def _with_progress(total: int, work):
    if total <= PROGRESS_ABOVE * 2 or not sys.stderr.isatty():
        return work(None)
    from tqdm import tqdm
    with tqdm(total=total, unit="step", file=sys.stderr, leave=False) as bar:
        return work(bar.update)


def _print_results(results: dict) -> int:
    failed = 0
    for name, result in results.items():
        if isinstance(result, Exception):
            print(f"{name}: NOT ALIGNED — {result}", file=sys.stderr)
            failed += 1
            continue
        print_report(name, result)
    if failed:
        print(f"saikes: error: {failed} of {len(results)} pairs not aligned (see above)", file=sys.stderr)
        return 1
    return 0


def print_report(name: str, result: dict) -> None:
    """The pair's summary line, then what differs between the versions (article
    mismatches) and what the layout showed (notes)."""
    print(summary_line(name, result))
    findings = result.get("structure")
    if findings is None:   # a report stored before structure reports existed
        findings = [{"message": p, "mismatch": True} for p in result.get("article_problems", [])]
    for f in findings:
        print(f"    {'article mismatch' if f.get('mismatch') else 'note'}: {f['message']}")


def summary_line(name: str, r: dict) -> str:
    shapes = " ".join(f"{k}×{v}" for k, v in sorted(r["shapes"].items(), key=lambda kv: -kv[1]))
    mism = len(r.get("article_problems", []))
    return (f"{name}: segments kk {r['kk_segments']} ru {r['ru_segments']}, beads {r['beads']} "
            f"({shapes}), mean confidence {r['mean_confidence']:.3f}, flagged {r['flagged']}, "
            f"article mismatches {mism}")


# ------------------------------------------------------------------ run

def cmd_run(args) -> int:
    from ..jobs import align_all, match_files
    from .common import pair_name, seeds_dir, user
    from ..store import Workspace
    args.name = validate_pair_name(args.name)      # names out/NAME.tmx: refused before any work
    kk_dir = Path(args.kk) if args.kk else seeds_dir() / "kk"
    ru_dir = Path(args.ru) if args.ru else seeds_dir() / "ru"
    for d, what in ((kk_dir, "Kazakh"), (ru_dir, "Russian")):
        if not d.is_dir():
            raise InputError(f"{d}: no such folder of {what} files")
    pairs = match_files(kk_dir, ru_dir)
    if not pairs:
        raise InputError(f"no files in {kk_dir} have a counterpart of the same name in {ru_dir}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    with Workspace(args.db) as ws:
        names = []
        for (kk_path, ru_path), docs in zip(pairs, read_pairs(pairs, workers(args, len(pairs)))):
            name = pair_name(kk_path, ru_path)
            if isinstance(docs, InputError):
                problems.append(f"{name}: not imported — {docs}")
                continue
            ws.import_pair(name, *docs)
            names.append(name)
        results = _with_progress(len(names) * 2, lambda tick: align_all(
            ws, names, force=args.force, progress=tick, who=user(), workers=workers(args, len(names))))
        aligned = [name for name, result in results.items() if not isinstance(result, Exception)]
        problems += [f"{name}: not aligned — {result}" for name, result in results.items()
                     if isinstance(result, Exception)]
        with _glossary_meanwhile(ws, args, len(ws.pairs()) if aligned else 0) as glossary:
            for name in aligned:
                write_pair_files(ws, name, out)
            print(f"workspace {args.db}; files in {out}/")
            for name in aligned:
                print_report(name, results[name])
            if aligned:
                _run_extras(ws, args, out, glossary)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"saikes: error: {len(problems)} of {len(pairs)} pairs had problems (see above)",
              file=sys.stderr)
        return 1
    return 0


def read_pairs(pairs: list[tuple[Path, Path]], processes: int):
    """Each pair's two documents read, in order, or the InputError that stopped it; read
    in `processes` processes at once when there are several pairs."""
    if processes == 1 or len(pairs) < 2:
        return map(_read_pair, pairs)
    return _read_in_pool(pairs, processes)


def _read_in_pool(pairs, processes: int):
    from ..pool import process_pool
    from ..text import pipeline  # noqa: F401  (imported once here, not in every worker)
    pool = process_pool(min(processes, len(pairs)))
    try:
        yield from pool.map(_read_pair, pairs, chunksize=4)
    finally:
        pool.shutdown(cancel_futures=True)


def _read_pair(paths: tuple[Path, Path]):
    from ..text.pipeline import load_pair
    try:
        return load_pair(*paths)
    except InputError as exc:
        return exc


@contextmanager
def _glossary_meanwhile(ws, args, pairs: int):
    """The glossary build: for a large run in a fresh process (it does not share the memory
    of this one, which holds the aligner's compiled kernel), under way while this process
    writes the pair files and the translation memory on another core when there are
    several; for a small run here, first. Yields a function returning its statistics."""
    processes = workers(args, pairs)
    if pairs and (processes > 1 or pairs >= PARALLEL_FROM):
        from ..glossary.build import build_glossary_at
        from ..pool import apart
        # one core fewer for it: this process writes the files on one meanwhile (on two cores
        # a pool of candidates cost more in passing them between processes than it saved)
        with apart(build_glossary_at, ws.path, max(1, processes - 1)) as stats:
            if processes == 1:      # one core asked for: the build first, alone
                stats()
            yield stats
        return
    from ..glossary import build_glossary
    stats = build_glossary(ws, workers=1) if pairs else None
    yield lambda: stats


def _run_extras(ws, args, out: Path, glossary) -> None:
    """The translation memory of all pairs and the glossary built from them (`glossary`
    returns the build's statistics)."""
    from ..exports import iter_units
    from tmx_out.tmx import write_tmx
    from ..glossary import write_glossary_files
    tmx = out / f"{safe_slug(args.name)}.tmx"
    print(f"translation memory: {tmx} ({write_tmx(iter_units(ws), tmx)} units)")
    stats = glossary()
    folder = Path(args.glossaries or args.out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = write_glossary_files(ws, folder, stem=f"{safe_slug(args.name)}.glossary")
    print(f"glossary: {stats['exported']} of {stats['entries']} entries exported (the others score low: "
          f"candidates, in the workspace); " + ", ".join(str(p) for p in paths))


_JSON = json.JSONEncoder(ensure_ascii=False)    # one encoder: json.dumps with options makes one a call


def write_pair_files(ws, name: str, out: Path) -> None:
    """out/NAME.jsonl and out/NAME.tsv: kk, ru, confidence, article, in document order."""
    from tmx_out.base import atomic_write, tsv_cell
    info = ws.pair(name)
    beads = ws.beads(info.id)
    with atomic_write(out / f"{safe_slug(name)}.jsonl", "w", "utf-8") as fh:
        for b in beads:
            fh.write(_JSON.encode({"kk": b.kk, "ru": b.ru, "confidence": b.confidence,
                                   "article": b.article, "section": b.section, "status": b.status,
                                   "shape": b.shape}) + "\n")
    with atomic_write(out / f"{safe_slug(name)}.tsv", "w", "utf-8") as fh:
        fh.write("kk\tru\tconfidence\tarticle\n")
        for b in beads:
            fh.write(f"{tsv_cell(b.kk)}\t{tsv_cell(b.ru)}\t{b.confidence:.4f}\t{tsv_cell(b.article)}\n")


# ------------------------------------------------------------------ align-sentences

def cmd_align_sentences(args) -> int:
    from ..core.sentences import align_sentence_lists
    from ..text.read import decode_text, read_checked
    lists = []
    for path in (args.src, args.tgt):
        p = Path(path)
        if not p.is_file():
            raise InputError(f"{path}: no such file")
        data = read_checked(p)
        if not data.strip():
            raise InputError(f"{path}: the file is empty")
        text, _ = decode_text(data, p.name)
        lists.append(text.splitlines())
    beads = align_sentence_lists(lists[0], lists[1], args.src_lang, args.tgt_lang, subwords=args.subwords)
    lines = [f"{i}:{j}" + (f":{c:.4f}" if args.confidence else "") for i, j, c in beads]
    text = "\n".join(lines) + "\n"
    if args.output:
        from tmx_out.base import atomic_write
        with atomic_write(args.output, "w", "utf-8") as fh:
            fh.write(text)
        print(f"{len(beads)} beads written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


# ------------------------------------------------------------------ status

def cmd_status(args) -> int:
    from ..store import Workspace
    with Workspace(args.db, create=False) as ws:
        pairs = ws.pairs()
        if not pairs:
            print(f"{args.db}: no pairs")
            return 0
        counts, shapes = ws.bead_counts(), ws.shape_counts()
        for p in pairs:
            c = counts.get(p.id)
            if not c:
                print(f"{p.name}: imported {p.updated_at}, not aligned")
                continue
            shape = " ".join(f"{k}×{v}" for k, v in sorted(shapes.get(p.id, {}).items(), key=lambda kv: -kv[1]))
            mism = len(p.report.get("article_problems", []))
            print(f"{p.name}: beads {c['n']} ({shape}), mean confidence {c['conf']:.3f}, flagged {c['flagged']}, "
                  f"approved {c['approved']}, edited {c['edited']}, rejected {c['rejected']}, "
                  f"article mismatches {mism}")
    return 0


def cmd_backup(args) -> int:
    from ..store import Workspace
    with Workspace(args.db, create=False) as ws:
        path = ws.backup(args.file, overwrite=args.force)
        pairs, beads = len(ws.pairs()), sum(c["n"] for c in ws.bead_counts().values())
    print(f"{args.db} copied to {path} ({pairs} pairs, {beads} beads)")
    return 0


def cmd_remove(args) -> int:
    from ..store import Workspace
    with Workspace(args.db, create=False) as ws:
        info = ws.pair(args.name)
        beads = len(ws.beads(info.id))
        ws.delete_pair(args.name)
    print(f"{args.name}: removed with its {beads} beads from {args.db} (the edit log keeps a record)")
    return 0
