"""A pair re-imported (by another process) while it is being aligned: the alignment of the
old documents is not stored over the new ones; the next `align` works."""
from __future__ import annotations

import pytest
from conftest import SEED_NAMES
from workspaces import PAIR, SEEDS

from align import jobs
from align.errors import StaleEditError
from align.store import Workspace
from align.text.pipeline import load_document

OTHER = next(n for n in SEED_NAMES if n != PAIR)


def _reimport_other_act(db_path) -> None:
    """What `saikes import OTHER.txt OTHER.txt --name PAIR` in another process does."""
    with Workspace(db_path) as other:
        outcome = other.import_pair(PAIR, load_document(SEEDS / "kk" / f"{OTHER}.txt", "kk"),
                                    load_document(SEEDS / "ru" / f"{OTHER}.txt", "ru"))
    assert outcome == "updated"


def _reimport_during(monkeypatch, db_path, call: int) -> None:
    """Re-import the pair from another connection when the aligner is called for the
    `call`-th time (after the documents it aligns were read)."""
    calls = {"n": 0}
    original = jobs.align_documents

    def align_documents(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == call:
            _reimport_other_act(db_path)
        return original(*args, **kwargs)
    monkeypatch.setattr(jobs, "align_documents", align_documents)


def assert_beads_are_their_segments(ws, pair_id: int) -> None:
    for lang in ("kk", "ru"):
        segments = ws.document(pair_id, lang).segments
        for b in ws.beads(pair_id):
            idxs = b.kk_segs if lang == "kk" else b.ru_segs
            assert all(i < len(segments) for i in idxs)
            text = b.kk if lang == "kk" else b.ru
            assert all(segments[i].text.split()[0] in text for i in idxs if segments[i].text.split())


@pytest.fixture
def pair_ws(tmp_path):
    path = tmp_path / "w.db"
    ws = Workspace(path)
    ws.import_pair(PAIR, load_document(SEEDS / "kk" / f"{PAIR}.txt", "kk"),
                   load_document(SEEDS / "ru" / f"{PAIR}.txt", "ru"))
    yield ws
    ws.close()


def test_align_pair_refuses_to_store_beads_of_documents_replaced_meanwhile(pair_ws, monkeypatch):
    _reimport_during(monkeypatch, pair_ws.path, call=1)
    with pytest.raises(StaleEditError, match=f"the pair {PAIR} changed while it was being aligned.*align again"):
        jobs.align_pair(pair_ws, PAIR)
    pid = pair_ws.pair(PAIR).id
    assert pair_ws.beads(pid) == []                  # nothing of the old documents was stored
    monkeypatch.undo()
    jobs.align_pair(pair_ws, PAIR)                   # the next align works, on the new documents
    assert pair_ws.beads(pid)
    assert_beads_are_their_segments(pair_ws, pid)
    assert load_document(SEEDS / "kk" / f"{OTHER}.txt", "kk").segments[0].text in pair_ws.beads(pid)[0].kk


def test_align_all_reports_the_replaced_pair_and_stores_the_others(tmp_path, monkeypatch):
    path = tmp_path / "w.db"
    with Workspace(path) as ws:
        for name in (PAIR, OTHER):
            ws.import_pair(name, load_document(SEEDS / "kk" / f"{name}.txt", "kk"),
                           load_document(SEEDS / "ru" / f"{name}.txt", "ru"))
        # calls 1 and 2 are the first pass of both pairs; 3 is the second pass of PAIR
        _reimport_during(monkeypatch, path, call=3)
        results = jobs.align_all(ws, [PAIR, OTHER], workers=1)
        assert isinstance(results[PAIR], StaleEditError) and "run align again" in str(results[PAIR])
        assert isinstance(results[OTHER], dict)
        assert ws.beads(ws.pair(PAIR).id) == [] and ws.beads(ws.pair(OTHER).id)


def test_a_removed_pair_is_not_aligned_into_the_void(pair_ws, monkeypatch):
    calls = {"n": 0}
    original = jobs.align_documents

    def align_documents(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            with Workspace(pair_ws.path) as other:
                other.delete_pair(PAIR)
        return original(*args, **kwargs)
    monkeypatch.setattr(jobs, "align_documents", align_documents)
    with pytest.raises(StaleEditError, match="removed while it was being aligned"):
        jobs.align_pair(pair_ws, PAIR)
    assert pair_ws.pairs() == [] and pair_ws.beads() == []
