"""The Python entry points: :func:`load`, :func:`extract`, :func:`extract_many`.

>>> nlp = load()
>>> doc = nlp('"Not once," Moreno told reporters.')
>>> [a.speaker.text for a in doc._.attributions]
['Moreno']
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from quoteattr.extract.publisher import find_publisher
from quoteattr.io.inputs import as_document
from quoteattr.lexicons.outlets import OutletLexicon
from quoteattr.parse.docview import with_text
from quoteattr.parse.model import load_pipeline, resolve_model_name
from quoteattr.parse.normalize import normalize
from quoteattr.types import Entity, Result, result_from_dict

#: Longest piece of text parsed as one spaCy Doc. Longer texts are cut at paragraph
#: breaks: parsing needs memory in proportion to a Doc's length, and attribution
#: never reaches further than a few paragraphs.
CHUNK_CHARS = 100_000

_PIPELINES: dict[str, Any] = {}


def load(model: str | None = None, config: Mapping[str, Any] | None = None):
    """A spaCy ``Language`` with the ``quoteattr`` component added last.

    ``model`` is a pipeline name or path (see :mod:`quoteattr.parse.model` for the default);
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

    With ``n_process`` above 1 (-1: one a CPU), batches of documents go to worker processes forked from
    this one (sharing its loaded pipeline), which send back only the results: far less
    to copy between processes than whole parsed Docs. At most two batches a worker are
    in flight, so memory stays flat; results come back in input order.

    Raises ``TypeError`` for an input that is not text (naming its type) and
    ``ValueError`` for a mapping without ``"text"``.
    """
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a number of processes, or -1 for one a CPU; got {n_process!r}")
    nlp = nlp or pipeline(model)
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _forked(inputs, nlp, batch_size, n_process)
        return
    yield from _extract(inputs, nlp, batch_size, n_process)


def _extract(inputs: Iterable[Any], nlp, batch_size: int, n_process: int) -> Iterator[Result]:
    """One process's stream (or spaCy's own workers where processes cannot fork)."""
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

    if n_process > 1:  # spaCy's own workers, where this process cannot fork
        parsed = nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    else:
        parsed = (
            pair
            for batch in _char_batches(chunks(), batch_size)
            for pair in nlp.pipe(
                [(with_text(nlp.make_doc(piece), piece), where) for piece, where in batch],
                as_tuples=True,
                batch_size=len(batch),
            )
        )
    for doc, (n, offset, last) in parsed:
        _join_at_cut(
            parts[n], [_shifted(q, offset) for q in doc._.quoteattr_data or ()], pending[n][0], offset
        )
        _add_speakers(speakers[n], doc._.quoteattr_speakers or (), offset)
        if last:
            text, id_, publisher = pending.pop(n)
            yield _result(text, id_, publisher, parts.pop(n), list(speakers.pop(n).values()))


#: Characters parsed in one batch at most: the parse needs memory in proportion to the
#: text of a whole batch, so a batch of long chunks is cut short.
BATCH_CHARS = 100_000


def _char_batches(pieces: Iterator[tuple[str, Any]], size: int) -> Iterator[list[tuple[str, Any]]]:
    """Batches of at most ``size`` pieces and (unless one piece is longer) BATCH_CHARS characters."""
    batch: list[tuple[str, Any]] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) == size or chars + len(piece[0]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield batch


_WORKER_NLP: Any = None
#: Documents a worker task takes: small enough to share work evenly, large enough that
#: sending a task costs little against parsing it.
TASK_DOCS = 8


def _forked(inputs: Iterable[Any], nlp, batch_size: int, n_process: int) -> Iterator[Result]:
    """Batches of records to forked workers, results back as dicts, in order."""
    global _WORKER_NLP
    _WORKER_NLP = nlp  # inherited by the forked workers, never pickled
    records = ((n, *_as_record(item, n)) for n, item in enumerate(inputs))
    window: deque = deque()
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        for batch in _batches(records, min(batch_size, TASK_DOCS)):
            window.append((batch, pool.apply_async(_work, ([(t, i, p) for _, t, i, p in batch], batch_size))))
            if len(window) >= 2 * n_process:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _batches(records: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _work(batch: list[tuple[str, Any, str | None]], batch_size: int) -> list[dict[str, Any]]:
    """In a worker: a batch's results as plain dicts."""
    items = [{"text": t, "id": i, "publisher": p} for t, i, p in batch]
    return [r.to_dict() for r in _extract(items, _WORKER_NLP, batch_size, 1)]


def _collect(batch: list[tuple], pending) -> Iterator[Result]:
    for (_, text, _, _), data in zip(batch, pending.get(), strict=True):
        yield result_from_dict(data, text)


def _as_record(item: Any, n: int) -> tuple[str, Any, str | None]:
    return as_document(item, n)


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
