"""The outlet lexicon (``outlets.json``): news organisations by alias, matched in strings and Docs.

>>> outlets = OutletLexicon.load()
>>> outlets.match("the AP"), outlets.match("Time"), outlets.match("Time", reporting=True)
('Associated Press', None, 'Time')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import attrs
from spacy.tokens import Doc

from quoteattr.lexicons.data import read_lexicon
from quoteattr.parse.docview import cached, doc_text

_WORD = re.compile(r"\w+")


_LAST_WORD = re.compile(r"(\w+) $")


@attrs.frozen
class Outlet:
    """One news organization of the lexicon."""

    name: str
    aliases: tuple[str, ...]
    type: str
    country: str
    ambiguous: frozenset[str] = frozenset()


@attrs.frozen(eq=False)
class OutletLexicon:
    """The outlets by alias, for matching names in strings and Docs.

    Aliases are matched as printed (case-sensitive), whole words only, with an optional
    "the" before any alias and a lowercase "the" for an alias's own "The".
    """

    outlets: tuple[Outlet, ...]
    by_alias: dict[str, Outlet]
    #: first word of an alias → the character after the word and one more (" N" in "The
    #: New York Times", "" for an alias that ends there) → the aliases, longest first
    by_word: dict[str, dict[str, tuple[str, ...]]]
    #: casefolded alias → outlet, for credits set in capitals ("SOURCE: REUTERS")
    by_folded: dict[str, Outlet] = attrs.field(factory=dict)
    #: nouns that name a news organisation or its output beside an outlet's name ("Time magazine")
    media_nouns: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: str | Path | None = None) -> OutletLexicon:
        """Read an outlet lexicon (the packaged one when ``path`` is None); cached by path."""
        return _load(str(path) if path else "")

    def __len__(self) -> int:
        return len(self.outlets)

    def outlet(self, alias: str) -> Outlet | None:
        """The outlet an exact alias (or canonical name) belongs to."""
        return self.by_alias.get(alias)

    def match(self, text: str, *, reporting: bool = False, caseless: bool = False) -> str | None:
        """The canonical name of the outlet ``text`` names ("the AP" → "Associated Press").

        Case-aware: "Reuters" matches, "reuters" does not (unless ``caseless``, for text set
        in capitals). An ambiguous alias ("Time", "Petra") matches only when the caller knows
        it is in a reporting context.
        """
        text = " ".join(text.split())
        for candidate in (text, *_without_the(text)):
            outlet = self.by_alias.get(candidate)
            if outlet is not None and (reporting or candidate not in outlet.ambiguous):
                return outlet.name
        if caseless:
            folded = text.casefold()
            outlet = self.by_folded.get(folded)
            if outlet is None and folded.startswith("the "):
                outlet = self.by_folded.get(folded[4:])
            if outlet is not None and (reporting or not outlet.ambiguous):
                return outlet.name
        return None

    def name_in(self, text: str, canonical: str) -> str:
        """The name ``text`` gives an outlet: the canonical name when the text uses it, else
        the alias it uses first, less a leading "The" ("KCNA" in a story that never spells
        out "Korean Central News Agency"). Sources are named this way, as speakers are named
        by the fullest form their document uses; :meth:`match` gives the canonical name back.
        """
        outlet = self.by_alias.get(canonical)
        if outlet is None:
            return canonical
        first: tuple[int, bool, str] | None = None
        for alias in outlet.aliases:
            position = _word_at(text, alias)
            if position is None:
                continue
            if alias == outlet.name:
                return outlet.name
            key = (alias in outlet.ambiguous, position, alias)
            if first is None or key < first:
                first = key
        if first is None:
            return canonical
        alias = first[2]
        return alias[4:] if alias.startswith("The ") and self.by_alias.get(alias[4:]) is None else alias

    def search(self, text: str, *, reporting: bool = False) -> Iterator[tuple[str, int, int]]:
        """Outlets named in a string, left to right, longest alias first at each word:
        ``(canonical name, start, end)``, a "the" before the alias included.

        An ambiguous alias is taken when ``reporting`` is true, or when a media noun
        stands next to it ("Time magazine", "the daily Dawn").
        """
        position = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if word.group() not in self.by_word and word.group() != "the":
                continue
            if start < position or start > 0 and _is_word(text[start - 1]):
                continue
            found = self._at(text, start, word.group(), reporting)
            if found is not None:
                name, end = found
                if _the_before(text, start):
                    start -= 4
                position = end
                yield name, start, end

    def _at(self, text: str, start: int, word: str, reporting: bool) -> tuple[str, int] | None:
        """The longest alias at ``start`` that ends at a word boundary: (name, end)."""
        groups = self.by_word.get("The" if word == "the" else word)
        if groups is None:
            return None
        after = start + len(word)
        for alias in (*groups.get(text[after : after + 2], ()), *groups.get("", ())):
            end = start + len(alias)
            piece = text[start:end]
            if piece != alias and not (word == "the" and piece == "t" + alias[1:]):
                continue
            if end < len(text) and _is_word(text[end]) and _is_word(alias[-1]):
                continue
            outlet = self.by_alias[alias]
            if alias in outlet.ambiguous and not (
                reporting or _media_noun_next_to(text, start, end, self.media_nouns)
            ):
                continue
            return outlet.name, end
        return None

    def find(self, doc: Doc, start: int, end: int, *, reporting: bool = False) -> tuple[str, int, int] | None:
        """The first outlet named in tokens ``[start, end)``: (canonical name, token start, token end)."""
        return next(self.find_all(doc, start, end, reporting=reporting), None)

    def find_all(
        self, doc: Doc, start: int, end: int, *, reporting: bool = False
    ) -> Iterator[tuple[str, int, int]]:
        """Every outlet named in tokens ``[start, end)``, in text order, as token ranges."""
        if start >= end:
            return
        found = cached(doc, f"outlets:{reporting}", lambda: self._find_in_doc(doc, reporting))
        for name, s, e, alias_start in found[bisect.bisect_left(found, (start,), key=lambda f: (f[3],)) :]:
            if alias_start >= end:
                break
            if e <= end:
                yield name, max(s, start), e

    def _find_in_doc(self, doc: Doc, reporting: bool) -> list[tuple[str, int, int, int]]:
        """Every outlet of the whole Doc once: (name, token start with a "the", token end,
        token start of the alias itself), in text order."""
        out = []
        for name, s, e in self.search(doc_text(doc), reporting=reporting):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            alias = span[1:] if len(span) > 1 and span[0].lower_ == "the" else span
            out.append((name, span.start, span.end, alias.start))
        return out


@lru_cache(maxsize=8)
def _load(path: str) -> OutletLexicon:
    raw = read_lexicon("outlets.json", path)
    outlets, by_alias = [], {}
    for item in raw["outlets"]:
        aliases = tuple(dict.fromkeys((item["name"], *item.get("aliases", ()))))
        outlet = Outlet(
            item["name"], aliases, item.get("type", ""), item.get("country", ""),
            frozenset(item.get("ambiguous", ())),
        )  # fmt: skip
        outlets.append(outlet)
        for alias in aliases:
            by_alias.setdefault(alias, outlet)
    by_word: dict[str, list[str]] = {}
    for alias in by_alias:
        first = _WORD.match(alias)
        if first is not None:
            by_word.setdefault(first.group(), []).append(alias)
    return OutletLexicon(
        tuple(outlets),
        by_alias,
        {w: _by_next(w, aliases) for w, aliases in by_word.items()},
        {f: o for a, o in reversed(by_alias.items()) for f in (a.casefold(),)},
        frozenset((raw if "media_nouns" in raw else read_lexicon("outlets.json"))["media_nouns"]["words"]),
    )


def _by_next(word: str, aliases: list[str]) -> dict[str, tuple[str, ...]]:
    """Aliases that start with ``word``, grouped by the two characters after it, longest first."""
    groups: dict[str, list[str]] = {}
    for alias in sorted(aliases, key=len, reverse=True):
        key = alias[len(word) : len(word) + 2] if len(alias) >= len(word) + 2 else ""
        groups.setdefault(key, []).append(alias)
    return {key: tuple(found) for key, found in groups.items()}


def _word_at(text: str, alias: str) -> int | None:
    """Where ``alias`` first occurs in ``text`` as whole words (one regex scan, in C)."""
    m = _alias_pattern(alias).search(text)
    return m.start() if m else None


@lru_cache(maxsize=1024)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    body = re.escape(alias)
    if alias.startswith("The "):
        body = "[Tt]" + re.escape(alias[1:])
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _without_the(text: str) -> tuple[str, ...]:
    """ "the AP" → ("AP", "The AP"), so either form of an alias is found."""
    if text[:4] in ("the ", "The "):
        return text[4:], "The " + text[4:]
    return ()


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _the_before(text: str, start: int) -> bool:
    return (
        start >= 4
        and text[start - 4 : start] in ("the ", "The ")
        and (start == 4 or not _is_word(text[start - 5]))
    )


def _media_noun_next_to(text: str, start: int, end: int, media_nouns: frozenset[str]) -> bool:
    """ "Time magazine", "news agency Petra", "the daily Dawn": a media noun beside the name."""
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if after is not None and after.group().lower() in media_nouns:
        return True
    before = _LAST_WORD.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).lower() in media_nouns
