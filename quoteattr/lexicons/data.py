"""Reading the data files of ``quoteattr/lexicons/``, or a caller's replacement for one.

>>> sorted(read_lexicon("outlets.json"))
['about', 'media_nouns', 'outlets']
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any


def read_lexicon(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """The JSON of ``path`` when given, else of the packaged ``lexicons/<name>``."""
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return json.loads(resources.files("quoteattr").joinpath("lexicons", name).read_text("utf-8"))
