"""The review page through AppTest: what it shows (bands, doubtful first, filters), every
operation from the bead's buttons and from the keyboard's action bar, messages beside the
bead, and two sessions at once."""
from __future__ import annotations

import pytest
from apptest import app, bead_block, beads, cursor, inside, ok, press, row_html, same_section_run, shown
from workspaces import PAIR

from align import review as R

# ---------------------------------------------------------------- what the page shows


def test_beads_carry_their_band_and_doubtful_ones_come_first(ws):
    at = ok(app("review", pair=PAIR))
    ids = shown(at)
    bs = {b.id: b for b in beads(ws)}
    flagged = [i for i in ids if bs[i].status == "flagged"]
    assert flagged and ids[:len(flagged)] == flagged          # the default order: doubtful first
    for i in ids:
        band = "red" if bs[i].confidence < 0.5 else "amber" if bs[i].confidence < 0.9 else "green"
        html = row_html(at, i)
        assert f"sk-row-{band}" in html and f"sk-band-{band}" in html
    assert cursor(at) == ids[0]


def test_document_order_groups_beads_by_article(ws):
    at = app("review", pair=PAIR)
    at.selectbox(key="rv_order").set_value("document").run()
    headings = [m for m in (x.value for x in at.markdown) if m.startswith("<div class='sk-section'>")]
    assert "Act" in headings[0] and "Preamble" in headings[1]
    assert shown(at) == [b.id for b in beads(ws)][:15]
    press(at, "k_pgdn")
    headings = [m for m in (x.value for x in at.markdown) if m.startswith("<div class='sk-section'>")]
    assert any("Article 1<" in h for h in headings)
    assert shown(at) == [b.id for b in beads(ws)][15:30]


def test_filters_article_status_band_search_and_order(ws):
    at = ok(app("review", pair=PAIR))
    at.selectbox(key="rv_section").set_value("article:5").run()
    assert set(shown(at)) == {b.id for b in beads(ws) if b.section == "article:5"}
    at.selectbox(key="rv_section").set_value("(all)").run()
    at.multiselect(key="rv_status").set_value(["flagged"]).run()
    assert set(shown(at)) == {b.id for b in beads(ws) if b.status == "flagged"}
    at.multiselect(key="rv_status").set_value([]).run()
    at.text_input(key="rv_text").input("РАЗВЕДКИ").run()
    assert shown(at) and set(shown(at)) == {b.id for b in beads(ws) if "разведки" in b.ru.casefold()}
    at.text_input(key="rv_text").input("").run()
    at.multiselect(key="rv_bands").set_value(["green"]).run()
    at.selectbox(key="rv_order").set_value("lowest").run()
    confs = [ws.bead(i).confidence for i in shown(at)]
    assert confs and confs == sorted(confs) and min(confs) >= 0.9


# ---------------------------------------------------------------- operations, by button and by key

def test_approve_from_the_bead_and_from_the_keyboard(ws):
    at = app("review", pair=PAIR)
    at.text_input(key="who").input("Айгүл").run()
    first, second = shown(at)[:2]
    b = ws.bead(second)
    ok(press(at, f"approve-{b.id}-{b.version}"))
    assert ws.bead(b.id).status == "approved" and ws.edits(b.pair_id, limit=1)[0]["who"] == "Айгүл"
    assert cursor(at) == first
    ok(press(at, "k_approve"))                                # A: approve the current bead, then the next
    assert ws.bead(first).status == "approved"
    assert cursor(at) not in (first, None)


def test_keys_move_the_cursor_and_turn_pages(ws):
    at = app("review", pair=PAIR)
    at.selectbox(key="rv_order").set_value("document").run()
    ids = shown(at)
    press(at, "k_next")
    assert cursor(at) == ids[1]
    press(at, "k_prev")
    press(at, "k_prev")
    assert cursor(at) == ids[0]
    for _ in range(len(ids)):
        press(at, "k_next")
    assert shown(at)[0] == beads(ws)[len(ids)].id and cursor(at) == shown(at)[0]     # on to page 2
    press(at, "k_prev")
    assert cursor(at) == ids[-1]


def test_edit_both_sides_in_one_step(ws):
    at = app("review", pair=PAIR)
    b = ws.bead(cursor(at))
    press(at, "k_edit")                                       # E opens the editor on the current bead
    at.text_area(key=f"edit-kk-{b.id}-{b.version}").input("Түзетілген қазақша мәтін.")
    at.text_area(key=f"edit-ru-{b.id}-{b.version}").input("Исправленный русский текст.")
    ok(press(at, f"FormSubmitter:edit-{b.id}-{b.version}-Save (Ctrl+Enter)"))
    now = ws.bead(b.id)
    assert (now.kk, now.ru, now.status) == ("Түзетілген қазақша мәтін.", "Исправленный русский текст.", "edited")
    assert [e["action"] for e in ws.edits(b.pair_id, limit=1)] == ["edit"]
    assert not at.text_area                                   # saved: the editor closed


def test_a_refused_edit_says_so_beside_the_bead_and_keeps_the_draft(ws):
    at = app("review", pair=PAIR)
    b = ws.bead(cursor(at))
    press(at, "k_edit")
    at.text_area(key=f"edit-kk-{b.id}-{b.version}").input("   ")
    press(at, f"FormSubmitter:edit-{b.id}-{b.version}-Save (Ctrl+Enter)")
    errors = inside(bead_block(at, b.id), "Error")
    assert len(errors) == 1 and "cannot be emptied" in errors[0] and not at.exception
    assert ws.bead(b.id).kk == b.kk and ws.bead(b.id).version == b.version


