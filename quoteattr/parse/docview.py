_CACHE_KEY = "quoteattr.cache"


def cached(doc, name: str, build):
    """A value computed once a Doc, such as its text or every token's forms: spaCy builds
    ``doc.text`` and each Token object anew on every access, which adds up in loops.

    The values wait in ``doc.user_data`` while the quoteattr component works, which drops
    them (:func:`forget`) before the Doc leaves it.
    """
    store = doc.user_data.setdefault(_CACHE_KEY, {})
    if name not in store:
        store[name] = build()
    return store[name]


def doc_text(doc) -> str:
    """``doc.text``, built once a Doc (or given by :func:`with_text`)."""
    return cached(doc, "text", lambda: doc.text)


def with_text(doc, text: str):
    """``doc``, knowing that its text is ``text`` (the string it was made from), so that
    :func:`doc_text` need not build it again; returns ``doc``."""
    doc.user_data.setdefault(_CACHE_KEY, {})["text"] = text
    return doc


def doc_ents(doc) -> tuple:
    """``doc.ents``, built once a Doc."""
    return cached(doc, "ents", lambda: doc.ents)


def forget(doc) -> None:
    """Drop what :func:`cached` kept, so that Docs serialise without it."""
    doc.user_data.pop(_CACHE_KEY, None)
