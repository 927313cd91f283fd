"""Nothing the data holds is missing from any download, however long or unbroken.

A copy of the shipped project gets one action (一(一)2.(1)) holding the
values that used to be cut: 5,000 × "A" as its text, sub-items with a
150-underscore signature line, a 150-digit account number and a long CJK
paragraph, a 2,000-character run of ※ as its editor's note, and as many
departments as the schema allows (20 per action, 50 characters each: the
issue's 1,000 departments cannot pass validation), plus a 200-character
unbroken strategy title. One real `mkdocs build` makes the web page and every
download; each field is then found, character for character, in the HTML
page, the ODT (as LibreOffice reads it), the PDF (pdftotext), the CSV, the
JSON and the ODS.

The PDF is checked by counting characters: page headers, footers and other
cells interleave with a row that runs over several pages. Most test values
use characters found nowhere else in the plan; for "A", "_" and digits the
count is compared with the shipped build's PDF (page headers and footers,
which hold the page numbers and change with the page count, are left out).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree, html

from plansite.outline import wording
from plansite.outline.records import FIELDS
from plansite.writers.ods import SHEET_NAME

from .conftest import SEED_PLAN_ID, copy_project, mkdocs_build
from .test_csv_injection import all_actions
from .test_odf_downloads import NS, odf_text

pytestmark = pytest.mark.slow

ACTION_ID = "1-1-2-1"
LONG_TEXT = "A" * 5000
SIGNATURE_LINE = "_" * 150
# 150 digits of pi: a run with no break opportunity whose order is checkable.
ACCOUNT_NUMBER = (
    "314159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812"
)
# A long CJK paragraph of characters the plan never uses.
CJK_PARAGRAPH = "".join("鑫淼焱垚" + "犇" * (index % 7) + "驫" for index in range(600))
NOTE_RUN = "※" * 2000
# 20 departments (the schema's maximum per action) of 50 characters (the maximum length), all distinct.
DEPARTMENTS = tuple("猋羴麤龘"[index // 5] + "靐齉灥厵鱻"[index % 5] + "羶" * 48 for index in range(20))
STRATEGY_ID = "1-1"
STRATEGY_TITLE = "Ω" * 200  # an unbroken run as long as a title may be

SUBITEMS = (("甲.", SIGNATURE_LINE), ("乙.", ACCOUNT_NUMBER), ("丙.", CJK_PARAGRAPH))
FILE_STEM = "fengshan-112-service-plan"


def _give_the_action_long_values(document: dict[str, Any]) -> None:
    action = next(action for action in all_actions(document) if action["id"] == ACTION_ID)
    action["text"] = LONG_TEXT
    action["subitems"] = [{"id": f"{ACTION_ID}-{index}", "number": number, "text": text} for index, (number, text) in enumerate(SUBITEMS, 1)]
    action["note"] = NOTE_RUN
    action["departments"] = list(DEPARTMENTS)
    document["departments"] += list(DEPARTMENTS)
    strategy = next(strategy for facet in document["execution"]["facets"] for strategy in facet["strategies"] if strategy["id"] == STRATEGY_ID)
    strategy["title"] = STRATEGY_TITLE


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the long action, built for real; returns its site/ folder."""
    project = copy_project(tmp_path_factory.mktemp("long"))
    plan_file = project / "plan_data" / "plans" / f"{SEED_PLAN_ID}.yaml"
    document = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    _give_the_action_long_values(document)
    plan_file.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def squash(text: str) -> str:
    return "".join(text.split())


# Each field as the downloads spell it (plain text, no labels). No two share a counted character.
FIELD_VALUES = {
    "text (5,000 × A)": LONG_TEXT,
    "sub-item: 150 underscores": SIGNATURE_LINE,
    "sub-item: 150-digit number": ACCOUNT_NUMBER,
    "sub-item: CJK paragraph": CJK_PARAGRAPH,
    "note (2,000 × ※)": NOTE_RUN,
    "departments (20 × 50 characters)": "、".join(DEPARTMENTS),
    "strategy title (200 × Ω)": STRATEGY_TITLE,
}
# Characters the plan uses elsewhere too ("A" in "App", digits in dates): counted against the shipped build.
SHARED_CHARACTERS = frozenset("A_0123456789")
UNIQUE_CHARACTERS = frozenset("".join(FIELD_VALUES.values())) - SHARED_CHARACTERS - {"、"}
COUNTED = SHARED_CHARACTERS | UNIQUE_CHARACTERS
# Each value is printed once in the document (the action's row; the strategy's heading).
EXPECTED_COUNTS = Counter(character for character in "".join(FIELD_VALUES.values()) if character in COUNTED)


def counted_by_field(found: Counter[str]) -> dict[str, tuple[int, int]]:
    """(characters found, characters expected) for each field."""
    return {
        name: (sum(found[character] for character in set(value) & COUNTED), sum(character in COUNTED for character in value))
        for name, value in FIELD_VALUES.items()
    }


def test_the_values_are_what_the_case_needs() -> None:
    assert len(ACCOUNT_NUMBER) == 150 and ACCOUNT_NUMBER.isdigit()
    assert len(CJK_PARAGRAPH) > 3000
    assert len(set(DEPARTMENTS)) == 20 and {len(name) for name in DEPARTMENTS} == {50}
    assert len(STRATEGY_TITLE) == 200


# -- HTML, CSV, JSON, ODS, ODT: each value whole, in one piece


def facet_page_text(site: Path) -> str:
    page = html.parse(str(site / "plans" / SEED_PLAN_ID / "facet-1" / "index.html"))
    main = page.find(".//main")
    assert main is not None
    return main.text_content()


