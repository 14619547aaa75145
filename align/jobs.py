"""Jobs that join the aligner to the workspace: align a pair, align many pairs with a
lexicon learned from all of them, re-align one section of a pair."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from .core.relatedness import check_related
from .core.aligner import (Alignment, align_documents, align_segments, confident_texts,
                           lexicon_from_texts, prepare)
from .core.scoring import DEFAULT, Lexicon, Params
from .errors import MismatchError, StaleEditError
from .model import REVIEWED
from .review.history import describe_change
from .review.readmodel import section_label
from .store.beads import reuse_ids, same_bead

LEXICON_SAMPLE = 20000      # at most this many beads teach the lexicon
LEXICON_FROM = 0.9


def match_files(kk_dir: Path, ru_dir: Path) -> list[tuple[Path, Path]]:
    """The files of two folders paired by name (less the suffix), in name order."""
    ru = {p.stem: p for p in sorted(ru_dir.iterdir()) if p.is_file() and not p.name.startswith(".")}
    return [(p, ru[p.stem]) for p in sorted(kk_dir.iterdir())
            if p.is_file() and not p.name.startswith(".") and p.stem in ru]


def reviewed_beads(ws, pair_id: int) -> list[dict]:
    """A pair's approved, edited and rejected beads (one-sided ones too), which re-alignment
    keeps exactly as they are and aligns around: no reviewer decision is undone by it."""
    return [asdict(b) for b in ws.beads(pair_id) if b.status in REVIEWED]


def workspace_lexicon(ws, extra: list[tuple[str, str]] = (), exclude: set[int] = frozenset()) -> Lexicon:
    """Learn the lexicon from the confident or approved beads of the workspace (less the
    pairs in `exclude`, which are being re-aligned) and the (kk, ru) texts in `extra`, and
    keep it in the workspace for later re-alignments (`stored_lexicon`).
    A large workspace is sampled evenly: the lexicon of legal language saturates long
    before a corpus ends, and the pair counts would not fit in memory. What is learned is
    merged over the built-in legal lexicon."""
    budget = max(0, LEXICON_SAMPLE - len(extra))
    texts = list(extra[:LEXICON_SAMPLE]) + ws.confident_texts(LEXICON_FROM, set(exclude), budget)
    lexicon = lexicon_from_texts(texts)
    ws.save_lexicon(lexicon.to_bytes(), len(texts))
    return lexicon


_LEXICONS: dict[tuple, Lexicon] = {}


def stored_lexicon(ws, extra: list[tuple[str, str]] = (), exclude: set[int] = frozenset()) -> Lexicon:
    """The lexicon learned when the workspace was last aligned (learned now, from the
    workspace less `exclude` and the texts in `extra`, if it never was): re-aligning one
    pair or one article uses it instead of reading the whole workspace again, which a
    reviewer would wait for. Kept in memory per workspace state."""
    key = (ws.path, ws.alignment_stamp())
    if key not in _LEXICONS:
        if len(_LEXICONS) >= 4:
            _LEXICONS.pop(next(iter(_LEXICONS)))
        blob = ws.stored_lexicon()
        _LEXICONS[key] = Lexicon.from_bytes(blob) if blob else workspace_lexicon(ws, extra, exclude)
    return _LEXICONS[key]


def align_pair(ws, name: str, params: Params = DEFAULT, lexicon: Lexicon | None = None,
               force: bool = False, who: str | None = None) -> dict:
    """Align one stored pair in two passes and store its beads (a re-alignment keeps the
    reviewed beads and is one undoable step in the edit log); returns the report."""
    info = ws.pair(name)
    revision = ws.document_revision(info.id)     # read first: checked again when the beads are stored
    kk, ru = prepare(ws.document(info.id, "kk")), prepare(ws.document(info.id, "ru"))
    keep = reviewed_beads(ws, info.id)
    first = align_documents(kk, ru, params, lexicon, keep)
    if not force:
        check_related(name, first)
    if lexicon is None:
        lexicon = stored_lexicon(ws, confident_texts(first.beads), {info.id})
    result = align_documents(kk, ru, params, lexicon, keep) if len(lexicon) else first
    result.report["lexicon_entries"] = len(lexicon)
    result.report["stored"] = ws.store_alignment(info.id, result.beads, result.report, who, revision)
    return result.report


def align_all(ws, names: list[str] | None = None, params: Params = DEFAULT, force: bool = False,
              progress=None, who: str | None = None, workers: int = 1) -> dict[str, dict | Exception]:
    """Align many pairs: a first pass over all of them teaches the lexicon that the
    second pass uses. Returns each pair's report, or the error that stopped it.
    Documents are read again for the second pass rather than held, so memory does not
    grow with the number of pairs. With `workers` > 1 the pairs are aligned in that many
    processes (each reads the workspace itself; only this one writes), with the same
    result as one process: the lexicon is taught in the same order."""
    names = names or [p.name for p in ws.pairs()]
    ids = {name: ws.pair(name).id for name in names}
    results: dict[str, dict | Exception] = {}
    teach: list[tuple[str, str]] = []
    with _Pool(ws, params, workers if len(names) > 1 else 1) as pool:
        for name, (texts, problem) in zip(names, pool.map(_first_pass, [ids[n] for n in names])):
            if problem and not force:
                results[name] = problem
            elif len(teach) < LEXICON_SAMPLE:
                teach.extend(texts)
            if progress:
                progress(1)
        lexicon = workspace_lexicon(ws, teach, exclude=set(ids.values()))
        todo = [n for n in names if n not in results]
        pool.share(lexicon)
        for name, (beads, report, revision) in zip(todo, pool.map(_second_pass, [ids[n] for n in todo])):
            try:
                report["stored"] = ws.store_alignment(ids[name], beads, report, who, revision)
            except StaleEditError as exc:       # re-imported meanwhile: this pair only is not stored
                results[name] = exc
            else:
                results[name] = report
            if progress:
                progress(1)
    if progress:
        progress(len(names) - len(todo))
    return results


# What a pass needs in each process: the workspace (opened once per process), the
# parameters and, for the second pass, the lexicon (sent once per process, not per pair).
_WORKER: dict = {}


def _setup(path: str, params: Params, lexicon: Lexicon | None = None) -> None:
    from .store import Workspace
    if "ws" not in _WORKER:
        _WORKER["ws"] = Workspace(path, create=False)
    _WORKER.update(params=params, lexicon=lexicon)


def _first_pass(pair_id: int) -> tuple[list, MismatchError | None]:
    ws = _WORKER["ws"]
    kk, ru = _prepared(ws, pair_id, ws.document_revision(pair_id), keep=_WORKER.get("keep_prepared", False))
    return first_pass(ws.pair_name(pair_id), kk, ru, _WORKER["params"], reviewed_beads(ws, pair_id))


def _second_pass(pair_id: int):
    ws = _WORKER["ws"]
    revision = ws.document_revision(pair_id)     # before the documents are read
    kk, ru = _prepared(ws, pair_id, revision)
    result = second_pass(kk, ru, _WORKER["params"], _WORKER["lexicon"], reviewed_beads(ws, pair_id))
    return result.beads, result.report, revision


# Documents prepared in the first pass are kept for the second up to this many segments in
# all (a few MB of clues), when one process makes both passes: a small run reads and
# prepares each document once, a corpus reads them again and its memory stays flat.
KEEP_PREPARED_SEGMENTS = 20_000


def _prepared(ws, pair_id: int, revision: tuple, keep: bool = False):
    kept = _WORKER.setdefault("prepared", {})
    hit = kept.pop((pair_id, revision), None)
    if hit is not None:
        return hit
    docs = prepare(ws.document(pair_id, "kk")), prepare(ws.document(pair_id, "ru"))
    size = sum(len(d.clues) for d in docs)
    if keep and _WORKER.get("prepared_segments", 0) + size <= KEEP_PREPARED_SEGMENTS:
        kept[(pair_id, revision)] = docs
        _WORKER["prepared_segments"] = _WORKER.get("prepared_segments", 0) + size
    return docs


# The two passes over one pair's documents, shared by the workspace jobs above and by
# corpus mode (align/corpus), so that both align exactly alike.

def first_pass(name: str, kk, ru, params: Params = DEFAULT, keep: list[dict] = ()) -> tuple[list, MismatchError | None]:
    """The confident texts of a first alignment (they teach the lexicon), and why the pair
    looks unrelated, if it does."""
    first = align_documents(kk, ru, params, None, keep)
    try:
        check_related(name, first)
    except MismatchError as exc:
        return confident_texts(first.beads), exc
    return confident_texts(first.beads), None


def second_pass(kk, ru, params: Params, lexicon: Lexicon, keep: list[dict] = ()) -> Alignment:
    """The alignment with the lexicon learned from the first pass over the corpus."""
    result = align_documents(kk, ru, params, lexicon, keep)
    result.report["lexicon_entries"] = len(lexicon)
    return result


class _Pool:
    """The passes of `align_all` in this process, or in a pool of `workers` processes."""

    def __init__(self, ws, params: Params, workers: int):
        self.ws, self.params, self.workers, self.executor = ws, params, max(1, workers), None
        self.share(None)

    def share(self, lexicon: Lexicon | None) -> None:
        """Start the processes (again) with this lexicon."""
        if self.executor:
            self.executor.shutdown()
        if self.workers == 1:
            _WORKER.update(ws=self.ws, params=self.params, lexicon=lexicon, keep_prepared=True)
            return
        from .core.dp import warm_up
        from .pool import process_pool
        warm_up()   # forked workers then start with the compiled kernel loaded
        self.executor = process_pool(self.workers, _setup, (self.ws.path, self.params, lexicon))

    def map(self, fn, items):
        if self.executor is None:
            return map(fn, items)
        return self.executor.map(fn, items, chunksize=1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.executor:
            self.executor.shutdown(cancel_futures=True)
        _WORKER.clear()


def realign_section(ws, pair_id: int, section: str, params: Params = DEFAULT, who: str | None = None) -> int:
    """Re-align the beads of one section of a stored pair, replacing only them, as one
    undoable step: its approved and edited beads stay exactly as they are and the rest is
    aligned between them. Returns the section's new bead count."""
    old = ws.section_beads(pair_id, section)
    if not old:
        name = next((p.name for p in ws.pairs() if p.id == pair_id), str(pair_id))
        raise MismatchError(f"{name}: no section '{section}' to re-align")
    kk, ru = ws.document(pair_id, "kk"), ws.document(pair_id, "ru")
    ks = sorted({k for b in old for k in b.kk_segs})
    rs = sorted({r for b in old for r in b.ru_segs})
    keep = [asdict(b) for b in old if b.status in REVIEWED]
    new = reuse_ids(old, align_segments(kk, ru, ks, rs, params, stored_lexicon(ws), keep))
    with ws.transaction() as db:
        current = ws.beads_by_id([b.id for b in old])
        if [asdict(b) for b in current] != [asdict(b) for b in old]:
            raise StaleEditError(f"{section_label(section)} was changed while it was being re-aligned; "
                                 f"nothing was replaced — try again")
        if len(new) != len(old) or not all(same_bead(asdict(o), n) for o, n in zip(old, new)):
            summary = describe_change("re-align-section", [asdict(b) for b in old], new, {"section": section})
            ws.replace_beads(db, "re-align-section", old, new, who, {"section": section}, summary=summary)
    return sum(1 for d in new if d["section"] == section)
