"""Section 肆: facets, strategies, sub-strategies and actions, from tables and headings.

Levels come from the printed numbers (一、 (一) 1. (1) 甲.), not from where a cell
stands: columns drift in PDFs. Only unnumbered text is placed by its column (or its
heading style). Empty or merged cells mean "as above"; text restated after a page
break is recognised and not made into a second item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .blocks import WRAP, Block, Cell, Paragraph, Row, Table, Where
from .periods import parse_period
from .report import Report
from .text import CJK, Level, clean_name, clean_text, join_lines, number_value, split_number

HEADING_LEVELS = (Level.FACET, Level.STRATEGY, Level.SUBSTRATEGY)

# Header words, by the column they name; a header cell is short and holds one of these.
_ROLE_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(編號|項次|序號|序|項目編號)$")),
    ("department", re.compile(r"部門|單位|承辦|權責|主辦")),
    ("period", re.compile(r"期間|期程|時程|期限|時間|日期")),
    ("facet", re.compile(r"面向|構面|層面")),
    ("sub", re.compile(r"子策略|分項策略")),
    ("strategy", re.compile(r"策略")),
    ("action", re.compile(r"作法|做法|措施|工作項目|工作內容|執行內容|實施內容|辦理事項|推動事項")),
]
_HEADER_CELL_MAX = 10
_LIST_SEPARATORS = re.compile(r"[、，,；;／/]")
_CONTINUED = re.compile(r"[(（]\s*續\s*[)）]|（續上頁）|\(續上頁\)")


def header_roles(row: Row, partial: bool = False) -> dict[int, str] | None:
    """Grid column → role, when the row is the table's header row (also when repeated on a page).

    `partial`: a second header row under the first (e.g. 策略 | 子策略 under 執行策略) may name fewer columns.
    """
    roles: dict[int, str] = {}
    named = 0
    for cell in row.cells:
        if cell.covered or cell.empty:
            continue
        words = re.sub(r"\s+", "", "".join(cell.paragraphs)).replace(WRAP, "")
        role = None
        if len(words) <= _HEADER_CELL_MAX:
            role = next((name for name, pattern in _ROLE_WORDS if pattern.search(words)), None)
        if role is None:
            return None
        named += 1
        roles[cell.column] = role
        for extra in range(1, cell.span):
            roles[cell.column + extra] = "sub" if role == "strategy" else role
    if partial:
        return roles or None
    if named < 2 or not ({"action", "department", "period"} & set(roles.values())):
        return None
    return roles


@dataclass
class ActionNode:
    number: str | None
    text: str
    where: Where
    subitems: list[tuple[str | None, str]] = field(default_factory=list)
    departments: list[str] | None = None
    departments_seen: bool = False
    inferred: bool = False
    period: Any = None
    period_pieces: list[str] = field(default_factory=list)
    """The period cell's text, in pieces when a page break split it; read at the end."""
    period_seen: bool = False
    wrapped_names: set[str] = field(default_factory=set)
    """Department names the PDF wrapped over two lines: one name, or two without 、?"""
    notes: list[str] = field(default_factory=list)
    missing: bool = False


@dataclass
class HeadingNode:
    level: Level
    number: str | None
    title: str | None
    where: Where
    children: list[HeadingNode] = field(default_factory=list)
    actions: list[ActionNode] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _RowValues:
    """A column's value in the row above, for cells merged downwards."""

    departments: list[list[str]] | None = None
    periods: list[str] | None = None


