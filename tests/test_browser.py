"""The HTML report and the 新旧対照表 as real pages, in headless Chromium (Debian's ``chromium`` package).

Each page is opened at 1280 px with a probe script added to a copy (the pages themselves have none);
the probe writes what the browser computed into the DOM, which ``--dump-dom`` prints: the page's
scroll width, the colours of ``del``/``ins``, the ``#anchor`` links (the table of contents, a target row to
its measure), whether every one has its target and scrolls it into view, and, for
every distinct Japanese character of the page, whether it renders as a real glyph: each is drawn on a
canvas in the page's own font and compared with the box (.notdef, "tofu") that an unassigned code point
draws in the same font. ``.ci/run`` installs chromium and fonts-noto-cjk when missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from plandiff.diff import compare
from plandiff.model import Changelog, Document
from plandiff.report import render_changelog
from tests.test_report_ja import every_kind_variant
from tests.variants import parse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (`.ci/run` installs it: apt-get install -y chromium)"
)

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
    ctx.fillText(ch, 4, 36); return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(','); };
  const tofu = draw('\\u{10FFFD}');
  const chars = [...new Set(document.body.innerText)].filter(ch => /[\\u3040-\\u30ff\\u3400-\\u9fff]/.test(ch));
  out.japanese = chars.length;
  out.tofu = chars.filter(ch => draw(ch) === tofu || draw(ch) === draw(''));
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _probes(pages: dict[str, str], directory: Path) -> dict[str, dict[str, object]]:
    """What the browser computed for each page; the pages are opened at once, one Chromium each."""
    assert CHROMIUM is not None
    running = []
    for name, page in pages.items():
        path = directory / f"{name}.html"
        path.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
        dom, err = directory / f"{name}.dom", directory / f"{name}.err"
        # output to files, not pipes: no browser waits for a reader while another is read
        with dom.open("wb") as out, err.open("wb") as errors:
            command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            command += ["--window-size=1280,900", "--virtual-time-budget=5000", "--dump-dom", path.as_uri()]
            running.append((name, dom, err, subprocess.Popen(command, stdout=out, stderr=errors)))
    for *_, process in running:
        process.wait(timeout=120)
    return {name: _facts(dom.read_bytes(), err.read_bytes()) for name, dom, err, _ in running}


def _facts(stdout: bytes, stderr: bytes) -> dict[str, object]:
    dom = stdout.decode("utf-8")
    start = dom.find('<pre id="probe">')
    assert start >= 0, stderr.decode()[-2000:]
    text = dom[start + len('<pre id="probe">') : dom.index("</pre>", start)]
    data: dict[str, object] = json.loads(text.replace("&quot;", '"').replace("&amp;", "&"))
    return data


@pytest.fixture(scope="module")
def variant(fy2021: Document, fy2021_text: str) -> Changelog:
    return compare(fy2021, parse(every_kind_variant(fy2021_text)))


@pytest.fixture(scope="module")
def browsed(variant: Changelog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    pages = {"report": render_changelog(variant, "html"), "taisho": render_changelog(variant, "taisho")}
    return _probes(pages, tmp_path_factory.mktemp("browser"))


def test_html_report_in_a_browser(browsed: dict[str, dict[str, object]]) -> None:
    facts = browsed["report"]
    assert facts["scrollWidth"] == facts["clientWidth"] and facts["clientWidth"] <= 1280  # type: ignore[operator]
    assert facts["del"] == "rgb(130, 7, 30)" and facts["delDeco"] == "line-through"  # removed: red, struck
    assert facts["ins"] == "rgb(17, 99, 41)" and facts["insDeco"] == "underline"  # added: green, underlined
    # real anchors: a table of contents and links from target rows to their measures, every one resolving
    assert isinstance(facts["tocLinks"], int) and facts["tocLinks"] >= 8
    assert isinstance(facts["measureLinks"], int) and facts["measureLinks"] >= 2
    assert facts["anchors"] == facts["tocLinks"] + facts["measureLinks"]  # type: ignore[operator]
    assert facts["brokenAnchors"] == []
    assert isinstance(facts["scrolledTo"], int) and 0 <= facts["scrolledTo"] < 900  # the measure is in view
    assert isinstance(facts["japanese"], int) and facts["japanese"] > 200
    assert facts["tofu"] == []


def test_taisho_in_a_browser(browsed: dict[str, dict[str, object]]) -> None:
    facts = browsed["taisho"]
    assert facts["scrollWidth"] == facts["clientWidth"]  # the two columns wrap, never overflow at 1280 px
    assert facts["delDeco"] == "underline" and facts["insDeco"] == "underline"  # 傍線 on both sides
    assert isinstance(facts["japanese"], int) and facts["japanese"] > 200
    assert facts["tofu"] == []
