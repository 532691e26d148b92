"""Griffe extension for the docs site: doctest examples in docstrings shown as code.

quoteattr's docstrings hold doctest examples (``>>>`` lines and their output), run by
``make test``. Markdown would read ``>>>`` as three nested block quotes, so each run of
example lines, up to a blank line, is put in a ```pycon fence before rendering.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """``text`` with every doctest example (``>>>`` to the next blank line) in a pycon fence."""
    out: list[str] = []
    in_example = in_fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if in_example and not line.strip():
            out.append("```")
            in_example = False
        elif not in_example and not in_fence and line.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fences the doctest examples of every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)
