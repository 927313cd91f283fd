"""Turn a filled-in progress form into the round's data, refusing anything wrong.

Every problem is collected with its sheet, row and column, and nothing is
written unless there are none. What the form means:

- A row whose 辦理情形 is empty is "not reported in this round": no record
  (clearing it removes a record the round had).
- For 暫緩 the 執行成果說明 cell holds the reason (the form has one text column).
- Every action of the plan whose text survives must have its row: a deleted
  row (or a deleted code) is a problem, never a silent deletion.
- The form replaces the round's records as a whole; the YAML is rewritten only
  when something changed, and every change is listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import DataIssue
from ..model import Action, Plan, SourceState
from ..source.characters import refusals
from ..source.printable import unprintable_text_issues
from ..source.schema_check import check_against_schema, schema_validator
from ..source.yaml_source import SourceMap, parse_yaml_bytes
from . import form_layout as layout
from .form_read import CellValue, Sheet, Workbook, column_letter
from .load import display_path, round_path
from .model import ROUND_ID_PATTERN, STATUS_VALUES, ProgressRecord, Round, Status, default_round_label
from .rules import check_round_rules, link_problem, missing_action_message, plan_actions, unknown_action_message
from .yaml_out import SCHEMA_COMMENT, header_of, round_yaml

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_ROC_OR_ISO_DATE = re.compile(r"^(\d{2,4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class FormProblem:
    sheet: str | None
    row: int | None
    column: int | None
    column_title: str | None
    message: str

    def __str__(self) -> str:
        where = f"工作表「{self.sheet}」" if self.sheet else ""
        if self.row:
            where += f"第 {self.row} 列"
        if self.column:
            where += f" {column_letter(self.column)} 欄"
        if self.column_title:
            where += f"（{self.column_title}）"
        return f"{where}：{self.message}" if where else self.message


class FormRefused(Exception):
    def __init__(self, problems: list[FormProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class ImportResult:
    plan: Plan
    round: Round
    previous: Round | None
    path: Path
    """Where the round's YAML is (or will be)."""
    text: str
    """The YAML to write."""
    changes: list[str]
    """One zh-TW line per changed action and field; empty when the form changes nothing."""


@dataclass(frozen=True)
class _Limits:
    label: int
    text: int
    links: int
    link: int


@cache
def limits() -> _Limits:
    """The form obeys the same limits as the files: read them from the schema, the one description."""
    schema = schema_validator("progress").schema
    record = schema["$defs"]["record"]["properties"]
    return _Limits(
        label=schema["properties"]["round"]["properties"]["label"]["maxLength"],
        text=min(record["result"]["maxLength"], record["reason"]["maxLength"]),
        links=record["evidence"]["maxItems"],
        link=record["evidence"]["items"]["maxLength"],
    )


class _Problems:
    def __init__(self) -> None:
        self.items: list[FormProblem] = []

    def add(self, message: str, sheet: str | None = None, row: int | None = None, column: int | None = None, title: str | None = None) -> None:
        self.items.append(FormProblem(sheet, row, column, title, message))


_NO_CELL = (None, None, None)


@dataclass(frozen=True)
class _Identity:
    plan_id: str
    round_id: str
    label: str | None
    """None when the form has no label cell: the round keeps its label (or gets the default one)."""
    assessed: date | None
    has_date_cell: bool
    """False when the form has no date cell (its 說明 sheet was removed): the round keeps its date."""
    plan_cell: tuple[str, int, int] | None
    label_cell: tuple[str, int, int] | None


