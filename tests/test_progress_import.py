"""Importing a filled-in progress form (ODS edited cell by cell): the round trip, the change
report, and every refusal, each naming sheet, row and column and writing nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from plansite.progress import form_layout as layout

from .progress_fixtures.helpers import EXAMPLE_PROJECT, OdsForm, Run, copy_fixture, q, run_cli, snapshot

H1_FILE = "plan_data/progress/small-113/113-H1.yaml"
H2_FILE = "plan_data/progress/small-113/113-H2.yaml"
LINK_1 = "https://a.example.gov.tw/1.pdf"
LINK_2 = "https://a.example.gov.tw/2.pdf"

EXPECTED_H2 = f"""# yaml-language-server: $schema=../../../plansite/schemas/progress.schema.json
plan: small-113
round:
  id: 113-H2
  label: 113 年下半年
  assessed: 2025-01-20
records:
  - action: 1-1-1-1
    status: 已完成
    result: |-
      全部完成：<b>粗體</b> | `程式碼`。
      第二行
    evidence:
      - {LINK_1}
      - {LINK_2}
  - action: 1-1-1-2
    status: 暫緩
    reason: 預算未核定。
  - action: 2-1-1
    status: 未開始
  - action: 2-1-2
    status: 辦理中
    result: 規劃中
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def form(capsys: pytest.CaptureFixture[str], project: Path, round_id: str, plan_id: str = "small-113") -> OdsForm:
    output = project.parent / f"{plan_id}-{round_id}.ods"
    run = run_cli(capsys, project, "progress-form", plan_id, "--round", round_id, "-o", str(output))
    assert run.code == 0, run.err
    return OdsForm(output.read_bytes())


def filled_h2(capsys: pytest.CaptureFixture[str], project: Path) -> OdsForm:
    sheet = form(capsys, project, "113-H2")
    sheet.fill("1-1-1-1", "已完成", "全部完成：<b>粗體</b> | `程式碼`。\n第二行", f"{LINK_1}\n{LINK_2}")
    sheet.fill("1-1-1-2", "暫緩", "預算未核定。")
    sheet.fill("2-1-1", "未開始")
    sheet.fill("2-1-2", "辦理中", "  規劃中  ")
    return sheet.about("考核日期", "2025-01-20")


def import_form(capsys: pytest.CaptureFixture[str], project: Path, sheet: OdsForm, *extra: str, name: str = "filled.ods") -> Run:
    path = sheet.save(project.parent / name)
    return run_cli(capsys, project, "progress-import", str(path), *extra)


# -- the round trip


