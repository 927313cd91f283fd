"""The site's own search script (assets/search.js), generated at build time:
search_page.js with its settings in place (no request for them at view time).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..outline.wording import search_no_results_help
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
    """The line under 「沒有符合的項目」 (wording.search_no_results_help) as text and link parts for the script."""
    runs = search_no_results_help(help_.get("phone"), help_.get("website"))
    return [{"text": run.text, "href": run.ref.target} if run.ref else {"text": run.text} for run in runs]
