"""Flat exports of results: rows for spreadsheets and CSV, and a plain-text table for people.

:func:`to_records` turns results into flat dicts (one per attribution) whose keys are
:data:`RECORD_COLUMNS`, :func:`write_csv` writes them as CSV and :func:`format_table`
renders one result as an aligned text table. All three take :class:`~quoteattr.types.Result`
objects or their ``to_dict()`` form (a line of ``--format jsonl`` output, parsed).

>>> from quoteattr.types import Content, Attribution, Result
>>> result = Result(id="a1", quotes=[Attribution(kind="indirect", content=Content("it rained", [(9, 18)]))])
>>> [(r["doc_id"], r["index"], r["kind"], r["content"]) for r in to_records([result])]
[('a1', 1, 'indirect', 'it rained')]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from quoteattr.types import Attribution, Result, result_from_dict

#: The columns of :func:`to_records` rows and of ``--format csv``, in this order, which is
#: stable: columns may be added at the end, none is renamed, dropped or moved.
#:
#: ``doc_id``
#:     the document's id; ``publisher``: the publisher's name (empty when unknown);
#: ``index``
#:     the attribution's number in its document, from 1, in text order (empty on the
#:     row of a document without attributions);
#: ``kind``, ``label``
#:     as in the schema (``direct``/``mixed``/``indirect``, ``asserted``/``denied``/``accused``);
#: ``speaker``, ``speaker_text``, ``speaker_title``, ``speaker_type``
#:     the speaker's resolved name (empty when the mention names nobody, such as a bare
#:     "he"), the mention as written, the title and the entity type;
#: ``cue``, ``cue_lemma``
#:     the reporting expression as written and its lemma;
#: ``source``, ``target``
#:     the names of the reporting source and of the accused or contradicted party;
#: ``content``, ``content_start``, ``content_end``
#:     what was said (its spans joined by a space), the start of its first span and the
#:     end of its last (string indices into the text, end exclusive);
#: ``quotes``
#:     the verbatim quoted fragments joined with ``" | "``;
#: ``confidence``
#:     a number in [0, 1];
#: ``error``
#:     why the document could not be read (``quoteattr extract --skip-errors``), else empty.
RECORD_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "publisher",
    "index",
    "kind",
    "label",
    "speaker",
    "speaker_text",
    "speaker_title",
    "speaker_type",
    "cue",
    "cue_lemma",
    "source",
    "target",
    "content",
    "content_start",
    "content_end",
    "quotes",
    "confidence",
    "error",
)

#: What the functions here take: a result, its ``to_dict()``, or an iterable of either.
Results = Result | Mapping[str, Any] | Iterable[Result | Mapping[str, Any]]

#: How :func:`to_records` joins a mixed or direct attribution's quoted fragments.
QUOTES_SEPARATOR = " | "


def _as_results(results: Results) -> Iterator[Result]:
    if isinstance(results, (Result, Mapping)):
        results = [results]
    for item in results:
        yield result_from_dict(dict(item)) if isinstance(item, Mapping) else item


def _empty_row(result: Result) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(RECORD_COLUMNS)
    row["doc_id"] = result.id
    row["publisher"] = result.publisher.name if result.publisher else None
    row["error"] = result.error
    return row


def _row(result: Result, index: int, attribution: Attribution) -> dict[str, Any]:
    row = _empty_row(result)
    speaker, cue = attribution.speaker, attribution.cue
    row.update(
        index=index,
        kind=attribution.kind,
        label=attribution.label,
        speaker=speaker.name if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_title=speaker.title if speaker else None,
        speaker_type=speaker.type if speaker else None,
        cue=cue.text if cue else None,
        cue_lemma=cue.lemma if cue else None,
        source=attribution.source.name if attribution.source else None,
        target=attribution.target.name if attribution.target else None,
        content=attribution.content.text,
        content_start=attribution.content.start,
        content_end=attribution.content.end,
        quotes=QUOTES_SEPARATOR.join(q.text for q in attribution.quotes),
        confidence=attribution.confidence,
    )
    return row


def to_records(results: Results, *, keep_empty: bool = True) -> Iterator[dict[str, Any]]:
    """Flat plain dicts, one per attribution, keys :data:`RECORD_COLUMNS` in that order.

    ``results`` is an iterable of :class:`~quoteattr.types.Result` (or of their ``to_dict()``
    form), or one of them; it is read lazily. Missing values are ``None``.

    With ``keep_empty`` (the default) a document without attributions still gives one
    row, with only ``doc_id``, ``publisher`` and ``error`` filled in, so that no document
    disappears from a table; ``keep_empty=False`` gives rows for attributions only.

    >>> from quoteattr.types import Result
    >>> rows = list(to_records([Result(id=7)]))
    >>> rows[0]["doc_id"], rows[0]["index"], rows[0]["kind"]
    (7, None, None)
    >>> list(to_records([Result(id=7)], keep_empty=False))
    []
    """
    for result in _as_results(results):
        if not result.quotes:
            if keep_empty:
                yield _empty_row(result)
            continue
        for index, attribution in enumerate(result.quotes, 1):
            yield _row(result, index, attribution)


def write_csv(
    results: Results,
    file: IO[str],
    *,
    keep_empty: bool = True,
    header: bool = True,
) -> int:
    """Write :func:`to_records` rows to ``file`` as CSV (header first); return the number of rows.

    Open ``file`` with ``newline=""`` as the :mod:`csv` module asks. ``None`` becomes an
    empty cell.

    >>> import io
    >>> from quoteattr.types import Result
    >>> out = io.StringIO()
    >>> write_csv([Result(id="a"), Result(id="b")], out)
    2
    >>> out.getvalue().splitlines()[1]
    'a,,,,,,,,,,,,,,,,,,'
    """
    writer = csv.DictWriter(file, fieldnames=RECORD_COLUMNS)
    if header:
        writer.writeheader()
    count = 0
    for row in to_records(results, keep_empty=keep_empty):
        writer.writerow(row)
        count += 1
    return count


_SPACE = re.compile(r"\s+")


def shorten(text: str | None, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with "…" when longer.

    >>> shorten("a  very\\nlong sentence", 10)
    'a very lo…'
    """
    text = _SPACE.sub(" ", text or "").strip()
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)].rstrip() + "…"