def test_a_filled_form_becomes_the_round_yaml(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    run = import_form(capsys, project, filled_h2(capsys, project))
    assert run.code == 0, run.err
    assert (project / H2_FILE).read_text(encoding="utf-8") == EXPECTED_H2
    assert run.lines[0].startswith("已從 ") and run.lines[0].endswith(f"新增 {H2_FILE}（small-113 113-H2「113 年下半年」，4 筆紀錄）：")
    assert run.lines[1:] == [
        "新增考核期別 113-H2（113 年下半年，考核日期：2025-01-20），4 筆紀錄",
        "1-1-1-1 辦理情形：（未填） → 已完成",
        "1-1-1-1 執行成果說明：（空白） → 全部完成：<b>粗體</b> | `程式碼`。 第二行",
        f"1-1-1-1 佐證連結：新增 {LINK_1}、{LINK_2}",
        "1-1-1-2 辦理情形：（未填） → 暫緩",
        "1-1-1-2 暫緩原因：（空白） → 預算未核定。",
        "2-1-1 辦理情形：（未填） → 未開始",
        "2-1-2 辦理情形：（未填） → 辦理中",
        "2-1-2 執行成果說明：（空白） → 規劃中",
        "共 9 項變更。請執行 ./scripts/check 後再發布網站。",
    ]
    assert "1-2-3" not in run.out, "an empty 辦理情形 means: not reported, no record"
    assert run_cli(capsys, project, "check").code == 0


def test_re_importing_the_same_form_changes_nothing(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    assert import_form(capsys, project, sheet).code == 0
    before = (project / H2_FILE).stat().st_mtime_ns, (project / H2_FILE).read_bytes()
    run = import_form(capsys, project, sheet)
    assert run.code == 0
    assert run.lines == [f"表單內容與現有資料相同，沒有變更；{H2_FILE} 未改寫。"]
    assert ((project / H2_FILE).stat().st_mtime_ns, (project / H2_FILE).read_bytes()) == before


def test_an_unchanged_pre_filled_form_leaves_a_hand_written_file_alone(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    """The fixture's 113-H1 quotes a value the writer would not: same data, so the file is not rewritten."""
    before = (project / H1_FILE).read_bytes()
    run = import_form(capsys, project, form(capsys, project, "113-H1"))
    assert run.code == 0 and "沒有變更" in run.out
    assert (project / H1_FILE).read_bytes() == before


def test_the_example_round_trips_byte_identically(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "example", EXAMPLE_PROJECT)
    before = snapshot(project)
    for round_id in ("114-H1", "114-H2"):
        run = import_form(capsys, project, form(capsys, project, round_id, "demo-114"), name=f"{round_id}.ods")
        assert run.code == 0 and "沒有變更" in run.out, run.err
    assert snapshot(project) == before


def test_an_edited_form_reports_each_changed_field(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    assert import_form(capsys, project, filled_h2(capsys, project)).code == 0
    sheet = form(capsys, project, "113-H2")  # pre-filled with what was just imported
    sheet.fill("1-1-1-1", "已完成", "全部完成：<b>粗體</b> | `程式碼`。\n第二行", LINK_1)
    sheet.fill("2-1-1", "")
    sheet.fill("2-1-2", "已完成", "規劃中")
    sheet.fill("1-2-3", "持續辦理", "新的成果說明。")
    sheet.about("考核期別名稱", "113 年下半年（修正）")
    run = import_form(capsys, project, sheet)
    assert run.code == 0, run.err
    assert run.lines[1:] == [
        "考核期別名稱：113 年下半年 → 113 年下半年（修正）",
        f"1-1-1-1 佐證連結：移除 {LINK_2}",
        "1-2-3 辦理情形：（未填） → 持續辦理",
        "1-2-3 執行成果說明：（空白） → 新的成果說明。",
        "2-1-1 辦理情形：未開始 → （未填）",
        "2-1-2 辦理情形：辦理中 → 已完成",
        "共 6 項變更。請執行 ./scripts/check 後再發布網站。",
    ]
    text = (project / H2_FILE).read_text(encoding="utf-8")
    assert "label: 113 年下半年（修正）" in text and "- action: 2-1-1" not in text and LINK_2 not in text


def test_switching_to_suspended_moves_the_text_to_the_reason(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = form(capsys, project, "113-H1")
    sheet.fill("1-1-1-1", "暫緩", "上半年已完成 <b>一半</b> 與 **粗體** 的 | 工作。", "https://example.gov.tw/h1/report.pdf")
    run = import_form(capsys, project, sheet)
    assert run.code == 0, run.err
    assert run.lines[1:4] == [
        "1-1-1-1 辦理情形：辦理中 → 暫緩",
        "1-1-1-1 執行成果說明：上半年已完成 <b>一半</b> 與 **粗體** 的 | 工作。 → （空白）",
        "1-1-1-1 暫緩原因：（空白） → 上半年已完成 <b>一半</b> 與 **粗體** 的 | 工作。",
    ]


def test_check_only_lists_the_changes_and_writes_nothing(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    before = snapshot(project)
    run = import_form(capsys, project, filled_h2(capsys, project), "--check")
    assert run.code == 0
    assert run.lines[0].startswith("將從 ") and run.lines[-1] == "僅檢查，未寫入（共 9 項變更）。"
    assert snapshot(project) == before


def test_rows_in_another_order_are_written_in_plan_order(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    rows = sheet.rows(layout.ENTRY_SHEET)
    parent = rows[1].getparent()
    parent.remove(rows[1])
    parent.append(rows[1])  # 1-1-1-1 now last, as after a sort
    assert import_form(capsys, project, sheet).code == 0
    assert (project / H2_FILE).read_text(encoding="utf-8") == EXPECTED_H2


def test_dates_may_be_typed_in_roc_form(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).about("考核日期", "114/1/20")
    assert import_form(capsys, project, sheet).code == 0
    assert "assessed: 2025-01-20" in (project / H2_FILE).read_text(encoding="utf-8")


def test_an_empty_date_cell_means_not_yet_known(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).about("考核日期", "")
    assert import_form(capsys, project, sheet).code == 0
    assert "assessed: null" in (project / H2_FILE).read_text(encoding="utf-8")


# -- refusals: one line per problem, exit 1, nothing written


def refused(capsys: pytest.CaptureFixture[str], project: Path, sheet: OdsForm | bytes, name: str = "filled.ods") -> list[str]:
    before = snapshot(project)
    path = project.parent / name
    path.write_bytes(sheet if isinstance(sheet, bytes) else sheet.bytes())
    run = run_cli(capsys, project, "progress-import", str(path))
    assert run.code == 1
    assert run.out == ""
    assert snapshot(project) == before, "nothing may be written"
    lines = run.err.splitlines()
    return lines


def problems(lines: list[str]) -> list[str]:
    assert lines[0].endswith(f"：發現 {len(lines) - 1} 個問題，未寫入任何資料。"), lines
    return [line.strip() for line in lines[1:]]


ENTRY = "工作表「填報」"


def test_a_status_outside_the_list_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).fill("2-1-1", "完成")
    assert problems(refused(capsys, project, sheet)) == [
        f"{ENTRY}第 5 列 G 欄（辦理情形）：「完成」不是可選的辦理情形；請從下拉選單選擇：未開始、辦理中、已完成、持續辦理、暫緩"
    ]


def test_an_unknown_code_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    sheet.set(layout.ENTRY_SHEET, sheet.row_of("2-1-2"), 1, "2-1-9")
    assert problems(refused(capsys, project, sheet)) == [
        f"{ENTRY}第 6 列 A 欄（代碼）：計畫「small-113」沒有代碼為「2-1-9」的具體作法（是否為「2-1-2」？）",
        f"{ENTRY}：找不到代碼「2-1-2」的列（列被刪除了，或表單依較舊版本的計畫產生）；請把該列加回，或重新產生表單",
    ]


def test_a_code_deleted_from_its_row_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    sheet.set(layout.ENTRY_SHEET, sheet.row_of("1-1-1-2"), 1, "")
    assert problems(refused(capsys, project, sheet)) == [
        f"{ENTRY}第 3 列 A 欄（代碼）：代碼是空的（被刪除了？）；請填回這一列原本的具體作法代碼，或撤銷對本列的修改",
        f"{ENTRY}：找不到代碼「1-1-1-2」的列（列被刪除了，或表單依較舊版本的計畫產生）；請把該列加回，或重新產生表單",
    ]


def test_a_deleted_row_with_data_is_refused_not_deleted(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = form(capsys, project, "113-H1").delete_row("1-1-1-1")
    assert problems(refused(capsys, project, sheet)) == [
        f"{ENTRY}：找不到代碼「1-1-1-1」的列，但本期已有它的紀錄（辦理情形：辦理中）；刪除列不會刪除紀錄。請把該列加回；若要刪除該筆紀錄，請清空該列的「辦理情形」"
    ]


def test_a_deleted_row_without_data_is_refused_too(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).delete_row("1-2-3")
    assert problems(refused(capsys, project, sheet)) == [
        f"{ENTRY}：找不到代碼「1-2-3」的列（列被刪除了，或表單依較舊版本的計畫產生）；請把該列加回，或重新產生表單"
    ]


def test_a_lost_action_cannot_be_reported(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    sheet.set(layout.ENTRY_SHEET, 7, 1, "1-2-1").set(layout.ENTRY_SHEET, 7, 7, "已完成")
    assert problems(refused(capsys, project, sheet)) == [f"{ENTRY}第 7 列 A 欄（代碼）：具體作法「1-2-1」在原始文件中缺漏（source: missing），無法登錄辦理情形"]


def test_a_repeated_code_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    sheet.set(layout.ENTRY_SHEET, 7, 1, "2-1-1").set(layout.ENTRY_SHEET, 7, 7, "已完成")
    assert problems(refused(capsys, project, sheet)) == [f"{ENTRY}第 7 列 A 欄（代碼）：代碼「2-1-1」與第 5 列重複；每項具體作法只能有一列"]


def test_suspended_without_a_reason_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).fill("1-1-1-2", "暫緩", "   ")
    assert problems(refused(capsys, project, sheet)) == [f"{ENTRY}第 3 列 H 欄（執行成果說明）：辦理情形為「暫緩」時，必須在本欄寫明暫緩原因"]


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ("ftp://files.example.gov.tw/a.pdf", "佐證連結「ftp://files.example.gov.tw/a.pdf」不是 http:// 或 https:// 開頭的網址；每行只能填一個完整網址"),
        ("www.example.gov.tw/a.pdf", "佐證連結「www.example.gov.tw/a.pdf」不是 http:// 或 https:// 開頭的網址；每行只能填一個完整網址"),
        ("javascript:alert(1)", "佐證連結「javascript:alert(1)」不是 http:// 或 https:// 開頭的網址；每行只能填一個完整網址"),
        (f"{LINK_1} 報告", "佐證連結「報告」不是 http:// 或 https:// 開頭的網址；每行只能填一個完整網址"),
        ("https:///a.pdf", "佐證連結「https:///a.pdf」缺少網站名稱（主機）；每行只能填一個完整網址"),
    ],
)
def test_a_link_that_is_not_http_is_refused(capsys: pytest.CaptureFixture[str], project: Path, links: str, message: str) -> None:
    sheet = filled_h2(capsys, project).fill("2-1-1", "未開始", "", links)
    assert problems(refused(capsys, project, sheet)) == [f"{ENTRY}第 5 列 I 欄（佐證連結）：{message}"]


def test_a_result_without_a_status_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).fill("1-2-3", "", "寫了說明卻沒選辦理情形", LINK_1)
    assert problems(refused(capsys, project, sheet)) == [
        f"{ENTRY}第 4 列 G 欄（辦理情形）：辦理情形未填，但填了執行成果說明、佐證連結；請選擇辦理情形，或清空本列（留空表示本期不填報）"
    ]


def test_too_long_a_text_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).fill("2-1-1", "辦理中", "長" * 2001)
    assert problems(refused(capsys, project, sheet)) == [f"{ENTRY}第 5 列 H 欄（執行成果說明）：文字過長：2001 字，上限為 2000 字"]


def test_a_character_the_data_may_not_hold_is_refused_where_it_stands(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    # ODF's XML can hold a tab or a line separator in a cell, never an escape character.
    sheet = filled_h2(capsys, project).fill("2-1-1", "辦理中", "說明\t附註\u2028第二段")
    assert problems(refused(capsys, project, sheet)) == [
        f"{ENTRY}第 5 列 H 欄（執行成果說明）：含有 Tab 字元（U+0009）：網頁會顯示成空格、PDF 會略去，與 ODF 不一致；請改用空格",
        f"{ENTRY}第 5 列 H 欄（執行成果說明）：含有 Unicode 行／段落分隔字元（U+2028），網頁與下載檔的換行會不一致；要換行請直接換行，否則請刪除",
    ]


def test_every_problem_of_a_form_is_listed_at_once(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).fill("2-1-1", "完成").fill("1-1-1-2", "暫緩").fill("2-1-2", "辦理中", "", "ftp://x")
    assert [line.split("：")[0] for line in problems(refused(capsys, project, sheet))] == [
        f"{ENTRY}第 3 列 H 欄（執行成果說明）",
        f"{ENTRY}第 5 列 G 欄（辦理情形）",
        f"{ENTRY}第 6 列 I 欄（佐證連結）",
    ]


def test_a_form_of_another_plan_is_refused(capsys: pytest.CaptureFixture[str], project: Path, tmp_path: Path) -> None:
    example = copy_fixture(tmp_path / "example", EXAMPLE_PROJECT)
    sheet = form(capsys, example, "114-H1", "demo-114")
    assert problems(refused(capsys, project, sheet)) == [
        "工作表「說明」第 2 列 B 欄（計畫代碼）：本網站沒有代碼為「demo-114」的計畫（現有：small-113）；這份表單屬於其他計畫或其他網站"
    ]


def test_an_edited_plan_or_round_code_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).about("考核期別代碼", "113-H1")
    assert problems(refused(capsys, project, sheet)) == [
        "工作表「說明」第 5 列 B 欄（考核期別代碼）：考核期別代碼「113-H1」與檔案內容資訊記載的「113-H2」不同；"
        "考核期別代碼請勿修改（要填其他期別，請另行產生表單）"
    ]


def test_a_bad_date_and_an_empty_label_are_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project).about("考核日期", "下個月").about("考核期別名稱", "")
    assert problems(refused(capsys, project, sheet)) == [
        "工作表「說明」第 6 列 B 欄（考核期別名稱）：考核期別名稱不可空白，例如「112 年上半年」",
        "工作表「說明」第 7 列 B 欄（考核日期）：「下個月」不是有效的日期；請填西元日期（例如 2023-07-31）或民國日期（例如 112/7/31），尚未確定請留空",
    ]


def test_an_empty_form_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    assert problems(refused(capsys, project, form(capsys, project, "113-H2"))) == [
        f"{ENTRY}：表單沒有任何一列填寫「辦理情形」，沒有可匯入的資料（要刪除整個考核期別，請直接刪除其 YAML 檔）"
    ]


def test_a_form_without_rows_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = form(capsys, project, "113-H2")
    for action_id in ("1-1-1-1", "1-1-1-2", "1-2-3", "2-1-1", "2-1-2"):
        sheet.delete_row(action_id)
    assert problems(refused(capsys, project, sheet)) == [f"{ENTRY}：表單是空的：沒有任何資料列"]


def test_a_spreadsheet_that_is_not_the_form_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    sheet.table(layout.ABOUT_SHEET).getparent().remove(sheet.table(layout.ABOUT_SHEET))
    data = sheet.bytes()
    # Without its 說明 sheet and metadata, nothing says which plan this is.
    data = _without_metadata(data)
    assert problems(refused(capsys, project, data)) == ["找不到「說明」工作表中的計畫代碼，這不是本系統產生的考核填報表；請以 progress-form 產生表單後填寫"]


def _without_metadata(data: bytes) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            if info.filename != "meta.xml":
                target.writestr(info, source.read(info))
    return output.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.ods", b"", "檔案是空的（0 位元組），不是試算表"),
        ("notes.txt", "辦理情形：已完成\n".encode(), "不是試算表檔案（.ods 或 .xlsx）"),
        ("form.ods", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "這是 PDF 文件，不是試算表；請交回 .ods 或 .xlsx 的填報表單"),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "這是舊版 Office 格式（例如 Excel 97-2003 的 .xls）或有密碼保護的檔案，無法讀取；請另存為 .xlsx 或 .ods",
        ),
        ("plan.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "這是 OpenDocument 文字文件（.odt），不是試算表"),
        ("report.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "這是 Word 文件（.docx），不是試算表"),
        ("random.zip", _zip({"a.txt": b"a"}), "不是試算表檔案（.ods 或 .xlsx）"),
        ("broken.xlsx", _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"not xml"}), "無法讀取 .xlsx 檔案，檔案可能已損毀"),
        ("broken.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office:x"}), "檔案內容無法解讀（XML 錯誤"),
        (
            "entities.ods",
            _zip(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
                }
            ),
            "ODS 檔案中沒有試算表內容",
        ),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(capsys: pytest.CaptureFixture[str], project: Path, name: str, data: bytes, message: str) -> None:
    lines = refused(capsys, project, data, name=name)
    assert len(lines) == 1
    assert lines[0].startswith(f"無法匯入 {project.parent / name}：")
    assert message in lines[0]


