"""The bead operations of align/review.py, checked against the workspace afterwards."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from align import review as R
from align.errors import StaleEditError, WorkspaceError
from align.store import Workspace
from workspaces import PAIR, make_workspace

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture
def ws(tmp_path):
    w = make_workspace(tmp_path / "ws.db")
    yield w
    w.close()


def pid(ws):
    return ws.pair(PAIR).id


def assert_contiguous(ws):
    for p in ws.pairs():
        assert [b.pos for b in ws.beads(p.id)] == list(range(len(ws.beads(p.id))))


def all_segments(ws, side):
    return [i for b in ws.beads(pid(ws)) for i in (b.kk_segs if side == "kk" else b.ru_segs)]


def last_edit(ws):
    return ws.edits(pid(ws), limit=1)[0]


def first_in_section_with(ws, n_next=1):
    """A bead with at least `n_next` following beads in its section, both sides non-empty."""
    beads = ws.beads(pid(ws))
    for i, b in enumerate(beads):
        run = beads[i:i + n_next + 1]
        if len(run) == n_next + 1 and all(x.section == b.section and x.kk_segs and x.ru_segs for x in run):
            return run
    raise AssertionError("no suitable bead run")


# ---------------------------------------------------------------- status

def test_approve_sets_status_bumps_version_and_logs(ws):
    b = ws.beads(pid(ws))[3]
    out = R.approve(ws, b.id, b.version, who="alice")
    after = ws.bead(b.id)
    assert after.status == "approved" == out.status
    assert after.version == b.version + 1
    assert after.changed_at >= b.changed_at
    e = last_edit(ws)
    assert (e["action"], e["bead_id"], e["who"]) == ("approve", b.id, "alice")
    assert json.loads(e["before"])["beads"][0]["status"] == "auto"
    assert json.loads(e["after"])["beads"][0]["status"] == "approved"
    assert e["at"]


def test_reject_sets_status(ws):
    b = ws.beads(pid(ws))[5]
    R.reject(ws, b.id, b.version)
    assert ws.bead(b.id).status == "rejected"
    assert last_edit(ws)["action"] == "reject"


def test_approve_twice_is_a_no_op(ws):
    b = ws.beads(pid(ws))[0]
    R.approve(ws, b.id, b.version)
    n = len(ws.edits(pid(ws)))
    again = R.approve(ws, b.id, b.version + 1)
    assert again.version == b.version + 1
    assert len(ws.edits(pid(ws))) == n


# ---------------------------------------------------------------- edit

def test_edit_side_changes_only_that_side(ws):
    b = ws.beads(pid(ws))[2]
    R.edit_side(ws, b.id, "ru", "  Исправленный   текст.\n", b.version, who="bob")
    after = ws.bead(b.id)
    assert after.ru == "Исправленный   текст."
    assert after.kk == b.kk and after.kk_segs == b.kk_segs and after.ru_segs == b.ru_segs
    assert after.status == "edited" and after.version == b.version + 1
    e = last_edit(ws)
    assert e["action"] == "edit"
    assert json.loads(e["before"])["beads"][0]["ru"] == b.ru
    assert json.loads(e["after"])["side"] == "ru"


def test_edit_to_empty_is_refused(ws):
    b = ws.beads(pid(ws))[2]
    with pytest.raises(R.ReviewError, match="cannot be empt"):
        R.edit_side(ws, b.id, "kk", "   ", b.version)
    assert ws.bead(b.id).kk == b.kk and ws.bead(b.id).version == b.version


# ---------------------------------------------------------------- merge

def test_merge_next_joins_segments_and_text(ws):
    a, b = first_in_section_with(ws)
    count = len(ws.beads(pid(ws)))
    kk_before = all_segments(ws, "kk")
    m = R.merge_next(ws, a.id, a.version, b.version, who="alice")
    assert m.id == a.id and m.kk_segs == a.kk_segs + b.kk_segs and m.ru_segs == a.ru_segs + b.ru_segs
    assert m.kk == f"{a.kk} {b.kk}" and m.ru == f"{a.ru} {b.ru}"
    assert m.status == "edited" and m.version == a.version + 1
    assert m.confidence == min(a.confidence, b.confidence)
    with pytest.raises(WorkspaceError, match="no longer exists"):
        ws.bead(b.id)
    assert len(ws.beads(pid(ws))) == count - 1
    assert all_segments(ws, "kk") == kk_before
    assert_contiguous(ws)
    e = last_edit(ws)
    assert e["action"] == "merge" and len(json.loads(e["before"])["beads"]) == 2


def test_merge_across_sections_is_refused(ws):
    beads = ws.beads(pid(ws))
    a = next(x for x, y in zip(beads, beads[1:]) if x.section != y.section)
    with pytest.raises(R.ReviewError, match="Article|Preamble|Act"):
        R.merge_next(ws, a.id, a.version)
    assert ws.bead(a.id).version == a.version


def test_merge_last_bead_is_refused(ws):
    last = ws.beads(pid(ws))[-1]
    with pytest.raises(R.ReviewError, match="last"):
        R.merge_next(ws, last.id, last.version)


def test_merge_checks_the_neighbours_version_too(ws):
    a, b = first_in_section_with(ws)
    R.approve(ws, b.id, b.version)
    with pytest.raises(StaleEditError):
        R.merge_next(ws, a.id, a.version, b.version)
    assert ws.bead(b.id).status == "approved" and ws.bead(a.id).kk == a.kk


# ---------------------------------------------------------------- split

def merged_run(ws, n=3):
    run = first_in_section_with(ws, n - 1)
    m = R.merge_next(ws, run[0].id, run[0].version)
    for _ in range(n - 2):
        m = R.merge_next(ws, m.id, m.version)
    return run, m


def test_split_side_cuts_one_side_and_keeps_the_other_whole(ws):
    run, m = merged_run(ws, 3)
    count = len(ws.beads(pid(ws)))
    first, second = R.split_side(ws, m.id, "kk", 1, m.version)
    assert first.id == m.id and first.kk_segs == m.kk_segs[:1] and second.kk_segs == m.kk_segs[1:]
    assert first.ru_segs == m.ru_segs and second.ru_segs == [] and second.ru == ""
    assert first.kk == run[0].kk and second.kk == f"{run[1].kk} {run[2].kk}"
    assert second.pos == first.pos + 1 and second.version == 1
    assert len(ws.beads(pid(ws))) == count + 1
    assert_contiguous(ws)
    assert last_edit(ws)["action"] == "split"


def test_split_both_sides_restores_the_original_beads(ws):
    run, m = merged_run(ws, 2)
    a, b = R.split(ws, m.id, 1, 1, m.version)
    assert (a.kk, a.ru, b.kk, b.ru) == (run[0].kk, run[0].ru, run[1].kk, run[1].ru)
    assert (a.kk_segs, b.ru_segs) == (run[0].kk_segs, run[1].ru_segs)
    assert a.status == b.status == "edited"


def test_split_at_the_edge_is_refused(ws):
    _, m = merged_run(ws, 2)
    with pytest.raises(R.ReviewError):
        R.split_side(ws, m.id, "kk", 2, m.version)
    with pytest.raises(R.ReviewError):
        R.split(ws, m.id, 0, 0, m.version)
    assert ws.bead(m.id).version == m.version


def test_split_of_a_hand_edited_side_is_refused(ws):
    _, m = merged_run(ws, 2)
    e = R.edit_side(ws, m.id, "kk", "Қолмен түзетілген мәтін. Екінші сөйлем.", m.version)
    with pytest.raises(R.ReviewError, match="edited by hand"):
        R.split_side(ws, m.id, "kk", 1, e.version)
    # splitting the other side keeps the edited side whole, so it is allowed
    a, b = R.split_side(ws, m.id, "ru", 1, e.version)
    assert a.kk == "Қолмен түзетілген мәтін. Екінші сөйлем." and b.kk == ""


# ---------------------------------------------------------------- move

def test_move_last_segment_to_next_bead(ws):
    run, m = merged_run(ws, 2)
    nxt = ws.beads(pid(ws))[m.pos + 1]
    if nxt.section != m.section:
        pytest.skip("no following bead in the same section")
    moved = m.ru_segs[-1]
    src, dst = R.move_segment(ws, m.id, "ru", "next", m.version, nxt.version)
    assert src.ru_segs == m.ru_segs[:-1] and dst.ru_segs == [moved] + nxt.ru_segs
    assert src.ru == run[0].ru and dst.ru == f"{run[1].ru} {nxt.ru}"
    assert dst.version == nxt.version + 1 and src.status == dst.status == "edited"
    assert sorted(all_segments(ws, "ru")) == all_segments(ws, "ru")
    assert_contiguous(ws)


def test_move_first_segment_to_previous_bead_and_drop_an_emptied_bead(ws):
    a, b = first_in_section_with(ws)
    count = len(ws.beads(pid(ws)))
    R.move_segment(ws, b.id, "kk", "prev", b.version, a.version)
    b1 = ws.bead(b.id)
    assert b1.kk_segs == [] and b1.kk == ""
    assert ws.bead(a.id).kk_segs == a.kk_segs + b.kk_segs
    beads = R.move_segment(ws, b.id, "ru", "prev", b1.version)
    assert len(beads) == 1 and beads[0].id == a.id
    assert ws.bead(a.id).ru == f"{a.ru} {b.ru}"
    assert len(ws.beads(pid(ws))) == count - 1
    assert_contiguous(ws)


def test_move_from_first_bead_backwards_is_refused(ws):
    first = ws.beads(pid(ws))[0]
    with pytest.raises(R.ReviewError, match="first"):
        R.move_segment(ws, first.id, "kk", "prev", first.version)


# ---------------------------------------------------------------- stale edits

def test_stale_edit_is_refused_and_the_first_is_kept(ws):
    b = ws.beads(pid(ws))[4]
    loaded = b.version                       # both reviewers loaded this version
    R.edit_side(ws, b.id, "kk", "Бірінші түзету.", loaded, who="first")
    with pytest.raises(StaleEditError, match="changed by someone else"):
        R.edit_side(ws, b.id, "kk", "Екінші түзету.", loaded, who="second")
    with pytest.raises(StaleEditError):
        R.reject(ws, b.id, loaded, who="second")
    with pytest.raises(StaleEditError):
        R.merge_next(ws, b.id, loaded, who="second")
    now = ws.bead(b.id)
    assert now.kk == "Бірінші түзету." and now.status == "edited" and now.version == loaded + 1
    assert [e["who"] for e in ws.edits(pid(ws))][:1] == ["first"]


def test_stale_edit_across_two_connections(tmp_path):
    path = tmp_path / "two.db"
    make_workspace(path).close()
    a, b = Workspace(path), Workspace(path)
    bead_a = a.beads(a.pair(PAIR).id)[1]
    bead_b = b.bead(bead_a.id)
    R.approve(a, bead_a.id, bead_a.version)
    with pytest.raises(StaleEditError):
        R.edit_side(b, bead_b.id, "ru", "Перезапись", bead_b.version)
    assert b.bead(bead_a.id).status == "approved" and b.bead(bead_a.id).ru == bead_a.ru
    a.close()
    b.close()


# ---------------------------------------------------------------- undo

def snapshot(ws):
    return [(b.id, b.pos, b.kk_segs, b.ru_segs, b.kk, b.ru, b.status) for b in ws.beads(pid(ws))]


def test_undo_walks_back_through_every_operation(ws):
    start = snapshot(ws)
    a, b = first_in_section_with(ws)
    states = [snapshot(ws)]
    R.approve(ws, a.id, a.version)
    states.append(snapshot(ws))
    m = R.merge_next(ws, a.id, ws.bead(a.id).version)
    states.append(snapshot(ws))
    x, y = R.split(ws, m.id, 1, 1, m.version)
    states.append(snapshot(ws))
    R.edit_side(ws, y.id, "kk", "Жаңа мәтін.", y.version)
    states.append(snapshot(ws))
    R.move_segment(ws, x.id, "ru", "next", ws.bead(x.id).version)
    states.append(snapshot(ws))
    for expected in reversed(states[:-1]):
        entry = R.undo(ws, pid(ws), who="alice")
        assert snapshot(ws) == expected, entry["action"]
        assert_contiguous(ws)
    assert snapshot(ws) == start
    with pytest.raises(R.ReviewError, match="nothing to undo"):
        R.undo(ws, pid(ws))
    assert [e["action"] for e in ws.edits(pid(ws), limit=5)] == ["undo"] * 5


def test_undo_bumps_versions_so_old_views_are_stale(ws):
    b = ws.beads(pid(ws))[1]
    approved = R.approve(ws, b.id, b.version)
    R.undo(ws, pid(ws))
    now = ws.bead(b.id)
    assert now.status == "auto" and now.version > approved.version
    with pytest.raises(StaleEditError):
        R.reject(ws, b.id, approved.version)
    with pytest.raises(StaleEditError):
        R.reject(ws, b.id, b.version)


def test_undo_refuses_when_someone_else_changed_the_pair(ws):
    b1, b2 = ws.beads(pid(ws))[1:3]
    R.approve(ws, b1.id, b1.version)
    seen = R.next_undo(ws, pid(ws))["id"]
    R.reject(ws, b2.id, b2.version)             # another reviewer, meanwhile
    with pytest.raises(StaleEditError):
        R.undo(ws, pid(ws), expected_edit=seen)
    assert ws.bead(b2.id).status == "rejected" and ws.bead(b1.id).status == "approved"


def test_undo_goes_back_through_a_realignment(ws):
    b = ws.beads(pid(ws))[1]
    R.approve(ws, b.id, b.version)
    approved = snapshot(ws)
    from align import jobs
    assert jobs.align_pair(ws, PAIR, who="bob")["stored"] == "re-aligned"
    assert snapshot(ws) != approved and ws.bead(b.id).status == "approved"
    assert ws.edits(pid(ws), limit=1)[0]["who"] == "bob"
    R.undo(ws, pid(ws))
    assert snapshot(ws) == approved
    R.undo(ws, pid(ws))
    assert ws.bead(b.id).status == b.status


def test_a_failed_operation_writes_nothing(ws):
    before = snapshot(ws)
    n = len(ws.edits(pid(ws)))
    last = ws.beads(pid(ws))[-1]
    for op in (lambda: R.merge_next(ws, last.id, last.version),
               lambda: R.split(ws, last.id, 5, 5, last.version),
               lambda: R.edit_side(ws, last.id, "xx", "t", last.version)):
        with pytest.raises(R.SaikesError):
            op()
    assert snapshot(ws) == before and len(ws.edits(pid(ws))) == n


# ---------------------------------------------------------------- reading helpers

def test_pair_stats_and_filters(ws):
    b = ws.beads(pid(ws))
    R.approve(ws, b[0].id, b[0].version)
    R.reject(ws, b[1].id, b[1].version)
    (s,) = R.pair_stats(ws)
    assert s.name == PAIR and s.beads == len(b)
    assert s.articles_kk == s.articles_ru == 11
    assert s.reviewed == 2 and s.approved == 1 and s.rejected == 1
    assert s.flagged == sum(x.status == "flagged" for x in b)
    assert abs(s.mean_confidence - sum(x.confidence for x in b) / len(b)) < 1e-3
    flagged = R.select_beads(ws, pid(ws), R.BeadQuery(statuses=("flagged",)))
    assert flagged and all(x.status == "flagged" for x in flagged)
    art = R.select_beads(ws, pid(ws), R.BeadQuery(section="article:5"))
    assert art and {x.section for x in art} == {"article:5"}
    hit = R.select_beads(ws, pid(ws), R.BeadQuery(text="ӘЗЕРБАЙЖАН"))
    assert hit and all("әзербайжан" in x.kk.casefold() or "әзербайжан" in x.ru.casefold() for x in hit)
    low = R.select_beads(ws, pid(ws), R.BeadQuery(order="lowest", max_confidence=0.5))
    assert [x.confidence for x in low] == sorted(x.confidence for x in low)
    assert all(x.confidence <= 0.5 for x in low)
    doubtful = R.select_beads(ws, pid(ws))                    # the default order: doubtful first
    n = sum(x.status == "flagged" for x in doubtful)
    assert all(x.status == "flagged" for x in doubtful[:n])
    assert [x.pos for x in doubtful[n:]] == sorted(x.pos for x in doubtful[n:])
    page, total = R.page_of_beads(ws, pid(ws), R.BeadQuery(order="document"), 2, 10)
    assert total == len(b) and [x.pos for x in page] == list(range(10, 20))
    green = R.select_beads(ws, pid(ws), R.BeadQuery(bands=("green",)))
    assert {x.id for x in green} == {x.id for x in ws.beads(pid(ws)) if x.confidence >= 0.9}
    assert R.section_label("article:5") == "Article 5" and R.section_label("preamble") == "Preamble"


def test_edit_log_descriptions_say_what_happened(ws):
    a, b = first_in_section_with(ws)
    R.approve(ws, a.id, a.version)
    R.edit_side(ws, b.id, "ru", "Новый текст.", b.version)
    R.merge_next(ws, a.id, ws.bead(a.id).version)
    R.undo(ws, pid(ws))
    lines = [R.describe_edit(e) for e in ws.edits(pid(ws), limit=4)]
    assert lines[0].startswith("undo #") and lines[0].endswith("merged")
    assert lines[1] == f"beads {a.pos + 1} and {a.pos + 2} merged"
    assert lines[2].startswith(f"bead {b.pos + 1} Russian: «") and lines[2].endswith("» → «Новый текст.»")
    assert lines[3] == f"bead {a.pos + 1}: {a.status} → approved"
