"""The glossary's entries as a terminologist works with them: read, approve, reject, reword,
add by hand, filter, and write as term-base files. The storage itself is `align.store`."""
from __future__ import annotations

from pathlib import Path

from ..errors import WorkspaceError
from ..model import Status
from ..names import safe_slug
from ..store import GLOSSARY_STATUSES as STATUSES
from ..store import Entry, Workspace
from . import kazakh_stem as kz
from . import russian_lemma as rl
from .build import GlossaryError


def entries(ws: Workspace, include_rejected: bool = False) -> list[Entry]:
    """Glossary rows, best first: reviewed rows rank with the others by their score."""
    return ws.glossary_entries(include_rejected)


def entry(ws: Workspace, entry_id: int) -> Entry:
    try:
        return ws.glossary_entry(entry_id)
    except WorkspaceError as exc:
        raise GlossaryError(str(exc)) from None


def set_status(ws: Workspace, entry_id: int, status: str, note: str | None = None,
               who: str | None = None, expected_version: int | None = None) -> Entry:
    """Approve, reject (or return to auto) one entry."""
    if status not in STATUSES:
        raise GlossaryError(f"unknown status '{status}' (one of {', '.join(STATUSES)})")
    entry(ws, entry_id)
    ws.set_glossary_status(entry_id, status, note, who, expected_version)
    return entry(ws, entry_id)


def edit_entry(ws: Workspace, entry_id: int, kk: str | None = None, ru: str | None = None,
               note: str | None = None, who: str | None = None, expected_version: int | None = None) -> Entry:
    """Change the wording of an entry; it becomes 'edited' and survives rebuilds. A changed
    term takes the key of its new wording; an automatic row with that key is merged in."""
    before = entry(ws, entry_id)
    kk = before.kk if kk is None else kk.strip()
    ru = before.ru if ru is None else ru.strip()
    if not kk or not ru:
        raise GlossaryError("a glossary entry needs both a Kazakh and a Russian term")
    kk_key = before.kk_key if kk == before.kk else kz.phrase_key(kk)
    ru_key = before.ru_key if ru == before.ru else rl.phrase_key(ru)
    try:
        ws.reword_glossary_entry(entry_id, kk, ru, kk_key, ru_key, note, who, expected_version)
    except WorkspaceError as exc:
        if type(exc) is not WorkspaceError:
            raise
        raise GlossaryError(str(exc)) from None
    return entry(ws, entry_id)


def add_entry(ws: Workspace, kk: str, ru: str, note: str = "", who: str | None = None) -> Entry:
    """Add a term pair by hand (status 'approved')."""
    return entry(ws, add_entries(ws, [(kk, ru, note)], who)[0])


def add_entries(ws: Workspace, pairs, who: str | None = None) -> list[int]:
    """Add (kk, ru, note) term pairs as approved entries, all in one transaction; a pair
    the glossary already holds becomes approved with the new wording. Returns the ids."""
    # a pair worded as an entry already is (the glossary's own TBX read back) is that entry,
    # whatever keys its wording would get on its own
    held = {(e.kk.casefold(), e.ru.casefold()): (e.kk_key, e.ru_key) for e in entries(ws, include_rejected=True)}
    rows = []
    for kk, ru, note in pairs:
        kk, ru = " ".join(kk.split()), " ".join(ru.split())
        if not kk or not ru:
            raise GlossaryError("a glossary entry needs both a Kazakh and a Russian term")
        keys = held.get((kk.casefold(), ru.casefold())) or (kz.phrase_key(kk), rl.phrase_key(ru))
        rows.append((kk, ru, note or "", *keys))
    return ws.add_glossary_entries(rows, who)


def filtered(ws: Workspace, text: str = "", statuses: tuple[str, ...] = ()) -> list[Entry]:
    """Glossary entries (rejected ones included), best first, filtered by a substring of
    either term and by status."""
    needle = text.strip().casefold()
    return [e for e in entries(ws, include_rejected=True)
            if (not statuses or e.status in statuses)
            and (not needle or needle in e.kk.casefold() or needle in e.ru.casefold())]


def exported(ws: Workspace, include_candidates: bool = False) -> list[Entry]:
    """The entries the term-base files carry, best first: all but rejected ones and, unless
    asked for, the low-score candidates."""
    return _exportable(entries(ws), include_candidates)


def _exportable(rows: list[Entry], include_candidates: bool) -> list[Entry]:
    return [e for e in rows if include_candidates or e.status != Status.CANDIDATE]


def _require_glossary(ws: Workspace, include_candidates: bool = False) -> list[Entry]:
    rows = entries(ws)
    if not rows:
        raise GlossaryError(f"the glossary of {ws.path} is empty: run `saikes glossary build` first")
    return _exportable(rows, include_candidates)


def check_file_stem(stem: str) -> None:
    # the one rule for file names (align.names.safe_slug): a stem it would change is refused
    if safe_slug(stem, default="") != stem:
        raise GlossaryError(f"'{stem}' cannot name a glossary file (no / \\ : * ? \" < > | .., control "
                            f"characters or leading dot)")


def write_glossary_files(ws: Workspace, directory: str | Path, stem: str = "seeds",
                         include_candidates: bool = False, sources: list[str] | None = None) -> list[Path]:
    """Write STEM.tsv, STEM.tbx (TBX-Basic) and STEM.txt (OmegaT glossary) into `directory`:
    the exported entries (`exported`), candidates too if asked; `sources` (default: the
    workspace's pairs) are named in the TBX header."""
    from tmx_out.registry import FORMATS, write_terms
    check_file_stem(stem)
    rows = _require_glossary(ws, include_candidates)
    directory = Path(directory)
    pairs = sources if sources is not None else [p.name for p in ws.pairs()]
    paths = []
    for fmt in ("terms-tsv", "tbx", "omegat"):
        path = directory / f"{stem}{FORMATS[fmt].suffix}"
        write_terms(fmt, rows, path, title=f"saikes glossary {stem}", sources=pairs)
        paths.append(path)
    return paths
