"""The label rules (``label_rules.json``): the phrases of the stance engine (triggers,
negations, pseudo-triggers, terminators), found in a Doc by :class:`PhraseSet`, and the
target paths, read once into :class:`TargetRules`.

>>> rules = LabelRules.load()
>>> rules.triggers.find_words(("baseless",))[0].label, rules.targets.accused["as"][0]
('denied', (('nsubjpass', ''),))
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs
from spacy.tokens import Doc, Token

from quoteattr.lexicons.data import read_lexicon
from quoteattr.parse.docview import cached
from quoteattr.parse.screen import positions
from quoteattr.types import LABELS

DIRECTIONS = ("forward", "backward", "both")


@attrs.frozen
class Phrase:
    """One rule phrase: its words and, for triggers and negations, what it does and how far."""

    words: tuple[str, ...]
    label: str | None = None
    direction: str = "forward"
    scope: int | None = None  # tokens; None: to the edge of the sentence
    pos: frozenset[str] = frozenset()
    through: frozenset[str] | None = None

    @property
    def text(self) -> str:
        return " ".join(self.words)


@attrs.frozen
class Match:
    """A phrase found in a Doc, tokens ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    phrase: Phrase

    def overlaps(self, positions: Iterable[int]) -> bool:
        return any(self.start <= i < self.end for i in positions)


@attrs.frozen
class PhraseSet:
    """Phrases of one kind, indexed by their first word."""

    phrases: tuple[Phrase, ...]
    by_first: Mapping[str, tuple[Phrase, ...]]

    @classmethod
    def of(cls, phrases: Iterable[Phrase]) -> PhraseSet:
        phrases = tuple(phrases)
        index: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            index.setdefault(phrase.words[0], []).append(phrase)
        return cls(phrases, {word: tuple(found) for word, found in index.items()})

    def __len__(self) -> int:
        return len(self.phrases)

    def find_words(self, words: tuple[str, ...]) -> list[Phrase]:
        """The phrases written exactly as ``words``."""
        return [p for p in self.by_first.get(words[0], ()) if p.words == words]

    def find(self, doc: Doc, start: int, end: int) -> list[Match]:
        """Every occurrence of a phrase in ``doc[start:end]``, longest first at each token."""
        found = cached(doc, f"phrases:{id(self)}", lambda: self._find_in_doc(doc))
        out = []
        for match in found[bisect.bisect_left(found, start, key=lambda m: m.start) :]:
            if match.start >= end:
                break
            if match.end <= end:
                out.append(match)
        return out

    def _find_in_doc(self, doc: Doc) -> list[Match]:
        """Every occurrence in the whole Doc. Tokens are screened by spaCy's hashes of their
        lower-case form and lemma, so that only those that may start a phrase are read."""
        if not len(doc) or not self.by_first:
            return []
        starts = positions(doc, tuple(self.by_first))
        forms = cached(doc, "forms", dict)

        def form(i: int) -> tuple[str, str]:
            if i not in forms:
                forms[i] = _forms(doc[i])
            return forms[i]

        found = set()
        for i in starts:
            for phrase in {p for f in form(i) for p in self.by_first.get(f, ())}:
                last = i + len(phrase.words)
                if last > len(doc) or not all(w in form(i + k) for k, w in enumerate(phrase.words)):
                    continue
                if phrase.pos and doc[last - 1].pos_ not in phrase.pos:
                    continue
                found.add(Match(i, last, phrase))
        return sorted(found, key=_in_order)


def _in_order(match: Match) -> tuple:
    """Text order, the longest phrase first at a token (then by words: a set has no order)."""
    return match.start, -len(match.phrase.words), match.phrase.words, match.phrase.label or ""


#: A path from a cue to its target: steps, each a dependency (or "prep:of", "content", "head@acl"…)
#: and a condition ("named" or ""), as ``label_rules.json`` writes ``"compound=named>prep:of"``.
TargetPath = tuple[tuple[str, str], ...]


def _path(text: str) -> TargetPath:
    return tuple((step, condition) for step, _, condition in (s.partition("=") for s in text.split(">")))


def _paths(texts) -> tuple[TargetPath, ...]:
    return tuple(_path(text) for text in texts)


