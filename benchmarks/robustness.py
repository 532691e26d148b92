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
import random
import resource
import subprocess
import sys
import time

MB = 2**20

NAMES = [
    "Ana Duarte", "Lucia Ferreira", "Tomas Berg", "Amina Yusuf", "Chen Wei", "Olga Petrova", "José Álvarez",
    "Kim Jong Un", "Vladimir Putin", "Peter Hahn", "Anna Roth", "Sipho Ndlovu", "Maria Santos", "Ivan Horvat",
]  # fmt: skip
TITLES = ["Prime Minister", "Mayor", "Foreign Minister", "spokeswoman", "President", "Senator", "councillor"]
OUTLETS = ["Reuters", "the BBC", "Al Jazeera", "AP", "KCNA", "AFP", "the Financial Times"]
QUOTES = [
    "We will not be intimidated", "It will take two years", "very satisfied", "Not once",
    "This is a historic day for the region", "We reject these lies", "The bridge is safe",
    "Nobody told us anything about the cracks", "We cannot wait another winter", "a serious mistake",
]  # fmt: skip
CLAIMS = [
    "the talks had failed", "the bridge would reopen in May", "prices would rise again",
    "the army had withdrawn from the border", "no decision had been made", "the council ignored the warnings",
    "the election would go ahead as planned", "the company had met all safety rules",
]  # fmt: skip
CHARGES = ["hostile acts", "corruption", "breaking the ceasefire", "misleading voters", "hiding the losses"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SENTENCES = [
    '"{q}," {t} {n} said on {d}.',
    "“{q},” {n} told reporters. “{q2}.”",
    '"{q}," {n} said, "but {c}."',
    "{n} said that {c}.",
    "{n} said {c}, describing the plan as “{q}”.",
    "According to {o}, {c}.",
    "{n} denied that {c}, calling the report “{q}”.",
    "The ministry rejected the claim that {c}.",
    "{n} accused {n2} of {g}.",
    "In an interview with {o}, {t} {n} said the government was “{q}”.",
    "{C}, {o} reported on {d}.",
    "‘{q},’ said {n}, adding that {c}.",
    "«{q}», {n} said.",
    "He was quoted as saying that {c}.",
    "The bridge, built in 1932, carries 40,000 vehicles a day — more than any other in the region.",
    "Residents have complained for years that repairs were delayed.",
    "The final figure will not be known until the tender closes in the autumn.",
    "Shares fell 3.2% in early trading in New York.",
]
HEADLINES = [
    "Minister says talks failed", "Police chief denies cover-up", "Bridge to reopen in May",
    "Mayor accuses council of delay", "Prices rise again, data show", "Army withdraws from border",
    "LIVE: Election results", "Opinion: Why the bridge matters", "Photos: Floods in the south",
]  # fmt: skip


def sentence(rng: random.Random) -> str:
    n, n2 = rng.sample(NAMES, 2)
    claim = rng.choice(CLAIMS)
    return rng.choice(SENTENCES).format(
        q=rng.choice(QUOTES), q2=rng.choice(QUOTES), t=rng.choice(TITLES), n=n, n2=n2, c=claim,
        C=claim[0].upper() + claim[1:], o=rng.choice(OUTLETS), g=rng.choice(CHARGES), d=rng.choice(DAYS),
    )  # fmt: skip


def paragraph(rng: random.Random) -> str:
    text = " ".join(sentence(rng) for _ in range(rng.randint(1, 6)))
    if rng.random() < 0.03:
        text = f"{rng.choice(['LAGOS', 'WASHINGTON', 'SEOUL'])} ({rng.choice(['Reuters', 'AP'])}) - {text}"
    return text


def big_document(chars: int, seed: int = 0) -> str:
    """Paragraphs separated by blank lines until ``chars`` characters."""
    rng = random.Random(seed)
    paragraphs, total = [], 0
    while total < chars:
        paragraphs.append(paragraph(rng))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def one_line_paragraphs(count: int, seed: int = 1) -> str:
    """``count`` lines, each a paragraph: half headlines, half one-sentence paragraphs."""
    rng = random.Random(seed)
    return "\n".join(rng.choice(HEADLINES) if rng.random() < 0.5 else sentence(rng) for _ in range(count))


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
