"""TMX and the workspace: which beads an export selects, one unit per bead, TMX imported
back into the workspace and exported again unchanged."""
from __future__ import annotations

import pytest
from workspaces import (
    GOLD_NAMES,
    adversarial_units,
    assert_valid_tmx,
    build_workspace,
    gold_beads,
    tmx_pairs,
)

from align.exports import STATUS_FILTERS, export, select_units, store_units
from align.store import Workspace
from tmx_out.base import ExportError, Unit
from tmx_out.tmx import read_tmx, write_tmx

# ------------------------------------------------------------------ the workspace

@pytest.fixture
def ws(tmp_path):
    ws = build_workspace(tmp_path / "w.db")
    yield ws
    ws.close()


@pytest.mark.parametrize("status", list(STATUS_FILTERS))
def test_select_by_status(ws, status):
    units = select_units(ws, status=status)
    all_beads = ws.beads()
    expected = [b for b in all_beads if b.status in STATUS_FILTERS[status]]
    assert [(u.kk, u.ru, u.status) for u in units] == [(b.kk, b.ru, b.status) for b in expected]
    statuses = {u.status for u in units}
    if status == "approved":
        assert statuses == {"approved", "edited"}
    elif status == "all-but-rejected":
        assert "rejected" not in statuses and {"auto", "flagged", "approved", "edited"} <= statuses
    else:
        assert len(units) == len(all_beads) and "rejected" in statuses


def test_select_by_confidence_and_pair(ws):
    units = select_units(ws, status="all", min_confidence=0.6)
    assert units and all(u.confidence >= 0.6 for u in units)
    assert len(units) == sum(1 for b in ws.beads() if b.confidence >= 0.6)
    name = GOLD_NAMES[1]
    only = select_units(ws, status="all", pairs=[name])
    assert {u.document for u in only} == {name}
    assert len(only) == len(ws.beads(ws.pair(name).id))
    with pytest.raises(Exception, match="no pair named 'nope'"):
        select_units(ws, pairs=["nope"])
    with pytest.raises(ExportError, match="between 0 and 1"):
        select_units(ws, min_confidence=1.5)
    with pytest.raises(ExportError, match="between 0 and 1"):
        select_units(ws, min_confidence="nan")
    # a decimal comma, as Kazakh and Russian number formats write it
    assert select_units(ws, status="all", min_confidence="0,6") == units
    with pytest.raises(ExportError, match="unknown status"):
        select_units(ws, status="good")


def test_export_writes_one_tu_per_selected_bead(ws, tmp_path, tmx_dtd):
    out = tmp_path / "all.tmx"
    result = export(ws, "tmx", out, status="all-but-rejected")
    selected = select_units(ws)
    with_both = [u for u in selected if u.kk.strip() and u.ru.strip()]
    assert result.selected == len(selected)
    assert result.written == len(with_both) and result.skipped == len(selected) - len(with_both)
    pairs = tmx_pairs(assert_valid_tmx(out, tmx_dtd))
    assert [(p["kk-KZ"], p["ru-RU"]) for p in pairs] == [(u.kk, u.ru) for u in with_both]
    assert [p["props"]["x-document"] for p in pairs] == [[u.document] for u in with_both]
    assert [p["props"]["x-status"] for p in pairs] == [[u.status] for u in with_both]
    assert [p["props"]["x-confidence"] for p in pairs] == [[f"{u.confidence:.4f}"] for u in with_both]
    assert [p["props"].get("x-article") for p in pairs] == [
        None if u.article is None else [str(u.article)] for u in with_both]
    # translate-toolkit finds every unit, with the right languages
    from translate.storage import tmx as ttk_tmx
    from translate.storage.lisa import getXMLlang
    with open(out, "rb") as fh:
        store = ttk_tmx.tmxfile(fh)
    assert store.sourcelanguage == "kk-KZ"
    assert [(tu.source, tu.target) for tu in store.units] == [(u.kk, u.ru) for u in with_both]
    assert {(getXMLlang(tu.get_source_dom()), getXMLlang(tu.get_target_dom())) for tu in store.units} == {
        ("kk-KZ", "ru-RU")}


