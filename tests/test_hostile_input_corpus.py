"""A corpus of broken and hostile plan files run through the webmaster's `check`
command: each gives a clear zh-TW message naming the file (and line where one
exists), exits non-zero, prints no traceback and no raw control character,
writes nothing and runs nothing."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from plansite.__main__ import main

from .test_data_errors import BASE_PLAN, GOLDEN_DATA

PLAN_NAME = "plan_data/plans/bad-113.yaml"
# What a terminal could obey or choke on; only the line break may be printed raw.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


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

# Characters a double-quoted YAML string writes as escapes, which the raw-file
# check cannot see, and other hostile values: name -> (content, the exact line).
TITLE_AT = f"{PLAN_NAME}:3:9 title"  # the escape right after `title: "`
TEXT_AT = f"{PLAN_NAME}:42:24 execution.facets[0].strategies[0].actions[0].text"  # the escape after `text: "作法`
CONTROL = "含有不可見的控制字元（{}），請刪除"
EXACT_CORPUS: dict[str, tuple[Callable[[], str | bytes], str | tuple[str, ...]]] = {
    # escapes in quoted text
    "terminal-title-escape": (replace("title: 測試計畫", r'title: "\e]0;owned\a\e[2K"'), f"{TITLE_AT}: {CONTROL.format('U+001B、U+0007')}"),
    "nul-escape": (replace("title: 測試計畫", r'title: "\0"'), f"{TITLE_AT}: {CONTROL.format('U+0000')}"),
    "file-separator-escape": (replace("title: 測試計畫", r'title: "\x1c"'), f"{TITLE_AT}: {CONTROL.format('U+001C')}"),
    "del-escape": (replace("title: 測試計畫", r'title: "\x7f"'), f"{TITLE_AT}: {CONTROL.format('U+007F')}"),
    "c1-csi-escape": (replace("title: 測試計畫", r'title: "\x9b2K"'), f"{TITLE_AT}: {CONTROL.format('U+009B')}"),
    "next-line-escape": (replace("title: 測試計畫", r'title: "\N"'), f"{TITLE_AT}: {CONTROL.format('U+0085')}"),
    "carriage-return-in-title": (replace("title: 測試計畫", r'title: "測試\r計畫"'), f"{PLAN_NAME}:3:11 title: {CONTROL.format('U+000D')}"),
    "form-feed-in-text": (replace("text: 作法一。", r'text: "作法\f一。"'), f"{TEXT_AT}: {CONTROL.format('U+000C')}"),
    "vertical-tab-in-text": (replace("text: 作法一。", r'text: "作法\v一。"'), f"{TEXT_AT}: {CONTROL.format('U+000B')}"),
    "tab-in-text": (
        replace("text: 作法一。", r'text: "作法\t一。"'),
        f"{TEXT_AT}: 含有 Tab 字元（U+0009）：網頁會顯示成空格、PDF 會略去，與 ODF 不一致；請改用空格",
    ),
    "line-separator-in-text": (
        replace("text: 作法一。", r'text: "作法\L一。"'),
        f"{TEXT_AT}: 含有 Unicode 行／段落分隔字元（U+2028），網頁與下載檔的換行會不一致；要換行請直接換行，否則請刪除",
    ),
    "paragraph-separator-in-text": (
        replace("text: 作法一。", r'text: "作法\u2029一。"'),
        f"{TEXT_AT}: 含有 Unicode 行／段落分隔字元（U+2029），網頁與下載檔的換行會不一致；要換行請直接換行，否則請刪除",
    ),
    "lone-surrogate": (
        replace("title: 測試計畫", r'title: "A\ud800B"'),
        f"{PLAN_NAME}:3:10 title: 含有無效的 Unicode 字元（U+D800，單獨的代理字元）；請直接輸入該字元，或寫成 \\U0001F600 的形式",
    ),
    "surrogate-pair-escapes": (
        replace("title: 測試計畫", r'title: "\ud83d\ude00"'),
        f"{TITLE_AT}: 含有無效的 Unicode 字元（U+D83D、U+DE00，單獨的代理字元）；請直接輸入該字元，或寫成 \\U0001F600 的形式",
    ),
    "escape-beyond-unicode": (
        replace("title: 測試計畫", r'title: "\U00110000"'),
        f"{PLAN_NAME}:3:11: YAML 語法錯誤：引號內的跳脫字元（\\u、\\U）不是有效的 Unicode 字元",
    ),
    "noncharacter-escape": (replace("title: 測試計畫", r'title: "\uFFFE"'), f"{TITLE_AT}: 含有 Unicode 非字元（U+FFFE），請刪除"),
    "byte-order-mark-inside-text": (
        replace("title: 測試計畫", r'title: "測試\uFEFF計畫"'),
        f"{PLAN_NAME}:3:11 title: 含有不可見的字元（U+FEFF，位元組順序記號），請刪除",
    ),
    "control-escape-in-key": (replace("office: 測試機關", r'"off\eice": 測試機關'), f"{PLAN_NAME}:5:5 off<U+001B>ice: {CONTROL.format('U+001B')}"),
    # raw characters the old check let through or placed on the wrong line
    "raw-next-line": (replace("title: 測試計畫", "title: 測試\x85計畫"), f"{PLAN_NAME}:3:10: {CONTROL.format('U+0085')}"),
    "raw-line-separator": (
        replace("title: 測試計畫", "title: 測試\u2028計畫"),
        f"{PLAN_NAME}:3:10: 含有 Unicode 行／段落分隔字元（U+2028），網頁與下載檔的換行會不一致；要換行請直接換行，否則請刪除",
    ),
    "raw-form-feed-keeps-line-numbers": (
        lambda: BASE_PLAN.replace("id: bad-113", "id: bad-113 #\x0c", 1).replace("office: 測試機關", "office: 測試\x1b機關", 1),
        (f"{PLAN_NAME}:1:14: {CONTROL.format('U+000C')}", f"{PLAN_NAME}:5:11: {CONTROL.format('U+001B')}"),
    ),
    # sizes
    "huge-integer": (replace("roc_year: 113", "roc_year: " + "1" * 5000), f"{PLAN_NAME}:4:11 roc_year: 數字過長（5,000 位數）；若是文字請加引號"),
    "twenty-thousand-character-facet-title": (
        replace("      title: 面向", "      title: " + "面" * 20_000),
        f"{PLAN_NAME}:34:14 execution.facets[0].title: 文字過長：共 20,000 字，上限為 200 字；請檢查是否誤貼了其他內容",
    ),
    "long-action-text": (
        replace("text: 作法一。", "text: " + "作" * 5001),
        f"{PLAN_NAME}:42:21 execution.facets[0].strategies[0].actions[0].text: 文字過長：共 5,001 字，上限為 5,000 字；請檢查是否誤貼了其他內容",
    ),
    "long-department-name": (
        replace("departments: [業務組, 電費組]", "departments: [業務組, 電費組, " + "部" * 51 + "]"),
        f"{PLAN_NAME}:9:25 departments[2]: 文字過長：共 51 字，上限為 50 字；請檢查是否誤貼了其他內容",
    ),
    "long-note": (
        replace("period: 持續辦理\n            - id: 1-1-2", f"period: 持續辦理\n{' ' * 14}note: {'註' * 2001}\n            - id: 1-1-2"),
        f"{PLAN_NAME}:45:21 execution.facets[0].strategies[0].actions[0].note: 文字過長：共 2,001 字，上限為 2,000 字；請檢查是否誤貼了其他內容",
    ),
    "long-id": (replace("id: bad-113", "id: " + "a" * 41), f"{PLAN_NAME}:1:5 id: 文字過長：共 41 字，上限為 40 字；請檢查是否誤貼了其他內容"),
    "six-hundred-actions": (many_actions(598), f"{PLAN_NAME}:40:13 execution.facets[0].strategies[0].actions: 項目過多：共 600 項，上限為 500 項"),
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
    assert len(EXACT_CORPUS) >= 25


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
    assert not RAW_CONTROL.search(output), ascii(output[:2000])
    assert files_in(tmp_path) == before  # nothing written, nothing run (no 'pwned' file)


@pytest.mark.parametrize("case", sorted(EXACT_CORPUS))
def test_hostile_value_gives_the_exact_message_and_no_raw_control_character(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_content, expected = EXACT_CORPUS[case]
    expected_lines = (expected,) if isinstance(expected, str) else expected
    project = make_project(tmp_path, make_content())
    code, output = run_check(project, capsys)
    assert code == 1
    assert "Traceback" not in output
    for line in expected_lines:
        assert f"  {line}\n" in output, ascii(output[:3000])
    assert output.count(f"{PLAN_NAME}:") == len(expected_lines), ascii(output[:3000])  # no cascade of follow-on messages
    assert not RAW_CONTROL.search(output), ascii(output[:3000])


@pytest.mark.parametrize("variant", ["bom", "crlf"])
def test_windows_notepad_files_are_accepted(variant: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A byte order mark and CRLF line ends are what Windows Notepad writes: harmless, so accepted.
    content = ("\ufeff" + BASE_PLAN) if variant == "bom" else BASE_PLAN.replace("\n", "\r\n")
    project = make_project(tmp_path, content.encode("utf-8"))
    code, output = run_check(project, capsys)
    assert code == 0, output


def test_publish_refuses_hostile_data_before_building(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, BASE_PLAN.replace("title: 測試計畫", r'title: "\e]0;owned\a"'))
    code = main(["--project", str(project), "publish", str(tmp_path / "live")])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1
    assert f"  {TITLE_AT}: {CONTROL.format('U+001B、U+0007')}\n" in output
    assert "Traceback" not in output and not RAW_CONTROL.search(output)
    assert not (tmp_path / "live").exists()
