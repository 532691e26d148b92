"""Who said it: the speaker mention of a cue, and the name and type it gives.

A cue's speaker is its grammatical subject ("Kim said"), the subject after it
("said Smith"), the agent of a passive ("was described by aides as"), the object
of "according to", or, for a participle or a verb joined to another ("…, saying",
"smiled and said"), the speaker of the verb it leans on.

>>> PRONOUNS >= {"he", "she", "they"}
True
"""

from __future__ import annotations

import attrs
from spacy.tokens import Doc, Token

from quoteattr.lexicons.cues import CueLexicon
from quoteattr.resolve import EntityTable, Referent, Resolver

PRONOUNS = frozenset(
    "i me we us you he him she her it they them this that these those who one someone somebody".split()
)
SUBJECT_DEPS = ("nsubj", "csubj")
#: Dependents that describe a mention rather than belong to it.
_NOT_MENTION = frozenset(("appos", "relcl", "acl", "advcl", "parataxis", "punct", "ccomp"))
_LEAN_DEPS = frozenset(("advcl", "xcomp", "conj", "acl", "pcomp", "dep"))
_ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "ORG"}
_DETERMINERS = frozenset(("the", "a", "an"))
#: Punctuation inside a name: Okonjo-Iweala, Al-Sisi, O'Neill.
_NAME_PUNCTUATION = frozenset(("-", "'", "’", "."))


@attrs.frozen
class Mention:
    """A speaker mention in the parse: its tokens, and the name and type they give."""

    start: int
    end: int
    head: Token
    name: str | None
    type: str | None
    title: str | None = None


def subject_of(
    verb: Token,
    lexicon: CueLexicon,
    is_cue=lambda t: False,
    quoted: frozenset[int] = frozenset(),
    depth: int = 0,
) -> Token | None:
    """The token naming who performs ``verb``, looking through participles and conjunctions.

    Tokens in ``quoted`` (inside quotation marks) are never the speaker: for
    ``"If it fails," said Acton`` the subject is looked for after the verb. The cue
    ``lexicon`` says which verbs issue a statement ("issued a statement that …") and which
    quote ("was quoted as saying").
    """
    if depth > 6:
        return None
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.i not in quoted:
            if child.lower_ == "that" and verb.dep_ == "relcl":
                return verb.head  # "a program that allows …": the mention is the noun itself
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.rights:
        if (
            child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "dep", "appos")
            and child.pos_ in ("PROPN", "NOUN")
            and child.i not in quoted
            and _inverted(verb, quoted)
        ):
            return child
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a statement calling for …", "Sanders, suggesting …"
    if verb.pos_ == "NOUN":  # "the ministry's statement", "a claim by the ministry"
        for child in verb.children:
            if child.dep_ == "poss" or child.dep_ == "prep" and child.lower_ in ("by", "from"):
                return child if child.dep_ == "poss" else next(child.children, None)
        if verb.dep_ == "dobj" and verb.head.lemma_ in lexicon.issuing_verbs:  # "issued a statement that …"
            return subject_of(verb.head, lexicon, is_cue, quoted, depth + 1)
        return None
    if verb.dep_ in _LEAN_DEPS and verb.head.i != verb.i:
        ancestor = verb.head
        if verb.dep_ != "conj":  # a participle borrows the subject of the nearest cue above it
            cue_above = next((t for t in verb.ancestors if is_cue(t)), None)
            verb_above = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
            ancestor = cue_above or verb_above or ancestor
        if ancestor.lemma_ in lexicon.quoted_as_verbs:  # "Smith was quoted as saying …"
            for child in ancestor.children:
                if child.dep_ == "nsubjpass":
                    return child
        return subject_of(ancestor, lexicon, is_cue, quoted, depth + 1)
    return None


def _inverted(verb: Token, quoted: frozenset[int]) -> bool:
    """``said Smith``: the verb follows a quotation, directly or after a comma."""
    doc = verb.doc
    left = verb.i - 1
    if left >= 0 and doc[left].text == ",":
        left -= 1
    return left >= 0 and (doc[left].is_quote or left in quoted)


