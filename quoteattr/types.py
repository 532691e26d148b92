"""The data model: small frozen attrs classes whose dicts are the output schema.

Every offset is a Python string index into the caller's original text, ``end``
exclusive, so ``text[span.start:span.end] == span.text`` always holds.

>>> cue = Cue(text="said", lemma="say", start=4, end=8)
>>> cue.to_dict()
{'text': 'said', 'lemma': 'say', 'start': 4, 'end': 8}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attr
import attrs

KINDS = ("direct", "mixed", "indirect")
LABELS = ("asserted", "denied", "accused")
#: What a speaker, source or target is: a person, an organisation, a place or state, a
#: nationality or group by origin, several named parties (GROUP), a description that names
#: nobody in particular (GENERIC: "officials"), or a document (DOCUMENT: "a new report").
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "GROUP", "GENERIC", "DOCUMENT", None)
#: The act an attribution reports: said, wrote, believes, intends, found, asked.
ACTS = ("speech", "writing", "belief", "intention", "finding", "question")


def _offsets(instance: Any, attribute: attrs.Attribute, value: int | None) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be >= 0, got {value}")


def _ordered(instance: Any) -> None:
    start, end = instance.start, instance.end
    if start is not None and end is not None and end < start:
        raise ValueError(f"{type(instance).__name__}: end {end} is before start {start}")


class _Exportable:
    """The codec of the schema: ``to_dict`` through ``attrs.asdict`` (tuples turned into
    lists, JSON's shape) and ``from_dict``, its inverse, for every class here."""

    def to_dict(self) -> dict[str, Any]:
        return attr.asdict(self, filter=_exported, retain_collection_types=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Rebuild an object from its ``to_dict()`` (a JSONL line's part)."""
        return cls(**data)


def _exported(attribute: attrs.Attribute, value: Any) -> bool:
    return attribute.metadata.get("export", True)


@attrs.frozen
class TextSpan(_Exportable):
    """A piece of the text: a quoted fragment (without its marks)."""

    text: str
    start: int = attrs.field(validator=_offsets)
    end: int = attrs.field(validator=_offsets)

    def __attrs_post_init__(self) -> None:
        _ordered(self)


@attrs.frozen
class Content(_Exportable):
    """What was said: one or more ``[start, end]`` spans in text order, joined by one space in ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...] = attrs.field(converter=lambda v: tuple(tuple(s) for s in v))

    @spans.validator
    def _check(self, attribute: attrs.Attribute, value: tuple[tuple[int, int], ...]) -> None:
        if not value:
            raise ValueError("Content needs at least one span")
        for start, end in value:
            if start < 0 or end < start:
                raise ValueError(f"Content span {(start, end)} is not a valid range")

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@attrs.frozen
class Cue(_Exportable):
    """The reporting expression: ``said``, ``according to``, ``denied``, ``describing``."""

    text: str
    lemma: str
    start: int = attrs.field(validator=_offsets)
    end: int = attrs.field(validator=_offsets)

    def __attrs_post_init__(self) -> None:
        _ordered(self)


@attrs.frozen
class Speaker(_Exportable):
    """Who said it: the mention as written, its canonical ``name``, ``title`` and entity ``type``.

    ``name`` is ``None`` for a mention that names nobody, such as a bare "he".
    """

    text: str
    start: int = attrs.field(validator=_offsets)
    end: int = attrs.field(validator=_offsets)
    name: str | None = None
    title: str | None = None
    type: str | None = attrs.field(default=None, validator=attrs.validators.in_(ENTITY_TYPES))
    #: how the name was found: "name", "surname", "pronoun", "title", "previous speaker", …
    resolved_by: str | None = None

    def __attrs_post_init__(self) -> None:
        _ordered(self)


@attrs.frozen
class Entity(_Exportable):
    """A named party: a reporting source, an accused target or the publisher.

    ``text``/``start``/``end`` are ``None`` when the name did not come from the text
    (a publisher given in the input record).
    """

    name: str
    text: str | None = None
    start: int | None = attrs.field(default=None, validator=_offsets)
    end: int | None = attrs.field(default=None, validator=_offsets)

    def __attrs_post_init__(self) -> None:
        _ordered(self)


@attrs.frozen
class Attribution(_Exportable):
    """One statement: what was said, by whom, through whom, with which cue and stance.

    >>> a = Attribution(kind="indirect", content=Content("it rained", [(9, 18)]))
    >>> a.label, a.speaker is None
    ('asserted', True)
    """

    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    content: Content
    quotes: tuple[TextSpan, ...] = attrs.field(default=(), converter=tuple)
    cue: Cue | None = None
    speaker: Speaker | None = None
    source: Entity | None = None
    label: str = attrs.field(default="asserted", validator=attrs.validators.in_(LABELS))
    target: Entity | None = None
    confidence: float = attrs.field(default=1.0, converter=float)
    #: what the statement is: speech, writing, belief, intention, finding, question
    act: str | None = attrs.field(default=None, validator=attrs.validators.in_((*ACTS, None)))

    @confidence.validator
    def _check_confidence(self, attribute: attrs.Attribute, value: float) -> None:
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {value}")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        """Rebuild an attribution from its ``to_dict()`` (a JSONL line's item).

        >>> a = Attribution(kind="indirect", content=Content("it rained", [(9, 18)]))
        >>> Attribution.from_dict(a.to_dict()) == a
        True
        """
        return cls(
            kind=data["kind"],
            content=Content.from_dict(data["content"]),
            quotes=tuple(TextSpan.from_dict(q) for q in data.get("quotes", ())),
            cue=_part(Cue, data.get("cue")),
            speaker=_part(Speaker, data.get("speaker")),
            source=_part(Entity, data.get("source")),
            label=data.get("label", "asserted"),
            target=_part(Entity, data.get("target")),
            confidence=data.get("confidence", 1.0),
            act=data.get("act"),
        )


def _part(cls: type, value: dict[str, Any] | None) -> Any:
    return cls.from_dict(value) if value is not None else None


@attrs.frozen
class SpeakerSummary(_Exportable):
    """One person or body quoted in a document: who, in what role, where named, how often.

    ``mentions`` are the places the text refers to them (names, pronouns, roles);
    ``attributions`` is how many attributions they are the speaker of.
    """

    name: str
    title: str | None = None
    type: str | None = attrs.field(default=None, validator=attrs.validators.in_(ENTITY_TYPES))
    mentions: tuple[TextSpan, ...] = attrs.field(default=(), converter=tuple)
    attributions: int = 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpeakerSummary:
        return cls(**{**data, "mentions": tuple(TextSpan.from_dict(m) for m in data.get("mentions", ()))})


@attrs.frozen
class Result(_Exportable):
    """Everything quoteattr found in one document.

    ``to_dict()`` is one line of ``quoteattr extract --format jsonl``; the text itself is
    kept on the object (for rendering and checking offsets) but not exported.
    """

    id: str | int | None
    publisher: Entity | None = None
    quotes: tuple[Attribution, ...] = attrs.field(default=(), converter=tuple)
    text: str = attrs.field(default="", repr=False, metadata={"export": False})
    error: str | None = attrs.field(default=None, metadata={"export": True})
    speakers: tuple[SpeakerSummary, ...] = attrs.field(default=(), converter=tuple)

    @property
    def attributions(self) -> tuple[Attribution, ...]:
        """The attributions in text order (the schema calls them ``quotes``)."""
        return self.quotes

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if out["error"] is None:
            del out["error"]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> Result:
        """Rebuild a result from one line of ``--format jsonl`` output (and, when given, its text)."""
        return cls(
            id=data.get("id"),
            publisher=_part(Entity, data.get("publisher") or None),
            quotes=tuple(Attribution.from_dict(q) for q in data.get("quotes", ())),
            text=text,
            error=data.get("error"),
            speakers=tuple(SpeakerSummary.from_dict(s) for s in data.get("speakers", ())),
        )

    def _repr_html_(self) -> str | None:
        """The page of :func:`quoteattr.render`, so a result shows itself in Jupyter.

        The page is the one :func:`set_html_repr` installed (:mod:`quoteattr.io.render` does
        when it is imported, as ``import quoteattr`` does); before that, ``None``: the plain repr.
        """
        return _html_repr(self) if _html_repr is not None else None


_html_repr: Callable[[Result], str] | None = None


def set_html_repr(page: Callable[[Result], str]) -> None:
    """Make ``Result._repr_html_`` (how Jupyter shows a result) return ``page(result)``.

    :mod:`quoteattr.io.render` installs its :func:`~quoteattr.io.render.render` here, so the
    data model needs nothing from ``quoteattr.io``.
    """
    global _html_repr
    _html_repr = page


#: The codec's functions under the names of earlier releases.
attribution_from_dict = Attribution.from_dict
result_from_dict = Result.from_dict
