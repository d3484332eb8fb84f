"""HTML input (``.html``, ``.htm``): a page reads into the same document model as its text.

(a) The real FY2021 plan, rendered to HTML here (headings as <h1>…<h6>, bullets as <ul><li>, paragraphs
    as <p>, tab tables as <table>, inside a page with a banner, navigation, script, style and footer),
    parses to the model of the text form. Compared: metadata (but source, encoding and format),
    sections (path, style, marker, title), measures (path, text, kind, repost), target items (path,
    text), tables (path, statement, account, unit, caption, header rows, every row's cells, note),
    the table of contents, and the warnings with their line numbers masked. Not compared: line
    numbers and ``raw``. They legitimately differ: an HTML item's line is the HTML file's (checked
    separately: the page's source at that line holds the item), and ``raw`` is the page's text of the
    item, without the text form's ``- ・`` bullet and with its wrapped lines joined.
(b) 施政方針・市政執行方針 pages written here by hand: title, a few headings with and without numbers,
    paragraphs of several sentences; exact section and measure counts worked out by hand.
(c) Hostile pages: script and style never reach the model, entities decode, a page without text is
    refused like an empty file, declared Shift_JIS and EUC-JP pages decode.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from pathlib import Path

import pytest

from plandiff.errors import InputError
from plandiff.load import read, read_bytes
from plandiff.model import Document
from plandiff.parse.rules import classify
from plandiff.readers.html import collapse, decode_html, html_lines
from plandiff.readers.lines import SourceLine
from tests.cli import Result, invoke
from tests.conftest import FY2021

# What the text form's lines are, as the parser reads them (everything else is a heading).
_CONTENT_KINDS = frozenset({"text", "bullet", "dash", "note", "unit", "end", "toc"})
_CONTINUING = frozenset({"text", "dash", "note"})  # kinds the parser adds to an open item
_HEADING_TAG = {"roman": "h2", "dai_sho": "h2", "annex": "h2", "arabic": "h3", "account": "h3", "paren": "h4"}
_BULLET_RE = re.compile(r"^\s*(?:[-‐－]\s*)?[・･]\s*")
_DASH_RE = re.compile(r"^\s*[-‐－]\s+")
_REPOST_RE = re.compile(r"[（(]\s*再\s*掲\s*[)）]")


def _wrap(left: str, right: str) -> str:
    """How a page's source continues a paragraph: a line break between two wide characters (a browser
    shows none), a space between two Latin letters or digits, nothing otherwise."""
    if unicodedata.east_asian_width(left[-1]) in "FWH" and unicodedata.east_asian_width(right[0]) in "FWH":
        return "\n"
    return " " if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum() else ""


def _terminated(text: str) -> bool:
    return _REPOST_RE.sub("", text).rstrip().endswith(("。", "．"))


_PAGE_HEAD = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>令和3年度計画 | 独立行政法人中小企業基盤整備機構</title>
<style>body { font-family: sans-serif } li::before { content: "・偽の措置" }</style>
<script>var 計画 = '見出し I. 偽の見出し'; document.write('<p>・偽の措置</p>');</script>
</head>
<body>
<header><a href="/">中小機構</a><nav><ul><li>ホーム</li><li>計画・報告</li></ul></nav></header>
<nav aria-label="パンくず"><ol><li>ホーム</li><li>年度計画</li></ol></nav>
<main>
"""
_PAGE_FOOT = """</main>
<footer><p>〒105-8453 東京都港区虎ノ門3-5-1</p><p>Copyright &copy; SMRJ</p></footer>
<script>console.log('・末尾のスクリプト');</script>
</body>
</html>
"""


