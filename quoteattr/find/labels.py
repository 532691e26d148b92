"""Stance of an attribution: ``asserted``, ``denied`` or ``accused``, and its target.

The cue's lexicon entry gives the starting stance ("deny" denies, "accuse" accuses,
"say" asserts). Rules kept as data in ``lexicons/label_rules.json`` then adjust it, in
the manner of medspaCy's ConText:

- a *pseudo-trigger* ("did not deny", "not only", "false alarm") cancels every trigger
  it overlaps, and the cue's own stance when it covers the cue;
- a *negation* ("not", "never", "refused to") that reaches the cue undoes its stance;
- a *trigger* ("baseless", "no truth to", "fake news") sets the label of an attribution
  whose cue only asserts, when it lies inside the content (the speaker said it) or when
  the cue lies inside its scope: so many tokens or the sentence, in its direction;
- a *terminator* ("but", "however", ";") and any other reporting verb end a scope.

A trigger that modifies a noun ("repeated the false claim that ...") counts only inside
a content that is a clause or a quotation: elsewhere the adjective is the reporter's
judgement, not the speaker's.
Cues that concede ("admitted the figure was inaccurate") take no triggers.

The target is found by paths through the parse, also in the rules file: for an
accusation the cue's object, the subject of a passive or the subject of the content
clause; for a denial whoever the denied claim belongs to ("Kyiv's report", "accusations
by Amnesty"), when the text says.

>>> rules = LabelRules.load()
>>> rules.triggers.find_words(("no", "truth"))[0].label
'denied'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping

import attrs
from spacy.tokens import Doc, Span, Token

from quoteattr.find.attributions import Draft
from quoteattr.find.cues import match_verb, verb_cue_positions
from quoteattr.find.speakers import Mention, mention_of, strip_determiner
from quoteattr.lexicons import Lexicons
from quoteattr.lexicons.cues import VERB_POS, CueEntry, CueLexicon
from quoteattr.lexicons.rules import LabelRules, Match, TargetPath, TargetRules
from quoteattr.parse.docview import cached, entity_of
from quoteattr.parse.screen import sentence_bounds
from quoteattr.types import LABELS

_RELATIVE_TAGS = ("WDT", "WP")


@attrs.frozen
class Stance:
    """The label of one attribution and who it is about.

    ``target`` is who is accused (``accused``) or whose claim is denied (``denied``),
    when the text says; its ``name`` is ``None`` for a bare pronoun ("accused him of").
    """

    label: str = attrs.field(validator=attrs.validators.in_(LABELS))
    target: Mention | None = None


# ---------------------------------------------------------------------------
# The label


def label_attribution(
    doc: Doc,
    cue: Token | None,
    entry: CueEntry | None,
    content: Span | None,
    entity_of: dict[int, Span],
    lexicons: Lexicons,
) -> Stance:
    """The stance of the attribution whose cue head is ``cue``, and its target.

    ``entry`` is the cue's lexicon entry (its stance is the starting point), ``content``
    the span of what was said, ``entity_of`` the named entity of each token index;
    ``lexicons`` give the label rules and the cues that end a scope. An unattributed
    quotation (``cue`` None) is ``asserted``.
    """
    if cue is None:
        return Stance("asserted", None)
    rules = lexicons.label_rules
    label, trigger = decide(doc, cue, entry, content, rules, lexicons.cues)
    target = None
    if label != "asserted":
        target = find_target(cue, entry, label, content, entity_of, rules, trigger)
    return Stance(label, target)


def stance_of(doc: Doc, draft: Draft, lexicons: Lexicons) -> Stance:
    """The stance of an attribution being assembled: its label and target."""
    if draft.cue is None:
        return Stance("asserted", None)
    content = doc.char_span(draft.spans[0][0], draft.end, alignment_mode="expand")
    return label_attribution(doc, draft.cue.token, draft.cue.entry, content, entity_of(doc), lexicons)


#: Tokens beyond the cue and its content that stance rules look at, within the sentence.
REACH = 60


def decide(
    doc: Doc, cue: Token, entry: CueEntry | None, content: Span | None, rules: LabelRules, cues: CueLexicon
) -> tuple[str, Match | None]:
    """Apply pseudo-triggers, negations, triggers and terminators: the label, and the
    trigger that set it (if one did). Reporting verbs of ``cues`` end a scope."""
    base = entry.stance if entry is not None else "asserted"
    start, end = sentence_bounds(doc, cue.i)
    first, last = (
        (min(cue.i, content.start), max(cue.i + 1, content.end))
        if content is not None
        else (cue.i, cue.i + 1)
    )
    # the sentence around the cue and the content, but no further than REACH tokens beyond
    # them: a run-on "sentence" (a page's headline bar) must not make every label read it all
    start, end = max(min(start, first), first - REACH), min(max(end, last), last + REACH)
    pseudo = rules.pseudo.find(doc, start, end)
    for match in pseudo:
        if match.start <= cue.i < match.end:
            return "asserted", None
    covered = {i for match in pseudo for i in range(match.start, match.end)}
    stops = _stops(doc, start, end, rules, cues, covered)

    def live(matches: list[Match]) -> list[Match]:
        return [m for m in matches if not m.overlaps(covered) and not m.start <= cue.i < m.end]

    negations = live(rules.negations.find(doc, start, end))
    for match in negations:
        if _reaches(doc, match, cue.i, stops):
            return "asserted", None
    if base == "accused" and cue.pos_ in ("NOUN", "PROPN"):
        governor = _denial_above(cue, rules, cues)
        if governor is not None and not any(_reaches(doc, m, governor.i, stops) for m in negations):
            return "denied", None
    if base != "asserted" or (entry is not None and entry.lemma in rules.exempt_cues):
        return base, None
    hits = []
    for m in live(rules.triggers.find(doc, start, end)):
        if doc[m.start : m.end].root.dep_ in rules.content_only_deps:
            if _inside(m, content) and _spoken(content):
                hits.append(m)
        elif _inside(m, content) or _reaches(doc, m, cue.i, stops):
            hits.append(m)
    if hits:
        best = min(hits, key=lambda m: (min(abs(m.start - cue.i), abs(m.end - 1 - cue.i)), m.start))
        return best.phrase.label, best
    return "asserted", None


def _stops(
    doc: Doc, start: int, end: int, rules: LabelRules, cues: CueLexicon, covered: set[int]
) -> set[int]:
    """Token indices that end a scope: terminators, and reporting verbs when the rules say so."""
    stops = {m.start for m in rules.terminators.find(doc, start, end) if not m.overlaps(covered)}
    if rules.cues_terminate:
        verbs = cached(doc, "verb_cues", lambda: verb_cue_positions(doc, cues))
        stops.update(verbs[bisect.bisect_left(verbs, start) : bisect.bisect_left(verbs, end)])
    return stops


def _reaches(doc: Doc, match: Match, i: int, stops: set[int]) -> bool:
    """Whether token ``i`` lies in the scope of ``match``."""
    phrase = match.phrase
    if i >= match.end and phrase.direction in ("forward", "both"):
        between, distance = range(match.end, i), i - match.end + 1
    elif i < match.start and phrase.direction in ("backward", "both"):
        between, distance = range(i + 1, match.start), match.start - i
    else:
        return False
    if phrase.scope is not None and distance > phrase.scope:
        return False
    if sentence_bounds(doc, match.start) != sentence_bounds(doc, i):
        return False
    if phrase.through is not None:
        return all(doc[j].pos_ in phrase.through for j in between)
    return not any(j in stops for j in between)


def _spoken(content: Span) -> bool:
    """Whether the words of ``content`` are the speaker's: a clause or a quotation, not a noun phrase."""
    return content.root.pos_ in VERB_POS or content[0].is_quote or content[-1].is_quote


