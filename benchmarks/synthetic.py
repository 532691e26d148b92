"""Varied synthetic news text from a fixed seed, for the robustness benchmark and the
large-input tests (``tests/test_large_inputs.py`` imports it; pytest puts this folder on
its path).

Direct, split and mixed quotations, reported speech, denials and accusations, reporting
sources, datelines and sentences with no attribution, in paragraphs; headlines and
one-sentence paragraphs for one-line texts. The names, claims and quotations are made
up.

>>> big_document(300, seed=1) == big_document(300, seed=1)
True
"""

from __future__ import annotations

import random

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


def paragraphs(chars: int, seed: int = 0) -> list[str]:
    """Paragraphs of news, ``chars`` characters of them once joined by blank lines."""
    rng = random.Random(seed)
    found: list[str] = []
    total = 0
    while total < chars:
        found.append(paragraph(rng))
        total += len(found[-1]) + 2
    return found


def big_document(chars: int, seed: int = 0) -> str:
    """Paragraphs separated by blank lines until ``chars`` characters."""
    return "\n\n".join(paragraphs(chars, seed))


def one_line_paragraphs(count: int, seed: int = 1) -> str:
    """``count`` lines, each a paragraph: half headlines, half one-sentence paragraphs."""
    rng = random.Random(seed)
    return "\n".join(rng.choice(HEADLINES) if rng.random() < 0.5 else sentence(rng) for _ in range(count))
