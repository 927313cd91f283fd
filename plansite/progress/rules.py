"""Checks of a round file that a JSON Schema cannot express: the plan, the
actions it names, 暫緩 and its reason, the links.

Runs on data that already passed progress.schema.json, so shapes can be trusted.
The same rules guard the form import, which builds round data before writing.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..errors import DataIssue, FieldPath
from ..model import Action, Plan, SourceState
from ..source.yaml_source import SourceMap
from .model import Status

SUSPENDED = Status.SUSPENDED.value


def plan_actions(plan: Plan) -> dict[str, Action]:
    """Every action of the plan by id, in plan order (the lost ones too)."""
    return {row.action.id: row.action for row in plan.rows()}


def heading_ids(plan: Plan) -> set[str]:
    ids = set()
    for facet in plan.facets:
        ids.add(facet.heading.id)
        for strategy in facet.strategies:
            ids.add(strategy.heading.id)
            ids.update(sub.heading.id for sub in strategy.substrategies)
    return ids


def unknown_action_message(action_id: str, plan: Plan, actions: dict[str, Action]) -> str:
    if action_id in heading_ids(plan):
        return f"「{action_id}」是面向、執行策略或子策略的代碼，不是具體作法；請填具體作法的代碼"
    close = difflib.get_close_matches(action_id, list(actions), n=1, cutoff=0.6)
    hint = f"（是否為「{close[0]}」？）" if close else ""
    return f"計畫「{plan.id}」沒有代碼為「{action_id}」的具體作法{hint}"


def missing_action_message(action_id: str) -> str:
    return f"具體作法「{action_id}」在原始文件中缺漏（source: missing），無法登錄辦理情形"


def link_problem(url: str) -> str | None:
    """Why `url` is not a usable http(s) link, or None. The schema pattern ran first for files;
    the form import calls this on raw cell text."""
    if not (url.startswith("http://") or url.startswith("https://")):
        return f"「{_short(url)}」不是 http:// 或 https:// 開頭的網址"
    if any(character.isspace() or ord(character) < 0x20 or ord(character) == 0x7F for character in url):
        return f"「{_short(url)}」含有空白或控制字元"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port that is not a number
    except ValueError:
        return f"「{_short(url)}」不是有效的網址"
    if not parts.hostname:
        return f"「{_short(url)}」缺少網站名稱（主機）"
    return None


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def check_round_rules(data: dict[str, Any], source: SourceMap, plan: Plan | None, folder: str, file_stem: str) -> list[DataIssue]:
    """`plan` is the plan the folder names (None when there is none: reported by the caller)."""
    issues: list[DataIssue] = []

    def error(path: FieldPath, message: str, *, at_key: bool = False) -> None:
        issues.append(source.issue(path, message, at_key=at_key))

    if data["plan"] != folder:
        error(("plan",), f"計畫代碼「{data['plan']}」與所在資料夾「{folder}」不同；本檔應放在 plan_data/progress/{data['plan']}/")
    round_id = data["round"]["id"]
    if round_id != file_stem:
        error(("round", "id"), f"考核期別代碼「{round_id}」與檔名「{file_stem}」不同；檔名應為「{round_id}.yaml」")
    assessed = data["round"]["assessed"]
    if assessed is not None:
        try:
            date.fromisoformat(assessed)
        except ValueError:
            error(("round", "assessed"), f"不存在的日期「{assessed}」")
    if plan is None:
        return issues

    actions = plan_actions(plan)
    seen: dict[str, int] = {}
    for index, record in enumerate(data["records"]):
        path: FieldPath = ("records", index)
        action_id = str(record["action"])
        action = actions.get(action_id)
        if action is None:
            error((*path, "action"), unknown_action_message(action_id, plan, actions))
        elif action.source is SourceState.MISSING:
            error((*path, "action"), missing_action_message(action_id))
        if action_id in seen:
            first_line = source.positions.get(("records", seen[action_id], "action"), (0, 0))[0]
            error((*path, "action"), f"具體作法「{action_id}」重複（第 {first_line} 行已有本期紀錄）；每項具體作法每期只能有一筆紀錄")
        seen.setdefault(action_id, index)
        suspended = record["status"] == SUSPENDED
        if suspended and "reason" not in record:
            error((*path, "status"), "辦理情形為「暫緩」時必須填寫 reason（暫緩原因）")
        if not suspended and "reason" in record:
            error((*path, "reason"), "只有辦理情形為「暫緩」時才能填寫 reason（暫緩原因）；執行成果請寫在 result", at_key=True)
        if suspended and "result" in record:
            message = "辦理情形為「暫緩」時，說明請寫在 reason（暫緩原因），不可另填 result（填報表單只有一欄說明，兩者無法並存）"
            error((*path, "result"), message, at_key=True)
        for link_index, url in enumerate(record.get("evidence", [])):
            problem = link_problem(url)
            if problem:
                error((*path, "evidence", link_index), f"佐證連結{problem}")
    return issues
