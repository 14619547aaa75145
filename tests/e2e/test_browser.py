"""The review app in a real browser: `saikes ui` over a workspace holding the seeds,
driven by Playwright with Debian's chromium. Approve a bead, merge two beads, reload the
page, and see both changes persisted. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from align.store import Workspace
from workspaces import make_workspace

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
PAIR = "000_814850e4c9e980b5"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]

if not Path(CHROMIUM).exists() and os.environ.get("CI") != "true":
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api") if os.environ.get("CI") != "true" else \
    __import__("playwright.sync_api", fromlist=["sync_playwright"])

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "seeds.db"
    names = sorted(p.stem for p in (SEEDS / "kk").glob("*.txt"))
    make_workspace(db, names, aligner=True).close()
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("SAIKES_DB", None)
    log = open(db.parent / "ui.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "align.cli", "--db", str(db), "ui", "--port", str(port),
                             "--address", "127.0.0.1"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                raise RuntimeError(f"saikes ui did not start: {(db.parent / 'ui.log').read_text()[-2000:]}")
            time.sleep(0.3)
        yield url, db
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


def wait_for(predicate, timeout=30.0, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def settle(page, timeout=30000):
    """Wait until the script run finished and the page shows no stale element."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button') &&"
        " document.querySelectorAll('[data-stale=\"true\"]').length === 0", timeout=timeout)


def click(page, selector):
    button = page.locator(f"{selector} button:visible")
    button.first.wait_for(state="visible", timeout=30000)
    settle(page)
    assert button.count() == 1, f"{selector}: {button.count()} buttons"
    button.click()


def test_approve_and_merge_persist_across_a_reload(server, browser):
    url, db = server
    ARTIFACTS.mkdir(exist_ok=True)
    with Workspace(db) as ws:
        pid = ws.pair(PAIR).id
        beads = ws.beads(pid)
        target = beads[1]
        a, b = next((x, y) for x, y in zip(beads[3:], beads[4:])
                    if x.section == y.section and x.kk_segs and y.kk_segs)
    page = browser.new_page(viewport={"width": 1500, "height": 1200})
    try:
        page.goto(f"{url}/?page=review&pair={PAIR}")
        page.locator(f".st-key-bead-{target.id}").wait_for(timeout=60000)
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "review-before.png"))

        # approve one bead
        click(page, f".st-key-approve-{target.id}-{target.version}")
        page.locator(f".st-key-approve-{target.id}-{target.version + 1}").wait_for(timeout=30000)
        with Workspace(db) as ws:
            assert ws.bead(target.id).status == "approved"

        # merge two beads of one article
        click(page, f".st-key-merge-{a.id}-{a.version}")
        page.locator(f".st-key-bead-{b.id}").wait_for(state="detached", timeout=30000)
        settle(page)
        with Workspace(db) as ws:
            merged = ws.bead(a.id)
            assert merged.kk_segs == a.kk_segs + b.kk_segs
            assert len(ws.beads(pid)) == len(beads) - 1
        page.screenshot(path=str(ARTIFACTS / "review-after-ops.png"))

        # reload: both changes are there
        page.reload()
        page.locator(f".st-key-bead-{target.id}").wait_for(timeout=60000)
        settle(page)
        approved = page.locator(f".st-key-bead-{target.id}")
        assert "approved" in approved.inner_text()
        assert page.locator(f".st-key-approve-{target.id}-{target.version + 1}").count() == 1
        merged_box = page.locator(f".st-key-bead-{a.id}").inner_text()
        assert a.ru[:25] in merged_box and b.ru[:25] in merged_box
        assert "edited" in merged_box
        assert page.locator(f".st-key-bead-{b.id}").count() == 0
        page.screenshot(path=str(ARTIFACTS / "review-reloaded.png"), full_page=False)
    finally:
        page.close()
    assert (ARTIFACTS / "review-reloaded.png").stat().st_size > 10_000
