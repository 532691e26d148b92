"""Through whom a statement reaches the reader: the reporting sources of attributions.

Two pure functions over a parsed Doc and the attributions being assembled
(:class:`quoteattr.find.attributions.Draft`), driven by the outlet lexicon
(``lexicons/outlets.json``, loaded once as an :class:`OutletLexicon`):

- :func:`reporting_source`: the outlet one statement was given to or carried by, named
  in its own sentence ("told Reuters", "in an interview with the BBC", "according to
  KCNA", "Yonhap quoted X as saying").
- :func:`report_frames`: an outlet's report that scopes over other statements
  ("North Korean state media KCNA reported on Thursday" framing the letters it reports).

An alias that is also an ordinary word, place or index ("Time", "Petra", "Nikkei") is
taken only in a reporting context: told X, according to X, X reported, an interview
with X, X magazine, news agency X.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import attrs
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from quoteattr.find.attributions import Draft
from quoteattr.lexicons import Lexicons
from quoteattr.parse.docview import cached, doc_text, paragraphs
from quoteattr.parse.screen import positions

#: Dependencies through which a cue leans on the verb above it ("quoted … as saying",
#: "smiled and said", "…, adding"): that verb's framing is the cue's too.
_LEAN_DEPS = frozenset(("advcl", "xcomp", "pcomp", "prep", "acl", "dep", "conj"))
#: Links that open a new clause: an outlet below one belongs to that clause's statement.
_CLAUSE_DEPS = frozenset(("ccomp", "conj", "relcl", "parataxis", "csubj", "xcomp"))
#: Links from a name to the noun phrase it sits in: "the Reuters news agency", "the agency, Xinhua".
_PHRASE_DEPS = frozenset(("compound", "appos", "nmod", "flat", "npadvmod"))


# --- publisher -------------------------------------------------------------------------------


# --- reporting sources of one statement ---------------------------------------------------------


def find_sources(doc: Doc, drafts: list[Draft], lexicons: Lexicons) -> list[tuple[str, int, int] | None]:
    """The reporting source of each draft: its own (:func:`reporting_source`), else the report
    that frames it (:func:`report_frames`); ``(name, start char, end char)`` or None."""
    own = [reporting_source(doc, draft, lexicons) for draft in drafts]
    framed = report_frames(doc, drafts, own, lexicons)
    return [source or framed.get(i) for i, source in enumerate(own)]


def reporting_source(doc: Doc, draft: Draft, lexicons: Lexicons) -> tuple[str, int, int] | None:
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
    outlets = lexicons.outlets
    if draft.cue is None:
        return None
    cue = draft.cue.token
    sentence = cue.sent
    chain = _chain(cue)
    speaker = range(draft.speaker.start, draft.speaker.end) if draft.speaker is not None else range(0)
    named = list(outlets.find_all(doc, sentence.start, sentence.end, reporting=True))
    for name, start, end in [*named, *_unlisted_media(doc, sentence.start, sentence.end, named, lexicons)]:
        context = _context(doc, start, end, lexicons, name)
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
            if not _trailing_speaking(doc, anchor, end, lexicons):
                continue
        elif kind == "according":
            if draft.cue.entry.frame == "according" or _speaker_is(doc, draft, lexicons, name):
                continue
        elif not _reaches(anchor, chain, draft):
            continue
        first, last = _extent(doc, start, end, lexicons)
        if outlets.outlet(name) is not None:
            name = outlets.name_in(doc_text(doc), name)
        return name, doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    return None


def _unlisted_media(
    doc: Doc, start: int, end: int, named, lexicons: Lexicons
) -> Iterator[tuple[str, int, int]]:
    """News media the lexicon does not list, named by what they are: "state television",
    "Ukrainian television", "Israel's Channel 12" — a media noun with a state or national
    modifier. Yields ``(the words, less a leading "the", token start, token end)``."""
    outlets, reporting = lexicons.outlets, lexicons.reporting
    taken = {i for _, s, e in named for i in range(s, e)}
    unlisted = tuple(sorted(reporting.unlisted_media))
    nouns = cached(doc, "media_nouns", lambda: positions(doc, unlisted, (LEMMA,)))
    for i in nouns[bisect.bisect_left(nouns, start) : bisect.bisect_left(nouns, end)]:
        token = doc[i]
        if (
            token.lemma_.lower() not in reporting.unlisted_media
            or token.i in taken
            or token.pos_ not in ("NOUN", "PROPN")
        ):
            continue
        if token.dep_ == "compound" and token.head.lemma_.lower() in outlets.media_nouns:
            continue  # "state news agency": the phrase is named by its last noun
        left = [t for t in token.lefts if _in_phrase(t, token)]
        words = [t for c in left for t in c.subtree]
        if not any(
            t.lower_ in reporting.state_words or t.ent_type_ in ("NORP", "GPE") or t.pos_ == "NUM"
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


def _trailing_speaking(doc: Doc, anchor: Token, end: int, lexicons: Lexicons) -> bool:
    """ "…, speaking to Al Arabiya television." closing the sentence: the parse often hangs the
    participle on the reported clause, but it says how the speaker spoke, not what."""
    outlets = lexicons.outlets
    return (
        anchor.lemma_.lower() in ("speak", "talk")
        and anchor.tag_ == "VBG"
        and anchor.dep_ == "advcl"
        and anchor.i > 0
        and doc[anchor.i - 1].text == ","
        and all(
            t.is_punct or t.is_space or t.lemma_.lower() in outlets.media_nouns
            for t in doc[end : anchor.sent.end]
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


def _context(doc: Doc, start: int, end: int, lexicons: Lexicons, name: str) -> tuple[str, Token] | None:
    """How an outlet mention (tokens ``[start, end)``) hangs in its sentence, when that is a
    reporting context: ``("according" | "told" | "channel" | "quoted" | "trailer", the token it
    hangs on)``; a trailer is an outlet's report closing the sentence ("…, KCNA reported.")."""
    reporting = lexicons.reporting
    head = _head(doc, start, end)
    ambiguous = _is_ambiguous(doc, start, end, lexicons)
    while head.dep_ in _PHRASE_DEPS and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    if head.dep_ == "poss" and head.head.pos_ in ("NOUN", "PROPN"):  # "CNN's Jake Tapper"
        head = head.head
    dep, up = head.dep_, head.head
    if dep == "nsubj" and up.lemma_.lower() in reporting.report_lemmas and _trails(doc, head, up):
        return "trailer", up
    if dep in ("dobj", "dative", "obj") and up.lemma_.lower() in reporting.tell_verbs:
        return "told", up
    if dep == "nsubj" and up.lemma_.lower() in reporting.quote_verbs:
        return "quoted", up
    if dep != "pobj" or up.pos_ != "ADP":
        return None
    word, above = up.lower_, up.head
    lemma = _lemma(above)
    if word == "to" and above.lower_ == "according":
        return "according", above
    if word in ("to", "with"):
        speaking = lemma in reporting.speak_verbs and above.pos_ in ("VERB", "AUX")
        if speaking or lemma in reporting.channel_nouns:
            return "channel", above
        return None
    if word == "by" or up.dep_ == "agent":
        if lemma in reporting.carry_verbs or lemma in reporting.channel_nouns and above.pos_ == "NOUN":
            return "channel", above
        return None
    if word in ("on", "in", "for") and not ambiguous:
        if (
            lemma in reporting.channel_nouns
            and above.pos_ == "NOUN"
            or lemma in reporting.appear_verbs
            and above.pos_ == "VERB"
        ):
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


