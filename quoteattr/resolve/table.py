"""The entity table of a document: who is who, one referent for each person,
organisation, place or nationality, and where the text names each.

:func:`build_table` turns the named mentions of a parsed Doc
(:mod:`quoteattr.resolve.mentions`) into referents: "Kim", "Kim’s" and "North Korean
leader Kim Jong Un" are one referent named "Kim Jong Un" with the title "North Korean
leader"; "the IAEA" is "International Atomic Energy Agency"; Hillary and Bill Clinton
stay two. A resolver (:mod:`quoteattr.resolve.rules`) maps a speaker's mention to
referents through the table's public lookups alone: :meth:`EntityTable.at`,
:meth:`~EntityTable.covering`, :meth:`~EntityTable.before` and :meth:`~EntityTable.after`.

Everything is linear in the length of the document: referents are indexed by their
mentions' positions once, when the table is made.

>>> kim = Referent(0, "Kim Jong Un", "PERSON", mentions=[(0, 3), (9, 10)])
>>> seoul = Referent(1, "Seoul", "GPE", mentions=[(5, 6)])
>>> table = EntityTable([kim, seoul])
>>> table.covering(1).referent.name, table.covering(4)
('Kim Jong Un', None)
>>> [(m.start, m.referent.name) for m in table.before(9)]
[(5, 'Seoul'), (0, 'Kim Jong Un')]
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

import attrs
import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from quoteattr.find.quotes import Quotation, find_quotations
from quoteattr.parse.docview import doc_text
from quoteattr.parse.screen import positions, sentence_starts
from quoteattr.resolve.mentions import SUBJECTS, NamedMention, gender_of, named_mentions, quoted_tokens
from quoteattr.resolve.names import NameForm, acronym, initials, may_stand_for, name_bucket, name_key

if TYPE_CHECKING:
    from quoteattr.lexicons import Lexicons
    from quoteattr.lexicons.wordlists import NameWords


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


class ReferentMention(NamedTuple):
    """A mention in the table: its token range and the referent it names."""

    start: int
    end: int
    referent: Referent


@attrs.frozen(eq=False)
class EntityTable:
    """The referents of one Doc and where the text mentions each, indexed once when the
    table is made (the referents' mentions are final by then).

    Lookups by token index: :meth:`covering` (the mention over a token), :meth:`before`
    and :meth:`after` (the mentions on either side, nearest first).
    """

    referents: tuple[Referent, ...] = attrs.field(converter=tuple)
    #: every mention, sorted by (start, end)
    _order: tuple[ReferentMention, ...] = attrs.field(init=False, repr=False)
    _starts: tuple[int, ...] = attrs.field(init=False, repr=False)
    #: token index -> the first mention in :attr:`_order` that covers it
    _covering: Mapping[int, ReferentMention] = attrs.field(init=False, repr=False)

    @_order.default
    def _sorted_mentions(self) -> tuple[ReferentMention, ...]:
        mentions = (ReferentMention(s, e, r) for r in self.referents for s, e in r.mentions)
        return tuple(sorted(mentions, key=lambda m: (m.start, m.end)))

    @_starts.default
    def _mention_starts(self) -> tuple[int, ...]:
        return tuple(m.start for m in self._order)

    @_covering.default
    def _by_token(self) -> Mapping[int, ReferentMention]:
        index: dict[int, ReferentMention] = {}
        for mention in self._order:
            for i in range(mention.start, mention.end):
                index.setdefault(i, mention)
        return index

    def at(self, token: Token) -> Referent | None:
        """The referent whose mention covers ``token``, if any."""
        mention = self._covering.get(token.i)
        return mention.referent if mention else None

    def covering(self, i: int) -> ReferentMention | None:
        """The mention covering token index ``i``, if any (the first of overlapping ones)."""
        return self._covering.get(i)

    def before(self, i: int, limit: int = 200) -> Iterator[ReferentMention]:
        """Mentions starting before token ``i``, nearest first (at most ``limit``)."""
        k = bisect.bisect_left(self._starts, i)
        for j in range(k - 1, max(-1, k - 1 - limit), -1):
            yield self._order[j]

    def after(self, i: int, limit: int = 200) -> Iterator[ReferentMention]:
        """Mentions starting at or after token ``i``, nearest first (at most ``limit``)."""
        k = bisect.bisect_left(self._starts, i)
        yield from self._order[k : k + limit]


def build_table(doc: Doc, lexicons: Lexicons, quotations: Iterable[Quotation] | None = None) -> EntityTable:
    """The entity table of ``doc``, its names and titles read with ``lexicons``.

    ``quotations`` are the Doc's (:func:`~quoteattr.find.quotes.find_quotations`; found here
    when not given): a name written only inside quotation marks is the quoted speaker's
    wording, never the fuller name of one the text uses itself.
    """
    names = lexicons.names
    mentions = named_mentions(doc, lexicons.titles, names)
    if quotations is None:
        quotations = find_quotations(doc_text(doc))
    quoted = quoted_tokens(doc, quotations)
    _name_forms(doc, mentions, names, quoted)
    referents: list[Referent] = []
    last: dict[int, int] = {}  # id(referent) -> last mention start
    foreground: dict[int, int] = {}  # id(referent) -> last mention start as a subject
    sentence_of = _sentence_index(doc)
    persons_in: dict[int, list[tuple[int, Referent]]] = {}  # sentence -> person mentions
    given: dict[int, Referent] = {}  # id(form) -> the referent of that name

    def referent_of(form: NameForm) -> Referent:
        if id(form) not in given:
            given[id(form)] = Referent(len(referents), form.text, _label_type(form.label))
            referents.append(given[id(form)])
        return given[id(form)]

    gendered = tuple(word for word, kind in names.pronouns.items() if kind in "mf")
    pronouns = [
        t
        for t in (doc[i] for i in positions(doc, gendered, (LOWER,)) if i not in quoted)
        if names.pronouns.get(t.lower_, "") in ("m", "f")
    ]
    events = sorted(
        [(n.start, 0, n) for n in mentions] + [(t.i, 1, t) for t in pronouns], key=lambda e: e[:2]
    )
    for _, kind, item in events:
        if kind == 1:
            _learn_gender(item, sentence_of, persons_in, names.pronouns)
            continue
        named = item
        form = named.form
        if not form.owners:
            referent = referent_of(form)
        else:
            owners = [referent_of(o) for o in form.owners]
            referent = _choose(owners, named, last, foreground, form.owners)
        if named.gender and referent.gender is None:
            compatible = [
                given[id(o)]
                for o in form.owners
                if id(o) in given and given[id(o)].gender in (None, named.gender)
            ]
            if len(compatible) <= 1:
                referent.gender = named.gender
        referent.mentions.append((named.start, named.end))
        last[id(referent)] = named.start
        if _prominent(doc[named.root]):
            foreground[id(referent)] = named.start
        for title in named.titles:
            _add_role(referent, title, names)
        if referent.type == "PERSON":
            persons_in.setdefault(sentence_of[named.root], []).append((named.root, referent))
    referents.sort(key=lambda r: r.mentions[0] if r.mentions else (len(doc), 0))
    referents = [r for r in referents if r.mentions]
    for i, referent in enumerate(referents):
        referent.id = i
    return EntityTable(referents)


# -- which names are one referent ------------------------------------------------------


def _name_forms(
    doc: Doc, mentions: list[NamedMention], names: NameWords, quoted: Collection[int] = frozenset()
) -> list[NameForm]:
    """The distinct names of the document (set as each mention's ``form``), each linked to
    the fullest names it may stand for (its ``owners``).

    A name written only inside quotation marks ("Crooked Hillary Clinton") is the quoted
    speaker's wording: it never becomes the fuller name of one the text uses itself.
    """
    by_key: dict[tuple[str, tuple[str, ...]], NameForm] = {}
    forms: list[NameForm] = []
    outside: set[int] = set()
    for named in mentions:
        text = doc[named.start : named.end].text
        bucket = name_bucket(named.label)
        words = name_key(text)
        short = acronym(text) if len(words) == 1 and bucket != "PERSON" else None
        key = (bucket, ("#" + short,) if short else words)
        form = by_key.get(key)
        if form is None:
            form = NameForm(bucket, words, text, named.label, short, initials(text, names.minor), named.start)
            by_key[key] = form
            forms.append(form)
        named.form = form
        if named.start not in quoted:
            outside.add(id(form))
    for bucket in {f.bucket for f in forms}:
        group = [f for f in forms if f.bucket == bucket]
        fuller = {
            id(f): [g for g in group if may_stand_for(f, g, names) and _said(g, f, outside)] for f in group
        }
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
                    g
                    for g in group
                    if len(g.words) > 2 and word in g.words[1:-1] and word not in names.particles
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


def _said(full: NameForm, short: NameForm, outside: set[int]) -> bool:
    """``full`` may name what ``short`` names: the text itself uses it, or ``short`` is quoted too."""
    return id(full) in outside or id(short) not in outside


def _label_type(label: str) -> str:
    return label if label in ("PERSON", "ORG", "GPE", "NORP") else "ORG"


#: How many tokens further back a mention counts when it is not a subject ("daughter Chelsea
#: Clinton’s apartment" does not make the next "Clinton" Chelsea after "Hillary Clinton was headed").
BACKGROUND_PENALTY = 60


def _choose(
    owners: list[Referent],
    named: NamedMention,
    last: dict[int, int],
    foreground: dict[int, int],
    forms: list[NameForm],
) -> Referent:
    """The fuller name a short one stands for: the most recent compatible, else the next one.

    ``owners`` are the referents of the fuller names ``forms``, in that order. ``last``
    holds, by referent id, the start of its latest mention, ``foreground`` of its latest
    mention as a subject (:func:`_prominent`); a mention in the background counts as older.
    """
    gender = named.gender or named.hint
    fitting = [r for r in owners if not (gender and r.gender and r.gender != gender)] or owners
    seen = [r for r in fitting if id(r) in last]
    if seen:
        return max(seen, key=lambda r: max(foreground.get(id(r), -1), last[id(r)] - BACKGROUND_PENALTY))
    first = {id(r): f.first for r, f in zip(owners, forms, strict=True)}
    return min(fitting, key=lambda r: first.get(id(r), 0))


def _prominent(token: Token) -> bool:
    """A mention in the foreground: a subject, its apposition or possessor, the source of "according to"."""
    dep, head = token.dep_, token.head
    if dep == "conj":
        dep, head = head.dep_, head.head
    if dep in SUBJECTS or dep == "ROOT":
        return True
    if dep in ("appos", "poss", "compound") and head.dep_ in SUBJECTS:
        return True
    if dep == "pobj" and head.dep_ in ("agent", "prep") and head.head.lower_ in ("according", "by"):
        return True
    return dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


# -- what the text says of a referent --------------------------------------------------


def _add_role(referent: Referent, title: str, names: NameWords) -> None:
    if title in referent.roles:
        return
    referent.roles.append(title)
    if referent.title is None:
        referent.title = title
    elif len(title) > len(referent.title) and referent.title.lower() in title.lower():
        referent.title = title  # "leader", then "North Korean leader"
    if referent.gender is None and referent.type == "PERSON":
        referent.gender = gender_of(title.split(), names)


def _sentence_index(doc: Doc) -> list[int]:
    """The number of each token's sentence."""
    index = numpy.zeros(len(doc), dtype=int)
    index[sentence_starts(doc)[1:]] = 1
    return numpy.cumsum(index).tolist()


def _learn_gender(
    pronoun: Token,
    sentence_of: list[int],
    persons_in: dict[int, list[tuple[int, Referent]]],
    pronouns: Mapping[str, str],
) -> None:
    """He/she that can only be one person says that person's gender.

    Only the clear cases: "Clinton said she …", "Kim praised his sister", and a sentence
    opening with "She" after one whose subject is the only person named. ``pronouns``
    gives each pronoun's kind (m, f, it, they).
    """
    if pronoun.dep_ not in SUBJECTS and pronoun.dep_ != "poss":
        return
    doc = pronoun.doc
    n = sentence_of[pronoun.i]
    here = [(i, r) for i, r in persons_in.get(n, ()) if i < pronoun.i]
    if here:
        if len({id(r) for _, r in here}) != 1:
            return
        i, referent = here[-1]
        subject = doc[i]
        if subject.dep_ not in SUBJECTS:
            return
        if pronoun.dep_ == "poss":
            clause = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
            if clause is None or clause.i != subject.head.i:
                return
            if any(t.lower_ in pronouns for t in doc[i + 1 : pronoun.i]):
                return  # "Merkel thanked him for his visit": his may be him
        elif subject.head not in pronoun.ancestors:
            return
    else:
        if pronoun.dep_ not in SUBJECTS or pronoun.head.dep_ != "ROOT":
            return
        previous = n - 1
        while previous >= 0 and previous >= n - 2 and previous not in persons_in:
            previous -= 1
        there = persons_in.get(previous, ())
        if len({id(r) for _, r in there}) != 1:
            return
        i, referent = there[0]
        if doc[i].dep_ not in SUBJECTS or doc[i].head.dep_ != "ROOT":
            return
    if referent.gender is None:
        referent.gender = pronouns[pronoun.lower_]
