"""Shared fixtures: one real spaCy pipeline for the session, and an ``attribute`` helper.

``attribute(text)`` runs :func:`quoteattr.extract` on a real parse and checks, before
handing the result back, that every span of every attribution is honest about its
offsets: ``text[start:end] == span.text`` for content spans, quoted fragments, cue and
speaker, against the string the caller gave.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import quoteattr
from quoteattr.types import KINDS, Result


def assert_offsets(text: str, result: Result) -> None:
    """Every span in ``result`` slices back out of ``text``; spans in order and well formed."""
    assert result.text == text
    previous_start = -1
    for a in result.quotes:
        assert a.kind in KINDS
        pieces = [text[start:end] for start, end in a.content.spans]
        assert a.content.text == " ".join(pieces), (a.content.text, pieces)
        assert all(start < end for start, end in a.content.spans), a.content.spans
        ends = [end for _, end in a.content.spans]
        starts = [start for start, _ in a.content.spans]
        assert all(e <= s for e, s in zip(ends, starts[1:], strict=False)), (
            f"spans overlap or are out of order: {a.content.spans}"
        )
        for q in a.quotes:
            assert text[q.start : q.end] == q.text, (q, text[q.start : q.end])
            assert any(s <= q.start and q.end <= e for s, e in a.content.spans), (
                f"quoted fragment {q.text!r} is outside the content {a.content.spans}"
            )
        if a.cue is not None:
            assert text[a.cue.start : a.cue.end] == a.cue.text, (a.cue, text[a.cue.start : a.cue.end])
        if a.speaker is not None:
            assert text[a.speaker.start : a.speaker.end] == a.speaker.text, (
                a.speaker,
                text[a.speaker.start : a.speaker.end],
            )
        assert a.content.start >= previous_start, "attributions are not in text order"
        previous_start = a.content.start


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with the quoteattr component, loaded once."""
    return quoteattr.load()


@pytest.fixture
def attribute(nlp) -> Callable[[str], Result]:
    """``attribute(text)``: the Result of ``quoteattr.extract(text, nlp=nlp)``, offsets checked."""

    def run(text: str) -> Result:
        result = quoteattr.extract(text, nlp=nlp)
        assert_offsets(text, result)
        return result

    return run


@pytest.fixture(scope="session")
def check_offsets() -> Callable[[str, Result], None]:
    """``check_offsets(text, result)``: the offset checks of ``attribute`` for any Result."""
    return assert_offsets
