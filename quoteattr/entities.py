"""Who is who in a document: one entity table, and mentions resolved against it.

:func:`build_table` turns the named entities of a parsed Doc into referents, one for
each person, organisation, place or nationality: "Kim", "Kim’s" and "North Korean
leader Kim Jong Un" are one referent named "Kim Jong Un" with the title "North Korean
leader"; "the IAEA" is "International Atomic Energy Agency"; Hillary and Bill Clinton
stay two. :class:`RuleResolver` maps a mention (a speaker's token range) to the
referents it denotes: a name, a pronoun ("he", "they"), a role noun ("the minister",
"the company") or a group ("the two men").

Everything is linear in the length of the document: referents are indexed by their
mentions' positions, and antecedents are looked for at most a few hundred tokens back.

>>> initials("International Atomic Energy Agency")
'IAEA'
>>> initials("Organisation for the Prohibition of Chemical Weapons")
'OPCW'
>>> name_key("Mr. José  Ramos-Horta Jr.")
('mr', 'jose', 'ramos-horta', 'jr')
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

import attrs
import numpy
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from quoteattr.lexicon import read_lexicon
from quoteattr.screen import columns, positions, sentence_bounds, sentence_starts
from quoteattr.text import doc_ents


@attrs.define
class Referent:
    """One person, organisation, place or group of the document.

    ``name`` is the canonical name (the fullest form the document uses: "Kim Jong Un"),
    ``type`` one of PERSON, ORG, GPE, NORP or None, ``title`` the role the text gives it
    anywhere ("North Korean leader"), ``mentions`` the token ranges ``(start, end)`` that
    refer to it, in text order. ``gender`` ("m", "f" or None) is what the text makes
    clear (honorifics, gendered roles, pronouns); ``roles`` every title or description
    the text gives it, first first.
    """

    id: int
    name: str
    type: str | None = None
    title: str | None = None
    mentions: list[tuple[int, int]] = attrs.Factory(list)
    gender: str | None = None
    roles: list[str] = attrs.Factory(list)


@attrs.define
class EntityTable:
    """The referents of one Doc, built from its named entities and parse."""

    referents: list[Referent] = attrs.Factory(list)
    #: token index -> (referent, mention start, mention end); rebuilt when mentions change.
    _spans: dict[int, tuple[Referent, int, int]] = attrs.field(init=False, factory=dict, repr=False)
    #: (start, end, referent) for every mention, sorted by start.
    _order: list[tuple[int, int, Referent]] = attrs.field(init=False, factory=list, repr=False)
    _starts: list[int] = attrs.field(init=False, factory=list, repr=False)
    _indexed: int = attrs.field(init=False, default=-1, repr=False)
    #: Resolutions already made (pronouns, roles), so chains of pronouns stay linear.
    _cache: dict = attrs.field(init=False, factory=dict, repr=False)

    def at(self, token: Token) -> Referent | None:
        """The referent whose mention covers ``token``, if any."""
        hit = self._index().get(token.i)
        return hit[0] if hit else None

    def span_at(self, i: int) -> tuple[Referent, int, int] | None:
        """The referent and mention range covering token index ``i``, if any."""
        return self._index().get(i)

    def before(self, i: int, limit: int = 200) -> Iterable[tuple[int, int, Referent]]:
        """Mentions starting before token ``i``, nearest first (at most ``limit``)."""
        if self._indexed < 0:
            self._index()
        k = bisect.bisect_left(self._starts, i)
        for j in range(k - 1, max(-1, k - 1 - limit), -1):
            yield self._order[j]

    def after(self, i: int, limit: int = 200) -> Iterable[tuple[int, int, Referent]]:
        """Mentions starting at or after token ``i``, nearest first (at most ``limit``)."""
        if self._indexed < 0:
            self._index()
        k = bisect.bisect_left(self._starts, i)
        yield from self._order[k : k + limit]

    def _index(self) -> dict[int, tuple[Referent, int, int]]:
        count = sum(len(r.mentions) for r in self.referents)
        if count != self._indexed:
            self._spans = {}
            self._order = sorted(
                ((s, e, r) for r in self.referents for s, e in r.mentions), key=lambda m: (m[0], m[1])
            )
            for s, e, r in self._order:
                for i in range(s, e):
                    self._spans.setdefault(i, (r, s, e))
            self._starts = [s for s, _, _ in self._order]
            self._indexed = count
            self._cache.clear()
        return self._spans


# ---------------------------------------------------------------------------------------
# Lexicon

#: Honorifics that say nothing about a role: not kept as a title.
_COURTESY = frozenset("mr mrs ms miss mx mme mlle dr sir dame hon rt hon lord lady m".split())
_FEMALE = frozenset(
    """mrs ms miss mme mlle madam madame dame lady sister queen princess duchess countess baroness
    empress sheikha congresswoman assemblywoman councilwoman chairwoman spokeswoman businesswoman
    policewoman stateswoman anchorwoman sportswoman wife mother daughter widow aunt niece grandmother
    granddaughter fiancee girlfriend actress nun woman girl""".split()
)
_MALE = frozenset(
    """mr sir lord king prince duke earl baron emperor sheikh father fr congressman assemblyman
    councilman spokesman businessman policeman statesman anchorman sportsman husband son brother
    widower uncle nephew grandfather grandson fiance boyfriend monk man boy""".split()
)
#: Particles that may start or sit inside a name: de Gaulle, van der Leyen, bin Salman.
_PARTICLES = frozenset(
    "de del della di da dos das du van von der den la le al el bin ibn bint ben abu ter ten zu y".split()
)
#: Name suffixes ignored when matching names.
_SUFFIXES = frozenset("jr sr ii iii iv".split())
#: Words left out of an organisation's initials.
_MINOR = frozenset("of the and for on in at to a an & de la du des der".split())
_DETERMINERS = frozenset(("the", "a", "an"))
_DEFINITE = frozenset(("the", "this", "that"))

#: Nouns that name an organisation ("the company", "the ministry").
_ORG_NOUNS = frozenset(
    """company firm agency ministry organisation organization group corporation conglomerate bank
    institute body watchdog regulator broadcaster network newspaper paper outlet carmaker automaker
    airline manufacturer maker retailer insurer lender union association council commission committee
    department office court university foundation fund board party charity coalition alliance
    movement authority service embassy federation club team league studio publisher startup""".split()
)
#: Nouns that name a place ("the country").
_GPE_NOUNS = frozenset("country nation state kingdom republic city capital island emirate province".split())
#: Plural nouns for groups of people, beyond the role nouns of the lexicon.
_PERSON_GROUP_NOUNS = frozenset(
    """man woman leader official people person men women minister president diplomat politician
    lawmaker senator executive lawyer brother sister candidate rival counterpart envoy negotiator
    general commander chief head premier""".split()
)
_ANY_GROUP_NOUNS = frozenset(("side",))
_PAIRS = {"pair": 2, "duo": 2, "couple": 2, "trio": 3, "quartet": 4}
_NUMBERS = {
    w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split()) if n >= 2
}
#: Abbreviated honorifics that only stand before a person's name ("Sen. Warren", "Gen. Milley").
_RANKS = frozenset(("Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Adm", "Cmdr", "Prof"))
#: Roles that describe a relation, not a title that makes a person of a place ("NATO member Turkey").
_RELATION_ROLES = frozenset(
    "member partner host ally neighbor neighbour owner founder donor investor supporter rival".split()
)
_PRONOUN_KIND = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
    **dict.fromkeys(("it", "its", "itself"), "it"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "they"),
}
#: Pronouns that are never resolved here (the speaker of a quotation, the reader).
_UNRESOLVED = frozenset("i me my mine myself we us our ours ourselves you your yours yourself".split())
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "ORG"}
#: How far back (tokens) antecedents are looked for, and how many sentences.
LOOKBACK = 300
LOOKBACK_SENTENCES = 8


@attrs.frozen
class TitleLexicon:
    """The honorifics, role nouns and modifiers of ``lexicons/titles.json``, lowercased."""

    honorifics: frozenset[str]
    roles: frozenset[str]
    modifiers: frozenset[str]
    longest: int

    @classmethod
    def load(cls) -> TitleLexicon:
        return _titles()

    def is_honorific(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.honorifics

    def role_suffix(self, words: list[str]) -> str | None:
        """The longest role phrase (or title honorific) ``words`` end with."""
        words = [w.rstrip(".,") for w in words]
        for k in range(min(len(words), self.longest), 0, -1):
            phrase = " ".join(words[-k:])
            if phrase in self.roles or (phrase in self.honorifics and phrase not in _COURTESY):
                return phrase
        return None


@lru_cache(maxsize=1)
def _titles() -> TitleLexicon:
    raw = read_lexicon("titles.json")
    honorifics = frozenset(h.lower().replace(".", "") for h in raw["honorifics"])
    roles = frozenset(r.lower() for r in raw["roles"])
    modifiers = frozenset(m.lower() for m in raw["modifiers"])
    longest = max(len(p.split()) for p in (*roles, *honorifics))
    return TitleLexicon(honorifics, roles, modifiers, longest)


# ---------------------------------------------------------------------------------------
# Names


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_key(text: str) -> tuple[str, ...]:
    """The words of a name as compared: lowercase, without accents."""
    return tuple(w.rstrip(".") for w in _fold(text).split() if any(c.isalnum() for c in w))


def initials(text: str) -> str:
    """The acronym of a name: initials of its words, leaving out of/the/and/for."""
    letters = []
    for word in text.replace("’", "'").split():
        for part in word.split("-"):
            if part and part.lower() not in _MINOR and part[0].isalpha():
                letters.append(part[0].upper())
    return "".join(letters)


def _acronym(text: str) -> str | None:
    """``text`` as an acronym ("IAEA", "U.S."), or None when it is not written as one."""
    bare = text.replace(".", "").replace("&", "")
    if 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper():
        return bare
    return None


def _variants(word: str) -> set[str]:
    out = {word}
    for prefix in ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            out.add(word[len(prefix) :])
    return out


def _same(a: str, b: str) -> bool:
    return a == b or bool(_variants(a) & _variants(b))


@attrs.define(eq=False)
class _Form:
    """One distinct way the document writes a name."""

    bucket: str  # PERSON, PLACE (ORG and GPE) or NORP
    words: tuple[str, ...]
    text: str
    label: str
    acronym: str | None
    initials: str
    first: int  # token index of its first occurrence
    owners: list[_Form] = attrs.Factory(list)
    referent: Referent | None = None


def _person_words(words: tuple[str, ...]) -> tuple[str, ...]:
    kept = tuple(w for w in words if w not in _SUFFIXES)
    return kept or words


def _fits(short: _Form, full: _Form) -> bool:
    """Whether ``short`` may be a shorter way of writing ``full`` (same bucket)."""
    if short is full or short.words == full.words:
        return False
    if short.acronym and not full.acronym and full.initials == short.acronym:
        return True
    s, f = short.words, full.words
    if _abbreviates(s, f):
        return True  # "N Korea", "Alicia M"
    if short.bucket == "PERSON":
        s, f = _person_words(s), _person_words(f)
        if len(s) >= len(f):
            return False
        if len(s) == 1:
            return _same(s[0], f[0]) or _same(s[0], f[-1])
        if f[: len(s)] == s or f[-len(s) :] == s:
            return True
        return s[0] == f[0] and _same(s[-1], f[-1]) and _subsequence(s, f)
    if short.label == "ORG" and full.label == "ORG" and len(s) < len(f) and f[-len(s) :] == s:
        return len(s) >= 2 or (s[0] not in _ORG_NOUNS and not s[0].isdigit())
    return False


def _abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """``short`` is ``full`` with some words cut to their initial: "J. Smith" for "John Smith"."""
    if len(short) != len(full) or len(short) < 2:
        return False
    cut = 0
    for a, b in zip(short, full, strict=True):
        if a == b:
            continue
        bare = a.rstrip(".")
        if len(bare) != 1 or not b.startswith(bare) or len(b) == 1:
            return False
        cut += 1
    return 0 < cut < len(short)


def _subsequence(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    it = iter(full)
    return all(any(w == x for x in it) for w in short)


@attrs.define
class _Named:
    """A named mention found in the Doc, before it is given a referent."""

    start: int
    end: int
    label: str
    root: int
    gender: str | None = None
    titles: list[str] = attrs.Factory(list)
    form: _Form | None = None
    #: A gender the clause suggests ("Clinton said she …") to choose between namesakes.
    hint: str | None = None


def _gender_of(words: Iterable[str]) -> str | None:
    genders = set()
    for word in words:
        word = word.lower().rstrip(".")
        if word in _FEMALE:
            genders.add("f")
        elif word in _MALE:
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


def _quoted(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (curly, or straight within a paragraph)."""
    marks = positions(doc, ("\u201c", "\u201d", '"'), (ORTH,), variants=False)
    breaks = numpy.flatnonzero(columns(doc, (IS_SPACE,))[:, 0]).tolist() if len(doc) else []
    inside, straight, out = False, False, set()
    previous = -1
    for i in sorted({*marks, *breaks}):
        if inside or straight:
            out.update(range(previous + 1, i))
        previous = i
        text = doc[i].text
        if text == "\u201c":
            inside = True
        elif text == "\u201d":
            inside = False
        elif text == '"':
            straight = not straight
        elif "\n\n" in text:  # a quotation does not run over a paragraph break unclosed
            straight = inside = False
        elif inside or straight:
            out.add(i)
    if inside or straight:
        out.update(range(previous + 1, len(doc)))
    return out


