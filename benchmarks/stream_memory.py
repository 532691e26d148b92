"""Does ``quoteattr extract`` stream? Peak memory while N synthetic news documents go through it.

Generates N short, varied news documents (direct and broken quotations, "said that"
reported speech, denials, accusations, "according to" and "told Reuters" sources,
scare quotes, datelines, filler with numbers) into a temporary JSONL file, runs the
command's own code in this process (``quoteattr.cli.main(["extract", ..., "--output",
TMP])``) and notes the process's memory after the model is loaded and then at
checkpoints (after 100 and 1,000 documents, every ``--every`` documents, and at the
end). If the command streams, the resident memory stays flat once the first batches
are done, however many documents follow.

    python benchmarks/stream_memory.py --docs 1000
    python benchmarks/stream_memory.py --docs 10000

The peak is the high-water mark of the resident set (``resource.getrusage``); the
current resident set comes from psutil (or /proc) when available. Exit status 0 when
the run succeeded and wrote one record per document.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from quoteattr import api, cli
from quoteattr.io import writers

FIRST = (
    "Ana Maria John Li Wei Fatima Ahmed Olga Pedro Sarah Kim Jong Hassan Elena Rahul Chen Grace Omar Ingrid "
    "Tomas Aisha Daniel Yuki Carlos Amina Peter Lucia Sergei Nadia Kwame Priya Jonas Leila Marco Hana"
).split()
LAST = (
    "Duarte Novak Smith Zhang Haddad Petrov Moreno Okafor Tanaka Schmidt Rossi Khan Silva Ivanova Mensah "
    "Gupta Larsen Ortiz Nguyen Cohen Mahmoud Dubois Kowalski Alvarez Sato Becker Osei Kaur Lindqvist Ferreira"
).split()
TITLES = (
    "Prime Minister",
    "Foreign Minister",
    "President",
    "Finance Minister",
    "Senator",
    "Governor",
    "Mayor",
    "General",
)
ROLES = (
    "a spokesperson for the ministry",
    "the company's chief executive",
    "an opposition leader",
    "a senior aide",
)
ORGS = ("The ministry", "The central bank", "The company", "The army", "Police", "The foreign ministry")
OUTLETS = ("Reuters", "the BBC", "Al Jazeera", "the Associated Press", "AFP", "CNN")
PLACES = ("LONDON", "NAIROBI", "BRASILIA", "TOKYO", "BERLIN", "LAGOS", "MANILA", "OTTAWA")
TOPICS = ("the budget", "the ceasefire", "the trade deal", "the election", "the merger", "the strike")
CLAIMS = ("any wrongdoing", "the allegations", "the report", "that it had paid the rebels")
WRONGS = ("lying about the figures", "stealing the election", "blocking the talks", "hiding the losses")
QUOTES = (
    "We will not be intimidated",
    "This is a dark day for our country",
    "The talks were very useful",
    "Nobody is above the law",
    "We have done nothing wrong",
    "There is no truth to these allegations",
    "We expect growth to return next year",
    "The people deserve answers",
)
CLAUSES = (
    "the economy would recover by {month}",
    "{n} people had been detained",
    "prices had risen {p} percent since {month}",
    "the government was ready to negotiate",
    "talks on {topic} would resume within {n} days",
)
MONTHS = ("January", "March", "May", "July", "September", "November")
TIMES = ("on Monday", "on Tuesday", "in a statement", "late on Friday", "at a news conference", "")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        month=rng.choice(MONTHS),
        n=rng.randint(2, 900),
        p=round(rng.uniform(0.1, 12.0), 1),
        topic=rng.choice(TOPICS),
    )


def synthetic_document(rng: random.Random, number: int, sentences: int = 4) -> dict[str, object]:
    """One short news document with quotations and reported speech, as a JSONL record."""
    speaker, other = _name(rng), _name(rng)
    surname = speaker.split()[-1]
    title, when = rng.choice(TITLES), rng.choice(TIMES)
    quote, clause = rng.choice(QUOTES), _fill(rng, rng.choice(CLAUSES))
    pieces = [
        f'"{quote}," {title} {speaker} said {when}.'.replace(" .", "."),
        f"{speaker}, {rng.choice(ROLES)}, said that {clause}.",
        f'"{rng.choice(QUOTES)}," {surname} said. "{rng.choice(QUOTES)}."',
        f"{rng.choice(ORGS)} denied {rng.choice(CLAIMS)}, according to {rng.choice(OUTLETS)}.",
        f"{other} accused {speaker} of {rng.choice(WRONGS)}.",
        f"{other} told {rng.choice(OUTLETS)} that {_fill(rng, rng.choice(CLAUSES))}.",
        f'{surname} described {rng.choice(TOPICS)} as "{rng.choice(("historic", "a mistake", "unfair"))}".',
        f"The index rose {round(rng.uniform(0.1, 9.9), 1)} percent in {rng.choice(MONTHS)}.",
        f"Some {rng.randint(100, 90000)} people attended the rally in the capital.",
    ]
    body = [pieces[0], *rng.sample(pieces[1:], k=max(sentences - 1, 0))]
    text = " ".join(body)
    if rng.random() < 0.3:
        text = f"{rng.choice(PLACES)} (Reuters) - {text}"
    record: dict[str, object] = {"id": f"doc-{number:06d}", "text": text}
    if rng.random() < 0.2:
        record["publisher"] = rng.choice(("Reuters", "Al Jazeera", "BBC"))
    return record


def synthetic_corpus(count: int, seed: int = 1, sentences: int = 4) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    for number in range(1, count + 1):
        yield synthetic_document(rng, number, sentences)


# -- memory ----------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """The high-water mark of this process's resident set, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def current_rss_mb() -> float | None:
    """This process's resident set now, in MiB (psutil, else /proc), or None."""
    try:
        import psutil

        return psutil.Process().memory_info().rss / (1024 * 1024)
    except ImportError:
        pass
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return None


