"""Corpus mode on a real dask.distributed LocalCluster of two worker processes: a 30-pair
corpus (copies of the seeds and of short official acts, two of them bad) aligned as
`saikes run` aligns it, resumed after a killed run, unchanged by a killed worker."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from align.cli.main import main as saikes
from align.corpus import Settings, run_corpus
from align.corpus import store
from align.corpus.cluster import BOUNDED_LOGS, DASK_CONFIG_ENV, local_cluster
from align.corpus.review import import_pairs, pairs_from_folders, select
from align.errors import InputError
from align.store import Workspace
from tmx_out.tmx import read_tmx

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
SHORT_ACTS = ["local_astana_maslikhat_tourist_fee_2022", "local_east_kazakhstan_akim_land_balance_1998",
              "local_mangystau_pollution_rates_1999", "law_imf_worldbank_membership_1992",
              "local_mangystau_language_program_1997", "law_collective_agreements_1992",
              "local_astana_maslikhat_burial_rules_2019", "minjust_order_arbitrator_lists_instruction_2022",
              "udp_order_burabay_park_tariffs_2024"]
BAD = {"bad_empty", "bad_binary"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """kk/ and ru/ of 30 pairs: the 5 seeds and 9 short acts, twice each, under new names;
    one pair with an empty Kazakh file, one with a binary one."""
    root = tmp_path_factory.mktemp("corpus")
    kk, ru = root / "kk", root / "ru"
    kk.mkdir()
    ru.mkdir()
    originals = [(p, ROOT / "seeds" / "ru" / p.name) for p in sorted((ROOT / "seeds" / "kk").glob("*.txt"))]
    originals += [(REAL / "kk" / f"{a}.md", REAL / "ru" / f"{a}.md") for a in SHORT_ACTS]
    for copy in ("a", "b"):
        for n, (k, r) in enumerate(originals):
            shutil.copy(k, kk / f"{copy}{n:02d}{k.suffix}")
            shutil.copy(r, ru / f"{copy}{n:02d}{r.suffix}")
    (kk / "bad_empty.txt").write_bytes(b"")
    shutil.copy(originals[0][1], ru / "bad_empty.txt")
    (kk / "bad_binary.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(originals[1][1], ru / "bad_binary.txt")
    return root


@pytest.fixture(scope="module")
def client():
    """saikes's own local cluster (`saikes corpus align` starts the same)."""
    with local_cluster(2, dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def aligned(corpus, client) -> Path:
    out = corpus / "out"
    run_corpus(client, pairs_from_folders(corpus / "kk", corpus / "ru"), out, Settings(), tmx_shard_size=8)
    return out


def beads_of(out: Path) -> dict[str, list]:
    result = {}
    for path in sorted((out / "beads").glob("*.parquet")):
        rows = pq.read_table(path).to_pylist()
        result[rows[0]["pair"]] = [(r["kk"], r["ru"], r["kk_segs"], r["ru_segs"], r["confidence"], r["status"])
                                   for r in rows]
    return result


def good_names(corpus: Path) -> set[str]:
    return {p.stem for p in (corpus / "kk").iterdir()} - BAD


def test_corpus_gives_the_beads_of_saikes_run(corpus, aligned, tmp_path):
    db = tmp_path / "run.db"
    assert saikes(["run", "--kk", str(corpus / "kk"), "--ru", str(corpus / "ru"), "--out", str(tmp_path / "o"),
                   "--db", str(db), "--workers", "1"]) == 1          # 1: the two bad pairs
    with Workspace(db, create=False) as ws:
        expected = {p.name: [(b.kk, b.ru, list(b.kk_segs), list(b.ru_segs), b.confidence, b.status)
                             for b in ws.beads(p.id)] for p in ws.pairs() if ws.beads(p.id)}
    got = beads_of(aligned)
    assert set(got) == set(expected) == good_names(corpus)
    assert len(got) == 28
    for name in expected:
        assert got[name] == expected[name], name

    rows = {r["pair"]: r for b in store.pair_batches(aligned) for r in b.to_pylist()}
    assert len(rows) == 30
    errors = {n: r["error"] for n, r in rows.items() if r["error"]}
    assert set(errors) == BAD
    assert "empty" in errors["bad_empty"] and "binary" in errors["bad_binary"]
    assert all("\n" not in e for e in errors.values())
    for name in expected:
        assert rows[name]["beads"] == len(expected[name])
        assert rows[name]["mean_confidence"] == pytest.approx(
            sum(b[4] for b in expected[name]) / len(expected[name]), abs=1e-4)

    # 30 pairs in shards of 8: four TMX files that hold every bead that is not rejected
    shards = sorted((aligned / "tmx").glob("*.tmx"))
    assert len(shards) == 4
    units = sum(len(read_tmx(s).units) for s in shards)
    assert units == sum(1 for bs in expected.values() for b in bs if b[0].strip() and b[1].strip()
                        and b[5] != "rejected")
    summary = (aligned / "summary.md").read_text(encoding="utf-8")
    assert "pairs: 30 (aligned 28, with errors 2)" in summary
    assert not [p for p in aligned.rglob(".*.part")]

    # the corpus glossary, read from the Parquet beads a pair at a time, is the glossary
    # saikes run built in its workspace
    assert saikes(["corpus", "glossary", str(aligned), "--db", str(tmp_path / "g.db"), "--files",
                   str(tmp_path / "gl"), "--workers", "2"]) == 0

    def glossary(path):
        with Workspace(path, create=False) as ws:
            return [tuple(r) for r in ws.db.execute("SELECT kk, ru, score, status FROM glossary ORDER BY kk, ru")]
    assert glossary(tmp_path / "g.db") == glossary(db) and len(glossary(db)) > 100
    assert {p.name for p in (tmp_path / "gl").iterdir()} == {"glossary.tsv", "glossary.tbx", "glossary.txt"}


def test_the_local_cluster_keeps_dask_logs_short(client, aligned):
    """The scheduler's and the workers' logs are bounded low, so that they are full after a
    few hundred pairs and the driver's memory does not grow with the corpus past that; and
    after a run this process holds no future (no per-pair task) and the cluster no task."""
    short = BOUNDED_LOGS["distributed.admin.low-level-log-length"]
    assert short <= 100
    scheduler = client.cluster.scheduler
    assert scheduler.transition_log.maxlen == short
    assert scheduler.computations.maxlen == BOUNDED_LOGS["distributed.diagnostics.computations.max-history"]
    assert scheduler.monitor.quantities["memory"].maxlen == BOUNDED_LOGS["distributed.admin.system-monitor.log-length"]
    assert len(scheduler.transition_log) == short            # full after the 30 pairs
    logs = client.run(lambda dask_worker: (dask_worker.state.log.maxlen, dask_worker.state.stimulus_log.maxlen,
                                           dask_worker.monitor.quantities["memory"].maxlen))
    assert len(logs) == 2
    assert set(logs.values()) == {(short, short, BOUNDED_LOGS["distributed.admin.system-monitor.log-length"])}
    # the environment variables the README gives for a cluster started apart set the same
    import dask
    with dask.config.set(dask.config.collect_env(DASK_CONFIG_ENV)):
        assert {k: dask.config.get(k) for k in BOUNDED_LOGS} == BOUNDED_LOGS
    assert DASK_CONFIG_ENV["DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH"] == str(short)

    # tasks are handed over in batches: the scheduler's spans, which Dask never forgets,
    # keep a record per batch, not one per pair (62 for this run's 30 + 28 + 4 tasks one by one)
    spans = scheduler.extensions["spans"].spans.values()
    assert 0 < sum(len(sp.metadata["collections"]) for sp in spans if sp.metadata) < 30

    assert not client.futures
    deadline = time.time() + 10
    while scheduler.tasks and time.time() < deadline:     # releases reach the scheduler a moment later
        time.sleep(0.05)
    assert not scheduler.tasks


def test_a_rerun_skips_every_finished_pair(corpus, aligned, client):
    log = (aligned / "aligned.log").read_text().splitlines()
    before = {p: p.stat().st_mtime_ns for p in (aligned / "beads").glob("*.parquet")}
    summary = run_corpus(client, pairs_from_folders(corpus / "kk", corpus / "ru"), aligned, Settings(),
                         tmx_shard_size=8)
    assert summary["aligned_now"] == 0 and summary["skipped"] == 30
    assert (aligned / "aligned.log").read_text().splitlines() == log
    assert {p: p.stat().st_mtime_ns for p in (aligned / "beads").glob("*.parquet")} == before


def test_a_killed_run_resumes_without_aligning_a_pair_twice(corpus, aligned, client, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-m", "align.cli", "corpus", "align", "--kk", str(corpus / "kk"), "--ru",
           str(corpus / "ru"), "--out", str(out), "--workers", "2", "--tmx-shard-size", "8"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    log = out / "aligned.log"
    try:
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            if log.exists() and len(log.read_text().splitlines()) >= 5:
                break
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)     # the run, its scheduler and its workers
        proc.wait()
    done_before = {r["pair"] for b in store.pair_batches(out) for r in b.to_pylist() if not r["error"]}
    lines_before = len(log.read_text().splitlines())
    assert 5 <= len(done_before) < 28, "the run was to be killed midway"

    summary = run_corpus(client, pairs_from_folders(corpus / "kk", corpus / "ru"), out, Settings(),
                         tmx_shard_size=8)
    names = [line.split("\t")[0] for line in log.read_text().splitlines()]
    assert len(names) == len(set(names)), "a pair was aligned twice"
    assert set(names[lines_before:]) == good_names(corpus) - done_before
    assert summary["aligned"] == 28 and summary["error_count"] == 2
    assert beads_of(out) == beads_of(aligned)
    assert len(list((out / "tmx").glob("*.tmx"))) == 4


def test_a_killed_worker_does_not_change_the_result(corpus, aligned, client, tmp_path):
    out = tmp_path / "out"
    pids = client.run(os.getpid)
    killed = []

    def kill_one_worker():
        log = out / "aligned.log"
        deadline = time.time() + 120
        while time.time() < deadline:
            if log.exists() and len(log.read_text().splitlines()) >= 3:
                pid = sorted(pids.values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    summary = run_corpus(client, pairs_from_folders(corpus / "kk", corpus / "ru"), out, Settings(),
                         tmx_shard_size=8)
    killer.join()
    assert killed, "no worker was killed"
    assert killed[0] not in client.run(os.getpid).values()
    assert summary["aligned"] == 28 and summary["error_count"] == 2
    assert beads_of(out) == beads_of(aligned)


def test_review_imports_the_selected_pairs_as_aligned(aligned, tmp_path):
    names = select(aligned, "mean_confidence < 2", limit=3)
    assert len(names) == 3
    confs = {r["pair"]: r["mean_confidence"] for b in store.pair_batches(aligned) for r in b.to_pylist()}
    assert [confs[n] for n in names] == sorted(c for c in confs.values() if c is not None)[:3]
    assert select(aligned, "mean_confidence < 0") == []
    with pytest.raises(InputError, match="columns are"):
        select(aligned, "no_such_column > 1")
    with Workspace(tmp_path / "review.db") as ws:
        assert import_pairs(ws, aligned, names) == names
        assert sorted(p.name for p in ws.pairs()) == sorted(names)
        for name in names:
            got = [(b.kk, b.ru, list(b.kk_segs), list(b.ru_segs), b.confidence, b.status)
                   for b in ws.beads(ws.pair(name).id)]
            assert got == beads_of(aligned)[name]


def test_the_command_on_a_cluster_with_a_list_of_pairs(corpus, client, tmp_path, capsys):
    """`saikes corpus align --pairs LIST.csv --scheduler ADDRESS`: the pairs the list names
    (paths relative to it), under its names, on an existing cluster."""
    relative = os.path.relpath(corpus, tmp_path)
    (tmp_path / "list.csv").write_text(
        "kk,ru,name\n"
        f"{corpus}/kk/a00.txt,{corpus}/ru/a00.txt,first act\n"
        f"{corpus}/kk/a01.txt,{corpus}/ru/a01.txt,second/act\n"
        f"{relative}/kk/bad_empty.txt,{relative}/ru/bad_empty.txt,\n", encoding="utf-8")
    out = tmp_path / "out"
    code = saikes(["corpus", "align", "--pairs", str(tmp_path / "list.csv"), "--out", str(out),
                   "--scheduler", client.scheduler.address])
    captured = capsys.readouterr()
    assert code == 1                                  # one pair not aligned
    assert "Dask dashboard" in captured.err
    assert "bad_empty: NOT ALIGNED — bad_empty.txt: the file is empty" in captured.err
    rows = {r["pair"]: r for b in store.pair_batches(out) for r in b.to_pylist()}
    assert set(rows) == {"first act", "second/act", "bad_empty"}
    assert rows["second/act"]["beads"] > 0 and rows["bad_empty"]["error"]
    assert saikes(["corpus", "align", "--pairs", str(tmp_path / "list.csv"), "--out", str(out),
                   "--scheduler", "tcp://127.0.0.1:1"]) == 1
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
