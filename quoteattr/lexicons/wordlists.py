"""Word lists kept as data: ``names.json`` (who a mention is) and ``reporting.json`` (how an
outlet passes a statement on), one attrs class each, read by :func:`read_word_lists`.

Each list in a file is ``{"note": ..., "words": [...]}`` (a set of words), or
``{"note": ..., "counts": {...}}`` / ``{"note": ..., "kinds": {...}}`` (a mapping).

>>> words = NameWords.load()
>>> "ministry" in words.org_nouns, words.pairs["trio"], words.pronouns["she"]
(True, 3, 'f')
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import attrs

from quoteattr.lexicons.data import read_lexicon

T = TypeVar("T")


def read_word_lists(cls: type[T], raw: Mapping[str, Any], name: str) -> T:
    """An instance of the attrs class ``cls`` with one field a list of ``raw``."""
    values = {}
    for field in attrs.fields(cls):
        item = raw.get(field.name)
        if not isinstance(item, Mapping):
            raise ValueError(f"{name}: the list {field.name!r} is missing (it needs a 'words' list)")
        if "words" in item:
            values[field.name] = frozenset(item["words"])
        else:
            values[field.name] = dict(item.get("counts") or item.get("kinds") or {})
    return cls(**values)


@attrs.frozen
class NameWords:
    """The word lists of ``names.json``: see the file's notes for each."""

    female: frozenset[str]
    male: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    minor: frozenset[str]
    determiners: frozenset[str]
    definite: frozenset[str]
    org_nouns: frozenset[str]
    gpe_nouns: frozenset[str]
    person_group_nouns: frozenset[str]
    any_group_nouns: frozenset[str]
    pairs: Mapping[str, int]
    numbers: Mapping[str, int]
    ranks: frozenset[str]
    relation_roles: frozenset[str]
    affiliations: frozenset[str]
    pronouns: Mapping[str, str]
    unresolved: frozenset[str]

    @classmethod
    def load(cls, path: str | Path | None = None) -> NameWords:
        """Read ``names.json`` (the packaged one when ``path`` is None); cached by path."""
        return _load_names(str(path) if path else "")


@attrs.frozen
class ReportingWords:
    """The word lists of ``reporting.json``: see the file's notes for each."""

    report_lemmas: frozenset[str]
    unlisted_media: frozenset[str]
    story_types: frozenset[str]
    state_words: frozenset[str]
    tell_verbs: frozenset[str]
    speak_verbs: frozenset[str]
    channel_nouns: frozenset[str]
    carry_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    appear_verbs: frozenset[str]
    generic_nouns: frozenset[str]

    @classmethod
    def load(cls, path: str | Path | None = None) -> ReportingWords:
        """Read ``reporting.json`` (the packaged one when ``path`` is None); cached by path."""
        return _load_reporting(str(path) if path else "")


@lru_cache(maxsize=8)
def _load_names(path: str) -> NameWords:
    return read_word_lists(NameWords, read_lexicon("names.json", path), path or "names.json")


@lru_cache(maxsize=8)
def _load_reporting(path: str) -> ReportingWords:
    return read_word_lists(ReportingWords, read_lexicon("reporting.json", path), path or "reporting.json")
