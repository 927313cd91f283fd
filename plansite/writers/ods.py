"""The plan's actions (or one facet's) as an ODF 1.2 spreadsheet (.ods).

One row per action, the lost ones too, so the sheet is the plan table
flattened for filtering and reuse as open data. The header row is frozen and
repeats when printed; a second sheet says what the file holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from odf import style as st
from odf import table as tb
from odf import text as tx
from odf.element import Element
from odf.opendocument import OpenDocumentSpreadsheet

from ..model import Facet, Office, Plan
from ..outline import wording
from ..outline.records import RecordTable, plan_records
from .odf_package import add_font_faces, add_metadata, add_text, default_style, landscape_print_page, package, view_settings

SHEET_NAME = wording.ODS_ACTIONS_SHEET
ABOUT_SHEET_NAME = wording.ODS_ABOUT_SHEET


@dataclass(frozen=True)
class _Styles:
    table: Element
    columns: tuple[Element, ...]
    header: Element
    cell: Element
    about_columns: tuple[Element, Element]


def render_ods(plan: Plan, office: Office, generated_at: datetime, facet: Facet | None = None) -> bytes:
    return render_records(plan_records(plan, facet), office, generated_at)


def render_records(table: RecordTable, office: Office, generated_at: datetime) -> bytes:
    document = OpenDocumentSpreadsheet()
    columns = [(field.label, field.width_cm) for field in table.fields]
    styles = _add_styles(document, columns)
    add_metadata(document, table.title, office.name, generated_at, description=table.scope, extra=dict(table.meta))
    document.spreadsheet.addElement(_actions_sheet(table, styles))
    document.spreadsheet.addElement(_about_sheet(table.about, styles))
    document.spreadsheet.addElement(_autofilter(len(table.rows), len(columns)))
    document.settings.addElement(view_settings(SHEET_NAME, SHEET_NAME))
    return package(document, generated_at)


# -- the actions sheet


def _actions_sheet(table: RecordTable, styles: _Styles) -> Element:
    sheet = tb.Table(name=SHEET_NAME, stylename=styles.table)
    for column in styles.columns:
        sheet.addElement(tb.TableColumn(stylename=column, defaultcellstylename=styles.cell))
    # Marked as header rows too, so the header repeats on every printed page.
    header = tb.TableHeaderRows()
    header.addElement(_row([[field.label] for field in table.fields], styles.header))
    sheet.addElement(header)
    for row in table.rows:
        # Each cell as its paragraphs: the sub-items are lines of the 具體作法 text.
        sheet.addElement(_row([row[field.key].split("\n") for field in table.fields], styles.cell))
    return sheet


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


def _autofilter(row_count: int, column_count: int) -> Element:
    """Filter buttons on the header, so a reader can pick a facet, department or state at once."""
    last_column = chr(ord("A") + column_count - 1)
    ranges = tb.DatabaseRanges()
    ranges.addElement(
        tb.DatabaseRange(
            name="__Anonymous_Sheet_DB__0",
            targetrangeaddress=f"'{SHEET_NAME}'.A1:'{SHEET_NAME}'.{last_column}{row_count + 1}",
            displayfilterbuttons="true",
        )
    )
    return ranges


# -- the about sheet


def _about_sheet(lines: list[tuple[str, str]], styles: _Styles) -> Element:
    sheet = tb.Table(name=ABOUT_SHEET_NAME, stylename=styles.table)
    for column in styles.about_columns:
        sheet.addElement(tb.TableColumn(stylename=column, defaultcellstylename=styles.cell))
    for label, value in lines:
        sheet.addElement(_row([[label], [value]], styles.cell))
    return sheet


# -- styles


def _add_styles(document: OpenDocumentSpreadsheet, columns: list[tuple[str, float]]) -> _Styles:
    add_font_faces(document)
    document.styles.addElement(default_style("table-cell", fontsize="10pt", fontsizeasian="10pt", fontsizecomplex="10pt"))
    # A default for the table family too, so sheets rely on nothing the reader's suite assumes.
    sheet_default = st.DefaultStyle(family="table")
    sheet_default.addElement(st.TableProperties(writingmode="lr-tb"))
    document.styles.addElement(sheet_default)
    automatic = document.automaticstyles
    master = landscape_print_page(document, "pm1", "Default", sum(width for _label, width in columns), wording.SHEET_PAGE_NUMBER)
    table = st.Style(name="ta1", family="table", masterpagename=master)
    table.addElement(st.TableProperties(display="true", writingmode="lr-tb"))
    automatic.addElement(table)
    column_styles = tuple(_column_style(automatic, f"co{index}", width) for index, (_label, width) in enumerate(columns, start=1))
    about_columns = (_column_style(automatic, "coA1", 3.2), _column_style(automatic, "coA2", 16.0))

    cell = st.Style(name="ce1", family="table-cell")
    cell.addElement(st.TableCellProperties(wrapoption="wrap", verticalalign="top"))
    automatic.addElement(cell)

    header = st.Style(name="ce2", family="table-cell")
    header.addElement(st.TableCellProperties(wrapoption="wrap", verticalalign="middle", backgroundcolor="#e6e6e6"))
    header.addElement(st.TextProperties(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold"))
    automatic.addElement(header)
    return _Styles(table=table, columns=column_styles, header=header, cell=cell, about_columns=about_columns)


def _column_style(automatic: Element, name: str, width_cm: float) -> Element:
    style = st.Style(name=name, family="table-column")
    style.addElement(st.TableColumnProperties(columnwidth=f"{width_cm}cm", breakbefore="auto"))
    automatic.addElement(style)
    return style
