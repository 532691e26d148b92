"""TRANSITIONAL (goes away in this refactoring): the packaged word lists under their old
module-level names, for the modules not yet given the configured lexicons."""

from quoteattr.lexicons.titles import TitleLexicon
from quoteattr.lexicons.wordlists import NameWords

_names = NameWords.load()

_COURTESY = TitleLexicon.load().courtesy
_FEMALE = _names.female
_MALE = _names.male
_PARTICLES = _names.particles
_SUFFIXES = _names.suffixes
_MINOR = _names.minor
_DETERMINERS = _names.determiners
_DEFINITE = _names.definite
_ORG_NOUNS = _names.org_nouns
_GPE_NOUNS = _names.gpe_nouns
_PERSON_GROUP_NOUNS = _names.person_group_nouns
_ANY_GROUP_NOUNS = _names.any_group_nouns
_PAIRS = _names.pairs
_NUMBERS = _names.numbers
_RANKS = _names.ranks
_RELATION_ROLES = _names.relation_roles
_AFFILIATIONS = _names.affiliations
_PRONOUN_KIND = _names.pronouns
_UNRESOLVED = _names.unresolved
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "ORG"}
