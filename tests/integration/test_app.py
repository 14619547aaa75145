"""The review app (app.py) driven through Streamlit's AppTest, page by page and operation
by operation; every test looks at the workspace afterwards."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from align import glossary as G
from align import review as R
from align.store import Workspace
from workspaces import PAIR, SEEDS, make_workspace

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.db"
    make_workspace(path).close()
    monkeypatch.setenv("SAIKES_DB", str(path))
    return path


@pytest.fixture
def ws(db):
    w = Workspace(db)
    yield w
    w.close()


def app(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["page"] = page
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def beads(ws):
    return ws.beads(ws.pair(PAIR).id)


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    return at


def open_tools(at: AppTest, bead) -> AppTest:
    return press(at, f"open-{bead.id}")


def same_section_run(ws, n=2):
    bs = beads(ws)
    for i in range(len(bs) - n + 1):
        run = bs[i:i + n]
        if len({b.section for b in run}) == 1 and all(b.kk_segs and b.ru_segs for b in run):
            return run
    raise AssertionError("no run of beads in one section")


# ---------------------------------------------------------------- documents

def test_documents_page_lists_pairs_with_counts(ws):
    at = ok(app("documents"))
    df = at.dataframe[0].value
    row = df[df["pair"] == PAIR].iloc[0]
    assert row["beads"] == len(beads(ws))
    assert row["articles kk"] == 11 and row["articles ru"] == 11
    assert row["flagged"] == sum(b.status == "flagged" for b in beads(ws))
    assert row["reviewed"] == 0


def test_documents_page_imports_an_uploaded_pair_and_aligns_it(ws):
    name = "004_0fcd0afa4661779e"
    at = app("documents")
    at.file_uploader(key="up_kk").set_value((f"{name}.txt", (SEEDS / "kk" / f"{name}.txt").read_bytes(), "text/plain"))
    at.file_uploader(key="up_ru").set_value((f"{name}.txt", (SEEDS / "ru" / f"{name}.txt").read_bytes(), "text/plain"))
    at.run()
    press(at, "up_go")
    assert not at.exception
    assert any(name in s.value and "new" in s.value for s in at.success)
    assert name in [p.name for p in ws.pairs()]
    pid = ws.pair(name).id
    assert len(ws.document(pid, "kk").segments) > 10
    assert not at.error
    assert ws.beads(pid), "the pair should have been aligned after import"
    assert name in list(at.dataframe[0].value["pair"])


def _docx(text: str) -> bytes:
    import io
    import zipfile
    from xml.sax.saxutils import escape
    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in text.splitlines() if line.strip())
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _html(text: str) -> bytes:
    from html import escape
    paras = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><head><meta charset='utf-8'></head><body>{paras}</body></html>".encode("utf-8")


@pytest.mark.parametrize("kk_fmt, ru_fmt", [("docx", "html"), ("html", "md")])
def test_documents_page_imports_docx_html_and_md(ws, kk_fmt, ru_fmt):
    from align.text.read import decode_text
    name = "001_966cfad3000587e1"
    texts = {lang: decode_text((SEEDS / lang / f"{name}.txt").read_bytes(), name)[0] for lang in ("kk", "ru")}
    make = {"docx": _docx, "html": _html, "md": lambda t: t.encode("utf-8")}
    at = app("documents")
    at.checkbox(key="up_align").uncheck()
    at.text_input(key="up_name").input("uploaded")
    at.file_uploader(key="up_kk").set_value((f"kk.{kk_fmt}", make[kk_fmt](texts["kk"]), "application/octet-stream"))
    at.file_uploader(key="up_ru").set_value((f"ru.{ru_fmt}", make[ru_fmt](texts["ru"]), "application/octet-stream"))
    at.run()
    ok(press(at, "up_go"))
    pid = ws.pair("uploaded").id
    kk, ru = ws.document(pid, "kk"), ws.document(pid, "ru")
    assert (kk.format, ru.format) == (kk_fmt, ru_fmt)
    assert len(kk.articles) >= 5 and kk.articles == ru.articles
    assert ws.beads(pid) == []              # "Align after import" was off


def test_documents_page_shows_a_clear_error_for_a_bad_upload(ws):
    at = app("documents")
    ru = (SEEDS / "ru" / f"{PAIR}.txt").read_bytes()
    at.file_uploader(key="up_kk").set_value(("russian.txt", ru, "text/plain"))
    at.file_uploader(key="up_ru").set_value(("russian2.txt", ru, "text/plain"))
    at.run()
    press(at, "up_go")
    assert not at.exception
    assert len(at.error) == 1 and "russian.txt" in at.error[0].value
    assert "\n" not in at.error[0].value.strip()
    assert [p.name for p in ws.pairs()] == [PAIR]


def test_documents_page_realigns_a_pair_after_confirmation(ws):
    b = beads(ws)[0]
    R.approve(ws, b.id, b.version)
    at = app("documents")
    assert at.button(key="align_go").disabled       # reviewed beads: confirmation first
    at.checkbox(key="align_confirm").check().run()
    press(at, "align_go")
    assert not at.exception
    ok(at)
    after = beads(ws)
    assert after and all(x.created_at >= b.changed_at for x in after)
    kept = [x for x in after if x.status == "approved"]       # the aligner keeps it as an anchor
    assert [(x.kk_segs, x.ru_segs, x.kk) for x in kept] == [(b.kk_segs, b.ru_segs, b.kk)]
    assert ws.pair(PAIR).report.get("aligner") != "naive test beads"
    log = ws.edits(ws.pair(PAIR).id, limit=5)
    assert any(e["action"] == "realign" and str(b.id) in e["before"] for e in log)


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
    assert "--status approved" in at.caption[0].value
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
    captions = " ".join(c.value for c in at.caption)
    assert "уәкілетті орган → уполномоченный орган" in captions
