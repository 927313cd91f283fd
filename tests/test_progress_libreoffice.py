"""The progress form in real LibreOffice: it opens, keeps the drop-down when saved as
.xlsx, and a form filled and saved as .xlsx or .ods imports to the same YAML."""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from plansite.progress import form_layout as layout
from plansite.progress.model import STATUS_VALUES

from .progress_fixtures.helpers import copy_fixture, libreoffice, run_cli
from .test_progress_import import EXPECTED_H2, H2_FILE, LINK_1, LINK_2, filled_h2, form

pytestmark = pytest.mark.slow

Convert = Callable[[Path, str], Path]
# CSV of the second sheet (填報): UTF-8, comma, double quotes; token 12 picks the sheet.
CSV_OF_ENTRY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"


@pytest.fixture(scope="module")
def convert(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Convert]:
    with libreoffice(tmp_path_factory.mktemp("libreoffice")) as converter:
        yield converter


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def blank_form(capsys: pytest.CaptureFixture[str], project: Path, round_id: str = "113-H2") -> Path:
    path = project.parent / f"form-{round_id}.ods"
    path.write_bytes(form(capsys, project, round_id).bytes())
    return path


def test_libreoffice_opens_the_form_and_reads_the_header_and_rows(capsys: pytest.CaptureFixture[str], project: Path, convert: Convert) -> None:
    rows = list(csv.reader(convert(blank_form(capsys, project), CSV_OF_ENTRY_SHEET).read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    assert rows[0] == list(layout.TITLES)
    assert [row[0] for row in rows[1:]] == ["1-1-1-1", "1-1-1-2", "1-2-3", "2-1-1", "2-1-2"]
    assert rows[1][3] == "(1) 作法 <script>alert(1)</script> 與 **粗體**。\n甲. 細項甲。\n乙. 細項乙。"


def test_libreoffice_prints_the_form_with_its_instructions(capsys: pytest.CaptureFixture[str], project: Path, convert: Convert) -> None:
    pdf = convert(blank_form(capsys, project), "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for needed in (layout.FORM_MARK, "small-113", "113-H2", *layout.TITLES):
        assert needed in text, needed


def test_libreoffice_keeps_the_drop_down_when_saving_as_xlsx(capsys: pytest.CaptureFixture[str], project: Path, convert: Convert) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(convert(blank_form(capsys, project), "xlsx"))
    assert workbook.sheetnames == [layout.ABOUT_SHEET, layout.ENTRY_SHEET]
    validations = workbook[layout.ENTRY_SHEET].data_validations.dataValidation
    assert len(validations) == 1
    validation = validations[0]
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(STATUS_VALUES) + '"'
    assert str(validation.sqref) == "G2:G6"
    assert validation.showErrorMessage and validation.errorStyle == "stop"
    assert {prop.name: prop.value for prop in workbook.custom_doc_props.props} == {
        "plansite-form": "progress/1",
        "plansite-plan": "small-113",
        "plansite-round": "113-H2",
    }


def fill_xlsx(path: Path, values: dict[tuple[str, str], object]) -> Path:
    """Fill cells as Excel would, with openpyxl; keys are (sheet, cell such as G2)."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    for (sheet, cell), value in values.items():
        workbook[sheet][cell] = value
    filled = path.with_name(f"filled-{path.name}")
    workbook.save(filled)
    return filled


H2_VALUES: dict[tuple[str, str], object] = {
    ("填報", "G2"): "已完成",
    ("填報", "H2"): "全部完成：<b>粗體</b> | `程式碼`。\r\n第二行",
    ("填報", "I2"): f"{LINK_1}\n{LINK_2}",
    ("填報", "G3"): "暫緩",
    ("填報", "H3"): "預算未核定。",
    ("填報", "G5"): "未開始",
    ("填報", "G6"): "辦理中",
    ("填報", "H6"): "規劃中",
    ("說明", "B7"): datetime(2025, 1, 20),  # a real date cell, as Excel makes of a typed date
}


def test_a_form_converted_to_xlsx_and_filled_in_imports(capsys: pytest.CaptureFixture[str], project: Path, convert: Convert) -> None:
    filled = fill_xlsx(convert(blank_form(capsys, project), "xlsx"), H2_VALUES)
    run = run_cli(capsys, project, "progress-import", str(filled))
    assert run.code == 0, run.err
    assert (project / H2_FILE).read_text(encoding="utf-8") == EXPECTED_H2
    again = run_cli(capsys, project, "progress-import", str(filled))
    assert again.code == 0 and "沒有變更" in again.out


def test_a_filled_form_saved_by_libreoffice_as_xlsx_or_ods_imports_the_same(capsys: pytest.CaptureFixture[str], project: Path, convert: Convert) -> None:
    filled = filled_h2(capsys, project).save(project.parent / "filled.ods")
    as_xlsx = convert(filled, "xlsx")
    run = run_cli(capsys, project, "progress-import", str(as_xlsx))
    assert run.code == 0, run.err
    assert (project / H2_FILE).read_text(encoding="utf-8") == EXPECTED_H2
    # The same form as LibreOffice writes an .ods (repeated cells, its own styles) holds the same data.
    as_ods = convert(filled, "ods")
    assert as_ods.read_bytes() != filled.read_bytes()
    run = run_cli(capsys, project, "progress-import", str(as_ods))
    assert run.code == 0 and "沒有變更" in run.out, run.err


def test_a_libreoffice_xlsx_with_a_wrong_status_is_refused_by_sheet_row_and_column(capsys: pytest.CaptureFixture[str], project: Path, convert: Convert) -> None:
    values = {**H2_VALUES, ("填報", "G5"): "完成", ("填報", "I6"): "ftp://example.gov.tw/a.pdf", ("填報", "H3"): None}
    filled = fill_xlsx(convert(blank_form(capsys, project), "xlsx"), values)
    run = run_cli(capsys, project, "progress-import", str(filled))
    assert run.code == 1
    assert [line.strip() for line in run.err.splitlines()[1:]] == [
        "工作表「填報」第 3 列 H 欄（執行成果說明）：辦理情形為「暫緩」時，必須在本欄寫明暫緩原因",
        "工作表「填報」第 5 列 G 欄（辦理情形）：「完成」不是可選的辦理情形；請從下拉選單選擇：未開始、辦理中、已完成、持續辦理、暫緩",
        "工作表「填報」第 6 列 I 欄（佐證連結）：佐證連結「ftp://example.gov.tw/a.pdf」不是 http:// 或 https:// 開頭的網址；每行只能填一個完整網址",
    ]
    assert not (project / H2_FILE).exists()


def test_a_pre_filled_form_round_trips_through_libreoffice_unchanged(capsys: pytest.CaptureFixture[str], project: Path, convert: Convert) -> None:
    before = (project / "plan_data/progress/small-113/113-H1.yaml").read_bytes()
    saved = convert(blank_form(capsys, project, "113-H1"), "xlsx")
    run = run_cli(capsys, project, "progress-import", str(saved))
    assert run.code == 0 and "沒有變更" in run.out, run.err
    assert (project / "plan_data/progress/small-113/113-H1.yaml").read_bytes() == before
