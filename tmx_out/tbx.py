"""TBX-Basic term base from glossary entries.

One `termEntry` per Kazakh term (a concept); its Kazakh `langSet` holds the term, its
Russian `langSet` one `tig` per translation, best first. Each `tig` has the term, its
part of speech, its administrative status (preferredTerm-admn for terms a terminologist
approved or edited, admittedTerm-admn for the rest) and a context sentence with its
source act:

    <martif type="TBX-Basic" xml:lang="kk">
      <martifHeader>…</martifHeader>
      <text><body>
        <termEntry id="e12">
          <langSet xml:lang="kk"><tig>
            <term>уәкілетті орган</term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn</termNote>
            <descripGrp><descrip type="context">…</descrip><admin type="source">000_…</admin></descripGrp>
          </tig></langSet>
          <langSet xml:lang="ru">…</langSet>
        </termEntry>

The file validates against the TBX core-structure schema OmegaT ships (schemas/tbx.xsd in
OmegaT.jar, TBX 2008 without a namespace); the data categories used are those of
TBX-Basic. Entries may be any objects with the attributes of `align.glossary.Entry`.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .base import ExportError, open_target

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XCS = "TBXBasicXCSV02.xcs"
PREFERRED = ("approved", "edited")
# Parts of speech TBX-Basic allows.
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "properNoun", "other")
CONTEXT_MAX = 600


def _status(status: str) -> str:
    return "preferredTerm-admn" if status in PREFERRED else "admittedTerm-admn"


def _context(example: dict, lang: str) -> str:
    text = " ".join(example[lang].split())
    if len(text) > CONTEXT_MAX:
        text = text[:CONTEXT_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text


def _tig(parent, term: str, pos: str, status: str, example: dict | None, lang: str, note: str | None):
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = term
    ET.SubElement(tig, "termNote", type="partOfSpeech").text = pos if pos in PARTS_OF_SPEECH else "noun"
    ET.SubElement(tig, "termNote", type="administrativeStatus").text = _status(status)
    if example:
        grp = ET.SubElement(tig, "descripGrp")
        ET.SubElement(grp, "descrip", type="context").text = _context(example, lang)
        ET.SubElement(grp, "admin", type="source").text = str(example.get("pair", ""))
    if note:
        ET.SubElement(tig, "note").text = note


def build_tbx(entries, title: str = "saikes glossary", sources=()) -> ET.Element:
    entries = [e for e in entries if e.status != "rejected"]
    if not entries:
        raise ExportError("the glossary has no entries to export")
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "kk"})
    header = ET.SubElement(martif, "martifHeader")
    fdesc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(fdesc, "titleStmt"), "title").text = title
    src = ET.SubElement(fdesc, "sourceDesc")
    ET.SubElement(src, "p").text = ("Kazakh–Russian terms extracted by saikes from aligned legal acts"
                                    + (": " + ", ".join(sources) if sources else ""))
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = XCS
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")

    groups: dict[str, list] = {}
    for e in entries:
        groups.setdefault(e.kk_key, []).append(e)
    for key, group in groups.items():
        group.sort(key=lambda e: (e.status not in PREFERRED, -e.freq))
        head = group[0]
        te = ET.SubElement(body, "termEntry", id=f"e{head.id}")
        if head.acts:
            ET.SubElement(te, "note").text = "acts: " + ", ".join(head.acts)
        kk = ET.SubElement(te, "langSet", {XML_LANG: "kk"})
        kk_example = next((ex for e in group for ex in e.examples), None)
        forms = ", ".join(list(head.kk_forms)[:8])
        _tig(kk, head.kk, head.kk_pos, head.status, kk_example, "kk",
             f"{head.kk_freq} segments; forms: {forms}" if forms else None)
        ru = ET.SubElement(te, "langSet", {XML_LANG: "ru"})
        for e in group:
            ex = e.examples[0] if e.examples else None
            _tig(ru, e.ru, e.ru_pos, e.status, ex, "ru",
                 f"{e.freq} aligned pairs; Dice {e.dice:.2f}" if e.freq else None)
    ET.indent(martif, space="  ")
    return martif


def write_tbx(entries, path, title: str = "saikes glossary", sources=()) -> None:
    """Write a TBX-Basic file (`path`: a file or a binary stream)."""
    root = build_tbx(entries, title, sources)
    with open_target(path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        ET.ElementTree(root).write(fh, encoding="utf-8", xml_declaration=False)
        fh.write(b"\n")
    return path
