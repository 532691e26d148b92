"""What ``quoteattr info`` prints: the versions, the spaCy model in use and the lexicon sizes.

:func:`describe` gathers them as a dict (``quoteattr info --json`` prints it);
:func:`format_info` makes the lines ``quoteattr info`` prints.
"""

from __future__ import annotations

import platform
from typing import Any

from quoteattr import __version__
from quoteattr.io.console import PROG
from quoteattr.parse.model import resolve_model_name


def describe(nlp: Any, model: str | None = None) -> dict[str, Any]:
    """What ``quoteattr info`` prints: versions, the model and the lexicon sizes, as a dict."""
    import spacy

    from quoteattr.lexicons import Lexicons

    meta = getattr(nlp, "meta", {}) or {}
    component = nlp.get_pipe("quoteattr") if "quoteattr" in nlp.pipe_names else None
    lexicons = getattr(component, "lexicons", None) or Lexicons.load()
    cues = lexicons.cues
    by_kind = (cues.verbs, cues.phrasal, cues.nouns, cues.multiword)
    cue_entries = {entry for entries in by_kind for entry in entries.values()}
    titles = lexicons.titles
    rules = lexicons.label_rules.counts()
    package = f"{meta['lang']}_{meta['name']}" if meta.get("lang") and meta.get("name") else None
    return {
        "quoteattr": __version__,
        "python": platform.python_version(),
        "model": {
            "name": resolve_model_name(model),
            "package": package,
            "version": meta.get("version"),
            "spacy": spacy.__version__,
            "components": list(nlp.pipe_names),
        },
        "lexicons": {
            "cues": len(cue_entries),
            "titles": {
                "honorifics": len(titles.honorifics),
                "roles": len(titles.roles),
                "modifiers": len(titles.modifiers),
            },
            "outlets": len(lexicons.outlets),
            "label_rules": rules,
        },
    }


def format_info(info: dict[str, Any]) -> str:
    """:func:`describe`'s dict as the lines ``quoteattr info`` prints."""
    model, lexicons = info["model"], info["lexicons"]
    name = " ".join(str(part) for part in (model["name"], model["version"]) if part)
    if model["package"] and model["package"] != model["name"]:
        name += f" (the pipeline {model['package']})"
    titles, rules = lexicons["titles"], lexicons["label_rules"]
    rule_names = {"pseudo": "pseudo-triggers"}

    def parts(counts: dict[str, int]) -> str:
        return ", ".join(f"{n} {rule_names.get(k, k)}" for k, n in counts.items())

    rows = [
        ("model", name),
        ("spaCy", model["spacy"]),
        ("components", ", ".join(model["components"])),
        ("lexicons", f"cues: {lexicons['cues']} entries"),
        ("", f"titles: {sum(titles.values())} ({parts(titles)})"),
        ("", f"outlets: {lexicons['outlets']}"),
        ("", f"label rules: {sum(rules.values())} ({parts(rules)})"),
    ]
    lines = [f"{PROG} {info['quoteattr']} (Python {info['python']})"]
    lines += [f"{key:<12}{value}".rstrip() for key, value in rows]
    return "\n".join(lines)
