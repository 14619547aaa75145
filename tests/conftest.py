pytest_plugins = ["apptest", "glossfixtures", "fuzzharness"]  # fixtures: the review app (db, ws), a built
# glossary; the fuzzing counts printed at the end of a run

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import zipfile

from lxml import etree

from workspaces import OMEGAT_JAR, need_omegat

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
SEED_NAMES = sorted(p.stem for p in (SEEDS / "kk").glob("*.txt"))
# The workspace opened where none is named (a command without --db, the app without
# SAIKES_DB): one for the test run, in this process and the commands it starts, never
# saikes.db in the repository (a file left there by hand would change what tests see).
_DEFAULT_DB = Path(tempfile.mkdtemp(prefix="saikes-tests-")) / "saikes.db"
atexit.register(shutil.rmtree, _DEFAULT_DB.parent, True)
os.environ["SAIKES_DB"] = str(_DEFAULT_DB)


def run_cli(*args, db=None, cwd=None, env=None):
    """Run the saikes command line in a subprocess; returns CompletedProcess."""
    cmd = [sys.executable, "-m", "align.cli"]
    if db is not None:
        cmd += ["--db", str(db)]
    cmd += [str(a) for a in args]
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    if env:
        full_env.update(env)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd or ROOT, env=full_env, timeout=600)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def seeds():
    return SEEDS


@pytest.fixture(scope="session")
def tmx_dtd(tmp_path_factory):
    """The TMX 1.4b DTD, unzipped from Debian's OmegaT.jar."""
    need_omegat()
    target = tmp_path_factory.mktemp("dtd") / "tmx14.dtd"
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        target.write_bytes(jar.read("schemas/tmx14.dtd"))
    return etree.DTD(str(target))
