"""The documentation is true: its examples run, its output is what the code gives.

- Each labelled sentence in docs/labels.md gets its label.
- Every ```python (or ```pycon) fenced block in ``docs/*.md`` and ``README.md`` runs as
  one test, id ``file:line``. The blocks of a page run in order in one namespace of
  their own, in a fresh folder of their own that links to the repository's ``seeds/``.
  A block with ``>>>`` prompts is a doctest (its output is checked, ``...`` matching
  anything); in any other block, comment lines right after a ``print(...)`` line are
  the output the block must print.
- A ```console block is a run of ``$ quoteattr ...`` commands, each followed by what it
  prints (standard output and error together): they run in process, in the page's
  folder, and must print that.
- HTML comments just before a block change how it is run (they do not show on the
  site): ``<!-- no-test -->`` skips it (for what cannot run standalone);
  ``<!-- requires: pandas -->`` skips it when the module is not installed;
  ``<!-- test-setup: CODE -->`` runs CODE first, unseen (a name the page takes for
  granted); ``<!-- file: NAME -->`` writes the block to the file NAME in the page's
  folder (an input the page shows, for the commands after it); before a ```json block,
  ``<!-- expect: EXPR -->`` checks that the JSON equals the value of EXPR.
- The site holds together: every page in mkdocs.yml's nav exists and every page is in
  it, relative links and images point to files that exist, the command line page
  names every command and option and every option it names exists, the seed article's
  tables are its expected output.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
import io
import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import quoteattr
from quoteattr import api, cli
from quoteattr.parse.model import resolve_model_name

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]
PYTHON = ("python", "py", "python3", "pycon")

# -- labels.md -------------------------------------------------------------------------------------

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


# -- code blocks -----------------------------------------------------------------------------------

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)")
COMMENT = re.compile(r"^[ \t]*<!--\s*(?P<body>.*?)\s*-->[ \t]*$", re.S)


@attrs.frozen
class Block:
    """One fenced code block of a page: where it is, its language and code, its markers."""

    page: Path
    line: int  # of the opening fence, from 1
    lang: str
    code: str
    markers: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"

    def marker(self, name: str) -> str | None:
        """The value of ``<!-- name: value -->`` (``""`` for ``<!-- name -->``), or None."""
        for body in self.markers:
            key, _, value = body.partition(":")
            if key.strip() == name:
                return value.strip()
        return None


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, with the HTML comments right before each."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence = len(m["indent"]), m["fence"]
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        code = "\n".join(line[indent:] for line in lines[i + 1 : end]) + "\n"
        found.append(Block(page, i + 1, m["lang"].lower(), code, _markers(lines, i)))
        i = end + 1
    return found


def _markers(lines: list[str], fence: int) -> tuple[str, ...]:
    """The bodies of the HTML comments between the previous text and line ``fence``."""
    markers: list[str] = []
    j = fence - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    while j >= 0 and lines[j].rstrip().endswith("-->"):
        start = j
        while start > 0 and "<!--" not in lines[start]:
            start -= 1
        m = COMMENT.match("\n".join(lines[start : j + 1]))
        if not m:
            break
        markers.insert(0, m["body"])
        j = start - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
    return tuple(markers)


def runnable_blocks(page: Path) -> list[Block]:
    """The blocks of ``page`` that run: Python and console ones, files to write, JSON to check."""
    return [
        b
        for b in blocks(page)
        if b.lang in PYTHON
        or b.lang == "console"
        or b.marker("file")
        or (b.lang == "json" and b.marker("expect"))
    ]


def _is_doctest(code: str) -> bool:
    return any(line.lstrip().startswith(">>>") for line in code.splitlines())


def expected_output(code: str) -> list[str]:
    """The comment lines (from the first column) right after a ``print(...)`` line: what the
    block must print, in order."""
    expected, after_print = [], False
    for line in code.splitlines():
        if after_print and line.startswith("#"):
            expected.append(line[1:].removeprefix(" "))
            continue
        stripped = line.strip()
        after_print = "print(" in stripped and not stripped.startswith("#")
    return expected


FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _check_output(what: str, want: str, got: str) -> None:
    if not doctest.OutputChecker().check_output(want, got, FLAGS):
        pytest.fail(f"{what} printed\n{got}\nbut the page shows\n{want}", pytrace=False)


class PageRun:
    """The blocks of one page, run in order in one namespace and one working folder.

    The folder is a fresh one holding a link to the repository's ``seeds/``, so examples
    read the seed article by its path in the repository and write files where they like.
    Asked for block ``index``, it runs the blocks before it first (once each), so a test
    run alone (``-k``) sees what the page has set up by then.
    """

    def __init__(self, page: Path, workdir: Path) -> None:
        self.page = page
        self.workdir = workdir
        (workdir / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
        self.blocks = runnable_blocks(page)
        self.namespace: dict[str, Any] = {"__name__": f"docs_{page.stem}"}
        self.done = 0
        self.failed: str | None = None

    def run_to(self, index: int) -> None:
        """Run the blocks before ``index`` that have not run, then block ``index``; raise its failure."""
        while self.done < index:
            block = self.blocks[self.done]
            self.done += 1
            try:
                run_block(block, self.namespace)
            except pytest.skip.Exception:
                pass
            except BaseException as err:
                self.failed = f"{block.id} failed: {err!r}"[:500]
        if self.done > index:
            pytest.fail(f"{self.blocks[index].id} was run already, out of order")
        if self.failed:
            pytest.skip(f"an earlier block of this page failed ({self.failed})")
        self.done += 1
        try:
            run_block(self.blocks[index], self.namespace)
        except pytest.skip.Exception:
            raise
        except BaseException as err:
            self.failed = f"{self.blocks[index].id} failed: {err!r}"[:500]
            raise


def run_block(block: Block, namespace: dict[str, Any]) -> None:
    """Run one block in ``namespace`` (in the page's working folder); fail with what went wrong."""
    if block.marker("no-test") is not None:
        pytest.skip("marked <!-- no-test -->")
    required = block.marker("requires")
    if required:
        for module in required.replace(",", " ").split():
            if importlib.util.find_spec(module) is None:
                pytest.skip(f"needs {module}")
    setup = block.marker("test-setup")
    if setup:
        exec(compile(setup, f"{block.id} (test-setup)", "exec"), namespace)
    if block.marker("file"):
        Path(block.marker("file")).write_text(block.code, encoding="utf-8")
    elif block.lang == "json":
        expected = eval(block.marker("expect"), namespace)
        shown = json.loads(block.code)
        assert shown == json.loads(json.dumps(expected)), (
            f"{block.id}: the JSON shown is not {block.marker('expect')}"
        )
    elif block.lang == "console":
        _run_console(block)
    elif _is_doctest(block.code):
        _run_doctest(block, namespace)
    else:
        _run_script(block, namespace)


def _run_doctest(block: Block, namespace: dict[str, Any]) -> None:
    test = doctest.DocTestParser().get_doctest(block.code, namespace, block.id, str(block.page), block.line)
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=out.write, clear_globs=False)
    namespace.update(test.globs)  # a DocTest works on a copy of the names it is given
    if runner.failures:
        pytest.fail(
            f"{block.id}: the example does not give the output shown\n{out.getvalue()}", pytrace=False
        )


