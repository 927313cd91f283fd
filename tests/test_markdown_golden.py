"""YAML -> Markdown golden tests: each folder in tests/golden/ holds plan_data/
and the expected generated pages. Regenerate after an intended change with
UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from plansite.source.load import load_site
from plansite.writers.markdown_pages import generate_site_pages

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "plan_data").is_dir())


@pytest.mark.parametrize("case", CASES)
def test_generated_markdown_matches_golden_files(case: str) -> None:
    folder = GOLDEN / case
    site = load_site(folder / "plan_data").site
    pages, _nav = generate_site_pages(site)
    expected_dir = folder / "expected"
    generated = {page.uri: page.markdown for page in pages}
    if os.environ.get("UPDATE_GOLDEN"):
        for uri, markdown in generated.items():
            target = expected_dir / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
    expected = {path.relative_to(expected_dir).as_posix(): path.read_text(encoding="utf-8") for path in expected_dir.rglob("*.md")}
    assert sorted(generated) == sorted(expected)
    for uri, markdown in generated.items():
        assert markdown == expected[uri], f"{case}/{uri} differs from the golden file"


def test_navigation_lists_plans_newest_first_with_their_pages() -> None:
    site = load_site(GOLDEN / "small" / "plan_data").site
    _pages, nav = generate_site_pages(site)
    assert [entry.title for entry in nav] == ["首頁", "測試 113 年度計畫 <b>&amp;</b>"]
    assert [child.uri for child in nav[1].children] == [
        "plans/small-113/index.md",
        "plans/small-113/facet-1.md",
        "plans/small-113/steps.md",
        "plans/small-113/departments.md",
    ]


def test_line_breaks_in_plan_text_are_kept_on_the_page(tmp_path: Path) -> None:
    shutil.copytree(GOLDEN / "small" / "plan_data", tmp_path / "plan_data")
    plan_file = tmp_path / "plan_data" / "plans" / "small-113.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("text: 未載明部門的作法。", 'text: "第一行\\n第二行"'), encoding="utf-8")
    pages, _nav = generate_site_pages(load_site(tmp_path / "plan_data").site)
    facet = next(page for page in pages if page.uri.endswith("facet-1.md"))
    assert "<p>第一行<br>第二行</p>" in facet.markdown
