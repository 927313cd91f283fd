"""From neutral blocks to plan data in the plan format, with every doubt reported."""

from __future__ import annotations

import re
from typing import Any

from .blocks import Document, ImportRefused, Table, Where
from .execution import ActionNode, ExecutionReader, HeadingNode, header_roles
from .report import Report
from .sections import Section, directive, preamble_parts, section_paragraphs, split_sections
from .text import Level, number_value, split_number

Node = dict[str, Any]
_LABELS = {Level.FACET: "面向", Level.STRATEGY: "執行策略", Level.SUBSTRATEGY: "子策略"}


def build_plan(document: Document, plan_id: str, office: str | None, report: Report) -> Node:
    if not any(_has_text(block) for block in document.blocks):
        raise ImportRefused(f"「{document.name}」沒有任何文字內容（空白文件），未產生草稿")
    outline = split_sections(document.blocks)
    execution = next((s for s in outline.sections if s.kind == "execution"), None)
    if execution is None or not _has_plan_content(execution):
        raise ImportRefused(
            f"「{document.name}」不像年度計畫文件：找不到「執行策略及具體作法」一節（含「具體作法、承辦部門、執行期間」的表格或編號標題），未產生草稿"
        )
    title, office_line, dates, leftover = preamble_parts(outline.preamble, report)
    for paragraph in leftover:
        report.warn(paragraph.where, f"標題前後的段落「{_short(paragraph.text)}」不屬於計畫格式的任何欄位，未匯入，請核對")
    for table in outline.stray_tables:
        report.warn(table.where, "第一節之前的表格不屬於計畫格式的任何欄位，未匯入，請核對")

    plan: Node = {"id": plan_id, "file_basename": f"{plan_id}-plan"}
    plan["title"] = title or ""
    if not title:
        report.warn(None, "找不到計畫名稱，請在草稿的 title 填上")
    plan["roc_year"] = _roc_year(title, plan_id, report)
    plan["office"] = _office(office, office_line, title, report)
    plan["dates"] = dates
    plan["source_note"] = (
        f"本資料由「{document.name}」以 plansite import 匯入，尚待網站管理者逐項核對原文件；標示為「編者註」的說明係匯入時所加，並非計畫原文。"
    )
    plan["departments"] = []
    kinds = {section.kind: section for section in outline.sections if section.kind}
    plan["basis"] = _basis(kinds.get("basis"), report)
    plan["goals"] = _goals(kinds.get("goals"), report)
    plan["targets"] = _numbered_section(kinds.get("targets"), "targets", "實施對象", report)
    plan["execution"] = _execution(execution, report)
    plan["steps"] = _numbered_section(kinds.get("steps"), "steps", "實施步驟", report)
    plan["closing"] = _closing(kinds.get("closing"), report)
    plan["departments"] = _departments(plan)
    if not plan["departments"]:
        report.warn(None, "文件中找不到任何承辦部門，departments 暫填「未載明」，請核對")
        plan["departments"] = ["未載明"]
    for section in outline.sections:
        if section.kind is None or (section.kind != "execution" and kinds.get(section.kind) is not section):
            text = "；".join(t for _w, t in section_paragraphs(section, report))
            report.warn(section.where, f"「{section.number}{section.title}」不屬於計畫格式的任何一節，未匯入，已以註解列在草稿末尾，請人工處理")
            report.comment(("closing",), f"未匯入的一節：{section.number}{section.title}{('：' + text) if text else ''}")
    return plan


def _has_text(block: Any) -> bool:
    if isinstance(block, Table):
        return any(not cell.empty for row in block.rows for cell in row.cells)
    return bool(block.text.strip())


def _has_plan_content(section: Section) -> bool:
    for block in section.blocks:
        if isinstance(block, Table) and any(header_roles(row) for row in block.rows[:4]):
            return True
        if isinstance(block, Table) and len(block.rows) > 1 and max(len(row.cells) for row in block.rows) >= 3:
            return True
    return False


def _roc_year(title: str | None, plan_id: str, report: Report) -> int | None:
    for text in (title or "", plan_id):
        match = re.search(r"(\d{2,3})\s*年", text) or re.search(r"(?:^|-)(\d{2,3})(?:-|$)", text)
        if match:
            return int(match.group(1))
    report.warn(None, "讀不出計畫的民國年度，請在草稿的 roc_year 填上")
    return None


def _office(option: str | None, line: str | None, title: str | None, report: Report) -> str:
    if option:
        return option
    if line:
        return line
    prefix = re.split(r"\s*\d{2,3}\s*年", title or "")[0].strip()
    if prefix:
        report.warn(None, f"文件沒有寫出機關全銜，office 暫用標題開頭的「{prefix}」，請核對（或以 --office 指定）")
        report.comment(("office",), "匯入提醒：文件沒有寫出機關全銜，這裡暫用標題開頭，請改為機關全銜。")
        return prefix
    report.warn(None, "文件沒有寫出機關全銜，請在草稿的 office 填上（或以 --office 指定）")
    return "未載明"


