"""Tests for quoteattr.find.quotes: marks paired into quotations, offsets checked through the text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quoteattr.find.quotes import Quotation, find_quotations

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a13e1db2e670e016.txt"


def inner_texts(text: str, quotation: Quotation) -> list[str]:
    return [text[start:end] for start, end in quotation.inner]


def segment_texts(text: str, quotation: Quotation) -> list[str]:
    return [text[start:end] for start, end in quotation.segments]


def only_quotation(text: str) -> Quotation:
    quotations = find_quotations(text)
    assert len(quotations) == 1, quotations
    return quotations[0]


# Marks


@pytest.mark.parametrize(
    ("text", "segment", "inner", "double"),
    [
        ('"We are ready," he said.', '"We are ready,"', "We are ready,", True),
        ("“We are ready,” he said.", "“We are ready,”", "We are ready,", True),
        ("„We are ready,” he said.", "„We are ready,”", "We are ready,", True),
        ("„Wir sind bereit“, sagte er.", "„Wir sind bereit“", "Wir sind bereit", True),
        ("«We are ready», he said.", "«We are ready»", "We are ready", True),
        ("»Wir sind bereit«, sagte er.", "»Wir sind bereit«", "Wir sind bereit", True),
        ("'We are ready,' he said.", "'We are ready,'", "We are ready,", False),
        ("‘We are ready,’ he said.", "‘We are ready,’", "We are ready,", False),
        ("‹We are ready›, he said.", "‹We are ready›", "We are ready", False),
        ("''We are ready,'' he said.", "''We are ready,''", "We are ready,", True),
        ("``We are ready,'' he said.", "``We are ready,''", "We are ready,", True),
    ],
)
def test_each_kind_of_mark_makes_a_quotation(text: str, segment: str, inner: str, double: bool) -> None:
    quotation = only_quotation(text)
    assert segment_texts(text, quotation) == [segment]
    assert inner_texts(text, quotation) == [inner]
    assert (quotation.closed, quotation.depth, quotation.double) == (True, 0, double)
    assert (quotation.start, quotation.end) == quotation.segments[0]


def test_two_apostrophe_mark_is_one_mark_of_two_characters() -> None:
    text = "''It is going to take a lot more,'' he said."
    quotation = only_quotation(text)
    assert quotation.segments == ((0, 35),)
    assert quotation.inner == ((2, 33),)
    assert text[33:35] == "''"


def test_two_apostrophes_keep_their_meaning_before_an_elided_word() -> None:
    text = "''Til next time,'' he said."
    assert inner_texts(text, only_quotation(text)) == ["Til next time,"]


def test_misused_curly_marks_take_their_direction_from_context() -> None:
    text = "”We will win,” he said. She said: “Never“ and left."
    first, second = find_quotations(text)
    assert inner_texts(text, first) == ["We will win,"]
    assert inner_texts(text, second) == ["Never"]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("« Not once », the minister said.", "Not once"),  # French spacing
        ("“Not once ”, the minister said.", "Not once"),
        ("“Not once ”; the minister left.", "Not once"),
        ("She said: « Jamais ».", "Jamais"),
        ('" Not once ", the minister said.', "Not once"),
    ],
)
def test_closer_after_a_space_before_punctuation_closes(text: str, inner: str) -> None:
    assert inner_texts(text, only_quotation(text)) == [inner]


def test_opener_before_an_ellipsis_still_opens() -> None:
    text = "He said “...we will win” and left."
    assert inner_texts(text, only_quotation(text)) == ["...we will win"]


def test_ambiguous_straight_marks_toggle() -> None:
    text = 'He said " yes " and then " no " twice.'
    first, second = find_quotations(text)
    assert inner_texts(text, first) == ["yes"]  # white space inside the marks is not quoted
    assert inner_texts(text, second) == ["no"]


def test_straight_marks_glued_between_words_toggle() -> None:
    text = 'He said "Yes""No" twice.'
    first, second = find_quotations(text)
    assert inner_texts(text, first) == ["Yes"]
    assert inner_texts(text, second) == ["No"]


# Apostrophes and possessives


@pytest.mark.parametrize(
    "text",
    [
        "N Korea’s Kim wishes Russia’s Putin well.",
        "I don't know and won't say.",
        "The two countries’ deepening relationship.",
        "They oppose the imperialists’ persistent policy.",
        "They played rock 'n' roll and rock ’n’ roll all night.",
        "Back in the '90s and the ’60s, rock'n'roll was loud.",
        "Tell ’em and tell 'em again.",
        "Wait 'til tomorrow, 'cause it's late.",
        "It was five o'clock, Ma'am, said O’Brien.",
        "Y’all know the Joneses' house.",
        "'Tis the season, ’twas the night.",
    ],
)
def test_apostrophes_open_and_close_nothing(text: str) -> None:
    assert find_quotations(text) == []


def test_apostrophes_inside_a_single_quotation_do_not_close_it() -> None:
    text = "‘Rock ’n’ roll in the ’90s? Y’all don't know, O’Brien,’ he said."
    quoted = "Rock ’n’ roll in the ’90s? Y’all don't know, O’Brien,"
    assert inner_texts(text, only_quotation(text)) == [quoted]


def test_apostrophes_inside_a_straight_single_quotation_do_not_close_it() -> None:
    text = "'Rock 'n' roll? I don't like 'em,' he said."
    assert inner_texts(text, only_quotation(text)) == ["Rock 'n' roll? I don't like 'em,"]


def test_possessive_inside_a_single_quotation_is_skipped_for_a_later_closer() -> None:
    text = "He praised ‘the countries’ leaders’ and left."
    assert inner_texts(text, only_quotation(text)) == ["the countries’ leaders"]


def test_possessives_ending_each_next_word_are_all_skipped() -> None:
    text = "He praised ‘the workers’ unions’ leaders’ and left."
    assert inner_texts(text, only_quotation(text)) == ["the workers’ unions’ leaders"]


def test_possessive_is_skipped_with_straight_marks_too() -> None:
    text = "He praised 'the countries' leaders'."
    assert inner_texts(text, only_quotation(text)) == ["the countries' leaders"]


def test_closer_after_s_is_taken_when_a_new_opener_follows() -> None:
    text = "He denounced ‘imperialists’ and ‘puppets’."
    first, second = find_quotations(text)
    assert inner_texts(text, first) == ["imperialists"]
    assert inner_texts(text, second) == ["puppets"]


def test_closer_after_s_is_taken_when_only_possessives_follow() -> None:
    text = "He denounced the ‘imperialists’ and praised the two countries’ ties."
    assert inner_texts(text, only_quotation(text)) == ["imperialists"]


def test_closer_after_s_before_punctuation_is_taken() -> None:
    text = "He denounced the ‘imperialists’, praising the two countries’ ties."
    assert inner_texts(text, only_quotation(text)) == ["imperialists"]


def test_closer_after_a_letter_other_than_s_is_the_nearest() -> None:
    text = "‘We’re goin’ home,’ he said."
    assert inner_texts(text, find_quotations(text)[0]) == ["We’re goin"]


def test_apostrophe_in_a_double_quotation_closes_nothing() -> None:
    text = "Kim wishing Putin victory over “imperialists’ anti-Russia scheme” and both men"
    assert inner_texts(text, only_quotation(text)) == ["imperialists’ anti-Russia scheme"]


def test_headline_with_single_quotes_and_possessives() -> None:
    text = "N Korea’s Kim Wishes Russia’s Putin Victory Against ‘Imperialists’"
    quotation = only_quotation(text)
    assert inner_texts(text, quotation) == ["Imperialists"]
    assert not quotation.double


# Nesting


def test_single_inside_double() -> None:
    text = "\"He said 'no' twice,\" she said."
    outer, nested = find_quotations(text)
    assert inner_texts(text, outer) == ["He said 'no' twice,"]
    assert (outer.depth, outer.double) == (0, True)
    assert inner_texts(text, nested) == ["no"]
    assert (nested.depth, nested.double) == (1, False)


def test_double_inside_single_british_style() -> None:
    text = "‘He called it “fake”,’ she said."
    outer, nested = find_quotations(text)
    assert inner_texts(text, outer) == ["He called it “fake”,"]
    assert (outer.depth, outer.double) == (0, False)
    assert inner_texts(text, nested) == ["fake"]
    assert (nested.depth, nested.double) == (1, True)


def test_three_levels_sorted_by_start_then_depth() -> None:
    text = "“She told me ‘they shouted “go” at us’,” he said, “twice.”"
    quotations = find_quotations(text)
    assert [inner_texts(text, q) for q in quotations] == [
        ["She told me ‘they shouted “go” at us’,"],
        ["they shouted “go” at us"],
        ["go"],
        ["twice."],
    ]
    assert [q.depth for q in quotations] == [0, 1, 2, 0]
    assert [q.start for q in quotations] == sorted(q.start for q in quotations)


def test_nyt_marks_with_a_nested_single_quotation() -> None:
    text = "''Most people think the country is on the 'wrong track.'.'' he said."
    outer, nested = find_quotations(text)
    assert segment_texts(text, outer) == ["''Most people think the country is on the 'wrong track.'.''"]
    assert inner_texts(text, outer) == ["Most people think the country is on the 'wrong track.'."]
    assert inner_texts(text, nested) == ["wrong track."]
    assert (nested.depth, nested.double) == (1, False)


def test_three_apostrophes_close_the_single_then_the_double() -> None:
    text = "''He told me 'no.''' she said."
    outer, nested = find_quotations(text)
    assert segment_texts(text, outer) == ["''He told me 'no.'''"]
    assert segment_texts(text, nested) == ["'no.'"]


def test_double_marks_never_nest_inside_double_marks() -> None:
    text = "“Hello, he said. “Goodbye,” she said."
    first, second = find_quotations(text)
    assert segment_texts(text, first) == ["“Hello, he said."]
    assert not first.closed
    assert inner_texts(text, second) == ["Goodbye,"]
    assert (second.closed, second.depth) == (True, 0)


def test_depth_ignores_a_dropped_single_opener() -> None:
    text = "He said ’hello, “world” and left."
    quotation = only_quotation(text)
    assert inner_texts(text, quotation) == ["world"]
    assert quotation.depth == 0


# Paragraphs


def test_quotation_never_crosses_a_paragraph_break() -> None:
    text = "He said “we are ready   \nand then “fine” again."
    unclosed, closed = find_quotations(text)
    assert segment_texts(text, unclosed) == ["“we are ready"]
    assert inner_texts(text, unclosed) == ["we are ready"]
    assert not unclosed.closed
    assert inner_texts(text, closed) == ["fine"]


@pytest.mark.parametrize("break_", ["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n  "])
def test_multi_paragraph_quotation(break_: str) -> None:
    text = f"“We will fight.{break_}“We will win,” he said."
    quotation = only_quotation(text)
    assert segment_texts(text, quotation) == ["“We will fight.", "“We will win,”"]
    assert inner_texts(text, quotation) == ["We will fight.", "We will win,"]
    first_end = text.index(".") + 1
    assert quotation.segments[0] == (0, first_end)
    assert quotation.inner[0] == (1, first_end)
    assert (quotation.closed, quotation.depth) == (True, 0)


def test_multi_paragraph_quotation_over_three_paragraphs_with_nesting() -> None:
    text = "  ''First, the 'plan.'   \n\n  ''Second.\n\n''Third,'' he said."
    outer, nested = find_quotations(text)
    assert segment_texts(text, outer) == ["''First, the 'plan.'", "''Second.", "''Third,''"]
    assert inner_texts(text, outer) == ["First, the 'plan.'", "Second.", "Third,"]
    assert inner_texts(text, nested) == ["plan."]
    assert nested.depth == 1


def test_multi_paragraph_quotation_left_open_at_the_end() -> None:
    text = "“We will fight.\n\n“We will win.\n"
    quotation = only_quotation(text)
    assert segment_texts(text, quotation) == ["“We will fight.", "“We will win."]
    assert not quotation.closed


def test_no_continuation_when_the_next_paragraph_does_not_open_with_a_double_mark() -> None:
    text = "“We will fight.\n\nHe said “no” later."
    unclosed, closed = find_quotations(text)
    assert segment_texts(text, unclosed) == ["“We will fight."]
    assert not unclosed.closed
    assert inner_texts(text, closed) == ["no"]


def test_single_quotation_does_not_continue_over_paragraphs() -> None:
    text = "‘We will fight.\n\n‘We will win,’ he said."
    assert inner_texts(text, only_quotation(text)) == ["We will win,"]


# Unbalanced and empty


def test_unclosed_double_runs_to_the_paragraph_end() -> None:
    text = "He said “we are ready.  \n"
    quotation = only_quotation(text)
    assert segment_texts(text, quotation) == ["“we are ready."]
    assert not quotation.closed


def test_unclosed_single_is_dropped() -> None:
    assert find_quotations("He said ‘we are ready.\n") == []


def test_unclosed_double_inside_a_closed_single_ends_at_its_closer() -> None:
    text = "‘He called it “fake,’ she said."
    outer, nested = find_quotations(text)
    assert inner_texts(text, outer) == ["He called it “fake,"]
    assert segment_texts(text, nested) == ["“fake,"]
    assert not nested.closed


def test_unclosed_single_inside_a_closed_double_is_dropped() -> None:
    text = "“It’s the ‘best,” he said."
    assert inner_texts(text, only_quotation(text)) == ["It’s the ‘best,"]


def test_stray_closer_is_ignored_and_the_rest_is_processed() -> None:
    text = "Home » News” and then “fine” again."
    assert inner_texts(text, only_quotation(text)) == ["fine"]


@pytest.mark.parametrize("text", ['He said "" twice.', "He said “” twice.", "He said “ ” twice.", "“\n”"])
def test_empty_quotation_is_not_a_quotation(text: str) -> None:
    assert find_quotations(text) == []


def test_empty_and_whitespace_texts() -> None:
    assert find_quotations("") == []
    assert find_quotations(" \n\r\n ") == []


# The seed article


def test_seed_article_examples() -> None:
    text = (
        "In his letter, Kim said he was “very satisfied” with the talks, describing the discussions as "
        "“candid [and] comprehensive”. He said the relationship continued to “positively develop in all "
        "aspects on the basis of the glorious traditions of the past.”"
    )
    assert [inner_texts(text, q) for q in find_quotations(text)] == [
        ["very satisfied"],
        ["candid [and] comprehensive"],
        ["positively develop in all aspects on the basis of the glorious traditions of the past."],
    ]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_article_quotations() -> None:
    text = SEED.read_text(encoding="utf-8")
    quotations = find_quotations(text)
    assert [text[q.inner[0][0] : q.inner[0][1]] for q in quotations] == [
        "Imperialists",
        "Imperialists",
        "imperialists’ anti-Russia scheme",
        "very satisfied",
        "candid [and] comprehensive",
        "new height",
        "frustrat[e] the imperialists’ persistent hegemonic policy and moves to isolate and stifle Russia",
        "positively develop in all aspects on the basis of the glorious traditions of the past.",
        "righteous",
        "long-standing strategic relationship",
    ]
    assert all(q.closed and q.depth == 0 and len(q.segments) == 1 for q in quotations)


# Robustness and cost


def assert_well_formed(text: str, quotations: list[Quotation]) -> None:
    assert [(q.start, q.depth) for q in quotations] == sorted((q.start, q.depth) for q in quotations)
    for quotation in quotations:
        assert len(quotation.segments) == len(quotation.inner) >= 1
        previous_end = -1
        for (start, end), (inner_start, inner_end) in zip(quotation.segments, quotation.inner, strict=True):
            assert 0 <= start < end <= len(text)
            assert start < inner_start <= inner_end <= end
            assert previous_end <= start
            previous_end = end
        assert quotation.depth >= 0


def test_random_junk_never_raises_and_gives_well_formed_quotations() -> None:
    rng = random.Random(0)
    alphabet = "\"'“”‘’«»‹›„`" + "ab s" * 3 + "\n\r."
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80)))
        assert_well_formed(text, find_quotations(text))
