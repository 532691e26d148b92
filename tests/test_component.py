"""The spaCy component as one orchestrator: its stages, its typed results on the Doc, and
the lexicons it is configured with, used by every stage."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import DocBin

import quoteattr
import quoteattr.find.sources as sources
from quoteattr.lexicons import LOADERS, Lexicons
from quoteattr.lexicons.data import read_lexicon


def test_nlp_of_a_text_gives_its_publisher(nlp):
    doc = nlp("The port reopened on Monday, officials said.\n\nSource: Al Jazeera")
    assert doc._.publisher is not None
    assert doc._.publisher.name == "Al Jazeera"
    assert doc.text[doc._.publisher.start : doc._.publisher.end] == "Source: Al Jazeera"
    assert nlp("It rained.")._.publisher is None


def test_doc_results_are_the_typed_results_of_extract(nlp):
    text = '"We will not back down," union leader Maria Lopez told reporters.\n\nSource: Reuters'
    doc, result = nlp(text), quoteattr.extract(text, nlp=nlp)
    assert doc._.attributions == result.quotes
    assert doc._.speakers == result.speakers
    assert doc._.publisher == result.publisher
    assert isinstance(doc._.attributions, tuple) and isinstance(doc._.speakers, tuple)


def test_results_survive_a_docbin_round_trip(nlp):
    doc = nlp('"We will not back down," Maria Lopez said.\n\nSource: Reuters')
    store = DocBin(store_user_data=True)
    store.add(doc)
    (back,) = DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab)
    assert back._.attributions == doc._.attributions
    assert back._.speakers == doc._.speakers
    assert back._.publisher == doc._.publisher


def test_each_statement_s_own_source_is_looked_for_once(nlp, monkeypatch):
    calls = []
    original = sources.reporting_source

    def counting(doc, draft, lexicons):
        calls.append(draft)
        return original(doc, draft, lexicons)

    monkeypatch.setattr(sources, "reporting_source", counting)
    text = (
        "North Korean state media KCNA reported on Thursday that Kim had sent a letter. "
        '"We are satisfied," Kim said. The minister told Reuters that talks would resume.'
    )
    doc = nlp(text)
    assert len(doc._.attributions) >= 3
    assert len(calls) == len(doc._.attributions)


def _write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_custom_cue_lexicon_is_the_one_every_stage_uses(tmp_path):
    # "reject" as a plain assertion in a replacement lexicon: the label stage must read the
    # replacement too, so an accusation under "rejected" is no longer a denial.
    raw = read_lexicon("cues.json")
    for entry in raw["entries"]:
        if entry["lemma"] == "reject":
            entry["stance"] = "asserted"
    path = _write(tmp_path, "cues.json", raw)
    text = "The bank rejected allegations that it had laundered money for cartels."
    packaged = quoteattr.extract(text, nlp=quoteattr.load())
    custom = quoteattr.extract(text, nlp=quoteattr.load(config={"cue_lexicon": path}))
    by_lexicons = quoteattr.extract(text, nlp=quoteattr.load(config={"lexicons": {"cues": path}}))
    assert "denied" in {a.label for a in packaged.quotes}
    assert "denied" not in {a.label for a in custom.quotes}
    assert [a.label for a in by_lexicons.quotes] == [a.label for a in custom.quotes]


def test_a_custom_outlet_lexicon_names_sources_and_publishers(tmp_path):
    raw = read_lexicon("outlets.json")
    raw["outlets"].append({"name": "Radio Example International", "aliases": ["REI"], "type": "broadcaster"})
    nlp = quoteattr.load(config={"lexicons": {"outlets": _write(tmp_path, "outlets.json", raw)}})
    text = "The minister told REI that the border would reopen.\n\nSource: Radio Example International"
    result = quoteattr.extract(text, nlp=nlp)
    assert result.publisher.name == "Radio Example International"
    assert [a.source.text for a in result.quotes if a.source] == ["REI"]
    assert [a.source.name for a in result.quotes if a.source] == ["Radio Example International"]
    assert quoteattr.extract(text, nlp=quoteattr.load()).publisher is None


def test_every_lexicon_can_be_replaced_by_name(tmp_path):
    paths = {}
    for name in LOADERS:
        file = {"cues": "cues.json", "label_rules": "label_rules.json"}.get(name, f"{name}.json")
        paths[name] = _write(tmp_path, file, read_lexicon(file))
    replaced = Lexicons.load(paths)
    packaged = Lexicons.load()
    assert all(getattr(replaced, name) is not getattr(packaged, name) for name in LOADERS)
    nlp = quoteattr.load(config={"lexicons": paths})
    assert nlp.get_pipe("quoteattr").lexicons.outlets is replaced.outlets


def test_an_unknown_lexicon_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown lexicon 'verbs'"):
        Lexicons.load({"verbs": "x.json"})
