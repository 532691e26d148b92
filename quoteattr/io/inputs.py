"""Reading the inputs: text files, JSONL files, folders and standard input, as documents.

The command line and the Dask path (:mod:`quoteattr.cluster`) read documents here, with the
same rules and messages: :class:`Reader` reads the inputs of ``quoteattr extract`` lazily
as ``{"text", "id", "publisher"}`` dicts and :class:`Failure` s (a line or file that could
not be read, in its place); :func:`jsonl_document` checks one JSONL line and
:func:`jsonl_block_documents` a block of them (a Dask partition). Also here: the checks
made before a run starts (:func:`check_paths`, :func:`check_output`) and the ids already
in the output of an earlier run (:func:`read_done_ids`, for ``--resume``).
"""

from __future__ import annotations

import codecs
import io
import json
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple

import attrs

JSONL_SUFFIXES = (".jsonl", ".ndjson")


STDIN = "-"


STDIN_LABEL = "<stdin>"


#: Standard input is kept in memory up to this size while deciding whether it is JSONL,
#: then spooled to a temporary file.
STDIN_SPOOL_BYTES = 8 * 1024 * 1024


#: Bytes read at a time from an input in an encoding whose line breaks are not b"\n" (UTF-16).
READ_CHUNK = 1 << 16


class InputWarning(UserWarning):
    """A problem with the inputs that does not stop the reading (an empty file, say)."""


def warn_input(message: str) -> None:
    """Report ``message`` as an :class:`InputWarning` (the command line prints it instead)."""
    warnings.warn(message, InputWarning, stacklevel=3)


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


class Document(NamedTuple):
    """One input document as quoteattr attributes it: its text, id and publisher (or None)."""

    text: str
    id: Any
    publisher: str | None = None


def as_document(item: Any, n: int) -> Document:
    """The input ``item`` at position ``n`` of a stream, as a :class:`Document`.

    ``item`` is a text, or a mapping with ``"text"`` and optional ``"id"`` (default: ``n``)
    and ``"publisher"``: what :func:`quoteattr.extract_many` and
    :func:`quoteattr.cluster.extract_bag` take. Raises ``ValueError`` for a mapping
    without ``"text"`` and ``TypeError`` for a text or publisher that is not a ``str``.

    >>> as_document("It rained.", 4)
    Document(text='It rained.', id=4, publisher=None)
    >>> as_document({"text": "Hi.", "id": "a", "publisher": "Valley Post"}, 5)
    Document(text='Hi.', id='a', publisher='Valley Post')
    """
    if isinstance(item, str):
        return Document(item, n, None)
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
    return Document(text, id_, publisher)


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


def jsonl_document(line: str, number: int, where: str) -> Item:
    """The document of one JSONL line, or a :class:`Failure` that says what is wrong with it.

    ``number`` is the line's number in its file (the id of a document without one) and
    ``where`` names the line in the messages (``"corpus.jsonl line 3"``).

    >>> jsonl_document('{"text": "Hi."}', 3, "a.jsonl line 3")
    {'text': 'Hi.', 'id': 3, 'publisher': None}
    >>> jsonl_document('[1]', 4, "a.jsonl line 4").message
    'a.jsonl line 4: not a JSON object (got an array)'
    """
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


def jsonl_block_documents(block: bytes, first: int, label: str) -> Iterator[Item]:
    """The documents (and :class:`Failure` s) of a block of UTF-8 JSONL lines, lazily.

    The block is a piece of the file ``label`` cut at line breaks (as Dask cuts a file
    into partitions) whose first line is line ``first`` of the file; blank lines are
    skipped but counted, and a byte order mark opening the file is dropped.

    >>> [d["id"] for d in jsonl_block_documents(b'{"text": "a"}\\n\\n{"text": "b"}\\n', 5, "c.jsonl")]
    [5, 7]
    """
    for number, raw in enumerate(block.split(b"\n"), first):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        where = f"{label} line {number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield Failure(number, f"{where}: not valid UTF-8 (byte {err.start} of the line)", status=2)
            continue
        yield jsonl_document(line, number, where)


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
    #: how a problem that does not stop the reading is reported (the CLI prints it)
    warn: Callable[[str], None] = attrs.field(default=None, converter=lambda f: f or warn_input, repr=False)

    @property
    def _codec(self) -> str:
        return codecs.lookup(self.encoding).name

    @property
    def encoding_name(self) -> str:
        """The encoding as messages name it ("UTF-8", else as given)."""
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
            f"{where}: not valid {self.encoding_name} (byte {offset}{' of the file' if of_file else ''}); "
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
                yield jsonl_document(line, number, f"{label} line {number}")

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
            self.warn(f"{label}: no documents in this file (it is empty or has only blank lines)")

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
                self.warn(f"{label}: no .txt files in this folder; nothing read from it")
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
                    reader.warn(
                        f"{STDIN_LABEL}: no documents (standard input is empty or has only blank lines)"
                    )
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


def read_done_ids(path: str | Path, warn: Callable[[str], None] | None = None) -> set[str | int]:
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
                (warn or warn_input)(
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
