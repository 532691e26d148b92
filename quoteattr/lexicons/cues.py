"""The cue lexicon (``cues.json``): reporting expressions by lemma, with their stance, frame
and strength; the dependents each frame reports through; the verbs that issue or quote.

>>> lexicon = CueLexicon.load()
>>> lexicon.verbs["deny"].stance, lexicon.frames["as"][0], "issue" in lexicon.issuing_verbs
('denied', 'prep:as', True)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import attrs

from quoteattr.lexicons.data import read_lexicon
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
    #: frame name -> the dependents of the cue that hold its content, in order of preference
    frames: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    #: verbs whose subject speaks the statement they take as object ("issued a statement")
    issuing_verbs: frozenset[str] = frozenset()
    #: passive verbs whose subject speaks the participle they govern ("was quoted as saying")
    quoted_as_verbs: frozenset[str] = frozenset()

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
    packaged = raw if not path else read_lexicon("cues.json")  # what a replacement leaves out
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
    frames = raw.get("frames", packaged["frames"])["dependents"]
    return CueLexicon(
        verbs,
        phrasal,
        nouns,
        multiword,
        _inflections(verbs),
        frames={name: tuple(deps) for name, deps in frames.items()},
        issuing_verbs=frozenset(raw.get("issuing_verbs", packaged["issuing_verbs"])["words"]),
        quoted_as_verbs=frozenset(raw.get("quoted_as_verbs", packaged["quoted_as_verbs"])["words"]),
    )


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
