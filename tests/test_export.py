"""quoteattr.io.export: flat records, CSV and the text table."""

from __future__ import annotations

import csv
import doctest
import io
import re
import sys

import pytest

import quoteattr
import quoteattr.io.export
from quoteattr.io.export import (
    RECORD_COLUMNS,
    SPEAKER_COLUMNS,
    format_table,
    shorten,
    speaker_dataframe,
    speaker_table,
    to_dataframe,
    to_records,
    write_csv,
)
from quoteattr.types import Attribution, Content, Cue, Entity, Result, Speaker, TextSpan

TEXT = (
    'Kim said the talks were "very satisfied" and "useful". '
    "He accused the United States of lying, according to KCNA. "
    '"Never," someone shouted.'
)


def _span(text: str, fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def _result() -> Result:
    mixed_content = _span(TEXT, 'the talks were "very satisfied" and "useful"')
    very, useful = _span(TEXT, "very satisfied"), _span(TEXT, "useful")
    kim, said = _span(TEXT, "Kim"), _span(TEXT, "said")
    he, accused = _span(TEXT, "He"), _span(TEXT, "accused")
    lying, kcna = _span(TEXT, "the United States of lying"), _span(TEXT, "KCNA")
    never = _span(TEXT, '"Never,"')
    return Result(
        id="doc-1",
        publisher=Entity(name="Al Jazeera"),
        text=TEXT,
        quotes=[
            Attribution(
                kind="mixed",
                content=Content(TEXT[slice(*mixed_content)], [mixed_content]),
                quotes=[TextSpan("very satisfied", *very), TextSpan("useful", *useful)],
                cue=Cue("said", "say", *said),
                speaker=Speaker("Kim", *kim, name="Kim Jong Un", title="North Korean leader", type="PERSON"),
                confidence=0.87,
            ),
            Attribution(
                kind="indirect",
                content=Content(TEXT[slice(*lying)], [lying]),
                cue=Cue("accused", "accuse", *accused),
                speaker=Speaker("He", *he),
                source=Entity(name="KCNA", text="KCNA", start=kcna[0], end=kcna[1]),
                label="accused",
                target=Entity(
                    name="United States", text="the United States", start=lying[0], end=lying[0] + 17
                ),
                confidence=0.5,
            ),
            Attribution(
                kind="direct", content=Content('"Never,"', [never]), quotes=[TextSpan("Never,", 0, 6)]
            ),
        ],
    )


def test_record_columns_keep_the_documented_order():
    assert RECORD_COLUMNS[:18] == (
        "doc_id", "publisher", "index", "kind", "label", "speaker", "speaker_text", "speaker_title",
        "speaker_type", "cue", "cue_lemma", "source", "target", "content", "content_start", "content_end",
        "quotes", "confidence",
    )  # fmt: skip
    assert RECORD_COLUMNS[18:] == ("error", "content_spans")  # added later, at the end
    assert len(set(RECORD_COLUMNS)) == len(RECORD_COLUMNS)


def test_record_columns_cover_what_an_analyst_needs():
    needed = {
        "document id": "doc_id",
        "publisher": "publisher",
        "kind": "kind",
        "label": "label",
        "speaker name": "speaker",
        "title": "speaker_title",
        "type": "speaker_type",
        "cue": "cue",
        "source": "source",
        "target": "target",
        "content": "content",
        "offsets": "content_start",
        "offsets (end)": "content_end",
        "confidence": "confidence",
    }
    assert set(needed.values()) <= set(RECORD_COLUMNS)
    documented = quoteattr.io.export.__doc__ + open(quoteattr.io.export.__file__, encoding="utf-8").read()
    for column in RECORD_COLUMNS:
        assert f"``{column}``" in documented, column


def test_content_spans_keep_every_span_of_a_broken_quotation():
    text = '"We will," she said, "win."'
    content = Content('"We will," "win."', [(0, 10), (21, 27)])
    result = Result(id="s", text=text, quotes=[Attribution(kind="direct", content=content)])
    (row,) = to_records(result)
    assert (row["content_start"], row["content_end"], row["content_spans"]) == (0, 27, "0:10 21:27")
    spans = [tuple(map(int, pair.split(":"))) for pair in row["content_spans"].split()]
    assert " ".join(text[s:e] for s, e in spans) == row["content"]


def test_to_records_one_flat_row_per_attribution():
    rows = list(to_records([_result()]))
    assert [list(row) for row in rows] == [list(RECORD_COLUMNS)] * 3
    first, second, third = rows
    assert first == {
        "doc_id": "doc-1",
        "publisher": "Al Jazeera",
        "index": 1,
        "kind": "mixed",
        "label": "asserted",
        "speaker": "Kim Jong Un",
        "speaker_text": "Kim",
        "speaker_title": "North Korean leader",
        "speaker_type": "PERSON",
        "cue": "said",
        "cue_lemma": "say",
        "source": None,
        "target": None,
        "content": 'the talks were "very satisfied" and "useful"',
        "content_start": TEXT.index("the talks"),
        "content_end": TEXT.index("the talks") + len('the talks were "very satisfied" and "useful"'),
        "quotes": "very satisfied | useful",
        "confidence": 0.87,
        "error": None,
        "content_spans": f"{first['content_start']}:{first['content_end']}",
    }
    assert TEXT[first["content_start"] : first["content_end"]] == first["content"]
    assert (second["index"], second["label"], second["speaker"], second["speaker_text"]) == (
        2,
        "accused",
        None,
        "He",
    )
    assert (second["source"], second["target"], second["quotes"]) == ("KCNA", "United States", "")
    assert (third["index"], third["speaker"], third["cue"], third["quotes"]) == (3, None, None, "Never,")
    for row in rows:
        assert all(value is None or isinstance(value, (str, int, float)) for value in row.values())


def test_to_records_keeps_a_document_without_attributions():
    results = [
        Result(id=1),
        _result(),
        Result(id=3, publisher=Entity(name="Reuters")),
        Result(id=4, error="bad"),
    ]
    rows = list(to_records(results))
    assert [(r["doc_id"], r["index"]) for r in rows] == [
        (1, None),
        ("doc-1", 1),
        ("doc-1", 2),
        ("doc-1", 3),
        (3, None),
        (4, None),
    ]
    assert rows[4] == dict.fromkeys(RECORD_COLUMNS) | {"doc_id": 3, "publisher": "Reuters"}
    assert rows[5]["error"] == "bad"
    assert [r["doc_id"] for r in to_records(results, keep_empty=False)] == ["doc-1"] * 3


def test_to_records_takes_dicts_and_single_results_lazily():
    result = _result()
    assert list(to_records(result.to_dict())) == list(to_records(result))
    assert list(to_records(result)) == list(to_records([result]))

    def endless():
        n = 0
        while True:
            n += 1
            yield Result(id=n)

    rows = to_records(endless())
    assert [next(rows)["doc_id"] for _ in range(3)] == [1, 2, 3]


def test_write_csv_round_trips():
    out = io.StringIO(newline="")
    assert write_csv([_result(), Result(id="empty")], out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0]) == list(RECORD_COLUMNS)
    assert [r["doc_id"] for r in rows] == ["doc-1"] * 3 + ["empty"]
    assert rows[0]["quotes"] == "very satisfied | useful"
    assert rows[0]["content"] == 'the talks were "very satisfied" and "useful"'
    assert float(rows[1]["confidence"]) == 0.5
    assert rows[3] == dict.fromkeys(RECORD_COLUMNS, "") | {"doc_id": "empty"}