def test_the_web_page_holds_every_value_whole(built: Path) -> None:
    text = squash(facet_page_text(built))
    assert [name for name, value in FIELD_VALUES.items() if squash(value) not in text] == []


def _record(rows: list[dict[str, str]]) -> dict[str, str]:
    return next(row for row in rows if row["id"] == ACTION_ID)


def expected_record_values() -> dict[str, str]:
    return {
        "text": "\n".join([LONG_TEXT, *(wording.subitem_line(number, text) for number, text in SUBITEMS)]),
        "departments": "、".join(DEPARTMENTS),
        "note": NOTE_RUN,
    }


def test_csv_json_and_ods_hold_every_value_exactly(built: Path) -> None:
    downloads = built / "downloads"
    expected = expected_record_values()

    rows = json.loads((downloads / f"{FILE_STEM}.json").read_text(encoding="utf-8"))["rows"]
    record = _record(rows)
    assert {key: record[key] for key in expected} == expected

    content = (downloads / f"{FILE_STEM}.csv").read_bytes().decode("utf-8-sig")
    by_label = next(row for row in csv.DictReader(io.StringIO(content, newline="")) if row["代碼"] == ACTION_ID)
    labels = {field.key: field.label for field in FIELDS}
    assert {key: by_label[labels[key]].replace("\r\n", "\n") for key in expected} == expected

    whole = (downloads / f"{FILE_STEM}-full.json").read_text(encoding="utf-8")
    for value in (LONG_TEXT, NOTE_RUN, *(text for _number, text in SUBITEMS), *DEPARTMENTS, STRATEGY_TITLE):
        assert json.dumps(value, ensure_ascii=False) in whole

    sheet = etree.fromstring(zipfile.ZipFile(downloads / f"{FILE_STEM}.ods").read("content.xml"))
    table = sheet.xpath(f"//table:table[@table:name='{SHEET_NAME}']", namespaces=NS)[0]
    cells_by_row = [
        ["\n".join(odf_text(paragraph).removesuffix("\n") for paragraph in cell) for cell in row.xpath("table:table-cell", namespaces=NS)]
        for row in table.xpath(".//table:table-row", namespaces=NS)
    ]
    keys = [field.key for field in FIELDS]
    ods_row = next(dict(zip(keys, cells, strict=True)) for cells in cells_by_row if cells[keys.index("id")] == ACTION_ID)
    assert {key: ods_row[key] for key in expected} == expected


@pytest.fixture(scope="module")
def libreoffice_odt_text(built: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The whole-plan ODT as LibreOffice reads it (converted to plain text)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui"
    work = tmp_path_factory.mktemp("odt")
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(work),
            str(built / "downloads" / f"{FILE_STEM}.odt"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return (work / f"{FILE_STEM}.txt").read_text(encoding="utf-8-sig")


def test_the_odt_as_libreoffice_reads_it_holds_every_value_whole(libreoffice_odt_text: str) -> None:
    text = squash(libreoffice_odt_text)
    assert [name for name, value in FIELD_VALUES.items() if squash(value) not in text] == []
    counts = Counter(text)
    assert {character: counts[character] for character in UNIQUE_CHARACTERS} == {character: EXPECTED_COUNTS[character] for character in UNIQUE_CHARACTERS}


# -- PDF: every character counted


def pdftotext(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext is required (Debian package poppler-utils)"
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def page_body(path: Path, header: str) -> str:
    """The PDF's text without spaces, page headers and footers (they change with the page count),
    and without the numbers of editor's notes (「編者註 1」: a table's notes are numbered, so one more note adds digits)."""
    text = squash(pdftotext(path))
    footer = re.escape(squash(wording.PAGE_NUMBER)).replace(re.escape("{page}"), r"\d+").replace(re.escape("{pages}"), r"\d+")
    text = re.sub(rf"{re.escape(wording.EDITOR_NOTE)}\d+", wording.EDITOR_NOTE, re.sub(footer, "", text))
    return text.replace(squash(header), "")


def pdf_body_characters(path: Path, header: str) -> Counter[str]:
    return Counter(page_body(path, header))


@pytest.mark.parametrize("which", ["whole", "facet-1"])
def test_the_pdf_prints_every_character_of_every_field(built: Path, shipped_site: Path, which: str) -> None:
    name = f"{FILE_STEM}.pdf" if which == "whole" else f"{FILE_STEM}-facet-1.pdf"
    plan_title = "鳳山區處 112 年度提升服務效能執行計畫"
    header = plan_title if which == "whole" else f"一、基礎服務｜{plan_title}"
    found = pdf_body_characters(built / "downloads" / name, header)
    before = pdf_body_characters(shipped_site / "downloads" / name, header)
    assert all(before[character] == 0 for character in UNIQUE_CHARACTERS), "a test character is used elsewhere in the plan"
    added = Counter({character: found[character] - before[character] for character in COUNTED})
    assert added == EXPECTED_COUNTS, counted_by_field(added)
    # In order, too, once the page furniture and the row's other cells, which interleave by page, are taken out.
    text = page_body(built / "downloads" / name, header)
    for furniture in ("".join(wording.ACTION_HEADERS), wording.ONGOING, "、", *set("".join(DEPARTMENTS))):
        text = text.replace(furniture, "")
    assert [field for field, value in FIELD_VALUES.items() if "、" not in value and squash(value) not in text] == []
    # The bookmark of the strategy holds its whole title.
    bookmarks = subprocess.run(["pdftohtml", "-xml", "-stdout", "-i", "-q", str(built / "downloads" / name)], capture_output=True, text=True, check=True).stdout
    assert f">(一) {STRATEGY_TITLE}</item>" in bookmarks
    # No zero-width space or other filler was added to the text layer.
    assert found["\u200b"] == 0 and found["\u00ad"] == 0
