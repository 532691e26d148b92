"""Reporting sources and publishers (quoteattr.find.sources) on real parses of the default model.

Drafts come from :func:`quoteattr.find.attributions.attribute` on a Doc of the ``nlp`` fixture,
as the attribution engine makes them; each test names the statement it looks at by its cue
and a piece of its content, so a change in the engine's spans does not silently move it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from quoteattr.find.attributions import attribute
from quoteattr.find.cues import find_cues
from quoteattr.find.publisher import find_publisher
from quoteattr.find.quotes import find_quotations
from quoteattr.find.sources import report_frames, reporting_source
from quoteattr.lexicons import Lexicons
from quoteattr.lexicons.outlets import OutletLexicon

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a13e1db2e670e016.txt"


@pytest.fixture(scope="module")
def outlets() -> OutletLexicon:
    return OutletLexicon.load()


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return Lexicons.load()


@pytest.fixture(scope="module")
def parse(nlp, lexicons):
    """``parse(text)``: the Doc and the engine's drafts for it."""

    def run(text: str):
        doc = nlp(text)
        quotations = find_quotations(doc.text)
        return doc, attribute(doc, quotations, list(find_cues(doc, lexicons.cues)), lexicons.cues)

    return run


def pick(doc, drafts, cue: str, content: str = ""):
    """The index of the draft whose cue is ``cue`` and whose content contains ``content``."""
    found = [
        i
        for i, d in enumerate(drafts)
        if d.cue is not None
        and d.cue.token.text == cue
        and content in " ".join(doc.text[s:e] for s, e in d.spans)
    ]
    assert len(found) == 1, (cue, content, [(d.cue and d.cue.token.text, d.spans) for d in drafts])
    return found[0]


def frames_of(doc, drafts):
    """:func:`report_frames` of the drafts, with their own sources found first."""
    lexicons = Lexicons.load()
    return report_frames(doc, drafts, [reporting_source(doc, d, lexicons) for d in drafts], lexicons)


def source_of(parse, outlets, text: str, cue: str, content: str = ""):
    """``(name, text of the mention)`` of the reporting source of one statement, or None."""
    doc, drafts = parse(text)
    found = reporting_source(doc, drafts[pick(doc, drafts, cue, content)], Lexicons.load())
    return None if found is None else (found[0], text[found[1] : found[2]])


# --- the lexicon -------------------------------------------------------------------------------


def test_lexicon_is_loaded_once_and_gives_canonical_names(outlets):
    assert OutletLexicon.load() is outlets
    assert len(outlets) > 200
    assert outlets.match("the AP") == "Associated Press"
    assert outlets.match("The Associated Press") == "Associated Press"
    assert outlets.match("AFP") == "Agence France-Presse"
    assert outlets.match("the New York Times") == "The New York Times"
    assert outlets.match("Reuters") == "Reuters"
    assert outlets.match("reuters") is None  # case-aware
    assert outlets.match("REUTERS", caseless=True) == "Reuters"
    assert outlets.match("the ministry") is None


def test_find_gives_the_token_range_of_an_outlet_with_its_the(nlp, outlets):
    doc = nlp("Officials told the Associated Press that the plane had been diverted.")
    name, start, end = outlets.find(doc, 0, len(doc))
    assert (name, doc[start:end].text) == ("Associated Press", "the Associated Press")
    doc = nlp("The report by Agence France-Presse was denied.")
    name, start, end = outlets.find(doc, 0, len(doc))
    assert (name, doc[start:end].text) == ("Agence France-Presse", "Agence France-Presse")


def test_ambiguous_alias_is_not_taken_outside_a_reporting_context(nlp, parse, outlets):
    assert outlets.match("Time") is None
    assert outlets.match("Time", reporting=True) == "Time"
    doc = nlp("Time is running out for a deal, the minister said.")
    assert outlets.find(doc, 0, len(doc)) is None
    assert source_of(parse, outlets, doc.text, "said") is None
    assert source_of(parse, outlets, "Tourists returned to Petra, the tourism ministry said.", "said") is None
    # a media noun beside it, or "told", makes it the magazine
    doc = nlp("The prime minister told Time magazine that she would not resign.")
    assert outlets.find(doc, 0, len(doc))[0] == "Time"
    assert source_of(parse, outlets, doc.text, "told") == ("Time", "Time magazine")


