"""`mkdocs serve` (as ./scripts/serve runs it): a data error is reported, the last
good site stays served with the errors shown, and the next good save recovers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project
from .serving import fetch, free_port, wait_for

pytestmark = pytest.mark.slow

GOOD = "departments: [電費組]"
BAD = "departments: [電費祖]"


def test_preview_survives_a_data_error_and_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    plan_file = project / "plan_data" / "plans" / "fengshan-112.yaml"
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    log_file = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT, cwd=project)
    url = f"http://127.0.0.1:{port}/plans/fengshan-112/facet-1/"
    try:
        wait_for(lambda: "a-1-1-1-1" in fetch(url))

        plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(GOOD, BAD, 1), encoding="utf-8")
        wait_for(lambda: "未知的承辦部門「電費祖」" in fetch(url))
        page = fetch(url)
        assert "計畫資料有錯誤，預覽顯示的是上一次正確的內容" in page
        assert "a-1-1-2-5" in page  # the last good content is still there
        assert server.poll() is None

        fixed = plan_file.read_text(encoding="utf-8").replace(BAD, GOOD, 1).replace("客服中心受理後送案件", "客服中心受理後送的案件", 1)
        plan_file.write_text(fixed, encoding="utf-8")
        wait_for(lambda: "客服中心受理後送的案件" in fetch(url))
        assert "計畫資料有錯誤" not in fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log_file.close()
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "plan_data/plans/fengshan-112.yaml:" in log and "Traceback" not in log