def _is_ambiguous(doc: Doc, start: int, end: int, lexicons: Lexicons) -> bool:
    outlets = lexicons.outlets
    text = doc[start:end].text
    outlet = outlets.outlet(text) or outlets.outlet(text[4:]) or outlets.outlet("The " + text[4:])
    return outlet is not None and any(a in outlet.ambiguous for a in (text, text[4:], "The " + text[4:]))


def _extent(doc: Doc, start: int, end: int, lexicons: Lexicons) -> tuple[int, int]:
    """The outlet's whole noun phrase when media nouns describe it ("state news agency KCNA",
    "the official IRNA news agency", "the agency, Xinhua"), else the alias with its "the"."""
    outlets = lexicons.outlets
    head = _head(doc, start, end)
    while head.dep_ in _PHRASE_DEPS and head.head.pos_ in ("NOUN", "PROPN") and head.head.i != head.i:
        head = head.head
    phrase = [t for t in head.subtree if t.i == head.i or t.i < head.i and _in_phrase(t, head)]
    if not any(t.lemma_.lower() in outlets.media_nouns for t in phrase if not start <= t.i < end):
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


def _speaker_is(doc: Doc, draft: Draft, lexicons: Lexicons, name: str) -> bool:
    outlets = lexicons.outlets
    speaker = draft.speaker
    if speaker is None:
        return False
    if speaker.name and outlets.match(speaker.name, reporting=True) == name:
        return True
    return any(n == name for n, _, _ in outlets.find_all(doc, speaker.start, speaker.end, reporting=True))


# --- report frames ------------------------------------------------------------------------------


