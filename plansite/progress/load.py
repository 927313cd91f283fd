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
from ..source.data_files import PROGRESS_DIR, DataFile
from ..source.printable import unprintable_text_issues
from ..source.schema_check import check_against_schema
from ..source.yaml_source import SourceMap, parse_yaml_bytes
from .model import ProgressRecord, Round, Status, round_sort_key
from .rules import check_round_rules

SCHEMA = "progress"


@dataclass(frozen=True)
class RoundFile:
    """A round file that passed the schema and the rules, before it becomes a Round."""

    data: dict[str, Any]
    source: SourceMap


def load_progress(
    files: Sequence[DataFile], plans: Sequence[Plan], printable: set[str] | None = None, *, report_unknown_plans: bool = True
) -> tuple[dict[str, tuple[Round, ...]], list[DataIssue]]:
    """Every plan's rounds in time order (an empty tuple for a plan without any), and every problem found.

    `files` are the progress files the build read (source/data_files.py finds
    them: plan_data/progress/<plan id>/<round id>.yaml). A plan whose files have
    errors is simply absent from `plans`; a progress folder for it is then
    reported as naming no plan, unless `report_unknown_plans` is False (the
    caller has plan errors to report first).
    """
    by_id = {plan.id: plan for plan in plans}
    found: dict[str, list[RoundFile]] = {plan.id: [] for plan in plans}
    issues: list[DataIssue] = []
    unknown_folders: set[str] = set()
    ids: dict[tuple[str, str], str] = {}
    for file in files:
        if file.problem is not None or file.content is None:
            issues.append(file.problem or DataIssue(file.display, 0, 0, (), "無法讀取檔案"))
            continue
        folder = file.path.parent.name
        plan = by_id.get(folder)
        if plan is None:
            if report_unknown_plans and folder not in unknown_folders:
                unknown_folders.add(folder)
                known = "、".join(sorted(by_id)) or "（無）"
                message = f"找不到計畫「{folder}」：資料夾名稱必須是 plan_data/plans/ 中某份計畫的代碼（id）；現有計畫：{known}"
                issues.append(DataIssue(file.display.rsplit("/", 1)[0] + "/", 0, 0, (), message))
            continue
        round_file = read_round_file(file.content, file.display, plan, folder, Path(file.display).stem, issues)
        if round_file is None:
            continue
        round_id = round_file.data["round"]["id"]
        if (plan.id, round_id) in ids:
            message = f"考核期別代碼「{round_id}」與 {ids[(plan.id, round_id)]} 重複；同一計畫的每個考核期別只能有一個檔案"
            issues.append(round_file.source.issue(("round", "id"), message))
            continue
        ids[(plan.id, round_id)] = round_file.source.file
        found[plan.id].append(round_file)

    # One probe of the PDF fonts for every file's text, as for the plan files.
    documents = [(file.data, file.source) for round_files in found.values() for file in round_files]
    glyph_issues = unprintable_text_issues(documents, printable if printable is not None else set())
    issues += glyph_issues
    unprintable = {issue.file for issue in glyph_issues}
    rounds = {
        plan_id: tuple(sorted((round_from_data(f.data, f.source.file) for f in round_files if f.source.file not in unprintable), key=_round_key))
        for plan_id, round_files in found.items()
    }
    return rounds, issues


def read_round_file(content: bytes, display: str, plan: Plan | None, folder: str, stem: str, issues: list[DataIssue]) -> RoundFile | None:
    """Parse and check one round file; its problems go to `issues`."""
    try:
        document = parse_yaml_bytes(content, display)
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
    rule_issues = check_round_rules(document.data, document.source, plan, folder, stem)
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
