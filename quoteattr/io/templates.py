_CSS = """
body.qa-body { margin: 0; background: #f4f5f7; }
.qa-page {
  --qa-ink: #1d2330; --qa-muted: #5b6473; --qa-line: #dde1e7;
  color: var(--qa-ink); background: #f4f5f7; padding: 20px 24px 40px;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans",
    "DejaVu Sans", Arial, sans-serif;
  max-width: 1240px; margin: 0 auto; box-sizing: border-box;
}
.qa-page *, .qa-page *::before, .qa-page *::after { box-sizing: border-box; }
.qa-page h1 { font-size: 1.35rem; margin: 0 0 2px; font-weight: 650; }
.qa-page h2 { font-size: 1.05rem; margin: 0; font-weight: 650; }
.qa-page h3 { font-size: .78rem; margin: 0 0 6px; text-transform: uppercase; letter-spacing: .06em;
  color: var(--qa-muted); font-weight: 650; }
.qa-page code { font: .9em ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace;
  background: #eceef2; padding: 0 4px; border-radius: 4px; }
.qa-sub { margin: 0 0 10px; color: var(--qa-muted); font-size: .9rem; }
.qa-legend { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; list-style: none;
  margin: 0 0 18px; padding: 8px 12px; background: #fff; border: 1px solid var(--qa-line);
  border-radius: 8px; font-size: .88rem; }
.qa-legend .qa-sep { width: 1px; height: 18px; background: var(--qa-line); }
.qa-swatch { padding: 0 6px; border-radius: 3px; background: var(--qa-bg);
  border-bottom: var(--qa-border); }

.qa-asserted { --qa-c: #0b6aa2; --qa-bg: rgba(0, 114, 178, .11); --qa-bg-hl: rgba(0, 114, 178, .28);
  --qa-border: 2px solid #0b6aa2; }
.qa-denied { --qa-c: #b84c00; --qa-bg: rgba(213, 94, 0, .13); --qa-bg-hl: rgba(213, 94, 0, .32);
  --qa-border: 3px double #b84c00; }
.qa-accused { --qa-c: #9b2f7f; --qa-bg: rgba(204, 121, 167, .2); --qa-bg-hl: rgba(204, 121, 167, .42);
  --qa-border: 2px dashed #9b2f7f; }
.qa-other { --qa-c: #555; --qa-bg: rgba(0, 0, 0, .06); --qa-bg-hl: rgba(0, 0, 0, .16);
  --qa-border: 2px dotted #555; }

.qa-doc { background: #fff; border: 1px solid var(--qa-line); border-radius: 10px;
  padding: 16px 20px 20px; margin: 0 0 22px; box-shadow: 0 1px 2px rgba(20, 30, 50, .05); }
.qa-doc-head { border-bottom: 1px solid var(--qa-line); padding-bottom: 8px; margin-bottom: 14px; }
.qa-meta { margin: 2px 0 0; color: var(--qa-muted); font-size: .88rem; }
.qa-error { color: #8a1c1c; background: #fdecec; border: 1px solid #f3c1c1; padding: 6px 10px;
  border-radius: 6px; }
.qa-grid { display: grid; grid-template-columns: minmax(0, 1fr) 270px; gap: 26px; align-items: start; }
@media (max-width: 820px) { .qa-grid { grid-template-columns: minmax(0, 1fr); } }
.qa-main { min-width: 0; }
.qa-text { font: 17px/1.85 Charter, "Iowan Old Style", Georgia, Cambria, "Liberation Serif",
  "DejaVu Serif", serif; max-width: 48em; overflow-wrap: break-word; }
.qa-text p { margin: 0 0 .9em; }
.qa-empty, .qa-none, .qa-muted { color: var(--qa-muted); font-style: italic; }
.qa-text .qa-empty { font-family: inherit; }

.qa-content { background: var(--qa-bg); border-bottom: var(--qa-border); padding: 1px 0;
  cursor: pointer; transition: background-color .12s; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; }
.qa-content .qa-content { padding-bottom: 4px; }
.qa-speaker { background: #fff1bf; box-shadow: inset 0 0 0 1px #c79a00; border-radius: 3px;
  padding: 0 2px; font-weight: 600; cursor: pointer; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; }
.qa-cue { font-style: italic; font-weight: 600; color: #0f5132; text-decoration: underline dotted #0f5132;
  text-decoration-thickness: 2px; text-underline-offset: 4px; cursor: pointer; }
.qa-source { outline: 1.5px dashed #4a5568; outline-offset: 0; border-radius: 2px; cursor: pointer; }
.qa-target { outline: 1.5px dotted #9b2f7f; outline-offset: 0; border-radius: 2px; }
.qa-publisher { font-variant: small-caps; letter-spacing: .02em; color: #3b4252;
  border-bottom: 1px solid #9aa3b2; }
.qa-mention { border-radius: 3px; }

.qa-doc.qa-focus .qa-content:not(.qa-hl) { background: transparent; border-bottom-color: #d3d7de; }
.qa-doc.qa-focus .qa-text :is(.qa-speaker, .qa-cue, .qa-source, .qa-target):not(.qa-hl) { opacity: .55; }
.qa-content.qa-hl { background: var(--qa-bg-hl); }
.qa-speaker.qa-hl, .qa-mention.qa-hl { background: #ffd84d; box-shadow: inset 0 0 0 1.5px #8a6a00; }
.qa-cue.qa-hl { background: #d5efe0; }
.qa-source.qa-hl, .qa-target.qa-hl { background: #e4e7ee; outline-width: 2px; }

.qa-list { margin-top: 18px; border-top: 1px solid var(--qa-line); padding-top: 10px; font-size: .9rem; }
.qa-list summary { cursor: pointer; font-weight: 650; color: var(--qa-muted); margin-bottom: 6px; }
.qa-list ol { margin: 0; padding-left: 2.2em; }
.qa-list li { padding: 3px 6px; border-radius: 5px; cursor: pointer; line-height: 1.45; margin-bottom: 1px; }
.qa-list li:hover, .qa-list li.qa-hl, .qa-side li:hover, .qa-side li.qa-hl { background: #eef2f8; }
.qa-list li.qa-hl, .qa-side li.qa-hl { box-shadow: inset 3px 0 0 #33415c; }
.qa-badge { display: inline-block; min-width: 5.6em; text-align: center; font-size: .78em; font-weight: 650;
  color: #fff; background: var(--qa-c); border-radius: 3px; padding: 0 5px; line-height: 1.55; }
.qa-kind { font-size: .78em; color: var(--qa-muted); text-transform: uppercase; letter-spacing: .04em; }
.qa-who { font-weight: 650; }
.qa-cue-word { font-style: italic; color: #0f5132; }
.qa-snippet { color: #333a46; }
.qa-via, .qa-against { color: var(--qa-muted); font-size: .92em; white-space: nowrap; }

.qa-side { position: sticky; top: 12px; font-size: .9rem; display: grid; gap: 16px;
  background: #fafbfc; border: 1px solid var(--qa-line); border-radius: 8px; padding: 12px 12px 14px; }
.qa-side ul { list-style: none; margin: 0; padding: 0; }
.qa-side li { padding: 5px 8px; border-radius: 6px; cursor: pointer; line-height: 1.35;
  border: 1px solid transparent; }
.qa-side li + li { margin-top: 2px; }
.qa-publisher-name { margin: 0; font-weight: 650; }
.qa-name { font-weight: 650; }
.qa-type { font-size: .7rem; color: var(--qa-muted); border: 1px solid var(--qa-line); border-radius: 3px;
  padding: 0 4px; vertical-align: 1px; letter-spacing: .03em; }
.qa-role { color: #394150; font-size: .88em; }
.qa-count { color: var(--qa-muted); font-size: .82em; }
.qa-page [tabindex]:focus-visible { outline: 2px solid #1f6feb; outline-offset: 1px; }
"""


