"""Choosing the speaker resolver: what a resolver is, the ones registered by name, and
:func:`make_resolver`, which the component calls with its ``resolver`` setting.

A resolver is made from the pipeline's lexicons by a factory, a callable
``(Lexicons) -> Resolver`` (a class such as :class:`RuleResolver` is one). Factories are
registered in spaCy's ``misc`` registry under a name, by a function of no arguments
that returns the factory, so that a pipeline config can name one either way::

    resolver = "quoteattr.rule_resolver.v1"
    resolver = {"@misc": "quoteattr.rule_resolver.v1"}

"rules" is the short name of the rule-based resolver, the default.

>>> from quoteattr.lexicons import Lexicons
>>> type(make_resolver("rules", Lexicons.load())).__name__
'RuleResolver'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import catalogue
from spacy.tokens import Doc, Token
from spacy.util import registry

from quoteattr.resolve.rules import RuleResolver
from quoteattr.resolve.table import EntityTable, Referent

if TYPE_CHECKING:
    from quoteattr.lexicons import Lexicons


class Resolver(Protocol):
    """Resolves a mention (a token range and its head) to the referents of ``table`` it denotes.

    The rule-based :class:`RuleResolver` is the default; a neural coreference model can
    be plugged in by implementing this one method (reading the table through its public
    lookups: ``referents``, ``at``, ``covering``, ``before``, ``after``).
    """

    def resolve(self, doc: Doc, table: EntityTable, start: int, end: int, head: Token) -> list[Referent]: ...


#: What makes a resolver from the pipeline's lexicons.
ResolverFactory = Callable[["Lexicons"], Resolver]

#: A resolver setting: a short or registered name, or a factory.
ResolverSpec = str | ResolverFactory


@registry.misc("quoteattr.rule_resolver.v1")
def rule_resolver() -> ResolverFactory:
    """The rule-based resolver's factory (:class:`RuleResolver`), by its registered name."""
    return RuleResolver


#: Short names of registered resolvers, for the component's ``resolver`` setting.
SHORT_NAMES = {"rules": "quoteattr.rule_resolver.v1"}


def make_resolver(spec: ResolverSpec, lexicons: Lexicons) -> Resolver:
    """The resolver ``spec`` names or makes, made from ``lexicons``.

    ``spec`` is a short name (:data:`SHORT_NAMES`), a name registered in spaCy's ``misc``
    registry (whose function returns a factory), or a factory itself. Raises
    ``ValueError`` for an unknown name, ``TypeError`` when what it gives is no resolver.
    """
    factory = _registered(spec) if isinstance(spec, str) else spec
    if not callable(factory):
        raise TypeError(f"speaker resolver {spec!r}: {factory!r} is not a factory (Lexicons) -> Resolver")
    resolver = factory(lexicons)
    if not callable(getattr(resolver, "resolve", None)):
        raise TypeError(f"speaker resolver {spec!r}: {resolver!r} has no method resolve")
    return resolver


def _registered(name: str) -> ResolverFactory:
    try:
        make = registry.misc.get(SHORT_NAMES.get(name, name))
    except catalogue.RegistryError:
        choices = ", ".join(map(repr, sorted(SHORT_NAMES)))
        raise ValueError(
            f"unknown speaker resolver {name!r}: choose one of {choices}, or a name registered "
            "with @spacy.registry.misc whose function returns a factory (Lexicons) -> Resolver"
        ) from None
    return make()
