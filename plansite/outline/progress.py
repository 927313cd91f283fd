"""The assessment (考核) results as outlines: a plan's progress page, one page
per round, each round's results as a document (ODT, PDF) and as records (ODS,
CSV, JSON), and the latest status beside each action on the facet pages.

Counts roll up from the actions: every action (not the lost ones) counts once,
under the status reported for it in the round, or as 「本期未填報」; a facet's
or strategy's numbers are the sums of its actions' (wording.ROLLUP_METHOD says
so on the page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Action, ActionRow, Facet, Plan, SourceState, Strategy, facet_rows
from ..progress.model import ProgressRecord, Round, Status
from ..site_structure import action_anchor, facet_uri, overview_uri, progress_uri, round_uri
from . import wording
from .blocks import (
    BarChart,
    Block,
    Cell,
    ChartBar,
    ChartSeries,
    DataTable,
    Document,
    Fact,
    Facts,
    Heading,
    LinkList,
    Paragraph,
    Ref,
    Role,
    Run,
    Runs,
    Style,
    joined,
    plain,
)
from .records import ROUND_FIELDS, RecordTable

STATUSES: tuple[str, ...] = (*(status.value for status in Status), wording.NOT_REPORTED)
"""The columns of every count: the five statuses, then the actions not reported."""


def status_of(round_: Round, action: Action) -> str:
    record = round_.record_for(action.id)
    return record.status.value if record else wording.NOT_REPORTED


def status_runs(status: str, round_label: str | None = None) -> Runs:
    """A status in words (its tag only adds colour), with the round it was reported in."""
    runs: Runs = (Run(status, Style.STATUS, tag=wording.STATUS_TAGS[status]),)
    return runs + ((Run(f"（{round_label}）"),) if round_label else ())


def latest_status(rounds: Sequence[Round], action: Action) -> Runs:
    """The action's status in the latest round that reported on it; () when none did."""
    for round_ in reversed(rounds):
        record = round_.record_for(action.id)
        if record is not None:
            return status_runs(record.status.value, round_.label)
    return ()


def _assessed(plan: Plan) -> list[ActionRow]:
    return [row for row in plan.rows() if row.action.source is not SourceState.MISSING]


def _counts(round_: Round, actions: Sequence[Action]) -> tuple[int, ...]:
    tally = Counter(status_of(round_, action) for action in actions)
    return tuple(tally[status] for status in STATUSES)


def _count_cells(counts: tuple[int, ...]) -> tuple[Cell, ...]:
    return tuple(Cell(plain(str(count)), label=status) for status, count in zip(STATUSES, counts, strict=True))


# -- pages


def progress_page(plan: Plan, rounds: Sequence[Round]) -> tuple[str, str, str, list[Block]]:
    """(uri, nav title, page title, blocks) of the plan's 執行進度 page: its rounds, or that none is published."""
    blocks: list[Block] = []
    if not rounds:
        blocks.append(Paragraph(plain(wording.no_assessment_text(plan))))
    else:
        blocks.append(Paragraph(plain(wording.ROLLUP_METHOD)))
        blocks.append(Heading(2, wording.ROUND_LIST_HEADING, "rounds"))
        rows = []
        for round_ in reversed(rounds):
            counts = _counts(round_, [row.action for row in _assessed(plan)])
            title = (Run(round_.label, ref=Ref(round_uri(plan, round_.id))),)
            rows.append((Cell(title, header=True, label=wording.ROUND_LIST_HEADING), *_count_cells(counts)))
        blocks.append(DataTable(wording.ROUND_LIST_HEADING, (wording.ROUND_LIST_HEADING, *STATUSES), tuple(rows), kind="cards"))
        latest = rounds[-1]
        blocks.append(Heading(2, f"{wording.ROUND_BY_FACET_HEADING}（{latest.label}）", "latest"))
        blocks += _facet_chart_and_table(plan, latest)
    return progress_uri(plan), wording.PROGRESS_TITLE, f"{wording.PROGRESS_TITLE}｜{plan.title}", blocks


