"""The export and terminology pages of the review app."""
from __future__ import annotations

import json

import pytest
from apptest import app, bead_block, beads, inside, ok, press
from workspaces import PAIR

from align import glossary as G
from align import review as R

# ---------------------------------------------------------------- export

@pytest.fixture
def downloads(monkeypatch):
    """The bytes behind the download buttons, by media file id."""
    from streamlit.runtime import memory_media_file_storage as mem
    seen: dict[str, bytes] = {}
    original = mem.MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        seen[file_id] = path_or_data
        return file_id
    monkeypatch.setattr(mem.MemoryMediaFileStorage, "load_and_get_id", spy)
    return seen


def download(at, key, seen) -> bytes:
    url = at.download_button(key=key).proto.url
    return seen[url.rsplit("/", 1)[1].split(".")[0]]


def test_export_page_applies_the_command_line_filters(ws, downloads):
    bs = beads(ws)
    for b in bs[:3]:
        R.approve(ws, b.id, b.version)
    R.reject(ws, bs[3].id, bs[3].version)
    at = ok(app("export"))
    assert at.metric[0].value == str(len(bs) - 1)             # default: all but rejected
    at.selectbox(key="ex_status").set_value("approved").run()
    assert at.metric[0].value == "3"
    tmx = download(at, "ex_download", downloads).decode("utf-8")
    assert tmx.count("<tu>") + tmx.count("<tu ") == 3
    assert bs[0].ru[:30] in tmx.replace("&quot;", '"')
    assert any("--status approved" in c.value for c in at.caption)
    at.selectbox(key="ex_fmt").set_value("tsv").run()
    tsv = download(at, "ex_download", downloads).decode("utf-8").splitlines()
    assert len(tsv) == 1 + 3 and tsv[1].split("\t")[0] == bs[0].kk
    at.selectbox(key="ex_dir").set_value("ru-kk").run()
    tsv = download(at, "ex_download", downloads).decode("utf-8").splitlines()
    assert tsv[1].split("\t")[0] == bs[0].ru
    at.slider(key="ex_conf").set_value(1.0).run()
    assert at.metric[0].value == "0" and at.warning and not at.download_button


def test_export_bytes_matches_the_filters(ws):
    bs = beads(ws)
    R.approve(ws, bs[0].id, bs[0].version)
    data, name, mime = R.export_bytes(ws, R.ExportOptions(status="approved"), "jsonl")
    rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["kk"] == bs[0].kk and name.endswith(".jsonl")


# ---------------------------------------------------------------- terminology

@pytest.fixture
def gws(ws):
    """The workspace with a glossary built from its beads."""
    stats = G.build_glossary(ws)
    assert stats["entries"] > 10
    return ws


def entry_by(ws, kk):
    from align import glossary as G
    return next(e for e in G.entries(ws, include_rejected=True) if e.kk == kk)


def test_terms_page_builds_the_glossary_when_empty(ws):
    at = ok(app("terms"))
    assert any("empty" in i.value for i in at.info)
    ok(press(at, "tm_build"))
    from align import glossary as G
    assert len(G.entries(ws)) > 10
    assert at.dataframe and "Тараптар" in list(at.dataframe[0].value["Kazakh"])


@pytest.mark.parametrize("query, term, translation", [
    ("Тараптардың", "Тараптар", "Стороны"),                              # Kazakh genitive
    ("уәкілетті органдарының", "уәкілетті орган", "уполномоченный орган"),
    ("Сторонами", "Стороны", "Тараптар"),                                # Russian instrumental
    ("уполномоченными органами", "уполномоченный орган", "уәкілетті орган"),
])
def test_terms_page_looks_up_any_inflected_form(gws, query, term, translation):
    at = app("terms")
    at.text_input(key="tm_query").input(query).run()
    ok(at)
    assert any(m.value.startswith(f"**{term}**") for m in at.markdown)
    table = at.dataframe[0].value
    assert table.iloc[0]["translation"] == translation and table.iloc[0]["pairs"] >= 2
    # the concordance marks the term in real sentences of both languages
    hits = [m.value for m in at.markdown if "sk-hit" in m.value]
    assert len(hits) >= 4


