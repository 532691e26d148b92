"""What the command prints on standard error: the progress line, warnings, errors, the summary.

Every message starts with the program's name (``quoteattr: warning: ...``). While a
:class:`Progress` line is shown (see :func:`showing`), a message first wipes it, so the
message starts at the beginning of a line and the progress line is drawn again after it.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

PROG = "quoteattr"
#: The progress line is redrawn at most this often (seconds).
PROGRESS_INTERVAL = 0.25


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is a terminal (not a file, a pipe or a closed stream)."""
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


_shown: Progress | None = None


@contextmanager
def showing(progress: Progress | None) -> Iterator[Progress | None]:
    """While in the block, messages wipe ``progress`` first; at the end it is closed (its last
    count stays on screen, ahead of any error)."""
    global _shown
    _shown = progress
    try:
        yield progress
    finally:
        if progress is not None:
            progress.close()
        _shown = None


def _print(message: str) -> None:
    if _shown is not None:
        _shown.clear()
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def error(message: str) -> None:
    """``quoteattr: error: MESSAGE`` on standard error."""
    _print(f"error: {message}")


def warn(message: str) -> None:
    """``quoteattr: warning: MESSAGE`` on standard error."""
    _print(f"warning: {message}")


def note(message: str) -> None:
    """``quoteattr: MESSAGE`` on standard error (the summary at the end of a run)."""
    _print(message)