def round_page(plan: Plan, rounds: Sequence[Round], round_: Round) -> tuple[str, str, str, list[Block]]:
    """(uri, nav title, page title, blocks) of one round's results."""
    before, title, after = wording.round_context(plan.title)
    blocks: list[Block] = [Paragraph((Run(before), Run(title, ref=Ref(overview_uri(plan))), Run(after)), Role.CONTEXT)]
    assessed = _assessed(plan)
    blocks.append(Facts(_round_facts(round_, assessed)))
    blocks.append(Paragraph(plain(wording.ROLLUP_METHOD)))
    blocks.append(Heading(2, wording.ROUND_SUMMARY_HEADING, "summary"))
    counts = _counts(round_, [row.action for row in assessed])
    summary = tuple(
        (Cell(status_runs(status), header=True, label=wording.ROUND_FIELDS[2]), Cell(plain(str(count)))) for status, count in zip(STATUSES, counts, strict=True)
    )
    blocks.append(DataTable(f"{wording.ROUND_SUMMARY_HEADING}（{round_.label}）", (wording.ROUND_FIELDS[2], "項數"), summary))
    blocks.append(Heading(2, wording.ROUND_BY_FACET_HEADING, "by-facet"))
    blocks += _facet_chart_and_table(plan, round_)
    blocks.append(Heading(2, wording.ROUND_BY_STRATEGY_HEADING, "by-strategy"))
    blocks.append(_strategy_table(plan, round_))
    blocks.append(Heading(2, wording.ROUND_ACTIONS_HEADING, "actions"))
    earlier = [each for each in rounds if each is not round_ and rounds.index(each) < rounds.index(round_)]
    for facet in plan.facets:
        blocks.append(Heading(3, wording.round_facet_actions_heading(wording.heading_label(facet.heading)), f"r-{facet.heading.id}"))
        blocks.append(_action_status_table(plan, facet, round_, earlier))
    return round_uri(plan, round_.id), wording.round_nav_title(round_.label), f"{wording.round_title(round_.label)}｜{plan.title}", blocks


def _round_facts(round_: Round, assessed: list[ActionRow]) -> tuple[Fact, ...]:
    reported = sum(round_.record_for(row.action.id) is not None for row in assessed)
    return (
        Fact("考核期別", f"{round_.label}（{round_.id}）"),
        Fact("考核日期", wording.date_or_unstated(round_.assessed), round_.assessed),
        Fact("填報項數", f"{reported} 項（共 {len(assessed)} 項具體作法）"),
    )


def _facet_chart_and_table(plan: Plan, round_: Round) -> list[Block]:
    series = tuple(ChartSeries(status, wording.STATUS_TAGS[status]) for status in STATUSES)
    bars, rows = [], []
    for facet in plan.facets:
        counts = _counts(round_, [row.action for row in facet_rows(facet) if row.action.source is not SourceState.MISSING])
        label = wording.heading_label(facet.heading)
        bars.append(ChartBar(label, counts))
        rows.append((Cell((Run(label, ref=Ref(facet_uri(plan, facet))),), header=True, label="面向"), *_count_cells(counts)))
    caption = f"{wording.ROUND_BY_FACET_HEADING}（{round_.label}，項數）"
    chart = BarChart(caption, wording.CHART_DESCRIPTION, series, tuple(bars))
    return [chart, DataTable(caption, ("面向", *STATUSES), tuple(rows), kind="cards")]


def _strategy_table(plan: Plan, round_: Round) -> DataTable:
    rows = []
    for facet in plan.facets:
        for strategy in facet.strategies:
            actions = [action for _sub, group in strategy.action_groups() for action in group if action.source is not SourceState.MISSING]
            label = f"{wording.heading_label(facet.heading)} {_strategy_label(strategy)}"
            rows.append((Cell(plain(label), header=True, label="執行策略"), *_count_cells(_counts(round_, actions))))
    return DataTable(f"{wording.ROUND_BY_STRATEGY_HEADING}（{round_.label}，項數）", ("執行策略", *STATUSES), tuple(rows), kind="cards")


def _strategy_label(strategy: Strategy) -> str:
    return wording.heading_label(strategy.heading)


def _action_status_table(plan: Plan, facet: Facet, round_: Round, earlier: Sequence[Round]) -> DataTable:
    labels = wording.ROUND_FIELDS
    rows = []
    for row in facet_rows(facet):
        action = row.action
        if action.source is SourceState.MISSING:
            continue
        record = round_.record_for(action.id)
        number = (Run(wording.row_position(row), ref=Ref(facet_uri(plan, facet), action_anchor(action))),)
        history = [(each.label, status_of(each, action)) for each in earlier]
        rows.append(
            (
                Cell(number, header=True, label=labels[0]),
                Cell(wording.text_runs(action), label=labels[1]),
                Cell(status_runs(status_of(round_, action)), label=labels[2]),
                Cell(_result_runs(record), label=labels[3]),
                Cell(_evidence_runs(record), label=labels[4]),
                Cell(plain(wording.round_history(history)), label=labels[5]),
            )
        )
    caption = f"{wording.heading_label(facet.heading)}：{wording.ROUND_ACTIONS_HEADING}（{round_.label}）"
    return DataTable(caption, labels, tuple(rows), kind="cards")


