"""A build keeps jieba's dictionary cache in the project's .cache/, never in the
shared temporary folder (jieba's default: a predictable /tmp/jieba.u<hash>.cache)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.slow


def test_a_build_writes_nothing_into_the_temporary_folder(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # Python's tempfile, jieba's default cache place and most tools follow TMPDIR.
    result = mkdocs_build(project, env={"TMPDIR": str(temporary), "TMP": str(temporary), "TEMP": str(temporary)})
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in temporary.rglob("*")) == []
    caches = sorted((project / ".cache" / "search" / "jieba").glob("jieba*.cache"))
    assert len(caches) == 1 and caches[0].stat().st_size > 1_000_000
    assert "jieba" in result.stderr and str(caches[0]) in result.stderr  # jieba says where it put the cache

    # The next build reads that cache instead of writing a new one.
    again = mkdocs_build(project, env={"TMPDIR": str(temporary)})
    assert again.returncode == 0, again.stderr
    assert f"Loading model from cache {caches[0]}" in again.stderr
    assert sorted(path.name for path in temporary.rglob("*")) == []