class ExecutionBuilder:
    def __init__(self, report: Report):
        self.report = report
        self.facets: list[HeadingNode] = []
        self.path: dict[Level, HeadingNode | None] = dict.fromkeys(HEADING_LEVELS)
        self.action: ActionNode | None = None
        self.heading_styles: dict[int, Level] = {}
        self.category: tuple[str | None, str] | None = None

    # -- headings

    def heading(self, level: Level, number: str | None, title: str | None, where: Where, continues: bool = False) -> bool:
        """Place a heading; True when it starts a new item (False: the current one, restated or continued)."""
        title = _CONTINUED.sub("", title).strip() if title else None
        title = title or None
        current = self.path[level]
        if current is not None and self._same(current, number, title):
            return False
        if number is None and current is not None and title:
            if current.title is None:
                current.title = title
                self.report.warn(where, f"標題「{current.number or ''}」與「{title}」分在兩處，已合併為一個標題，請核對")
                current.notes.append(f"匯入時合併：文件中編號與標題「{title}」分在兩處。")
                return False
            if continues:
                self.report.warn(where, f"「{title}」接在「{current.title}」之後（跨頁或分格的同一標題），已接成「{current.title}{title}」，請核對")
                current.title += title
                current.notes.append("匯入時接合：本標題在文件中分成兩段（跨頁或分格），已接成一個標題。")
                return False
        node = HeadingNode(level, number, title, where)
        parent = self._parent_for(level, where)
        (parent.children if parent else self.facets).append(node)
        self.path[level] = node
        for deeper in HEADING_LEVELS[HEADING_LEVELS.index(level) + 1 :]:
            self.path[deeper] = None
        self.action = None
        return True

    def _same(self, node: HeadingNode, number: str | None, title: str | None) -> bool:
        if number is not None and node.number is not None and number_value(number) != number_value(node.number):
            return False
        if number is None and title is None:
            return True
        if title is None:
            return number is not None and node.number == number
        return node.title is not None and (node.title == title or (number is not None and node.title.startswith(title)))

    def _parent_for(self, level: Level, where: Where) -> HeadingNode | None:
        index = HEADING_LEVELS.index(level)
        if index == 0:
            return None
        parent_level = HEADING_LEVELS[index - 1]
        return self.path[parent_level] or self._ensure(parent_level, where)

    def _ensure(self, level: Level, where: Where) -> HeadingNode:
        node = self.path[level]
        if node is not None:
            return node
        label = {Level.FACET: "面向", Level.STRATEGY: "執行策略", Level.SUBSTRATEGY: "子策略"}[level]
        self.report.warn(where, f"這裡的內容之前沒有{label}，已加上一個沒有編號與標題的{label}，請核對")
        self.heading(level, None, None, where)
        node = self.path[level]
        assert node is not None
        node.notes.append(f"匯入時加上：文件中此處沒有{label}的編號與標題。")
        return node

    # -- actions

    def new_action(self, number: str | None, text: str, where: Where) -> ActionNode:
        parent = self.path[Level.SUBSTRATEGY] or self.path[Level.STRATEGY] or self._ensure(Level.STRATEGY, where)
        action = ActionNode(number, text, where)
        parent.actions.append(action)
        self.action = action
        return action

    def last_action_value(self) -> int | None:
        return number_value(self.action.number) if self.action else None

    # -- finishing

    def finish(self) -> list[HeadingNode]:
        actions = [action for facet in self.facets for action in _all_actions(facet)]
        for action in actions:
            self._read_period(action)
        self._report_wrapped_names(actions)
        for facet in self.facets:
            self._fix_mixed(facet)
            for strategy in facet.children:
                self._fix_mixed(strategy)
        return self.facets

    def _report_wrapped_names(self, actions: list[ActionNode]) -> None:
        """A department name joined from two PDF lines, never seen on one line elsewhere, is a doubt."""
        whole = {name for action in actions for name in action.departments or [] if name not in action.wrapped_names}
        reported: set[str] = set()
        for action in actions:
            for name in sorted(action.wrapped_names - whole):
                if name not in (action.departments or []):
                    continue
                note = f"承辦部門「{name}」在 PDF 中分成兩行，匯入時接成一個名稱；原文件也可能是兩個部門，或名稱中有空格，請核對。"
                action.notes.append(note)
                if name not in reported:
                    reported.add(name)
                    count = sum(name in (a.departments or []) and name in a.wrapped_names for a in actions)
                    self.report.warn(action.where, f"{note.removesuffix('。')}（共 {count} 項）")

    def _read_period(self, action: ActionNode) -> None:
        text = clean_text("".join(action.period_pieces))
        if not text:
            return
        if re.fullmatch(r"(持續辦理)+", text.replace(" ", "")):
            action.period = "持續辦理"
            return
        period, problem = parse_period(text)
        action.period = period
        if problem:
            self.report.warn(action.where, f"具體作法「{action.number or _short(action.text)}」的執行期間「{text}」{problem}，已填 null，請核對")
            action.notes.append(f"文件中的執行期間為「{text}」，{problem}，匯入時填 null。")

    def _fix_mixed(self, node: HeadingNode) -> None:
        """A strategy holds either sub-strategies or actions: loose actions beside sub-strategies get their own."""
        if node.level is Level.FACET:
            if node.actions:
                holder = HeadingNode(Level.STRATEGY, None, None, node.actions[0].where, actions=node.actions)
                holder.notes.append("匯入時加上：文件中這些具體作法之前沒有執行策略。")
                node.children.insert(0, holder)
                node.actions = []
            return
        if node.children and node.actions:
            holder = HeadingNode(Level.SUBSTRATEGY, None, None, node.actions[0].where, actions=node.actions)
            holder.notes.append("匯入時加上：這些具體作法在文件中不屬於任何子策略，已另立一個沒有編號與標題的子策略，請核對。")
            self.report.warn(node.actions[0].where, f"執行策略「{node.number or ''}{node.title or ''}」下有不屬於子策略的具體作法，已另立一個子策略，請核對")
            node.children.insert(0, holder)
            node.actions = []


