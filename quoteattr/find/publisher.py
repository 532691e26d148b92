"""The outlet that published a document, from its credit lines and datelines.

:func:`find_publisher` reads a credit line ("Source: Al Jazeera"), a wire dateline
("LAGOS (Reuters) -"), an agency byline ("By Jane Doe, Associated Press") or Reuters'
"Reporting by …; Editing by …", with the outlet lexicon (``lexicons/outlets.json``).

>>> outlets = OutletLexicon.load()
>>> find_publisher("WASHINGTON (AP) — The Senate voted on Tuesday.", outlets).to_dict()
{'name': 'Associated Press', 'text': 'WASHINGTON (AP) —', 'start': 0, 'end': 17}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quoteattr.lexicons.outlets import _WORD, OutletLexicon
from quoteattr.types import Entity

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


#: How much of each end of a text is looked at for a publisher's credit.
EDGE = 400


def publisher_of(text: str, named: str | None, outlets: OutletLexicon) -> Entity | None:
    """The publisher ``named`` by the caller when there is one, else the one ``text`` credits.

    >>> publisher_of("It rained. Source: Al Jazeera", "Reuters", OutletLexicon.load()).name
    'Reuters'
    """
    return Entity(name=named) if named else find_publisher(text, outlets)


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
