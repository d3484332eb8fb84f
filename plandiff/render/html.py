"""Markdown changelog → one self-contained HTML page a reviewer can attach to a memo.

markdown-it-py renders it with raw HTML disabled, so any ``<script>`` or tag inside plan text is
shown as text, never run; a small inline stylesheet, no external assets, deterministic output.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

_STYLE = """
body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif; line-height: 1.6;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; }
td { font-variant-numeric: tabular-nums; }
blockquote { margin: .3rem 0; padding: 0 .8rem; color: #424a53; border-left: .25rem solid #d0d7de; }
del, s { color: #82071e; background: #ffebe9; text-decoration: line-through; }
strong { color: #116329; background: #dafbe1; }
code { font-size: .85em; background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
""".strip()

_MD = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def to_html(markdown_text: str, title: str) -> str:
    body = _MD.render(markdown_text)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{_STYLE}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
