"""Checks a JSON Schema cannot express: ids, numbering, departments, dates.

Runs on data that already passed the schema, so shapes can be trusted.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from typing import Any

from ..errors import DataIssue, FieldPath, Severity
from .numbering import form_of, ordinal
from .yaml_source import SourceMap

Node = dict[str, Any]


def check_plan_rules(data: Node, source: SourceMap) -> list[DataIssue]:
    checker = _PlanChecker(data, source)
    checker.run()
    return checker.issues


class _PlanChecker:
    def __init__(self, data: Node, source: SourceMap):
        self.data = data
        self.source = source
        self.issues: list[DataIssue] = []
        self.ids: dict[str, FieldPath] = {}
        self.departments: list[str] = list(data["departments"])

    def error(self, path: FieldPath, message: str, *, at_key: bool = False) -> None:
        self.issues.append(self.source.issue(path, message, at_key=at_key))

    def warn(self, path: FieldPath, message: str) -> None:
        self.issues.append(self.source.issue(path, message, severity=Severity.WARNING))

    def run(self) -> None:
        self.check_plan_dates()
        self.check_amendments()
        self.check_department_notes()
        self.check_basis()
        facets_path: FieldPath = ("execution", "facets")
        facets = self.data["execution"]["facets"]
        self.check_sequence(facets_path, facets, "面向")
        for index, facet in enumerate(facets):
            path = (*facets_path, index)
            self.check_heading(path, facet, parent_id=None)
            self.check_sequence((*path, "strategies"), facet["strategies"], "執行策略")
            for s_index, strategy in enumerate(facet["strategies"]):
                self.check_strategy((*path, "strategies", s_index), strategy, str(facet["id"]))

    # -- plan-level fields

    def check_plan_dates(self) -> None:
        dates = self.data["dates"]
        for key in ("published", "amended"):
            if dates[key] is not None:
                self.check_date(("dates", key), dates[key])
        if dates["published"] is None and dates["amended"] is None:
            self.warn(("dates",), "計畫的發布日期與修正日期都是 null（原始文件未載明）；頁面將顯示「原始文件未載明」")

    def check_amendments(self) -> None:
        amendments = self.data.get("amendments") or []
        days = [self.check_date(("amendments", index, "date"), item["date"]) for index, item in enumerate(amendments)]
        for index, (earlier, later) in enumerate(pairwise(days), start=1):
            if earlier and later and later < earlier:
                self.error(("amendments", index, "date"), "修正紀錄應由舊到新排列")
        if days and days[-1]:
            amended = self.data["dates"]["amended"]
            if amended != days[-1].isoformat():
                shown = amended if amended is not None else "null"
                self.error(("dates", "amended"), f"最近修正日期（{shown}）應與最後一筆修正紀錄的日期 {days[-1].isoformat()} 相同")

    def check_department_notes(self) -> None:
        for name in self.data.get("department_notes") or {}:
            if name not in self.departments:
                self.error(("department_notes", name), f"「{name}」不在 departments 列出的承辦部門中", at_key=True)

    def check_basis(self) -> None:
        for index, directive in enumerate(self.data["basis"]["items"]):
            path: FieldPath = ("basis", "items", index)
            self.check_date((*path, "date"), directive["date"])
            for key in ("title", "document_number"):
                if directive[key] not in directive["text"]:
                    self.error((*path, key), f"與全文 text 不一致：text 中找不到「{directive[key]}」")

    def check_date(self, path: FieldPath, value: str) -> date | None:
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.error(path, f"不存在的日期「{value}」")
            return None

    # -- the table

    def check_heading(self, path: FieldPath, node: Node, parent_id: str | None) -> None:
        self.check_id(path, node, parent_id)
        if node.get("title_inferred") is not None and node["title"] is not None:
            self.error((*path, "title_inferred"), "只有在標題缺漏（title: null）時才能填寫推定標題", at_key=True)

    def check_strategy(self, path: FieldPath, strategy: Node, parent_id: str) -> None:
        self.check_heading(path, strategy, parent_id)
        has_subs = "substrategies" in strategy
        has_actions = "actions" in strategy
        if has_subs == has_actions:
            self.error(path, "執行策略之下必須有 substrategies（子策略）或 actions（具體作法），兩者擇一")
            return
        strategy_id = str(strategy["id"])
        if has_actions:
            self.check_actions((*path, "actions"), strategy["actions"], strategy_id)
            return
        subs_path = (*path, "substrategies")
        self.check_sequence(subs_path, strategy["substrategies"], "子策略")
        for index, sub in enumerate(strategy["substrategies"]):
            sub_path = (*subs_path, index)
            self.check_heading(sub_path, sub, strategy_id)
            self.check_actions((*sub_path, "actions"), sub["actions"], str(sub["id"]))

    def check_actions(self, path: FieldPath, actions: list[Node], parent_id: str) -> None:
        self.check_sequence(path, actions, "具體作法")
        for index, action in enumerate(actions):
            self.check_action((*path, index), action, parent_id)

    def check_action(self, path: FieldPath, action: Node, parent_id: str) -> None:
        self.check_id(path, action, parent_id)
        state = action.get("source", "complete")
        if state == "missing":
            for key in ("text", "subitems", "departments", "departments_inferred", "period", "period_inferred", "lost"):
                if key in action:
                    self.error((*path, key), f"缺漏的項目（source: missing）不可填寫 {key}", at_key=True)
            return
        for key in ("text", "departments", "period"):
            if key not in action:
                self.error((*path, key), f"缺少必填欄位「{key}」（原始文件未載明時填 null）" if key != "text" else "缺少必填欄位「text」")
        if state == "partial" and "lost" not in action:
            self.error((*path, "lost"), "殘缺的項目（source: partial）必須以 lost 註明缺漏的是開頭（start）或結尾（end）")
        if state == "complete" and "lost" in action:
            self.error((*path, "lost"), "只有殘缺的項目（source: partial）才能填寫 lost", at_key=True)
        departments = action.get("departments")
        if action.get("departments_inferred") and departments is None:
            self.error((*path, "departments_inferred"), "承辦部門為 null 時不可標示為推定", at_key=True)
        if action.get("period_inferred") and action.get("period") is None:
            self.error((*path, "period_inferred"), "執行期間為 null 時不可標示為推定", at_key=True)
        for d_index, name in enumerate(departments or []):
            if name not in self.departments:
                close = difflib.get_close_matches(name, self.departments, n=1, cutoff=0.3)
                hint = f"（是否為「{close[0]}」？）" if close else ""
                self.error((*path, "departments", d_index), f"未知的承辦部門「{name}」{hint}；可用的部門列在檔案開頭的 departments")
        period = action.get("period")
        if isinstance(period, dict):
            start = self.check_date((*path, "period", "start"), period["start"])
            end = self.check_date((*path, "period", "end"), period["end"])
            if start and end and start > end:
                self.error((*path, "period"), "執行期間的開始日期晚於結束日期")
        if "subitems" in action:
            sub_path = (*path, "subitems")
            self.check_sequence(sub_path, action["subitems"], "細項")
            for index, item in enumerate(action["subitems"]):
                self.check_id((*sub_path, index), item, str(action["id"]))

    # -- shared

    def check_id(self, path: FieldPath, node: Node, parent_id: str | None) -> None:
        node_id = str(node["id"])
        if node_id in self.ids:
            first = self.source.positions.get((*self.ids[node_id], "id"), (0, 0))[0]
            self.error((*path, "id"), f"代碼「{node_id}」重複（第 {first} 行已使用）；每個項目的代碼必須不同")
        else:
            self.ids[node_id] = path
        if parent_id is not None and not node_id.startswith(f"{parent_id}-"):
            self.error((*path, "id"), f"代碼「{node_id}」應以上層代碼「{parent_id}-」開頭")

    def check_sequence(self, path: FieldPath, nodes: list[Node], label: str) -> None:
        """Siblings' numbers must count 1, 2, 3… in one printed form."""
        expected = 1
        form = None
        for index, number in _numbers(nodes):
            value = ordinal(number)
            if value is None:
                self.error((*path, index, "number"), f"無法辨識的編號「{number}」；可用的格式如 一、 (一) 1. (1) 甲.")
                return
            if form is None:
                form = form_of(number)
            elif form_of(number) != form:
                self.error((*path, index, "number"), f"{label}編號「{number}」的格式與同層其他編號不同")
                return
            if value != expected:
                self.error((*path, index, "number"), f"{label}編號順序不對：「{number}」應為第 {expected} 項")
                return
            expected += 1


def _numbers(nodes: list[Node]) -> Iterator[tuple[int, str]]:
    for index, node in enumerate(nodes):
        if node.get("number") is not None:
            yield index, node["number"]
