"""One run of ``quoteattr extract``: the inputs read, attributed and written, record by record.

:class:`ExtractOptions` are the command's options; :func:`check` finds what is wrong
with them before any work (missing inputs, an output that cannot be written, ``--resume``
without a JSONL output) and :func:`run` does the work: it reads the ids already written
(``--resume``), loads the pipeline, opens the output and streams the documents through
:func:`quoteattr.extract_many` into a :class:`~quoteattr.io.writers.Writer`. Inputs are
read lazily and every record is written (and flushed) as soon as it is ready; a
document that could not be read stops the run, or with ``skip_errors`` gets an error
record in its place. Messages go to standard error through :mod:`quoteattr.io.console`.
"""

from __future__ import annotations

import codecs
import sys
from collections import Counter, deque
from collections.abc import Iterator
from typing import IO, Any

import attrs

from quoteattr.api import extract_many, pipeline
from quoteattr.io import console
from quoteattr.io.inputs import Failure, Reader, ResumeError, check_output, check_paths, read_done_ids
from quoteattr.io.writers import WRITERS, Writer, html_renderer
from quoteattr.parse.model import ModelError
from quoteattr.types import Result

#: How many file names the warning about replaced bytes lists.
REPLACED_SHOWN = 5


@attrs.frozen
class ExtractOptions:
    """The options of ``quoteattr extract`` (see ``quoteattr extract --help``).

    ``format`` is the one output format (the CLI resolves ``--format`` or the ``--output``
    file's extension first, see :func:`~quoteattr.io.writers.output_format`).
    """

    paths: tuple[str, ...] = attrs.field(converter=tuple)
    format: str = "table"
    output: str | None = None
    model: str | None = None
    batch_size: int = 32
    n_process: int = 1
    skip_errors: bool = False
    resume: bool = False
    encoding: str = "utf-8"
    errors: str = "strict"
    quiet: bool = False


def check(options: ExtractOptions) -> list[str]:
    """The problems found before any work (no document read, no model loaded); none: ``[]``."""
    problems = check_paths(options.paths, skip_errors=options.skip_errors)
    fmt = options.format
    if options.resume:
        if not options.output:
            problems.append("--resume needs --output FILE: the JSONL file of the earlier run, to append to")
        if fmt != "jsonl":
            problems.append(
                f"--resume works only with the jsonl format (here: {fmt}), whose records can be appended"
            )
    if fmt == "html":
        try:
            html_renderer()
        except ImportError as err:
            problems.append(f"--format html needs quoteattr.io.render, which cannot be imported ({err})")
    if options.output:
        problem = check_output(options.output, options.paths)
        if problem:
            problems.append(problem)
    return problems


def run(options: ExtractOptions) -> int:
    """Attribute every input document and write its record; the exit status.

    ``options`` are those :func:`check` found nothing wrong with.
    """
    done = None
    if options.resume:
        try:
            done = read_done_ids(options.output, warn=console.warn)
        except (ResumeError, OSError) as err:
            console.error(str(err))
            return 2
    try:
        nlp = pipeline(options.model)
    except ModelError as err:
        console.error(str(err))
        return 2

    if options.output:
        try:
            out = open(
                options.output,
                "a" if options.resume else "w",
                encoding="utf-8",
                newline="" if options.format == "csv" else None,
            )
        except OSError as err:
            console.error(f"{options.output}: cannot write ({err.strerror or err})")
            return 2
    else:
        out = sys.stdout
        _use_utf8(out)
    reader = Reader(
        encoding=options.encoding, errors=options.errors, skip_errors=options.skip_errors, warn=console.warn
    )
    try:
        return _stream(options, nlp, WRITERS[options.format](out), reader, done)
    finally:
        if out is not sys.stdout:
            out.close()


def _use_utf8(stream: IO[str]) -> None:
    """Let standard output take any text (JSON is written with ``ensure_ascii=False``)."""
    try:
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    except (AttributeError, LookupError, TypeError, ValueError):
        pass


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _stream(
    options: ExtractOptions, nlp: Any, writer: Writer, reader: Reader, done: set[str | int] | None
) -> int:
    # ``pending`` holds, in input order, a ``None`` for each document handed to
    # extract_many (which reads ahead by a batch) and each Failure met between them, so
    # error records come out in their place.
    pending: deque[Failure | None] = deque()
    counts = Counter(processed=0, skipped=0, already=0)
    # the records printed on a terminal show the progress themselves
    to_screen = options.output is None and console.is_terminal(sys.stdout)
    show = not options.quiet and console.is_terminal(sys.stderr) and not to_screen
    progress = console.Progress(sys.stderr) if show else None

    def tick() -> None:
        if progress is not None:
            note = f", {counts['already']} already in {options.output}" if done else ""
            progress.update(counts["processed"] + counts["skipped"], note)

    def documents() -> Iterator[dict[str, Any]]:
        for item in reader.read(options.paths):
            failure = isinstance(item, Failure)
            if done and not (failure and item.fatal) and (item.id if failure else item["id"]) in done:
                counts["already"] += 1
                tick()
                continue
            if failure:
                pending.append(item)
                if item.fatal or not options.skip_errors:
                    return  # the documents before it are still extracted and written
            else:
                pending.append(None)
                yield item

    def failures() -> int:
        while pending and pending[0] is not None:
            failure = pending.popleft()
            assert failure is not None
            if failure.fatal or not options.skip_errors:
                console.error(failure.message)
                return failure.status
            console.warn(f"{failure.message}; wrote an error record in its place")
            writer.write(Result(id=failure.id, error=failure.message))
            counts["skipped"] += 1
            tick()
        return 0

    def results() -> int:
        stream = extract_many(
            documents(), nlp=nlp, batch_size=options.batch_size, n_process=options.n_process
        )
        for result in stream:
            status = failures()
            if status:
                return status
            pending.popleft()
            writer.write(result)
            counts["processed"] += 1
            tick()
        return failures()

    with console.showing(progress):
        writer.begin()
        try:
            status = results()
        finally:
            writer.end()  # the records before an error or an interruption make a whole file
    if reader.replaced:
        names = list(reader.replaced)
        shown = ", ".join(names[:REPLACED_SHOWN]) + (", …" if len(names) > REPLACED_SHOWN else "")
        console.warn(
            f"bytes not valid in {reader.encoding_name} were replaced with U+FFFD in "
            f"{_plural(len(names), 'file')}: {shown}"
        )
    if status == 0 and (options.skip_errors or options.resume):
        summary = f"{_plural(counts['processed'], 'document')} processed, {counts['skipped']} skipped"
        if options.resume:
            summary += f", {counts['already']} already in {options.output}"
        console.note(summary)
    return status
