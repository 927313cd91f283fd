"""The plan over time, in real builds: assessment results (progress pages, the
latest status beside each action, a chart with its table, the round's files),
the change log, and the comparison of two years; and the shipped site, which
has no published assessment, saying so honestly."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from plansite.outline import wording
from plansite.progress.model import Status
from plansite.source.load import load_site

from .conftest import PROJECT_ROOT, SEED_PLAN_ID, copy_project

pytestmark = pytest.mark.slow

EXAMPLE = PROJECT_ROOT / "examples" / "progress-demo"
STATUS_WORDS = {status.value for status in Status} | {wording.NOT_REPORTED, wording.NEVER_REPORTED}


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/progress-demo built for real, beside a copy of the project it inherits from."""
    root = copy_project(tmp_path_factory.mktemp("example"))
    shutil.copytree(EXAMPLE, root / "examples" / "progress-demo", ignore=shutil.ignore_patterns(".cache"))
    config = root / "examples" / "progress-demo" / "mkdocs.yml"
    site = root / "example-site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr
    return site


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / path / "index.html").read_text(encoding="utf-8")).find_class("md-content__inner")[0]


def table_by_caption(document: lxml.html.HtmlElement, caption_start: str) -> list[list[str]]:
    for table in document.iter("table"):
        caption = table.find("caption")
        if caption is not None and caption.text_content().startswith(caption_start):
            return [[cell.text_content().strip() for cell in row.iter("th", "td")] for row in table.iter("tr")]
    raise AssertionError(f"no table captioned {caption_start!r}")


# -- the shipped site: nothing published yet


def test_the_shipped_plan_says_no_assessment_is_published_and_shows_no_status(shipped_site: Path) -> None:
    progress = page(shipped_site, f"plans/{SEED_PLAN_ID}/progress")
    assert wording.NO_ASSESSMENT in progress.text_content()
    assert not progress.find_class("plan-status")
    facet = page(shipped_site, f"plans/{SEED_PLAN_ID}/facet-1")
    assert wording.STATUS_COLUMN not in facet.text_content() and not facet.find_class("plan-status")
    assert list((shipped_site / "downloads").glob("*-progress-*")) == []


def test_the_shipped_plan_has_no_amendment_and_one_year_makes_no_comparison(shipped_site: Path) -> None:
    changes = page(shipped_site, f"plans/{SEED_PLAN_ID}/changes")
    assert wording.NO_AMENDMENTS in changes.text_content()
    assert not (shipped_site / "plans" / SEED_PLAN_ID / "compare").exists()


# -- progress


def test_round_counts_roll_up_from_the_actions_as_the_page_says(example_site: Path) -> None:
    site = load_site(EXAMPLE / "plan_data").site
    plan = next(plan for plan in site.plans if plan.id == "demo-114")
    round_ = site.rounds_of(plan)[-1]
    actions = [row.action for row in plan.rows() if row.action.source.value != "missing"]
    records = {action.id: round_.record_for(action.id) for action in actions}
    expected = Counter(record.status.value if record else wording.NOT_REPORTED for record in records.values())
    document = page(example_site, f"plans/demo-114/progress-{round_.id}")
    assert wording.ROLLUP_METHOD in document.text_content()
    summary = {row[0]: int(row[1]) for row in table_by_caption(document, wording.ROUND_SUMMARY_HEADING)[1:]}
    assert summary == {status: expected[status] for status in summary}
    by_facet = table_by_caption(document, wording.ROUND_BY_FACET_HEADING)
    totals = [sum(int(value) for value in row[1:]) for row in by_facet[1:]]
    assert sum(totals) == len(actions)


def test_the_chart_is_inline_svg_with_words_and_a_table_beside_it(example_site: Path) -> None:
    html = (example_site / "plans/demo-114/progress-114-H2/index.html").read_text(encoding="utf-8")
    document = page(example_site, "plans/demo-114/progress-114-H2")
    figure = document.find_class("plan-chart")[0]
    svg = figure.find(".//svg")
    assert svg.get("role") == "img" and svg.get("aria-labelledby")
    assert [li.text_content() for li in figure.iter("li")] == [status.value for status in Status] + [wording.NOT_REPORTED]
    # Each segment names its status and count; patterns, not only colours, tell them apart.
    assert figure.xpath(".//rect/title") and figure.xpath(".//pattern")
    assert figure.getnext().tag == "table"
    assert "<script" not in html.split("plan-chart", 1)[1].split("</figure>")[0]


def test_every_status_is_written_in_words(example_site: Path) -> None:
    for path in ("plans/demo-114/facet-1", "plans/demo-114/progress-114-H1", "plans/demo-114/progress-114-H2"):
        statuses = page(example_site, path).find_class("plan-status")
        assert statuses and all(element.text_content().strip() in STATUS_WORDS for element in statuses), path


