"""What a cue reports, on parses built by hand: the content ranges of a frame."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quoteattr.find.content import argument_ranges, reported_argument
from quoteattr.find.cues import find_cues
from quoteattr.lexicons.cues import CueLexicon


def test_according_to_content_is_in_text_order_on_a_non_projective_parse():
    # "Walker, the governor, will speak, according to a report." with the apposition hung
    # across the "according to" phrase, as the small model sometimes parses it: the
    # subtree of "speak" is then not in text order, and the content must still be ranges
    # that start before they end.
    words = ["Walker", "will", "speak", "at", "noon", ",", "according", "to", "WKOW", ",", "the",
             "governor", "."]  # fmt: skip
    heads = [2, 2, 2, 2, 3, 2, 2, 6, 7, 2, 11, 0, 2]
    deps = ["nsubj", "aux", "ROOT", "prep", "pobj", "punct", "prep", "prep", "pobj", "punct", "det",
            "appos", "punct"]  # fmt: skip
    pos = ["PROPN", "AUX", "VERB", "ADP", "NOUN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT", "DET",
           "NOUN", "PUNCT"]  # fmt: skip
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    for token in doc:
        token.lemma_ = token.lower_
    cues = {m.token.i: m for m in find_cues(doc, CueLexicon.load())}
    according = cues[6]
    ranges = argument_ranges(according, reported_argument(according, CueLexicon.load().frames), cues)
    assert ranges and all(first <= last for first, last in ranges)
    assert ranges == sorted(ranges)
