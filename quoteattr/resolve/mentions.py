"""The named mentions of a parsed Doc: the people, organisations and places its entity
spans name, cleaned of articles, honorifics and possessives, with the type the NER got
wrong put right and the titles the text gives each ("North Korean leader" Kim Jong Un).

The word lists come from the configured lexicons: honorifics and roles from
:class:`~quoteattr.lexicons.titles.TitleLexicon`, the rest from
:class:`~quoteattr.lexicons.wordlists.NameWords`.

>>> import spacy
>>> from quoteattr.find.quotes import find_quotations
>>> doc = spacy.blank("en")('He said "no way" twice.')
>>> [doc[i].text for i in sorted(quoted_tokens(doc, find_quotations(doc.text)))]
['no', 'way']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

import attrs
import numpy
from spacy.attrs import IDX, ORTH
from spacy.tokens import Doc, Span, Token

from quoteattr.find.quotes import Quotation
from quoteattr.parse.docview import doc_ents
from quoteattr.parse.screen import columns, positions, sentence_bounds
from quoteattr.resolve.names import NameForm, acronym, name_key, name_variants, without_suffixes

if TYPE_CHECKING:
    from quoteattr.lexicons.titles import TitleLexicon
    from quoteattr.lexicons.wordlists import NameWords

#: The dependency labels of a subject.
SUBJECTS = frozenset(("nsubj", "nsubjpass"))

#: The NER labels that name a referent, and the type each gives it.
_ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "ORG"}


@attrs.define
class NamedMention:
    """A name in the Doc (tokens ``start``..``end``, ``root`` its head), before it is given a
    referent: its type, the gender and titles the text gives it, the name ``form`` it is."""

    start: int
    end: int
    label: str
    root: int
    gender: str | None = None
    titles: list[str] = attrs.Factory(list)
    form: NameForm | None = None
    #: A gender the clause suggests ("Clinton said she …") to choose between namesakes.
    hint: str | None = None


def gender_of(words: Iterable[str], names: NameWords) -> str | None:
    """The gender that honorifics and role words say ("Mrs", "actress"), None when they
    say none or both."""
    genders = set()
    for word in words:
        word = word.lower().rstrip(".")
        if word in names.female:
            genders.add("f")
        elif word in names.male:
            genders.add("m")
    return genders.pop() if len(genders) == 1 else None


def _headline_sentences(doc: Doc) -> set[int]:
    """Start indices of title-case lines (headlines), where the NER runs names into words."""
    starts = set()
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha and len(t) > 1 and not t.is_stop]
        if len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words):
            starts.add(sent.start)
    return starts


def quoted_tokens(doc: Doc, quotations: Iterable[Quotation]) -> set[int]:
    """Indices of the tokens inside double quotation marks, as the quotation finder paired
    them (:func:`~quoteattr.find.quotes.find_quotations` of the Doc's text)."""
    if not len(doc):
        return set()
    starts = columns(doc, (IDX,))[:, 0]
    out: set[int] = set()
    for quotation in quotations:
        if quotation.double:
            for start, end in quotation.inner:
                first, last = numpy.searchsorted(starts, (start, end)).tolist()
                out.update(range(first, last))
    return out


def _clean(doc: Doc, ent: Span, titles: TitleLexicon, names: NameWords) -> tuple[int, int]:
    """The name inside an entity: no article, honorific, possessive or stray punctuation."""
    start, end = ent.start, ent.end
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].text in ("'s", "’s", "'", "’")
        or (doc[end - 1].is_punct and doc[end - 1].text not in (".",))
        or doc[end - 1].is_space
    ):
        end -= 1
    while start < end and (
        doc[start].lower_ in names.determiners or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    if ent.label_ == "PERSON":
        while start < end - 1:
            two = f"{doc[start].text} {doc[start + 1].text}"
            if doc[start].text[:1].isupper() and titles.is_honorific(two) and start < end - 2:
                start += 2
            elif doc[start].text[:1].isupper() and titles.is_honorific(doc[start].text):
                start += 1
            elif doc[start].text.islower() and doc[start].lower_ not in names.particles:
                start += 1  # a role the NER ran into the name
            elif doc[start].tag_ in ("VBG", "VBD", "VBN", "VBZ", "RB"):
                start += 1  # "Injecting Clinton’s troubles …" at the start of a sentence
            else:
                break
        while start < end and doc[start].is_punct:
            start += 1
    return start, end


def _title_before(doc: Doc, start: int, root: Token, titles: TitleLexicon, names: NameWords) -> str | None:
    """The role words before a name in its noun phrase: "North Korean leader" Kim Jong Un."""
    left = root.left_edge.i
    i = start - 1
    while i >= left:
        t = doc[i]
        after_hyphen = i + 1 < start and _joiner(doc[i + 1])
        if t.tag_ == "POS" or t.dep_ == "poss" or t.lower_ in names.definite or t.lower_ in names.determiners:
            break
        if t.is_space or "\n" in t.whitespace_:
            break
        if t.is_punct and not _joiner(t):
            break
        if t.pos_ in ("PRON", "VERB", "AUX", "CCONJ", "NUM", "SCONJ") and not after_hyphen:
            break
        if t.pos_ == "ADP" and t.lower_ != "of":
            break
        i -= 1
    first = i + 1
    last = start
    while last > first and titles.is_honorific(doc[last - 1].text) and _courtesy(doc[last - 1].text, titles):
        last -= 1
    while first < last and (doc[first].lower_ == "of" or doc[first].is_punct):
        first += 1
    if first >= last:
        return None
    if last - 1 > first and titles.is_honorific(doc[last - 1].text):
        # "Republican vice-presidential nominee Gov. Mike Pence": the role, not the honorific
        shorter = doc[first : last - 1].text
        if titles.role_suffix(shorter.lower().split()):
            return shorter
    text = doc[first:last].text
    return text if titles.role_suffix(text.lower().split()) else None


def _joiner(token: Token) -> bool:
    """A hyphen inside a word ("vice-presidential"), whatever the tagger made of it."""
    if token.text not in ("-", "‑") or token.i == 0:
        return False
    return not token.whitespace_ and not token.nbor(-1).whitespace_


def _courtesy(word: str, titles: TitleLexicon) -> bool:
    """An honorific that says nothing of a role (Mr, Dr)."""
    return word.lower().rstrip(".") in titles.courtesy


def noun_phrase(doc: Doc, head: Token, determiners: Collection[str], stop: int | None = None) -> str | None:
    """The text of the noun phrase ``head`` heads, without article, clauses or what a comma ends."""
    skip = {c.i for c in head.children if c.dep_ in ("relcl", "acl", "appos", "advcl")}
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.i in skip or child.dep_ == "punct":
            break
        end = child.right_edge.i + 1
    if stop is not None:
        end = min(end, stop)
    for i in range(head.i + 1, end):
        if doc[i].text in (",", "(", "–", "—", ";") or doc[i].i in skip:
            end = i
            break
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].tag_ == "POS" or doc[i].text in (",", "(", "–", "—"):
            start = i + 1
            break
    while start < head.i and (
        doc[start].lower_ in determiners or doc[start].tag_ == "PRP$" or doc[start].is_punct
    ):
        start += 1
    text = doc[start:end].text.strip()
    return text or None