_JS = """
(function () {
  "use strict";
  if (window.__quoteattrPage) { return; }
  window.__quoteattrPage = true;
  function keys(el) { return (el.getAttribute("data-links") || "").split(" ").filter(Boolean); }
  function linked(node) {
    var el = node && node.closest ? node.closest("[data-links]") : null;
    return el && el.closest(".qa-doc") ? el : null;
  }
  function clear(doc) {
    doc.querySelectorAll(".qa-hl").forEach(function (el) { el.classList.remove("qa-hl"); });
    doc.classList.remove("qa-focus");
  }
  function show(doc, ks) {
    clear(doc);
    if (!ks.length) { return null; }
    var first = null;
    doc.classList.add("qa-focus");
    doc.querySelectorAll("[data-links]").forEach(function (el) {
      if (keys(el).some(function (k) { return ks.indexOf(k) >= 0; })) {
        el.classList.add("qa-hl");
        if (!first && el.closest(".qa-text")) { first = el; }
      }
    });
    return first;
  }
  function pin(el) {
    var doc = el.closest(".qa-doc"), ks = el.getAttribute("data-links");
    if (doc.getAttribute("data-pinned") === ks) {
      doc.removeAttribute("data-pinned");
      clear(doc);
      return;
    }
    doc.setAttribute("data-pinned", ks);
    var first = show(doc, keys(el));
    if (first && !el.closest(".qa-text") && first.scrollIntoView) {
      first.scrollIntoView({block: "center", behavior: "smooth"});
    }
  }
  function unpinAll() {
    document.querySelectorAll(".qa-doc[data-pinned]").forEach(function (doc) {
      doc.removeAttribute("data-pinned");
      clear(doc);
    });
  }
  document.addEventListener("mouseover", function (e) {
    var el = linked(e.target), doc = el && el.closest(".qa-doc");
    if (doc && !doc.hasAttribute("data-pinned")) { show(doc, keys(el)); }
  });
  document.addEventListener("mouseout", function (e) {
    var el = linked(e.target), doc = el && el.closest(".qa-doc");
    if (doc && !doc.hasAttribute("data-pinned") && !linked(e.relatedTarget)) { clear(doc); }
  });
  document.addEventListener("focusin", function (e) {
    var el = linked(e.target), doc = el && el.closest(".qa-doc");
    if (doc && !doc.hasAttribute("data-pinned")) { show(doc, keys(el)); }
  });
  document.addEventListener("click", function (e) {
    var el = linked(e.target);
    if (el) { pin(el); return; }
    var doc = e.target.closest && e.target.closest(".qa-doc");
    if (doc && doc.hasAttribute("data-pinned")) { doc.removeAttribute("data-pinned"); clear(doc); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { unpinAll(); return; }
    var el = linked(e.target);
    if (el && (e.key === "Enter" || e.key === " ") && el.hasAttribute("tabindex")) {
      e.preventDefault();
      pin(el);
    }
  });
  var m = /^#qa=([A-Za-z0-9-]+)$/.exec(window.location.hash || "");
  if (m) {
    var el = document.querySelector('[data-attribution="' + m[1] + '"]');
    if (el) { pin(el); }
  }
  document.querySelectorAll(".qa-page").forEach(function (page) { page.setAttribute("data-ready", "1"); });
})();
"""
