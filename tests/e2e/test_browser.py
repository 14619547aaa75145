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


def current(page) -> int:
    """The id of the bead under the cursor, read off the page."""
    return int(page.locator(".sk-cur").first.get_attribute("data-bead"))


def press(page, key: str) -> None:
    page.keyboard.press(key)
    settle(page)


def reviewed(db, pid) -> dict[int, tuple]:
    with Workspace(db) as ws:
        return {b.id: (b.version, b.kk_segs, b.ru_segs, b.kk, b.ru, b.status)
                for b in ws.beads(pid) if b.status in ("approved", "edited")}


def test_a_review_by_keyboard_alone_survives_undo_realign_and_reload(server, browser):
    url, db = server
    ARTIFACTS.mkdir(exist_ok=True)
    with Workspace(db) as ws:
        pid = ws.pair(PAIR).id
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{url}/?page=review&pair={PAIR}")
        page.locator(".sk-cur").wait_for(timeout=60000)
        settle(page)
        shown = page.locator('[class*="st-key-row-"]')
        in_view = [box for box in (shown.nth(i).bounding_box() for i in range(shown.count()))
                   if box and box["y"] + box["height"] <= 900]
        assert len(in_view) >= 4, f"{len(in_view)} beads fit on a 1440x900 screen"

        # approve five beads: A approves the current bead and moves on
        approved = []
        for _ in range(5):
            approved.append(current(page))
            press(page, "a")
            assert current(page) != approved[-1]
        with Workspace(db) as ws:
            assert [ws.bead(i).status for i in approved] == ["approved"] * 5

        # edit one: E opens the editor with the cursor in the Kazakh text, Ctrl+Enter saves
        target = current(page)
        press(page, "e")
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'")
        page.keyboard.press("Control+a")
        page.keyboard.type("Түзетілген мәтін пернетақтамен.")
        page.screenshot(path=str(ARTIFACTS / "review-1440x900.png"))
        press(page, "Control+Enter")
        with Workspace(db) as ws:
            edited = ws.bead(target)
            assert (edited.kk, edited.status) == ("Түзетілген мәтін пернетақтамен.", "edited")

        # split one: J down to a bead of three sentences or more, S proposes a cut, Enter splits
        with Workspace(db) as ws:
            splittable = {b.id for b in ws.beads(pid) if len(b.kk_segs) + len(b.ru_segs) >= 3
                          and b.kk_segs and b.ru_segs and b.status not in ("approved", "edited")}
        for _ in range(80):
            if current(page) in splittable:
                break
            press(page, "j")
        split_id = current(page)
        assert split_id in splittable
        with Workspace(db) as ws:
            before_split = ws.bead(split_id)
            count = len(ws.beads(pid))
        press(page, "s")
        page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'INPUT'")
        press(page, "Enter")
        with Workspace(db) as ws:
            assert len(ws.beads(pid)) == count + 1 and ws.bead(split_id).kk_segs != before_split.kk_segs or \
                ws.bead(split_id).ru_segs != before_split.ru_segs

        # bulk-approve the article of the current bead (Shift+A), then undo twice (U U):
        # the bulk approval and the split are taken back
        with Workspace(db) as ws:
            section = ws.bead(current(page)).section
            article = {b.id: b.status for b in ws.beads(pid) if b.section == section}
        press(page, "Shift+A")
        with Workspace(db) as ws:
            assert all(ws.bead(i).status in ("approved", "edited", "rejected") for i in article if ws.bead_exists(i))
        press(page, "u")
        press(page, "u")
        with Workspace(db) as ws:
            restored = ws.bead(split_id)
            assert (restored.kk_segs, restored.ru_segs) == (before_split.kk_segs, before_split.ru_segs)
            assert len(ws.beads(pid)) == count
            assert all(ws.bead(i).status == st for i, st in article.items() if ws.bead_exists(i) and i != split_id)
        kept = reviewed(db, pid)
        assert set(approved) | {target} <= set(kept)

        # re-align the current bead's article (L): what was reviewed stays exactly as it was
        press(page, "l")
        assert reviewed(db, pid) == kept

        # reload: the page shows every reviewed bead as it was left
        page.set_viewport_size({"width": 1024, "height": 768})
        page.reload()
        page.locator(".sk-cur").wait_for(timeout=60000)
        settle(page)
        assert reviewed(db, pid) == kept
        for i, (_, _, _, kk, _, status) in kept.items():
            box = page.locator(f'[class*="st-key-row-"]:has([data-bead="{i}"])')
            if box.count():
                text = box.inner_text()
                assert status in text and kk[:20] in text
        bar = page.locator('.st-key-rv_actions [class*="st-key-k_"]')
        bar.first.wait_for(timeout=30000)
        assert bar.count() >= 13
        for n in range(bar.count()):
            b = bar.nth(n).bounding_box()
            assert b and b["x"] >= 0 and b["x"] + b["width"] <= 1024, "an action is cut off at 1024 px"
        page.screenshot(path=str(ARTIFACTS / "review-1024x768.png"))
    finally:
        page.close()
    assert (ARTIFACTS / "review-1440x900.png").stat().st_size > 10_000