def _result_runs(record: ProgressRecord | None) -> Runs:
    if record is None:
        return ()
    if record.reason:
        return (Run(wording.SUSPENDED_REASON), Run(record.reason))
    return plain(record.result) if record.result else ()


def _evidence_runs(record: ProgressRecord | None) -> Runs:
    if record is None:
        return ()
    return joined([(Run(link, ref=Ref(link, external=True)),) for link in record.evidence], "\n")


def round_links(plan: Plan, rounds: Sequence[Round]) -> LinkList:
    return LinkList(tuple((Run(wording.round_title(round_.label), ref=Ref(round_uri(plan, round_.id))),) for round_ in reversed(rounds)))


# -- files


def round_document(plan: Plan, rounds: Sequence[Round]) -> Document:
    """The last of `rounds` as a document (ODT, PDF): facts, counts, and each action's status."""
    round_ = rounds[-1]
    assessed = _assessed(plan)
    blocks: list[Block] = [Paragraph(plain("".join(wording.round_context(plan.title))), Role.SUBTITLE), Facts(_round_facts(round_, assessed))]
    blocks.append(Paragraph(plain(wording.ROLLUP_METHOD)))
    counts = _counts(round_, [row.action for row in assessed])
    blocks.append(Heading(1, wording.ROUND_SUMMARY_HEADING))
    blocks.append(Facts(tuple(Fact(status, wording.status_count(count)) for status, count in zip(STATUSES, counts, strict=True))))
    for facet in plan.facets:
        blocks.append(Heading(1, wording.heading_label(facet.heading)))
        facet_counts = _counts(round_, [row.action for row in facet_rows(facet) if row.action.source is not SourceState.MISSING])
        blocks.append(Paragraph(plain("；".join(f"{status} {count} 項" for status, count in zip(STATUSES, facet_counts, strict=True)))))
        for row in facet_rows(facet):
            if row.action.source is SourceState.MISSING:
                continue
            record = round_.record_for(row.action.id)
            blocks.append(Heading(2, wording.row_position(row), bookmarked=False))
            facts = [Fact(wording.ROUND_FIELDS[1], wording.action_text(row.action)), Fact(wording.ROUND_FIELDS[2], status_of(round_, row.action))]
            result = "".join(run.text for run in _result_runs(record))
            if result:
                facts.append(Fact(wording.ROUND_FIELDS[3], result))
            if record and record.evidence:
                facts.append(Fact(wording.ROUND_FIELDS[4], " ".join(record.evidence)))
            blocks.append(Facts(tuple(facts)))
    title = wording.round_file_title(plan, round_.label)
    return Document(title=title, meta_title=title, description=None, blocks=tuple(blocks), meta=wording.file_meta(plan))


def round_records(plan: Plan, rounds: Sequence[Round]) -> RecordTable:
    """The last of `rounds`, one row per action (not the lost ones)."""
    round_ = rounds[-1]
    rows = []
    for row in _assessed(plan):
        action = row.action
        record = round_.record_for(action.id)
        rows.append(
            {
                "round": round_.id,
                "facet": wording.heading_label(row.facet.heading),
                "strategy": wording.heading_label(row.strategy.heading),
                "substrategy": wording.heading_label(row.substrategy.heading) if row.substrategy else "",
                "number": action.number or "",
                "text": "\n".join([wording.action_text(action), *(wording.subitem_line(item.number, item.text) for item in action.subitems)]),
                "departments": wording.departments_text(action),
                "id": action.id,
                "status": status_of(round_, action),
                "result": (record.result or "") if record else "",
                "reason": (record.reason or "") if record else "",
                "evidence": "\n".join(record.evidence) if record else "",
            }
        )
    title = wording.round_file_title(plan, round_.label)
    scope = "".join(wording.round_context(plan.title))
    about = [
        ("計畫名稱", plan.title),
        ("考核期別", f"{round_.label}（{round_.id}）"),
        ("考核日期", wording.date_or_unstated(round_.assessed)),
        ("統計方式", wording.ROLLUP_METHOD),
    ]
    return RecordTable(title, scope, ROUND_FIELDS, rows, about, wording.file_meta(plan))
