"""Official acts as the legal portal publishes them (tests/data/real, with gold made by
reading both texts): each class of layout and structure that real acts have, as a test on
real text or on a perturbed copy of it."""
import json

import pytest

from align import model as M
from align.core.aligner import align_documents, confident_texts, lexicon_from_texts
from align.core.relatedness import check_related
from align.text.pipeline import build_document, load_document
from align.text.read import RawText, read_html_bytes

import perturb
from conftest import run_cli
from goldtools import REAL, REAL_GOLD, align_scorer, stream

GOLD_ACTS = sorted(p.stem for p in REAL_GOLD.glob("*.json"))


def _texts(name):
    return {side: (REAL / side / f"{name}.md").read_text(encoding="utf-8") for side in ("kk", "ru")}


def _gold(name):
    return json.loads((REAL_GOLD / f"{name}.json").read_text(encoding="utf-8"))


def _docs(texts, fmt=None, name="act"):
    fmt = fmt or {"kk": "md", "ru": "md"}
    out = []
    for side in ("kk", "ru"):
        raw = read_html_bytes(texts[side].encode("utf-8"), f"{name}.html") if fmt[side] == "html" \
            else RawText(texts[side], "utf-8", fmt[side])
        out.append(build_document(raw, f"{name}.{fmt[side]}", side))
    return out


def _align(kk, ru):
    """Two passes, as `saikes align` does for one pair."""
    first = align_documents(kk, ru)
    return align_documents(kk, ru, lexicon=lexicon_from_texts(confident_texts(first.beads)))


def _score(result, gold):
    return align_scorer().score(gold, [(b["kk"], b["ru"]) for b in result.beads])


def _variant(family, name, seed=0):
    texts, fmt, gold = perturb.variant(family, _texts(name), _gold(name), seed)
    kk, ru = _docs(texts, fmt, name)
    return _align(kk, ru), gold


# ------------------------------------------------------------------ the acts as published

@pytest.mark.parametrize("name", ["law_collective_agreements_1992", "law_imf_worldbank_membership_1992",
                                  "ministerial_order_rules_memoranda_2015"])
def test_gold_acts_of_the_portal(name):
    """The three acts with gold in ../shared/real/gold: link F1 >= 0.98, bead F1 >= 0.93."""
    s = _score(_align(*_docs(_texts(name))), _gold(name))
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.93, s