def _clean(doc: Doc, ent: Span, lexicon: TitleLexicon) -> tuple[int, int]:
    """The name inside an entity: no article, honorific, possessive or stray punctuation."""
    start, end = ent.start, ent.end
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].text in ("'s", "’s", "'", "’")
        or (doc[end - 1].is_punct and doc[end - 1].text not in (".",))
        or doc[end - 1].is_space
    ):
        end -= 1
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    if ent.label_ == "PERSON":
        while start < end - 1:
            two = f"{doc[start].text} {doc[start + 1].text}"
            if doc[start].text[:1].isupper() and lexicon.is_honorific(two) and start < end - 2:
                start += 2
            elif doc[start].text[:1].isupper() and lexicon.is_honorific(doc[start].text):
                start += 1
            elif doc[start].text.islower() and doc[start].lower_ not in _PARTICLES:
                start += 1  # a role the NER ran into the name
            elif doc[start].tag_ in ("VBG", "VBD", "VBN", "VBZ", "RB"):
                start += 1  # "Injecting Clinton’s troubles …" at the start of a sentence
            else:
                break
        while start < end and doc[start].is_punct:
            start += 1
    return start, end


def _title_before(doc: Doc, start: int, root: Token, lexicon: TitleLexicon) -> str | None:
    """The role words before a name in its noun phrase: "North Korean leader" Kim Jong Un."""
    left = root.left_edge.i
    i = start - 1
    while i >= left:
        t = doc[i]
        after_hyphen = i + 1 < start and _joiner(doc[i + 1])
        if t.tag_ == "POS" or t.dep_ == "poss" or t.lower_ in _DEFINITE or t.lower_ in _DETERMINERS:
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
    while last > first and lexicon.is_honorific(doc[last - 1].text) and _courtesy(doc[last - 1].text):
        last -= 1
    while first < last and (doc[first].lower_ == "of" or doc[first].is_punct):
        first += 1
    if first >= last:
        return None
    if last - 1 > first and lexicon.is_honorific(doc[last - 1].text):
        # "Republican vice-presidential nominee Gov. Mike Pence": the role, not the honorific
        shorter = doc[first : last - 1].text
        if lexicon.role_suffix(shorter.lower().split()):
            return shorter
    text = doc[first:last].text
    return text if lexicon.role_suffix(text.lower().split()) else None


