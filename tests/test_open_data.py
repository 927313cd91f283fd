"""CSV and JSON open data: the same rows, Excel-friendly CSV, literal text, licence."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from plansite.model import Office, Plan
from plansite.outline.records import FIELDS
from plansite.outline.wording import LICENSE_NAME, heading_label
from plansite.source.load import load_site
from plansite.writers.opendata import original_cell, render_csv, render_plan_json, render_rows_json

from .conftest import SEED_PLAN_ID, SHIPPED_DATA, shipped_plan

HOSTILE = "# * _ [ ] < > \\ $ @ {{ x }} ` \" ' & = | ,逗號\n換行"


def test_csv_opens_in_excel_as_utf8_with_one_row_per_action(plan: Plan) -> None:
    content = render_csv(plan)
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel in Taiwan reads UTF-8, not Big5
    assert b"\r\n" in content and b"\n" not in content.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0] == [field.label for field in FIELDS]
    assert len(rows) - 1 == len(list(plan.rows()))
    ids = [record["代碼"] for record in csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))]
    assert ids == [row.action.id for row in plan.rows()]


def test_the_seed_plans_gaps_and_subitems_are_in_its_csv() -> None:
    content = render_csv(shipped_plan(SEED_PLAN_ID))
    by_id = {row["代碼"]: row for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))}
    assert by_id["1-1-3-2"]["具體作法"].endswith("導師制度問〔原始文件此處缺漏〕")
    assert by_id["1-2-1-1"]["原始文件狀態"] == "缺漏"
    assert by_id["2-1-1-3"]["具體作法"].splitlines()[1].startswith("甲. 推廣行動支付繳電費服務")


def test_json_rows_match_the_csv_rows(plan: Plan, office: Office) -> None:
    document = json.loads(render_rows_json(plan, office))
    rows = list(csv.DictReader(io.StringIO(render_csv(plan).decode("utf-8-sig"), newline="")))
    # A cell a spreadsheet could run as a formula has a ' in front in the CSV (see test_csv_injection.py).
    assert [{field.key: original_cell(row[field.label]).replace("\r\n", "\n") for field in FIELDS} for row in rows] == document["rows"]
    assert document["license"] == LICENSE_NAME and document["publisher"] == office.name


def test_facet_files_hold_only_that_facet(plan: Plan, office: Office) -> None:
    for facet in plan.facets:
        document = json.loads(render_rows_json(plan, office, facet))
        assert {row["facet"] for row in document["rows"]} == {heading_label(facet.heading)}
        assert [row["id"] for row in document["rows"]] == [row.action.id for row in plan.rows() if row.facet == facet]


def test_whole_plan_json_keeps_every_action_text(plan: Plan, office: Office) -> None:
    text = render_plan_json(plan, office).decode("utf-8")
    for row in plan.rows():
        if row.action.text:
            assert json.dumps(row.action.text, ensure_ascii=False) in text


def test_markup_characters_come_out_literally(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED_DATA, tmp_path / "plan_data")
    plan_file = tmp_path / "plan_data" / "plans" / f"{SEED_PLAN_ID}.yaml"
    original = "提升申辦案件的處理效率，確保於處理時限內完成。"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(original, json.dumps(HOSTILE, ensure_ascii=False)), encoding="utf-8")
    hostile_site = load_site(tmp_path / "plan_data").site
    plan = next(plan for plan in hostile_site.plans if plan.id == SEED_PLAN_ID)
    rows = csv.DictReader(io.StringIO(render_csv(plan).decode("utf-8-sig"), newline=""))
    assert [row["具體作法"] for row in rows if row["代碼"] == "1-1-2-1"] == [HOSTILE.replace("\n", "\r\n")]
    document = json.loads(render_rows_json(plan, hostile_site.office))
    assert [row["text"] for row in document["rows"] if row["id"] == "1-1-2-1"] == [HOSTILE]
