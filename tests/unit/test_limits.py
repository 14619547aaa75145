"""Limits on input (align/limits.py): defaults, the environment, the command line."""
from __future__ import annotations

import os

import pytest
from conftest import SEEDS

from align.cli.main import main
from align.errors import InputError
from align.limits import LIMITS, env_name, limit, set_limit
from align.text.read import read_file

KK = SEEDS / "kk" / "002_700c28a48b73b99d.txt"


def test_defaults_and_environment(monkeypatch):
    monkeypatch.delenv(env_name("line_chars"), raising=False)
    assert limit("line_chars") == LIMITS["line_chars"].default
    monkeypatch.setenv(env_name("line_chars"), "123")
    assert limit("line_chars") == 123
    monkeypatch.setenv(env_name("line_chars"), "nonsense")      # an unusable value keeps the default
    assert limit("line_chars") == LIMITS["line_chars"].default


def test_unknown_or_bad_settings_are_refused(monkeypatch):
    with pytest.raises(InputError, match="unknown limit 'speed'"):
        set_limit("speed=3")
    with pytest.raises(InputError, match="positive whole number"):
        set_limit("file_mb=-1")


@pytest.mark.parametrize("name,value,fragment", [
    ("line_chars", "50", "characters in one line"),
    ("segments", "10", "sentences in one document"),
])
def test_a_file_over_a_limit_is_refused_and_names_it(capsys, name, value, fragment):
    assert main(["inspect", str(KK), "--blocks-only"]) == 0
    capsys.readouterr()
    try:
        code = main(["--limit", f"{name}={value}", "inspect", str(KK), "--blocks-only"])
    finally:
        os.environ.pop(env_name(name), None)       # main() set it for this process
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert fragment in err and f"--limit {name}=N" in err and KK.name in err


def test_file_size_limit(monkeypatch, tmp_path):
    monkeypatch.setenv(env_name("file_mb"), "1")
    target = tmp_path / "big.txt"
    target.write_bytes(KK.read_bytes() * (2 * 1024 * 1024 // len(KK.read_bytes()) + 1))
    with pytest.raises(InputError, match="over the limit of 1 MB in one input file"):
        read_file(target)
