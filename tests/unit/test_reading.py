"""Reading files: encodings, formats, language check, bad input."""
import io
import zipfile

import pytest

from align.errors import InputError, LanguageError
from align.text.pipeline import load_document
from align.text.read import read_file

from conftest import SEEDS, SEED_NAMES


def test_seed_ru_001_is_read_as_cp1251():
    raw = read_file(SEEDS / "ru" / "001_966cfad3000587e1.txt")
    assert raw.encoding == "cp1251"
    assert "Правительство Республики Казахстан" in raw.text


def test_seed_ru_004_has_bom_and_crlf():
    data = (SEEDS / "ru" / "004_0fcd0afa4661779e.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    doc = load_document(SEEDS / "ru" / "004_0fcd0afa4661779e.txt", "ru")
    assert doc.encoding == "utf-8-sig"
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert doc.text.startswith("О ратификации Соглашения")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_utf8_seeds(name):
    assert read_file(SEEDS / "kk" / f"{name}.txt").encoding == "utf-8"


def test_utf16_with_and_without_bom(tmp_path):
    text = "Қазақстан Республикасының Үкіметі қаулы етеді: 1. Келісім бекітілсін. " * 3
    with_bom = tmp_path / "a.txt"
    with_bom.write_bytes(text.encode("utf-16"))
    without = tmp_path / "b.txt"
    without.write_bytes(text.encode("utf-16-le"))
    assert read_file(with_bom).encoding == "utf-16"
    assert read_file(without).encoding == "utf-16-le"
    assert load_document(without, "kk").segments[0].text.startswith("Қазақстан")


def test_kz1048_kazakh_file(tmp_path):
    text = "Қазақстан Республикасының Үкіметі мен Әзірбайжан Республикасының Үкіметі арасындағы келісім."
    path = tmp_path / "kz.txt"
    path.write_bytes(text.encode("kz1048"))
    raw = read_file(path)
    assert raw.encoding == "kz1048"
    assert raw.text == text


def test_unknown_encoding_is_refused(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Übereinkommen über die Zusammenarbeit — ÀÉÎÕÜ ".encode("cp1252") * 10 + b"\x81\x8d\x8f\x90\x9d")
    with pytest.raises(InputError, match="encoding"):
        read_file(path)


def test_html_blocks_scripts_and_entities(tmp_path):
    path = tmp_path / "act.html"
    path.write_text("""<!DOCTYPE html><html><head><title>x</title><style>p{}</style>
    <script>alert('Статья 99')</script></head><body>
    <h2>Статья 1. Цель</h2><p>Целью настоящего Соглашения является &laquo;сотрудничество&raquo;.</p>
    <div>Статья 2<br>Стороны&nbsp;осуществляют сотрудничество.</div>
    </body></html>""", encoding="utf-8")
    doc = load_document(path, "ru")
    assert doc.format == "html"
    assert doc.articles == ["1", "2"]
    texts = [s.text for s in doc.segments]
    assert "Целью настоящего Соглашения является «сотрудничество»." in texts
    assert not any("alert" in t or "99" in t for t in texts)


def test_html_does_not_expand_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    path = tmp_path / "evil.html"
    path.write_text(f"""<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>
    <html><body><p>Статья 1. Стороны договорились &x; о сотрудничестве в области права.</p></body></html>""",
                    encoding="utf-8")
    raw = read_file(path)
    assert "TOPSECRET" not in raw.text


def _docx(paragraphs, numbered=()):
    body = []
    for i, text in enumerate(paragraphs):
        num = ('<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
               if i in numbered else "")
        body.append(f'<w:p>{num}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
    document = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + "".join(body) + "</w:body></w:document>")
    numbering = ('<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w='
                 '"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)
    return buf.getvalue()


def test_docx_paragraphs_and_list_items(tmp_path):
    path = tmp_path / "act.docx"
    path.write_bytes(_docx(["1-бап Мақсаты", "Тараптар мынадай нысандарда ынтымақтастықты жүзеге асырады:",
                            "ресми сапарлар;", "жұмыс кездесулері.", "2-бап"], numbered={2, 3}))
    doc = load_document(path, "kk")
    assert doc.format == "docx"
    assert doc.articles == ["1", "2"]
    texts = [s.text for s in doc.segments]
    assert "1) ресми сапарлар;" in texts and "2) жұмыс кездесулері." in texts


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 50, "binary"),
    (b"   \n\n  \t\n", "no text"),
])
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_document(path, "kk")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "nope.txt", "kk")


def test_damaged_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="docx"):
        load_document(path, "ru")


def test_russian_given_as_kazakh():
    with pytest.raises(LanguageError, match="given as Kazakh, but it is Russian"):
        load_document(SEEDS / "ru" / "000_814850e4c9e980b5.txt", "kk")


def test_kazakh_given_as_russian():
    with pytest.raises(LanguageError, match="given as Russian, but it is Kazakh"):
        load_document(SEEDS / "kk" / "002_700c28a48b73b99d.txt", "ru")


def test_non_cyrillic_text(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("Article 1. The Parties shall cooperate in the field of migration. " * 5)
    with pytest.raises(LanguageError, match="not Cyrillic"):
        load_document(path, "kk")
