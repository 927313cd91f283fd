"""`python -m plansite import`: plan documents (DOCX, ODT, PDF) back into plan data.

Documents are made at test time from plan data (tests/importer_documents.py): the
shipped plan and the small golden plan, in both layouts, converted by real
LibreOffice; round trips are compared field by field over the actions the
document shows. Damaged documents and bad files check the importer's doubts and
refusals.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from plansite.importer.blocks import ImportRefused
from plansite.importer.cli import import_plan
from plansite.importer.text import clean_text
from plansite.source.load import load_site
from plansite.source.yaml_source import parse_yaml_bytes

from .conftest import IMPORT_MATCH_RATES, PROJECT_ROOT
from .importer_documents import (
    Damage,
    compare_actions,
    convert,
    read_plan,
    walk_actions,
    write_docx_auto_numbered,
    write_docx_heading_layout,
    write_docx_several_actions_per_cell,
    write_docx_table_layout,
)

SHIPPED = PROJECT_ROOT / "plan_data" / "plans" / "fengshan-112.yaml"
SMALL = PROJECT_ROOT / "tests" / "golden" / "small" / "plan_data" / "plans" / "small-113.yaml"


@pytest.fixture(scope="session")
def shipped() -> dict[str, Any]:
    return read_plan(SHIPPED)


@pytest.fixture(scope="session")
def small() -> dict[str, Any]:
    return read_plan(SMALL)


@pytest.fixture(scope="session")
def docx_documents(tmp_path_factory: pytest.TempPathFactory, shipped: dict[str, Any], small: dict[str, Any]) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("importer-docx")
    return {
        "shipped-table": write_docx_table_layout(shipped, folder / "shipped-table.docx"),
        "shipped-headings": write_docx_heading_layout(shipped, folder / "shipped-headings.docx"),
        "shipped-bold": write_docx_heading_layout(shipped, folder / "shipped-bold.docx", heading_styles=False),
        "small-table": write_docx_table_layout(small, folder / "small-table.docx", Damage(number_separator="")),
        "small-headings": write_docx_heading_layout(small, folder / "small-headings.docx"),
        "several-per-cell": write_docx_several_actions_per_cell(folder / "several-per-cell.docx"),
        "auto-numbered": write_docx_auto_numbered(folder / "auto-numbered.docx"),
    }


@pytest.fixture(scope="session")
def office_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("libreoffice-profile")


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory, docx_documents: dict[str, Path], office_profile: Path) -> dict[str, Path]:
    """ODT and PDF made by LibreOffice from the DOCX files (one LibreOffice run per format)."""
    folder = tmp_path_factory.mktemp("importer-converted")
    odt_sources = [docx_documents[name] for name in ("shipped-table", "small-table", "small-headings", "several-per-cell", "auto-numbered")]
    pdf_sources = [docx_documents[name] for name in ("shipped-table", "shipped-headings", "small-table")]
    documents = {}
    for path in convert(odt_sources, "odt", folder, office_profile):
        documents[f"{path.stem}.odt"] = path
    for path in convert(pdf_sources, "pdf", folder, office_profile):
        documents[f"{path.stem}.pdf"] = path
    return documents


@functools.cache
def imported(path: Path, plan_id: str = "imported-113") -> tuple[str, dict[str, Any], list[str]]:
    """The draft, its data and the warnings; each document is imported once per session."""
    text, data, report = import_plan(path, plan_id)
    return text, data, report.warnings


def assert_passes_check(tmp_path: Path, name: str, draft: str) -> None:
    """The draft, placed in plan_data/plans/ beside a site file, passes the project's own check."""
    data_dir = tmp_path / name / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "plan_data" / "site.yaml", data_dir / "site.yaml")
    (data_dir / "plans" / "imported-113.yaml").write_text(draft, encoding="utf-8")
    result = load_site(data_dir, root=tmp_path / name)
    assert len(result.site.plans) == 1


def record_rate(label: str, expected: dict[str, Any], data: dict[str, Any], minimum: float) -> None:
    comparison = compare_actions(expected, data)
    IMPORT_MATCH_RATES[label] = (comparison.exact, comparison.expected)
    assert comparison.rate >= minimum, "\n".join(comparison.differences)


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["shipped-table", "shipped-headings", "shipped-bold"])
def test_shipped_plan_comes_back_from_docx(layout: str, docx_documents: dict[str, Path], shipped: dict[str, Any], tmp_path: Path) -> None:
    draft, data, _warnings = imported(docx_documents[layout])
    record_rate(f"DOCX {layout}", shipped, data, 0.97)
    assert_passes_check(tmp_path, layout, draft)


