"""Markdown changelog → one self-contained HTML page a reviewer can attach to a memo.

markdown-it-py renders it. Every piece of plan text reaches the Markdown escaped (``<`` and ``&`` with a
backslash, :func:`plandiff.render.escape.md`), so any ``<script>`` or tag inside plan text is shown as
text, never run; the only raw HTML is our own ``<del>``/``<ins>`` of the inline diffs. A small inline
stylesheet (a Japanese font stack, print styles), no external assets, deterministic output.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

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
code { font-size: .85em; background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
""".strip()

_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def to_html(markdown_text: str, title: str) -> str:
    body = _MD.render(markdown_text)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{_STYLE}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