def _joiner(token: Token) -> bool:
    """A hyphen inside a word ("vice-presidential"), whatever the tagger made of it."""
    if token.text not in ("-", "‑") or token.i == 0:
        return False
    return not token.whitespace_ and not token.nbor(-1).whitespace_


def _courtesy(word: str) -> bool:
    return word.lower().rstrip(".") in _COURTESY


def _phrase(doc: Doc, head: Token, stop: int | None = None) -> str | None:
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
        doc[start].lower_ in _DETERMINERS or doc[start].tag_ == "PRP$" or doc[start].is_punct
    ):
        start += 1
    text = doc[start:end].text.strip()
    return text or None


def _appositive_titles(doc: Doc, root: Token) -> list[str]:
    """Descriptions in apposition: "Flynn, a top Trump surrogate,"; "the minister, Helena Sobczak"."""
    out = []
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > root.i and _set_off(doc, root, child):
            text = _phrase(doc, child)
            if text:
                out.append(text)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < root.i and _set_off(doc, head, root):
        text = _phrase(doc, head, stop=root.left_edge.i)
        if text:
            out.append(text)
    named = _known_as(root)
    if named is not None:  # "the rebel commander, known as Abu Hamza,"
        text = _phrase(doc, named, stop=named.i + 1)
        if text:
            out.append(text)
    return out


