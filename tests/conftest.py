"""Shared helpers: copies of the project to build, and one real build of the shipped site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from plansite.mkdocs.links import MkDocsLinks
from plansite.model import Office, Plan, Site
from plansite.source.load import load_site

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "plan_data")
SHIPPED_DATA = PROJECT_ROOT / "plan_data"
SEED_PLAN_ID = "fengshan-112"
"""The transcription of the seed document: tests of its damaged spots name it."""


@pytest.fixture(scope="session", autouse=True)
def jieba_cache_in_the_project() -> None:
    """Tests that segment text in-process (without a build's configure step)
    keep jieba's cache where the build keeps it, not in the shared /tmp."""
    from plansite.mkdocs.search_segment import keep_jieba_cache_in

    keep_jieba_cache_in(PROJECT_ROOT / ".cache" / "search" / "jieba")


@functools.cache
def shipped_model() -> Site:
    """The shipped plan_data/, loaded once per test run."""
    return load_site(SHIPPED_DATA).site


def shipped_plan(plan_id: str) -> Plan:
    return next(plan for plan in shipped_model().plans if plan.id == plan_id)


SHIPPED_PLAN_IDS = [plan.id for plan in shipped_model().plans]


@pytest.fixture(scope="module", params=SHIPPED_PLAN_IDS)
def plan(request: pytest.FixtureRequest) -> Plan:
    """Each shipped plan in turn: tests that hold for any plan run over all of them."""
    return shipped_plan(request.param)


@pytest.fixture(scope="module")
def office() -> Office:
    return shipped_model().office


def directory_links() -> MkDocsLinks:
    """Links as the shipped mkdocs.yml makes them (directory URLs)."""
    return MkDocsLinks(use_directory_urls=True, site_dir="/site")


def copy_project(destination: Path) -> Path:
    """A buildable copy of the project (config, docs, hook, data) in `destination`."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build --strict` of `project` into project/site."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site"), *extra],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan built once, strictly, for the tests that read the HTML."""
    project = copy_project(tmp_path_factory.mktemp("shipped"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    """The shipped site served over HTTP on the loopback interface."""
    handler = functools.partial(_QuietHandler, directory=str(shipped_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run ./scripts/setup (Debian package chromium)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page of a built site ('' for the home page)."""
    paths = []
    for html_file in sorted(site.rglob("index.html")):
        relative = html_file.parent.relative_to(site).as_posix()
        paths.append("" if relative == "." else f"{relative}/")
    return paths


# Browser tests need Chromium and a built site; they and real builds are left
# out of the quick loop: pytest -m "not slow and not browser".
_SLOW_FIXTURES = {"shipped_site", "site_url", "published_site", "published_example"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1].startswith("test_browser_"):
            item.add_marker(pytest.mark.browser)
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


IMPORT_MATCH_RATES: dict[str, tuple[int, int]] = {}
"""Importer round trips of this run: label -> (actions exactly right, actions expected)."""


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The importer's match rate per format, for the report (the thresholds are asserted in test_importer.py)."""
    if IMPORT_MATCH_RATES:
        terminalreporter.section("importer match rates")
        for label, (exact, total) in sorted(IMPORT_MATCH_RATES.items()):
            terminalreporter.write_line(f"{label}: {exact}/{total} = {exact / total:.1%}")


class PublishedSite(NamedTuple):
    path: Path
    """The built site folder."""
    url: str
    """Where it is served, with a trailing slash; also its mkdocs.yml site_url."""


class _WebHostHandler(_QuietHandler):
    """Answers as a web host does: no folder listings, and the site's 404.html
    (with status 404) for an address that does not exist."""

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def _published(project: Path, config: Path, site: Path) -> Iterator[PublishedSite]:
    """`config` built with `site_url` set to the address it is served at (page addresses,
    sitemap.xml), served like a web host (404.html for missing addresses, no folder listings)."""
    handler = functools.partial(_WebHostHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    config.write_text(f"site_url: {url}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300, cwd=project)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield PublishedSite(site, url)
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedSite]:
    """The shipped plan, built and served as published."""
    project = copy_project(tmp_path_factory.mktemp("published"))
    with _published(project, project / "mkdocs.yml", project / "site") as site:
        yield site


EXAMPLE_PROJECT = Path("examples") / "progress-demo"


@pytest.fixture(scope="session")
def published_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedSite]:
    """examples/progress-demo, built and served as published: the only site with
    assessment rounds, an amendment and a year comparison, so the pages the shipped
    plan does not have yet are checked too."""
    project = copy_project(tmp_path_factory.mktemp("published-example"))
    shutil.copytree(PROJECT_ROOT / EXAMPLE_PROJECT, project / EXAMPLE_PROJECT, ignore=shutil.ignore_patterns(".cache"))
    with _published(project, project / EXAMPLE_PROJECT / "mkdocs.yml", project / "example-site") as site:
        yield site
