"""The rule-based resolver: a speaker's mention mapped to the referents of the entity
table (:mod:`quoteattr.resolve.table`) it denotes.

A name is looked up where the text writes it, or matched against the table's names when
the NER missed it; a pronoun ("he", "they") goes to the nearest compatible antecedent,
preferring subjects of main clauses, looking at most :data:`LOOKBACK_SENTENCES`
sentences or :data:`LOOKBACK` tokens back; a role noun ("the minister", "the company")
to the referent given that role before; a group ("the two men") to the most recent
referents of its kind. It reads the table only through its public lookups, so another
resolver can be written the same way (:mod:`quoteattr.resolve.resolvers`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import attrs
from spacy.tokens import Doc, Token

from quoteattr.parse.screen import sentence_bounds
from quoteattr.resolve.mentions import SUBJECTS, gender_of, known_as, noun_phrase
from quoteattr.resolve.names import NameForm, acronym, fold, initials, may_stand_for, name_bucket, name_key
from quoteattr.resolve.table import EntityTable, Referent

if TYPE_CHECKING:
    from quoteattr.lexicons import Lexicons
    from quoteattr.lexicons.titles import TitleLexicon
    from quoteattr.lexicons.wordlists import NameWords

#: How far back (tokens) antecedents are looked for, and how many sentences.
LOOKBACK = 300


LOOKBACK_SENTENCES = 8


@attrs.frozen
class _Item:
    """A possible antecedent: where it is, how it stands in its clause, what it denotes."""

    pos: int
    token: Token
    referents: tuple[Referent, ...] | None  # None: to be resolved when needed


@attrs.frozen(eq=False)
class RuleResolver:
    """Names, surnames, acronyms, pronouns, role nouns and groups, by rules, with the word
    lists of ``lexicons`` (its ``names`` and ``titles``).

    What it has resolved in a document (pronoun chains, the antecedents of a sentence)
    it remembers, per entity table, for the next mentions of the same document: so a
    document's pronouns are resolved in linear time. The memo goes with the table.
    """

    lexicons: Lexicons
    _memos: WeakKeyDictionary[EntityTable, dict] = attrs.field(
        init=False, factory=WeakKeyDictionary, repr=False
    )

    def resolve(self, doc: Doc, table: EntityTable, start: int, end: int, head: Token) -> list[Referent]:
        """The referents the mention ``doc[start:end]`` with head ``head`` denotes, in ``table``."""
        memo = self._memos.setdefault(table, {})
        rules = _DocRules(doc, table, self.lexicons.names, self.lexicons.titles, memo)
        return list(rules.mention(start, end, head, 0))


@attrs.frozen(eq=False)
class _DocRules:
    """The rules at work on one document: its Doc and table, the word lists, the memo."""

    doc: Doc
    table: EntityTable
    names: NameWords
    titles: TitleLexicon
    memo: dict

    # -- dispatch --------------------------------------------------------------------

    def mention(self, start: int, end: int, head: Token, depth: int) -> tuple[Referent, ...]:
        """The referents of the mention ``start``..``end`` (``depth``: how many steps of
        resolving led here; past three, nothing)."""
        if end <= start or depth > 3:
            return ()
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            noun = head.head.head  # "Clinton, who said …"
            return self.mention(noun.i, noun.i + 1, noun, depth + 1)
        low = head.lower_
        if low in self.names.unresolved:
            return ()
        if low in self.names.pronouns and head.pos_ == "PRON":
            return self._pronoun(head, depth)
        named = self._named(start, end, head)
        if named:
            return named
        group = self._group(head)
        if group is not None:
            return group
        role = self._role(head)
        if role is not None:
            return role
        if head.pos_ == "PROPN":
            return self._by_name(start, end, head)
        return ()

    def _token(self, token: Token, depth: int) -> tuple[Referent, ...]:
        key = ("token", token.i)
        if depth > 3:
            return self.memo.get(key) or self.memo.get(("pronoun", token.i)) or ()
        if key not in self.memo:
            self.memo[key] = ()  # a cycle resolves to nothing
            self.memo[key] = self.mention(token.i, token.i + 1, token, depth)
        return self.memo[key]

    # -- names -----------------------------------------------------------------------

    def _named(self, start: int, end: int, head: Token) -> tuple[Referent, ...]:
        found: list[Referent] = []
        for token in (head, *head.conjuncts):
            if token.i != head.i and not start <= token.i < end:
                continue
            referent = self.table.at(token)
            if referent is not None and referent not in found:
                found.append(referent)
        if not found:
            for child in head.children:  # "the minister, Helena Sobczak, said"
                if child.dep_ == "appos" and (referent := self.table.at(child)) is not None:
                    return (referent,)
            for verb in head.children:  # "the rebel commander, known as Abu Hamza, said"
                for prep in verb.children if verb.dep_ == "acl" else ():
                    for pobj in prep.children:
                        if known_as(pobj) == head and (referent := self.table.at(pobj)) is not None:
                            return (referent,)
            lemma = head.lemma_.lower()
            if lemma in self.names.gpe_nouns or lemma in self.names.org_nouns:  # "the city of Phoenix"
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj" and (referent := self.table.at(pobj)) is not None:
                                return (referent,)
        if found and head.conjuncts:
            found.sort(key=lambda r: min((s for s, _ in r.mentions if s >= start), default=start))
        return tuple(found)

    def _by_name(self, start: int, end: int, head: Token) -> tuple[Referent, ...]:
        """A name the NER missed, matched against the table's names."""
        a = b = head.i
        while a - 1 >= start and (self.doc[a - 1].pos_ == "PROPN" or self.doc[a - 1].tag_ == "HYPH"):
            a -= 1
        while b + 1 < end and (self.doc[b + 1].pos_ == "PROPN" or self.doc[b + 1].tag_ == "HYPH"):
            b += 1
        gender = None
        while a < b and self.titles.is_honorific(self.doc[a].text):
            gender = gender or gender_of([self.doc[a].text], self.names)
            a += 1
        if a > start and self.titles.is_honorific(self.doc[a - 1].text):
            gender = gender_of([self.doc[a - 1].text], self.names)
        text = self.doc[a : b + 1].text.removesuffix("’s").removesuffix("'s")
        minor = self.names.minor
        probe = NameForm("PERSON", name_key(text), text, "PERSON", None, initials(text, minor), a)
        place = NameForm("PLACE", probe.words, text, "ORG", acronym(text), probe.initials, a)

        def fits(r: Referent) -> bool:
            if gender and r.gender and r.gender != gender:
                return False
            if name_key(r.name) == probe.words:
                return True
            label = r.type or "ORG"
            full = NameForm(
                name_bucket(label), name_key(r.name), r.name, label, None, initials(r.name, minor), 0
            )
            return may_stand_for(probe if full.bucket == "PERSON" else place, full, self.names)

        for _, _, referent in self.table.before(a):
            if fits(referent):
                return (referent,)
        for _, _, referent in self.table.after(b + 1):
            if fits(referent):
                return (referent,)
        return ()

    # -- pronouns --------------------------------------------------------------------

    def _pronoun(self, pronoun: Token, depth: int) -> tuple[Referent, ...]:
        key = ("pronoun", pronoun.i)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = ()
        kind = self.names.pronouns[pronoun.lower_]
        first = sentence_bounds(self.doc, pronoun.i)[0]
        result: tuple[Referent, ...] = ()
        best = self._best(self._items(first, pronoun.i), kind, pronoun, depth)
        if best:
            result = best
        else:
            result = self._cataphora(pronoun, kind, depth)
        start, sentences = first, 0
        while not result and start > 0 and sentences < LOOKBACK_SENTENCES and pronoun.i - start < LOOKBACK:
            start, end = sentence_bounds(self.doc, start - 1)
            items = self._items(start, end)
            if not items:
                continue
            sentences += 1
            result = self._best(items, kind, None, depth)
        if not result and start == 0:  # "She insisted …" opening the text, named in what follows
            result = self._ahead(pronoun, kind, depth)
        self.memo[key] = result
        return result

    def _ahead(self, pronoun: Token, kind: str, depth: int) -> tuple[Referent, ...]:
        """For a pronoun with nothing before it: a name in the next two sentences."""
        end = sentence_bounds(self.doc, pronoun.i)[1]
        for _ in range(2):
            if end >= len(self.doc):
                break
            start, end = sentence_bounds(self.doc, end)
            items = [item for item in self._items(start, end) if item.referents]
            result = self._best(items, kind, None, depth)
            if result:
                return result
        return ()

    def _items(self, start: int, end: int) -> list[_Item]:
        """Possible antecedents among tokens ``start``..``end`` of one sentence: names,
        groups, pronouns, roles (found once a sentence)."""
        first, last = sentence_bounds(self.doc, start)
        key = ("items", first)
        if key not in self.memo:
            self.memo[key] = self._scan(first, last)
        return [item for item in self.memo[key] if start <= item.pos < end]

    def _scan(self, start: int, end: int) -> list[_Item]:
        items = []
        for i in range(start, end):
            token = self.doc[i]
            hit = self.table.covering(i)
            if hit is not None:
                s, e, referent = hit
                root = self.doc[s:e].root
                if root.i != i:
                    continue
                items.append(_Item(i, token, (referent,)))
                if token.dep_ != "conj":
                    group = [referent]
                    for conj in token.conjuncts:
                        other = self.table.at(conj)
                        if other is not None and other not in group and conj.i > i:
                            group.append(other)
                    if len(group) > 1:
                        items.append(_Item(i, token, tuple(group)))
            elif token.lower_ in self.names.pronouns and token.pos_ == "PRON":
                items.append(_Item(i, token, None))
            elif token.pos_ in ("NOUN", "NUM", "DET", "PRON") and _definite_or_group(
                token, self.names, self.titles.roles
            ):
                items.append(_Item(i, token, None))
        return items

    def _best(self, items: list[_Item], kind: str, pronoun: Token | None, depth: int) -> tuple[Referent, ...]:
        """The preferred antecedent among ``items``: a subject of the main clause, else the nearest."""
        ranked = []
        verb = _governor(pronoun) if pronoun is not None else None
        clause = None
        if pronoun is not None and pronoun.dep_ == "poss":  # "the Kremlin launched its invasion"
            clause = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        for item in items:
            referents = item.referents
            if referents is None:
                referents = self._token(item.token, depth + 1)
            if not _agrees(referents, kind):
                continue
            token = item.token
            if verb is not None and token.dep_ in SUBJECTS and token.head.i == verb.i:
                continue  # "Kim told him": him is not Kim
            if token.dep_ in SUBJECTS and clause is not None and token.head.i == clause.i:
                rank = -1
            elif token.dep_ in SUBJECTS:
                head = token.head
                main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
                rank = 0 if main else 1
            else:
                rank = 2
            ranked.append((rank, -item.pos, -len(referents), referents))
        if not ranked:
            return ()
        return min(ranked, key=lambda r: r[:3])[3]

    def _cataphora(self, pronoun: Token, kind: str, depth: int) -> tuple[Referent, ...]:
        """The subject after a pronoun: "In his letter, Kim said", "After their talks, the two men said"."""
        verb = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return ()
        for child in verb.children:
            if child.dep_ in SUBJECTS and child.i > pronoun.i and pronoun not in child.subtree:
                referent = self.table.at(child)
                if referent is not None:
                    found: tuple[Referent, ...] = (referent,)
                elif child.lower_ in self.names.pronouns:
                    return ()
                else:
                    found = self._token(child, depth + 1)
                return found if _agrees(found, kind) else ()
        return ()

    # -- groups and roles ------------------------------------------------------------

    def _group(self, head: Token) -> tuple[Referent, ...] | None:
        """The N most recent referents of a kind: "the two men", "both leaders", "the pair"."""
        shape = _group_shape(head, self.names, self.titles.roles)
        if shape is None:
            return None
        size, types = shape
        chosen: dict[int, Referent] = {}
        wanted = types
        for _, _, referent in self.table.before(head.left_edge.i, limit=400):
            if referent.type not in wanted or id(referent) in chosen:
                continue
            chosen[id(referent)] = referent
            if wanted is None or len(wanted) > 1:
                wanted = {referent.type}
            if len(chosen) == size:
                break
        if len(chosen) < size:
            return ()
        # in the order the text introduced them, so a group is always named alike
        return tuple(sorted(chosen.values(), key=lambda r: r.mentions[0]))

    def _role(self, head: Token) -> tuple[Referent, ...] | None:
        """The referent given a role, or of a kind, before: "the minister", "the company"."""
        if head.pos_ != "NOUN" or head.tag_ in ("NNS", "NNPS"):
            return None
        if not any(c.dep_ == "det" and c.lower_ in self.names.definite for c in head.children):
            return None
        lemma = head.lemma_.lower()
        phrase = noun_phrase(self.doc, head, self.names.determiners)
        words = (phrase or head.lower_).lower().split()
        if lemma in self.names.org_nouns or head.lower_ in self.names.org_nouns:
            return self._org(head, lemma)
        if lemma in self.names.gpe_nouns:
            for _, _, referent in self.table.before(head.i, limit=400):
                if referent.type == "GPE":
                    return (referent,)
            return ()
        role = self.titles.role_suffix(words)
        if role is None:
            return None
        # "the Democratic candidate" is not the one called "Libertarian presidential candidate"
        extra = [fold(w) for w in words[: len(words) - len(role.split())] if w not in self.titles.modifiers]
        for _, _, referent in self.table.before(head.i, limit=400):
            if referent.type != "PERSON" or not any(_has_role(t, role) for t in referent.roles):
                continue
            known = set(name_key(" ".join([referent.name, *referent.roles])))
            if all(w in known for w in extra):
                return (referent,)
        return ()

    def _org(self, head: Token, noun: str) -> tuple[Referent, ...]:
        fallback = None
        for _, _, referent in self.table.before(head.i, limit=400):
            if referent.type != "ORG":
                continue
            if noun in name_key(referent.name) or any(_has_role(t, noun) for t in referent.roles):
                return (referent,)
            fallback = fallback or referent
        return (fallback,) if fallback else ()