def _run_script(block: Block, namespace: dict[str, Any]) -> None:
    # Blank lines in front so that a traceback names the line of the Markdown page.
    source = "\n" * block.line + block.code
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(source, str(block.page), "exec"), namespace)
    expected = expected_output(block.code)
    if expected:
        _check_output(block.id, "\n".join(expected) + "\n", printed.getvalue())


def console_commands(code: str) -> list[tuple[str, str]]:
    """``(command, output)`` for each ``$ command`` line of a console block and the lines after it."""
    commands: list[tuple[str, list[str]]] = []
    for line in code.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:].strip(), []))
        elif commands:
            commands[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"output before the first $ command: {line!r}")
    return [
        (command, "\n".join(lines).strip("\n") + "\n" if any(lines) else "") for command, lines in commands
    ]


def _run_console(block: Block) -> None:
    """Run each ``$ quoteattr ...`` of the block in process; it must print what the page shows.

    Standard output and standard error are one stream, as in a terminal."""
    for command, want in console_commands(block.code):
        argv = shlex.split(command)
        assert argv[0] == "quoteattr" and not set(argv) & set(SHELL), (
            f"{block.id}: a console block runs quoteattr commands only ({command!r}); use ```sh"
        )
        got = io.StringIO()
        with contextlib.redirect_stdout(got), contextlib.redirect_stderr(got):
            cli.main(argv[1:])
        if want:
            _check_output(f"{block.id}: $ {command}", want, got.getvalue())
        else:
            assert got.getvalue() == "", f"{block.id}: $ {command} printed\n{got.getvalue()}"


SHELL = ("|", ">", "<", ";", "&&", "||", "&")


def _all_blocks() -> Iterator[Any]:
    for page in PAGES:
        for index, block in enumerate(runnable_blocks(page)):
            yield pytest.param(page, index, id=block.id)


_RUNS: dict[Path, PageRun] = {}


@pytest.mark.parametrize(("page", "index"), list(_all_blocks()))
def test_code_block(page: Path, index: int, nlp, tmp_path_factory, monkeypatch) -> None:
    # The session's pipeline is the one quoteattr.extract and the command line load, so it
    # is loaded once for all the examples.
    monkeypatch.setitem(api._PIPELINES, resolve_model_name(None), nlp)
    if page not in _RUNS:
        _RUNS[page] = PageRun(page, tmp_path_factory.mktemp(f"docs-{page.stem}"))
    monkeypatch.chdir(_RUNS[page].workdir)
    _RUNS[page].run_to(index)


# -- the site holds together -----------------------------------------------------------------------

NAV_ENTRY = re.compile(r"^\s*-\s*[^:\n]+:\s*(?P<file>\S+\.md)\s*$", re.M)