def test_sources_are_named_as_the_document_names_the_outlet(outlets):
    assert outlets.name_in("told the Associated Press on Monday", "Associated Press") == "Associated Press"
    assert outlets.name_in("state media KCNA reported", "Korean Central News Agency") == "KCNA"
    assert (
        outlets.name_in("the Korean Central News Agency (KCNA) said", "Korean Central News Agency")
        == "Korean Central News Agency"
    )
    assert outlets.name_in("told the New York Times", "The New York Times") == "The New York Times"


# --- the publisher -----------------------------------------------------------------------------


def test_publisher_of_the_seed_article_is_its_credit_line(outlets):
    text = SEED.read_text(encoding="utf-8")
    publisher = find_publisher(text, outlets)
    assert publisher.name == "Al Jazeera"
    assert publisher.text == "Source: Al Jazeera" == text[publisher.start : publisher.end]


@pytest.mark.parametrize(
    ("text", "name", "credit"),
    [
        # credit lines, usually last
        ("The ministry said rates would rise.\n\nSource: Reuters\n", "Reuters", "Source: Reuters"),
        ("Troops withdrew.\n\nSource: Al Jazeera and news agencies", "Al Jazeera", "Source: Al Jazeera"),
        ("Troops withdrew.\nSOURCE: AL JAZEERA", "Al Jazeera", "SOURCE: AL JAZEERA"),
        (
            "The storm hit at dawn.\n\nCopyright 2024 The Associated Press. All rights reserved.",
            "Associated Press",
            "Copyright 2024 The Associated Press",
        ),
        # wire datelines
        (
            "LAGOS (Reuters) - Nigeria's central bank said on Tuesday it would keep rates unchanged.",
            "Reuters",
            "LAGOS (Reuters) -",
        ),
        ("WASHINGTON (AP) — The Senate passed the bill.", "Associated Press", "WASHINGTON (AP) —"),
        (
            "BEIJING, March 3 (Xinhua) -- China's top legislature opened its annual session.",
            "Xinhua",
            "BEIJING, March 3 (Xinhua) --",
        ),
        ("(AFP) - Protesters gathered in central Paris on Saturday.", "Agence France-Presse", "(AFP) -"),
        ("Kyiv, Ukraine (CNN)Ukrainian forces pushed east.", "CNN", "Kyiv, Ukraine (CNN)"),
        # agency bylines
        (
            "Floods hit Kerala\nBy Jane Doe, Associated Press\nRains continued on Monday.",
            "Associated Press",
            "By Jane Doe, Associated Press",
        ),
        (
            "Jobs report\nBy JOSH BOAK AP Economics Writer\nEmployers added jobs.",
            "Associated Press",
            "By JOSH BOAK AP Economics Writer",
        ),
        ("By Reuters Staff\nOil prices fell.", "Reuters", "By Reuters Staff"),
        # Reuters' reporting credit
        (
            "The bank held rates.\n(Reporting by Chijioke Ohuocha; Editing by Alison Williams)",
            "Reuters",
            "Reporting by Chijioke Ohuocha; Editing by Alison Williams",
        ),
    ],
)
def test_publisher_from_each_kind_of_credit(outlets, text, name, credit):
    publisher = find_publisher(text, outlets)
    assert publisher is not None, text
    assert (publisher.name, publisher.text) == (name, credit)
    assert text[publisher.start : publisher.end] == publisher.text


@pytest.mark.parametrize(
    "text",
    [
        "The minister told Reuters on Monday that the talks had failed.\n\nMore talks are planned.",
        "Protesters marched in Santiago (AP Photo) as police looked on.",
        "By Ann Fox\nThe council voted on Tuesday.",
        "Source: Ministry of Health figures show cases rose.",
        "",
    ],
)
def test_no_publisher_without_a_credit(outlets, text):
    assert find_publisher(text, outlets) is None


@pytest.mark.parametrize(
    "text",
    [
        "x" * 5_000_000,
        "(" * 5_000_000,
        "By " + "a," * 2_500_000,
        "Reporting by " + "a " * 2_500_000,
        " \n" * 2_500_000,
        "Source:" + " " * 5_000_000,
        "(Reuters" + " -" * 2_500_000,
    ],
)
def test_publisher_search_is_linear_on_huge_inputs(outlets, text):
    start = time.perf_counter()
    find_publisher(text, outlets)
    assert time.perf_counter() - start < 0.5


def test_wire_dateline_is_the_publisher_not_a_source(parse, outlets):
    text = "LAGOS (Reuters) - Nigeria's central bank said on Tuesday it would keep interest rates unchanged."
    assert find_publisher(text, outlets).name == "Reuters"
    assert source_of(parse, outlets, text, "said") is None


