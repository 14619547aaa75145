"""Files uploaded in the app: read from bytes like files on disk, refused like them."""
from __future__ import annotations

import pytest

from align import review as R
from align.store import Workspace
from workspaces import PAIR, SEEDS


def test_import_upload_reads_bytes_and_refuses_bad_files(tmp_path):
    w = Workspace(tmp_path / "up.db")
    kk = (SEEDS / "kk" / f"{PAIR}.txt").read_bytes()
    ru = (SEEDS / "ru" / f"{PAIR}.txt").read_bytes()
    name, outcome = R.import_upload(w, (f"{PAIR}.txt", kk), (f"{PAIR}.txt", ru))
    assert (name, outcome) == (PAIR, "new")
    assert len(w.document(w.pair(PAIR).id, "kk").segments) > 10
    with pytest.raises(R.InputError, match="unsupported"):
        R.import_upload(w, ("a.pdf", kk), ("b.txt", ru))
    with pytest.raises(R.InputError, match="limited"):
        R.import_upload(w, ("a.txt", b"x" * (R.UPLOAD_LIMIT + 1)), ("b.txt", ru))
    with pytest.raises(R.InputError):
        R.import_upload(w, ("a.txt", ru), ("b.txt", ru), name="wrong-language")
    assert [p.name for p in w.pairs()] == [PAIR]
    w.close()
