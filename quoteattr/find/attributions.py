"""Quotations and cues joined into attributions: what was said, by whom, with which cue.

Each top-level quotation looks for the cue that governs it, in this order:

1. up the parse: the quotation sits in a cue's argument ("said he was “very
   satisfied”", "“We won,” she said"), or a cue hangs off the quotation
   ("“A,” he said, “B.”");
2. in its frame: a cue in the words right after it or right before it, up to the
   sentence end or a colon ("Smith said: “…”", "“…,” said Smith, a spokesman");
3. in a headline, a cue word the tagger misread ("Kim Wishes Putin Victory Against ‘Imperialists’");
4. a full quotation with no cue of its own that follows an attribution, in the same
   paragraph or as a paragraph on its own, continues it as one more content span.

A quotation that is the whole argument of its cue is ``direct``; one inside a larger
reported clause makes the clause a ``mixed`` attribution. A phrase in quotation marks
with no cue (a title, a nickname, a scare quote) is not an attribution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import attrs
from spacy.tokens import Doc, Span, Token

from quoteattr.find.content import argument_range, argument_ranges, reported_argument
from quoteattr.find.cues import CueMatch
from quoteattr.find.quotes import Quotation, find_quotations
from quoteattr.find.speakers import Mention, mention_of, subject_of
from quoteattr.lexicons.cues import CueEntry, CueLexicon
from quoteattr.parse.docview import Paragraphs, doc_text, entity_of, paragraphs

#: Dependencies through which a quotation can be what a cue reports.
ARGUMENT_DEPS = frozenset(
    (
        "ccomp",
        "xcomp",
        "dobj",
        "prep",
        "advcl",
        "parataxis",
        "attr",
        "oprd",
        "dative",
        "acomp",
        "npadvmod",
        "conj",
        "dep",
        "pobj",
        "pcomp",
        "obj",
    )
)
#: Dependencies of a cue that hang off a quotation ("“A,” he said, “B.”").
HANGING_DEPS = frozenset(("parataxis", "dep", "advcl", "conj", "ccomp", "relcl"))
_SENTENCE_END = frozenset(".!?")
_LETTER = re.compile(r"\w")
_MAX_WALK = 12
#: Cue strength from which a cue is taken over any weaker one below it.
STRONG = 0.5
_FRAME_TOKENS = 30

#: A dash after a quotation that credits the name following it: "“…” ― Krystal Correa".
_CREDIT_DASH = re.compile(r"[ \t]*(\u2015|\u2014|\u2013|--?)[ \t]*(?=\w)")
#: How far a verb outside the lexicon that introduces a quotation is trusted.
INTRODUCING_STRENGTH = 0.6
#: How far a credit by punctuation (a dash, a colon) is trusted, against a verb's 1.0.
PUNCTUATION_STRENGTH = 0.8

#: Cues weaker than this make no attribution without a quotation ("know", "show").
MIN_STRENGTH = 0.15
#: Cues weaker than this inside another attribution's content are part of it, not new.
NESTED_MIN = 0.8
_NESTED_REACH = 2000
_EMPTY_CONTENT = frozenset(("it", "so", "this", "that", "them", "him", "her", "one", "nothing", "something"))

CONFIDENCE = {
    "parse": 0.9,
    "frame": 0.8,
    "headline": 0.45,
    "continuation": 0.75,
    "neighbour": 0.6,
    "reported": 0.8,
    "unattributed": 0.35,
}


@attrs.define
class Draft:
    """An attribution being assembled, in the Doc's character offsets."""

    spans: list[tuple[int, int]]
    quotes: list[tuple[int, int]]
    kind: str
    cue: CueMatch | None
    speaker: Mention | None
    confidence: float

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def add(self, spans: Iterable[tuple[int, int]], quotes: Iterable[tuple[int, int]], kind: str) -> None:
        """Take in one more piece of content: a quotation that continues this attribution."""
        self.spans = _merge(self.spans, spans)
        self.quotes.extend(quotes)
        if kind == "mixed" or self.kind != kind:
            self.kind = "mixed"


