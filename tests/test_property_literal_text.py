"""Property tests: whatever text a webmaster types into a field comes out
literally in the pages, ODT, PDF, CSV and JSON; nothing is injected or run."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import lxml.etree
import lxml.html
import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from plansite.fonts import unprintable_characters
from plansite.outline.pages import site_pages
from plansite.source.load import load_site
from plansite.writers.markdown_pages import render_page

from .conftest import SEED_PLAN_ID, SHIPPED_DATA, copy_project, directory_links, mkdocs_build, shipped_plan
from .test_odf_downloads import odf_text

BASE = shipped_plan(SEED_PLAN_ID).file_basename
ACTION_TEXT = "提升申辦案件的處理效率，確保於處理時限內完成。"
STRATEGY_TITLE = "title: 服務一致及正確性"
SPECIALS = [
    "<script>alert(1)</script>",
    "<b>",
    "&amp;",
    "&",
    "{{ page.title }}",
    "{% raw %}",
    "{#id}",
    "|",
    "`",
    "```",
    "**",
    "_",
    "# ",
    "[連結](x)",
    "![i](y)",
    "\\",
    "$x$",
    "@user",
    "<!--",
    "-->",
    "]]>",
    "'",
    '"',
    ":::",
    "---",
    "> ",
    "1. ",
    "\u202e",
    "\u200f",
    "😀",
    "𠀀",
    "中文",
    "台灣電力",
    "　",
    "  ",
]
ALPHABET = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), exclude_characters="\ufeff\ufffe\uffff\x85")
TEXT = st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(ALPHABET, min_size=1, max_size=6)), min_size=1, max_size=8).map("".join)


def plain(text: str) -> str:
    """Text as any reader extracts it: spaces collapsed."""
    return " ".join(text.split())


def letters(text: str) -> str:
    """What a PDF text layer reliably keeps: no spaces, no marks or format characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in ("Mn", "Me", "Cf"))


def has_bidi(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI") for c in text)


def write_plan(data_dir: Path, text: str) -> None:
    plan_file = data_dir / "plans" / f"{SEED_PLAN_ID}.yaml"
    content = plan_file.read_text(encoding="utf-8")
    encoded = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    content = content.replace(ACTION_TEXT, encoded, 1).replace(STRATEGY_TITLE, f"title: {encoded}", 1)
    plan_file.write_text(content, encoding="utf-8")


def usable(text: str) -> bool:
    return bool(text.strip()) and not unprintable_characters(text)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXT)
def test_any_text_renders_literally_in_the_generated_page(text: str, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    assume(usable(text))
    data_dir = tmp_path_factory.mktemp("data") / "plan_data"
    shutil.copytree(SHIPPED_DATA, data_dir)
    write_plan(data_dir, text)
    site = load_site(data_dir).site
    outlines, _nav = site_pages(site)
    outline = next(page for page in outlines if page.uri == f"plans/{SEED_PLAN_ID}/facet-1.md")
    facet_page = render_page(outline, directory_links())
    body = facet_page.markdown.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["toc", "attr_list", "tables", "admonition"])
    document = lxml.html.fromstring(f"<div>{html}</div>")
    assert plain(document.get_element_by_id("s-1-1").text_content()) == plain(f"(一) {text}")
    cell = document.get_element_by_id("a-1-1-2-1").findall("td")[0]
    paragraph = cell.find("p")
    assert plain(paragraph.text_content()) == plain(text)
    assert len(paragraph) == 0  # no element was made from the text
    assert not document.xpath("//script")


@pytest.mark.slow
@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXT)
def test_any_text_comes_out_literally_in_the_built_site_and_every_download(text: str, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    assume(usable(text))
    project = copy_project(tmp_path_factory.mktemp("project"))
    write_plan(project / "plan_data", text)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"

    page = lxml.html.fromstring((site / f"plans/{SEED_PLAN_ID}/facet-1/index.html").read_text(encoding="utf-8"))
    assert plain(page.get_element_by_id("a-1-1-2-1").findall("td")[0].find("p").text_content()) == plain(text)
    assert plain(page.get_element_by_id("s-1-1").text_content()) == plain(f"(一) {text}")
    assert not page.xpath("//article//script")

    downloads = site / "downloads"
    content = lxml.etree.fromstring(zipfile.ZipFile(downloads / f"{BASE}-facet-1.odt").read("content.xml"))
    assert plain(text) in plain(odf_text(content))

    pdf_text = subprocess.run(["pdftotext", "-raw", str(downloads / f"{BASE}-facet-1.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    if has_bidi(text):
        # Right-to-left text and bidi overrides are stored in visual order: check the characters, not their order.
        assert not Counter(letters(text)) - Counter(letters(pdf_text))
    else:
        assert letters(text) in letters(pdf_text)

    rows = csv.DictReader(io.StringIO((downloads / f"{BASE}.csv").read_text(encoding="utf-8-sig"), newline=""))
    assert [row["具體作法"] for row in rows if row["代碼"] == "1-1-2-1"] == [text]
    rows_json = json.loads((downloads / f"{BASE}.json").read_text(encoding="utf-8"))["rows"]
    assert [row["text"] for row in rows_json if row["id"] == "1-1-2-1"] == [text]
    # The search index holds HTML fragments: the text is in them as text, never as an element.
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    facet_entries = [entry for entry in entries if entry["location"].startswith(f"plans/{SEED_PLAN_ID}/facet-1/")]
    fragments = [lxml.html.fragment_fromstring(f"<div>{entry['text']}</div>") for entry in facet_entries]
    assert not [fragment for fragment in fragments if fragment.xpath(".//script | .//img | .//iframe")]
    assert any(letters(text) in letters(fragment.text_content()) for fragment in fragments)
