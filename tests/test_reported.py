"""Tests for reported speech: attributions with no quotation marks, on real parses.

One test (or parametrized group) for each pattern of reported speech the library
handles (``quoteattr/content.py`` frames, ``_reported_speech`` in
``quoteattr/attributions.py``, the cue lexicon): a complement clause with or without
"that", a parenthetical cue, "according to X", participles that borrow the main
clause's subject, prepositional and nominal content, passives, objects and gerunds,
accusations with their target, denials, beliefs, several cues in one sentence, a cue
inside a quotation, a relative-pronoun speaker, and sentences that are not
attributions at all.

Every text goes through the ``attribute`` fixture (which checks all offsets first);
each attribution is found by its cue, and the tests assert what a user relies on:
kind, content, speaker mention and name, label and target.
"""

from __future__ import annotations

import re

import pytest

from quoteattr.types import Attribution, Result

# Helpers


def by_cue(result: Result, cue: str) -> Attribution:
    """The one attribution whose cue is written ``cue``."""
    found = [a for a in result.quotes if a.cue is not None and a.cue.text == cue]
    assert len(found) == 1, (
        f"expected one attribution with the cue {cue!r}, got "
        f"{[(a.cue.text if a.cue else None, a.content.text) for a in result.quotes]}"
    )
    return found[0]


def reported(result: Result, cue: str, lemma: str | None = None) -> Attribution:
    """The attribution of ``cue``, checked to be reported speech: ``indirect``, no quoted fragment."""
    a = by_cue(result, cue)
    assert a.kind == "indirect", (a.kind, a.content.text)
    assert a.quotes == ()
    if lemma is not None:
        assert a.cue.lemma == lemma
    assert 0.0 <= a.confidence <= 1.0
    return a


def clause(a: Attribution) -> str:
    """The content without the complementizer "that" the library may keep in front of it."""
    return a.content.text.removeprefix("that ")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def assert_speaker(a: Attribution, mention: str, name: str | None) -> None:
    assert a.speaker is not None, f"no speaker for {a.content.text!r}"
    assert a.speaker.text == mention
    assert a.speaker.name == name


def assert_outside_content(a: Attribution, start: int, end: int) -> None:
    """No content span overlaps the characters ``start:end`` (the cue phrase, the speaker)."""
    for s, e in a.content.spans:
        assert e <= start or end <= s, f"content span {(s, e)} overlaps {(start, end)}: {a.content.text!r}"


# Complement clauses: "said (that) ..."

COMPLEMENT_CLAUSES = [
    (
        "The ministry said that exports fell in May.",
        "said",
        "say",
        "exports fell in May",
        "The ministry",
        "ministry",
    ),
    ("Officials said exports fell.", "said", "say", "exports fell", "Officials", "Officials"),
    (
        "The ministry said on Tuesday that exports fell in May.",
        "said",
        "say",
        "exports fell in May",
        "The ministry",
        "ministry",
    ),
    (
        "Officials in Lagos said exports of cocoa fell sharply.",
        "said",
        "say",
        "exports of cocoa fell sharply",
        "Officials in Lagos",
        "Officials in Lagos",
    ),
    (
        "The coach added that the team would travel to Lagos on Friday.",
        "added",
        "add",
        "the team would travel to Lagos on Friday",
        "The coach",
        "coach",
    ),
    (
        "Meteorologists warned that the cyclone could reach the coast by Sunday.",
        "warned",
        "warn",
        "the cyclone could reach the coast by Sunday",
        "Meteorologists",
        "Meteorologists",
    ),
    (
        "Mr. Erdogan insisted Turkey would not back down.",
        "insisted",
        "insist",
        "Turkey would not back down",
        "Mr. Erdogan",
        "Erdogan",
    ),
    (
        "The lawyers argued that the election law was unconstitutional.",
        "argued",
        "argue",
        "the election law was unconstitutional",
        "The lawyers",
        "lawyers",
    ),
    (
        "The defence argued the evidence had been obtained illegally.",
        "argued",
        "argue",
        "the evidence had been obtained illegally",
        "The defence",
        "defence",
    ),
    (
        "The rebels claimed they had captured the airport.",
        "claimed",
        "claim",
        "they had captured the airport",
        "The rebels",
        "rebels",
    ),
    (
        "Toyota announced that it would cut production in Japan.",
        "announced",
        "announce",
        "it would cut production in Japan",
        "Toyota",
        "Toyota",
    ),
    (
        "The police confirmed that two suspects had been arrested.",
        "confirmed",
        "confirm",
        "two suspects had been arrested",
        "The police",
        "police",
    ),
    (
        "Mr. Modi wrote that India would never forget the victims.",
        "wrote",
        "write",
        "India would never forget the victims",
        "Mr. Modi",
        "Modi",
    ),
    (
        "The striker tweeted that he was leaving the club.",
        "tweeted",
        "tweet",
        "he was leaving the club",
        "The striker",
        "striker",
    ),
    (
        "The airline denied that any passengers had been injured.",
        "denied",
        "deny",
        "any passengers had been injured",
        "The airline",
        "airline",
    ),
]


