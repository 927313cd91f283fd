"""Read a Word document (DOCX) into neutral blocks, with python-docx's XML access.

Merged cells are read from the Word markup itself: w:gridSpan (across columns),
w:vMerge (downwards; a "continue" cell is marked covered). Automatic numbering
(w:numPr) is rendered into the text, as Word shows it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from .blocks import Block, Cell, Document, ImportRefused, Paragraph, Row, Table, Where
from .numbering_formats import Counters, format_label

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(name: str) -> str:
    return f"{{{_W}}}{name}"


def read_docx(path: Path) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover - dependency missing
        raise ImportRefused("無法讀取 Word 檔：缺少 python-docx 套件（請執行 ./scripts/setup）") from error
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportRefused(f"無法讀取「{path.name}」：檔案損毀或不是 Word（.docx）文件") from error
    except Exception as error:  # lxml syntax errors and the like: a damaged package
        raise ImportRefused(f"無法讀取「{path.name}」：檔案損毀（{type(error).__name__}）") from error
    reader = _DocxReader(document)
    reader.read_body(document.element.body)
    return Document(reader.blocks, path.name)


class _DocxReader:
    def __init__(self, document: Any):
        self.blocks: list[Block] = []
        self.paragraph_count = 0
        self.table_count = 0
        self.styles = _Styles(document)
        self.numbering = _Numbering(document)

    def read_body(self, element: Any) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == _q("p"):
                self.paragraph_count += 1
                text = self.paragraph_text(child)
                if text.strip():
                    where = Where(paragraph=self.paragraph_count)
                    self.blocks.append(Paragraph(text, where, self.styles.heading_level(child), self.styles.bold(child)))
            elif tag == _q("tbl"):
                self.table_count += 1
                self.blocks.append(self.read_table(child, self.table_count))
            elif tag in (_q("sdt"), _q("sdtContent"), _q("customXml"), _q("smartTag")):
                self.read_body(child.find(_q("sdtContent")) if tag == _q("sdt") else child)

    def read_table(self, table: Any, number: int) -> Table:
        rows: list[Row] = []
        for index, tr in enumerate(_children(table, "tr"), start=1):
            column = _int_val(tr.find(f"{_q('trPr')}/{_q('gridBefore')}"), 0)
            cells = []
            for tc in _children(tr, "tc"):
                properties = tc.find(_q("tcPr"))
                span = _int_val(properties.find(_q("gridSpan")) if properties is not None else None, 1)
                merge = properties.find(_q("vMerge")) if properties is not None else None
                covered = merge is not None and merge.get(_q("val"), "continue") == "continue"
                paragraphs = [] if covered else self.cell_paragraphs(tc)
                cells.append(Cell(column, span, paragraphs, covered))
                column += span
            rows.append(Row(cells, Where(table=number, row=index)))
        return Table(rows, Where(table=number))

    def cell_paragraphs(self, tc: Any) -> list[str]:
        texts = []
        for element in tc.iter(_q("p")):
            text = self.paragraph_text(element)
            if text.strip():
                texts.append(text)
        return texts

    def paragraph_text(self, p: Any) -> str:
        parts: list[str] = []
        label = self.numbering.label(p, self.styles)
        if label:
            parts.append(label)
        for node in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen"), _q("sym")):
            if _inside(node, ("del", "moveFrom", "instrText")):
                continue
            tag = node.tag
            if tag == _q("t"):
                parts.append(node.text or "")
            elif tag == _q("tab"):
                parts.append(" ")
            elif tag in (_q("br"), _q("cr")):
                if node.get(_q("type")) not in ("page", "column"):
                    parts.append("\n")
            elif tag == _q("noBreakHyphen"):
                parts.append("-")
        return "".join(parts)


def _children(element: Any, name: str) -> list[Any]:
    """Direct children named `name`, looking through content controls (w:sdt) that wrap rows or cells."""
    found = []
    for child in element.iterchildren():
        if child.tag == _q(name):
            found.append(child)
        elif child.tag in (_q("sdt"), _q("customXml")):
            content = child.find(_q("sdtContent")) if child.tag == _q("sdt") else child
            if content is not None:
                found += _children(content, name)
    return found


_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _inside(node: Any, names: tuple[str, ...]) -> bool:
    """Inside deleted text, a field instruction, or the fallback copy of a text box (shown once, by mc:Choice)."""
    tags = {_q(name) for name in names} | {f"{{{_MARKUP_COMPATIBILITY}}}Fallback"}
    parent = node.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _int_val(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_q("val")))
    except (TypeError, ValueError):
        return default


class _Styles:
    """Paragraph styles: which are headings (and of what level), which are bold."""

    def __init__(self, document: Any):
        self.by_id: dict[str, Any] = {}
        try:
            root = document.styles.element
        except Exception:  # a document without styles.xml
            return
        for style in root.iter(_q("style")):
            style_id = style.get(_q("styleId"))
            if style_id:
                self.by_id[style_id] = style

    def chain(self, style_id: str | None) -> list[Any]:
        seen, chain = set(), []
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style)
            based = style.find(_q("basedOn"))
            style_id = based.get(_q("val")) if based is not None else None
        return chain

    def paragraph_style(self, p: Any) -> str | None:
        node = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        return node.get(_q("val")) if node is not None else None

    def heading_level(self, p: Any) -> int | None:
        direct = p.find(f"{_q('pPr')}/{_q('outlineLvl')}")
        if direct is not None:
            return _outline(direct)
        for style in self.chain(self.paragraph_style(p)):
            name_node = style.find(_q("name"))
            name = (name_node.get(_q("val")) if name_node is not None else "") or ""
            match = re.fullmatch(r"(?:heading|標題)\s*([1-9])", name.strip(), re.IGNORECASE)
            if match:
                return int(match.group(1))
            if name.strip().lower() == "title":
                return 0
            outline = style.find(f"{_q('pPr')}/{_q('outlineLvl')}")
            if outline is not None:
                return _outline(outline)
        return None

    def bold(self, p: Any) -> bool:
        runs = [r for r in p.iter(_q("r")) if "".join(t.text or "" for t in r.iter(_q("t"))).strip()]
        if not runs:
            return False
        style_bold = any(_is_on(style.find(f"{_q('rPr')}/{_q('b')}")) for style in self.chain(self.paragraph_style(p)))
        for run in runs:
            direct = run.find(f"{_q('rPr')}/{_q('b')}")
            if direct is not None:
                if not _is_on(direct):
                    return False
            elif not style_bold:
                return False
        return True

    def numbering_properties(self, p: Any) -> tuple[str | None, int]:
        """(numId, ilvl) of a paragraph's automatic numbering, direct or from its style."""
        num_pr = p.find(f"{_q('pPr')}/{_q('numPr')}")
        candidates = [num_pr] + [style.find(f"{_q('pPr')}/{_q('numPr')}") for style in self.chain(self.paragraph_style(p))]
        num_id, level = None, None
        for candidate in candidates:
            if candidate is None:
                continue
            if num_id is None and candidate.find(_q("numId")) is not None:
                num_id = candidate.find(_q("numId")).get(_q("val"))
            if level is None and candidate.find(_q("ilvl")) is not None:
                level = _int_val(candidate.find(_q("ilvl")), 0)
        return num_id, level or 0


