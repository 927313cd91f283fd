"""Links are built the way MkDocs builds them, whatever the URL style, and the
build itself fails on a broken internal link or anchor."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.publish.site_check import check_built_site

from .conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.slow


def test_a_site_without_directory_urls_is_link_clean(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "plans" / "fengshan-112" / "facet-1.html").is_file()
    assert [str(problem) for problem in check_built_site(site)] == []


def test_a_broken_internal_link_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    # Raw HTML: MkDocs' own link validation does not look inside it.
    about.write_text(about.read_text(encoding="utf-8") + '\n<p><a href="../no-such-page/">壞連結</a></p>\n', encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "失效的站內連結或錨點" in result.stderr and "no-such-page" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_anchor_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n<p><a href="../plans/fengshan-112/facet-1/#a-9-9-9">壞錨點</a></p>\n', encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "#a-9-9-9" in result.stderr


def test_the_link_check_reuses_what_it_found_in_unchanged_pages_and_rechecks_changed_ones(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "a.pdf").write_bytes(b"%PDF")
    (site / "index.html").write_text('<a href="b.html#x">b</a>', encoding="utf-8")
    (site / "b.html").write_text('<h1 id="x">b</h1>', encoding="utf-8")
    known: dict = {}
    assert check_built_site(site, known=known) == [] and len(known) == 2
    (site / "b.html").write_text('<h1 id="y">b</h1>', encoding="utf-8")  # the anchor is gone
    assert [str(problem) for problem in check_built_site(site, known=known)] == ["index.html: 連結「b.html#x」的錨點不存在"]
    assert len(known) == 2  # the old version of b.html is forgotten