def test_a_truncated_form_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    data = filled_h2(capsys, project).bytes()
    lines = refused(capsys, project, data[: len(data) // 2])
    assert len(lines) == 1 and ("不是試算表檔案" in lines[0] or "檔案已損毀" in lines[0])


def test_a_missing_form_file_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    run = run_cli(capsys, project, "progress-import", str(project / "nosuch.ods"))
    assert run.code == 1 and "無法讀取檔案" in run.err


def test_nothing_is_imported_while_the_data_has_errors(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = filled_h2(capsys, project)
    path = project / H1_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("- action: 2-1-1", "- action: 7-7-7"), encoding="utf-8")
    lines = refused(capsys, project, sheet)
    assert lines[0] == "plan_data/ 的資料有 1 個錯誤，請先修正後再匯入："
    assert "113-H1.yaml:16:13 records[2].action: 計畫「small-113」沒有代碼為「7-7-7」的具體作法" in lines[1]


def test_the_form_names_its_cells_in_the_column_letters_a_spreadsheet_shows(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    sheet = form(capsys, project, "113-H2")
    header = sheet.rows(layout.ENTRY_SHEET)[0]
    titles = ["".join(cell.itertext()) for cell in header.iterchildren(q("table", "table-cell"))]
    assert titles.index("辦理情形") == ord("G") - ord("A")
    assert titles.index("執行成果說明") == ord("H") - ord("A")
    assert titles.index("佐證連結") == ord("I") - ord("A")


def test_without_its_about_sheet_the_form_is_known_by_its_metadata(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    """Someone deleted the 說明 sheet: the document properties still say which plan and round; label and date stay."""
    sheet = form(capsys, project, "113-H1").fill("1-2-3", "已完成")
    sheet.table(layout.ABOUT_SHEET).getparent().remove(sheet.table(layout.ABOUT_SHEET))
    run = import_form(capsys, project, sheet)
    assert run.code == 0, run.err
    assert run.lines[1:-1] == ["1-2-3 辦理情形：（未填） → 已完成"]
    text = (project / H1_FILE).read_text(encoding="utf-8")
    assert "label: 113 年上半年" in text and "assessed: 2024-07-31" in text


def test_a_form_of_another_version_is_refused(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    data = filled_h2(capsys, project).bytes()
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            target.writestr(info, part.replace(b">progress/1<", b">progress/9<") if info.filename == "meta.xml" else part)
    assert problems(refused(capsys, project, output.getvalue())) == ["表單版本「progress/9」與本程式（progress/1）不同；請以 progress-form 重新產生表單"]
