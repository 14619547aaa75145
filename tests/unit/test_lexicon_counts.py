"""The lexicon counted in parts and merged (as corpus mode's Dask reduction does) is the
lexicon counted whole."""
import random

from align.core.scoring import LexiconCounts, coverage_step, learn_lexicon, lexicon_from_counts


def test_counts_merged_in_any_grouping_give_the_lexicon_learned_whole():
    rng = random.Random(7)
    words = [f"w{i}" for i in range(60)]
    beads = []
    for _ in range(5000):
        src = frozenset(rng.sample(words[:30], 4))
        tgt = frozenset(f"t{w[1:]}" for w in src if rng.random() < 0.8) | {rng.choice(words[30:])}
        beads.append((src, tgt))
    whole = learn_lexicon(beads)
    assert len(whole) > 10 and 0 < whole.p_random < whole.p_true

    step = coverage_step(len(beads))
    parts, start = [], 0
    while start < len(beads):       # uneven parts, merged in shuffled order
        end = min(len(beads), start + rng.randint(1, 400))
        part = LexiconCounts()
        for i in range(start, end):
            part.add(*beads[i], i if i % step == 0 else None)
        parts.append(part)
        start = end
    rng.shuffle(parts)
    merged = LexiconCounts()
    for part in parts:
        merged.merge(part)
    again = lexicon_from_counts(merged)
    assert again.links == whole.links
    assert (again.p_true, again.p_random) == (whole.p_true, whole.p_random)
