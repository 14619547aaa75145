"""What differs between the two versions' structure, read off the aligned beads.

Each finding is a dict: `kind` (missing, extra, heading_missing, renumbered, moved,
excluded, contents, one_sided), a `message` a translator can act on, `units` (the unit keys
concerned) and `mismatch` (whether it is a real difference between the versions of the act
rather than a note about the layout). The text is aligned in every case; the report says
what the alignment found.
"""
from __future__ import annotations

from ..lang import tables as R
from .. import model as M

_NAMES = {"part": ("part", "parts"), "section": ("section", "sections"), "chapter": ("chapter", "chapters"),
          "paragraph": ("paragraph", "paragraphs"), "article": ("article", "articles")}
_LANG = {"kk": "Kazakh", "ru": "Russian"}


def structure_report(kk: M.Document, ru: M.Document, beads: list[dict]) -> list[dict]:
    out: list[dict] = []
    docs = {"kk": kk, "ru": ru}
    where = {"kk": {}, "ru": {}}          # segment -> index of its bead
    for n, b in enumerate(beads):
        for side in ("kk", "ru"):
            for x in b[f"{side}_segs"]:
                where[side][x] = n
    renumbered: list[tuple[str, str, str]] = []
    moved_units: list[str] = []
    alone: dict[str, dict[str, int]] = {"kk": {}, "ru": {}}
    for side, other in (("kk", "ru"), ("ru", "kk")):
        doc = docs[side]
        for x, seg in enumerate(doc.segments):
            block = doc.blocks[seg.block]
            if block.kind != M.HEADING or not block.level:
                continue
            bead = beads[where[side][x]] if x in where[side] else None
            if bead is None:
                continue
            partner = bead[f"{other}_segs"]
            if not partner:
                alone[side][block.key] = x
                continue
            if bead.get("scores", {}).get("moved") and side == "kk":
                moved_units.append(block.key)
            if side != "kk" or len(partner) != 1:
                continue
            oblock = docs[other].blocks[docs[other].segments[partner[0]].block]
            if oblock.kind == M.HEADING and oblock.level == block.level and oblock.number != block.number:
                renumbered.append((block.level, block.number, oblock.number))
            if oblock.kind == M.HEADING and _excluded(block, "kk") != _excluded(oblock, "ru"):
                gone = "Kazakh" if _excluded(block, "kk") else "Russian"
                out.append({"kind": "excluded", "units": [block.key], "mismatch": True,
                            "message": f"{_unit(block.key)} is excluded in the {gone} text but has text "
                                       f"in the other"})
    moved = (alone["kk"].keys() & alone["ru"].keys()) | set(moved_units)
    for key in sorted(moved, key=_order):
        out.append({"kind": "moved", "units": [key], "mismatch": True,
                    "message": f"{_unit(key)} stands in a different place in the two texts; "
                               f"its text was aligned where each version has it"})
    for side, other in (("kk", "ru"), ("ru", "kk")):
        for key, x in sorted(alone[side].items(), key=lambda kv: kv[1]):
            if key in moved:
                continue
            share = _unit_aligned_share(docs[side], x, beads, where[side], other)
            if share >= 0.5:
                out.append({"kind": "heading_missing", "units": [key], "mismatch": False,
                            "message": f"the heading of {_unit(key)} is in the {_LANG[side]} text only; "
                                       f"its text is aligned with the {_LANG[other]} text"})
            else:
                out.append({"kind": "missing" if side == "kk" else "extra", "units": [key], "mismatch": True,
                            "message": f"{_unit(key)} is in the {_LANG[side]} text but not in the "
                                       f"{_LANG[other]}"})
    out.extend(_renumbering(renumbered))
    out.extend(_one_sided_runs(beads, docs))
    for side in ("kk", "ru"):
        toc = sum(1 for s in docs[side].segments if docs[side].blocks[s.block].kind == M.TOC)
        other_toc = sum(1 for s in docs["ru" if side == "kk" else "kk"].segments
                        if docs["ru" if side == "kk" else "kk"].blocks[s.block].kind == M.TOC)
        if toc and not other_toc:
            out.append({"kind": "contents", "units": [], "mismatch": False,
                        "message": f"the {_LANG[side]} text opens with a table of contents ({toc} lines) "
                                   f"that the other lacks; it is kept out of the translation memory"})
    return out


ONE_SIDED_RUN = 3      # one-sided beads in a row that make a finding


def _one_sided_runs(beads: list[dict], docs: dict) -> list[dict]:
    """Runs of text that only one version has (not notes or contents, which are expected):
    a missing appendix, a lost passage, or text the aligner could not place."""
    out = []
    run: list[dict] = []

    def flush():
        if len(run) >= ONE_SIDED_RUN:
            side = "kk" if run[0]["kk_segs"] else "ru"
            first = run[0][side][:60].rstrip()
            out.append({"kind": "one_sided", "units": [], "mismatch": False,
                        "message": f"{len(run)} segments in a row are in the {_LANG[side]} text only, "
                                   f"from «{first}…» ({run[0]['section']})"})
        run.clear()

    for b in beads:
        alone = bool(b["kk_segs"]) != bool(b["ru_segs"]) and not b.get("scores", {}).get("expected_alone")
        side = "kk" if b["kk_segs"] else "ru"
        if alone and (not run or ("kk" if run[-1]["kk_segs"] else "ru") == side):
            run.append(b)
        else:
            flush()
            if alone:
                run.append(b)
    flush()
    return out


def _excluded(block: M.Block, lang: str) -> bool:
    return bool(block.title and R.EXCLUDED[lang].match(block.title))


def _unit_aligned_share(doc: M.Document, heading: int, beads, where, other) -> float:
    """Share of a unit's text (after its heading) that is paired with the other side."""
    section = doc.blocks[doc.segments[heading].block].section
    paired = total = 0
    for x in range(heading + 1, len(doc.segments)):
        if doc.blocks[doc.segments[x].block].section != section:
            break
        total += 1
        bead = beads[where[x]] if x in where else None
        if bead and bead[f"{other}_segs"]:
            paired += 1
    return paired / total if total else 0.0


def _renumbering(pairs: list[tuple[str, str, str]]) -> list[dict]:
    """Runs of units numbered differently: "articles 5–14 of the Kazakh text are 6–15 in the Russian"."""
    out = []
    run: list[tuple[str, str, str]] = []

    def flush():
        if not run:
            return
        level = run[0][0]
        names = _NAMES.get(level, (level, level + "s"))
        if len(run) == 1:
            msg = (f"{names[0]} {run[0][1]} of the Kazakh text is {names[0]} {run[0][2]} in the Russian "
                   f"(numbered differently)")
        else:
            msg = (f"{names[1]} {run[0][1]}–{run[-1][1]} of the Kazakh text are numbered "
                   f"{run[0][2]}–{run[-1][2]} in the Russian")
        out.append({"kind": "renumbered", "units": [f"{level}:{p[1]}" for p in run], "mismatch": True,
                    "message": msg})
        run.clear()

    for p in pairs:
        if run and (p[0] != run[-1][0] or _shift(p) is None or _shift(p) != _shift(run[-1])):
            flush()
        run.append(p)
    flush()
    return out


def _shift(p) -> int | None:
    try:
        return int(p[2].split("-")[0]) - int(p[1].split("-")[0])
    except ValueError:
        return None


def _unit(key: str) -> str:
    level, ident = key.split(":", 1)
    return f"{_NAMES.get(level, (level,))[0]} {ident}"


def _order(key: str):
    level, ident = key.split(":", 1)
    head = ident.split("-")[0]
    return (level, int(head) if head.isdigit() else 0, ident)
