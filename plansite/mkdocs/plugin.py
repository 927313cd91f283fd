"""The MkDocs side of plansite: one object per build, whose methods are the
MkDocs events (hooks/plan_site.py exposes them).

on_config validates the data, starts the downloads (rendered beside MkDocs'
own start-up, see plansite/prepare.py) and adds the generated navigation;
on_files waits for them and adds the generated pages and files (nothing is
written into docs/); on_page_markdown gives every page its
update date for the footer; on_page_context fills in the site map's tree
once every page's title is known and shapes the page for the search index;
on_post_build rewrites the search index, patches the search worker (see
search_site.py) and fails the build on any broken internal link or anchor.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..build_date import build_datetime
from ..errors import OutputError, PlanDataError, escape_lines_for_display
from ..outline.pages import nav_nodes
from ..outline.wording import SITEMAP_TITLE, roc_date
from ..prepare import PreparedSite, start_preparing
from ..publish.site_check import ScanCache, check_built_site
from ..site_structure import SITEMAP, NavEntry
from ..writers.markdown_pages import fill_nav_tree
from . import search_site
from .links import MkDocsLinks
from .navigation import escaped_config_nav, nav_config, site_tree
from .session import SESSION, BuildSession
from .templates import accessibility_mark_for_templates, office_for_templates

log = logging.getLogger("mkdocs.plugins.plansite")
# Data reminders (an empty contact field, a date the source does not state)
# are known, accepted gaps: shown on every build, but they must not fail
# `mkdocs build --strict`, which counts warnings of the "mkdocs" loggers only.
reminders = logging.getLogger("plansite.reminders")
# What the last link checks found in each page, so a rebuild parses only changed pages.
SITE_CHECK_CACHE = Path(".cache") / "site-check.json"
TEMPLATE_CACHE = Path(".cache") / "jinja"
# How many broken links a failed build lists.
MAX_LISTED_PROBLEMS = 50
# Pages the footer links to on every page (overrides/partials/footer.html), by the name the template uses.
FOOTER_PAGES = {
    "privacy": "privacy.md",
    "open_data_declaration": "open-data-declaration.md",
    "accessibility": "accessibility.md",
    "sitemap": SITEMAP,
}


class PlanSiteBuild:
    def __init__(self, session: BuildSession = SESSION) -> None:
        self.session = session
        self.finish: Callable[[], PreparedSite] = _not_configured
        self.links: MkDocsLinks | None = None
        self.search: dict[str, Any] = {}

    def on_startup(self, command: str, dirty: bool) -> None:
        self.session.start(command)

    # Before the search plugin's on_config, which loads the jieba dictionaries.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path).parent
        self.links = MkDocsLinks.from_config(config)
        try:
            # A forked worker renders new downloads while MkDocs goes on; not while previewing (threads run).
            preparation = start_preparing(project, self.links, self.links.url_style, self.session.printable, fork_worker=not self.session.serving)
            _show_reminders(preparation.warnings)
            self.finish = preparation.finish
            nav, office, terms, mark = preparation.nav, preparation.office, preparation.search_terms, preparation.accessibility_mark
        except OSError as error:  # .cache/ not writable, a disk full: a message, not a traceback
            raise PluginError(_file_error(error)) from None
        except PlanDataError as error:
            for issue in error.issues:
                log.error(str(issue))  # str() escapes control characters: a data value never reaches the terminal raw
            fallback = self.session.fallback(project)
            if fallback is None:
                raise PluginError(f"計畫資料有 {len(error.issues)} 個錯誤（見上方各行），網站未建置；原本已發布的網站不受影響。") from None
            # Previewing: keep serving the last good content, with the errors on every page.
            log.error("預覽繼續顯示上一次正確的內容；修正資料並存檔後會自動更新。")
            config.extra["data_errors"] = [html.escape(str(issue)) for issue in error.issues]
            self.finish = lambda: fallback
            nav, office, terms, mark = fallback.nav, fallback.office, fallback.search_terms, fallback.accessibility_mark
        handwritten = [escaped_config_nav(item) for item in config.nav or []]
        config.nav = [nav_config(entry) for entry in nav] + handwritten + [nav_config(NavEntry(SITEMAP_TITLE, SITEMAP))]
        config.extra["office"] = office_for_templates(office)
        config.extra["accessibility_mark"] = accessibility_mark_for_templates(mark)
        config.extra["page_urls"] = {name: self.links.url(uri) for name, uri in FOOTER_PAGES.items()}
        search_site.configure(config, project, terms)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # The downloads have been rendering beside MkDocs' own start-up since on_config.
        try:
            prepared = self.finish()
        except OutputError as error:
            raise PluginError(escape_lines_for_display(f"下載檔無法產生，網站未建置：{error}")) from None
        except OSError as error:
            raise PluginError(_file_error(error)) from None
        self.session.remember(Path(config.config_file_path).parent, prepared)
        for page in prepared.pages:
            files.append(File.generated(config, page.uri, content=page.markdown))
        for site_file in prepared.files:
            files.append(File.generated(config, site_file.url_path, abs_src_path=site_file.source))
        for search_file in search_site.page_files(config, prepared.search):
            files.append(search_file)
        self.search = prepared.search
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Compiling the theme's templates takes about a quarter of a rebuild;
        # Jinja's own bytecode cache (checked against each template's source)
        # keeps the compiled code. Without a writable folder, compile as before.
        folder = Path(config.config_file_path).parent / TEMPLATE_CACHE
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
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

    # Before the search plugin indexes the page, so the site map is indexed whole.
    @event_priority(50)
    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        if page.file.src_uri == SITEMAP and page.content and self.links is not None:
            page.content = fill_nav_tree(page.content, tuple(nav_nodes(site_tree(nav))), SITEMAP, self.links)
        search_site.mark_page(page, config, self.search)
        return context

    # After the search plugin has written its index, which this rewrites.
    @event_priority(-50)
    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        search_site.finish(config, self.search)
        cache_file = Path(config.config_file_path).parent / SITE_CHECK_CACHE
        known = _read_scan_cache(cache_file)
        problems = check_built_site(site_dir, known=known)
        _write_scan_cache(cache_file, known)
        if problems:
            listed = "\n".join(f"  {problem}" for problem in problems[:MAX_LISTED_PROBLEMS])
            raise PluginError(f"網站有 {len(problems)} 個失效的站內連結或錨點，建置失敗：\n{listed}")


def _read_scan_cache(path: Path) -> ScanCache:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {digest: (list(ids), list(links)) for digest, (ids, links) in data.items()}
    except (OSError, ValueError, TypeError):
        return {}


def _write_scan_cache(path: Path, known: ScanCache) -> None:
    with contextlib.suppress(OSError):  # a cache: a rebuild parses the pages again
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
        temporary.write_text(json.dumps(known, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)


def _file_error(error: OSError) -> str:
    where = f"（{error.filename}）" if error.filename else ""
    return escape_lines_for_display(f"無法讀寫檔案{where}：{error.strerror or error}；網站未建置")


def _not_configured() -> PreparedSite:
    raise PluginError("plansite: on_config did not run")


def _show_reminders(messages: list[str]) -> None:
    if not reminders.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("提醒 - %(message)s"))
        reminders.addHandler(handler)
        reminders.propagate = False
        reminders.setLevel(logging.INFO)
    for message in messages:
        reminders.warning(message)
