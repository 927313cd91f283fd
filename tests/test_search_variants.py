"""The variant table folds common 異體字 for search matching, and only them."""

from __future__ import annotations

import unicodedata

import pytest

from plansite.search_variants import CHARACTER_VARIANTS, WORD_VARIANTS, browser_table, fold


def test_every_pair_replaces_one_character_by_one_character() -> None:
    for variant, folded in CHARACTER_VARIANTS.items():
        assert len(variant) == len(folded) == 1 and variant != folded
        assert unicodedata.name(variant).startswith("CJK UNIFIED IDEOGRAPH"), variant
    for variant, folded in WORD_VARIANTS.items():
        assert len(variant) == len(folded) > 1 and variant != folded


def test_folding_is_stable_and_the_folded_forms_are_never_variants() -> None:
    folded_forms = set(CHARACTER_VARIANTS.values()) | set("".join(WORD_VARIANTS.values()))
    assert not folded_forms & set(CHARACTER_VARIANTS)
    assert all(fold(word) == word for word in WORD_VARIANTS.values())
    # Words and characters never overlap, so the order of the two steps cannot matter.
    assert not set("".join(WORD_VARIANTS) + "".join(WORD_VARIANTS.values())) & set(CHARACTER_VARIANTS)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("臺灣電力公司", "台灣電力公司"),
        ("服務櫃檯", "服務櫃台"),
        ("智慧電錶", "智慧電表"),
        ("抄錶員", "抄表員"),
        ("尖峯時段", "尖峰時段"),
        ("合并申請", "合併申請"),
        ("憑証", "憑證"),
    ],
)
def test_variants_fold_to_the_common_form(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "手錶",  # a wristwatch: 錶 alone is not folded
        "錶面",  # dial, not 表面 (surface)
        "並且",  # 並 ("and") is a different word from 併 (merge)
        "申請表單",
        "台灣電力",
    ],
)
def test_words_that_must_stay_apart_are_not_folded(text: str) -> None:
    assert fold(text) == text


def test_the_browser_gets_the_same_table() -> None:
    assert browser_table() == {"characters": CHARACTER_VARIANTS, "words": WORD_VARIANTS}
