"""The glossary's files: TSV with every entry and its figures, the OmegaT glossary, TBX
validated against OmegaT's schema with TBX-Basic data categories, and OmegaT itself
reading them."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from align import glossary as G

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


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
    """The files carry the exported entries: all but the low-score candidates."""
    ws, paths = files
    lines = paths[".tsv"].read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:4] == ["kk", "ru", "status", "pairs_linked"]
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert len(rows) == len(G.exported(ws))
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
    assert len(body) == len(G.exported(ws))


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
    assert len(entries) == len({e.kk_key for e in G.exported(ws)})
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
    assert len(tbx) == len({e.kk_key for e in G.exported(ws)})
    assert tbx[0][1:3] == ["kk=Тараптар", "ru=Стороны"]
    assert len(tsv) == len(G.exported(ws))
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


