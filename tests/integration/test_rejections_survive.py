"""Every reviewer decision survives re-alignment: rejected beads as much as approved and
edited ones, through `align --all`, a second `saikes run` and the app's re-align."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from itertools import pairwise

import pytest
from conftest import SEED_NAMES
from workspaces import SEEDS

from align import jobs
from align import review as R
from align.exports import select_units
from align.store import Workspace
from align.text.pipeline import load_document


def _decisions(ws) -> dict[int, dict]:
    return {b.id: asdict(b) for b in ws.beads() if b.status in ("approved", "edited", "rejected")}


def _review(ws, pair_id: int) -> None:
    """Reject some beads (the doubtful ones first, and some confident ones whose pairing
    the aligner would propose again anyway), approve and edit a few."""
    beads = ws.beads(pair_id)
    doubtful = [b for b in beads if b.confidence < 0.9][:6]
    confident = [b for b in beads if b.confidence >= 0.9 and b.kk_segs and b.ru_segs]
    for b in doubtful + confident[:3]:
        R.reject(ws, b.id, b.version)
    R.approve(ws, confident[5].id, confident[5].version)
    b = ws.bead(confident[7].id)
    R.edit_texts(ws, b.id, {"kk": b.kk + " (түзетілді)"}, b.version)


@pytest.fixture
def reviewed(tmp_path):
    ws = Workspace(tmp_path / "w.db")
    for name in SEED_NAMES[:3]:
        ws.import_pair(name, load_document(SEEDS / "kk" / f"{name}.txt", "kk"),
                       load_document(SEEDS / "ru" / f"{name}.txt", "ru"))
    jobs.align_all(ws, SEED_NAMES[:3])
    for p in ws.pairs():
        _review(ws, p.id)
    yield ws
    ws.close()


def _assert_kept(ws, before: dict[int, dict]) -> None:
    after = _decisions(ws)
    assert after == before
    # the default export: a rejected bead's texts go out only as often as other beads of
    # its pair hold the same texts (a repeated line)
    exported = Counter((u.document, u.kk, u.ru) for u in select_units(ws))
    names = {p.id: p.name for p in ws.pairs()}
    others = Counter((names[b.pair_id], b.kk, b.ru) for b in ws.beads() if b.status != "rejected")
    rejected = [b for b in before.values() if b["status"] == "rejected"]
    assert rejected
    for b in rejected:
        key = (names[b["pair_id"]], b["kk"], b["ru"])
        assert exported[key] == others[key]


def test_align_all_keeps_rejected_beads_rejected(reviewed):
    before = _decisions(reviewed)
    jobs.align_all(reviewed, force=True)
    _assert_kept(reviewed, before)
    jobs.align_all(reviewed, force=True)                            # and again
    _assert_kept(reviewed, before)


def test_align_pair_and_section_realign_keep_rejected_beads(reviewed):
    before = _decisions(reviewed)
    for p in reviewed.pairs():
        jobs.align_pair(reviewed, p.name, force=True)
    _assert_kept(reviewed, before)
    pid = reviewed.pairs()[0].id
    rejected = next(b for b in reviewed.beads(pid) if b.status == "rejected")
    jobs.realign_section(reviewed, pid, rejected.section)
    _assert_kept(reviewed, before)


def test_a_second_saikes_run_keeps_rejected_beads(cli, tmp_path):
    db, out = tmp_path / "run.db", tmp_path / "out"
    assert cli("run", "--out", out, db=db).returncode == 0
    with Workspace(db) as ws:
        for p in ws.pairs()[:2]:
            _review(ws, p.id)
        before = _decisions(ws)
    second = cli("run", "--out", out, db=db)
    assert second.returncode == 0, second.stderr
    with Workspace(db) as ws:
        _assert_kept(ws, before)


def test_a_rejected_bead_the_aligner_would_pair_otherwise_stays_rejected(reviewed):
    """The reviewer joins two beads and rejects the result: the aligner, asked again, would
    pair those sentences as before, one by one, and bring the rejected texts back as 'auto'."""
    pid = reviewed.pairs()[1].id
    beads = reviewed.beads(pid)
    a, b = next((x, y) for x, y in pairwise(beads) if x.status == y.status == "auto"
                and x.section == y.section and x.kk_segs and x.ru_segs and y.kk_segs and y.ru_segs)
    merged = R.merge_next(reviewed, a.id, a.version, b.version)
    R.reject(reviewed, merged.id, reviewed.bead(merged.id).version)
    before = _decisions(reviewed)
    jobs.align_all(reviewed, force=True)
    _assert_kept(reviewed, before)
    assert not any(x.kk == a.kk and x.status == "auto" for x in reviewed.beads(pid))
    jobs.realign_section(reviewed, pid, merged.section)
    _assert_kept(reviewed, before)
