"""Markdown changelog → one self-contained HTML page a reviewer can attach to a memo.

markdown-it-py renders it. Every section and sub-section heading gets an anchor (``id="h-1"`` …, in
order, so the page is the same on every run) and a table of contents (目次) before the first section
links to them; measures carry their change id as an anchor (:meth:`plandiff.render.markdown.Ctx.anchor`),
which a target or budget row links to. Every piece of plan text reaches the Markdown escaped (``<`` and ``&`` with a
backslash, :func:`plandiff.render.escape.md`), so any ``<script>`` or tag inside plan text is shown as
text, never run; the only raw HTML is our own ``<del>``/``<ins>`` of the inline diffs. A small inline
stylesheet (a Japanese font stack, print styles), no external assets, deterministic output.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt
from markdown_it.token import Token

from plandiff.render.labels import Lang, label

_STYLE = """
body { font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", "Noto Sans CJK JP",
       "Noto Sans JP", sans-serif; line-height: 1.6; overflow-wrap: anywhere;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; }
td { font-variant-numeric: tabular-nums; }
blockquote { margin: .3rem 0; padding: 0 .8rem; color: #424a53; border-left: .25rem solid #d0d7de; }
del, s { color: #82071e; background: #ffebe9; text-decoration: line-through; }
ins { color: #116329; background: #dafbe1; text-decoration: underline; }
table { display: block; max-width: 100%; overflow-x: auto; }
@media print { body { max-width: none; margin: 0; } a { color: inherit; text-decoration: none; }
               h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; } }
nav.toc { margin: 1rem 0; padding: .5rem 1rem; border: 1px solid #d0d7de; border-radius: 6px; }
nav.toc p { margin: 0; font-weight: bold; }
nav.toc ul { margin: .2rem 0; padding-left: 1.2rem; }
code { font-size: .85em; background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
""".strip()

_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _anchored(tokens: list[Token]) -> list[tuple[int, str, str]]:
    """Give every h2/h3 an id; return (level, id, the heading's inline HTML) for the table of contents."""
    out: list[tuple[int, str, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h2", "h3"):
            anchor = f"h-{len(out) + 1}"
            token.attrSet("id", anchor)
            inline = tokens[index + 1]
            text = _MD.renderer.render(inline.children or [], _MD.options, {})
            out.append((int(token.tag[1]), anchor, text))
    return out


def _contents(entries: list[tuple[int, str, str]], lang: Lang) -> str:
    """``<nav class="toc">``: the sections, with their sub-sections nested under them."""
    groups: list[tuple[str, list[str]]] = []  # a section's link, its sub-sections' links
    for level, anchor, text in entries:
        link = f'<a href="#{anchor}">{text}</a>'
        if level == 3 and groups:
            groups[-1][1].append(link)
        else:
            groups.append((link, []))
    out = [f'<nav class="toc" aria-label="{label("contents", lang)}">', f"<p>{label('contents', lang)}</p>", "<ul>"]
    for link, subs in groups:
        inner = "".join(f"<li>{sub}</li>" for sub in subs)
        out.append(f"<li>{link}<ul>{inner}</ul></li>" if subs else f"<li>{link}</li>")
    out.append("</ul>\n</nav>\n")
    return "\n".join(out)


def to_html(markdown_text: str, title: str, lang: Lang = "ja") -> str:
    tokens = _MD.parse(markdown_text)
    entries = _anchored(tokens)
    body = _MD.renderer.render(tokens, _MD.options, {})
    if entries:
        first = body.find('<h2 id="h-1">')
        body = body[:first] + _contents(entries, lang) + body[first:]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{_STYLE}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
