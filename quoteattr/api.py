"""The Python entry points: :func:`load`, :func:`extract`, :func:`extract_many`.

>>> nlp = load()
>>> doc = nlp('"Not once," Moreno told reporters.')
>>> [a.speaker.text for a in doc._.attributions]
['Moreno']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from quoteattr.model import load_pipeline, resolve_model_name
from quoteattr.sources import OutletLexicon, find_publisher
from quoteattr.text import normalize
from quoteattr.types import Entity, Result, result_from_dict

#: Longest piece of text parsed as one spaCy Doc. Longer texts are cut at paragraph
#: breaks: parsing needs memory in proportion to a Doc's length, and attribution
#: never reaches further than a few paragraphs.
CHUNK_CHARS = 100_000

_PIPELINES: dict[str, Any] = {}


def load(model: str | None = None, config: Mapping[str, Any] | None = None):
    """A spaCy ``Language`` with the ``quoteattr`` component added last.

    ``model`` is a pipeline name or path (see :mod:`quoteattr.model` for the default);
    ``config`` is the component's config (JSON-able, see :mod:`quoteattr.component`).
    """
    import quoteattr.component  # noqa: F401  (registers the factory even when not installed)

    nlp = load_pipeline(model)
    nlp.add_pipe("quoteattr", config=dict(config or {}))
    return nlp


def pipeline(model: str | None = None):
    """The quoteattr pipeline for ``model``, loaded once a process (raises ``ModelError``)."""
    name = resolve_model_name(model)
    if name not in _PIPELINES:
        _PIPELINES[name] = load(name)
    return _PIPELINES[name]


def extract(
    text: str,
    *,
    id: str | int | None = None,
    publisher: str | None = None,
    nlp=None,
    model: str | None = None,
) -> Result:
    """Attribute one text: every quotation and statement, with cue, speaker and label.

    ``publisher`` names the outlet when the caller knows it. Empty or white-space text
    gives a result with no attributions.
    """
    record = {"text": text, "id": id, "publisher": publisher}
    return next(extract_many([record], nlp=nlp, model=model))


def extract_many(
    inputs: Iterable[str | Mapping[str, Any]],
    *,
    nlp=None,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[Result]:
    """Attribute many texts lazily: exactly one :class:`Result` for each input, in order.

    Each input is a string or a mapping with ``"text"`` and optional ``"id"`` (default:
    its position) and ``"publisher"``. Texts are streamed through ``nlp.pipe``, so memory
    does not grow with the number of inputs.

    Raises ``TypeError`` for an input that is not text (naming its type) and
    ``ValueError`` for a mapping without ``"text"``.
    """
    nlp = nlp or pipeline(model)
    pending: dict[int, tuple[str, Any, str | None]] = {}
    parts: dict[int, list[dict[str, Any]]] = {}
    speakers: dict[int, dict[str, dict[str, Any]]] = {}

    def chunks() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for n, item in enumerate(inputs):
            text, id_, publisher = _as_record(item, n)
            pending[n] = (text, id_, publisher)
            parts[n] = []
            speakers[n] = {}
            pieces = _split(normalize(text), min(CHUNK_CHARS, nlp.max_length))
            for k, (offset, piece) in enumerate(pieces):
                yield piece, (n, offset, k == len(pieces) - 1)

    for doc, (n, offset, last) in nlp.pipe(
        chunks(), as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        _join_at_cut(
            parts[n], [_shifted(q, offset) for q in doc._.quoteattr_data or ()], pending[n][0], offset
        )
        _add_speakers(speakers[n], doc._.quoteattr_speakers or (), offset)
        if last:
            text, id_, publisher = pending.pop(n)
            yield _result(text, id_, publisher, parts.pop(n), list(speakers.pop(n).values()))


def _as_record(item: Any, n: int) -> tuple[str, Any, str | None]:
    if isinstance(item, str):
        return item, n, None
    if isinstance(item, Mapping):
        if "text" not in item:
            raise ValueError(f"input {n} has no 'text' (keys: {sorted(item)})")
        text, id_, publisher = item["text"], item.get("id"), item.get("publisher")
        if id_ is None:
            id_ = n
    else:
        text, id_, publisher = item, n, None
    if not isinstance(text, str):
        raise TypeError(f"quoteattr needs text as str, got {type(text).__name__} (input {n})")
    if publisher is not None and not isinstance(publisher, str):
        raise TypeError(f"publisher must be a str, got {type(publisher).__name__} (input {n})")
    return text, id_, publisher


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s"), re.compile(r"\s"))


def _split(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` characters, at the strongest break.

    >>> _split("aa\\n\\nbb\\n\\ncc", 9)
    [(0, 'aa\\n\\nbb\\n\\n'), (8, 'cc')]
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _join_at_cut(found: list[dict[str, Any]], more: list[dict[str, Any]], text: str, cut: int) -> None:
    """Add a chunk's attributions to those found before it. A quotation with no cue that
    opens the chunk continues the quoted attribution that closed the chunk before, as
    it would have in one piece (a paragraph that is only a quotation)."""
    if cut and found and more and more[0]["cue"] is None and more[0]["speaker"] is None:
        last, first = found[-1], more[0]
        start = first["content"]["spans"][0][0]
        if (
            last["quotes"]
            and not text[cut:start].strip()
            and "\n" not in text[last["content"]["spans"][-1][1] : cut].rstrip()
        ):
            last["content"]["spans"] = last["content"]["spans"] + first["content"]["spans"]
            last["quotes"] = last["quotes"] + first["quotes"]
            more = more[1:]
    found.extend(more)


def _shifted(data: dict[str, Any], offset: int) -> dict[str, Any]:
    """An attribution dict with every offset moved by ``offset``."""
    if not offset:
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _shifted(value, offset)
        elif key in ("start", "end") and value is not None:
            value += offset
        elif key == "spans":
            value = [[s + offset, e + offset] for s, e in value]
        elif key == "quotes":
            value = [_shifted(q, offset) for q in value]
        out[key] = value
    return out


def _retexted(data: dict[str, Any], text: str) -> dict[str, Any]:
    """Every ``text`` field sliced again from the caller's string (the parse saw a copy)."""
    out = dict(data)
    for key, value in data.items():
        if isinstance(value, dict):
            out[key] = _retexted(value, text)
        elif key == "quotes":
            out[key] = [_retexted(q, text) for q in value]
    if out.get("start") is not None and out.get("end") is not None and "text" in out:
        out["text"] = text[out["start"] : out["end"]]
    if "spans" in out:
        out["text"] = " ".join(text[s:e] for s, e in out["spans"])
    return out


