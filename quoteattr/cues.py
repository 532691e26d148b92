"""Reporting expressions: the words that introduce what someone said.

The cue lexicon (``lexicons/cues.json``) lists each cue's lemma, part of speech,
stance and the argument that carries what was said; :func:`find_cues` looks the
tokens of a parsed Doc up in it.

>>> lexicon = CueLexicon.load()
>>> lexicon.verbs["say"].stance
'asserted'
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import attrs
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from quoteattr.lexicon import read_lexicon
from quoteattr.screen import positions
from quoteattr.types import LABELS

#: Parts of speech a verb cue may carry in a parse (auxiliaries: "said" is
#: sometimes tagged so in headlines).
VERB_POS = ("VERB", "AUX")


@attrs.frozen
class CueEntry:
    """One lexicon entry: a reporting expression and how it reports."""

    lemma: str
    pos: str
    stance: str = attrs.field(validator=attrs.validators.in_(LABELS))
    frame: str
    strength: float = 1.0
    target: str | None = None
    content: str | None = None
    addressee: str | None = None
    #: "recognised Kosovo as a state": an object with "as" after it is given a status, not reported
    as_status: bool = False


@attrs.frozen
class CueLexicon:
    """The cue entries by the way they are looked up: verbs, phrasal verbs, nouns."""

    verbs: dict[str, CueEntry]
    phrasal: dict[tuple[str, str], CueEntry]
    nouns: dict[str, CueEntry]
    multiword: dict[tuple[str, ...], CueEntry]
    verb_forms: dict[str, str]

    @classmethod
    def load(cls, path: str | Path | None = None) -> CueLexicon:
        """Read a cue lexicon (the packaged one when ``path`` is None); cached a path."""
        return _load(str(path) if path else "")

    def __len__(self) -> int:
        return len(self.verbs) + len(self.phrasal) + len(self.nouns) + len(self.multiword)

    @property
    def screen_words(self) -> tuple[str, ...]:
        """The single words a cue can start with: verb and noun lemmas, phrasal verbs' verbs."""
        return tuple(dict.fromkeys((*self.verbs, *self.nouns, *(verb for verb, _ in self.phrasal))))

    @property
    def multiword_openers(self) -> tuple[str, ...]:
        """The first words of multiword cues ("according")."""
        return tuple(dict.fromkeys(words[0] for words in self.multiword))


@lru_cache(maxsize=8)
def _load(path: str) -> CueLexicon:
    raw = read_lexicon("cues.json", path)
    verbs, phrasal, nouns, multiword = {}, {}, {}, {}
    for item in raw["entries"]:
        entry = CueEntry(
            lemma=item["lemma"],
            pos=item.get("pos", "VERB"),
            stance=item.get("stance", "asserted"),
            frame=item.get("frame", "clause"),
            strength=float(item.get("strength", 1.0)),
            target=item.get("target"),
            content=item.get("content"),
            addressee=item.get("addressee"),
            as_status=bool(item.get("as_status", False)),
        )
        for lemma in (entry.lemma, *item.get("also_lemmas", ())):
            words = tuple(lemma.split())
            if entry.pos == "VERB" and len(words) == 2:
                phrasal.setdefault(words, entry)
            elif len(words) > 1:
                multiword.setdefault(words, entry)
            elif entry.pos == "VERB":
                verbs.setdefault(lemma, entry)
            else:
                nouns.setdefault(lemma, entry)
    return CueLexicon(verbs, phrasal, nouns, multiword, _inflections(verbs))


def _inflections(verbs: dict[str, CueEntry]) -> dict[str, str]:
    """Regular inflected forms of each verb, for text the tagger misreads (headlines)."""
    forms: dict[str, str] = {}
    for lemma in verbs:
        if " " in lemma:
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"):
            forms.setdefault(form, lemma)
        if lemma.endswith("y"):
            forms.setdefault(lemma[:-1] + "ies", lemma)
            forms.setdefault(lemma[:-1] + "ied", lemma)
    for irregular, lemma in (("said", "say"), ("says", "say"), ("told", "tell"), ("wrote", "write")):
        if lemma in verbs:
            forms[irregular] = lemma
    return forms


@attrs.frozen
class CueMatch:
    """A cue found in a Doc: its head token, all its tokens, and its lexicon entry."""

    token: Token
    tokens: tuple[Token, ...]
    entry: CueEntry

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last)


def match_verb(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """The cue a verb token starts, phrasal ("point out") before plain ("say")."""
    if token.pos_ not in VERB_POS:
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt":
            entry = lexicon.phrasal.get((lemma, child.lower_))
            if entry:
                tokens = (token, child) if child.i == token.i + 1 else (token,)
                return CueMatch(token, tokens, entry)
    entry = lexicon.verbs.get(lemma)
    return CueMatch(token, (token,), entry) if entry else None


def match_noun(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """A noun cue ("claim", "statement"); what it reports is its "that" clause."""
    if token.pos_ != "NOUN":
        return None
    entry = lexicon.nouns.get(token.lemma_.lower())
    return CueMatch(token, (token,), entry) if entry and entry.pos == "NOUN" else None


def match_multiword(token: Token, lexicon: CueLexicon) -> CueMatch | None:
    """A multiword cue starting at ``token`` ("according to")."""
    doc = token.doc
    for words, entry in lexicon.multiword.items():
        end = token.i + len(words)
        if end <= len(doc) and tuple(t.lower_ for t in doc[token.i : end]) == words:
            return CueMatch(token, tuple(doc[token.i : end]), entry)
    return None


def find_cues(doc: Doc, lexicon: CueLexicon) -> Iterator[CueMatch]:
    """Every verb, noun and multiword cue in ``doc``, in text order."""
    starts = {words[0] for words in lexicon.multiword}
    for i in _candidates(doc, lexicon):
        token = doc[i]
        if token.lower_ in starts:
            match = match_multiword(token, lexicon)
            if match:
                yield match
                continue
        match = match_verb(token, lexicon) or match_noun(token, lexicon)
        if match:
            yield match


def verb_cue_positions(doc: Doc, lexicon: CueLexicon) -> list[int]:
    """The index of every token that :func:`match_verb` takes for a cue, in order."""
    return [i for i in _candidates(doc, lexicon) if match_verb(doc[i], lexicon)]


def _candidates(doc: Doc, lexicon: CueLexicon) -> list[int]:
    """Tokens that may start a cue, screened by their lemma and lower-case form as spaCy's
    hashes (:mod:`quoteattr.screen`), so that Token objects are made only for the few that pass."""
    by_lemma = positions(doc, lexicon.screen_words, (LEMMA,), variants=False)
    by_form = positions(doc, lexicon.screen_words + lexicon.multiword_openers, (LOWER,), variants=False)
    return sorted({*by_lemma, *by_form})
