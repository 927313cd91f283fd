"""The search index holds one entry per action row, no table headers, and the
browser settings; the worker patch applies to Material's real worker or says
why not."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import material
import pytest

from plansite.mkdocs import search_site
from plansite.mkdocs.search_index import LISTING_BOOST, ROW_BOOST_FACTOR, exclude_from_index, rewrite_search_index
from plansite.mkdocs.search_worker_fix import PRELUDE_MARK, patch_worker_code, search_worker_problems
from plansite.model import Site
from plansite.outline.pages import site_pages
from plansite.outline.wording import heading_label
from plansite.search_data import search_data

from .conftest import SEED_PLAN_ID, directory_links, shipped_model, shipped_plan

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_WORKERS = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
ZWSP = "\u200b"
# Column headers of the facet tables and the department tables, as Material indexed them.
HEADER_RUNS = ("編號具體作法承辦部門執行期間", "位置具體作法執行期間")


@pytest.fixture(scope="module")
def model() -> Site:
    return shipped_model()


def data_of(site: Site) -> dict[str, Any]:
    outlines, _nav = site_pages(site)
    return search_data(site, outlines, directory_links())


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace(ZWSP, "")


# -- entries from the model


def test_every_table_row_of_every_facet_page_gets_one_entry(model: Site) -> None:
    data = data_of(model)
    plan = shipped_plan(SEED_PLAN_ID)
    rows = data["rows"]
    assert sorted(rows) == [f"plans/{plan.id}/facet-{facet.position}/" for facet in plan.facets]
    anchors = [row["anchor"] for page_rows in rows.values() for row in page_rows]
    assert len(anchors) == len(set(anchors))
    present = [row for row in plan.rows() if row.action.text]
    assert {f"a-{row.action.id}" for row in present if row.action.source.value == "complete"} <= set(anchors)


def test_an_entry_holds_the_action_text_escaped_and_its_place(model: Site) -> None:
    data = data_of(model)
    row = next(row for row in shipped_plan(SEED_PLAN_ID).rows() if row.action.subitems)
    entry = next(entry for page in data["rows"].values() for entry in page if entry["anchor"] == f"a-{row.action.id}")
    where = [heading_label(row.facet.heading), heading_label(row.strategy.heading), f"{row.substrategy.heading.number} {row.action.number}"]
    assert entry["title"] == " › ".join(where)
    assert entry["title"].startswith(f"{row.facet.heading.number}{row.facet.heading.title} › ")
    assert plain(entry["text"]).startswith(row.action.text or "")
    for item in row.action.subitems:
        assert item.text in plain(entry["text"])
    assert "承辦部門" not in entry["title"] and "（未編號）" not in entry["title"]


def test_markup_in_plan_text_stays_text_in_the_entry(model: Site) -> None:
    import dataclasses

    plan = shipped_plan(SEED_PLAN_ID)
    facet = plan.facets[0]
    strategy = facet.strategies[0]
    sub = strategy.substrategies[0]
    action = dataclasses.replace(sub.actions[0], text="<script>alert(1)</script> & 「台電」")
    facet = dataclasses.replace(
        facet, strategies=(dataclasses.replace(strategy, substrategies=(dataclasses.replace(sub, actions=(action,)),)), *facet.strategies[1:])
    )
    site = dataclasses.replace(model, plans=(dataclasses.replace(plan, facets=(facet, *plan.facets[1:])),))
    entry = data_of(site)["rows"][f"plans/{plan.id}/facet-1/"][0]
    assert entry["text"] == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 「台電」</p>"


# -- marking the page for Material's indexer


def test_headers_and_facet_tables_are_marked_for_the_indexer_only() -> None:
    html = '<h2 id="s">x</h2><table class="plan-actions">\n<caption>c</caption>\n<thead><tr><th>編號</th></tr></thead><tbody></tbody></table><table><thead><tr>'
    marked = exclude_from_index(html, has_row_entries=True)
    assert marked.count('data-search-exclude="plansite"') == 3
    assert exclude_from_index(html, has_row_entries=False).count("data-search-exclude") == 2
    # Material removes its marks from the page it writes with this expression (material/plugins/search/plugin.py).
    assert re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", marked) == html


# -- the rewritten index


def write_index(site: Path, docs: list[dict[str, Any]]) -> Path:
    path = site / "search" / "search_index.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"config": {"lang": ["zh"]}, "docs": docs}), encoding="utf-8")
    return path


def test_rewrite_adds_rows_after_their_page_and_lowers_the_listings(tmp_path: Path) -> None:
    data = {
        "rows": {"p/facet-1/": [{"anchor": "a-1", "title": "一、基礎服務 › (1)", "text": "<p>臺灣電力</p>"}]},
        "listing_pages": ["p/departments/"],
        "synonyms": {"臺電": ["台灣電力", "臺灣電力"]},
    }
    docs = [
        {"location": "p/facet-1/", "title": "一", "text": "", "boost": 2},
        {"location": "p/facet-1/#s-1", "title": "(一)", "text": "", "boost": 2},
        {"location": "p/departments/", "title": "d", "text": "x", "boost": 0.5},
        {"location": "p/departments/#d-1", "title": "業務組", "text": "x", "boost": 0.5},
    ]
    path = write_index(tmp_path, docs)
    assert rewrite_search_index(tmp_path, data)
    first = path.read_bytes()
    assert rewrite_search_index(tmp_path, data)  # a second run changes nothing
    assert path.read_bytes() == first
    index = json.loads(first)
    assert [doc["location"] for doc in index["docs"]] == ["p/facet-1/", "p/facet-1/#s-1", "p/facet-1/#a-1", "p/departments/", "p/departments/#d-1"]
    row = index["docs"][2]
    assert row["boost"] == 2 * ROW_BOOST_FACTOR
    assert plain(row["text"]) == "臺灣電力" and plain(row["title"]) == "一、基礎服務 › (1)"
    assert ZWSP in row["title"]  # segmented as Material segments page text
    assert [doc["boost"] for doc in index["docs"][3:]] == [LISTING_BOOST, LISTING_BOOST]
    settings = index["config"]["plansite"]
    assert settings["synonyms"] == {"台電": ["台灣電力"]}  # folded, duplicates dropped
    assert settings["variants"]["characters"]["臺"] == "台"


def test_no_index_is_reported(tmp_path: Path) -> None:
    assert not rewrite_search_index(tmp_path, {"rows": {}})


# -- the worker patch


@pytest.mark.parametrize("worker", MATERIAL_WORKERS, ids=lambda path: path.name)
def test_the_worker_of_the_pinned_material_is_patched_once(worker: Path) -> None:
    code = worker.read_text(encoding="utf-8")
    patched, problems = patch_worker_code(code)
    assert problems == []
    assert patched.startswith(PRELUDE_MARK) and patched.endswith(code.replace("o<t.length;o++", "o<=t.length;o++").replace("a<t.length-1&&", "a<t.length&&"))
    assert patch_worker_code(patched) == (patched, [])


def test_an_unexpected_worker_is_left_alone_and_reported(tmp_path: Path) -> None:
    code = MATERIAL_WORKERS[0].read_text(encoding="utf-8").replace('addEventListener("message",', 'addEventListener("message" ,')
    code = code.replace("for(let o=s+1;o<t.length;o++)", "for(let o=s+1;o<t.length;++o)")
    patched, problems = patch_worker_code(code)
    assert patched == code
    assert len(problems) == 2 and "異體字" in problems[1]

    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.x.min.js").write_text(code, encoding="utf-8")
    assert len(search_worker_problems(tmp_path)) == 2
    assert (workers / "search.x.min.js").read_text(encoding="utf-8") == code


def test_the_build_warns_when_the_worker_cannot_be_patched(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.x.min.js").write_text("/* not Material's worker */", encoding="utf-8")
    write_index(tmp_path, [])
    config = SimpleNamespace(site_dir=str(tmp_path), plugins={"material/search": SimpleNamespace(config={"enabled": True})})
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        search_site.finish(config, {"rows": {}})  # type: ignore[arg-type]
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 2 and all(record.name.startswith("mkdocs.") for record in warnings)
    assert "search_worker_fix.py" in warnings[0].getMessage()


def test_a_site_without_search_is_left_alone(tmp_path: Path) -> None:
    shutil.rmtree(tmp_path)
    config = SimpleNamespace(site_dir=str(tmp_path), plugins={})
    search_site.finish(config, {"rows": {}})  # type: ignore[arg-type]
    assert not tmp_path.exists()


# -- the real build


@pytest.mark.slow
def test_the_built_index_has_one_entry_per_row_and_no_table_headers(shipped_site: Path) -> None:
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations))
    for page in sorted(shipped_site.glob("plans/*/facet-*/index.html")):
        url = page.parent.relative_to(shipped_site).as_posix() + "/"
        html = page.read_text(encoding="utf-8")
        assert 'data-search-exclude="plansite"' not in html
        row_ids = re.findall(r'<tr id="(a-[^"]+)"', html)
        assert row_ids
        assert [location.split("#")[1] for location in locations if location.startswith(url + "#a-")] == row_ids
    for doc in index["docs"]:
        text = plain(doc["title"] + doc["text"])
        assert not any(run in text for run in HEADER_RUNS), doc["location"]
        if "/departments/" in doc["location"]:
            assert doc["boost"] == LISTING_BOOST
        if "#a-" in doc["location"]:
            assert doc["boost"] > 1
    assert index["config"]["plansite"]["synonyms"] == {"台電": ["台灣電力"]}
    worker = next((shipped_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert worker.startswith(PRELUDE_MARK) and "o<=t.length;o++" in worker