@pytest.mark.parametrize(("text", "cue", "lemma", "content", "mention", "name"), COMPLEMENT_CLAUSES)
def test_complement_clause_with_and_without_that(
    attribute, text: str, cue: str, lemma: str, content: str, mention: str, name: str
) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue, lemma)
    assert clause(a) == content
    assert_speaker(a, mention, name)
    assert a.label == ("denied" if lemma == "deny" else "asserted")
    assert a.target is None


@pytest.mark.parametrize(
    ("text", "cue", "addressee", "content", "mention", "name"),
    [
        (
            "He told reporters the talks had stalled.",
            "told",
            "reporters",
            "the talks had stalled",
            "He",
            None,
        ),
        (
            "Ms. Ardern told reporters that the border would reopen in April.",
            "told",
            "reporters",
            "the border would reopen in April",
            "Ms. Ardern",
            "Ardern",
        ),
        (
            "The minister told Reuters the pipeline would be finished by 2026.",
            "told",
            "Reuters",
            "the pipeline would be finished by 2026",
            "The minister",
            "minister",
        ),
        (
            "She told the BBC the strike would continue until Christmas.",
            "told",
            "BBC",
            "the strike would continue until Christmas",
            "She",
            None,
        ),
        (
            "The agency warned residents that the dam could fail.",
            "warned",
            "residents",
            "the dam could fail",
            "The agency",
            "agency",
        ),
    ],
)
def test_addressee_is_not_part_of_the_content(
    attribute, text: str, cue: str, addressee: str, content: str, mention: str, name: str | None
) -> None:
    result = attribute(text)
    a = reported(result, cue)
    assert clause(a) == content
    assert addressee not in a.content.text
    assert_speaker(a, mention, name)
    assert a.label == "asserted"


# Parenthetical cues: "..., the central bank said."


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention", "name"),
    [
        (
            "Prices will keep rising, the central bank said.",
            "said",
            "Prices will keep rising",
            "the central bank",
            "central bank",
        ),
        (
            "The harvest will be the smallest in a decade, Kenya's agriculture ministry said on Tuesday.",
            "said",
            "The harvest will be the smallest in a decade",
            "Kenya's agriculture ministry",
            "Kenya's agriculture ministry",
        ),
    ],
)
def test_parenthetical_cue_after_the_clause(
    attribute, text: str, cue: str, content: str, mention: str, name: str
) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue, "say")
    assert a.content.text == content
    assert_speaker(a, mention, name)


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention", "name"),
    [
        (
            "The latest test, North Korea said, was its biggest yet.",
            "said",
            "The latest test was its biggest yet",
            "North Korea",
            "North Korea",
        ),
        (
            "The vaccine, the company said, was 94 percent effective.",
            "said",
            "The vaccine was 94 percent effective",
            "the company",
            "company",
        ),
        (
            "The drought, Kenyan officials warned, could push millions into hunger.",
            "warned",
            "The drought could push millions into hunger",
            "Kenyan officials",
            "Kenyan officials",
        ),
    ],
)
def test_parenthetical_cue_inside_the_clause_is_not_content(
    attribute, text: str, cue: str, content: str, mention: str, name: str
) -> None:
    """The clause the cue interrupts is the content; the interrupting "X said" is not."""
    result = attribute(text)
    a = reported(result, cue)
    assert_speaker(a, mention, name)
    assert_outside_content(a, a.cue.start, a.cue.end)
    assert_outside_content(a, a.speaker.start, a.speaker.end)
    assert words(a.content.text) == words(content)