def prepare_import(workbook: Workbook, plans: Sequence[Plan], rounds: dict[str, tuple[Round, ...]], data_dir: Path, root: Path) -> ImportResult:
    """The round the form describes, its YAML and what changes; FormRefused with every problem otherwise."""
    problems = _Problems()
    identity = _identity(workbook, problems)
    if identity is None:
        raise FormRefused(problems.items)
    plan = next((plan for plan in plans if plan.id == identity.plan_id), None)
    if plan is None:
        known = "、".join(plan.id for plan in plans) or "（無）"
        sheet, row, column = identity.plan_cell or _NO_CELL
        message = f"本網站沒有代碼為「{identity.plan_id}」的計畫（現有：{known}）；這份表單屬於其他計畫或其他網站"
        problems.add(message, sheet, row, column, layout.LABEL_PLAN if row else None)
        raise FormRefused(problems.items)

    previous = next((round_ for round_ in rounds.get(plan.id, ()) if round_.id == identity.round_id), None)
    label = identity.label or (previous.label if previous else default_round_label(identity.round_id))
    if not label:
        problems.add(f"表單沒有「{layout.LABEL_ROUND_LABEL}」；請以 progress-form 重新產生表單", layout.ABOUT_SHEET)
    assessed = identity.assessed if identity.has_date_cell or previous is None else previous.assessed
    records = _records(workbook, plan, previous, problems)
    if identity.label_cell and identity.label:
        _unprintable([_Text(layout.ABOUT_SHEET, layout.LABEL_ROUND_LABEL, identity.label_cell[1], 2, identity.label)], problems)
    if problems.items or not label:
        raise FormRefused(problems.items)

    path = (root / previous.source_file) if previous else round_path(data_dir, plan.id, identity.round_id)
    new_round = Round(plan.id, identity.round_id, label, assessed, records, display_path(path, root))
    header = header_of(path.read_text(encoding="utf-8")) if path.is_file() else SCHEMA_COMMENT
    text = round_yaml(new_round, header)
    _verify(text, new_round, plan, path, root)
    return ImportResult(plan, new_round, previous, path, text, describe_changes(previous, new_round, plan))


# -- the 說明 sheet: which plan and round


def _identity(workbook: Workbook, problems: _Problems) -> _Identity | None:
    about = workbook.sheet(layout.ABOUT_SHEET)
    labelled = _labelled_cells(about) if about else {}
    meta = workbook.metadata
    if layout.LABEL_PLAN not in labelled and layout.META_PLAN not in meta:
        problems.add(f"找不到「{layout.ABOUT_SHEET}」工作表中的計畫代碼，這不是本系統產生的考核填報表；請以 progress-form 產生表單後填寫")
        return None
    version = meta.get(layout.META_FORM, layout.META_FORM_VALUE).strip()
    if version != layout.META_FORM_VALUE:
        problems.add(f"表單版本「{version}」與本程式（{layout.META_FORM_VALUE}）不同；請以 progress-form 重新產生表單")
        return None

    def value(label: str, meta_key: str | None = None) -> tuple[str | None, tuple[str, int, int] | None]:
        """The labelled cell's text (None without such a cell), checked against the metadata."""
        found = labelled.get(label)
        cell_text = found[1].text.strip() if found else None
        where = (layout.ABOUT_SHEET, found[0], 2) if found else None
        if meta_key and meta_key in meta:
            meta_text = meta[meta_key].strip()
            if cell_text is None:
                return meta_text, None
            if cell_text != meta_text:
                message = f"{label}「{cell_text}」與檔案內容資訊記載的「{meta_text}」不同；{label}請勿修改（要填其他期別，請另行產生表單）"
                problems.add(message, *(where or _NO_CELL), label)
        return cell_text, where

    plan_id, plan_cell = value(layout.LABEL_PLAN, layout.META_PLAN)
    round_id, round_cell = value(layout.LABEL_ROUND, layout.META_ROUND)
    label, label_cell = value(layout.LABEL_ROUND_LABEL)
    if not plan_id:
        problems.add("計畫代碼是空的；請勿修改", *(plan_cell or _NO_CELL), layout.LABEL_PLAN)
    if not ROUND_ID_PATTERN.match(round_id or ""):
        problems.add(f"考核期別代碼「{round_id or ''}」格式不對，應如 112-H1；請勿修改", *(round_cell or _NO_CELL), layout.LABEL_ROUND)
    if label_cell and not label:
        problems.add("考核期別名稱不可空白，例如「112 年上半年」", *label_cell, layout.LABEL_ROUND_LABEL)
    elif label and len(label) > limits().label:
        problems.add(f"考核期別名稱過長：{len(label)} 字，上限為 {limits().label} 字", *(label_cell or _NO_CELL), layout.LABEL_ROUND_LABEL)
    elif label and (_CONTROL.search(label) or "\n" in label):
        problems.add("考核期別名稱只能有一行，且不可含控制字元", *(label_cell or _NO_CELL), layout.LABEL_ROUND_LABEL)
    date_cell = labelled.get(layout.LABEL_ASSESSED)
    assessed = _assessed(date_cell, problems) if date_cell else None
    if problems.items or not plan_id or not round_id:
        return None
    return _Identity(plan_id, round_id, label, assessed, date_cell is not None, plan_cell, label_cell)


