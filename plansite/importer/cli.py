"""`python -m plansite import SOURCE --id PLAN_ID -o OUT.yaml`: a plan document becomes a YAML draft."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from .blocks import Document, ImportRefused, number_places
from .draft_yaml import render_draft, write_atomically
from .report import Report
from .structure import build_plan

READERS = {".docx": "Word（.docx）", ".odt": "OpenDocument 文字文件（.odt）", ".pdf": "PDF（含文字層）"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def read_document(source: Path) -> Document:
    suffix = source.suffix.lower()
    if suffix not in READERS:
        known = "、".join(READERS.values())
        hint = "（舊版 Word 的 .doc 請先另存為 .docx 或 .odt）" if suffix == ".doc" else ""
        raise ImportRefused(f"不支援「{source.name}」的檔案類型「{suffix or '無副檔名'}」：只能匯入 {known}{hint}")
    if not source.is_file():
        raise ImportRefused(f"找不到檔案「{source}」")
    head = source.read_bytes()[:8]
    if not head:
        raise ImportRefused(f"「{source.name}」是空檔案（0 位元組），未產生草稿")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(f"「{source.name}」有密碼保護（已加密）或是舊版 Office 格式，無法讀取：請移除密碼並另存為 .docx 或 .odt 後再匯入")
    if suffix in (".docx", ".odt") and not head.startswith(b"PK"):
        raise ImportRefused(f"「{source.name}」的內容不是{READERS[suffix]}檔（檔案損毀或副檔名不符），未產生草稿")
    if suffix == ".pdf" and not head.startswith(b"%PDF"):
        raise ImportRefused(f"「{source.name}」的內容不是 PDF 格式（檔案損毀或副檔名不符），未產生草稿")
    if suffix == ".docx":
        from .docx_reader import read_docx

        return read_docx(source)
    if suffix == ".odt":
        from .odt_reader import read_odt

        return read_odt(source)
    from .pdf_reader import read_pdf

    return read_pdf(source)


def import_plan(source: Path, plan_id: str, office: str | None = None) -> tuple[str, dict[str, Any], Report]:
    """(draft text, plan data, report); raises ImportRefused with one zh-TW line."""
    if not _SLUG.match(plan_id):
        raise ImportRefused(f"計畫代碼「{plan_id}」不符合格式：只能使用小寫英文字母、數字與連字號（-），例如 fengshan-113")
    document = read_document(source)
    number_places(document)
    report = Report()
    data = build_plan(document, plan_id, office, report)
    text = render_draft(data, report.comments)
    _verify(text, data, report)
    return text, data, report


def _verify(text: str, data: dict[str, Any], report: Report) -> None:
    """Read the draft back with the project's reader; list what `check` will still object to."""
    from ..errors import PlanDataError, Severity, format_field_path
    from ..source.plan_rules import check_plan_rules
    from ..source.schema_check import check_against_schema
    from ..source.yaml_source import parse_yaml_bytes

    try:
        document = parse_yaml_bytes(text.encode("utf-8"), "draft.yaml")
    except PlanDataError as error:  # a bug in the writer, not in the document
        raise RuntimeError(f"draft does not parse: {error.report()}") from error
    if document.data != data:
        raise RuntimeError("draft does not read back as the imported data")
    issues = check_against_schema(document.data, "plan", document.source)
    if not any(issue.severity is Severity.ERROR for issue in issues):
        issues += check_plan_rules(document.data, document.source)
    for issue in issues:
        if issue.severity is Severity.ERROR:
            report.warn(None, f"草稿第 {issue.line} 行 {format_field_path(issue.field)} 尚未通過 check：{issue.message}")


def run(source: Path, plan_id: str, output: Path, office: str | None = None) -> int:
    try:
        if output.exists() and output.is_dir():
            raise ImportRefused(f"輸出位置「{output}」是資料夾，請指定檔名，例如 {output / (plan_id + '.yaml')}")
        if not output.parent.resolve().is_dir():
            raise ImportRefused(f"輸出資料夾「{output.parent}」不存在")
        text, data, report = import_plan(source, plan_id, office)
        for warning in report.warnings:
            print(f"提醒 - {warning}", file=sys.stderr)
        write_atomically(output, text)
    except ImportRefused as refusal:
        print(f"錯誤 - {refusal}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f"（{error.filename}）" if error.filename else ""
        print(f"錯誤 - 無法讀寫檔案{where}：{error.strerror or error}", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback for a webmaster
        print(f"錯誤 - 無法匯入「{source.name}」：讀取時發生未預期的問題（{type(error).__name__}: {error}），未產生草稿", file=sys.stderr)
        return 1
    actions = sum(1 for _ in _actions(data))
    print(f"已寫出草稿 {output}：{len(data['execution']['facets'])} 個面向、{actions} 項具體作法；{len(report.warnings)} 處需要核對（見上方「提醒」）。")
    print("請逐項核對後放入 plan_data/plans/，再執行 ./scripts/check。")
    return 0


def _actions(data: dict[str, Any]) -> Any:
    for facet in data["execution"]["facets"]:
        for strategy in facet.get("strategies") or []:
            for holder in strategy.get("substrategies") or [strategy]:
                for action in holder.get("actions") or []:
                    if action.get("source") != "missing":
                        yield action
