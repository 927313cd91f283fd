"""Read a PDF with a text layer (the published plan) into neutral blocks, with pdfplumber.

Tables are found from their ruling lines; a table that goes on over several pages
becomes one table whose columns are the union of all its pages' columns (so a
page where a column is missing or drifts does not shift the others). Cell lines
are joined into paragraphs by geometry: a line is wrapped when the next line's
first word would not have fitted after it. Scanned pages (no text) are refused.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .blocks import WRAP, Block, Cell, Document, ImportRefused, Paragraph, Row, Table, Where
from .text import is_cjk, join_lines, split_number

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
_PAGE_NUMBER = re.compile(r"^[-–—－\s]*(第\s*)?\d+\s*(頁)?\s*([/／]\s*\d+|，?\s*共\s*\d+\s*頁)?[-–—－\s]*$")
_TERMINAL = ("。", "；", "：", "！", "？", ";", ":")
_NO_BREAK_BEFORE = set("，。、；：！？」』）》〉】〕…‥,.;:!?)]}%")


@dataclass
class _Line:
    chars: list[dict[str, Any]]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    def first_token_width(self) -> float:
        """Width of what a line break could not have split: one CJK character or a run of Latin."""
        chars = [c for c in self.chars if c["text"].strip()]
        if not chars:
            return 0.0
        if is_cjk(chars[0]["text"]):
            # A line may not start with closing punctuation, so it travels with the character before it.
            end = chars[0]
            for char in chars[1:]:
                if char["text"] not in _NO_BREAK_BEFORE:
                    break
                end = char
            return end["x1"] - chars[0]["x0"]
        end = chars[0]
        for char in chars[1:]:
            if is_cjk(char["text"]) or char["x0"] - end["x1"] > 0.25 * self.size:
                break
            end = char
        return end["x1"] - chars[0]["x0"]


@dataclass
class _TablePiece:
    page: int
    top: float
    bottom: float
    cells: list[tuple[float, float, float, float]]
    chars: list[dict[str, Any]]


@dataclass
class _PageItems:
    number: int
    items: list[tuple[float, Any]] = field(default_factory=list)


def read_pdf(path: Path) -> Document:
    try:
        import pdfplumber
    except ImportError as error:  # pragma: no cover - dependency missing
        raise ImportRefused("無法讀取 PDF：缺少 pdfplumber 套件（請執行 ./scripts/setup）") from error
    locked = f"「{path.name}」有密碼保護（已加密），無法讀取：請提供未加密的 PDF，或改用原始的 Word／ODT 檔"
    try:
        pdf = pdfplumber.open(str(path))
        pages = pdf.pages
    except Exception as error:
        if _password_problem(error):
            raise ImportRefused(locked) from error
        raise ImportRefused(f"無法讀取「{path.name}」：PDF 檔案損毀") from error
    with pdf:
        try:
            return _read_pages(pages, path.name)
        except ImportRefused:
            raise
        except Exception as error:
            if _password_problem(error):
                raise ImportRefused(locked) from error
            raise ImportRefused(f"無法讀取「{path.name}」：PDF 檔案損毀（{type(error).__name__}）") from error


def _password_problem(error: BaseException) -> bool:
    """pdfplumber wraps pdfminer's password errors; look through the wrapping."""
    seen: list[BaseException] = []
    pending: list[object] = [error]
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or item in seen:
            continue
        seen.append(item)
        if re.search(r"password|encrypt", type(item).__name__, re.IGNORECASE):
            return True
        pending += [item.__cause__, item.__context__, *item.args]
    return False


