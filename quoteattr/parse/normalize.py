"""A copy of the caller's text that parses better, character for character the same length.

Every replacement swaps one character for one character, so an offset into the
copy is the same offset into the original: nothing ever needs mapping back.

>>> normalize("a\\r\\nb ''c''")
'a \\nb \\u201c c \\u201d'
"""

from __future__ import annotations

import re
import unicodedata

_ONE_FOR_ONE = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u200b": " ",  # zero-width space, joiners, word joiner, BOM
    "\u200c": " ",
    "\u200d": " ",
    "\u2060": " ",
    "\ufeff": " ",
    "\u2028": "\n",  # line and paragraph separators
    "\u2029": "\n",
    "\u00ab": "\u201c",  # guillemets as the curly marks the parser knows
    "\u00bb": "\u201d",
    "\u2039": "\u2018",
    "\u203a": "\u2019",
    "\u201e": "\u201c",
    "\u201f": "\u201c",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CR = re.compile(r"\r(\n?)")
_SURROGATE = re.compile("[\ud800-\udfff]")
# The NYT's two-apostrophe marks and TeX's ``: a two-character mark becomes a curly
# mark and a space, the mark on the outer side, so the quotation found in the copy
# covers both characters of each mark in the original.
_TWO_CHAR_OPEN = re.compile(r"(?:``|(?<![\w'])'')(?=\S)")
_TWO_CHAR_CLOSE = re.compile(r"(?<=\S)''(?!\w)")


def normalize(text: str) -> str:
    """Return a same-length copy of ``text`` that spaCy's English pipelines parse well."""
    out = text.translate(_TABLE)
    if "\r" in out:
        out = _CR.sub(lambda m: " \n" if m.group(1) else "\n", out)
    if _CONTROL.search(out):
        out = _CONTROL.sub(" ", out)
    if _SURROGATE.search(out):  # lone surrogates (from broken decoding) cannot reach spaCy
        out = _SURROGATE.sub("\ufffd", out)
    if "''" in out or "``" in out:
        out = _TWO_CHAR_OPEN.sub("\u201c ", out)
        out = _TWO_CHAR_CLOSE.sub(" \u201d", out)
    if _LONG_RUN.search(out):
        out = _LONG_RUN.sub(_break_run, out)
    for ch in set(out) - _SAFE:
        if unicodedata.category(ch) in ("Zs", "Zl", "Zp") and ch not in " ":
            out = out.replace(ch, " ")
    return out


_TABLE = str.maketrans(_ONE_FOR_ONE)
#: No word of any language runs this long without a space; spaCy's tokenizer takes time in
#: the square of a token's length, so the copy for parsing breaks such runs (a space for
#: one character every so often: the offsets stay put, the caller's text is untouched).
_RUN_LIMIT = 200
_LONG_RUN = re.compile(rf"\S{{{_RUN_LIMIT + 1},}}")


def _break_run(match: re.Match) -> str:
    run = match.group()
    return " ".join(run[i + 1 if i else 0 : i + _RUN_LIMIT] for i in range(0, len(run), _RUN_LIMIT))


_SAFE = set(" \n\t")


