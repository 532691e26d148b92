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
from collections.abc import Iterable

import attrs
import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from quoteattr.lexicons.titles import _titles
from quoteattr.lexicons.words import _PARTICLES, _PRONOUN_KIND, _SUBJECTS
from quoteattr.parse.screen import positions, sentence_starts
from quoteattr.resolve.mentions import _gender_of, _Named, _named_mentions, _quoted
from quoteattr.resolve.names import _acronym, _fits, _Form, initials, name_key


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


# ---------------------------------------------------------------------------------------
# Names


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


