"""Sentence lists of any language pair (hunalign's input): the generic mode of the aligner,
with no structure and no shipped lexicon."""
from __future__ import annotations

from .calibration import confidence
from .dp import align_encoded
from .features import clues, encode
from .scoring import GENERIC, Params, learn_lexicon


def align_sentence_lists(src: list[str], tgt: list[str], src_lang: str = "", tgt_lang: str = "",
                         params: Params = GENERIC, subwords: bool = False) -> list[tuple[list[int], list[int], float]]:
    """Align two lists of sentences of any language pair (hunalign-style input): a first
    pass on length, numbers and cognates teaches a lexicon to the second pass. With
    `subwords`, the lexicon links stems a sentencepiece model learned from both lists."""
    src_clues = [clues(s, src_lang) for s in src]
    tgt_clues = [clues(t, tgt_lang) for t in tgt]
    if subwords:
        from .subwords import restem
        restem(src + tgt, src_clues + tgt_clues)
    a = sum(c.length for c in src_clues)
    b = sum(c.length for c in tgt_clues)
    ratio = b / a if a and b else 1.0
    enc = encode(src_clues, tgt_clues)
    first = align_encoded(enc, ratio, params)
    lexicon = learn_lexicon([(src_clues[p.i].stems, tgt_clues[p.j].stems)
                             for p in first if p.a == 1 and p.b == 1 and p.posterior >= 0.5])
    second = align_encoded(enc, ratio, params, lexicon) if len(lexicon) else first
    return [(list(range(p.i, p.i + p.a)), list(range(p.j, p.j + p.b)), confidence(p.posterior, p.parts))
            for p in second]