def report_frames(
    doc: Doc, drafts: list[Draft], own: list[tuple[str, int, int] | None], lexicons: Lexicons
) -> dict[int, tuple[str, int, int]]:
    """The statements an outlet's report frames: ``{index into drafts: (name, start, end)}``.

    ``own`` holds each draft's own reporting source (:func:`reporting_source`), or None.

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
       media"; ``story_types`` of ``reporting.json``), not a paper or network cited for one fact ("The Wall
       Street Journal reported in October …");

    and it stops, in either direction, at a paragraph that brings a new reporting source:
    another outlet's frame, or a statement given to another outlet ("told Reuters").
    Common nouns only, by lemma, less ``generic_nouns``; names are not enough, since
    every paragraph of a story about Kim names Kim.

    Never framed: the frame itself and any statement whose speaker is an outlet, and a
    statement with a reporting source of its own (:func:`reporting_source`). A statement
    in the scope of two frames takes the one in its paragraph, else the nearest before it,
    else the nearest after it.
    """
    reporting = lexicons.reporting
    by_paragraph = paragraphs(doc)
    outlet_speakers = {i: _outlet_speaker(doc, d, lexicons) for i, d in enumerate(drafts)}
    own = dict(enumerate(own))
    frames = [
        (i, found)
        for i, found in outlet_speakers.items()
        if found is not None
        and _cue_lemma(drafts[i]) in reporting.report_lemmas
        and _asserts(drafts[i].cue.token)
    ]
    if not frames:
        return {}
    where = {i: by_paragraph.index(_position(d)) for i, d in enumerate(drafts)}
    sentence_of = {i: _sentence(doc, d) for i, d in enumerate(drafts)}
    contents = [(s, e) for d in drafts for s, e in d.spans]
    candidates: dict[int, list[tuple[int, int, tuple[str, int, int]]]] = {}
    for f, frame in frames:
        here = where[f]
        news = {
            where[i] for i, o in outlet_speakers.items() if o is not None and o.canonical != frame.canonical
        }
        news |= {
            where[i]
            for i, s in own.items()
            if s is not None and _canonical(s[0], lexicons) != frame.canonical
        }
        news -= {here}
        low = max((p for p in news if p < here), default=-1)
        high = min((p for p in news if p > here), default=len(by_paragraph.starts))
        nouns = _content_nouns(doc, drafts[f], lexicons) if frame.story else frozenset()
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
                and _canonical(own[i][0], lexicons) != frame.canonical
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


def _outlet_speaker(doc: Doc, draft: Draft, lexicons: Lexicons) -> _Outlet | None:
    """The outlet a draft's speaker is, when the mention is headed by the outlet's name or by
    a media noun ("North Korean state media KCNA", "the official IRNA news agency"); not "a
    new Associated Press-GfK poll" or "CNN's Chris Moody"."""
    outlets, reporting = lexicons.outlets, lexicons.reporting
    speaker = draft.speaker
    if speaker is None or speaker.end <= speaker.start:
        return None
    start, end = speaker.start, speaker.end
    head = speaker.head if start <= speaker.head.i < end else doc[end - 1]
    found = outlets.find(doc, start, end, reporting=True)
    if found is None and doc[end - 1].lemma_.lower() in outlets.media_nouns:
        # the parse cut the name off: "state news agency | Xinhua reported"
        limit = min(end + 4, doc[end - 1].sent.end)
        found = next((f for f in outlets.find_all(doc, end, limit, reporting=True) if f[1] == end), None)
        if found is not None:
            end = found[2]
    tokens = doc[start:end]
    state = any(t.lower_ in reporting.state_words for t in tokens)
    media_head = head.lemma_.lower() in outlets.media_nouns
    if found is not None and (found[1] <= head.i < found[2] or media_head):
        outlet = outlets.outlet(found[0])
        story = state or outlet is not None and outlet.type in reporting.story_types
        return _Outlet(
            outlets.name_in(doc_text(doc), found[0]), tokens.start_char, tokens.end_char, found[0], story
        )
    if not media_head:
        return None
    proper = [t for t in tokens if t.pos_ == "PROPN" and t.lemma_.lower() not in outlets.media_nouns]
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


def _canonical(name: str, lexicons: Lexicons) -> str:
    outlets = lexicons.outlets
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


def _content_nouns(doc: Doc, draft: Draft, lexicons: Lexicons) -> frozenset[str]:
    """The common nouns of a frame's reported clause, by lemma, less the generic ones."""
    reporting = lexicons.reporting
    nouns = set()
    for start, end in draft.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or ():
            lemma = token.lemma_.lower()
            if token.pos_ == "NOUN" and len(lemma) > 2 and lemma not in reporting.generic_nouns:
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
