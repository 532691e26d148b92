"""Large inputs: long documents are cut into chunks, finish, keep honest offsets, and stay in memory.

Sized for ``make test`` (each test well under a minute on a laptop-class CPU); the
full-size cases (a 5 MB document, 50,000 one-line paragraphs) are in
``benchmarks/robustness.py``.

- a ~300 KB news document, cut into 20,000-character chunks (``CHUNK_CHARS``
  monkeypatched down so the document makes 15 or more chunks), with sentinel quotations
  at its start, middle and end that must all come back with exact offsets;
- 5,000 one-line paragraphs, every 100th a sentinel quotation;
- a single 200 KB "paragraph" with no newline and no space, of three kinds;
- the peak memory of the 300 KB document (see :data:`PEAK_GROWTH_BOUND` for the bound);
- two inputs of a few tens of KB on which the engine's time grows much faster than the
  text, run in a subprocess with a time budget so that a regression cannot hang the suite.
"""

from __future__ import annotations

import bisect
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable

import psutil
import pytest
from synthetic import HEADLINES, big_document, paragraphs, sentence

import quoteattr
import quoteattr.api
from quoteattr.types import Result

MB = 2**20

def sentinel(n: int) -> str:
    """A quotation found and attributed whatever surrounds it."""
    return f'"Sentinel number {n} is here," said Zora Quill.'


def sentinel_hits(result: Result) -> dict[int, object]:
    """The attributions of sentinel quotations, by number."""
    hits = {}
    for a in result.quotes:
        if a.content.text.startswith('"Sentinel number '):
            hits[int(a.content.text.split()[2])] = a
    return hits


def check_sentinels(text: str, result: Result, numbers: list[int]) -> None:
    hits = sentinel_hits(result)
    assert sorted(hits) == sorted(numbers), f"sentinels lost: {sorted(set(numbers) - set(hits))}"
    for n, a in hits.items():
        start = text.index(sentinel(n))
        assert a.kind == "direct"
        assert a.content.spans == ((start, start + len(f'"Sentinel number {n} is here,"')),)
        assert a.speaker is not None and a.speaker.text == "Zora Quill"
        assert a.speaker.start == text.index("Zora Quill", start)
        assert a.cue is not None and a.cue.text == "said"


# ---------------------------------------------------------------------------------------
# Peak memory


