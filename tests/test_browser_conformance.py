"""網站無障礙規範 conformance: the a11y-moda scanner (PyPI a11y-moda[scan],
pinned in requirements-dev.txt) on every page of the built site, rendered in
Chromium, at level AA, with every rule on (1.5 to 2 minutes on two cores).

It reports against both rule sets: 115.11 (WCAG 2.2, in force from
2026-11-30) and 110.07 (in force until then). The scanner is the unchanged
CLI, started through tests/a11y_moda_runner.py so that it uses Debian's
Chromium; the runner fails if a page's rendered checks did not
run (a11y-moda itself would skip them silently).
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from .conftest import PublishedSite, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RUNNER = Path(__file__).with_name("a11y_moda_runner.py")
COMMON = ["--render", "--level", "AA", "--spec", "both", "--allow-private-hosts", "--format", "json"]


def _run(arguments: list[str], report: Path) -> Any:
    result = subprocess.run([sys.executable, str(RUNNER), *arguments, *COMMON, "--output", str(report)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(report.read_text(encoding="utf-8"))


def _address(url: str) -> str:
    """A page address as a11y-moda writes it (no trailing slash)."""
    return url.rstrip("/")


@pytest.fixture(scope="module", params=["published_site", "published_example"])
def served(request: pytest.FixtureRequest) -> PublishedSite:
    """The shipped site, and the example site with the pages the shipped plan has no data for
    yet (assessment rounds with their charts, amendments, the year comparison)."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def scan(served: PublishedSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One a11y-moda run over the whole site: {page address: page report}.

    The pages come from the site's sitemap.xml (MkDocs lists every page
    there). The 404 page is not in it: it is scanned, alongside, as what a
    visitor gets for an address that does not exist.
    """
    published_site = served
    folder = tmp_path_factory.mktemp("a11y-moda")
    not_found = published_site.url + "no-such-page/"
    jobs = [
        (["site", published_site.url, "--source", "sitemap", "--max-pages", "1000"], folder / "site.json"),
        (["scan", not_found], folder / "not-found.json"),
    ]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        site_report, not_found_report = pool.map(lambda job: _run(*job), jobs)
    scanned = {page["url"]: page for page in site_report["pages"]}
    scanned[not_found] = not_found_report
    return scanned


def test_the_scanner_reaches_every_page_of_the_site(scan: dict[str, Any], served: PublishedSite) -> None:
    published_site = served
    pages = {_address(published_site.url + path) for path in site_pages(published_site.path)}
    assert len(pages) >= 15
    assert set(scan) == pages | {published_site.url + "no-such-page/"}
    for address, page in scan.items():
        assert page["fetch_error"] in ("", None), (address, page["fetch_error"])
    assert scan[published_site.url + "no-such-page/"]["status_code"] == 404


def _failures(page: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [(issue["rule_id"], issue["spec"], issue["message"][:160], (issue["snippet"] or "")[:120]) for issue in page["issues"] if issue["status"] == "fail"]


def test_every_page_passes_the_115_11_and_110_07_rules_at_level_aa(scan: dict[str, Any]) -> None:
    failures = {address: _failures(page) for address, page in scan.items()}
    assert {address: found for address, found in failures.items() if found} == {}