def test_format_table_aligns_one_row_per_attribution():
    table = format_table(_result())
    lines = table.splitlines()
    assert lines[0] == "doc-1 (Al Jazeera): 3 attributions"
    heading = lines[1]
    assert heading.split() == ["#", "kind", "label", "speaker", "cue", "content"]
    assert len(lines) == 5
    for column in ("kind", "label", "speaker", "cue", "content"):
        at = heading.index(column)
        for line in lines[2:]:
            assert line[at - 1] == " " and line[at] != " ", (column, line)
    assert lines[2].split()[:5] == ["1", "mixed", "asserted", "Kim", "Jong"]
    assert "Kim Jong Un" in lines[2] and "He " in lines[3] and "accused" in lines[3]
    assert lines[4].split()[:5] == ["3", "direct", "asserted", "-", "-"]
    assert not table.endswith("\n")
    assert all(line == line.rstrip() for line in lines)


def test_format_table_shortens_long_content():
    long = "word " * 40
    result = Result(
        id=2, quotes=[Attribution(kind="indirect", content=Content(long.strip(), [(0, len(long) - 1)]))]
    )
    row = format_table(result).splitlines()[2]
    content = row[row.index("word") :]
    assert len(content) == 70 and content.endswith("…")
    assert len(format_table(result, content_width=20).splitlines()[2].split("  ")[-1]) <= 20


