"""Golden cases: small fixture projects in tests/golden/, each with its
plan_data/ and the expected outputs, rendered the way a build renders them
(real downloads, the shipped site's URL style):

- expected/<page>.md    the generated Markdown pages
- files/<file>.txt      the text of each ODT (paragraphs and cells as LibreOffice shows them)
                        and of each PDF (pdftotext)

Regenerate after an intended change with UPDATE_GOLDEN=1 and review the diff.
Checksums and sizes in the pages' 下載 blocks are masked: they follow every
byte of the files, which the file goldens and test_download_links check.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from plansite.download_files import Download, planned_downloads
from plansite.downloads import DownloadCache
from plansite.model import Site
from plansite.outline.pages import site_pages, sitemap_page
from plansite.source.load import load_site
from plansite.writers.markdown_pages import render_page

from .conftest import directory_links
from .test_odf_downloads import odf_text, part

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "plan_data").is_dir())
GENERATED_AT = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def _mask(markdown: str) -> str:
    markdown = re.sub(r"<code>[0-9a-f]{64}</code>", "<code>SHA-256</code>", markdown)
    return re.sub(r"（[\d,]+ KB，", "（n KB，", markdown)


def _built(case: str, cache_dir: Path) -> tuple[Site, list[Download]]:
    site = load_site(GOLDEN / case / "plan_data").site
    specs = [spec for plan in site.plans for spec in planned_downloads(plan)]
    return site, DownloadCache(cache_dir).build(specs, site.office, GENERATED_AT)


def _compare(expected_dir: Path, generated: dict[str, str], suffix: str) -> Iterator[str]:
    """Names whose content differs from the golden file (after writing them all, with UPDATE_GOLDEN)."""
    if UPDATE:
        for name, text in generated.items():
            target = expected_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {path.relative_to(expected_dir).as_posix(): path.read_text(encoding="utf-8") for path in expected_dir.rglob(f"*{suffix}")}
    assert sorted(generated) == sorted(expected)
    yield from (name for name, text in generated.items() if text != expected[name])


@pytest.mark.parametrize("case", CASES)
def test_generated_pages_match_golden_files(case: str, tmp_path: Path) -> None:
    site, downloads = _built(case, tmp_path)
    by_plan: dict[str, list[Download]] = {}
    for download in downloads:
        by_plan.setdefault(download.spec.plan.id, []).append(download)
    outlines, _nav = site_pages(site, by_plan)
    pages = {page.uri: _mask(page.markdown) for page in (render_page(outline, directory_links()) for outline in [*outlines, sitemap_page()])}
    assert list(_compare(GOLDEN / case / "expected", pages, ".md")) == []


@pytest.mark.parametrize("case", CASES)
def test_odt_and_pdf_text_match_golden_files(case: str, tmp_path: Path) -> None:
    _site, downloads = _built(case, tmp_path)
    texts = {}
    for download in downloads:
        name = download.spec.filename
        if name.endswith(".odt"):
            texts[f"{name}.txt"] = odf_text(part(download.path.read_bytes(), "content.xml"))
        elif name.endswith(".pdf"):
            texts[f"{name}.txt"] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(download.path), "-"], capture_output=True, text=True, check=True).stdout
    assert list(_compare(GOLDEN / case / "files", texts, ".txt")) == []