def _inside(match: Match, content: Span | None) -> bool:
    return content is not None and content.start <= match.start and match.end <= content.end


def _denial_above(cue: Token, rules: LabelRules, cues: CueLexicon) -> Token | None:
    """The denial verb an accusation noun is the object of ("rejected accusations that ...")."""
    token = cue
    for _ in range(rules.embedded_hops):
        if token.dep_ not in rules.embedded_deps or token.head is token:
            return None
        token = token.head
        if token.pos_ in VERB_POS:
            match = match_verb(token, cues)
            if match is not None and match.entry.stance == "denied":
                return token
    return None


# ---------------------------------------------------------------------------
# The target


def find_target(
    cue: Token,
    entry: CueEntry | None,
    label: str,
    content: Span | None,
    entity_of: Mapping[int, Span],
    rules: LabelRules,
    trigger: Match | None = None,
) -> Mention | None:
    """Who is accused, or whose claim is denied, by following the rules' paths from the cue.

    ``trigger`` is the trigger phrase that set the label, when one did.
    """
    spec = rules.targets
    anchors = {
        "content": content.root if content is not None else None,
        "trigger": cue.doc[trigger.start : trigger.end].root if trigger is not None else None,
    }
    token: Token | None = None
    if label == "accused":
        paths = spec.accused.get("trigger", ())
        if trigger is None and entry is not None:
            paths = spec.accused_lemmas.get(entry.lemma) or spec.accused.get(entry.frame, ())
        token = _first(cue, anchors, paths, entity_of, spec)
    elif label == "denied":
        claims = [p for p in spec.claims if not _addressee(p, entry)]
        for claim in _all(cue, anchors, claims, entity_of, spec):
            if claim.pos_ in spec.claim_pos:
                token = _first(claim, anchors, spec.claimants, entity_of, spec)
                if token is not None:
                    break
        if token is None and trigger is None:
            fallback = [p for p in spec.fallback if not _addressee(p, entry)]
            token = _first(cue, anchors, fallback, entity_of, spec)
    if token is None:
        return None
    token = _named_apposition(token, entity_of, spec)
    return _trimmed(mention_of(token, entity_of), cue, entry, content)