def render_html(text: str) -> str:
    """The plan text as a web page would publish it.

    The first line of the front matter is the page's <h1>, the rest of it paragraphs; heading lines
    are <h2>…<h6> by style (the marker stays in the heading's text); ``- ・`` bullets are <li> without
    the glyph, other paragraphs <p>; tab-separated rows are <tr> of <td>. A web page has no layout
    breaks: a line the text form continues an item with (the same paragraph broken by the layout or a
    page, as the parser reads it) is the same <li> or <p>, its source wrapped onto the next line where
    two Japanese characters meet and glued elsewhere (a stray 「 repeated at a page top dropped)."""
    out = [_PAGE_HEAD]
    item: list[str] = []  # the open <li> or <p>: [tag, its text as plain text]
    in_list = in_table = False
    gap = started = titled = False

    def close_item() -> None:
        if item:
            out.append(f"<{item[0]}>{html.escape(item[1], quote=False)}</{item[0]}>\n")
            item.clear()

    def close_all() -> None:
        nonlocal in_list, in_table
        close_item()
        if in_list:
            out.append("</ul>\n")
        if in_table:
            out.append("</table>\n")
        in_list = in_table = False

    def open_item(tag: str, body: str) -> None:
        nonlocal in_list
        close_item()
        if tag == "li" and not in_list:
            close_all()
            out.append("<ul>\n")
            in_list = True
        elif tag == "p":
            close_all()
        item[:] = [tag, body]

    for line in text.splitlines():
        kind = classify(line).kind
        body = line.strip()
        if kind == "blank":
            gap = True
            if in_table:
                close_all()
            continue
        if started and item and kind in _CONTINUING and (not gap or not _terminated(item[1])):
            if kind == "dash" and not gap and _terminated(item[1]):
                open_item("li", line[_DASH_RE.match(line).end() :].strip())  # type: ignore[union-attr]
            else:
                if kind == "dash":
                    body = line[_DASH_RE.match(line).end() :].strip()  # type: ignore[union-attr]
                if body.startswith("「") and item[1].count("「") > item[1].count("」"):
                    body = body[1:]  # the PDF repeated an open bracket at the page top
                item[1] += _wrap(item[1], body) + body
        elif kind == "table_row":
            if not in_table:
                close_all()
                out.append("<table>\n")
                in_table = True
            cells = "".join(f"<td>{html.escape(cell.strip(), quote=False)}</td>" for cell in line.split("\t"))
            out.append(f"<tr>{cells}</tr>\n")
        elif kind not in _CONTENT_KINDS:
            started = True
            close_all()
            tag = _HEADING_TAG.get(kind, "h5")
            out.append(f"<{tag}>{html.escape(body, quote=False)}</{tag}>\n")
        elif not started and not titled:
            titled = True
            close_all()
            out.append(f"<h1>{html.escape(body, quote=False)}</h1>\n")
        elif kind == "bullet" and _BULLET_RE.match(line):
            open_item("li", _BULLET_RE.sub("", line).strip())
        elif kind == "dash":
            open_item("li", line[_DASH_RE.match(line).end() :].strip())  # type: ignore[union-attr]
        else:
            open_item("p", body)
        gap = False
    close_all()
    out.append(_PAGE_FOOT)
    return "".join(out)


def _masked(text: str) -> str:
    return re.sub(r"[0-9]+", "N", text)


def model_shape(doc: Document) -> dict[str, object]:
    """The model without line numbers and raw text (see the module docstring for why)."""
    return {
        "meta": dataclasses.replace(doc.meta, source="", encoding="", format=""),
        "sections": [(s.path, s.kind, s.marker, s.title) for s in doc.sections],
        "measures": [(m.path, m.text, m.kind, m.repost) for m in doc.measures],
        "targets": [(t.path, t.text) for t in doc.targets],
        "tables": [
            (t.path, t.statement, t.account, t.unit, t.caption, t.header_rows, [r.cells for r in t.rows], t.note)
            for t in doc.tables
        ],
        "toc": [(e.marker, e.label, e.title, e.page, e.kind, e.level) for e in doc.toc],
        "warnings": [_masked(w) for w in doc.warnings],
    }


@pytest.fixture(scope="module")
def fy2021_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "smrj-fy2021-annual-plan.html"
    path.write_text(render_html(FY2021.read_text(encoding="utf-8")), encoding="utf-8")
    return path


# (a) the real plan as a web page