def _outline(node: Any) -> int | None:
    value = _int_val(node, 9)
    return value + 1 if value < 9 else None


def _is_on(node: Any) -> bool:
    return node is not None and node.get(_q("val"), "true") not in ("0", "false", "off")


class _Numbering:
    """Word's automatic list numbering (numbering.xml), rendered like Word shows it."""

    def __init__(self, document: Any):
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters = Counters()
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is auto-numbered
            return
        for abstract in root.iter(_q("abstractNum")):
            abstract_id = abstract.get(_q("abstractNumId"))
            for lvl in abstract.iter(_q("lvl")):
                ilvl = int(lvl.get(_q("ilvl"), "0"))
                fmt = lvl.find(_q("numFmt"))
                text = lvl.find(_q("lvlText"))
                start = _int_val(lvl.find(_q("start")), 1)
                self.levels[(abstract_id, ilvl)] = (
                    fmt.get(_q("val")) if fmt is not None else "decimal",
                    text.get(_q("val")) if text is not None else "",
                    start,
                )
        for num in root.iter(_q("num")):
            num_id = num.get(_q("numId"))
            abstract = num.find(_q("abstractNumId"))
            if abstract is not None:
                self.abstract_of[num_id] = abstract.get(_q("val"))
            for override in num.iter(_q("lvlOverride")):
                start = override.find(_q("startOverride"))
                if start is not None:
                    self.overrides[(num_id, int(override.get(_q("ilvl"), "0")))] = _int_val(start, 1)

    def label(self, p: Any, styles: _Styles) -> str:
        if not self.levels:
            return ""
        num_id, ilvl = styles.numbering_properties(p)
        if not num_id or num_id == "0" or num_id not in self.abstract_of:
            return ""
        abstract = self.abstract_of[num_id]
        if (abstract, ilvl) not in self.levels:
            return ""
        starts = {level: self.overrides.get((num_id, level), self.levels.get((abstract, level), ("", "", 1))[2]) for level in range(9)}
        values = self.counters.step(num_id, ilvl, starts)
        fmt, template, _start = self.levels[(abstract, ilvl)]
        if fmt in ("bullet", "none") or not template:
            return ""

        def level_text(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = self.levels.get((abstract, level), (fmt, "", 1))[0]
            return format_label(values.get(level, starts[level]), level_fmt)

        return re.sub(r"%([1-9])", level_text, template)