# "according to X"


@pytest.mark.parametrize(
    ("text", "content", "mention", "name"),
    [
        (
            "According to the health ministry, 412 people have been admitted to hospital.",
            "412 people have been admitted to hospital",
            "the health ministry",
            "health ministry",
        ),
        (
            "According to Statistics Canada, unemployment rose to 6.4 percent in April.",
            "unemployment rose to 6.4 percent in April",
            "Statistics Canada",
            "Statistics Canada",
        ),
        (
            "Unemployment rose to 6.4 percent in April, according to Statistics Canada.",
            "Unemployment rose to 6.4 percent in April",
            "Statistics Canada",
            "Statistics Canada",
        ),
        (
            "The ship, according to the coast guard, sank within minutes.",
            "The ship sank within minutes",
            "the coast guard",
            "coast guard",
        ),
    ],
)
def test_according_to(attribute, text: str, content: str, mention: str, name: str) -> None:
    """The speaker is the object of "according to"; the content is the clause without the phrase."""
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = result.quotes[0]
    assert a.cue is not None and a.cue.lemma == "according to"
    assert a.cue.text.lower() == "according to"
    a = reported(result, a.cue.text)
    assert_speaker(a, mention, name)
    assert a.label == "asserted"
    assert_outside_content(a, a.cue.start, a.cue.end)
    assert_outside_content(a, a.speaker.start, a.speaker.end)
    assert words(a.content.text) == words(content)
    if len(a.content.spans) == 1:
        assert a.content.text == content


# Participles that borrow the subject of the main clause


def test_participle_after_an_accusation_borrows_its_subject(attribute) -> None:
    text = "Opposition lawmakers blamed the government for the shortages, saying it had ignored warnings."
    result = attribute(text)
    assert [a.cue.text for a in result.quotes] == ["blamed", "saying"]
    blamed, saying = reported(result, "blamed", "blame"), reported(result, "saying", "say")
    for a in (blamed, saying):
        assert_speaker(a, "Opposition lawmakers", "Opposition lawmakers")
    assert blamed.label == "accused"
    assert blamed.target is not None and "government" in blamed.target.name
    assert "the shortages" in blamed.content.text
    assert "saying" not in blamed.content.text
    assert saying.content.text == "it had ignored warnings"
    assert saying.label == "asserted"
    assert saying.target is None


def test_participle_after_a_verb_that_is_not_a_cue(attribute) -> None:
    text = "The president met the envoy, describing the meeting as productive."
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, "describing", "describe")
    assert a.content.text == "the meeting as productive"
    assert_speaker(a, "The president", "president")
    assert a.label == "asserted"


@pytest.mark.parametrize(
    ("text", "content", "mention", "name"),
    [
        (
            "Kim praised the talks, describing the discussions as a turning point.",
            "the discussions as a turning point",
            "Kim",
            "Kim",
        ),
        (
            "The coach praised his players, describing the win as the best of his career.",
            "the win as the best of his career",
            "The coach",
            "coach",
        ),
    ],
)
def test_describing_as(attribute, text: str, content: str, mention: str, name: str) -> None:
    result = attribute(text)
    a = reported(result, "describing", "describe")
    assert a.content.text == content
    assert_speaker(a, mention, name)
    praised = reported(result, "praised")
    assert_speaker(praised, mention, name)


@pytest.mark.parametrize(
    ("text", "accused", "what", "mention", "name"),
    [
        (
            "The opposition boycotted the vote, accusing Ortega of fraud.",
            "Ortega",
            "fraud",
            "The opposition",
            "opposition",
        ),
        (
            "The defendant rejected the verdict, accusing investigators of bias.",
            "investigators",
            "bias",
            "The defendant",
            "defendant",
        ),
        (
            "The union walked out of the talks, accusing the airline of bad faith.",
            "airline",
            "bad faith",
            "The union",
            "union",
        ),
        (
            "The minister resigned on Monday, accusing the prime minister of betraying voters.",
            "prime minister",
            "betraying voters",
            "The minister",
            "minister",
        ),
    ],
)
def test_accusing_participle(attribute, text: str, accused: str, what: str, mention: str, name: str) -> None:
    result = attribute(text)
    a = reported(result, "accusing", "accuse")
    assert a.label == "accused"
    assert a.target is not None and accused in a.target.name
    assert what in a.content.text
    assert_speaker(a, mention, name)