def test_rendered_page_is_realistic(fy2021_html: Path) -> None:
    page = fy2021_html.read_text(encoding="utf-8")
    assert 100_000 < len(page.encode()) < 200_000
    assert page.count("<h2>") >= 8 and page.count("<li>") > 200 and page.count("<tr>") > 300


def test_html_plan_has_the_text_model(fy2021: Document, fy2021_html: Path) -> None:
    doc = read(fy2021_html)
    assert doc.meta.format == "html" and doc.meta.encoding == "UTF-8"
    assert model_shape(doc) == model_shape(fy2021)
    # and the model is the whole plan, not an empty agreement
    assert (len(doc.sections), len(doc.measures), len(doc.targets), len(doc.tables)) == (
        len(fy2021.sections),
        len(fy2021.measures),
        len(fy2021.targets),
        len(fy2021.tables),
    )
    assert len(doc.measures) > 150 and len(doc.tables) > 10 and len(doc.targets) > 20


def test_html_lines_are_the_pages_source_lines(fy2021_html: Path) -> None:
    """Provenance: an item's line is the line of the HTML file where it begins."""
    page = fy2021_html.read_text(encoding="utf-8").splitlines()
    doc = read(fy2021_html)
    for section in doc.sections:
        assert section.raw in html.unescape(page[section.line - 1]), section
    for measure in doc.measures:
        start = measure.raw.splitlines()[0].lstrip("・")[:10]
        assert start in html.unescape(page[measure.line - 1]), measure
    for table in doc.tables:
        for row in table.rows:
            assert html.unescape(page[row.line - 1]).startswith("<tr>"), row


def test_html_plan_diffs_like_its_text(fy2021_html: Path) -> None:
    """The page against its own text: nothing but noise."""
    result = invoke("diff", str(FY2021), str(fy2021_html), "-f", "json")
    assert result.returncode == 0, result.stdout.decode()[:2000] + result.stderr.decode()


# (b) 施政方針・市政執行方針 pages

STATEMENT_A = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>令和7年度市政執行方針 - 架空市</title></head>
<body>
<div id="header"><p class="skip"><a href="#main">本文へ</a></p></div>
<div id="main">
<h1>令和7年度 市政執行方針</h1>
<p>令和7年第1回架空市議会定例会の開会に当たり、市政執行に臨む私の所信を申し上げます。
市民の皆様並びに議員各位のご理解とご協力をお願い申し上げます。</p>
<h2>はじめに</h2>
<p>昨年は、能登半島地震をはじめ、各地で災害が相次ぎました。改めて、被災された皆様に心からお見舞い申し上げます。
本市においても、防災体制の点検を進めてまいりました。</p>
<p>人口減少と少子高齢化が進む中、持続可能なまちづくりが求められています。私は、対話を重ねながら、市民の皆様とともに未来を切り拓いてまいります。</p>
<h2>市政運営の基本姿勢</h2>
<p>第一に、財政の健全化です。事業の選択と集中を進め、将来世代に負担を残さない財政運営に努めます。</p>
<p>第二に、デジタル化の推進です。行政手続のオンライン化を進め、市民の皆様の利便性を高めます。窓口での待ち時間も短縮してまいります。</p>
<p>第三に、職員の育成です。</p>
<h2>主要施策</h2>
<h3>１　安心して子どもを産み育てられるまち</h3>
<p>子育て世帯の負担を軽減するため、第2子以降の保育料を無償化します。また、放課後児童クラブの定員を&nbsp;120人&nbsp;拡充します。</p>
<h3>２　健やかに暮らせるまち</h3>
<p>健康寿命の延伸に向け、特定健診の受診率を60%以上とすることを目指します。</p>
<p>地域包括ケアシステムの深化を図ります。</p>
<h2>むすび</h2>
<p>以上、令和7年度の市政執行に当たっての所信と主要な施策を申し上げました。<br>
市民の皆様並びに議員各位のご理解とご協力を心からお願い申し上げます。</p>
</div>
<div id="footer" role="contentinfo"><p>架空市役所　〒000-0000　架空市中央1-1</p></div>
</body></html>
"""

STATEMENT_B = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><main>
<h1>令和7年度施政方針</h1>
<p>本日ここに、令和7年度当初予算案をはじめとする諸議案をご審議いただくに当たり、町政運営の方針を申し上げます。</p>
<h2>１．暮らしを守る</h2>
<ul>
<li>高齢者の見守り体制を強化します。</li>
<li>○地域公共交通を再編し、デマンド交通の運行区域を町内全域に広げます。</li>
</ul>
<p>これらの取組により、誰もが住み慣れた地域で暮らし続けられる町を目指します。</p>
<h2>２．未来をひらく</h2>
<h3>（１）教育</h3>
<p>全ての小中学校に学習用端末を更新配備します。英語教育の充実にも取り組みます。</p>
<h3>（２）産業</h3>
<p>農業の担い手確保に向け、新規就農者への支援を拡充します。</p>
<table><caption>主な事業</caption>
<tr><th>事業名</th><th>予算額</th></tr>
<tr><td>新規就農支援事業</td><td>12,000千円</td></tr>
<tr><td>学習用端末更新事業</td><td>85,400千円</td></tr>
</table>
</main></body></html>
"""