def _missing_section(key: str, label: str, report: Report) -> None:
    report.warn(None, f"文件中找不到「{label}」一節，草稿中這一節暫填「未載明」，請核對")
    report.comment((key,), f"匯入提醒：文件中找不到「{label}」一節。")


def _basis(section: Section | None, report: Report) -> Node:
    if section is None:
        _missing_section("basis", "計畫依據", report)
        return {
            "number": None,
            "title": "計畫依據",
            "items": [{"number": None, "issuer": None, "date": None, "document_number": None, "title": None, "text": "未載明"}],
        }
    items = []
    for index, (where, text) in enumerate(section_paragraphs(section, report)):
        parsed = split_number(text)
        number, body = (parsed.number, parsed.text) if parsed.level is Level.FACET else (None, text)
        items.append(directive(number, body, where, ("basis", "items", index), report))
    return {
        "number": section.number,
        "title": section.title,
        "items": items or [{"number": None, "issuer": None, "date": None, "document_number": None, "title": None, "text": "未載明"}],
    }


def _goals(section: Section | None, report: Report) -> Node:
    if section is None:
        _missing_section("goals", "計畫目標", report)
        return {"number": None, "title": "計畫目標", "paragraphs": ["未載明"]}
    paragraphs = [text for _where, text in section_paragraphs(section, report)]
    if not paragraphs:
        report.warn(section.where, f"「{section.number}{section.title}」之下沒有文字")
    return {"number": section.number, "title": section.title, "paragraphs": paragraphs or ["未載明"]}


def _numbered_section(section: Section | None, key: str, label: str, report: Report) -> Node:
    if section is None:
        _missing_section(key, label, report)
        return {"number": None, "title": label, "items": [{"number": None, "text": "未載明"}]}
    items: list[Node] = []
    expected = 1
    for where, text in section_paragraphs(section, report):
        parsed = split_number(text)
        if parsed.number is not None and parsed.level is not Level.SECTION:
            item: Node = {"number": parsed.number, "text": parsed.text}
            value = number_value(parsed.number)
            if value != expected:
                message = f"「{section.number}{section.title}」的編號「{parsed.number}」不連續（應為第 {expected} 項），已照原文保留"
                report.warn(where, message)
                item["note"] = f"原文編號如此（依順序應為第 {expected} 項），匯入時照錄，請核對。"
            expected = (value or expected) + 1
        else:
            item = {"number": None, "text": text}
        items.append(item)
    return {"number": section.number, "title": section.title, "items": items or [{"number": None, "text": "未載明"}]}


def _closing(section: Section | None, report: Report) -> Node:
    if section is None:
        _missing_section("closing", "最後一節（例如修正條款）", report)
        return {"number": None, "text": "未載明"}
    paragraphs = [text for _where, text in section_paragraphs(section, report)]
    if _looks_like_title(section.title) and paragraphs:
        report.warn(section.where, f"最後一節「{section.number}{section.title}」有標題，計畫格式的 closing 沒有標題欄位，標題以註解保留")
        report.comment(("closing",), f"原文此節標題：{section.title}")
        return {"number": section.number, "text": "".join(paragraphs)}
    text = "".join([section.title, *paragraphs])
    return {"number": section.number, "text": text}


def _looks_like_title(text: str) -> bool:
    return len(text) <= 12 and not text.endswith("。")


# -- section 肆


def _execution(section: Section, report: Report) -> Node:
    reader = ExecutionReader(report)
    builder = reader.read(section.blocks)
    facets = builder.finish()
    node: Node = {"number": section.number, "title": section.title}
    if builder.category:
        node["category"] = {"number": builder.category[0], "title": builder.category[1]}
    if not facets:
        raise ImportRefused("「執行策略及具體作法」一節中讀不到任何面向或具體作法，未產生草稿")
    node["facets"] = [_heading_node(facet, [str(index)], report) for index, facet in enumerate(_renumbered(facets, report), start=1)]
    for where, text in reader.unplaced:
        report.comment(("execution", "facets"), f"未能歸位的段落（{where}）：{text}")
    return node


def _renumbered(nodes: list[HeadingNode], report: Report) -> list[HeadingNode]:
    _check_sequence([(n.number, n.where, n) for n in nodes], _LABELS[nodes[0].level] if nodes else "", report)
    return nodes


