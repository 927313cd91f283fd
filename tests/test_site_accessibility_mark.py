"""The office's 無障礙標章 (plan_data/site.yaml `accessibility_mark`): checked
when the data is read, shown at the bottom of the home page only when the
office has one (never a made-up mark), its image served by this site."""

from __future__ import annotations

import functools
import http.server
import struct
import threading
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest

from plansite.errors import PlanDataError
from plansite.model import AccessibilityMark
from plansite.source.load import load_site

from .conftest import PROJECT_ROOT, copy_project, mkdocs_build, site_pages

LINK = "https://accessibility.moda.gov.tw/Applications/Detail?category=20260101000000"
ALT = "通過AA等級無障礙網頁檢測"
IMAGE = "docs/assets/accessibility-mark.png"


def _png(width: int = 88, height: int = 31) -> bytes:
    """A small, valid, grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _with_mark(project: Path, mark: str, *, image: bool = True) -> Path:
    if image:
        (project / IMAGE).parent.mkdir(parents=True, exist_ok=True)
        (project / IMAGE).write_bytes(_png())
    site_yaml = project / "plan_data" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    assert "\naccessibility_mark: null\n" in text
    site_yaml.write_text(text.replace("\naccessibility_mark: null\n", "\n" + mark), encoding="utf-8")
    return project


def _mark_yaml(image: str = IMAGE, link: str = LINK, alt: str = ALT) -> str:
    return f"accessibility_mark:\n  image: {image}\n  link: {link}\n  alt: {alt}\n"


def test_the_shipped_site_states_no_mark() -> None:
    assert load_site(PROJECT_ROOT / "plan_data").site.accessibility_mark is None


def test_a_stated_mark_is_read_into_the_site(tmp_path: Path) -> None:
    project = _with_mark(copy_project(tmp_path), _mark_yaml())
    assert load_site(project / "plan_data").site.accessibility_mark == AccessibilityMark(IMAGE, LINK, ALT)


# (site.yaml text, image file present, field reported, words of the message,
#  line reported: counted from the `accessibility_mark:` line)
@pytest.mark.parametrize(
    ("mark", "image", "field", "message", "line"),
    [
        (_mark_yaml(link="http://accessibility.moda.gov.tw/x"), True, "accessibility_mark.link", "https://accessibility.moda.gov.tw/", 2),
        (_mark_yaml(link="https://example.com/mark"), True, "accessibility_mark.link", "https://accessibility.moda.gov.tw/", 2),
        (_mark_yaml(image="https://accessibility.moda.gov.tw/mark.png"), True, "accessibility_mark.image", "網站不從其他網站載入圖片", 1),
        (_mark_yaml(image="docs/../plan_data/mark.png"), True, "accessibility_mark.image", "docs/ 之下的圖檔路徑", 1),
        (_mark_yaml(image="docs/assets/mark.exe"), True, "accessibility_mark.image", "docs/ 之下的圖檔路徑", 1),
        (_mark_yaml(), False, "accessibility_mark.image", "找不到標章圖檔 docs/assets/accessibility-mark.png", 1),
        (f"accessibility_mark:\n  image: {IMAGE}\n  link: {LINK}\n", True, "accessibility_mark.alt", "缺少必填欄位「alt」", 1),
        ("accessibility_mark: 有\n", True, "accessibility_mark", "尚未取得標章時填 null", 0),
    ],
)
def test_a_wrong_mark_is_reported_where_it_is_written(tmp_path: Path, mark: str, image: bool, field: str, message: str, line: int) -> None:
    project = _with_mark(copy_project(tmp_path), mark, image=image)
    with pytest.raises(PlanDataError) as raised:
        load_site(project / "plan_data", root=project)
    reports = [str(issue) for issue in raised.value.issues]
    lines = (project / "plan_data" / "site.yaml").read_text(encoding="utf-8").splitlines()
    mark_line = next(number for number, text in enumerate(lines, start=1) if text.startswith("accessibility_mark:"))
    assert len(reports) == 1, reports
    assert reports[0].startswith(f"plan_data/site.yaml:{mark_line + line}:"), reports
    assert f" {field}: " in reports[0] and message in reports[0], reports


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build of a project whose office has a mark (alt text with characters HTML must escape)."""
    project = _with_mark(copy_project(tmp_path_factory.mktemp("marked")), _mark_yaml(alt="通過AA等級無障礙網頁檢測 <&>"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.slow
def test_the_mark_is_shown_at_the_bottom_of_the_home_page_only(marked_site: Path, shipped_site: Path) -> None:
    home = lxml.html.parse(str(marked_site / "index.html")).getroot()
    (article,) = home.xpath("//article")
    (mark,) = article.xpath(".//p[@class='plan-accessibility-mark']")
    (downloads,) = article.xpath(".//h2[@id='downloads']")
    assert mark.getparent() is article and article.index(mark) > article.index(downloads)
    (link,) = mark.xpath("a")
    assert link.get("href") == LINK
    (image,) = link.xpath("img")
    assert image.get("alt") == "通過AA等級無障礙網頁檢測 <&>" and image.get("src") == "assets/accessibility-mark.png"
    assert 'alt="通過AA等級無障礙網頁檢測 &lt;&amp;&gt;"' in (marked_site / "index.html").read_text(encoding="utf-8")
    assert (marked_site / "assets" / "accessibility-mark.png").read_bytes() == _png()
    for path in site_pages(marked_site):
        if path:
            assert "plan-accessibility-mark" not in (marked_site / path / "index.html").read_text(encoding="utf-8"), path
    assert "plan-accessibility-mark" not in (shipped_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.browser
def test_the_mark_is_a_named_link_with_a_local_image(marked_site: Path, browser: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(marked_site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    try:
        tab.goto(url, wait_until="networkidle")
        link = tab.get_by_role("link", name="通過AA等級無障礙網頁檢測 <&>")
        assert link.get_attribute("href") == LINK
        assert link.locator("img").evaluate("img => img.complete && img.naturalWidth") == 88
        violations = Axe().run(tab, context=".plan-accessibility-mark", options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
        assert violations.response["violations"] == []
        assert {urlsplit(request).netloc for request in requests} == {urlsplit(url).netloc}
    finally:
        context.close()
        server.shutdown()
