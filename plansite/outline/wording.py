"""How model values read in zh-TW, the same in every output (pages, ODF, PDF).

Writers call these for plain text and do their own escaping; none of them
spells out a gap or an inferred value by itself.
"""

from __future__ import annotations

from datetime import date

from ..model import Action, Heading, Period, PeriodKind, Section, SourceState

GAP = "原始文件此處缺漏"
UNSTATED = "原始文件未載明"
INFERRED = "推定"
EDITOR_NOTE = "編者註"
NOT_PROVIDED = "未提供"
ONGOING = "持續辦理"


def roc_date(value: date) -> str:
    """112年3月15日: ROC year = Gregorian year - 1911, Arabic numerals, no spaces."""
    return f"{value.year - 1911}年{value.month}月{value.day}日"


def section_label(section: Section) -> str:
    """「壹、計畫依據」: the number is printed straight before the title."""
    return f"{section.number or ''}{section.title}"


def heading_title(heading: Heading) -> str:
    """The title as printed, or an explicit gap marker (with any inferred title)."""
    if heading.title is not None:
        return heading.title
    if heading.title_inferred:
        return f"〔{GAP}；{INFERRED}標題：{heading.title_inferred}〕"
    return f"〔{GAP}〕"


def heading_label(heading: Heading) -> str:
    """Number and title as printed: 「一、基礎服務」, 「(一) 服務一致及正確性」."""
    if not heading.number:
        return heading_title(heading)
    separator = "" if heading.number.endswith("、") else " "
    return f"{heading.number}{separator}{heading_title(heading)}"


def departments_label(action: Action) -> str:
    if action.departments is None:
        return GAP if action.source is not SourceState.COMPLETE else UNSTATED
    names = "、".join(action.departments)
    return f"{names}（{INFERRED}）" if action.departments_inferred else names


def marked_pieces(label: str) -> list[tuple[str, str]]:
    """A departments or period label as (text, kind) pieces, kind being
    "gap" (the source lost or does not state it), "inferred" (the 推定 mark)
    or "plain", so every output can style them alike."""
    if label in (GAP, UNSTATED):
        return [(label, "gap")]
    mark = f"（{INFERRED}）"
    if label.endswith(mark):
        return [(label.removesuffix(mark), "plain"), (mark, "inferred")]
    return [(label, "plain")]


def period_label(action: Action) -> str:
    period = action.period
    if period is None or period.kind is PeriodKind.UNSTATED:
        return GAP if action.source is not SourceState.COMPLETE else UNSTATED
    return period_text(period)


def period_text(period: Period) -> str:
    if period.kind is PeriodKind.RANGE and period.start and period.end:
        return f"{roc_date(period.start)}至{roc_date(period.end)}"
    return ONGOING


def number_range(actions: list[Action]) -> str | None:
    """「(1)至(7)」 for a run of missing actions shown as one gap."""
    numbers = [action.number for action in actions if action.number]
    if not numbers:
        return None
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}至{numbers[-1]}"


def text_pieces(action: Action) -> list[tuple[str, bool]]:
    """The action's text as (piece, is_gap_marker) pairs, gaps where text is lost."""
    gap = (f"〔{GAP}〕", True)
    if action.source is SourceState.MISSING or action.text is None:
        return [gap]
    if action.source is SourceState.PARTIAL:
        return [gap, (action.text, False)] if action.lost == "start" else [(action.text, False), gap]
    return [(action.text, False)]
