"""Understand the plan's printed numbering (一、 (一) 1. (1) 甲.) as ordinals."""

from __future__ import annotations

import re

_CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_FORMS = [
    re.compile(r"^(?P<n>[0-9]+)\.$"),  # 1.
    re.compile(r"^\((?P<n>[0-9]+)\)$"),  # (1)
    re.compile(r"^（(?P<n>[0-9]+)）$"),  # （1）
    re.compile(r"^(?P<c>[一二三四五六七八九十]+)、$"),  # 一、
    re.compile(r"^\((?P<c>[一二三四五六七八九十]+)\)$"),  # (一)
    re.compile(r"^（(?P<c>[一二三四五六七八九十]+)）$"),  # （一）
    re.compile(rf"^(?P<s>[{_STEMS}])[.、．]?$"),  # 甲.
]


def ordinal(number: str | None) -> int | None:
    """1 for 一、 / (一) / 1. / (1) / 甲. ; None when the form is not recognised."""
    if number is None:
        return None
    for form in _FORMS:
        match = form.match(number.strip())
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("n"):
            return int(groups["n"])
        if groups.get("c"):
            return _cjk_number(groups["c"])
        return _STEMS.index(groups["s"]) + 1
    return None


def _cjk_number(text: str) -> int | None:
    if text == "十":
        return 10
    if "十" not in text:
        return _CJK_DIGITS.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    value = (_CJK_DIGITS.get(tens, 0) if tens else 1) * 10
    if tens and tens not in _CJK_DIGITS:
        return None
    if units:
        if units not in _CJK_DIGITS:
            return None
        value += _CJK_DIGITS[units]
    return value


def form_of(number: str | None) -> int | None:
    """Which printed form a number uses, so siblings can be compared."""
    if number is None:
        return None
    for index, form in enumerate(_FORMS):
        if form.match(number.strip()):
            return index
    return None