def test_merge_split_and_move_with_the_keyboard(ws):
    a, b = same_section_run(ws)
    at = app("review", pair=PAIR)
    at.selectbox(key="rv_order").set_value("document").run()
    press(at, f"sel-{a.id}")
    ok(press(at, "k_merge"))                                  # M
    m = ws.bead(a.id)
    assert m.kk_segs == a.kk_segs + b.kk_segs and m.ru_segs == a.ru_segs + b.ru_segs
    press(at, "k_split")                                      # S: proposes the cut back into a and b
    assert at.number_input(key=f"cut-kk-{m.id}-{m.version}").value == len(a.kk_segs)
    assert at.number_input(key=f"cut-ru-{m.id}-{m.version}").value == len(a.ru_segs)
    ok(press(at, f"FormSubmitter:split-{m.id}-{m.version}-Split (Enter)"))
    first = ws.bead(m.id)
    second = beads(ws)[first.pos + 1]
    assert (first.kk_segs, first.ru_segs) == (a.kk_segs, a.ru_segs)
    assert (second.kk_segs, second.ru_segs) == (b.kk_segs, b.ru_segs)
    press(at, "k_edit")
    ok(press(at, f"mvnext-ru-{first.id}-{first.version}"))
    assert ws.bead(first.id).ru_segs == a.ru_segs[:-1] or ws.bead(first.id).kk_segs == a.kk_segs


def test_a_refused_move_is_reported_beside_its_bead(ws):
    bs = beads(ws)
    edge = next(x for x, y in zip(bs, bs[1:]) if x.section != y.section and x.ru_segs)
    at = app("review", pair=PAIR)
    at.selectbox(key="rv_section").set_value(edge.section).run()
    press(at, f"open-{edge.id}")
    press(at, f"mvnext-ru-{edge.id}-{edge.version}")
    errors = inside(bead_block(at, edge.id), "Error")
    assert len(errors) == 1 and "cannot move a sentence" in errors[0]
    assert not at.error or len(at.error) == 1                 # nowhere else on the page
    assert ws.bead(edge.id).version == edge.version


def test_undo_redo_bulk_and_realign_from_the_action_bar(ws):
    at = app("review", pair=PAIR)
    at.selectbox(key="rv_section").set_value("article:3").run()
    article = [b for b in beads(ws) if b.section == "article:3"]
    ok(press(at, "k_art"))                                    # Shift+A: approve the article
    assert all(ws.bead(b.id).status == "approved" for b in article if b.status in ("auto", "flagged"))
    assert "one undo takes them back" in " ".join(x.value for x in at.success)
    assert "approved" in at.button(key="k_undo").help
    ok(press(at, "k_undo"))                                   # U
    assert [ws.bead(b.id).status for b in article] == [b.status for b in article]
    ok(press(at, "k_redo"))                                   # Y
    assert all(ws.bead(b.id).status == "approved" for b in article if b.status in ("auto", "flagged"))
    ok(press(at, "k_realign"))                                # L: reviewed beads stay as they are
    assert all(ws.bead(b.id).status == "approved" for b in article if b.status in ("auto", "flagged"))
    assert ws.edits(article[0].pair_id, limit=1)[0]["action"] in ("re-align-section", "redo")


def test_approve_every_green_bead(ws):
    at = app("review", pair=PAIR)
    green = [b for b in beads(ws) if b.confidence >= 0.9 and b.status == "auto"]
    ok(press(at, "k_green"))                                  # Shift+G
    assert all(ws.bead(b.id).status == "approved" for b in green)
    assert all(b.status != "approved" for b in beads(ws) if b.confidence < 0.9)


# ---------------------------------------------------------------- two sessions

def test_a_stale_edit_keeps_the_draft_and_shows_both_texts(ws):
    b = beads(ws)[6]
    first, second = app("review", pair=PAIR), app("review", pair=PAIR)
    for at in (first, second):
        at.selectbox(key="rv_order").set_value("document").run()
        press(at, f"open-{b.id}")
    first.text_area(key=f"edit-ru-{b.id}-{b.version}").input("Текст первого рецензента.")
    ok(press(first, f"FormSubmitter:edit-{b.id}-{b.version}-Save (Ctrl+Enter)"))
    second.text_area(key=f"edit-ru-{b.id}-{b.version}").input("Текст второго рецензента.")
    press(second, f"FormSubmitter:edit-{b.id}-{b.version}-Save (Ctrl+Enter)")
    block = bead_block(second, b.id)
    errors = inside(block, "Error")
    assert errors and "changed by someone else" in " ".join(errors)
    now = ws.bead(b.id)
    assert now.ru == "Текст первого рецензента."
    assert second.text_area(key=f"edit-ru-{b.id}-{now.version}").value == "Текст второго рецензента."
    assert any("Текст первого рецензента." in c for c in inside(block, "Caption"))
    ok(press(second, f"FormSubmitter:edit-{b.id}-{now.version}-Save my text over it"))
    assert ws.bead(b.id).ru == "Текст второго рецензента."


def test_a_stale_approve_is_refused_beside_the_bead(ws):
    at = app("review", pair=PAIR)
    b = ws.bead(cursor(at))
    R.reject(ws, b.id, b.version)                             # someone else, meanwhile
    press(at, f"approve-{b.id}-{b.version}")
    assert "changed by someone else" in " ".join(inside(bead_block(at, b.id), "Error"))
    assert ws.bead(b.id).status == "rejected"


@pytest.mark.parametrize("page", ["review", "documents", "export", "terms"])
def test_every_page_works_on_a_pair_imported_from_tmx(ws, tmp_path, page):
    from align.exports import export, store_units
    from tmx_out.tmx import read_tmx
    tmx = tmp_path / "m.tmx"
    export(ws, "tmx", tmx, status="all")
    store_units(ws, "from-tmx", read_tmx(tmx).units)
    ok(app(page, pair="from-tmx"))