@attrs.frozen
class Scene:
    """What every step looks at: the Doc, its cues, named entities and quoted tokens."""

    doc: Doc
    lexicon: CueLexicon
    cues: dict[int, CueMatch]
    entity_of: dict[int, Span]
    quoted: frozenset[int]

    def is_cue(self, token: Token) -> bool:
        return token.i in self.cues

    def mention(self, token: Token | None) -> Mention | None:
        return mention_of(token, self.entity_of) if token is not None else None


def attribute(
    doc: Doc,
    quotations: list[Quotation],
    cues: list[CueMatch],
    lexicon: CueLexicon,
    keep_unattributed: bool = True,
) -> list[Draft]:
    """All attributions in ``doc``, in text order: quotations first, then reported speech.

    ``quotations`` are those of :func:`~quoteattr.find.quotes.find_quotations` and
    ``cues`` those of :func:`~quoteattr.find.cues.find_cues` (``lexicon``'s) on ``doc``.
    """
    text = doc_text(doc)
    quotations = [q for q in quotations if q.depth == 0]
    token_sets = [_tokens(doc, q) for q in quotations]
    scene = Scene(
        doc=doc,
        lexicon=lexicon,
        cues={m.token.i: m for m in cues},
        entity_of=entity_of(doc),
        quoted=frozenset(t.i for tokens in token_sets for t in tokens),
    )
    by_cue: dict[int, Draft] = {}
    unplaced: list[tuple[Quotation, list[Token]]] = []
    for quotation, tokens in zip(quotations, token_sets, strict=True):
        if not tokens:
            continue
        found = _find_cue(scene, quotation, tokens)
        if found is None:
            unplaced.append((quotation, tokens))
            continue
        how, match, argument, speaker = found
        if how == "headline":  # no clause the parse can give: only the quotation is the speaker's
            spans, kind = list(quotation.segments), "direct"
        else:
            spans, kind = _content(doc, quotation, match, argument, scene.cues)
        draft = by_cue.get(match.token.i)
        if draft is None:
            by_cue[match.token.i] = Draft(
                spans, list(quotation.inner), kind, match, speaker, CONFIDENCE[how] * match.entry.strength
            )
        else:
            draft.add(spans, quotation.inner, kind)
    by_cue.update(_reported_speech(scene, by_cue))
    drafts = sorted(by_cue.values(), key=lambda d: d.spans[0])
    for quotation, tokens in unplaced:
        if _inside_any(quotation, drafts) or not _is_full(doc, quotation, tokens):
            continue
        other_voice = _names_a_person(scene, tokens)
        neighbour = None if other_voice else _cue_before_sentence(scene, tokens)
        previous = None if other_voice else _previous(drafts, quotation.start)
        if neighbour is not None:
            match, speaker_token = neighbour
            draft = by_cue.get(match.token.i)
            if draft is None or not draft.quotes:  # a quotation after reported speech is one more statement
                draft = Draft(
                    list(quotation.segments),
                    [],
                    "direct",
                    match,
                    scene.mention(speaker_token),
                    CONFIDENCE["neighbour"] * match.entry.strength,
                )
                by_cue[match.token.i] = draft
                bisect.insort(drafts, draft, key=lambda d: d.spans[0])
            draft.add(quotation.segments, quotation.inner, "direct")
        elif previous is not None and _continues(text, paragraphs(doc), previous, quotation):
            previous.add(quotation.segments, quotation.inner, "direct")
        elif keep_unattributed:
            draft = Draft(
                list(quotation.segments),
                list(quotation.inner),
                "direct",
                None,
                None,
                CONFIDENCE["unattributed"],
            )
            bisect.insort(drafts, draft, key=lambda d: d.spans[0])
    for draft in drafts:
        draft.quotes = sorted(set(draft.quotes))
    return drafts


