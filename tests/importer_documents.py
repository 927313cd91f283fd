"""Build plan documents the way an office writes them, from plan data, for the importer tests.

A document shows what a real office document would contain: no gap markers, no
editor's notes; an action that the data records as missing simply is not there.
Two layouts: one big table with merged cells (layout 1) and headings with a small
table under each (layout 2). ODT and PDF are made from the DOCX by LibreOffice.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from plansite.source.yaml_source import parse_yaml_bytes

Node = dict[str, Any]


def read_plan(path: Path) -> Node:
    return parse_yaml_bytes(path.read_bytes(), path.name).data


# -- what a document shows -------------------------------------------------------------------


@dataclass(frozen=True)
class ShownAction:
    """An action as the document shows it: the fields a round trip must reproduce."""

    where: str
    number: str | None
    text: str
    subitems: tuple[tuple[str | None, str], ...]
    departments: tuple[str, ...] | None
    period: Any


def shown_actions(plan: Node) -> list[ShownAction]:
    found = []
    for facet, strategy, sub, action in walk_actions(plan):
        if action.get("source") == "missing":
            continue
        where = " ".join(str(n["number"] or "") + str(n.get("title") or "") for n in (facet, strategy, sub) if n)
        found.append(
            ShownAction(
                where=where,
                number=action["number"],
                text=action["text"],
                subitems=tuple((item["number"], item["text"]) for item in action.get("subitems", [])),
                departments=tuple(action["departments"]) if action.get("departments") else None,
                period=action.get("period"),
            )
        )
    return found


def walk_actions(plan: Node) -> Iterator[tuple[Node, Node, Node | None, Node]]:
    for facet in plan["execution"]["facets"]:
        for strategy in facet["strategies"]:
            if "actions" in strategy:
                for action in strategy["actions"]:
                    yield facet, strategy, None, action
            else:
                for sub in strategy["substrategies"]:
                    for action in sub["actions"]:
                        yield facet, strategy, sub, action


def roc(day: str) -> str:
    value = date.fromisoformat(day)
    return f"{value.year - 1911}年{value.month}月{value.day}日"


def period_text(period: Any) -> str:
    if period is None:
        return ""
    if isinstance(period, str):
        return period
    return f"{roc(period['start'])}至{roc(period['end'])}"


def heading_text(node: Node, separator: str = "") -> str:
    number, title = node["number"], node.get("title")
    if number and title:
        return f"{number}{separator}{title}"
    return number or title or ""


def action_paragraphs(action: Node, separator: str = " ") -> list[str]:
    number = action["number"]
    lines = [f"{number}{separator}{action['text']}" if number else action["text"]]
    lines += [f"{item['number']}{item['text']}" if item["number"] else item["text"] for item in action.get("subitems", [])]
    return lines


# -- options for damaged documents -----------------------------------------------------------


@dataclass(frozen=True)
class Damage:
    """Irregularities real documents have; each one is something the importer must cope with."""

    restate_after: frozenset[str] = frozenset()
    """Action ids after which the facet/strategy/sub-strategy cells start again (a page break): restated text."""
    empty_after: frozenset[str] = frozenset()
    """Action ids after which the merged cells start again as empty, unmerged cells."""
    header_after: frozenset[str] = frozenset()
    """Action ids after which the header row is repeated in the body (a manual page break)."""
    split_rows: frozenset[str] = frozenset()
    """Action ids whose text is split over two rows (the second without number, department or period)."""
    departments_on_lines: frozenset[str] = frozenset()
    """Action ids whose departments are separate paragraphs in the cell, without 、."""
    departments_wrapped: frozenset[str] = frozenset()
    """Action ids whose department cell breaks after 「、」 into a second paragraph."""
    without_period_column: bool = False
    number_separator: str = " "
    extra: dict[str, Any] = field(default_factory=dict)


NO_DAMAGE = Damage()


# -- DOCX ------------------------------------------------------------------------------------


def _new_docx() -> Any:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.font.name = "Noto Serif CJK TC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK TC")
    return document


def _bold_paragraph(document: Any, text: str, size: int | None = None) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)


def _front_matter(document: Any, plan: Node) -> None:
    _bold_paragraph(document, plan["title"], 16)
    dates = plan["dates"]
    if dates["published"]:
        document.add_paragraph(f"中華民國{roc(dates['published'])}訂定")
    if dates["amended"]:
        document.add_paragraph(f"中華民國{roc(dates['amended'])}修正")
    basis = plan["basis"]
    _bold_paragraph(document, f"{basis['number']}{basis['title']}")
    for item in basis["items"]:
        document.add_paragraph(f"{item['number']}{item['text']}")
    goals = plan["goals"]
    _bold_paragraph(document, f"{goals['number']}{goals['title']}")
    for text in goals["paragraphs"]:
        document.add_paragraph(text)
    targets = plan["targets"]
    _bold_paragraph(document, f"{targets['number']}{targets['title']}")
    for item in targets["items"]:
        document.add_paragraph(f"{item['number'] or ''}{item['text']}")
    execution = plan["execution"]
    _bold_paragraph(document, f"{execution['number']}{execution['title']}")
    if execution.get("category"):
        document.add_paragraph(heading_text(execution["category"]))


def _back_matter(document: Any, plan: Node) -> None:
    steps = plan["steps"]
    _bold_paragraph(document, f"{steps['number']}{steps['title']}")
    for item in steps["items"]:
        document.add_paragraph(f"{item['number'] or ''}{item['text']}")
    closing = plan["closing"]
    document.add_paragraph(f"{closing['number'] or ''}{closing['text']}")


def _set_cell(cell: Any, paragraphs: list[str]) -> None:
    cell.text = ""
    first = cell.paragraphs[0]
    for index, text in enumerate(paragraphs):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.add_run(text)


def _mark_header_row(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _set_widths(table: Any, widths_cm: list[float]) -> None:
    from docx.shared import Cm

    table.autofit = False
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index < len(widths_cm):
                cell.width = Cm(widths_cm[index])
    grid = table._tbl.tblGrid
    for index, column in enumerate(grid.gridCol_lst):
        if index < len(widths_cm):
            column.w = Cm(widths_cm[index])


@dataclass
class _Row:
    """One body row of layout 1 before it becomes Word cells."""

    facet: str | None
    strategy: str | None
    sub: str | None
    has_sub_column: bool
    action: list[str]
    departments: list[str]
    period: str
    group: tuple[int, int, int]
    header: bool = False
    restart: str | None = None  # "restate" or "empty": merged cells begin again on this row


def _layout1_rows(plan: Node, damage: Damage) -> list[_Row]:
    rows: list[_Row] = []
    restart: str | None = None
    for f_index, facet in enumerate(plan["execution"]["facets"]):
        for s_index, strategy in enumerate(facet["strategies"]):
            groups = [(None, strategy["actions"])] if "actions" in strategy else [(sub, sub["actions"]) for sub in strategy["substrategies"]]
            for u_index, (sub, actions) in enumerate(groups):
                for action in actions:
                    if action.get("source") == "missing":
                        continue
                    departments = list(action.get("departments") or [])
                    action_id = str(action["id"])
                    if action_id in damage.departments_on_lines:
                        department_cell = departments
                    elif action_id in damage.departments_wrapped and len(departments) > 1:
                        department_cell = [departments[0] + "、", "、".join(departments[1:])]
                    else:
                        department_cell = ["、".join(departments)] if departments else []
                    paragraphs = action_paragraphs(action, damage.number_separator)
                    row = _Row(
                        facet=heading_text(facet),
                        strategy=heading_text(strategy, damage.number_separator),
                        sub=heading_text(sub, damage.number_separator) if sub else None,
                        has_sub_column=sub is not None,
                        action=paragraphs,
                        departments=department_cell,
                        period=period_text(action.get("period")),
                        group=(f_index, s_index, u_index),
                        restart=restart,
                    )
                    restart = None
                    if action_id in damage.split_rows:
                        first, second = _split_text(paragraphs[0])
                        row.action = [first]
                        rows.append(row)
                        rows.append(dataclasses.replace(row, action=[second, *paragraphs[1:]], departments=[], period="", restart=None))
                    else:
                        rows.append(row)
                    if action_id in damage.header_after:
                        rows.append(dataclasses.replace(row, header=True, restart=None))
                    if action_id in damage.restate_after:
                        restart = "restate"
                    elif action_id in damage.empty_after:
                        restart = "empty"
    return rows


def _split_text(text: str) -> tuple[str, str]:
    """Cut a paragraph near its middle, after a CJK character, as a page break would."""
    middle = len(text) // 2
    for cut in range(middle, len(text) - 1):
        if re.match(r"[\u4e00-\u9fff]", text[cut]) and re.match(r"[\u4e00-\u9fff]", text[cut + 1]):
            return text[: cut + 1], text[cut + 1 :]
    return text[:middle], text[middle:]


def write_docx_table_layout(plan: Node, path: Path, damage: Damage = NO_DAMAGE) -> Path:
    """Layout 1: one big table, 面向 | 執行策略 (two columns) | 具體作法 | 承辦部門 | 執行期間."""
    document = _new_docx()
    _front_matter(document, plan)
    rows = _layout1_rows(plan, damage)
    columns = 5 if damage.without_period_column else 6
    table = document.add_table(rows=1 + len(rows), cols=columns)
    table.style = "Table Grid"
    _set_widths(table, [1.6, 2.0, 2.4, 8.0, 2.0, 1.6][:columns])
    header = table.rows[0]
    _header_cells(header, columns)
    _mark_header_row(header)
    for index, row in enumerate(rows, start=1):
        cells = table.rows[index].cells
        if row.header:
            _header_cells(table.rows[index], columns)
            continue
        _set_cell(cells[3], row.action)
        _set_cell(cells[4], row.departments)
        if columns == 6:
            _set_cell(cells[5], [row.period] if row.period else [])
    _merge_headings(table, rows)
    _back_matter(document, plan)
    document.save(path)
    return path


def _header_cells(row: Any, columns: int) -> None:
    cells = row.cells
    _set_cell(cells[0], ["面向"])
    _set_cell(cells[1], ["執行策略"])
    _set_cell(cells[3], ["具體作法"])
    _set_cell(cells[4], ["承辦部門"])
    if columns == 6:
        _set_cell(cells[5], ["執行期間"])
    cells[1].merge(cells[2])


def _merge_headings(table: Any, rows: list[_Row]) -> None:
    """Merge facet, strategy and sub-strategy cells downwards over their rows, as Word users do."""
    # A run ends where the heading changes, at a repeated header row, or where the document restarts merging.
    for column, depth in ((0, 1), (1, 2), (2, 3)):
        start = 0
        for index in range(len(rows) + 1):
            ends = (
                index == len(rows)
                or rows[index].header
                or rows[index].restart is not None
                or rows[index].group[:depth] != rows[start].group[:depth]
                or rows[start].header
            )
            if not ends:
                continue
            if start < index and not rows[start].header:
                _fill_run(table, rows, start, index, column)
            start = index


def _fill_run(table: Any, rows: list[_Row], start: int, end: int, column: int) -> None:
    """Merge one heading's cells over rows start..end-1; a strategy without sub-strategies spans both strategy columns."""
    row = rows[start]
    if column == 2 and not row.has_sub_column:
        return
    last_column = 2 if column == 1 and not row.has_sub_column else column
    if row.restart == "empty" and start > 0 and rows[start - 1].group[: column + 1] == row.group[: column + 1]:
        # The cell goes on after the break, but the document leaves it empty and unmerged.
        for index in range(start, end):
            if last_column != column:
                table.cell(index + 1, column).merge(table.cell(index + 1, last_column))
        return
    text = [row.facet, row.strategy, row.sub][column]
    top = table.cell(start + 1, column)
    _set_cell(top, [text] if text else [])
    if end - start > 1 or last_column != column:
        top.merge(table.cell(end, last_column))


