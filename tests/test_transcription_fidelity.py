"""The shipped YAML holds the seed plan's words: nothing invented, nothing dropped.

tests/data/seed-fengshan-112.txt is the PDF-to-text dump the plan was
transcribed from. Comparison ignores white space and the converter's <p>
tags, since those are exactly the conversion damage the transcription mends.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from plansite.model import Plan, SourceState

from .conftest import SEED_PLAN_ID, shipped_plan

SEED = Path(__file__).parent / "data" / "seed-fengshan-112.txt"
TABLE_HEADER = re.compile(r"^面向\s+執行策略\s+具體作法\s+承辦部門\s+執行期間\s*$")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def plan() -> Plan:
    """The transcription of the seed document (this file checks it against the seed text)."""
    return shipped_plan(SEED_PLAN_ID)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def plan_texts(plan: Plan) -> Iterator[tuple[str | None, str]]:
    """(number, text) of every piece of plan wording, in document order."""
    yield None, plan.title
    for section, items in (
        (plan.basis_heading, [(d.number, d.text) for d in plan.basis]),
        (plan.goals_heading, [(None, text) for text in plan.goals]),
        (plan.targets_heading, [(t.number, t.text) for t in plan.targets]),
    ):
        yield section.number, section.title
        yield from items
    yield plan.execution_heading.number, plan.execution_heading.title
    if plan.category:
        yield plan.category.number, plan.category.title
    for facet in plan.facets:
        yield facet.heading.number, facet.heading.title or ""
        for strategy in facet.strategies:
            yield strategy.heading.number, strategy.heading.title or ""
            for substrategy, actions in strategy.action_groups():
                if substrategy:
                    yield substrategy.heading.number, substrategy.heading.title or ""
                for action in actions:
                    if action.source is not SourceState.MISSING:
                        yield action.number, action.text or ""
                    for item in action.subitems:
                        yield item.number, item.text
    yield plan.steps_heading.number, plan.steps_heading.title
    for step in plan.steps:
        yield step.number, step.text
    yield plan.closing.number, plan.closing.text


def fragments_in_order(text: str, haystack: str) -> int:
    """How many consecutive pieces of `text` are needed to find it in `haystack` in order."""
    position, count = 0, 0
    while text:
        low, high = 0, len(text)
        while low < high:  # longest prefix found after `position`
            middle = (low + high + 1) // 2
            if haystack.find(text[:middle], position) >= 0:
                low = middle
            else:
                high = middle - 1
        if low == 0:
            raise AssertionError(f"not in the source: {text[:40]}…")
        position = haystack.find(text[:low], position) + low
        text = text[low:]
        count += 1
    return count


def test_every_text_in_the_yaml_is_in_the_source(plan: Plan, seed_lines: list[str]) -> None:
    source = squash(re.sub(r"</?p>", "", "\n".join(seed_lines)))
    for _number, text in plan_texts(plan):
        # Texts joined across a page break or a wrapped cell come in at most 4 pieces.
        assert fragments_in_order(squash(text), source) <= 4, text


def test_every_piece_of_the_source_is_in_the_yaml(plan: Plan, seed_lines: list[str]) -> None:
    stream = "".join(squash(f"{number or ''}{text}") for number, text in plan_texts(plan))
    cell_names = "|".join(re.escape(squash(name)) for name in (*plan.departments, "持續辦理"))
    column_cell = re.compile(rf"^(?:{cell_names})+$")
    for line in seed_lines:
        if not line.strip() or TABLE_HEADER.match(line):
            continue
        for piece in re.split(r"\t|</?p>", line):
            squashed = squash(piece.removeprefix("- "))
            if not squashed or column_cell.match(squashed):
                continue
            assert squashed in stream, f"source text missing from the YAML: {piece.strip()[:60]}"


def test_department_cells_of_the_source_are_all_accounted_for(plan: Plan, seed_lines: list[str]) -> None:
    seed_text = "\n".join(seed_lines)
    in_source = Counter({name: len(re.findall(re.escape(name), seed_text)) for name in plan.departments})
    in_yaml = Counter(name for row in plan.rows() for name in (row.action.departments or ()))
    # 二(二)1. has four actions but three 「業務組」 cells: the fourth is marked inferred.
    assert in_yaml - in_source == Counter({"業務組": 1})
    assert in_source - in_yaml == Counter()


def test_counts_per_facet_match_the_source(plan: Plan) -> None:
    counts = []
    for facet in plan.facets:
        actions = [action for strategy in facet.strategies for _sub, group in strategy.action_groups() for action in group]
        counts.append(
            (
                len(facet.strategies),
                sum(len(strategy.substrategies) for strategy in facet.strategies),
                sum(action.source is SourceState.COMPLETE for action in actions),
                sum(action.source is SourceState.PARTIAL for action in actions),
                sum(action.source is SourceState.MISSING for action in actions),
            )
        )
    # (strategies, sub-strategies, complete, partial, missing) per facet
    assert counts == [(2, 7, 32, 2, 8), (3, 9, 29, 0, 0), (2, 2, 4, 0, 0), (2, 3, 10, 0, 0), (2, 0, 8, 0, 0)]