def _labelled_cells(sheet: Sheet) -> dict[str, tuple[int, CellValue]]:
    """Label (column A) -> (row, value in column B); the first row with a label wins."""
    labelled: dict[str, tuple[int, CellValue]] = {}
    for (row, column), cell in sorted(sheet.cells.items()):
        if column == 1:
            labelled.setdefault(cell.text.strip(), (row, sheet.cells.get((row, 2), CellValue(""))))
    return labelled


def _assessed(found: tuple[int, CellValue], problems: _Problems) -> date | None:
    row, cell = found
    if cell.date is not None:
        return cell.date
    text = cell.text.strip()
    if not text:
        return None
    match = _ROC_OR_ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        year = year + 1911 if year < 1000 else year  # 112/7/31 is an ROC date
        try:
            return date(year, month, day)
        except ValueError:
            pass
    message = f"「{text}」不是有效的日期；請填西元日期（例如 2023-07-31）或民國日期（例如 112/7/31），尚未確定請留空"
    problems.add(message, layout.ABOUT_SHEET, row, 2, layout.LABEL_ASSESSED)
    return None


# -- the 填報 sheet: one record per reported row


def _entry_sheet(workbook: Workbook) -> Sheet | None:
    sheet = workbook.sheet(layout.ENTRY_SHEET)
    if sheet is not None:
        return sheet
    # A renamed sheet is still the form if its header row is.
    return next((sheet for sheet in workbook.sheets if {layout.ID, layout.STATUS} <= {sheet.text(1, column) for column in range(1, 30)}), None)


def _records(workbook: Workbook, plan: Plan, previous: Round | None, problems: _Problems) -> tuple[ProgressRecord, ...]:
    sheet = _entry_sheet(workbook)
    if sheet is None:
        problems.add(f"找不到「{layout.ENTRY_SHEET}」工作表；請用 progress-form 產生的表單填寫")
        return ()
    columns = _header(sheet, problems)
    if columns is None:
        return ()

    actions = plan_actions(plan)
    seen: dict[str, int] = {}
    records: dict[str, ProgressRecord] = {}
    texts: list[_Text] = []  # for the printable check
    data_rows = 0
    for row in range(2, sheet.last_row() + 1):
        if not any(sheet.text(row, column).strip() for column in range(1, max(columns.values()) + 1)):
            continue
        data_rows += 1
        cells = {title: sheet.text(row, column) for title, column in columns.items()}

        def problem(title: str, message: str, row: int = row) -> None:
            problems.add(message, sheet.name, row, columns[title], title)

        action_id = cells[layout.ID].strip()
        if not action_id:
            problem(layout.ID, "代碼是空的（被刪除了？）；請填回這一列原本的具體作法代碼，或撤銷對本列的修改")
            continue
        action = actions.get(action_id)
        if action is None:
            problem(layout.ID, unknown_action_message(action_id, plan, actions))
            continue
        if action.source is SourceState.MISSING:
            problem(layout.ID, missing_action_message(action_id))
            continue
        if action_id in seen:
            problem(layout.ID, f"代碼「{action_id}」與第 {seen[action_id]} 列重複；每項具體作法只能有一列")
            continue
        seen[action_id] = row
        record = _record(action_id, cells, problem)
        if record is not None:
            records[action_id] = record
            filled = [title for title in (layout.RESULT, layout.EVIDENCE) if cells[title].strip()]
            texts += [_Text(sheet.name, title, row, columns[title], _normalised(cells[title])) for title in filled]

    if data_rows == 0:
        problems.add("表單是空的：沒有任何資料列", sheet.name)
        return ()
    _absent_rows(sheet.name, actions, seen, previous, problems)
    if not problems.items and not records:
        problems.add(f"表單沒有任何一列填寫「{layout.STATUS}」，沒有可匯入的資料（要刪除整個考核期別，請直接刪除其 YAML 檔）", sheet.name)
    _unprintable(texts, problems)
    return tuple(records[action_id] for action_id in actions if action_id in records)


