"""The examples in the docs are true: each labelled sentence in docs/labels.md gets its label."""

import re
from pathlib import Path

import pytest

import quoteattr

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXAMPLE = re.compile(
    r'^- "(?P<text>.+)" → (?P<label>asserted|denied|accused)(?:, target (?P<target>[^,(:\n]+))?', re.M
)


def label_examples() -> list[tuple[str, str, str | None]]:
    text = (DOCS / "labels.md").read_text(encoding="utf-8")
    return [(m["text"], m["label"], m["target"] and m["target"].strip()) for m in EXAMPLE.finditer(text)]


def test_the_label_page_has_examples() -> None:
    labels = {label for _, label, _ in label_examples()}
    assert labels == {"asserted", "denied", "accused"}


@pytest.mark.parametrize(("text", "label", "target"), label_examples(), ids=lambda v: str(v)[:40])
def test_label_examples(nlp, text: str, label: str, target: str | None) -> None:
    result = quoteattr.extract(text, nlp=nlp)
    assert result.quotes, f"no attribution in {text!r}"
    main = max(result.quotes, key=lambda a: a.content.end - a.content.start)
    assert main.label == label, (text, [(a.cue and a.cue.text, a.label) for a in result.quotes])
    if target:
        assert main.target is not None
        assert main.target.name.removeprefix("the ") == target.removeprefix("the ")
