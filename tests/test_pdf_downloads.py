"""The PDF downloads, checked with the real tools a reader's software relies on.

Renders the shipped plan (whole and per facet) with Typst and reads the files
back with poppler (pdftotext, pdfinfo, pdffonts, pdftohtml): text layer,
tags, embedded fonts, XMP identification, bookmarks, determinism, and plan
text full of markup characters printed literally.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import pytest

from plansite import fonts
from plansite.fonts import MISSING_FONT, FontError
from plansite.model import Action, Office, Plan, SourceState, facet_rows
from plansite.outline.document import facet_document, plan_document
from plansite.outline.wording import GAP, departments_text, heading_label
from plansite.source.load import load_site
from plansite.writers.pdf import pdf_document, render_pdf

from .conftest import SEED_PLAN_ID, SHIPPED_DATA
from .test_odf_downloads import gap_label, missing_runs

pytestmark = pytest.mark.slow
GENERATED_AT = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)  # SOURCE_DATE_EPOCH=1700000000

HOSTILE_TEXT = '標記 # * _ [ ] < > \\ $ @ {{ }} ` " \' & = 與 #panic("x") *粗* _斜_ $x^2$ @ref <lbl> // -- ... ~ 結束。'
# The same text as a YAML double-quoted scalar: only \ and " need escaping.
HOSTILE_YAML = r'''"標記 # * _ [ ] < > \\ $ @ {{ }} ` \" ' & = 與 #panic(\"x\") *粗* _斜_ $x^2$ @ref <lbl> // -- ... ~ 結束。"'''
HOSTILE_TITLE = "策略 [標題] #strong[x] <y> \\z"
HOSTILE_TITLE_YAML = r'''"策略 [標題] #strong[x] <y> \\z"'''
TARGET_ACTION = "text: 提升申辦案件的處理效率，確保於處理時限內完成。"
TARGET_STRATEGY = "title: 服務一致及正確性"

XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


# -- helpers


def run_tool(tool: str, *args: str) -> str:
    """Run a poppler tool; a missing tool fails the test (never skips it)."""
    assert shutil.which(tool), f"{tool} is required for the PDF tests (Debian package poppler-utils)"
    result = subprocess.run([tool, *args], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def pdf_text(path: Path) -> str:
    """The text layer with all whitespace removed: pdftotext breaks lines inside table cells.

    -raw keeps the content-stream order, so each cell's text stays in one piece.
    """
    return "".join(run_tool("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-").split())


def squash(text: str) -> str:
    return "".join(text.split())


def pdfinfo(path: Path) -> dict[str, str]:
    fields = {}
    for line in run_tool("pdfinfo", str(path)).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def outline(path: Path) -> ET.Element:
    """The PDF's bookmarks as pdftohtml's nested <outline>/<item> XML."""
    document = ET.fromstring(run_tool("pdftohtml", "-xml", "-stdout", "-i", "-q", str(path)))
    found = document.find("outline")
    assert found is not None, "the PDF has no bookmarks"
    return found


def bookmark_titles(tree: ET.Element) -> list[str]:
    return ["".join(item.itertext()) for item in tree.iter("item")]


def xmp_packet(data: bytes) -> ET.Element:
    """The XMP metadata stream, read straight from the bytes (PDF/A keeps it unfiltered)."""
    start = data.find(b"<x:xmpmeta")
    end = data.find(b"</x:xmpmeta>")
    assert start != -1 and end != -1, "no XMP metadata packet in the PDF"
    return ET.fromstring(data[start : end + len(b"</x:xmpmeta>")])


def xmp_values(packet: ET.Element, path: str) -> list[str]:
    return [(element.text or "").strip() for element in packet.iterfind(f".//{path}", XMP_NS)]


def present_actions(actions: list[Action]) -> list[Action]:
    return [action for action in actions if action.source is not SourceState.MISSING]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- fixtures


@pytest.fixture(scope="module")
def loaded(plan: Plan, office: Office) -> tuple[Plan, Office]:
    return plan, office


@pytest.fixture(scope="module")
def whole_bytes(loaded: tuple[Plan, Office]) -> bytes:
    plan, office = loaded
    return render_pdf(plan, office, GENERATED_AT)


@pytest.fixture(scope="module")
def whole_pdf(whole_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("pdf") / "whole.pdf", whole_bytes)


@pytest.fixture(scope="module")
def facet_pdfs(loaded: tuple[Plan, Office], tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    plan, office = loaded
    folder = tmp_path_factory.mktemp("facets")
    return {facet.position: write(folder / f"facet-{facet.position}.pdf", render_pdf(plan, office, GENERATED_AT, facet)) for facet in plan.facets}


# -- text layer


def test_whole_plan_pdf_text_holds_every_action_department_and_the_gap_marker(loaded: tuple[Plan, Office], whole_pdf: Path) -> None:
    plan, _ = loaded
    text = pdf_text(whole_pdf)
    actions = present_actions([row.action for row in plan.rows()])
    missing = [action.id for action in actions if squash(action.text or "") not in text]
    assert missing == []
    for department in plan.departments:
        assert squash(department) in text
    for run in missing_runs(plan):
        assert GAP in text and squash(gap_label(run)) in text


def test_each_facet_pdf_holds_its_own_actions_and_not_the_other_facets(loaded: tuple[Plan, Office], facet_pdfs: dict[int, Path]) -> None:
    plan, _ = loaded
    for facet in plan.facets:
        text = pdf_text(facet_pdfs[facet.position])
        mine = present_actions([row.action for row in facet_rows(facet)])
        assert [action.id for action in mine if squash(action.text or "") not in text] == []
        for action in mine:
            assert squash(departments_text(action)) in text
        assert squash(heading_label(facet.heading)) in text
        others = [
            action
            for other in plan.facets
            if other is not facet
            for action in present_actions([row.action for row in facet_rows(other)])
            if not any(squash(action.text or "") in squash(own.text or "") for own in mine)
        ]
        assert [action.id for action in others if squash(action.text or "") in text] == []


def test_the_facet_with_the_lost_page_says_so_in_its_pdf(loaded: tuple[Plan, Office], facet_pdfs: dict[int, Path]) -> None:
    plan, _ = loaded
    facets_with_gaps = [facet for facet in plan.facets if any(row.action.source is not SourceState.COMPLETE for row in facet_rows(facet))]
    assert facets_with_gaps
    for facet in facets_with_gaps:
        assert GAP in pdf_text(facet_pdfs[facet.position])


def test_sub_items_and_editor_notes_are_in_the_text(loaded: tuple[Plan, Office], whole_pdf: Path) -> None:
    plan, _ = loaded
    text = pdf_text(whole_pdf)
    subitems = [item for row in plan.rows() for item in row.action.subitems]
    notes = [row.action.note for row in plan.rows() if row.action.note]
    assert subitems and notes
    assert [item.id for item in subitems if squash(f"{item.number}{item.text}") not in text] == []
    # Each note once, numbered below its table; rows refer to it as 「（編者註 n）」.
    assert [note for note in notes if squash(note) not in text] == []
    assert text.count("編者註") >= len(set(notes))


def test_plan_facts_and_sections_are_printed(loaded: tuple[Plan, Office], whole_pdf: Path) -> None:
    plan, _ = loaded
    text = pdf_text(whole_pdf)
    facts = ["訂定機關", plan.issuing_office, f"民國{plan.roc_year}年度", "發布日期", "最近修正日期"]
    sections = ["壹、計畫依據", "貳、計畫目標", "參、實施對象", "肆、執行策略及具體作法", "伍、實施步驟", "陸、"]
    assert [expected for expected in facts + sections if squash(expected) not in text] == []
    if plan.published is None or plan.amended is None:
        assert "原始文件未載明" in text


def test_every_page_has_a_page_n_of_total_footer(whole_pdf: Path) -> None:
    pages = int(pdfinfo(whole_pdf)["Pages"])
    text = pdf_text(whole_pdf)
    for page in range(1, pages + 1):
        assert f"第{page}頁，共{pages}頁" in text


# -- structure, fonts, metadata


def test_pdfs_are_tagged_a4_with_a_sane_page_count(whole_pdf: Path, facet_pdfs: dict[int, Path]) -> None:
    info = pdfinfo(whole_pdf)
    assert info["Tagged"] == "yes"
    assert "A4" in info["Page size"]
    assert 5 <= int(info["Pages"]) <= 30
    for path in facet_pdfs.values():
        facet_info = pdfinfo(path)
        assert facet_info["Tagged"] == "yes"
        assert 1 <= int(facet_info["Pages"]) < int(info["Pages"])


def test_every_font_is_embedded_and_is_noto_sans_cjk_tc(whole_pdf: Path) -> None:
    lines = run_tool("pdffonts", str(whole_pdf)).splitlines()[2:]
    assert lines, "pdffonts lists no fonts"
    for line in lines:
        columns = line.split()
        # name type... encoding emb sub uni object-id generation: emb is the 5th column from the end.
        assert columns[-5] == "yes", line
        assert "NotoSansCJKtc" in columns[0], line


def test_title_author_and_dates_are_set_from_the_plan_and_generated_at(loaded: tuple[Plan, Office], whole_pdf: Path, facet_pdfs: dict[int, Path]) -> None:
    plan, office = loaded
    info = pdfinfo(whole_pdf)
    assert info["Title"] == plan.title
    assert info["Author"] == office.name
    assert "Nov 14 22:13:20 2023" in info["CreationDate"]
    assert "Nov 14 22:13:20 2023" in info["ModDate"]
    first_facet = plan.facets[0]
    assert pdfinfo(facet_pdfs[first_facet.position])["Title"] == f"{heading_label(first_facet.heading)}｜{plan.title}"


def test_xmp_declares_zh_tw_pdf_ua_1_and_pdf_a_2a(whole_bytes: bytes) -> None:
    packet = xmp_packet(whole_bytes)
    assert xmp_values(packet, "dc:language/rdf:Bag/rdf:li") == ["zh-TW"]
    assert xmp_values(packet, "pdfuaid:part") == ["1"]
    assert xmp_values(packet, "pdfaid:part") == ["2"]
    assert xmp_values(packet, "pdfaid:conformance") == ["A"]
    assert xmp_values(packet, "xmp:CreateDate") == ["2023-11-14T22:13:20Z"]


def test_bookmarks_nest_every_strategy_under_its_facet(loaded: tuple[Plan, Office], whole_pdf: Path) -> None:
    plan, _ = loaded
    tree = outline(whole_pdf)
    top = [("".join(item.itertext())) for item in tree.findall("item")]
    assert top[:4] == ["壹、計畫依據", "貳、計畫目標", "參、實施對象", "肆、執行策略及具體作法"]
    assert top[4] == "伍、實施步驟" and top[5].startswith("陸、")
    facet_level = tree.find("outline")
    assert facet_level is not None
    assert [("".join(item.itertext())) for item in facet_level.findall("item")] == [heading_label(facet.heading) for facet in plan.facets]
    strategy_levels = facet_level.findall("outline")
    assert len(strategy_levels) == len(plan.facets)
    for facet, level in zip(plan.facets, strategy_levels, strict=True):
        assert bookmark_titles(level) == [heading_label(strategy.heading) for strategy in facet.strategies]


def test_each_facet_pdf_bookmarks_its_facet_and_strategies(loaded: tuple[Plan, Office], facet_pdfs: dict[int, Path]) -> None:
    plan, _ = loaded
    for facet in plan.facets:
        titles = bookmark_titles(outline(facet_pdfs[facet.position]))
        assert titles == [heading_label(facet.heading)] + [heading_label(strategy.heading) for strategy in facet.strategies]


# -- determinism


def test_same_input_gives_byte_identical_pdf(loaded: tuple[Plan, Office], whole_bytes: bytes) -> None:
    plan, office = loaded
    render_pdf(plan, office, GENERATED_AT, plan.facets[1])  # other work in between must not leak in
    assert render_pdf(plan, office, GENERATED_AT) == whole_bytes
    same_instant = GENERATED_AT.astimezone(timezone(timedelta(hours=8)))
    assert render_pdf(plan, office, same_instant) == whole_bytes


def test_another_generated_at_changes_only_the_dates(loaded: tuple[Plan, Office], whole_bytes: bytes, tmp_path: Path) -> None:
    plan, office = loaded
    later = write(tmp_path / "later.pdf", render_pdf(plan, office, GENERATED_AT + timedelta(days=1)))
    assert later.read_bytes() != whole_bytes
    assert "Nov 15 22:13:20 2023" in pdfinfo(later)["CreationDate"]


def test_naive_generated_at_is_refused(loaded: tuple[Plan, Office]) -> None:
    plan, office = loaded
    with pytest.raises(ValueError, match="timezone-aware"):
        render_pdf(plan, office, datetime(2023, 11, 14, 22, 13, 20))


# -- content model handed to Typst


def test_a_run_of_missing_actions_is_one_row_with_a_number_range(loaded: tuple[Plan, Office]) -> None:
    plan, office = loaded
    document = pdf_document(plan_document(plan), office, GENERATED_AT)
    rows = [row for block in document["blocks"] if block["kind"] == "actions" for row in block["rows"]]
    gap_rows = [row for row in rows if row["span"]]
    assert ["".join(piece for piece, _style in row["number"]) for row in gap_rows] == [gap_label(run) for run in missing_runs(plan)]
    assert all(row["text"] == [[f"〔{GAP}〕", "gap"]] for row in gap_rows)


def test_heading_levels_never_skip_a_level(loaded: tuple[Plan, Office]) -> None:
    plan, office = loaded
    for facet in (None, *plan.facets):
        outline_ = plan_document(plan) if facet is None else facet_document(plan, facet)
        levels = [block["level"] for block in pdf_document(outline_, office, GENERATED_AT)["blocks"] if block["kind"] == "heading"]
        assert levels[0] == 1
        assert all(later <= earlier + 1 for earlier, later in pairwise(levels))


# -- hostile text


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Office]:
    data = tmp_path_factory.mktemp("hostile") / "plan_data"
    shutil.copytree(SHIPPED_DATA, data)
    plan_file = data / "plans" / f"{SEED_PLAN_ID}.yaml"
    source = plan_file.read_text(encoding="utf-8")
    assert source.count(TARGET_ACTION) == 1 and source.count(TARGET_STRATEGY) == 1
    source = source.replace(TARGET_ACTION, f"text: {HOSTILE_YAML}").replace(TARGET_STRATEGY, f"title: {HOSTILE_TITLE_YAML}")
    plan_file.write_text(source, encoding="utf-8")
    site = load_site(data).site
    return next(plan for plan in site.plans if plan.id == SEED_PLAN_ID), site.office


def test_markup_characters_in_plan_text_print_literally(hostile_plan: tuple[Plan, Office], tmp_path: Path) -> None:
    plan, office = hostile_plan
    texts = [row.action.text for row in plan.rows()]
    assert HOSTILE_TEXT in texts  # the YAML escaping gave exactly the intended string
    assert heading_label(plan.facets[0].strategies[0].heading) == f"(一) {HOSTILE_TITLE}"
    for facet in (None, plan.facets[0]):
        path = write(tmp_path / "hostile.pdf", render_pdf(plan, office, GENERATED_AT, facet))
        text = pdf_text(path)
        assert squash(HOSTILE_TEXT) in text
        assert squash(HOSTILE_TITLE) in text
        assert f"(一) {HOSTILE_TITLE}" in bookmark_titles(outline(path))


# -- missing font


def test_missing_font_raises_a_clear_zh_tw_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, loaded: tuple[Plan, Office]) -> None:
    plan, office = loaded
    monkeypatch.setattr(fonts, "FONT_DIRS", (tmp_path / "none",))
    monkeypatch.setattr(fonts, "FONT_ROOTS", (tmp_path,))
    fonts.find_font_dir.cache_clear()
    try:
        with pytest.raises(FontError, match=MISSING_FONT):
            render_pdf(plan, office, GENERATED_AT)
    finally:
        fonts.find_font_dir.cache_clear()


def test_the_shipped_font_folder_is_found() -> None:
    folder = fonts.find_font_dir()
    assert any((folder / name).is_file() for name in fonts.FONT_FILES)


def test_an_action_longer_than_a_page_is_printed_in_full(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED_DATA, tmp_path / "plan_data")
    plan_file = tmp_path / "plan_data" / "plans" / f"{SEED_PLAN_ID}.yaml"
    # Characters found nowhere else in the plan, so counting them counts this text only.
    long_text = "鑫淼" * 1800 + "結尾標記"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("提升申辦案件的處理效率，確保於處理時限內完成。", long_text, 1), encoding="utf-8")
    site = load_site(tmp_path / "plan_data").site
    plan = next(plan for plan in site.plans if plan.id == SEED_PLAN_ID)
    pdf = write(tmp_path / "long.pdf", render_pdf(plan, site.office, datetime(2023, 3, 15, tzinfo=UTC), plan.facets[0]))
    text = pdf_text(pdf)
    # The row splits across pages (headers and other cells come between its pieces), and nothing is lost.
    assert text.count("鑫") == text.count("淼") == 1800 and "結尾標記" in text
    assert int(pdfinfo(pdf)["Pages"]) > 2