def nav_files() -> list[str]:
    """The pages of mkdocs.yml's nav, in order (read without a YAML library)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:") :]
    nav = nav[: re.search(r"\n\S", nav[1:]).start() + 1]
    return NAV_ENTRY.findall(nav)


def test_nav_and_pages_agree() -> None:
    nav = nav_files()
    assert nav[0] == "index.md"
    missing = [page for page in nav if not (DOCS / page).is_file()]
    assert not missing, f"pages in mkdocs.yml's nav that docs/ does not have: {missing}"
    unlisted = sorted({p.name for p in DOCS.glob("*.md")} - set(nav))
    assert not unlisted, f"pages of docs/ that mkdocs.yml's nav leaves out: {unlisted}"


LINK = re.compile(r"!?\[[^\]]*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def prose(page: Path) -> str:
    """The page without its fenced code blocks (links in code are not links)."""
    lines, inside, fence = [], False, ""
    for line in page.read_text(encoding="utf-8").splitlines():
        m = FENCE.match(line)
        if m and (not inside or line.strip().startswith(fence)):
            inside, fence = not inside, m["fence"]
            continue
        if not inside:
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_relative_links_and_images_exist(page: Path) -> None:
    broken = []
    for m in LINK.finditer(prose(page)):
        target = m["target"].split("#")[0]
        if not target or re.match(r"^[a-z]+:", target):
            continue  # an anchor on the same page, or a URL
        if not (page.parent / target).exists():
            broken.append(m["target"])
    assert not broken, f"{page.name} links to files that do not exist: {broken}"


def test_the_changelog_page_includes_the_changelog() -> None:
    page = (DOCS / "changelog.md").read_text(encoding="utf-8")
    assert '--8<-- "CHANGELOG.md"' in page
    assert (ROOT / "CHANGELOG.md").is_file()


def cli_options() -> dict[str, set[str]]:
    """Every subcommand of ``quoteattr`` and its long options."""
    parser = cli.build_parser()
    (commands,) = [a for a in parser._actions if a.choices and hasattr(a, "_name_parser_map")]
    return {
        name: {o for action in sub._actions for o in action.option_strings if o.startswith("--")}
        for name, sub in commands.choices.items()
    }


def test_the_command_line_page_names_every_command_and_option() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command, options in cli_options().items():
        assert f"## quoteattr {command}" in page, f"cli.md has no section for `quoteattr {command}`"
        missing = sorted(o for o in options - {"--help"} if not re.search(rf"{o}(?![\w-])", page))
        assert not missing, f"cli.md does not mention these options of `quoteattr {command}`: {missing}"


def test_every_option_the_command_line_page_names_exists() -> None:
    known = set().union(*cli_options().values()) | {"--help", "--version"}
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", prose(DOCS / "cli.md")))
    for block in blocks(DOCS / "cli.md"):
        if block.lang in ("sh", "console", "text"):
            named |= set(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", block.code))
    assert not named - known, f"cli.md names options that quoteattr does not have: {sorted(named - known)}"


# -- the seed article's page is its expected output -------------------------------------------------


def markdown_table(page: Path, header: str) -> list[list[str]]:
    """The body rows of the table whose header row starts with ``header``, as lists of cells."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def seed_output() -> dict[str, Any]:
    (record,) = json.loads((ROOT / "seeds" / "000_a13e1db2e670e016.json").read_text(encoding="utf-8"))
    return record


def _cell(value: str | None) -> str:
    return value if value else "—"


def test_the_seed_page_lists_every_attribution() -> None:
    rows = markdown_table(DOCS / "seed.md", "| # | speaker | as written |")
    quotes = seed_output()["quotes"]
    assert len(rows) == len(quotes), "seed.md's table and seeds/*.json have different numbers of attributions"
    for n, (row, q) in enumerate(zip(rows, quotes, strict=True), 1):
        number, name, written, cue, kind, label, source, content = row
        speaker = q["speaker"] or {}
        want_label = q["label"] + (f", target {q['target']['name']}" if q["target"] else "")
        assert (number, name, written, cue, kind, label, source) == (
            str(n),
            _cell(speaker.get("name")),
            _cell(speaker.get("text")),
            _cell(q["cue"] and q["cue"]["text"]),
            q["kind"],
            want_label,
            _cell(q["source"] and q["source"]["name"]),
        ), f"row {n} of seed.md's table"
        shown = content.removesuffix("…")
        assert " ".join(q["content"]["text"].split()).startswith(shown), f"row {n}: {content!r}"


def test_the_seed_page_lists_every_speaker() -> None:
    rows = markdown_table(DOCS / "seed.md", "| name | title | type |")
    speakers = seed_output()["speakers"]
    assert rows == [
        [s["name"], _cell(s["title"]), _cell(s["type"]), str(s["attributions"]), str(len(s["mentions"]))]
        for s in speakers
    ]


def test_the_pages_have_examples() -> None:
    """A guard on the collection above: the pages with examples still yield them."""
    for name in ("index.md", "concepts.md", "seed.md", "cli.md", "api.md"):
        assert len(runnable_blocks(DOCS / name)) >= 3, name
    assert runnable_blocks(ROOT / "README.md")
