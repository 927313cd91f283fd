"""The one timestamp a build may use: SOURCE_DATE_EPOCH, never the clock.

scripts/build sets SOURCE_DATE_EPOCH to the last commit's time when it is not
given, so two builds of the same input are byte-identical.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

# Used when SOURCE_DATE_EPOCH is not set (e.g. a bare `mkdocs build`):
# still deterministic, and visibly not a real date.
FALLBACK_EPOCH = 315532800  # 1980-01-01, the earliest time a ZIP entry can hold


def build_datetime() -> datetime:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        epoch = int(raw) if raw else FALLBACK_EPOCH
    except ValueError:
        epoch = FALLBACK_EPOCH
    return datetime.fromtimestamp(max(epoch, FALLBACK_EPOCH), tz=UTC)
