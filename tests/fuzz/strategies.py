"""Hypothesis strategies: honest inputs built from the seed acts and term lists, and
mutations of them an attacker or an unlucky user would make. Each draws a `Case` that says
whether the input must be accepted ('honest'), must be refused ('garbage') or may be either."""
from __future__ import annotations

import codecs
import zipfile
from xml.sax.saxutils import escape

import hostile as H
from fuzzharness import Case
from hypothesis import strategies as st

TEXT_ENCODINGS = {"kk": ("utf-8", "utf-8-sig", "utf-16", "kz1048"), "ru": ("utf-8", "utf-8-sig", "utf-16", "cp1251",
                                                                            "kz1048")}
CONTROL_CHARS = "".join(map(chr, [*range(1, 9), *range(14, 32), 127]))


@st.composite
def seed_text(draw, lang=None):
    lang = lang or draw(st.sampled_from(["kk", "ru"]))
    lines = H.KK_LINES if lang == "kk" else H.RU_LINES
    start = draw(st.integers(0, len(lines) - 8))
    count = draw(st.integers(6, 20))
    return lang, "\n".join(lines[start:start + count]) + "\n"


@st.composite
def byte_mutation(draw, data: bytes):
    """(mutated bytes, what was done); 'none' leaves the bytes as they are."""
    how = draw(st.sampled_from(["none", "none", "flip", "truncate", "nul", "control", "prefix", "splice"]))
    if how == "none" or len(data) < 4:
        return data, "none"
    out = bytearray(data)
    if how == "flip":
        for _ in range(draw(st.integers(1, 6))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    elif how == "truncate":
        out = out[:draw(st.integers(1, len(out) - 1))]
    elif how in ("nul", "control"):
        at = draw(st.integers(0, len(out)))
        ch = b"\x00" if how == "nul" else bytes([draw(st.sampled_from([1, 2, 7, 8, 27, 31, 127]))])
        out[at:at] = ch * draw(st.integers(1, 4))
    elif how == "prefix":
        out[0:0] = draw(st.binary(min_size=1, max_size=64))
    else:
        at = draw(st.integers(0, len(out)))
        out[at:at] = draw(st.binary(min_size=1, max_size=200))
    return bytes(out), how


@st.composite
def text_files(draw, suffix=".txt"):
    if draw(st.integers(0, 9)) == 0:              # bytes from nowhere
        data = draw(st.binary(min_size=1, max_size=3000))
        return Case(data, f"random{suffix}", "either", "random bytes", {"original": None})
    lang, text = draw(seed_text())
    if suffix == ".md":
        text = draw(markdown(text))
    encoding = draw(st.sampled_from(TEXT_ENCODINGS[lang]))
    data = text.encode(encoding)
    mutated, how = draw(byte_mutation(data))
    kind = "honest" if how == "none" else "either"
    if how == "nul" and not encoding.startswith("utf-16"):
        kind = "garbage"                        # NUL bytes in a text file are never text
    return Case(mutated, f"act{suffix}", kind, f"{lang} {encoding} {how}",
                {"original": text, "encoding": encoding, "how": how})


@st.composite
def markdown(draw, text):
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        form = draw(st.sampled_from(["plain", "plain", "heading", "bold", "quote", "table", "fence"]))
        out.append({"plain": line, "heading": f"## {line}", "bold": f"**{line}**", "quote": f"> {line}",
                    "table": f"| {line} | {i} |", "fence": f"```\n{line}\n```"}[form])
    if draw(st.booleans()):
        out.insert(0, "---\ntitle: act\n---")
    return "\n\n".join(out) + "\n"


@st.composite
def html_files(draw):
    lang, text = draw(seed_text())
    tags = draw(st.lists(st.sampled_from(["p", "div", "h2", "li", "td", "pre", "span"]), min_size=1, max_size=4))
    body = "".join(f"<{tags[i % len(tags)]}>{escape(line)}</{tags[i % len(tags)]}>"
                   for i, line in enumerate(text.splitlines()))
    extra = draw(st.sampled_from(["", "<script>alert(1)</script>", "<nav>menu</nav>", "&nbsp;&amp;&#1178;",
                                  '<!DOCTYPE html SYSTEM "http://example.com/x.dtd">', "<table><tr><td>1"]))
    charset = draw(st.sampled_from(["utf-8", "windows-1251", "kz-1048", "nonsense", ""]))
    meta = f'<meta charset="{charset}">' if charset else ""
    page = f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body>{extra}{body}</body></html>"
    encoding = {"windows-1251": "cp1251", "kz-1048": "kz1048"}.get(charset, "utf-8")
    try:
        data = page.encode(encoding)
    except UnicodeEncodeError:
        data = page.encode("utf-8")
    mutated, how = draw(byte_mutation(data))
    return Case(mutated, "page.html", "either", f"{lang} {charset} {extra[:12]} {how}",
                {"original": text, "how": how})


DOCX_MUTATIONS = ["none", "none", "flip", "truncate", "encrypted", "method", "declared", "deflate", "ilvl",
                  "random_part", "entity", "xinclude", "deep", "bomb", "no_document"]


@st.composite
def docx_files(draw):
    lang, text = draw(seed_text())
    paragraphs = text.splitlines()
    how = draw(st.sampled_from(DOCX_MUTATIONS))
    data, kind = H.docx(paragraphs), "either"
    doc_part = "word/document.xml"
    if how == "none":
        kind = "honest"
    elif how == "flip":
        data, _ = draw(byte_mutation(data).filter(lambda r: r[1] != "none"))
    elif how == "truncate":
        data = data[:draw(st.integers(1, len(data) - 1))]
    elif how == "encrypted":
        data, kind = H.set_flag(data, doc_part, flag=0x1), "garbage"
    elif how == "method":
        method = draw(st.sampled_from([zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, 99, 7, 0x1234]))
        data, kind = H.set_flag(data, doc_part, method=method), "garbage"
    elif how == "declared":
        size = draw(st.sampled_from([0, 1, 100, 3_000_000_000, 0xFFFFFFFF]))
        data, kind = H.set_declared_size(data, doc_part, size), "garbage"
    elif how == "deflate":
        data, kind = H.damage_deflate(H.docx(paragraphs * 4), doc_part), "garbage"
    elif how == "ilvl":
        xml_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
        ilvl = draw(st.one_of(st.text(xml_chars, max_size=6), st.sampled_from(["-1", "9", "1.5", "²", "٣", "99999999999"])))
        data, kind = H.docx(paragraphs, ilvl=ilvl), "honest"
    elif how in ("random_part", "entity", "xinclude", "deep"):
        part = {"random_part": draw(st.binary(max_size=500)).decode("latin-1"),
                "entity": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                          f'<w:document xmlns:w="{H.W_NS}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p>'
                          '</w:body></w:document>',
                "xinclude": f'<w:document xmlns:w="{H.W_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
                            '<w:body><xi:include href="/etc/passwd" parse="text"/></w:body></w:document>',
                "deep": f'<w:document xmlns:w="{H.W_NS}">' + "<w:p>" * 3000 + "</w:p>" * 3000
                        + "</w:document>"}[how]
        data = _with_part(data, doc_part, part.encode("utf-8", "surrogatepass"))
        kind = "garbage" if how in ("entity", "xinclude", "deep") else "either"
    elif how == "bomb":
        data, kind = H.zip_bomb(draw(st.integers(2, 6))), "garbage"
    elif how == "no_document":
        data, kind = _with_part(data, doc_part, None), "garbage"
    return Case(data, "act.docx", kind, f"{lang} {how}", {"original": text, "how": how})


def _with_part(data: bytes, part: str, content: bytes | None) -> bytes:
    import io
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != part:
                out.writestr(info.filename, src.read(info))
        if content is not None:
            out.writestr(part, content)
    return buf.getvalue()


# ------------------------------------------------------------------ importers

UNIT_KINDS = ["honest", "swapped", "latin", "garbage", "empty"]
LATIN = [("competent authority", "zuständige Behörde"), ("the Parties", "die Vertragsparteien"),
         ("state service", "Staatsdienst"), ("civil society", "Zivilgesellschaft"),
         ("financial organisation", "Finanzorganisation")]


@st.composite
def unit_lists(draw, terms=False):
    """(pairs, kind of the whole list): all honest, or one kind of wrong for all of them,
    or a few wrong among many honest (either)."""
    kk_pool, ru_pool = (H.KK_TERMS, H.RU_TERMS) if terms else (H.KK_LINES, H.RU_LINES)
    n = draw(st.integers(4, min(12, len(kk_pool))))
    start = draw(st.integers(0, len(kk_pool) - n))
    honest = list(zip(kk_pool[start:start + n], ru_pool[start:start + n]))
    shape = draw(st.sampled_from(["honest", "honest", "honest", "swapped", "latin", "garbage", "mixed"]))
    if shape == "honest":
        return honest, "honest"
    if shape == "swapped":
        return [(r, k) for k, r in honest], "garbage"
    if shape == "latin":
        return [LATIN[i % len(LATIN)] for i in range(n)], "garbage"
    if shape == "garbage":
        junk = draw(st.sampled_from(["\ufffd\ufffd", "\ufffd", "...", "—", "\u200b"]))
        return [(junk, junk) for _ in range(n)], "garbage"
    bad = draw(st.sampled_from([("\ufffd", "\ufffd"), LATIN[0]]))
    return honest + [bad], "either"


@st.composite
def tmx_files(draw):
    pairs, kind = draw(unit_lists())
    how = draw(st.sampled_from(["none", "none", "none", "none", "none", "entity", "xinclude", "truncate", "flip",
                                "deep", "not_tmx", "random", "no_kk", "bom"]))
    text = H.tmx(pairs)
    if how == "entity":
        text = text.replace("<tmx ", '<!DOCTYPE tmx [<!ENTITY x "Тараптар">]><tmx ').replace(
            "<seg>", "<seg>&x;", 1)
        kind = "garbage"
    elif how == "xinclude":
        text = text.replace("<body>", '<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                                      'href="file:///etc/hostname" parse="text"/>')
        kind = "garbage"
    elif how == "deep":
        text = text.replace("<body>", "<body>" + "<x>" * 2000 + "</x>" * 2000)
        kind = "garbage"
    elif how == "not_tmx":
        text = text.replace("<tmx ", "<xliff ").replace("</tmx>", "</xliff>")
        kind = "garbage"
    elif how == "no_kk":
        text = text.replace('xml:lang="kk-KZ"', 'xml:lang="en-US"')
        kind = "garbage"
    data = text.encode("utf-8")
    if how == "bom":
        data = codecs.BOM_UTF8 + data
    elif how == "truncate":
        data, kind = data[:draw(st.integers(1, len(data) - 10))], "either"
    elif how == "flip":
        data, _ = draw(byte_mutation(data).filter(lambda r: r[1] != "none"))
        kind = "either"
    elif how == "random":
        data, kind = draw(st.binary(max_size=2000)), "either"
    return Case(data, "memory.tmx", kind, f"{how} {kind}", {"pairs": pairs, "how": how})


@st.composite
def term_list_files(draw, fmt):
    pairs, kind = draw(unit_lists(terms=True))
    how = draw(st.sampled_from(["none", "none", "none", "header", "cr", "missing", "flip", "random", "bom"]))
    sep = {"tsv": "\t", "csv": ",", "omegat": "\t"}[fmt]
    suffix = {"tsv": ".tsv", "csv": ".csv", "omegat": ".txt"}[fmt]
    rows = [[k, r] + (["note"] if fmt == "omegat" else []) for k, r in pairs]
    if how == "header" and fmt != "omegat":
        rows.insert(0, ["ru", "kk"])
        rows[1:] = [[r, k] for k, r in rows[1:]]          # named columns in the other order: still right
    if how == "cr":
        rows[0][0] = rows[0][0].replace(" ", "\r", 1)
    if how == "missing":
        rows = [row[:1] if i % 2 else row for i, row in enumerate(rows)]
        kind = "garbage"
    text = "".join(sep.join(_quote(c, fmt) for c in row) + "\n" for row in rows)
    data = text.encode("utf-8")
    if how == "bom":
        data = codecs.BOM_UTF8 + data
    elif how == "flip":
        data, _ = draw(byte_mutation(data).filter(lambda r: r[1] != "none"))
        kind = "either"
    elif how == "random":
        data, kind = draw(st.binary(max_size=1000)), "either"
    return Case(data, f"terms{suffix}", kind, f"{fmt} {how} {kind}", {"pairs": pairs, "how": how})


def _quote(cell: str, fmt: str) -> str:
    if fmt == "csv" and any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def tbx_files(draw):
    pairs, kind = draw(unit_lists(terms=True))
    how = draw(st.sampled_from(["none", "none", "entity", "xinclude", "truncate", "flip", "random"]))
    text = H.tbx(pairs)
    if how == "entity":
        text = text.replace("<martif", '<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif', 1)
        text = text.replace("<term>", "<term>&x;", 1)
        kind = "garbage"
    elif how == "xinclude":
        text = text.replace("<body>", '<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                                      'href="file:///etc/hostname" parse="text"/>')
        kind = "garbage"
    data = text.encode("utf-8")
    if how == "truncate":
        data, kind = data[:draw(st.integers(1, len(data) - 10))], "either"
    elif how == "flip":
        data, _ = draw(byte_mutation(data).filter(lambda r: r[1] != "none"))
        kind = "either"
    elif how == "random":
        data, kind = draw(st.binary(max_size=1000)), "either"
    return Case(data, "terms.tbx", kind, f"tbx {how} {kind}", {"pairs": pairs, "how": how})
