"""quoteattr: who said what, through whom, and how, in English news.

>>> import quoteattr
>>> result = quoteattr.extract('"We will not be intimidated," Prime Minister Ana Duarte said.')
>>> [(a.kind, a.speaker.name, a.cue.text) for a in result.quotes]
[('direct', 'Ana Duarte', 'said')]
"""

from quoteattr.api import extract, extract_many, load
from quoteattr.io.export import speaker_table, to_dataframe, to_records
from quoteattr.io.render import render
from quoteattr.parse.model import ModelError
from quoteattr.types import (
    ACTS,
    KINDS,
    LABELS,
    Attribution,
    Content,
    Cue,
    Entity,
    Result,
    Speaker,
    SpeakerSummary,
    TextSpan,
)

__version__ = "0.1.0"

__all__ = [
    "ACTS",
    "KINDS",
    "LABELS",
    "Attribution",
    "Content",
    "Cue",
    "Entity",
    "ModelError",
    "Result",
    "Speaker",
    "SpeakerSummary",
    "TextSpan",
    "__version__",
    "extract",
    "extract_many",
    "load",
    "render",
    "speaker_table",
    "to_dataframe",
    "to_records",
]