# An older CMS page: everything in one <div>, paragraphs separated by <br><br>, no headings at all.
STATEMENT_C = """<html><body><div class="contents">
令和7年度　村政執行方針<br>
<br>
村民の皆様には、日頃から村政の推進に格別のご理解とご協力をいただき、厚く御礼申し上げます。<br>
<br>
本年度は、第6次総合計画の初年度に当たります。計画に掲げた将来像の実現に向け、着実に歩みを進めてまいります。<br>
<br>
まず、防災対策です。避難所の環境整備を進めるとともに、自主防災組織の活動を支援します。<br>
<br>
次に、福祉の充実です。
高齢者の生活支援体制を整えます。
</div></body></html>
"""


def _read_page(page: str, name: str = "statement.html") -> Document:
    return read_bytes(page.encode("utf-8"), name, suffix=".html")


def test_statement_with_unnumbered_headings() -> None:
    doc = _read_page(STATEMENT_A)
    assert doc.meta.title == "令和7年度市政執行方針"  # the <h1>, as the title (spacing repaired)
    assert doc.meta.fiscal_year == 2025 and doc.meta.family == "statement"
    # はじめに, 市政運営の基本姿勢, 主要施策 (> １…, ２…), むすび
    assert [s.path for s in doc.sections] == [
        ("はじめに",),
        ("市政運営の基本姿勢",),
        ("主要施策",),
        ("主要施策", "１安心して子どもを産み育てられるまち"),  # an unnumbered heading: its label is its title,
        ("主要施策", "２健やかに暮らせるまち"),  # as the parser repairs it (U+3000 dropped)
        ("むすび",),
    ]
    # 2 + 3 + 0 + 1 + 2 + 1 paragraphs: the opening paragraph before the first heading is front
    # matter (as is the skip link of the header <div>); the footer (role="contentinfo") is not read.
    by_section = [sum(1 for m in doc.measures if m.path == s.path) for s in doc.sections]
    assert by_section == [2, 3, 0, 1, 2, 1]
    assert all(m.kind == "paragraph" for m in doc.measures)
    first = doc.measures[0].text
    assert first.startswith("昨年は、能登半島地震をはじめ") and "申し上げます。本市においても" in first
    assert doc.measures[5].text.endswith("放課後児童クラブの定員を120人拡充します。")  # &nbsp; is a space
    last = doc.measures[-1].text  # two lines of one <p>, broken by <br>
    assert last == (
        "以上、令和7年度の市政執行に当たっての所信と主要な施策を申し上げました。"
        "市民の皆様並びに議員各位のご理解とご協力を心からお願い申し上げます。"
    )


