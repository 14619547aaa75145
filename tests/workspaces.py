"""Workspaces and files the tests build: seed pairs with naive or gold beads, TMX checks,
adversarial text. Shared by the unit, integration and end-to-end tests."""
from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from align import jobs
from align.lang.tables import HOMOGLYPHS
from align.store import REVIEW_STATUSES, Workspace
from align.text.pipeline import load_document
from tmx_out.base import Unit
from tmx_out.tmx import seg_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "seeds_gold"
SEEDS = ROOT / "seeds"


OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")


GOLD_NAMES = sorted(p.stem for p in DATA.glob("*.json"))


def need_omegat() -> None:
    """Skip when OmegaT is not installed, except in CI, where the test must run."""
    if not OMEGAT_JAR.is_file() and os.environ.get("CI") != "true":
        pytest.skip(f"OmegaT is not installed ({OMEGAT_JAR} missing)")


def assert_valid_tmx(path, dtd) -> etree._ElementTree:
    """Parse `path` (no entities, no network), check it against the DTD and the rules
    the DTD cannot express; return the tree."""
    raw = Path(path).read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    raw.decode("utf-8")                      # strict UTF-8
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(str(path), parser)
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    root = tree.getroot()
    assert root.get("version") == "1.4"
    for tu in root.iter("tu"):
        assert TMX_DATE.match(tu.get("creationdate")), tu.get("creationdate")
        assert TMX_DATE.match(tu.get("changedate")), tu.get("changedate")
        tuvs = tu.findall("tuv")
        assert sorted(t.get(XML_LANG) for t in tuvs) == ["kk-KZ", "ru-RU"]
        for tuv in tuvs:
            assert tuv.find("seg").text and tuv.find("seg").text.strip(), "empty seg"
    return tree


def tmx_pairs(tree) -> list[dict]:
    """Each tu as {lang: text, 'props': {type: [values]}} in file order."""
    out = []
    for tu in tree.getroot().iter("tu"):
        item = {"props": {}}
        for p in tu.findall("prop"):
            item["props"].setdefault(p.get("type"), []).append(p.text)
        for tuv in tu.findall("tuv"):
            item[tuv.get(XML_LANG)] = seg_text(tuv.find("seg"))
        out.append(item)
    return out


def gold_beads(name: str) -> list[dict]:
    """Bead dicts for the workspace from a gold file, with varied statuses, confidences
    and articles, so that the filters have something to filter."""
    gold = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    beads, k, r = [], 0, 0
    for i, b in enumerate(gold["beads"]):
        beads.append({
            "section": "act", "article": None if i < 5 else 1 + i // 10,
            "kk_segs": list(range(k, k + len(b["kk"]))), "ru_segs": list(range(r, r + len(b["ru"]))),
            "kk": " ".join(b["kk"]), "ru": " ".join(b["ru"]),
            "confidence": round((i * 37 % 101) / 100, 2), "scores": {},
            "status": REVIEW_STATUSES[i % len(REVIEW_STATUSES)],
        })
        k += len(b["kk"])
        r += len(b["ru"])
    return beads


def build_workspace(path, names=None) -> Workspace:
    """A workspace with the seed pairs `names` (default: those with gold alignments)
    imported and their gold beads stored."""
    ws = Workspace(path)
    for name in names or GOLD_NAMES:
        kk = load_document(SEEDS / "kk" / f"{name}.txt", "kk")
        ru = load_document(SEEDS / "ru" / f"{name}.txt", "ru")
        ws.import_pair(name, kk, ru)
        ws.store_alignment(ws.pair(name).id, gold_beads(name), {"source": "gold"})
    return ws


def adversarial_units() -> list[Unit]:
    long_kk = "Ұзақ " + "сөйлем " * 1430 + "соңы."
    long_ru = "Длинное " + "предложение " * 835 + "конец."
    assert len(long_kk) > 10_000 and len(long_ru) > 10_000
    pairs = [
        ("Тараптар & уәкілетті <орган> ]]> келісті", "Стороны & уполномоченный <орган> ]]> согласились"),
        ("Басқару\x00 \x01таңбалары\x08\x0b\x0c\x1f бар\x7f", "Управляющие\x1b символы\x0e\x10 здесь"),
        ("Бидай белгілері \u200f\u202bمرحبا\u202c\u200e және \u2066изоляция\u2069",
         "Знаки \u200e\u202eнаправления\u202c и \u2067изоляция\u2069"),
        ("Эмодзи 😀👍🏽👨‍👩‍👧 және 🇰🇿", "Эмодзи 😀👍🏽👨‍👩‍👧 и 🇰🇿"),
        (long_kk, long_ru),
        ("&amp; &lt;seg&gt; <![CDATA[x]]> \"қос\" 'жалқы' <?pi?> <!-- c -->",
         "&amp; &lt;seg&gt; <![CDATA[x]]> \"двойные\" 'одинарные'"),
        ("Жолдар\nбөлінген\r\nтабпен\tжәне", "Строки\nразбиты\r\nтабуляцией\tи"),
        ("=СУММА(A1:A9) формула", "+7 (727) 000-00-00 @мention -1"),
        ("Тіркелмеген \ud800 суррогат және \ud83d\ude00 жұп", "Суррогат \udfff одинокий"),
        ("\ufffe\uffff Арнайы \ufeffтаңбалар\u2028\u2029", "Спецсимволы\u2028\u2029 \ufeff"),
    ]
    return [Unit(kk=k, ru=r, document=f"adv-{i}", article=str(i), confidence=i / 10, status="approved",
                 created="2024-03-01T10:00:00Z", changed="2024-03-02T11:30:00Z")
            for i, (k, r) in enumerate(pairs)]


