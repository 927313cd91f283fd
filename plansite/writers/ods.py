"""The plan's actions (or one facet's) as an ODF 1.2 spreadsheet (.ods).

One row per action, the lost ones too, so the sheet is the plan table
flattened for filtering and reuse as open data. The header row is frozen and
repeats when printed; a second sheet says what the file holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from odf import config as cf
from odf import style as st
from odf import table as tb
from odf import text as tx
from odf.element import Element
from odf.opendocument import OpenDocumentSpreadsheet

from ..model import Facet, Office, Plan
from ..outline import wording
from ..outline.records import FIELDS, action_records
from .odf_package import add_font_faces, add_metadata, add_text, default_style, package, page_number_paragraph

SHEET_NAME = "具體作法"
ABOUT_SHEET_NAME = "說明"
# Column widths in cm by field; 具體作法 is wide and every cell wraps.
WIDTHS = {
    "facet": 2.4,
    "strategy": 3.6,
    "substrategy": 4.0,
    "number": 1.4,
    "text": 10.0,
    "departments": 2.8,
    "period": 2.0,
    "id": 1.8,
    "source_state": 2.2,
    "note": 6.0,
}
# (header, width): the same columns, in the same order, as the CSV and JSON files.
COLUMNS = tuple((field.label, WIDTHS[field.key]) for field in FIELDS)
# Printed on A4 landscape, scaled so every column fits one page width.
PRINT_WIDTH_CM = 29.7
PRINT_HEIGHT_CM = 21.0
PRINT_MARGIN_CM = 1.2


@dataclass(frozen=True)
class _Styles:
    table: Element
    columns: tuple[Element, ...]
    header: Element
    cell: Element
    about_columns: tuple[Element, Element]


def render_ods(plan: Plan, office: Office, generated_at: datetime, facet: Facet | None = None) -> bytes:
    document = OpenDocumentSpreadsheet()
    styles = _add_styles(document)
    scope = wording.records_scope(plan, facet)
    add_metadata(document, wording.records_title(plan, facet), office.name, generated_at, description=scope)

    rows = action_records(plan, facet)
    sheet = _actions_sheet(rows, styles)
    document.spreadsheet.addElement(sheet)
    document.spreadsheet.addElement(_about_sheet(plan, scope, styles))
    document.spreadsheet.addElement(_autofilter(len(rows)))
    document.settings.addElement(_view_settings())
    return package(document, generated_at)


# -- the actions sheet


def _actions_sheet(rows: list[dict[str, str]], styles: _Styles) -> Element:
    sheet = tb.Table(name=SHEET_NAME, stylename=styles.table)
    for column in styles.columns:
        sheet.addElement(tb.TableColumn(stylename=column, defaultcellstylename=styles.cell))
    # Marked as header rows too, so the header repeats on every printed page.
    header = tb.TableHeaderRows()
    header.addElement(_row([[label] for label, _width in COLUMNS], styles.header))
    sheet.addElement(header)
    for row in rows:
        sheet.addElement(_row(_action_cells(row), styles.cell))
    return sheet


def _action_cells(record: dict[str, str]) -> list[list[str]]:
    """Each cell as its paragraphs: the sub-items are lines of the 具體作法 text."""
    return [record[field.key].split("\n") for field in FIELDS]


def _row(cells: Iterable[list[str]], cell_style: Element) -> Element:
    row = tb.TableRow()
    for paragraphs in cells:
        row.addElement(_string_cell(paragraphs, cell_style))
    return row


def _string_cell(paragraphs: list[str], cell_style: Element) -> Element:
    if not any(paragraphs):
        return tb.TableCell(stylename=cell_style)
    cell = tb.TableCell(valuetype="string", stylename=cell_style)
    for text in paragraphs:
        paragraph = tx.P()
        add_text(paragraph, text)
        cell.addElement(paragraph)
    return cell


def _autofilter(row_count: int) -> Element:
    """Filter buttons on the header, so a reader can pick a facet, department or state at once."""
    last_column = chr(ord("A") + len(COLUMNS) - 1)
    ranges = tb.DatabaseRanges()
    ranges.addElement(
        tb.DatabaseRange(
            name="__Anonymous_Sheet_DB__0",
            targetrangeaddress=f"'{SHEET_NAME}'.A1:'{SHEET_NAME}'.{last_column}{row_count + 1}",
            displayfilterbuttons="true",
        )
    )
    return ranges


def _view_settings() -> Element:
    """LibreOffice's view settings: the header row frozen, the actions sheet active."""
    table = cf.ConfigItemMapEntry(name=SHEET_NAME)
    for name, kind, value in (
        ("HorizontalSplitMode", "short", "0"),
        ("VerticalSplitMode", "short", "2"),  # 2 = frozen
        ("HorizontalSplitPosition", "int", "0"),
        ("VerticalSplitPosition", "int", "1"),  # below row 1
        ("ActiveSplitRange", "short", "2"),
        ("PositionLeft", "int", "0"),
        ("PositionRight", "int", "0"),
        ("PositionTop", "int", "0"),
        ("PositionBottom", "int", "1"),
        ("CursorPositionX", "int", "0"),
        ("CursorPositionY", "int", "1"),
    ):
        table.addElement(_config_item(name, kind, value))
    tables = cf.ConfigItemMapNamed(name="Tables")
    tables.addElement(table)

    view = cf.ConfigItemMapEntry()
    view.addElement(_config_item("ViewId", "string", "view1"))
    view.addElement(tables)
    view.addElement(_config_item("ActiveTable", "string", SHEET_NAME))
    views = cf.ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = cf.ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    return settings


