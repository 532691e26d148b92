"""What a cue reports: the argument that carries the content, by the cue's frame.

A frame (from the cue lexicon) says where the content is: a complement clause
("said (that) …"), an object ("denied any wrongdoing", "denied supplying weapons"),
a preposition's object ("accused X of …", "blamed X for …"), an "as" phrase
("describing the talks as …"), an infinitive ("promised to …"), the clause that
"according to X" is attached to, or a noun's "that" clause ("X's claim that …").

The dependents of each frame are data: ``frames`` in ``lexicons/cues.json``.

>>> from quoteattr.lexicons.cues import CueLexicon
>>> CueLexicon.load().frames["clause"]
('ccomp', 'xcomp')
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from quoteattr.find.cues import CueMatch

_NESTED_BREAKS = frozenset(("advcl", "conj"))
#: Prepositions whose object is what a cue is about: "called for", "talked about", "warned against".
_TOPIC_PREPOSITIONS = frozenset(("about", "for", "against", "on", "of", "over", "with", "to"))
#: Dependents of a cue that carry on its object: "cited remarks … as examples", "described behaviour by X".
_OBJECT_TAIL = frozenset(("prep", "oprd", "ccomp", "xcomp", "dobj", "dative", "attr", "acomp"))


def reported_argument(match: CueMatch, frames: Mapping[str, tuple[str, ...]]) -> Token | None:
    """The token heading what ``match`` reports, or None when the cue reports nothing here.

    For "according to X" it is the verb of the clause the phrase belongs to. ``frames`` are
    the cue lexicon's (:attr:`~quoteattr.lexicons.cues.CueLexicon.frames`).
    """
    cue = match.token
    frame = match.entry.frame
    if frame == "according":
        for head in cue.ancestors:  # the verb of the clause the phrase belongs to
            if head.pos_ in ("VERB", "AUX"):
                return head
        return None
    for wanted in _wanted(match, frames):
        found = _child(cue, wanted)
        if found is not None:
            return found
    if frame == "clause" and not match.entry.addressee:
        found = _child(cue, "dobj")  # "noted Bill Clinton's comments"; a misread clause
        if found is not None and not (match.entry.as_status and _as_after(cue)):
            return found
    if frame != "noun":
        if cue.dep_ == "parataxis":
            return cue.head  # "Prices will rise, the minister said."
        for child in cue.children:
            if (
                child.dep_ == "prep" and child.lower_ in _TOPIC_PREPOSITIONS
            ):  # "called for …", "talked about …"
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return objects[0]
        if any(c.dep_ == "agent" for c in cue.children):  # "was first reported by X": what was reported
            subjects = [c for c in cue.children if c.dep_ == "nsubjpass"]
            if subjects:
                return subjects[0]
    return None


def _as_after(cue: Token) -> bool:
    """Whether "as" follows the cue's object: "recognised Kosovo as a state"."""
    return any(child.dep_ in ("prep", "oprd") and child.lower_ == "as" for child in cue.rights)


def _wanted(match: CueMatch, frames: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    frame = frames.get(match.entry.frame, ("ccomp",))
    if match.entry.content and match.entry.content.startswith("prep:"):
        return (match.entry.content, *frame)
    return frame


def _child(cue: Token, wanted: str) -> Token | None:
    dep, _, word = wanted.partition(":")
    children = list(cue.children)
    if dep == "prep":  # "accused the central bank of …": the parser may hang "of" on the object
        children += [c for o in children if o.dep_ == "dobj" for c in o.children if c.i > o.i]
    for child in children:
        if child.dep_ != dep:
            continue
        if dep == "prep":
            if child.lower_ == word:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                return objects[0] if objects else None
            continue
        if word == "that" and not any(
            t.lower_ == "that" and t.dep_ in ("mark", "nsubj") for t in child.lefts
        ):
            continue
        return child
    return None


def argument_ranges(match: CueMatch, head: Token, cues: dict[int, CueMatch]) -> list[tuple[int, int]]:
    """Token ranges of the content: one, or two when the cue's own phrase stands inside the
    clause it reports ("The latest test, North Korea said, was its biggest yet")."""
    cue = match.token
    if match.entry.frame != "according" and not (head.i == cue.head.i and cue.dep_ == "parataxis"):
        return [argument_range(match, head, cues)]
    phrase = {t.i for t in cue.subtree}
    runs: list[list[int]] = []
    for token in sorted(head.subtree, key=lambda t: t.i):  # a non-projective subtree is out of order
        if token.i in phrase or token.is_punct or token.is_space:
            continue
        if runs and not any(i in phrase for i in range(runs[-1][-1] + 1, token.i)):
            runs[-1].append(token.i)
        else:
            runs.append([token.i])
    return [_trim(cue.doc, run[0], run[-1]) for run in runs]


def argument_range(match: CueMatch, head: Token, cues: dict[int, CueMatch]) -> tuple[int, int]:
    """Token range ``(first, last)`` of the content headed by ``head``: its subtree, from the
    cue's object where the frame reports one ("describing the talks as …"), without the
    clauses of other cues nested in it (", saying …") and without edge punctuation."""
    cue = match.token
    doc = cue.doc
    first = head.left_edge.i
    if head.i > cue.i and not match.entry.addressee:
        for child in cue.rights:
            if child.dep_ in ("dobj", "dative", "ccomp", "xcomp", "attr", "oprd") and child.i < head.i:
                first = min(first, child.left_edge.i)
                break
    last = head.right_edge.i
    if head.head.i == cue.i and head.dep_ in ("dobj", "dative") and head.i > cue.i:
        for child in cue.rights:  # the parser hangs the rest of the object on the verb
            if child.i <= last:
                continue
            if child.dep_ not in _OBJECT_TAIL or any(t.is_punct for t in doc[last + 1 : child.left_edge.i]):
                break
            last = child.right_edge.i
    for token in head.subtree:
        if token.i in cues and token.i != head.i and token.dep_ in _NESTED_BREAKS and token.i > first:
            last = max(first, min(last, token.left_edge.i - 1))
    return _trim(doc, first, last)


def _trim(doc, first: int, last: int) -> tuple[int, int]:
    while last > first and (doc[last].is_punct and not doc[last].is_quote or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct and not doc[first].is_quote or doc[first].is_space):
        first += 1
    return first, last
