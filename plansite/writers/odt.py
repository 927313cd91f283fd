"""The plan (or one facet of it) as an ODF 1.2 text document (.odt).

Renders the shared outline (plansite/outline/document.py): title, facts, the
editor's source note, 壹 to 陸, and per strategy or sub-strategy a real table
of actions whose header row repeats on every page. Headings are text:h with
outline levels in "Heading n" styles, so LibreOffice's navigator and an
inserted table of contents see the plan's structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from odf import style as st
from odf import table as tb
from odf import text as tx
from odf.element import Element
from odf.opendocument import OpenDocumentText

from ..model import Facet, Office, Plan
from ..outline import wording
from ..outline.blocks import ActionRow, ActionTable, Block, Document, Facts, GapRow, Heading, Note, NumberedList, Paragraph, Role, Runs, Style
from ..outline.document import facet_document, plan_document
from .odf_package import add_font_faces, add_metadata, add_text, default_style, package, page_number_paragraph

# A4 with 2 cm margins leaves 17 cm for the action tables.
PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.0
# Widths of 編號 / 具體作法 / 承辦部門 / 執行期間: the action text gets most of the width.
ACTION_COLUMN_WIDTHS_CM = (2.2, 9.2, 3.0, 2.6)


@dataclass(frozen=True)
class _Styles:
    """The named styles the body refers to (odfpy elements, so references are checked)."""

    title: Element
    subtitle: Element
    body: Element
    facts: Element
    numbered: Element
    note: Element
    headings: tuple[Element, ...]
    table_heading: Element
    table_contents: Element
    subitem: Element
    strong: Element
    gap: Element
    inferred: Element
    table: Element
    columns: tuple[Element, ...]
    header_cell: Element
    cell: Element


def render_odt(plan: Plan, office: Office, generated_at: datetime, facet: Facet | None = None) -> bytes:
    document = plan_document(plan) if facet is None else facet_document(plan, facet)
    return render_document(document, office, generated_at)


def render_document(outline: Document, office: Office, generated_at: datetime) -> bytes:
    document = OpenDocumentText()
    styles = _add_styles(document)
    add_metadata(document, outline.meta_title, office.name, generated_at, description=outline.description, extra=dict(outline.meta))
    body = _Body(document.text, styles)
    body.paragraph(outline.title, styles.title)
    for block in outline.blocks:
        body.block(block)
    return package(document, generated_at)


class _Body:
    """Appends blocks to office:text; every plan string goes in as text nodes."""

    def __init__(self, container: Element, styles: _Styles) -> None:
        self.container = container
        self.styles = styles

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            heading = tx.H(outlinelevel=block.level, stylename=self.styles.headings[block.level - 1])
            add_text(heading, block.text)
            self.add(heading)
        elif isinstance(block, Paragraph):
            style = self.styles.subtitle if block.role is Role.SUBTITLE else self.styles.body
            self.add(self.runs_paragraph(block.runs, style))
        elif isinstance(block, Facts):
            for fact in block.items:
                paragraph = self.add(tx.P(stylename=self.styles.facts))
                self.span(paragraph, f"{fact.label}：", self.styles.strong)
                add_text(paragraph, fact.value)
        elif isinstance(block, NumberedList):
            for item in block.items:
                self.paragraph(wording.numbered_label(item.number, item.text), self.styles.numbered)
                if item.note:
                    self.add(self.note_paragraph(item.note, self.styles.note))
        elif isinstance(block, Note):
            self.add(self.note_paragraph(block.text, self.styles.note))
        elif isinstance(block, ActionTable):
            self.add(self.action_table(block))
            for number, note in enumerate(block.notes, start=1):
                self.add(self.note_paragraph(note, self.styles.note, wording.note_ref(number)))
        else:
            raise TypeError(f"a document holds no {type(block).__name__} block")

    def add(self, element: Element) -> Element:
        self.container.addElement(element)
        return element

    def paragraph(self, text: str, paragraph_style: Element) -> None:
        self.add(_plain(text, paragraph_style))

    # -- action tables

    def action_table(self, block: ActionTable) -> Element:
        styles = self.styles
        # Writer wants unique table names; the heading id is unique and readable in the navigator.
        table = tb.Table(name=f"具體作法_{block.name}", stylename=styles.table)
        for column in styles.columns:
            table.addElement(tb.TableColumn(stylename=column))
        header = tb.TableHeaderRows()
        header_row = tb.TableRow()
        for label in block.headers:
            cell = tb.TableCell(stylename=styles.header_cell)
            cell.addElement(_plain(label, styles.table_heading))
            header_row.addElement(cell)
        header.addElement(header_row)
        table.addElement(header)
        for row in block.rows:
            table.addElement(self.action_row(row) if isinstance(row, ActionRow) else self.gap_row(row, len(block.headers)))
        return table

    def action_row(self, action: ActionRow) -> Element:
        styles = self.styles
        row = tb.TableRow()
        row.addElement(_cell(styles, self.runs_paragraph(action.number, styles.table_contents)))
        text_cell = _cell(styles, self.runs_paragraph(action.text, styles.table_contents))
        for item in action.subitems:
            text_cell.addElement(_plain(wording.subitem_line(item.number, item.text), styles.subitem))
        if action.note_refs:
            text_cell.addElement(self.note_refs(action.note_refs))
        row.addElement(text_cell)
        row.addElement(_cell(styles, self.runs_paragraph(action.departments, styles.table_contents)))
        row.addElement(_cell(styles, self.runs_paragraph(action.period, styles.table_contents)))
        return row

    def gap_row(self, gap: GapRow, columns: int) -> Element:
        styles = self.styles
        row = tb.TableRow()
        row.addElement(_cell(styles, self.runs_paragraph(gap.number, styles.table_contents)))
        spanned = _cell(styles, self.runs_paragraph(gap.text, styles.table_contents), span=columns - 1)
        if gap.note_refs:
            spanned.addElement(self.note_refs(gap.note_refs))
        row.addElement(spanned)
        for _ in range(columns - 2):
            row.addElement(tb.CoveredTableCell())
        return row

    # -- text

    def runs_paragraph(self, runs: Runs, paragraph_style: Element) -> Element:
        """Gap and inference markers get their own character styles; muted placeholders stay plain."""
        paragraph = tx.P(stylename=paragraph_style)
        for run in runs:
            if run.style is Style.GAP:
                self.span(paragraph, run.text, self.styles.gap)
            elif run.style is Style.INFERRED:
                self.span(paragraph, run.text, self.styles.inferred)
            else:
                add_text(paragraph, run.text)
        return paragraph

    def note_paragraph(self, note: str, paragraph_style: Element, label: str = wording.EDITOR_NOTE) -> Element:
        paragraph = tx.P(stylename=paragraph_style)
        self.span(paragraph, f"{label}：", self.styles.strong)
        add_text(paragraph, note)
        return paragraph

    def note_refs(self, numbers: tuple[int, ...]) -> Element:
        """「（編者註 1）」 in a row: the note itself follows the table."""
        return _plain(wording.note_refs_text(numbers), self.styles.table_contents)

    def span(self, paragraph: Element, text: str, text_style: Element) -> None:
        span = tx.Span(stylename=text_style)
        add_text(span, text)
        paragraph.addElement(span)


def _cell(styles: _Styles, first: Element, span: int = 1) -> Element:
    cell = tb.TableCell(stylename=styles.cell, numbercolumnsspanned=span) if span > 1 else tb.TableCell(stylename=styles.cell)
    cell.addElement(first)
    return cell


def _plain(text: str, paragraph_style: Element) -> Element:
    paragraph = tx.P(stylename=paragraph_style)
    add_text(paragraph, text)
    return paragraph


# -- styles


def _add_styles(document: OpenDocumentText) -> _Styles:
    add_font_faces(document)
    common = document.styles
    common.addElement(default_style("paragraph", fontsize="11pt", fontsizeasian="11pt", fontsizecomplex="11pt"))
    for table_default in _table_default_styles():
        common.addElement(table_default)
    common.addElement(_outline_style())

    standard = _paragraph_style(common, "Standard", None, "Default Paragraph Style")
    body = _paragraph_style(common, "Text_20_body", standard, "Text Body", margintop="0cm", marginbottom="0.2cm", lineheight="140%")
    heading = _paragraph_style(common, "Heading", standard, "Heading", margintop="0.42cm", marginbottom="0.21cm", keepwithnext="always")
    sizes = ("16pt", "14pt", "13pt", "12pt")
    headings = tuple(
        _paragraph_style(
            common,
            f"Heading_20_{level}",
            heading,
            f"Heading {level}",
            outline_level=level,
            text={"fontweight": "bold", "fontweightasian": "bold", "fontsize": size, "fontsizeasian": size},
        )
        for level, size in enumerate(sizes, start=1)
    )
    title = _paragraph_style(
        common,
        "Title",
        heading,
        "Title",
        textalign="center",
        text={"fontweight": "bold", "fontweightasian": "bold", "fontsize": "20pt", "fontsizeasian": "20pt"},
    )
    subtitle = _paragraph_style(common, "Subtitle", heading, "Subtitle", textalign="center", text={"fontsize": "13pt", "fontsizeasian": "13pt"})
    facts = _paragraph_style(common, "Plan_20_Facts", body, "Plan Facts", marginbottom="0.1cm")
    numbered = _paragraph_style(common, "Plan_20_Numbered", body, "Plan Numbered", marginleft="1cm", textindent="-1cm")
    note = _paragraph_style(
        common, "Plan_20_Note", body, "Plan Note", marginleft="0.5cm", text={"fontsize": "10pt", "fontsizeasian": "10pt", "color": "#333333"}
    )
    table_contents = _paragraph_style(common, "Table_20_Contents", standard, "Table Contents", lineheight="130%")
    table_heading = _paragraph_style(
        common, "Table_20_Heading", table_contents, "Table Heading", textalign="center", text={"fontweight": "bold", "fontweightasian": "bold"}
    )
    subitem = _paragraph_style(common, "Plan_20_Subitem", table_contents, "Plan Subitem", marginleft="0.8cm", textindent="-0.8cm", margintop="0.1cm")
    _paragraph_style(common, "Footer", standard, "Footer", textalign="center", text={"fontsize": "9pt", "fontsizeasian": "9pt"})

    strong = _text_style(common, "Strong_20_Emphasis", "Strong Emphasis", fontweight="bold", fontweightasian="bold")
    # Gap markers are bold and dark red; the words themselves say what is missing, so colour is not the only cue.
    gap = _text_style(common, "Plan_20_Gap", "Plan Gap", fontweight="bold", fontweightasian="bold", color="#8b0000")
    inferred = _text_style(common, "Plan_20_Inferred", "Plan Inferred", fontstyle="italic", color="#444444")

    automatic = document.automaticstyles
    _page_layout(document)
    table_style = _automatic(
        automatic, "Plan_Table", "table", st.TableProperties(width=f"{_usable_width():.2f}cm", align="margins", margintop="0.2cm", marginbottom="0.3cm")
    )
    columns = tuple(
        _automatic(
            automatic,
            f"Plan_Table.{chr(ord('A') + index)}",
            "table-column",
            st.TableColumnProperties(columnwidth=f"{width}cm", relcolumnwidth=f"{round(width * 1000)}*"),
        )
        for index, width in enumerate(ACTION_COLUMN_WIDTHS_CM)
    )
    border = "0.5pt solid #000000"
    cell = _automatic(automatic, "Plan_Table.Cell", "table-cell", st.TableCellProperties(border=border, padding="0.1cm", verticalalign="top"))
    header_cell = _automatic(
        automatic, "Plan_Table.Header", "table-cell", st.TableCellProperties(border=border, padding="0.1cm", backgroundcolor="#e6e6e6", verticalalign="middle")
    )
    return _Styles(
        title=title,
        subtitle=subtitle,
        body=body,
        facts=facts,
        numbered=numbered,
        note=note,
        headings=headings,
        table_heading=table_heading,
        table_contents=table_contents,
        subitem=subitem,
        strong=strong,
        gap=gap,
        inferred=inferred,
        table=table_style,
        columns=columns,
        header_cell=header_cell,
        cell=cell,
    )


def _paragraph_style(
    styles: Element,
    name: str,
    parent: Element | None,
    display_name: str,
    outline_level: int | None = None,
    text: dict[str, str] | None = None,
    **paragraph: str,
) -> Element:
    attributes = {"name": name, "displayname": display_name, "family": "paragraph"}
    if parent is not None:
        attributes["parentstylename"] = parent
    if outline_level is not None:
        # What makes "Heading n" an outline level for the navigator and tables of contents.
        attributes["defaultoutlinelevel"] = str(outline_level)
        attributes["nextstylename"] = "Text_20_body"
    style = st.Style(**attributes)
    if paragraph:
        style.addElement(st.ParagraphProperties(**paragraph))
    if text:
        style.addElement(st.TextProperties(**text))
    styles.addElement(style)
    return style


def _text_style(styles: Element, name: str, display_name: str, **text: str) -> Element:
    style = st.Style(name=name, displayname=display_name, family="text")
    style.addElement(st.TextProperties(**text))
    styles.addElement(style)
    return style


def _automatic(automatic: Element, name: str, family: str, properties: Element) -> Element:
    style = st.Style(name=name, family=family)
    style.addElement(properties)
    automatic.addElement(style)
    return style


def _table_default_styles() -> tuple[Element, Element]:
    """Defaults for the table families too, so no table property is left to the reader's defaults."""
    table = st.DefaultStyle(family="table")
    table.addElement(st.TableProperties(bordermodel="collapsing"))
    cell = st.DefaultStyle(family="table-cell")
    cell.addElement(st.TableCellProperties(verticalalign="top"))
    return table, cell


