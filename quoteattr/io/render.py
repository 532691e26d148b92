"""The HTML view: one self-contained page showing who said what in one or more documents.

:func:`render` returns a complete page (inline CSS and a few lines of inline script, system
fonts, nothing fetched from the network). Each document's text keeps its paragraphs and
line breaks; every attribution's content is highlighted and coloured by its label
(asserted, denied, accused), with the speaker mention, the cue, the reporting source, the
accused target and the publisher marked in their own styles. Every mark carries a tooltip
that says in words what the colour says (``asserted — Kim Jong Un (North Korean leader),
cue “said”, via KCNA``) and a ``data-links`` list of the attributions it belongs to:
hovering or clicking a quotation highlights its speaker, cue and source, and hovering a
speaker (in the text or in the side panel) highlights what they said. A side panel lists
the publisher, the speakers with their titles and counts, and the reporting sources; a
numbered list under the text repeats every attribution in words. Opening the page with
``#qa=q0-3`` pins attribution 3 of the first document. Importing this module (``import
quoteattr`` does) makes a :class:`~quoteattr.types.Result` show itself as its page in
Jupyter (``Result._repr_html_``, through :func:`quoteattr.types.set_html_repr`).

Spans may overlap and nest (a speaker inside another attribution's content, two contents
sharing words), so the markup is built from a sorted list of boundaries: at each one the
open elements that end there are closed, those still open above them are closed and
reopened, and new ones are opened, outermost first. The nesting is therefore always valid
and the cost is linear in the text (times the nesting depth).

>>> from quoteattr.types import Attribution, Content, Cue, Result, Speaker
>>> said = Attribution(kind="indirect", content=Content("it rained", [(9, 18)]),
...                    cue=Cue("said", "say", 4, 8), speaker=Speaker("Ana", 0, 3, name="Ana"))
>>> page = render(Result(id=1, text="Ana said it rained.", quotes=[said]))
>>> page.startswith("<!DOCTYPE html>"), 'data-attribution="q0-0"' in page
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from quoteattr.io.templates import _CSS, _JS
from quoteattr.types import LABELS, Attribution, Result, set_html_repr

__all__ = ["render", "tooltip"]

#: A paragraph break: a line feed, blank space, another line feed and any white space after.
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_SNIPPET = 220

# Which role marks the same span carries, in the order their class names are written.
_ROLES = ("qa-speaker", "qa-source", "qa-target", "qa-publisher", "qa-cue", "qa-mention")


def render(results: Result | Iterable[Result], title: str | None = None) -> str:
    """One self-contained HTML page for one result or several (one ``<article>`` each)."""
    docs = [results] if isinstance(results, Result) else list(results)
    if title is None:
        if len(docs) == 1 and docs[0].id is not None:
            title = f"quoteattr — {docs[0].id}"
        else:
            title = f"quoteattr — {len(docs)} document{'s' if len(docs) != 1 else ''}"
    total = sum(len(doc.quotes) for doc in docs)
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="quoteattr">\n',
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n",
        '<body class="qa-body">\n<div class="qa-page">\n',
        '<header class="qa-top">\n',
        f"<h1>{escape(title)}</h1>\n",
        f'<p class="qa-sub">{_plural(len(docs), "document")} · {_plural(total, "attribution")}.'
        " Hover or click a highlight, a speaker or a list item to see what belongs together;"
        " click again or press Esc to let go.</p>\n",
        _legend(),
        "</header>\n",
    ]
    parts.extend(_document(n, doc) for n, doc in enumerate(docs))
    if not docs:
        parts.append('<p class="qa-empty">No documents.</p>\n')
    parts.append(f"</div>\n<script>{_JS}</script>\n</body>\n</html>\n")
    return "".join(parts)


set_html_repr(render)  # a Result shows itself as this page in Jupyter (Result._repr_html_)


def tooltip(a: Attribution) -> str:
    """The words for one attribution's highlight: label, speaker and title, cue, source, target.

    >>> from quoteattr.types import Attribution, Content, Cue, Entity, Speaker
    >>> tooltip(Attribution(kind="indirect", content=Content("x", [(0, 1)]), cue=Cue("said", "say", 2, 6),
    ...     speaker=Speaker("Kim", 7, 10, name="Kim Jong Un", title="North Korean leader"),
    ...     source=Entity("KCNA")))
    'asserted — Kim Jong Un (North Korean leader), cue “said”, via KCNA'
    """
    words = f"{a.label} — {_who(a)}"
    if a.cue is not None:
        words += f", cue “{a.cue.text}”"
    if a.source is not None:
        words += f", via {a.source.name}"
    if a.target is not None:
        words += f", against {a.target.name}"
    return words


# -- one document ------------------------------------------------------------------------------


def _who(a: Attribution) -> str:
    if a.speaker is None:
        return "unknown speaker"
    name = a.speaker.name or a.speaker.text
    return f"{name} ({a.speaker.title})" if a.speaker.title else name


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _label_class(label: str) -> str:
    return f"qa-{label}" if label in LABELS else "qa-other"


def _attr(value: str) -> str:
    return escape(value, quote=True)


class _Marks:
    """The spans to mark in one text: contents (one element each) and role marks (merged by span).

    A role mark says, for each role it plays, which attributions it plays it for
    (``data-speaker-of``, ``data-cue-of``, ``data-source-of``, ``data-target-of``; a plain
    mention of a speaker has ``data-mention-of`` the speaker's key); ``data-links`` joins them.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.contents: list[tuple[int, int, str]] = []
        self.roles: dict[tuple[int, int], tuple[dict[str, dict[str, None]], dict[str, None]]] = {}

    def clamp(self, start: int | None, end: int | None) -> tuple[int, int] | None:
        if start is None or end is None:
            return None
        start, end = max(0, start), min(self.size, end)
        return (start, end) if start < end else None

    def content(self, start: int, end: int, tag: str) -> None:
        span = self.clamp(start, end)
        if span is not None:
            self.contents.append((*span, tag))

    def role(self, start: int | None, end: int | None, role: str, keys: Iterable[str], title: str) -> None:
        span = self.clamp(start, end)
        if span is None:
            return
        roles, titles = self.roles.setdefault(span, ({}, {}))
        roles.setdefault(role, {}).update(dict.fromkeys(keys))
        titles[title] = None

    def has_role(self, start: int, end: int, role: str) -> bool:
        span = self.clamp(start, end)
        return span is not None and span in self.roles and role in self.roles[span][0]

    def all(self) -> list[tuple[int, int, int, str]]:
        """Every mark as ``(start, end, priority, opening tag)``: contents outside role marks."""
        marks = [(s, e, 0, tag) for s, e, tag in self.contents]
        for (s, e), (roles, titles) in self.roles.items():
            present = [r for r in _ROLES if r in roles]
            links = dict.fromkeys(key for r in present for key in roles[r])
            per_role = "".join(f' data-{r[3:]}-of="{_attr(" ".join(roles[r]))}"' for r in present if roles[r])
            tag = (
                f'<span class="{" ".join(present)}"{per_role} data-links="{_attr(" ".join(links))}"'
                f' title="{_attr("; ".join(titles))}">'
            )
            marks.append((s, e, 1, tag))
        return marks


def _markup(text: str, marks: list[tuple[int, int, int, str]]) -> str:
    """``text`` escaped, in ``<p>`` paragraphs with ``<br>`` line breaks, ``marks`` as nested spans."""
    n = len(text)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(marks):
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    breaks = {m.start(): m.end() for m in _PARAGRAPH.finditer(text)}
    bounds = sorted({0, n, *starts, *ends, *breaks, *breaks.values()})

    def order(i: int) -> tuple[int, int, int, int]:
        s, e, priority, _ = marks[i]
        return (-e, s, priority, i)  # the mark that ends last is the outermost

    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    active: set[int] = set()
    in_paragraph = False
    paragraph_end = -1

    def close_from(k: int) -> None:
        for i in stack[k:]:
            opened.discard(i)
        out.append("</span>" * (len(stack) - k))
        del stack[k:]

    for p, q in zip(bounds, bounds[1:], strict=False):
        active.difference_update(ends.get(p, ()))
        active.update(starts.get(p, ()))
        if p in breaks:
            paragraph_end = breaks[p]
        if p < paragraph_end:  # inside a paragraph break: nothing open across it
            close_from(0)
            if in_paragraph:
                out.append("</p>\n")
                in_paragraph = False
            continue
        if not in_paragraph:
            out.append("<p>")
            in_paragraph = True
        k = next((k for k, i in enumerate(stack) if i not in active), len(stack))
        close_from(k)
        for i in sorted((i for i in active if i not in opened), key=order):
            out.append(marks[i][3])
            stack.append(i)
            opened.add(i)
        out.append(escape(text[p:q], quote=False).replace("\n", "<br>\n"))
    close_from(0)
    if in_paragraph:
        out.append("</p>\n")
    return "".join(out)


def _document(n: int, doc: Result) -> str:
    text = doc.text or ""
    keys = [f"q{n}-{i}" for i in range(len(doc.quotes))]
    marks = _Marks(len(text))

    for key, a in zip(keys, doc.quotes, strict=True):
        classes = f"qa-content {_label_class(a.label)} qa-{escape(a.kind)}"
        tag = (
            f'<span class="{classes}" data-attribution="{key}" data-links="{key}"'
            f' title="{_attr(tooltip(a) + f" · {a.kind}, confidence {a.confidence:.2f}")}">'
        )
        for start, end in a.content.spans:
            marks.content(start, end, tag)
        if a.speaker is not None:
            title = f"speaker — {_who(a)}" + (f", {a.speaker.type}" if a.speaker.type else "")
            marks.role(a.speaker.start, a.speaker.end, "qa-speaker", [key], title)
        if a.cue is not None:
            marks.role(a.cue.start, a.cue.end, "qa-cue", [key], f"cue “{a.cue.text}” ({a.cue.lemma})")
        if a.source is not None:
            via = f"source — reported via {a.source.name}"
            marks.role(a.source.start, a.source.end, "qa-source", [key], via)
        if a.target is not None:
            against = f"target — accused: {a.target.name}"
            marks.role(a.target.start, a.target.end, "qa-target", [key], against)

    # The side panel: who each speaker is, and which attributions are theirs.
    speaker_links: list[list[str]] = []
    for k, summary in enumerate(doc.speakers):
        spans = {(m.start, m.end) for m in summary.mentions}
        links = [
            key
            for key, a in zip(keys, doc.quotes, strict=True)
            if a.speaker is not None
            and (a.speaker.name == summary.name or (a.speaker.start, a.speaker.end) in spans)
        ]
        speaker_links.append([f"s{n}-{k}", *links])
        for m in summary.mentions:
            if not marks.has_role(m.start, m.end, "qa-speaker"):
                marks.role(m.start, m.end, "qa-mention", [f"s{n}-{k}"], f"mention of {summary.name}")
    if doc.publisher is not None:
        published = f"publisher — {doc.publisher.name}"
        marks.role(doc.publisher.start, doc.publisher.end, "qa-publisher", [], published)

    body = _markup(text, marks.all())
    label_counts = {label: sum(a.label == label for a in doc.quotes) for label in LABELS}
    counts = ", ".join(f"{c} {label}" for label, c in label_counts.items() if c)
    doc_name = "Document" if doc.id is None else f"Document <code>{escape(str(doc.id))}</code>"
    head = [
        f'<article class="qa-doc" id="qa-doc-{n}" data-doc="{n}"',
        "" if doc.id is None else f' data-id="{_attr(str(doc.id))}"',
        '>\n<header class="qa-doc-head">',
        f"<h2>{doc_name}</h2>",
        f'<p class="qa-meta">{_plural(len(doc.quotes), "attribution")}',
        f" ({counts})" if counts else "",
        f" · {_plural(len(doc.speakers), 'speaker')}",
        f" · published by <b>{escape(doc.publisher.name)}</b>" if doc.publisher else "",
        "</p></header>\n",
    ]
    if doc.error:
        head.append(f'<p class="qa-error" role="alert">Error: {escape(doc.error)}</p>\n')
    main = ['<div class="qa-grid">\n<div class="qa-main">\n<div class="qa-text">\n']
    main.append(body if body else '<p class="qa-empty">(This document has no text.)</p>\n')
    main.append("</div>\n")
    main.append(_attribution_list(keys, doc))
    main.append("</div>\n")
    return "".join(head + main + [_side(n, doc, speaker_links), "</div>\n</article>\n"])


def _attribution_list(keys: list[str], doc: Result) -> str:
    if not doc.quotes:
        return '<p class="qa-none">No attributions found in this document.</p>\n'
    items = []
    for key, a in zip(keys, doc.quotes, strict=True):
        snippet = a.content.text if len(a.content.text) <= _SNIPPET else a.content.text[:_SNIPPET] + "…"
        who = escape(_who(a))
        parts = [
            f'<li data-links="{key}" tabindex="0" title="{_attr(tooltip(a))}">',
            f'<span class="qa-badge {_label_class(a.label)}">{escape(a.label)}</span> ',
            f'<span class="qa-kind">{escape(a.kind)}</span> ',
            f'<span class="qa-who">{who}</span>',
            f' <span class="qa-cue-word">{escape(a.cue.text)}</span>' if a.cue else "",
            f': <span class="qa-snippet">{escape(snippet)}</span>',
            f' <span class="qa-via">via {escape(a.source.name)}</span>' if a.source else "",
            f' <span class="qa-against">against {escape(a.target.name)}</span>' if a.target else "",
            "</li>\n",
        ]
        items.append("".join(parts))
    return (
        f'<details class="qa-list" open>\n<summary>{_plural(len(doc.quotes), "attribution")}'
        " in text order</summary>\n<ol>\n" + "".join(items) + "</ol>\n</details>\n"
    )


def _side(n: int, doc: Result, speaker_links: list[list[str]]) -> str:
    out = ['<aside class="qa-side" aria-label="Publisher, speakers and sources">\n']
    out.append('<section class="qa-publisher-box"><h3>Publisher</h3>')
    if doc.publisher is not None:
        out.append(f'<p class="qa-publisher-name">{escape(doc.publisher.name)}</p>')
    else:
        out.append('<p class="qa-muted">not named</p>')
    out.append("</section>\n")

    out.append(f'<section><h3>Speakers <span class="qa-muted">({len(doc.speakers)})</span></h3>\n')
    if doc.speakers:
        out.append('<ul class="qa-speakers">\n')
        for summary, links in zip(doc.speakers, speaker_links, strict=True):
            said = _plural(summary.attributions, "attribution")
            named = _plural(len(summary.mentions), "mention")
            out.append(
                f'<li class="qa-speaker-item" data-links="{_attr(" ".join(links))}" tabindex="0"'
                f' title="{_attr(f"{summary.name}: {said}, {named}")}">'
                f'<span class="qa-name">{escape(summary.name)}</span>'
                + (f' <span class="qa-type">{escape(summary.type)}</span>' if summary.type else "")
                + (f'<br><span class="qa-role">{escape(summary.title)}</span>' if summary.title else "")
                + f'<br><span class="qa-count">{said} · {named}</span></li>\n'
            )
        out.append("</ul>\n")
    else:
        out.append('<p class="qa-muted">none</p>\n')
    out.append("</section>\n")

    sources: dict[str, list[str]] = {}
    for i, a in enumerate(doc.quotes):
        if a.source is not None:
            sources.setdefault(a.source.name, []).append(f"q{n}-{i}")
    if sources:
        out.append('<section><h3>Reported via</h3>\n<ul class="qa-sources">\n')
        for name, links in sources.items():
            out.append(
                f'<li class="qa-source-item" data-links="{_attr(" ".join(links))}" tabindex="0">'
                f'<span class="qa-name">{escape(name)}</span>'
                f'<br><span class="qa-count">{_plural(len(links), "attribution")}</span></li>\n'
            )
        out.append("</ul>\n</section>\n")
    out.append("</aside>\n")
    return "".join(out)


def _legend() -> str:
    labels = "".join(
        f'<li><span class="qa-swatch {_label_class(label)}">{label}</span></li>' for label in LABELS
    )
    keys = (
        '<li><span class="qa-speaker">speaker</span></li>'
        '<li><span class="qa-cue">cue</span></li>'
        '<li><span class="qa-source">source</span></li>'
        '<li><span class="qa-target">accused target</span></li>'
        '<li><span class="qa-publisher">publisher</span></li>'
    )
    sep = '<li class="qa-sep" aria-hidden="true"></li>'
    return f'<ul class="qa-legend" aria-label="Legend">{labels}{sep}{keys}</ul>\n'


# -- the page's CSS and script -----------------------------------------------------------------
# Everything is scoped under .qa-page so that a page shown inside Jupyter leaves the notebook alone.