def test_statement_with_numbered_headings_lists_and_a_table() -> None:
    doc = _read_page(STATEMENT_B)
    assert doc.meta.title == "令和7年度施政方針" and doc.meta.fiscal_year == 2025
    assert [(s.path, s.title) for s in doc.sections] == [
        (("1",), "暮らしを守る"),
        (("2",), "未来をひらく"),
        (("2", "(1)"), "教育"),
        (("2", "(2)"), "産業"),
    ]
    assert [(m.path, m.kind, m.text) for m in doc.measures] == [
        (("1",), "bullet", "高齢者の見守り体制を強化します。"),
        (("1",), "bullet", "地域公共交通を再編し、デマンド交通の運行区域を町内全域に広げます。"),
        (("1",), "paragraph", "これらの取組により、誰もが住み慣れた地域で暮らし続けられる町を目指します。"),
        (("2", "(1)"), "paragraph", "全ての小中学校に学習用端末を更新配備します。英語教育の充実にも取り組みます。"),
        (("2", "(2)"), "paragraph", "農業の担い手確保に向け、新規就農者への支援を拡充します。"),
        (("2", "(2)"), "paragraph", "主な事業"),
    ]
    assert len(doc.tables) == 1
    assert [r.cells for r in doc.tables[0].rows] == [
        ("事業名", "予算額"),
        ("新規就農支援事業", "12,000千円"),
        ("学習用端末更新事業", "85,400千円"),
    ]


def test_statement_without_headings_falls_back_to_paragraphs() -> None:
    doc = _read_page(STATEMENT_C)
    assert doc.sections == ()
    assert any("no recognisable structure" in w for w in doc.warnings)
    assert doc.meta.fiscal_year == 2025
    # the title line, then four paragraphs (the last two lines of the div wrap into one); a web page
    # has no page breaks, so the title stays apart from the first paragraph
    assert len(doc.measures) == 5
    assert doc.measures[0].text == "令和7年度村政執行方針"
    assert [m.text for m in doc.measures[2:]] == [
        "本年度は、第6次総合計画の初年度に当たります。計画に掲げた将来像の実現に向け、着実に歩みを進めてまいります。",
        "まず、防災対策です。避難所の環境整備を進めるとともに、自主防災組織の活動を支援します。",
        "次に、福祉の充実です。高齢者の生活支援体制を整えます。",
    ]


def test_blocks_without_a_full_stop_stay_apart() -> None:
    doc = _read_page(STATEMENT_C)
    assert [m.text for m in doc.measures][:2] == [
        "令和7年度村政執行方針",
        "村民の皆様には、日頃から村政の推進に格別のご理解とご協力をいただき、厚く御礼申し上げます。",
    ]
    # the same with a list item: items without 。 are common on web pages
    page = "<h2>１．福祉</h2><ul><li>高齢者の見守り</li><li>子育て支援の充実</li></ul><p>以上を進めます。</p>"
    assert [m.text for m in _read_page(page).measures] == ["高齢者の見守り", "子育て支援の充実", "以上を進めます。"]


# (c) hostile pages and encodings


def run(*args: str) -> Result:
    return invoke(*args)


def test_script_and_style_never_reach_the_model() -> None:
    page = """<html><head><style>p::before { content: "・CSSの措置" }</style>
<script>const x = "<h2>I. スクリプトの見出し</h2>";</script></head><body>
<h2>I. 本物の見出し</h2>
<script type="text/javascript">
document.write("<li>・スクリプトの措置</li>");
</script>
<p>本物の措置です。<script>alert("埋め込み")</script>続きです。</p>
<noscript><p>JavaScriptを有効にしてください。</p></noscript>
<p hidden>隠された段落です。</p>
<p>ふりがな<ruby>付<rt>つ</rt></ruby>きの<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>です。</p>
<!-- <p>コメントの措置</p> -->
</body></html>"""
    doc = _read_page(page)
    assert [s.title for s in doc.sections] == ["本物の見出し"]
    assert [m.text for m in doc.measures] == ["本物の措置です。続きです。", "ふりがな付きの漢字です。"]
    everything = repr(doc)
    for hidden in ("スクリプト", "CSS", "埋め込み", "JavaScript", "隠された", "コメント", "かんじ", "alert"):
        assert hidden not in everything, hidden


