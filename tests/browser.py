"""Pages opened in headless Chromium (Debian's ``chromium`` package), a session's pages in one browser.

A browser costs more CPU to start (about 0.6 s) than a page costs to draw, so the pages of
tests/test_browser.py and tests/test_history_browser.py are opened in one run (the session fixture
``browsed``, tests/conftest.py). The window is 1280 × 900 px, as it was for a browser of each page's own;
every page has a frame that fills the window's viewport, the frames one over another, so each page has
the viewport, scroll bar, fonts and canvas it would have alone (what each probe computes is what it
computed with one browser per page). Each page carries its test's probe scripts, which write what the
browser computed into ``<pre>`` blocks of the page; a last script sends those blocks to the frame
around the page, whose DOM ``--dump-dom`` prints.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import plandiff
from plandiff.diff import compare
from plandiff.model import Document
from plandiff.model.history import History
from plandiff.render.history_report import render_history
from plandiff.report import render_changelog
from tests.history_series import write_series
from tests.shared_docs import SHARED, parsed
from tests.variants import parse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REASON = "chromium is not installed (`.ci/run` installs it: apt-get install -y chromium)"

# what the browser computed for a page: its scroll width, the colours of ``del``/``ins``, the ``#anchor``
# links (the table of contents, a target row to its measure), whether every one has its target and
# scrolls it into view, and, for every distinct Japanese character of the page, whether it renders as a
# real glyph: each is drawn on a canvas in the page's own font and compared, pixel by pixel, with the
# box (.notdef, "tofu") that an unassigned code point draws in the same font and with nothing drawn
# (each character drawn once, the box and the blank once for the page: drawing every character three
# times and comparing the pixels as joined strings took most of Chromium's 4 s of CPU)
PROBE = """
<script>
addEventListener('load', () => {
  const out = {};
  out.scrollWidth = document.documentElement.scrollWidth;
  out.clientWidth = document.documentElement.clientWidth;
  const colour = (tag) => { const e = document.querySelector(tag); return e ? getComputedStyle(e).color : null; };
  const deco = (tag) => { const e = document.querySelector(tag); return e ? getComputedStyle(e).textDecorationLine : null; };
  out.del = colour('del'); out.ins = colour('ins'); out.delDeco = deco('del'); out.insDeco = deco('ins');
  const links = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
  out.anchors = links.length;
  out.tocLinks = document.querySelectorAll('nav.toc a[href^="#"]').length;
  out.measureLinks = links.filter(id => id.startsWith('measure-')).length;
  out.brokenAnchors = links.filter(id => !document.getElementById(decodeURIComponent(id)));
  // following a link scrolls its target into view
  const last = links.filter(id => id.startsWith('measure-')).pop();
  if (last) { location.hash = '#' + last; out.scrolledTo = Math.round(document.getElementById(last).getBoundingClientRect().top); }
  const font = getComputedStyle(document.body).font;
  const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (ch) => { ctx.clearRect(0, 0, 48, 48); ctx.font = font.replace(/\\d+(\\.\\d+)?px/, '32px');
    ctx.fillText(ch, 4, 36); return new Uint32Array(ctx.getImageData(0, 0, 48, 48).data.buffer); };
  const same = (a, b) => a.length === b.length && a.every((value, i) => value === b[i]);  // every pixel
  const tofu = draw('\\u{10FFFD}'), blank = draw('');
  const chars = [...new Set(document.body.innerText)].filter(ch => /[\\u3040-\\u30ff\\u3400-\\u9fff]/.test(ch));
  out.japanese = chars.length;
  out.tofu = chars.filter(ch => { const drawn = draw(ch); return same(drawn, tofu) || same(drawn, blank); });
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""

# the charts of a history page: each inline SVG chart with its data, its size, whether it lies inside
# the page, and how many paths it draws
CHARTS = """
<script>
addEventListener('load', () => {
  const charts = [...document.querySelectorAll('svg[data-chart]')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {kind: svg.dataset.chart, values: svg.dataset.values, width: Math.round(box.width),
            height: Math.round(box.height), paths: svg.querySelectorAll('path').length,
            inside: box.right <= document.documentElement.clientWidth};
  });
  const pre = document.createElement('pre'); pre.id = 'charts'; pre.hidden = true; pre.textContent = JSON.stringify(charts);
  document.body.appendChild(pre);
});
</script>
"""

# runs after the probes (listeners run in the order they were added): each <pre> block a probe wrote,
# by its id, to the frame around the page
SEND = """
<script>
addEventListener('load', () => {
  const blocks = {};
  for (const pre of document.querySelectorAll('pre[id]')) blocks[pre.id] = pre.textContent;
  parent.postMessage({page: document.documentElement.dataset.page, blocks}, '*');
});
</script>
"""

FRAMES = """<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; overflow: hidden; }}
iframe {{ position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; border: 0; }}
</style>
<script>
addEventListener('message', (event) => {{
  const pre = document.createElement('pre');
  pre.className = 'page';
  pre.textContent = JSON.stringify(event.data);
  document.body.appendChild(pre);
}});
</script>
</head><body>
{frames}
</body></html>
"""


def open_pages(pages: dict[str, str], directory: Path) -> dict[str, dict[str, str]]:
    """Each page (HTML with its probe scripts before ``</body>``) opened in one Chromium: for each, the
    text of every ``<pre id=…>`` its scripts wrote, by id."""
    assert CHROMIUM is not None
    frames = []
    for name, page in pages.items():
        path = directory / f"{name}.html"
        marked = page.replace("<html", f'<html data-page="{html.escape(name)}"', 1)
        path.write_text(marked.replace("</body>", SEND + "</body>"), encoding="utf-8")
        frames.append(f'<iframe src="{html.escape(path.as_uri())}"></iframe>')
    index = directory / "frames.html"
    index.write_text(FRAMES.format(frames="\n".join(frames)), encoding="utf-8")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    command += ["--window-size=1280,900", "--virtual-time-budget=5000"]
    result = subprocess.run([*command, "--dump-dom", index.as_uri()], capture_output=True, timeout=120, check=False)
    dom = result.stdout.decode("utf-8")
    opened: dict[str, dict[str, str]] = {}
    start = dom.find('<pre class="page">')
    while start >= 0:
        end = dom.index("</pre>", start)
        sent = json.loads(html.unescape(dom[start + len('<pre class="page">') : end]))
        opened[sent["page"]] = sent["blocks"]
        start = dom.find('<pre class="page">', end)
    assert set(opened) == set(pages), result.stderr.decode("utf-8", "replace")[-2000:]
    return opened


def session_pages(fy2021: Document, fy2021_text: str, directory: Path) -> dict[str, str]:
    """The pages the browser tests open, with their probes: the HTML report and the 新旧対照表 of the
    FY2021 plan against its every-kind variant (tests/test_browser.py); the history page of the five
    editions of tests/history_series.py and, where ../shared is here, of 富士市's R7 and R8 budget books
    (tests/test_history_browser.py)."""
    from tests.test_budget_books import R7, R8  # test modules: imported when the pages are made
    from tests.test_report_ja import every_kind_variant

    variant = compare(fy2021, parse(every_kind_variant(fy2021_text)))
    out = {
        "report": render_changelog(variant, "html").replace("</body>", PROBE + "</body>"),
        "taisho": render_changelog(variant, "taisho").replace("</body>", PROBE + "</body>"),
    }
    out["series"] = _history_page(plandiff.history(write_series(directory)))
    if SHARED.is_dir():
        out["fuji"] = _history_page(plandiff.history([parsed(R7), parsed(R8)]))
    return out


def _history_page(history: History) -> str:
    return str(render_history(history, "html", "ja")).replace("</body>", CHARTS + PROBE + "</body>")
