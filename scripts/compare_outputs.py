"""Snapshot quoteattr's JSONL output on fixed corpora, and compare two snapshots byte for byte.

A refactoring must not change what quoteattr writes. Take a snapshot before, another
after, and compare them:

    python scripts/compare_outputs.py snapshot /tmp/before --polnear ../shared/data/polnear \\
        --gold ../shared/gold/claims_dev.jsonl --gold ../shared/gold/seed.jsonl
    # ... change the code ...
    python scripts/compare_outputs.py snapshot /tmp/after  (same corpora)
    python scripts/compare_outputs.py compare /tmp/before /tmp/after

Each corpus is written as ``<name>.input.jsonl`` and run through ``quoteattr extract
--format jsonl`` (the command line, exactly as users and ``score.py`` run it) into
``<name>.jsonl``. ``compare`` reports every record that differs, with the first
differing key, and exits 1 when any does. Corpora are read from the paths given (the
PolNeAR texts are not copied into the project); the snapshots go where you say.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a13e1db2e670e016.txt"


def polnear_docs(root: Path, split: str) -> list[dict]:
    folder = root / split / "text"
    if not folder.is_dir():
        sys.exit(f"compare_outputs.py: no PolNeAR texts at {folder}")
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(folder.glob("*.txt"))]


def gold_docs(path: Path) -> list[dict]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        doc = json.loads(line)
        if "text_file" in doc:
            doc["text"] = (path.parent / doc["text_file"]).read_text(encoding="utf-8")
        docs.append({"id": doc.get("id", f"{path.stem}-{n}"), "text": doc["text"]})
    return docs


def snapshot(out: Path, corpora: dict[str, list[dict]], cmd: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, docs in corpora.items():
        source = out / f"{name}.input.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        target = out / f"{name}.jsonl"
        argv = [*shlex.split(cmd), "extract", str(source), "--format", "jsonl", "--output", str(target)]
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr[-2000:]}")
        print(f"{name}: {len(docs)} documents -> {target}")


def _first_difference(a, b, path: str = "") -> str:
    if type(a) is not type(b):
        return f"{path or '.'}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'after' if key in b else 'before'}"
            if a[key] != b[key]:
                return _first_difference(a[key], b[key], f"{path}.{key}")
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
    return f"{path or '.'}: {a!r} != {b!r}"


def compare(before: Path, after: Path, ignore: list[str]) -> int:
    differing = 0
    for old in sorted(before.glob("*.jsonl")):
        if old.name.endswith(".input.jsonl"):
            continue
        new = after / old.name
        if not new.exists():
            print(f"{old.name}: missing in {after}")
            differing += 1
            continue
        old_lines = old.read_text(encoding="utf-8").splitlines()
        new_lines = new.read_text(encoding="utf-8").splitlines()
        if len(old_lines) != len(new_lines):
            print(f"{old.name}: {len(old_lines)} records before, {len(new_lines)} after")
            differing += 1
        same = 0
        for x, y in zip(old_lines, new_lines, strict=False):
            if x == y:
                same += 1
                continue
            a, b = json.loads(x), json.loads(y)
            for key in ignore:
                a.pop(key, None)
                b.pop(key, None)
            if a == b and ignore:
                same += 1
                continue
            differing += 1
            print(f"{old.name} id={a.get('id')}: {_first_difference(a, b)}")
        print(f"{old.name}: {same} of {len(old_lines)} records identical")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("snapshot", help="run quoteattr over the corpora into a folder")
    take.add_argument("out", type=Path)
    take.add_argument("--polnear", type=Path, help="PolNeAR root (its dev split is run)")
    take.add_argument("--split", action="append", help="PolNeAR split(s), default dev")
    take.add_argument("--gold", type=Path, action="append", default=[], help="a gold JSONL file's texts")
    take.add_argument("--cmd", default="quoteattr", help="the command that runs quoteattr's CLI")
    check = commands.add_parser("compare", help="compare two snapshot folders record by record")
    check.add_argument("before", type=Path)
    check.add_argument("after", type=Path)
    check.add_argument("--ignore", action="append", default=[], help="a top-level key not compared")
    args = parser.parse_args(argv)
    if args.command == "compare":
        return compare(args.before, args.after, args.ignore)
    corpora = {"seed": [{"id": SEED.name, "text": SEED.read_text(encoding="utf-8")}]}
    for path in args.gold:
        corpora[path.stem] = gold_docs(path)
    if args.polnear:
        for split in args.split or ["dev"]:
            corpora[f"polnear_{split}"] = polnear_docs(args.polnear, split)
    snapshot(args.out, corpora, args.cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
