"""Publishing: build, check, switch atomically; a kill at any moment leaves the
previous site fully served; rollback and pruning; bad data never goes live."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plansite.publish.local import Layout, PublishError, publish, rollback
from plansite.publish.site_check import check_built_site

from .conftest import copy_project

pytestmark = pytest.mark.slow


def run_publish(project: Path, target: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "plansite", "--project", str(project), "publish", str(target), *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def assert_complete_site(target: Path) -> None:
    assert target.is_symlink()
    site = target.resolve()
    assert (site / "index.html").is_file()
    assert (site / "plans" / "fengshan-112" / "facet-5" / "index.html").is_file()
    assert check_built_site(site) == []


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("publish-project"))


def test_publish_switches_the_target_to_a_checked_release(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "www" / "plan"
    target.parent.mkdir()
    process = run_publish(project, target)
    assert process.wait(timeout=300) == 0, process.stderr.read().decode() if process.stderr else ""
    assert_complete_site(target)
    assert Layout(target).current() in Layout(target).release_names()


def test_killing_publish_at_any_moment_leaves_the_previous_site_served(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan"
    first = run_publish(project, target)
    assert first.wait(timeout=300) == 0
    served = target.resolve()
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.6):
        process = run_publish(project, target)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert_complete_site(target)  # old or new release, never a partial one
        now = target.resolve()
        assert now == served or now.name > served.name
        served = now
    # The next publish cleans the leftovers of the killed runs and succeeds.
    final = run_publish(project, target)
    assert final.wait(timeout=300) == 0
    assert_complete_site(target)
    assert not list(Layout(target).releases.glob(".staging-*"))
    assert not list(tmp_path.glob(".plan.switch-*"))


def test_bad_data_is_never_published(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan"
    assert run_publish(project, target).wait(timeout=300) == 0
    before = target.resolve()
    broken = copy_project(tmp_path / "broken")
    plan_file = broken / "plan_data" / "plans" / "fengshan-112.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("departments: [電費組]", "departments: [電費祖]", 1), encoding="utf-8")
    process = run_publish(broken, target)
    assert process.wait(timeout=300) == 1
    assert "未知的承辦部門「電費祖」" in process.stderr.read().decode()
    assert target.resolve() == before


def fake_builder(marker: str, broken_link: bool = False):  # type: ignore[no-untyped-def]
    def build(folder: Path) -> None:
        (folder / "downloads").mkdir(parents=True)
        (folder / "downloads" / "plan.pdf").write_bytes(b"%PDF-1.7")
        link = '<a href="missing/">x</a>' if broken_link else '<a href="#top">x</a>'
        (folder / "index.html").write_text(f'<html><body id="top">{marker}{link}</body></html>', encoding="utf-8")

    return build


def test_rollback_returns_to_the_previous_release_and_old_ones_are_pruned(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    names = [publish(target, fake_builder(f"release {n}"), keep=3) for n in range(5)]
    layout = Layout(target)
    assert layout.release_names() == names[-3:]
    assert "release 4" in (target / "index.html").read_text(encoding="utf-8")
    assert rollback(target) == names[3]
    assert "release 3" in (target / "index.html").read_text(encoding="utf-8")


def test_a_site_with_a_broken_link_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    publish(target, fake_builder("good"))
    with pytest.raises(PublishError, match="連結「missing/」的目標不存在"):
        publish(target, fake_builder("bad", broken_link=True))
    assert "good" in (target / "index.html").read_text(encoding="utf-8")


def test_a_plain_folder_target_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(PublishError, match="一般資料夾"):
        publish(target, fake_builder("new"))
    assert (target / "index.html").read_text(encoding="utf-8") == "old"


def test_rollback_follows_the_order_releases_went_live(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    first, second = publish(target, fake_builder("one")), publish(target, fake_builder("two"))
    assert rollback(target) == first
    third = publish(target, fake_builder("three"))
    # Back from three goes to one (live before three), not to two (rolled back as bad).
    assert rollback(target) == first
    assert second != third and "one" in (target / "index.html").read_text(encoding="utf-8")


def test_concurrent_publishes_wait_for_each_other(tmp_path: Path) -> None:
    import threading

    target = tmp_path / "plan"
    results: list[str] = []
    errors: list[BaseException] = []

    def run(marker: str) -> None:
        try:
            results.append(publish(target, fake_builder(marker)))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(f"site {n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(results)) == 4
    assert Layout(target).current() == max(results)
