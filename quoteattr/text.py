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


_CACHE_KEY = "quoteattr.cache"


def cached(doc, name: str, build):
    """A value computed once a Doc, such as its text or every token's forms: spaCy builds
    ``doc.text`` and each Token object anew on every access, which adds up in loops.

    The values wait in ``doc.user_data`` while the quoteattr component works, which drops
    them (:func:`forget`) before the Doc leaves it.
    """
    store = doc.user_data.setdefault(_CACHE_KEY, {})
    if name not in store:
        store[name] = build()
    return store[name]


def doc_text(doc) -> str:
    """``doc.text``, built once a Doc (or given by :func:`with_text`)."""
    return cached(doc, "text", lambda: doc.text)


def with_text(doc, text: str):
    """``doc``, knowing that its text is ``text`` (the string it was made from), so that
    :func:`doc_text` need not build it again; returns ``doc``."""
    doc.user_data.setdefault(_CACHE_KEY, {})["text"] = text
    return doc


def doc_ents(doc) -> tuple:
    """``doc.ents``, built once a Doc."""
    return cached(doc, "ents", lambda: doc.ents)


def forget(doc) -> None:
    """Drop what :func:`cached` kept, so that Docs serialise without it."""
    doc.user_data.pop(_CACHE_KEY, None)
