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
from spacy.tokens import Doc

from quoteattr.io.inputs import as_document
from quoteattr.parse.docview import doc_text, with_origin, with_text
from quoteattr.parse.model import load_pipeline, resolve_model_name
from quoteattr.parse.normalize import normalize
from quoteattr.types import Attribution, Content, Entity, Result, SpeakerSummary

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

    With ``n_process`` above 1 (-1: one a CPU), batches of documents go to worker processes
    (forked from this one where the system can fork, so they share its loaded pipeline;
    started with a copy of it elsewhere), which send back only the results: far less to
    copy between processes than whole parsed Docs. At most two batches a worker are in
    flight, so memory stays flat; results come back in input order.

    Raises ``TypeError`` for an input that is not text (naming its type) and
    ``ValueError`` for a mapping without ``"text"``.
    """
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a number of processes, or -1 for one a CPU; got {n_process!r}")
    nlp = nlp or pipeline(model)
    if n_process > 1:
        yield from _pooled(inputs, nlp, batch_size, n_process)
        return
    yield from _extract(inputs, nlp, batch_size)


def _extract(inputs: Iterable[Any], nlp, batch_size: int) -> Iterator[Result]:
    """One process's stream: each input cut into pieces (:data:`CHUNK_CHARS`), the pieces
    parsed in batches, and one Result for each input once its last piece is done."""
    pending: dict[int, tuple[str, Any, list[Piece]]] = {}

    def pieces() -> Iterator[tuple[Doc, tuple[int, int, bool]]]:
        for n, item in enumerate(inputs):
            text, id_, publisher = as_document(item, n)
            pending[n] = (text, id_, [])
            cut = _split(normalize(text), min(CHUNK_CHARS, nlp.max_length))
            for k, (offset, piece) in enumerate(cut):
                doc = with_origin(with_text(nlp.make_doc(piece), piece), text, offset, publisher)
                yield doc, (n, offset, k == len(cut) - 1)

    for batch in _char_batches(pieces(), batch_size):
        for doc, (n, offset, last) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            text, id_, done = pending[n]
            done.append(Piece(offset, doc._.attributions, doc._.speakers, doc._.publisher))
            if last:
                del pending[n]
                yield _result(text, id_, done)


@attrs.frozen
class Piece:
    """What the component found in one piece of an input, offsets already into the input."""

    offset: int
    attributions: tuple[Attribution, ...]
    speakers: tuple[SpeakerSummary, ...]
    publisher: Entity | None


def _result(text: str, id_: Any, pieces: list[Piece]) -> Result:
    """The Result of one input from its pieces, in order: their attributions joined at the
    cuts, their speakers merged by name; the publisher is the same in every piece (it is
    found in the whole text, or named by the caller)."""
    quotes: list[Attribution] = []
    speakers: dict[str, SpeakerSummary] = {}
    for piece in pieces:
        _join_at_cut(quotes, list(piece.attributions), text, piece.offset)
        for summary in piece.speakers:
            known = speakers.get(summary.name)
            speakers[summary.name] = summary if known is None else _merged(known, summary)
    publisher = pieces[-1].publisher
    return Result(id=id_, publisher=publisher, quotes=quotes, text=text, speakers=speakers.values())


def _merged(known: SpeakerSummary, more: SpeakerSummary) -> SpeakerSummary:
    """One speaker's summaries of two pieces of a document as one."""
    return attrs.evolve(
        known,
        mentions=known.mentions + more.mentions,
        attributions=known.attributions + more.attributions,
        title=known.title or more.title,
        type=known.type or more.type,
    )


def _join_at_cut(found: list[Attribution], more: list[Attribution], text: str, cut: int) -> None:
    """Add a piece's attributions to those found before it. A quotation with no cue that
    opens the piece continues the quoted attribution that closed the piece before, as it
    would have in one piece (a paragraph that is only a quotation)."""
    if cut and found and more and more[0].cue is None and more[0].speaker is None:
        last, first = found[-1], more[0]
        if (
            last.quotes
            and not text[cut : first.content.start].strip()
            and "\n" not in text[last.content.end : cut].rstrip()
        ):
            spans = last.content.spans + first.content.spans
            content = Content(text=" ".join(text[s:e] for s, e in spans), spans=spans)
            found[-1] = attrs.evolve(last, content=content, quotes=last.quotes + first.quotes)
            more = more[1:]
    found.extend(more)


#: Characters parsed in one batch at most: the parse needs memory in proportion to the
#: text of a whole batch, so a batch of long pieces is cut short.
BATCH_CHARS = 100_000


def _char_batches(pieces: Iterator[tuple[Doc, Any]], size: int) -> Iterator[list[tuple[Doc, Any]]]:
    """Batches of at most ``size`` pieces and (unless one piece is longer) BATCH_CHARS characters."""
    batch: list[tuple[Doc, Any]] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) == size or chars + len(doc_text(piece[0])) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(doc_text(piece[0]))
    if batch:
        yield batch


_WORKER_NLP: Any = None
#: Documents a worker task takes: small enough to share work evenly, large enough that
#: sending a task costs little against parsing it.
TASK_DOCS = 8


def _pooled(inputs: Iterable[Any], nlp, batch_size: int, n_process: int) -> Iterator[Result]:
    """Batches of records to worker processes, Results (without their texts) back, in order."""
    global _WORKER_NLP
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER_NLP = nlp  # inherited by the forked workers, never pickled
        pool = multiprocessing.get_context("fork").Pool(n_process)
    else:  # each worker is given a copy of the pipeline once
        spawn = multiprocessing.get_context("spawn")
        pool = spawn.Pool(n_process, initializer=_start_worker, initargs=(nlp,))
    records = ((n, *as_document(item, n)) for n, item in enumerate(inputs))
    window: deque = deque()
    with pool:
        for batch in _batches(records, min(batch_size, TASK_DOCS)):
            window.append((batch, pool.apply_async(_work, ([(t, i, p) for _, t, i, p in batch], batch_size))))
            if len(window) >= 2 * n_process:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _start_worker(nlp) -> None:
    global _WORKER_NLP
    _WORKER_NLP = nlp


def _batches(records: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _work(batch: list[tuple[str, Any, str | None]], batch_size: int) -> list[Result]:
    """In a worker: a batch's Results, without their texts (the parent has them)."""
    items = [{"text": t, "id": i, "publisher": p} for t, i, p in batch]
    return [attrs.evolve(r, text="") for r in _extract(items, _WORKER_NLP, batch_size)]


def _collect(batch: list[tuple], pending) -> Iterator[Result]:
    for (_, text, _, _), result in zip(batch, pending.get(), strict=True):
        yield attrs.evolve(result, text=text)


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
