"""`saikes glossary import`: curated term lists in TBX, OmegaT .txt, TSV and CSV."""
import pytest

from align import glossary as G
from align.glossary import lookup as L
from align.store import Workspace
from tmx_out.base import ExportError
from align.glossary.term_lists import read_term_list

from conftest import ROOT

GLOSSARIES = ROOT / "tests" / "data" / "termbases"


@pytest.mark.parametrize("name", ["seeds.txt", "seeds.tbx", "seeds.tsv"])
def test_the_seed_glossary_files_read_back(name):
    pairs = read_term_list(GLOSSARIES / name)
    assert len(pairs) > 100
    found = {(p.kk, p.ru) for p in pairs}
    assert ("Тараптар", "Стороны") in found
    assert ("уәкілетті орган", "уполномоченный орган") in found


def test_import_into_an_empty_workspace_and_look_up(cli, tmp_path):
    db = tmp_path / "w.db"
    r = cli("glossary", "import", GLOSSARIES / "seeds.txt", db=db)
    assert r.returncode == 0, r.stderr
    assert "new in the glossary" in r.stdout
    with Workspace(db) as ws:
        rows = G.entries(ws)
        assert len(rows) == len(read_term_list(GLOSSARIES / "seeds.txt"))
        assert all(e.status == "approved" for e in rows)
        hit = L.lookup(ws, "уполномоченными органами").matches[0]
        assert "уәкілетті орган" in [t.term for t in hit.translations]
    # importing again adds nothing
    r = cli("glossary", "import", GLOSSARIES / "seeds.tbx", db=db)
    assert r.returncode == 0 and " 0 new" in r.stdout


def test_csv_with_named_columns_in_any_order(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("Russian,Kazakh,Comment\nкомпетентный орган,құзыретті орган,from the 004 act\n"
                    "Стороны,Тараптар,\n", encoding="utf-8")
    pairs = read_term_list(path)
    assert [(p.kk, p.ru, p.note) for p in pairs] == [("құзыретті орган", "компетентный орган", "from the 004 act"),
                                                      ("Тараптар", "Стороны", "")]


@pytest.mark.parametrize("name,content,needle", [
    ("swapped.txt", "компетентный орган\tқұзыретті орган\nСтороны\tТараптар\nпрекурсоры\tпрекурсорлар\n",
     "first column holds Russian"),
    ("one.txt", "Тараптар\nСтороны\n", "Kazakh and a Russian column"),
    ("bad.tbx", "<martif><text><body><termEntry>", "not a well-formed TBX"),
    ("evil.tbx", '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                 '<martif><text><body><termEntry><langSet xml:lang="kk"><tig><term>&x;</term></tig></langSet>'
                 '<langSet xml:lang="ru"><tig><term>Стороны</term></tig></langSet></termEntry></body></text></martif>',
     "uses XML entities"),
])
def test_bad_term_lists(cli, tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError, match=needle):
        read_term_list(path)
    db = tmp_path / "w.db"
    r = cli("glossary", "import", path, db=db)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
