"""The seed article's output is kept in ``seeds/``; a change to it must be regenerated on purpose."""

import json
from pathlib import Path

import pytest

import quoteattr

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("text_file", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_output_is_up_to_date(text_file: Path) -> None:
    expected_file = text_file.with_suffix(".json")
    assert expected_file.exists(), f"run `make seeds` to write {expected_file.name}"
    text = text_file.read_text(encoding="utf-8")
    result = quoteattr.extract(text, id=text_file.name)
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert [result.to_dict()] == expected, (
        f"the output for {text_file.name} changed: check it, then run `make seeds`"
    )


def test_seed_offsets_index_the_text() -> None:
    for text_file in SEEDS.glob("*.txt"):
        text = text_file.read_text(encoding="utf-8")
        for a in quoteattr.extract(text).quotes:
            assert a.content.text == " ".join(text[s:e] for s, e in a.content.spans)
            for part in (a.cue, a.speaker, *a.quotes):
                if part is not None:
                    assert text[part.start : part.end] == part.text