def _outline_style() -> Element:
    """Outline levels without numbers: the plan's own numbering is part of the heading text."""
    outline = tx.OutlineStyle(name="Outline")
    for level in range(1, 11):
        outline.addElement(tx.OutlineLevelStyle(level=level, numformat=""))
    return outline


def _page_layout(document: OpenDocumentText) -> None:
    layout = st.PageLayout(name="Plan_Page")
    layout.addElement(
        st.PageLayoutProperties(
            pagewidth=f"{PAGE_WIDTH_CM}cm",
            pageheight=f"{PAGE_HEIGHT_CM}cm",
            printorientation="portrait",
            margintop=f"{MARGIN_CM}cm",
            marginbottom=f"{MARGIN_CM - 0.5}cm",
            marginleft=f"{MARGIN_CM}cm",
            marginright=f"{MARGIN_CM}cm",
        )
    )
    footer_properties = st.FooterStyle()
    footer_properties.addElement(st.HeaderFooterProperties(minheight="0.5cm", margintop="0.3cm"))
    layout.addElement(footer_properties)
    document.automaticstyles.addElement(layout)

    master = st.MasterPage(name="Standard", pagelayoutname=layout)
    footer = st.Footer()
    footer.addElement(page_number_paragraph(wording.PAGE_NUMBER, stylename="Footer"))
    master.addElement(footer)
    document.masterstyles.addElement(master)


def _usable_width() -> float:
    return PAGE_WIDTH_CM - 2 * MARGIN_CM
