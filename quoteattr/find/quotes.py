"""Quotation marks paired into quotations.

Each paragraph (a line of the text) is read once: every run of mark characters is
split into marks, each mark told to open, close or toggle from its glyph and its
neighbours, apostrophes are set aside, and the marks are paired on a stack. A double
quotation left open at a paragraph's end continues when the next paragraph opens
with a double mark, as news stories quote a speech over several paragraphs.

>>> text = '“It is ‘fine’,” she said.'
>>> [(text[q.inner[0][0] : q.inner[0][1]], q.depth) for q in find_quotations(text)]
[('It is ‘fine’,', 0), ('fine', 1)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import attrs


@attrs.frozen
class Quotation:
    """A quotation found by its marks.

    ``segments`` run from the opening mark to the closing mark inclusive, one a
    paragraph (a quotation over several paragraphs has several); ``inner`` are the
    same segments without the marks. ``closed`` is False when the last segment
    never found its closing mark and runs to the end of its paragraph. ``depth``
    is 0 for a top-level quotation and 1 or more for one nested inside another.
    ``double`` tells double marks (" “ ” « » '') from single ones (' ‘ ’ ‹ ›).
    """

    segments: tuple[tuple[int, int], ...]
    inner: tuple[tuple[int, int], ...]
    closed: bool = True
    depth: int = 0
    double: bool = True

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation of ``text``, nested ones included, sorted by start then depth.

    >>> text = "''It is going to take a lot more,'' he said."
    >>> [(q.segments, q.inner, q.closed) for q in find_quotations(text)]
    [(((0, 35),), ((2, 33),), True)]
    """
    pairing = _Pairing(text)
    for start, end, marks in _paragraphs(text):
        pairing.read_paragraph(start, end, marks)
    return pairing.quotations()


_OPEN, _CLOSE, _TOGGLE = "open", "close", "toggle"

_DOUBLE_GLYPHS = frozenset({'"', "''", "``", "“", "”", "„", "«", "»"})
_GLYPH_ROLES = {
    "“": _OPEN, "„": _OPEN, "«": _OPEN, "``": _OPEN, "‘": _OPEN, "‹": _OPEN,
    "”": _CLOSE, "»": _CLOSE, "’": _CLOSE, "›": _CLOSE,
}  # fmt: skip
_APOSTROPHES = frozenset("'’‘")
_OPENER_NEIGHBOURS = frozenset("([{<-‐‑‒–—―")
_CLOSER_NEIGHBOURS = frozenset(".,;:!?…)]}>-‐‑‒–—―")
_PHRASE_ENDS = frozenset(",;:!?)]}>")
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

_PIECES = re.compile(f"(?P<line_break>\r\n|[{_LINE_BREAKS}])|[\"'`“”„«»‘’‹›]+")
# What follows an apostrophe standing for dropped letters: 'n' (rock 'n' roll), 'em, 'til, '90s...
_ELIDED = re.compile(
    r"(?:n(?P<second_apostrophe>['’‘])|em|til|till|cause|cos|tis|twas|bout|nuff|neath|\d0s)(?!\w)",
    re.IGNORECASE,
)
_NON_SPACE = re.compile(r"\S")
_SPACE = re.compile(r"\s")


class _Mark(NamedTuple):
    """One quotation mark: its place, kind and ``role`` (open, close or toggle).

    ``after_word`` marks a single closer between a letter and a space, which may be an
    apostrophe (``goin’ home``); ``after_plural`` narrows it to one after an "s"
    (``countries’ leaders``).
    """

    start: int
    end: int
    double: bool
    role: str
    after_word: bool = False
    after_plural: bool = False


def _paragraphs(text: str) -> Iterator[tuple[int, int, list[_Mark]]]:
    """Yield ``(start, end, marks)`` for each line of ``text``, empty lines included.

    >>> [(start, end, len(marks)) for start, end, marks in _paragraphs('“Yes.”\\r\\nNo')]
    [(0, 6, 2), (8, 10, 0)]
    """
    start, marks, skipped = 0, [], -1
    for piece in _PIECES.finditer(text):
        if piece.lastgroup == "line_break":
            yield start, piece.start(), marks
            start, marks = piece.end(), []
        else:
            run_start = piece.start() + (piece.start() == skipped)
            run_marks, skipped = _marks_of_run(text, run_start, piece.end())
            marks.extend(run_marks)
    yield start, len(text), marks


def _marks_of_run(text: str, start: int, end: int) -> tuple[list[_Mark], int]:
    """The marks in ``text[start:end]``, a run of mark characters, and the index of a
    following apostrophe to skip (the second one of ``'n'``), or -1.

    >>> [(m.start, m.end, m.double, m.role) for m in _marks_of_run("no.'''", 3, 6)[0]]
    [(3, 4, False, 'close'), (4, 6, True, 'close')]
    >>> _marks_of_run("rock 'n' roll", 5, 6)
    ([], 7)
    """
    skipped = -1
    if start < end and _ends_with_apostrophe(text, start, end):
        elided = _ELIDED.match(text, end)
        if elided:
            end -= 1
            if elided.group("second_apostrophe"):
                skipped = elided.start("second_apostrophe")
    if start == end or (end - start == 1 and _between_word_characters(text, start)):
        return [], skipped
    context_role = _context_role(text, start, end)
    single_apostrophe_after_word = (
        end - start == 1
        and start > 0
        and text[start - 1].isalnum()
        and end < len(text)
        and text[end].isspace()
        and text[end] not in _LINE_BREAKS
    )
    marks = []
    for glyph_start, glyph in _glyphs(text, start, end, context_role == _CLOSE):
        double = glyph in _DOUBLE_GLYPHS
        role = context_role or _GLYPH_ROLES.get(glyph, _TOGGLE)
        after_word = single_apostrophe_after_word and not double and role == _CLOSE
        marks.append(
            _Mark(
                start=glyph_start,
                end=glyph_start + len(glyph),
                double=double,
                role=role,
                after_word=after_word,
                after_plural=after_word and text[start - 1] in "sS",
            )
        )
    return marks, skipped


def _ends_with_apostrophe(text: str, start: int, end: int) -> bool:
    """Whether the run's last character can be an apostrophe of its own: an odd count
    of straight ones ends it, as two straight apostrophes make one double mark.

    >>> _ends_with_apostrophe("''Til", 0, 2), _ends_with_apostrophe("'''Tis", 0, 3)
    (False, True)
    """
    if text[end - 1] != "'":
        return text[end - 1] in _APOSTROPHES
    first = end - 1
    while first > start and text[first - 1] == "'":
        first -= 1
    return (end - first) % 2 == 1


def _between_word_characters(text: str, index: int) -> bool:
    """Whether ``text[index]`` is an apostrophe inside a word (``don't``, ``O’Brien``).

    >>> _between_word_characters("don't", 3), _between_word_characters("'no'", 3)
    (True, False)
    """
    return (
        text[index] in _APOSTROPHES
        and 0 < index < len(text) - 1
        and text[index - 1].isalnum()
        and text[index + 1].isalnum()
    )


def _context_role(text: str, start: int, end: int) -> str | None:
    """The role the neighbours of ``text[start:end]`` give it, None when they give
    both or neither: an opener follows a space, the start, an opening bracket or a
    dash and precedes a non-space; a closer follows a non-space and precedes a space,
    the end, punctuation or a closing bracket.

    >>> _context_role('a "b" c', 2, 3), _context_role('a "b" c', 4, 5), _context_role("a - b", 2, 3)
    ('open', 'close', None)
    """
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    can_open = (
        (before.isspace() or before in _OPENER_NEIGHBOURS)
        and not after.isspace()
        and not _ends_a_phrase(text, end)
    )
    can_close = not before.isspace() and (after.isspace() or after in _CLOSER_NEIGHBOURS)
    if can_open == can_close:
        return None
    return _OPEN if can_open else _CLOSE


def _ends_a_phrase(text: str, index: int) -> bool:
    """Whether ``text[index]`` is punctuation no quotation opens with, so that a mark
    before it closes even with a space before the mark, as French spacing has it
    (``« Jamais ».``): a comma, a full stop that is no ellipsis, a colon and the like.

    >>> _ends_a_phrase("” .", 2), _ends_a_phrase("”,", 1), _ends_a_phrase("“...we", 1)
    (True, True, False)
    """
    char = text[index : index + 1]
    if char == ".":
        return text[index : index + 3] != "..."
    return char != "" and char in _PHRASE_ENDS


def _glyphs(text: str, start: int, end: int, closing: bool) -> Iterator[tuple[int, str]]:
    """Split a run of marks into ``(index, glyph)``: two straight apostrophes are one
    double mark (a lone one left over comes first in a closing run, last otherwise) and
    two backticks open a double quotation (a lone backtick is no mark).

    >>> list(_glyphs("no.'''", 3, 6, closing=True)), list(_glyphs("``‘", 0, 3, closing=False))
    ([(3, "'"), (4, "''")], [(0, '``'), (2, '‘')])
    """
    index = start
    while index < end:
        char = text[index]
        if char not in "'`":
            yield index, char
            index += 1
            continue
        repeat_end = index
        while repeat_end < end and text[repeat_end] == char:
            repeat_end += 1
        pairs, odd = divmod(repeat_end - index, 2)
        for size in [1] * odd + [2] * pairs if closing else [2] * pairs + [1] * odd:
            if size == 2 or char == "'":
                yield index, char * size
            index += size


def _possessives(text: str, marks: list[_Mark]) -> list[bool]:
    """For each mark, whether it is a closer between an "s" and a space that is rather a
    possessive apostrophe, because another single closer follows before any opener or
    double mark, and that closer is either not itself between an "s" and a space or
    ends the very next word (``‘the countries’ leaders’``).

    >>> text = "‘the countries’ leaders’ and the ‘imperialists’ and the two countries’ ties"
    >>> _possessives(text, [mark for _, _, marks in _paragraphs(text) for mark in marks])
    [False, True, False, False, False, False]
    """
    possessives = [False] * len(marks)
    next_closer: _Mark | None = None
    plain_closer_ahead = False
    for index in range(len(marks) - 1, -1, -1):
        mark = marks[index]
        if mark.after_plural and next_closer is not None:
            possessives[index] = plain_closer_ahead or (
                next_closer.after_plural and not _SPACE.search(text, mark.end + 1, next_closer.start)
            )
        if mark.double or mark.role == _OPEN:
            next_closer, plain_closer_ahead = None, False
        else:
            next_closer, plain_closer_ahead = mark, plain_closer_ahead or not mark.after_plural
    return possessives


@attrs.define
class _Draft:
    """A quotation being built: its finished segments and the opening mark of the current one."""

    double: bool
    parent: _Draft | None
    opening: _Mark
    segments: list[tuple[int, int]] = attrs.Factory(list)
    inner: list[tuple[int, int]] = attrs.Factory(list)
    closed: bool = False
    kept: bool = False
    depth: int = 0

    def to_quotation(self, text: str) -> Quotation:
        """The finished quotation, without segments that hold nothing but white space
        (a stray opening mark that ends a paragraph)."""
        pieces = [
            (segment, _trimmed(text, *inner))
            for segment, inner in zip(self.segments, self.inner, strict=True)
            if _NON_SPACE.search(text, *inner)
        ]
        return Quotation(
            tuple(s for s, _ in pieces), tuple(i for _, i in pieces), self.closed, self.depth, self.double
        )

    def end_segment(self, inner_end: int, segment_end: int) -> None:
        self.segments.append((self.opening.start, segment_end))
        self.inner.append((self.opening.end, inner_end))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Pairing:
    """Marks paired on a stack of open quotations, outermost first, whose kinds
    alternate (a double never nests in a double, a single never in a single), so
    the innermost quotation of a kind is always one of the two on top."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.drafts: list[_Draft] = []  # every quotation opened, in text order
        self.stack: list[_Draft] = []
        self.carried: _Draft | None = None  # a double left open at the end of the last paragraph

    def read_paragraph(self, start: int, end: int, marks: list[_Mark]) -> None:
        """Pair the marks of ``text[start:end]``, first continuing the carried quotation if
        this paragraph opens with a double mark; carry a double left open at its end."""
        text_start = start
        while text_start < end and self.text[text_start].isspace():
            text_start += 1
        if text_start == end:
            return
        first = 0
        if self.carried is not None:
            if marks and marks[0].start == text_start and marks[0].double and marks[0].role != _CLOSE:
                self.carried.opening = marks[0]
                self.stack.append(self.carried)
                first = 1
            else:
                self._finish(self.carried)
            self.carried = None
        possessives = _possessives(self.text, marks)
        for index in range(first, len(marks)):
            if marks[index].double:
                self._pair_double(marks[index])
            else:
                self._pair_single(marks[index], possessives[index])
        if self.stack:
            text_end = self._trimmed_end(end)
            self._leave_unclosed_above(0, text_end)
            bottom = self.stack.pop()
            if bottom.double:
                bottom.end_segment(text_end, text_end)
                self.carried = bottom

    def quotations(self) -> list[Quotation]:
        """The kept quotations in opening order, each with the depth its kept ancestors give."""
        if self.carried is not None:
            self._finish(self.carried)
        quotations = []
        for draft in self.drafts:
            parent = draft.parent
            draft.depth = 0 if parent is None else parent.depth + parent.kept
            if draft.kept:
                quotations.append(draft.to_quotation(self.text))
        return quotations

    def _pair_double(self, mark: _Mark) -> None:
        target = self._innermost(double=True)
        if mark.role == _OPEN or (mark.role == _TOGGLE and target is None):
            if self.stack and self.stack[-1].double:
                self._leave_unclosed_above(len(self.stack) - 2, self._trimmed_end(mark.start))
            self._open(mark)
        elif target is not None:
            self._close(target, mark)

    def _pair_single(self, mark: _Mark, possessive: bool) -> None:
        top_is_single = bool(self.stack) and not self.stack[-1].double
        if mark.role == _OPEN or (mark.role == _TOGGLE and not top_is_single):
            if top_is_single:
                self.stack.pop()  # an unclosed single is more likely an apostrophe: dropped
            self._open(mark)
        elif mark.after_word:
            if top_is_single and not possessive:
                self._close(len(self.stack) - 1, mark)
        else:
            target = self._innermost(double=False)
            if target is not None:
                self._close(target, mark)

    def _innermost(self, double: bool) -> int | None:
        depth = len(self.stack)
        if depth and self.stack[-1].double == double:
            return depth - 1
        if depth > 1 and self.stack[-2].double == double:
            return depth - 2
        return None

    def _open(self, mark: _Mark) -> None:
        draft = _Draft(double=mark.double, parent=self.stack[-1] if self.stack else None, opening=mark)
        self.drafts.append(draft)
        self.stack.append(draft)

    def _close(self, index: int, mark: _Mark) -> None:
        if len(self.stack) > index + 1:
            self._leave_unclosed_above(index, self._trimmed_end(mark.start))
        draft = self.stack.pop()
        draft.end_segment(mark.start, mark.end)
        draft.closed = True
        self._finish(draft)

    def _leave_unclosed_above(self, index: int, until: int) -> None:
        """Pop the quotations above ``stack[index]``: doubles end unclosed at ``until``,
        singles are dropped."""
        while len(self.stack) > index + 1:
            draft = self.stack.pop()
            if draft.double:
                draft.end_segment(until, until)
                self._finish(draft)

    def _finish(self, draft: _Draft) -> None:
        draft.kept = any(_NON_SPACE.search(self.text, start, end) for start, end in draft.inner)

    def _trimmed_end(self, end: int) -> int:
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        return end
