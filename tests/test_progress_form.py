"""The progress form as written: sheets, header, drop-down, labelled cells, metadata, pre-filled data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from plansite.progress import form_layout as layout
from plansite.progress.model import STATUS_VALUES

from .progress_fixtures.helpers import EXAMPLE_PROJECT, Run, copy_fixture, q, run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def make_form(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> tuple[Run, bytes]:
    output = project / "form.ods"
    run = run_cli(capsys, project, "progress-form", *args, "-o", str(output))
    assert run.code == 0, run.err
    return run, output.read_bytes()


def content(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("content.xml"))


def sheet_rows(data: bytes, name: str) -> list[list[str]]:
    """Each row as its cells' text (paragraphs joined by line breaks)."""
    for table in content(data).iter(q("table", "table")):
        if table.get(q("table", "name")) == name:
            rows = []
            for row in table.iter(q("table", "table-row")):
                cells = row.iterchildren(q("table", "table-cell"))
                rows.append(["\n".join("".join(p.itertext()) for p in cell.iterchildren(q("text", "p"))) for cell in cells])
            return rows
    raise KeyError(name)


def test_the_form_has_an_about_sheet_and_an_entry_sheet_with_the_exact_header(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    _run, data = make_form(capsys, project, "small-113", "--round", "113-H2")
    names = [table.get(q("table", "name")) for table in content(data).iter(q("table", "table"))]
    assert names == ["說明", "填報"]
    assert sheet_rows(data, "填報")[0] == ["代碼", "面向", "執行策略", "具體作法", "承辦部門", "執行期間", "辦理情形", "執行成果說明", "佐證連結"]


def test_one_row_per_action_whose_text_survives(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    run, data = make_form(capsys, project, "small-113", "--round", "113-H2")
    rows = sheet_rows(data, "填報")[1:]
    assert [row[0] for row in rows] == ["1-1-1-1", "1-1-1-2", "1-2-3", "2-1-1", "2-1-2"], "the lost actions 1-2-1 and 1-2-2 have no row"
    first = rows[0]
    assert first[1] == "一、第一面向 [連結](x)"
    assert first[2] == "(一) 策略一\n1. 子策略"
    assert first[3] == "(1) 作法 <script>alert(1)</script> 與 **粗體**。\n甲. 細項甲。\n乙. 細項乙。"
    assert first[4:6] == ["甲組、乙組", "113年1月1日至113年12月31日"]
    assert rows[1][3] == "(2) 殘缺的文字〔原始文件此處缺漏〕"
    assert rows[1][4] == "乙組（推定）"
    assert all(len(row) == 9 and row[6:] == ["", "", ""] for row in rows), "a new round starts empty"
    assert "5 項具體作法" in run.out


def test_the_status_column_offers_the_five_statuses_as_a_drop_down(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    _run, data = make_form(capsys, project, "small-113", "--round", "113-H2")
    root = content(data)
    validations = root.findall(f".//{q('table', 'content-validations')}/{q('table', 'content-validation')}")
    assert len(validations) == 1
    validation = validations[0]
    listed = ";".join(f'"{value}"' for value in STATUS_VALUES)
    assert validation.get(q("table", "condition")) == f"of:cell-content-is-in-list({listed})"
    assert validation.get(q("table", "display-list")) == "unsorted"
    name = validation.get(q("table", "name"))
    entry = next(table for table in root.iter(q("table", "table")) if table.get(q("table", "name")) == "填報")
    rows = list(entry.iter(q("table", "table-row")))
    for row in rows[1:]:
        cells = list(row.iterchildren(q("table", "table-cell")))
        assert [cell.get(q("table", "content-validation-name")) for cell in cells] == [None] * 6 + [name, None, None]


def test_the_form_carries_its_plan_and_round_in_labelled_cells_and_metadata(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    _run, data = make_form(capsys, project, "small-113", "--round", "113-H2")
    labelled = {row[0]: row[1] for row in sheet_rows(data, "說明") if len(row) > 1 and row[0]}
    assert labelled["計畫代碼"] == "small-113"
    assert labelled["考核期別代碼"] == "113-H2"
    assert labelled["考核期別名稱"] == "113 年下半年"
    assert labelled["考核日期"] == ""
    assert labelled["表單"] == layout.FORM_MARK
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        meta = etree.fromstring(archive.read("meta.xml"))
    fields = {item.get(q("meta", "name")): item.text for item in meta.iter(q("meta", "user-defined"))}
    assert fields == {"plansite-form": "progress/1", "plansite-plan": "small-113", "plansite-round": "113-H2"}
    instructions = "\n".join(row[1] for row in sheet_rows(data, "說明") if len(row) > 1 and not row[0])
    for needed in ("暫緩", "留空", "http://", "Alt+Enter", "請勿刪除"):
        assert needed in instructions


def test_an_existing_round_comes_pre_filled(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    run, data = make_form(capsys, project, "small-113", "--round", "113-H1")
    rows = {row[0]: row[6:] for row in sheet_rows(data, "填報")[1:]}
    assert rows["1-1-1-1"] == ["辦理中", "上半年已完成 <b>一半</b> 與 **粗體** 的 | 工作。", "https://example.gov.tw/h1/report.pdf"]
    assert rows["1-1-1-2"] == ["暫緩", "等候上級核定。", ""], "for 暫緩 the text column holds the reason"
    assert rows["2-1-1"] == ["持續辦理", "", ""]
    assert rows["1-2-3"] == ["", "", ""]
    labelled = {row[0]: row[1] for row in sheet_rows(data, "說明") if len(row) > 1 and row[0]}
    assert labelled["考核期別名稱"] == "113 年上半年" and labelled["考核日期"] == "2024-07-31"
    assert "已預先填入本期現有的 3 筆紀錄" in run.out


def test_several_links_go_in_one_cell_one_per_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "example", EXAMPLE_PROJECT)
    _run, data = make_form(capsys, project, "demo-114", "--round", "114-H1")
    rows = {row[0]: row for row in sheet_rows(data, "填報")[1:]}
    assert rows["1-1-1-2"][8] == "https://www.example.org/demo/forms/\nhttps://www.example.org/demo/114-h1/online-forms.pdf"


def test_the_label_option_names_the_round(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    _run, data = make_form(capsys, project, "small-113", "--round", "113-Q3", "--label", "113 年第三季（試辦）")
    labelled = {row[0]: row[1] for row in sheet_rows(data, "說明") if len(row) > 1 and row[0]}
    assert labelled["考核期別名稱"] == "113 年第三季（試辦）"


def test_the_same_input_gives_the_same_bytes(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    _run, first = make_form(capsys, project, "small-113", "--round", "113-H1")
    _run, second = make_form(capsys, project, "small-113", "--round", "113-H1")
    assert first == second


def test_the_package_is_odf_1_2_with_mimetype_first_and_stored(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    _run, data = make_form(capsys, project, "small-113", "--round", "113-H1")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        manifest = etree.fromstring(archive.read("META-INF/manifest.xml"))
    assert manifest.get("{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}version") == "1.2"
    assert content(data).get(q("office", "version")) == "1.2"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch-113", "--round", "113-H1"], "找不到計畫「nosuch-113」；現有計畫：small-113"),
        (["small-113", "--round", "113H1"], "考核期別代碼「113H1」格式不對"),
        (["small-113", "--round", "113-X1"], "請以 --label 指定考核期別「113-X1」的名稱"),
        (["small-113", "--round", "113-H1", "--label", "長" * 41], "考核期別名稱最多 40 字"),
        (["small-113", "--round", "113-H1", "-o", "form.xlsx"], "表單只能輸出為 .ods"),
    ],
)
def test_a_form_that_cannot_be_made_is_refused(capsys: pytest.CaptureFixture[str], project: Path, args: list[str], message: str) -> None:
    run = run_cli(capsys, project, "progress-form", *args)
    assert run.code == 1
    assert message in run.err
    assert not list(project.glob("*.ods")) and not list(project.glob("*.xlsx"))


def test_a_form_is_not_made_from_broken_data(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    path = project / "plan_data/progress/small-113/113-H1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: 辦理中", "status: 進行中"), encoding="utf-8")
    run = run_cli(capsys, project, "progress-form", "small-113", "--round", "113-H1", "-o", str(project / "f.ods"))
    assert run.code == 1
    assert run.err.splitlines()[0] == "plan_data/ 的資料有 1 個錯誤，請先修正後再產生表單："
    assert "plan_data/progress/small-113/113-H1.yaml:9:13 records[0].status: 必須是下列其中之一" in run.err
    assert not (project / "f.ods").exists()


def test_every_part_validates_against_the_odf_1_2_schema(capsys: pytest.CaptureFixture[str], project: Path, tmp_path: Path) -> None:
    from importlib.resources import files

    from openxml_audit import FileFormat
    from openxml_audit.odf import OdfValidator

    _run, data = make_form(capsys, project, "small-113", "--round", "113-H1")
    schema_dir = files("openxml_audit.odf") / "schemas" / "odf-1.2"
    with (schema_dir / "OpenDocument-v1.2-os-schema.rng").open("rb") as stream:
        schema = etree.RelaxNG(etree.parse(stream))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in ("content.xml", "styles.xml", "meta.xml", "settings.xml"):
            assert schema.validate(etree.fromstring(archive.read(part))), f"{part}: {schema.error_log.last_error}"
    path = tmp_path / "form.ods"
    path.write_bytes(data)
    result = OdfValidator(file_format=FileFormat.ODF_1_2, relaxng_validation=True).validate(path)
    assert [f"{error.id}: {error.description}" for error in result.errors] == []


def test_without_an_output_name_the_form_is_named_after_plan_and_round(
    capsys: pytest.CaptureFixture[str], project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = run_cli(capsys, project, "progress-form", "small-113", "--round", "113-H1")
    assert run.code == 0
    assert (tmp_path / "small-113-113-H1-progress-form.ods").is_file()
