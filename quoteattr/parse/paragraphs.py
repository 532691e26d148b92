"""The ``quoteattr_paragraphs`` component: a line break ends a sentence, a wire dateline is a
sentence of its own, and a run-on line is cut, before the parser reads the Doc.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from quoteattr.parse.docview import doc_text

PARAGRAPHS = "quoteattr_paragraphs"


#: Tokens after which a run-on line is cut at its next punctuation mark: no sentence of
#: news prose is this long, and the parse of one that is costs every later step dearly.
MAX_SENTENCE = 150


#: A wire dateline opening a paragraph: "LAGOS (Reuters) -", "BEIJING, March 3 (Xinhua) --".
_DATELINE = re.compile(
    r"[A-Z][A-Z .'-]{1,40}(?:, [A-Z][a-z]+\.? \d{1,2})?(?: \([^()\n]{1,40}\))? ?(?:-{1,2}|\u2014|\u2013) "
)


@Language.component(PARAGRAPHS)
def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at the first token after each line break, after a wire dateline
    ("LAGOS (Reuters) - Nigeria's central bank said …"), which is no part of the sentence,
    and at the first punctuation mark past ``MAX_SENTENCE`` tokens of a run-on line (at
    twice that, at any word)."""
    after_break = True
    text = doc_text(doc)
    run = 0  # tokens since the last forced start
    for token in doc:
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
            continue
        run += 1
        at_mark = not token.is_alpha and not token.like_num and not token.is_quote
        if (run > MAX_SENTENCE and at_mark or run > 2 * MAX_SENTENCE) and token.i + 1 < len(doc):
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True  # a run-on line (a headline bar, a list): cut it
                run = 0
        if after_break and not token.is_space:
            run = 0
            if token.i > 0:
                token.is_sent_start = True
            dateline = _DATELINE.match(text, token.idx)
            if dateline is not None:
                following = doc.char_span(dateline.end(), dateline.end() + 1, alignment_mode="expand")
                if following is not None and following[0].i > token.i:
                    following[0].is_sent_start = True
            after_break = False
    return doc
