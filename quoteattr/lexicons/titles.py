"""The title lexicon (``titles.json``): honorifics, role nouns and their modifiers.

>>> titles = TitleLexicon.load()
>>> titles.role_suffix(["north", "korean", "leader"]), titles.is_honorific("Sen.")
('leader', True)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import attrs

from quoteattr.lexicons.data import read_lexicon


@attrs.frozen
class TitleLexicon:
    """The honorifics, role nouns and modifiers of ``lexicons/titles.json``, lowercased.

    ``courtesy`` are the honorifics that say nothing about a role (Mr, Dr): never a title.
    """

    courtesy: frozenset[str]
    honorifics: frozenset[str]
    roles: frozenset[str]
    modifiers: frozenset[str]
    longest: int

    @classmethod
    def load(cls, path: str | Path | None = None) -> TitleLexicon:
        """Read ``titles.json`` (the packaged one when ``path`` is None); cached by path."""
        return _titles(str(path) if path else "")

    def is_honorific(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.honorifics

    def role_suffix(self, words: list[str]) -> str | None:
        """The longest role phrase (or title honorific) ``words`` end with."""
        words = [w.rstrip(".,") for w in words]
        for k in range(min(len(words), self.longest), 0, -1):
            phrase = " ".join(words[-k:])
            if phrase in self.roles or (phrase in self.honorifics and phrase not in self.courtesy):
                return phrase
        return None


@lru_cache(maxsize=8)
def _titles(path: str = "") -> TitleLexicon:
    raw = read_lexicon("titles.json", path)
    courtesy = frozenset(c.lower() for c in raw["courtesy"])
    honorifics = frozenset(h.lower().replace(".", "") for h in raw["honorifics"])
    roles = frozenset(r.lower() for r in raw["roles"])
    modifiers = frozenset(m.lower() for m in raw["modifiers"])
    longest = max(len(p.split()) for p in (*roles, *honorifics))
    return TitleLexicon(courtesy, honorifics, roles, modifiers, longest)
