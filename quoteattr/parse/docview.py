"""What the stages read of a Doc, computed once a Doc: its text, entities and paragraphs,
and its :class:`Origin`, the caller's string that offsets are given in.

spaCy builds ``doc.text``, ``doc.ents`` and each Token object anew on every access, which
adds up in loops; the values here wait in ``doc.user_data`` while the quoteattr component
works, which drops them (:func:`forget`) before the Doc leaves it.

>>> import spacy
>>> doc = spacy.blank("en")("One.\\n\\nTwo.")
>>> paragraphs(doc).starts, paragraphs(doc).index(7)
([0, 6], 1)
"""

from __future__ import annotations

import bisect
import re

import attrs

_CACHE_KEY = "quoteattr.cache"


def cached(doc, name: str, build):
    """A value computed once a Doc (``build()``), kept until :func:`forget`."""
    store = doc.user_data.setdefault(_CACHE_KEY, {})
    if name not in store:
        store[name] = build()
    return store[name]


def doc_text(doc) -> str:
    """``doc.text``, built once a Doc (or given by :func:`with_text`)."""
    return cached(doc, "text", lambda: doc.text)


def with_text(doc, text: str):
    """``doc``, knowing that its text is ``text`` (the string it was made from), so that
    :func:`doc_text` need not build it again; returns ``doc``."""
    doc.user_data.setdefault(_CACHE_KEY, {})["text"] = text
    return doc


def doc_ents(doc) -> tuple:
    """``doc.ents``, built once a Doc."""
    return cached(doc, "ents", lambda: doc.ents)


def entity_of(doc) -> dict:
    """The named entity (a Span) covering each token index that has one, found once a Doc."""
    return cached(
        doc, "entity_of", lambda: {t: ent for ent in doc_ents(doc) for t in range(ent.start, ent.end)}
    )


def forget(doc) -> None:
    """Drop what :func:`cached` kept, so that Docs serialise without it."""
    doc.user_data.pop(_CACHE_KEY, None)


@attrs.frozen
class Origin:
    """The caller's string a Doc was made from: the Doc's text is ``text[offset:offset + len]``
    (or a same-length copy of it that parses better), and ``publisher`` is the outlet the
    caller named, if any. Every offset the component gives is into ``text``, and every
    span's text is sliced from it."""

    text: str = attrs.field(repr=False)
    offset: int = 0
    publisher: str | None = None

    def slice(self, start: int, end: int) -> str:
        """The caller's text of the Doc's characters ``start:end``."""
        return self.text[self.offset + start : self.offset + end]


def with_origin(doc, text: str, offset: int = 0, publisher: str | None = None):
    """``doc``, made from ``text[offset:]`` (see :class:`Origin`); returns ``doc``."""
    doc.user_data.setdefault(_CACHE_KEY, {})["origin"] = Origin(text, offset, publisher)
    return doc


def origin_of(doc) -> Origin:
    """The :class:`Origin` given by :func:`with_origin`, else the Doc's own text."""
    return cached(doc, "origin", lambda: Origin(doc_text(doc)))


@attrs.frozen
class Paragraphs:
    """Paragraph numbers of character offsets (a paragraph ends at a newline)."""

    starts: list[int]

    @classmethod
    def of(cls, text: str) -> Paragraphs:
        return cls([0] + [m.end() for m in re.finditer(r"\n\s*", text)])

    def index(self, char: int) -> int:
        return bisect.bisect_right(self.starts, char) - 1

    def bounds(self, index: int, text: str) -> tuple[int, int]:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(text)
        return self.starts[index], len(text[:end].rstrip()) if end else 0


def paragraphs(doc) -> Paragraphs:
    """The paragraphs of the Doc's text, found once a Doc."""
    return cached(doc, "paragraphs", lambda: Paragraphs.of(doc_text(doc)))
