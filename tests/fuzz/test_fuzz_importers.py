"""Fuzzing the importers (TMX, TBX, TSV, CSV, OmegaT term lists) with a fixed budget: every
outcome is accepted-and-faithful or refused with one line; none is BAD."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import fuzzharness as harness
import oracles
import strategies as S
from fuzzharness import SETTINGS, Case, examples, run
from hypothesis import given, settings

from align.exports import load_tmx
from align.glossary.term_lists import read_term_list

TMP = Path(tempfile.mkdtemp(prefix="saikes-fuzz-"))


def _file(case: Case) -> Path:
    path = TMP / case.name
    path.write_bytes(case.data)
    return path


def read_tmx_case(case: Case):
    return [(u.kk, u.ru) for u in load_tmx(_file(case))[0].units]


def read_terms_case(case: Case):
    return [(p.kk, p.ru) for p in read_term_list(_file(case))]


def faithful(case: Case, pairs) -> str | None:
    for kk, ru in pairs:
        why = oracles.looks_like_garbage(kk + " " + ru)
        if why:
            return why
    if case.kind == "honest":
        want = [(k.strip(), r.strip()) for k, r in case.meta["pairs"]]
        got = [(" ".join(k.split()), " ".join(r.split())) for k, r in pairs]
        if case.meta["how"] == "cr":        # a line break inside a cell is read as a space
            want = [(" ".join(k.split()), " ".join(r.split())) for k, r in want]
        if got != [(" ".join(k.split()), " ".join(r.split())) for k, r in want]:
            return f"pairs changed: {got[:2]} for {want[:2]}"
    # what was accepted: the Kazakh side Cyrillic, and not the Russian side's language
    kk = " ".join(p[0] for p in pairs)
    latin, cyrillic = len(re.findall("[A-Za-z]", kk)), len(re.findall("[\u0400-\u04ff]", kk))
    if latin > cyrillic:
        return "a Latin 'Kazakh' side accepted"
    if oracles.swapped(pairs):
        return "swapped sides accepted"
    return None


def _check(family):
    assert not harness.BAD[family], "\n".join(harness.BAD[family][:10])


@settings(max_examples=examples(450), **SETTINGS)
@given(S.tmx_files())
def test_tmx(case):
    run("tmx", case, read_tmx_case, faithful)


def test_tmx_no_bad():
    _check("tmx")


@settings(max_examples=examples(200), **SETTINGS)
@given(S.tbx_files())
def test_tbx(case):
    run("tbx", case, read_terms_case, faithful)


def test_tbx_no_bad():
    _check("tbx")


@settings(max_examples=examples(200), **SETTINGS)
@given(S.term_list_files("tsv"))
def test_tsv(case):
    run("tsv", case, read_terms_case, faithful)


def test_tsv_no_bad():
    _check("tsv")


@settings(max_examples=examples(150), **SETTINGS)
@given(S.term_list_files("csv"))
def test_csv(case):
    run("csv", case, read_terms_case, faithful)


def test_csv_no_bad():
    _check("csv")


@settings(max_examples=examples(150), **SETTINGS)
@given(S.term_list_files("omegat"))
def test_omegat(case):
    run("omegat", case, read_terms_case, faithful)


def test_omegat_no_bad():
    _check("omegat")