# Prepositional and nominal content: "called for ...", "talked about ..."


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention", "name"),
    [
        (
            "The archbishop called for an independent inquiry into the deaths.",
            "called",
            "an independent inquiry into the deaths",
            "The archbishop",
            "archbishop",
        ),
        (
            "Protesters called for the resignation of the interior minister.",
            "called",
            "the resignation of the interior minister",
            "Protesters",
            "Protesters",
        ),
        (
            "The finance minister talked about the economy on Sunday.",
            "talked",
            "the economy",
            "The finance minister",
            "finance minister",
        ),
        (
            "The ministry confirmed the deaths of three soldiers.",
            "confirmed",
            "the deaths of three soldiers",
            "The ministry",
            "ministry",
        ),
    ],
)
def test_prepositional_and_nominal_content(
    attribute, text: str, cue: str, content: str, mention: str, name: str
) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue)
    assert a.content.text.removeprefix("for ").removeprefix("about ") == content
    assert_speaker(a, mention, name)
    assert a.label == "asserted"


# Passives


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention", "name"),
    [
        ("The findings were first reported by Le Monde.", "reported", "The findings", "Le Monde", "Le Monde"),
        (
            "The plan was first reported by the Nikkei newspaper.",
            "reported",
            "The plan",
            "the Nikkei newspaper",
            "Nikkei newspaper",
        ),
        (
            "The new curfew was announced by the interior minister.",
            "announced",
            "The new curfew",
            "the interior minister",
            "interior minister",
        ),
    ],
)
def test_passive_with_an_agent(attribute, text: str, cue: str, content: str, mention: str, name: str) -> None:
    """What was reported is the passive subject; who reported it is the agent."""
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue)
    assert a.content.text == content
    assert_speaker(a, mention, name)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("It was reported that the talks had collapsed.", "reported", "the talks had collapsed"),
        (
            "It was announced that the factory would close in July.",
            "announced",
            "the factory would close in July",
        ),
    ],
)
def test_impersonal_passive_has_no_named_speaker(attribute, text: str, cue: str, content: str) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue)
    assert clause(a) == content
    assert a.speaker is None or a.speaker.name is None
    assert a.label == "asserted"


# Objects and gerunds: "denied any wrongdoing", "denied supplying weapons"


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention", "name", "label"),
    [
        ("The club denied any wrongdoing.", "denied", "any wrongdoing", "The club", "club", "denied"),
        (
            "The Turkish company denied supplying weapons to the militia.",
            "denied",
            "supplying weapons to the militia",
            "The Turkish company",
            "Turkish company",
            "denied",
        ),
        (
            "The foreign minister reaffirmed the country's support for Russia.",
            "reaffirmed",
            "the country's support for Russia",
            "The foreign minister",
            "foreign minister",
            "asserted",
        ),
        (
            "The governor rejected claims that she had used campaign funds for personal travel.",
            "rejected",
            "claims that she had used campaign funds for personal travel",
            "The governor",
            "governor",
            "denied",
        ),
        (
            "The senator rejected accusations that she had misled voters.",
            "rejected",
            "accusations that she had misled voters",
            "The senator",
            "senator",
            "denied",
        ),
    ],
)
def test_object_and_gerund_content(
    attribute, text: str, cue: str, content: str, mention: str, name: str, label: str
) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue)
    assert a.content.text == content
    assert_speaker(a, mention, name)
    assert a.label == label


# Accusations and their targets

