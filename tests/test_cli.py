"""The ``quoteattr`` command, run in-process through ``main(argv)`` and twice as a subprocess.

These check the command's behaviour (records, order, ids, formats, errors, exit status)
with the real pipeline, not the quality of the attributions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr import api, cli
from quoteattr.export import RECORD_COLUMNS
from quoteattr.model import resolve_model_name

ROOT = Path(__file__).resolve().parents[1]

QUOTE = '"We will not be intimidated," Prime Minister Ana Duarte said on Monday.'
INDIRECT = "The ministry denied any involvement in the attack, according to Reuters."
PLAIN = "It rained all day in the capital."


@pytest.fixture
def run(nlp, capsys, monkeypatch):
    """``run(*argv, stdin=None)`` -> (exit status, stdout, stderr).

    ``main`` gets the session's pipeline (the ``nlp`` fixture of conftest.py) through
    ``cli.pipeline``'s cache, so the model is loaded once for all the tests.
    """
    monkeypatch.setitem(api._PIPELINES, resolve_model_name(None), nlp)

    def _run(*argv: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        status = cli.main([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return status, out, err

    return _run


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def write_jsonl(path: Path, *records: dict | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- inputs --------------------------------------------------------------------------------------


def test_txt_file(run, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(QUOTE + "\n\n" + INDIRECT + "\n", encoding="utf-8")
    status, out, err = run("extract", path, "--format", "jsonl")
    assert status == 0, err
    (record,) = jsonl(out)
    assert record["id"] == "article.txt"
    assert set(record) >= {"id", "publisher", "quotes"} and "error" not in record
    assert isinstance(record["quotes"], list)
    text = path.read_text(encoding="utf-8")
    for attribution in record["quotes"]:  # offsets index the file's text as given
        for start, end in attribution["content"]["spans"]:
            assert 0 <= start <= end <= len(text)


def test_jsonl_ids_given_and_defaulted_and_publisher(run, tmp_path):
    path = write_jsonl(
        tmp_path / "data.jsonl",
        {"id": "first", "text": QUOTE, "publisher": "Reuters"},
        "",
        {"text": PLAIN},
        "   ",
        {"id": 42, "text": INDIRECT, "publisher": None},
        {"text": QUOTE, "id": None},
    )
    status, out, err = run("extract", path, "--format", "jsonl")
    assert status == 0, err
    records = jsonl(out)
    assert [r["id"] for r in records] == ["first", 3, 42, 6]  # blank lines are not documents
    assert records[0]["publisher"]["name"] == "Reuters"


def test_folder_reads_its_txt_files_sorted_by_name(run, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "b.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "a.txt").write_text(QUOTE, encoding="utf-8")
    (folder / "c.txt").write_text(INDIRECT, encoding="utf-8")
    (folder / "notes.md").write_text("not a document", encoding="utf-8")
    write_jsonl(folder / "more.jsonl", {"text": PLAIN})
    (folder / "sub").mkdir()
    (folder / "sub" / "0.txt").write_text(PLAIN, encoding="utf-8")
    status, out, err = run("extract", folder, "--format", "jsonl")
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == ["a.txt", "b.txt", "c.txt"]


def test_stdin_jsonl(run):
    stdin = json.dumps({"id": "s1", "text": QUOTE}) + "\n\n" + json.dumps({"text": PLAIN}) + "\n"
    status, out, err = run("extract", "-", "--format", "jsonl", stdin=stdin)
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == ["s1", 3]


def test_stdin_text(run):
    status, out, err = run("extract", "-", "--format", "jsonl", stdin="{not json}\n" + QUOTE + "\n")
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == ["-"]


def test_stdin_without_a_byte_buffer(run, monkeypatch):
    line = json.dumps({"id": "ls", "text": "One\u2028two."}, ensure_ascii=False)  # a raw line separator
    monkeypatch.setattr(sys, "stdin", io.StringIO(line + "\n"))
    status, out, err = run("extract", "-", "--format", "jsonl")
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == ["ls"]


def test_several_paths_in_order(run, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "f1.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "f2.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "z.txt").write_text(INDIRECT, encoding="utf-8")
    data = write_jsonl(tmp_path / "data.jsonl", {"id": "j1", "text": QUOTE}, {"text": INDIRECT})
    status, out, err = run(
        "extract",
        tmp_path / "z.txt",
        data,
        folder,
        "-",
        "--format",
        "jsonl",
        stdin=json.dumps({"text": PLAIN}),
    )
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == ["z.txt", "j1", 2, "f1.txt", "f2.txt", 1]


@pytest.mark.parametrize("batch_size", ["1", "2", "32"])
def test_one_record_per_document_in_order(run, tmp_path, batch_size):
    texts = [QUOTE, "", PLAIN, INDIRECT, "   \n ", QUOTE + " " + INDIRECT] * 3
    data = write_jsonl(tmp_path / "many.jsonl", *({"id": f"d{n}", "text": t} for n, t in enumerate(texts)))
    status, out, err = run("extract", data, "--format", "jsonl", "--batch-size", batch_size)
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == [f"d{n}" for n in range(len(texts))]


def test_empty_document_gives_an_empty_record(run, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    data = write_jsonl(tmp_path / "data.jsonl", {"id": "e", "text": ""}, {"id": "w", "text": " \n\t "})
    status, out, err = run("extract", tmp_path / "empty.txt", data, "--format", "jsonl")
    assert status == 0, err
    assert jsonl(out) == [
        {"id": "empty.txt", "publisher": None, "quotes": [], "speakers": []},
        {"id": "e", "publisher": None, "quotes": [], "speakers": []},
        {"id": "w", "publisher": None, "quotes": [], "speakers": []},
    ]


def test_inputs_are_read_lazily(tmp_path):
    data = write_jsonl(tmp_path / "data.jsonl", {"text": PLAIN}, "{broken")
    items = cli.read_inputs([str(data)])
    assert next(items) == {"text": PLAIN, "id": 1, "publisher": None}
    assert isinstance(next(items), cli.Failure)


# -- formats -------------------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_jsonl(
        tmp_path / "corpus.jsonl",
        {"id": "q", "text": QUOTE + " " + INDIRECT, "publisher": "AP"},
        {"id": "none", "text": ""},
        {"id": "plain", "text": PLAIN},
    )


def test_format_jsonl_and_json_agree(run, corpus):
    status, out_jsonl, err = run("extract", corpus, "--format", "jsonl")
    assert status == 0, err
    status, out_json, err = run("extract", corpus, "--format", "json")
    assert status == 0, err
    records = json.loads(out_json)
    assert records == jsonl(out_jsonl)
    assert [r["id"] for r in records] == ["q", "none", "plain"]


def test_format_json_without_documents(run, tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    status, out, err = run("extract", tmp_path / "empty.jsonl", "--format", "json")
    assert status == 0, err
    assert json.loads(out) == []


def test_format_csv_one_row_per_attribution(run, corpus):
    status, out, err = run("extract", corpus, "--format", "jsonl")
    counts = {r["id"]: len(r["quotes"]) for r in jsonl(out)}
    status, out, err = run("extract", corpus, "--format", "csv")
    assert status == 0, err
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(rows[0]) == list(RECORD_COLUMNS)
    expected = [doc for doc in ("q", "none", "plain") for _ in range(max(1, counts[doc]))]
    assert [row["doc_id"] for row in rows] == expected  # no document disappears
    (none,) = [row for row in rows if row["doc_id"] == "none"]
    assert none["index"] == none["kind"] == none["content"] == ""
    assert {row["publisher"] for row in rows if row["doc_id"] == "q"} == {"AP"}


def test_format_table_is_the_default(run, corpus):
    status, out, err = run("extract", corpus)
    assert status == 0, err
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == 3
    assert blocks[0].startswith("q (AP)")
    assert blocks[1] == "none: no attributions"
    assert blocks[2].startswith("plain")


def test_output_file(run, corpus, tmp_path):
    target = tmp_path / "out.json"
    status, out, err = run("extract", corpus, "--output", target)  # format from the extension
    assert status == 0, err
    assert out == ""
    assert [r["id"] for r in json.loads(target.read_text(encoding="utf-8"))] == ["q", "none", "plain"]
    target = tmp_path / "out.txt"
    status, out, err = run("extract", corpus, "-o", target, "-f", "jsonl")
    assert status == 0, err
    assert [r["id"] for r in jsonl(target.read_text(encoding="utf-8"))] == ["q", "none", "plain"]


def test_non_ascii_is_written_as_is(run, tmp_path):
    data = write_jsonl(tmp_path / "u.jsonl", {"id": "café", "text": "«Nunca», dijo él. “Never,” she said."})
    status, out, err = run("extract", data, "--format", "jsonl")
    assert status == 0, err
    assert '"café"' in out
    assert jsonl(out)[0]["id"] == "café"


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "unterminated', "line 2: not valid JSON ("),
        ("[1, 2]", "line 2: not a JSON object (got an array)"),
        ('{"id": "x"}', 'line 2: no "text" field'),
        ('{"text": 5}', 'line 2: "text" must be a string, got a number'),
        ('{"text": "ok", "publisher": 1}', 'line 2: "publisher" must be a string'),
    ],
)
def test_malformed_line_stops_with_file_and_line(run, tmp_path, line, message):
    data = write_jsonl(
        tmp_path / "data.jsonl", {"id": "before", "text": PLAIN}, line, {"id": "after", "text": PLAIN}
    )
    status, out, err = run("extract", data, "--format", "jsonl")
    assert status == 1
    assert f"quoteattr: error: {data} {message}" in err
    assert [r["id"] for r in jsonl(out)] == ["before"]  # what came before is written


def test_skip_errors_writes_error_records_in_place(run, tmp_path):
    data = write_jsonl(
        tmp_path / "data.jsonl",
        "{broken",
        {"id": "a", "text": QUOTE},
        {"id": "no-text"},
        "[]",
        {"id": "b", "text": PLAIN},
        '{"text": null}',
    )
    status, out, err = run("extract", data, "--format", "jsonl", "--skip-errors", "--batch-size", "1")
    assert status == 0, err
    records = jsonl(out)
    assert [r["id"] for r in records] == [1, "a", "no-text", 4, "b", 6]
    assert [("error" in r) for r in records] == [True, False, True, True, False, True]
    assert records[0]["error"].startswith(f"{data} line 1: not valid JSON")
    assert records[2] == {
        "id": "no-text",
        "publisher": None,
        "quotes": [],
        "speakers": [],
        "error": records[2]["error"],
    }
    assert err.count("quoteattr: warning:") == 4
    assert err.rstrip().endswith("quoteattr: 2 documents processed, 4 skipped")


def test_skip_errors_in_every_format(run, tmp_path):
    data = write_jsonl(tmp_path / "data.jsonl", {"id": "a", "text": PLAIN}, "oops", {"id": "b", "text": ""})
    status, out, err = run("extract", data, "--format", "json", "--skip-errors")
    assert status == 0, err
    assert [(r["id"], "error" in r) for r in json.loads(out)] == [("a", False), (2, True), ("b", False)]
    status, out, err = run("extract", data, "--format", "csv", "--skip-errors")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [(r["doc_id"], bool(r["error"])) for r in rows] == [("a", False), ("2", True), ("b", False)]
    status, out, err = run("extract", data, "--skip-errors")
    assert "2: error: " in out


def test_undecodable_files(run, tmp_path):
    (tmp_path / "good.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait")
    status, out, err = run("extract", tmp_path / "good.txt", tmp_path / "bad.txt", "--format", "jsonl")
    assert status == 2
    assert f"{tmp_path / 'bad.txt'}: not valid UTF-8 (byte 3)" in err
    assert [r["id"] for r in jsonl(out)] == ["good.txt"]

    status, out, err = run(
        "extract", tmp_path / "bad.txt", tmp_path / "good.txt", "-f", "jsonl", "--skip-errors"
    )
    assert status == 0
    assert [(r["id"], "error" in r) for r in jsonl(out)] == [("bad.txt", True), ("good.txt", False)]

    data = tmp_path / "data.jsonl"
    data.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    status, out, err = run("extract", data, "--format", "jsonl")
    assert status == 2
    assert f"{data} line 2: not valid UTF-8 (byte 28 of the file)" in err


def test_missing_path(run, tmp_path):
    (tmp_path / "here.txt").write_text(PLAIN, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    status, out, err = run("extract", tmp_path / "here.txt", tmp_path / "nowhere.txt", "--output", target)
    assert status == 2
    assert f"quoteattr: error: {tmp_path / 'nowhere.txt'}: no such file or folder" in err
    assert out == "" and not target.exists()


def test_stdin_given_twice(run):
    status, out, err = run("extract", "-", "-", stdin="")
    assert status == 2
    assert "more than once" in err


def test_model_that_cannot_be_loaded(run, tmp_path):
    (tmp_path / "a.txt").write_text(PLAIN, encoding="utf-8")
    status, out, err = run("extract", tmp_path / "a.txt", "--model", "no_such_spacy_pipeline_xyz")
    assert status == 2
    assert "no_such_spacy_pipeline_xyz" in err and "Traceback" not in err
    assert out == ""


@pytest.mark.parametrize(
    "argv",
    [[], ["extract"], ["extract", "a.txt", "--format", "xml"], ["extract", "a.txt", "--batch-size", "0"]],
)
def test_usage_errors(run, argv):
    status, out, err = run(*argv)
    assert status == 2
    assert "usage:" in err


def test_help_explains_every_option_with_examples(run):
    status, out, err = run("--help")
    assert status == 0 and "extract" in out and "examples:" in out
    status, out, err = run("extract", "--help")
    assert status == 0
    for option in ("--format", "--output", "--model", "--batch-size", "--n-process", "--skip-errors"):
        assert option in out
    assert "examples:" in out and "quoteattr extract corpus.jsonl" in out


# -- as a program --------------------------------------------------------------------------------


def _subprocess(*argv: str, stdin: str = "", cwd: Path) -> subprocess.CompletedProcess:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    )
    return subprocess.run(
        [sys.executable, "-m", "quoteattr.cli", *argv],
        input=stdin.encode("utf-8"),
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def test_as_a_program(tmp_path):
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")
    stdin = json.dumps({"id": "in-1", "text": INDIRECT, "publisher": "Reuters"}) + "\n"
    proc = _subprocess("extract", "a.txt", "-", "--format", "jsonl", stdin=stdin, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a.txt", "in-1"]
    assert records[1]["publisher"]["name"] == "Reuters"


def test_as_a_program_exit_status_for_a_malformed_line(tmp_path):
    write_jsonl(tmp_path / "data.jsonl", {"text": PLAIN}, {"text": PLAIN}, "not json")
    proc = _subprocess("extract", "data.jsonl", "--format", "jsonl", cwd=tmp_path)
    assert proc.returncode == 1
    assert "quoteattr: error: data.jsonl line 3: not valid JSON" in proc.stderr.decode()
    assert len(proc.stdout.decode().splitlines()) == 2
