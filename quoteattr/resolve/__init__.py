"""Who is who: the entity table of a document and the resolvers that map a speaker's
mention to its referents.

- :mod:`~quoteattr.resolve.names`: names compared ("Kim" may stand for "Kim Jong Un");
- :mod:`~quoteattr.resolve.mentions`: the named mentions of a parsed Doc;
- :mod:`~quoteattr.resolve.table`: :class:`Referent`, :class:`EntityTable`, :func:`build_table`;
- :mod:`~quoteattr.resolve.rules`: :class:`RuleResolver`, the rule-based resolver;
- :mod:`~quoteattr.resolve.resolvers`: the :class:`Resolver` protocol, registered resolvers
  and :func:`make_resolver`.

Everything takes the configured :class:`~quoteattr.lexicons.Lexicons`::

    table = build_table(doc, lexicons)
    resolver = make_resolver("rules", lexicons)
    referents = resolver.resolve(doc, table, start, end, head)
"""

from quoteattr.resolve.resolvers import (
    SHORT_NAMES,
    Resolver,
    ResolverFactory,
    ResolverSpec,
    make_resolver,
    rule_resolver,
)
from quoteattr.resolve.rules import RuleResolver
from quoteattr.resolve.table import EntityTable, Referent, ReferentMention, build_table

__all__ = [
    "SHORT_NAMES",
    "EntityTable",
    "Referent",
    "ReferentMention",
    "Resolver",
    "ResolverFactory",
    "ResolverSpec",
    "RuleResolver",
    "build_table",
    "make_resolver",
    "rule_resolver",
]
