"""The parts around the table: title, dates, 壹 計畫依據 … 陸, found by their 壹、貳、 numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .blocks import Block, Paragraph, Table, Where
from .report import Report
from .text import Level, clean_text, split_number

SECTION_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("basis", re.compile(r"依據")),
    ("goals", re.compile(r"目標|目的")),
    ("targets", re.compile(r"對象|範圍")),
    ("execution", re.compile(r"策略|作法|措施|工作項目|執行內容|重點工作")),
    ("steps", re.compile(r"步驟|實施方式|考核|管考|執行方式|推動方式")),
    ("closing", re.compile(r"附則|未盡事宜|其他")),
]
_ROC_DATE = r"(?:中華民國)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PUBLISHED = re.compile(_ROC_DATE + r"[^，。；]{0,12}?(訂定|核定|發布|函頒|公布|頒布|頒訂|實施)")
_AMENDED = re.compile(_ROC_DATE + r"[^，。；]{0,12}?(修正|修訂)")


@dataclass
class Section:
    number: str
    title: str
    where: Where
    blocks: list[Block] = field(default_factory=list)
    kind: str | None = None


@dataclass
class Outline:
    preamble: list[Paragraph]
    sections: list[Section]
    stray_tables: list[Table]


def split_sections(blocks: list[Block]) -> Outline:
    preamble: list[Paragraph] = []
    sections: list[Section] = []
    stray: list[Table] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parsed = split_number(clean_text(block.text.replace("\n", " ")))
            if parsed.level is Level.SECTION and parsed.number:
                sections.append(Section(parsed.number, parsed.text, block.where))
                continue
        if sections:
            sections[-1].blocks.append(block)
        elif isinstance(block, Paragraph):
            preamble.append(block)
        else:
            stray.append(block)
    _name_sections(sections)
    return Outline(preamble, sections, stray)


def _name_sections(sections: list[Section]) -> None:
    for section in sections:
        if _is_sentence(section.title):
            section.kind = "closing"
            continue
        section.kind = next((kind for kind, pattern in SECTION_KINDS if pattern.search(section.title)), None)
    # The section that holds the plan's table is section 肆 whatever its title says.
    holders = [s for s in sections if any(isinstance(b, Table) for b in s.blocks)]
    if holders and not any(s.kind == "execution" for s in sections):
        holders[0].kind = "execution"


def _is_sentence(title: str) -> bool:
    return title.endswith(("。", "．")) or len(title) > 30


def preamble_parts(preamble: list[Paragraph], report: Report) -> tuple[str | None, str | None, dict[str, str | None], list[Paragraph]]:
    """(title, office line, dates, paragraphs left over)."""
    texts = [(p, clean_text(p.text.replace("\n", " "))) for p in preamble]
    texts = [(p, t) for p, t in texts if t]
    dates: dict[str, str | None] = {"published": None, "amended": None}
    title_index = next((i for i, (_p, t) in enumerate(texts) if "計畫" in t and not _PUBLISHED.search(t) and not _AMENDED.search(t)), None)
    if title_index is None and texts:
        title_index = 0
    title = texts[title_index][1] if title_index is not None else None
    office = None
    leftover: list[Paragraph] = []
    for index, (paragraph, text) in enumerate(texts):
        if index == title_index:
            continue
        found = False
        for key, pattern in (("amended", _AMENDED), ("published", _PUBLISHED)):
            match = pattern.search(text)
            if match and dates[key] is None:
                dates[key] = _iso(match.group(1), match.group(2), match.group(3))
                found = dates[key] is not None
        if found:
            continue
        if title_index is not None and index < title_index and office is None and len(text) <= 30:
            office = text
            continue
        leftover.append(paragraph)
    return title, office, dates, leftover


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year) + 1911, int(month), int(day)).isoformat()
    except ValueError:
        return None


def section_paragraphs(section: Section, report: Report) -> list[tuple[Where, str]]:
    """The paragraphs of a section outside the execution table; a table here cannot be placed."""
    found = []
    for block in section.blocks:
        if isinstance(block, Table):
            report.warn(block.where, f"「{section.number}{section.title}」中有表格，計畫格式在此處不能放表格，其文字未匯入，請人工處理")
            continue
        text = clean_text(block.text.replace("\n", " "))
        if text:
            found.append((block.where, text))
    return found


_DIRECTIVE_DATE = re.compile(r"(\d{2,3})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[.．](\d{1,2})[.．](\d{1,2}))")
_DOCUMENT_NUMBER = re.compile(r"[^\s「」，。、()（）]*?字第\s*[0-9A-Za-z０-９]+\s*號")
_QUOTED_TITLE = re.compile(r"「([^」]+)」")


def directive(number: str | None, text: str, where: Where, path: tuple[Any, ...], report: Report) -> dict[str, Any]:
    """One 計畫依據 item: who issued what, when, under which document number."""
    date_match = _DIRECTIVE_DATE.search(text)
    issued = None
    if date_match:
        month, day = (date_match.group(2), date_match.group(3)) if date_match.group(2) else (date_match.group(4), date_match.group(5))
        issued = _iso(date_match.group(1), month, day)
    issuer = clean_text(text[: date_match.start()]) if date_match else None
    after = text[date_match.end() :] if date_match else text
    number_match = _DOCUMENT_NUMBER.search(after)
    title_match = _QUOTED_TITLE.search(text)
    item = {
        "number": number,
        "issuer": issuer or None,
        "date": issued,
        "document_number": number_match.group(0).strip() if number_match else None,
        "title": title_match.group(1) if title_match else None,
        "text": text,
    }
    labels = {"issuer": "發文機關", "date": "發文日期", "document_number": "發文字號", "title": "函頒文件名稱"}
    missing = [label for key, label in labels.items() if item[key] is None]
    if missing:
        message = f"計畫依據「{number or ''}」讀不出{'、'.join(missing)}，請在草稿中補上（check 會指出這一項）"
        report.warn(where, message)
        report.comment(path, f"匯入提醒：{message}")
    return item
