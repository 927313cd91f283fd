"""Read a filled-in spreadsheet (ODS or XLSX) into plain cells with their sheet, row and column.

The format is told by the file's content, not its name. ODS is read with lxml
(no entities, no network); XLSX with openpyxl, the maintained reader of the
format, so a form saved by Excel or LibreOffice reads the same. Both readers
are imported only here, when a form is read. Sizes are bounded before any XML
is parsed, so a hostile file cannot exhaust the machine.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # the 85-action form of the shipped plan unpacks to 120 KB
MAX_ROWS = 20_000
MAX_COLUMNS = 200

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_OTHER_ODF = {
    "application/vnd.oasis.opendocument.text": "OpenDocument 文字文件（.odt）",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument 簡報（.odp）",
    "application/vnd.oasis.opendocument.graphics": "OpenDocument 繪圖（.odg）",
}
_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


class FormReadError(Exception):
    """The file cannot be read as a spreadsheet; the message is one zh-TW sentence."""


@dataclass(frozen=True)
class CellValue:
    text: str
    """What the cell shows; paragraphs (lines) joined with \\n."""
    date: date | None = None
    """Set when the cell holds a date value."""


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], CellValue] = field(default_factory=dict)
    """Non-empty cells by (row, column), both 1-based."""

    def text(self, row: int, column: int) -> str:
        cell = self.cells.get((row, column))
        return cell.text if cell else ""

    def last_row(self) -> int:
        return max((row for row, _column in self.cells), default=0)


@dataclass
class Workbook:
    kind: str
    """「ODS」 or 「XLSX」."""
    sheets: list[Sheet]
    metadata: dict[str, str]
    """Custom document properties (ODF user-defined fields)."""

    def sheet(self, name: str) -> Sheet | None:
        return next((sheet for sheet in self.sheets if sheet.name == name), None)


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def read_workbook(path: Path) -> Workbook:
    try:
        size = path.stat().st_size
        if size == 0:
            raise FormReadError("檔案是空的（0 位元組），不是試算表")
        if size > MAX_FILE_BYTES:
            raise FormReadError(f"檔案過大（{size / 1024 / 1024:.1f} MB），填報表單不應超過 {MAX_FILE_BYTES // 1024 // 1024} MB")
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        raise FormReadError(f"無法讀取檔案（{error.strerror}）") from None
    if not zipfile.is_zipfile(path):
        raise FormReadError(_not_a_zip(head))
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FormReadError("檔案解壓縮後過大，不像是填報表單")
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == ODS_MIMETYPE:
                    return _read_ods(archive)
                kind = _OTHER_ODF.get(mimetype)
                raise FormReadError(f"這是 {kind}，不是試算表；請交回 .ods 或 .xlsx 的填報表單" if kind else "不是試算表檔案（.ods 或 .xlsx）")
            if "xl/workbook.xml" in names:
                return _read_xlsx(path)
            if "word/document.xml" in names:
                raise FormReadError("這是 Word 文件（.docx），不是試算表；請交回 .ods 或 .xlsx 的填報表單")
            if "EncryptedPackage" in names:
                raise FormReadError("檔案有密碼保護，無法讀取；請取消密碼後另存")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise FormReadError(f"檔案已損毀，無法讀取（{error}）") from None
    raise FormReadError("不是試算表檔案（.ods 或 .xlsx）")


def _not_a_zip(head: bytes) -> str:
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "這是舊版 Office 格式（例如 Excel 97-2003 的 .xls）或有密碼保護的檔案，無法讀取；請另存為 .xlsx 或 .ods"
    if head.startswith(b"%PDF"):
        return "這是 PDF 文件，不是試算表；請交回 .ods 或 .xlsx 的填報表單"
    return "不是試算表檔案（.ods 或 .xlsx）"


# -- ODS


def _xml(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FormReadError(f"檔案內容無法解讀（XML 錯誤：{error}）；檔案可能已損毀或有密碼保護") from None


def _read_ods(archive: zipfile.ZipFile) -> Workbook:
    try:
        content = _xml(archive.read("content.xml"))
    except KeyError:
        raise FormReadError("ODS 檔案缺少 content.xml，檔案已損毀") from None
    metadata: dict[str, str] = {}
    if "meta.xml" in archive.namelist():
        for item in _xml(archive.read("meta.xml")).iter(_q("meta", "user-defined")):
            metadata[item.get(_q("meta", "name"), "")] = "".join(item.itertext()).strip()
    spreadsheet = content.find(f"{_q('office', 'body')}/{_q('office', 'spreadsheet')}")
    if spreadsheet is None:
        raise FormReadError("ODS 檔案中沒有試算表內容")
    sheets = [_ods_sheet(table) for table in spreadsheet.iterchildren(_q("table", "table"))]
    return Workbook("ODS", sheets, metadata)


def _ods_sheet(table: Any) -> Sheet:
    sheet = Sheet(table.get(_q("table", "name"), ""))
    row_number = 0
    for row in table.iter(_q("table", "table-row")):
        repeat = int(row.get(_q("table", "number-rows-repeated"), "1") or 1)
        cells = _ods_row(row, sheet.name)
        if cells:
            _check_bounds(sheet.name, row_number + repeat, max(cells))
            for number in range(row_number + 1, row_number + repeat + 1):
                sheet.cells.update({(number, column): value for column, value in cells.items()})
        row_number += repeat
    return sheet


def _ods_row(row: Any, sheet_name: str) -> dict[int, CellValue]:
    cells: dict[int, CellValue] = {}
    column = 0
    for cell in row.iterchildren(_q("table", "table-cell"), _q("table", "covered-table-cell")):
        repeat = int(cell.get(_q("table", "number-columns-repeated"), "1") or 1)
        value = _ods_value(cell)
        if value is not None:
            _check_bounds(sheet_name, 1, column + repeat)
            for number in range(column + 1, column + repeat + 1):
                cells[number] = value
        column += repeat
    return cells


def _ods_value(cell: Any) -> CellValue | None:
    paragraphs = [_paragraph_text(paragraph) for paragraph in cell.iterchildren(_q("text", "p"), _q("text", "h"))]
    text = "\n".join(paragraphs)
    value_type = cell.get(_q("office", "value-type"))
    if not text:
        text = cell.get(_q("office", "string-value")) or cell.get(_q("office", "value")) or ""
    day = None
    if value_type == "date":
        raw = cell.get(_q("office", "date-value"), "")
        try:
            day = datetime.fromisoformat(raw).date() if "T" in raw else date.fromisoformat(raw)
        except ValueError:
            day = None
    if not text and day is None:
        return None
    return CellValue(text, day)


def _paragraph_text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == _q("text", "s"):
            parts.append(" " * int(child.get(_q("text", "c"), "1") or 1))
        elif tag == _q("text", "tab"):
            parts.append("\t")
        elif tag == _q("text", "line-break"):
            parts.append("\n")
        elif tag in (_q("office", "annotation"), _q("text", "note")):
            pass  # a comment on the cell is not its content
        elif tag:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _check_bounds(sheet: str, row: int, column: int) -> None:
    if row > MAX_ROWS or column > MAX_COLUMNS:
        raise FormReadError(f"工作表「{sheet}」的資料超過 {MAX_ROWS:,} 列或 {MAX_COLUMNS} 欄，不像是填報表單")


# -- XLSX


def _read_xlsx(path: Path) -> Workbook:
    import openpyxl

    try:
        # openpyxl raises many kinds of errors on a damaged file (zip, XML, KeyError, ValueError):
        # whatever it is, the webmaster needs one sentence, not a traceback.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:
        raise FormReadError(f"無法讀取 .xlsx 檔案，檔案可能已損毀（{type(error).__name__}）") from None
    try:
        metadata = {prop.name: str(prop.value) for prop in workbook.custom_doc_props.props if prop.value is not None}
        sheets = [_xlsx_sheet(worksheet) for worksheet in workbook.worksheets]
    except FormReadError:
        raise
    except Exception as error:
        raise FormReadError(f"無法讀取 .xlsx 檔案，檔案可能已損毀（{type(error).__name__}）") from None
    finally:
        workbook.close()
    return Workbook("XLSX", sheets, metadata)


def _xlsx_sheet(worksheet: Any) -> Sheet:
    sheet = Sheet(worksheet.title)
    # The stored dimension may claim a million rows; read only the rows the file holds.
    worksheet.reset_dimensions()
    for row in worksheet.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or value == "":
                continue
            _check_bounds(sheet.name, cell.row, cell.column)
            sheet.cells[(cell.row, cell.column)] = _xlsx_value(value)
    return sheet


def _xlsx_value(value: Any) -> CellValue:
    if isinstance(value, datetime):
        day = value.date()
        return CellValue(day.isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" "), day)
    if isinstance(value, date):
        return CellValue(value.isoformat(), value)
    if isinstance(value, bool):
        return CellValue("TRUE" if value else "FALSE")
    if isinstance(value, float) and value.is_integer():
        return CellValue(str(int(value)))
    return CellValue(str(value))
