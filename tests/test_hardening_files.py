"""Odd files in plan_data/ (issue 11, item 4), run through `python -m plansite check`:
each gives one clear zh-TW line naming the file, never a traceback, never a hang,
and files the build does not use are never opened."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.__main__ import main
from plansite.source.data_files import DataKind, read_plan_data

from .test_data_errors import BASE_PLAN, GOLDEN_DATA
from .test_hostile_input_corpus import RAW_CONTROL

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# Root reads any file whatever its permissions; without these two capabilities it obeys them like anyone else.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
OTHER_PLAN = BASE_PLAN.replace("id: bad-113", "id: other-113", 1).replace("file_basename: bad-113-plan", "file_basename: other-113-plan", 1)


def make_project(tmp_path: Path) -> Path:
    """A valid project: site.yaml and one plan, plans/bad-113.yaml."""
    data_dir = tmp_path / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copy(GOLDEN_DATA / "site.yaml", data_dir / "site.yaml")
    (data_dir / "plans" / "bad-113.yaml").write_text(BASE_PLAN, encoding="utf-8")
    return tmp_path


def check_in_process(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--project", str(project), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def check_process(project: Path, *, unprivileged: bool = False) -> tuple[int, str]:
    """`python -m plansite check` in its own process: a hang fails the test instead of stalling it."""
    if unprivileged and UNPRIVILEGED and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    prefix = UNPRIVILEGED if unprivileged else []
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "plansite", "--project", str(project), "check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def assert_clean_failure(code: int, output: str, *lines: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output, output
    assert not RAW_CONTROL.search(output), ascii(output)
    for line in lines:
        assert f"  {line}\n" in output, output


def test_unreadable_plan_file_is_named(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/bad-113.yaml").chmod(0)
    code, output = check_process(project, unprivileged=True)
    assert_clean_failure(code, output, "plan_data/plans/bad-113.yaml: 無法讀取檔案（沒有讀取權限；請檢查檔案權限）")


def test_unreadable_plans_folder_is_named(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans").chmod(0)
    try:
        code, output = check_process(project, unprivileged=True)
    finally:
        (project / "plan_data/plans").chmod(0o755)
    assert_clean_failure(code, output, "plan_data/plans: 無法列出資料夾內容（沒有讀取權限；請檢查檔案權限）")


def test_unreadable_file_the_build_does_not_use_is_never_opened(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    for stray in ("plan_data/notes.txt", "plan_data/plans/README.md"):
        (project / stray).write_text("備忘", encoding="utf-8")
        (project / stray).chmod(0)
    code, output = check_process(project, unprivileged=True)
    assert code == 0, output
    assert "資料正確：1 份計畫" in output


def test_symlink_loop_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/loop.yaml").symlink_to("loop.yaml")
    code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/plans/loop.yaml: 捷徑（符號連結）形成迴圈，指不到任何檔案")


def test_dangling_symlink_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/gone.yaml").symlink_to("deleted.yaml")
    code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/plans/gone.yaml: 捷徑（符號連結）指向的檔案不存在")


def test_symlink_out_of_plan_data_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "project")
    secret = tmp_path / "secret.yaml"
    secret.write_text(OTHER_PLAN, encoding="utf-8")  # a valid plan: only where it lives is wrong
    (project / "plan_data/plans/other-113.yaml").symlink_to(secret)
    code, output = check_in_process(project, capsys)
    assert_clean_failure(
        code,
        output,
        "plan_data/plans/other-113.yaml: 這個捷徑（符號連結）指向 plan_data/ 以外的檔案；為免發布資料夾以外的內容，不予讀取。請把檔案本身放進 plan_data/",
    )


def test_plans_folder_linked_out_of_plan_data_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "plan_data/plans", elsewhere)
    (project / "plan_data/plans").symlink_to(elsewhere)
    code, output = check_in_process(project, capsys)
    assert_clean_failure(
        code,
        output,
        "plan_data/plans/bad-113.yaml: 這個檔案指向 plan_data/ 以外的檔案；為免發布資料夾以外的內容，不予讀取。請把檔案本身放進 plan_data/",
    )


def test_symlink_within_plan_data_is_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/archive").mkdir()
    (project / "plan_data/archive/other-113.yaml").write_text(OTHER_PLAN, encoding="utf-8")
    (project / "plan_data/plans/other-113.yaml").symlink_to("../archive/other-113.yaml")
    code, output = check_in_process(project, capsys)
    assert code == 0, output
    assert "資料正確：2 份計畫" in output


def test_plan_data_itself_may_be_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path / "shared")
    project = tmp_path / "project"
    project.mkdir()
    (project / "plan_data").symlink_to(tmp_path / "shared" / "plan_data")
    code, output = check_in_process(project, capsys)
    assert code == 0, output


def test_upper_case_extension_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/other-113.YAML").write_text(OTHER_PLAN, encoding="utf-8")
    (project / "plan_data/plans/third-113.Yml").write_text(OTHER_PLAN.replace("other-113", "third-113"), encoding="utf-8")
    code, output = check_in_process(project, capsys)
    assert code == 0, output
    assert "資料正確：3 份計畫" in output


def test_upper_case_extension_errors_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/other-113.YAML").write_text(OTHER_PLAN.replace("title: 測試計畫\n", ""), encoding="utf-8")
    code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/plans/other-113.YAML:1:1 title: 缺少必填欄位「title」")


def test_editor_lock_and_swap_files_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/.#bad-113.yaml").symlink_to("root@host.12345:1700000000")  # Emacs lock: a dangling link
    (project / "plan_data/plans/.bad-113.yaml.swp").write_bytes(b"\x00\x01vim swap")
    code, output = check_in_process(project, capsys)
    assert code == 0, output


def test_folder_named_like_a_plan_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/drafts.yaml").mkdir()
    code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/plans/drafts.yaml: 這是資料夾，不是一般檔案；以 .yaml 結尾的名稱保留給資料檔，請移走或改名")


def test_site_file_that_is_a_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/site.yaml").unlink()
    (project / "plan_data/site.yaml").mkdir()
    code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/site.yaml: 這是資料夾，不是一般檔案；以 .yaml 結尾的名稱保留給資料檔，請移走或改名")


def test_missing_site_file_and_plans_folder_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "plan_data").mkdir()
    code, output = check_in_process(tmp_path, capsys)
    assert_clean_failure(code, output, "plan_data/site.yaml: 找不到這個檔案", "plan_data/plans: 找不到任何計畫檔（*.yaml）")


def test_plans_that_is_a_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    shutil.rmtree(project / "plan_data/plans")
    (project / "plan_data/plans").write_text(BASE_PLAN, encoding="utf-8")
    code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/plans: 應為資料夾，但這是一個檔案")


def test_fifo_named_like_a_plan_does_not_block(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    os.mkfifo(project / "plan_data/plans/pipe.yaml")
    (project / "plan_data/progress/bad-113").mkdir(parents=True)
    os.mkfifo(project / "plan_data/progress/bad-113/round-1.yaml")
    os.mkfifo(project / "plan_data/stray-pipe")  # not a data file: never opened
    code, output = check_process(project)
    assert_clean_failure(
        code,
        output,
        "plan_data/plans/pipe.yaml: 這是具名管道（FIFO），不是一般檔案；以 .yaml 結尾的名稱保留給資料檔，請移走或改名",
        "plan_data/progress/bad-113/round-1.yaml: 這是具名管道（FIFO），不是一般檔案；以 .yaml 結尾的名稱保留給資料檔，請移走或改名",
    )


def test_socket_named_like_a_plan_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    monkeypatch.chdir(project / "plan_data/plans")  # a socket path must be short: bind by relative name
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock.yaml")
        code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/plans/sock.yaml: 這是通訊端（socket），不是一般檔案；以 .yaml 結尾的名稱保留給資料檔，請移走或改名")


def test_device_named_like_a_plan_is_named(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    try:
        os.mknod(project / "plan_data/plans/zero.yaml", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # like /dev/zero: never ends
    except PermissionError:
        pytest.skip("creating a device file needs CAP_MKNOD")
    code, output = check_process(project)
    assert_clean_failure(code, output, "plan_data/plans/zero.yaml: 這是裝置檔，不是一般檔案；以 .yaml 結尾的名稱保留給資料檔，請移走或改名")


def test_huge_plan_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    make_sparse_file(project / "plan_data/plans/huge.yaml")
    code, output, peak_kib = check_with_peak_memory(project)
    assert_clean_failure(code, output, "plan_data/plans/huge.yaml: 檔案過大（1536.0 MB），上限為 5 MB")
    assert peak_kib < 400 * 1024


def test_huge_stray_file_is_never_read(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    make_sparse_file(project / "plan_data/backup.tar")
    code, output, peak_kib = check_with_peak_memory(project)
    assert code == 0, output
    assert peak_kib < 400 * 1024


def make_sparse_file(path: Path, size: int = 1536 * 1024 * 1024) -> None:
    """A 1.5 GB file that takes no disk space (it reads as zeros)."""
    with path.open("wb") as file:
        file.truncate(size)


def check_with_peak_memory(project: Path) -> tuple[int, str, int]:
    """Run check in a fresh process; its exit code, output and peak memory (KiB)."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child started from a
    # large pytest process would report the parent's peak; VmHWM belongs to the new program.
    script = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from plansite.__main__ import main\n"
        "code = main(['--project', sys.argv[1], 'check'])\n"
        "peak = re.search(r'VmHWM:\\s*(\\d+) kB', Path('/proc/self/status').read_text()).group(1)\n"
        "print(f'peak={peak}')\n"
        "sys.exit(code)\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, env=environment, timeout=120)
    stdout, peak = result.stdout.rsplit("peak=", 1)
    return result.returncode, stdout + result.stderr, int(peak)


