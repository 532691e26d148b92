"""Full-size robustness cases: a 5 MB document and 50,000 one-line paragraphs through ``quoteattr.extract``.

Not a test (``make test`` runs the small versions in ``tests/test_large_inputs.py``).
Each case runs in a fresh child process, so that its peak resident memory
(``ru_maxrss``) is its own; the script prints, for each case, the text's size, the
wall time of ``extract``, the peak RSS and its growth over the RSS after loading the
pipeline, and how many attributions were found, then checks every offset. It exits
non-zero if any case raises, is killed, exceeds ``--timeout`` or ``--memory-limit``, or
returns an offset that does not slice back out of its text.

    python benchmarks/robustness.py                 # both cases
    python benchmarks/robustness.py --case lines    # one
    python benchmarks/robustness.py --size-mb 1     # a smaller document

The texts are generated from a fixed seed: varied news paragraphs (direct, split and
mixed quotations, reported speech, denials and accusations, reporting sources,
datelines, sentences with no attribution) and, for the one-line case, headlines and
one-sentence paragraphs.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from synthetic import big_document, one_line_paragraphs

MB = 2**20


def bad_offsets(text: str, result) -> list[str]:
    """Every span of ``result`` that does not slice back out of ``text`` (at most ten)."""
    bad = []

    def check(what: str, start, end, span_text) -> None:
        if not (0 <= start <= end <= len(text)) or text[start:end] != span_text:
            bad.append(f"{what} {start}:{end} {span_text!r:.60}")

    for a in result.quotes:
        for start, end in a.content.spans:
            check("content", start, end, text[start:end])
        if a.content.text != " ".join(text[s:e] for s, e in a.content.spans):
            bad.append(f"content text {a.content.text!r:.60}")
        for q in a.quotes:
            check("quote", q.start, q.end, q.text)
        parts = {"cue": a.cue, "speaker": a.speaker, "source": a.source, "target": a.target}
        for what, part in parts.items():
            if part is not None and part.start is not None:
                check(what, part.start, part.end, part.text)
    for s in result.speakers:
        for m in s.mentions:
            check("mention", m.start, m.end, m.text)
    return bad[:10]


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def run_case(case: str, size_mb: float, lines: int) -> dict:
    """In the child: load, make the text, extract, check; a JSON-able summary."""
    import quoteattr

    nlp = quoteattr.load()
    quoteattr.extract(big_document(5_000), nlp=nlp)  # warm up
    text = big_document(int(size_mb * 1_000_000)) if case == "5mb" else one_line_paragraphs(lines)
    base = _rss()
    start = time.perf_counter()
    result = quoteattr.extract(text, nlp=nlp)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "case": case,
        "chars": len(text),
        "paragraphs": text.count("\n\n") + 1 if case == "5mb" else text.count("\n") + 1,
        "wall_s": round(wall, 1),
        "chars_per_s": round(len(text) / wall),
        "peak_rss_mb": round(peak / MB),
        "peak_growth_mb": round((peak - base) / MB),
        "base_rss_mb": round(base / MB),
        "attributions": len(result.quotes),
        "bad_offsets": bad_offsets(text, result),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=["5mb", "lines", "all"], default="all")
    parser.add_argument("--size-mb", type=float, default=5.0, help="size of the big document (default 5)")
    parser.add_argument("--lines", type=int, default=50_000, help="one-line paragraphs (default 50,000)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a case may take (default 1800)")
    parser.add_argument(
        "--memory-limit-gb",
        type=float,
        default=16,
        help="address-space limit of a case's process, so that a runaway parse fails with MemoryError "
        "instead of bringing the machine down (default 16)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        limit = int(args.memory_limit_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        print(json.dumps(run_case(args.case, args.size_mb, args.lines)))
        return 0

    cases = ["5mb", "lines"] if args.case == "all" else [args.case]
    failed = False
    for case in cases:
        command = [
            sys.executable, __file__, "--child", "--case", case, "--size-mb", str(args.size_mb),
            "--lines", str(args.lines), "--memory-limit-gb", str(args.memory_limit_gb),
        ]  # fmt: skip
        label = f"{args.size_mb:g} MB document" if case == "5mb" else f"{args.lines:,} one-line paragraphs"
        print(f"== {label}", flush=True)
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"   FAILED: did not finish in {args.timeout:.0f} s")
            failed = True
            continue
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            print(f"   FAILED: exit status {done.returncode} after {elapsed:.0f} s")
            print("   " + "\n   ".join(done.stderr.strip().splitlines()[-15:]))
            failed = True
            continue
        out = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"   {out['chars']:,} characters, {out['paragraphs']:,} paragraphs\n"
            f"   extract: {out['wall_s']:.1f} s wall ({out['chars_per_s']:,} characters/s), "
            f"{out['attributions']:,} attributions\n"
            f"   peak RSS: {out['peak_rss_mb']:,} MB ({out['peak_growth_mb']:+,} MB over "
            f"{out['base_rss_mb']:,} MB after loading and generating the text)"
        )
        if out["bad_offsets"]:
            print("   FAILED: offsets that do not slice back out of the text:")
            print("   " + "\n   ".join(out["bad_offsets"]))
            failed = True
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
