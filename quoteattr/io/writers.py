"""The output formats of ``quoteattr extract``: one :class:`Writer` a format, in :data:`WRITERS`.

A writer writes each record as it is given and flushes it (``table``, ``jsonl``, ``json``,
``csv``), so a run's output grows record by record; ``html`` is the exception, one page of
every document written at the end. :func:`output_format` picks the format from
``--format`` or the ``--output`` file's extension.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

from quoteattr.io.export import RECORD_COLUMNS, format_table, to_records
from quoteattr.types import Result

FORMATS = ("table", "jsonl", "json", "csv", "html")


#: Output file extensions that choose the format when --format is not given.
SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}


class Writer:
    """Writes records one at a time to ``out``, flushing each."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def begin(self) -> None:
        pass

    def write(self, result: Result) -> None:
        self.out.write(self.render(result))
        self.out.flush()

    def render(self, result: Result) -> str:
        raise NotImplementedError

    def end(self) -> None:
        self.out.flush()


class JsonlWriter(Writer):
    def render(self, result: Result) -> str:
        return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"


class JsonWriter(Writer):
    """One JSON array, streamed: ``[``, the records separated by commas, ``]``."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.count = 0

    def begin(self) -> None:
        self.out.write("[")

    def render(self, result: Result) -> str:
        self.count += 1
        return ("\n" if self.count == 1 else ",\n") + json.dumps(result.to_dict(), ensure_ascii=False)

    def end(self) -> None:
        self.out.write("\n]\n" if self.count else "]\n")
        super().end()


class CsvWriter(Writer):
    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.writer = csv.DictWriter(out, fieldnames=RECORD_COLUMNS)

    def begin(self) -> None:
        self.writer.writeheader()

    def write(self, result: Result) -> None:
        self.writer.writerows(to_records([result]))
        self.out.flush()


class TableWriter(Writer):
    """:func:`~quoteattr.io.export.format_table` for each document, a blank line between them."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.count = 0

    def render(self, result: Result) -> str:
        self.count += 1
        return ("\n" if self.count > 1 else "") + format_table(result) + "\n"


def html_renderer() -> Callable[..., str]:
    """``quoteattr.io.render.render`` (raises ``ImportError`` when it cannot be imported)."""
    from quoteattr.io.render import render

    return render


class HtmlWriter(Writer):
    """Keeps every result and writes one page, ``quoteattr.io.render.render(results)``, at the end.

    Not streamed: memory grows with the documents, and the page is written by :meth:`end`
    (also after an error, with the documents before it).
    """

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.results: list[Result] = []

    def write(self, result: Result) -> None:
        self.results.append(result)

    def end(self) -> None:
        self.out.write(html_renderer()(self.results))
        super().end()


WRITERS: dict[str, type[Writer]] = {
    "table": TableWriter,
    "jsonl": JsonlWriter,
    "json": JsonWriter,
    "csv": CsvWriter,
    "html": HtmlWriter,
}


def output_format(fmt: str | None, output: str | None) -> str:
    """The ``--format`` given, else the one the ``--output`` file's extension names, else table."""
    if fmt:
        return fmt
    return SUFFIX_FORMATS.get(Path(output).suffix.lower(), "table") if output else "table"