def test_misplaced_progress_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/progress").mkdir()
    (project / "plan_data/progress/round-1.yaml").write_text("plan: bad-113\n", encoding="utf-8")
    code, output = check_in_process(project, capsys)
    message = "考核資料檔應放在以計畫代碼命名的資料夾中：plan_data/progress/<計畫代碼>/<考核期別代碼>.yaml"
    assert_clean_failure(code, output, f"plan_data/progress/round-1.yaml: {message}")


def test_file_name_with_control_characters_is_shown_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/plans/bad-113.yaml").rename(project / "plan_data/plans/bad\x1b]0;owned\x07.yaml")
    (project / "plan_data/plans/bad\x1b]0;owned\x07.yaml").write_text(BASE_PLAN.replace("title: 測試計畫\n", ""), encoding="utf-8")
    code, output = check_in_process(project, capsys)
    assert_clean_failure(code, output, "plan_data/plans/bad<U+001B>]0;owned<U+0007>.yaml:1:1 title: 缺少必填欄位「title」")


def test_one_listing_feeds_loading_and_the_cache_digest(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "plan_data/progress/bad-113").mkdir(parents=True)
    (project / "plan_data/progress/bad-113/2023-h1.yaml").write_text("round: 2023-h1\n", encoding="utf-8")
    (project / "plan_data/notes.txt").write_text("備忘", encoding="utf-8")
    first = read_plan_data(project / "plan_data", project)
    assert [(file.kind, file.relative) for file in first.files] == [
        (DataKind.SITE, "site.yaml"),
        (DataKind.PLAN, "plans/bad-113.yaml"),
        (DataKind.PROGRESS, "progress/bad-113/2023-h1.yaml"),
    ]
    (project / "plan_data/notes.txt").write_text("改過的備忘", encoding="utf-8")
    assert read_plan_data(project / "plan_data", project).digest() == first.digest()  # not a data file
    (project / "plan_data/progress/bad-113/2023-h1.yaml").write_text("round: 2023-h2\n", encoding="utf-8")
    assert read_plan_data(project / "plan_data", project).digest() != first.digest()