def test_headings_of_the_shipped_plan_come_back_from_docx(docx_documents: dict[str, Path], shipped: dict[str, Any]) -> None:
    _draft, data, _warnings = imported(docx_documents["shipped-table"])
    assert headings(data) == headings(shipped)
    assert data["execution"]["category"] == shipped["execution"]["category"]
    for key in ("title", "basis", "goals", "closing"):
        assert data[key] == shipped[key], key
    assert [(i["number"], i["text"]) for i in data["steps"]["items"]] == [(i["number"], i["text"]) for i in shipped["steps"]["items"]]
    assert data["targets"] == shipped["targets"]


def headings(plan: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """(id, number, title) of every facet, strategy and sub-strategy."""
    found = []
    for facet in plan["execution"]["facets"]:
        found.append((str(facet["id"]), facet["number"], facet["title"]))
        for strategy in facet["strategies"]:
            found.append((str(strategy["id"]), strategy["number"], strategy["title"]))
            for sub in strategy.get("substrategies", []):
                found.append((str(sub["id"]), sub["number"], sub["title"]))
    return found


def test_shipped_plan_ids_are_the_shipped_ids(docx_documents: dict[str, Path], shipped: dict[str, Any]) -> None:
    """Numbers skipped in the document become `source: missing` entries, so later ids stay where they were."""
    _draft, data, _warnings = imported(docx_documents["shipped-table"])
    shipped_ids = {str(action["id"]): action for *_up, action in walk_actions(shipped) if action.get("source") != "missing"}
    imported_ids = {str(action["id"]): action for *_up, action in walk_actions(data) if action.get("source") != "missing"}
    assert imported_ids.keys() == shipped_ids.keys()
    missing = [str(action["id"]) for *_up, action in walk_actions(data) if action.get("source") == "missing"]
    assert missing == [f"1-2-1-{n}" for n in range(1, 8)]


def test_small_plan_comes_back_from_docx_in_both_layouts(docx_documents: dict[str, Path], small: dict[str, Any], tmp_path: Path) -> None:
    for layout in ("small-table", "small-headings"):
        draft, data, _warnings = imported(docx_documents[layout])
        record_rate(f"DOCX {layout}", small, data, 1.0)
        assert_passes_check(tmp_path, layout, draft)
        action = data["execution"]["facets"][0]["strategies"][0]["substrategies"][0]["actions"][0]
        assert action["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
        assert action["subitems"] == [{"id": "1-1-1-1-1", "number": "甲.", "text": "細項甲。"}, {"id": "1-1-1-1-2", "number": "乙.", "text": "細項乙。"}]
        assert data["dates"] == {"published": "2024-01-15", "amended": "2024-03-01"}


@pytest.mark.slow
def test_shipped_plan_comes_back_from_odt(converted: dict[str, Path], shipped: dict[str, Any], tmp_path: Path) -> None:
    draft, data, _warnings = imported(converted["shipped-table.odt"])
    record_rate("ODT shipped-table", shipped, data, 0.97)
    assert_passes_check(tmp_path, "odt", draft)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["shipped-table.pdf", "shipped-headings.pdf"])
def test_shipped_plan_comes_back_from_pdf(name: str, converted: dict[str, Path], shipped: dict[str, Any], tmp_path: Path) -> None:
    draft, data, _warnings = imported(converted[name])
    record_rate(f"PDF {name}", shipped, data, 0.95)
    assert_passes_check(tmp_path, name, draft)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["small-table.odt", "small-headings.odt", "small-table.pdf"])
def test_small_plan_comes_back_from_odt_and_pdf(name: str, converted: dict[str, Path], small: dict[str, Any], tmp_path: Path) -> None:
    draft, data, _warnings = imported(converted[name])
    record_rate(f"{name}", small, data, 1.0)
    assert_passes_check(tmp_path, name, draft)