def test_export_nothing_selected(ws, tmp_path):
    out = tmp_path / "none.tmx"
    with pytest.raises(ExportError, match="nothing to export"):
        export(ws, "tmx", out, status="approved", min_confidence=1.0)
    assert not out.exists()


def test_export_import_export_round_trip(ws, tmp_path, tmx_dtd):
    first = tmp_path / "first.tmx"
    name = GOLD_NAMES[0]
    export(ws, "tmx", first, status="all", pairs=[name])
    content = read_tmx(first)
    ws2 = Workspace(tmp_path / "second.db")
    pair_id = store_units(ws2, name, content.units, path=str(first))
    beads = ws2.beads(pair_id)
    assert len(beads) == len(content.units)
    assert all(b.shape == "1:1" for b in beads)
    assert [b.status for b in beads] == [u.status for u in content.units]
    # the documents hold one segment per unit, and the beads point at them
    kk_doc, ru_doc = ws2.document(pair_id, "kk"), ws2.document(pair_id, "ru")
    assert [s.text for s in kk_doc.segments] == [b.kk for b in beads]
    assert [ru_doc.segments[b.ru_segs[0]].text for b in beads] == [b.ru for b in beads]
    assert kk_doc.format == "tmx" and kk_doc.text == "\n".join(b.kk for b in beads)
    second = tmp_path / "second.tmx"
    export(ws2, "tmx", second, status="all")
    a = tmx_pairs(assert_valid_tmx(first, tmx_dtd))
    b = tmx_pairs(assert_valid_tmx(second, tmx_dtd))
    assert a == b                                   # text, languages and every prop
    # the original workspace is untouched by all this
    assert len(ws.beads(ws.pair(name).id)) == len(gold_beads(name))
    ws2.close()


def test_import_refuses_an_existing_name(ws, tmp_path):
    name = GOLD_NAMES[0]
    before = [(b.kk, b.ru, b.status) for b in ws.beads(ws.pair(name).id)]
    with pytest.raises(ExportError, match="already"):
        store_units(ws, name, [Unit("Жаңа.", "Новое.")])
    assert [(b.kk, b.ru, b.status) for b in ws.beads(ws.pair(name).id)] == before


def test_adversarial_content_round_trips_through_the_workspace(tmp_path, tmx_dtd):
    units = adversarial_units()
    first = tmp_path / "adv.tmx"
    write_tmx(units, first)
    ws = Workspace(tmp_path / "adv.db")
    store_units(ws, "adv", read_tmx(first).units)
    second = tmp_path / "adv2.tmx"
    assert export(ws, "tmx", second, status="all").written == len(units)
    a = tmx_pairs(assert_valid_tmx(first, tmx_dtd))
    b = tmx_pairs(assert_valid_tmx(second, tmx_dtd))
    assert [(p["kk-KZ"], p["ru-RU"]) for p in a] == [(p["kk-KZ"], p["ru-RU"]) for p in b]
    for p, q in zip(a, b):
        assert p["props"]["x-status"] == q["props"]["x-status"]
        assert p["props"]["x-confidence"] == q["props"]["x-confidence"]
        assert p["props"]["x-article"] == q["props"]["x-article"]
        assert q["props"]["x-document"] == ["adv"]
    ws.close()


def test_write_tmx_for_the_aligner(tmp_path, tmx_dtd):
    """The call `saikes run` makes: units in, number of tu out."""
    units = [Unit(kk=f"Сөйлем {i}.", ru=f"Предложение {i}.", document="seed", confidence=0.5)
             for i in range(7)] + [Unit(kk="Жалғыз.", ru="")]
    out = tmp_path / "out" / "seeds.tmx"
    out.parent.mkdir()
    n = write_tmx(units, out, direction="kk-ru", merge_identical=False)
    assert n == 7 == len(assert_valid_tmx(out, tmx_dtd).getroot().findall("body/tu"))