def _add_speakers(found: dict[str, dict[str, Any]], more, offset: int) -> None:
    """Merge a chunk's speaker summaries into the document's, by name."""
    for item in more:
        mentions = [_shifted(m, offset) for m in item["mentions"]]
        known = found.get(item["name"])
        if known is None:
            found[item["name"]] = {**item, "mentions": mentions}
            continue
        known["mentions"] = known["mentions"] + mentions
        known["attributions"] += item["attributions"]
        known["title"] = known["title"] or item["title"]
        known["type"] = known["type"] or item["type"]


def _result(
    text: str, id_: Any, publisher: str | None, quotes: list[dict[str, Any]], speakers: list[dict[str, Any]]
) -> Result:
    """The document's result, every text field sliced from the caller's string; the publisher
    given by the caller, else the one the text names (a credit line, a dateline)."""
    data = {
        "id": id_,
        "publisher": None,
        "quotes": [_retexted(q, text) for q in quotes],
        "speakers": [{**s, "mentions": [_retexted(m, text) for m in s["mentions"]]} for s in speakers],
    }
    result = result_from_dict(data, text)
    if publisher:
        return attrs.evolve(result, publisher=Entity(name=publisher))
    found = find_publisher(text, OutletLexicon.load())
    return attrs.evolve(result, publisher=found) if found else result
