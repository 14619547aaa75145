"""What several commands share: pair names from file names, the bundled seeds."""
from __future__ import annotations

import getpass
import os
from pathlib import Path


def seeds_dir() -> Path:
    """The five bundled seed pairs: in a checkout, the top-level seeds/ folder; installed
    from a wheel, the copy inside the package (align/seeds)."""
    checkout = Path(__file__).resolve().parents[2] / "seeds"
    if (checkout / "kk").is_dir():
        return checkout
    return Path(__file__).resolve().parents[1] / "seeds"


def pair_name(kk: str | Path, ru: str | Path) -> str:
    from ..names import name_from_files
    return name_from_files(str(kk), str(ru))


def user() -> str:
    """Who runs the command, for the edit log: $SAIKES_USER, else the login name."""
    try:
        return os.environ.get("SAIKES_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "command line"
