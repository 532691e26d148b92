"""Flat exports of results: rows for spreadsheets, CSV and pandas, a speaker summary, a text table.

:func:`to_records` turns results into flat dicts (one per attribution) whose keys are
:data:`RECORD_COLUMNS`, :func:`write_csv` writes them as CSV, :func:`to_dataframe` makes
them a pandas DataFrame, :func:`speaker_table` (and :func:`speaker_dataframe`) sums up
who is quoted across documents, and :func:`format_table` renders one result as an
aligned text table. All take :class:`~quoteattr.types.Result` objects or their
``to_dict()`` form (a line of ``--format jsonl`` output, parsed).

pandas is an optional extra: ``pip install 'quoteattr[dataframe]'``; only the two
``*_dataframe`` functions need it.

>>> from quoteattr.types import Content, Attribution, Result
>>> result = Result(id="a1", quotes=[Attribution(kind="indirect", content=Content("it rained", [(9, 18)]))])
>>> [(r["doc_id"], r["index"], r["kind"], r["content"]) for r in to_records([result])]
[('a1', 1, 'indirect', 'it rained')]
"""

from __future__ import annotations

import csv
import re
from collections import Counter
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
#:     why the document could not be read (``quoteattr extract --skip-errors``), else empty;
#: ``content_spans``
#:     every span of the content as ``start:end`` pairs joined by a space (``"0:11 24:40"``
#:     for a quotation broken by its cue, where ``content_start``/``content_end`` also
#:     take in the cue between them).
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
    "content_spans",
)

