"""Both cores and a kept lexicon (issue 12): the pool gives the same beads as one process,
the lexicon learned at alignment is stored and re-alignment reads it instead of the
workspace, and `run --workers` is honoured."""
from __future__ import annotations

from dataclasses import asdict

import pytest
from conftest import SEEDS, run_cli

from align import jobs
from align.core import scoring
from align.store import Workspace
from align.text.pipeline import load_document

NAMES = ["000_814850e4c9e980b5", "001_966cfad3000587e1", "004_0fcd0afa4661779e"]


def _imported(path) -> Workspace:
    ws = Workspace(path)
    for name in NAMES:
        ws.import_pair(name, load_document(SEEDS / "kk" / f"{name}.txt", "kk"),
                       load_document(SEEDS / "ru" / f"{name}.txt", "ru"))
    return ws


def _beads(ws):
    return {p.name: [(b.kk_segs, b.ru_segs, round(b.confidence, 9), b.status) for b in ws.beads(p.id)]
            for p in ws.pairs()}


def test_pool_gives_the_same_beads_as_one_process(tmp_path):
    one, two = _imported(tmp_path / "one.db"), _imported(tmp_path / "two.db")
    ticks = []
    r1 = jobs.align_all(one, workers=1)
    r2 = jobs.align_all(two, workers=2, progress=ticks.append)
    assert _beads(one) == _beads(two) and all(_beads(one).values())
    assert {n: r["mean_confidence"] for n, r in r1.items()} == {n: r["mean_confidence"] for n, r in r2.items()}
    assert sum(ticks) == 2 * len(NAMES)


def test_glossary_candidates_found_in_a_pool_give_the_same_glossary(tmp_path, monkeypatch):
    """The glossary build's candidate search in two processes (engaged here from one text
    on) stores exactly the entries one process does."""
    from align import glossary as G
    from align import pool
    from align.glossary import beads as B
    one = _imported(tmp_path / "one.db")
    jobs.align_all(one)
    two = Workspace(one.backup(tmp_path / "two.db"))
    pools, real_pool = [], pool.process_pool
    monkeypatch.setattr(B, "PARALLEL_TEXTS", 1)
    monkeypatch.setattr(pool, "process_pool", lambda n, *a: pools.append(n) or real_pool(n, *a))
    s1 = G.build_glossary(one, workers=1)
    assert pools == []
    G.build_glossary(two, workers=2)
    assert pools == [2]             # one pool for the Kazakh and the Russian texts

    def rows(ws):
        return [tuple(r) for r in ws.db.execute("SELECT kk, ru, score, status FROM glossary ORDER BY kk, ru")]
    assert rows(one) == rows(two) and s1["exported"] > 100


def test_lexicon_is_stored_and_reused(tmp_path, monkeypatch):
    ws = _imported(tmp_path / "w.db")
    assert ws.stored_lexicon() is None
    jobs.align_all(ws)
    stored = scoring.Lexicon.from_bytes(ws.stored_lexicon())
    assert len(stored) > 100 and 0 < stored.p_random < stored.p_true < 1
    # re-aligning one pair or one article reads the stored lexicon, never the workspace
    monkeypatch.setattr(jobs, "lexicon_from_texts", lambda texts: pytest.fail("lexicon learned again"))
    pid = ws.pair(NAMES[0]).id
    section = ws.beads(pid)[5].section
    jobs.realign_section(ws, pid, section)
    report = jobs.align_pair(ws, NAMES[0])
    assert report["lexicon_entries"] == len(stored)


def test_lexicon_round_trip():
    lex = scoring.Lexicon({"тарап": frozenset({"сторон", "сторона"})}, 0.4, 0.05)
    again = scoring.Lexicon.from_bytes(lex.to_bytes())
    assert asdict(again) == asdict(lex)


def test_run_with_workers(tmp_path):
    kk, ru = tmp_path / "kk", tmp_path / "ru"
    kk.mkdir(), ru.mkdir()
    for name in NAMES[:2]:
        for n in range(2):
            (kk / f"{name}-{n}.txt").write_bytes((SEEDS / "kk" / f"{name}.txt").read_bytes())
            (ru / f"{name}-{n}.txt").write_bytes((SEEDS / "ru" / f"{name}.txt").read_bytes())
    (kk / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    (ru / "broken.txt").write_bytes((SEEDS / "ru" / f"{NAMES[0]}.txt").read_bytes())
    outs = {}
    for w in (1, 2):
        r = run_cli("--db", tmp_path / f"w{w}.db", "run", "--kk", kk, "--ru", ru, "--out", tmp_path / f"o{w}",
                    "--workers", w)
        assert r.returncode == 1 and "broken: not imported" in r.stderr, r.stderr
        outs[w] = r.stdout.replace(f"o{w}", "o").replace(f"w{w}.db", "w.db")
    assert outs[1] == outs[2] and outs[1].count("mean confidence") == 4
    # with two processes the glossary is built in a process of its own: the same glossary
    for suffix in ("tsv", "txt"):
        one, two = (tmp_path / f"o{w}" / f"seeds.glossary.{suffix}" for w in (1, 2))
        assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8") and one.stat().st_size > 1000
    r = run_cli("--db", tmp_path / "x.db", "run", "--workers", "0")
    assert r.returncode == 1 and "--workers must be 1 or more" in r.stderr


def test_apart_passes_back_the_result_and_the_error(tmp_path):
    from align import pool
    from align.glossary.build import GlossaryError, build_glossary_at
    empty = tmp_path / "empty.db"
    Workspace(empty).close()
    with pool.apart(build_glossary_at, str(empty), 1) as result:
        with pytest.raises(GlossaryError, match="no aligned pairs"):
            result()
    ws = _imported(tmp_path / "w.db")
    jobs.align_all(ws)
    ws.close()
    with pool.apart(build_glossary_at, str(tmp_path / "w.db"), 1) as result:
        stats = result()
    with Workspace(tmp_path / "w.db") as again:
        assert stats["entries"] == len(again.glossary_entries()) > 50


def test_leaving_apart_early_stops_the_other_process():
    import multiprocessing
    import signal
    import time
    from align import pool
    before = set(multiprocessing.active_children())
    with pytest.raises(KeyError):
        with pool.apart(time.sleep, 60) as result:
            (other,) = set(multiprocessing.active_children()) - before
            raise KeyError("the caller failed")
    # stopped, not waited for: a finished sleep would have exited with 0
    assert not other.is_alive() and other.exitcode == -signal.SIGTERM
    with pool.apart(time.sleep, 0) as result:
        assert result() is None and result() is None     # the answer is kept, not read twice