def write_docx_heading_layout(plan: Node, path: Path, *, heading_styles: bool = True, damage: Damage = NO_DAMAGE) -> Path:
    """Layout 2: facet / strategy / sub-strategy as headings, a table 編號 | 具體作法 | 承辦部門 | 執行期間 under each."""
    document = _new_docx()
    _front_matter(document, plan)

    def heading(text: str, level: int) -> None:
        if heading_styles:
            document.add_heading(text, level=level)
        else:
            _bold_paragraph(document, text)

    for facet in plan["execution"]["facets"]:
        heading(heading_text(facet), 1)
        for strategy in facet["strategies"]:
            heading(heading_text(strategy, damage.number_separator), 2)
            groups = [(None, strategy["actions"])] if "actions" in strategy else [(sub, sub["actions"]) for sub in strategy["substrategies"]]
            for sub, actions in groups:
                if sub is not None:
                    heading(heading_text(sub, damage.number_separator), 3)
                shown = [action for action in actions if action.get("source") != "missing"]
                table = document.add_table(rows=1 + len(shown), cols=4)
                table.style = "Table Grid"
                _set_widths(table, [1.4, 10.6, 3.0, 2.0])
                for cell, label in zip(table.rows[0].cells, ("編號", "具體作法", "承辦部門", "執行期間"), strict=True):
                    _set_cell(cell, [label])
                _mark_header_row(table.rows[0])
                for index, action in enumerate(shown, start=1):
                    cells = table.rows[index].cells
                    paragraphs = action_paragraphs(action)
                    _set_cell(cells[0], [action["number"]] if action["number"] else [])
                    _set_cell(cells[1], [action["text"], *paragraphs[1:]])
                    departments = action.get("departments") or []
                    _set_cell(cells[2], ["、".join(departments)] if departments else [])
                    period = period_text(action.get("period"))
                    _set_cell(cells[3], [period] if period else [])
    _back_matter(document, plan)
    document.save(path)
    return path


