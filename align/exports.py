"""The bridge between the workspace and the exports.

`select_units` turns the beads of the workspace into export `Unit`s, filtered by review
status, confidence and pair; `store_units` does the reverse for an imported TMX: it
stores its pairs as a new document pair with one 1:1 bead per unit.

Status filters (`--status`):
    approved           beads a reviewer approved or edited (reviewed and good)
    all-but-rejected   everything except rejected beads (the default)
    all                every bead
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, replace

from . import model as M
from .errors import WorkspaceError
from .store import KEPT, REVIEW_STATUSES, Status, Workspace

from tmx_out.base import ExportError, Unit, clean_text, is_blank
from tmx_out.registry import pair_writer

STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "approved": KEPT,
    "all-but-rejected": tuple(s for s in REVIEW_STATUSES if s != Status.REJECTED),
    "all": tuple(REVIEW_STATUSES),
}
DEFAULT_STATUS = "all-but-rejected"


def check_status(status: str) -> tuple[str, ...]:
    if status not in STATUS_FILTERS:
        raise ExportError(f"unknown status filter '{status}': use approved (approved or edited beads), "
                          f"all-but-rejected or all")
    return STATUS_FILTERS[status]


def check_confidence(value) -> float | None:
    if value is None:
        return None
    try:
        value = float(value.strip().replace(",", ".") if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise ExportError(f"minimum confidence must be a number between 0 and 1, not '{value}'") from None
    if not 0.0 <= value <= 1.0:
        raise ExportError(f"minimum confidence must be between 0 and 1, not {value:g}")
    return value


def select_units(ws: Workspace, status: str = DEFAULT_STATUS, min_confidence: float | None = None,
                 pairs: list[str] | None = None) -> list[Unit]:
    """The beads that pass the filters, as units in pair and document order.

    `pairs` names the pairs to export (default: all); an unknown name raises
    WorkspaceError listing the pairs there are."""
    return list(iter_units(ws, status, min_confidence, pairs))


def iter_units(ws: Workspace, status: str = DEFAULT_STATUS, min_confidence: float | None = None,
               pairs: list[str] | None = None):
    """`select_units` read a pair at a time as they are written (a corpus's memory is not
    held at once); the filters and pair names are checked at the call."""
    allowed = set(check_status(status))
    floor = check_confidence(min_confidence)
    infos = [ws.pair(name) for name in dict.fromkeys(pairs)] if pairs else ws.pairs()
    return (Unit(kk=kk, ru=ru, document=info.name, article=article, confidence=confidence,
                 status=status, created=created, changed=changed)
            for info in infos
            for kk, ru, article, confidence, status, created, changed in ws.iter_export_rows(info.id)
            if status in allowed and (floor is None or confidence >= floor))


def describe_filters(status: str, min_confidence: float | None, pairs: list[str] | None) -> str:
    parts = [f"status {status}"]
    if min_confidence is not None:
        parts.append(f"confidence ≥ {min_confidence:g}")
    if pairs:
        parts.append("pair " + ", ".join(pairs))
    return ", ".join(parts)


@dataclass
class ExportResult:
    path: str
    format: str
    selected: int          # units that passed the filters
    written: int           # records in the file
    skipped: int           # selected units the format could not carry (an empty side in TMX...)


def export(ws: Workspace, fmt: str, path, status: str = DEFAULT_STATUS,
           min_confidence: float | None = None, pairs: list[str] | None = None,
           direction: str = "kk-ru", merge_identical: bool = False) -> ExportResult:
    """Select beads and write them in `fmt`. Raises ExportError (nothing written, an
    existing file left as it was) when the selection is empty or the file cannot be
    written."""
    fmt = (fmt or "").lower()
    options = {"merge_identical": merge_identical} if fmt == "tmx" else {}
    writer = pair_writer(fmt, direction=direction, **options)
    units = select_units(ws, status, min_confidence, pairs)
    if not units:
        total = sum(len(ws.beads(p.id)) for p in ws.pairs())
        raise ExportError(f"nothing to export: no bead matches {describe_filters(status, min_confidence, pairs)} "
                          f"({total} beads in {ws.path}); nothing was written")
    written = writer.write(units, path)
    return ExportResult(str(path), writer.format, len(units), written, writer.skipped)


# ------------------------------------------------------------------ import

def units_to_documents(units: list[Unit], path: str = "") -> tuple[M.Document, M.Document]:
    """A Kazakh and a Russian document with one segment per unit (one text block)."""
    docs = []
    for lang in ("kk", "ru"):
        texts = [getattr(u, lang) for u in units]
        text = "\n".join(texts)
        doc = M.Document(text=text, offsets=array("i", range(len(text))), source=text, path=path,
                         lang=lang, encoding="utf-8", format="tmx")
        doc.blocks = [M.Block(M.TEXT, 0, len(text), M.ACT)]
        start = 0
        for t in texts:
            doc.segments.append(M.Segment(start, start + len(t), t, 0, M.TEXT))
            start += len(t) + 1
        docs.append(doc)
    return docs[0], docs[1]


def units_to_beads(units: list[Unit]) -> list[dict]:
    beads = []
    for i, u in enumerate(units):
        confidence = u.confidence if u.confidence is not None else 1.0
        beads.append({
            "section": M.article_section(u.article) if u.article is not None else M.ACT,
            "article": u.article, "kk_segs": [i], "ru_segs": [i], "kk": u.kk, "ru": u.ru,
            "confidence": confidence, "scores": {"source": "tmx"},
            "status": u.status if u.status in REVIEW_STATUSES else "auto",
            "created_at": u.created, "changed_at": u.changed or u.created,
        })
    return beads


def load_tmx(path, force: bool = False):
    """A TMX read and checked for import: (content with the units to store, the side check).
    Refused when its Kazakh and Russian sides are not Kazakh and Russian, unless `force`;
    units with no readable text are left out either way (`align.text.sides`)."""
    from pathlib import Path

    from tmx_out.tmx import read_tmx

    from .text.sides import check_sides, enforce
    content = read_tmx(path)
    check = check_sides([(u.kk, u.ru) for u in content.units])
    enforce(check, Path(path).name, force)
    content.units = check.kept(content.units)
    if not content.units:
        raise ExportError(f"{Path(path).name}: no translation unit holds readable Kazakh and Russian text")
    return content, check


def store_units(ws: Workspace, name: str, units: list[Unit], path: str = "",
                report: dict | None = None) -> int:
    """Store `units` as a new pair `name` with one 1:1 bead per unit; returns the pair id.

    Text is cleaned as for the exports (`clean_text`, trimmed); a unit with an empty side
    is left out.

    A pair of that name must not exist yet (nothing stored is replaced). Units without
    a confidence get 1.0 (a translation memory holds pairs a person made); a status that
    is not a review status becomes 'auto'."""
    # the workspace stores UTF-8 text: the same cleaning as every export, and no empty side
    units = [replace(u, kk=clean_text(u.kk).strip(), ru=clean_text(u.ru).strip()) for u in units]
    units = [u for u in units if not is_blank(u.kk) and not is_blank(u.ru)]
    if not units:
        raise ExportError("nothing to import: no pair with both a Kazakh and a Russian segment")
    name = (name or "").strip()
    if not name:
        raise ExportError("the imported pair needs a name (--name)")
    kk_doc, ru_doc = units_to_documents(units, path)
    try:
        return ws.import_aligned(name, kk_doc, ru_doc, units_to_beads(units),
                                 dict(report or {}, source="tmx", units=len(units)))
    except WorkspaceError as exc:
        raise ExportError(f"{exc} with --name") from None