def _read_pages(pages: list[Any], name: str) -> Document:
    page_items: list[_PageItems] = []
    body_lines: list[tuple[int, _Line]] = []
    text_chars = 0
    for number, page in enumerate(pages, start=1):
        page = page.dedupe_chars()
        chars = [c for c in page.chars if c.get("upright", True)]
        text_chars += sum(1 for c in chars if c["text"].strip())
        items = _PageItems(number)
        tables = [t for t in page.find_tables(_TABLE_SETTINGS) if len(t.rows) >= 2 and len({c[0] for c in t.cells}) >= 2]
        boxes = [t.bbox for t in tables]
        for table in tables:
            x0, top, x1, bottom = table.bbox
            inside = [c for c in chars if _center_in(c, (x0, top, x1, bottom))]
            items.items.append((top, _TablePiece(number, top, bottom, [tuple(cell) for cell in table.cells], inside)))
        outside = [c for c in chars if not any(_center_in(c, box) for box in boxes)]
        for line in _lines(outside):
            body_lines.append((number, line))
            items.items.append((line.top, line))
        items.items.sort(key=lambda item: item[0])
        page_items.append(items)
    if text_chars == 0:
        raise ImportRefused(f"「{name}」沒有文字層（可能是掃描檔或圖片），本程式不做文字辨識（OCR）：請改用原始的 Word／ODT 檔，或含文字層的 PDF")
    repeated = _repeated_lines(page_items)
    area_left, area_right = _text_area([line for _page, line in body_lines])
    blocks: list[Block] = []
    pending: list[tuple[int, _Line]] = []
    tables: list[list[_TablePiece]] = []
    last_was_table = False

    def flush() -> None:
        for paragraph in _paragraphs(pending, area_left, area_right):
            blocks.append(paragraph)
        pending.clear()

    for page in page_items:
        first_on_page = True
        for _top, item in page.items:
            if isinstance(item, _Line):
                if _PAGE_NUMBER.match(item.text) or (item.text, round(item.top / 5)) in repeated:
                    continue
                pending.append((page.number, item))
                first_on_page = False
                last_was_table = False
                continue
            if first_on_page and last_was_table and tables:
                tables[-1].append(item)
            else:
                flush()
                tables.append([item])
                blocks.append(Table([], Where(page=page.number, table=len(tables))))
            first_on_page = False
            last_was_table = True
    flush()
    # Fill each table from its pieces, now that all pages are known.
    table_index = 0
    for block in blocks:
        if isinstance(block, Table):
            block.rows = _table_rows(tables[table_index], table_index + 1)
            table_index += 1
    return Document(blocks, name)