PAIR = "000_814850e4c9e980b5"


def naive_beads(ws: Workspace, pair_id: int) -> list[dict]:
    """1:1 beads of segments section by section (leftovers 1:0 / 0:1): a stand-in for the
    aligner that gives the review operations real segments to work on."""
    docs = {lang: ws.document(pair_id, lang) for lang in ("kk", "ru")}
    by_section: dict[str, dict[str, list[int]]] = {}
    article: dict[str, int | None] = {}
    for lang, doc in docs.items():
        for i, s in enumerate(doc.segments):
            block = doc.blocks[s.block]
            by_section.setdefault(block.section, {"kk": [], "ru": []})[lang].append(i)
            article.setdefault(block.section, block.article)
    beads = []
    for section, segs in by_section.items():
        kk, ru = segs["kk"], segs["ru"]
        for j in range(max(len(kk), len(ru))):
            k = [kk[j]] if j < len(kk) else []
            r = [ru[j]] if j < len(ru) else []
            conf = 0.9 if k and r else 0.2
            beads.append({"section": section, "article": article[section], "kk_segs": k, "ru_segs": r,
                          "kk": " ".join(docs["kk"].segments[i].text for i in k),
                          "ru": " ".join(docs["ru"].segments[i].text for i in r),
                          "confidence": conf - 0.01 * (j % 7), "scores": {"naive": True},
                          "status": "auto" if conf > 0.5 else "flagged"})
    return beads


def make_workspace(path, names=(PAIR,), aligner: bool = False) -> Workspace:
    ws = Workspace(path)
    for name in names:
        kk = load_document(SEEDS / "kk" / f"{name}.txt", "kk")
        ru = load_document(SEEDS / "ru" / f"{name}.txt", "ru")
        ws.import_pair(name, kk, ru)
        if aligner:
            jobs.align_pair(ws, name)
            continue
        pid = ws.pair(name).id
        ws.store_alignment(pid, naive_beads(ws, pid), {"aligner": "naive test beads"})
    return ws


def _stream_len(text: str, lang: str) -> int:
    text = unicodedata.normalize("NFC", text)
    return sum(1 for c in text if HOMOGLYPHS[lang].get(c, c).isalnum())


def _assign(doc, gold_beads, lang) -> list[list[int]]:
    """Doc segment indices per gold bead, by where both fall in the stream of letters and
    digits (the same text on both sides; look-alike letters and spacing do not count)."""
    seg_len = [_stream_len(s.text, lang) for s in doc.segments]
    bead_len = [sum(_stream_len(t, lang) for t in b[lang]) for b in gold_beads]
    total_doc, total_gold = sum(seg_len) or 1, sum(bead_len) or 1
    scale = total_gold / total_doc
    bounds, pos = [], 0
    for n in bead_len:
        bounds.append((pos, pos + n))
        pos += n
    out = [[] for _ in gold_beads]
    pos = 0
    for i, n in enumerate(seg_len):
        a, b = pos * scale, (pos + n) * scale
        pos += n
        best, best_overlap = None, -1.0
        for k, (ga, gb) in enumerate(bounds):
            if gb <= ga:
                continue
            overlap = min(b, gb) - max(a, ga)
            if overlap > best_overlap or (n == 0 and ga <= a < gb):
                best, best_overlap = k, overlap
            if ga > b:
                break
        if best is not None:
            out[best].append(i)
    return out


def gold_workspace(db_path, names=None) -> Workspace:
    """A workspace holding the seed pairs that have gold alignments, with the gold beads
    stored through `Workspace.store_alignment`, as the aligner stores its beads."""
    ws = Workspace(db_path)
    for gold_path in sorted(DATA.glob("*.json")):
        name = gold_path.stem
        if names is not None and name not in names:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["beads"]
        docs = {lang: load_document(SEEDS / lang / f"{name}.txt", lang) for lang in ("kk", "ru")}
        ws.import_pair(name, docs["kk"], docs["ru"])
        segs = {lang: _assign(docs[lang], gold, lang) for lang in ("kk", "ru")}
        beads = []
        for k in range(len(gold)):
            kk, ru = segs["kk"][k], segs["ru"][k]
            if not kk and not ru:
                continue
            first_doc, first = (docs["kk"], kk[0]) if kk else (docs["ru"], ru[0])
            block = first_doc.blocks[first_doc.segments[first].block]
            beads.append({"section": block.section, "article": block.article, "kk_segs": kk, "ru_segs": ru,
                          "kk": " ".join(docs["kk"].segments[i].text for i in kk),
                          "ru": " ".join(docs["ru"].segments[i].text for i in ru),
                          "confidence": 1.0, "scores": {"gold": 1.0}, "status": "auto"})
        ws.store_alignment(ws.pair(name).id, beads, {"source": "gold"})
    return ws