def _known_as(root: Token) -> Token | None:
    """The noun a name is given to: "the rebel commander, known as Abu Hamza" -> commander."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "as":
        return None
    verb = prep.head
    if verb.dep_ != "acl" or verb.lemma_.lower() not in ("know", "call", "name", "identify", "nickname"):
        return None
    return verb.head if verb.head.pos_ == "NOUN" else None


#: Capitalised words before a name that are not given names ("Democrat Hillary Clinton").
_AFFILIATIONS = frozenset(
    "democrat democratic republican conservative liberal socialist tory labour independent rival".split()
)


def _given_names(doc: Doc, start: int, end: int, lexicon: TitleLexicon) -> int:
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
            and t.lower_ not in _AFFILIATIONS
            and t.lower_ not in lexicon.roles
            and not lexicon.is_honorific(t.text)
        ):
            break
        first -= 1
    return first


def _set_off(doc: Doc, first: Token, second: Token) -> bool:
    """An apposition set off by a comma, bracket or dash between its two halves."""
    return any(doc[i].text in (",", "(", "–", "—") for i in range(first.i + 1, second.left_edge.i))


def _named_mentions(doc: Doc, lexicon: TitleLexicon) -> list[_Named]:
    """The named mentions of ``doc``: cleaned entity spans, their type corrected, titles found."""
    headlines = _headline_sentences(doc)
    raw: list[tuple[str, int, int, int, bool]] = []  # label, entity start, name start, end, in a headline
    for ent in doc_ents(doc):
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        if label == "NORP" and ent.root.dep_ in ("amod", "compound", "nmod", "poss"):
            continue  # "North Korean" leader: a modifier, not a mention of the Koreans
        start, end = _clean(doc, ent, lexicon)
        if start >= end:
            continue
        if label == "PERSON":  # "Ursula von der" + "Leyen": a name cut after its particle
            while end < len(doc) and doc[end - 1].lower_ in _PARTICLES and _capitalised(doc[end]):
                end += 1
            start = _given_names(doc, start, end, lexicon)
        raw.append((label, ent.start, start, end, sentence_bounds(doc, ent.start)[0] in headlines))
    known: set[str] = set()
    person_words: set[str] = set()
    person_keys: set[tuple[str, ...]] = set()
    for label, _, start, end, in_headline in raw:
        if not in_headline:
            words = name_key(doc[start:end].text)
            known.update(words)
            if label == "PERSON":
                person_keys.add(_person_words(words))
                person_words.update(v for w in words for v in _variants(w))
    # every run of words a person's name starts or ends with ("De Gaulle" of "Charles de Gaulle")
    person_parts = {
        part for key in person_keys for n in range(1, len(key) + 1) for part in (key[:n], key[-n:])
    }
    raw.extend(_missed_names(doc, raw, headlines))
    found: list[_Named] = []
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
            doc, start, end, root, before, lexicon, person_words, person_parts
        ):
            label = "PERSON"
        named = _Named(start, end, label, root.i)
        if label == "PERSON":
            lead = [doc[i].text for i in range(ent_start, start)]
            if before is not None:
                lead.append(before.text)
            named.gender = _gender_of(lead)
            title = _title_before(doc, start, root, lexicon)
            if title:
                named.titles.append(title)
            named.titles.extend(_appositive_titles(doc, root))
            if named.gender is None:
                named.gender = _gender_of(w for t in named.titles for w in t.split())
            if named.gender is None:
                named.hint = _said_pronoun(root)
        elif label == "ORG":
            named.titles.extend(_appositive_titles(doc, root))
        found.append(named)
    found.sort(key=lambda n: n.start)
    out: list[_Named] = []
    for named in found:  # spans that overlap once cleaned or extended: keep the first
        if out and named.start < out[-1].end:
            continue
        out.append(named)
    return out


def _missed_names(doc: Doc, raw: list, headlines: set[int]) -> list[tuple[str, int, int, int, bool]]:
    """Surnames and given names the NER left untagged ("Trump responded"), written as in a PERSON name."""
    covered = bytearray(len(doc))
    surface: set[str] = set()
    for label, ent_start, start, end, _ in raw:
        covered[ent_start:end] = b"\x01" * (end - ent_start)
        if label == "PERSON":
            surface.update(t.text for t in doc[start:end] if len(t) >= 3 and t.lower_ not in _PARTICLES)
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
    lexicon: TitleLexicon,
    person_words: set[str],
    person_parts: set[tuple[str, ...]],
) -> bool:
    """An ORG or GPE of the NER that is a person: a person's name, or a name with a title."""
    words = _person_words(name_key(doc[start:end].text))
    if not words or _acronym(doc[start:end].text):
        return False  # "UN" is not Kim Jong "Un"
    if len(words) == 1 and _variants(words[0]) & person_words:
        return True  # the NER's "Smith" as ORG after "John Smith"
    if len(words) > 1 and words in person_parts:
        return True  # "De Gaulle" as GPE after "Charles de Gaulle"
    if any(w in _ORG_NOUNS or w in _GPE_NOUNS for w in words):
        return False
    if before is not None and _capitalised(before):
        if _courtesy(before.text) or before.text.rstrip(".") in _RANKS:
            return True  # "Mr. Smith", "Sen. Warren"
    title = _title_before(doc, start, root, lexicon)
    if title and title.lower().split()[-1] not in _RELATION_ROLES:
        return True  # "spokesman Ned Price" tagged ORG
    return any(lexicon.role_suffix(t.lower().split()) for t in _appositive_titles(doc, root))


def _said_pronoun(root: Token) -> str | None:
    """The gender a subject's reported he/she gives it: "Clinton said she …"."""
    if root.dep_ not in _SUBJECTS:
        return None
    for clause in root.head.children:
        if clause.dep_ in ("ccomp", "xcomp", "conj"):
            for child in clause.children:
                if child.dep_ in _SUBJECTS and child.lower_ in ("he", "she"):
                    return _PRONOUN_KIND[child.lower_]
    return None


def _bucket(label: str) -> str:
    return {"PERSON": "PERSON", "ORG": "PLACE", "GPE": "PLACE"}.get(label, label)


def _said(full: _Form, short: _Form, outside: set[int]) -> bool:
    """``full`` may name what ``short`` names: the text itself uses it, or ``short`` is quoted too."""
    return id(full) in outside or id(short) not in outside


