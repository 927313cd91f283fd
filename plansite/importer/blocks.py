"""The neutral form every reader produces: paragraphs and tables in document order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

WRAP = "\u200b"
"""Put by the PDF reader where a cell's line was wrapped: invisible in text, a doubt in a department name."""


class ImportRefused(Exception):
    """The file cannot be imported; the message is one zh-TW line for the webmaster."""


@dataclass(frozen=True)
class Where:
    """A place in the document, said the way a webmaster finds it."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    paragraph: int | None = None
    order: int = 0
    """Position in reading order, so that messages can be listed as the document runs."""

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第 {self.page} 頁")
        if self.table is not None:
            parts.append(f"表格 {self.table} 第 {self.row} 列" if self.row is not None else f"表格 {self.table}")
        elif self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段")
        return "、".join(parts) if parts else "文件"


@dataclass
class Paragraph:
    text: str
    where: Where
    heading_level: int | None = None
    """1 for a top-level heading style (Word 標題 1, ODF outline level 1); None for body text."""
    bold: bool = False


@dataclass
class Cell:
    column: int
    """First grid column the cell occupies (0-based)."""
    span: int = 1
    paragraphs: list[str] = field(default_factory=list)
    """Each paragraph's text; a soft line break inside a paragraph is "\\n"."""
    covered: bool = False
    """The cell is the continuation of a merged cell above it (or of a cell broken by a page break)."""

    @property
    def empty(self) -> bool:
        return not any(text.strip() for text in self.paragraphs)


@dataclass
class Row:
    cells: list[Cell]
    where: Where
    after_page_break: bool = False
    """The first row on a new page of a table that began on an earlier page (PDF)."""


@dataclass
class Table:
    rows: list[Row]
    where: Where


Block = Paragraph | Table


@dataclass
class Document:
    blocks: list[Block]
    name: str
    """The file's name, for messages and the draft's source note."""


def number_places(document: Document) -> None:
    """Give every paragraph and row its place in reading order (readers number pages, tables and rows)."""
    order = 0
    for block in document.blocks:
        order += 1
        block.where = replace(block.where, order=order)
        if isinstance(block, Table):
            for row in block.rows:
                order += 1
                row.where = replace(row.where, order=order)
