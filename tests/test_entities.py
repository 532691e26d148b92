"""The entity table and the rule resolver, on real parses of news sentences.

Each test parses its text with the session pipeline (``nlp``, the quoteattr pipeline with
its tokenizer fixes), builds the table and resolves mentions found by their text.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

import quoteattr
from quoteattr.find.quotes import find_quotations
from quoteattr.lexicons import Lexicons
from quoteattr.resolve import EntityTable, Referent, RuleResolver, build_table, make_resolver
from quoteattr.resolve.mentions import quoted_tokens
from quoteattr.resolve.names import initials, name_key
from quoteattr.resolve.resolvers import rule_resolver

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_a13e1db2e670e016.txt"
LEXICONS = Lexicons.load()
#: One resolver for every test, as the component has: what it learns of a table stays with it.
RULES = RuleResolver(LEXICONS)


def span(doc: Doc, text: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``text`` in ``doc`` as a token span."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    found = doc.char_span(start, start + len(text), alignment_mode="expand")
    assert found is not None, text
    return found


def resolve(doc: Doc, table: EntityTable, text: str, nth: int = 0, head: str | None = None) -> list[str]:
    """Names of the referents the mention ``text`` resolves to (head: its root, or the word ``head``)."""
    mention = span(doc, text, nth)
    token = mention.root if head is None else next(t for t in mention if t.text == head)
    return [r.name for r in RULES.resolve(doc, table, mention.start, mention.end, token)]


def referent(table: EntityTable, name: str) -> Referent:
    found = [r for r in table.referents if r.name == name]
    assert len(found) == 1, (name, [r.name for r in table.referents])
    return found[0]


def names(table: EntityTable) -> list[str]:
    return [r.name for r in table.referents]


@pytest.fixture(scope="module")
def seed(nlp) -> tuple[Doc, EntityTable]:
    doc = nlp(SEED.read_text(encoding="utf-8"))
    return doc, build_table(doc, LEXICONS)


# -- the seed article --------------------------------------------------------------------


def test_seed_people_are_one_referent_each_with_their_titles(seed) -> None:
    doc, table = seed
    kim = referent(table, "Kim Jong Un")
    assert (kim.type, kim.title) == ("PERSON", "North Korean leader")
    assert [doc[s:e].text for s, e in kim.mentions].count("Kim") >= 7  # the headline's "Kim Wishes" too
    putin = referent(table, "Vladimir Putin")
    assert (putin.type, putin.title) == ("PERSON", "Russian President")
    im = referent(table, "Im Chon-il")
    assert (im.type, im.title) == ("PERSON", "Vice Foreign Minister")  # stops at "North Korea’s"
    assert sum(r.type == "PERSON" for r in table.referents) == 3


def test_seed_places_and_organisations(seed) -> None:
    doc, table = seed
    for place in ("Pyongyang", "Moscow", "Russia", "North Korea", "Ukraine", "United States"):
        assert referent(table, place).type == "GPE"
    assert referent(table, "KCNA").type == "ORG"
    assert table.at(span(doc, "N Korea", nth=1)[1]).name == "North Korea"  # the headline's abbreviation
    assert table.at(span(doc, "Pyongyang").root).name == "Pyongyang"


def test_seed_mentions_resolve_to_the_referents(seed) -> None:
    doc, table = seed
    assert resolve(doc, table, "Kim", nth=3) == ["Kim Jong Un"]
    assert resolve(doc, table, "Putin said", head="Putin") == ["Vladimir Putin"]  # head: "Putin"
    assert resolve(doc, table, "He promised", head="He") == ["Kim Jong Un"]
    assert resolve(doc, table, "Kim said he", head="he") == ["Kim Jong Un"]
    assert resolve(doc, table, "the two men") == ["Kim Jong Un", "Vladimir Putin"]
    assert resolve(doc, table, "both men") == ["Kim Jong Un", "Vladimir Putin"]
    assert resolve(doc, table, "North Korea’s Vice Foreign Minister Im Chon-il") == ["Im Chon-il"]
    assert resolve(doc, table, "Pyongyang and Moscow have", head="Pyongyang") == ["Pyongyang", "Moscow"]
    assert resolve(doc, table, "In his letter", head="his") == ["Kim Jong Un"]  # before its subject
    assert resolve(doc, table, "In his latest letter", head="his") == ["Vladimir Putin"]
    assert resolve(doc, table, "After their talks", head="their") == ["Kim Jong Un", "Vladimir Putin"]


def test_the_headline_names_are_trimmed_to_known_names(seed) -> None:
    doc, table = seed
    headline = span(doc, "N Korea’s Kim Wishes Russia’s Putin Victory")
    assert table.at(headline[3]).name == "Kim Jong Un"
    assert table.at(headline[4]) is None  # "Wishes"
    assert table.at(headline[7]).name == "Vladimir Putin"
    assert not any("Wishes" in n or "Victory" in n for n in names(table))


# -- names -------------------------------------------------------------------------------


def test_a_surname_first_then_the_full_name_is_one_referent(nlp) -> None:
    doc = nlp(
        "Sanchez told parliament the budget was balanced. "
        "Spanish Prime Minister Pedro Sanchez later said the deficit would shrink."
    )
    table = build_table(doc, LEXICONS)
    sanchez = referent(table, "Pedro Sanchez")
    assert sanchez.type == "PERSON"  # the NER tags the first "Sanchez" ORG
    assert sanchez.title == "Spanish Prime Minister"
    assert [doc[s:e].text for s, e in sanchez.mentions] == ["Sanchez", "Pedro Sanchez"]
    assert resolve(doc, table, "Sanchez told", head="Sanchez") == ["Pedro Sanchez"]


def test_honorifics_and_possessives_are_not_part_of_names(nlp) -> None:
    doc = nlp(
        "Mr. Trump said the deal was dead. Trump's lawyers disagreed. Ms. Pelosi said Congress would act. "
        "Nancy Pelosi, the House speaker, called the move reckless."
    )
    table = build_table(doc, LEXICONS)
    trump = referent(table, "Trump")
    assert (trump.type, trump.gender) == ("PERSON", "m")
    assert len(trump.mentions) == 2
    pelosi = referent(table, "Nancy Pelosi")
    assert (pelosi.title, pelosi.gender) == ("House speaker", "f")
    assert resolve(doc, table, "Ms. Pelosi") == ["Nancy Pelosi"]
    assert resolve(doc, table, "Trump's lawyers", head="Trump") == ["Trump"]


def test_particles_and_hyphens_stay_in_names(nlp) -> None:
    doc = nlp(
        "French President Charles de Gaulle spoke in 1960. De Gaulle said France would leave. "
        "Ngozi Okonjo-Iweala, the director-general of the World Trade Organization, said trade would slow. "
        "Okonjo-Iweala's comments came a day after Egyptian President Abdel Fattah al-Sisi said Egypt "
        "would join. Sisi's office said the decision was final. Ursula von der Leyen said Europe was ready. "
        "Von der Leyen's spokesman said the talks would continue."
    )
    table = build_table(doc, LEXICONS)
    gaulle = referent(table, "Charles de Gaulle")
    assert (gaulle.type, gaulle.title, len(gaulle.mentions)) == ("PERSON", "French President", 2)
    okonjo = referent(table, "Ngozi Okonjo-Iweala")
    assert okonjo.title == "director-general of the World Trade Organization"
    assert len(okonjo.mentions) == 2
    sisi = referent(table, "Abdel Fattah al-Sisi")
    assert (sisi.title, len(sisi.mentions)) == ("Egyptian President", 2)  # "Sisi" was tagged ORG
    leyen = referent(table, "Ursula von der Leyen")  # the NER cut it after "der"
    assert len(leyen.mentions) == 2
    assert resolve(doc, table, "De Gaulle said", head="Gaulle") == ["Charles de Gaulle"]
    assert resolve(doc, table, "Von der Leyen's", head="Leyen") == ["Ursula von der Leyen"]
    assert {r.type for r in table.referents if r.name in ("Egypt", "France")} == {"GPE"}


def test_namesakes_stay_apart_and_honorifics_and_pronouns_choose(nlp) -> None:
    doc = nlp(
        "Hillary Clinton said she would campaign in Ohio. Bill Clinton said he would join her. "
        "Later, Mrs. Clinton told reporters the race was close. Mr. Clinton said the polls were wrong. "
        "Clinton added that she was confident."
    )
    table = build_table(doc, LEXICONS)
    hillary, bill = referent(table, "Hillary Clinton"), referent(table, "Bill Clinton")
    assert (hillary.gender, bill.gender) == ("f", "m")
    assert resolve(doc, table, "Mrs. Clinton") == ["Hillary Clinton"]
    assert resolve(doc, table, "Mr. Clinton") == ["Bill Clinton"]
    assert resolve(doc, table, "Clinton added", head="Clinton") == ["Hillary Clinton"]  # "… that she was"
    assert resolve(doc, table, "he would join", head="he") == ["Bill Clinton"]
    assert resolve(doc, table, "join her", head="her") == ["Hillary Clinton"]
    assert len(hillary.mentions) == 3 and len(bill.mentions) == 2


def test_two_kims_a_bare_kim_is_the_most_recent(nlp) -> None:
    doc = nlp(
        "North Korean leader Kim Jong Un met officials in Pyongyang. His sister, Kim Yo Jong, said the "
        "talks had failed. Kim also said Seoul had lied. Mr. Kim later said he was ready to talk. "
        "The UN said it would respond."
    )
    table = build_table(doc, LEXICONS)
    un, yo = referent(table, "Kim Jong Un"), referent(table, "Kim Yo Jong")
    assert (un.title, yo.title) == ("North Korean leader", "sister")
    assert yo.gender == "f"
    assert resolve(doc, table, "Kim also", head="Kim") == ["Kim Yo Jong"]
    assert resolve(doc, table, "Mr. Kim") == ["Kim Jong Un"]
    assert resolve(doc, table, "he was ready", head="he") == ["Kim Jong Un"]
    assert resolve(doc, table, "His sister", head="His") == ["Kim Jong Un"]
    assert referent(table, "UN").type == "ORG"  # not Kim Jong "Un"
    assert resolve(doc, table, "The UN") == ["UN"]


def test_a_background_namesake_does_not_take_the_next_surname(nlp) -> None:
    doc = nlp(
        "Hillary Clinton was headed to an emergency room but detoured to daughter Chelsea Clinton’s "
        "apartment, The Post has learned. Clinton had told police officials that she did not want an escort."
    )
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "Clinton had", head="Clinton") == ["Hillary Clinton"]
    assert len(referent(table, "Chelsea Clinton").mentions) == 1


def test_ner_mistakes_persons_tagged_org_or_gpe(nlp) -> None:
    doc = nlp(
        "Poland's foreign minister, Helena Sobczak, said Warsaw would not back down. "
        "The minister said the sanctions would stay. She added that talks were possible."
    )
    table = build_table(doc, LEXICONS)
    sobczak = referent(table, "Helena Sobczak")  # tagged ORG by the NER
    assert (sobczak.type, sobczak.title) == ("PERSON", "foreign minister")
    assert referent(table, "Warsaw").type == "GPE"
    assert resolve(doc, table, "The minister") == ["Helena Sobczak"]
    assert resolve(doc, table, "She added", head="She") == ["Helena Sobczak"]
    assert resolve(doc, table, "Poland's foreign minister", head="minister") == ["Helena Sobczak"]


def test_a_name_the_ner_missed_is_matched_by_name(nlp) -> None:
    doc = nlp("Helena Sobczak spoke first. Later Sobczak said the talks were over.")
    first = span(doc, "Helena Sobczak")
    table = EntityTable([Referent(0, "Helena Sobczak", "PERSON", mentions=[(first.start, first.end)])])
    assert resolve(doc, table, "Sobczak said", head="Sobczak") == ["Helena Sobczak"]
    assert resolve(doc, table, "the talks") == []


# -- organisations and places ------------------------------------------------------------


def test_organisations_acronyms_and_short_forms(nlp) -> None:
    doc = nlp(
        "The International Atomic Energy Agency said on Monday that Iran had enriched more uranium. "
        "The IAEA did not say how it had obtained the data. The agency said inspectors would return. "
        "The OPCW said the samples were contaminated. The Organisation for the Prohibition of Chemical "
        "Weapons added that its inspectors had been blocked."
    )
    table = build_table(doc, LEXICONS)
    iaea = referent(table, "International Atomic Energy Agency")  # no leading "the"
    assert iaea.type == "ORG"
    assert [doc[s:e].text for s, e in iaea.mentions] == ["International Atomic Energy Agency", "IAEA"]
    opcw = referent(table, "Organisation for the Prohibition of Chemical Weapons")
    assert [doc[s:e].text for s, e in opcw.mentions] == ["OPCW", opcw.name]  # the acronym came first
    assert resolve(doc, table, "The IAEA") == ["International Atomic Energy Agency"]
    assert resolve(doc, table, "how it had", head="it") == ["International Atomic Energy Agency"]
    assert resolve(doc, table, "The agency") == ["International Atomic Energy Agency"]
    assert resolve(doc, table, "its inspectors", head="its") == [opcw.name]


def test_capitals_speaking_for_governments_keep_their_names(nlp) -> None:
    doc = nlp(
        "Moscow said the strike was a provocation. Washington rejected the claim, and Beijing and Tokyo "
        "said they would stay neutral. The city of Phoenix said it would appeal."
    )
    table = build_table(doc, LEXICONS)
    for place in ("Moscow", "Washington", "Beijing", "Tokyo"):
        assert referent(table, place).type == "GPE"
    assert resolve(doc, table, "Moscow") == ["Moscow"]
    assert resolve(doc, table, "they would", head="they") == ["Beijing", "Tokyo"]
    assert resolve(doc, table, "The city of Phoenix") == ["Phoenix"]
    assert resolve(doc, table, "it would appeal", head="it") == ["Phoenix"]


# -- titles ------------------------------------------------------------------------------


def test_titles_from_appositions(nlp) -> None:
    doc = nlp(
        "Michael Flynn, a top Trump surrogate, said the election was rigged. "
        "Smith, the chief executive of Acme Corp, said profits fell. "
        "Republican vice-presidential nominee Gov. Mike Pence said the ticket was united."
    )
    table = build_table(doc, LEXICONS)
    assert referent(table, "Michael Flynn").title in ("a top Trump surrogate", "top Trump surrogate")
    assert referent(table, "Smith").title == "chief executive of Acme Corp"
    assert referent(table, "Mike Pence").title == "Republican vice-presidential nominee"


def test_the_fullest_title_is_kept(nlp) -> None:
    doc = nlp(
        "The leader, Kim Jong Un, was not there. North Korean leader Kim Jong Un said nothing. "
        "Kim Jong Un, a keen basketball fan, later spoke."
    )
    kim = referent(build_table(doc, LEXICONS), "Kim Jong Un")
    assert kim.title == "North Korean leader"
    assert kim.roles == ["leader", "North Korean leader", "keen basketball fan"]


# -- pronouns, roles and groups -----------------------------------------------------------


def test_it_and_they_for_organisations_and_roles_of_organisations(nlp) -> None:
    doc = nlp(
        "Smith, the chief executive of Acme Corp, said profits fell. The company said it would cut jobs. "
        "A spokesman for the company declined to comment. Human rights groups said the law was unfair. "
        "Officials said they would investigate."
    )
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "The company") == ["Acme Corp"]
    assert resolve(doc, table, "it would cut", head="it") == ["Acme Corp"]
    assert resolve(doc, table, "A spokesman for the company") == []
    assert resolve(doc, table, "Human rights groups") == []
    assert resolve(doc, table, "Officials") == []


def test_he_and_she_follow_gender_and_prefer_subjects(nlp) -> None:
    doc = nlp(
        "Angela Merkel met Emmanuel Macron in Berlin. She said the meeting went well. "
        "Macron told reporters he was pleased. Merkel thanked him for his visit."
    )
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "She said", head="She") == ["Angela Merkel"]
    assert resolve(doc, table, "he was pleased", head="he") == ["Emmanuel Macron"]
    assert resolve(doc, table, "thanked him", head="him") == ["Emmanuel Macron"]  # not Merkel, its subject


def test_a_relative_pronoun_is_the_noun_it_describes(nlp) -> None:
    doc = nlp("Angela Merkel, who met Emmanuel Macron on Monday, said the talks were useful.")
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "who") == ["Angela Merkel"]


def test_a_pronoun_opening_the_text_is_named_in_what_follows(nlp) -> None:
    doc = nlp(
        'She insisted the decision was final. "We are not going back," the minister, Helena Sobczak, said.'
    )
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "She") == ["Helena Sobczak"]
    assert resolve(doc, table, "the minister") == ["Helena Sobczak"]  # its apposition
    doc = nlp('"We are ready to talk," the rebel commander, known as Abu Hamza, said in a video.')
    table = build_table(doc, LEXICONS)
    assert referent(table, "Abu Hamza").title == "rebel commander"
    assert resolve(doc, table, "the rebel commander") == ["Abu Hamza"]


def test_role_nouns_of_people_and_of_organisations(nlp) -> None:
    doc = nlp(
        "Kremlin spokesman Dmitry Peskov said the talks were useful. The spokesman added that Moscow was "
        "ready. The Russian Defence Ministry said its forces had advanced. The ministry added that two "
        "drones were downed. The leader of the group said little."
    )
    table = build_table(doc, LEXICONS)
    peskov = referent(table, "Dmitry Peskov")
    assert (peskov.title, peskov.gender) == ("Kremlin spokesman", "m")
    assert resolve(doc, table, "The spokesman") == ["Dmitry Peskov"]
    assert resolve(doc, table, "The ministry") == ["Russian Defence Ministry"]
    assert resolve(doc, table, "its forces", head="its") == ["Russian Defence Ministry"]
    assert resolve(doc, table, "The leader of the group") == []  # nobody was given that role


def test_role_nouns_find_the_referent_with_that_title(nlp) -> None:
    doc = nlp(
        "Russian President Vladimir Putin met Libertarian presidential candidate Gary Johnson. "
        "The president said the talks were useful. The Democratic candidate said nothing. "
        "The leader of the group said little."
    )
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "The president") == ["Vladimir Putin"]
    assert resolve(doc, table, "The Democratic candidate") == []  # Johnson is the Libertarian one
    assert referent(table, "Gary Johnson").title == "Libertarian presidential candidate"


def test_groups_are_the_most_recent_referents_of_their_kind(nlp) -> None:
    doc = nlp(
        "Brazilian President Luiz Inacio Lula da Silva met German Chancellor Olaf Scholz in Berlin on "
        "Monday. The two leaders said trade talks would resume. Lula said he was optimistic. "
        "Both men praised the deal. The pair later toured a factory. Brazil and Germany signed an accord. "
        "The two countries said they would cooperate. They also pledged to fight deforestation."
    )
    table = build_table(doc, LEXICONS)
    lula = referent(table, "Luiz Inacio Lula da Silva")
    assert [doc[s:e].text for s, e in lula.mentions] == ["Luiz Inacio Lula da Silva", "Lula"]
    pair = ["Luiz Inacio Lula da Silva", "Olaf Scholz"]
    assert resolve(doc, table, "The two leaders") == pair
    assert resolve(doc, table, "Both men") == pair
    assert resolve(doc, table, "The pair") == pair
    assert resolve(doc, table, "The two countries") == ["Brazil", "Germany"]
    assert resolve(doc, table, "they would cooperate", head="they") == ["Brazil", "Germany"]
    assert resolve(doc, table, "They also", head="They") == ["Brazil", "Germany"]


def test_first_person_and_unresolvable_mentions_give_nothing(nlp) -> None:
    doc = nlp('"We will not back down," the protesters said. "I am tired," a woman said. He left.')
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "We") == []
    assert resolve(doc, table, "I am", head="I") == []
    assert resolve(doc, table, "the protesters") == []
    assert resolve(doc, table, "He left", head="He") == []


def test_antecedents_are_looked_for_only_a_few_hundred_tokens_back(nlp) -> None:
    filler = "The weather was mild and the markets were calm on the day. " * 60
    doc = nlp("Angela Merkel arrived in Paris. " + filler + "She said the talks failed.")
    table = build_table(doc, LEXICONS)
    assert resolve(doc, table, "She said", head="She") == []
    near = nlp("Angela Merkel arrived in Paris. She said the talks failed.")
    assert resolve(near, build_table(near, LEXICONS), "She said", head="She") == ["Angela Merkel"]


def test_a_long_document_is_resolved_in_linear_time(nlp) -> None:
    paragraph = SEED.read_text(encoding="utf-8")
    doc = nlp(paragraph * 8)
    started = time.perf_counter()
    table = build_table(doc, LEXICONS)
    resolver = RuleResolver(LEXICONS)
    for token in doc:
        if token.pos_ in ("PRON", "NOUN", "PROPN"):
            resolver.resolve(doc, table, token.i, token.i + 1, token)
    assert time.perf_counter() - started < 10
    assert referent(table, "Kim Jong Un").title == "North Korean leader"


# -- the table itself ----------------------------------------------------------------------


def test_table_ids_mentions_and_lookup(seed) -> None:
    doc, table = seed
    assert [r.id for r in table.referents] == list(range(len(table.referents)))
    firsts = [r.mentions[0] for r in table.referents]
    assert firsts == sorted(firsts)
    for r in table.referents:
        assert r.mentions == sorted(r.mentions)
        for start, end in r.mentions:
            assert all(table.at(doc[i]) is r for i in range(start, end))
    assert table.at(span(doc, "exchanged").root) is None
    assert rule_resolver() is RuleResolver
    assert isinstance(make_resolver("rules", LEXICONS), RuleResolver)


def test_resolvers_are_made_by_name_or_by_factory() -> None:
    assert isinstance(make_resolver("quoteattr.rule_resolver.v1", LEXICONS), RuleResolver)
    made = make_resolver(RuleResolver, LEXICONS)
    assert isinstance(made, RuleResolver) and made.lexicons is LEXICONS
    with pytest.raises(ValueError, match="unknown speaker resolver 'nope'"):
        make_resolver("nope", LEXICONS)
    with pytest.raises(TypeError, match="no method resolve"):
        make_resolver(lambda lexicons: object(), LEXICONS)


def test_a_pipeline_config_names_a_registered_resolver() -> None:
    nlp = quoteattr.load(config={"resolver": {"@misc": "quoteattr.rule_resolver.v1"}})
    assert isinstance(nlp.get_pipe("quoteattr").resolver, RuleResolver)


def test_name_helpers() -> None:
    assert initials("International Atomic Energy Agency", LEXICONS.names.minor) == "IAEA"
    assert initials("the Democratic People's Republic of Korea", LEXICONS.names.minor) == "DPRK"
    assert name_key("Abdel Fattah al-Sisi") == ("abdel", "fattah", "al-sisi")
    assert name_key("José Ramos-Horta") == ("jose", "ramos-horta")


def test_quoted_tokens_are_the_quotations_the_finder_pairs(nlp):
    # A closing mark typed as an opening one ("“We won,“") must not leave the rest of the
    # paragraph inside quotation marks: the name after it is the writer's, not a quoted one.
    text = "“We won,“ said Maria Lopez, a union leader. Lopez said talks would resume."
    doc = nlp.make_doc(text)
    quoted = quoted_tokens(doc, find_quotations(text))
    assert [doc[i].text for i in sorted(quoted)] == ["We", "won", ","]
