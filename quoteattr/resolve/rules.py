from __future__ import annotations

import re
from typing import Protocol

import attrs
from spacy.tokens import Doc, Token

from quoteattr.lexicons.titles import _titles
from quoteattr.lexicons.words import (
    _ANY_GROUP_NOUNS,
    _DEFINITE,
    _GPE_NOUNS,
    _NUMBERS,
    _ORG_NOUNS,
    _PAIRS,
    _PERSON_GROUP_NOUNS,
    _PRONOUN_KIND,
    _SUBJECTS,
    _UNRESOLVED,
)
from quoteattr.parse.screen import sentence_bounds
from quoteattr.resolve.mentions import _gender_of, _known_as, _phrase
from quoteattr.resolve.names import _acronym, _fits, _fold, _Form, initials, name_key
from quoteattr.resolve.table import EntityTable, Referent, _bucket

#: How far back (tokens) antecedents are looked for, and how many sentences.
LOOKBACK = 300


LOOKBACK_SENTENCES = 8


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
