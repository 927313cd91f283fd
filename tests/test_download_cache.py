"""The download cache: reused when nothing changed, rebuilt for what changed, pruned."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from plansite.download_files import planned_downloads
from plansite.downloads import DownloadCache
from plansite.source.load import load_site

from .conftest import PROJECT_ROOT, directory_links

pytestmark = pytest.mark.slow

WHEN = datetime(2023, 3, 15, tzinfo=UTC)


def build(data_dir: Path, cache: DownloadCache) -> dict[str, Path]:
    site = load_site(data_dir).site
    specs = [spec for plan in site.plans for spec in planned_downloads(plan)]
    return {download.spec.filename: download.path for download in cache.build(specs, site.office, WHEN)}


def test_unchanged_data_reuses_every_file_and_an_edit_rebuilds_them(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import plansite.downloads

    data_dir = tmp_path / "plan_data"
    shutil.copytree(PROJECT_ROOT / "plan_data", data_dir)
    cache = DownloadCache(tmp_path / "cache")
    first = build(data_dir, cache)
    stamps = {name: path.stat().st_mtime_ns for name, path in first.items()}
    second = build(data_dir, cache)
    assert second == first and {name: path.stat().st_mtime_ns for name, path in second.items()} == stamps

    plan_file = data_dir / "plans" / "fengshan-112.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("客服中心受理後送案件", "客服中心受理後送的案件", 1), encoding="utf-8")
    kept_before = {path.name for path in (tmp_path / "cache").iterdir()}
    third = build(data_dir, cache)
    # Entries of the earlier build are recent: another build may still need them.
    assert kept_before <= {path.name for path in (tmp_path / "cache").iterdir()}
    monkeypatch.setattr(plansite.downloads, "PRUNE_AFTER_SECONDS", -60)  # as if a day had passed
    third = build(data_dir, cache)
    # 客服中心… is in facet 1: the whole-plan files and facet 1's are new, other facets' are reused.
    changed = sorted(name for name in first if third[name] != first[name])
    assert changed == sorted(name for name in first if "-facet-" not in name or "-facet-1." in name)
    assert sorted(path.name for path in (tmp_path / "cache").iterdir() if not path.name.endswith(".meta.json")) == sorted(
        path.name for path in third.values()
    )  # unused files of the earlier build were pruned


def test_unchanged_input_reuses_the_prepared_site_and_any_change_invalidates_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from plansite import prepare
    from plansite.source import load

    shutil.copytree(PROJECT_ROOT / "plan_data", tmp_path / "plan_data")
    first = prepare.prepare_site(tmp_path, directory_links(), "directory", set())

    def must_not_run(*_args: object) -> None:
        raise AssertionError("prepared again")

    monkeypatch.setattr(load, "load_plan_data", must_not_run)
    assert prepare.prepare_site(tmp_path, directory_links(), "directory", set()) == first

    def prepares_again(url_style: str) -> bool:
        try:
            prepare.prepare_site(tmp_path, directory_links(), url_style, set())
        except AssertionError as error:
            assert "prepared again" in str(error)
            return True
        return False

    assert prepares_again("file"), "another URL style did not invalidate the prepared site"
    plan_file = tmp_path / "plan_data" / "plans" / "fengshan-112.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert prepares_again("directory"), "a changed data file did not invalidate the prepared site"


def test_rendering_in_worker_processes_gives_the_same_files(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import plansite.downloads

    in_threads = build(PROJECT_ROOT / "plan_data", DownloadCache(tmp_path / "threads"))
    monkeypatch.setattr(plansite.downloads, "PROCESS_POOL_FROM", 1)
    in_processes = build(PROJECT_ROOT / "plan_data", DownloadCache(tmp_path / "processes"))
    assert {name: path.read_bytes() for name, path in in_processes.items()} == {name: path.read_bytes() for name, path in in_threads.items()}
