"""Names compared: how a name is keyed, abbreviated and shortened, and whether one way
of writing a name may stand for another ("Kim" for "Kim Jong Un", "IAEA" for
"International Atomic Energy Agency").

The word lists these rules need (``minor`` words of initials, name ``suffixes``,
``org_nouns``) come from the configured :class:`~quoteattr.lexicons.wordlists.NameWords`.

>>> name_key("Mr. José  Ramos-Horta Jr.")
('mr', 'jose', 'ramos-horta', 'jr')
>>> initials("Organisation for the Prohibition of Chemical Weapons", minor={"for", "the", "of"})
'OPCW'
>>> acronym("U.S."), acronym("Ukraine")
('US', None)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from quoteattr.lexicons.wordlists import NameWords


def fold(text: str) -> str:
    """``text`` lowercased, without accents, with straight apostrophes."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_key(text: str) -> tuple[str, ...]:
    """The words of a name as compared: lowercase, without accents."""
    return tuple(w.rstrip(".") for w in fold(text).split() if any(c.isalnum() for c in w))


def initials(text: str, minor: Collection[str]) -> str:
    """The acronym of a name: initials of its words, leaving out the ``minor`` ones (of, the, for)."""
    letters = []
    for word in text.replace("’", "'").split():
        for part in word.split("-"):
            if part and part.lower() not in minor and part[0].isalpha():
                letters.append(part[0].upper())
    return "".join(letters)


def acronym(text: str) -> str | None:
    """``text`` as an acronym ("IAEA", "U.S."), or None when it is not written as one."""
    bare = text.replace(".", "").replace("&", "")
    if 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper():
        return bare
    return None


def name_variants(word: str) -> set[str]:
    """A name word and the same without an Arabic article: "al-sisi" and "sisi"."""
    out = {word}
    for prefix in ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            out.add(word[len(prefix) :])
    return out


def _same(a: str, b: str) -> bool:
    return a == b or bool(name_variants(a) & name_variants(b))


def name_bucket(label: str) -> str:
    """The names a name is compared with: PERSON with PERSON, ORG and GPE with each other (PLACE)."""
    return {"PERSON": "PERSON", "ORG": "PLACE", "GPE": "PLACE"}.get(label, label)


@attrs.define(eq=False)
class NameForm:
    """One distinct way the document writes a name; ``owners`` are the fullest names it
    may stand for."""

    bucket: str  # PERSON, PLACE (ORG and GPE) or NORP
    words: tuple[str, ...]
    text: str
    label: str
    acronym: str | None
    initials: str
    first: int  # token index of its first occurrence
    owners: list[NameForm] = attrs.Factory(list)


def without_suffixes(words: tuple[str, ...], suffixes: Collection[str]) -> tuple[str, ...]:
    """The words of a person's name without suffixes (Jr, III), unless that leaves none."""
    kept = tuple(w for w in words if w not in suffixes)
    return kept or words


def may_stand_for(short: NameForm, full: NameForm, names: NameWords) -> bool:
    """Whether ``short`` may be a shorter way of writing ``full`` (same bucket)."""
    if short is full or short.words == full.words:
        return False
    if short.acronym and not full.acronym and full.initials == short.acronym:
        return True
    s, f = short.words, full.words
    if _abbreviates(s, f):
        return True  # "N Korea", "Alicia M"
    if short.bucket == "PERSON":
        s, f = without_suffixes(s, names.suffixes), without_suffixes(f, names.suffixes)
        if len(s) >= len(f):
            return False
        if len(s) == 1:
            return _same(s[0], f[0]) or _same(s[0], f[-1])
        if f[: len(s)] == s or f[-len(s) :] == s:
            return True
        return s[0] == f[0] and _same(s[-1], f[-1]) and _subsequence(s, f)
    if short.label == "ORG" and full.label == "ORG" and len(s) < len(f) and f[-len(s) :] == s:
        return len(s) >= 2 or (s[0] not in names.org_nouns and not s[0].isdigit())
    return False


def _abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """``short`` is ``full`` with some words cut to their initial: "J. Smith" for "John Smith"."""
    if len(short) != len(full) or len(short) < 2:
        return False
    cut = 0
    for a, b in zip(short, full, strict=True):
        if a == b:
            continue
        bare = a.rstrip(".")
        if len(bare) != 1 or not b.startswith(bare) or len(b) == 1:
            return False
        cut += 1
    return 0 < cut < len(short)


def _subsequence(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    it = iter(full)
    return all(any(w == x for x in it) for w in short)
