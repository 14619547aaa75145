"""Reading the gold alignments the way ../shared/eval/align_score.py does."""
import json
import os
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEEDS_GOLD = DATA / "seeds_gold"
REAL = DATA / "real"
REAL_GOLD = DATA / "real_gold"
# Text+Berg is GPL and its README asks that it not be copied into projects: it is read
# where it lies, beside the checkout (CI has it there) or where $SAIKES_TEXTBERG says
TEXTBERG = Path(os.environ.get("SAIKES_TEXTBERG") or
                Path(__file__).resolve().parents[2] / "shared" / "peer" / "textberg")
HOMOGLYPHS = str.maketrans({"i": "і", "I": "і", "e": "е", "E": "е", "o": "о", "O": "о", "a": "а",
                            "A": "а", "c": "с", "C": "с", "p": "р", "P": "р", "x": "х", "X": "х",
                            "y": "у", "Y": "ү", "H": "н", "K": "к", "M": "м", "T": "т", "B": "в"})


def stream(text):
    """Lower-case letters and digits only: spacing, punctuation and look-alikes do not count."""
    text = unicodedata.normalize("NFC", text).translate(HOMOGLYPHS).lower()
    return "".join(re.findall(r"[^\W_]", text))


def stream_boundaries(segments):
    out, pos = set(), 0
    for s in segments:
        pos += len(stream(s))
        out.add(pos)
    return out


def gold_files():
    return sorted(SEEDS_GOLD.glob("*.json"))


def load_gold(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _module(path: Path, name: str):
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def align_scorer():
    """The alignment scorer (a copy of ../shared/eval/align_score.py)."""
    return _module(DATA / "eval" / "align_score.py", "align_score")


def textberg_scorer():
    """The Text+Berg scorer (a copy of ../shared/eval/textberg_score.py)."""
    return _module(DATA / "eval" / "textberg_score.py", "textberg_score")