@pytest.mark.slow
def test_pdf_reader_rejoins_rows_split_by_page_breaks(converted: dict[str, Path], shipped: dict[str, Any]) -> None:
    """The table runs over several pages with its header repeated; split rows come back as one action."""
    from plansite.importer.pdf_reader import read_pdf

    document = read_pdf(converted["shipped-table.pdf"])
    rows = [row for block in document.blocks if hasattr(block, "rows") for row in block.rows]
    assert sum(row.after_page_break for row in rows) >= 4
    _draft, data, warnings = imported(converted["shipped-table.pdf"])
    texts = [action["text"] for *_up, action in walk_actions(data) if action.get("source") != "missing"]
    for *_up, action in walk_actions(shipped):
        if action.get("source") != "missing":
            assert action["text"] in texts
    assert not any("標題列" in warning for warning in warnings)
    # The one name the PDF wrapped and never shows on one line is reported, not silently trusted.
    wrapped = [warning for warning in warnings if "在 PDF 中分成兩行" in warning]
    assert wrapped == [
        "第 8 頁、表格 1 第 97 列：承辦部門「總處推廣區處配合」在 PDF 中分成兩行，匯入時接成一個名稱；原文件也可能是兩個部門，或名稱中有空格，請核對（共 3 項）"
    ]
    assert "\u200b" not in _draft


# -- what the importer says about the shipped plan -------------------------------------------


def test_shipped_plan_warnings_name_every_doubtful_place(docx_documents: dict[str, Path]) -> None:
    _draft, data, warnings = imported(docx_documents["shipped-table"])
    assert warnings == [
        "文件沒有寫出機關全銜，office 暫用標題開頭的「鳳山區處」，請核對（或以 --office 指定）",
        "表格 1 第 10 列：執行策略「(二)」沒有標題，已填 null，請核對",
        "表格 1 第 10 列：子策略「1.」沒有標題，已填 null，請核對",
        "表格 1 第 10 列：具體作法從「(8)」開始／接續，文件中沒有 (1)、(2)、(3)、(4)、(5)、(6)、(7)：已記為缺漏（source: missing），請核對",
        "表格 1 第 10 列：具體作法「(8)」在文件中沒有承辦部門及執行期間，已填 null，請核對",
        "表格 1 第 32 列：具體作法「(6)」在文件中沒有承辦部門及執行期間，已填 null，請核對",
        "第 14 段：「伍、實施步驟」的編號「二、」不連續（應為第 3 項），已照原文保留",
    ]
    action = data["execution"]["facets"][0]["strategies"][1]["substrategies"][3]["actions"][5]
    assert action["departments"] is None and action["period"] is None
    assert "沒有承辦部門及執行期間" in action["note"]
    assert data["steps"]["items"][2]["note"].startswith("原文編號如此")


def test_the_importer_never_invents_a_department_or_a_period(docx_documents: dict[str, Path]) -> None:
    _draft, data, _warnings = imported(docx_documents["shipped-table"])
    for *_up, action in walk_actions(data):
        if action.get("source") == "missing":
            assert set(action) == {"id", "number", "source", "note"}
        elif action["departments"] is None or action["period"] is None:
            assert "note" in action


# -- damaged documents -----------------------------------------------------------------------


def test_merged_cells_broken_by_page_breaks_and_repeated_headers(tmp_path: Path, shipped: dict[str, Any]) -> None:
    """Headings restated or left empty after a break, a header row repeated mid-table, rows split in two."""
    damage = Damage(
        restate_after=frozenset({"1-1-2-2", "2-1-4-3", "4-2-1-2"}),
        empty_after=frozenset({"1-2-2-3", "2-2-3-1", "5-2-2"}),
        header_after=frozenset({"1-2-3-2", "3-2-1-1"}),
        split_rows=frozenset({"1-1-2-5", "2-1-4-2", "4-1-1-1"}),
    )
    path = write_docx_table_layout(shipped, tmp_path / "damaged.docx", damage)
    draft, data, warnings = imported(path)
    record_rate("DOCX damaged merges", shipped, data, 1.0)
    assert headings(data) == headings(shipped)
    joined = [w for w in warnings if "已接到上一項具體作法" in w]
    assert len(joined) == 3, warnings
    assert_passes_check(tmp_path, "damaged", draft)


def test_departments_split_over_lines_are_read_as_names(tmp_path: Path, shipped: dict[str, Any]) -> None:
    damage = Damage(departments_on_lines=frozenset({"1-1-3-1", "2-1-4-2"}), departments_wrapped=frozenset({"2-1-4-3", "5-1-3"}))
    _draft, data, _warnings = imported(write_docx_table_layout(shipped, tmp_path / "departments.docx", damage))
    record_rate("DOCX departments on lines", shipped, data, 1.0)


