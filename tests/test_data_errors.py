"""Bad plan data gives one clear zh-TW message per problem: file:line:column field: message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plansite.errors import DataIssue, PlanDataError
from plansite.source.load import load_site

from .conftest import copy_project, mkdocs_build

GOLDEN_DATA = Path(__file__).parent / "golden" / "small" / "plan_data"

# A small valid plan; each test breaks one thing. Line numbers below refer to it.
BASE_PLAN = """\
id: bad-113
file_basename: bad-113-plan
title: 測試計畫
roc_year: 113
office: 測試機關
dates:
  published: null
  amended: null
departments: [業務組, 電費組]
basis:
  number: "壹、"
  title: 計畫依據
  items:
    - number: "一、"
      issuer: 行政院
      date: 2017-01-09
      document_number: 第 1 號
      title: 方案
      text: 行政院第 1 號函頒「方案」。
goals:
  number: "貳、"
  title: 計畫目標
  paragraphs: [目標。]
targets:
  number: "參、"
  title: 實施對象
  items: [{number: "一、", text: 全體。}]
execution:
  number: "肆、"
  title: 執行策略及具體作法
  facets:
    - id: 1
      number: "一、"
      title: 面向
      strategies:
        - id: 1-1
          number: "(一)"
          title: 策略
          actions:
            - id: 1-1-1
              number: "(1)"
              text: 作法一。
              departments: [業務組]
              period: 持續辦理
            - id: 1-1-2
              number: "(2)"
              text: 作法二。
              departments: [電費組]
              period: 持續辦理
steps:
  number: "伍、"
  title: 實施步驟
  items: [{number: "一、", text: 步驟。}]
closing:
  number: "陸、"
  text: 結語。
