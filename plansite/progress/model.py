"""Half-year assessment (考核) of a plan, as typed, immutable objects.

A plan is assessed in rounds (上、下半年度); each round records, per action,
how far it got. Records name actions by their stable ids (plansite.model.Action.id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum


class Status(Enum):
    """辦理情形: the five values an office may report, in the order the form lists them."""

    NOT_STARTED = "未開始"
    """Work has not begun in this round."""
    IN_PROGRESS = "辦理中"
    """Work has begun and is not finished."""
    DONE = "已完成"
    """Finished within the plan."""
    CONTINUING = "持續辦理"
    """A standing task carried on (most of the plan's actions are 持續辦理 by period)."""
    SUSPENDED = "暫緩"
    """Put on hold; a record with this status carries its reason."""


STATUS_VALUES: tuple[str, ...] = tuple(status.value for status in Status)

ROUND_ID_PATTERN = re.compile(r"^([0-9]{2,3})-([A-Z])([0-9])$")
# Where each period kind starts, in months: 112-H2 (July) sorts after 112-Q1 (January).
_PERIOD_START_MONTH = {"H": {1: 1, 2: 7}, "Q": {1: 1, 2: 4, 3: 7, 4: 10}}


@dataclass(frozen=True)
class ProgressRecord:
    action: str
    """The action's stable id."""
    status: Status
    result: str | None
    """執行成果說明; never set together with SUSPENDED (the reason says it)."""
    reason: str | None
    """暫緩原因: set exactly when the status is SUSPENDED."""
    evidence: tuple[str, ...]
    """佐證連結: http(s) URLs."""


@dataclass(frozen=True)
class Round:
    """One assessment of one plan, e.g. 112-H1 「112 年上半年」."""

    plan: str
    id: str
    label: str
    assessed: date | None
    """The assessment date; None while it is not known."""
    records: tuple[ProgressRecord, ...]
    """In the file's order (the form import writes plan order); an action without a record was not reported in this round."""
    source_file: str

    def record_for(self, action_id: str) -> ProgressRecord | None:
        return next((record for record in self.records if record.action == action_id), None)


def round_sort_key(round_id: str, assessed: date | None = None) -> tuple[int, int, date, str]:
    """Rounds in time order: year, the period's start month (H1 before H2), then the
    assessment date (an unknown date last), then the id."""
    match = ROUND_ID_PATTERN.match(round_id)
    if not match:
        return (10_000, 0, assessed or date.max, round_id)
    year, letter, number = int(match.group(1)), match.group(2), int(match.group(3))
    month = _PERIOD_START_MONTH.get(letter, {}).get(number, 13)
    return (year, month, assessed or date.max, round_id)


def default_round_label(round_id: str) -> str | None:
    """「112 年上半年」 for 112-H1, 「112 年第 3 季」 for 112-Q3; None for other kinds of id."""
    match = ROUND_ID_PATTERN.match(round_id)
    if not match:
        return None
    year, letter, number = match.group(1), match.group(2), int(match.group(3))
    if letter == "H" and number in (1, 2):
        return f"{year} 年{'上' if number == 1 else '下'}半年"
    if letter == "Q" and 1 <= number <= 4:
        return f"{year} 年第 {number} 季"
    return None