def test_entities_decode() -> None:
    page = (
        "<h2>I. 研究&amp;開発</h2>"
        "<p>&lt;一般勘定&gt;と&#x300C;中小機構&#12301;の&quot;M&amp;A&quot;を支援する。</p>"
        "<p>&copy;&nbsp;SMRJ&hellip;&#x2460;&#9313;と&unknown;</p>"
    )
    doc = _read_page(page)
    assert doc.sections[0].title == "研究&開発"
    assert [m.text for m in doc.measures] == ['<一般勘定>と「中小機構」の"M&A"を支援する。', "© SMRJ…①②と&unknown;"]
    assert html_lines("<ul><li>&#x30FB;印の項目</li><li>&lt;一般勘定&gt;</li></ul>") == (
        SourceLine(1, "・印の項目"),  # an entity bullet is a bullet: no second ・
        SourceLine(1, ""),
        SourceLine(1, "<一般勘定>"),  # an account heading, read as the text form reads it
    )


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>タイトルだけ</title></head><body></body></html>",
        "<html><body><script>var a = '本文';</script><style>p{}</style>\n \n</body></html>",
        "<!-- 何もない -->",
        "<p>&nbsp;</p><div>   </div><br><br>",
    ],
    ids=["title-only", "script-only", "comment-only", "blank-blocks"],
)
def test_page_without_text_is_refused_like_an_empty_file(tmp_path: Path, page: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    for args in (("show", str(path)), ("diff", str(FY2021), str(path))):
        result = run(*args)
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert b"Traceback" not in result.stderr
        assert err.count("\n") == 1 and err.startswith("plandiff: "), err
        assert "the file is empty" in err, err
        assert result.stdout == b""
    empty = tmp_path / "zero.html"
    empty.write_bytes(b"")
    assert "the file is empty" in run("show", str(empty)).stderr.decode()


_JAPANESE_PAGE = """<html><head><meta charset="{charset}"><title>計画</title></head><body>
<h2>１．事業承継の促進</h2>
<p>・中小企業の事業承継を支援する。</p>
<p>・地域の支援機関と連携し、相談体制を強化する。</p>
</body></html>
"""


@pytest.mark.parametrize(
    ("charset", "codec", "name"),
    [("Shift_JIS", "cp932", "CP932 (Shift_JIS)"), ("EUC-JP", "euc_jp", "EUC-JP"), ("utf-8", "utf-8", "UTF-8")],
)
def test_declared_charset_is_honoured(charset: str, codec: str, name: str) -> None:
    data = _JAPANESE_PAGE.format(charset=charset).encode(codec)
    assert decode_html(data)[1] == name
    doc = read_bytes(data, "page.html", suffix=".html")
    assert doc.meta.encoding == name
    assert [m.text for m in doc.measures] == [
        "中小企業の事業承継を支援する。",
        "地域の支援機関と連携し、相談体制を強化する。",
    ]


def test_declaration_decides_between_legacy_encodings() -> None:
    """Bytes that decode both as EUC-JP and as Shift_JIS: the page's declaration says which."""
    text = "<meta charset='shift_jis'><p>ｱｲｳｴ</p>"
    data = text.encode("cp932")
    data.decode("euc_jis_2004")  # decodes as EUC-JP too (to other characters)
    assert decode_html(data) == (text, "CP932 (Shift_JIS)")
    euc = text.replace("shift_jis", "euc-jp")
    assert decode_html(euc.encode("cp932"))[1] == "EUC-JP"


def test_stale_declaration_loses_to_utf8() -> None:
    page = _JAPANESE_PAGE.format(charset="Shift_JIS").encode("utf-8")
    assert decode_html(page)[1] == "UTF-8"


def test_whitespace_collapses_but_japanese_stays() -> None:
    assert collapse("  事業の\n   促進  ") == "事業の促進"  # a wrapped line between wide characters joins
    assert collapse("IT\n導入") == "IT 導入"  # not between two wide characters: a space
    assert collapse("Web\t\n会議 と  研修") == "Web 会議 と 研修"
    assert collapse("１　見出し") == "１　見出し"  # U+3000 is Japanese text, not HTML white space


def test_lines_blocks_lists_and_tables() -> None:
    page = """<h2>I. 見出し</h2>
<ul><li>項目です。<br>続きの行</li><li>・既に印のある項目</li><li>（１）括弧の見出し</li></ul>
<table><tr><th rowspan="2">区別</th><th colspan="2">金額</th><th>計</th></tr>
<tr><td>一般</td><td>特定</td></tr>
<tr><td>収入</td></tr>
<tr><td>運営費交付金</td><td>1,272</td><td>-</td><td>1,272</td></tr></table>
<pre>区別\t金額\n  整形済み  </pre>"""
    texts = [line.text for line in html_lines(page)]
    assert texts == [
        "I. 見出し",
        "",
        "・項目です。",
        "続きの行",
        "",
        "・既に印のある項目",
        "",
        "（１）括弧の見出し",
        "",
        "区別\t金額\t\t計",
        "\t一般\t特定",
        "収入\t",
        "運営費交付金\t1,272\t-\t1,272",
        "",
        "区別\t金額",
        "  整形済み",
    ]


def test_minified_page_is_numbered_in_reading_order() -> None:
    page = "<h2>I. 見出し</h2><p>一つ目。</p><p>二つ目。</p><p>三つ目。</p>"
    lines = html_lines(page)
    assert [(line.number, line.text) for line in lines] == [
        (1, "I. 見出し"),
        (2, ""),
        (3, "一つ目。"),
        (4, ""),
        (5, "二つ目。"),
        (6, ""),
        (7, "三つ目。"),
    ]


def test_huge_and_deep_pages_do_not_break() -> None:
    deep = "<div>" * 1500 + "<h2>I. 深い見出し</h2><p>本文です。</p>" + "</div>" * 1500
    doc = _read_page(deep)
    assert [m.text for m in doc.measures] == ["本文です。"]
    too_deep = "<div>" * 5000 + "<h2>I. 深い見出し</h2><p>本文です。</p>" + "</div>" * 5000
    with pytest.raises(InputError, match=r"^deep.html: the HTML cannot be read whole \(Excessive depth"):
        read_bytes(too_deep.encode(), "deep.html", suffix=".html")
    long_page = "<h2>I. 見出し</h2>\n" + "\n".join(f"<p>措置{i}を行う。</p>" for i in range(70_000))
    lines = html_lines(long_page)
    # libxml2 stops counting at line 65535: such a page is numbered in reading order
    assert lines[-1] == SourceLine(140_001, "措置69999を行う。")


def test_word_tables_are_data_and_layout_tables_are_blocks() -> None:
    word = """<table class=MsoTableGrid>
<tr><td><p class=MsoNormal>区別</p></td><td><p class=MsoNormal>金額</p></td></tr>
<tr><td><p class=MsoNormal>運営費<br>交付金</p></td><td><p class=MsoNormal><span>1,272</span></p></td></tr>
</table>"""
    assert [line.text for line in html_lines(word)] == ["区別\t金額", "運営費交付金\t1,272"]
    layout = """<table><tr><td class="menu"><a href="/">ホーム</a></td><td>
<h2>I. 見出し</h2><p>・一つ目の措置。</p><p>・二つ目の措置。</p>
</td></tr></table>"""
    assert [line.text for line in html_lines(layout)] == [
        "ホーム",
        "",
        "I. 見出し",
        "",
        "・一つ目の措置。",
        "",
        "・二つ目の措置。",
    ]


def test_heading_and_item_text_that_the_rules_read_otherwise() -> None:
    page = "<h3>・重点施策</h3><h4>【指標】</h4><ul><li>1. 番号付きの項目</li><li>○丸印の項目</li><li>※注記</li></ul>"
    assert [line.text for line in html_lines(page) if line.text] == [
        "### ・重点施策",  # a bullet glyph does not make a heading a list item
        "【指標】",  # a target block label is read as the text form reads it
        "1. 番号付きの項目",  # a list item with a marker keeps it
        "○丸印の項目",
        "※注記",
    ]