def test_format_table_without_attributions_or_with_an_error():
    assert format_table(Result(id="x")) == "x: no attributions"
    assert format_table(Result(id=5, publisher=Entity(name="AP"))) == "5 (AP): no attributions"
    assert format_table({"id": 9, "publisher": None, "quotes": [], "error": "oops"}) == "9: error: oops"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [("short", 10, "short"), ("a\n b\tc", 10, "a b c"), ("abcdefghijk", 5, "abcd…"), (None, 5, "")],
)
def test_shorten(text, width, expected):
    assert shorten(text, width) == expected


def test_export_docstring_examples():
    failures, tried = doctest.testmod(quoteattr.io.export)
    assert tried > 0 and failures == 0


def test_with_the_real_pipeline(nlp):  # conftest.py's session pipeline
    text = '"We will not be intimidated," Prime Minister Ana Duarte said on Monday. It rained.'
    result = quoteattr.extract(text, id="real", nlp=nlp)
    rows = list(to_records([result, quoteattr.extract("", id="empty", nlp=nlp)]))
    assert len(rows) == max(1, len(result.quotes)) + 1
    assert {r["doc_id"] for r in rows} == {"real", "empty"}
    for row in rows[:-1]:
        if row["content"] is not None:
            assert text[row["content_start"] : row["content_end"]].startswith(row["content"][:5])
    lines = format_table(result).splitlines()
    assert lines[0].startswith("real")
    assert len(lines) == (2 + len(result.quotes) if result.quotes else 1)


# -- pandas ----------------------------------------------------------------------------------------


def test_to_dataframe_has_the_columns_in_order_and_one_row_per_record():
    pandas = pytest.importorskip("pandas")
    results = [_result(), Result(id="empty"), Result(id=7, error="bad")]
    frame = to_dataframe(results)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(RECORD_COLUMNS)
    assert len(frame) == 5
    rows = list(to_records(results))
    assert frame["doc_id"].tolist() == [r["doc_id"] for r in rows] == ["doc-1"] * 3 + ["empty", 7]
    assert str(frame["index"].dtype) == "Int64" and str(frame["content_start"].dtype) == "Int64"
    assert frame["index"].tolist()[:3] == [1, 2, 3] and frame["index"].isna().tolist()[3:] == [True, True]
    assert frame["confidence"].dtype == float and frame["confidence"].tolist()[:3] == [0.87, 0.5, 1.0]
    assert frame.loc[0, "speaker"] == "Kim Jong Un" and frame.loc[1, "speaker"] is None  # None, not NaN
    assert frame.loc[4, "error"] == "bad" and frame.loc[3, "kind"] is None
    assert to_dataframe(results, keep_empty=False)["doc_id"].tolist() == ["doc-1"] * 3
    assert to_dataframe(_result().to_dict())["kind"].tolist() == ["mixed", "indirect", "direct"]


def test_to_dataframe_of_nothing_keeps_the_columns():
    pytest.importorskip("pandas")
    frame = to_dataframe([])
    assert frame.empty and list(frame.columns) == list(RECORD_COLUMNS)


@pytest.mark.parametrize("function", [to_dataframe, speaker_dataframe])
def test_dataframes_without_pandas_name_the_extra(monkeypatch, function):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    with pytest.raises(ImportError, match=re.escape("pip install 'quoteattr[dataframe]'")):
        function([_result()])


# -- speakers across documents ---------------------------------------------------------------------