def _reported_speech(scene: Scene, taken: dict[int, Draft]) -> dict[int, Draft]:
    """Attributions of the cues no quotation claimed: "X said (that) …", "X denied …",
    "according to X, …". A weak cue inside another attribution's content is left out."""
    doc = scene.doc
    found: dict[int, Draft] = {}
    for i, match in scene.cues.items():
        if (
            i in taken
            or i in scene.quoted
            or match.entry.strength < MIN_STRENGTH
            or _names_something(match.token)
        ):
            continue
        head = reported_argument(match, scene.lexicon.frames)
        if head is None:
            continue
        ranges = argument_ranges(match, head, scene.cues)
        if not ranges or len(ranges) == 1 and _empty(doc, *ranges[0]):
            continue
        spans = [(doc[first].idx, doc[last].idx + len(doc[last])) for first, last in ranges]
        quotes = [q for first, last in ranges for q in _quotes_in(scene, first, last)]
        kind = "mixed" if quotes else "indirect"
        speaker = scene.mention(_speaker_token(scene, match))
        found[i] = Draft(spans, quotes, kind, match, speaker, CONFIDENCE["reported"] * match.entry.strength)
    extents = sorted(((d.spans[0][0], d.end), i) for i, d in (*taken.items(), *found.items()))
    starts = [s for (s, _), _ in extents]
    for i in list(found):
        if (
            scene.cues[i].entry.strength >= NESTED_MIN
            or scene.cues[i].entry.pos == "NOUN"
            and found[i].speaker
        ):
            continue  # "rejected Trump's claim that …": a claim with its own speaker stands on its own
        cue_char = doc[i].idx
        k = bisect.bisect_right(starts, cue_char) - 1
        while k >= 0:
            (s, e), j = extents[k]
            if j != i and s <= cue_char < e:
                del found[i]
                break
            if cue_char - s > _NESTED_REACH:
                break
            k -= 1
    return found


def _empty(doc: Doc, first: int, last: int) -> bool:
    """Content that says nothing: "said so", "denied it"."""
    return first == last and (doc[first].lower_ in _EMPTY_CONTENT or not doc[first].is_alpha)


def _quotes_in(scene: Scene, first: int, last: int) -> list[tuple[int, int]]:
    doc = scene.doc
    if not any(t in scene.quoted for t in range(first, last + 1)):
        return []
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return [
        inner
        for q in find_quotations(doc_text(doc)[start:end])
        if q.depth == 0
        for inner in ((s + start, e + start) for s, e in q.inner)
    ]


def _find_cue(scene: Scene, quotation: Quotation, tokens: list[Token]):
    """``(how, cue, argument, speaker)`` for a quotation, or None when nothing governs it."""
    found = _governing_cue(tokens, scene.cues)
    if found is not None:
        match, argument = found
        return "parse", match, argument, scene.mention(_speaker_token(scene, match))
    if _is_full(scene.doc, quotation, tokens):
        framed = _frame_cue(scene, quotation, tokens)
        if framed is not None:
            match, speaker_token = framed
            return "frame", match, None, scene.mention(speaker_token)
    if _in_headline(tokens[0].sent):
        match = _headline_cue(scene.doc, tokens, scene.lexicon)
        if match is not None:
            return "headline", match, None, _headline_speaker(match.token)
    return None


def _tokens(doc: Doc, quotation: Quotation) -> list[Token]:
    tokens: list[Token] = []
    for start, end in quotation.segments:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    return tokens


def _governing_cue(tokens: list[Token], cues: dict[int, CueMatch]) -> tuple[CueMatch, Token | None] | None:
    """The cue whose argument holds the quotation, or that hangs off it; with that argument."""
    inside = {t.i for t in tokens}
    best: tuple[int, CueMatch, Token | None] | None = None
    for token in tokens:
        if token.is_punct or token.is_space:
            continue
        for child in token.children:
            if child.i not in inside and child.i in cues and child.dep_ in HANGING_DEPS:
                if best is None or best[0] > 0:
                    best = (0, cues[child.i], None)
        if token.head.i in inside or token.head.i == token.i:
            continue
        above = _cue_above(token, inside, cues)
        if above is not None and (best is None or above[0] < best[0]):
            best = above
    return (best[1], best[2]) if best else None