class ExecutionReader:
    """Feeds the blocks of section 肆 into an ExecutionBuilder."""

    def __init__(self, report: Report):
        self.report = report
        self.builder = ExecutionBuilder(report)
        self.roles: dict[int, str] | None = None
        self.above = _RowValues()
        self.inherited_after_break = False
        self.unplaced: list[tuple[Where, str]] = []

    def read(self, blocks: list[Block]) -> ExecutionBuilder:
        self._find_category(blocks)
        for block in blocks:
            if isinstance(block, Table):
                self.read_table(block)
            else:
                self.read_paragraph(block)
        return self.builder

    def _find_category(self, blocks: list[Block]) -> None:
        """「一、整體服務類…」 before the table (layout 1), or before a second 「一、」 (layout 2)."""
        paragraphs = []
        for block in blocks:
            if isinstance(block, Table):
                if any(header_roles(row) and "facet" in (header_roles(row) or {}).values() for row in block.rows[:3]):
                    break
                paragraphs.append(None)  # a table without a facet column: facets are headings
                continue
            paragraphs.append(block)
        facet_form = [p for p in paragraphs if p is not None and split_number(p.text).level is Level.FACET]
        first_table = next((i for i, p in enumerate(paragraphs) if p is None), None)
        table_has_facets = first_table is None and len(paragraphs) < len(blocks)
        if not facet_form:
            return
        first = facet_form[0]
        ones = [p for p in facet_form if number_value(split_number(p.text).number) == 1]
        if table_has_facets or len(ones) >= 2:
            parsed = split_number(first.text)
            self.builder.category = (parsed.number, clean_text(parsed.text))
            self._category_block = first

    # -- paragraphs (layout 2 headings, notes)

    def read_paragraph(self, paragraph: Paragraph) -> None:
        if getattr(self, "_category_block", None) is paragraph:
            return
        text = clean_text(paragraph.text.replace("\n", " "))
        parsed = split_number(text)
        if parsed.level in HEADING_LEVELS:
            if paragraph.heading_level is not None:
                self.builder.heading_styles.setdefault(paragraph.heading_level, parsed.level)
            self.builder.heading(parsed.level, parsed.number, parsed.text or None, paragraph.where)
            return
        if parsed.level is None and (paragraph.heading_level is not None or paragraph.bold) and len(text) <= 40 and not text.endswith("。"):
            level = self.builder.heading_styles.get(paragraph.heading_level or -1)
            if level is None:
                level = Level.SUBSTRATEGY if self.builder.path[Level.STRATEGY] else Level.STRATEGY
                self.report.warn(paragraph.where, f"沒有編號的標題「{text}」，依位置判為{'子策略' if level is Level.SUBSTRATEGY else '執行策略'}，請核對")
            self.builder.heading(level, None, text, paragraph.where)
            return
        if parsed.level in (Level.ACTION, Level.SUBITEM):
            self.place_action_paragraphs([text], paragraph.where, continues_ok=False)
            return
        self.unplaced.append((paragraph.where, text))
        self.report.warn(paragraph.where, f"無法歸位的段落「{_short(text)}」，未放入任何具體作法，已以註解列在草稿中，請人工處理")

    # -- tables

    def read_table(self, table: Table) -> None:
        first_row = True
        header_seen = False
        pending_break = False
        previous_was_header = False
        for row in table.rows:
            roles = header_roles(row)
            if roles is None and previous_was_header:
                second = header_roles(row, partial=True)
                if second and self.roles is not None:
                    self.roles = {**self.roles, **second}
                    continue
            previous_was_header = roles is not None
            if roles is not None:
                # A header row again inside the table: a page break (printed, or made by hand).
                pending_break = pending_break or header_seen or row.after_page_break
                header_seen = True
                self.roles = roles
                continue
            if pending_break:
                row.after_page_break = True
                pending_break = False
            if self.roles is None:
                if first_row:
                    self.report.warn(row.where, "表格沒有可辨識的標題列（面向、具體作法、承辦部門、執行期間），依內容判讀，請核對")
                self.roles = self._guess_roles(row)
            first_row = False
            self.read_row(row)

    def _guess_roles(self, row: Row) -> dict[int, str]:
        cells = [cell for cell in row.cells]
        roles: dict[int, str] = {}
        if len(cells) >= 3:
            roles[cells[-1].column] = "period"
            roles[cells[-2].column] = "department"
            roles[cells[-3].column] = "action"
            for cell, role in zip(cells[:-3], ("facet", "strategy", "sub"), strict=False):
                roles[cell.column] = role
        return roles

    def role_of(self, cell: Cell) -> str | None:
        assert self.roles is not None
        for column in range(cell.column, cell.column + cell.span):
            if column in self.roles:
                return self.roles[column]
        return None

    def read_row(self, row: Row) -> None:
        by_role: dict[str, Cell] = {}
        action_texts: list[str] = []
        headings: list[tuple[Level, str | None, str | None]] = []
        for cell in sorted(row.cells, key=lambda c: c.column):
            role = self.role_of(cell)
            if role is None:
                if not cell.empty and not cell.covered:
                    self.report.warn(row.where, f"表格第 {cell.column + 1} 欄不在標題列之下，內容「{_short(' '.join(cell.paragraphs))}」依編號判讀，請核對")
                    role = "action" if split_number(cell.paragraphs[0]).level not in HEADING_LEVELS else "strategy"
                else:
                    continue
            if role in by_role and role in ("department", "period", "number"):
                continue
            by_role.setdefault(role, cell)
            if cell.covered or cell.empty:
                continue
            if role in ("facet", "strategy", "sub"):
                for level, number, title in self._heading_items(cell, role):
                    if level in (Level.ACTION, Level.SUBITEM) or (level is None):
                        action_texts.append(f"{number or ''}{' ' if number else ''}{title or ''}")
                    else:
                        headings.append((level, number, title))
            elif role == "action":
                action_texts += [_join_paragraph(p) for p in cell.paragraphs]
        number_cell = by_role.get("number")
        if number_cell is not None and not number_cell.empty and not number_cell.covered and action_texts:
            number = clean_text(" ".join(number_cell.paragraphs))
            if split_number(action_texts[0]).number is None:
                action_texts[0] = f"{number} {action_texts[0]}"
        department_cell, period_cell = by_role.get("department"), by_role.get("period")
        has_own_values = any(cell is not None and not cell.covered and not cell.empty for cell in (department_cell, period_cell))

        continues = self._row_continues(row, action_texts, bool(headings), has_own_values)
        created = [self.builder.heading(level, number, title, row.where, continues=continues) for level, number, title in headings]
        started = self.place_action_paragraphs(action_texts, row.where, continues_ok=continues and not any(created), row=row)
        if not started and not action_texts:
            if has_own_values and self.builder.action is not None and not headings:
                started = [self.builder.action]
            elif has_own_values:
                self.report.warn(row.where, "這一列有承辦部門或執行期間，卻沒有具體作法，請核對")
                return
        self._assign_columns(started, department_cell, period_cell, row)

    def _heading_items(self, cell: Cell, role: str) -> list[tuple[Level | None, str | None, str | None]]:
        """A heading cell's paragraphs: a numbered paragraph starts an item; unnumbered ones continue it."""
        column_level = {"facet": Level.FACET, "strategy": Level.STRATEGY, "sub": Level.SUBSTRATEGY}[role]
        items: list[list[Any]] = []
        for paragraph in cell.paragraphs:
            text = _join_paragraph(paragraph)
            parsed = split_number(text)
            if parsed.level is not None and parsed.level is not Level.SECTION:
                items.append([parsed.level, parsed.number, parsed.text])
            elif items and items[-1][0] in HEADING_LEVELS:
                items[-1][2] = clean_text(f"{items[-1][2]}{text}") if items[-1][2] else text
            else:
                items.append([column_level, None, text])
        return [(level, number, clean_text(title) or None) for level, number, title in items]

    def _row_continues(self, row: Row, action_texts: list[str], has_headings: bool, has_own_values: bool) -> bool:
        """Does this row carry on the row above (a page break, a split row) rather than start something new?"""
        if not action_texts:
            return row.after_page_break or not has_own_values
        first = split_number(action_texts[0])
        if first.number is None:
            return row.after_page_break or not has_own_values
        last = self.builder.last_action_value()
        return last is not None and number_value(first.number) == last + 1

    def place_action_paragraphs(self, texts: list[str], where: Where, continues_ok: bool, row: Row | None = None) -> list[ActionNode]:
        started: list[ActionNode] = []
        for index, raw in enumerate(texts):
            text = clean_text(raw)
            if not text:
                continue
            parsed = split_number(text)
            action = self.builder.action
            if parsed.level is Level.SUBITEM:
                if action is None:
                    self.report.warn(where, f"細項「{parsed.number}」之前沒有具體作法，已當成一項具體作法，請核對")
                    started.append(self.builder.new_action(parsed.number, parsed.text, where))
                else:
                    action.subitems.append((parsed.number, parsed.text))
                continue
            if parsed.number is not None and parsed.level is not Level.SECTION:
                started.append(self.builder.new_action(parsed.number, parsed.text, where))
                continue
            if action is not None and (index > 0 or continues_ok):
                if index == 0 and not (row is not None and row.after_page_break):
                    self.report.warn(where, f"沒有編號、承辦部門與執行期間的一列，已接到上一項具體作法「{action.number or _short(action.text)}」之後，請核對")
                    action.notes.append("匯入時接合：本項文字在文件中分在兩列，已接成一項。")
                elif index > 0 and not action.subitems:
                    self.report.warn(
                        where, f"具體作法「{action.number or _short(action.text)}」有沒有編號的另一段「{_short(text)}」，已接在本項文字之後，請核對"
                    )
                    action.notes.append("匯入時接合：本項在文件中有兩個以上的段落，已接成一段。")
                if action.subitems:
                    number, last = action.subitems[-1]
                    action.subitems[-1] = (number, join_lines([last, text]))
                else:
                    action.text = join_lines([action.text, text])
                continue
            started.append(self.builder.new_action(None, text, where))
        return started

    def _assign_columns(self, started: list[ActionNode], department_cell: Cell | None, period_cell: Cell | None, row: Row) -> None:
        self.inherited_after_break = False
        departments, own_departments = self._column_values(department_cell, "departments", _department_groups, row)
        wrapped = _wrapped_names(department_cell.paragraphs) if own_departments and department_cell is not None else set()
        for action in started or ([self.builder.action] if self.builder.action else []):
            action.wrapped_names |= wrapped
        periods, own_periods = self._column_values(period_cell, "periods", _period_groups, row)
        if not started:
            # A continuation row (a split row, a page break): what its own cells add belongs to the action above.
            action = self.builder.action
            if action is None:
                return
            if departments and own_departments:
                action.departments = _merge_names([action.departments or [], *departments])
            if periods and own_periods:
                action.period_pieces.append("".join(periods))
            return
        if self.inherited_after_break:
            for action in started:
                message = "承辦部門或執行期間欄在換頁後的第一列是空白的，視為跨頁合併的儲存格，沿用上一列的內容"
                self.report.warn(row.where, f"具體作法「{action.number or _short(action.text)}」的{message}，請核對")
                action.notes.append(f"匯入時推定：{message}。")
                action.inferred = action.inferred or bool(departments)
        for label, values in (("承辦部門", departments), ("執行期間", periods)):
            if values is None:
                continue
            for action in started:
                if label == "承辦部門":
                    action.departments_seen = True
                else:
                    action.period_seen = True
            if len(started) == 1:
                if label == "承辦部門":
                    started[0].departments = _merge_names(values) or None
                elif values:
                    started[0].period_pieces.append("".join(values))
                continue
            if values and len(values) != len(started):
                shown = "／".join("、".join(v) if isinstance(v, list) else str(v) for v in values)
                note = f"文件中這一列有 {len(started)} 項具體作法，{label}欄卻有 {len(values)} 格（{shown}），依順序推定對應，請核對。"
                self.report.warn(row.where, note.removesuffix("。"))
                for action in started[: len(values)]:
                    action.notes.append(note)
                    action.inferred = action.inferred or label == "承辦部門"
            for action, value in zip(started, values, strict=False):
                if label == "承辦部門":
                    action.departments = list(value) or None
                else:
                    action.period_pieces.append(value)

    def _column_values(self, cell: Cell | None, key: str, parse: Any, row: Row) -> tuple[list[Any] | None, bool]:
        """(values, whether the cell itself holds them) of a department or period cell.

        A covered (merged) cell repeats the one above; after a page break an empty cell may
        be a merged cell going on from the page before.
        """
        if cell is None:
            return None, False
        if cell.covered or (row.after_page_break and cell.empty and getattr(self.above, key)):
            if not cell.covered:
                self.inherited_after_break = True
            return getattr(self.above, key), False
        values = parse(cell.paragraphs) if not cell.empty else []
        setattr(self.above, key, values)
        return values, True


