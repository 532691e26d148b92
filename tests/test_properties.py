"""Property tests: quoteattr over arbitrary, hostile Unicode text never raises and never lies.

Hypothesis builds texts from what breaks text tools (runs of quotation marks and
apostrophes, brackets, control characters, zero-width and no-break spaces, BOM, CR and
CRLF, very long tokens and paragraphs, emoji, combining marks, right-to-left scripts)
mixed with realistic news fragments, so that the quotation, cue, speaker, source and
publisher paths of the engine all run on them. For every text:

- ``extract`` returns a Result and does not raise;
- every span (content spans, quoted fragments, cue, speaker, source, target, publisher,
  speaker-summary mentions) slices back out of the caller's string:
  ``text[start:end] == span.text`` with ``0 <= start <= end <= len(text)``;
- ``content.text`` is its spans' text joined by one space;
- kinds and labels come from the schema, confidence is in [0, 1];
- two runs give the same ``to_dict()``, and it survives a JSON round trip;
- ``extract_many`` gives one result for each input, in order;
- all of the above with ``CHUNK_CHARS`` made tiny, so texts are cut into many chunks;
- the same for text holding lone surrogates (``"\\ud83d"``: half an emoji, as a JSON
  string cut in the middle of a UTF-16 pair decodes to), which Python ``str`` allows.

The conftest's ``check_offsets`` adds its own checks (non-empty, ordered spans; quoted
fragments inside their content; attributions in text order).

The budget (``max_examples``) keeps the whole file to well under a minute on the
session pipeline.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import quoteattr
import quoteattr.api
from quoteattr.types import ENTITY_TYPES, Result

SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}

# ---------------------------------------------------------------------------------------
# Strategies: hostile characters

QUOTE_MARKS = "\"'“”‘’«»‹›„‟`"
BRACKETS = "()[]{}<>⟨⟩（）【】"
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029"]
SPACES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u202f", "\u2007", "\u3000", "\t"]
LINE_BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n", "\u2029"]
EMOJI = ["😀", "👍🏽", "🇺🇸", "👨‍👩‍👧", "❤️", "🔥", "\U0001f9ea"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u20dd", "\u0336", "e\u0301", "n\u0303"]
RTL = ["שלום", "مرحبا", "قال", "אמר", "\u200f", "\u200e", "\u202e", "\u202b", "\u202c"]

#: Fragments of news prose, so that cues, speakers, sources and publishers are found.
NEWS = [
    '"We will rebuild the bridge," Mayor Lucia Ferreira said on Monday.',
    "“It will take two years,” she added.",
    "‘Not once,’ Moreno told reporters.",
    "She said that the talks had failed.",
    "according to Reuters",
    "According to officials, the plan was dropped.",
    "The ministry denied the report, calling it baseless.",
    "Kim Jong Un accused Washington of “hostile acts”.",
    "he said",
    "she said",
    "they said",
    ", he said, ",
    "said Ana Duarte",
    "Prime Minister Ana Duarte",
    "President Vladimir Putin",
    "told the BBC",
    "in an interview with Al Jazeera",
    "KCNA reported on Thursday.",
    "WASHINGTON (Reuters) - ",
    "LAGOS (AP) — ",
    "Source: Al Jazeera",
    "By Jane Smith, Reuters",
    "was quoted as saying",
    "describing the discussions as “candid [and] comprehensive”",
    "He promised to bring relations to a “new height”.",
    "''It is going to take a lot more,'' he said.",
    "``Quoted,'' said Tex.",
    "« Nous gagnerons », a-t-il dit.",
    "„Wir schaffen das“, sagte Merkel.",
    "Officials rejected the claim.",
    "The company blamed the union for the delay.",
    "He denied any wrongdoing.",
    "the two men",
    "the ministry",
    "Mr. Smith",
    "Dr. O'Neill",
    "It's the people's choice,",
    ":",
    " - ",
    " — ",
]

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéßжλ中"


def _run(chars: str, max_size: int = 6) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(chars), min_size=1, max_size=max_size)


quote_runs = _run(QUOTE_MARKS + "'''", 8)
bracket_runs = _run(BRACKETS, 4)
odd_chars = st.lists(
    st.sampled_from(CONTROLS + SPACES + LINE_BREAKS + EMOJI + COMBINING + RTL), min_size=1, max_size=6
).map("".join)
news = st.sampled_from(NEWS)
words = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=12)
long_token = st.builds(
    lambda letter, n: letter * n, st.sampled_from(LETTERS), st.integers(min_value=1_000, max_value=6_000)
)
long_mixed_token = st.text(alphabet=st.sampled_from(LETTERS + QUOTE_MARKS), min_size=1_000, max_size=3_000)
any_text = st.text(max_size=40)  # arbitrary Unicode (no lone surrogates)
separators = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\n\n", "\r\n", ""])

piece = st.one_of(
    news, news, news, quote_runs, quote_runs, bracket_runs, odd_chars, words, words, any_text, separators
)


@st.composite
def long_paragraph(draw) -> str:
    """Hundreds of news fragments and words with no line break."""
    parts = draw(st.lists(st.one_of(news, words, quote_runs), min_size=150, max_size=400))
    return " ".join(parts).replace("\n", " ").replace("\r", " ")


hostile_text = st.lists(piece, min_size=1, max_size=40).map("".join)


@st.composite
def news_like(draw) -> str:
    """News fragments joined by spaces, hostile pieces among them, maybe a dateline, byline or credit."""
    body = " ".join(draw(st.lists(st.one_of(news, news, news, piece), min_size=2, max_size=25)))
    head = draw(st.sampled_from(["", "", "WASHINGTON (Reuters) - ", "By Jane Smith, Reuters\n\n", "\ufeff"]))
    tail = draw(st.sampled_from(["", "", "\n\nSource: Al Jazeera", "\r\n(AP)"]))
    return head + body + tail


short_texts = st.one_of(hostile_text, news_like())
texts = st.one_of(
    hostile_text,
    news_like(),
    news_like(),
    st.text(max_size=300),
    st.lists(st.one_of(piece, long_token, long_mixed_token), min_size=1, max_size=6).map("".join),
    st.lists(st.one_of(piece, long_paragraph()), min_size=1, max_size=4).map("".join),
)

# ---------------------------------------------------------------------------------------
# Checks


def _check_span(text: str, what: str, start: int | None, end: int | None, span_text: str | None) -> None:
    assert isinstance(start, int) and isinstance(end, int), (what, start, end)
    assert 0 <= start <= end <= len(text), (what, start, end, len(text))
    assert text[start:end] == span_text, (what, start, end, span_text, text[start:end])


def _check_entity(text: str, what: str, entity) -> None:
    if entity is None:
        return
    assert isinstance(entity.name, str) and entity.name, (what, entity)
    if entity.text is None and entity.start is None and entity.end is None:
        return  # a name that did not come from the text
    _check_span(text, what, entity.start, entity.end, entity.text)


def check_result(text: str, result: Result) -> None:
    """Every invariant of the schema that holds whatever the text."""
    assert isinstance(result, Result)
    assert result.text == text
    assert result.error is None, result.error
    _check_entity(text, "publisher", result.publisher)
    for a in result.quotes:
        assert a.kind in quoteattr.KINDS, a.kind
        assert a.label in quoteattr.LABELS, a.label
        assert isinstance(a.confidence, float) and math.isfinite(a.confidence)
        assert 0.0 <= a.confidence <= 1.0, a.confidence
        assert a.content.spans, a
        for start, end in a.content.spans:
            _check_span(text, "content", start, end, text[start:end])
        assert a.content.text == " ".join(text[s:e] for s, e in a.content.spans), (
            a.content.text,
            a.content.spans,
        )
        for q in a.quotes:
            _check_span(text, "quote", q.start, q.end, q.text)
        if a.kind == "indirect":
            assert a.quotes == (), a
        if a.cue is not None:
            _check_span(text, "cue", a.cue.start, a.cue.end, a.cue.text)
        if a.speaker is not None:
            _check_span(text, "speaker", a.speaker.start, a.speaker.end, a.speaker.text)
            assert a.speaker.type in ENTITY_TYPES, a.speaker.type
        _check_entity(text, "source", a.source)
        _check_entity(text, "target", a.target)
    for s in result.speakers:
        assert isinstance(s.name, str)
        assert s.type in ENTITY_TYPES, s.type
        assert s.attributions >= 0
        for m in s.mentions:
            _check_span(text, "speaker mention", m.start, m.end, m.text)


def check_exports(result: Result) -> dict:
    """``to_dict()`` is JSON (no NaN, no odd types) and reads back the same."""
    data = result.to_dict()
    line = json.dumps(data, allow_nan=False, ensure_ascii=False)
    assert json.loads(line) == data
    return data


# ---------------------------------------------------------------------------------------
# Properties


@settings(max_examples=600, **SETTINGS)
@given(text=texts)
@example(text="")
@example(text="\ufeff\u200b\u00a0")
@example(text="\"'“”‘’«»‹›„‟``''" * 20)
@example(text="a" * 5_000)
@example(text='"Yes," she said.\r\n\r\n"No," he said.\r')
@example(text="\x00\x01\x1f\x7f\x85\u2028\u2029 she said")
def test_extract_never_raises_and_every_span_holds(nlp, check_offsets, text: str) -> None:
    result = quoteattr.extract(text, nlp=nlp)
    check_result(text, result)
    check_offsets(text, result)
    check_exports(result)


@settings(max_examples=200, **SETTINGS)
@given(text=short_texts, chunk=st.integers(min_value=20, max_value=400))
def test_offsets_hold_when_the_text_is_cut_into_many_chunks(
    nlp, check_offsets, text: str, chunk: int
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(quoteattr.api, "CHUNK_CHARS", chunk)
        result = quoteattr.extract(text, nlp=nlp)
    check_result(text, result)
    check_offsets(text, result)
    check_exports(result)


lone_surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


@settings(max_examples=30, **SETTINGS)
@given(text=st.lists(st.one_of(piece, lone_surrogates), max_size=20).map("".join))
def test_extract_of_text_with_lone_surrogates_never_raises(nlp, text: str) -> None:
    result = quoteattr.extract(text, nlp=nlp)
    check_result(text, result)
    check_exports(result)


@settings(max_examples=150, **SETTINGS)
@given(text=short_texts)
def test_extract_is_deterministic(nlp, text: str) -> None:
    first = check_exports(quoteattr.extract(text, nlp=nlp))
    second = check_exports(quoteattr.extract(text, nlp=nlp))
    assert first == second


@settings(max_examples=100, **SETTINGS)
@given(text=short_texts, publisher=st.one_of(st.none(), st.text(min_size=1, max_size=20)))
def test_extract_keeps_id_and_a_given_publisher(nlp, text: str, publisher: str | None) -> None:
    result = quoteattr.extract(text, id="doc-1", publisher=publisher, nlp=nlp)
    check_result(text, result)
    assert result.id == "doc-1"
    if publisher:
        assert result.publisher is not None and result.publisher.name == publisher
    check_exports(result)


@settings(max_examples=80, **SETTINGS)
@given(batch=st.lists(short_texts, min_size=0, max_size=6))
def test_extract_many_gives_one_result_per_input_in_order(nlp, batch: list[str]) -> None:
    results = list(quoteattr.extract_many(batch, nlp=nlp, batch_size=2))
    assert len(results) == len(batch)
    for n, (text, result) in enumerate(zip(batch, results, strict=True)):
        assert result.id == n
        check_result(text, result)
        # the same as extracting the text alone
        assert check_exports(result) == check_exports(quoteattr.extract(text, id=n, nlp=nlp))


@settings(max_examples=50, **SETTINGS)
@given(
    batch=st.lists(
        st.fixed_dictionaries({"text": short_texts, "id": st.text(min_size=1, max_size=8)}),
        min_size=1,
        max_size=5,
    )
)
def test_extract_many_of_records_keeps_their_ids_in_order(nlp, batch: list[dict]) -> None:
    results = list(quoteattr.extract_many(batch, nlp=nlp))
    assert [r.id for r in results] == [record["id"] for record in batch]
    for record, result in zip(batch, results, strict=True):
        check_result(record["text"], result)
