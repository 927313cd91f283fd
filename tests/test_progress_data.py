"""Progress (考核) data in plan_data/progress/: the schema, the rules, the loader and the YAML writer."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.errors import PlanDataError
from plansite.progress.load import read_round_file, round_from_data
from plansite.progress.model import ProgressRecord, Round, Status, default_round_label, round_sort_key
from plansite.progress.yaml_out import round_yaml, write_atomically
from plansite.source.characters import refusals
from plansite.source.load import load_site
from plansite.source.yaml_source import parse_yaml_bytes

from .progress_fixtures.helpers import EXAMPLE_PROJECT, FIXTURE_PROJECT, PROJECT_ROOT, copy_fixture

ROUND_FILE = "plan_data/progress/small-113/113-H1.yaml"


def load(project: Path) -> tuple[dict[str, tuple[Round, ...]], list[str]]:
    """The rounds of every plan, or the problems `load_site` reports."""
    try:
        site = load_site(project / "plan_data", root=project).site
    except PlanDataError as error:
        return {}, [str(issue) for issue in error.issues]
    return dict(site.progress), []


# -- what ships


def test_the_shipped_plan_has_no_progress_data() -> None:
    """The 112 plan has no published assessment: nothing may pretend it has."""
    progress = PROJECT_ROOT / "plan_data" / "progress"
    assert not progress.exists() or not any(progress.rglob("*.y*ml"))


def test_the_example_project_loads_with_two_rounds_in_time_order() -> None:
    rounds, issues = load(EXAMPLE_PROJECT)
    assert issues == []
    assert [round_.id for round_ in rounds["demo-114"]] == ["114-H1", "114-H2"]
    assert rounds["demo-115"] == ()
    statuses = {record.status for round_ in rounds["demo-114"] for record in round_.records}
    assert statuses == set(Status), "the example shows every status"
    suspended = [record for round_ in rounds["demo-114"] for record in round_.records if record.status is Status.SUSPENDED]
    assert suspended and all(record.reason for record in suspended)
    assert any(record.evidence for round_ in rounds["demo-114"] for record in round_.records)


def test_the_example_is_labelled_as_fictional() -> None:
    site = load_site(EXAMPLE_PROJECT / "plan_data", root=EXAMPLE_PROJECT).site
    assert site.office.name == "範例機關"
    for plan in site.plans:
        assert plan.title.startswith("（範例）")
        assert plan.source_note and "虛構" in plan.source_note


def test_the_example_years_keep_some_ids_and_change_others() -> None:
    plans = {plan.id: plan for plan in load_site(EXAMPLE_PROJECT / "plan_data", root=EXAMPLE_PROJECT).site.plans}
    old = {row.action.id: row.action.text for row in plans["demo-114"].rows()}
    new = {row.action.id: row.action.text for row in plans["demo-115"].rows()}
    kept = old.keys() & new.keys()
    assert any(old[key] == new[key] for key in kept)
    assert any(old[key] != new[key] for key in kept)
    assert old.keys() - new.keys() and new.keys() - old.keys()


def test_the_example_files_are_written_as_the_writer_writes_them() -> None:
    """So a form made from the example and imported again leaves the files byte-identical."""
    rounds, _issues = load(EXAMPLE_PROJECT)
    for round_ in rounds["demo-114"]:
        text = (EXAMPLE_PROJECT / round_.source_file).read_text(encoding="utf-8")
        assert round_yaml(round_, text.split("\n", 1)[0]) == text


# -- the schema


def schema() -> dict[str, Any]:
    return json.loads(resources.files("plansite.schemas").joinpath("progress.schema.json").read_text(encoding="utf-8"))


def test_every_text_in_the_schema_has_a_length_limit() -> None:
    record = schema()["$defs"]["record"]["properties"]
    assert record["result"]["maxLength"] and record["reason"]["maxLength"]
    assert record["evidence"]["maxItems"] and record["evidence"]["items"]["maxLength"]
    assert schema()["properties"]["round"]["properties"]["label"]["maxLength"]


def test_the_schema_lists_the_statuses_of_the_model() -> None:
    assert schema()["$defs"]["record"]["properties"]["status"]["enum"] == [status.value for status in Status]


# -- validation errors, each with file:line:col, field path and a zh-TW message


def edited(tmp_path: Path, old: str, new: str, file: str = ROUND_FILE) -> Path:
    project = copy_fixture(tmp_path)
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project


BROKEN = [
    pytest.param(
        "- action: 2-1-1", "- action: 9-9-9", r"113-H1\.yaml:16:\d+ records\[2\]\.action: 計畫「small-113」沒有代碼為「9-9-9」的具體作法", id="unknown-action"
    ),
    pytest.param(
        "- action: 2-1-1",
        "- action: 1-2-1",
        r"records\[2\]\.action: 具體作法「1-2-1」在原始文件中缺漏（source: missing），無法登錄辦理情形",
        id="missing-action",
    ),
    pytest.param("- action: 2-1-1", "- action: 1-1-1-1", r"records\[2\]\.action: 具體作法「1-1-1-1」重複（第 8 行已有本期紀錄）", id="duplicate-action"),
    pytest.param("- action: 2-1-1", "- action: 1-1", r"records\[2\]\.action: 「1-1」是面向、執行策略或子策略的代碼，不是具體作法", id="heading-id"),
    pytest.param("    reason: 等候上級核定。\n", "", r"records\[1\]\.status: 辦理情形為「暫緩」時必須填寫 reason（暫緩原因）", id="suspended-without-reason"),
    pytest.param("status: 暫緩", "status: 已完成", r"records\[1\]\.reason: 只有辦理情形為「暫緩」時才能填寫 reason", id="reason-without-suspension"),
    pytest.param(
        "    reason: 等候上級核定。\n",
        "    reason: 等候上級核定。\n    result: 已完成規劃。\n",
        r"records\[1\]\.result: 辦理情形為「暫緩」時，說明請寫在 reason",
        id="result-beside-reason",
    ),
    pytest.param(
        "https://example.gov.tw/h1/report.pdf",
        "ftp://example.gov.tw/report.pdf",
        r"records\[0\]\.evidence\[0\]: 佐證連結必須是以 http:// 或 https:// 開頭",
        id="ftp-link",
    ),
    pytest.param(
        "https://example.gov.tw/h1/report.pdf",
        "javascript:alert(1)",
        r"records\[0\]\.evidence\[0\]: 佐證連結必須是以 http:// 或 https:// 開頭",
        id="javascript-link",
    ),
    pytest.param(
        "https://example.gov.tw/h1/report.pdf",
        "https://example.gov.tw:port/x",
        r"records\[0\]\.evidence\[0\]: 佐證連結「https://example\.gov\.tw:port/x」不是有效的網址",
        id="bad-port",
    ),
    pytest.param(
        "status: 辦理中",
        "status: 進行中",
        r"records\[0\]\.status: 必須是下列其中之一：未開始、辦理中、已完成、持續辦理、暫緩；但填的是文字「進行中」",
        id="unknown-status",
    ),
    pytest.param("  id: 113-H1", "  id: 113-h1", r"round\.id: 考核期別代碼應為「民國年-期別」", id="round-id-pattern"),
    pytest.param("  id: 113-H1", "  id: 113-H2", r"round\.id: 考核期別代碼「113-H2」與檔名「113-H1」不同", id="round-id-vs-file-name"),
    pytest.param("plan: small-113", "plan: other-113", r"plan: 計畫代碼「other-113」與所在資料夾「small-113」不同", id="plan-vs-folder"),
    pytest.param("assessed: 2024-07-31", "assessed: 2024-02-30", r"round\.assessed: 不存在的日期「2024-02-30」", id="impossible-date"),
    pytest.param("assessed: 2024-07-31", "assessed: 113/7/31", r"round\.assessed: 考核日期格式應為西元 YYYY-MM-DD", id="roc-date-in-file"),
    pytest.param("    status: 持續辦理\n", "    status: 持續辦理\n    note: x\n", r"records\[2\]\.note: 未知的欄位「note」", id="unknown-key"),
    pytest.param("    reason: 等候上級核定。", "    reason: " + "很長" * 1001, r"records\[1\]\.reason: 文字過長：共 2,002 字，上限為 2,000 字", id="too-long"),
]


@pytest.mark.parametrize(("old", "new", "expected"), BROKEN)
def test_a_broken_round_file_is_reported_with_its_place(tmp_path: Path, old: str, new: str, expected: str) -> None:
    _rounds, issues = load(edited(tmp_path, old, new))
    assert any(re.search(expected, issue) for issue in issues), issues
    assert all(issue.startswith(ROUND_FILE) for issue in issues), issues


def test_a_folder_that_names_no_plan_is_reported(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    (project / "plan_data/progress/small-113").rename(project / "plan_data/progress/nosuch-113")
    _rounds, issues = load(project)
    assert issues == ["plan_data/progress/nosuch-113/: 找不到計畫「nosuch-113」：資料夾名稱必須是 plan_data/plans/ 中某份計畫的代碼（id）；現有計畫：small-113"]


def test_a_round_file_outside_a_plan_folder_is_reported(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    (project / ROUND_FILE).rename(project / "plan_data/progress/113-H1.yaml")
    _rounds, issues = load(project)
    assert issues == ["plan_data/progress/113-H1.yaml: 考核資料檔應放在以計畫代碼命名的資料夾中：plan_data/progress/<計畫代碼>/<考核期別代碼>.yaml"]


def test_the_same_round_twice_is_reported(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    (project / ROUND_FILE).with_suffix(".yml").write_bytes((project / ROUND_FILE).read_bytes())
    _rounds, issues = load(project)
    assert len(issues) == 1 and "考核期別代碼「113-H1」與 plan_data/progress/small-113/113-H1.yaml 重複" in issues[0]


def test_a_yaml_syntax_error_is_reported_like_any_data_file(tmp_path: Path) -> None:
    _rounds, issues = load(edited(tmp_path, "  label: 113 年上半年", "  label: [113 年上半年"))
    assert len(issues) == 1 and issues[0].startswith(f"{ROUND_FILE}:") and "YAML 語法錯誤" in issues[0]


def test_no_progress_folder_means_no_rounds(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    for path in sorted((project / "plan_data/progress").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    rounds, issues = load(project)
    assert rounds == {"small-113": ()} and issues == []


def test_rounds_are_ordered_by_period_then_assessment_date() -> None:
    ids = [
        ("113-H2", date(2025, 1, 20)),
        ("112-H2", date(2024, 1, 5)),
        ("113-Q3", date(2024, 10, 1)),  # starts with 113-H2 (July): the earlier assessment comes first
        ("113-H1", date(2024, 7, 1)),
        ("113-Q1", None),  # starts with 113-H1: an unknown date comes last
        ("112-H1", None),
        ("113-Q2", None),
    ]
    ordered = sorted(ids, key=lambda item: round_sort_key(*item))
    assert [item[0] for item in ordered] == ["112-H1", "112-H2", "113-H1", "113-Q1", "113-Q2", "113-Q3", "113-H2"]


def test_default_labels_follow_the_round_id() -> None:
    assert default_round_label("112-H1") == "112 年上半年"
    assert default_round_label("112-H2") == "112 年下半年"
    assert default_round_label("112-Q3") == "112 年第 3 季"
    assert default_round_label("112-X1") is None


# -- the YAML writer


# Any text the data may hold (source/characters.py refuses controls, tabs and the like).
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda text: text.strip() == text and text.strip() and not refusals(text)
)


@settings(max_examples=150, deadline=None)
@given(label=_TEXT, result=_TEXT, reason=_TEXT)
def test_any_text_reads_back_exactly_as_written(label: str, result: str, reason: str) -> None:
    round_ = Round(
        "small-113",
        "113-H1",
        label,
        date(2024, 7, 31),
        (
            ProgressRecord("1-1-1-1", Status.DONE, result, None, ("https://example.gov.tw/a?b=1#c",)),
            ProgressRecord("1-1-1-2", Status.SUSPENDED, None, reason, ()),
        ),
        "x.yaml",
    )
    text = round_yaml(round_)
    document = parse_yaml_bytes(text.encode("utf-8"), "x.yaml")
    assert round_from_data(document.data, "x.yaml") == round_


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "null",
        "1e5",
        "0x1F",
        "2023-07-31",
        "- 項目",
        "# 不是註解",
        "a: b",
        "a #b",
        "多行\n第二行",
        " 前置空白",
        "尾端冒號:",
        "'引號'",
    ],
)
def test_tricky_texts_read_back_as_text(text: str) -> None:
    round_ = Round("small-113", "113-H1", "113 年上半年", None, (ProgressRecord("1-1-1-1", Status.DONE, text, None, ()),), "x.yaml")
    written = round_yaml(round_)
    assert "\t" not in written, "the loader refuses tab characters in a file"
    assert round_from_data(parse_yaml_bytes(written.encode("utf-8"), "x.yaml").data, "x.yaml") == round_


def test_multi_line_results_are_written_as_literal_blocks() -> None:
    round_ = Round("p", "113-H1", "113 年上半年", None, (ProgressRecord("1", Status.DONE, "第一行\n\n第三行", None, ()),), "x.yaml")
    assert "    result: |-\n      第一行\n\n      第三行\n" in round_yaml(round_)


def test_an_atomic_write_leaves_no_temporary_file_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "113-H1.yaml"
    write_atomically(target, "a: 1\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    os.chmod(target, 0o664)
    write_atomically(target, "a: 2\n")
    assert target.read_text() == "a: 2\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert [path.name for path in target.parent.iterdir()] == ["113-H1.yaml"]


def test_read_round_file_reports_into_the_list() -> None:
    issues: list[Any] = []
    assert read_round_file(b"- just\n- a list\n", "113-H1.yaml", None, "small-113", "113-H1", issues) is None
    assert [str(issue) for issue in issues] == ["113-H1.yaml:1:1: 檔案最上層應為對應表（欄位: 值），不是清單或單一文字"]


def test_fixture_project_is_valid() -> None:
    rounds, issues = load(FIXTURE_PROJECT)
    assert issues == [] and [round_.id for round_ in rounds["small-113"]] == ["113-H1"]
