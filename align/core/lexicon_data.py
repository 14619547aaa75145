"""The built-in Kazakh–Russian legal lexicon, shipped with saikes as data.

Learned from the official acts and seeds saikes is tested on (benchmarks/builtin_lexicon.py
rebuilds it and measures it on acts left out), it gives the first pass of a new pair the
vocabulary of legal language before the workspace has taught anything; what a workspace
learns is merged over it.

File format (UTF-8 TSV): a header `# p_true=… p_random=…`, then one line per Kazakh stem:
the stem, a tab, its Russian stems separated by spaces.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .scoring import Lexicon

PATH = Path(__file__).resolve().parent.parent / "data" / "lexicon.tsv"


def save(lexicon: Lexicon, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# p_true={lexicon.p_true} p_random={lexicon.p_random}"]
    lines += [f"{src}\t{' '.join(sorted(tgt))}" for src, tgt in sorted(lexicon.links.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load(path: Path) -> Lexicon:
    lexicon = Lexicon()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            fields = dict(part.split("=", 1) for part in line[1:].split() if "=" in part)
            lexicon.p_true = float(fields.get("p_true", 0))
            lexicon.p_random = float(fields.get("p_random", 0))
        elif "\t" in line:
            src, tgt = line.split("\t", 1)
            lexicon.links[src] = frozenset(tgt.split())
    return lexicon


@lru_cache(maxsize=1)
def builtin() -> Lexicon:
    """The shipped lexicon (empty if the data file is missing)."""
    return load(PATH) if PATH.is_file() else Lexicon()


def merge(learned: Lexicon, base: Lexicon) -> Lexicon:
    """`learned` over `base`: a stem's links are the union of both; the coverage figures
    are the learned ones when it has them (they describe the corpus being aligned)."""
    if not base.links:
        return learned
    if not learned.links:
        return base
    links = dict(base.links)
    for stem, targets in learned.links.items():
        links[stem] = targets | links.get(stem, frozenset())
    p_true, p_random = (learned.p_true, learned.p_random) if learned.p_true else (base.p_true, base.p_random)
    return Lexicon(links, p_true, p_random)
