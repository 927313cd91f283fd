"""執行期間 as the plan format records it: 「持續辦理」, a date range, or null."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_ONGOING = re.compile(r"^持續辦理$")
_DATE = re.compile(r"(?:中華民國|民國)?\s*(?P<y>\d{2,4})\s*(?:年|[./／-])\s*(?P<m>\d{1,2})\s*(?:月|[./／-])\s*(?P<d>\d{1,2})\s*日?")
_RANGE_SEPARATOR = re.compile(r"\s*(?:至|到|~|～|–|—|－|起至)\s*|\s+-\s+")


def parse_period(text: str) -> tuple[Any, str | None]:
    """(value, None) when the text is a period the format can hold; (None, why not) otherwise."""
    compact = re.sub(r"\s+", "", text)
    if not compact:
        return None, None
    if _ONGOING.match(compact):
        return "持續辦理", None
    parts = [part for part in _RANGE_SEPARATOR.split(text.strip().removesuffix("止")) if part.strip()]
    if len(parts) == 2:
        start, end = _one_date(parts[0]), _one_date(parts[1])
        if start and end:
            if start > end:
                return None, "的開始日期晚於結束日期"
            return {"start": start.isoformat(), "end": end.isoformat()}, None
    return None, "不是「持續辦理」或完整的起訖日期"


def _one_date(text: str) -> date | None:
    match = _DATE.fullmatch(text.strip().removesuffix("起").removesuffix("止"))
    if not match:
        return None
    year = int(match["y"])
    year = year + 1911 if year < 1000 else year
    try:
        return date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        return None