def _config_item(name: str, kind: str, value: str) -> Element:
    item = cf.ConfigItem(name=name, type=kind)
    item.addText(value)
    return item


# -- the about sheet


def _about_sheet(plan: Plan, scope: str, styles: _Styles) -> Element:
    sheet = tb.Table(name=ABOUT_SHEET_NAME, stylename=styles.table)
    for column in styles.about_columns:
        sheet.addElement(tb.TableColumn(stylename=column, defaultcellstylename=styles.cell))
    for label, value in wording.records_about(plan, scope):
        sheet.addElement(_row([[label], [value]], styles.cell))
    return sheet


# -- styles


def _add_styles(document: OpenDocumentSpreadsheet) -> _Styles:
    add_font_faces(document)
    document.styles.addElement(default_style("table-cell", fontsize="10pt", fontsizeasian="10pt", fontsizecomplex="10pt"))
    # A default for the table family too, so sheets rely on nothing the reader's suite assumes.
    sheet_default = st.DefaultStyle(family="table")
    sheet_default.addElement(st.TableProperties(writingmode="lr-tb"))
    document.styles.addElement(sheet_default)
    automatic = document.automaticstyles
    table = st.Style(name="ta1", family="table", masterpagename=_print_page(document))
    table.addElement(st.TableProperties(display="true", writingmode="lr-tb"))
    automatic.addElement(table)
    columns = tuple(_column_style(automatic, f"co{index}", width) for index, (_label, width) in enumerate(COLUMNS, start=1))
    about_columns = (_column_style(automatic, "coA1", 3.2), _column_style(automatic, "coA2", 16.0))

    cell = st.Style(name="ce1", family="table-cell")
    cell.addElement(st.TableCellProperties(wrapoption="wrap", verticalalign="top"))
    automatic.addElement(cell)

    header = st.Style(name="ce2", family="table-cell")
    header.addElement(st.TableCellProperties(wrapoption="wrap", verticalalign="middle", backgroundcolor="#e6e6e6"))
    header.addElement(st.TextProperties(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold"))
    automatic.addElement(header)
    return _Styles(table=table, columns=columns, header=header, cell=cell, about_columns=about_columns)


def _print_page(document: OpenDocumentSpreadsheet) -> Element:
    """A4 landscape, scaled down to the sheet's width; the footer numbers the pages."""
    usable = PRINT_WIDTH_CM - 2 * PRINT_MARGIN_CM
    scale = min(100, int(usable / sum(width for _label, width in COLUMNS) * 100))
    layout = st.PageLayout(name="pm1")
    layout.addElement(
        st.PageLayoutProperties(
            pagewidth=f"{PRINT_WIDTH_CM}cm",
            pageheight=f"{PRINT_HEIGHT_CM}cm",
            printorientation="landscape",
            margin=f"{PRINT_MARGIN_CM}cm",
            scaleto=f"{scale}%",
        )
    )
    document.automaticstyles.addElement(layout)
    master = st.MasterPage(name="Default", pagelayoutname=layout)
    footer = st.Footer()
    footer.addElement(page_number_paragraph(wording.SHEET_PAGE_NUMBER))
    master.addElement(footer)
    document.masterstyles.addElement(master)
    return master


def _column_style(automatic: Element, name: str, width_cm: float) -> Element:
    style = st.Style(name=name, family="table-column")
    style.addElement(st.TableColumnProperties(columnwidth=f"{width_cm}cm", breakbefore="auto"))
    automatic.addElement(style)
    return style
