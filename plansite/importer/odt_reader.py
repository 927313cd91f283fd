"""Read an OpenDocument text file (ODT: LibreOffice, 國發會 ODF tools) into neutral blocks, with odfpy.

Merged cells: table:number-columns-spanned / number-rows-spanned on the cell that
holds the text, table:covered-table-cell where it covers (marked covered when the
cover comes from a cell above). List numbers from the list styles are rendered.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from .blocks import Block, Cell, Document, ImportRefused, Paragraph, Row, Table, Where
from .numbering_formats import Counters, format_label

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_XML = "http://www.w3.org/XML/1998/namespace"

# Elements whose text is not part of the running text (footnotes, comments, indexes, drawings).
_SKIPPED = {
    (_TEXT, "note"),
    (_OFFICE, "annotation"),
    (_TEXT, "tracked-changes"),
    (_TEXT, "table-of-content"),
    (_TEXT, "alphabetical-index"),
    (_TEXT, "illustration-index"),
    (_TEXT, "table-index"),
    (_TEXT, "bibliography"),
    (_TEXT, "user-index"),
    (_TEXT, "sequence-decls"),
    (_TEXT, "variable-decls"),
    (_TEXT, "user-field-decls"),
    (_OFFICE, "forms"),
}
_MAX_REPEAT = 200


def read_odt(path: Path) -> Document:
    try:
        from odf.opendocument import load
    except ImportError as error:  # pragma: no cover - dependency missing
        raise ImportRefused("無法讀取 ODT 檔：缺少 odfpy 套件（請執行 ./scripts/setup）") from error
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "content.xml" not in names:
                raise ImportRefused(f"無法讀取「{path.name}」：不是 OpenDocument 文字文件（缺少 content.xml）")
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise ImportRefused(f"「{path.name}」有密碼保護（已加密），無法讀取：請在 LibreOffice 移除密碼後另存再匯入")
        document = load(str(path))
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRefused(f"無法讀取「{path.name}」：檔案損毀或不是 ODT 文件") from error
    except Exception as error:  # XML errors inside a damaged package
        raise ImportRefused(f"無法讀取「{path.name}」：檔案損毀（{type(error).__name__}）") from error
    if document.mimetype and "opendocument.text" not in document.mimetype:
        raise ImportRefused(f"「{path.name}」不是 OpenDocument 文字文件（{document.mimetype}）：請匯入 .odt 文字文件")
    reader = _OdtReader(document)
    reader.read_children(document.text)
    return Document(reader.blocks, path.name)


def _attr(element: Any, namespace: str, name: str) -> str | None:
    return element.attributes.get((namespace, name)) if hasattr(element, "attributes") else None


class _OdtReader:
    def __init__(self, document: Any):
        self.blocks: list[Block] = []
        self.paragraph_count = 0
        self.table_count = 0
        self.styles = _Styles(document)
        self.counters = Counters()

    def read_children(self, element: Any) -> None:
        for child in element.childNodes:
            qname = getattr(child, "qname", None)
            if qname is None or qname in _SKIPPED:
                continue
            if qname in ((_TEXT, "p"), (_TEXT, "h")):
                self.paragraph_count += 1
                text = self.text_of(child)
                if text.strip():
                    level = self.styles.heading_level(child)
                    self.blocks.append(Paragraph(text, Where(paragraph=self.paragraph_count), level, self.styles.bold(child)))
            elif qname == (_TABLE, "table"):
                self.table_count += 1
                self.blocks.append(self.read_table(child, self.table_count))
            elif qname == (_TEXT, "list"):
                self.read_list(child, 0, _attr(child, _TEXT, "style-name"))
            else:
                self.read_children(child)

    def read_list(self, element: Any, level: int, style: str | None) -> None:
        style = _attr(element, _TEXT, "style-name") or style
        key = style or "list"
        if level == 0 and _attr(element, _TEXT, "continue-numbering") != "true" and not _attr(element, _TEXT, "continue-list"):
            self.counters.values.pop(key, None)
        for item in element.childNodes:
            if getattr(item, "qname", None) not in ((_TEXT, "list-item"), (_TEXT, "list-header")):
                continue
            numbered = item.qname == (_TEXT, "list-item")
            first = True
            for child in item.childNodes:
                qname = getattr(child, "qname", None)
                if qname == (_TEXT, "list"):
                    self.read_list(child, level + 1, style)
                elif qname in ((_TEXT, "p"), (_TEXT, "h")):
                    context = (key, level) if numbered and first else None
                    self._list_paragraph(child, context, style)
                    first = False
                elif qname is not None and qname not in _SKIPPED:
                    self.read_children(child)

    def _list_paragraph(self, paragraph: Any, context: tuple[str, int] | None, style: str | None) -> None:
        self.paragraph_count += 1
        label = ""
        if context is not None:
            label = self.styles.list_label(style, context[1], self.counters, context[0])
        text = label + self.text_of(paragraph)
        if text.strip():
            self.blocks.append(Paragraph(text, Where(paragraph=self.paragraph_count), self.styles.heading_level(paragraph), self.styles.bold(paragraph)))

    def text_of(self, element: Any) -> str:
        parts: list[str] = []
        for child in element.childNodes:
            if child.nodeType == child.TEXT_NODE:
                parts.append(child.data)
                continue
            qname = getattr(child, "qname", None)
            if qname in _SKIPPED or qname is None:
                continue
            if qname == (_TEXT, "s"):
                parts.append(" " * int(_attr(child, _TEXT, "c") or 1))
            elif qname == (_TEXT, "tab"):
                parts.append(" ")
            elif qname == (_TEXT, "line-break"):
                parts.append("\n")
            elif qname[0] == "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0":
                continue
            else:
                parts.append(self.text_of(child))
        return "".join(parts)

    def read_table(self, table: Any, number: int) -> Table:
        rows: list[Row] = []
        # Columns covered by a cell from a row above: column -> rows still covered.
        spans_left: dict[int, int] = {}
        for tr in self._rows(table):
            repeat = min(int(_attr(tr, _TABLE, "number-rows-repeated") or 1), _MAX_REPEAT)
            for _ in range(repeat):
                cells: list[Cell] = []
                started: dict[int, int] = {}
                column = 0
                for tc in tr.childNodes:
                    qname = getattr(tc, "qname", None)
                    if qname not in ((_TABLE, "table-cell"), (_TABLE, "covered-table-cell")):
                        continue
                    count = min(int(_attr(tc, _TABLE, "number-columns-repeated") or 1), _MAX_REPEAT)
                    for _ in range(count):
                        if qname == (_TABLE, "covered-table-cell"):
                            if spans_left.get(column, 0) > 0:
                                cells.append(Cell(column, 1, [], covered=True))
                            column += 1  # otherwise covered by a cell to its left in this row
                            continue
                        span = int(_attr(tc, _TABLE, "number-columns-spanned") or 1)
                        down = int(_attr(tc, _TABLE, "number-rows-spanned") or 1)
                        cells.append(Cell(column, span, self.cell_paragraphs(tc)))
                        for spanned in range(column, column + span):
                            started[spanned] = down
                        column += 1  # the columns it spans follow as covered-table-cell elements
                rows.append(Row(cells, Where(table=number, row=len(rows) + 1)))
                spans_left = {key: left - 1 for key, left in spans_left.items() if left - 1 > 0}
                spans_left.update({key: down - 1 for key, down in started.items() if down > 1})
        return Table(rows, Where(table=number))

    def _rows(self, element: Any) -> list[Any]:
        found = []
        for child in element.childNodes:
            qname = getattr(child, "qname", None)
            if qname == (_TABLE, "table-row"):
                found.append(child)
            elif qname in ((_TABLE, "table-header-rows"), (_TABLE, "table-rows"), (_TABLE, "table-row-group")):
                found += self._rows(child)
        return found

    def cell_paragraphs(self, cell: Any) -> list[str]:
        """A cell's paragraphs, read like the body (lists numbered; a nested table's text flattened)."""
        saved_blocks, saved_count, saved_tables = self.blocks, self.paragraph_count, self.table_count
        self.blocks = []
        self.read_children(cell)
        texts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            else:
                texts += [text for row in block.rows for inner in row.cells for text in inner.paragraphs]
        self.blocks, self.paragraph_count, self.table_count = saved_blocks, saved_count, saved_tables
        return texts


class _Styles:
    """Paragraph and text styles: heading levels, bold, list number formats."""

    def __init__(self, document: Any):
        self.parent: dict[str, str | None] = {}
        self.outline: dict[str, int] = {}
        self.bold_styles: set[str] = set()
        self.list_levels: dict[tuple[str, int], tuple[str, str, str, int]] = {}
        for container in (document.styles, document.automaticstyles):
            for style in container.childNodes:
                qname = getattr(style, "qname", None)
                name = _attr(style, _STYLE, "name")
                if qname == (_STYLE, "style") and name:
                    self.parent[name] = _attr(style, _STYLE, "parent-style-name")
                    level = _attr(style, _STYLE, "default-outline-level")
                    if level and level.isdigit():
                        self.outline[name] = int(level)
                    for properties in style.childNodes:
                        if getattr(properties, "qname", None) == (_STYLE, "text-properties") and _attr(properties, _FO, "font-weight") in (
                            "bold",
                            "700",
                            "800",
                            "900",
                        ):
                            self.bold_styles.add(name)
                elif qname == (_TEXT, "list-style") and name:
                    for level_style in style.childNodes:
                        if getattr(level_style, "qname", None) != (_TEXT, "list-level-style-number"):
                            continue
                        level = int(_attr(level_style, _TEXT, "level") or 1) - 1
                        self.list_levels[(name, level)] = (
                            _attr(level_style, _STYLE, "num-format") or "1",
                            _attr(level_style, _STYLE, "num-prefix") or "",
                            _attr(level_style, _STYLE, "num-suffix") or "",
                            int(_attr(level_style, _TEXT, "start-value") or 1),
                        )

    def _chain(self, name: str | None) -> list[str]:
        chain, seen = [], set()
        while name and name not in seen:
            seen.add(name)
            chain.append(name)
            name = self.parent.get(name)
        return chain

    def heading_level(self, paragraph: Any) -> int | None:
        if paragraph.qname == (_TEXT, "h"):
            return int(_attr(paragraph, _TEXT, "outline-level") or 1)
        for name in self._chain(_attr(paragraph, _TEXT, "style-name")):
            if name in self.outline:
                return self.outline[name]
            if name.lower().replace("_20_", " ") == "title":
                return 0
        return None

    def bold(self, paragraph: Any) -> bool:
        if any(name in self.bold_styles for name in self._chain(_attr(paragraph, _TEXT, "style-name"))):
            return True
        spans = [child for child in paragraph.childNodes if getattr(child, "qname", None) == (_TEXT, "span")]
        loose = [child for child in paragraph.childNodes if child.nodeType == child.TEXT_NODE and child.data.strip()]
        return (
            bool(spans)
            and not loose
            and all(any(name in self.bold_styles for name in self._chain(_attr(span, _TEXT, "style-name"))) for span in spans if str(span).strip())
        )

    def list_label(self, style: str | None, level: int, counters: Counters, key: str) -> str:
        if not style or (style, level) not in self.list_levels:
            return ""
        starts = {lvl: self.list_levels.get((style, lvl), ("1", "", "", 1))[3] for lvl in range(10)}
        values = counters.step(key, level, starts)
        fmt, prefix, suffix, _start = self.list_levels[(style, level)]
        if not fmt:
            return ""
        return f"{prefix}{format_label(values[level], fmt)}{suffix}"
