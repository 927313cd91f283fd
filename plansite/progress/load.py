"""Load `plan_data/progress/<plan id>/<round id>.yaml`: every round of every plan, validated.

Problems are collected, not raised, so the caller can report them together
with the plan files' own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataIssue, PlanDataError
from ..model import Plan
from ..source.printable import unprintable_text_issues
from ..source.schema_check import check_against_schema
from ..source.yaml_source import SourceMap, read_yaml_file
from .model import ProgressRecord, Round, Status, round_sort_key
from .rules import check_round_rules

PROGRESS_DIR = "progress"
SCHEMA = "progress"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RoundFile:
    """A round file that passed the schema and the rules, before it becomes a Round."""

    data: dict[str, Any]
    source: SourceMap


def load_progress(data_dir: Path, plans: Sequence[Plan], root: Path) -> tuple[dict[str, tuple[Round, ...]], list[DataIssue]]:
    """Every plan's rounds in time order (an empty tuple for a plan without any), and every problem found.

    A plan whose files have errors is simply absent from `plans`; a progress
    folder for it is then reported as naming no plan.
    """
    by_id = {plan.id: plan for plan in plans}
    found: dict[str, list[RoundFile]] = {plan.id: [] for plan in plans}
    issues: list[DataIssue] = []
    base = data_dir / PROGRESS_DIR
    if base.is_dir():
        for entry in sorted(base.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                _load_folder(entry, by_id.get(entry.name), by_id, root, found, issues)
            elif entry.suffix in YAML_SUFFIXES:
                message = "考核資料檔應放在以計畫代碼命名的資料夾中：plan_data/progress/<計畫代碼>/<考核期別代碼>.yaml"
                issues.append(DataIssue(display_path(entry, root), 0, 0, (), message))

    # One probe of the PDF fonts for every file's text, as for the plan files.
    documents = [(file.data, file.source) for files in found.values() for file in files]
    glyph_issues = unprintable_text_issues(documents)
    issues += glyph_issues
    unprintable = {issue.file for issue in glyph_issues}
    rounds = {
        plan_id: tuple(sorted((round_from_data(f.data, f.source.file) for f in files if f.source.file not in unprintable), key=_round_key))
        for plan_id, files in found.items()
    }
    return rounds, issues


def _load_folder(folder: Path, plan: Plan | None, by_id: dict[str, Plan], root: Path, found: dict[str, list[RoundFile]], issues: list[DataIssue]) -> None:
    if plan is None:
        known = "、".join(sorted(by_id)) or "（無）"
        message = f"找不到計畫「{folder.name}」：資料夾名稱必須是 plan_data/plans/ 中某份計畫的代碼（id）；現有計畫：{known}"
        issues.append(DataIssue(display_path(folder, root) + "/", 0, 0, (), message))
        return
    ids: dict[str, str] = {}
    for path in sorted(path for path in folder.iterdir() if path.suffix in YAML_SUFFIXES and path.is_file()):
        file = read_round_file(path, plan, root, issues)
        if file is None:
            continue
        round_id = file.data["round"]["id"]
        if round_id in ids:
            issues.append(file.source.issue(("round", "id"), f"考核期別代碼「{round_id}」與 {ids[round_id]} 重複；同一計畫的每個考核期別只能有一個檔案"))
            continue
        ids[round_id] = file.source.file
        found[plan.id].append(file)


def read_round_file(path: Path, plan: Plan | None, root: Path, issues: list[DataIssue]) -> RoundFile | None:
    """Read and check one round file; its problems go to `issues`."""
    display = display_path(path, root)
    try:
        document = read_yaml_file(path, display)
    except PlanDataError as error:
        issues += error.issues
        return None
    if not isinstance(document.data, dict):
        issues.append(DataIssue(display, 1, 1, (), "檔案最上層應為對應表（欄位: 值），不是清單或單一文字"))
        return None
    schema_issues = check_against_schema(document.data, SCHEMA, document.source)
    if schema_issues:
        issues += schema_issues
        return None
    rule_issues = check_round_rules(document.data, document.source, plan, path.parent.name, path.stem)
    if rule_issues:
        issues += rule_issues
        return None
    return RoundFile(document.data, document.source)


def round_from_data(data: dict[str, Any], source_file: str) -> Round:
    round_data = data["round"]
    assessed = round_data["assessed"]
    return Round(
        plan=data["plan"],
        id=round_data["id"],
        label=round_data["label"],
        assessed=date.fromisoformat(assessed) if assessed else None,
        records=tuple(_record(record) for record in data["records"]),
        source_file=source_file,
    )


def _record(node: dict[str, Any]) -> ProgressRecord:
    return ProgressRecord(
        action=str(node["action"]),
        status=Status(node["status"]),
        result=node.get("result"),
        reason=node.get("reason"),
        evidence=tuple(node.get("evidence", ())),
    )


def _round_key(round_: Round) -> tuple[object, ...]:
    return round_sort_key(round_.id, round_.assessed)


def round_path(data_dir: Path, plan_id: str, round_id: str) -> Path:
    return data_dir / PROGRESS_DIR / plan_id / f"{round_id}.yaml"


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