def _cue_above(
    token: Token, inside: set[int], cues: dict[int, CueMatch]
) -> tuple[int, CueMatch, Token] | None:
    """The first cue up the parse from ``token`` whose argument holds it, with its distance;
    a weak cue ("continued", "showed") gives way to a strong one further up ("said")."""
    child, node = token, token.head
    weak = None
    for steps in range(1, _MAX_WALK):
        if node.i in cues and node.i not in inside and not _names_something(node):
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                break  # the quotation is in the speaker's name ("“The Apprentice” star said")
            if child.dep_ in ARGUMENT_DEPS:
                if cues[node.i].entry.strength >= STRONG:
                    return steps, cues[node.i], child
                weak = weak or (steps, cues[node.i], child)
        if node.head.i == node.i:
            break
        child, node = node, node.head
    return weak


def _names_something(token: Token) -> bool:
    """A passive participle that names rather than reports: "a goalkeeper known as “The Wall”"."""
    return token.tag_ == "VBN" and token.dep_ == "acl"


def _frame_cue(
    scene: Scene, quotation: Quotation, tokens: list[Token]
) -> tuple[CueMatch, Token | None] | None:
    """A cue with a speaker just after the quotation or just before it; else a credit by
    punctuation: ``“…” ― Krystal Correa`` or ``Ariana Huichapa: “…”``."""
    doc = scene.doc
    after = _after(doc, tokens[-1].i + 1)
    before = _before(doc, tokens[0].i - 1)
    inner_end = doc_text(doc)[quotation.inner[-1][0] : quotation.inner[-1][1]].rstrip()
    order = (after, before) if inner_end.endswith(",") or not before else (before, after)
    for frame in order:
        for token in frame:
            match = scene.cues.get(token.i)
            if match is not None:
                speaker = _speaker_token(scene, match)
                if speaker is not None:
                    return match, speaker
    return _introducing_verb(scene, before) or _credit(scene, quotation, tokens)


def _introducing_verb(scene: Scene, before: list[Token]) -> tuple[CueMatch, Token] | None:
    """Any verb with a subject that introduces a quotation with a colon or comma is a cue
    there, in the lexicon or not: "Caddell continued: “…”", "As Rosenthal put it, “…”"."""
    if len(before) < 2 or before[0].text not in (":", ","):
        return None
    verb = before[1]
    if verb.pos_ != "VERB" or verb.i in scene.quoted:
        return None
    speaker = subject_of(verb, scene.lexicon, scene.is_cue, scene.quoted)
    if speaker is None:
        return None
    entry = CueEntry(verb.lemma_.lower(), "VERB", "asserted", "clause", INTRODUCING_STRENGTH)
    return CueMatch(verb, (verb,), entry), speaker


def _credit(scene: Scene, quotation: Quotation, tokens: list[Token]) -> tuple[CueMatch, Token] | None:
    """A name credited by a dash after the quotation, or before a colon that opens it."""
    doc = scene.doc
    before = tokens[0].i - 1
    dash = _CREDIT_DASH.match(doc_text(doc), quotation.end)
    if dash is not None:
        names = doc.char_span(dash.end(), min(len(doc_text(doc)), dash.end() + 1), alignment_mode="expand")
        name = names[0] if names else None
        dash_token = doc.char_span(dash.start(1), dash.end(1), alignment_mode="expand")
        if name is not None and name.pos_ == "PROPN" and name.i not in scene.quoted and dash_token:
            return _punctuation_cue(dash_token[0]), _phrase_head(name)
    if before >= 1 and doc[before].text == ":":
        name = doc[before - 1]
        if (
            name.pos_ in ("PROPN", "NOUN")
            and name.i not in scene.quoted
            and "\n" not in doc[before - 1].whitespace_
        ):
            return _punctuation_cue(doc[before]), _phrase_head(name)
    return None


