"""The review page: beads, filters, every bead operation, two sessions at once."""
from __future__ import annotations

import json

import pytest
from apptest import app, beads, ok, open_tools, press, same_section_run
from streamlit.testing.v1 import AppTest
from workspaces import PAIR

from align import review as R

# ---------------------------------------------------------------- review: display and filters

def test_review_page_shows_beads_grouped_by_article_with_confidence(ws):
    at = ok(app("review", pair=PAIR))
    headers = [h.value for h in at.subheader]
    assert headers[:3] == ["Act", "Preamble", "Article 1"]
    first = beads(ws)[0]
    html = " ".join(m.value for m in at.markdown)
    assert f"{first.confidence:.2f}" in html and "sk-conf" in html
    assert first.kk[:40].replace("«", "«") in html or first.kk[:20] in html
    assert at.button(key=f"approve-{first.id}-{first.version}")


def test_review_filters_flagged_article_search_and_order(ws):
    at = ok(app("review", pair=PAIR))
    at.selectbox(key="rv_section").set_value("article:5").run()
    assert [h.value for h in at.subheader] == ["Article 5"]
    shown = {int(k.split("-")[1]) for k in _keys(at, "approve-")}
    assert shown == {b.id for b in beads(ws) if b.section == "article:5"}

    at.selectbox(key="rv_section").set_value("(all)").run()
    at.checkbox(key="rv_flagged").check().run()
    shown = {int(k.split("-")[1]) for k in _keys(at, "approve-")}
    assert shown == {b.id for b in beads(ws) if b.status == "flagged"}

    at.checkbox(key="rv_flagged").uncheck().run()
    at.text_input(key="rv_text").input("разведки").run()
    shown = {int(k.split("-")[1]) for k in _keys(at, "approve-")}
    assert shown and shown == {b.id for b in beads(ws) if "разведки" in b.ru.casefold()}

    at.text_input(key="rv_text").input("").run()
    at.checkbox(key="rv_lowest").check().run()
    at.slider(key="rv_conf").set_value((0.0, 0.5)).run()
    ids = [int(k.split("-")[1]) for k in _keys(at, "approve-")]
    confs = [ws.bead(i).confidence for i in ids]
    assert ids and confs == sorted(confs) and max(confs) <= 0.5


def _keys(at: AppTest, prefix: str) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith(prefix)]


# ---------------------------------------------------------------- review: bead operations

def test_approve_button(ws):
    b = beads(ws)[2]
    at = press(app("review", pair=PAIR), f"approve-{b.id}-{b.version}")
    ok(at)
    assert ws.bead(b.id).status == "approved" and ws.bead(b.id).version == b.version + 1
    assert ws.edits(b.pair_id, limit=1)[0]["action"] == "approve"
    assert at.button(key=f"approve-{b.id}-{b.version + 1}")      # the page shows the new version


def test_reject_button_records_who(ws):
    b = beads(ws)[3]
    at = app("review", pair=PAIR)
    at.text_input(key="who").input("Айгүл").run()
    ok(press(at, f"reject-{b.id}-{b.version}"))
    assert ws.bead(b.id).status == "rejected"
    assert ws.edits(b.pair_id, limit=1)[0]["who"] == "Айгүл"


def test_edit_either_side(ws):
    b = beads(ws)[4]
    at = open_tools(app("review", pair=PAIR), b)
    at.text_area(key=f"text-kk-{b.id}-{b.version}").input("Түзетілген қазақша мәтін.")
    ok(press(at, f"save-kk-{b.id}-{b.version}"))
    now = ws.bead(b.id)
    assert now.kk == "Түзетілген қазақша мәтін." and now.ru == b.ru and now.status == "edited"
    at.text_area(key=f"text-ru-{b.id}-{now.version}").input("Исправленный русский текст.")
    ok(press(at, f"save-ru-{b.id}-{now.version}"))
    assert ws.bead(b.id).ru == "Исправленный русский текст." and ws.bead(b.id).kk == now.kk
    e = ws.edits(b.pair_id, limit=2)
    assert [x["action"] for x in e] == ["edit", "edit"]
    assert json.loads(e[1]["before"])["beads"][0]["kk"] == b.kk


def test_merge_with_next(ws):
    a, b = same_section_run(ws)
    n = len(beads(ws))
    ok(press(app("review", pair=PAIR), f"merge-{a.id}-{a.version}"))
    m = ws.bead(a.id)
    assert m.kk_segs == a.kk_segs + b.kk_segs and m.ru_segs == a.ru_segs + b.ru_segs
    assert len(beads(ws)) == n - 1
    assert [x.pos for x in beads(ws)] == list(range(n - 1))


def test_split_a_side_at_a_chosen_sentence(ws):
    a, b = same_section_run(ws)
    m = R.merge_next(ws, a.id, a.version)
    at = open_tools(app("review", pair=PAIR), m)
    at.selectbox(key=f"cut-kk-{m.id}-{m.version}").set_value(len(a.kk_segs))
    at.selectbox(key=f"cut-ru-{m.id}-{m.version}").set_value(len(m.ru_segs))
    ok(press(at, f"split-{m.id}-{m.version}"))
    first = ws.bead(m.id)
    second = beads(ws)[first.pos + 1]
    assert first.kk_segs == a.kk_segs and first.ru_segs == m.ru_segs
    assert second.kk_segs == b.kk_segs and second.ru_segs == [] and second.kk == b.kk