def test_every_real_act_runs_and_reports_only_real_differences(tmp_path):
    r = run_cli("run", "--kk", REAL / "kk", "--ru", REAL / "ru", "--out", tmp_path / "out",
                "--glossaries", tmp_path / "gl", "--name", "real", db=tmp_path / "w.db", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    names = sorted(p.stem for p in (REAL / "kk").glob("*.md"))
    for name in names:
        assert f"{name}: segments kk" in r.stdout
    # none of the 19 pairs has a unit in one version only: no mismatch may be reported
    assert "article mismatch:" not in r.stdout, r.stdout
    assert "table of contents (11 lines)" in r.stdout      # law_collective_agreements_1992, Kazakh only


# ------------------------------------------------------------------ 1. tables of contents

def test_table_of_contents_is_kept_out_of_the_alignment():
    name = "law_collective_agreements_1992"
    kk, ru = _docs(_texts(name))
    toc = [s.text for s in kk.segments if kk.blocks[s.block].kind == M.TOC]
    assert len(toc) == 11 and toc[0].startswith("1-бап")
    assert [b.number for b in kk.headings()] == [str(n) for n in range(1, 12)]   # the real headings only
    result = _align(kk, ru)
    alone = [b for b in result.beads if b["section"] == "toc"]
    assert [b["kk"] for b in alone] == toc
    assert len(alone) == 11 and all(not b["ru"] and b["status"] == "auto" for b in alone)
    assert any("table of contents" in f["message"] for f in result.report["structure"])
    heads = [b for b in result.beads if b["kk"].startswith("1-бап") and b["ru"]]
    assert heads and heads[0]["ru"].startswith("Статья 1.")


def test_contents_added_to_one_side():
    result, gold = _variant("contents_ru", "law_artificial_intelligence_2025")
    s = _score(result, gold)
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.95, s


# ------------------------------------------------------------------ 2. text on the heading line

def test_article_text_on_the_heading_line():
    result, gold = _variant("heading_with_text_ru", "law_imf_worldbank_membership_1992")
    s = _score(result, gold)
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.93, s
    assert result.report["article_problems"] == []
    heads = [b for b in result.beads if b["kk"].endswith("-бап") and b["ru"]]
    assert [b["ru"] for b in heads] == [f"Статья {n}." for n in range(1, 8)]


# ------------------------------------------------------------------ 3. the hierarchy

def test_parts_sections_chapters_paragraphs_and_articles_of_a_code():
    kk, ru = _docs(_texts("code_marriage_family_2011"))
    for doc in (kk, ru):
        levels = {}
        for b in doc.headings():
            levels.setdefault(b.level, []).append(b.number)
        assert levels["part"] == ["general", "special"]
        assert len(levels["article"]) == 283 and levels["article"][-1] == "283"
        assert len(levels["chapter"]) == 33 and levels["paragraph"] == ["1", "2", "3"]
    assert [b.key for b in kk.headings()] == [b.key for b in ru.headings()]


def test_roman_sections_of_the_constitution_meet():
    kk, ru = _docs(_texts("constitution_2026"))
    sections = [[b.number for b in d.headings() if b.level == "section"] for d in (kk, ru)]
    assert sections[0] == sections[1] == [str(n) for n in range(1, 12)]   # "І бөлім" (Cyrillic І) ~ "Раздел I"


# ------------------------------------------------------------------ 4. inserted, excluded, big numbers

def test_inserted_articles_pair_with_their_own():
    kk, ru = _docs(_texts("law_access_to_information_2015"))
    assert "6-1" in kk.articles and "6-2" in ru.articles
    result = _align(kk, ru)
    pairs = [(b["kk"][:6], b["ru"][:12]) for b in result.beads if b["kk"].startswith("6-")]
    assert ("6-1-ба", "Статья 6-1. ") in pairs and ("6-2-ба", "Статья 6-2. ") in pairs


def test_an_excluded_article_is_reported_and_the_rest_aligned():
    texts, gold = _texts("law_collective_agreements_1992"), _gold("law_collective_agreements_1992")
    lines = texts["ru"].splitlines()
    start = lines.index(next(x for x in lines if x.startswith("## Статья 9.")))
    end = lines.index(next(x for x in lines if x.startswith("## Статья 10.")))
    texts["ru"] = "\n".join(lines[:start] + ["## Статья 9. Исключена Законом РК от 01.01.2020 № 1-VI.", ""]
                            + lines[end:]) + "\n"
    result = _align(*_docs(texts))
    assert any(f["kind"] == "excluded" and f["units"] == ["article:9"] for f in result.report["structure"])
    s = _score(result, gold)
    assert s["link_f1"] >= 0.98, s


def test_article_numbers_over_a_thousand():
    texts, gold = _texts("law_artificial_intelligence_2025"), _gold("law_artificial_intelligence_2025")
    for side in ("kk", "ru"):
        texts, gold = perturb.renumber(texts, gold, side, 1, by=1000)
    kk, ru = _docs(texts)
    assert kk.articles[0] == "1001" and ru.articles[-1] == "1031"
    result = _align(kk, ru)
    assert result.report["article_problems"] == []
    s = _score(result, gold)
    assert s["link_f1"] >= 0.99 and s["bead_f1"] >= 0.98, s


# ------------------------------------------------------------------ 5. editorial notes

def test_editorial_notes_are_their_own_kind_and_may_stand_alone():
    name = "govdecree_one_window_investors_2019"
    kk, ru = _docs(_texts(name))
    notes = [s.text for s in kk.segments if kk.blocks[s.block].kind == M.EDITORIAL]
    assert len(notes) >= 10 and all(n.startswith("Ескерту") for n in notes)
    result = _align(kk, ru)
    stray = [b for b in result.beads if b["kk"].startswith("Ескерту. Қағидалар 3-1-тармақпен")]
    assert stray and not stray[0]["ru"] and stray[0]["status"] == "auto"   # a Kazakh-only note: expected
    s = _score(result, _gold(name))
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.93, s


def test_proofreaders_lines_are_not_paired():
    kk, ru = _docs(_texts("law_imf_worldbank_membership_1992"))
    result = _align(kk, ru)
    proof = [b for b in result.beads if b["kk"].startswith(("Оқығандар", "Қасымбеков", "Багарова"))]
    assert len(proof) == 3 and all(not b["ru"] for b in proof)


# ------------------------------------------------------------------ 6. markdown, tables, web pages

def test_tables_are_one_segment_a_row_without_markup():
    name = "udp_order_burabay_park_tariffs_2024"
    kk, ru = _docs(_texts(name))
    rows = [s.text for s in kk.segments if kk.blocks[s.block].kind == M.TABLE]
    assert len(rows) == 15 and rows[1].startswith("1 | Ұйымдастырылған экскурсиялар")
    assert not any("<t" in s.text or "**" in s.text or s.text.startswith(">") for d in (kk, ru) for s in d.segments)
    s = _score(_align(kk, ru), _gold(name))
    assert s["link_f1"] >= 0.99 and s["bead_f1"] >= 0.97, s


def test_fixed_width_table_in_a_code_block():
    name = "local_mangystau_language_program_1997"
    kk, ru = _docs(_texts(name))
    rows = [s.text for s in ru.segments if ru.blocks[s.block].kind == M.TABLE]
    assert len(rows) == 22 and rows[12].startswith("12.Организовать рубрики")
    s = _score(_align(kk, ru), _gold(name))
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.93, s


def test_web_page_with_menus():
    result, gold = _variant("html_ru", "law_artificial_intelligence_2025")
    assert not any("Главная" in b["ru"] or "Басты бет" in b["ru"] or "Карта сайта" in b["ru"]
                   for b in result.beads)
    s = _score(result, gold)
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.95, s


# ------------------------------------------------------------------ 7. layouts

@pytest.mark.parametrize("family,name", [
    ("rewrap_kk", "law_artificial_intelligence_2025"), ("rewrap_ru", "minjust_order_forensic_methods_rules_2017"),
    ("one_per_line", "local_shymkent_maslikhat_water_use_rules_2019"),
    ("one_per_line", "law_artificial_intelligence_2025"),
])
def test_paragraphs_whatever_the_layout(family, name):
    result, gold = _variant(family, name, seed=3)
    s = _score(result, gold)
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.93, (family, s)
    longest = max(len(b["kk"]) for b in result.beads)
    assert longest < 1500


def test_docx_made_from_a_pdf_one_line_a_paragraph(tmp_path):
    """A PDF pasted into Word: every line a paragraph of its own."""
    import zipfile
    from xml.sax.saxutils import escape
    name = "law_artificial_intelligence_2025"
    wrapped = perturb.rewrap(_texts(name)["kk"], 55)
    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line.lstrip('#* '))}</w:t></w:r></w:p>"
                    for line in wrapped.splitlines() if line.strip())
    path = tmp_path / "kk.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                   f'2006/main"><w:body>{paras}</w:body></w:document>')
    kk = load_document(path, "kk")
    ru = _docs(_texts(name))[1]
    s = _score(_align(kk, ru), _gold(name))
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.93, s


