"""The aligner: DP core, section anchoring, gold quality, confidence, unrelated documents."""
import importlib.util
import json
import math

import pytest

from align.core import dp
from align.core.aligner import align_documents, pair_sections
from align.text.pipeline import load_document
from align.core.scoring import learn_lexicon

from conftest import SEEDS, SHARED, run_cli
from goldtools import gold_files, load_gold, stream

GOLD_NAMES = [p.stem for p in gold_files()]


def _load_scorer():
    spec = importlib.util.spec_from_file_location("align_score", SHARED / "eval" / "align_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ DP core

def test_best_path_follows_the_score():
    # items match when equal; the target has an extra item the path must skip
    src, tgt = [1, 2, 3, 4], [1, 2, 9, 3, 4]

    def score(i, j, a, b):
        if a == 0 or b == 0:
            return -1.0
        if a == 1 and b == 1:
            return 2.0 if src[i] == tgt[j] else -5.0
        return -10.0

    path = dp.best_path(len(src), len(tgt), score)
    assert [(i, j, a, b) for i, j, a, b, _ in path] == [(0, 0, 1, 1), (1, 1, 1, 1), (2, 2, 0, 1),
                                                         (2, 3, 1, 1), (3, 4, 1, 1)]


def test_best_path_merges_when_two_fit_one():
    lengths_src, lengths_tgt = [10, 20, 20], [10, 10, 10, 20]

    def score(i, j, a, b):
        if a == 0 or b == 0:
            return -8.0
        ls, lt = sum(lengths_src[i:i + a]), sum(lengths_tgt[j:j + b])
        return -abs(ls - lt) - (a + b - 2)

    path = dp.best_path(3, 4, score)
    assert [(a, b) for _, _, a, b, _ in path] == [(1, 1), (1, 2), (1, 1)]


def test_posteriors_sharp_and_uncertain():
    def sure(i, j, a, b):
        return 5.0 if (a, b) == (1, 1) and i == j else -20.0

    path = dp.best_path(3, 3, sure)
    assert all(p > 0.99 for p in dp.posteriors(3, 3, sure, path))

    def flat(i, j, a, b):
        return 0.0 if a and b else -0.1

    path = dp.best_path(3, 3, flat)
    assert all(p < 0.6 for p in dp.posteriors(3, 3, flat, path))


def test_empty_side():
    path = dp.best_path(0, 3, lambda i, j, a, b: -1.0)
    assert [(a, b) for _, _, a, b, _ in path] == [(0, 1)] * 3


# ------------------------------------------------------------------ sections

def _pair(name):
    return (load_document(SEEDS / "kk" / f"{name}.txt", "kk"),
            load_document(SEEDS / "ru" / f"{name}.txt", "ru"))


def test_sections_anchor_articles():
    kk, ru = _pair("004_0fcd0afa4661779e")
    sections, problems = pair_sections(kk, ru)
    names = [s.name for s in sections]
    assert names[:2] == ["act", "preamble"]
    assert names[2:19] == [f"article:{n}" for n in range(1, 18)]
    assert problems == []


def test_missing_article_is_reported_not_papered_over():
    kk, ru = _pair("000_814850e4c9e980b5")
    # drop article 5 from the Russian side
    sec5 = {k for k, b in enumerate(ru.blocks) if b.section == "article:5"}
    ru.segments = [s for s in ru.segments if s.block not in sec5]
    result = align_documents(kk, ru)
    assert result.report["article_problems"] == ["article 5 is in the Kazakh text but not in the Russian"]
    art5 = [b for b in result.beads if b["kk"] and "Құпия ақпаратпен алмасу" in b["kk"]]
    assert art5 and not art5[0]["ru"]          # left unaligned, not forced onto article 4
    assert art5[0]["status"] == "flagged"


# ------------------------------------------------------------------ quality on the dev gold

@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    """`saikes run` on the seeds, once for the module."""
    folder = tmp_path_factory.mktemp("run")
    r = run_cli("run", "--out", folder / "out", "--glossaries", folder / "glossaries",
                db=folder / "w.db", cwd=folder)
    assert r.returncode == 0, r.stderr
    return folder, r


@pytest.mark.parametrize("name", GOLD_NAMES)
def test_gold_link_and_bead_f1(seeds_run, name):
    folder, _ = seeds_run
    scorer = _load_scorer()
    gold = load_gold(SHARED / "gold" / f"{name}.json")
    pairs = scorer.read_pred(str(folder / "out" / f"{name}.jsonl"))
    result = scorer.score(gold, pairs)
    assert result["link_f1"] >= 0.97, result
    assert result["bead_f1"] >= 0.92, result


def test_confidence_means_something_on_the_gold(seeds_run):
    folder, _ = seeds_run
    right = []
    for name in GOLD_NAMES:
        gold = {(stream(" ".join(b["kk"])), stream(" ".join(b["ru"])))
                for b in load_gold(SHARED / "gold" / f"{name}.json")["beads"]}
        for line in (folder / "out" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            bead = json.loads(line)
            assert 0.0 <= bead["confidence"] <= 1.0
            right.append((bead["confidence"], (stream(bead["kk"]), stream(bead["ru"])) in gold))
    high = [ok for c, ok in right if c >= 0.9]
    assert len(high) >= 0.8 * len(right)
    assert sum(high) / len(high) >= 0.97


def test_run_summary_and_files(seeds_run):
    folder, r = seeds_run
    out = folder / "out"
    for name in [p.stem for p in (SEEDS / "kk").glob("*.txt")]:
        assert f"{name}: segments kk" in r.stdout
        tsv = (out / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
        assert tsv[0] == "kk\tru\tconfidence\tarticle"
        assert all(len(row.split("\t")) == 4 for row in tsv)
    assert "article mismatches 0" in r.stdout and "flagged" in r.stdout
    assert "1:1×" in r.stdout
    # document order: the article column never goes back
    articles = [int(a) for a in (row.split("\t")[3] for row in
                                 (out / "004_0fcd0afa4661779e.tsv").read_text(encoding="utf-8").splitlines()[1:]) if a]
    assert articles == sorted(articles) and articles[-1] == 17


def test_confidence_is_low_when_text_is_missing():
    kk, ru = _pair("001_966cfad3000587e1")
    # the Russian side loses two sentences of article 2: their Kazakh partners have no match
    drop = {k for k, s in enumerate(ru.segments) if s.text.startswith(("При решении вопросов", "Вопросы организации"))}
    assert len(drop) == 2
    ru.segments = [s for k, s in enumerate(ru.segments) if k not in drop]
    beads = align_documents(kk, ru).beads
    art2 = [b for b in beads if b["section"] == "article:2"]
    unmatched = [b for b in art2 if not b["ru"]]
    assert len(unmatched) == 2 and all(b["status"] == "flagged" for b in unmatched)
    # the sentence that kept its partner stays confident
    assert any(b["kk"].startswith("Тараптар Қазақстан") and b["confidence"] >= 0.9 for b in art2)


# ------------------------------------------------------------------ unrelated documents

def test_unrelated_documents_refused(tmp_path):
    db = tmp_path / "w.db"
    r = run_cli("import", SEEDS / "kk" / "000_814850e4c9e980b5.txt", SEEDS / "ru" / "003_71e4f31660e1e380.txt",
                "--name", "wrong", db=db)
    assert r.returncode == 0
    r = run_cli("align", "wrong", db=db)
    assert r.returncode == 1
    assert "do not look like the same act" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("status", db=db)
    assert "wrong: imported" in r.stdout and "not aligned" in r.stdout


def test_relatedness_separates_true_and_wrong_pairs():
    names = sorted(p.stem for p in (SEEDS / "kk").glob("*.txt"))
    docs = {n: _pair(n) for n in names}
    true = [align_documents(*docs[n]).report["relatedness"] for n in names]
    wrong = [align_documents(docs[a][0], docs[b][1]).report["relatedness"]
             for a, b in zip(names, names[1:] + names[:1])]
    assert min(true) >= 0.9 and max(wrong) <= 0.45


# ------------------------------------------------------------------ lexicon and pre-segmented input

def test_lexicon_learns_from_beads():
    beads = [(frozenset({"тарап", "келіс"}), frozenset({"сторо", "согла"}))] * 3 + \
            [(frozenset({"тарап", "мемле"}), frozenset({"сторо", "госуд"}))] * 2
    lex = learn_lexicon(beads)
    assert "сторо" in lex.links["тарап"]
    assert "госуд" not in lex.links["тарап"] or "сторо" in lex.links["тарап"]
    assert lex.linked(frozenset({"тарап"}), frozenset({"сторо"})) == 2


def test_align_sentences_command(tmp_path):
    src = tmp_path / "a.txt"
    tgt = tmp_path / "b.txt"
    src.write_text("Die Sektion Bern hat 1956 eine Expedition organisiert.\nDas Wetter war schlecht.\n"
                   "Am 12. Mai erreichten sie den Gipfel des Dhaulagiri auf 8167 Metern.\n", encoding="utf-8")
    tgt.write_text("La section de Berne a organisé une expédition en 1956.\nLe temps était mauvais.\n"
                   "Il faisait froid.\nLe 12 mai, ils atteignirent le sommet du Dhaulagiri à 8167 mètres.\n",
                   encoding="utf-8")
    out = tmp_path / "out.defr"
    r = run_cli("align-sentences", src, tgt, "-o", out)
    assert r.returncode == 0, r.stderr
    import ast
    beads = [tuple(ast.literal_eval(part) for part in line.split(":")[:2])
             for line in out.read_text(encoding="utf-8").splitlines()]
    assert beads[0] == ([0], [0])
    assert beads[-1][0] == [2] and 3 in beads[-1][1]
    assert sorted(j for _, t in beads for j in t) == [0, 1, 2, 3]
    assert sorted(i for s, _ in beads for i in s) == [0, 1, 2]


def test_align_sentences_bad_input(tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_text("")
    r = run_cli("align-sentences", empty, empty)
    assert r.returncode == 1 and "empty" in r.stderr


def test_textberg_strict_f1():
    """The standard de–fr benchmark: strict F1 >= 0.80 (hunalign without a dictionary: 0.752)."""
    from align.core.aligner import align_sentence_lists
    peer = SHARED / "peer" / "textberg"
    de = (peer / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (peer / "dev.fr").read_text(encoding="utf-8").splitlines()
    beads = align_sentence_lists(de, fr, "de", "fr")
    spec = importlib.util.spec_from_file_location("tb", SHARED / "eval" / "textberg_score.py")
    tb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tb)
    gold = tb.read_alignments(str(peer / "dev.defr"))
    test = [(tuple(i), tuple(j)) for i, j, _ in beads]
    result = tb.score([gold], [test])
    assert result["f1_strict"] >= 0.80, result
    assert not math.isnan(result["f1_lax"]) and result["f1_lax"] >= 0.9


# ------------------------------------------------------------------ re-alignment keeps the reviewer's work

def _aligned_workspace(tmp_path, name="004_0fcd0afa4661779e"):
    from align.jobs import align_pair
    from align.workspace import Workspace
    ws = Workspace(tmp_path / "w.db")
    ws.import_pair(name, *_pair(name))
    align_pair(ws, name)
    return ws, ws.pair(name)


def test_realign_keeps_approved_and_edited_beads(tmp_path):
    from align.jobs import align_pair
    ws, info = _aligned_workspace(tmp_path)
    beads = ws.beads(info.id)
    # the reviewer pairs two sentences by hand (a deliberate 2:2 of article 9) and edits a text
    art9 = [b for b in beads if b.section == "article:9" and b.kk_segs and b.ru_segs][:2]
    merged = {"kk_segs": art9[0].kk_segs + art9[1].kk_segs, "ru_segs": art9[0].ru_segs + art9[1].ru_segs}
    with ws.transaction() as db:
        db.execute("UPDATE beads SET kk_segs = ?, ru_segs = ?, kk = ?, ru = ?, status = 'approved' WHERE id = ?",
                   (json.dumps(merged["kk_segs"]), json.dumps(merged["ru_segs"]), art9[0].kk + " " + art9[1].kk,
                    art9[0].ru + " " + art9[1].ru, art9[0].id))
        db.execute("DELETE FROM beads WHERE id = ?", (art9[1].id,))
        edited = next(b for b in beads if b.section == "article:12" and b.kk_segs)
        db.execute("UPDATE beads SET ru = 'ИСПРАВЛЕНО', status = 'edited' WHERE id = ?", (edited.id,))
    align_pair(ws, info.name)
    after = ws.beads(info.id)
    kept = [b for b in after if b.kk_segs == merged["kk_segs"]]
    assert kept and kept[0].status == "approved" and kept[0].ru_segs == merged["ru_segs"]
    assert any(b.status == "edited" and b.ru == "ИСПРАВЛЕНО" for b in after)
    # every segment is still in exactly one bead, in order
    kk_all = [k for b in after for k in b.kk_segs]
    assert kk_all == sorted(kk_all) == list(range(len(ws.document(info.id, "kk").segments)))
    ws.close()


def test_realign_one_section_only(tmp_path):
    from align.jobs import realign_section
    ws, info = _aligned_workspace(tmp_path)
    before = ws.beads(info.id)
    n = realign_section(ws, info.id, "article:3")
    after = ws.beads(info.id)
    assert n == sum(1 for b in after if b.section == "article:3") > 0
    # the other beads are the same rows, in the same order; the section sits where it was
    assert [b.id for b in after if b.section != "article:3"] == [b.id for b in before if b.section != "article:3"]
    sections = [b.section for b in after]
    first = sections.index("article:3")
    assert sections[first - 1] == "article:2" and sections[first + n] == "article:4"
    assert [b.pos for b in after] == list(range(len(after)))
    assert ws.edits(info.id)[0]["action"] == "realign-section"
    ws.close()


def test_unknown_heading_style_falls_back_to_the_whole_document():
    kk, ru = _pair("004_0fcd0afa4661779e")
    # the Kazakh copy lost its heading style: no article is recognized
    for b in kk.blocks:
        if b.kind == "heading":
            b.kind, b.section, b.article = "text", "act", None
    result = align_documents(kk, ru)
    assert [s.name for s in pair_sections(kk, ru)[0]] == ["document"]
    assert "aligned without their structure" in result.report["article_problems"][0]
    scorer = _load_scorer()
    gold = load_gold(SHARED / "gold" / "004_0fcd0afa4661779e.json")
    score = scorer.score(gold, [(b["kk"], b["ru"]) for b in result.beads])
    assert score["link_f1"] >= 0.95 and score["bead_f1"] >= 0.85, score
    # beads still say which (Russian) article they belong to
    assert any(b["article"] == 17 for b in result.beads)
