"""The cycle collector's thresholds while saikes works: raised inside, set back after,
never lowered below what the process already set."""
import gc

import pytest

from align.collector import THRESHOLDS, collecting_less
from align.glossary.build import build_glossary


def test_raised_inside_and_set_back_after_even_on_error():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with pytest.raises(RuntimeError), collecting_less():
            assert gc.get_threshold() == THRESHOLDS
            raise RuntimeError("stop")
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(100_000, 10, 50)
        with collecting_less():     # a higher setting of the process is kept
            assert gc.get_threshold() == (100_000, 20, 50)
        assert gc.get_threshold() == (100_000, 10, 50)
    finally:
        gc.set_threshold(*before)


def test_a_glossary_build_runs_with_them(monkeypatch):
    seen = []
    monkeypatch.setattr("align.glossary.build.build_entries",
                        lambda *a, **k: seen.append(gc.get_threshold()) or ([], {}))
    monkeypatch.setattr("align.glossary.build._store", lambda ws, entries, stats: {})
    before = gc.get_threshold()
    build_glossary(object())
    assert seen and seen[0][0] >= THRESHOLDS[0]
    assert gc.get_threshold() == before