def test_a_missing_period_column_leaves_every_period_null_with_a_note(tmp_path: Path, small: dict[str, Any]) -> None:
    path = write_docx_table_layout(small, tmp_path / "no-period.docx", Damage(without_period_column=True))
    draft, data, warnings = imported(path)
    actions = [action for *_up, action in walk_actions(data) if action.get("source") != "missing"]
    assert actions and all(action["period"] is None and "執行期間" in action["note"] for action in actions)
    assert sum("沒有執行期間" in w or "沒有承辦部門及執行期間" in w for w in warnings) == len(actions)
    assert all("表格 1 第" in w for w in warnings if "執行期間" in w)
    assert_passes_check(tmp_path, "no-period", draft)


def test_cells_in_columns_without_a_header_are_placed_by_their_numbers(tmp_path: Path) -> None:
    """Column drift: a strategy number in the sub-strategy column and an action in a heading column."""
    import docx

    document = docx.Document()
    document.add_paragraph("測試機關 114 年度計畫")
    document.add_paragraph("肆、執行策略及具體作法")
    table = document.add_table(rows=4, cols=5)
    for cell, text in zip(table.rows[0].cells, ("面向", "執行策略", "具體作法", "承辦部門", "執行期間"), strict=True):
        cell.text = text
    rows = [
        ("一、面向甲", "(一)策略甲", "(1)作法一。", "甲組", "持續辦理"),
        ("", "(二)策略乙", "(1)作法二。", "甲組、乙組", "持續辦理"),
        ("", "(2)作法三。", "", "乙組", "持續辦理"),
    ]
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    path = tmp_path / "drift.docx"
    document.save(path)
    _draft, data, _warnings = imported(path)
    strategies = data["execution"]["facets"][0]["strategies"]
    assert [s["number"] for s in strategies] == ["(一)", "(二)"]
    assert [(a["number"], a["text"], a["departments"]) for a in strategies[1]["actions"]] == [
        ("(1)", "作法二。", ["甲組", "乙組"]),
        ("(2)", "作法三。", ["乙組"]),
    ]


def actions_of(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (a["number"], a["text"], [(i["number"], i["text"]) for i in a.get("subitems", [])], a["departments"], a["period"], a.get("departments_inferred", False))
        for *_up, a in walk_actions(data)
    ]


SEVERAL_PER_CELL = [
    ("(1)", "作法一。", [], ["業務組"], "持續辦理", False),
    ("(2)", "作法二。", [], ["業務組", "電費組"], "持續辦理", False),
    ("(3)", "作法三。", [], ["設計組"], {"start": "2025-01-01", "end": "2025-06-30"}, False),
    ("(1)", "作法四。", [], ["業務組"], "持續辦理", True),
    ("(2)", "作法五。", [], ["設計組"], "持續辦理", True),
    ("(3)", "作法六。", [], None, None, False),
]
AUTO_NUMBERED = [
    ("(1)", "作法一。", [], ["業務組"], "持續辦理", False),
    ("(2)", "作法二：", [("甲、", "細項一。"), ("乙、", "細項二。")], ["業務組"], "持續辦理", False),
]


def test_several_actions_in_one_cell_pair_with_department_paragraphs(docx_documents: dict[str, Path]) -> None:
    """When a row holds fewer department paragraphs than actions, the pairing is marked inferred and reported."""
    _draft, data, warnings = imported(docx_documents["several-per-cell"])
    assert actions_of(data) == SEVERAL_PER_CELL
    assert "表格 1 第 3 列：文件中這一列有 3 項具體作法，承辦部門欄卻有 2 格（業務組／設計組），依順序推定對應，請核對" in warnings


def test_word_automatic_numbering_is_read_as_printed(docx_documents: dict[str, Path]) -> None:
    _draft, data, _warnings = imported(docx_documents["auto-numbered"])
    assert actions_of(data) == AUTO_NUMBERED


@pytest.mark.slow
def test_odt_lists_and_several_actions_per_cell(converted: dict[str, Path]) -> None:
    """The same documents saved as ODT by LibreOffice: text:list numbering, paragraphs in cells."""
    assert actions_of(imported(converted["auto-numbered.odt"])[1]) == AUTO_NUMBERED
    assert actions_of(imported(converted["several-per-cell.odt"])[1]) == SEVERAL_PER_CELL


