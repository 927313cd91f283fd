"""The plan's outline, built once from the model: the whole plan and each
facet as documents (the ODT and PDF files), and the sections the web pages
share with them (facts, a facet with its strategies and action tables).

The tree is walked here and nowhere else: facet -> strategy -> sub-strategy ->
action table -> row, a run of lost actions becoming one gap row.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from ..model import Action, Facet, Heading, Plan, SourceState
from ..site_structure import heading_anchor
from . import wording
from .blocks import (
    ActionRow,
    ActionTable,
    Block,
    Document,
    Fact,
    Facts,
    GapRow,
    Note,
    NumberedItem,
    NumberedList,
    Paragraph,
    Ref,
    Role,
    Run,
    Runs,
    SubItemLine,
    runs_text,
)
from .blocks import Heading as HeadingBlock


def plan_document(plan: Plan) -> Document:
    """壹 to 陸 in the source's order; sections are level 1, so facets sit at 2."""
    blocks: list[Block] = [*front_blocks(plan)]
    blocks += [HeadingBlock(1, wording.section_label(plan.basis_heading), "basis"), basis_list(plan)]
    blocks.append(HeadingBlock(1, wording.section_label(plan.goals_heading), "goals"))
    blocks += goal_paragraphs(plan)
    blocks += [HeadingBlock(1, wording.section_label(plan.targets_heading), "targets"), targets_list(plan)]
    blocks.append(HeadingBlock(1, wording.section_label(plan.execution_heading), "execution"))
    if plan.category:
        blocks.append(Paragraph((Run(wording.section_label(plan.category)),)))
    for facet in plan.facets:
        blocks += facet_blocks(plan, facet, level=2)
    blocks += [HeadingBlock(1, wording.section_label(plan.steps_heading), "steps"), steps_list(plan)]
    blocks.append(HeadingBlock(1, wording.closing_label(plan), "closing"))
    return Document(title=plan.title, meta_title=plan.title, description=None, blocks=tuple(blocks), meta=wording.file_meta(plan))


def facet_document(plan: Plan, facet: Facet) -> Document:
    context = runs_text(facet_context_runs(plan, facet))
    blocks: list[Block] = [Paragraph(facet_context_runs(plan, facet), Role.SUBTITLE), *front_blocks(plan), *facet_blocks(plan, facet, level=1)]
    return Document(title=plan.title, meta_title=wording.facet_file_title(plan, facet), description=context, blocks=tuple(blocks), meta=wording.file_meta(plan))


def facet_context_runs(plan: Plan, facet: Facet, overview: str | None = None) -> Runs:
    """Where the facet sits in the plan; `overview` (a page path) makes the plan's title a link."""
    before, title, after = wording.facet_context(plan, facet)
    return (Run(before), Run(title, ref=Ref(overview) if overview else None), Run(after))


def front_blocks(plan: Plan) -> list[Block]:
    """The plan's facts, and the editor's note on the source, under the title."""
    blocks: list[Block] = [Facts(tuple(Fact(label, value, when) for label, value, when in wording.plan_facts(plan)))]
    if plan.source_note:
        blocks.append(Note(plan.source_note))
    return blocks


def basis_list(plan: Plan) -> NumberedList:
    return NumberedList(tuple(NumberedItem(item.number, item.text) for item in plan.basis))


def goal_paragraphs(plan: Plan) -> list[Block]:
    return [Paragraph((Run(text),)) for text in plan.goals]


def targets_list(plan: Plan) -> NumberedList:
    return NumberedList(tuple(NumberedItem(item.number, item.text, item.note) for item in plan.targets))


def steps_list(plan: Plan) -> NumberedList:
    return NumberedList(tuple(NumberedItem(item.number, item.text, item.note) for item in plan.steps))


# -- the execution table


def facet_blocks(plan: Plan, facet: Facet, level: int, *, with_heading: bool = True, status: Callable[[Action], Runs] | None = None) -> list[Block]:
    """The facet's headings and action tables; `status` (web pages only) adds each action's latest assessment."""
    blocks: list[Block] = [_heading(level, facet.heading)] if with_heading else []
    blocks += _heading_note(facet.heading)
    department_notes = dict(plan.department_notes)
    for strategy in facet.strategies:
        blocks += [_heading(level + 1, strategy.heading), *_heading_note(strategy.heading)]
        for substrategy, actions in strategy.action_groups():
            place = wording.table_place(facet.heading, strategy.heading, substrategy.heading if substrategy else None)
            parent = strategy.heading if substrategy is None else substrategy.heading
            if substrategy is not None:
                # Sub-strategies stay out of the PDF bookmarks: facets and strategies are enough to find one's way.
                blocks.append(HeadingBlock(level + 2, wording.substrategy_label(parent), heading_anchor(parent), bookmarked=False))
                blocks += _heading_note(parent)
            blocks.append(action_table(parent, actions, place, department_notes, status))
    return blocks


def action_table(
    parent: Heading,
    actions: tuple[Action, ...],
    place: tuple[str, ...] = (),
    department_notes: dict[str, str] | None = None,
    status: Callable[[Action], Runs] | None = None,
) -> ActionTable:
    notes = _TableNotes()
    rows: list[ActionRow | GapRow] = []
    # A run of lost actions is one gap row, not a row of identical notices each.
    for is_missing, run in groupby(actions, key=lambda action: action.source is SourceState.MISSING):
        run_actions = list(run)
        if is_missing:
            rows.append(gap_row(run_actions, notes))
        else:
            rows += [action_row(action, notes, department_notes or {}, status(action) if status else ()) for action in run_actions]
    headers = (*wording.ACTION_HEADERS, wording.STATUS_COLUMN) if status else wording.ACTION_HEADERS
    return ActionTable(parent.id, wording.action_table_caption(parent), headers, tuple(rows), place, tuple(notes.texts))


class _TableNotes:
    """A table's editor's notes, each text once, numbered in order of first use."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def refs(self, texts: list[str | None]) -> tuple[int, ...]:
        numbers = []
        for text in texts:
            if text is None:
                continue
            if text not in self.texts:
                self.texts.append(text)
            numbers.append(self.texts.index(text) + 1)
        return tuple(dict.fromkeys(numbers))


def action_row(action: Action, notes: _TableNotes, department_notes: dict[str, str], status: Runs = ()) -> ActionRow:
    # A department name that needs explaining (a division of roles, say) gets the editor's note too.
    about_departments = [department_notes.get(name) for name in action.departments or ()]
    return ActionRow(
        action_id=action.id,
        number=wording.number_runs(action.number),
        text=wording.text_runs(action),
        subitems=tuple(SubItemLine(item.id, item.number, item.text) for item in action.subitems),
        note_refs=notes.refs([action.note, *about_departments]),
        departments=wording.departments_runs(action),
        period=wording.period_runs(action),
        status=status,
    )


def gap_row(actions: list[Action], notes: _TableNotes) -> GapRow:
    return GapRow(
        action_ids=tuple(action.id for action in actions),
        number=wording.gap_number_runs(actions),
        text=wording.text_runs(actions[0]),
        note_refs=notes.refs([action.note for action in actions]),
    )


def _heading(level: int, heading: Heading) -> HeadingBlock:
    return HeadingBlock(level, wording.heading_label(heading), heading_anchor(heading))


def _heading_note(heading: Heading) -> list[Block]:
    return [Note(heading.note)] if heading.note else []
