"""Write the progress form of one plan and round as an ODF 1.2 spreadsheet.

Two sheets: 說明 (the plan and round in labelled cells, and how to fill the
form in) and 填報 (one row per action whose text survives, with 辦理情形 as
a drop-down list). When the round already has data the form comes pre-filled,
so an office corrects rather than retypes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from odf import meta
from odf import number as nb
from odf import style as st
from odf import table as tb
from odf import text as tx
from odf.element import Element
from odf.opendocument import OpenDocumentSpreadsheet

from ..model import Office, Plan, SourceState
from ..outline.records import action_records
from ..outline.wording import SHEET_PAGE_NUMBER
from ..writers.odf_package import add_font_faces, add_metadata, add_text, default_style, landscape_print_page, package, view_settings
from . import form_layout as layout
from .model import STATUS_VALUES, ProgressRecord, Round, Status

VALIDATION_NAME = "status_list"
STATUS_COLUMN = layout.TITLES.index(layout.STATUS)


@dataclass(frozen=True)
class FormRound:
    """The round the form is for: its data when it exists, else just its id and label."""

    id: str
    label: str
    assessed: str | None
    """ISO date, or None."""
    existing: Round | None


@dataclass(frozen=True)
class _Styles:
    entry_table: Element
    about_table: Element
    columns: tuple[Element, ...]
    about_columns: tuple[Element, ...]
    header: Element
    reference: Element
    fill: Element
    label: Element
    plain: Element


def render_progress_form(plan: Plan, office: Office, form_round: FormRound, generated_at: datetime) -> bytes:
    document = OpenDocumentSpreadsheet()
    styles = _add_styles(document)
    title = f"{plan.title}：{form_round.label}{layout.FORM_NAME}"
    add_metadata(document, title, office.name, generated_at, description=f"計畫代碼 {plan.id}；考核期別 {form_round.id}")
    for name, value in ((layout.META_FORM, layout.META_FORM_VALUE), (layout.META_PLAN, plan.id), (layout.META_ROUND, form_round.id)):
        document.meta.addElement(meta.UserDefined(name=name, valuetype="string", text=value))

    document.spreadsheet.addElement(_status_validation())
    document.spreadsheet.addElement(_about_sheet(plan, form_round, styles))
    document.spreadsheet.addElement(_entry_sheet(plan, form_round.existing, styles))
    document.settings.addElement(view_settings(layout.ENTRY_SHEET, layout.ABOUT_SHEET, frozen_columns=1, cursor_column=STATUS_COLUMN))
    return package(document, generated_at)


# -- the 說明 sheet


def _about_sheet(plan: Plan, form_round: FormRound, styles: _Styles) -> Element:
    sheet = tb.Table(name=layout.ABOUT_SHEET, stylename=styles.about_table)
    for column in styles.about_columns:
        sheet.addElement(tb.TableColumn(stylename=column))
    keep = "請勿修改"
    editable = "可修改"
    rows: list[tuple[str, str, Element, str]] = [
        (layout.LABEL_FORM, layout.FORM_MARK, styles.reference, ""),
        (layout.LABEL_PLAN, plan.id, styles.reference, keep),
        (layout.LABEL_PLAN_TITLE, plan.title, styles.reference, ""),
        (layout.LABEL_OFFICE, plan.issuing_office, styles.reference, ""),
        (layout.LABEL_ROUND, form_round.id, styles.reference, keep),
        (layout.LABEL_ROUND_LABEL, form_round.label, styles.fill, editable),
        (layout.LABEL_ASSESSED, form_round.assessed or "", styles.fill, f"{editable}（西元 YYYY-MM-DD；尚未確定請留空）"),
    ]
    for label, value, value_style, note in rows:
        row = tb.TableRow()
        row.addElement(_cell(label, styles.label))
        row.addElement(_cell(value, value_style))
        row.addElement(_cell(note, styles.plain))
        sheet.addElement(row)
    gap = tb.TableRow()
    gap.addElement(tb.TableCell())  # ODF: a row holds at least one cell
    sheet.addElement(gap)
    heading = tb.TableRow()
    heading.addElement(_cell("填寫方式", styles.label))
    sheet.addElement(heading)
    for line in layout.INSTRUCTIONS:
        row = tb.TableRow()
        row.addElement(_cell("", styles.plain))
        row.addElement(_cell(line, styles.plain))
        sheet.addElement(row)
    return sheet


# -- the 填報 sheet


def _entry_sheet(plan: Plan, existing: Round | None, styles: _Styles) -> Element:
    sheet = tb.Table(name=layout.ENTRY_SHEET, stylename=styles.entry_table)
    for column in styles.columns:
        sheet.addElement(tb.TableColumn(stylename=column))
    header = tb.TableHeaderRows()
    header_row = tb.TableRow()
    for title in layout.TITLES:
        header_row.addElement(_cell(title, styles.header))
    header.addElement(header_row)
    sheet.addElement(header)

    states = {row.action.id: row.action.source for row in plan.rows()}
    for record in action_records(plan):
        if states[record["id"]] is SourceState.MISSING:
            continue  # nothing to report on an action whose text is lost
        progress = existing.record_for(record["id"]) if existing else None
        row = tb.TableRow()
        for index, value in enumerate(_reference_values(record) + _filled_values(progress)):
            style = styles.fill if layout.COLUMNS[index].filled_in else styles.reference
            validation = VALIDATION_NAME if index == STATUS_COLUMN else None
            row.addElement(_cell(value, style, validation))
        sheet.addElement(row)
    return sheet


def _reference_values(record: dict[str, str]) -> list[str]:
    strategy = "\n".join(filter(None, (record["strategy"], record["substrategy"])))
    first, *subitems = record["text"].split("\n")
    text = "\n".join([f"{record['number']} {first}" if record["number"] else first, *subitems])
    return [record["id"], record["facet"], strategy, text, record["departments"], record["period"]]


def _filled_values(progress: ProgressRecord | None) -> list[str]:
    if progress is None:
        return ["", "", ""]
    # The form has one text column: for 暫緩 it holds the reason (the rules forbid a result beside it).
    explanation = progress.reason if progress.status is Status.SUSPENDED else progress.result
    return [progress.status.value, explanation or "", "\n".join(progress.evidence)]


def _status_validation() -> Element:
    """The drop-down of 辦理情形 (ODF content validation), referenced by each cell of that column."""
    listed = ";".join(f'"{value}"' for value in STATUS_VALUES)
    validations = tb.ContentValidations()
    validation = tb.ContentValidation(
        name=VALIDATION_NAME,
        condition=f"of:cell-content-is-in-list({listed})",
        allowemptycell="true",
        basecelladdress=f"'{layout.ENTRY_SHEET}'.{chr(ord('A') + STATUS_COLUMN)}2",
        displaylist="unsorted",
    )
    help_message = tb.HelpMessage(title=layout.STATUS, display="true")
    help_message.addElement(tx.P(text=f"請從清單選擇：{layout.STATUS_LIST_TEXT}；本期不填報請留空。"))
    validation.addElement(help_message)
    error_message = tb.ErrorMessage(title=layout.STATUS, display="true", messagetype="stop")
    error_message.addElement(tx.P(text=f"辦理情形只能是：{layout.STATUS_LIST_TEXT}。"))
    validation.addElement(error_message)
    validations.addElement(validation)
    return validations


# -- cells, settings and styles


def _cell(value: str, style: Element, validation: str | None = None) -> Element:
    attributes = {"stylename": style}
    if validation:
        attributes["contentvalidationname"] = validation
    if not value:
        return tb.TableCell(**attributes)
    cell = tb.TableCell(valuetype="string", **attributes)
    for line in value.split("\n"):
        paragraph = tx.P()
        add_text(paragraph, line)
        cell.addElement(paragraph)
    return cell


ABOUT_WIDTHS_CM = (3.4, 18.0, 6.0)


def _sheet_style(document: OpenDocumentSpreadsheet, name: str, width_cm: float) -> Element:
    master = landscape_print_page(document, f"pm_{name}", f"Form_{name}", width_cm, SHEET_PAGE_NUMBER)
    table = st.Style(name=f"ta_{name}", family="table", masterpagename=master)
    table.addElement(st.TableProperties(display="true", writingmode="lr-tb"))
    document.automaticstyles.addElement(table)
    return table


def _add_styles(document: OpenDocumentSpreadsheet) -> _Styles:
    add_font_faces(document)
    document.styles.addElement(default_style("table-cell", fontsize="10pt", fontsizeasian="10pt", fontsizecomplex="10pt"))
    # A default for the table family too, so the sheets rely on nothing the reader's suite assumes.
    sheet_default = st.DefaultStyle(family="table")
    sheet_default.addElement(st.TableProperties(writingmode="lr-tb"))
    document.styles.addElement(sheet_default)
    automatic = document.automaticstyles
    entry_table = _sheet_style(document, "entry", sum(column.width_cm for column in layout.COLUMNS))
    about_table = _sheet_style(document, "about", sum(ABOUT_WIDTHS_CM))
    # Cells formatted as text (@), so a code such as 1-1-2 typed again is not turned into a date.
    text_format = nb.TextStyle(name="N_text")
    text_format.addElement(nb.TextContent())
    document.styles.addElement(text_format)  # a common style: referenced from content.xml's cell styles

    def cell_style(name: str, background: str | None, bold: bool = False, as_text: bool = True) -> Element:
        style = st.Style(name=name, family="table-cell", **({"datastylename": text_format} if as_text else {}))
        properties = {"wrapoption": "wrap", "verticalalign": "top", "border": "0.5pt solid #808080"}
        if background:
            properties["backgroundcolor"] = background
        style.addElement(st.TableCellProperties(**properties))
        if bold:
            style.addElement(st.TextProperties(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold"))
        automatic.addElement(style)
        return style

    header = cell_style("ce_header", "#d9d9d9", bold=True)
    reference = cell_style("ce_reference", "#f2f2f2")
    fill = cell_style("ce_fill", "#fff5cc")
    label = cell_style("ce_label", None, bold=True)
    plain = st.Style(name="ce_plain", family="table-cell")
    plain.addElement(st.TableCellProperties(wrapoption="wrap", verticalalign="top"))
    automatic.addElement(plain)

    def column_style(name: str, width_cm: float) -> Element:
        style = st.Style(name=name, family="table-column")
        style.addElement(st.TableColumnProperties(columnwidth=f"{width_cm}cm", breakbefore="auto"))
        automatic.addElement(style)
        return style

    columns = tuple(column_style(f"co{index}", column.width_cm) for index, column in enumerate(layout.COLUMNS, start=1))
    about_columns = tuple(column_style(f"coA{index}", width) for index, width in enumerate(ABOUT_WIDTHS_CM, start=1))
    return _Styles(
        entry_table=entry_table,
        about_table=about_table,
        columns=columns,
        about_columns=about_columns,
        header=header,
        reference=reference,
        fill=fill,
        label=label,
        plain=plain,
    )