ACCUSATIONS = [
    (
        "The United States has accused North Korea of providing weapons to Russia.",
        "accused",
        "The United States",
        "United States",
        "North Korea",
        "providing weapons to Russia",
    ),
    (
        "Ukraine accused Russia of shelling the plant.",
        "accused",
        "Ukraine",
        "Ukraine",
        "Russia",
        "shelling the plant",
    ),
    (
        "The refugees accused border guards of beating them.",
        "accused",
        "The refugees",
        "refugees",
        "border guards",
        "beating them",
    ),
    (
        "Lula accused the central bank of sabotaging growth.",
        "accused",
        "Lula",
        "Lula",
        "central bank",
        "sabotaging growth",
    ),
    (
        "Opposition lawmakers blamed the government for the shortages.",
        "blamed",
        "Opposition lawmakers",
        "Opposition lawmakers",
        "government",
        "the shortages",
    ),
    (
        "The striking nurses blamed the health ministry for the staff shortages.",
        "blamed",
        "The striking nurses",
        "striking nurses",
        "health ministry",
        "the staff shortages",
    ),
    (
        "Prosecutors charged the former mayor with fraud.",
        "charged",
        "Prosecutors",
        "Prosecutors",
        "former mayor",
        "fraud",
    ),
    (
        "Farmers blamed the drought on the government.",
        "blamed",
        "Farmers",
        "Farmers",
        "government",
        "the drought",
    ),
]


@pytest.mark.parametrize(("text", "cue", "mention", "name", "target", "content"), ACCUSATIONS)
def test_accusation_label_and_target(
    attribute, text: str, cue: str, mention: str, name: str, target: str, content: str
) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue)
    assert a.label == "accused"
    assert_speaker(a, mention, name)
    assert a.target is not None, f"no target for {a.content.text!r}"
    assert target in a.target.name
    assert text[a.target.start : a.target.end] == a.target.text


@pytest.mark.parametrize(("text", "cue", "mention", "name", "target", "content"), ACCUSATIONS)
def test_accusation_content_runs_from_the_accused_to_what_is_alleged(
    attribute, text: str, cue: str, mention: str, name: str, target: str, content: str
) -> None:
    """As in news corpora (PolNeAR, the project's gold files): "accused X of Y" reports
    "X of Y"; the accused is also the ``target``."""
    result = attribute(text)
    a = reported(result, cue)
    assert content in a.content.text
    assert target in a.content.text
    assert a.content.text.endswith(content) or a.content.text.startswith(content)


# Denials


@pytest.mark.parametrize(
    ("text", "content", "mention", "name"),
    [
        (
            "Pyongyang and Moscow have denied any arms transactions.",
            "any arms transactions",
            "Pyongyang and Moscow",
            "Pyongyang and Moscow",
        ),
        (
            "Beijing and Manila have denied the reports.",
            "the reports",
            "Beijing and Manila",
            "Beijing and Manila",
        ),
    ],
)
def test_denial_by_two_governments(attribute, text: str, content: str, mention: str, name: str) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, "denied", "deny")
    assert a.label == "denied"
    assert a.content.text == content
    assert_speaker(a, mention, name)
    assert a.speaker.type == "GPE"


# Beliefs and intentions


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention"),
    [
        (
            "Economists expect the central bank to raise rates.",
            "expect",
            "the central bank to raise rates",
            "Economists",
        ),
        (
            "Analysts believe the merger will be approved by regulators.",
            "believe",
            "the merger will be approved by regulators",
            "Analysts",
        ),
        (
            "Most voters think the government has mishandled the crisis.",
            "think",
            "the government has mishandled the crisis",
            "Most voters",
        ),
        (
            "Residents fear the river will flood again this winter.",
            "fear",
            "the river will flood again this winter",
            "Residents",
        ),
        (
            "Officials hope the ceasefire will hold through the holiday.",
            "hope",
            "the ceasefire will hold through the holiday",
            "Officials",
        ),
        (
            "The IMF predicted that growth in Nigeria would slow to 2.9 percent.",
            "predicted",
            "growth in Nigeria would slow to 2.9 percent",
            "The IMF",
        ),
    ],
)
def test_beliefs_and_expectations(attribute, text: str, cue: str, content: str, mention: str) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, cue)
    assert clause(a) == content
    assert a.speaker is not None and a.speaker.text == mention
    assert a.label == "asserted"


# Several cues in one sentence


def test_promise_and_wish_stay_two_attributions(attribute) -> None:
    text = "He promised to bring relations to a “new height” and wished Putin victory in his struggle."
    result = attribute(text)
    assert [a.cue.text for a in result.quotes] == ["promised", "wished"]
    promised, wished = by_cue(result, "promised"), by_cue(result, "wished")
    assert promised.kind == "mixed"
    assert promised.content.text == "to bring relations to a “new height”"
    assert [q.text for q in promised.quotes] == ["new height"]
    assert "wished" not in promised.content.text
    wished = reported(result, "wished", "wish")
    assert "victory in his struggle" in wished.content.text
    assert "promised" not in wished.content.text
    for a in (promised, wished):
        assert_speaker(a, "He", None)
        assert a.label == "asserted"


