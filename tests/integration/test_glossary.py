"""The glossary built from aligned beads: the must-show term pairs, precision against the
reference list written from the seeds, storage that keeps a terminologist's work, and
the exported files (TSV, TBX validated against OmegaT's schema, OmegaT glossary).

The beads come from the gold alignments (tests/data/*.json: pairs 000, 001, 004), stored
in a workspace the way the aligner stores its own; pairs 002 and 003 have no gold.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from align.lang.tables import HOMOGLYPHS
from align.text.pipeline import load_document
from align.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "seeds_gold"
SEEDS = ROOT / "seeds"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


# ------------------------------------------------------------------ a workspace of gold beads

def _stream_len(text: str, lang: str) -> int:
    text = unicodedata.normalize("NFC", text)
    return sum(1 for c in text if HOMOGLYPHS[lang].get(c, c).isalnum())


# ------------------------------------------------------------------ fixtures

from align import glossary as G  # noqa: E402
from align.glossary import kazakh_stem as kz  # noqa: E402
from align.glossary import russian_lemma as rl  # noqa: E402
from workspaces import gold_workspace
from align.errors import SaikesError  # noqa: E402

sys_path_benchmarks = str(ROOT / "benchmarks")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A gold workspace with its glossary built (shared by the read-only tests)."""
    ws = gold_workspace(tmp_path_factory.mktemp("gloss") / "w.db")
    stats = G.build_glossary(ws)
    yield ws, stats
    ws.close()


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
    assert stats["pairs"] == 3 and stats["beads"] > 200
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


# ------------------------------------------------------------------ files

@pytest.fixture(scope="module")
def files(built, tmp_path_factory):
    ws, _ = built
    out = tmp_path_factory.mktemp("files")
    paths = G.write_glossary_files(ws, out, stem="seeds")
    return ws, {p.suffix: p for p in paths}


@pytest.fixture(scope="module")
def omegat_schema(tmp_path_factory):
    """schemas/tbx.xsd (and the xml.xsd it imports) unzipped from OmegaT.jar for this run."""
    if not OMEGAT_JAR.is_file():
        pytest.skip("OmegaT is not installed")
    from lxml import etree
    d = tmp_path_factory.mktemp("omegat")
    with zipfile.ZipFile(OMEGAT_JAR) as z:
        for name in ("schemas/tbx.xsd", "schemas/xml.xsd"):
            z.extract(name, d)
    return etree.XMLSchema(etree.parse(str(d / "schemas" / "tbx.xsd")))


def test_files_are_written_with_the_stem(files):
    ws, paths = files
    assert set(paths) == {".tsv", ".tbx", ".txt"}
    assert all(p.name.startswith("seeds.") for p in paths.values())
    assert not list(paths[".tsv"].parent.glob("*.part"))


def test_tsv_has_every_entry_with_its_figures(files):
    ws, paths = files
    lines = paths[".tsv"].read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:4] == ["kk", "ru", "status", "pairs_linked"]
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert len(rows) == len(G.entries(ws))
    assert all(len(line.split("\t")) == len(header) for line in lines)
    first = rows[0]
    assert (first["kk"], first["ru"]) == ("Тараптар", "Стороны")
    assert int(first["pairs_linked"]) >= 50 and "Тараптардың" in first["kk_forms"]


def test_omegat_glossary_is_tab_separated_utf8(files):
    ws, paths = files
    raw = paths[".txt"].read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").splitlines()
    assert lines[0].startswith("#")
    body = [line.split("\t") for line in lines[1:]]
    assert all(len(cols) == 3 and cols[0] and cols[1] for cols in body)
    assert ["уәкілетті орган", "уполномоченный орган"] in [cols[:2] for cols in body]
    assert len(body) == len(G.entries(ws))


def test_tbx_validates_against_omegats_schema(files, omegat_schema):
    from lxml import etree
    ws, paths = files
    doc = etree.parse(str(paths[".tbx"]))
    assert omegat_schema.validate(doc), omegat_schema.error_log
    # the schema checks the structure only; break it and it says so
    broken = etree.parse(str(paths[".tbx"]))
    body = broken.find(".//body")
    for entry in list(body):
        body.remove(entry)
    assert not omegat_schema.validate(broken)


