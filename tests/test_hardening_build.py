"""Hostile files and values through a real `mkdocs build` and `mkdocs serve` (issue 11):
a clean zh-TW message, never a traceback, never a raw control character, never a
hang, and files the build does not use are never opened."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT_ROOT, copy_project
from .serving import fetch, free_port, wait_for
from .test_hardening_files import UNPRIVILEGED, make_sparse_file
from .test_hostile_input_corpus import RAW_CONTROL

pytestmark = pytest.mark.slow

PLAN = "plan_data/plans/fengshan-112.yaml"
HOSTILE_TITLE = r'title: "鳳山\e]0;owned\a\e[2K"'
HOSTILE_TITLE_MESSAGE = f"{PLAN}:4:11 title: 含有不可見的控制字元（U+001B、U+0007），請刪除"


def build(project: Path, *, unprivileged: bool = False, timeout: float = 300) -> tuple[int, str, int]:
    """A real `mkdocs build --strict`: exit code, output, and the build's peak memory in KiB."""
    if unprivileged and UNPRIVILEGED and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    peak_file = project / "peak-memory"
    script = (
        "import atexit, resource, sys\n"
        f"atexit.register(lambda: open({str(peak_file)!r}, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
        "from mkdocs.__main__ import cli\n"
        "cli()\n"
    )
    command = [sys.executable, "-c", script, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(PROJECT_ROOT)}
    prefix = UNPRIVILEGED if unprivileged else []
    result = subprocess.run([*prefix, *command], capture_output=True, text=True, env=environment, timeout=timeout)
    peak = int(peak_file.read_text()) if peak_file.exists() else 0
    return result.returncode, result.stdout + result.stderr, peak


def assert_stopped_cleanly(project: Path, code: int, output: str, *messages: str) -> None:
    assert code != 0
    assert "Traceback" not in output, output[-3000:]
    assert not RAW_CONTROL.search(output), ascii(output[-3000:])
    for message in messages:
        assert f"ERROR   -  {message}\n" in output, output[-3000:]
    assert not (project / "site" / "index.html").exists()


def replace_in_plan(project: Path, old: str, new: str) -> None:
    plan_file = project / PLAN
    text = plan_file.read_text(encoding="utf-8")
    assert old in text
    plan_file.write_text(text.replace(old, new, 1), encoding="utf-8")


def shipped_title_line(project: Path) -> str:
    return next(line for line in (project / PLAN).read_text(encoding="utf-8").splitlines() if line.startswith("title: "))


def test_control_character_in_a_title_stops_the_build_with_an_escaped_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    replace_in_plan(project, shipped_title_line(project), HOSTILE_TITLE)
    code, output, _ = build(project)
    assert_stopped_cleanly(project, code, output, HOSTILE_TITLE_MESSAGE)


def test_lone_surrogate_stops_the_build_with_a_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    replace_in_plan(project, shipped_title_line(project), r'title: "A\ud800B"')
    code, output, _ = build(project)
    message = f"{PLAN}:4:10 title: 含有無效的 Unicode 字元（U+D800，單獨的代理字元）；請直接輸入該字元，或寫成 \\U0001F600 的形式"
    assert_stopped_cleanly(project, code, output, message)


def test_unreadable_plan_file_stops_the_build_with_a_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / PLAN).chmod(0)
    code, output, _ = build(project, unprivileged=True)
    assert_stopped_cleanly(project, code, output, f"{PLAN}: 無法讀取檔案（沒有讀取權限；請檢查檔案權限）")