def _center_in(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Characters grouped into lines (by vertical position), each line read left to right."""
    groups: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        size = char.get("size") or (char["bottom"] - char["top"]) or 10
        for group in groups[-3:]:
            if abs(group[0]["top"] - char["top"]) <= 0.45 * size:
                group.append(char)
                break
        else:
            groups.append([char])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        visible = [c for c in group if c["text"].strip()]
        if not visible:
            continue
        size = statistics.median(c.get("size") or 10 for c in visible)
        text = ""
        previous = None
        for char in group:
            if char["text"].isspace():
                if text and not text.endswith(" "):
                    text += " "
                previous = char
                continue
            if previous is not None and not previous["text"].isspace() and char["x0"] - previous["x1"] > 0.25 * size and not text.endswith(" "):
                text += " "
            text += char["text"]
            previous = char
        lines.append(
            _Line(
                group,
                text,
                min(c["x0"] for c in visible),
                max(c["x1"] for c in visible),
                min(c["top"] for c in visible),
                max(c["bottom"] for c in visible),
                size,
            )
        )
    lines.sort(key=lambda line: line.top)
    return lines


def _repeated_lines(pages: list[_PageItems]) -> set[tuple[str, int]]:
    """Running headers and footers: the same text at the same height on most pages."""
    if len(pages) < 3:
        return set()
    counts = Counter((item.text, round(item.top / 5)) for page in pages for _top, item in page.items if isinstance(item, _Line))
    return {key for key, count in counts.items() if count >= max(3, len(pages) * 0.6)}


def _text_area(lines: list[_Line]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    rights = sorted(line.x1 for line in lines)
    lefts = sorted(line.x0 for line in lines)
    return lefts[len(lefts) // 10], rights[int(len(rights) * 0.9)]


def _wrapped(previous: _Line, line: _Line, right: float) -> bool:
    """True when `line` goes on from `previous`: its first word would not have fitted on `previous`."""
    if split_number(line.text).number and previous.text.rstrip().endswith(_TERMINAL):
        return False
    if line.top - previous.bottom > 0.9 * max(line.size, previous.size):
        return False
    room = right - previous.x1
    return line.first_token_width() > room - 0.5 * previous.size


def _paragraphs(lines: list[tuple[int, _Line]], left: float, right: float) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: list[_Line] = []
    page_of_first = 0
    for page, line in lines:
        if current and _wrapped(current[-1], line, right) and not _is_section_line(line):
            current.append(line)
            continue
        if current:
            paragraphs.append(_paragraph(current, page_of_first))
        current, page_of_first = [line], page
    if current:
        paragraphs.append(_paragraph(current, page_of_first))
    return paragraphs


def _is_section_line(line: _Line) -> bool:
    parsed = split_number(line.text)
    return parsed.level is not None and parsed.level.name == "SECTION"


def _paragraph(lines: list[_Line], page: int) -> Paragraph:
    bold = all(re.search(r"bold|black|heavy|semibold|demi", c.get("fontname", ""), re.IGNORECASE) for line in lines for c in line.chars if c["text"].strip())
    return Paragraph(join_lines([line.text for line in lines]), Where(page=page), None, bold)


# -- tables


def _table_rows(pieces: list[_TablePiece], number: int) -> list[Row]:
    edges = _cluster(sorted(x for piece in pieces for cell in piece.cells for x in (cell[0], cell[2])))
    rows: list[Row] = []
    for index, piece in enumerate(pieces):
        tops = _cluster(sorted(cell[1] for cell in piece.cells))
        for row_number, top in enumerate(tops):
            starting = [cell for cell in piece.cells if abs(cell[1] - top) <= 2]
            occupied: set[int] = set()
            cells: list[Cell] = []
            for box in sorted(starting, key=lambda c: c[0]):
                column, end = _nearest(edges, box[0]), _nearest(edges, box[2])
                span = max(1, end - column)
                occupied.update(range(column, column + span))
                cells.append(Cell(column, span, _cell_paragraphs(box, piece.chars)))
            for box in piece.cells:
                if box[1] < top - 2 and box[3] > top + 2:  # merged from a row above on this page
                    column, end = _nearest(edges, box[0]), _nearest(edges, box[2])
                    for covered in range(column, max(column + 1, end)):
                        if covered not in occupied:
                            cells.append(Cell(covered, 1, [], covered=True))
                            occupied.add(covered)
            cells.sort(key=lambda c: c.column)
            rows.append(Row(cells, Where(page=piece.page, table=number, row=len(rows) + 1), after_page_break=index > 0 and row_number == 0))
    return rows


def _cluster(values: list[float], tolerance: float = 3.0) -> list[float]:
    clustered: list[float] = []
    for value in values:
        if clustered and value - clustered[-1] <= tolerance:
            continue
        clustered.append(value)
    return clustered


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _cell_paragraphs(box: tuple[float, float, float, float], chars: list[dict[str, Any]]) -> list[str]:
    lines = _lines([c for c in chars if _center_in(c, box)])
    if not lines:
        return []
    padding = min(max(min(line.x0 for line in lines) - box[0], 1.0), 6.0)
    right = box[2] - padding
    # A numbered line that does not go on from the line above starts a paragraph; any other
    # unwrapped line break stays a soft break ("\n"): a list of names, or a guess not worth a paragraph.
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None:
            paragraphs.append(line.text)
        elif _wrapped(previous, line, right):
            # WRAP marks where the line was wrapped; text cleaning drops it, department names report it.
            joined = join_lines([paragraphs[-1], line.text])
            cut = len(joined) - len(line.text.lstrip())
            paragraphs[-1] = joined[:cut] + WRAP + joined[cut:]
        elif split_number(line.text).number:
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = paragraphs[-1].rstrip() + "\n" + line.text
        previous = line
    return paragraphs