def test_dismissal_and_statement_stay_two_attributions(attribute) -> None:
    text = 'The Kremlin dismissed the report as "fake news" and said it would not comment further.'
    result = attribute(text)
    assert [a.cue.text for a in result.quotes] == ["dismissed", "said"]
    dismissed = by_cue(result, "dismissed")
    assert dismissed.kind == "mixed"
    assert dismissed.label == "denied"
    assert dismissed.content.text == 'the report as "fake news"'
    assert [q.text for q in dismissed.quotes] == ["fake news"]
    said = reported(result, "said", "say")
    assert said.label == "asserted"
    assert said.content.text == "it would not comment further"
    for a in (dismissed, said):
        assert_speaker(a, "The Kremlin", "Kremlin")


# A cue inside a quotation is part of it


@pytest.mark.parametrize(
    ("text", "quotation", "mention"),
    [
        ('"They said it would never happen," she said.', '"They said it would never happen,"', "she"),
        (
            '"We were told the road would reopen in a week," the farmer said.',
            '"We were told the road would reopen in a week,"',
            "the farmer",
        ),
    ],
)
def test_cue_inside_a_quotation_is_not_an_attribution(
    attribute, text: str, quotation: str, mention: str
) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [(a.cue.text if a.cue else None, a.content.text) for a in result.quotes]
    a = result.quotes[0]
    assert a.kind == "direct"
    assert a.content.text == quotation
    assert a.cue is not None and a.cue.start == text.rindex("said")
    assert a.speaker is not None and a.speaker.text == mention


# Relative-pronoun speakers


@pytest.mark.parametrize(
    ("text", "content", "name"),
    [
        ("Mr. Obama, who said the economy was growing, left early.", "the economy was growing", "Obama"),
        ("Ms. Merkel, who said the deal was fair, flew to Paris.", "the deal was fair", "Merkel"),
    ],
)
def test_relative_pronoun_speaker_is_named_by_its_antecedent(
    attribute, text: str, content: str, name: str
) -> None:
    result = attribute(text)
    assert len(result.quotes) == 1, [a.content.text for a in result.quotes]
    a = reported(result, "said", "say")
    assert a.content.text == content
    assert_speaker(a, "who", name)
    assert a.speaker.type == "PERSON"


# Speaker mentions with a hyphen inside the name


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        (
            "Ngozi Okonjo-Iweala said the trade rules had to change.",
            "Ngozi Okonjo-Iweala",
            "Ngozi Okonjo-Iweala",
        ),
        ("Mr. Al-Sisi said the canal would be widened.", "Mr. Al-Sisi", "Al-Sisi"),
    ],
)
def test_hyphenated_speaker_name_is_the_whole_mention(attribute, text: str, mention: str, name: str) -> None:
    a = reported(attribute(text), "said", "say")
    assert_speaker(a, mention, name)


# Not attributions


@pytest.mark.parametrize(
    "text",
    [
        'The goalkeeper, known as "The Wall", signed a contract.',
        "The goalkeeper, known as The Wall, signed a contract.",
        "She said so.",
        "He said it.",
        "The minister said nothing.",
        "Russia was the first country to recognise North Korea as a state.",
        "Several governments recognized the council as the legitimate authority.",
    ],
)
def test_not_attributions(attribute, text: str) -> None:
    """A naming participle, a cue whose content has no words of its own, and "recognise X
    as Y" (a status given, nothing reported) give nothing."""
    result = attribute(text)
    assert result.quotes == (), [(a.cue.text if a.cue else None, a.content.text) for a in result.quotes]


def test_recognising_a_fact_is_still_reported(attribute) -> None:
    a = reported(attribute("The minister recognized that the plan had failed."), "recognized")
    assert a.content.text.endswith("the plan had failed")


def test_viewing_something_as_something_is_a_belief_reported(attribute) -> None:
    a = reported(attribute("Many voters viewed the tax as unfair."), "viewed")
    assert a.content.text.startswith("the tax")
