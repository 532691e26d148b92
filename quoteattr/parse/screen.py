"""Finding the few tokens worth a closer look, without making a Token for every word.

spaCy builds a Python ``Token`` object on each ``doc[i]`` and each step of ``for token in
doc``; over a long Doc, and for every rule that looks, that costs more than the rule.
These helpers compare spaCy's string hashes in one array instead, so that Python sees
only the tokens that may matter, and keep what they find for the rest of the Doc's
trip through the quoteattr component (:func:`quoteattr.parse.docview.cached`).

>>> import spacy
>>> doc = spacy.blank("en")("They DENIED it, then denied it again.")
>>> positions(doc, ("deny", "denied"), (LOWER,))
[1, 5]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc

from quoteattr.parse.docview import cached


def positions(
    doc: Doc, words: Iterable[str], attrs: tuple[int, ...] = (LOWER, LEMMA), *, variants: bool = True
) -> list[int]:
    """Indices of tokens whose form under any of ``attrs`` may be one of ``words``
    (lower-case words; with ``variants``, a lemma's capitals and a curly apostrophe are
    allowed for).

    A screen, not a verdict: the caller checks each token it returns.
    """
    if not len(doc):
        return []
    distinct, where = _distinct(doc, attrs)
    wanted = spellings(tuple(words), variants)
    hit = numpy.fromiter((h in wanted for h in distinct), dtype=bool, count=len(distinct))
    return numpy.flatnonzero(hit[where].any(axis=1)).tolist()


def _distinct(doc: Doc, attrs: tuple[int, ...]) -> tuple[list[int], numpy.ndarray]:
    """The distinct hashes of the Doc's tokens under ``attrs``, and where each token's are."""

    def build() -> tuple[list[int], numpy.ndarray]:
        rows = columns(doc, attrs)
        distinct, where = numpy.unique(rows.reshape(-1), return_inverse=True)
        return distinct.tolist(), where.reshape(rows.shape)

    return cached(doc, f"distinct:{attrs}", build)


def columns(doc: Doc, attrs: tuple[int, ...]) -> numpy.ndarray:
    """``doc.to_array(attrs)`` as a two-dimensional array, made once a Doc."""
    return cached(doc, f"columns:{attrs}", lambda: doc.to_array(list(attrs)).reshape(len(doc), len(attrs)))


@lru_cache(maxsize=256)
def spellings(words: tuple[str, ...], variants: bool = True) -> frozenset[int]:
    """spaCy's hashes of ``words`` and, with ``variants``, of every other way a token can
    spell them: capitalised, title-cased or upper-case, with a curly apostrophe."""
    found = set(words)
    for word in words if variants else ():
        for form in (word, word.replace("'", "\u2019")):
            found.update((form, form.capitalize(), form.title(), form.upper()))
    return frozenset(hash_string(form) for form in found)


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of every sentence, in order (``[0]`` when the Doc has no sentences)."""

    def build() -> list[int]:
        if not len(doc):
            return []
        if not doc.has_annotation("SENT_START"):
            return [0]
        flags = doc.to_array([SENT_START])
        starts = numpy.flatnonzero(flags.reshape(-1) == 1).tolist()
        return starts if starts and starts[0] == 0 else [0, *starts]

    return cached(doc, "sentence_starts", build)


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Start and end of the sentence of token ``i`` (the whole Doc when it has no sentences)."""
    starts = sentence_starts(doc)
    k = bisect.bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)
