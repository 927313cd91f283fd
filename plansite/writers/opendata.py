"""Open data files: the action rows as CSV and JSON, and the whole plan as JSON.

Licensed under 政府資料開放授權條款－第1版 (OGDL-1.0). The CSV is UTF-8 with a
byte order mark and CRLF line ends, which is what Excel in Taiwan needs to
open it as UTF-8 instead of guessing Big5.

Spreadsheets run a CSV cell that looks like a formula (=, +, -, @ ...) when
they open the file, so the CSV neutralises such cells the way OWASP's "CSV
Injection" page recommends: every field quoted, and a single quote put in
front of a cell that could start a formula (see `neutralised_cell`). The
JSON (and the ODS, whose cells are all typed strings) keep the exact value.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..model import Facet, Office, Plan
from ..outline.records import RecordTable, plan_records
from ..outline.wording import LICENSE_NAME, LICENSE_URL

# A cell starting with one of these is read as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CELL_PREFIX = "'"


def render_csv(plan: Plan, facet: Facet | None = None) -> bytes:
    return render_table_csv(plan_records(plan, facet))


def render_table_csv(table: RecordTable) -> bytes:
    buffer = io.StringIO()
    # Every field quoted, as OWASP advises: LibreOffice's "trim spaces" import option then leaves a cell's text alone.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralised_cell(field.label) for field in table.fields])
    for record in table.rows:
        writer.writerow([neutralised_cell(record[field.key].replace("\n", "\r\n")) for field in table.fields])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def neutralised_cell(value: str) -> str:
    """The cell with a single quote in front if a spreadsheet could take it for a formula.

    Also when the trigger follows leading whitespace (LibreOffice's "trim spaces"
    import option removes it, and then runs " =1+2"), and when the value itself
    starts with a single quote, so that the rule to recover any value is exact:
    a CSV cell that starts with ' had one ' added; remove it.
    """
    if value.startswith((*FORMULA_TRIGGERS, CELL_PREFIX)) or value.lstrip().startswith(FORMULA_TRIGGERS):
        return CELL_PREFIX + value
    return value


def original_cell(cell: str) -> str:
    """The exact value of a CSV cell, undoing `neutralised_cell`."""
    return cell.removeprefix(CELL_PREFIX)


def render_rows_json(plan: Plan, office: Office, facet: Facet | None = None) -> bytes:
    return render_table_json(plan_records(plan, facet), plan, office)


def render_table_json(table: RecordTable, plan: Plan, office: Office) -> bytes:
    document = {
        **_about(plan, office),
        "fields": [{"key": field.key, "label": field.label, "description": field.description} for field in table.fields],
        "rows": table.rows,
    }
    return _dump(document)


def render_plan_json(plan: Plan, office: Office) -> bytes:
    """The whole validated plan, as structured as the YAML it came from."""
    fields = _plain(dataclasses.asdict(plan))
    fields.pop("source_file", None)
    # Keys as in the YAML the plan came from (the model says issuing_office for its `office`).
    plan_fields = {_YAML_KEYS.get(key, key): value for key, value in fields.items()}
    return _dump({**_about(plan, office), "plan": plan_fields})


_YAML_KEYS = {"issuing_office": "office"}


def _about(plan: Plan, office: Office) -> dict[str, Any]:
    return {
        "title": plan.title,
        "publisher": office.name,
        "license": LICENSE_NAME,
        "license_url": LICENSE_URL,
        "language": "zh-TW",
        "amended": plan.amended.isoformat() if plan.amended else None,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _dump(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
