"""Through whom a statement reaches the reader: reporting sources and the publisher.

Three pure functions over a parsed Doc and the attributions being assembled
(:class:`quoteattr.attributions.Draft`), all driven by the outlet lexicon
(``lexicons/outlets.json``, loaded once as an :class:`OutletLexicon`):

- :func:`find_publisher`: the outlet that published the text, from a credit line
  ("Source: Al Jazeera"), a wire dateline ("LAGOS (Reuters) -"), an agency byline
  ("By Jane Doe, Associated Press") or Reuters' "Reporting by …; Editing by …".
- :func:`reporting_source`: the outlet one statement was given to or carried by, named
  in its own sentence ("told Reuters", "in an interview with the BBC", "according to
  KCNA", "Yonhap quoted X as saying").
- :func:`report_frames`: an outlet's report that scopes over other statements
  ("North Korean state media KCNA reported on Thursday" framing the letters it reports).

An alias that is also an ordinary word, place or index ("Time", "Petra", "Nikkei") is
taken only in a reporting context: told X, according to X, X reported, an interview
with X, X magazine, news agency X.

>>> outlets = OutletLexicon.load()
>>> outlets.match("the AP"), outlets.match("Time"), outlets.match("Time", reporting=True)
('Associated Press', None, 'Time')
>>> find_publisher("WASHINGTON (AP) — The Senate voted on Tuesday.", outlets).to_dict()
{'name': 'Associated Press', 'text': 'WASHINGTON (AP) —', 'start': 0, 'end': 17}
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from quoteattr.lexicon import read_lexicon
from quoteattr.screen import positions
from quoteattr.text import cached, doc_text
from quoteattr.types import Entity

if TYPE_CHECKING:  # the engine imports this module; its Draft is only a type here
    from quoteattr.attributions import Draft

#: Nouns that name a news organization or its output when they stand next to an outlet's
#: name: "state news agency KCNA", "the Reuters news agency", "Time magazine".
MEDIA_NOUNS = frozenset(
    """media agency agencies broadcaster television tv radio newspaper paper daily weekly magazine
    outlet network channel station website site wire service tabloid newswire news""".split()
)
#: Verbs that report what an outlet carries, for a frame's cue ("KCNA reported …").
REPORT_LEMMAS = frozenset(
    ("report", "say", "quote", "carry", "publish", "broadcast", "air", "cite", "write", "according to")
)
#: Media nouns that name an outlet the lexicon does not list when a state or national word
#: goes with them: "state television", "Ukrainian radio", "Israel's Channel 12".
UNLISTED_MEDIA = frozenset(
    ("television", "tv", "radio", "broadcaster", "media", "agency", "channel", "daily")
)
#: Outlet types whose reports carry whole stories, so that their frames reach past their paragraph.
STORY_TYPES = frozenset(("agency", "state_agency", "state_broadcaster", "state_newspaper"))
STATE_WORDS = frozenset(("state", "official", "national", "public", "government", "state-run", "state-owned"))
#: Verbs whose object is who was told: "told Reuters", "assured the BBC".
TELL_VERBS = frozenset(("tell", "inform", "assure", "brief", "email", "e-mail", "text", "message", "write"))
#: Verbs and nouns through which a statement is given to an outlet: "speaking to CNN",
#: "in an interview with the BBC", "in comments to Xinhua", "gave an interview to AFP".
SPEAK_VERBS = frozenset(
    """speak talk tell say explain confirm reveal describe admit insist give grant write comment
    add acknowledge announce deny complain warn claim stress note argue disclose""".split()
)
CHANNEL_NOUNS = frozenset(
    """interview comment comments remark remarks statement conversation letter message email e-mail
    call op-ed oped article column piece podcast appearance broadcast report documentary
    program programme show editorial essay post dispatch""".split()
)
#: Participles that carry a statement on an outlet's behalf: "in a statement carried by IRNA",
#: "was quoted by Interfax as saying".
CARRY_VERBS = frozenset(
    """carry publish quote cite broadcast air release report post run obtain see distribute
    circulate issue televise translate""".split()
)
#: Verbs whose subject quotes someone: "Yonhap quoted an official as saying".
QUOTE_VERBS = frozenset(("quote", "cite"))
#: Verbs of appearing on or writing in an outlet: "said on CNN", "wrote in The Washington Post".
APPEAR_VERBS = frozenset(("appear", "speak", "say", "write", "tell", "post", "comment", "talk", "argue"))
#: Dependencies through which a cue leans on the verb above it ("quoted … as saying",
#: "smiled and said", "…, adding"): that verb's framing is the cue's too.
_LEAN_DEPS = frozenset(("advcl", "xcomp", "pcomp", "prep", "acl", "dep", "conj"))
#: Links that open a new clause: an outlet below one belongs to that clause's statement.
_CLAUSE_DEPS = frozenset(("ccomp", "conj", "relcl", "parataxis", "csubj", "xcomp"))
#: Links from a name to the noun phrase it sits in: "the Reuters news agency", "the agency, Xinhua".
_PHRASE_DEPS = frozenset(("compound", "appos", "nmod", "flat", "npadvmod"))
#: Nouns too common in news to say two sentences are about the same thing.
GENERIC_NOUNS = frozenset(
    """time times year years day days week weeks month months people thing things way part number lot
    today statement report reports comment comments remark remarks interview news media agency
    official officials country countries state states government side sides issue issues matter
    situation end point percent""".split()
)
#: Credit lines: "Source: Al Jazeera", "Copyright 2024 The Associated Press. All rights reserved."
_CREDIT = re.compile(
    r"[^\S\n]*(?:sources?|via|credit|courtesy(?: of)?|copyright|©|\(c\))"
    r"(?:[^\S\n]*(?:[:\-–—|]|©|\(c\)|\d{4}))*[^\S\n]*",
    re.IGNORECASE,
)
#: Reuters' credit: "(Reporting by Jane Doe in Lagos; Editing by John Smith)".
_REUTERS = re.compile(
    r"(?:Additional )?Reporting by [^\n()]{1,300}?\b(?:Editing|Writing) by\b[^\n()]{0,300}", re.IGNORECASE
)
_DASH = re.compile(r"[^\S\n]*(?:--|[-–—])")
_BYLINE = re.compile(r"[^\S\n]*(?:By|BY)[^\S\n]+")
_BYLINE_SEPARATOR = re.compile(r"[,|/•·–—]|\s-\s|\b(?:for|of|and)\b")
_BYLINE_TRADE = re.compile(r"\s*(?:[A-Z][\w-]*\s+){0,3}(?:Writer|Correspondent|Reporter|Staff|Editor)\b")
_WORD = re.compile(r"\w+")
_LAST_WORD = re.compile(r"(\w+) $")
#: How much of each end of a text is looked at for a publisher's credit.
EDGE = 400


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
            if alias in outlet.ambiguous and not (reporting or _media_noun_next_to(text, start, end)):
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


def _media_noun_next_to(text: str, start: int, end: int) -> bool:
    """ "Time magazine", "news agency Petra", "the daily Dawn": a media noun beside the name."""
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if after is not None and after.group().lower() in MEDIA_NOUNS:
        return True
    before = _LAST_WORD.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).lower() in MEDIA_NOUNS


# --- publisher -------------------------------------------------------------------------------


def find_publisher(text: str, outlets: OutletLexicon) -> Entity | None:
    """The outlet that published ``text``, from its credit, or None.

    Tried in order: a credit line ("Source: Al Jazeera", "Copyright 2024 The Associated
    Press", last lines first), a wire dateline at the start of a line ("LAGOS (Reuters) -",
    "BEIJING, March 3 (Xinhua) --", "(AFP) -"), an agency byline ("By Jane Doe, Associated
    Press", "By Reuters Staff"), and Reuters' "Reporting by …; Editing by …". Only the
    first and last :data:`EDGE` characters are read, with regexes that do not backtrack
    over the text, so a 5 MB input costs what a short one does. ``text``/``start``/``end``
    of the Entity are the credit as matched, in ``text``'s offsets.
    """
    head_end = min(len(text), EDGE)
    tail_end = len(text)
    while tail_end > head_end and tail_end > len(text) - 4000 and text[tail_end - 1].isspace():
        tail_end -= 1
    tail_start = max(head_end, tail_end - EDGE)
    head = list(_lines(text, 0, head_end))
    tail = list(_lines(text, tail_start, tail_end))
    for line in (*reversed(tail), *head):
        found = _credit(text, *line, outlets)
        if found is not None:
            return found
    for finder in (_dateline, _byline):
        for line in head:
            found = finder(text, *line, outlets)
            if found is not None:
                return found
    for start, end in ((tail_start, tail_end), (0, head_end)):
        m = _REUTERS.search(text, start, end)
        if m is not None:
            credit = m.group().rstrip(" ).")
            name = outlets.match("Reuters") or "Reuters"
            return Entity(name=name, text=credit, start=m.start(), end=m.start() + len(credit))
    return None


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the non-blank lines of ``text[start:end]``."""
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        if text[position:stop].strip():
            yield position, stop
        position = stop + 1


def _credit(text: str, start: int, end: int, outlets: OutletLexicon) -> Entity | None:
    m = _CREDIT.match(text, start, end)
    if m is None or m.end() == m.start() or not text[m.start() : m.end()].strip():
        return None
    found = _outlet_at(text, m.end(), end, outlets)
    if found is None:
        return None
    name, outlet_end = found
    first = start + len(text[start:end]) - len(text[start:end].lstrip())
    return Entity(name=name, text=text[first:outlet_end], start=first, end=outlet_end)


def _outlet_at(text: str, start: int, end: int, outlets: OutletLexicon) -> tuple[str, int] | None:
    """An outlet named right at ``start`` (a "the" before it allowed): (name, end)."""
    for name, s, e in outlets.search(text[start:end], reporting=True):
        return (name, start + e) if s == 0 else None
    words = list(_WORD.finditer(text, start, min(end, start + 80)))
    if text[start:end].isupper():  # "SOURCE: REUTERS"
        for n in range(min(len(words), 6), 0, -1):
            name = outlets.match(text[start : words[n - 1].end()], reporting=True, caseless=True)
            if name is not None:
                return name, words[n - 1].end()
    return None


def _dateline(text: str, start: int, end: int, outlets: OutletLexicon) -> Entity | None:
    """ "WASHINGTON (AP) —", "BEIJING, March 3 (Xinhua) --", "(AFP) -" at the start of a line."""
    line = text[start:end]
    open_ = line.find("(", 0, 80)
    if open_ < 0:
        return None
    close = line.find(")", open_, open_ + 45)
    if close < 0:
        return None
    place = line[:open_].strip()
    if place and (not place[0].isupper() or re.search(r"[.!?:;]\s", place) or len(place.split()) > 8):
        return None
    inner = line[open_ + 1 : close].strip()
    name = outlets.match(inner, reporting=True, caseless=inner.isupper())
    if name is None:
        words = inner.split()  # "(Reuters Health)", "(AP Photo)" is not a dateline
        name = outlets.match(words[0], reporting=True) if len(words) == 2 and words[1] == "Health" else None
    if name is None:
        return None
    dash = _DASH.match(line, close + 1)
    if dash is not None:
        stop = dash.end()
    elif close + 1 < len(line) and line[close + 1].isupper():  # CNN: "Washington (CNN)The …"
        stop = close + 1
    else:
        return None
    first = len(line) - len(line.lstrip())
    return Entity(name=name, text=line[first:stop], start=start + first, end=start + stop)


def _byline(text: str, start: int, end: int, outlets: OutletLexicon) -> Entity | None:
    """ "By Jane Doe, Associated Press", "By JOSH BOAK AP Economics Writer", "By Reuters"."""
    m = _BYLINE.match(text, start, end)
    if m is None:
        return None
    for name, s, e in outlets.search(text[m.end() : end], reporting=True):
        before = text[m.end() : m.end() + s]
        after = text[m.end() + e : end]
        if not before.strip() or _BYLINE_SEPARATOR.search(before) or _BYLINE_TRADE.match(after):
            first = start + len(text[start:end]) - len(text[start:end].lstrip())
            stop = len(text[:end].rstrip())
            return Entity(name=name, text=text[first:stop], start=first, end=stop)
    return None


# --- reporting sources of one statement ---------------------------------------------------------


def reporting_source(doc: Doc, draft: Draft, outlets: OutletLexicon) -> tuple[str, int, int] | None:
    """The outlet through which one attribution reaches the reader, from its own sentence.

    Looked for outside the attribution's content and speaker, in the sentence of its cue:

    - the addressee of "told" and its kin: "told Reuters", "told CNN's Jake Tapper";
    - an outlet after "to"/"with" on a speaking verb or a channel noun: "speaking to CNN",
      "in an interview with the BBC", "in comments to Xinhua", "gave an interview to AFP";
    - an outlet that carries or quotes the statement: "in a statement carried by IRNA",
      "was quoted by Interfax as saying", "Yonhap quoted an official as saying";
    - an outlet the speaker appeared on or wrote in: "said on NHK", "wrote in an op-ed in
      The Washington Post";
    - "according to X" when X is an outlet and the speaker is someone else.

    The phrase must hang off the cue or a verb the cue leans on ("quoted … as saying",
    "smiled and said") without crossing into another clause. Returns ``(canonical name,
    start char, end char)`` of the outlet mention ("state news agency KCNA", "the BBC"); the
    name is the outlet's as the document gives it (:meth:`OutletLexicon.name_in`).
    """
    if draft.cue is None:
        return None
    cue = draft.cue.token
    sentence = cue.sent
    chain = _chain(cue)
    speaker = range(draft.speaker.start, draft.speaker.end) if draft.speaker is not None else range(0)
    named = list(outlets.find_all(doc, sentence.start, sentence.end, reporting=True))
    for name, start, end in [*named, *_unlisted_media(doc, sentence.start, sentence.end, named)]:
        context = _context(doc, start, end, outlets, name)
        if context is None:
            continue
        kind, anchor = context
        if kind == "quoted" and anchor in chain[1:]:
            pass  # "Yonhap quoted an official as saying": the quoting outlet, whoever the parse made speaker
        elif (
            kind == "trailer"
            and anchor != cue
            and anchor.i > cue.i
            and not set(speaker) & set(range(start, end))
        ):
            pass  # "…, public broadcaster NHK reported.", even where the parse put it in the content
        elif kind == "trailer" or any(i in speaker for i in range(start, end)):
            continue
        elif _inside(doc, start, end, draft.spans):
            if not _trailing_speaking(doc, anchor, end):
                continue
        elif kind == "according":
            if draft.cue.entry.frame == "according" or _speaker_is(doc, draft, outlets, name):
                continue
        elif not _reaches(anchor, chain, draft):
            continue
        first, last = _extent(doc, start, end)
        if outlets.outlet(name) is not None:
            name = outlets.name_in(doc_text(doc), name)
        return name, doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    return None


def _unlisted_media(doc: Doc, start: int, end: int, named) -> Iterator[tuple[str, int, int]]:
    """News media the lexicon does not list, named by what they are: "state television",
    "Ukrainian television", "Israel's Channel 12" — a media noun with a state or national
    modifier. Yields ``(the words, less a leading "the", token start, token end)``."""
    taken = {i for _, s, e in named for i in range(s, e)}
    nouns = cached(doc, "media_nouns", lambda: positions(doc, tuple(sorted(UNLISTED_MEDIA)), (LEMMA,)))
    for i in nouns[bisect.bisect_left(nouns, start) : bisect.bisect_left(nouns, end)]:
        token = doc[i]
        if (
            token.lemma_.lower() not in UNLISTED_MEDIA
            or token.i in taken
            or token.pos_ not in ("NOUN", "PROPN")
        ):
            continue
        if token.dep_ == "compound" and token.head.lemma_.lower() in MEDIA_NOUNS:
            continue  # "state news agency": the phrase is named by its last noun
        left = [t for t in token.lefts if _in_phrase(t, token)]
        words = [t for c in left for t in c.subtree]
        if not any(
            t.lower_ in STATE_WORDS or t.ent_type_ in ("NORP", "GPE") or t.pos_ == "NUM"
            for t in [*words, *token.rights]
        ):
            continue
        first = min((t.i for t in words), default=token.i)
        last = max([token.i, *(t.i for t in token.rights if t.dep_ in ("nummod", "compound", "appos"))]) + 1
        if any(i in taken for i in range(first, last)):
            continue
        if doc[first].lower_ == "the":
            first += 1
        yield doc[first:last].text, first, last


def _inside(doc: Doc, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Do tokens ``[start, end)`` overlap the content spans?"""
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return any(s < end_char and start_char < e for s, e in spans)


def _trailing_speaking(doc: Doc, anchor: Token, end: int) -> bool:
    """ "…, speaking to Al Arabiya television." closing the sentence: the parse often hangs the
    participle on the reported clause, but it says how the speaker spoke, not what."""
    return (
        anchor.lemma_.lower() in ("speak", "talk")
        and anchor.tag_ == "VBG"
        and anchor.dep_ == "advcl"
        and anchor.i > 0
        and doc[anchor.i - 1].text == ","
        and all(
            t.is_punct or t.is_space or t.lemma_.lower() in MEDIA_NOUNS for t in doc[end : anchor.sent.end]
        )
    )


def _chain(cue: Token) -> list[Token]:
    """The cue and the verbs it leans on: "saying" → "as" → "quoted"; "said" → "smiled"."""
    chain = [cue]
    token = cue
    while token.dep_ in _LEAN_DEPS and token.head.i != token.i and len(chain) < 5:
        token = token.head
        chain.append(token)
    return chain


def _reaches(anchor: Token, chain: list[Token], draft: Draft) -> bool:
    """Does the phrase hung on ``anchor`` frame the cue? ``anchor`` is on the cue's chain, or
    below one of its tokens without opening a new clause on the way (nor inside the content)."""
    if anchor in chain:
        return True
    if any(s <= anchor.idx < e for s, e in draft.spans):
        return False
    node = anchor
    for _ in range(12):
        if node.dep_ in _CLAUSE_DEPS or node.head.i == node.i:
            return False
        node = node.head
        if node in chain:
            return True
    return False


def _context(doc: Doc, start: int, end: int, outlets: OutletLexicon, name: str) -> tuple[str, Token] | None:
    """How an outlet mention (tokens ``[start, end)``) hangs in its sentence, when that is a
    reporting context: ``("according" | "told" | "channel" | "quoted" | "trailer", the token it
    hangs on)``; a trailer is an outlet's report closing the sentence ("…, KCNA reported.")."""
    head = _head(doc, start, end)
    ambiguous = _is_ambiguous(doc, start, end, outlets)
    while head.dep_ in _PHRASE_DEPS and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    if head.dep_ == "poss" and head.head.pos_ in ("NOUN", "PROPN"):  # "CNN's Jake Tapper"
        head = head.head
    dep, up = head.dep_, head.head
    if dep == "nsubj" and up.lemma_.lower() in REPORT_LEMMAS and _trails(doc, head, up):
        return "trailer", up
    if dep in ("dobj", "dative", "obj") and up.lemma_.lower() in TELL_VERBS:
        return "told", up
    if dep == "nsubj" and up.lemma_.lower() in QUOTE_VERBS:
        return "quoted", up
    if dep != "pobj" or up.pos_ != "ADP":
        return None
    word, above = up.lower_, up.head
    lemma = _lemma(above)
    if word == "to" and above.lower_ == "according":
        return "according", above
    if word in ("to", "with"):
        if lemma in SPEAK_VERBS and above.pos_ in ("VERB", "AUX") or lemma in CHANNEL_NOUNS:
            return "channel", above
        return None
    if word == "by" or up.dep_ == "agent":
        if lemma in CARRY_VERBS or lemma in CHANNEL_NOUNS and above.pos_ == "NOUN":
            return "channel", above
        return None
    if word in ("on", "in", "for") and not ambiguous:
        if lemma in CHANNEL_NOUNS and above.pos_ == "NOUN" or lemma in APPEAR_VERBS and above.pos_ == "VERB":
            return "channel", above
    return None


def _trails(doc: Doc, subject: Token, verb: Token) -> bool:
    """ "…, KCNA reported (on Thursday).": an outlet's report closing the sentence after a comma."""
    first = min(subject.left_edge.i, verb.i)
    if first == 0 or doc[first - 1].text != ",":
        return False
    rest = doc[verb.i + 1 : verb.sent.end]
    return all(t.is_punct or t.is_space or verb.i in (a.i for a in t.ancestors) for t in rest)


def _lemma(token: Token) -> str:
    """The lemma, with a hyphenated word put back together ("op-ed" is "op", "-", "ed")."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{token.lemma_.lower()}"
    return token.lemma_.lower()


def _head(doc: Doc, start: int, end: int) -> Token:
    """The token of ``doc[start:end]`` whose head lies outside it."""
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def _is_ambiguous(doc: Doc, start: int, end: int, outlets: OutletLexicon) -> bool:
    text = doc[start:end].text
    outlet = outlets.outlet(text) or outlets.outlet(text[4:]) or outlets.outlet("The " + text[4:])
    return outlet is not None and any(a in outlet.ambiguous for a in (text, text[4:], "The " + text[4:]))


def _extent(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The outlet's whole noun phrase when media nouns describe it ("state news agency KCNA",
    "the official IRNA news agency", "the agency, Xinhua"), else the alias with its "the"."""
    head = _head(doc, start, end)
    while head.dep_ in _PHRASE_DEPS and head.head.pos_ in ("NOUN", "PROPN") and head.head.i != head.i:
        head = head.head
    phrase = [t for t in head.subtree if t.i == head.i or t.i < head.i and _in_phrase(t, head)]
    if not any(t.lemma_.lower() in MEDIA_NOUNS for t in phrase if not start <= t.i < end):
        return start, end
    first = min(min(t.i for t in phrase), start)
    while first < start and doc[first].is_punct:
        first += 1
    return first, max(head.i + 1, end)


def _in_phrase(token: Token, head: Token) -> bool:
    """A left dependent that is part of the noun phrase (not a clause or a preposition)."""
    node = token
    while node.i != head.i:
        if node.dep_ not in ("det", "amod", "compound", "nmod", "poss", "case", "npadvmod", "nummod", "flat"):
            return False
        node = node.head
    return True


def _speaker_is(doc: Doc, draft: Draft, outlets: OutletLexicon, name: str) -> bool:
    speaker = draft.speaker
    if speaker is None:
        return False
    if speaker.name and outlets.match(speaker.name, reporting=True) == name:
        return True
    return any(n == name for n, _, _ in outlets.find_all(doc, speaker.start, speaker.end, reporting=True))


# --- report frames ------------------------------------------------------------------------------


def report_frames(doc: Doc, drafts: list[Draft], outlets: OutletLexicon) -> dict[int, tuple[str, int, int]]:
    """The statements an outlet's report frames: ``{index into drafts: (name, start, end)}``.

    A *frame* is a draft whose speaker is an outlet ("KCNA", "the Yonhap news agency") or a
    state or national medium ("state media KCNA", "Iranian state television") and whose
    cue reports (report, say, quote, carry, publish, broadcast, according to), in a clause
    that asserts it (not "CNN didn't report", "after the Times reported"). The name is
    the outlet's as the document gives it (:meth:`OutletLexicon.name_in`: "KCNA"), or the
    words of a medium the lexicon does not list ("Iranian state television"); the offsets
    are those of the speaker mention.

    Scope, the way a news story leans on one report: a frame covers

    1. the other statements of its sentence ("Kim said …, KCNA reported"; "KCNA reported that
       Kim said …") and those after it in its paragraph ("… KCNA reported. He added …") up to
       one with a new reporting source, but not one that reports the frame itself ("He said
       CNN had reported …");
    2. a statement elsewhere in the story, before or after the frame, when its sentence
       talks about what the frame reported: the sentence's own words (outside the
       statement's content, so not what someone else says about it) share a content noun
       with the frame's reported clause ("In his letter, Kim said …" after "The exchange of
       letters marked …, KCNA reported"), or the sentence just before it in the same
       paragraph does, in its narrating words outside every statement's content ("In his
       letter, Kim said …. He promised …"). Only for an outlet whose reports carry whole
       stories (a wire or state agency, a state broadcaster or newspaper, unlisted "state
       media"; :data:`STORY_TYPES`), not a paper or network cited for one fact ("The Wall
       Street Journal reported in October …");

    and it stops, in either direction, at a paragraph that brings a new reporting source:
    another outlet's frame, or a statement given to another outlet ("told Reuters").
    Common nouns only, by lemma, less :data:`GENERIC_NOUNS`; names are not enough, since
    every paragraph of a story about Kim names Kim.

    Never framed: the frame itself and any statement whose speaker is an outlet, and a
    statement with a reporting source of its own (:func:`reporting_source`). A statement
    in the scope of two frames takes the one in its paragraph, else the nearest before it,
    else the nearest after it.
    """
    paragraphs = _paragraph_starts(doc_text(doc))
    outlet_speakers = {i: _outlet_speaker(doc, d, outlets) for i, d in enumerate(drafts)}
    own = {i: reporting_source(doc, d, outlets) for i, d in enumerate(drafts)}
    frames = [
        (i, found)
        for i, found in outlet_speakers.items()
        if found is not None and _cue_lemma(drafts[i]) in REPORT_LEMMAS and _asserts(drafts[i].cue.token)
    ]
    if not frames:
        return {}
    where = {i: _paragraph(paragraphs, _position(d)) for i, d in enumerate(drafts)}
    sentence_of = {i: _sentence(doc, d) for i, d in enumerate(drafts)}
    contents = [(s, e) for d in drafts for s, e in d.spans]
    candidates: dict[int, list[tuple[int, int, tuple[str, int, int]]]] = {}
    for f, frame in frames:
        here = where[f]
        news = {
            where[i] for i, o in outlet_speakers.items() if o is not None and o.canonical != frame.canonical
        }
        news |= {
            where[i] for i, s in own.items() if s is not None and _canonical(s[0], outlets) != frame.canonical
        }
        news -= {here}
        low = max((p for p in news if p < here), default=-1)
        high = min((p for p in news if p > here), default=len(paragraphs))
        nouns = _content_nouns(doc, drafts[f]) if frame.story else frozenset()
        cue = _position(drafts[f])
        new_sources = [
            _position(drafts[i])
            for i in range(len(drafts))
            if where[i] == here
            and _position(drafts[i]) > cue
            and (
                outlet_speakers[i] is not None
                and outlet_speakers[i].canonical != frame.canonical
                or own[i] is not None
                and _canonical(own[i][0], outlets) != frame.canonical
            )
        ]
        until = min(new_sources, default=len(doc_text(doc)))
        for i, draft in enumerate(drafts):
            if i == f or outlet_speakers[i] is not None or own[i] is not None:
                continue
            if any(s <= cue < e or s <= frame.start < e for s, e in draft.spans):
                continue  # "He said CNN had reported …": the report is what he says
            p = where[i]
            if p == here and (sentence_of[i] == sentence_of[f] or cue < _position(draft) < until):
                rank = 0
            elif low < p < high and _talks_about(doc, draft, sentence_of[i], nouns, contents):
                rank = 1 + (p > here) * 10_000 + abs(p - here)
            else:
                continue
            candidates.setdefault(i, []).append((rank, f, frame.source))
    return {i: min(found)[2] for i, found in candidates.items()}


@attrs.frozen
class _Outlet:
    """A draft's speaker that is a news outlet: its name as the document gives it, the
    speaker mention's characters, the canonical name, and whether its reports carry whole
    stories (a wire or state agency, state media) rather than one cited fact."""

    name: str
    start: int
    end: int
    canonical: str
    story: bool

    @property
    def source(self) -> tuple[str, int, int]:
        return self.name, self.start, self.end


def _outlet_speaker(doc: Doc, draft: Draft, outlets: OutletLexicon) -> _Outlet | None:
    """The outlet a draft's speaker is, when the mention is headed by the outlet's name or by
    a media noun ("North Korean state media KCNA", "the official IRNA news agency"); not "a
    new Associated Press-GfK poll" or "CNN's Chris Moody"."""
    speaker = draft.speaker
    if speaker is None or speaker.end <= speaker.start:
        return None
    start, end = speaker.start, speaker.end
    head = speaker.head if start <= speaker.head.i < end else doc[end - 1]
    found = outlets.find(doc, start, end, reporting=True)
    if found is None and doc[end - 1].lemma_.lower() in MEDIA_NOUNS:
        # the parse cut the name off: "state news agency | Xinhua reported"
        limit = min(end + 4, doc[end - 1].sent.end)
        found = next((f for f in outlets.find_all(doc, end, limit, reporting=True) if f[1] == end), None)
        if found is not None:
            end = found[2]
    tokens = doc[start:end]
    state = any(t.lower_ in STATE_WORDS for t in tokens)
    media_head = head.lemma_.lower() in MEDIA_NOUNS
    if found is not None and (found[1] <= head.i < found[2] or media_head):
        outlet = outlets.outlet(found[0])
        story = state or outlet is not None and outlet.type in STORY_TYPES
        return _Outlet(
            outlets.name_in(doc_text(doc), found[0]), tokens.start_char, tokens.end_char, found[0], story
        )
    if not media_head:
        return None
    proper = [t for t in tokens if t.pos_ == "PROPN" and t.lemma_.lower() not in MEDIA_NOUNS]
    if proper and speaker.name:  # "Sudan's state news agency SUNA"
        return _Outlet(speaker.name, tokens.start_char, tokens.end_char, speaker.name, state)
    modifiers = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss") and _in_phrase(t, head)]
    if modifiers and (state or any(t.ent_type_ in ("NORP", "GPE") for t in tokens)):
        words = tokens.text[4:] if tokens.text[:4].lower() == "the " else tokens.text
        return _Outlet(words, tokens.start_char, tokens.end_char, words, state)  # "Iranian state television"
    return None


def _asserts(cue: Token) -> bool:
    """A report the sentence makes, not one it denies or sets as a circumstance: not "CNN
    didn't report", "after The New York Times reported", "when POLITICO reported"."""
    node = cue
    for _ in range(8):
        if any(c.dep_ == "neg" for c in node.children):
            return False
        if node.dep_ in ("relcl", "pcomp") or any(_subordinates(c) for c in node.children):
            return False
        if node.dep_ not in ("conj", "xcomp", "aux") or node.head.i == node.i:
            return True
        node = node.head
    return True


def _subordinates(child: Token) -> bool:
    """ "after", "because", "when", "as" opening a clause (not the "that" of a report)."""
    return (
        child.dep_ == "mark"
        and child.lower_ not in ("that", "whether")
        or (child.dep_ == "advmod" and child.tag_ == "WRB" and child.i < child.head.i)
    )


def _canonical(name: str, outlets: OutletLexicon) -> str:
    return outlets.match(name, reporting=True) or name


def _cue_lemma(draft: Draft) -> str:
    if draft.cue is None:
        return ""
    return draft.cue.entry.lemma.lower()


def _position(draft: Draft) -> int:
    return draft.cue.token.idx if draft.cue is not None else draft.spans[0][0]


def _sentence(doc: Doc, draft: Draft):
    if draft.cue is not None:
        return draft.cue.token.sent
    span = doc.char_span(draft.spans[0][0], draft.spans[0][1], alignment_mode="expand")
    return span[0].sent if span is not None and len(span) else None


def _paragraph_starts(text: str) -> list[int]:
    """Where each paragraph begins (a paragraph ends at a newline)."""
    return [0] + [m.end() for m in re.finditer(r"\n\s*", text)]


def _paragraph(starts: list[int], char: int) -> int:
    return bisect.bisect_right(starts, char) - 1


def _content_nouns(doc: Doc, draft: Draft) -> frozenset[str]:
    """The common nouns of a frame's reported clause, by lemma, less the generic ones."""
    nouns = set()
    for start, end in draft.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or ():
            lemma = token.lemma_.lower()
            if token.pos_ == "NOUN" and len(lemma) > 2 and lemma not in GENERIC_NOUNS:
                nouns.add(lemma)
    return frozenset(nouns)


def _talks_about(doc: Doc, draft: Draft, sentence, nouns: frozenset[str], contents) -> bool:
    """Does the draft's sentence (outside its content), or the sentence before it in the
    same paragraph (outside every statement's content), name one of ``nouns``?"""
    if not nouns or sentence is None:
        return False
    if _names(sentence, nouns, draft.spans):
        return True
    if sentence.start == 0:
        return False
    previous = doc[sentence.start - 1].sent
    between = doc_text(doc)[previous.start_char : sentence.start_char]
    if "\n" in between[len(between.rstrip()) :]:  # a sentence's text keeps the newlines after it
        return False
    return _names(previous, nouns, contents)


def _names(sentence, nouns: frozenset[str], spans) -> bool:
    return any(
        token.pos_ == "NOUN"
        and token.lemma_.lower() in nouns
        and not any(s <= token.idx < e for s, e in spans)
        for token in sentence
    )