def _punctuation_cue(token: Token) -> CueMatch:
    return CueMatch(
        token, (token,), CueEntry(token.text, "PUNCT", "asserted", "credit", PUNCTUATION_STRENGTH)
    )


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase ``token`` belongs to ("Krystal" → "Correa")."""
    while token.dep_ in ("compound", "flat", "amod") and token.head.i != token.i:
        token = token.head
    return token


def _after(doc: Doc, start: int) -> list[Token]:
    """Tokens after a quotation up to the sentence end or the next quotation mark."""
    out = []
    for token in doc[start : start + _FRAME_TOKENS]:
        if token.is_quote and token.i != start or "\n" in token.text:
            break
        out.append(token)
        if token.text in _SENTENCE_END:
            break
    return out


def _before(doc: Doc, end: int) -> list[Token]:
    """Tokens before a quotation that introduce it, nearest first: "Smith said:", "Smith said,"."""
    while end >= 0 and doc[end].is_space:  # "He said:⏎⏎“…”": the colon may end the paragraph before
        end -= 1
    if end < 0 or doc[end].text not in (":", ",", "that") and doc[end].pos_ not in ("VERB", "AUX"):
        return []
    if doc[end].text != ":" and "\n" in doc_text(doc)[doc[end].idx : doc[end + 1].idx]:
        return []
    out = []
    for token in reversed(doc[max(0, end - _FRAME_TOKENS) : end + 1]):
        if token.text in _SENTENCE_END or token.is_quote or "\n" in token.text:
            break
        out.append(token)
    return out


def _in_headline(sentence: Span) -> bool:
    """A sentence in headline case: most of its words start with a capital letter."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.75 * len(words)


def _headline_cue(doc: Doc, tokens: list[Token], lexicon: CueLexicon) -> CueMatch | None:
    """A capitalised cue word before the quotation in a headline, read by its form."""
    for token in reversed(doc[tokens[0].sent.start : tokens[0].i]):
        lemma = lexicon.verb_forms.get(token.lower_)
        if lemma and token.i > tokens[0].sent.start:
            return CueMatch(token, (token,), lexicon.verbs[lemma])
    return None


def _speaker_token(scene: Scene, match: CueMatch) -> Token | None:
    token = match.token
    if match.entry.frame == "according" or token.lower_ == "according":
        for t in token.subtree:
            if t.dep_ == "pobj":
                return t
        return None
    return subject_of(token, scene.lexicon, scene.is_cue, scene.quoted)


def _headline_speaker(cue: Token) -> Mention | None:
    """The capitalised word before a headline's cue ("Kim Wishes"): named as written."""
    if cue.i == 0:
        return None
    word = cue.doc[cue.i - 1]
    if not (word.is_alpha and word.text[0].isupper()):
        return None
    return Mention(word.i, word.i + 1, word, word.text, None)


def _content(doc: Doc, quotation: Quotation, match: CueMatch, argument: Token | None, cues):
    """Content spans and kind: the quotation itself, or the reported clause holding it."""
    if argument is None:
        return list(quotation.segments), "direct"
    first, last = argument_range(match, argument, cues)
    start, end = min(doc[first].idx, quotation.start), max(doc[last].idx + len(doc[last]), quotation.end)
    if quotation.start <= argument.idx < quotation.end:
        # a time said beyond the quotation, away from the cue, is the writer's, not the
        # speaker's: "Later in the day, “…,” she said"
        if match.token.idx > quotation.start and _only_time(
            doc.char_span(start, quotation.start, alignment_mode="expand")
        ):
            start = quotation.start
        elif match.token.idx < quotation.start and _only_time(
            doc.char_span(quotation.end, end, alignment_mode="expand")
        ):
            end = quotation.end
    return _spans_and_kind(doc_text(doc), quotation, start, end)


