"""Learned stems for languages saikes has no stemmer for (`align-sentences --subwords`).

The lexicon the second pass learns links word stems; by default a stem is a word's first
five letters, which suits Kazakh and Russian but cuts German compounds and French
elisions badly. Here a joint sentencepiece unigram model is trained on the two files being
aligned, and a word's stem is its first piece: a prefix of varying length that the model
learned recurs. Measured on the Text+Berg German–French dev set: strict / lax F1 0.835 /
0.968 → 0.846 / 0.976, at about twice the run time (`benchmarks/measure_tokenizers.py`,
variant sp-uni4k-first). Nothing is downloaded or stored: the model lives for one run.
"""
from __future__ import annotations

import io
import os

from ..errors import SaikesError
from ..lang.words import WORD
from .features import Clues

VOCABULARY = 4000     # pieces; 2,000 and 8,000 measured the same on Text+Berg
MIN_STEM = 3          # letters a word needs for a stem, as for the prefix stems


def restem(texts: list[str], clues: list[Clues]) -> None:
    """Replace each segment's prefix stems by the first pieces of its words, with a model
    trained on `texts` (both sides' segments)."""
    model = _train([" ".join(WORD.findall(t.lower())) for t in texts])
    for text, c in zip(texts, clues):
        words = WORD.findall(text.lower())
        stems = set()
        for pieces in model.encode(words, out_type=str):
            pieces = [p for p in pieces if p != "▁"]
            if pieces and len("".join(pieces)) >= MIN_STEM:
                stems.add(pieces[0])
        c.stems = tuple(stems)


def _train(lines: list[str]):
    try:
        import sentencepiece as spm
    except ImportError:
        raise SaikesError("--subwords needs sentencepiece: pip install sentencepiece") from None
    lines = [ln for ln in lines if ln]
    if not lines:
        raise SaikesError("--subwords: the files have no words to learn pieces from")
    model = io.BytesIO()
    with open(os.devnull, "w") as quiet:
        # one thread: the pieces, and so the alignment, are the same on every run
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines), model_writer=model, model_type="unigram", vocab_size=VOCABULARY,
            hard_vocab_limit=False, character_coverage=1.0, num_threads=1, logstream=quiet)
    return spm.SentencePieceProcessor(model_proto=model.getvalue())