class PeakRSS:
    """The process's resident set size before, at its highest during, and after a block.

    A thread samples RSS every few milliseconds: spaCy's heavy work is in numpy and
    Cython code that lets the sampler run, and ``ru_maxrss`` cannot be reset, so it
    would only see a new high-water mark of the whole test session.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.process = psutil.Process()
        self.interval = interval
        self.before = self.peak = self.after = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(self.interval)

    def __enter__(self) -> PeakRSS:
        self.before = self.peak = self.process.memory_info().rss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.after = self.process.memory_info().rss
        self.peak = max(self.peak, self.after)


# ---------------------------------------------------------------------------------------
# A ~300 KB document in 20,000-character chunks

BIG_CHARS = 300_000
SMALL_CHUNK = 20_000


def sentinel_document() -> str:
    """~300 KB of paragraphs, with sentinel quotations 0, 1 and 2 first, in the middle and last."""
    news = paragraphs(BIG_CHARS, seed=7)
    middle = len(news) // 2
    return "\n\n".join([sentinel(0), *news[:middle], sentinel(1), *news[middle:], sentinel(2)])


@pytest.fixture(scope="module")
def big_run(nlp):
    """Extract the ~300 KB document once, with ``CHUNK_CHARS`` at 20,000, recording the pieces
    it was cut into and its memory; the tests below check different things about that run."""
    text = sentinel_document()
    quoteattr.extract(big_document(5_000, seed=1), nlp=nlp)  # warm up: lazy tables, caches
    pieces: list[list[tuple[int, str]]] = []
    split = quoteattr.api._split

    def recording_split(text: str, limit: int) -> list[tuple[int, str]]:
        out = split(text, limit)
        pieces.append(out)
        return out

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(quoteattr.api, "CHUNK_CHARS", SMALL_CHUNK)
        mp.setattr(quoteattr.api, "_split", recording_split)
        with PeakRSS() as memory:
            result = quoteattr.extract(text, nlp=nlp)
    return text, result, pieces, memory


def test_a_300_kb_document_is_cut_into_chunks_and_its_offsets_hold(big_run, check_offsets) -> None:
    text, result, pieces, _ = big_run
    assert len(text) >= BIG_CHARS
    assert len(pieces) == 1
    chunks = pieces[0]
    assert len(chunks) >= BIG_CHARS // SMALL_CHUNK
    assert all(len(piece) <= SMALL_CHUNK for _, piece in chunks)
    assert [offset for offset, _ in chunks] == [0, *(o + len(p) for o, p in chunks[:-1])]
    # every chunk but the last ends at a paragraph break
    assert all(piece.endswith("\n\n") for _, piece in chunks[:-1])
    check_offsets(text, result)
    # attributions are found all through the document, in every chunk
    offsets = [offset for offset, _ in chunks]
    found_in = {bisect.bisect_right(offsets, a.content.start) - 1 for a in result.quotes}
    assert found_in == set(range(len(chunks)))
    check_sentinels(text, result, [0, 1, 2])


#: Bound on the growth of resident memory while the 300 KB document is extracted.
#:
#: Measured with the default pipeline (en_core_web_sm): one 20,000-character chunk parsed
#: on its own raises the peak RSS by about 80 MB, a 100,000-character one by about 420 MB,
#: and the whole 300 KB document as a single Doc by about 1.1 GB (spaCy's own rule of
#: thumb is ~1 GB per 100,000 characters for the parser and NER). Cutting the text into
#: chunks is there so that memory follows the chunk, not the document (``CHUNK_CHARS``).
#: 400 MB allows five chunks' worth (a couple of chunks in flight, allocator slack, the
#: result itself, which is a few MB) and is still far below the whole-document figure,
#: so the test fails if chunks stop bounding the parse.
PEAK_GROWTH_BOUND = 400 * MB


def test_peak_memory_growth_is_bounded_for_a_chunked_300_kb_document(big_run) -> None:
    text, _, pieces, memory = big_run
    peak_growth = memory.peak - memory.before
    after_growth = memory.after - memory.before
    chunks = len(pieces[0])
    assert after_growth < PEAK_GROWTH_BOUND, f"RSS grew by {after_growth / MB:.0f} MB and stayed"
    assert peak_growth < PEAK_GROWTH_BOUND, (
        f"peak RSS grew by {peak_growth / MB:.0f} MB while extracting {len(text):,} characters in "
        f"{chunks} chunks of at most {SMALL_CHUNK:,} (bound {PEAK_GROWTH_BOUND / MB:.0f} MB)"
    )


# ---------------------------------------------------------------------------------------
# 5,000 one-line paragraphs

def one_liners(count: int, seed: int = 3) -> tuple[str, list[int]]:
    rng = random.Random(seed)
    lines, numbers = [], []
    for n in range(count):
        if n % 100 == 50:
            lines.append(sentinel(n))
            numbers.append(n)
        elif rng.random() < 0.5:
            lines.append(rng.choice(HEADLINES))
        else:
            lines.append(sentence(rng))
    return "\n".join(lines), numbers


def test_5000_one_line_paragraphs(nlp, check_offsets) -> None:
    text, numbers = one_liners(5_000)
    assert text.count("\n") == 4_999
    result = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, result)
    assert len(result.quotes) >= 1_000
    check_sentinels(text, result, numbers)


# ---------------------------------------------------------------------------------------
# One 200 KB "paragraph": no newline, no space


def _letters(rng: random.Random, size: int) -> str:
    return "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", k=size))


def _glued_prose(rng: random.Random, size: int) -> str:
    return "".join(sentence(rng).replace(" ", "") for _ in range(size // 20))[:size]


def _punctuated(rng: random.Random, size: int) -> str:
    return "".join(rng.choices("abcdefXYZé\"'“”‘’«».,;:-—()[]0123😀\u0301\u200b", k=size))


@pytest.mark.parametrize("make", [_letters, _glued_prose, _punctuated], ids=["base64", "glued", "punct"])
def test_a_200_kb_paragraph_without_newline_or_space(
    nlp, check_offsets, make: Callable[[random.Random, int], str]
) -> None:
    text = make(random.Random(11), 200_000)
    assert len(text) == 200_000
    assert "\n" not in text and " " not in text
    result = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, result)
    assert result.to_dict()["id"] == 0


# ---------------------------------------------------------------------------------------
# Inputs on which time grows much faster than the text (run in a subprocess, with a budget)

#: Seconds a pathological input may take in a fresh process, model loading included.
#: Each is a few tens of KB: in time linear in the text they take 3-6 s here (2 vCPU);
#: in quadratic time (before ``normalize`` broke long runs and the pipeline cut run-on
#: lines) they took minutes.
BUDGET = 30.0

_RUN = textwrap.dedent(
    """
    import sys, quoteattr
    nlp = quoteattr.load()
    text = sys.stdin.read()
    result = quoteattr.extract(text, nlp=nlp)
    for a in result.quotes:
        for s, e in a.content.spans:
            assert 0 <= s <= e <= len(text)
    print(len(result.quotes))
    """
)


def _extract_within(text: str, seconds: float) -> float:
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUN], input=text, capture_output=True, text=True, timeout=seconds
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"extract of {len(text):,} characters did not finish in {seconds:.0f} s")
    assert done.returncode == 0, done.stderr[-2000:]
    return time.monotonic() - start


def test_a_long_line_of_many_headlines_with_cues_finishes_in_time() -> None:
    """A scraped page's headline bar: 2,000 "X says Y" items on one line (58 KB, one sentence)."""
    _extract_within("Minister says talks failed | " * 2_000, BUDGET)


def test_a_long_run_of_quotation_marks_finishes_in_time() -> None:
    """20,000 straight double quotes (20 KB), as in a broken export or an ASCII-art rule: one
    "word" that spaCy's tokenizer splits in time that grows with the square of its length."""
    _extract_within('"' * 20_000, BUDGET)


def test_a_run_on_line_without_punctuation_is_cut_into_sentences(nlp) -> None:
    """'according to ' 2,000 times: no mark to cut at, so the line is cut at any word."""
    text = "according to " * 2_000
    result = quoteattr.extract(text, nlp=nlp)
    for a in result.quotes:
        assert a.content.text == " ".join(text[s:e] for s, e in a.content.spans)
    doc = nlp(text)
    assert max(len(s) for s in doc.sents) <= 2 * quoteattr.parse.paragraphs.MAX_SENTENCE + 2