def _forms(doc: Doc, mentions: list[_Named], quoted: set[int] | frozenset[int] = frozenset()) -> list[_Form]:
    """The distinct names of the document, each linked to the fuller names it may stand for.

    A name written only inside quotation marks ("Crooked Hillary Clinton") is the quoted
    speaker's wording: it never becomes the fuller name of one the text uses itself.
    """
    by_key: dict[tuple[str, tuple[str, ...]], _Form] = {}
    forms: list[_Form] = []
    outside: set[int] = set()
    for named in mentions:
        text = doc[named.start : named.end].text
        bucket = _bucket(named.label)
        words = name_key(text)
        acronym = _acronym(text) if len(words) == 1 and bucket != "PERSON" else None
        key = (bucket, ("#" + acronym,) if acronym else words)
        form = by_key.get(key)
        if form is None:
            form = _Form(bucket, words, text, named.label, acronym, initials(text), named.start)
            by_key[key] = form
            forms.append(form)
        named.form = form
        if named.start not in quoted:
            outside.add(id(form))
    for bucket in {f.bucket for f in forms}:
        group = [f for f in forms if f.bucket == bucket]
        fuller = {id(f): [g for g in group if _fits(f, g) and _said(g, f, outside)] for f in group}
        for form in group:  # "Crooked Hillary Clinton" in a quotation stands for "Hillary Clinton"
            if id(form) not in outside and not fuller[id(form)] and len(form.words) > 2:
                fuller[id(form)] = [
                    g
                    for g in group
                    if id(g) in outside
                    and 1 < len(g.words) < len(form.words)
                    and form.words[-len(g.words) :] == g.words
                ]
        for form in group:  # "Lula" for "Luiz Inacio Lula da Silva": a middle name, when nothing else fits
            if bucket == "PERSON" and len(form.words) == 1 and not fuller[id(form)]:
                word = form.words[0]
                fuller[id(form)] = [
                    g for g in group if len(g.words) > 2 and word in g.words[1:-1] and word not in _PARTICLES
                ]
        for form in group:
            seen: set[int] = set()
            todo = list(fuller[id(form)])
            while todo:
                g = todo.pop()
                if id(g) in seen:
                    continue
                seen.add(id(g))
                if fuller[id(g)]:
                    todo.extend(fuller[id(g)])
                else:
                    form.owners.append(g)
    return forms


def build_table(doc: Doc) -> EntityTable:
    """The entity table of ``doc``."""
    lexicon = _titles()
    mentions = _named_mentions(doc, lexicon)
    quoted = _quoted(doc)
    _forms(doc, mentions, quoted)
    referents: list[Referent] = []
    last: dict[int, int] = {}  # id(referent) -> last mention start
    foreground: dict[int, int] = {}  # id(referent) -> last mention start as a subject
    sentence_of = _sentence_index(doc)
    persons_in: dict[int, list[tuple[int, Referent]]] = {}  # sentence -> person mentions

    def referent_of(form: _Form, named: _Named) -> Referent:
        if form.referent is None:
            name = form.text
            referent = Referent(len(referents), name, _label_type(form.label))
            referents.append(referent)
            form.referent = referent
        return form.referent

    gendered = tuple(word for word, kind in _PRONOUN_KIND.items() if kind in "mf")
    pronouns = [
        t
        for t in (doc[i] for i in positions(doc, gendered, (LOWER,)) if i not in quoted)
        if _PRONOUN_KIND.get(t.lower_, "") in ("m", "f")
    ]
    events = sorted(
        [(n.start, 0, n) for n in mentions] + [(t.i, 1, t) for t in pronouns], key=lambda e: e[:2]
    )
    for _, kind, item in events:
        if kind == 1:
            _learn_gender(item, sentence_of, persons_in)
            continue
        named = item
        form = named.form
        if not form.owners:
            referent = referent_of(form, named)
        else:
            owners = [referent_of(o, named) for o in form.owners]
            referent = _choose(owners, named, last, foreground, form.owners)
        if named.gender and referent.gender is None:
            compatible = [
                o.referent for o in form.owners if o.referent and o.referent.gender in (None, named.gender)
            ]
            if len(compatible) <= 1:
                referent.gender = named.gender
        referent.mentions.append((named.start, named.end))
        last[id(referent)] = named.start
        if _prominent(doc[named.root]):
            foreground[id(referent)] = named.start
        for title in named.titles:
            _add_role(referent, title)
        if referent.type == "PERSON":
            persons_in.setdefault(sentence_of[named.root], []).append((named.root, referent))
    for referent in referents:
        if referent.type is None:
            referent.type = "ORG"
    referents.sort(key=lambda r: r.mentions[0] if r.mentions else (len(doc), 0))
    referents = [r for r in referents if r.mentions]
    for i, referent in enumerate(referents):
        referent.id = i
    table = EntityTable(referents)
    table._index()
    return table


def _label_type(label: str) -> str:
    return label if label in ("PERSON", "ORG", "GPE", "NORP") else "ORG"


#: How many tokens further back a mention counts when it is not a subject ("daughter Chelsea
#: Clinton’s apartment" does not make the next "Clinton" Chelsea after "Hillary Clinton was headed").
BACKGROUND_PENALTY = 60


def _choose(
    owners: list[Referent],
    named: _Named,
    last: dict[int, int],
    foreground: dict[int, int],
    forms: list[_Form],
) -> Referent:
    """The fuller name a short one stands for: the most recent compatible, else the next one.

    ``last`` holds, by referent id, the start of its latest mention, ``foreground`` of its latest
    mention as a subject (:func:`_prominent`); a mention in the background counts as older.
    """
    gender = named.gender or named.hint
    fitting = [r for r in owners if not (gender and r.gender and r.gender != gender)] or owners
    seen = [r for r in fitting if id(r) in last]
    if seen:
        return max(seen, key=lambda r: max(foreground.get(id(r), -1), last[id(r)] - BACKGROUND_PENALTY))
    first = {id(f.referent): f.first for f in forms}
    return min(fitting, key=lambda r: first.get(id(r), 0))


def _prominent(token: Token) -> bool:
    """A mention in the foreground: a subject, its apposition or possessor, the source of "according to"."""
    dep, head = token.dep_, token.head
    if dep == "conj":
        dep, head = head.dep_, head.head
    if dep in _SUBJECTS or dep == "ROOT":
        return True
    if dep in ("appos", "poss", "compound") and head.dep_ in _SUBJECTS:
        return True
    if dep == "pobj" and head.dep_ in ("agent", "prep") and head.head.lower_ in ("according", "by"):
        return True
    return dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _add_role(referent: Referent, title: str) -> None:
    if title in referent.roles:
        return
    referent.roles.append(title)
    if referent.title is None:
        referent.title = title
    elif len(title) > len(referent.title) and referent.title.lower() in title.lower():
        referent.title = title  # "leader", then "North Korean leader"
    if referent.gender is None and referent.type == "PERSON":
        referent.gender = _gender_of(title.split())


