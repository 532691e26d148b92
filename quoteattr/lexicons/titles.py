from __future__ import annotations

from functools import lru_cache

import attrs

from quoteattr.lexicons.data import read_lexicon
from quoteattr.lexicons.words import _COURTESY


@attrs.frozen
class TitleLexicon:
    """The honorifics, role nouns and modifiers of ``lexicons/titles.json``, lowercased."""

    honorifics: frozenset[str]
    roles: frozenset[str]
    modifiers: frozenset[str]
    longest: int

    @classmethod
    def load(cls) -> TitleLexicon:
        return _titles()

    def is_honorific(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.honorifics

    def role_suffix(self, words: list[str]) -> str | None:
        """The longest role phrase (or title honorific) ``words`` end with."""
        words = [w.rstrip(".,") for w in words]
        for k in range(min(len(words), self.longest), 0, -1):
            phrase = " ".join(words[-k:])
            if phrase in self.roles or (phrase in self.honorifics and phrase not in _COURTESY):
                return phrase
        return None


@lru_cache(maxsize=1)
def _titles() -> TitleLexicon:
    raw = read_lexicon("titles.json")
    honorifics = frozenset(h.lower().replace(".", "") for h in raw["honorifics"])
    roles = frozenset(r.lower() for r in raw["roles"])
    modifiers = frozenset(m.lower() for m in raw["modifiers"])
    longest = max(len(p.split()) for p in (*roles, *honorifics))
    return TitleLexicon(honorifics, roles, modifiers, longest)