def _appositive_titles(doc: Doc, root: Token, determiners: Collection[str]) -> list[str]:
    """Descriptions in apposition: "Flynn, a top Trump surrogate,"; "the minister, Helena Sobczak"."""
    out = []
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > root.i and _set_off(doc, root, child):
            text = noun_phrase(doc, child, determiners)
            if text:
                out.append(text)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < root.i and _set_off(doc, head, root):
        text = noun_phrase(doc, head, determiners, stop=root.left_edge.i)
        if text:
            out.append(text)
    named = known_as(root)
    if named is not None:  # "the rebel commander, known as Abu Hamza,"
        text = noun_phrase(doc, named, determiners, stop=named.i + 1)
        if text:
            out.append(text)
    return out


def known_as(root: Token) -> Token | None:
    """The noun a name is given to: "the rebel commander, known as Abu Hamza" -> commander."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "as":
        return None
    verb = prep.head
    if verb.dep_ != "acl" or verb.lemma_.lower() not in ("know", "call", "name", "identify", "nickname"):
        return None
    return verb.head if verb.head.pos_ == "NOUN" else None


def _given_names(doc: Doc, start: int, end: int, titles: TitleLexicon, names: NameWords) -> int:
    """A PERSON span widened over given names the NER left out ("Mikel" Arana)."""
    first = start
    while first > 0 and start - first < 2:
        t = doc[first - 1]
        if not (
            t.pos_ == "PROPN"
            and _capitalised(t)
            and not t.is_upper
            and not t.ent_type_
            and t.dep_ == "compound"
            and start <= t.head.i < end
            and t.lower_ not in names.affiliations
            and t.lower_ not in titles.roles
            and not titles.is_honorific(t.text)
        ):
            break
        first -= 1
    return first


def _set_off(doc: Doc, first: Token, second: Token) -> bool:
    """An apposition set off by a comma, bracket or dash between its two halves."""
    return any(doc[i].text in (",", "(", "–", "—") for i in range(first.i + 1, second.left_edge.i))


def named_mentions(doc: Doc, titles: TitleLexicon, names: NameWords) -> list[NamedMention]:
    """The named mentions of ``doc``: cleaned entity spans, their type corrected, titles found."""
    headlines = _headline_sentences(doc)
    raw: list[tuple[str, int, int, int, bool]] = []  # label, entity start, name start, end, in a headline
    for ent in doc_ents(doc):
        label = _ENTITY_TYPES.get(ent.label_)
        if label is None:
            continue
        if label == "NORP" and ent.root.dep_ in ("amod", "compound", "nmod", "poss"):
            continue  # "North Korean" leader: a modifier, not a mention of the Koreans
        start, end = _clean(doc, ent, titles, names)
        if start >= end:
            continue
        if label == "PERSON":  # "Ursula von der" + "Leyen": a name cut after its particle
            while end < len(doc) and doc[end - 1].lower_ in names.particles and _capitalised(doc[end]):
                end += 1
            start = _given_names(doc, start, end, titles, names)
        raw.append((label, ent.start, start, end, sentence_bounds(doc, ent.start)[0] in headlines))
    known: set[str] = set()
    person_words: set[str] = set()
    person_keys: set[tuple[str, ...]] = set()
    for label, _, start, end, in_headline in raw:
        if not in_headline:
            words = name_key(doc[start:end].text)
            known.update(words)
            if label == "PERSON":
                person_keys.add(without_suffixes(words, names.suffixes))
                person_words.update(v for w in words for v in name_variants(w))
    # every run of words a person's name starts or ends with ("De Gaulle" of "Charles de Gaulle")
    person_parts = {
        part for key in person_keys for n in range(1, len(key) + 1) for part in (key[:n], key[-n:])
    }
    raw.extend(_missed_names(doc, raw, headlines, names.particles))
    found: list[NamedMention] = []
    for label, ent_start, start, end, in_headline in raw:
        if in_headline:  # "Kim Wishes Russia’s Putin Victory": keep the words seen as names elsewhere
            words = name_key(doc[start:end].text)
            keep = 0
            while keep < len(words) and words[keep] in known:
                keep += 1
            if 0 < keep < len(words):
                cut = start + 1
                while cut < end and len(name_key(doc[start : cut + 1].text)) <= keep:
                    cut += 1
                end = cut
                if all(w in person_words for w in words[:keep]):
                    label = "PERSON"
        root = doc[start:end].root
        before = _before(doc, start)
        if label in ("ORG", "GPE") and _person_like(
            doc, start, end, root, before, titles, names, person_words, person_parts
        ):
            label = "PERSON"
        named = NamedMention(start, end, label, root.i)
        if label == "PERSON":
            lead = [doc[i].text for i in range(ent_start, start)]
            if before is not None:
                lead.append(before.text)
            named.gender = gender_of(lead, names)
            title = _title_before(doc, start, root, titles, names)
            if title:
                named.titles.append(title)
            named.titles.extend(_appositive_titles(doc, root, names.determiners))
            if named.gender is None:
                named.gender = gender_of((w for t in named.titles for w in t.split()), names)
            if named.gender is None:
                named.hint = _said_pronoun(root, names.pronouns)
        elif label == "ORG":
            named.titles.extend(_appositive_titles(doc, root, names.determiners))
        found.append(named)
    found.sort(key=lambda n: n.start)
    out: list[NamedMention] = []
    for named in found:  # spans that overlap once cleaned or extended: keep the first
        if out and named.start < out[-1].end:
            continue
        out.append(named)
    return out


def _missed_names(
    doc: Doc, raw: list, headlines: set[int], particles: Collection[str]
) -> list[tuple[str, int, int, int, bool]]:
    """Surnames and given names the NER left untagged ("Trump responded"), written as in a PERSON name."""
    covered = bytearray(len(doc))
    surface: set[str] = set()
    for label, ent_start, start, end, _ in raw:
        covered[ent_start:end] = b"\x01" * (end - ent_start)
        if label == "PERSON":
            surface.update(t.text for t in doc[start:end] if len(t) >= 3 and t.lower_ not in particles)
    out = []
    if not surface:
        return out
    i = 0  # the first token not yet looked at
    for candidate in positions(doc, tuple(surface), (ORTH,)):
        if candidate < i:
            continue
        token = doc[candidate]
        if covered[candidate] or token.pos_ != "PROPN" or token.text not in surface or token.is_stop:
            continue
        end = candidate + 1
        while end < len(doc) and not covered[end] and doc[end].pos_ == "PROPN" and doc[end].text in surface:
            end += 1
        out.append(("PERSON", candidate, candidate, end, sentence_bounds(doc, candidate)[0] in headlines))
        i = end
    return out


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha


def _before(doc: Doc, start: int) -> Token | None:
    """The word before a name, over the full stop of an abbreviation ("Mr ." as two tokens)."""
    if start == 0:
        return None
    before = doc[start - 1]
    if before.text == "." and start > 1:
        before = doc[start - 2]
    return before


def _person_like(
    doc: Doc,
    start: int,
    end: int,
    root: Token,
    before: Token | None,
    titles: TitleLexicon,
    names: NameWords,
    person_words: set[str],
    person_parts: set[tuple[str, ...]],
) -> bool:
    """An ORG or GPE of the NER that is a person: a person's name, or a name with a title."""
    words = without_suffixes(name_key(doc[start:end].text), names.suffixes)
    if not words or acronym(doc[start:end].text):
        return False  # "UN" is not Kim Jong "Un"
    if len(words) == 1 and name_variants(words[0]) & person_words:
        return True  # the NER's "Smith" as ORG after "John Smith"
    if len(words) > 1 and words in person_parts:
        return True  # "De Gaulle" as GPE after "Charles de Gaulle"
    if any(w in names.org_nouns or w in names.gpe_nouns for w in words):
        return False
    if before is not None and _capitalised(before):
        if _courtesy(before.text, titles) or before.text.rstrip(".") in names.ranks:
            return True  # "Mr. Smith", "Sen. Warren"
    title = _title_before(doc, start, root, titles, names)
    if title and title.lower().split()[-1] not in names.relation_roles:
        return True  # "spokesman Ned Price" tagged ORG
    appositions = _appositive_titles(doc, root, names.determiners)
    return any(titles.role_suffix(t.lower().split()) for t in appositions)


def _said_pronoun(root: Token, pronouns: Mapping[str, str]) -> str | None:
    """The gender a subject's reported he/she gives it: "Clinton said she …"."""
    if root.dep_ not in SUBJECTS:
        return None
    for clause in root.head.children:
        if clause.dep_ in ("ccomp", "xcomp", "conj"):
            for child in clause.children:
                if child.dep_ in SUBJECTS and child.lower_ in ("he", "she"):
                    return pronouns[child.lower_]
    return None
