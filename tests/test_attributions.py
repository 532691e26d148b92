"""Tests for quoteattr.find.attributions: quotations joined to a cue and a speaker, on real parses.

One test (or parametrized group) for each rule in the module docstring. Every text is
attributed through the ``attribute`` fixture, which checks that each span slices back
out of the text (content spans, quoted fragments, cue, speaker) before any test looks
at it; the tests then assert what a user relies on: how many attributions, their
kind, content, cue and speaker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import quoteattr
from quoteattr.types import KINDS, Attribution, Result

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a13e1db2e670e016.txt"
OPENING = "\"'“‘«‹„"
CLOSING = "\"'”’»›“"


# Helpers


def only(result: Result) -> Attribution:
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    return result.quotes[0]


def quoted(result: Result) -> list[Attribution]:
    """Attributions of quotations, without the reported speech around them."""
    return [a for a in result.quotes if a.quotes]


def covering(result: Result, fragment: str) -> Attribution:
    """The attribution whose content holds ``fragment`` (first occurrence in the text)."""
    start = result.text.index(fragment)
    end = start + len(fragment)
    found = [a for a in result.quotes if any(s <= start and end <= e for s, e in a.content.spans)]
    assert found, (
        f"{fragment!r} is in the content of no attribution: {[a.content.text for a in result.quotes]}"
    )
    assert len(found) == 1, [a.content.text for a in found]
    return found[0]


def pieces(text: str, a: Attribution) -> list[str]:
    return [text[s:e] for s, e in a.content.spans]


def letters_outside_quotes(text: str, a: Attribution) -> str:
    """Letters and digits of the content that are not inside any quoted fragment."""
    inside = {i for q in a.quotes for i in range(q.start, q.end)}
    return "".join(
        text[i] for s, e in a.content.spans for i in range(s, e) if i not in inside and text[i].isalnum()
    )


def assert_direct(text: str, a: Attribution, quotation: str) -> None:
    """``a`` is a direct attribution whose only content is ``quotation``, marks included."""
    assert a.kind == "direct"
    assert pieces(text, a) == [quotation]
    assert a.content.text == quotation
    assert quotation[0] in OPENING and quotation[-1] in CLOSING
    assert [q.text for q in a.quotes] == [quotation[1:-1]]


def assert_speaker(text: str, a: Attribution, mention: str, name: str | None) -> None:
    assert a.speaker is not None, f"no speaker for {a.content.text!r}"
    assert a.speaker.text == mention
    assert text[a.speaker.start : a.speaker.end] == mention
    assert a.speaker.name == name


def assert_cue(text: str, a: Attribution, cue: str) -> None:
    assert a.cue is not None, f"no cue for {a.content.text!r}"
    assert a.cue.text == cue
    assert text[a.cue.start : a.cue.end] == cue


# 1. The cue after the quotation: “…,” X said


CUE_AFTER = [
    (
        '"We will not be intimidated," Prime Minister Ana Duarte said on Monday.',
        '"We will not be intimidated,"',
        "Prime Minister Ana Duarte",
        "Ana Duarte",
        "said",
    ),
    (
        "“We are not going anywhere,” union leader Sarah Okafor said outside the plant on Wednesday.",
        "“We are not going anywhere,”",
        "union leader Sarah Okafor",
        "Sarah Okafor",
        "said",
    ),
    (
        '"Prices will keep rising through the summer," economist Raj Patel told Reuters.',
        '"Prices will keep rising through the summer,"',
        "economist Raj Patel",
        "Raj Patel",
        "told",
    ),
    (
        '"We need more time to review the evidence," committee chair Daniel Ortiz said.',
        '"We need more time to review the evidence,"',
        "committee chair Daniel Ortiz",
        "Daniel Ortiz",
        "said",
    ),
    (
        'Later in the day, "We are confident in the outlook," Treasury Secretary Amy Chen told reporters.',
        '"We are confident in the outlook,"',
        "Treasury Secretary Amy Chen",
        "Amy Chen",
        "told",
    ),
]


@pytest.mark.parametrize(("text", "quotation", "mention", "name", "cue"), CUE_AFTER)
def test_cue_after_the_quotation(
    attribute, text: str, quotation: str, mention: str, name: str, cue: str
) -> None:
    a = only(attribute(text))
    assert_direct(text, a, quotation)
    assert_speaker(text, a, mention, name)
    assert_cue(text, a, cue)
    assert a.content.spans == ((text.index(quotation), text.index(quotation) + len(quotation)),)


# 2. Inverted: “…,” said X, a spokesman


INVERTED = [
    (
        '"Our members have had enough of broken promises," said Smith, a spokesman for the party.',
        '"Our members have had enough of broken promises,"',
        "Smith",
        "Smith",
    ),
    (
        '"This is a victory for common sense," said Helen Marsh, the chief executive of the '
        "Rural Schools Trust.",
        '"This is a victory for common sense,"',
        "Helen Marsh",
        "Helen Marsh",
    ),
    (
        "“The budget is balanced,” said Finance Minister Olaf Brandt, a veteran of three coalitions.",
        "“The budget is balanced,”",
        "Finance Minister Olaf Brandt",
        "Olaf Brandt",
    ),
    (
        '"The members\' patience has run out," said Ada Byrne.',
        '"The members\' patience has run out,"',
        "Ada Byrne",
        "Ada Byrne",
    ),
]


@pytest.mark.parametrize(("text", "quotation", "mention", "name"), INVERTED)
def test_inverted_cue_takes_the_subject_after_it(
    attribute, text: str, quotation: str, mention: str, name: str
) -> None:
    a = only(attribute(text))
    assert_direct(text, a, quotation)
    assert_speaker(text, a, mention, name)
    assert_cue(text, a, "said")


# 3. The cue before the quotation, with a colon or a comma


CUE_BEFORE = [
    (
        'Smith told reporters: "We are going to win this seat back."',
        '"We are going to win this seat back."',
        "Smith",
        "Smith",
        "tell",
    ),
    (
        "Garcia told reporters: “The strike will continue until the company returns to the table.”",
        "“The strike will continue until the company returns to the table.”",
        "Garcia",
        "Garcia",
        "tell",
    ),
    (
        "The prosecutor told the jury: “The evidence will show that he knew exactly what he was doing.”",
        "“The evidence will show that he knew exactly what he was doing.”",
        "The prosecutor",
        "prosecutor",
        "tell",
    ),
    (
        'Chancellor Friedrich Weber said: "Germany will meet its commitments."',
        '"Germany will meet its commitments."',
        "Chancellor Friedrich Weber",
        "Friedrich Weber",
        "say",
    ),
    (
        'She said, "I have never seen anything like it."',
        '"I have never seen anything like it."',
        "She",
        None,
        "say",
    ),
    (
        "Speaking to reporters in Nairobi, President William Ruto said, “Kenya is open for business.”",
        "“Kenya is open for business.”",
        "President William Ruto",
        "William Ruto",
        "say",
    ),
]


@pytest.mark.parametrize(("text", "quotation", "mention", "name", "lemma"), CUE_BEFORE)
def test_cue_before_the_quotation(
    attribute, text: str, quotation: str, mention: str, name: str | None, lemma: str
) -> None:
    a = only(attribute(text))
    assert_direct(text, a, quotation)
    assert_speaker(text, a, mention, name)
    assert a.cue is not None and a.cue.lemma == lemma
    assert text[a.cue.start : a.cue.end] == a.cue.text
    assert a.cue.end <= a.content.start


# 4. Interrupted: “…,” she said, “…”


INTERRUPTED = [
    (
        '"The plan is dead," she said, "and everyone knows it."',
        ['"The plan is dead,"', '"and everyone knows it."'],
        "she",
        None,
    ),
    (
        "“The deal is off the table,” Senator Mark Ellison said, “and it will not come back this year.”",
        ["“The deal is off the table,”", "“and it will not come back this year.”"],
        "Senator Mark Ellison",
        "Mark Ellison",
    ),
    (
        '"The reservoir is at its lowest level in forty years," said Ines Calder, '
        '"and we are asking everyone to '
        'cut their use by a fifth."',
        [
            '"The reservoir is at its lowest level in forty years,"',
            '"and we are asking everyone to cut their use by a fifth."',
        ],
        "Ines Calder",
        "Ines Calder",
    ),
]


@pytest.mark.parametrize(("text", "parts", "mention", "name"), INTERRUPTED)
def test_interrupted_quotation_is_one_attribution_with_two_spans(
    attribute, text: str, parts: list[str], mention: str, name: str | None
) -> None:
    a = only(attribute(text))
    assert a.kind == "direct"
    assert pieces(text, a) == parts
    assert a.content.text == " ".join(parts)
    assert [q.text for q in a.quotes] == [p[1:-1] for p in parts]
    assert_speaker(text, a, mention, name)
    assert_cue(text, a, "said")
    # the cue sits between the two halves
    assert a.content.spans[0][1] <= a.cue.start < a.cue.end <= a.content.spans[1][0]


# 5. Several sentences in one quotation; a quotation over several paragraphs


def test_multi_sentence_quotation_before_the_cue(attribute) -> None:
    quotation = '"The harvest failed. We have nothing left to sell. Our children are hungry,"'
    text = quotation + " farmer Joseph Mwangi said."
    a = only(attribute(text))
    assert_direct(text, a, quotation)
    assert_speaker(text, a, "farmer Joseph Mwangi", "Joseph Mwangi")
    assert_cue(text, a, "said")


MULTI_PARAGRAPH = [
    ("“First para.\n\n“Second para,” he said.", ["“First para.", "“Second para,”"], "he", None),
    (
        "“The water came up to the second step of the church and stayed there for three days.\n\n"
        "“We lost the boats, the nets, everything,” said Marta Kovac, "
        "who has run the ferry for thirty years.",
        [
            "“The water came up to the second step of the church and stayed there for three days.",
            "“We lost the boats, the nets, everything,”",
        ],
        "Marta Kovac",
        "Marta Kovac",
    ),
    (
        '"The first thing we did was count the children.\n\n'
        '"Then we counted the adults. Nobody was missing.\n\n'
        '"It was a miracle," said fire chief Owen Pryce.',
        [
            '"The first thing we did was count the children.',
            '"Then we counted the adults. Nobody was missing.',
            '"It was a miracle,"',
        ],
        "fire chief Owen Pryce",
        "Owen Pryce",
    ),
]


@pytest.mark.parametrize(("text", "parts", "mention", "name"), MULTI_PARAGRAPH)
def test_quotation_over_several_paragraphs_is_one_attribution(
    attribute, text: str, parts: list[str], mention: str, name: str | None
) -> None:
    a = only(attribute(text))
    assert a.kind == "direct"
    assert pieces(text, a) == parts
    assert [q.text for q in a.quotes] == [p[1:].rstrip('”"') for p in parts]
    assert_speaker(text, a, mention, name)
    assert_cue(text, a, "said")


# 6. A quotation with no cue continues the attribution before it


CONTINUATION = [
    (
        '"The hospital is full and we are turning patients away," said Dr. Amina Diallo, the director of the '
        'Kindia regional hospital.\n\n"We have no oxygen left and the generator fails every night."',
        [
            '"The hospital is full and we are turning patients away,"',
            '"We have no oxygen left and the generator fails every night."',
        ],
        "Amina Diallo",
    ),
    (
        "“Inflation has peaked and is coming down,” central bank governor Lena Varga said on Tuesday.\n\n"
        "“We expect rates to fall by the end of the year.”",
        ["“Inflation has peaked and is coming down,”", "“We expect rates to fall by the end of the year.”"],
        "Lena Varga",
    ),
    (
        "Mayor Tom Reyes addressed the crowd for twenty minutes.\n\n"
        "“We will not abandon this neighbourhood,” Reyes said.\n\n"
        "“The money for the new school is in the budget, and it will be built.”",
        [
            "“We will not abandon this neighbourhood,”",
            "“The money for the new school is in the budget, and it will be built.”",
        ],
        "Tom Reyes",  # the surname resolves to the full name used earlier
    ),
    (
        "“We did everything we could,” Coach Dana Whitfield said. “The players gave their all. "
        "I could not be prouder of them.”",
        ["“We did everything we could,”", "“The players gave their all. I could not be prouder of them.”"],
        "Dana Whitfield",
    ),
]


@pytest.mark.parametrize(("text", "parts", "name"), CONTINUATION)
def test_quotation_without_cue_inherits_the_previous_speaker(
    attribute, text: str, parts: list[str], name: str
) -> None:
    result = attribute(text)
    for part in parts:
        a = covering(result, part)
        assert a.kind == "direct"
        assert part in pieces(text, a)
        assert a.speaker is not None, f"{part!r} has no speaker"
        assert a.speaker.name == name
        assert text[a.speaker.start : a.speaker.end] == a.speaker.text
    assert len(quoted(result)) == 1
    assert pieces(text, result.quotes[0]) == parts


# 7. The cue in the sentence before: …, Schiff said. “…”


NEIGHBOUR = [
    (
        'The real question is whether voters will turn out, Schiff said. "The other factor is timing."',
        '"The other factor is timing."',
        "Schiff",
        "Schiff",
    ),
    (
        'Turnout was the highest since 1992, Professor Laura Benet said. "Young voters came out in numbers '
        'nobody predicted."',
        '"Young voters came out in numbers nobody predicted."',
        "Professor Laura Benet",
        "Laura Benet",
    ),
    (
        "The ceasefire is holding for now, the general said. “But nobody here believes it will last.”",
        "“But nobody here believes it will last.”",
        "the general",
        "general",
    ),
]


@pytest.mark.parametrize(("text", "quotation", "mention", "name"), NEIGHBOUR)
def test_cue_in_the_neighbouring_sentence(
    attribute, text: str, quotation: str, mention: str, name: str
) -> None:
    result = attribute(text)
    a = covering(result, quotation)
    assert_direct(text, a, quotation)
    assert_speaker(text, a, mention, name)
    assert_cue(text, a, "said")
    assert len(quoted(result)) == 1


OTHER_VOICE = [
    "“We will rebuild the bridge by spring,” Mayor Lucia Ferreira said on Monday.\n\n"
    "“Very satisfied” was how Anna Roth, a shop owner, put it.",
    "“We will rebuild the bridge by spring,” Mayor Lucia Ferreira said on Monday. "
    "“Very satisfied” was how Anna Roth, a shop owner, put it.",
    "Mayor Lucia Ferreira said the bridge would be rebuilt by spring.\n\n"
    "“A disaster,” as one resident, Anna Roth, put it.",
]


@pytest.mark.parametrize("text", OTHER_VOICE)
def test_quotation_whose_sentence_names_another_person_is_not_the_previous_speakers(
    attribute, text: str
) -> None:
    result = attribute(text)
    fragment = "“Very satisfied”" if "Very" in text else "“A disaster,”"
    a = covering(result, fragment)
    assert a.speaker is None or a.speaker.name == "Anna Roth", (a.speaker, a.content.text)


# 8. A colon at the end of the previous paragraph


COLON_PARAGRAPH = [
    ('He said:\n\n"We have a situation."', '"We have a situation."', "He", None, "said"),
    (
        "In her resignation letter, the minister wrote:\n\n"
        "“I can no longer defend a policy I do not believe in.”",
        "“I can no longer defend a policy I do not believe in.”",
        "the minister",
        "minister",
        "wrote",
    ),
]


@pytest.mark.parametrize(("text", "quotation", "mention", "name", "cue"), COLON_PARAGRAPH)
def test_colon_ending_the_previous_paragraph(
    attribute, text: str, quotation: str, mention: str, name: str | None, cue: str
) -> None:
    a = only(attribute(text))
    assert_direct(text, a, quotation)
    assert_speaker(text, a, mention, name)
    assert_cue(text, a, cue)


# 9. Credit by punctuation: “…” ― Name, Name: “…”


def test_dash_credit(attribute) -> None:
    text = "“Trump scares me.” ― Krystal Correa"
    a = only(attribute(text))
    assert_direct(text, a, "“Trump scares me.”")
    assert_speaker(text, a, "Krystal Correa", "Krystal Correa")
    assert_cue(text, a, "―")


def test_dash_credit_with_a_description_after_the_name(attribute) -> None:
    text = '"The rent has doubled in two years." — Tomasz Nowak, a tenant in Wroclaw'
    a = only(attribute(text))
    assert_direct(text, a, '"The rent has doubled in two years."')
    assert_speaker(text, a, "Tomasz Nowak", "Tomasz Nowak")
    assert_cue(text, a, "—")


def test_dash_credits_in_a_list_of_voices(attribute) -> None:
    text = (
        "We asked voters in Ohio what worried them most.\n\n"
        "“Trump scares me.” ― Krystal Correa\n\n"
        "“I can’t afford my insulin.” ― Devon Marsh"
    )
    result = attribute(text)
    first, second = [a for a in result.quotes if a.kind == "direct"]
    assert_direct(text, first, "“Trump scares me.”")
    assert_speaker(text, first, "Krystal Correa", "Krystal Correa")
    assert_direct(text, second, "“I can’t afford my insulin.”")
    assert_speaker(text, second, "Devon Marsh", "Devon Marsh")


def test_colon_credit(attribute) -> None:
    text = "Ariana Huichapa: “I came here to work, not to be a political symbol.”"
    a = only(attribute(text))
    assert_direct(text, a, "“I came here to work, not to be a political symbol.”")
    assert_speaker(text, a, "Ariana Huichapa", "Ariana Huichapa")


# 10. Partial and scare quotes inside a reported clause: mixed


MIXED = [
    (
        "Kim said he was “very satisfied” with the talks.",
        "he was “very satisfied” with the talks",
        ["very satisfied"],
        "Kim",
        "say",
    ),
    (
        "The minister reaffirmed the country's support, describing the war as a “righteous” struggle.",
        "the war as a “righteous” struggle",
        ["righteous"],
        "The minister",
        "describe",
    ),
    (
        "He promised to bring relations to a “new height”.",
        "to bring relations to a “new height”",
        ["new height"],
        "He",
        "promise",
    ),
    (
        "Lagarde said inflation was “stubbornly high” and that rates would stay where they are.",
        "inflation was “stubbornly high” and that rates would stay where they are",
        ["stubbornly high"],
        "Lagarde",
        "say",
    ),
    (
        "The opposition described the budget as a “betrayal” of working families.",
        "the budget as a “betrayal” of working families",
        ["betrayal"],
        "The opposition",
        "describe",
    ),
    (
        "The company pledged to make its factories “carbon neutral” by 2030.",
        "to make its factories “carbon neutral” by 2030",
        ["carbon neutral"],
        "The company",
        "pledge",
    ),
]


@pytest.mark.parametrize(("text", "content", "fragments", "mention", "lemma"), MIXED)
def test_partial_quote_in_a_reported_clause_is_mixed(
    attribute, text: str, content: str, fragments: list[str], mention: str, lemma: str
) -> None:
    [a] = quoted(attribute(text))
    assert a.kind == "mixed"
    assert a.content.text == content
    assert pieces(text, a) == [content]
    assert [q.text for q in a.quotes] == fragments
    assert letters_outside_quotes(text, a), "a mixed content has words outside the marks"
    assert a.speaker is not None and a.speaker.text == mention
    assert text[a.speaker.start : a.speaker.end] == mention
    assert a.cue is not None and a.cue.lemma == lemma
    assert text[a.cue.start : a.cue.end] == a.cue.text
    assert a.cue.end <= a.content.start


# 11. Titles and nicknames without a reporting verb


NOT_ATTRIBUTIONS = [
    "Her memoir, “Becoming”, sold well.",
    "The film “Oppenheimer” won seven awards.",
    "The album “Midnights” topped the charts for twelve weeks.",
    "She starred in the musical “Hamilton” before moving to television.",
    "Former champion Marcus “Iron Mike” Delaney retired after the fight.",
    "The team's ''bad boy'' was benched for the final.",
    "The goalkeeper, nicknamed “The Wall”, signed a new contract on Friday.",
    "The goalkeeper, known as “The Wall”, signed a new contract on Friday.",
]


@pytest.mark.parametrize("text", NOT_ATTRIBUTIONS)
def test_titles_and_nicknames_are_not_attributions(attribute, text: str) -> None:
    result = attribute(text)
    assert result.quotes == (), [(a.content.text, a.cue and a.cue.text) for a in result.quotes]


# 12. A pronoun speaker has no name


PRONOUNS = [
    ('"I will not resign," he said.', '"I will not resign,"', "he"),
    ("“We will fight on,” they said.", "“We will fight on,”", "they"),
    (
        '"We have been waiting for hours and nobody has told us anything," she said.',
        '"We have been waiting for hours and nobody has told us anything,"',
        "she",
    ),
]


@pytest.mark.parametrize(("text", "quotation", "pronoun"), PRONOUNS)
def test_pronoun_speaker_has_no_name(attribute, text: str, quotation: str, pronoun: str) -> None:
    a = only(attribute(text))
    assert_direct(text, a, quotation)
    assert_speaker(text, a, pronoun, None)
    assert a.speaker.type is None
    assert_cue(text, a, "said")


# 13. A full quotation with no speaker anywhere: kept, speaker null, low confidence


UNATTRIBUTED = [
    (
        '"The water is rising faster than anyone expected."',
        '"The water is rising faster than anyone expected."',
    ),
    (
        "The river rose overnight and flooded the lower town.\n\n“Nobody will sleep tonight.”",
        "“Nobody will sleep tonight.”",
    ),
]


@pytest.mark.parametrize(("text", "quotation"), UNATTRIBUTED)
def test_unattributed_full_quotation_has_null_speaker(attribute, text: str, quotation: str) -> None:
    a = only(attribute(text))
    assert_direct(text, a, quotation)
    assert a.speaker is None
    assert a.cue is None
    assert a.confidence < 0.5


def test_unattributed_quotations_can_be_switched_off() -> None:
    nlp = quoteattr.load(config={"unattributed_quotes": False})
    text = 'The river rose overnight.\n\n"Nobody will sleep tonight." "I am leaving," the mayor said.'
    result = quoteattr.extract(text, nlp=nlp)
    assert [a.content.text for a in result.quotes] == ['"I am leaving,"']
    assert result.quotes[0].speaker.text == "the mayor"


# 14. Quotation mark styles


MARKS = [
    (
        "“The recount is over,” the electoral commission said on Sunday.",
        "“The recount is over,”",
        "the electoral commission",
    ),
    (
        '"The recount is over," the electoral commission said on Sunday.',
        '"The recount is over,"',
        "the electoral commission",
    ),
    ("‘The ship is sinking,’ Captain Ruth Hale said.", "‘The ship is sinking,’", "Captain Ruth Hale"),
    (
        "'We have done nothing wrong,' the company's lawyer said.",
        "'We have done nothing wrong,'",
        "the company's lawyer",
    ),
    (
        "'We can't say what we don't know,' the spokesman said.",
        "'We can't say what we don't know,'",
        "the spokesman",
    ),
    ("«We will not give in», the minister said on Friday.", "«We will not give in»", "the minister"),
    (
        "''It is going to take a lot more than this,'' Mayor Eric Adams said.",
        "''It is going to take a lot more than this,''",
        "Mayor Eric Adams",
    ),
    (
        "“Russia’s economy has not collapsed, and the imperialists’ scheme has failed,” the ambassador said.",
        "“Russia’s economy has not collapsed, and the imperialists’ scheme has failed,”",
        "the ambassador",
    ),
]


SPACED = [
    "« Not once », the minister said. Critics disagreed.\n\n“We will see,” said Anna Roth.",
    "“Not once ”, the minister said. Critics disagreed.\n\n“We will see,” said Anna Roth.",
]


@pytest.mark.parametrize("text", SPACED)
def test_spaced_closing_mark_keeps_its_speaker_and_the_next_paragraph_its_own(attribute, text: str) -> None:
    first, second = quoted(attribute(text))
    assert [q.text for q in first.quotes] == ["Not once"]
    assert first.speaker is not None and first.speaker.text == "the minister"
    assert [q.text for q in second.quotes] == ["We will see,"]
    assert second.speaker is not None and second.speaker.name == "Anna Roth"


@pytest.mark.parametrize(("text", "quotation", "mention"), MARKS)
def test_quotation_mark_styles(attribute, text: str, quotation: str, mention: str) -> None:
    a = only(attribute(text))
    assert a.kind == "direct"
    assert pieces(text, a) == [quotation]
    assert a.content.text == quotation
    inner = quotation[2:-2] if quotation.startswith("''") else quotation[1:-1]
    assert [q.text for q in a.quotes] == [inner]
    assert a.speaker is not None and a.speaker.text == mention
    assert_cue(text, a, "said")


HEADLINES = [
    ("PM Vows 'No Retreat' on Pension Reform", "No Retreat", "PM"),
    ("Union Says 'Strike Is On' After Talks Collapse", "Strike Is On", "Union"),
    ("Senator Warns of 'Catastrophe' Over Debt Ceiling", "Catastrophe", "Senator"),
]


def test_headline_cue_the_tagger_misread_takes_the_quotation_alone(attribute) -> None:
    # "Wishes" tagged as a noun: the cue is read by its form, and with no clause from the
    # parse, only the quoted word is the speaker's (the rest is the headline writer's)
    text = "N Korea’s Kim Wishes Russia’s Putin Victory Against ‘Imperialists’"
    a = only(attribute(text))
    assert a.cue is not None and a.cue.text == "Wishes"
    assert (a.kind, a.content.text) == ("direct", "‘Imperialists’")


@pytest.mark.parametrize(("text", "fragment", "mention"), HEADLINES)
def test_single_quotes_in_a_headline(attribute, text: str, fragment: str, mention: str) -> None:
    a = only(attribute(text))
    assert [q.text for q in a.quotes] == [fragment]
    assert f"'{fragment}'" in a.content.text
    assert a.speaker is not None and a.speaker.text == mention
    assert a.cue is not None and a.cue.end <= text.index(f"'{fragment}'")


# 15. Unbalanced marks never hide later quotations


UNBALANCED = [
    (
        "“This was a stray mark at the start of a long report that never closes.\n\n"
        "The committee met on Tuesday.\n\n"
        '"We need more time to review the evidence," committee chair Daniel Ortiz said.',
        '"We need more time to review the evidence,"',
        "Daniel Ortiz",
    ),
    (
        '" the headline said nothing.\n\nThe committee met on Tuesday. The chair spoke first.\n\n'
        '"We need more time to review the evidence," committee chair Daniel Ortiz said.\n\n'
        '"The public deserves answers," Ortiz added.',
        '"The public deserves answers,"',
        "Daniel Ortiz",
    ),
    (
        "The mayor’s 2019 “plan was a disaster.\n\nOn Thursday, the council met again.\n\n"
        "“We have no choice but to raise taxes,” council leader Grace Obi said.",
        "“We have no choice but to raise taxes,”",
        "Grace Obi",
    ),
    ("Related: “\n\n“This will not stand,” said Senator Joan Alder.", "“This will not stand,”", "Joan Alder"),
    (
        "Photo: Reuters “\n\n“The border stays open,” Interior Minister Pavel Rusu said.",
        "“The border stays open,”",
        "Pavel Rusu",
    ),
]


@pytest.mark.parametrize(("text", "quotation", "name"), UNBALANCED)
def test_stray_mark_does_not_hide_later_quotations(attribute, text: str, quotation: str, name: str) -> None:
    result = attribute(text)
    a = covering(result, quotation)
    assert_direct(text, a, quotation)
    assert a.speaker is not None and a.speaker.name == name
    assert all(q.text.strip() for r in result.quotes for q in r.quotes), "an empty quoted fragment"


@pytest.mark.parametrize(
    "text",
    [
        "\" “ ” ‘ ’ « » '' `` \" ‹ › „",
        "“",
        "”",
        "''",
        "He said” something odd. ” ” “ “",
        "“A “B “C “D\n\n“E",
        "'Tis the season,' she said, and the shop's ''sale'' began.",
    ],
)
def test_marks_only_and_broken_pairs_never_raise(attribute, text: str) -> None:
    result = attribute(text)
    for a in result.quotes:
        assert a.kind in KINDS


# 16. Labels, kinds and confidences across everything above


ALL_TEXTS = sorted(
    {
        row[0]
        for table in (
            CUE_AFTER,
            INVERTED,
            CUE_BEFORE,
            INTERRUPTED,
            MULTI_PARAGRAPH,
            CONTINUATION,
            NEIGHBOUR,
            COLON_PARAGRAPH,
            MIXED,
            PRONOUNS,
            UNATTRIBUTED,
            MARKS,
            HEADLINES,
            UNBALANCED,
        )
        for row in table
    }
    | set(NOT_ATTRIBUTIONS)
    | {"“Trump scares me.” ― Krystal Correa"}
)


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_labels_kinds_and_confidence(attribute, text: str) -> None:
    for a in attribute(text).quotes:
        assert a.label in ("asserted", "denied", "accused")
        assert a.kind in ("direct", "mixed", "indirect")
        assert isinstance(a.confidence, float)
        assert 0.0 <= a.confidence <= 1.0
        assert a.target is None or a.label != "asserted"


def test_a_quoted_denial_in_other_words_is_denied(attribute) -> None:
    text = "'We have done nothing wrong,' the company's lawyer said."
    [a] = attribute(text).quotes
    assert a.label == "denied"


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_kind_says_whether_the_content_is_all_quoted(attribute, text: str) -> None:
    """``direct``: all of the content inside the marks; ``mixed``: part of it (the schema)."""
    for a in attribute(text).quotes:
        outside = letters_outside_quotes(text, a)
        if a.kind == "direct":
            assert outside == "", f"direct content {a.content.text!r} has {outside!r} outside the marks"
        elif a.kind == "mixed":
            assert a.quotes and outside, f"mixed content {a.content.text!r} is all quoted"


# 17. The seed article


SEED_QUOTES = [
    "‘Imperialists’",
    "“very satisfied”",
    "“candid [and] comprehensive”",
    "“new height”",
    "“frustrat[e] the imperialists’ persistent hegemonic policy",
    "“positively develop in all aspects",
    "“righteous”",
    "“long-standing strategic relationship”",
    "“imperialists’ anti-Russia scheme”",
]


@pytest.fixture(scope="module")
def seed(nlp, check_offsets) -> Result:
    text = SEED.read_text(encoding="utf-8")
    result = quoteattr.extract(text, nlp=nlp)
    check_offsets(text, result)
    return result


@pytest.mark.parametrize("fragment", SEED_QUOTES)
def test_every_quotation_of_the_seed_is_in_some_content(seed: Result, fragment: str) -> None:
    text = seed.text
    start = 0
    while (start := text.find(fragment, start)) >= 0:
        end = start + len(fragment)
        holders = [a for a in seed.quotes if any(s <= start and end <= e for s, e in a.content.spans)]
        assert holders, f"{fragment!r} at {start} is in no attribution's content"
        assert any(q.start <= start + 1 and start + 2 <= q.end for a in holders for q in a.quotes)
        start = end


SEED_SPEAKERS = [
    ("“very satisfied”", "Kim Jong Un", "say"),
    ("“candid [and] comprehensive”", "Kim Jong Un", "describe"),
    ("“positively develop in all aspects", "Vladimir Putin", "say"),
    ("“righteous”", "Im Chon-il", "describe"),
    ("“long-standing strategic relationship”", "Kim Jong Un", "promise"),
]


@pytest.mark.parametrize(("fragment", "name", "lemma"), SEED_SPEAKERS)
def test_seed_speakers_and_cues(seed: Result, fragment: str, name: str, lemma: str) -> None:
    a = covering(seed, fragment)
    assert a.kind == "mixed"
    assert a.speaker is not None and a.speaker.name == name
    assert seed.text[a.speaker.start : a.speaker.end] == a.speaker.text
    assert a.cue is not None and a.cue.lemma == lemma
    assert seed.text[a.cue.start : a.cue.end] == a.cue.text