# --- the reporting source of one statement -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "content", "expected"),
    [
        # the addressee of "told"
        (
            "“There is no truth to these allegations,” a spokesman for the company told Reuters.",
            "told",
            "",
            ("Reuters", "Reuters"),
        ),
        (
            "Officials told the Associated Press that the plane had been diverted because of a bomb threat.",
            "told",
            "",
            ("Associated Press", "the Associated Press"),
        ),
        (
            "The central bank governor told Bloomberg News that rates would stay on hold.",
            "told",
            "",
            ("Bloomberg News", "Bloomberg News"),
        ),
        (
            "The coach told the BBC's Today programme that he would stay until the end of the season.",
            "told",
            "",
            ("BBC", "the BBC"),
        ),
        (
            "“We are not afraid,” the protest leader told Dawn.",
            "told",
            "",
            ("Dawn", "Dawn"),
        ),
        (
            "The governor told state television that the fires were under control.",
            "told",
            "",
            ("state television", "state television"),
        ),
        # an interview, comments, speaking to
        (
            "In an interview with the BBC, General Omar Haddad blamed foreign fighters for the attack.",
            "blamed",
            "",
            ("BBC", "the BBC"),
        ),
        (
            "In comments to Xinhua, the Kenyan ambassador praised the new railway.",
            "praised",
            "",
            ("Xinhua", "Xinhua"),
        ),
        (
            "Speaking to CNN on Sunday, the senator said the bill would pass before the recess.",
            "said",
            "",
            ("CNN", "CNN"),
        ),
        (
            "The Egyptian minister said the crossing would reopen, speaking to Al Arabiya television.",
            "said",
            "",
            ("Al Arabiya", "Al Arabiya television"),
        ),
        (
            "The opposition leader said on NHK that the election should be delayed.",
            "said",
            "",
            ("NHK", "NHK"),
        ),
        (
            "The former ambassador wrote in an op-ed in The Washington Post that sanctions had failed.",
            "wrote",
            "",
            ("The Washington Post", "The Washington Post"),
        ),
        # according to an outlet, when the speaker is someone else
        (
            "The talks will resume next week, the ministry said, according to state news agency KCNA.",
            "said",
            "",
            ("KCNA", "state news agency KCNA"),
        ),
        # carried, quoted by an outlet
        (
            "The foreign ministry said in a statement carried by the official IRNA news agency "
            "that the ambassador had been summoned.",
            "said",
            "",
            ("IRNA", "the official IRNA news agency"),
        ),
        (
            "The minister was quoted by Interfax as saying that gas supplies would not be cut.",
            "saying",
            "",
            ("Interfax", "Interfax"),
        ),
        (
            "Yonhap quoted a senior military official as saying the missile flew about 600 km.",
            "saying",
            "",
            ("Yonhap", "Yonhap"),
        ),
        # an outlet's report closing the sentence
        (
            "Tokyo Electric said the leak had been contained, public broadcaster NHK reported.",
            "said",
            "",
            ("NHK", "public broadcaster NHK"),
        ),
    ],
)
def test_reporting_source_of_one_statement(parse, outlets, text, cue, content, expected):
    assert source_of(parse, outlets, text, cue, content) == expected


def test_no_source_where_the_outlet_is_the_speaker_or_what_is_said(parse, outlets):
    text = "The talks will resume next week, the ministry said, according to state news agency KCNA."
    assert source_of(parse, outlets, text, "according") is None  # KCNA is its speaker
    text = "The minister said she had told CNN that the ceasefire would hold."
    assert source_of(parse, outlets, text, "said") is None  # CNN is inside what she said
    assert source_of(parse, outlets, text, "told") == ("CNN", "CNN")
    text = "“I have never met the man,” Moreno told reporters outside the Capitol."
    assert source_of(parse, outlets, text, "told") is None


# --- report frames ------------------------------------------------------------------------------


def frames_by_content(parse, outlets, text: str) -> dict[str, str | None]:
    """Each draft's content (its first 40 characters) → the frame's name, or None."""
    doc, drafts = parse(text)
    frames = frames_of(doc, drafts)
    return {doc.text[d.spans[0][0] : d.end][:40]: frames.get(i, (None,))[0] for i, d in enumerate(drafts)}