def _all_actions(node: HeadingNode) -> list[ActionNode]:
    return node.actions + [action for child in node.children for action in _all_actions(child)]


def _join_paragraph(paragraph: str) -> str:
    return join_lines(paragraph.split("\n"))


def _department_groups(paragraphs: list[str]) -> list[list[str]]:
    """Department names per paragraph; a paragraph ending in 「、」 goes on in the next one."""
    lines = [line for paragraph in paragraphs for line in paragraph.split("\n") if line.strip()]
    groups: list[str] = []
    for line in lines:
        line = line.strip()
        if groups and (groups[-1].endswith(("、", "，", ",")) or line.startswith(("、", "，", ","))):
            groups[-1] += line
        else:
            groups.append(line)
    result = []
    for group in groups:
        names = [clean_name(name) for name in _LIST_SEPARATORS.split(group)]
        names = [name for name in names if name]
        if names:
            result.append(names)
    return result


def _wrapped_names(paragraphs: list[str]) -> set[str]:
    """Names (after splitting at 、) that a PDF line wrap cut between two CJK characters."""
    names = set()
    for group in _LIST_SEPARATORS.split("".join(paragraphs).replace("\n", "、")):
        if re.search(f"[{CJK}]{WRAP}[{CJK}]", group):
            names.add(clean_name(group))
    return names


def _period_groups(paragraphs: list[str]) -> list[str]:
    """Periods per paragraph; a period broken over lines (持續辦 / 理) is joined first."""
    text = clean_text("".join(paragraphs).replace("\n", ""))
    if not text:
        return []
    repeated = re.fullmatch(r"(持續辦理)+", text.replace(" ", ""))
    if repeated:
        return ["持續辦理"] * (len(text.replace(" ", "")) // 4)
    pieces = [clean_text(p.replace("\n", "")) for p in paragraphs if p.strip()]
    if len(pieces) > 1 and all(parse_period(piece)[1] is None for piece in pieces):
        return pieces
    return [text]


def _merge_names(groups: list[list[str]]) -> list[str]:
    names: list[str] = []
    for group in groups:
        for name in group:
            if name not in names:
                names.append(name)
    return names


def _short(text: str, length: int = 20) -> str:
    text = text.replace("\n", " ").replace(WRAP, "")
    return text if len(text) <= length else text[:length] + "…"