def test_tbx_uses_tbx_basic_data_categories(files):
    from lxml import etree
    ws, paths = files
    root = etree.parse(str(paths[".tbx"])).getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.tag == "martif" and root.get("type") == "TBX-Basic" and root.get(xml_lang) == "kk"
    assert root.findtext(".//encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    allowed = {"termNote": {"partOfSpeech", "administrativeStatus"}, "descrip": {"context"},
               "admin": {"source"}}
    for tag, types in allowed.items():
        assert {el.get("type") for el in root.iter(tag)} <= types
    assert {el.text for el in root.iter("termNote") if el.get("type") == "partOfSpeech"} <= \
        {"noun", "properNoun", "adjective", "verb", "adverb", "other"}
    entries = root.findall(".//termEntry")
    assert len(entries) == len({e.kk_key for e in G.entries(ws)})
    for te in entries:
        langs = [ls.get(xml_lang) for ls in te.findall("langSet")]
        assert langs == ["kk", "ru"]
        for tig in te.iter("tig"):
            assert tig.findtext("term").strip()
            assert tig.find("termNote[@type='partOfSpeech']") is not None
    first = entries[0]
    assert first.findtext("langSet[@{%s}lang='kk']/tig/term" % "http://www.w3.org/XML/1998/namespace") \
        == "Тараптар"
    context = first.findtext(".//langSet[2]/tig/descripGrp/descrip[@type='context']")
    assert "Сторон" in context


@pytest.mark.slow
def test_omegat_reads_the_tbx_and_the_glossary_file(files, tmp_path):
    """OmegaT's own readers (JAXB for TBX, its TSV reader) load both files."""
    ws, paths = files
    javac, java = shutil.which("javac"), shutil.which("java")
    if not (OMEGAT_JAR.is_file() and javac and java):
        pytest.skip("OmegaT, java or javac missing")
    (tmp_path / "LoadGlossary.java").write_text(LOADER, encoding="utf-8")
    subprocess.run([javac, "-d", str(tmp_path), str(tmp_path / "LoadGlossary.java")], check=True,
                   capture_output=True, timeout=120)
    run = subprocess.run([java, "-Djava.awt.headless=true", "-cp", f"{OMEGAT_JAR}:{tmp_path}", "LoadGlossary",
                          str(paths[".tbx"]), str(paths[".txt"])], capture_output=True, text=True,
                         timeout=120, env={**__import__("os").environ, "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr[-2000:]
    tbx = [line.split("\t") for line in run.stdout.splitlines() if line.startswith("TBX")]
    tsv = [line.split("\t") for line in run.stdout.splitlines() if line.startswith("TSV")]
    assert len(tbx) == len({e.kk_key for e in G.entries(ws)})
    assert tbx[0][1:3] == ["kk=Тараптар", "ru=Стороны"]
    assert len(tsv) == len(G.entries(ws))
    assert ["TSV", "уәкілетті орган", "уполномоченный орган"] in tsv


LOADER = r"""
import java.io.File;
import java.lang.reflect.Method;
import java.util.List;

public class LoadGlossary {
    public static void main(String[] args) throws Exception {
        Class<?> tbx = Class.forName("org.omegat.gui.glossary.GlossaryReaderTBX");
        Method load = tbx.getDeclaredMethod("load", File.class);
        load.setAccessible(true);
        Object martif = load.invoke(null, new File(args[0]));
        Object text = martif.getClass().getMethod("getText").invoke(martif);
        Object body = text.getClass().getMethod("getBody").invoke(text);
        for (Object e : (List<?>) body.getClass().getMethod("getTermEntry").invoke(body)) {
            StringBuilder line = new StringBuilder("TBX");
            for (Object ls : (List<?>) e.getClass().getMethod("getLangSet").invoke(e)) {
                String lang = (String) ls.getClass().getMethod("getLang").invoke(ls);
                for (Object t : (List<?>) ls.getClass().getMethod("getTigOrNtig").invoke(ls)) {
                    Object term = t.getClass().getMethod("getTerm").invoke(t);
                    List<?> content = (List<?>) term.getClass().getMethod("getContent").invoke(term);
                    line.append('\t').append(lang).append('=').append(content.get(0));
                }
            }
            System.out.println(line);
        }
        Class<?> tsv = Class.forName("org.omegat.gui.glossary.GlossaryReaderTSV");
        List<?> rows = (List<?>) tsv.getMethod("read", File.class, boolean.class).invoke(null, new File(args[1]), false);
        for (Object r : rows) {
            String src = (String) r.getClass().getMethod("getSrcText").invoke(r);
            String loc = (String) r.getClass().getMethod("getLocText").invoke(r);
            System.out.println("TSV\t" + src + "\t" + loc);
        }
    }
}
"""


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
