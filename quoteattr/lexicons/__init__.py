"""Every word list and rule table of quoteattr as data, with one loader each, and the
:class:`Lexicons` bundle that the component configures once and hands to every stage.

Files (all in this folder, provenance in ``README.md``): ``cues.json`` (reporting
expressions and their frames), ``label_rules.json`` (stance rules), ``titles.json``
(honorifics and roles), ``outlets.json`` (news organisations), ``names.json`` (word lists
for resolving mentions), ``reporting.json`` (word lists of reporting contexts).

>>> lexicons = Lexicons.load()
>>> lexicons.cues.verbs["say"].stance, "ministry" in lexicons.names.org_nouns
('asserted', True)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs

from quoteattr.lexicons.cues import CueLexicon
from quoteattr.lexicons.outlets import OutletLexicon
from quoteattr.lexicons.rules import LabelRules
from quoteattr.lexicons.titles import TitleLexicon
from quoteattr.lexicons.wordlists import NameWords, ReportingWords

#: The lexicons by the name a config gives them, and how each is read from a path.
LOADERS = {
    "cues": CueLexicon.load,
    "label_rules": LabelRules.load,
    "titles": TitleLexicon.load,
    "outlets": OutletLexicon.load,
    "names": NameWords.load,
    "reporting": ReportingWords.load,
}


@attrs.frozen(eq=False)
class Lexicons:
    """The lexicons one pipeline uses. Every stage takes what it needs from here, so a
    lexicon replaced in the component's config is the one used everywhere."""

    cues: CueLexicon
    label_rules: LabelRules
    titles: TitleLexicon
    outlets: OutletLexicon
    names: NameWords
    reporting: ReportingWords

    @classmethod
    def load(cls, paths: Mapping[str, str | Path | None] | None = None) -> Lexicons:
        """The packaged lexicons, with those named in ``paths`` (``{"cues": "my_cues.json"}``)
        read from the files given instead. Raises ``ValueError`` for an unknown name."""
        paths = dict(paths or {})
        unknown = sorted(set(paths) - set(LOADERS))
        if unknown:
            names = ", ".join(map(repr, unknown))
            raise ValueError(f"unknown lexicon {names}: choose among {sorted(LOADERS)}")
        return cls(**{name: load(paths.get(name)) for name, load in LOADERS.items()})