def mention_of(token: Token, entity_of: dict[int, object]) -> Mention:
    """The mention headed by ``token``: its words without appositions or clauses, and its name.

    ``entity_of`` maps token index to the named entity (a spaCy Span) covering it.
    """
    words = _mention_tokens(token)
    while len(words) > 1 and (words[-1].is_punct or words[-1].is_space or words[-1].dep_ == "case"):
        words.pop()
    while len(words) > 1 and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    start, end = words[0].i, words[-1].i + 1
    named = token
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl" and len(words) == 1:
        named = token.head.head  # "Clinton, who said …": named by the noun the clause describes
        words = _mention_tokens(named)
    name, type_, title = _name(named, words, entity_of)
    return Mention(start, end, token, name, type_, title)


def _mention_tokens(token: Token) -> list[Token]:
    kept = [token]
    for child in token.children:
        if child.dep_ in _NOT_MENTION and not (child.dep_ == "punct" and child.text in _NAME_PUNCTUATION):
            continue
        kept.extend(child.subtree)
    kept.sort(key=lambda t: t.i)
    # keep the run of tokens that is contiguous around the head
    start = end = kept.index(token)
    while start > 0 and kept[start - 1].i == kept[start].i - 1:
        start -= 1
    while end < len(kept) - 1 and kept[end + 1].i == kept[end].i + 1:
        end += 1
    return kept[start : end + 1]


def _name(
    head: Token, words: list[Token], entity_of: dict[int, object]
) -> tuple[str | None, str | None, str | None]:
    """Name, type and title of a mention, from its named entity where it has one."""
    if head.lower_ in PRONOUNS and len(words) == 1:
        return None, None, None
    conjuncts = [head, *[c for c in head.conjuncts if c.i > head.i and words[0].i <= c.i <= words[-1].i]]
    if len(conjuncts) > 1:
        parts = [_single_name(c, entity_of) for c in conjuncts]
        names = [name for name, _, _ in parts if name]
        types = {type_ for _, type_, _ in parts}
        return " and ".join(names) or None, types.pop() if len(types) == 1 else None, None
    return _single_name(head, entity_of, words)


def _single_name(head: Token, entity_of: dict[int, object], words: list[Token] | None = None):
    if head.lower_ in PRONOUNS:
        return None, None, None
    entity = entity_of.get(head.i)
    if entity is not None and entity.label_ in _ENTITY_TYPES:
        name = strip_determiner(entity.text).removesuffix("’s").removesuffix("'s")
        title = None
        if words:
            before = [t for t in words if t.i < entity.start]
            run: list[Token] = []
            for token in reversed(before):
                if token.dep_ not in ("compound", "amod", "nmod") or token.is_punct:
                    break
                run.insert(0, token)
            title = " ".join(t.text for t in run) or None
        return name, _ENTITY_TYPES[entity.label_], title
    if words is None:
        words = [t for t in head.subtree if t.dep_ not in _NOT_MENTION] or [head]
        words = [t for t in words if not t.is_punct] or [head]
    text = head.doc[words[0].i : words[-1].i + 1].text
    return strip_determiner(text), None, None


def strip_determiner(text: str) -> str:
    """``text`` without a leading article: "the ministry" → "ministry"."""
    first, _, rest = text.partition(" ")
    return rest if first.lower() in _DETERMINERS and rest else text


def resolve_speakers(
    doc: Doc, mentions: list[Mention | None], table: EntityTable, resolver: Resolver
) -> tuple[list[Mention | None], list[tuple[Referent, list[Mention]]]]:
    """Each speaker mention named by the referents ``resolver`` finds for it in ``table``
    (:func:`resolved`), and every referent that speaks with the mentions it speaks by."""
    spoken: dict[int, tuple[Referent, list[Mention]]] = {}
    out: list[Mention | None] = []
    for m in mentions:
        if m is not None:
            referents = resolver.resolve(doc, table, m.start, m.end, m.head)
            for referent in referents:
                spoken.setdefault(referent.id, (referent, []))[1].append(m)
            m = resolved(m, referents)
        out.append(m)
    return out, list(spoken.values())


def resolved(mention: Mention, referents: list) -> Mention:
    """``mention`` named by the referents it resolves to (:mod:`quoteattr.resolve.table`): their
    canonical names joined with " and ", the title and type they share. Unresolved, it
    keeps its own name (a common noun phrase) or none (a bare pronoun)."""
    if not referents:
        return mention
    names = list(dict.fromkeys(r.name for r in referents))
    types = {r.type for r in referents}
    title = referents[0].title if len(referents) == 1 else None
    return attrs.evolve(
        mention,
        name=" and ".join(names),
        title=title or (mention.title if len(referents) == 1 else None),
        type=types.pop() if len(types) == 1 else None,
    )