def _header(sheet: Sheet, problems: _Problems) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for (row, column), cell in sorted(sheet.cells.items()):
        if row != 1:
            continue
        title = cell.text.strip()
        if title in layout.TITLES:
            if title in found:
                problems.add(f"標題「{title}」重複（{column_letter(found[title])} 欄已有）；請勿修改標題列", sheet.name, 1, column)
            found.setdefault(title, column)
    needed = (layout.ID, layout.STATUS, layout.RESULT, layout.EVIDENCE)
    for title in needed:
        if title not in found:
            problems.add(f"第 1 列（標題列）找不到「{title}」欄；請勿修改或刪除標題列與欄", sheet.name)
    if problems.items:
        return None
    return {title: found[title] for title in needed}


def _record(action_id: str, cells: dict[str, str], problem: Any) -> ProgressRecord | None:
    status_text = cells[layout.STATUS].strip()
    text = _normalised(cells[layout.RESULT])
    links_text = cells[layout.EVIDENCE]
    bounds = limits()
    if not status_text:
        if text or links_text.strip():
            filled = "、".join(title for title, value in ((layout.RESULT, text), (layout.EVIDENCE, links_text.strip())) if value)
            problem(layout.STATUS, f"辦理情形未填，但填了{filled}；請選擇辦理情形，或清空本列（留空表示本期不填報）")
        return None
    ok = True
    if status_text not in STATUS_VALUES:
        problem(layout.STATUS, f"「{status_text}」不是可選的辦理情形；請從下拉選單選擇：{layout.STATUS_LIST_TEXT}")
        ok = False
    suspended = status_text == Status.SUSPENDED.value
    if suspended and not text:
        problem(layout.RESULT, "辦理情形為「暫緩」時，必須在本欄寫明暫緩原因")
        ok = False
    if len(text) > bounds.text:
        problem(layout.RESULT, f"文字過長：{len(text)} 字，上限為 {bounds.text} 字")
        ok = False
    control = _CONTROL.search(text)
    if control:
        problem(layout.RESULT, f"含有不可見的控制字元（U+{ord(control.group()):04X}），請刪除")
        ok = False
    links: list[str] = []
    for link in links_text.split():
        reason = link_problem(link) or (f"「{link[:60]}…」過長，上限為 {bounds.link} 字" if len(link) > bounds.link else None)
        if reason:
            problem(layout.EVIDENCE, f"佐證連結{reason}；每行只能填一個完整網址")
            ok = False
        elif link not in links:
            links.append(link)
    if len(links) > bounds.links:
        problem(layout.EVIDENCE, f"佐證連結最多 {bounds.links} 個，但填了 {len(links)} 個")
        ok = False
    if not ok:
        return None
    return ProgressRecord(
        action=action_id,
        status=Status(status_text),
        result=None if suspended or not text else text,
        reason=text if suspended else None,
        evidence=tuple(links),
    )