def _check_sequence(items: list[tuple[str | None, Where, Any]], label: str, report: Report) -> None:
    expected = 1
    for number, where, node in items:
        if number is None:
            continue
        value = number_value(number)
        if value is None:
            continue
        if value != expected:
            message = f"{label}編號「{number}」順序不對（依前後應為第 {expected} 項）"
            report.warn(where, message + "，請核對")
            node.notes.append(f"文件中的編號順序有問題：{message}。")
        expected = value + 1


def _heading_node(node: HeadingNode, id_parts: list[str], report: Report) -> Node:
    node_id = "-".join(id_parts)
    data: Node = {"id": int(node_id) if node.level is Level.FACET else node_id, "number": node.number, "title": node.title}
    if node.title is None:
        report.warn(node.where, f"{_LABELS[node.level]}「{node.number or ''}」沒有標題，已填 null，請核對")
        node.notes.append("文件中本項沒有標題。")
    if node.notes:
        data["note"] = _join_notes(node.notes)
    if node.level is Level.FACET:
        _check_sequence([(c.number, c.where, c) for c in node.children], "執行策略", report)
        if not node.children:
            report.warn(node.where, f"面向「{node.number or ''}{node.title or ''}」之下沒有執行策略")
        data["strategies"] = [_heading_node(child, [*id_parts, str(i)], report) for i, child in enumerate(node.children, start=1)] or None
        return data
    if node.children:
        _check_sequence([(c.number, c.where, c) for c in node.children], "子策略", report)
        data["substrategies"] = [_heading_node(child, [*id_parts, str(i)], report) for i, child in enumerate(node.children, start=1)]
    else:
        if not node.actions:
            report.warn(node.where, f"{_LABELS[node.level]}「{node.number or ''}{node.title or ''}」之下沒有具體作法")
        data["actions"] = _actions(node.actions, id_parts, report) or None
    return data


def _actions(actions: list[ActionNode], id_parts: list[str], report: Report) -> list[Node]:
    """Actions with ids; numbers skipped in the document become `source: missing` entries."""
    filled: list[ActionNode] = []
    expected = 1
    for action in actions:
        value = number_value(action.number)
        if value is not None and value > expected and action.number is not None:
            skipped = [_format_like(action.number, n) for n in range(expected, value)]
            report.warn(action.where, f"具體作法從「{action.number}」開始／接續，文件中沒有 {'、'.join(skipped)}：已記為缺漏（source: missing），請核對")
            for number in skipped:
                filled.append(
                    ActionNode(number, "", action.where, missing=True, notes=[f"文件中沒有編號 {number} 的具體作法（編號跳號），匯入時記為缺漏，請核對。"])
                )
        elif value is not None and value < expected:
            report.warn(action.where, f"具體作法編號「{action.number}」順序不對（依前後應為第 {expected} 項），請核對")
            action.notes.append(f"文件中的編號順序有問題：「{action.number}」依前後應為第 {expected} 項。")
        filled.append(action)
        if value is not None:
            expected = max(expected, value + 1)
        elif action.number is None:
            expected += 1
    return [_action(action, "-".join([*id_parts, str(index)]), report) for index, action in enumerate(filled, start=1)]


def _format_like(number: str, value: int) -> str:
    return re.sub(r"[0-9０-９]+", str(value), number, count=1)


def _action(action: ActionNode, action_id: str, report: Report) -> Node:
    if action.missing:
        return {"id": action_id, "number": action.number, "source": "missing", "note": _join_notes(action.notes)}
    data: Node = {"id": action_id, "number": action.number, "text": action.text}
    if action.subitems:
        data["subitems"] = [{"id": f"{action_id}-{index}", "number": number, "text": text} for index, (number, text) in enumerate(action.subitems, start=1)]
    lacking = [label for label, value in (("承辦部門", action.departments), ("執行期間", action.period)) if value is None]
    if lacking:
        already = any("執行期間「" in note for note in action.notes)
        if not (lacking == ["執行期間"] and already):
            report.warn(action.where, f"具體作法「{action.number or _short(action.text)}」在文件中沒有{'及'.join(lacking)}，已填 null，請核對")
            action.notes.append(f"文件中本項沒有{'及'.join(lacking)}，匯入時填 null。")
    data["departments"] = action.departments
    if action.inferred and action.departments:
        data["departments_inferred"] = True
    data["period"] = action.period
    if action.notes:
        data["note"] = _join_notes(action.notes)
    return data


def _join_notes(notes: list[str]) -> str:
    unique: list[str] = []
    for note in notes:
        if note not in unique:
            unique.append(note)
    return "".join(unique)


def _departments(plan: Node) -> list[str]:
    names: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for name in node.get("departments") or [] if "text" in node or "source" in node else []:
                if name not in names:
                    names.append(name)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(plan["execution"])
    return names


def _short(text: str, length: int = 20) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[:length] + "…"