def _sentence_index(doc: Doc) -> list[int]:
    """The number of each token's sentence."""
    index = numpy.zeros(len(doc), dtype=int)
    index[sentence_starts(doc)[1:]] = 1
    return numpy.cumsum(index).tolist()


def _learn_gender(pronoun: Token, sentence_of: list[int], persons_in: dict) -> None:
    """He/she that can only be one person says that person's gender.

    Only the clear cases: "Clinton said she …", "Kim praised his sister", and a sentence
    opening with "She" after one whose subject is the only person named.
    """
    if pronoun.dep_ not in _SUBJECTS and pronoun.dep_ != "poss":
        return
    doc = pronoun.doc
    n = sentence_of[pronoun.i]
    here = [(i, r) for i, r in persons_in.get(n, ()) if i < pronoun.i]
    if here:
        if len({id(r) for _, r in here}) != 1:
            return
        i, referent = here[-1]
        subject = doc[i]
        if subject.dep_ not in _SUBJECTS:
            return
        if pronoun.dep_ == "poss":
            clause = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
            if clause is None or clause.i != subject.head.i:
                return
            if any(t.lower_ in _PRONOUN_KIND for t in doc[i + 1 : pronoun.i]):
                return  # "Merkel thanked him for his visit": his may be him
        elif subject.head not in pronoun.ancestors:
            return
    else:
        if pronoun.dep_ not in _SUBJECTS or pronoun.head.dep_ != "ROOT":
            return
        previous = n - 1
        while previous >= 0 and previous >= n - 2 and previous not in persons_in:
            previous -= 1
        there = persons_in.get(previous, ())
        if len({id(r) for _, r in there}) != 1:
            return
        i, referent = there[0]
        if doc[i].dep_ not in _SUBJECTS or doc[i].head.dep_ != "ROOT":
            return
    if referent.gender is None:
        referent.gender = _PRONOUN_KIND[pronoun.lower_]


# ---------------------------------------------------------------------------------------
# Resolution


class Resolver(Protocol):
    """Resolves a mention (a token range and its head) to the referents it denotes.

    The rule-based :class:`RuleResolver` is the default; a neural coreference model can
    be plugged in by implementing this one method.
    """

    def resolve(self, doc: Doc, table: EntityTable, start: int, end: int, head: Token) -> list[Referent]: ...


@attrs.frozen
class _Item:
    """A possible antecedent: where it is, how it stands in its clause, what it denotes."""

    pos: int
    token: Token
    referents: tuple[Referent, ...] | None  # None: to be resolved when needed