@attrs.frozen
class TargetRules:
    """The ``targets`` of ``label_rules.json``, its paths read once (see the file's ``about``)."""

    #: paths to the accused by the cue's frame, and under "trigger" when a trigger set the label
    accused: Mapping[str, tuple[TargetPath, ...]]
    #: paths to the accused for particular cue lemmas ("blame")
    accused_lemmas: Mapping[str, tuple[TargetPath, ...]]
    claims: tuple[TargetPath, ...]
    claimants: tuple[TargetPath, ...]
    fallback: tuple[TargetPath, ...]
    claim_pos: frozenset[str]
    named: frozenset[str]
    prefer_apposition: frozenset[str]
    not_targets: frozenset[str]

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> TargetRules:
        accused = dict(raw.get("accused", {}))
        lemmas = accused.pop("lemmas", {})
        denied = raw.get("denied", {})
        return cls(
            accused={frame: _paths(paths) for frame, paths in accused.items()},
            accused_lemmas={lemma: _paths(paths) for lemma, paths in lemmas.items()},
            claims=_paths(denied.get("claims", ())),
            claimants=_paths(denied.get("claimants", ())),
            fallback=_paths(denied.get("fallback", ())),
            claim_pos=frozenset(denied.get("claim_pos", ("NOUN", "PROPN"))),
            named=frozenset(raw.get("named", ())),
            prefer_apposition=frozenset(raw.get("prefer_apposition", ())),
            not_targets=frozenset(raw.get("not_targets", ())),
        )


@attrs.frozen
class LabelRules:
    """Triggers, negations, pseudo-triggers, terminators and target paths (``label_rules.json``)."""

    triggers: PhraseSet
    negations: PhraseSet
    pseudo: PhraseSet
    terminators: PhraseSet
    cues_terminate: bool
    content_only_deps: frozenset[str]
    exempt_cues: frozenset[str]
    targets: TargetRules
    embedded_deps: frozenset[str]
    embedded_hops: int

    @classmethod
    def load(cls, path: str | Path | None = None) -> LabelRules:
        """Read the rules (the packaged file when ``path`` is None); cached by path."""
        return _load(str(path) if path else "")

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> LabelRules:
        embedded = raw.get("embedded", {})
        return cls(
            triggers=PhraseSet.of(_phrase(item, needs_label=True) for item in raw.get("triggers", ())),
            negations=PhraseSet.of(_phrase(item) for item in raw.get("negations", ())),
            pseudo=PhraseSet.of(_phrase(item) for item in raw.get("pseudo", ())),
            terminators=PhraseSet.of(_phrase(item) for item in raw.get("terminators", ())),
            cues_terminate=bool(raw.get("cues_terminate", True)),
            content_only_deps=frozenset(raw.get("content_only_deps", ())),
            exempt_cues=frozenset(raw.get("exempt_cues", ())),
            targets=TargetRules.from_dict(raw.get("targets", {})),
            embedded_deps=frozenset(embedded.get("deps", ())),
            embedded_hops=int(embedded.get("hops", 0)),
        )

    def counts(self) -> dict[str, int]:
        return {
            "triggers": len(self.triggers),
            "negations": len(self.negations),
            "pseudo": len(self.pseudo),
            "terminators": len(self.terminators),
        }


@lru_cache(maxsize=8)
def _load(path: str) -> LabelRules:
    return LabelRules.from_dict(read_lexicon("label_rules.json", path))


def _phrase(item: Mapping[str, Any], needs_label: bool = False) -> Phrase:
    words = _words(item["phrase"])
    if not words:
        raise ValueError(f"empty phrase in label rules: {item!r}")
    label = item.get("label")
    if needs_label and label not in LABELS:
        raise ValueError(f"trigger {item['phrase']!r} needs a label among {LABELS}, got {label!r}")
    direction = item.get("direction", "forward")
    if direction not in DIRECTIONS:
        raise ValueError(f"phrase {item['phrase']!r}: direction must be one of {DIRECTIONS}")
    scope = item.get("scope", "sentence")
    through = item.get("through")
    return Phrase(
        words=words,
        label=label,
        direction=direction,
        scope=None if scope == "sentence" else int(scope),
        pos=frozenset(item.get("pos", ())),
        through=frozenset(through) if through is not None else None,
    )


def _words(phrase: str) -> tuple[str, ...]:
    """Lowercase words as spaCy splits them: "didn't" is "did" and "n't"."""
    words: list[str] = []
    for word in _normal(phrase).split():
        if word.endswith("n't") and len(word) > 3:
            words.extend((word[:-3], "n't"))
        else:
            words.append(word)
    return tuple(words)


def _normal(text: str) -> str:
    return text.lower().replace("\u2019", "'")


def _forms(token: Token) -> tuple[str, str]:
    return _normal(token.text), token.lemma_.lower()