def test_seed_article_statements_in_the_letters_are_framed_by_kcna(parse, outlets):
    text = SEED.read_text(encoding="utf-8")
    doc, drafts = parse(text)
    frames = frames_of(doc, drafts)
    expected = {
        ("wishing", "imperialists’ anti-Russia scheme"): "KCNA",
        ("said", "very satisfied"): "KCNA",
        ("describing", "candid [and] comprehensive"): "KCNA",
        ("promised", "new height"): "KCNA",
        ("wished", "isolate and stifle Russia"): "KCNA",
        ("said", "positively develop in all aspects"): "KCNA",
        ("said", "military cooperation had been discussed"): None,
        ("accused", "providing weapons to Russia"): None,
        ("denied", "any arms transactions"): None,
        ("reaffirmed", "support for Russia over Ukraine"): None,
    }
    for (cue, content), name in expected.items():
        found = frames.get(pick(doc, drafts, cue, content))
        assert (found and found[0]) == name, (cue, content, found)
    framed = {frame for frame in frames.values()}
    assert len(framed) == 1
    name, start, end = framed.pop()
    assert text[start:end] == "North Korean state media KCNA"
    report = pick(doc, drafts, "reported", "The exchange of letters")
    assert report not in frames  # the frame is not framed by itself
    assert all(reporting_source(doc, d, Lexicons.load()) is None for d in drafts)


XINHUA_STORY = """\
Chinese President Xi Jinping and Brazilian President Luiz Inacio Lula da Silva held phone talks on \
Monday, with Xi calling for closer trade ties.

The phone call focused on trade and climate cooperation, state news agency Xinhua reported.

During the call, Xi said China was ready to buy more Brazilian soybeans.

Brazil's agriculture ministry said separately that exports had risen 12 percent this year.

Lula told Reuters last week that he hoped to visit Beijing soon.

In the call, Xi also said the two countries should oppose protectionism.
"""


def test_agency_frame_reaches_statements_about_what_it_reported(parse, outlets):
    frames = frames_by_content(parse, outlets, XINHUA_STORY)
    assert frames["closer trade ties"] == "Xinhua"  # the lede: "phone talks"
    assert frames["China was ready to buy more Brazilian so"] == "Xinhua"  # "During the call"
    assert frames["The phone call focused on trade and clim"] is None  # the frame itself
    assert frames["that exports had risen 12 percent this y"] is None  # another topic
    assert frames["that he hoped to visit Beijing soon"] is None  # its own source, Reuters
    assert frames["the two countries should oppose protecti"] is None  # past a new source


IRNA_STORY = """\
Iran's foreign minister met his Omani counterpart in Muscat on Sunday, the official IRNA news agency \
reported. The minister said Oman's mediation had been valuable.

A senior US official told CNN that Washington had not been informed of the meeting.

The minister said the nuclear talks were at a critical stage.
"""


def test_frame_covers_its_paragraph_and_stops_at_a_new_source(parse, outlets):
    doc, drafts = parse(IRNA_STORY)
    frames = frames_of(doc, drafts)
    mediation = frames[pick(doc, drafts, "said", "mediation had been valuable")]
    assert mediation[0] == "IRNA"
    assert IRNA_STORY[mediation[1] : mediation[2]] == "the official IRNA news agency"
    assert pick(doc, drafts, "told", "Washington had not been informed") not in frames
    assert pick(doc, drafts, "said", "at a critical stage") not in frames


def test_frame_in_the_same_sentence_and_after_it_in_the_paragraph(parse, outlets):
    text = (
        "Syria's state news agency SANA reported that President Bashar al-Assad had met the Iranian "
        "envoy in Damascus. Assad told the envoy that Syria would not negotiate under pressure."
    )
    doc, drafts = parse(text)
    frames = frames_of(doc, drafts)
    assert frames[pick(doc, drafts, "told", "would not negotiate")][0] == "SANA"


def test_a_paper_cited_for_one_fact_does_not_frame_the_story(parse, outlets):
    text = (
        "The Wall Street Journal reported in October that the senator's firm had booked paid speeches.\n\n"
        "The senator's campaign said the speeches were booked before she entered the race."
    )
    doc, drafts = parse(text)
    assert pick(doc, drafts, "said", "booked before") not in frames_of(doc, drafts)


@pytest.mark.parametrize(
    "text",
    [
        "Only, CNN didn't report that the governor was dropping out. The governor said he would stay.",
        "The plane was grounded after The New York Times reported that its registration had expired. "
        "The company said the paperwork had been filed.",
    ],
)
def test_a_denied_or_subordinate_report_frames_nothing(parse, outlets, text):
    doc, drafts = parse(text)
    assert frames_of(doc, drafts) == {}


def test_no_frames_without_an_outlet(parse, outlets):
    doc, drafts = parse("“We will not be intimidated,” Prime Minister Ana Duarte said on Monday.")
    assert frames_of(doc, drafts) == {}
