"""The site's own search script (assets/search.js), generated at build time:
search_page.js with its settings in place (no request for them at view time).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from ..search_variants import browser_table

PAGE_SCRIPT = "assets/search.js"
_PLACEHOLDER = "PLANSITE_SEARCH_SETTINGS"


def page_script(data: dict[str, Any]) -> str:
    code = resources.files(__package__).joinpath("search_page.js").read_text(encoding="utf-8")
    settings = {"variants": browser_table(), "noResultsHelp": no_results_help(data.get("help", {}))}
    # ASCII-only JSON is a valid JavaScript expression whatever it holds.
    if code.count(_PLACEHOLDER) != 1:
        raise ValueError(f"search_page.js must name {_PLACEHOLDER} exactly once")
    return code.replace(_PLACEHOLDER, json.dumps(settings, ensure_ascii=True, sort_keys=True))


def no_results_help(help_: dict[str, str | None]) -> list[dict[str, str]]:
    """The zh-TW line shown under 「沒有符合的項目」, as text and link parts; empty without a phone or a website."""
    phone, website = help_.get("phone"), help_.get("website")
    ways: list[list[dict[str, str]]] = []
    if phone:
        dial = "".join(character for character in phone if character.isdigit() or character == "+")
        ways.append([{"text": "撥打客服專線 "}, {"text": phone, "href": f"tel:{dial}"} if dial else {"text": phone}])
    if website:
        ways.append([{"text": "前往 "}, {"text": urlsplit(website).hostname or website, "href": website}])
    if not ways:
        return []
    parts = [{"text": "找不到需要的資料嗎？歡迎"}]
    for number, way in enumerate(ways):
        if number:
            parts.append({"text": "，或"})
        parts += way
    parts.append({"text": " 洽詢。" if not website else " 查詢。"})
    return parts
