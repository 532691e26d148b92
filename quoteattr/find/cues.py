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

import attrs
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from quoteattr.lexicons.cues import VERB_POS, CueEntry, CueLexicon
from quoteattr.parse.screen import positions


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
    hashes (:mod:`quoteattr.parse.screen`), so that Token objects are made only for the few that pass."""
    by_lemma = positions(doc, lexicon.screen_words, (LEMMA,), variants=False)
    by_form = positions(doc, lexicon.screen_words + lexicon.multiword_openers, (LOWER,), variants=False)
    return sorted({*by_lemma, *by_form})