def _normalised(text: str) -> str:
    """Line ends as \\n and no blank edges: how a spreadsheet stores a cell varies, its text does not."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _absent_rows(sheet: str, actions: dict[str, Action], seen: dict[str, int], previous: Round | None, problems: _Problems) -> None:
    for action_id, action in actions.items():
        if action_id in seen or action.source is SourceState.MISSING:
            continue
        old = previous.record_for(action_id) if previous else None
        if old is not None:
            message = (
                f"找不到代碼「{action_id}」的列，但本期已有它的紀錄（辦理情形：{old.status.value}）；刪除列不會刪除紀錄。"
                f"請把該列加回；若要刪除該筆紀錄，請清空該列的「{layout.STATUS}」"
            )
        else:
            message = f"找不到代碼「{action_id}」的列（列被刪除了，或表單依較舊版本的計畫產生）；請把該列加回，或重新產生表單"
        problems.add(message, sheet)


@dataclass(frozen=True)
class _Text:
    sheet: str
    title: str
    row: int
    column: int
    text: str


def _unprintable(texts: list[_Text], problems: _Problems) -> None:
    """Characters the data may not hold (source/characters.py), and ones the site's PDFs
    cannot show: refused as in a hand-written file, but named by sheet, row and column."""
    if not texts:
        return
    for item in texts:
        for _index, message in refusals(item.text):
            problems.add(message, item.sheet, item.row, item.column, item.title)
    document = {str(index): item.text for index, item in enumerate(texts) if not refusals(item.text)}
    for issue in unprintable_text_issues([(document, SourceMap("form"))], set()):
        item = texts[int(issue.field[0])]
        problems.add(issue.message, item.sheet, item.row, item.column, item.title)


def _verify(text: str, new_round: Round, plan: Plan, path: Path, root: Path) -> None:
    """The YAML about to be written must pass the same checks as a hand-written file."""
    document = parse_yaml_bytes(text.encode("utf-8"), display_path(path, root))
    issues: list[DataIssue] = check_against_schema(document.data, "progress", document.source)
    if not issues:
        issues = check_round_rules(document.data, document.source, plan, plan.id, new_round.id)
    if issues:
        raise RuntimeError("generated round YAML failed validation: " + "; ".join(str(issue) for issue in issues))


# -- what changed


_FIELD_LABELS = (("status", layout.STATUS), ("result", layout.RESULT), ("reason", "暫緩原因"), ("evidence", layout.EVIDENCE))


def describe_changes(previous: Round | None, new: Round, plan: Plan) -> list[str]:
    """One zh-TW line per changed action and field (plus the round's own fields), in plan order."""
    lines: list[str] = []
    if previous is None:
        assessed = new.assessed.isoformat() if new.assessed else "未定"
        lines.append(f"新增考核期別 {new.id}（{new.label}，考核日期：{assessed}），{len(new.records)} 筆紀錄")
    else:
        if previous.label != new.label:
            lines.append(f"考核期別名稱：{previous.label} → {new.label}")
        if previous.assessed != new.assessed:
            lines.append(f"考核日期：{_date(previous.assessed)} → {_date(new.assessed)}")
    for row in plan.rows():
        action_id = row.action.id
        old = previous.record_for(action_id) if previous else None
        current = new.record_for(action_id)
        if old == current:
            continue
        for key, label in _FIELD_LABELS:
            before, after = _field(old, key), _field(current, key)
            if before == after:
                continue
            if key == "evidence":
                lines.append(f"{action_id} {label}：{_links_change(before, after)}")
            else:
                lines.append(f"{action_id} {label}：{_shown(before, key)} → {_shown(after, key)}")
    # Records of actions the plan no longer has cannot exist (the rules refuse them), so plan order covers all.
    return lines


def _field(record: ProgressRecord | None, key: str) -> Any:
    if record is None:
        return () if key == "evidence" else None
    value = getattr(record, key)
    return value.value if isinstance(value, Status) else value


def _shown(value: str | None, key: str) -> str:
    if value is None:
        return "（未填）" if key == "status" else "（空白）"
    flat = " ".join(value.split())
    return flat if len(flat) <= 40 else flat[:40] + "…"


def _links_change(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    added = [link for link in after if link not in before]
    removed = [link for link in before if link not in after]
    parts = []
    if added:
        parts.append("新增 " + "、".join(added))
    if removed:
        parts.append("移除 " + "、".join(removed))
    return "；".join(parts) or "順序調整：" + "、".join(after)


def _date(value: date | None) -> str:
    return value.isoformat() if value else "（未定）"
