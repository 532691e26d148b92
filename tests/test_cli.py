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
import types
from pathlib import Path

import pytest
import spacy

import quoteattr
from quoteattr import api, cli
from quoteattr.io import console, inputs, stream, writers
from quoteattr.io.export import RECORD_COLUMNS
from quoteattr.parse.model import resolve_model_name

ROOT = Path(__file__).resolve().parents[1]

QUOTE = '"We will not be intimidated," Prime Minister Ana Duarte said on Monday.'
INDIRECT = "The ministry denied any involvement in the attack, according to Reuters."
PLAIN = "It rained all day in the capital."


@pytest.fixture
def run(nlp, capsys, monkeypatch):
    """``run(*argv, stdin=None)`` -> (exit status, stdout, stderr).

    ``main`` gets the session's pipeline (the ``nlp`` fixture of conftest.py) through
    ``api.pipeline``'s cache, so the model is loaded once for all the tests.
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
    items = inputs.read_inputs([str(data)])
    assert next(items) == {"text": PLAIN, "id": 1, "publisher": None}
    assert isinstance(next(items), inputs.Failure)


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
    options = ("--format", "--output", "--model", "--batch-size", "--n-process", "--skip-errors", "--resume")
    for option in (*options, "--encoding", "--errors", "--quiet"):
        assert option in out
    assert "examples:" in out and "quoteattr extract corpus.jsonl" in out
    assert "html" in out and "NOT streamed" in out and "progress:" in out
    status, out, err = run("info", "--help")
    assert status == 0 and "--model" in out and "--json" in out and "examples:" in out


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


# -- streaming, progress, processes --------------------------------------------------------------


def _ids_on_disk(path: Path) -> list:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_record_is_on_disk_before_the_next_document_is_done(run, tmp_path, monkeypatch):
    data = write_jsonl(tmp_path / "data.jsonl", *({"id": f"d{n}", "text": QUOTE} for n in range(5)))
    target = tmp_path / "out.jsonl"
    real = stream.extract_many
    seen: list[int] = []

    def watched(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            seen.append(len(_ids_on_disk(target)))  # records written (and flushed) so far
            assert seen[-1] == n
            yield result

    monkeypatch.setattr(stream, "extract_many", watched)
    status, out, err = run("extract", data, "--output", target, "--batch-size", "2")
    assert status == 0, err
    assert seen == [0, 1, 2, 3, 4]


def test_an_interrupted_run_keeps_what_it_finished_and_resume_finishes_it(run, tmp_path, monkeypatch):
    data = write_jsonl(tmp_path / "data.jsonl", *({"id": f"d{n}", "text": QUOTE} for n in range(6)))
    target = tmp_path / "out.jsonl"
    real = stream.extract_many

    def interrupted(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            if n == 3:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(stream, "extract_many", interrupted)
    status, out, err = run("extract", data, "--output", target)
    assert status == 130
    assert "quoteattr: error: interrupted" in err and "Traceback" not in err
    assert _ids_on_disk(target) == ["d0", "d1", "d2"]

    monkeypatch.setattr(stream, "extract_many", real)
    status, out, err = run("extract", data, "--output", target, "--resume")
    assert status == 0, err
    assert _ids_on_disk(target) == [f"d{n}" for n in range(6)]
    assert err.rstrip().endswith(f"quoteattr: 3 documents processed, 0 skipped, 3 already in {target}")


def test_an_interrupted_json_array_is_still_closed(run, tmp_path, monkeypatch):
    data = write_jsonl(tmp_path / "data.jsonl", *({"id": n, "text": PLAIN} for n in range(4)))
    real = stream.extract_many

    def interrupted(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            if n == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(stream, "extract_many", interrupted)
    target = tmp_path / "out.json"
    status, out, err = run("extract", data, "--output", target)
    assert status == 130
    assert [r["id"] for r in json.loads(target.read_text(encoding="utf-8"))] == [0, 1]


@pytest.fixture
def terminal(monkeypatch):
    """stderr (only) looks like a terminal, and the progress line is redrawn at every document."""
    monkeypatch.setattr(console, "is_terminal", lambda stream: stream is sys.stderr)
    monkeypatch.setattr(console, "PROGRESS_INTERVAL", 0.0)


def test_progress_on_a_terminal(run, tmp_path, terminal):
    data = write_jsonl(tmp_path / "data.jsonl", *({"id": n, "text": PLAIN} for n in range(5)))
    status, out, err = run("extract", data, "--output", tmp_path / "out.jsonl")
    assert status == 0, err
    assert "\r" in err and "\x1b" not in err  # plain text, no escape codes
    lines = [line.strip() for line in err.split("\r") if line.strip()]
    assert lines[0].startswith("quoteattr: 1 document done, ")
    assert lines[-1].startswith("quoteattr: 5 documents done, ") and lines[-1].endswith("docs/s")
    assert err.endswith("\n")
    numbers = [int(line.split()[1]) for line in lines]
    assert numbers == sorted(numbers)


def test_no_progress_with_quiet_or_off_a_terminal(run, tmp_path, monkeypatch):
    data = write_jsonl(tmp_path / "data.jsonl", {"text": PLAIN}, {"text": PLAIN})
    status, out, err = run("extract", data, "--output", tmp_path / "out.jsonl")  # capsys: not a TTY
    assert status == 0 and err == ""
    monkeypatch.setattr(console, "is_terminal", lambda stream: stream is sys.stderr)
    status, out, err = run("extract", data, "--output", tmp_path / "out.jsonl", "--quiet")
    assert status == 0 and err == ""
    status, out, err = run("extract", data, "-q", "--format", "jsonl")
    assert status == 0 and err == "" and len(jsonl(out)) == 2


def test_progress_is_wiped_before_a_warning(run, tmp_path, terminal):
    data = write_jsonl(tmp_path / "data.jsonl", {"text": PLAIN}, "oops", {"text": PLAIN})
    status, out, err = run(
        "extract", data, "-o", tmp_path / "out.jsonl", "--skip-errors", "--batch-size", "1"
    )
    assert status == 0, err
    warning = next(line for line in err.split("\n") if "warning:" in line)
    assert warning.split("\r")[-1].startswith("quoteattr: warning: ")
    assert err.rstrip().endswith("quoteattr: 2 documents processed, 1 skipped")


def test_progress_line():
    screen = io.StringIO()
    now = [100.0]
    progress = console.Progress(screen, interval=1.0, clock=lambda: now[0])
    now[0] = 102.0
    progress.update(10)
    assert screen.getvalue() == "\rquoteattr: 10 documents done, 5.0 docs/s"
    now[0] = 102.5
    progress.update(11)  # too soon: not drawn
    assert screen.getvalue().count("\r") == 1
    progress.clear()
    drawn = "quoteattr: 10 documents done, 5.0 docs/s"
    assert screen.getvalue() == "\r" + drawn + "\r" + " " * len(drawn) + "\r"
    now[0] = 104.0
    progress.close()  # wiped: nothing to end
    assert screen.getvalue().count("\n") == 0
    progress.update(1)
    progress.close()
    assert screen.getvalue().endswith("\rquoteattr: 1 document done, 0.2 docs/s\n")


def test_n_process_2_gives_the_same_records(run, tmp_path):
    texts = [QUOTE, PLAIN, INDIRECT, "", QUOTE + " " + INDIRECT] * 2
    data = write_jsonl(tmp_path / "data.jsonl", *({"id": f"d{n}", "text": t} for n, t in enumerate(texts)))
    status, one, err = run("extract", data, "--format", "jsonl", "--batch-size", "2")
    assert status == 0, err
    status, two, err = run("extract", data, "--format", "jsonl", "--batch-size", "2", "--n-process", "2")
    assert status == 0, err
    assert two == one
    assert [r["id"] for r in jsonl(two)] == [f"d{n}" for n in range(len(texts))]


# -- resume --------------------------------------------------------------------------------------


def test_resume_skips_the_ids_already_written(run, tmp_path):
    docs = [{"id": f"d{n}", "text": QUOTE if n % 2 else PLAIN} for n in range(5)]
    data = write_jsonl(tmp_path / "data.jsonl", *docs)
    status, full, err = run("extract", data, "--format", "jsonl")
    first = write_jsonl(tmp_path / "first.jsonl", docs[0], docs[2])
    target = tmp_path / "out.jsonl"
    status, out, err = run("extract", first, "--output", target)
    assert status == 0, err
    status, out, err = run("extract", data, "--output", target, "--resume", "--format", "jsonl")
    assert status == 0, err
    assert out == ""
    assert _ids_on_disk(target) == ["d0", "d2", "d1", "d3", "d4"]
    assert sorted(jsonl(target.read_text(encoding="utf-8")), key=lambda r: r["id"]) == jsonl(full)
    assert err.strip() == f"quoteattr: 3 documents processed, 0 skipped, 2 already in {target}"
    status, out, err = run("extract", data, "--output", target, "--resume")  # nothing left
    assert status == 0 and len(_ids_on_disk(target)) == 5
    assert err.strip() == f"quoteattr: 0 documents processed, 0 skipped, 5 already in {target}"


def test_resume_without_an_earlier_output_starts_it(run, tmp_path):
    data = write_jsonl(tmp_path / "data.jsonl", {"id": 1, "text": PLAIN}, {"id": "1", "text": PLAIN})
    target = tmp_path / "new.jsonl"
    status, out, err = run("extract", data, "--output", target, "--resume")
    assert status == 0, err
    assert _ids_on_disk(target) == [1, "1"]  # a number and a string are different ids
    status, out, err = run("extract", data, "--output", target, "--resume")
    assert _ids_on_disk(target) == [1, "1"]


def test_resume_cuts_an_incomplete_last_line(run, tmp_path):
    data = write_jsonl(tmp_path / "data.jsonl", *({"id": n, "text": PLAIN} for n in range(1, 4)))
    target = tmp_path / "out.jsonl"
    target.write_text('{"id": 1, "publisher": null, "quotes": []}\n{"id": 2, "publ', encoding="utf-8")
    status, out, err = run("extract", data, "--output", target, "--resume")
    assert status == 0, err
    assert "removed an incomplete last line" in err
    assert _ids_on_disk(target) == [1, 2, 3]

    target.write_text('{"id": 1, "publisher": null, "quotes": []}', encoding="utf-8")  # complete, no "\n"
    status, out, err = run("extract", data, "--output", target, "--resume")
    assert status == 0, err
    assert _ids_on_disk(target) == [1, 2, 3]


def test_resume_keeps_error_records(run, tmp_path):
    data = write_jsonl(
        tmp_path / "data.jsonl", {"id": "a", "text": PLAIN}, "oops", {"id": "b", "text": PLAIN}
    )
    target = tmp_path / "out.jsonl"
    target.write_text(
        json.dumps({"id": "a", "publisher": None, "quotes": []})
        + "\n"
        + json.dumps({"id": 2, "publisher": None, "quotes": [], "error": "earlier"})
        + "\n",
        encoding="utf-8",
    )
    status, out, err = run("extract", data, "--output", target, "--resume")  # no --skip-errors needed
    assert status == 0, err
    assert _ids_on_disk(target) == ["a", 2, "b"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "jsonl"], "--resume needs --output FILE"),
        (["--output", "OUT.csv"], "--resume works only with the jsonl format (here: csv)"),
        (
            ["--output", "OUT.jsonl", "--format", "json"],
            "--resume works only with the jsonl format (here: json)",
        ),
    ],
)
def test_resume_usage_errors(run, tmp_path, monkeypatch, extra, message):
    monkeypatch.setattr(stream, "pipeline", _no_model)
    data = write_jsonl(tmp_path / "data.jsonl", {"text": PLAIN})
    extra = [arg.replace("OUT", str(tmp_path / "out")) for arg in extra]
    status, out, err = run("extract", data, "--resume", *extra)
    assert status == 2
    assert f"quoteattr: error: {message}" in err and "Traceback" not in err
    assert not list(tmp_path.glob("out*"))


def test_resume_from_a_file_that_is_not_an_output(run, tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "pipeline", _no_model)
    data = write_jsonl(tmp_path / "data.jsonl", {"text": PLAIN})
    target = tmp_path / "notes.jsonl"
    for content, message in [
        ("not json\n", "line 1: not a JSON record of an earlier run"),
        ('{"id": 1}\n[1, 2]\n', 'line 2: not a quoteattr record (no string or number "id")'),
    ]:
        target.write_text(content, encoding="utf-8")
        status, out, err = run("extract", data, "--output", target, "--resume")
        assert status == 2
        assert f"quoteattr: error: {target} {message}" in err and "cannot resume from this file" in err
        assert target.read_text(encoding="utf-8") == content  # untouched


def test_read_done_ids(tmp_path):
    target = tmp_path / "out.jsonl"
    assert inputs.read_done_ids(target) == set()
    target.write_text('{"id": "x", "quotes": []}\n\n{"id": 7}\n', encoding="utf-8")
    assert inputs.read_done_ids(target) == {"x", 7}


# -- html ----------------------------------------------------------------------------------------


def test_format_html_writes_one_page_of_every_document(run, corpus, tmp_path):
    pytest.importorskip("quoteattr.io.render")
    target = tmp_path / "page.html"
    status, out, err = run("extract", corpus, "--output", target)  # format from the extension
    assert status == 0, err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<!DOCTYPE html>") == 1
    assert page.count("<article") == 3
    status, out, err = run("extract", corpus, "--format", "html")
    assert status == 0 and out == page


def test_format_html_calls_render_once_with_all_results(run, corpus, tmp_path, monkeypatch):
    calls = []

    def render(results, title=None):
        results = list(results)
        calls.append(results)
        return "<html>" + ",".join(str(r.id) for r in results) + "</html>\n"

    monkeypatch.setitem(sys.modules, "quoteattr.io.render", types.SimpleNamespace(render=render))
    bad = write_jsonl(tmp_path / "bad.jsonl", {"id": "x", "text": PLAIN}, "[]")
    status, out, err = run("extract", corpus, bad, "--format", "html", "--skip-errors")
    assert status == 0, err
    assert out == "<html>q,none,plain,x,2</html>\n"
    assert len(calls) == 1 and calls[0][0].text == QUOTE + " " + INDIRECT and calls[0][-1].error
    status, out, err = run("extract", corpus, bad, "--format", "html")  # an error: the page of those before
    assert status == 1 and out == "<html>q,none,plain,x</html>\n"


def test_format_html_without_the_renderer(run, corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "quoteattr.io.render", None)
    monkeypatch.setattr(stream, "pipeline", _no_model)
    status, out, err = run("extract", corpus, "--format", "html")
    assert status == 2 and out == ""
    assert "quoteattr: error: --format html needs quoteattr.io.render" in err and "Traceback" not in err


# -- info ----------------------------------------------------------------------------------------


def test_info(run, nlp):
    status, out, err = run("info")
    assert status == 0, err
    assert out.startswith(f"quoteattr {quoteattr.__version__} ")
    assert resolve_model_name(None) in out and f"spaCy       {spacy.__version__}" in out
    assert ", ".join(nlp.pipe_names) in out and "quoteattr" in nlp.pipe_names
    for lexicon in ("cues: ", "titles: ", "outlets: ", "label rules: "):
        assert lexicon in out

    status, out, err = run("info", "--json")
    assert status == 0, err
    info = json.loads(out)
    assert info["quoteattr"] == quoteattr.__version__
    assert info["model"]["name"] == resolve_model_name(None)
    assert info["model"]["spacy"] == spacy.__version__
    assert info["model"]["components"] == nlp.pipe_names
    lexicons = info["lexicons"]
    cues = json.loads((ROOT / "quoteattr/lexicons/cues.json").read_text(encoding="utf-8"))["entries"]
    outlets = json.loads((ROOT / "quoteattr/lexicons/outlets.json").read_text(encoding="utf-8"))["outlets"]
    assert lexicons["cues"] == len(cues) and lexicons["outlets"] == len(outlets)
    assert set(lexicons["titles"]) == {"honorifics", "roles", "modifiers"}
    assert set(lexicons["label_rules"]) >= {"triggers", "negations"}
    assert all(n > 0 for n in [*lexicons["titles"].values(), *lexicons["label_rules"].values()])


def test_info_with_a_model_that_cannot_be_loaded(run):
    status, out, err = run("info", "--model", "no_such_spacy_pipeline_xyz")
    assert status == 2 and out == ""
    assert "no_such_spacy_pipeline_xyz" in err and "Traceback" not in err


# -- bad input -----------------------------------------------------------------------------------


def _no_model(model=None):
    raise AssertionError("the model must not be loaded")


COFFEE = '"Café au lait," she said.'


def test_encoding_option(run, tmp_path):
    (tmp_path / "old.txt").write_bytes(COFFEE.encode("cp1252"))
    (tmp_path / "old.jsonl").write_bytes(
        (json.dumps({"id": "j", "text": COFFEE}, ensure_ascii=False) + "\n").encode("cp1252")
    )
    status, out, err = run("extract", tmp_path / "old.txt", tmp_path / "old.jsonl", "-f", "jsonl")
    assert status == 2
    assert f"{tmp_path / 'old.txt'}: not valid UTF-8 (byte 4)" in err and "--encoding" in err
    status, out, err = run(
        "extract", tmp_path / "old.txt", tmp_path / "old.jsonl", "-f", "jsonl", "--encoding", "cp1252"
    )
    assert status == 0, err
    records = jsonl(out)
    assert [r["quotes"][0]["content"]["text"] for r in records] == ['"Café au lait,"'] * 2


def test_encoding_utf16(run, tmp_path):
    lines = [json.dumps({"id": f"u{n}", "text": COFFEE}, ensure_ascii=False) for n in range(3)]
    (tmp_path / "wide.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-16")
    status, out, err = run("extract", tmp_path / "wide.jsonl", "-f", "jsonl", "--encoding", "utf-16")
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == ["u0", "u1", "u2"]
    assert jsonl(out)[0]["quotes"][0]["content"]["text"] == '"Café au lait,"'

    good = (lines[0] + "\n").encode("utf-16-le")
    (tmp_path / "bad.jsonl").write_bytes(good + b"\x00\xd8" + (lines[1] + "\n").encode("utf-16-le"))
    status, out, err = run("extract", tmp_path / "bad.jsonl", "-f", "jsonl", "--encoding", "utf-16-le")
    assert status == 2
    assert f"{tmp_path / 'bad.jsonl'}: not valid utf-16-le (byte {len(good)} of the file)" in err
    assert [r["id"] for r in jsonl(out)] == ["u0"]  # the lines before it are read


def test_unknown_encoding_is_a_usage_error(run, tmp_path):
    status, out, err = run("extract", tmp_path / "a.txt", "--encoding", "klingon-8")
    assert status == 2
    assert "unknown encoding: 'klingon-8'" in err and "usage:" in err


def test_errors_replace_reads_bad_bytes_and_counts_the_files(run, tmp_path):
    (tmp_path / "a.txt").write_bytes(b'"Caf\xe9," she said.')
    (tmp_path / "b.txt").write_text(QUOTE, encoding="utf-8")
    data = tmp_path / "c.jsonl"
    data.write_bytes(
        b'{"id": "c1", "text": "\xff ok"}\n{"id": "c2", "text": "fine"}\n{"id": "c3", "text": "\xfe"}\n'
    )
    status, out, err = run(
        "extract", tmp_path / "a.txt", tmp_path / "b.txt", data, "-f", "jsonl", "--errors", "replace"
    )
    assert status == 0, err
    records = jsonl(out)
    assert [r["id"] for r in records] == ["a.txt", "b.txt", "c1", "c2", "c3"]
    assert "error" not in records[0] and records[0]["quotes"][0]["content"]["text"] == '"Caf\ufffd,"'
    assert err.count("quoteattr: warning:") == 1
    assert f"replaced with U+FFFD in 2 files: {tmp_path / 'a.txt'}, {data}" in err


def test_empty_jsonl_file_warns_and_gives_nothing(run, tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    status, out, err = run(
        "extract", tmp_path / "empty.jsonl", tmp_path / "empty.txt", tmp_path / "blank.jsonl", "-f", "jsonl"
    )
    assert status == 0, err
    assert [r["id"] for r in jsonl(out)] == ["empty.txt"]
    assert f"quoteattr: warning: {tmp_path / 'empty.jsonl'}: no documents in this file" in err
    assert f"quoteattr: warning: {tmp_path / 'blank.jsonl'}: no documents in this file" in err
    status, out, err = run("extract", "-", "-f", "jsonl", stdin="")
    assert status == 0 and out == "" and "<stdin>: no documents" in err


def test_folder_without_txt_files(run, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("no", encoding="utf-8")
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    with monkeypatch.context() as patch:
        patch.setattr(stream, "pipeline", _no_model)
        status, out, err = run("extract", tmp_path / "a.txt", empty, "--output", target)
    assert status == 2
    assert f"quoteattr: error: {empty}: no .txt files in this folder" in err and "Traceback" not in err
    assert not target.exists()
    status, out, err = run("extract", tmp_path / "a.txt", empty, "--output", target, "--skip-errors")
    assert status == 0, err
    assert f"quoteattr: warning: {empty}: no .txt files in this folder" in err
    assert _ids_on_disk(target) == ["a.txt"]
    assert err.rstrip().endswith("quoteattr: 1 document processed, 0 skipped")


def test_unwritable_output_stops_before_the_model_is_loaded(run, tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "pipeline", _no_model)
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    cases = [
        (tmp_path / "missing" / "out.jsonl", f"no such folder: {tmp_path / 'missing'}"),
        (tmp_path / "folder", "it is a folder"),
        (tmp_path / "file" / "out.jsonl", f"{tmp_path / 'file'} is not a folder"),
        (tmp_path / "a.txt", "the output file is also an input"),
    ]
    for target, message in cases:
        status, out, err = run("extract", tmp_path / "a.txt", "--output", target)
        assert status == 2, target
        assert f"quoteattr: error: {target}: " in err and message in err and "Traceback" not in err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == QUOTE


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_output_without_permission(run, tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "pipeline", _no_model)
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        status, out, err = run("extract", tmp_path / "a.txt", "--output", locked / "out.jsonl")
    finally:
        locked.chmod(0o700)
    assert status == 2 and "permission denied" in err


def test_skip_errors_processes_and_counts_everything_else(run, tmp_path):
    (tmp_path / "good.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "none.jsonl").write_bytes(b"")
    (tmp_path / "nothing").mkdir()
    write_jsonl(
        tmp_path / "data.jsonl",
        {"id": "j1", "text": PLAIN},
        "[1]",
        {"id": "no-text"},
        {"id": "j4", "text": ""},
    )
    paths = ["good.txt", "bad.txt", "empty.txt", "none.jsonl", "nothing", "data.jsonl"]
    status, out, err = run("extract", *(tmp_path / p for p in paths), "-f", "jsonl", "--skip-errors")
    assert status == 0, err
    records = jsonl(out)
    assert [(r["id"], "error" in r) for r in records] == [
        ("good.txt", False),
        ("bad.txt", True),
        ("empty.txt", False),
        ("j1", False),
        (2, True),
        ("no-text", True),
        ("j4", False),
    ]
    assert "Traceback" not in err and err.count("quoteattr: warning:") == 5
    assert err.rstrip().splitlines()[-1] == "quoteattr: 4 documents processed, 3 skipped"


# -- benchmarks/stream_memory.py -----------------------------------------------------------------


def test_stream_memory_benchmark_runs_small(nlp, monkeypatch, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("stream_memory", ROOT / "benchmarks" / "stream_memory.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.setitem(api._PIPELINES, resolve_model_name(None), nlp)
    texts = [doc["text"] for doc in bench.synthetic_corpus(30, seed=2)]
    assert len(set(texts)) == 30 and all('"' in t or "said" in t for t in texts)
    assert bench.checkpoints(10_000, 1000)[:3] == [100, 1000, 2000] and bench.checkpoints(50, 20) == [
        20,
        40,
        50,
    ]
    assert bench.main(["--docs", "40", "--every", "20", "--sentences", "2"]) == 0
    out = capsys.readouterr().out
    assert "peak RSS MiB" in out and "40 records written" in out and "exit status 0" in out
    assert writers.WRITERS["jsonl"] is writers.JsonlWriter  # put back
