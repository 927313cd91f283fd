"""Automatic list numbers (Word numFmt, ODF num-format) rendered as the reader sees them."""

from __future__ import annotations

_ZH_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (how plans count facets)."""
    if value <= 0:
        return str(value)
    if value < 10:
        return _ZH_DIGITS[value]
    if value < 100:
        tens, units = divmod(value, 10)
        return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[units] if units else "")
    return str(value)


def _roman(value: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    text = ""
    for amount, numeral in numerals:
        while value >= amount:
            text += numeral
            value -= amount
    return text


def _letters(value: int) -> str:
    text = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def format_label(value: int, fmt: str) -> str:
    """One level's number in a Word numFmt or ODF num-format."""
    fmt = fmt.strip()
    if fmt in ("decimal", "1", ""):
        return str(value)
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("taiwaneseCounting", "taiwaneseCountingThousand", "chineseCounting", "chineseCountingThousand", "ideographLegalTraditional") or fmt.startswith(
        "一"
    ):
        return chinese_number(value)
    if fmt in ("ideographTraditional",) or fmt.startswith("甲"):
        return _STEMS[(value - 1) % 10]
    if fmt in ("ideographZodiac",) or fmt.startswith("子"):
        return _BRANCHES[(value - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") or fmt.startswith("①"):
        return _CIRCLED[value - 1] if 0 < value <= len(_CIRCLED) else str(value)
    if fmt in ("upperLetter", "A"):
        return _letters(value)
    if fmt in ("lowerLetter", "a"):
        return _letters(value).lower()
    if fmt in ("upperRoman", "I"):
        return _roman(value)
    if fmt in ("lowerRoman", "i"):
        return _roman(value).lower()
    return str(value)


class Counters:
    """Counters of multi-level lists: a level counts on; deeper levels restart."""

    def __init__(self) -> None:
        self.values: dict[str, dict[int, int]] = {}

    def step(self, list_id: str, level: int, starts: dict[int, int]) -> dict[int, int]:
        values = self.values.setdefault(list_id, {})
        values[level] = values[level] + 1 if level in values else starts.get(level, 1)
        for deeper in [key for key in values if key > level]:
            del values[deeper]
        for higher in range(level):
            values.setdefault(higher, starts.get(higher, 1))
        return dict(values)