def _addressee(path: TargetPath, entry: CueEntry | None) -> bool:
    """Whether ``path`` starts at the dependent that names who was told ("told reporters")."""
    return entry is not None and entry.addressee is not None and path[0][0] == entry.addressee


def _trimmed(mention: Mention, cue: Token, entry: CueEntry | None, content: Span | None) -> Mention:
    """The mention without what the parser hung on it from the cue's frame.

    The small model often attaches the content of "accused X of Y" to X, and the
    "responsible" of "held X responsible" too; the target ends before them.
    """
    doc, head = cue.doc, mention.head
    cuts = [mention.end]
    if content is not None and mention.start < content.start < mention.end and head.i < content.start:
        cuts.append(content.start)
    paths = (entry.content or "").split("|") if entry is not None else []
    preps = {path.partition(":")[2] for path in paths if path.startswith("prep:")}
    preps -= {c.lower_ for c in cue.children if c.dep_ == "prep"}
    extra = set(entry.lemma.split()[1:]) if entry is not None else set()
    for child in head.rights:
        if (child.dep_ == "prep" and child.lower_ in preps) or child.lower_ in extra:
            cuts.append(child.i)
    end = min(cuts)
    while end > mention.start + 1 and (doc[end - 1].is_punct or doc[end - 1].pos_ in ("ADP", "CCONJ", "DET")):
        end -= 1
    if end >= mention.end or end <= head.i:
        return mention
    name = mention.name
    if name is not None and mention.type is None:  # a description, not an entity's name
        name = strip_determiner(doc[mention.start : end].text)
    return attrs.evolve(mention, end=end, name=name)


def _first(
    start: Token,
    anchors: Mapping[str, Token | None],
    paths: Iterable[TargetPath],
    entity_of: Mapping[int, Span],
    spec: TargetRules,
) -> Token | None:
    return next(iter(_all(start, anchors, paths, entity_of, spec)), None)


def _all(
    start: Token,
    anchors: Mapping[str, Token | None],
    paths: Iterable[TargetPath],
    entity_of: Mapping[int, Span],
    spec: TargetRules,
) -> list[Token]:
    """The token at the end of each path that gives one, in the order of the paths."""
    found = []
    for path in paths:
        token = _follow(start, anchors, path, entity_of, spec)
        if token is not None and token not in found:
            found.append(token)
    return found


def _follow(
    start: Token,
    anchors: Mapping[str, Token | None],
    path: TargetPath,
    entity_of: Mapping[int, Span],
    spec: TargetRules,
) -> Token | None:
    token: Token | None = start
    for n, (step, condition) in enumerate(path):
        if step in anchors:
            token = anchors[step] if n == 0 else None
        elif step == "self":
            token = token if token.pos_ in ("NOUN", "PROPN") else None
        else:
            token = _step(token, step)
        if token is None:
            return None
        if condition == "named" and not _entity(token, entity_of, spec.named):
            return None
    return _usable(token, start, entity_of, spec)


def _step(token: Token, step: str) -> Token | None:
    """One step of a path from ``token``."""
    if step == "head" or step.startswith("head@"):
        wanted = step.partition("@")[2]
        return token.head if token.head is not token and (not wanted or token.dep_ == wanted) else None
    if step.startswith("prep:"):
        word = step.partition(":")[2]
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ == word:
                return _object_of(child)
        return None
    if step == "agent":
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        return _object_of(agent) if agent is not None else None
    return next((c for c in token.children if c.dep_ == step), None)


def _object_of(preposition: Token) -> Token | None:
    return next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)


def _usable(token: Token, start: Token, entity_of: Mapping[int, Span], spec: TargetRules) -> Token | None:
    """``token`` as a target: a relative pronoun stands for its noun; dates and numbers are none."""
    if token.tag_ in _RELATIVE_TAGS and token.head.dep_ == "relcl":
        token = token.head.head
    if _entity(token, entity_of, spec.not_targets):
        return None
    if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ"):
        return None
    return token


def _named_apposition(token: Token, entity_of: Mapping[int, Span], spec: TargetRules) -> Token:
    """Prefer a name in apposition to a description: "the former mayor, Tomas Berger"."""
    kinds = spec.prefer_apposition
    if _entity(token, entity_of, kinds):
        return token
    for child in token.children:
        if child.dep_ == "appos" and _entity(child, entity_of, kinds):
            return child
    return token


def _entity(token: Token, entity_of: Mapping[int, Span], labels: Iterable[str]) -> bool:
    entity = entity_of.get(token.i)
    return entity is not None and entity.label_ in labels