def checkpoints(total: int, every: int) -> list[int]:
    marks = {n for n in (100, 1000) if n < total} | set(range(every, total, every)) | {total}
    return sorted(mark for mark in marks if mark > 0)


def run(docs: int, every: int, batch_size: int, sentences: int, seed: int, model: str | None) -> int:
    rows: list[tuple[str, int, float | None, float, float]] = []
    started = time.perf_counter()
    api.pipeline(model)  # loaded before the first checkpoint, so the model's memory is the baseline
    rows.append(("model loaded", 0, current_rss_mb(), peak_rss_mb(), 0.0))
    marks = set(checkpoints(docs, every))

    class CheckpointWriter(writers.JsonlWriter):
        written = 0
        began = 0.0

        def begin(self) -> None:
            super().begin()
            CheckpointWriter.began = time.perf_counter()

        def write(self, result) -> None:
            super().write(result)
            CheckpointWriter.written += 1
            if CheckpointWriter.written in marks:
                elapsed = time.perf_counter() - CheckpointWriter.began
                rate = CheckpointWriter.written / elapsed if elapsed > 0 else 0.0
                rows.append(("", CheckpointWriter.written, current_rss_mb(), peak_rss_mb(), rate))

    with tempfile.TemporaryDirectory(prefix="quoteattr-bench-") as folder:
        source, target = Path(folder) / "corpus.jsonl", Path(folder) / "out.jsonl"
        with source.open("w", encoding="utf-8") as stream:  # written as generated: no list of documents
            for record in synthetic_corpus(docs, seed, sentences):
                stream.write(json.dumps(record) + "\n")
        argv = ["extract", str(source), "--format", "jsonl", "--output", str(target), "--quiet"]
        argv += ["--batch-size", str(batch_size)] + (["--model", model] if model else [])
        saved = writers.WRITERS["jsonl"]
        writers.WRITERS["jsonl"] = CheckpointWriter
        try:
            status = cli.main(argv)
        finally:
            writers.WRITERS["jsonl"] = saved
        with target.open("rb") as stream:
            records = sum(1 for _ in stream)
        input_mb = source.stat().st_size / (1024 * 1024)
    total = time.perf_counter() - started

    print(
        f"quoteattr extract: {docs:,} synthetic documents ({input_mb:.1f} MiB of JSONL), batch {batch_size}"
    )
    print(f"{'checkpoint':<14}{'documents':>10}{'RSS now MiB':>14}{'peak RSS MiB':>14}{'docs/s':>9}")
    for label, count, now, peak, rate in rows:
        shown = f"{now:.1f}" if now is not None else "-"
        print(
            f"{label or 'after':<14}{count:>10,}{shown:>14}{peak:>14.1f}{(f'{rate:.1f}' if rate else '-'):>9}"
        )
    by_count = {count: (now, peak) for _, count, now, peak, _ in rows}
    if 1000 in by_count and docs > 1000:
        (now_k, peak_k), (now_end, peak_end) = by_count[1000], by_count[docs]
        print(
            f"from 1,000 to {docs:,} documents: peak RSS {peak_end - peak_k:+.1f} MiB"
            + (f", RSS now {now_end - now_k:+.1f} MiB" if now_k is not None and now_end is not None else "")
        )
    print(f"exit status {status}, {records:,} records written, {total:.0f} s in all")
    return 0 if status == 0 and records == docs else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="how many documents (default: 1000)")
    parser.add_argument(
        "--every", type=int, default=1000, help="a checkpoint every N documents (default: 1000)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=32, help="quoteattr extract --batch-size (default: 32)"
    )
    parser.add_argument("--sentences", type=int, default=4, help="sentences a document (default: 4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the documents (default: 1)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: quoteattr's)")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.every < 1:
        parser.error("--docs and --every must be 1 or more")
    return run(args.docs, args.every, args.batch_size, args.sentences, args.seed, args.model)


if __name__ == "__main__":
    sys.exit(main())