#: The columns of :func:`to_dataframe` with a numeric dtype other than ``object``: whole
#: numbers that may be missing (pandas' nullable ``Int64``) and the confidence (``float64``,
#: ``NaN`` when missing).
_INT_COLUMNS = ("index", "content_start", "content_end")
_FLOAT_COLUMNS = ("confidence",)

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
        content_spans=" ".join(f"{start}:{end}" for start, end in attribution.content.spans),
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
    'a,,,,,,,,,,,,,,,,,,,'
    """
    writer = csv.DictWriter(file, fieldnames=RECORD_COLUMNS)
    if header:
        writer.writeheader()
    count = 0
    for row in to_records(results, keep_empty=keep_empty):
        writer.writerow(row)
        count += 1
    return count


DATAFRAME_EXTRA = "pip install 'quoteattr[dataframe]'"


def _pandas():
    try:
        import pandas
    except ImportError as err:
        raise ImportError(
            f"this needs pandas, which is an optional extra of quoteattr: {DATAFRAME_EXTRA}"
        ) from err
    return pandas


def to_dataframe(results: Results, *, keep_empty: bool = True):
    """The :func:`to_records` rows as a pandas ``DataFrame``, columns :data:`RECORD_COLUMNS` in order.

    ``index``, ``content_start`` and ``content_end`` are nullable whole numbers
    (``Int64``), ``confidence`` is ``float64``; the other columns hold Python objects
    (``None`` when missing; ``doc_id`` keeps the ids as given, strings or numbers).
    Needs pandas (``pip install 'quoteattr[dataframe]'``), else raises ``ImportError``
    saying so.

    >>> from quoteattr.types import Attribution, Content, Result
    >>> a = Attribution(kind="indirect", content=Content("it rained", [(9, 18)]), confidence=0.5)
    >>> frame = to_dataframe([Result(id="a1", quotes=[a]), Result(id="a2")])
    >>> frame[["doc_id", "index", "kind", "content_start", "confidence"]]
      doc_id  index      kind  content_start  confidence
    0     a1      1  indirect              9         0.5
    1     a2   <NA>      None           <NA>         NaN
    """
    pandas = _pandas()
    frame = pandas.DataFrame.from_records(
        list(to_records(results, keep_empty=keep_empty)), columns=list(RECORD_COLUMNS)
    )
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.astype({**dict.fromkeys(_INT_COLUMNS, "Int64"), **dict.fromkeys(_FLOAT_COLUMNS, "float64")})


#: The keys of :func:`speaker_table` rows, in this order.
SPEAKER_COLUMNS: tuple[str, ...] = (
    "name",
    "title",
    "type",
    "documents",
    "attributions",
    "asserted",
    "denied",
    "accused",
)


def _most_common(counter: Counter) -> Any:
    """The most frequent key, the first one counted among equals; ``None`` when empty."""
    return counter.most_common(1)[0][0] if counter else None


def speaker_table(results: Results) -> list[dict[str, Any]]:
    """Who is quoted across documents: one row (a dict, keys :data:`SPEAKER_COLUMNS`) per speaker name.

    A row gives the speaker's resolved ``name``; the ``title`` and ``type`` that most
    documents give them (the one met first among equals; ``None`` when none does); in how
    many ``documents`` they are the speaker of an attribution; how many ``attributions``
    they speak in all, and how many of those are ``asserted``, ``denied`` and ``accused``.
    Rows are sorted by attributions (most first), then documents, then name.

    Speakers are told apart by name alone, as the text resolves them ("Kim Jong Un";
    a group is one name such as "Kim Jong Un and Vladimir Putin"). Attributions whose
    speaker has no name (a bare "he", or none) are not counted. ``results`` is read once,
    lazily; memory grows with the number of speakers, not of documents.

    >>> from quoteattr.types import Attribution, Content, Result, Speaker
    >>> def said(name, title=None, label="asserted"):
    ...     speaker = Speaker("x", 0, 1, name=name, title=title, type="PERSON")
    ...     return Attribution(kind="indirect", content=Content("y", [(2, 3)]), speaker=speaker, label=label)
    >>> pm = "Prime Minister"
    >>> docs = [
    ...     Result(id=1, quotes=[said("Ana Duarte", pm), said("Ana Duarte", label="denied")]),
    ...     Result(id=2, quotes=[said("Ana Duarte", pm), said("Li Wei", "spokesman", "accused")]),
    ...     Result(id=3, quotes=[said(None)]),
    ... ]
    >>> for row in speaker_table(docs):
    ...     print(row)
    {'name': 'Ana Duarte', 'title': 'Prime Minister', 'type': 'PERSON', 'documents': 2, 'attributions': 3, \
'asserted': 2, 'denied': 1, 'accused': 0}
    {'name': 'Li Wei', 'title': 'spokesman', 'type': 'PERSON', 'documents': 1, 'attributions': 1, \
'asserted': 0, 'denied': 0, 'accused': 1}
    """
    rows: dict[str, dict[str, Any]] = {}
    titles: dict[str, Counter] = {}
    types: dict[str, Counter] = {}
    for result in _as_results(results):
        seen: dict[str, tuple[set[str], set[str]]] = {}  # name -> (titles, types) in this document
        for attribution in result.quotes:
            speaker = attribution.speaker
            if speaker is None or not speaker.name:
                continue
            name = speaker.name
            row = rows.get(name)
            if row is None:
                row = rows[name] = {**dict.fromkeys(SPEAKER_COLUMNS, 0), "name": name, "title": None}
                row["type"] = None
                titles[name], types[name] = Counter(), Counter()
            row["attributions"] += 1
            row[attribution.label] += 1
            doc_titles, doc_types = seen.setdefault(name, (set(), set()))
            if speaker.title and speaker.title not in doc_titles:
                doc_titles.add(speaker.title)
                titles[name][speaker.title] += 1
            if speaker.type and speaker.type not in doc_types:
                doc_types.add(speaker.type)
                types[name][speaker.type] += 1
        for name in seen:
            rows[name]["documents"] += 1
    for name, row in rows.items():
        row["title"], row["type"] = _most_common(titles[name]), _most_common(types[name])
    return sorted(rows.values(), key=lambda r: (-r["attributions"], -r["documents"], r["name"]))


def speaker_dataframe(results: Results):
    """:func:`speaker_table` as a pandas ``DataFrame`` (columns :data:`SPEAKER_COLUMNS`; the
    counts are ``int64``, a missing title or type is ``None``).

    Needs pandas (``pip install 'quoteattr[dataframe]'``), else raises ``ImportError``.

    >>> from quoteattr.types import Attribution, Content, Result, Speaker
    >>> li = Speaker("x", 0, 1, name="Li Wei")
    >>> a = Attribution(kind="indirect", content=Content("y", [(2, 3)]), speaker=li)
    >>> speaker_dataframe([Result(id=1, quotes=[a, a])])[["name", "documents", "attributions", "asserted"]]
         name  documents  attributions  asserted
    0  Li Wei          1             2         2
    """
    pandas = _pandas()
    frame = pandas.DataFrame.from_records(speaker_table(results), columns=list(SPEAKER_COLUMNS))
    for column in ("name", "title", "type"):  # None where missing, as in the rows, not NaN
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame.astype(dict.fromkeys(SPEAKER_COLUMNS[3:], "int64"))


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
