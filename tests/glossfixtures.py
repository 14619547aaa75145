"""A glossary built on the gold workspace, shared by the glossary tests (a pytest plugin)."""
import pytest
from workspaces import gold_workspace

from align import glossary as G


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A gold workspace with its glossary built (shared by the read-only tests)."""
    ws = gold_workspace(tmp_path_factory.mktemp("gloss") / "w.db")
    stats = G.build_glossary(ws)
    yield ws, stats
    ws.close()
