"""A corpus of broken and hostile plan files run through the webmaster's `check`
command: each gives a clear zh-TW message naming the file (and line where one
exists), exits non-zero, prints no traceback, writes nothing and runs nothing."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from plansite.__main__ import main

from .test_data_errors import BASE_PLAN, GOLDEN_DATA

PLAN_NAME = "plan_data/plans/bad-113.yaml"


def replace(old: str, new: str, count: int = 1) -> Callable[[], str]:
    def make() -> str:
        assert old in BASE_PLAN, old
        return BASE_PLAN.replace(old, new, count)

    return make


def fixed(content: str | bytes) -> Callable[[], str | bytes]:
    return lambda: content


def many_actions(count: int) -> Callable[[], str]:
    def make() -> str:
        rows = "".join(f'            - {{id: 1-1-{n}, number: "({n})", text: 作法。, departments: [業務組], period: 持續辦理}}\n' for n in range(3, count + 3))
        return BASE_PLAN.replace("steps:\n", rows + "steps:\n", 1)

    return make


def alias_bomb() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    return "\n".join(lines) + "\n"


# name -> (content maker, a fragment the message must contain)
CORPUS: dict[str, tuple[Callable[[], str | bytes], str]] = {
    # syntax
    "truncated-file": (lambda: BASE_PLAN[: BASE_PLAN.index("departments: [業務組]\n") + 20], "缺少必填欄位「steps」"),
    "truncated-mid-quote": (lambda: BASE_PLAN.replace('number: "(2)"', 'number: "(2')[: BASE_PLAN.index('number: "(2)"') + 11], "YAML 語法錯誤"),
    "tab-indentation": (replace("  published: null", "\tpublished: null"), "不可使用 Tab 字元"),
    "bad-indentation": (replace("  amended: null", "    amended: null"), "YAML 語法錯誤"),
    "unclosed-double-quote": (replace("title: 測試計畫", 'title: "測試計畫'), "YAML 語法錯誤"),
    "unclosed-single-quote": (replace("title: 測試計畫", "title: '測試計畫"), "YAML 語法錯誤"),
    "unclosed-flow-list": (replace("departments: [業務組, 電費組]", "departments: [業務組, 電費組"), "YAML 語法錯誤"),
    "colon-in-plain-text": (replace("text: 作法一。", "text: 作法: 一。"), "YAML 語法錯誤"),
    "two-documents": (lambda: BASE_PLAN + "---\nid: again\n", "一個檔案只能有一份資料"),
    # structure
    "unknown-top-level-key": (replace("office: 測試機關", "office: 測試機關\nofice: 測試"), "未知的欄位「ofice」"),
    "misspelt-action-key": (replace("              departments: [電費組]", "              deparment: [電費組]"), "未知的欄位「deparment」"),
    "missing-title": (replace("title: 測試計畫\n", ""), "缺少必填欄位「title」"),
    "missing-action-text": (replace("              text: 作法一。\n", ""), "缺少必填欄位「text」"),
    "year-as-text": (replace("roc_year: 113", "roc_year: 一一三"), "民國年度應為整數"),
    "number-unquoted": (replace('number: "(1)"', "number: 1."), "編號應為文字"),
    "departments-not-a-list": (replace("departments: [電費組]", "departments: 電費組"), "承辦部門應為部門名稱的清單"),
    "empty-title": (replace("title: 測試計畫", 'title: ""'), "不可為空白"),
    "no-facets": (lambda: BASE_PLAN[: BASE_PLAN.index("  facets:\n")] + "  facets: []\n" + BASE_PLAN[BASE_PLAN.index("steps:\n") :], "至少要有 1 項"),
    "duplicate-id": (replace("id: 1-1-2", "id: 1-1-1"), "代碼「1-1-1」重複"),
    "duplicate-key": (replace("office: 測試機關", "office: 測試機關\noffice: 另一個"), "欄位「office」重複"),
    "numbering-out-of-order": (replace('number: "(2)"', 'number: "(3)"'), "編號順序不對"),
    "id-outside-parent": (replace("id: 1-1-2", "id: 2-1-2"), "應以上層代碼「1-1-」開頭"),
    "unknown-department": (replace("departments: [電費組]", "departments: [電費祖]"), "未知的承辦部門「電費祖」"),
    "impossible-date": (replace("date: 2017-01-09", "date: 2017-02-30"), "不存在的日期"),
    "bad-period": (replace("period: 持續辦理", "period: 每月辦理"), "執行期間應為「持續辦理」"),
    "period-backwards": (replace("period: 持續辦理", "period: {start: 2024-05-01, end: 2024-01-01}"), "開始日期晚於結束日期"),
    "partial-without-lost": (replace("              text: 作法一。", "              source: partial\n              text: 作法一。"), "必須以 lost 註明"),
    "missing-with-text": (replace("              text: 作法一。", "              source: missing\n              text: 作法一。"), "不可填寫 text"),
    "strategy-with-both-levels": (
        replace(
            "          actions:\n",
            "          substrategies: [{id: 1-1-9, number: null, title: x, actions: [{id: 1-1-9-1, number: null, source: missing}]}]\n          actions:\n",
        ),
        "兩者擇一",
    ),
    "inferred-title-beside-title": (replace("          title: 策略", "          title: 策略\n          title_inferred: 推定"), "只有在標題缺漏"),
    "root-is-a-list": (fixed("- 一\n- 二\n"), "最上層應為對應表"),
    "root-is-text": (fixed("只是一段文字\n"), "最上層應為對應表"),
    "empty-file": (fixed(""), "檔案是空的"),
    "only-comments": (fixed("# 註解\n# 還是註解\n"), "檔案是空的"),
    # encoding
    "big5-encoded": (lambda: BASE_PLAN.encode("big5", errors="replace"), "不是 UTF-8 編碼"),
    "nul-byte": (replace("title: 測試計畫", "title: 測試\x00計畫"), "控制字元（U+0000）"),
    "escape-control-character": (replace("title: 測試計畫", "title: 測試\x1b[31m計畫"), "控制字元（U+001B）"),
    # size
    "fifty-megabytes": (lambda: BASE_PLAN + "# " + "填" * (50 * 1024 * 1024 // 3) + "\n", "檔案過大"),
    "hundred-thousand-actions": (many_actions(100_000), "檔案過大"),
    "alias-bomb": (alias_bomb, "別名（*）展開後的資料過多"),
    "deep-nesting": (fixed("a: " + "[" * 5000 + "]" * 5000 + "\n"), "巢狀層次過深"),
    # code
    "python-object-apply": (replace("title: 測試計畫", 'title: !!python/object/apply:os.system ["touch pwned"]'), "不允許的 YAML 標籤"),
    "python-name": (replace("title: 測試計畫", "title: !!python/name:os.system"), "不允許的 YAML 標籤"),
    "custom-tag": (replace("title: 測試計畫", "title: !include other.yaml"), "不允許的 YAML 標籤"),
    "merge-key": (replace("dates:\n", "base: &base {published: null}\ndates:\n  <<: *base\n"), "不支援合併鍵"),
}


def run_check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--project", str(project), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def make_project(tmp_path: Path, content: str | bytes) -> Path:
    data_dir = tmp_path / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copy(GOLDEN_DATA / "site.yaml", data_dir / "site.yaml")
    path = tmp_path / PLAN_NAME
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return tmp_path


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


def test_corpus_has_at_least_thirty_cases() -> None:
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_bad_file_gives_a_clear_message_and_fails(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    make_content, expected = CORPUS[case]
    project = make_project(tmp_path, make_content())
    monkeypatch.chdir(tmp_path)
    before = files_in(tmp_path)
    code, output = run_check(project, capsys)
    assert code == 1
    assert "Traceback" not in output
    assert expected in output, output[:2000]
    assert re.search(rf"{re.escape(PLAN_NAME)}(:\d+:\d+)?[: ]", output), output[:2000]
    assert files_in(tmp_path) == before  # nothing written, nothing run (no 'pwned' file)


@pytest.mark.parametrize("variant", ["bom", "crlf"])
def test_windows_notepad_files_are_accepted(variant: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A byte order mark and CRLF line ends are what Windows Notepad writes: harmless, so accepted.
    content = ("\ufeff" + BASE_PLAN) if variant == "bom" else BASE_PLAN.replace("\n", "\r\n")
    project = make_project(tmp_path, content.encode("utf-8"))
    code, output = run_check(project, capsys)
    assert code == 0, output
