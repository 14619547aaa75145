"""Re-alignment never undoes review work, and the history can be walked both ways.

Issue 10, point 1: re-aligning an article (or the whole pair) after a reviewer split a bead,
edited its one-sided half, or approved a note that has no counterpart must keep every one of
those beads exactly as it was left, re-align only between them, and be one undoable step
with the reviewer's name in the log.
"""
from __future__ import annotations

from dataclasses import asdict

import pytest

from align import jobs
from align import review as R
from align.errors import StaleEditError
from workspaces import PAIR, make_workspace


@pytest.fixture
def ws(tmp_path):
    w = make_workspace(tmp_path / "h.db", aligner=True)
    yield w
    w.close()


def pid(ws):
    return ws.pair(PAIR).id


def full(ws):
    return [asdict(b) for b in ws.beads(pid(ws))]


def two_sided_run(ws, n: int = 3):
    """n neighbouring 1:1 beads of one article."""
    bs = ws.beads(pid(ws))
    for i in range(len(bs) - n):
        run = bs[i:i + n]
        if len({b.section for b in run}) == 1 and run[0].section.startswith("article") \
                and all(b.shape == "1:1" for b in run):
            return run
    raise AssertionError("no run of 1:1 beads in an article")


def review_work(ws):
    """What a reviewer did before re-aligning: a merged bead split into a 2:1 and a
    one-sided 1:0 whose Kazakh text was then edited, and an approved bead."""
    a, b, c = two_sided_run(ws)
    m = R.merge_next(ws, a.id, a.version)                  # a+b: 2:2
    first, half = R.split(ws, m.id, 2, 1, m.version, who="aigerim")   # 2:1 and 0:1
    half = R.edit_side(ws, half.id, "ru", half.ru + " (уточнено)", half.version, who="aigerim")
    approved = R.approve(ws, c.id, c.version, who="aigerim")
    return [ws.bead(first.id), half, approved], a.section


def test_realigning_the_article_keeps_split_one_sided_and_approved_beads_exactly(ws):
    reviewed, section = review_work(ws)
    before = {b.id: asdict(b) for b in reviewed}
    others_before = [b for b in ws.beads(pid(ws)) if b.section == section and b.id not in before]
    jobs.realign_section(ws, pid(ws), section, who="aigerim")
    after = {b.id: asdict(b) for b in ws.beads(pid(ws))}
    for bead_id, row in before.items():
        assert after[bead_id] == row              # same id, version, texts, sentences, status
    article = [b for b in ws.beads(pid(ws)) if b.section == section]
    one_sided = [b for b in article if b.shape in ("1:0", "0:1") and b.id not in before]
    assert not one_sided, [(b.shape, b.kk[:40], b.ru[:40]) for b in one_sided]
    assert len(article) >= len(others_before)
    entry = ws.edits(pid(ws), limit=1)[0]
    assert entry["action"] == "re-align-section" and entry["who"] == "aigerim"


def test_realigning_the_whole_pair_keeps_them_too_and_lowers_nothing(ws):
    reviewed, _ = review_work(ws)
    before = {b.id: asdict(b) for b in reviewed}
    report = jobs.align_pair(ws, PAIR, who="aigerim")
    assert report["stored"] in ("re-aligned", "unchanged")
    now = {b.id: asdict(b) for b in ws.beads(pid(ws))}
    for bead_id, row in before.items():
        assert now[bead_id] == row
    shapes = [b.shape for b in ws.beads(pid(ws)) if b.id not in before]
    assert shapes.count("1:0") + shapes.count("0:1") <= 2


def test_an_approved_note_without_a_counterpart_stays_put(ws):
    bs = ws.beads(pid(ws))
    a = two_sided_run(ws, 2)[0]
    first, second = R.split(ws, a.id, 1, 0, a.version)      # 1:0 and 0:1
    R.approve(ws, first.id, first.version)
    R.approve(ws, second.id, ws.bead(second.id).version)
    kept = [asdict(ws.bead(first.id)), asdict(ws.bead(second.id))]
    jobs.realign_section(ws, pid(ws), a.section)
    assert [asdict(ws.bead(first.id)), asdict(ws.bead(second.id))] == kept
    assert len(ws.beads(pid(ws))) == len(bs) + 1


