"""The plan (or one facet of it) as an ODF 1.2 text document (.odt).

Follows the web pages' content and order (markdown_pages.py): title, facts,
the editor's source note, 壹 to 陸, and per strategy or sub-strategy a real
table of actions whose header row repeats on every page. Headings are text:h
with outline levels in "Heading n" styles, so LibreOffice's navigator and an
inserted table of contents see the plan's structure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from odf import style as st
from odf import table as tb
from odf import text as tx
from odf.element import Element
from odf.opendocument import OpenDocumentText

from ..model import Action, Facet, Heading, NumberedText, Office, Plan, SourceState, Strategy, SubStrategy
from ..outline.wording import (
    EDITOR_NOTE,
    UNSTATED,
    departments_label,
    heading_label,
    marked_pieces,
    number_range,
    period_label,
    roc_date,
    section_label,
    text_pieces,
)
from .odf_package import add_font_faces, add_metadata, add_text, default_style, package

WRITER_VERSION = "1"

# A4 with 2 cm margins leaves 17 cm for the action tables.
PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.0
# 編號 / 具體作法 / 承辦部門 / 執行期間: the action text gets most of the width.
ACTION_COLUMNS = (("編號", 2.2), ("具體作法", 9.2), ("承辦部門", 3.0), ("執行期間", 2.6))
UNNUMBERED = "（未編號）"


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
    document = OpenDocumentText()
    styles = _add_styles(document)
    body = _Body(document.text, styles)
    if facet is None:
        add_metadata(document, plan.title, office.name, generated_at)
        _whole_plan(body, plan)
    else:
        context = _facet_context(plan, facet)
        add_metadata(document, f"{heading_label(facet.heading)}｜{plan.title}", office.name, generated_at, description=context)
        _facet_document(body, plan, facet, context)
    return package(document, generated_at)


# -- document outline


def _whole_plan(body: _Body, plan: Plan) -> None:
    body.paragraph(plan.title, body.styles.title)
    _facts(body, plan)
    if plan.source_note:
        body.note(plan.source_note)

    body.heading(1, section_label(plan.basis_heading))
    for directive in plan.basis:
        body.numbered(directive.number, directive.text)

    body.heading(1, section_label(plan.goals_heading))
    for paragraph in plan.goals:
        body.paragraph(paragraph, body.styles.body)

    body.heading(1, section_label(plan.targets_heading))
    _numbered_texts(body, plan.targets)

    body.heading(1, section_label(plan.execution_heading))
    if plan.category:
        body.paragraph(section_label(plan.category), body.styles.body)
    for facet in plan.facets:
        _facet_section(body, facet, level=2)

    body.heading(1, section_label(plan.steps_heading))
    _numbered_texts(body, plan.steps)
    # The closing clause (陸) is printed in the source as a top-level heading line.
    body.heading(1, f"{plan.closing.number or ''}{plan.closing.text}")
    if plan.closing.note:
        body.note(plan.closing.note)


def _facet_document(body: _Body, plan: Plan, facet: Facet, context: str) -> None:
    body.paragraph(plan.title, body.styles.title)
    body.paragraph(context, body.styles.subtitle)
    if plan.source_note:
        body.note(plan.source_note)
    _facet_section(body, facet, level=1)


def _facet_context(plan: Plan, facet: Facet) -> str:
    return f"本文件為{plan.title}「{section_label(plan.execution_heading)}」的第 {facet.position} 個面向：{heading_label(facet.heading)}。"


def _facts(body: _Body, plan: Plan) -> None:
    facts = [
        ("訂定機關", plan.office),
        ("年度", f"民國 {plan.roc_year} 年度"),
        ("發布日期", _date_text(plan.published)),
        ("最近修正日期", _date_text(plan.amended)),
    ]
    for label, value in facts:
        paragraph = body.add(tx.P(stylename=body.styles.facts))
        body.span(paragraph, f"{label}：", body.styles.strong)
        add_text(paragraph, value)


def _date_text(value: date | None) -> str:
    return roc_date(value) if value else UNSTATED


def _numbered_texts(body: _Body, items: Iterable[NumberedText]) -> None:
    for item in items:
        body.numbered(item.number, item.text)
        if item.note:
            body.note(item.note)


def _facet_section(body: _Body, facet: Facet, level: int) -> None:
    body.heading(level, heading_label(facet.heading))
    _heading_note(body, facet.heading)
    for strategy in facet.strategies:
        _strategy_section(body, strategy, level + 1)


def _strategy_section(body: _Body, strategy: Strategy, level: int) -> None:
    body.heading(level, heading_label(strategy.heading))
    _heading_note(body, strategy.heading)
    for substrategy, actions in strategy.action_groups():
        if substrategy is None:
            _action_table(body, strategy.heading, actions)
        else:
            _substrategy_section(body, substrategy, level + 1)


def _substrategy_section(body: _Body, substrategy: SubStrategy, level: int) -> None:
    heading = substrategy.heading
    body.heading(level, heading_label(heading) if heading.number or heading.title else "具體作法")
    _heading_note(body, heading)
    _action_table(body, heading, substrategy.actions)


def _heading_note(body: _Body, heading: Heading) -> None:
    if heading.note:
        body.note(heading.note)


# -- action tables


def _action_table(body: _Body, parent: Heading, actions: tuple[Action, ...]) -> None:
    styles = body.styles
    # Writer wants unique table names; the heading id is unique and readable in the navigator.
    table = body.add(tb.Table(name=f"具體作法_{parent.id}", stylename=styles.table))
    for column in styles.columns:
        table.addElement(tb.TableColumn(stylename=column))
    header = tb.TableHeaderRows()
    header_row = tb.TableRow()
    for label, _width in ACTION_COLUMNS:
        cell = tb.TableCell(stylename=styles.header_cell)
        cell.addElement(_plain(label, styles.table_heading))
        header_row.addElement(cell)
    header.addElement(header_row)
    table.addElement(header)
    # A run of missing actions is one gap, not a row of identical notices each.
    for is_missing, run in groupby(actions, key=lambda action: action.source is SourceState.MISSING):
        for row in [_missing_row(body, list(run))] if is_missing else [_action_row(body, action) for action in run]:
            table.addElement(row)


def _action_row(body: _Body, action: Action) -> Element:
    styles = body.styles
    row = tb.TableRow()
    row.addElement(_cell(styles, _plain(action.number or UNNUMBERED, styles.table_contents)))

    text_cell = _cell(styles, _gap_paragraph(body, action))
    for item in action.subitems:
        text_cell.addElement(_plain(f"{item.number} {item.text}" if item.number else item.text, styles.subitem))
    if action.note:
        text_cell.addElement(_note_paragraph(body, action.note, styles.table_contents))
    row.addElement(text_cell)

    row.addElement(_cell(styles, _marked_paragraph(body, departments_label(action))))
    row.addElement(_cell(styles, _marked_paragraph(body, period_label(action))))
    return row


def _missing_row(body: _Body, actions: list[Action]) -> Element:
    styles = body.styles
    row = tb.TableRow()
    row.addElement(_cell(styles, _plain(number_range(actions) or UNNUMBERED, styles.table_contents)))
    spanned = _cell(styles, _gap_paragraph(body, actions[0]), span=len(ACTION_COLUMNS) - 1)
    for action in actions:
        if action.note:
            spanned.addElement(_note_paragraph(body, action.note, styles.table_contents))
    row.addElement(spanned)
    for _ in range(len(ACTION_COLUMNS) - 2):
        row.addElement(tb.CoveredTableCell())
    return row


def _cell(styles: _Styles, first: Element, span: int = 1) -> Element:
    cell = tb.TableCell(stylename=styles.cell, numbercolumnsspanned=span) if span > 1 else tb.TableCell(stylename=styles.cell)
    cell.addElement(first)
    return cell


def _gap_paragraph(body: _Body, action: Action) -> Element:
    paragraph = tx.P(stylename=body.styles.table_contents)
    for piece, is_gap in text_pieces(action):
        if is_gap:
            body.span(paragraph, piece, body.styles.gap)
        else:
            add_text(paragraph, piece)
    return paragraph


def _marked_paragraph(body: _Body, label: str) -> Element:
    """Departments or period; gap and inference markers get their own character styles."""
    paragraph = tx.P(stylename=body.styles.table_contents)
    for text, kind in marked_pieces(label):
        if kind == "plain":
            add_text(paragraph, text)
        else:
            body.span(paragraph, text, body.styles.gap if kind == "gap" else body.styles.inferred)
    return paragraph


def _note_paragraph(body: _Body, note: str, paragraph_style: Element) -> Element:
    paragraph = tx.P(stylename=paragraph_style)
    body.span(paragraph, f"{EDITOR_NOTE}：", body.styles.strong)
    add_text(paragraph, note)
    return paragraph


def _plain(text: str, paragraph_style: Element) -> Element:
    paragraph = tx.P(stylename=paragraph_style)
    add_text(paragraph, text)
    return paragraph


class _Body:
    """Appends blocks to office:text; every plan string goes in as text nodes."""

    def __init__(self, container: Element, styles: _Styles) -> None:
        self.container = container
        self.styles = styles

    def add(self, element: Element) -> Element:
        self.container.addElement(element)
        return element

    def paragraph(self, text: str, paragraph_style: Element) -> None:
        self.add(_plain(text, paragraph_style))

    def heading(self, level: int, text: str) -> None:
        heading = tx.H(outlinelevel=level, stylename=self.styles.headings[level - 1])
        add_text(heading, text)
        self.add(heading)

    def numbered(self, number: str | None, text: str) -> None:
        # Same joining as heading labels: 「一、」 runs straight on, 「(1)」 takes a space.
        prefix = "" if not number else number if number.endswith("、") else f"{number} "
        self.paragraph(prefix + text, self.styles.numbered)

    def note(self, note: str) -> None:
        self.add(_note_paragraph(self, note, self.styles.note))

    def span(self, paragraph: Element, text: str, text_style: Element) -> None:
        span = tx.Span(stylename=text_style)
        add_text(span, text)
        paragraph.addElement(span)


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
        for index, (_label, width) in enumerate(ACTION_COLUMNS)
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
    page_line = tx.P(stylename="Footer")
    page_line.addText("第 ")
    page_line.addElement(tx.PageNumber(selectpage="current", numformat="1"))
    page_line.addText(" 頁，共 ")
    page_line.addElement(tx.PageCount())
    page_line.addText(" 頁")
    footer.addElement(page_line)
    master.addElement(footer)
    document.masterstyles.addElement(master)


def _usable_width() -> float:
    return PAGE_WIDTH_CM - 2 * MARGIN_CM
