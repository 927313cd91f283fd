"""Two builds of the same input, each from a clean project copy with no cache,
are byte-identical: pages, search index, sitemap and every download."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.slow


def tree_digest(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for name in ("first", "second"):
        project = copy_project(tmp_path / name)
        result = mkdocs_build(project, env={"SOURCE_DATE_EPOCH": "1678838400"})
        assert result.returncode == 0, result.stderr
        sites.append(tree_digest(project / "site"))
    first, second = sites
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    kinds = {Path(name).suffix for name in first}
    assert {".html", ".json", ".xml", ".gz", ".odt", ".ods", ".pdf", ".csv"} <= kinds


def test_build_date_comes_from_source_date_epoch(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "dated")
    result = mkdocs_build(project, env={"SOURCE_DATE_EPOCH": "1678838400"})  # 2023-03-15
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-03-15">112年3月15日</time>' in home
    facet = (project / "site" / "plans" / "fengshan-112" / "facet-1" / "index.html").read_text(encoding="utf-8")
    assert '本頁更新日期：<time datetime="2023-03-15">112年3月15日</time>' in facet