def _said(name, title=None, label="asserted", type_="PERSON", start=0):
    speaker = Speaker(name or "he", start, start + 2, name=name, title=title, type=type_)
    return Attribution(kind="indirect", content=Content("it", [(10, 12)]), speaker=speaker, label=label)


def _corpus() -> list[Result]:
    return [
        Result(
            id=1,
            quotes=[
                _said("Ana Duarte", "Prime Minister"),
                _said("Ana Duarte", "Prime Minister", "denied"),
                _said("Ana Duarte", "Prime Minister", "denied"),
                _said("Li Wei", "spokesman", "accused"),
            ],
        ),
        Result(id=2, quotes=[_said("Ana Duarte", "Portuguese prime minister"), _said(None)]),
        Result(id=3, quotes=[_said("Ana Duarte", None), _said("Reuters", None, type_="ORG")]),
        Result(id=4, quotes=[_said("Li Wei", "foreign ministry spokesman"), _said("Zed", None)]),
        Result(id=5, quotes=[_said("Li Wei", "foreign ministry spokesman")]),
        Result(id=6),
        Result(id=7, error="bad"),
    ]


def test_speaker_table_sums_up_speakers_across_documents():
    rows = speaker_table(_corpus())
    assert all(list(row) == list(SPEAKER_COLUMNS) for row in rows)
    assert [row["name"] for row in rows] == ["Ana Duarte", "Li Wei", "Reuters", "Zed"]
    ana, li, reuters, zed = rows
    assert ana == {
        "name": "Ana Duarte",
        "title": "Prime Minister",
        "type": "PERSON",
        "documents": 3,
        "attributions": 5,
        "asserted": 3,
        "denied": 2,
        "accused": 0,
    }
    # the title most documents give (2 of 3), not the one of the most attributions (1 document)
    assert (li["title"], li["documents"], li["attributions"]) == ("foreign ministry spokesman", 3, 3)
    assert (li["asserted"], li["denied"], li["accused"]) == (2, 0, 1)
    assert (reuters["type"], reuters["title"]) == ("ORG", None)
    assert all(r["asserted"] + r["denied"] + r["accused"] == r["attributions"] for r in rows)
    assert sum(r["attributions"] for r in rows) == sum(len(r.quotes) for r in _corpus()) - 1  # not "he"


def test_speaker_table_sort_and_inputs():
    # most attributions first; among equals, more documents first, then by name
    results = [
        Result(id=1, quotes=[_said("B"), _said("B"), _said("C"), _said("D")]),
        Result(id=2, quotes=[_said("A"), _said("C"), _said("D")]),
        Result(id=3, quotes=[_said("A"), _said("D")]),
    ]
    assert [r["name"] for r in speaker_table(results)] == ["D", "A", "C", "B"]
    assert speaker_table([r.to_dict() for r in _corpus()]) == speaker_table(_corpus())
    assert speaker_table(_corpus()[0]) == speaker_table(_corpus()[:1])
    assert speaker_table(iter(_corpus())) == speaker_table(_corpus())
    assert speaker_table([]) == [] and speaker_table([Result(id=1)]) == []


def test_speaker_dataframe():
    pytest.importorskip("pandas")
    frame = speaker_dataframe(_corpus())
    assert list(frame.columns) == list(SPEAKER_COLUMNS)
    assert frame.to_dict("records") == speaker_table(_corpus())
    assert frame["attributions"].dtype == "int64" and frame.loc[2, "title"] is None
    assert list(speaker_dataframe([]).columns) == list(SPEAKER_COLUMNS)


def test_speaker_table_with_the_real_pipeline(nlp):
    texts = [
        '"We will not be intimidated," Prime Minister Ana Duarte said on Monday. Duarte denied the report.',
        "Prime Minister Ana Duarte said the talks were useful.",
    ]
    results = list(quoteattr.extract_many(texts, nlp=nlp))
    rows = speaker_table(results)
    named = [a for r in results for a in r.quotes if a.speaker and a.speaker.name]
    assert sum(row["attributions"] for row in rows) == len(named)
    by_name = {row["name"]: row for row in rows}
    assert by_name["Ana Duarte"]["documents"] == 2