# ------------------------------------------------------------------ 8. missing text, lost and renumbered headings

def test_lost_sentences_are_left_alone_not_shifted():
    result, gold = _variant("drop_ru", "constitution_2026", seed=1)
    s = _score(result, gold)
    assert s["link_f1"] >= 0.98 and s["bead_f1"] >= 0.95, s
    alone = [b for b in result.beads if b["kk"] and not b["ru"] and not b["scores"].get("expected_alone")]
    assert alone and all(b["status"] == "flagged" for b in alone)


def test_lost_headings_cost_only_themselves():
    result, gold = _variant("heading_lost_ru", "law_artificial_intelligence_2025", seed=2)
    s = _score(result, gold)
    assert s["link_f1"] >= 0.99 and s["bead_f1"] >= 0.97, s
    lost = [f for f in result.report["structure"] if f["kind"] == "heading_missing"]
    assert lost and not result.report["article_problems"]


def test_renumbered_articles_are_reported_and_paired_by_content():
    result, gold = _variant("renumbered_ru", "law_artificial_intelligence_2025")
    s = _score(result, gold)
    assert s["link_f1"] >= 0.99 and s["bead_f1"] >= 0.97, s
    assert result.report["article_problems"] == ["articles 16–31 of the Kazakh text are numbered 17–32 in the Russian"]
    heads = [b for b in result.beads if b["kk"].startswith("16-бап")]
    assert heads[0]["ru"].startswith("Статья 17.") and heads[0]["confidence"] >= 0.9


# ------------------------------------------------------------------ 9. relatedness without structure

def test_a_version_without_headings_is_not_refused():
    texts = _texts("law_collective_agreements_1992")
    texts["ru"] = "\n".join(x for x in texts["ru"].splitlines() if not x.startswith("## Статья")) + "\n"
    kk, ru = _docs(texts)
    assert ru.articles == []
    result = align_documents(kk, ru)
    check_related("law_collective_agreements_1992", result)     # does not raise
    assert result.report["relatedness"] >= 0.6


def test_confident_beads_are_right_on_real_acts():
    """Among beads with confidence >= 0.9 on the gold acts, at least 98 % are exactly right."""
    right = []
    for name in GOLD_ACTS:
        gold = {(stream(" ".join(b["kk"])), stream(" ".join(b["ru"]))) for b in _gold(name)["beads"]}
        for b in _align(*_docs(_texts(name))).beads:
            if b["confidence"] >= 0.9:
                right.append((stream(b["kk"]), stream(b["ru"])) in gold)
    assert len(right) > 1500 and sum(right) / len(right) >= 0.98


def test_swapped_articles_are_reported_and_both_aligned():
    name = "law_artificial_intelligence_2025"
    texts = _texts(name)
    lines = texts["ru"].split("\n")
    at = {n: next(i for i, x in enumerate(lines) if x.startswith(f"**Статья {n}.")) for n in (5, 6, 7)}
    texts["ru"] = "\n".join(lines[:at[5]] + lines[at[6]:at[7]] + lines[at[5]:at[6]] + lines[at[7]:])
    result = _align(*_docs(texts))
    assert [f["kind"] for f in result.report["structure"]] == ["moved"]
    assert result.report["article_problems"] == [
        "article 5 stands in a different place in the two texts; its text was aligned where each version has it"]
    s = _score(result, _gold(name))
    assert s["link_f1"] >= 0.99 and s["bead_f1"] >= 0.98, s
