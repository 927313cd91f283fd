"""Every generated page offers its downloads, with true sizes, pages, dates and checksums."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from plansite.model import Office, Plan

from .conftest import directory_links

pytestmark = pytest.mark.slow


def download_items(site: Path, page_path: str) -> list[dict[str, object]]:
    """The 下載 block of a built page (documents first, then 其他格式), each file
    resolved against the site folder, with its checksum from the block's checksum list."""
    document = lxml.html.fromstring((site / page_path / "index.html").read_text(encoding="utf-8"))
    checksums = {}
    for li in document.find_class("plan-checksums")[0].iter("li"):
        code = li.find(".//code").text_content()
        checksums[li.text_content().removesuffix(code).removesuffix("：")] = code
    items = []
    for listing in document.find_class("plan-downloads"):
        for li in listing.iter("li"):
            anchor = li.find("a")
            href = anchor.get("href")
            target = site / urljoin(f"/{page_path}/", href).lstrip("/")
            label = anchor.text_content()
            items.append(
                {
                    "label": label,
                    "file": target,
                    "facts": li.find_class("plan-download-facts")[0].text_content(),
                    "time": li.find(".//time").get("datetime"),
                    "sha256": checksums[label],
                }
            )
    return items


def test_overview_offers_every_whole_plan_format(shipped_site: Path, plan: Plan) -> None:
    items = download_items(shipped_site, f"plans/{plan.id}")
    labels = [item["label"] for item in items]
    assert labels == [
        "全計畫：可攜式文件格式 (PDF)",
        "全計畫：開放文件格式文字文件 (ODT)",
        "全計畫：開放文件格式試算表 (ODS)",
        "全計畫：逗號分隔值開放資料 (CSV)",
        "全計畫：JSON 開放資料（具體作法逐項）",
        "全計畫：JSON 開放資料（計畫全文結構）",
    ]
    assert [Path(str(item["file"])).name for item in items][:2] == [f"{plan.file_basename}.pdf", f"{plan.file_basename}.odt"]


def test_facet_page_offers_its_own_files_then_the_whole_plan(shipped_site: Path, plan: Plan) -> None:
    items = download_items(shipped_site, f"plans/{plan.id}/facet-2")
    names = [Path(str(item["file"])).name for item in items]
    # The documents first (this facet's, then the whole plan's), the other formats after.
    assert names[:4] == [f"{plan.file_basename}-facet-2.pdf", f"{plan.file_basename}-facet-2.odt", f"{plan.file_basename}.pdf", f"{plan.file_basename}.odt"]
    assert names[4:7] == [f"{plan.file_basename}-facet-2.{ext}" for ext in ("ods", "csv", "json")]


def test_sizes_pages_and_checksums_are_true(shipped_site: Path, plan: Plan) -> None:
    for item in download_items(shipped_site, f"plans/{plan.id}/facet-1"):
        content = Path(str(item["file"])).read_bytes()
        assert content, item
        assert item["sha256"] == hashlib.sha256(content).hexdigest()
        size_kb = int(re.search(r"([\d,]+) KB", str(item["facts"])).group(1).replace(",", ""))
        assert size_kb == max(1, round(len(content) / 1024))
        if str(item["file"]).endswith(".pdf"):
            info = subprocess.run(["pdfinfo", str(item["file"])], capture_output=True, text=True, check=True).stdout
            pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            assert f"共 {pages} 頁" in str(item["facts"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(item["time"]))


def test_every_generated_page_has_a_download_block_and_format_note(shipped_site: Path, plan: Plan, office: Office) -> None:
    pages = ["", f"plans/{plan.id}", f"plans/{plan.id}/departments"]
    pages += [f"plans/{plan.id}/facet-{facet.position}" for facet in plan.facets]
    for page in pages:
        text = (shipped_site / page / "index.html").read_text(encoding="utf-8")
        assert 'id="downloads"' in text, page
        assert "開放文件格式（ODF，國家標準 CNS 15251）" in text, page
        assert f"如需其他格式（例如大字版或其他無障礙格式），請洽{office.name}（客服專線 {office.customer_service_phone}）" in text, page


def test_link_texts_name_the_plan_when_several_plans_share_a_block(plan: Plan, office: Office) -> None:
    import dataclasses
    from datetime import date

    from plansite.download_files import Download, planned_downloads
    from plansite.outline.blocks import Heading, PageOutline
    from plansite.outline.pages import download_blocks
    from plansite.writers.markdown_pages import render_page

    other = dataclasses.replace(plan, id="other-113", title="另一份計畫", file_basename="other-113-plan")
    downloads = [
        Download(spec, Path(spec.filename), 2048, "0" * 64, None, date(2024, 1, 1))
        for one in (plan, other)
        for spec in planned_downloads(one)
        if spec.facet is None
    ]
    outline = PageOutline("index.md", "首頁", "首頁", Heading(1, "首頁"), tuple(download_blocks(downloads, office)))
    markdown = render_page(outline, directory_links()).markdown
    block = lxml.html.fromstring(markdown[markdown.index('<ul class="plan-downloads">') :])
    texts = [a.text_content() for a in block.iter("a") if a.get("download") is not None]
    assert len(texts) == len(set(texts)) == 12
    assert "另一份計畫：全計畫：可攜式文件格式 (PDF)" in texts