class RuleResolver:
    """Names, surnames, acronyms, pronouns, role nouns and groups, by rules."""

    def resolve(self, doc: Doc, table: EntityTable, start: int, end: int, head: Token) -> list[Referent]:
        table._index()  # brought up to date once; the steps below read it directly
        return list(self._resolve(doc, table, start, end, head, 0))

    # -- dispatch --------------------------------------------------------------------

    def _resolve(
        self, doc: Doc, table: EntityTable, start: int, end: int, head: Token, depth: int
    ) -> tuple[Referent, ...]:
        if end <= start or depth > 3:
            return ()
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            noun = head.head.head  # "Clinton, who said …"
            return self._resolve(doc, table, noun.i, noun.i + 1, noun, depth + 1)
        low = head.lower_
        if low in _UNRESOLVED:
            return ()
        if low in _PRONOUN_KIND and head.pos_ == "PRON":
            return self._pronoun(doc, table, head, depth)
        named = self._named(table, start, end, head)
        if named:
            return named
        group = self._group(doc, table, head, depth)
        if group is not None:
            return group
        role = self._role(doc, table, head)
        if role is not None:
            return role
        if head.pos_ == "PROPN":
            return self._by_name(doc, table, start, end, head)
        return ()

    def _token(self, doc: Doc, table: EntityTable, token: Token, depth: int) -> tuple[Referent, ...]:
        key = ("token", token.i)
        if depth > 3:
            return table._cache.get(key) or table._cache.get(("pronoun", token.i)) or ()
        if key not in table._cache:
            table._cache[key] = ()  # a cycle resolves to nothing
            table._cache[key] = self._resolve(doc, table, token.i, token.i + 1, token, depth)
        return table._cache[key]

    # -- names -----------------------------------------------------------------------

    def _named(self, table: EntityTable, start: int, end: int, head: Token) -> tuple[Referent, ...]:
        found: list[Referent] = []
        for token in (head, *head.conjuncts):
            if token.i != head.i and not start <= token.i < end:
                continue
            referent = table.at(token)
            if referent is not None and referent not in found:
                found.append(referent)
        if not found:
            for child in head.children:  # "the minister, Helena Sobczak, said"
                if child.dep_ == "appos" and (referent := table.at(child)) is not None:
                    return (referent,)
            for verb in head.children:  # "the rebel commander, known as Abu Hamza, said"
                for prep in verb.children if verb.dep_ == "acl" else ():
                    for pobj in prep.children:
                        if _known_as(pobj) == head and (referent := table.at(pobj)) is not None:
                            return (referent,)
            lemma = head.lemma_.lower()
            if lemma in _GPE_NOUNS or lemma in _ORG_NOUNS:  # "the city of Phoenix"
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj" and (referent := table.at(pobj)) is not None:
                                return (referent,)
        if found and head.conjuncts:
            found.sort(key=lambda r: min((s for s, _ in r.mentions if s >= start), default=start))
        return tuple(found)

    def _by_name(
        self, doc: Doc, table: EntityTable, start: int, end: int, head: Token
    ) -> tuple[Referent, ...]:
        """A name the NER missed, matched against the table's names."""
        lexicon = _titles()
        a = b = head.i
        while a - 1 >= start and (doc[a - 1].pos_ == "PROPN" or doc[a - 1].tag_ == "HYPH"):
            a -= 1
        while b + 1 < end and (doc[b + 1].pos_ == "PROPN" or doc[b + 1].tag_ == "HYPH"):
            b += 1
        gender = None
        while a < b and lexicon.is_honorific(doc[a].text):
            gender = gender or _gender_of([doc[a].text])
            a += 1
        if a > start and lexicon.is_honorific(doc[a - 1].text):
            gender = _gender_of([doc[a - 1].text])
        text = doc[a : b + 1].text.removesuffix("’s").removesuffix("'s")
        probe = _Form(
            "PERSON",
            name_key(text),
            text,
            "PERSON",
            None,
            initials(text),
            a,
        )
        place = _Form("PLACE", probe.words, text, "ORG", _acronym(text), probe.initials, a)

        def fits(r: Referent) -> bool:
            if gender and r.gender and r.gender != gender:
                return False
            if name_key(r.name) == probe.words:
                return True
            full = _Form(
                _bucket(r.type or "ORG"), name_key(r.name), r.name, r.type or "ORG", None, initials(r.name), 0
            )
            return _fits(probe if full.bucket == "PERSON" else place, full)

        for _, _, referent in table.before(a):
            if fits(referent):
                return (referent,)
        for _, _, referent in table.after(b + 1):
            if fits(referent):
                return (referent,)
        return ()

    # -- pronouns --------------------------------------------------------------------

    def _pronoun(self, doc: Doc, table: EntityTable, pronoun: Token, depth: int) -> tuple[Referent, ...]:
        key = ("pronoun", pronoun.i)
        if key in table._cache:
            return table._cache[key]
        table._cache[key] = ()
        kind = _PRONOUN_KIND[pronoun.lower_]
        first = sentence_bounds(doc, pronoun.i)[0]
        result: tuple[Referent, ...] = ()
        best = self._best(doc, table, self._items(doc, table, first, pronoun.i), kind, pronoun, depth)
        if best:
            result = best
        else:
            result = self._cataphora(doc, table, pronoun, kind, depth)
        start, sentences = first, 0
        while not result and start > 0 and sentences < LOOKBACK_SENTENCES and pronoun.i - start < LOOKBACK:
            start, end = sentence_bounds(doc, start - 1)
            items = self._items(doc, table, start, end)
            if not items:
                continue
            sentences += 1
            result = self._best(doc, table, items, kind, None, depth)
        if not result and start == 0:  # "She insisted …" opening the text, named in what follows
            result = self._ahead(doc, table, pronoun, kind, depth)
        table._cache[key] = result
        return result

    def _ahead(
        self, doc: Doc, table: EntityTable, pronoun: Token, kind: str, depth: int
    ) -> tuple[Referent, ...]:
        """For a pronoun with nothing before it: a name in the next two sentences."""
        end = sentence_bounds(doc, pronoun.i)[1]
        for _ in range(2):
            if end >= len(doc):
                break
            start, end = sentence_bounds(doc, end)
            items = [item for item in self._items(doc, table, start, end) if item.referents]
            result = self._best(doc, table, items, kind, None, depth)
            if result:
                return result
        return ()

    def _items(self, doc: Doc, table: EntityTable, start: int, end: int) -> list[_Item]:
        """Possible antecedents among tokens ``start``..``end`` of one sentence: names,
        groups, pronouns, roles (found once a sentence)."""
        first, last = sentence_bounds(doc, start)
        key = ("items", first)
        if key not in table._cache:
            table._cache[key] = self._scan(doc, table, first, last)
        return [item for item in table._cache[key] if start <= item.pos < end]

    def _scan(self, doc: Doc, table: EntityTable, start: int, end: int) -> list[_Item]:
        items = []
        for i in range(start, end):
            token = doc[i]
            hit = table._spans.get(i)
            if hit is not None:
                referent, s, e = hit
                root = doc[s:e].root
                if root.i != i:
                    continue
                items.append(_Item(i, token, (referent,)))
                if token.dep_ != "conj":
                    group = [referent]
                    for conj in token.conjuncts:
                        other = table.at(conj)
                        if other is not None and other not in group and conj.i > i:
                            group.append(other)
                    if len(group) > 1:
                        items.append(_Item(i, token, tuple(group)))
            elif token.lower_ in _PRONOUN_KIND and token.pos_ == "PRON":
                items.append(_Item(i, token, None))
            elif token.pos_ in ("NOUN", "NUM", "DET", "PRON") and _definite_or_group(token):
                items.append(_Item(i, token, None))
        return items

    def _best(
        self, doc: Doc, table: EntityTable, items: list[_Item], kind: str, pronoun: Token | None, depth: int
    ) -> tuple[Referent, ...]:
        """The preferred antecedent among ``items``: a subject of the main clause, else the nearest."""
        ranked = []
        verb = _governor(pronoun) if pronoun is not None else None
        clause = None
        if pronoun is not None and pronoun.dep_ == "poss":  # "the Kremlin launched its invasion"
            clause = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        for item in items:
            referents = item.referents
            if referents is None:
                referents = self._token(doc, table, item.token, depth + 1)
            if not _agrees(referents, kind):
                continue
            token = item.token
            if verb is not None and token.dep_ in _SUBJECTS and token.head.i == verb.i:
                continue  # "Kim told him": him is not Kim
            if token.dep_ in _SUBJECTS and clause is not None and token.head.i == clause.i:
                rank = -1
            elif token.dep_ in _SUBJECTS:
                head = token.head
                main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
                rank = 0 if main else 1
            else:
                rank = 2
            ranked.append((rank, -item.pos, -len(referents), referents))
        if not ranked:
            return ()
        return min(ranked, key=lambda r: r[:3])[3]

    def _cataphora(
        self, doc: Doc, table: EntityTable, pronoun: Token, kind: str, depth: int
    ) -> tuple[Referent, ...]:
        """The subject after a pronoun: "In his letter, Kim said", "After their talks, the two men said"."""
        verb = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return ()
        for child in verb.children:
            if child.dep_ in _SUBJECTS and child.i > pronoun.i and pronoun not in child.subtree:
                referent = table.at(child)
                if referent is not None:
                    found: tuple[Referent, ...] = (referent,)
                elif child.lower_ in _PRONOUN_KIND:
                    return ()
                else:
                    found = self._token(doc, table, child, depth + 1)
                return found if _agrees(found, kind) else ()
        return ()

    # -- groups and roles ------------------------------------------------------------

    def _group(self, doc: Doc, table: EntityTable, head: Token, depth: int) -> tuple[Referent, ...] | None:
        """The N most recent referents of a kind: "the two men", "both leaders", "the pair"."""
        shape = _group_shape(head)
        if shape is None:
            return None
        size, types = shape
        chosen: dict[int, tuple[int, Referent]] = {}
        wanted = types
        for s, _, referent in table.before(head.left_edge.i, limit=400):
            if referent.type not in wanted or id(referent) in chosen:
                continue
            chosen[id(referent)] = (s, referent)
            if wanted is None or len(wanted) > 1:
                wanted = {referent.type}
            if len(chosen) == size:
                break
        if len(chosen) < size:
            return ()
        # in the order the text introduced them, so a group is always named alike
        return tuple(sorted((r for _, r in chosen.values()), key=lambda r: r.mentions[0]))

    def _role(self, doc: Doc, table: EntityTable, head: Token) -> tuple[Referent, ...] | None:
        """The referent given a role, or of a kind, before: "the minister", "the company"."""
        if head.pos_ != "NOUN" or head.tag_ in ("NNS", "NNPS"):
            return None
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children):
            return None
        lemma = head.lemma_.lower()
        lexicon = _titles()
        phrase = _phrase(doc, head)
        words = (phrase or head.lower_).lower().split()
        if lemma in _ORG_NOUNS or head.lower_ in _ORG_NOUNS:
            return self._org(table, head, lemma)
        if lemma in _GPE_NOUNS:
            for _, _, referent in table.before(head.i, limit=400):
                if referent.type == "GPE":
                    return (referent,)
            return ()
        role = lexicon.role_suffix(words)
        if role is None:
            return None
        # "the Democratic candidate" is not the one called "Libertarian presidential candidate"
        extra = [_fold(w) for w in words[: len(words) - len(role.split())] if w not in lexicon.modifiers]
        for _, _, referent in table.before(head.i, limit=400):
            if referent.type != "PERSON" or not any(_has_role(t, role) for t in referent.roles):
                continue
            known = set(name_key(" ".join([referent.name, *referent.roles])))
            if all(w in known for w in extra):
                return (referent,)
        return ()

    def _org(self, table: EntityTable, head: Token, noun: str) -> tuple[Referent, ...]:
        fallback = None
        for _, _, referent in table.before(head.i, limit=400):
            if referent.type != "ORG":
                continue
            if noun in name_key(referent.name) or any(_has_role(t, noun) for t in referent.roles):
                return (referent,)
            fallback = fallback or referent
        return (fallback,) if fallback else ()