# -- LibreOffice -----------------------------------------------------------------------------


def convert(documents: list[Path], target: str, out_dir: Path, profile: Path | None = None) -> list[Path]:
    """Convert with real LibreOffice (one process for the batch): target "odt" or "pdf" (with export options).

    Give the same `profile` folder to every call of a session: LibreOffice starts faster the second time.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = profile or out_dir / ".lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *map(str, documents),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    converted = [out_dir / f"{path.stem}.{target.split(':')[0]}" for path in documents]
    missing = [path for path in converted if not path.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stdout} {result.stderr}"
    return converted


# -- comparing a draft with the plan it was made from ----------------------------------------


@dataclass
class Comparison:
    expected: int
    exact: int
    differences: list[str]

    @property
    def rate(self) -> float:
        return self.exact / self.expected if self.expected else 0.0


def compare_actions(expected_plan: Node, imported_plan: Node) -> Comparison:
    """Field by field (number, text with sub-items, departments, period) over the actions the document shows."""
    expected = shown_actions(expected_plan)
    imported = shown_actions(imported_plan)
    import difflib

    matcher = difflib.SequenceMatcher(a=[a.text for a in expected], b=[a.text for a in imported], autojunk=False)
    pairs: dict[int, int] = {}
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for offset in range(min(a1 - a0, b1 - b0)):
                pairs[a0 + offset] = b0 + offset
    exact, differences = 0, []
    for index, action in enumerate(expected):
        if index not in pairs:
            differences.append(f"{action.where} {action.number}: not imported ({action.text[:30]})")
            continue
        got = imported[pairs[index]]
        wrong = [name for name in ("number", "text", "subitems", "departments", "period") if getattr(action, name) != getattr(got, name)]
        if wrong:
            differences.append(
                f"{action.where} {action.number}: " + "; ".join(f"{name}: {getattr(action, name)!r} != {getattr(got, name)!r}" for name in wrong)
            )
        else:
            exact += 1
    return Comparison(len(expected), exact, differences)


# -- small hand-made documents for particular structures -------------------------------------


def _fill(cell: Any, paragraphs: list[str]) -> None:
    cell.text = paragraphs[0] if paragraphs else ""
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def write_docx_several_actions_per_cell(path: Path) -> Path:
    """Like the seed document: several actions in one cell, their departments as parallel paragraphs (one short)."""
    import docx

    document = docx.Document()
    document.add_paragraph("測試機關 114 年度服務計畫")
    document.add_paragraph("肆、執行策略及具體作法")
    table = document.add_table(rows=3, cols=5)
    rows = [
        (["面向"], ["執行策略"], ["具體作法"], ["承辦部門"], ["執行期間"]),
        (
            ["一、基礎服務"],
            ["(一)服務一致"],
            ["(1)作法一。", "(2)作法二。", "(3)作法三。"],
            ["業務組", "業務組、電費組", "設計組"],
            ["持續辦理", "持續辦理", "114年1月1日至114年6月30日"],
        ),
        ([], ["(二)服務友善"], ["(1)作法四。", "(2)作法五。", "(3)作法六。"], ["業務組", "設計組"], ["持續辦理", "持續辦理"]),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, paragraphs in zip(row.cells, values, strict=True):
            _fill(cell, paragraphs)
    document.save(path)
    return path


def write_docx_auto_numbered(path: Path) -> Path:
    """Action numbers (1) (2) and sub-items 甲、 乙、 made by Word's automatic numbering, not typed."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%2、"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(paragraph: Any, level: int) -> None:
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    document.add_paragraph("測試機關 114 年度服務計畫")
    document.add_paragraph("肆、執行策略及具體作法")
    document.add_heading("一、基礎服務", 1)
    document.add_heading("(一)服務一致", 2)
    table = document.add_table(rows=3, cols=3)
    _fill_row(table.rows[0], ["具體作法", "承辦部門", "執行期間"])
    for row, (text, subitems) in zip(table.rows[1:], [("作法一。", []), ("作法二：", ["細項一。", "細項二。"])], strict=True):
        cell = row.cells[0]
        cell.text = text
        numbered(cell.paragraphs[0], 0)
        for item in subitems:
            numbered(cell.add_paragraph(item), 1)
        _fill_row(row, [None, "業務組", "持續辦理"])
    document.save(path)
    return path


def _fill_row(row: Any, texts: list[str | None]) -> None:
    for cell, text in zip(row.cells, texts, strict=True):
        if text is not None:
            cell.text = text
