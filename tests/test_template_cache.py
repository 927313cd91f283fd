"""A build keeps the theme's compiled templates in the project's .cache/jinja
(Jinja's bytecode cache), and a rebuild never serves a stale template."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.slow


def site_bytes(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_rebuild_reuses_compiled_templates_and_sees_a_template_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project).returncode == 0
    compiled = {path.name: path.stat().st_mtime_ns for path in (project / ".cache" / "jinja").glob("__jinja2_*.cache")}
    assert len(compiled) > 10  # Material's templates and ours
    first = site_bytes(project / "site")

    again = mkdocs_build(project)
    assert again.returncode == 0, again.stderr
    assert site_bytes(project / "site") == first
    assert {path.name: path.stat().st_mtime_ns for path in (project / ".cache" / "jinja").glob("__jinja2_*.cache")} == compiled

    page_404 = project / "overrides" / "404.html"
    page_404.write_text(page_404.read_text(encoding="utf-8").replace("找不到這個網頁", "找不到這個網頁（範本已更新）"), encoding="utf-8")
    edited = mkdocs_build(project)
    assert edited.returncode == 0, edited.stderr
    assert "找不到這個網頁（範本已更新）" in (project / "site" / "404.html").read_text(encoding="utf-8")