def _has_role(title: str, wanted: str) -> bool:
    """``title`` names the role ``wanted``: "Russian President" has "president", "Vice President" not."""
    title = _fold(title)
    for match in re.finditer(rf"(?<![\w-]){re.escape(wanted)}(?![\w-])", title):
        before = title[: match.start()].split()
        if before and before[-1] in ("vice", "deputy", "assistant", "under", "associate", "co", "sub"):
            continue
        return True
    return False


def _agrees(referents: tuple[Referent, ...], kind: str) -> bool:
    if not referents:
        return False
    if kind in ("m", "f"):
        return len(referents) == 1 and referents[0].type == "PERSON" and referents[0].gender in (None, kind)
    if kind == "it":
        return len(referents) == 1 and referents[0].type in ("ORG", "GPE")
    return len(referents) > 1 or referents[0].type in ("ORG", "GPE", "NORP")


def _governor(pronoun: Token) -> Token | None:
    """The verb whose object ``pronoun`` is ("told him", "spoke to him"), for the binding rule."""
    if pronoun.dep_ in ("dobj", "dative", "iobj"):
        return pronoun.head
    if pronoun.dep_ == "pobj" and pronoun.head.dep_ in ("prep", "dative"):
        return pronoun.head.head
    return None


def _group_shape(head: Token) -> tuple[int, set[str] | None] | None:
    """How many and what kind a group noun phrase denotes: (2, {"PERSON"}) for "the two men"."""
    low, lemma = head.lower_, head.lemma_.lower()
    if lemma in _PAIRS and any(c.lower_ in _DEFINITE for c in head.children) and head.tag_ == "NN":
        return _PAIRS[lemma], {"PERSON"}
    if low == "both" and head.dep_ in _SUBJECTS:
        return 2, {"PERSON"}
    if head.pos_ == "NUM" and low in _NUMBERS and any(c.lower_ == "the" for c in head.children):
        return _NUMBERS[low], {"PERSON"}
    if head.tag_ not in ("NNS", "NNPS"):
        return None
    size = None
    for child in head.children:
        if child.dep_ == "nummod" and child.lower_ in _NUMBERS:
            size = _NUMBERS[child.lower_]
        elif child.lower_ == "both" and child.dep_ in ("det", "predet", "quantmod", "amod", "nummod"):
            size = 2
    if size is None:
        return None
    if any(c.dep_ == "poss" for c in head.children):
        return None  # "their two countries": not a mention of the countries
    if lemma in _GPE_NOUNS or lemma == "government":
        return size, {"GPE"}
    if lemma in _ORG_NOUNS:
        return size, {"ORG"}
    if lemma in _ANY_GROUP_NOUNS:
        return size, {"PERSON", "GPE", "ORG"}
    if lemma in _PERSON_GROUP_NOUNS or lemma in _titles().roles or lemma.endswith(("man", "woman")):
        return size, {"PERSON"}
    return None


def _definite_or_group(token: Token) -> bool:
    """A possible antecedent that is neither a name nor a pronoun: "the minister", "the two men"."""
    if _group_shape(token) is not None:
        return True
    if token.pos_ != "NOUN" or token.dep_ not in _SUBJECTS:
        return False
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
        return False
    lemma = token.lemma_.lower()
    return lemma in _ORG_NOUNS or lemma in _titles().roles


#: Resolvers by name, for the component's ``resolver`` setting: each makes a :class:`Resolver`.
RESOLVERS: dict[str, type] = {"rules": RuleResolver}