def test_a_rejected_pair_the_aligner_proposes_again_stays_rejected(ws):
    b = two_sided_run(ws, 1)[0]
    rejected = R.reject(ws, b.id, b.version)
    jobs.realign_section(ws, pid(ws), b.section)
    assert asdict(ws.bead(b.id)) == asdict(rejected)


def test_realignment_is_undone_and_redone_in_one_step(ws):
    reviewed, section = review_work(ws)
    state = full(ws)
    jobs.realign_section(ws, pid(ws), section, who="dana")
    realigned = full(ws)
    assert R.next_undo(ws, pid(ws))["action"] == "re-align-section"
    R.undo(ws, pid(ws), who="dana")
    assert [(b["id"], b["kk_segs"], b["ru_segs"], b["kk"], b["ru"], b["status"]) for b in full(ws)] == \
        [(b["id"], b["kk_segs"], b["ru_segs"], b["kk"], b["ru"], b["status"]) for b in state]
    R.redo(ws, pid(ws), who="dana")
    assert [(b["kk_segs"], b["ru_segs"], b["status"]) for b in full(ws)] == \
        [(b["kk_segs"], b["ru_segs"], b["status"]) for b in realigned]


def test_undo_and_redo_walk_any_history(ws):
    states = [full(ws)]
    bs = ws.beads(pid(ws))
    R.approve(ws, bs[0].id, bs[0].version)
    states.append(full(ws))
    steps = 2 if jobs.align_pair(ws, PAIR)["stored"] == "re-aligned" else 1
    R.reject(ws, bs[1].id, ws.bead(bs[1].id).version)
    key = [(b["id"], b["status"], b["kk"], b["ru"]) for b in states[0]]

    def now():
        return [(b["id"], b["status"], b["kk"], b["ru"]) for b in full(ws)]
    for _ in range(steps + 1):
        R.undo(ws, pid(ws))
    assert now() == key
    with pytest.raises(R.ReviewError, match="nothing to undo"):
        R.undo(ws, pid(ws))
    R.redo(ws, pid(ws))
    assert ws.bead(bs[0].id).status == "approved" and ws.bead(bs[1].id).status == bs[1].status
    for _ in range(steps):
        R.redo(ws, pid(ws))
    assert ws.bead(bs[1].id).status == "rejected"
    with pytest.raises(R.ReviewError, match="nothing to redo"):
        R.redo(ws, pid(ws))
    R.undo(ws, pid(ws))                                        # a new change empties the redo stack
    b2 = ws.bead(bs[2].id)
    R.approve(ws, b2.id, b2.version)
    assert R.next_redo(ws, pid(ws)) is None


def test_bulk_approval_of_an_article_is_one_step(ws):
    bs = ws.beads(pid(ws))
    section = next(b.section for b in bs if b.section.startswith("article"))
    article = [b for b in bs if b.section == section]
    R.reject(ws, article[0].id, article[0].version)
    seen = {b.id: ws.bead(b.id).version for b in article}
    approved = R.approve_many(ws, pid(ws), seen, who="dana", scope="article")
    assert {b.id for b in approved} == {b.id for b in article[1:]}
    assert ws.bead(article[0].id).status == "rejected"         # a decision is not overridden
    entry = R.next_undo(ws, pid(ws))
    assert entry["action"] == "approve-many" and entry["who"] == "dana"
    assert entry["summary"].startswith(f"{len(article) - 1} bead(s) approved")
    R.undo(ws, pid(ws))
    assert [ws.bead(b.id).status for b in article[1:]] == [b.status for b in article[1:]]


def test_bulk_approval_refuses_a_stale_selection(ws):
    bs = ws.beads(pid(ws))[:4]
    seen = {b.id: b.version for b in bs}
    R.reject(ws, bs[2].id, bs[2].version)                     # someone else, meanwhile
    with pytest.raises(StaleEditError):
        R.approve_many(ws, pid(ws), seen)
    assert [ws.bead(b.id).status for b in bs[:2]] == [b.status for b in bs[:2]]


def test_an_undo_refuses_when_the_beads_changed_underneath(ws):
    b = ws.beads(pid(ws))[2]
    R.approve(ws, b.id, b.version)
    R.undo(ws, pid(ws))
    R.approve(ws, b.id, ws.bead(b.id).version)                # a new change: redo is gone
    with pytest.raises(R.ReviewError, match="nothing to redo"):
        R.redo(ws, pid(ws))