def _has_role(title: str, wanted: str) -> bool:
    """``title`` names the role ``wanted``: "Russian President" has "president", "Vice President" not."""
    title = fold(title)
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


def _group_shape(head: Token, names: NameWords, roles: Collection[str]) -> tuple[int, set[str] | None] | None:
    """How many and what kind a group noun phrase denotes: (2, {"PERSON"}) for "the two men"
    (``roles``: the role nouns of people)."""
    low, lemma = head.lower_, head.lemma_.lower()
    if lemma in names.pairs and any(c.lower_ in names.definite for c in head.children) and head.tag_ == "NN":
        return names.pairs[lemma], {"PERSON"}
    if low == "both" and head.dep_ in SUBJECTS:
        return 2, {"PERSON"}
    if head.pos_ == "NUM" and low in names.numbers and any(c.lower_ == "the" for c in head.children):
        return names.numbers[low], {"PERSON"}
    if head.tag_ not in ("NNS", "NNPS"):
        return None
    size = None
    for child in head.children:
        if child.dep_ == "nummod" and child.lower_ in names.numbers:
            size = names.numbers[child.lower_]
        elif child.lower_ == "both" and child.dep_ in ("det", "predet", "quantmod", "amod", "nummod"):
            size = 2
    if size is None:
        return None
    if any(c.dep_ == "poss" for c in head.children):
        return None  # "their two countries": not a mention of the countries
    if lemma in names.gpe_nouns or lemma == "government":
        return size, {"GPE"}
    if lemma in names.org_nouns:
        return size, {"ORG"}
    if lemma in names.any_group_nouns:
        return size, {"PERSON", "GPE", "ORG"}
    if lemma in names.person_group_nouns or lemma in roles or lemma.endswith(("man", "woman")):
        return size, {"PERSON"}
    return None


def _definite_or_group(token: Token, names: NameWords, roles: Collection[str]) -> bool:
    """A possible antecedent that is neither a name nor a pronoun: "the minister", "the two men"."""
    if _group_shape(token, names, roles) is not None:
        return True
    if token.pos_ != "NOUN" or token.dep_ not in SUBJECTS:
        return False
    if not any(c.dep_ == "det" and c.lower_ in names.definite for c in token.children):
        return False
    lemma = token.lemma_.lower()
    return lemma in names.org_nouns or lemma in roles
