"""The documents page of the review app, driven through AppTest."""
from __future__ import annotations

import pytest
from apptest import app, beads, ok, press
from workspaces import PAIR, SEEDS

from align import review as R

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
    kept = [x for x in after if x.status == "approved"]       # the aligner keeps it exactly as it was
    approved = ws.bead(b.id)
    assert [(x.id, x.version, x.kk_segs, x.ru_segs, x.kk) for x in kept] == \
        [(b.id, approved.version, b.kk_segs, b.ru_segs, b.kk)]
    assert ws.pair(PAIR).report.get("aligner") != "naive test beads"
    (entry,) = ws.edits(ws.pair(PAIR).id, limit=1)
    assert entry["action"] == "re-align" and entry["who"] == "reviewer"
    assert R.next_undo(ws, ws.pair(PAIR).id)["action"] == "re-align"      # one undoable step
