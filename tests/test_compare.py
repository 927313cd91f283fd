"""Comparing years (issue 12): pairing plans, matching actions, word-by-word diffs.

Fixture plans: tests/compare_fixtures/plan_data (compare-113 -> compare-114), one
action per kind of change; the example plans: examples/progress-demo (demo-114 -> demo-115).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.compare import (
    SAME_ID_THRESHOLD,
    SIMILARITY_THRESHOLD,
    ComparedField,
    DiffPiece,
    HeadingLevel,
    MatchedAction,
    Matching,
    PlacedAction,
    PlanComparison,
    action_similarity,
    compare_plans,
    consecutive_pairs,
    text_diff,
    text_similarity,
    tokens,
)
from plansite.model import Action, Plan, Site, SourceState
from plansite.outline import wording
from plansite.source.load import load_site

from .conftest import PROJECT_ROOT, shipped_model

FIXTURE_DATA = Path(__file__).parent / "compare_fixtures" / "plan_data"
EXAMPLE_DATA = PROJECT_ROOT / "examples" / "progress-demo" / "plan_data"


@functools.cache
def fixture_site() -> Site:
    return load_site(FIXTURE_DATA).site


@functools.cache
def example_site() -> Site:
    return load_site(EXAMPLE_DATA).site


def plan_of(site: Site, plan_id: str) -> Plan:
    return next(plan for plan in site.plans if plan.id == plan_id)


@functools.cache
def fixture_comparison() -> PlanComparison:
    site = fixture_site()
    return compare_plans(plan_of(site, "compare-113"), plan_of(site, "compare-114"))


@functools.cache
def example_comparison() -> PlanComparison:
    site = example_site()
    return compare_plans(plan_of(site, "demo-114"), plan_of(site, "demo-115"))


def ids(entries: tuple[PlacedAction, ...]) -> list[str]:
    return [entry.id for entry in entries]


def match_ids(matches: tuple[MatchedAction, ...]) -> list[tuple[str, str]]:
    return [(match.earlier.id, match.later.id) for match in matches]


def changed(comparison: PlanComparison, later_id: str) -> MatchedAction:
    return next(match for match in comparison.changed if match.later.id == later_id)


def fields(match: MatchedAction) -> list[ComparedField]:
    return [change.field for change in match.changes]


def joined(pieces: tuple[DiffPiece, ...], *kinds: str) -> str:
    return "".join(piece.text for piece in pieces if piece.kind in kinds)


def map_actions(plan: Plan, change: Callable[[Action], Action]) -> Plan:
    """The plan with every action passed through `change` (the model is frozen: rebuild the tree)."""

    def actions(group: tuple[Action, ...]) -> tuple[Action, ...]:
        return tuple(change(action) for action in group)

    facets = tuple(
        replace(
            facet,
            strategies=tuple(
                replace(
                    strategy,
                    actions=actions(strategy.actions),
                    substrategies=tuple(replace(sub, actions=actions(sub.actions)) for sub in strategy.substrategies),
                )
                for strategy in facet.strategies
            ),
        )
        for facet in plan.facets
    )
    return replace(plan, facets=facets)


def with_action(plan: Plan, action_id: str, **changes: object) -> Plan:
    return map_actions(plan, lambda action: replace(action, **changes) if action.id == action_id else action)


# -- pairing plans


def test_example_plans_of_consecutive_years_pair() -> None:
    assert [(earlier.id, later.id) for earlier, later in consecutive_pairs(example_site())] == [("demo-114", "demo-115")]


def test_fixture_plans_pair() -> None:
    assert [(earlier.id, later.id) for earlier, later in consecutive_pairs(fixture_site())] == [("compare-113", "compare-114")]


def test_shipped_site_with_its_one_plan_pairs_nothing() -> None:
    assert len(shipped_model().plans) == 1
    assert consecutive_pairs(shipped_model()) == []


def test_one_plan_alone_pairs_nothing() -> None:
    site = example_site()
    assert consecutive_pairs(replace(site, plans=site.plans[:1])) == []


def test_plans_two_years_apart_do_not_pair() -> None:
    site = example_site()
    later, earlier = site.plans
    assert consecutive_pairs(replace(site, plans=(replace(later, roc_year=116), earlier))) == []


def test_plans_of_different_offices_do_not_pair() -> None:
    site = example_site()
    later, earlier = site.plans
    assert consecutive_pairs(replace(site, plans=(replace(later, issuing_office="另一機關"), earlier))) == []


def test_white_space_in_the_office_name_does_not_matter() -> None:
    site = example_site()
    later, earlier = site.plans
    assert len(consecutive_pairs(replace(site, plans=(replace(later, issuing_office=" 範例 機關"), earlier)))) == 1


def series(plan: Plan, name: str, year: int) -> Plan:
    """Another plan of the same office: id, download name and title of series `name`."""
    return replace(plan, id=f"{name}-{year}", file_basename=f"{name}-{year}-plan", title=f"{name} {year} 年度計畫", roc_year=year)


def test_an_office_with_two_plans_a_year_pairs_each_series_with_itself() -> None:
    site = example_site()
    base = site.plans[0]
    plans = (series(base, "safety", 115), series(base, "service", 115), series(base, "safety", 114), series(base, "service", 114))
    pairs = consecutive_pairs(replace(site, plans=plans))
    assert [(earlier.id, later.id) for earlier, later in pairs] == [("safety-114", "safety-115"), ("service-114", "service-115")]


def test_a_series_is_also_known_by_download_name_or_title_with_the_year_taken_out() -> None:
    site = example_site()
    base = site.plans[0]
    renamed = replace(series(base, "service", 115), id="svc-2026")
    plans = (renamed, series(base, "safety", 115), series(base, "safety", 114), series(base, "service", 114))
    pairs = consecutive_pairs(replace(site, plans=plans))
    assert [(earlier.id, later.id) for earlier, later in pairs] == [("service-114", "svc-2026"), ("safety-114", "safety-115")]


def test_a_plan_renamed_entirely_still_pairs_when_the_office_has_one_plan_a_year() -> None:
    site = example_site()
    base = site.plans[0]
    plans = (series(base, "new", 115), series(base, "old", 114))
    assert [(earlier.id, later.id) for earlier, later in consecutive_pairs(replace(site, plans=plans))] == [("old-114", "new-115")]


def test_ambiguous_plans_pair_nothing_rather_than_a_guess() -> None:
    site = example_site()
    base = site.plans[0]
    plans = (series(base, "new", 115), series(base, "old", 114), series(base, "other", 114))
    assert consecutive_pairs(replace(site, plans=plans)) == []


def test_a_new_series_does_not_take_the_predecessor_of_another() -> None:
    site = example_site()
    base = site.plans[0]
    plans = (series(base, "safety", 115), series(base, "service", 115), series(base, "service", 114))
    pairs = consecutive_pairs(replace(site, plans=plans))
    assert [(earlier.id, later.id) for earlier, later in pairs] == [("service-114", "service-115")]


def test_three_years_give_two_pairs_newest_first() -> None:
    site = example_site()
    base = site.plans[0]
    plans = (series(base, "s", 116), series(base, "s", 115), series(base, "s", 114))
    pairs = consecutive_pairs(replace(site, plans=plans))
    assert [(earlier.id, later.id) for earlier, later in pairs] == [("s-115", "s-116"), ("s-114", "s-115")]


# -- comparing the fixture plans: one action per kind of change


def test_fixture_comparison_finds_each_kind_of_change() -> None:
    comparison = fixture_comparison()
    assert ids(comparison.added) == ["1-2-4", "1-2-5", "2-2-1"]
    assert ids(comparison.removed) == ["1-2-1", "1-2-4"]
    assert match_ids(comparison.changed) == [
        ("1-1-1-2", "1-1-1-2"),
        ("1-1-1-3", "1-1-1-3"),
        ("1-1-1-4", "1-1-1-4"),
        ("1-1-1-5", "1-1-1-5"),
        ("1-1-1-6", "1-1-1-6"),
        ("1-2-2", "1-2-2"),
        ("2-1-1", "2-1-1"),
        ("1-2-3", "2-1-3"),
    ]
    assert match_ids(comparison.unchanged) == [("1-1-1-1", "1-1-1-1")]


def test_kept_action_with_sub_items_is_unchanged() -> None:
    (kept,) = fixture_comparison().unchanged
    assert kept.matched_by is Matching.ID
    assert kept.similarity == 1.0
    assert kept.changes == ()


def test_edited_text_is_shown_word_by_word() -> None:
    match = changed(fixture_comparison(), "1-1-1-2")
    assert fields(match) == [ComparedField.TEXT]
    (change,) = match.changes
    assert change.earlier == "申辦書表提供線上填寫與下載。"
    assert change.later == "申辦書表全面提供線上填寫、下載與線上送件。"
    assert change.pieces == (
        DiffPiece("same", "申辦書表"),
        DiffPiece("inserted", "全面"),
        DiffPiece("same", "提供線上填寫"),
        DiffPiece("deleted", "與"),
        DiffPiece("inserted", "、"),
        DiffPiece("same", "下載"),
        DiffPiece("inserted", "與線上送件"),
        DiffPiece("same", "。"),
    )


def test_changed_department_is_replaced_whole() -> None:
    match = changed(fixture_comparison(), "1-1-1-3")
    assert fields(match) == [ComparedField.DEPARTMENTS]
    assert match.changes[0].pieces == (DiffPiece("deleted", "甲組"), DiffPiece("inserted", "乙組"))


def test_changed_period_is_shown_as_printed() -> None:
    match = changed(fixture_comparison(), "1-1-1-4")
    assert fields(match) == [ComparedField.PERIOD]
    assert (match.changes[0].earlier, match.changes[0].later) == ("持續辦理", "114年1月1日至114年6月30日")


def test_changed_number_alone_is_a_change() -> None:
    match = changed(fixture_comparison(), "1-2-2")
    assert fields(match) == [ComparedField.NUMBER]
    assert match.changes[0].pieces == (DiffPiece("deleted", "(2)"), DiffPiece("inserted", "(1)"))


def test_edited_sub_item_is_a_text_change_line_by_line() -> None:
    match = changed(fixture_comparison(), "1-1-1-6")
    (change,) = match.changes
    assert change.field is ComparedField.TEXT
    assert change.later.splitlines() == ["辦理服務品質訓練，課程包括：", "甲. 電話禮貌。", "乙. 線上申辦操作說明。"]
    assert joined(change.pieces, "deleted") == "書表填寫"
    assert joined(change.pieces, "inserted") == "線上操作"


def test_rewrite_under_the_same_id_is_a_change_between_the_two_thresholds() -> None:
    match = changed(fixture_comparison(), "1-1-1-5")
    assert match.matched_by is Matching.ID
    assert SAME_ID_THRESHOLD <= match.similarity < SIMILARITY_THRESHOLD


def test_the_same_rewrite_under_a_new_id_is_removed_and_added() -> None:
    site = fixture_site()
    later = with_action(plan_of(site, "compare-114"), "1-1-1-5", id="1-1-1-9")
    comparison = compare_plans(plan_of(site, "compare-113"), later)
    assert "1-1-1-5" in ids(comparison.removed)
    assert "1-1-1-9" in ids(comparison.added)


def test_action_moved_to_another_strategy_is_matched_by_text() -> None:
    match = changed(fixture_comparison(), "2-1-3")
    assert match.earlier.id == "1-2-3"
    assert match.matched_by is Matching.TEXT
    assert match.similarity >= SIMILARITY_THRESHOLD
    assert fields(match) == [ComparedField.PLACE, ComparedField.TEXT]
    place = match.changes[0]
    assert (place.earlier, place.later) == ("一、便民服務 (二) 提升服務友善性", "二、數位服務 (一) 擴大線上與行動服務")
    assert match.changes[1].pieces == (DiffPiece("inserted", "每年"), DiffPiece("same", "辦理用戶座談會，蒐集用戶對服務流程的建議。"))


def test_id_reused_for_unrelated_text_is_removed_and_added_not_changed() -> None:
    comparison = fixture_comparison()
    removed = next(entry for entry in comparison.removed if entry.id == "1-2-4")
    added = next(entry for entry in comparison.added if entry.id == "1-2-4")
    assert removed.action.text == "於服務櫃台提供老花眼鏡與放大鏡。"
    assert added.action.text == "規費與帳單提供行動支付繳費。"
    assert text_similarity(removed.action.text or "", added.action.text or "") < SAME_ID_THRESHOLD


def test_partial_action_is_matched_by_id_and_its_gap_is_shown_not_hidden() -> None:
    match = changed(fixture_comparison(), "2-1-1")
    assert match.earlier.action.source is SourceState.PARTIAL
    assert match.matched_by is Matching.ID
    assert match.similarity == 1.0  # the surviving start equals the start of next year's text
    (change,) = match.changes
    assert change.pieces == (
        DiffPiece("same", "機關網站通過無障礙檢測，"),
        DiffPiece("deleted", f"〔{wording.GAP}〕"),
        DiffPiece("inserted", "取得 AA 等級標章。"),
    )


def test_partial_action_is_not_matched_by_text_alone() -> None:
    site = fixture_site()
    later = with_action(plan_of(site, "compare-114"), "2-1-1", id="2-1-9")
    comparison = compare_plans(plan_of(site, "compare-113"), later)
    assert "2-1-1" in ids(comparison.removed)
    assert "2-1-9" in ids(comparison.added)


def test_partial_action_lost_at_the_start_is_compared_by_its_end() -> None:
    site = fixture_site()
    earlier = with_action(plan_of(site, "compare-113"), "2-1-1", lost="start", text="取得 AA 等級標章。")
    match = changed(compare_plans(earlier, plan_of(site, "compare-114")), "2-1-1")
    assert match.similarity == 1.0
    assert match.changes[0].pieces[0] == DiffPiece("deleted", f"〔{wording.GAP}〕")


def test_missing_action_and_the_action_holding_its_id_are_not_compared() -> None:
    comparison = fixture_comparison()
    assert ids(comparison.not_compared_earlier) == ["2-1-2"]
    assert ids(comparison.not_compared_later) == ["2-1-2"]
    assert comparison.not_compared_earlier[0].action.source is SourceState.MISSING
    assert comparison.not_compared_later[0].action.text == "提供線上預約臨櫃服務。"
    listed = [*ids(comparison.added), *ids(comparison.removed)] + [match.later.id for match in (*comparison.changed, *comparison.unchanged)]
    assert "2-1-2" not in listed


def test_every_action_is_accounted_for_once() -> None:
    comparison = fixture_comparison()
    matched = (*comparison.changed, *comparison.unchanged)
    earlier = [*ids(comparison.removed), *ids(comparison.not_compared_earlier), *(match.earlier.id for match in matched)]
    later = [*ids(comparison.added), *ids(comparison.not_compared_later), *(match.later.id for match in matched)]
    assert sorted(earlier) == sorted(row.action.id for row in comparison.earlier.rows())
    assert sorted(later) == sorted(row.action.id for row in comparison.later.rows())


def test_entries_say_where_the_action_stands_in_each_plan() -> None:
    comparison = fixture_comparison()
    kept = comparison.unchanged[0]
    assert kept.later.place == ("一、便民服務", "(一) 簡化申辦流程", "1. 精簡書表")
    assert kept.later.position == "一、便民服務 (一) 1. (1)"
    assert kept.later.number == "(1)"
    added = next(entry for entry in comparison.added if entry.id == "2-2-1")
    assert added.place == ("二、數位服務", "(二) 推廣電子帳單")
    assert added.row.facet.position == 2
    moved = changed(comparison, "2-1-3")
    assert (moved.earlier.position, moved.later.position) == ("一、便民服務 (二) (3)", "二、數位服務 (一) (3)")


def test_heading_changes_are_paired_by_id() -> None:
    headings = fixture_comparison().headings
    assert [(change.level, change.id, change.kind) for change in headings] == [
        (HeadingLevel.STRATEGY, "2-1", "relabelled"),
        (HeadingLevel.STRATEGY, "2-2", "added"),
    ]
    assert headings[0].pieces == (DiffPiece("same", "(一) 擴大線上"), DiffPiece("inserted", "與行動"), DiffPiece("same", "服務"))
    assert headings[1].later == "(二) 推廣電子帳單"


def test_renamed_heading_is_not_a_change_of_each_action_under_it() -> None:
    (partial_now_complete,) = [match for match in fixture_comparison().changed if match.later.id == "2-1-1"]
    assert partial_now_complete.earlier.place != partial_now_complete.later.place  # its strategy was renamed
    assert ComparedField.PLACE not in fields(partial_now_complete)


def test_removed_heading_is_listed_after_the_later_plans_headings() -> None:
    site = fixture_site()
    comparison = compare_plans(plan_of(site, "compare-114"), plan_of(site, "compare-113"))
    assert [(change.id, change.kind) for change in comparison.headings] == [("2-1", "relabelled"), ("2-2", "removed")]


def test_comparison_is_deterministic_and_in_plan_order() -> None:
    site = fixture_site()
    first = compare_plans(plan_of(site, "compare-113"), plan_of(site, "compare-114"))
    again = compare_plans(plan_of(site, "compare-113"), plan_of(site, "compare-114"))
    assert first == again
    later_order = [row.action.id for row in first.later.rows()]
    assert ids(first.added) == sorted(ids(first.added), key=later_order.index)
    changed_later = [match.later.id for match in first.changed]
    assert changed_later == sorted(changed_later, key=later_order.index)


def test_equal_similarities_pair_in_plan_order() -> None:
    """Two identical actions under new ids: each pairs with the one at the same place in the order."""
    site = fixture_site()
    earlier = plan_of(site, "compare-113")
    twin = "設置單一窗口，受理各項申辦案件。"
    earlier = with_action(earlier, "1-1-1-4", text=twin)
    later = with_action(with_action(earlier, "1-1-1-3", id="1-1-1-7"), "1-1-1-4", id="1-1-1-8")
    comparison = compare_plans(earlier, later)
    assert [(m.earlier.id, m.later.id) for m in comparison.unchanged if m.matched_by is Matching.TEXT] == [("1-1-1-3", "1-1-1-7"), ("1-1-1-4", "1-1-1-8")]


def test_a_plan_compared_with_itself_has_no_changes(plan: Plan) -> None:
    comparison = compare_plans(plan, plan)
    assert comparison.added == comparison.removed == comparison.changed == comparison.headings == ()
    missing = [row.action.id for row in plan.rows() if row.action.source is SourceState.MISSING]
    assert len(comparison.unchanged) + len(missing) == len(list(plan.rows()))
    assert ids(comparison.not_compared_later) == missing


def test_every_complete_action_is_found_again_under_new_ids(plan: Plan) -> None:
    renamed = map_actions(plan, lambda action: replace(action, id=f"new-{action.id}"))
    comparison = compare_plans(plan, renamed)
    complete = [row.action.id for row in plan.rows() if row.action.source is SourceState.COMPLETE]
    partial = [row.action.id for row in plan.rows() if row.action.source is SourceState.PARTIAL]
    assert [(m.earlier.id, m.later.id) for m in comparison.unchanged] == [(i, f"new-{i}") for i in complete]
    assert all(m.matched_by is Matching.TEXT for m in comparison.unchanged)
    assert ids(comparison.removed) == partial
    assert comparison.changed == ()


# -- the thresholds


def test_different_actions_of_a_plan_rarely_reach_the_similarity_threshold(plan: Plan) -> None:
    """Why 0.6: different actions of one office share stock words, but almost never 60% of their text."""
    actions = [row.action for row in plan.rows() if row.action.source is SourceState.COMPLETE]
    similarities = [action_similarity(a, b) for a, b in combinations(actions, 2)]
    assert sum(value >= SIMILARITY_THRESHOLD for value in similarities) <= len(similarities) / 1000
    assert sorted(similarities)[len(similarities) // 2] < 0.2


def test_example_plans_unrelated_actions_stay_below_both_thresholds() -> None:
    comparison = example_comparison()
    for removed in comparison.removed:
        for added in comparison.added:
            assert action_similarity(removed.action, added.action) < SAME_ID_THRESHOLD


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("新增三項線上申辦服務。", "擴大線上申辦服務，全年新增五項。"),
        ("申辦書表提供線上填寫與下載。", "書表全面線上化，民眾可線上填寫、下載並送件。"),
        ("提升申辦案件的處理效率，確保於處理時限內完成。", "縮短案件處理時間，於處理時限內完成。"),
    ],
)
def test_rewrites_that_reorder_clauses_reach_the_same_id_threshold(old: str, new: str) -> None:
    assert text_similarity(old, new) >= SAME_ID_THRESHOLD


# -- the example plans


def test_example_plans_comparison() -> None:
    comparison = example_comparison()
    assert ids(comparison.added) == ["1-2-3", "2-1-4"]
    assert ids(comparison.removed) == ["1-2-2", "2-1-2"]
    assert match_ids(comparison.changed) == [("1-1-1-2", "1-1-1-2"), ("2-1-1", "2-1-1"), ("2-1-3", "2-1-3")]
    assert [fields(match) for match in comparison.changed] == [
        [ComparedField.TEXT, ComparedField.PERIOD],
        [ComparedField.TEXT, ComparedField.PERIOD],
        [ComparedField.NUMBER],
    ]
    assert match_ids(comparison.unchanged) == [("1-1-1-1", "1-1-1-1"), ("1-1-2-1", "1-1-2-1"), ("1-2-1", "1-2-1")]
    assert comparison.headings == ()
    assert changed(comparison, "2-1-1").changes[0].pieces == (
        DiffPiece("same", "新增"),
        DiffPiece("deleted", "三"),
        DiffPiece("inserted", "五"),
        DiffPiece("same", "項線上申辦服務。"),
    )


# -- tokens and text_diff


def test_tokens_keep_latin_words_and_numbers_whole_and_split_han_characters() -> None:
    assert tokens("112 年取得 AA 等級，3.5 倍") == ["112", " ", "年", "取", "得", " ", "AA", " ", "等", "級", "，", "3.5", " ", "倍"]


def test_similarity_ignores_white_space() -> None:
    assert text_similarity("112年度", "112 年度") == 1.0
    assert text_similarity("", "") == 1.0
    assert text_similarity("甲", "") == 0.0


def test_insertion_in_the_middle_of_chinese_text() -> None:
    assert text_diff("提供線上服務。", "提供多元線上服務。") == (
        DiffPiece("same", "提供"),
        DiffPiece("inserted", "多元"),
        DiffPiece("same", "線上服務。"),
    )


def test_a_changed_number_is_replaced_as_one_word() -> None:
    assert text_diff("112 年辦理", "113 年辦理") == (DiffPiece("deleted", "112"), DiffPiece("inserted", "113"), DiffPiece("same", " 年辦理"))
    assert text_diff("於1120年", "於113年") == (DiffPiece("same", "於"), DiffPiece("deleted", "1120"), DiffPiece("inserted", "113"), DiffPiece("same", "年"))


def test_changed_punctuation() -> None:
    assert text_diff("甲、乙。", "甲，乙！") == (
        DiffPiece("same", "甲"),
        DiffPiece("deleted", "、"),
        DiffPiece("inserted", "，"),
        DiffPiece("same", "乙"),
        DiffPiece("deleted", "。"),
        DiffPiece("inserted", "！"),
    )


def test_identical_texts_are_one_same_piece() -> None:
    assert text_diff("設置單一窗口。", "設置單一窗口。") == (DiffPiece("same", "設置單一窗口。"),)


def test_empty_texts() -> None:
    assert text_diff("", "") == ()
    assert text_diff("", "新增。") == (DiffPiece("inserted", "新增。"),)
    assert text_diff("刪除。", "") == (DiffPiece("deleted", "刪除。"),)


def test_latin_words_change_whole_and_a_lone_space_between_changes_joins_them() -> None:
    assert text_diff("online form", "online forms") == (DiffPiece("same", "online "), DiffPiece("deleted", "form"), DiffPiece("inserted", "forms"))
    assert text_diff("call center hours", "web portal hours") == (
        DiffPiece("deleted", "call center"),
        DiffPiece("inserted", "web portal"),
        DiffPiece("same", " hours"),
    )


def test_deletion_comes_before_insertion_between_unchanged_stretches() -> None:
    pieces = text_diff("甲乙丙丁戊", "甲己庚丁辛")
    assert pieces == (
        DiffPiece("same", "甲"),
        DiffPiece("deleted", "乙丙"),
        DiffPiece("inserted", "己庚"),
        DiffPiece("same", "丁"),
        DiffPiece("deleted", "戊"),
        DiffPiece("inserted", "辛"),
    )


TEXT = st.text(alphabet=st.sampled_from([*"服務申辦線上一二三，。、（）", *"ab", *"12", " ", "\n", "é"]), max_size=30)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXT, TEXT)
def test_pieces_rebuild_both_texts(old: str, new: str) -> None:
    pieces = text_diff(old, new)
    assert joined(pieces, "same", "deleted") == old
    assert joined(pieces, "same", "inserted") == new
    assert all(piece.text for piece in pieces)
    # Merged: no two neighbours of one kind, and a change reads deletion first.
    assert all(a.kind != b.kind and (a.kind, b.kind) != ("inserted", "deleted") for a, b in pairwise(pieces))
    assert "".join(tokens(old)) == old


def test_comparison_wording_names_the_thresholds_as_percentages() -> None:
    method = wording.comparison_method(SIMILARITY_THRESHOLD, SAME_ID_THRESHOLD)
    assert "60%" in method
    assert "50%" in method
    assert wording.percent(0.29) == "29%"
    assert wording.percent(0.999) == "99%"
    assert wording.comparison_title(plan_of(example_site(), "demo-114"), plan_of(example_site(), "demo-115")) == "114年度與115年度計畫比較"
    assert {field.label for field in ComparedField} == {"位置", "編號", "具體作法", "承辦部門", "執行期間"}
