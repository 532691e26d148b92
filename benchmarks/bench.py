"""Speed of quoteattr against bare spaCy parsing of the same texts, in the same run.

    python benchmarks/bench.py --polnear ../shared/data/polnear      # PolNeAR dev texts
    python benchmarks/bench.py --seed-copies 40                      # the seed article, repeated

Prints, for each system, documents and words per second and its cost as a ratio of the
bare parse (the floor: every quoteattr run parses), then how the cost grows with the
length of one document (a document 16 times longer should cost at most 20 times as much)
and what a second process buys (``--n-process 2`` against 1).

PolNeAR is not part of the project: pass the folder that holds ``train/`` and ``dev/``.
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time
from pathlib import Path

import spacy

import quoteattr
from quoteattr.parse.model import resolve_model_name

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a13e1db2e670e016.txt"


def polnear_texts(root: Path, split: str) -> list[str]:
    folder = root / split / "text"
    if not folder.is_dir():
        sys.exit(f"bench.py: no PolNeAR texts at {folder}")
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def timed(run) -> float:
    gc.collect()
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def best_of(repeats: int, run) -> float:
    return min(timed(run) for _ in range(repeats))


def alternating(repeats: int, runs: dict[str, object]) -> dict[str, float]:
    """The best of ``repeats`` timings of each run, taken in turns after one untimed warm-up
    round, so that a machine that speeds up or slows down over the minutes favours none."""
    for run in runs.values():
        run()
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            best[name] = min(best[name], timed(run))
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, help="PolNeAR folder (with train/ and dev/)")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--seed-copies", type=int, default=40, help="without --polnear: the seed article N times")
    ap.add_argument("--model", help="spaCy pipeline (default: quoteattr's choice)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeats", type=int, default=2, help="best of N timings")
    ap.add_argument("--skip-processes", action="store_true", help="leave out the two-process figure")
    args = ap.parse_args(argv)

    texts = (
        polnear_texts(args.polnear, args.split)
        if args.polnear
        else [SEED.read_text("utf-8")] * args.seed_copies
    )
    model = resolve_model_name(args.model)
    bare = spacy.load(model)
    nlp = quoteattr.load(model)
    words = sum(len(t.split()) for t in texts)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"spaCy {spacy.__version__}, model {model}"
    )
    print(f"texts: {len(texts)} documents, {words} words\n")

    best = alternating(
        args.repeats,
        {
            "parse": lambda: list(bare.pipe(texts, batch_size=args.batch_size)),
            "full": lambda: list(quoteattr.extract_many(texts, nlp=nlp, batch_size=args.batch_size)),
        },
    )
    parse, full = best["parse"], best["full"]
    docs = list(bare.pipe(texts, batch_size=args.batch_size))
    from textacy.extract.triples import direct_quotations

    failures: list[int] = []

    def textacy_quotes(doc) -> list:
        try:
            return list(direct_quotations(doc))
        except ValueError:  # it gives up on a document with an unclosed quotation
            failures.append(1)
            return []

    textacy = parse + best_of(args.repeats, lambda: [textacy_quotes(d) for d in docs])

    print(f"{'system':<34}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'ratio':>8}")
    for name, seconds in (
        ("bare spaCy parse (nlp.pipe)", parse),
        ("quoteattr (extract_many)", full),
        ("textacy direct_quotations + parse", textacy),
    ):
        print(
            f"{name:<34}{seconds:>9.2f}{len(texts) / seconds:>9.1f}{words / seconds:>10.0f}"
            f"{seconds / parse:>8.3f}"
        )
    print(f"\nratio quoteattr / bare parse: {full / parse:.3f}")
    if failures:
        print(
            f"(textacy gave up on {len(failures) // args.repeats} of {len(texts)} documents: "
            "unclosed quotations)"
        )

    one = max(texts, key=len) if args.polnear else texts[0]
    paragraphs = [p for p in one.split("\n") if p.strip()]
    long = "\n\n".join(paragraphs * 16)
    short_cost = best_of(args.repeats, lambda: quoteattr.extract(one, nlp=nlp))
    long_cost = best_of(args.repeats, lambda: quoteattr.extract(long, nlp=nlp))
    print(
        f"\none document of {len(one.split())} words: {short_cost:.3f} s; 16 times longer: {long_cost:.3f} s "
        f"({long_cost / short_cost:.1f} times; at most 20 wanted)"
    )

    if not args.skip_processes:
        one_proc = timed(lambda: list(quoteattr.extract_many(texts, nlp=nlp, batch_size=args.batch_size)))
        two_proc = timed(
            lambda: list(quoteattr.extract_many(texts, nlp=nlp, batch_size=args.batch_size, n_process=2))
        )
        print(
            f"\n1 process: {len(texts) / one_proc:.1f} docs/s; "
            f"2 processes: {len(texts) / two_proc:.1f} docs/s "
            f"({one_proc / two_proc:.2f} times; at least 1.6 wanted on two cores)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
