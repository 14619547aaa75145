"""Do sentencepiece or sacremoses help saikes? Measured, not assumed.

Each variant swaps how `align.features.clues` finds words, lexicon stems or cognate keys
(a monkeypatch for the run; no library file changes) and is scored on:

  textberg   Text+Berg de–fr dev (align_sentence_lists, ../shared/eval/textberg_score.py):
             strict and lax F1; tb_s seconds to align (fastest of 3 runs, model training
             included), train_s seconds of sentencepiece training alone
  gold       the dev gold, aligned the way benchmarks/eval_gold.py does (structure anchors,
             workspace lexicon): mean link F1 and bead F1 over the gold documents
  flat       the same gold sentences with the structure taken away: each document's gold
             Kazakh and Russian sentences as two flat lists through align_sentence_lists,
             so only the clues place them (the structured run is at 1.000 and cannot move)
  drop       flat, with one sentence of every 3 beads taken out (alternately the Russian
             and the Kazakh side), so the aligner must find the unmatched sentences
  clue_s     seconds to extract clues from every Text+Berg sentence and seed segment

Variants:
  baseline        the regex words, 5-letter prefixes as stems, transliterated 5-letter
                  prefixes as cognate keys (align/features.py as it is)
  sp-uni4k-all    stems = every sentencepiece piece (>= 3 letters) of a joint unigram model
                  (vocab 4000) trained in-process on both sides' text
  sp-uni4k-first  stems = the first piece of each word (a learned stem of varying length)
  sp-uni2k-first, sp-uni8k-first   the same with vocab 2000 / 8000 (is it robust?)
  sp-bpe2k-all    stems = every piece of a joint BPE model with vocab 2000
  sp-cog-uni4k    cognate keys = pieces (>= 4 letters) of a unigram model trained on the
                  transliterated text of both sides (stems stay prefixes)
  moses           words = MosesTokenizer tokens holding a letter, instead of the regex
  moses-aggr      the same with aggressive dash splits, tokens of letters only

The sentencepiece model is trained on the text being aligned: on the two Text+Berg files
for textberg; on all segments of the five seeds (the workspace) for gold, flat and drop.
With hard_vocab_limit off the seed model stops at about 2,600 pieces, so the 4k and 8k
models are the same there.

Measured (commit c79fc9e): no sentencepiece or sacremoses variant beats the baseline on the
Kazakh–Russian figures; only sp-*-first gains on Text+Berg (+0.010 strict), and loses on
drop (link 0.819 -> 0.806). On this little text the unigram model keeps frequent
inflected forms whole (республикасын|ың, министрлігі|не) and cuts rare words into
scraps, which is no better a stem than a 5-letter prefix.

Segmentation (sacremoses has no sentence splitter: sacremoses.sent_tokenize raises
NotImplementedError on import; what it has is Moses' nonbreaking-prefix lists, one for
ru and none for kk): boundary precision/recall against the gold segments, as
benchmarks/segmentation_vs_gold.py counts them, for razdel alone, razdel with the
project's abbreviation tables, with the Moses ru list instead of ours, and with both; and
how many boundaries each changes over all five seeds.

    python benchmarks/measure_tokenizers.py [--only NAME ...] [--no-seg]
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

for _needed in ("sentencepiece", "sacremoses"):
    if importlib.util.find_spec(_needed) is None:
        sys.exit(f"this measurement needs {_needed}: pip install sentencepiece sacremoses")
from align.core import aligner, features, sentences  # noqa: E402
from align.lang.words import WORD  # noqa: E402
from align.lang import tables as R  # noqa: E402
from align.core.sentences import align_sentence_lists  # noqa: E402

from goldtools import TEXTBERG as PEER  # noqa: E402
EVAL = ROOT / "tests" / "data" / "eval"
ORIGINAL_CLUES = features.clues


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ clue variants

def make_clues(words_of=None, stems_of=None, cognates_of=None):
    """A `clues` function like align.features.clues with its words, stems or cognate keys
    found another way. With no arguments it is the original, field for field."""
    regex_words = lambda lower, lang: WORD.findall(lower)  # noqa: E731
    words_of = words_of or regex_words

    def clues(text: str, lang: str, drop_numbers: frozenset = frozenset()) -> features.Clues:
        lower = text.lower()
        words = words_of(lower, lang)
        numbers = {n.replace(",", ".").strip(".") for n in features._NUMBER.findall(text)} - drop_numbers
        months = R.MONTHS.get(lang, {})
        number_words = R.NUMBER_WORDS.get(lang, {})
        for w in words:
            if w in number_words:
                numbers.add(str(number_words[w]))
            if months:
                for stem, month in months.items():
                    if w.startswith(stem):
                        numbers.add(f"m{month}")
                        break
        if cognates_of:
            cognates = cognates_of(words)
        else:
            cognates = {features.cognate_key(w) for w in words if len(w) >= R.COGNATE_PREFIX + 1}
        if stems_of:
            stems = stems_of(words)
        else:
            stems = {w[:R.STEM_PREFIX] for w in words if len(w) >= 3}
        return features.Clues(len(" ".join(text.split())), tuple(numbers), tuple(cognates), tuple(stems))
    return clues


def train_sp(sentences: list[str], model_type: str, vocab: int, translit: bool = False):
    """A joint sentencepiece model trained in memory on the lower-cased words of `sentences`."""
    import sentencepiece as spm

    def words(s):
        ws = WORD.findall(s.lower())
        return " ".join(w.translate(R.COGNATE_MAP) if translit else w for w in ws)
    lines = [w for w in (words(s) for s in sentences) if w]
    model = io.BytesIO()
    with open(os.devnull, "w") as devnull:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines), model_writer=model, model_type=model_type,
            vocab_size=vocab, hard_vocab_limit=False, character_coverage=1.0,
            num_threads=2, logstream=devnull)
    return spm.SentencePieceProcessor(model_proto=model.getvalue())


def sp_variant(kind: str):
    """(train(sentences) -> clues function) for one sentencepiece variant."""
    def train(sentences):
        if kind == "sp-cog-uni4k":
            sp = train_sp(sentences, "unigram", 4000, translit=True)

            def cognates_of(words):
                keys = [w.translate(R.COGNATE_MAP).replace("-", "") for w in words]
                out = set()
                for pieces in sp.encode([k for k in keys if k], out_type=str):
                    out.update(p for p in pieces if len(p.lstrip("▁")) >= 4)
                return out
            return make_clues(cognates_of=cognates_of)
        model_type, vocab, first = {"sp-uni4k-all": ("unigram", 4000, False),
                                    "sp-uni4k-first": ("unigram", 4000, True),
                                    "sp-uni2k-first": ("unigram", 2000, True),
                                    "sp-uni8k-first": ("unigram", 8000, True),
                                    "sp-bpe2k-all": ("bpe", 2000, False)}[kind]
        sp = train_sp(sentences, model_type, vocab)

        def stems_of(words):
            out = set()
            for pieces in sp.encode(list(words), out_type=str):
                pieces = [p for p in pieces if p != "▁"]
                if first:
                    if pieces and len("".join(pieces)) >= 3:
                        out.add(pieces[0])
                else:
                    out.update(p for p in pieces if len(p.lstrip("▁")) >= 3)
            return out
        return make_clues(stems_of=stems_of)
    return train


def moses_variant(aggressive: bool):
    from sacremoses import MosesTokenizer
    tokenizers = {}

    def words_of(lower, lang):
        tok = tokenizers.get(lang)
        if tok is None:
            tok = tokenizers[lang] = MosesTokenizer(lang=lang or "en")
        tokens = tok.tokenize(lower, escape=False, aggressive_dash_splits=aggressive)
        if aggressive:
            return [t for t in tokens if t.isalpha()]
        return [t for t in tokens if any(c.isalpha() for c in t)]
    return lambda sentences: make_clues(words_of=words_of)


VARIANTS = {
    "baseline": lambda sentences: make_clues(),
    "sp-uni4k-all": sp_variant("sp-uni4k-all"),
    "sp-uni4k-first": sp_variant("sp-uni4k-first"),
    "sp-uni2k-first": sp_variant("sp-uni2k-first"),
    "sp-uni8k-first": sp_variant("sp-uni8k-first"),
    "sp-bpe2k-all": sp_variant("sp-bpe2k-all"),
    "sp-cog-uni4k": sp_variant("sp-cog-uni4k"),
    "moses": moses_variant(False),
    "moses-aggr": moses_variant(True),
}


def install(clues_fn):
    features.clues = clues_fn
    aligner.clues = clues_fn
    sentences.clues = clues_fn


# ------------------------------------------------------------------ measurements

def textberg(train, repeat=3):
    scorer = _load("textberg_score", EVAL / "textberg_score.py")
    de = (PEER / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (PEER / "dev.fr").read_text(encoding="utf-8").splitlines()
    t0 = time.perf_counter()
    install(train(de + fr))
    t_train = time.perf_counter() - t0
    beads = align_sentence_lists(de, fr, "de", "fr")
    elapsed = time.perf_counter() - t0
    for _ in range(repeat - 1):  # the machine is shared: keep the fastest run
        t1 = time.perf_counter()
        align_sentence_lists(de, fr, "de", "fr")
        elapsed = min(elapsed, t_train + time.perf_counter() - t1)
    with tempfile.NamedTemporaryFile("w", suffix=".defr", delete=False, encoding="utf-8") as f:
        f.write("".join(f"{i}:{j}\n" for i, j, _ in beads))
    res = scorer.score([scorer.read_alignments(str(PEER / "dev.defr"))], [scorer.read_alignments(f.name)])
    os.unlink(f.name)
    return {"tb_strict": res["f1_strict"], "tb_lax": res["f1_lax"], "tb_s": elapsed,
            "train_s": t_train}


def seed_sentences():
    from align.text.pipeline import load_document
    out = []
    for lang in ("kk", "ru"):
        for p in sorted((ROOT / "seeds" / lang).glob("*.txt")):
            out.extend(s.text for s in load_document(p, lang).segments)
    return out


def gold(train, sentences):
    import eval_gold
    install(train(sentences))
    scorer = eval_gold.load_scorer()
    results, _ = eval_gold.align_seeds()
    scores, _ = eval_gold.evaluate(results, scorer)
    flat, drop = {}, {}
    for path in sorted((ROOT / "tests" / "data" / "seeds_gold").glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        flat[path.stem] = _flat(g, scorer)
        drop[path.stem] = _flat(dropped(g), scorer)
    mean = lambda d, k: sum(v[k] for v in d.values()) / len(d)  # noqa: E731
    return {"gold_link": mean(scores, "link_f1"), "gold_bead": mean(scores, "bead_f1"),
            "flat_link": mean(flat, "link_f1"), "flat_bead": mean(flat, "bead_f1"),
            "drop_link": mean(drop, "link_f1"), "drop_bead": mean(drop, "bead_f1")}


def _flat(g, scorer):
    kk = [s for b in g["beads"] for s in b["kk"]]
    ru = [s for b in g["beads"] for s in b["ru"]]
    beads = align_sentence_lists(kk, ru, "kk", "ru")
    pairs = [(" ".join(kk[i] for i in a), " ".join(ru[j] for j in b)) for a, b, _ in beads]
    return scorer.score(g, pairs)


def dropped(g):
    """The gold with sentences taken out: the Russian side of every 6th bead and the Kazakh
    side of every 6th bead three further on, so that clues must find the gaps."""
    beads = []
    for k, b in enumerate(g["beads"]):
        b = dict(b)
        if k % 6 == 2 and b["kk"]:
            b["ru"] = []
        elif k % 6 == 5 and b["ru"]:
            b["kk"] = []
        beads.append(b)
    return {**g, "beads": beads}


def clue_time(train, sentences_tb, sentences_seed):
    spent = 0.0
    for texts, lang in ((sentences_tb, "de"), (sentences_seed, "ru")):
        fn = train(texts)
        t0 = time.perf_counter()
        for s in texts:
            fn(s, lang)
        spent += time.perf_counter() - t0
    return {"clue_s": spent}


def check_reimplementation(sentences):
    """The baseline variant must give exactly the clues of align/features.py."""
    fn = make_clues()
    for s in sentences:
        for lang in ("kk", "ru", "de"):
            mine, theirs = fn(s, lang), ORIGINAL_CLUES(s, lang)
            assert mine.length == theirs.length and all(
                set(getattr(mine, f)) == set(getattr(theirs, f)) for f in ("numbers", "cognates", "stems")), s


# ------------------------------------------------------------------ segmentation

def segmentation():
    from align.text import segment as S
    from align.text.pipeline import load_document
    from goldtools import SEEDS_GOLD, stream_boundaries
    from sacremoses.corpus import NonbreakingPrefixes
    moses_ru = set(NonbreakingPrefixes().words("ru"))
    ours = {k: set(v) for k, v in R.ABBREVIATIONS.items()}
    original_no_boundary = S._no_boundary
    print(f"\nMoses ru nonbreaking prefixes: {len(moses_ru)} ({len(moses_ru - ours['ru'])} not in "
          f"ours); ours ru {len(ours['ru'])} ({len(ours['ru'] - moses_ru)} not in Moses: "
          f"{' '.join(sorted(ours['ru'] - moses_ru))}); Moses kk: none")
    setups = {
        "razdel alone": (ours, True),
        "project tables": (ours, False),
        "Moses ru list": ({"kk": ours["kk"], "ru": moses_ru}, False),
        "project + Moses": ({"kk": ours["kk"], "ru": ours["ru"] | moses_ru}, False),
    }
    bounds = {}
    print(f"{'segmenter':18} {'lang':4} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6}  "
          "boundaries differing from the project's, all 5 seeds")
    for name, (tables, bare) in setups.items():
        R.ABBREVIATIONS.clear()
        R.ABBREVIATIONS.update(tables)
        S._no_boundary = (lambda before, after, lang: False) if bare else original_no_boundary
        try:
            for lang in ("kk", "ru"):
                gold_n = pred_n = right = 0
                all_b = set()
                for p in sorted((ROOT / "seeds" / lang).glob("*.txt")):
                    doc = load_document(p, lang)
                    pb = stream_boundaries([s.text for s in doc.segments])
                    all_b |= {(p.stem, b) for b in pb}
                    gp = SEEDS_GOLD / (p.stem + ".json")
                    if gp.exists():
                        g = stream_boundaries([s for b in json.loads(gp.read_text(encoding="utf-8"))["beads"]
                                               for s in b[lang]])
                        gold_n, pred_n, right = gold_n + len(g), pred_n + len(pb), right + len(g & pb)
                bounds[(name, lang)] = all_b
                diff = len(all_b ^ bounds[("project tables", lang)]) if ("project tables", lang) in bounds else "-"
                print(f"{name:18} {lang:4} {gold_n:5} {pred_n:5} {right / pred_n:6.3f} {right / gold_n:6.3f}  {diff}")
        finally:
            R.ABBREVIATIONS.clear()
            R.ABBREVIATIONS.update(ours)
            S._no_boundary = original_no_boundary
    import re
    ru_text = " ".join(load_document(p, "ru").text for p in sorted((ROOT / "seeds" / "ru").glob("*.txt")))
    seen = {a: len(re.findall(r"(?<![^\W\d_])" + re.escape(a) + r"\.", ru_text))
            for a in (moses_ru | ours["ru"]) if not (len(a) == 1 and a.isupper()) and not a[0].isdigit()}
    only_moses = {a: n for a, n in seen.items() if n and a not in ours["ru"]}
    print(f"abbreviations followed by '.' in the five ru seeds: ours {sum(n for a, n in seen.items() if a in ours['ru'])}"
          f", Moses-only {sum(only_moses.values())} ({' '.join(f'{a}.x{n}' for a, n in sorted(only_moses.items()))})")
    vetoes = []
    S._no_boundary = lambda before, after, lang: (vetoes.append(before.split()[-1])
                                                  if original_no_boundary(before, after, lang) else False)
    try:
        for lang in ("kk", "ru"):
            for p in sorted((ROOT / "seeds" / lang).glob("*.txt")):
                load_document(p, lang)
    finally:
        S._no_boundary = original_no_boundary
    print(f"boundaries the project's rules veto in the five seeds: {len(vetoes)} "
          f"({' '.join(sorted(set(vetoes)))})")
    for lang in ("kk", "ru"):
        print(f"razdel alone vs project tables, {lang}: "
              f"{len(bounds[('razdel alone', lang)] ^ bounds[('project tables', lang)])} boundaries differ")


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="+", choices=list(VARIANTS))
    ap.add_argument("--no-seg", action="store_true", help="skip the segmentation part")
    args = ap.parse_args()
    de = (PEER / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (PEER / "dev.fr").read_text(encoding="utf-8").splitlines()
    seeds = seed_sentences()
    check_reimplementation(seeds[:200] + de[:100])
    names = args.only or list(VARIANTS)
    cols = ["tb_strict", "tb_lax", "tb_s", "train_s", "gold_link", "gold_bead", "flat_link",
            "flat_bead", "drop_link", "drop_bead", "clue_s"]
    print(f"{'variant':16} " + " ".join(f"{c:>9}" for c in cols))
    try:
        for name in names:
            train = VARIANTS[name]
            row = {**textberg(train), **gold(train, seeds), **clue_time(train, de + fr, seeds)}
            print(f"{name:16} " + " ".join(f"{row[c]:9.2f}" if c.endswith("_s") else f"{row[c]:9.3f}"
                                           for c in cols), flush=True)
    finally:
        install(ORIGINAL_CLUES)
    if not args.no_seg:
        segmentation()


if __name__ == "__main__":
    main()