"""

PLAN_FILE = "plan_data/plans/bad-113.yaml"


def load_with_plan(tmp_path: Path, content: str | bytes) -> PlanDataError:
    data_dir = tmp_path / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copy(GOLDEN_DATA / "site.yaml", data_dir / "site.yaml")
    plan_path = data_dir / "plans" / "bad-113.yaml"
    if isinstance(content, str):
        plan_path.write_text(content, encoding="utf-8")
    else:
        plan_path.write_bytes(content)
    with pytest.raises(PlanDataError) as caught:
        load_site(data_dir, root=tmp_path)
    return caught.value


def messages(error: PlanDataError) -> list[str]:
    return [str(issue) for issue in error.issues]


def test_base_plan_is_valid(tmp_path: Path) -> None:
    data_dir = tmp_path / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copy(GOLDEN_DATA / "site.yaml", data_dir / "site.yaml")
    (data_dir / "plans" / "bad-113.yaml").write_text(BASE_PLAN, encoding="utf-8")
    assert load_site(data_dir, root=tmp_path).site.plans[0].id == "bad-113"


def test_misspelt_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("              departments: [電費組]", "              deparment: [電費組]"))
    assert messages(error) == [
        f"{PLAN_FILE}:48:15 execution.facets[0].strategies[0].actions[1].deparment: 未知的欄位「deparment」（是否要寫「departments」？）",
    ]


def test_unknown_department_is_named(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("departments: [電費組]", "departments: [業務祖]"))
    assert messages(error) == [
        f"{PLAN_FILE}:48:29 execution.facets[0].strategies[0].actions[1].departments[0]: "
        "未知的承辦部門「業務祖」（是否為「業務組」？）；可用的部門列在檔案開頭的 departments"
    ]


def test_duplicate_key_is_rejected(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("title: 測試計畫\n", "title: 測試計畫\ntitle: 另一個\n"))
    assert messages(error) == [f"{PLAN_FILE}:4:1 title: 欄位「title」重複（第 3 行已有同名欄位）"]


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    hostile = BASE_PLAN.replace("title: 測試計畫", f'title: !!python/object/apply:os.system ["touch {marker}"]')
    error = load_with_plan(tmp_path, hostile)
    assert messages(error) == [f"{PLAN_FILE}:3:8 title: 不允許的 YAML 標籤「tag:yaml.org,2002:python/object/apply:os.system」"]
    assert not marker.exists()


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb += f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    error = load_with_plan(tmp_path, bomb)
    assert len(error.issues) == 1
    assert "別名（*）展開後的資料過多" in error.issues[0].message


def test_unquoted_number_is_a_type_error_with_advice(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace('number: "(1)"', "number: 1."))
    assert messages(error) == [
        f'{PLAN_FILE}:41:23 execution.facets[0].strategies[0].actions[0].number: 編號應為文字（請加引號，例如 "1."）或 null（原文無編號）'
    ]


def test_empty_required_text_is_rejected(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("text: 作法一。", 'text: "  "'))
    assert messages(error) == [f"{PLAN_FILE}:42:21 execution.facets[0].strategies[0].actions[0].text: 不可為空白"]


def test_missing_required_field_is_named(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("roc_year: 113\n", ""))
    assert messages(error) == [f"{PLAN_FILE}:1:1 roc_year: 缺少必填欄位「roc_year」"]


def test_non_utf8_file_is_rejected_with_position(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("title: 測試計畫", "title: 測試").encode("utf-8").replace("測試".encode(), "測試".encode("big5"), 1))
    assert messages(error) == [f"{PLAN_FILE}:3:8: 檔案不是 UTF-8 編碼（位元組 0xB4 無法解讀）；請用編輯器以 UTF-8 另存"]


def test_tab_indentation_is_rejected(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("  published: null", "\tpublished: null"))
    assert messages(error) == [f"{PLAN_FILE}:7:1: 不可使用 Tab 字元，請改用空格縮排"]


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, "# 只有註解\n")
    assert messages(error) == [f"{PLAN_FILE}: 檔案是空的，沒有任何資料"]


def test_wrong_root_type_is_rejected(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, "- 一\n- 二\n")
    assert messages(error) == [f"{PLAN_FILE}:1:1: 檔案最上層應為對應表（欄位: 值），不是清單或單一文字"]


def test_unclosed_quote_is_a_syntax_error_with_position(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("title: 測試計畫", 'title: "測試計畫'))
    assert len(error.issues) == 1
    assert str(error.issues[0]).startswith(f"{PLAN_FILE}:")
    assert "YAML 語法錯誤" in error.issues[0].message


def test_numbering_out_of_order_is_rejected(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace('number: "(2)"', 'number: "(3)"'))
    assert messages(error) == [f"{PLAN_FILE}:46:23 execution.facets[0].strategies[0].actions[1].number: 具體作法編號順序不對：「(3)」應為第 2 項"]


def test_duplicate_id_is_rejected(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("id: 1-1-2", "id: 1-1-1"))
    assert messages(error) == [
        f"{PLAN_FILE}:45:19 execution.facets[0].strategies[0].actions[1].id: 代碼「1-1-1」重複（第 40 行已使用）；每個項目的代碼必須不同"
    ]


def test_all_errors_of_a_file_are_reported_together(tmp_path: Path) -> None:
    broken = BASE_PLAN.replace("roc_year: 113", 'roc_year: "一一三"').replace("              departments: [電費組]", "              deparment: [電費組]")
    error = load_with_plan(tmp_path, broken)
    assert messages(error) == [
        f"{PLAN_FILE}:4:11 roc_year: 民國年度應為整數，例如 112",
        f"{PLAN_FILE}:48:15 execution.facets[0].strategies[0].actions[1].deparment: 未知的欄位「deparment」（是否要寫「departments」？）",
    ]


@pytest.mark.slow
def test_mkdocs_build_stops_with_the_message_and_no_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    plan_file = project / "plan_data" / "plans" / "fengshan-112.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("departments: [電費組]", "departments: [業務祖]", 1), encoding="utf-8")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "plan_data/plans/fengshan-112.yaml:" in output and "未知的承辦部門「業務祖」" in output
    assert "Traceback" not in output
    assert not (project / "site" / "index.html").exists()


def test_character_no_pdf_font_can_show_is_named(tmp_path: Path) -> None:
    error = load_with_plan(tmp_path, BASE_PLAN.replace("text: 作法一。", "text: 作法一𓀀。"))
    assert messages(error) == [
        f"{PLAN_FILE}:42:21 execution.facets[0].strategies[0].actions[0].text: 含有 PDF 字型無法顯示的字元 「𓀀」（U+13000）；"
        "PDF 下載檔無法產生。請改用其他寫法，或請系統管理者安裝含此字元的字型"
    ]


def test_emoji_rare_han_and_other_scripts_are_printable(tmp_path: Path) -> None:
    data_dir = tmp_path / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copy(GOLDEN_DATA / "site.yaml", data_dir / "site.yaml")
    text = "作法 😀 𠀀𡃁 ส हिन्दी שלום مرحبا ∑"
    (data_dir / "plans" / "bad-113.yaml").write_text(BASE_PLAN.replace("text: 作法一。", f'text: "{text}"'), encoding="utf-8")
    assert load_site(data_dir, root=tmp_path).site.plans[0].facets[0].strategies[0].actions[0].text == text


def test_issue_line_shows_unsafe_characters_escaped() -> None:
    issue = DataIssue("plans/a\x1b]0;x\x07.yaml", 3, 9, ("k\x9b", 0), "文字「\u202e反轉\ud800」\n下一行")
    assert str(issue) == "plans/a<U+001B>]0;x<U+0007>.yaml:3:9 k<U+009B>[0]: 文字「<U+202E>反轉<U+D800>」<U+000A>下一行"
    report = PlanDataError([issue]).report()
    assert "\x1b" not in report and "\x07" not in report and report.count("\n") == 1


def test_unexpected_failure_in_check_prints_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The last-resort handler of `python -m plansite`: a bug must not print a traceback (or a raw escape) either.
    import plansite.__main__ as cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("\x1b[2K壞了")

    monkeypatch.setattr(cli, "load_site", broken)
    monkeypatch.delenv("PLANSITE_DEBUG", raising=False)
    assert cli.main(["--project", str(tmp_path), "check"]) == 2
    output = capsys.readouterr().err
    assert output == "程式內部錯誤（RuntimeError：<U+001B>[2K壞了）；請把這一行回報給系統管理者（設定 PLANSITE_DEBUG=1 可看到詳細資訊）\n"


def test_two_plans_with_one_id_are_reported_at_the_id_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copy(GOLDEN_DATA / "site.yaml", data_dir / "site.yaml")
    (data_dir / "plans" / "bad-113.yaml").write_text(BASE_PLAN, encoding="utf-8")
    (data_dir / "plans" / "copy-113.yaml").write_text(BASE_PLAN.replace("file_basename: ", "file_basename: copy-", 1), encoding="utf-8")
    with pytest.raises(PlanDataError) as caught:
        load_site(data_dir, root=tmp_path)
    id_line = BASE_PLAN.splitlines().index("id: bad-113") + 1
    assert messages(caught.value) == [f"plan_data/plans/copy-113.yaml:{id_line}:5 id: 計畫代碼「bad-113」與 plan_data/plans/bad-113.yaml 重複"]