TABLE_HEADINGS = ("#", "kind", "label", "speaker", "cue", "content")


def format_table(
    result: Result | Mapping[str, Any],
    *,
    content_width: int = 70,
    speaker_width: int = 30,
    cue_width: int = 24,
) -> str:
    """One document as readable plain text: a heading line, then one aligned row per attribution.

    The heading gives the document id, the publisher when known, and the number of
    attributions ("no attributions" when none, or the error of a document that could not
    be read). Each row gives the number, kind, label, speaker (the resolved name, else the
    mention as written; "-" when unattributed), cue and content, shortened with "…". The
    result has no trailing newline.

    >>> from quoteattr.types import Attribution, Content, Cue, Result, Speaker
    >>> text = '"Not once," Moreno said.'
    >>> a = Attribution(kind="direct", content=Content('"Not once,"', [(0, 11)]),
    ...                 speaker=Speaker("Moreno", 12, 18), cue=Cue("said", "say", 19, 23))
    >>> print(format_table(Result(id="doc-1", quotes=[a], text=text)))
    doc-1: 1 attribution
      #  kind    label     speaker  cue   content
      1  direct  asserted  Moreno   said  "Not once,"
    >>> print(format_table(Result(id="doc-2")))
    doc-2: no attributions
    """
    (result,) = _as_results(result)
    heading = str(result.id)
    if result.publisher is not None:
        heading += f" ({result.publisher.name})"
    if result.error is not None:
        return f"{heading}: error: {result.error}"
    count = len(result.quotes)
    if not count:
        return f"{heading}: no attributions"
    heading += f": {count} attribution{'s' if count != 1 else ''}"

    rows = [TABLE_HEADINGS]
    for index, a in enumerate(result.quotes, 1):
        speaker = (a.speaker.name or a.speaker.text) if a.speaker else "-"
        cue = a.cue.text if a.cue else "-"
        rows.append(
            (
                str(index),
                a.kind,
                a.label,
                shorten(speaker, speaker_width),
                shorten(cue, cue_width),
                shorten(a.content.text, content_width),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEADINGS))]
    lines = [heading]
    for row in rows:
        cells = [cell.rjust(widths[0]) if i == 0 else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append(("  " + "  ".join(cells)).rstrip())
    return "\n".join(lines)
