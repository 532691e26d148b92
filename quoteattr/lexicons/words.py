"""TRANSITIONAL (goes away in this refactoring): the packaged word lists under their old
module-level names, for the modules not yet given the configured lexicons."""

from quoteattr.lexicons.wordlists import NameWords, ReportingWords

_names = NameWords.load()
_reporting = ReportingWords.load()

_DETERMINERS = _names.determiners

REPORT_LEMMAS = _reporting.report_lemmas
MEDIA_NOUNS = _reporting.media_nouns
UNLISTED_MEDIA = _reporting.unlisted_media
STORY_TYPES = _reporting.story_types
STATE_WORDS = _reporting.state_words
TELL_VERBS = _reporting.tell_verbs
SPEAK_VERBS = _reporting.speak_verbs
CHANNEL_NOUNS = _reporting.channel_nouns
CARRY_VERBS = _reporting.carry_verbs
QUOTE_VERBS = _reporting.quote_verbs
APPEAR_VERBS = _reporting.appear_verbs
GENERIC_NOUNS = _reporting.generic_nouns
