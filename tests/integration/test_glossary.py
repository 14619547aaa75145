"""The glossary built from aligned beads: the must-show term pairs, precision against the
reference list written from the seeds, storage that keeps a terminologist's work, and
the exported files (TSV, TBX validated against OmegaT's schema, OmegaT glossary).

The beads come from the gold alignments (tests/data/*.json: pairs 000, 001, 004), stored
in a workspace the way the aligner stores its own; pairs 002 and 003 have no gold.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from align.lang.tables import HOMOGLYPHS
from align.store import Workspace
from align.text.pipeline import load_document

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "seeds_gold"
SEEDS = ROOT / "seeds"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


# ------------------------------------------------------------------ a workspace of gold beads

def _stream_len(text: str, lang: str) -> int:
    text = unicodedata.normalize("NFC", text)
    return sum(1 for c in text if HOMOGLYPHS[lang].get(c, c).isalnum())


# ------------------------------------------------------------------ fixtures

from workspaces import gold_workspace

from align import glossary as G
from align.errors import SaikesError
from align.glossary import kazakh_stem as kz
from align.glossary import russian_lemma as rl

sys_path_benchmarks = str(ROOT / "benchmarks")


@pytest.fixture
def fresh(tmp_path):
    ws = gold_workspace(tmp_path / "w.db")
    yield ws
    ws.close()


def translations(ws, kk: str) -> list[G.Entry]:
    """Entries of a Kazakh term given in any form, most linked first."""
    key = kz.phrase_key(kk, G.kazakh_stemmer(ws))
    return sorted((e for e in G.entries(ws) if e.kk_key == key), key=lambda e: -e.freq)


def reference():
    import sys
    if sys_path_benchmarks not in sys.path:
        sys.path.insert(0, sys_path_benchmarks)
    from glossary_precision import judge, load_reference
    return judge, load_reference


# ------------------------------------------------------------------ the must-show pairs

def test_gold_workspace_holds_the_gold_beads(built):
    ws, stats = built
    # beads are counted by distinct text: the clauses the three agreements share count once
    assert stats["pairs"] == 3 and 150 < stats["beads"] < len(ws.beads()) - 20
    pair = ws.pair("000_814850e4c9e980b5")
    beads = ws.beads(pair.id)
    gold = json.loads((DATA / "000_814850e4c9e980b5.json").read_text(encoding="utf-8"))["beads"]
    assert abs(len(beads) - len(gold)) <= 2
    assert any("Бұдан әрі Тараптар деп аталатын" in b.kk and "далее именуемые Сторонами" in b.ru for b in beads)


def test_taraptar_is_rendered_storony(built):
    ws, _ = built
    top = translations(ws, "Тараптар")[0]
    assert (top.kk, top.ru) == ("Тараптар", "Стороны")
    assert top.ru_key == "сторона" and top.freq >= 50 and top.dice > 0.9
    # any form finds it
    assert translations(ws, "Тараптардың")[0].id == top.id


def test_uakiletti_organ_is_rendered_upolnomochennyi_organ(built):
    ws, _ = built
    top = translations(ws, "уәкілетті органдардың")[0]
    assert (top.kk, top.ru) == ("уәкілетті орган", "уполномоченный орган")


def test_quzyretti_organ_and_diplomatic_channels_are_found(built):
    ws, _ = built
    comp = translations(ws, "құзыретті органдар")
    assert comp and comp[0].ru_key == rl.phrase_key("компетентный орган")
    assert comp[0].ru == "компетентный орган"
    dip = translations(ws, "дипломатиялық арналар")
    assert dip and dip[0].ru_key == rl.phrase_key("дипломатические каналы")
    assert (dip[0].kk, dip[0].ru) == ("дипломатиялық арналар", "дипломатические каналы")   # plural in use


def test_precision_of_the_top_40_against_the_reference(built):
    ws, _ = built
    judge, load_reference = reference()
    ref = load_reference(G.kazakh_stemmer(ws))
    assert len(ref) > 300                         # the list written from the seeds
    top = G.entries(ws)[:40]
    assert len(top) == 40
    verdicts = judge(top, ref)
    assert sum(verdicts) / 40 >= 0.85, [(e.kk, e.ru) for e, ok in zip(top, verdicts) if not ok]


def test_entries_keep_frequency_forms_acts_and_examples(built):
    ws, _ = built
    e = translations(ws, "Тараптар")[0]
    assert e.kk_freq >= e.freq and e.ru_freq >= e.freq
    assert {"Тараптар", "Тараптардың"} <= set(e.kk_forms)
    assert "Сторонами" in e.ru_forms
    assert e.acts == ["000_814850e4c9e980b5", "001_966cfad3000587e1", "004_0fcd0afa4661779e"]
    assert len(e.examples) >= 3
    for ex in e.examples:
        s, t = ex["kk_span"]
        assert kz.phrase_key(ex["kk"][s:t]) == e.kk_key
        s, t = ex["ru_span"]
        assert rl.phrase_key(ex["ru"][s:t]) == e.ru_key
        assert ws.bead(ex["bead"]).kk == ex["kk"]
    assert len({ex["pair"] for ex in e.examples[:3]}) == 3      # examples from several acts first


def test_longer_terms_are_kept_whole_and_pieces_dropped(built):
    ws, _ = built
    keys = {e.kk_key for e in G.entries(ws)}
    assert "тараптар мемлекеттерінің аумақ" in keys        # 3 words
    assert "қазақстан" not in keys                          # only ever a piece of "Қазақстан Республикасы"
    ru = {e.ru for e in G.entries(ws)}
    assert "государства Сторон" in ru


# ------------------------------------------------------------------ storage

def test_the_glossary_lives_in_the_workspace(tmp_path, built):
    ws, stats = built
    again = Workspace(ws.path, create=False)
    try:
        assert len(G.entries(again)) == stats["entries"]
        row = again.db.execute("SELECT stats FROM glossary_builds ORDER BY id DESC").fetchone()
        assert json.loads(row["stats"])["entries"] == stats["entries"]
        assert any(e["action"] == "glossary_build" for e in again.edits())
    finally:
        again.close()


def test_an_old_workspace_gets_the_glossary_tables(tmp_path):
    import sqlite3

    from align.store import MIGRATIONS
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + ";\nPRAGMA user_version = 1;")
    db.close()
    ws = Workspace(path, create=False)
    try:
        assert ws.schema_version == len(MIGRATIONS) >= 2
        assert G.entries(ws) == []
    finally:
        ws.close()


def test_rebuild_keeps_what_a_terminologist_did(fresh):
    ws = fresh
    G.build_glossary(ws)
    by_key = {(e.kk_key, e.ru_key): e for e in G.entries(ws, include_rejected=True)}
    taraptar = translations(ws, "Тараптар")[0]
    organ = translations(ws, "уәкілетті органдар")[0]
    junk = G.entries(ws)[-1]
    G.set_status(ws, taraptar.id, "approved", note="defined term, art. 1")
    G.edit_entry(ws, organ.id, ru="уполномоченные органы", note="plural in the agreements")
    G.set_status(ws, junk.id, "rejected")
    added = G.add_entry(ws, "Мәртебелі Уағдаласушы Тараптар", "Высокие Договаривающиеся Стороны")
    before = len(by_key)

    stats = G.build_glossary(ws)
    assert stats["reviewed_kept"] == 4
    t = G.entry(ws, taraptar.id)
    assert (t.status, t.note, t.ru) == ("approved", "defined term, art. 1", "Стороны")
    assert t.freq == taraptar.freq and t.built_at is not None           # figures refreshed
    o = G.entry(ws, organ.id)
    assert (o.status, o.ru, o.kk_key) == ("edited", "уполномоченные органы", organ.kk_key)
    assert o.freq == organ.freq                                          # same key, figures kept up
    assert G.entry(ws, junk.id).status == "rejected"
    assert junk.id not in {e.id for e in G.entries(ws)}                 # rejected rows are not listed
    assert G.entry(ws, added.id).status == "approved"
    assert len(G.entries(ws, include_rejected=True)) == before + 1
    actions = [e["action"] for e in ws.edits(limit=20)]
    assert {"glossary_status", "glossary_edit", "glossary_add", "glossary_build"} <= set(actions)


def test_build_refuses_an_unaligned_workspace_and_bad_options(tmp_path):
    ws = Workspace(tmp_path / "empty.db")
    try:
        with pytest.raises(G.GlossaryError, match="no aligned pairs"):
            G.build_glossary(ws)
        with pytest.raises(G.GlossaryError, match="unknown glossary option"):
            G.build_glossary(ws, min_frek=3)
        with pytest.raises(G.GlossaryError, match="glossary build"):
            G.write_glossary_files(ws, tmp_path)
    finally:
        ws.close()
    assert issubclass(G.GlossaryError, SaikesError)


# ------------------------------------------------------------------ the five seeds, aligned by saikes

@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    from align.jobs import align_all
    ws = Workspace(tmp_path_factory.mktemp("aligned") / "w.db")
    for kk_path in sorted((SEEDS / "kk").glob("*.txt")):
        ws.import_pair(kk_path.stem, load_document(kk_path, "kk"), load_document(SEEDS / "ru" / kk_path.name, "ru"))
    align_all(ws)
    G.build_glossary(ws)
    yield ws
    ws.close()


def test_on_all_five_seeds_aligned_by_saikes(aligned):
    ws = aligned
    assert len(ws.pairs()) == 5
    assert translations(ws, "Тараптар")[0].ru == "Стороны"
    assert translations(ws, "уәкілетті орган")[0].ru == "уполномоченный орган"
    comp = translations(ws, "құзыретті органдары")
    assert comp[0].ru == "компетентный орган"
    assert "003_71e4f31660e1e380" in comp[0].acts          # the pair without gold
    assert translations(ws, "дипломатиялық арналар")[0].ru == "дипломатические каналы"
    vdc = translations(ws, "Мәртебелі Уағдаласушы Тараптар")[0]                      # from 002
    assert (vdc.kk, vdc.ru) == ("Мәртебелі Уағдаласушы Тараптар", "Высокие Договаривающиеся Стороны")


def test_precision_of_the_top_40_on_the_aligners_beads(aligned):
    judge, load_reference = reference()
    ref = load_reference(G.kazakh_stemmer(aligned))
    top = G.entries(aligned)[:40]
    verdicts = judge(top, ref)
    assert sum(verdicts) / 40 >= 0.85, [(e.kk, e.ru) for e, ok in zip(top, verdicts) if not ok]


# ------------------------------------------------------------------ counting by distinct text

def _glossary(ws) -> set[tuple]:
    return {(e.kk_key, e.ru_key, e.kk, e.ru, e.status, e.freq, e.score) for e in G.entries(ws, include_rejected=True)}


def _copy_pairs(ws, times: int) -> None:
    for p in ws.pairs():
        kk, ru = ws.document(p.id, "kk"), ws.document(p.id, "ru")
        beads = [{"section": b.section, "article": b.article, "kk_segs": b.kk_segs, "ru_segs": b.ru_segs,
                  "kk": b.kk, "ru": b.ru, "confidence": b.confidence, "scores": b.scores, "status": b.status}
                 for b in ws.beads(p.id)]
        for i in range(1, times):
            ws.import_pair(f"{p.name}~{i}", kk, ru)
            ws.store_alignment(ws.pair(f"{p.name}~{i}").id, beads, {})


def test_the_seeds_twice_give_the_same_glossary(fresh):
    G.build_glossary(fresh)
    before = _glossary(fresh)
    assert len(before) > 100
    _copy_pairs(fresh, 2)
    stats = G.build_glossary(fresh)
    assert _glossary(fresh) == before
    assert len(fresh.pairs()) == 6 and stats["pairs"] == 3      # the copies bring no bead of their own


def test_a_tmx_of_the_same_acts_leaves_the_glossary_unchanged(fresh, tmp_path):
    from align.exports import select_units, store_units
    from tmx_out.tmx import read_tmx, write_tmx
    G.build_glossary(fresh)
    before = _glossary(fresh)
    path = tmp_path / "same.tmx"
    write_tmx(select_units(fresh), path)
    store_units(fresh, "reimported", read_tmx(path).units)
    assert len(fresh.pairs()) == 4
    G.build_glossary(fresh)
    assert _glossary(fresh) == before


def test_reimporting_the_glossarys_own_tbx_adds_no_entry(fresh, tmp_path):
    from align.glossary.term_lists import read_term_list
    G.build_glossary(fresh)
    n = len(G.entries(fresh, include_rejected=True))
    tbx = next(p for p in G.write_glossary_files(fresh, tmp_path, stem="own") if p.suffix == ".tbx")
    pairs = read_term_list(tbx)
    assert len(pairs) == len(G.exported(fresh))
    G.add_entries(fresh, [(p.kk, p.ru, p.note) for p in pairs])
    G.add_entries(fresh, [(p.kk, p.ru, p.note) for p in pairs])      # twice: still no duplicate
    assert len(G.entries(fresh, include_rejected=True)) == n
    G.build_glossary(fresh)
    assert len(G.entries(fresh, include_rejected=True)) == n


def test_low_scores_are_candidates_and_stay_out_of_the_files(built, tmp_path):
    ws, stats = built
    rows = G.entries(ws)
    cands = [e for e in rows if e.status == "candidate"]
    assert cands and stats["exported"] == len(rows) - len(cands)
    # every low score is a candidate (so are pieces of longer terms and second translations
    # another term owns, whatever their score)
    assert all(e.status == "candidate" for e in rows if e.score < G.DEFAULTS["min_score"])
    assert G.DEFAULTS["min_score"] <= min(e.score for e in G.exported(ws))
    tsv = next(p for p in G.write_glossary_files(ws, tmp_path, stem="x") if p.suffix == ".tsv")
    text = tsv.read_text(encoding="utf-8")
    written = {tuple(line.split("\t")[:2]) for line in text.splitlines()}
    assert not ({(e.kk, e.ru) for e in cands} - {(x.kk, x.ru) for x in G.exported(ws)}) & written
    every = next(p for p in G.write_glossary_files(ws, tmp_path, stem="y", include_candidates=True)
                 if p.suffix == ".tsv")
    assert len(every.read_text(encoding="utf-8").splitlines()) > len(text.splitlines())


# ------------------------------------------------------------------ verb phrases and coordinated terms

def test_verb_phrases_and_coordinated_terms_are_candidates():
    from align.glossary.terms import kazakh_terms, russian_terms
    kk = {o.key: o.citation for o in kazakh_terms("Хаттама күшіне енеді. Өзгерістер мен толықтырулар енгізіледі.")}
    assert kk["күшіне ену"] == "күшіне ену"
    assert kk["өзгерістер мен толықтыру"] == "Өзгерістер мен толықтырулар"
    ru = {o.key: o.citation for o in russian_terms("Протокол вступает в силу. Вносятся изменения и дополнения.")}
    assert ru["вступать в сила"] == "вступать в силу"
    assert ru["изменение и дополнение"] == "изменения и дополнения"


def test_the_aligned_seeds_give_verb_phrases_and_coordinated_terms(aligned):
    assert "вступать в силу" in {e.ru for e in translations(aligned, "күшіне ену")}
    assert "изменения и дополнения" in {e.ru for e in translations(aligned, "өзгерістер мен толықтырулар")}


def test_term_marks_come_from_approved_or_high_score_entries_only(built):
    from align.glossary.marks import MARK_MIN_SCORE, trusted_entries
    ws, _ = built
    rows = G.entries(ws)
    trusted = trusted_entries(rows)
    assert trusted
    assert all(e.status in ("approved", "edited") or e.status == "auto" and e.score >= MARK_MIN_SCORE
               for e in trusted)
    assert not any(e.status == "candidate" for e in trusted)


def test_a_head_seen_only_in_longer_terms_gets_an_entry_when_two_agree():
    from align.glossary.heads import head_entries

    def entry(kk, ru, kk_key, status="auto"):
        return {"kk_key": kk_key, "ru_key": rl.phrase_key(ru), "kk": kk, "ru": ru, "status": status, "freq": 3,
                "kk_freq": 3, "ru_freq": 3, "dice": 0.9, "llr": 10.0, "score": 0.3, "ru_pos": "noun",
                "kk_pos": "noun", "acts": ["a"], "examples": []}
    one = entry("жазбаша хабарлама", "письменное уведомление", "жазбаша хабарлама")
    two = entry("соңғы жазбаша хабарламасы", "последнее письменное уведомление", "соңғы жазбаша хабарлама")
    (derived,) = head_entries([one, two])
    assert (derived["kk"], derived["ru"], derived["freq"]) == ("хабарлама", "уведомление", 6)
    assert head_entries([one]) == []                                    # one longer term is not enough
    assert head_entries([one, {**two, "status": "candidate"}]) == []    # nor a candidate