def test_a_second_header_row_names_the_strategy_columns(tmp_path: Path) -> None:
    """執行策略 over 策略 | 子策略 in a second header row; header cells merged down over both rows."""
    import docx

    document = docx.Document()
    document.add_paragraph("測試機關 114 年度服務計畫")
    document.add_paragraph("肆、執行策略及具體作法")
    table = document.add_table(rows=4, cols=6)
    first, second = table.rows[0].cells, table.rows[1].cells
    for index, text in enumerate(["面向", "執行策略", None, "具體作法", "承辦部門", "執行期間"]):
        if text:
            first[index].text = text
    first[1].merge(first[2])
    second[1].text, second[2].text = "策略", "子策略"
    for column in (0, 3, 4, 5):
        first[column].merge(second[column])
    rows = [("一、基礎服務", "(一)服務一致", "1.流程", "(1)作法一。", "業務組", "持續辦理"), ("", "", "2.時效", "(1)作法二。", "業務組", "持續辦理")]
    for row, values in zip(table.rows[2:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    document.save(tmp_path / "two-header-rows.docx")
    _draft, data, warnings = imported(tmp_path / "two-header-rows.docx")
    subs = data["execution"]["facets"][0]["strategies"][0]["substrategies"]
    assert [(s["number"], s["title"], [a["text"] for a in s["actions"]]) for s in subs] == [("1.", "流程", ["作法一。"]), ("2.", "時效", ["作法二。"])]
    assert not any("表格" in warning for warning in warnings)


# -- text rules ------------------------------------------------------------------------------


def test_layout_whitespace_rules_leave_the_shipped_texts_unchanged(shipped: dict[str, Any]) -> None:
    """The rules the importer applies are the ones the shipped transcription followed."""

    def texts(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k in ("text", "title") and isinstance(v, str)] + [t for k, v in node.items() if k != "note" for t in texts(v)]
        if isinstance(node, list):
            return [t for item in node for t in texts(item)]
        return []

    found = texts(shipped)
    assert len(found) > 130
    assert [t for t in found if clean_text(t) != t] == []
    assert clean_text("(一) 服務 一致 及正 確性") == "(一) 服務一致及正確性"
    assert clean_text("App  推播\u3000訊息") == "App 推播訊息"


def test_draft_reads_like_the_shipped_file(docx_documents: dict[str, Path]) -> None:
    draft, data, _warnings = imported(docx_documents["shipped-table"])
    lines = draft.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../plansite/schemas/plan.schema.json"
    assert "departments: [業務組, 電費組, 相關部門, 設計組, 人資組, 總處推廣 區處配合]" in lines
    assert '      number: "一、"' in lines
    assert "                  id: 1-1-2-3" not in lines and "                - id: 1-1-2-3" in lines
    assert parse_yaml_bytes(draft.encode(), "draft").data == data
    keys = list(data)
    assert keys == [
        "id",
        "file_basename",
        "title",
        "roc_year",
        "office",
        "dates",
        "source_note",
        "departments",
        "basis",
        "goals",
        "targets",
        "execution",
        "steps",
        "closing",
    ]
    assert import_plan(docx_documents["shipped-table"], "imported-113")[0] == draft  # deterministic


# -- the command -----------------------------------------------------------------------------


def run_command(*args: str | Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "plansite", "import", *map(str, args)], capture_output=True, text=True, env=environment, timeout=120)


def test_command_writes_the_draft_and_lists_doubts_on_stderr(tmp_path: Path, docx_documents: dict[str, Path]) -> None:
    output = tmp_path / "fengshan-113.yaml"
    result = run_command(docx_documents["shipped-table"], "--id", "fengshan-113", "-o", output, "--office", "台灣電力公司鳳山區營業處")
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert "office: 台灣電力公司鳳山區營業處" in output.read_text(encoding="utf-8")
    lines = result.stderr.splitlines()
    assert len(lines) == 6 and all(line.startswith("提醒 - ") for line in lines)
    assert "已寫出草稿" in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["fengshan-113.yaml"]


def test_scripts_import_runs_the_command_with_paths_from_where_it_is_run(tmp_path: Path, docx_documents: dict[str, Path]) -> None:
    """The bash wrapper uses the project's .venv and leaves relative paths relative to the caller's folder."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(PROJECT_ROOT / "scripts" / "import", project / "scripts" / "import")
    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (project / "plansite").symlink_to(PROJECT_ROOT / "plansite")
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(docx_documents["small-headings"], work / "計畫.docx")
    result = subprocess.run(
        [str(project / "scripts" / "import"), "計畫.docx", "--id", "small-113", "-o", "small-113.yaml"], cwd=work, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert (work / "small-113.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def _empty_docx(path: Path) -> Path:
    import docx

    docx.Document().save(path)
    return path


def _not_a_plan_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("會議紀錄")
    document.add_paragraph("一、報告事項：無。")
    document.save(path)
    return path


def _truncated_docx(path: Path, source: Path) -> Path:
    path.write_bytes(source.read_bytes()[:3000])
    return path


def _docx_with_broken_xml(path: Path, source: Path) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as damaged:
        for item in original.infolist():
            data = original.read(item)
            damaged.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    return path


def _scanned_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(image)
    for y in range(100, 1000, 40):
        draw.line((80, y, 740, y), fill="black", width=3)
    image.save(path)
    return path


BAD_INPUTS = {
    "unknown extension": (lambda folder, source: _write(folder / "plan.rtf", b"{\\rtf1 plan}"), "不支援「plan.rtf」的檔案類型"),
    "old Word file": (lambda folder, source: _write(folder / "plan.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 600), "不支援「plan.doc」"),
    "encrypted Office file": (lambda folder, source: _write(folder / "plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "有密碼保護"),
    "zero bytes": (lambda folder, source: _write(folder / "plan.odt", b""), "是空檔案"),
    "not a zip": (lambda folder, source: _write(folder / "plan.docx", b"hello, this is text"), "檔案損毀或副檔名不符"),
    "truncated docx": (lambda folder, source: _truncated_docx(folder / "plan.docx", source), "無法讀取「plan.docx」"),
    "broken xml": (lambda folder, source: _docx_with_broken_xml(folder / "plan.docx", source), "檔案損毀"),
    "empty document": (lambda folder, source: _empty_docx(folder / "plan.docx"), "沒有任何文字內容"),
    "not a plan": (lambda folder, source: _not_a_plan_docx(folder / "plan.docx"), "不像年度計畫文件"),
    "pdf without text": (lambda folder, source: _scanned_pdf(folder / "plan.pdf"), "沒有文字層"),
    "not a pdf": (lambda folder, source: _write(folder / "plan.pdf", b"PK\x03\x04 not a pdf"), "不是 PDF 格式"),
    "broken pdf": (lambda folder, source: _write(folder / "plan.pdf", b"%PDF-1.7\n1 0 obj <<<< garbage"), "無法讀取「plan.pdf」"),
    "missing file": (lambda folder, source: folder / "nothing.docx", "找不到檔案"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_one_clear_line_and_nothing_is_written(case: str, tmp_path: Path, docx_documents: dict[str, Path]) -> None:
    make, expected = BAD_INPUTS[case]
    source = make(tmp_path, docx_documents["small-table"])
    output = tmp_path / "out" / "draft.yaml"
    output.parent.mkdir()
    result = run_command(source, "--id", "test-113", "-o", output)
    print(f"{case}: {result.stderr.strip()}")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("錯誤 - "), result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert list(output.parent.iterdir()) == []


@pytest.mark.slow
def test_encrypted_pdf_is_refused(tmp_path: Path, docx_documents: dict[str, Path], office_profile: Path) -> None:
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    (pdf,) = convert([docx_documents["small-table"]], f"pdf:writer_pdf_Export:{options}", tmp_path, office_profile)
    with pytest.raises(ImportRefused, match="有密碼保護"):
        import_plan(pdf, "test-113")


def test_a_failed_import_leaves_an_existing_draft_alone(tmp_path: Path) -> None:
    output = tmp_path / "draft.yaml"
    output.write_text("previous draft\n", encoding="utf-8")
    result = run_command(_write(tmp_path / "bad.docx", b"PK\x03\x04broken"), "--id", "test-113", "-o", output)
    assert result.returncode == 1
    assert output.read_text(encoding="utf-8") == "previous draft\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx", "draft.yaml"]


def test_a_bad_plan_id_is_refused(tmp_path: Path, docx_documents: dict[str, Path]) -> None:
    with pytest.raises(ImportRefused, match="計畫代碼"):
        import_plan(docx_documents["small-table"], "Fengshan 113")
