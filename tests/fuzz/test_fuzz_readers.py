"""Fuzzing the readers (plain text in every encoding, markdown, HTML, DOCX) with a fixed
budget: every outcome is accepted-and-faithful or refused with one line; none is BAD.
SAIKES_FUZZ_SCALE=10 runs ten times as many inputs."""
from __future__ import annotations

import fuzzharness as harness
import oracles
import strategies as S
from fuzzharness import SETTINGS, Case, examples, run
from hypothesis import given, settings

from align.text.pipeline import build_document
from align.text.read import read_bytes


def read(case: Case):
    raw = read_bytes(case.data, case.name)
    return raw, build_document(raw, case.name, None)


def faithful(case: Case, result) -> str | None:
    raw, _ = result
    original = case.meta.get("original")
    why = oracles.looks_like_garbage(raw.text)
    if why:
        return why
    if original is None:
        return None
    if case.kind == "honest" and case.name.endswith((".txt", ".md")):
        return None if raw.text == original else "honest text not read back exactly"
    share = oracles.overlap(raw.text, original)
    need = 0.9 if case.kind == "honest" else 0.5
    if share < need:
        return f"only {share:.0%} of the words read are the file's words"
    if case.kind == "honest" and not oracles.words(original) <= oracles.words(raw.text) | {""}:
        missing = sorted(oracles.words(original) - oracles.words(raw.text))[:3]
        return f"words lost: {missing}"
    return None


def _check(family):
    assert not harness.BAD[family], "\n".join(harness.BAD[family][:10])


@settings(max_examples=examples(450), **SETTINGS)
@given(S.text_files(".txt"))
def test_plain_text(case):
    run("text", case, read, faithful)


def test_plain_text_no_bad():
    _check("text")


@settings(max_examples=examples(150), **SETTINGS)
@given(S.text_files(".md"))
def test_markdown(case):
    run("markdown", case, read, faithful)


def test_markdown_no_bad():
    _check("markdown")


@settings(max_examples=examples(250), **SETTINGS)
@given(S.html_files())
def test_html(case):
    run("html", case, read, faithful)


def test_html_no_bad():
    _check("html")


@settings(max_examples=examples(400), **SETTINGS)
@given(S.docx_files())
def test_docx(case):
    run("docx", case, read, faithful)


def test_docx_no_bad():
    _check("docx")
