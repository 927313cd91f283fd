"""Text rules of the plan format: layout whitespace, line joins, printed numbers.

The same rules the shipped transcription followed (README 寫法重點): spaces that a
narrow cell put between CJK characters go; spacing around digits and Latin stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# CJK ideographs, CJK punctuation, kana, bopomofo and full-width forms.
CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffef\U00020000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{CJK}]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
_CJK_GAP = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")


def clean_text(text: str) -> str:
    """One line of plan text: whitespace collapsed, spaces between CJK characters removed."""
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return _CJK_GAP.sub("", text)


def clean_name(text: str) -> str:
    """A department name: whitespace collapsed only (a name may hold a space, e.g. 「總處推廣 區處配合」)."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.match(char))


def join_lines(lines: list[str]) -> str:
    """Join the lines of one wrapped paragraph: no space between CJK characters, one space otherwise where one was."""
    text = ""
    for line in lines:
        if not text:
            text = line
            continue
        if not line:
            continue
        spaced = text[-1].isspace() or line[0].isspace()
        both_latin = text[-1].isascii() and text[-1].isalpha() and line[0].isascii() and line[0].isalpha()
        text = text.rstrip() + " " + line.lstrip() if spaced or both_latin else text + line
    return text


class Level(Enum):
    """What a printed number says an item is."""

    SECTION = "壹、"
    FACET = "一、"
    STRATEGY = "(一)"
    SUBSTRATEGY = "1."
    ACTION = "(1)"
    SUBITEM = "甲."


_ZH_NUMBER = "一二三四五六七八九十百〇零"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_NUMBER_FORMS: list[tuple[Level, re.Pattern[str]]] = [
    (Level.SECTION, re.compile(r"^\s*([壹貳參肆伍陸柒捌玖拾]+\s*、)")),
    (Level.FACET, re.compile(rf"^\s*([{_ZH_NUMBER}]+\s*、)")),
    (Level.STRATEGY, re.compile(rf"^\s*([(（]\s*[{_ZH_NUMBER}]+\s*[)）])")),
    (Level.SUBSTRATEGY, re.compile(r"^\s*([0-9０-９]+\s*[.．、](?![0-9０-９]))")),
    (Level.ACTION, re.compile(r"^\s*([(（]\s*[0-9０-９]+\s*[)）])")),
    (Level.SUBITEM, re.compile(rf"^\s*([{_STEMS}]\s*[.、．])")),
]


@dataclass(frozen=True)
class Numbered:
    level: Level | None
    number: str | None
    """As printed, spaces from layout removed: "(1)", "（一）", "1.", "甲、"."""
    text: str


def split_number(text: str) -> Numbered:
    """The printed number at the start of a paragraph, and the rest."""
    for level, form in _NUMBER_FORMS:
        match = form.match(text)
        if match:
            number = re.sub(r"\s+", "", match.group(1))
            return Numbered(level, number, text[match.end() :].strip())
    return Numbered(None, None, text.strip())


def number_value(number: str | None) -> int | None:
    """1 for 一、 (一) 1. (1) 甲. 壹、, also in full-width digits; None when not a number."""
    if not number:
        return None
    digits = re.sub(r"[^0-9０-９]", "", number)
    if digits:
        return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    core = re.sub(r"[()（）、.．\s]", "", number)
    if len(core) == 1 and core in _STEMS:
        return _STEMS.index(core) + 1
    return _chinese_value(core)


def _chinese_value(text: str) -> int | None:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
    formal = {c: i + 1 for i, c in enumerate("壹貳參肆伍陸柒捌玖")}
    if text in formal:
        return formal[text]
    if text == "拾":
        return 10
    if not text or any(c not in digits and c not in "十百" for c in text):
        return None
    value, current = 0, 0
    for char in text:
        if char == "百":
            value += (current or 1) * 100
            current = 0
        elif char == "十":
            value += (current or 1) * 10
            current = 0
        else:
            current = digits[char]
    return value + current