def test_odd_files_named_like_plans_stop_the_build_without_hanging(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    plans = project / "plan_data" / "plans"
    (plans / "drafts.yaml").mkdir()
    os.mkfifo(plans / "pipe.yaml")
    (plans / "loop.yaml").symlink_to("loop.yaml")
    code, output, _ = build(project, timeout=120)
    reserved = "以 .yaml 結尾的名稱保留給資料檔，請移走或改名"
    assert_stopped_cleanly(
        project,
        code,
        output,
        f"plan_data/plans/drafts.yaml: 這是資料夾，不是一般檔案；{reserved}",
        f"plan_data/plans/pipe.yaml: 這是具名管道（FIFO），不是一般檔案；{reserved}",
        "plan_data/plans/loop.yaml: 捷徑（符號連結）形成迴圈，指不到任何檔案",
    )


def test_stray_files_in_plan_data_are_never_opened(tmp_path: Path) -> None:
    """An unreadable note, a FIFO and a 1.5 GB backup beside the data: the build reads none of them."""
    project = copy_project(tmp_path / "project")
    data_dir = project / "plan_data"
    (data_dir / "notes.txt").write_text("備忘", encoding="utf-8")
    (data_dir / "notes.txt").chmod(0)
    os.mkfifo(data_dir / "pipe")
    make_sparse_file(data_dir / "backup.tar")
    code, output, peak_kib = build(project, unprivileged=True, timeout=300)
    assert code == 0, output[-3000:]
    assert "Traceback" not in output
    assert (project / "site" / "index.html").exists()
    assert 0 < peak_kib < 1024 * 1024  # reading the backup alone would take 1.5 GB

    # A rebuild with only a stray file changed is served from the prepared-site cache.
    (data_dir / "notes.txt").chmod(0o644)
    (data_dir / "notes.txt").write_text("改過的備忘", encoding="utf-8")
    prepared_before = sorted((project / ".cache" / "prepared").glob("*.json"))
    code, output, _ = build(project)
    assert code == 0, output[-3000:]
    assert sorted((project / ".cache" / "prepared").glob("*.json")) == prepared_before


# -- the live preview


def test_preview_shows_hostile_data_errors_escaped_and_recovers(tmp_path: Path) -> None:
    if UNPRIVILEGED and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    project = copy_project(tmp_path / "project")
    plan_file = project / PLAN
    good = plan_file.read_text(encoding="utf-8")
    title_line = shipped_title_line(project)
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(PROJECT_ROOT)}
    command = [*UNPRIVILEGED, sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    log_path = tmp_path / "serve.log"
    with log_path.open("w", encoding="utf-8") as log_file:
        server = subprocess.Popen(command, env=environment, stdout=log_file, stderr=subprocess.STDOUT, cwd=project)
        url = f"http://127.0.0.1:{port}/plans/fengshan-112/"
        try:
            wait_for(lambda: "a-1-1-1-1" in fetch(f"{url}facet-1/"))

            plan_file.write_text(good.replace(title_line, HOSTILE_TITLE, 1), encoding="utf-8")
            escaped = HOSTILE_TITLE_MESSAGE.replace("<", "&lt;").replace(">", "&gt;")
            wait_for(lambda: escaped in fetch(url))
            assert "\x1b" not in fetch(url)

            plan_file.write_text(good, encoding="utf-8")
            plan_file.chmod(0)
            wait_for(lambda: f"{PLAN}: 無法讀取檔案（沒有讀取權限；請檢查檔案權限）" in fetch(url))
            assert server.poll() is None

            plan_file.chmod(0o644)
            plan_file.write_text(good.replace("客服中心受理後送案件", "客服中心受理後送的案件", 1), encoding="utf-8")
            wait_for(lambda: "客服中心受理後送的案件" in fetch(f"{url}facet-1/"))
            assert "計畫資料有錯誤" not in fetch(url)
        finally:
            server.terminate()
            server.wait(timeout=30)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert HOSTILE_TITLE_MESSAGE in log
    assert "Traceback" not in log
    assert not RAW_CONTROL.search(log), ascii(log[-3000:])


def test_preview_started_on_broken_data_stops_with_a_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    replace_in_plan(project, shipped_title_line(project), HOSTILE_TITLE)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(PROJECT_ROOT)}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{free_port()}"]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, cwd=project)
    output = result.stdout + result.stderr
    assert f"ERROR   -  {HOSTILE_TITLE_MESSAGE}\n" in output
    assert "Traceback" not in output
    assert not RAW_CONTROL.search(output), ascii(output[-3000:])