def test_move_a_segment_to_the_next_and_previous_bead(ws):
    a, b = same_section_run(ws)
    m = R.merge_next(ws, a.id, a.version)             # now m holds the sentences of a and b
    c = beads(ws)[m.pos + 1]
    if c.section != m.section:
        pytest.skip("no next bead in the same section")
    at = open_tools(app("review", pair=PAIR), m)
    ok(press(at, f"mvnext-ru-{m.id}-{m.version}"))
    m2, c2 = ws.bead(m.id), ws.bead(c.id)
    assert m2.ru_segs == m.ru_segs[:-1] and c2.ru_segs == [m.ru_segs[-1]] + c.ru_segs
    at = open_tools(app("review", pair=PAIR), c2)
    ok(press(at, f"mvprev-ru-{c2.id}-{c2.version}"))
    assert ws.bead(m.id).ru_segs == m.ru_segs and ws.bead(c.id).ru_segs == c.ru_segs
    assert [e["action"] for e in ws.edits(m.pair_id, limit=2)] == ["move", "move"]


def test_undo_button(ws):
    b = beads(ws)[1]
    at = press(app("review", pair=PAIR), f"approve-{b.id}-{b.version}")
    assert ws.bead(b.id).status == "approved"
    assert "approve" in at.button(key="rv_undo").label
    ok(press(at, "rv_undo"))
    assert ws.bead(b.id).status == b.status
    assert ws.edits(b.pair_id, limit=1)[0]["action"] == "undo"
    assert at.button(key="rv_undo").disabled


def test_realign_one_article(ws):
    at = app("review", pair=PAIR)
    others = [(x.id, x.version) for x in beads(ws) if x.section != "article:3"]
    at.selectbox(key="rv_realign_section").set_value("article:3").run()
    press(at, "rv_realign")
    assert not at.exception and not at.error
    assert any("Article 3 re-aligned" in s.value for s in at.success)
    assert [(x.id, x.version) for x in beads(ws) if x.section != "article:3"] == others
    assert any(x.section == "article:3" for x in beads(ws))
    assert ws.edits(ws.pair(PAIR).id, limit=1)[0]["action"].startswith("realign")


def test_an_operation_the_library_refuses_shows_one_line_and_changes_nothing(ws):
    b = beads(ws)[2]
    at = open_tools(app("review", pair=PAIR), b)
    at.text_area(key=f"text-kk-{b.id}-{b.version}").input("   ")
    press(at, f"save-kk-{b.id}-{b.version}")
    assert not at.exception
    assert len(at.error) == 1 and "cannot be empty" in at.error[0].value
    assert ws.bead(b.id).kk == b.kk and ws.bead(b.id).version == b.version


def test_merge_is_offered_only_within_an_article(ws):
    bs = beads(ws)
    at = app("review", pair=PAIR)
    at.selectbox(key="rv_section").set_value(bs[-1].section).run()
    assert at.button(key=f"merge-{bs[-1].id}-{bs[-1].version}").disabled
    edge = next(x for x, y in zip(bs, bs[1:]) if x.section != y.section)
    at.selectbox(key="rv_section").set_value(edge.section).run()
    assert at.button(key=f"merge-{edge.id}-{edge.version}").disabled
    assert ws.bead(edge.id).version == edge.version


# ---------------------------------------------------------------- two sessions

def test_stale_edit_from_a_second_session_is_refused_and_the_first_kept(ws):
    b = beads(ws)[6]
    first = app("review", pair=PAIR)
    second = app("review", pair=PAIR)            # both loaded version b.version
    first = open_tools(first, b)
    second = open_tools(second, b)
    first.text_area(key=f"text-ru-{b.id}-{b.version}").input("Текст первого рецензента.")
    ok(press(first, f"save-ru-{b.id}-{b.version}"))
    second.text_area(key=f"text-ru-{b.id}-{b.version}").input("Текст второго рецензента.")
    press(second, f"save-ru-{b.id}-{b.version}")
    assert not second.exception
    assert len(second.error) == 1
    assert "changed by someone else" in second.error[0].value and "not applied" in second.error[0].value
    now = ws.bead(b.id)
    assert now.ru == "Текст первого рецензента." and now.version == b.version + 1
    # the second reviewer's page now shows the current text, ready to edit again
    assert second.text_area(key=f"text-ru-{b.id}-{now.version}").value == "Текст первого рецензента."
    # and a stale approve is refused the same way
    third = app("review", pair=PAIR)
    R.reject(ws, b.id, now.version)
    press(third, f"approve-{b.id}-{now.version}")
    assert "changed by someone else" in third.error[0].value
    assert ws.bead(b.id).status == "rejected"