def _only_time(span: Span | None) -> bool:
    """Words that only say when: "Later in the day", "on Monday"."""
    words = [t for t in span or () if t.is_alpha]
    return bool(words) and all(
        t.ent_type_ in ("DATE", "TIME") or t.pos_ in ("ADP", "DET", "ADV", "CCONJ") for t in words
    )


def _spans_and_kind(
    text: str, quotation: Quotation, start: int, end: int
) -> tuple[list[tuple[int, int]], str]:
    """The quotation alone when the clause ``start:end`` holds no word outside it, else the clause."""
    if (
        _LETTER.search(text[start : quotation.start]) is None
        and _LETTER.search(text[quotation.end : end]) is None
    ):
        return list(quotation.segments), "direct"
    return [(start, end)], "mixed"


def _merge(spans: list[tuple[int, int]], more: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in text order, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted([*spans, *more]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _inside_any(quotation: Quotation, drafts: list[Draft]) -> bool:
    return any(s <= quotation.start and quotation.end <= e for d in drafts for s, e in d.spans)


def _is_full(doc: Doc, quotation: Quotation, tokens: list[Token]) -> bool:
    """A quotation that is a statement of its own rather than a phrase inside a sentence."""
    inner = doc_text(doc)[quotation.inner[0][0] : quotation.inner[-1][1]].rstrip()
    if len(quotation.segments) > 1 or inner[-1:] in (".", ",", "?", "!", "…", ";", ":", "—", "-"):
        return True
    sentence_start = tokens[0].sent.start_char
    lead = doc_text(doc)[sentence_start : quotation.start]
    return not _LETTER.search(lead) or lead.rstrip().endswith(":")


def _cue_before_sentence(scene: Scene, tokens: list[Token]) -> tuple[CueMatch, Token] | None:
    """A cue with a speaker in the sentence just before a quotation that opens a sentence,
    in the same paragraph: ``…, Schiff said. “The other factor …”``."""
    doc, first = scene.doc, tokens[0]
    sentence = first.sent
    if first.i - sentence.start > 1 or sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    between = doc_text(doc)[previous.start_char : first.idx]
    if "\n" in between[len(between.rstrip()) :]:  # the previous sentence ends its paragraph
        return None
    for token in reversed(previous):
        match = scene.cues.get(token.i)
        if match is not None and token.i not in scene.quoted:
            speaker = _speaker_token(scene, match)
            return (match, speaker) if speaker is not None else None
    return None


def _names_a_person(scene: Scene, tokens: list[Token]) -> bool:
    """Whether the sentence of a quotation names a person outside it ("“Very satisfied” was
    how Anna Roth put it"): a voice of its own, so no earlier speaker is carried over."""
    sentence = tokens[0].sent
    return any(
        scene.entity_of[i].label_ == "PERSON"
        for i in range(sentence.start, sentence.end)
        if i in scene.entity_of and i not in scene.quoted
    )


def _previous(drafts: list[Draft], start: int) -> Draft | None:
    before = [d for d in drafts if d.end <= start and d.quotes]
    return max(before, key=lambda d: d.end) if before else None


def _continues(text: str, paragraphs: Paragraphs, draft: Draft, quotation: Quotation) -> bool:
    """Does a quotation with no cue carry on the attribution just before it?"""
    here, there = paragraphs.index(quotation.start), paragraphs.index(draft.end - 1)
    if here == there:
        between = text[draft.end : quotation.start]
        return bool(re.search(r"[.!?:,][\"'”’]?\s*$", text[: quotation.start])) and len(between) < 200
    if here == there + 1:
        start, end = paragraphs.bounds(here, text)
        return quotation.start <= start + 1 and quotation.end >= end - 1
    return False
