"""MkDocs hook: wires the plansite core into the build. No plan logic here.

on_config loads and validates plan_data/ once per build and puts the generated
pages into the navigation; on_files adds those pages as generated files
(nothing is written into docs/).
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from plansite.errors import PlanDataError
from plansite.load import load_site
from plansite.writers.markdown_pages import GeneratedPage, NavEntry, generate_site_pages

log = logging.getLogger("mkdocs.hooks.plan_site")
# Data reminders (an empty contact field, a date the source does not state)
# are known, accepted gaps: shown on every build, but they must not fail
# `mkdocs build --strict`, which counts warnings of the "mkdocs" loggers only.
reminders = logging.getLogger("plansite.reminders")

_pages: list[GeneratedPage] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _pages
    data_dir = Path(config.config_file_path).parent / "plan_data"
    try:
        result = load_site(data_dir)
    except PlanDataError as error:
        for issue in error.issues:
            log.error(str(issue))
        raise PluginError(f"計畫資料有 {len(error.issues)} 個錯誤（見上方各行），網站未建置；原本已發布的網站不受影響。") from None
    _show_reminders([str(issue) for issue in result.warnings])
    _pages, nav = generate_site_pages(result.site)
    config.nav = [_nav_config(entry) for entry in nav] + list(config.nav or [])
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in _pages:
        files.append(File.generated(config, page.uri, content=page.markdown))
    return files


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