def test_terms_page_unknown_term_says_so(gws):
    at = app("terms")
    at.text_input(key="tm_query").input("космодром").run()
    ok(at)
    assert any("not in the glossary" in w.value for w in at.warning)


def test_terms_page_edits_and_approves_an_entry(gws):
    e = entry_by(gws, "Тараптар")
    at = app("terms")
    at.selectbox(key="tm_entry").set_value(e.id).run()
    seen = e.version
    at.text_input(key=f"tm_note_{e.id}_{seen}").input("халықаралық шарттарда")
    ok(press(at, f"tm_save_{e.id}_{seen}"))
    after = entry_by(gws, "Тараптар")
    assert after.note == "халықаралық шарттарда" and after.status == "edited" and after.ru == "Стороны"
    ok(press(at, f"tm_approve_{e.id}_{after.version}"))
    assert entry_by(gws, "Тараптар").status == "approved"
    actions = [x["action"] for x in gws.edits(limit=2)]
    assert actions == ["glossary_status", "glossary_edit"]


def test_terms_page_rejects_an_entry_and_picks_from_a_lookup(gws):
    e = entry_by(gws, "бап")
    at = app("terms")
    at.text_input(key="tm_query").input("бабында").run()
    ok(press(at, f"tm_pick_kk_{e.id}"))
    assert at.selectbox(key="tm_entry").value == e.id
    ok(press(at, f"tm_reject_{e.id}_{e.version}"))
    assert entry_by(gws, "бап").status == "rejected"


def test_terms_page_stale_entry_edit_is_refused(gws):
    e = entry_by(gws, "Келісім")
    seen = e.version
    first, second = app("terms"), app("terms")
    for at in (first, second):
        at.selectbox(key="tm_entry").set_value(e.id).run()
    first.text_input(key=f"tm_ru_{e.id}_{seen}").input("Соглашение (международный договор)")
    ok(press(first, f"tm_save_{e.id}_{seen}"))
    second.text_input(key=f"tm_ru_{e.id}_{seen}").input("Договор")
    press(second, f"tm_save_{e.id}_{seen}")
    assert "changed by someone else" in second.error[0].value
    assert entry_by(gws, "Келісім").ru == "Соглашение (международный договор)"


def test_terms_page_adds_an_entry_by_hand(gws):
    at = app("terms")
    at.text_input(key="tm_new_kk").input("әскери барлау органы")
    at.text_input(key="tm_new_ru").input("орган военной разведки")
    ok(press(at, "tm_add"))
    e = entry_by(gws, "әскери барлау органы")
    assert e.ru == "орган военной разведки" and e.status == "approved"


def test_terms_page_downloads_tbx_and_tsv(gws, downloads):
    import xml.etree.ElementTree as ET
    at = ok(app("terms"))
    tbx = download(at, "tm_dl_tbx", downloads)
    root = ET.fromstring(tbx)
    assert root.tag == "martif"
    terms = [t.text for t in root.iter("term")]
    assert "Тараптар" in terms and "Стороны" in terms
    tsv = download(at, "tm_dl_terms-tsv", downloads).decode("utf-8").splitlines()
    assert tsv[0].startswith("kk\tru\t") and any(line.startswith("Тараптар\tСтороны\t") for line in tsv)
    omegat = download(at, "tm_dl_omegat", downloads).decode("utf-8")
    assert "Тараптар\tСтороны" in omegat


def test_review_page_marks_glossary_terms_with_their_translations(gws):
    at = ok(app("review", pair=PAIR))
    at.selectbox(key="rv_section").set_value("article:2").run()
    html = " ".join(m.value for m in at.markdown)
    assert 'class="sk-term' in html
    assert 'title="→ уполномоченный орган' in html          # on a Kazakh term
    assert 'title="→ уәкілетті орган' in html               # on a Russian term
    b = next(x for x in beads(gws) if x.section == "article:2" and "уәкілетті орган" in x.kk)
    press(at, f"sel-{b.id}")                                  # the current bead lists its term pairs
    assert "уәкілетті орган → уполномоченный орган" in " ".join(inside(bead_block(at, b.id), "Markdown"))