def test_facet_pages_show_each_actions_latest_status_and_the_round_has_its_history(example_site: Path) -> None:
    facet = page(example_site, "plans/demo-114/facet-2")
    row = facet.get_element_by_id("a-2-1-2")
    assert "辦理中" in row.text_content() and "114 年下半年" in row.text_content()
    round_page = page(example_site, "plans/demo-114/progress-114-H2")
    history = {cells[0]: cells[-1] for cells in table_by_caption(round_page, "二、數位服務")[1:]}
    assert any("114 年上半年：暫緩" in value for value in history.values())


def test_each_round_has_its_own_files(example_site: Path) -> None:
    downloads = example_site / "downloads"
    names = sorted(path.name for path in downloads.glob("demo-114-service-plan-progress-114-H2.*"))
    assert names == [f"demo-114-service-plan-progress-114-H2.{ext}" for ext in ("csv", "json", "ods", "odt", "pdf")]
    rows = list(csv.DictReader(io.StringIO((downloads / "demo-114-service-plan-progress-114-H2.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert {row["考核期別"] for row in rows} == {"114-H2"} and all(row["辦理情形"] in STATUS_WORDS for row in rows)
    records = json.loads((downloads / "demo-114-service-plan-progress-114-H2.json").read_text(encoding="utf-8"))["rows"]
    assert [record["id"] for record in records] == [row["代碼"] for row in rows]
    pdf = subprocess.run(["pdftotext", str(downloads / "demo-114-service-plan-progress-114-H2.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "114 年下半年" in pdf and "辦理中" in pdf
    meta = etree.fromstring(zipfile.ZipFile(downloads / "demo-114-service-plan-progress-114-H2.odt").read("meta.xml"))
    assert "最近修正日期" in [element.get("{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}name") for element in meta.iter("{*}user-defined")]


# -- amendments and comparing years


def test_the_change_log_lists_amendments_and_files_carry_the_date(example_site: Path) -> None:
    changes = page(example_site, "plans/demo-115/changes")
    rows = table_by_caption(changes, wording.AMENDMENT_CAPTION)
    assert rows[1][0] == "115年4月1日" and "延長至 115 年 6 月 30 日" in rows[1][1]
    overview = page(example_site, "plans/demo-115").text_content()
    assert "最近修正日期115年4月1日" in "".join(overview.split())
    data = json.loads((example_site / "downloads" / "demo-115-service-plan.json").read_text(encoding="utf-8"))
    assert data["amended"] == "2026-04-01"


def test_two_consecutive_years_are_compared_word_by_word(example_site: Path) -> None:
    document = page(example_site, "plans/demo-115/compare")
    text = document.text_content()
    assert wording.comparison_summary(2, 2, 3, 3) in text
    deleted = [element.text_content() for element in document.iter("del")]
    inserted = [element.text_content() for element in document.iter("ins")]
    assert "〔刪：三〕" in deleted and "〔增：五〕" in inserted
    assert not (example_site / "plans" / "demo-114" / "compare").exists()


def _link_texts(html_file: Path) -> dict[str, set[str]]:
    """Each link text as a screen reader reads it (hidden context included) -> the places it leads to."""
    document = lxml.html.parse(str(html_file)).getroot()
    places: dict[str, set[str]] = {}
    for link in document.iter("a"):
        href = link.get("href")
        if not href or link.get("title"):  # the 導盲磚 ::: are told apart by their titles
            continue
        text = " ".join(link.text_content().split())
        target = os.path.normpath(os.path.join(os.path.dirname(html_file), href.split("#")[0])) + "#" + href.partition("#")[2]
        places.setdefault(text, set()).add(target.replace("/index.html#", "#").rstrip("/"))
    return places


def test_with_two_plans_no_link_text_leads_to_two_places_on_a_page(example_site: Path) -> None:
    """Both plans have 「一、便民服務」 and 「執行進度」: each menu entry, site-map entry and
    comparison link also says its plan, hidden on screen (WCAG 2.4.4, 網站無障礙規範 HM1240404E)."""
    ambiguous = {}
    for html_file in sorted(example_site.rglob("index.html")):
        found = {text: places for text, places in _link_texts(html_file).items() if len(places) > 1}
        if found:
            ambiguous[html_file.relative_to(example_site).as_posix()] = found
    assert ambiguous == {}
    menu = lxml.html.parse(str(example_site / "about" / "index.html")).getroot()
    contexts = [span.text for span in menu.find_class("plan-visually-hidden") if span.getparent().get("class") == "md-nav__link"]
    assert "（（範例）114 年度提升服務效能執行計畫）" in contexts and "（（範例）115 年度提升服務效能執行計畫）" in contexts
