"""Comparing two years of one office's plan: which actions were added, removed or changed.

Pure logic on the model; the comparison page is built from a PlanComparison.

Pairing plans (`consecutive_pairs`): two plans pair when the same office
issued them (`Plan.issuing_office`, white space ignored) for consecutive ROC
years. When an office has more than one plan in a year, the plans of a series
are told apart by their id, download name or title with the year taken out
(demo-114 and demo-115 both read demo-#); a later plan pairs with at most one
earlier plan and the other way round, and a choice that stays ambiguous pairs
nothing rather than a guess.

Matching actions (`compare_plans`), in plan order, each action at most once:
1. By id: the same id in both years, and texts at least SAME_ID_THRESHOLD
   similar. An id reused for a wholly different action is not a "change":
   that pair falls through to step 2 and, unless it matches elsewhere, is
   reported as one action removed and another added.
2. By text, among the actions left: every pair at least SIMILARITY_THRESHOLD
   similar, best similarity first (ties: earlier plan order, then later plan
   order). This finds an action that moved to another strategy and so got a
   new id (ids begin with their parent's id).
Similarity is difflib's ratio (2 x matched tokens / all tokens) of the action
text with its sub-items, tokenised CJK-aware: a Han (or kana, punctuation)
character is one token, a run of Latin letters and digits is one token, white
space is ignored.

Lost text: an action with `source: missing` has nothing to compare, and
neither has the action of the other year holding its id (kept? rewritten? not
known): both are left out, listed in `not_compared_*`. A partial action is
matched by id only (what survives may be a few words many actions start with),
its similarity measured against the same length of the other text from the
surviving side (lost end: the starts; lost start: the ends); its text is shown
with the gap marker 〔原始文件此處缺漏〕, so no diff claims that lost words were
written or deleted.

Which fields count as changed: the text (with sub-items), number, departments
and period as printed, and the place when the action moved under another
facet, strategy or sub-strategy (another parent id). A heading renamed in
place is reported once among the heading changes, not on every action below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum
from typing import Literal, NamedTuple

from .model import Action, ActionRow, Heading, Plan, Site, SourceState
from .outline import wording

SIMILARITY_THRESHOLD = 0.6
"""Actions with different ids are one action when their texts are at least this similar.

Different actions of one plan share the office's stock words (服務、申辦、案件、
處理…): of the 3,570 pairs of different actions in the shipped plan, the median
similarity is 0.09, 3 pairs reach 0.5 and 1 reaches 0.6 (0.67: two actions
repeating one long clause word for word). Edits that keep the sentence score
higher (the example plans: 「新增三項…」→「新增五項…」 0.91, 「申辦書表提供線上填寫與下載」→
「申辦書表全面提供線上填寫、下載與線上送件」 0.74). tests/test_compare.py checks both sides."""

SAME_ID_THRESHOLD = 0.5
"""With the same id a lower bar: the id already says the office means the same action, so a
rewrite that reorders clauses (0.5 to 0.7) still shows as a change, while an id reused for
another action (the example plans' two unrelated actions of one strategy: 0.36) is reported
as removed and added."""


# -- tokens and similarity

_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_COMBINING = "\u0300-\u036f\u20d0-\u20ff\ufe00-\ufe0f\U000e0100-\U000e01ef"
_TOKEN = re.compile(rf"[{_LATIN}]+(?:[.,][0-9\uff10-\uff19]+)*|\s+|.[{_COMBINING}]*", re.DOTALL)


def tokens(text: str) -> list[str]:
    """Latin words and numbers whole (「112」, 「AA」, 「3.5」), white space runs whole, anything else
    (a Han character, a punctuation mark) one character with its combining marks. Joined, they give `text`."""
    return _TOKEN.findall(text)


def _words(text: str) -> list[str]:
    return [token for token in tokens(text) if not token.isspace()]


def _ratio(a: list[str], b: list[str], at_least: float = 0.0) -> float:
    """difflib's ratio, 2 x matched / all tokens; 0.0 for a pair the quick upper bounds put below `at_least`."""
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def text_similarity(a: str, b: str) -> float:
    """0.0 (nothing in common) to 1.0 (the same words in the same order), white space ignored."""
    return _ratio(_words(a), _words(b))


# -- word-by-word diff

DiffKind = Literal["same", "deleted", "inserted"]


class DiffPiece(NamedTuple):
    kind: DiffKind
    text: str


def text_diff(old: str, new: str) -> tuple[DiffPiece, ...]:
    """`old` turned into `new`, piece by piece: joining the "same" and "deleted" pieces gives `old`,
    the "same" and "inserted" pieces give `new`. Between two unchanged stretches the deleted text
    comes first, then the inserted text. A lone unchanged token between two changes is folded into
    them when it is white space or both changes are longer, so a rewritten phrase reads as one
    deletion and one insertion, not as shreds around a character the two happen to share."""
    a, b = tokens(old), tokens(new)
    runs: list[_Run] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append(_Run(tag != "equal", a[i1:i2], b[j1:j2]))
    pieces: list[DiffPiece] = []
    for run in _fold_lone_tokens(runs):
        if not run.changed:
            pieces.append(DiffPiece("same", "".join(run.old)))
            continue
        if run.old:
            pieces.append(DiffPiece("deleted", "".join(run.old)))
        if run.new:
            pieces.append(DiffPiece("inserted", "".join(run.new)))
    return tuple(pieces)


class _Run(NamedTuple):
    changed: bool
    old: list[str]
    new: list[str]
    """The tokens of each side; the same tokens when unchanged."""

    @property
    def long(self) -> bool:
        return max(len(self.old), len(self.new)) > 1


def _fold_lone_tokens(runs: list[_Run]) -> list[_Run]:
    folded: list[_Run] = []
    for index, run in enumerate(runs):
        previous = folded[-1] if folded and folded[-1].changed else None
        following = runs[index + 1] if index + 1 < len(runs) and runs[index + 1].changed else None
        lone = not run.changed and len(run.old) == 1
        if lone and previous is not None and following is not None and (run.old[0].isspace() or (previous.long and following.long)):
            run = _Run(True, run.old, run.new)
        if previous is not None and run.changed:
            folded[-1] = _Run(True, previous.old + run.old, previous.new + run.new)
        else:
            folded.append(run)
    return folded


# -- pairing plans


def consecutive_pairs(site: Site) -> list[tuple[Plan, Plan]]:
    """(earlier, later) plans of one office for consecutive years, newest pair first (site.plans order)."""
    pairs: list[tuple[Plan, Plan]] = []
    for later in site.plans:
        earlier = _predecessor(later, site.plans)
        if earlier is not None:
            pairs.append((earlier, later))
    return pairs


def _office_key(plan: Plan) -> str:
    return "".join(plan.issuing_office.split())


def _series_keys(plan: Plan) -> tuple[str, ...]:
    """The plan's id, download name and title with its year (ROC or Gregorian) replaced by #."""
    years = rf"(?<!\d)(?:{plan.roc_year}|{plan.roc_year + 1911})(?!\d)"
    return tuple(re.sub(years, "#", "".join(name.split())) for name in (plan.id, plan.file_basename, plan.title))


def _predecessor(later: Plan, plans: Sequence[Plan]) -> Plan | None:
    def year_of(year: int) -> list[Plan]:
        return [plan for plan in plans if plan.roc_year == year and _office_key(plan) == _office_key(later)]

    earlier_candidates = year_of(later.roc_year - 1)
    partner = _series_partner(later, earlier_candidates)
    # The pairing must hold both ways: `partner`'s own best match in the later year is `later`.
    if partner is None or _series_partner(partner, year_of(later.roc_year)) is not later:
        return None
    return partner


def _series_partner(plan: Plan, candidates: list[Plan]) -> Plan | None:
    """The one candidate of the same series (by id, then download name, then title, each narrowing
    the last); the only candidate when the office has one plan that year; otherwise none."""
    others = candidates
    for index, key in enumerate(_series_keys(plan)):
        same = [other for other in others if _series_keys(other)[index] == key]
        if same:
            others = same
    return others[0] if len(others) == 1 else None


# -- comparing two plans


class ComparedField(Enum):
    """What can change in a matched action, in the order a change lists them."""

    PLACE = "place"
    NUMBER = "number"
    TEXT = "text"
    DEPARTMENTS = "departments"
    PERIOD = "period"

    @property
    def label(self) -> str:
        return wording.COMPARED_FIELD_LABELS[self.value]


class Matching(Enum):
    ID = "id"
    TEXT = "text"


@dataclass(frozen=True)
class PlacedAction:
    """An action and where it stands in its plan."""

    row: ActionRow
    place: tuple[str, ...]
    """Labels of its facet, strategy and (if any) sub-strategy: 「一、便民服務」, 「(一) 簡化申辦流程」, 「1. 精簡書表」."""
    position: str
    """「一、便民服務 (一) 1. (1)」: wording.row_position."""

    @property
    def id(self) -> str:
        return self.row.action.id

    @property
    def action(self) -> Action:
        return self.row.action

    @property
    def number(self) -> str | None:
        return self.row.action.number


@dataclass(frozen=True)
class FieldChange:
    field: ComparedField
    earlier: str
    later: str
    """Both as printed (wording's labels: gap markers, 持續辦理, ROC dates)."""
    pieces: tuple[DiffPiece, ...]
    """The text word by word (text_diff); any other field replaced whole."""


@dataclass(frozen=True)
class MatchedAction:
    earlier: PlacedAction
    later: PlacedAction
    matched_by: Matching
    similarity: float
    changes: tuple[FieldChange, ...]
    """Empty when nothing a reader sees differs."""


class HeadingLevel(Enum):
    FACET = "facet"
    STRATEGY = "strategy"
    SUBSTRATEGY = "substrategy"

    @property
    def label(self) -> str:
        return wording.HEADING_LEVEL_LABELS[self.value]


@dataclass(frozen=True)
class HeadingChange:
    """A facet, strategy or sub-strategy added, removed or relabelled, paired by id."""

    level: HeadingLevel
    id: str
    earlier: str | None
    """The label in the earlier plan; None when added."""
    later: str | None
    """The label in the later plan; None when removed."""

    @property
    def kind(self) -> Literal["added", "removed", "relabelled"]:
        """Keys of wording.HEADING_CHANGE_LABELS."""
        if self.earlier is None:
            return "added"
        return "removed" if self.later is None else "relabelled"

    @property
    def pieces(self) -> tuple[DiffPiece, ...]:
        return text_diff(self.earlier or "", self.later or "")


@dataclass(frozen=True)
class PlanComparison:
    earlier: Plan
    later: Plan
    added: tuple[PlacedAction, ...]
    """In the later plan only, in its order."""
    removed: tuple[PlacedAction, ...]
    """In the earlier plan only, in its order."""
    changed: tuple[MatchedAction, ...]
    """Matched with differences, in the later plan's order."""
    unchanged: tuple[MatchedAction, ...]
    """Matched, nothing differs, in the later plan's order."""
    not_compared_earlier: tuple[PlacedAction, ...]
    not_compared_later: tuple[PlacedAction, ...]
    """Actions the source lost entirely (source: missing), and the other year's action holding the same id."""
    headings: tuple[HeadingChange, ...]
    """Relabelled and added headings in the later plan's order, then removed ones in the earlier's."""
    similarity_threshold: float = SIMILARITY_THRESHOLD
    same_id_threshold: float = SAME_ID_THRESHOLD


def compare_plans(earlier: Plan, later: Plan) -> PlanComparison:
    old_rows = [_placed(row) for row in earlier.rows()]
    new_rows = [_placed(row) for row in later.rows()]
    # A lost action cannot be compared, nor can the action of the other year that holds its id:
    # whether that one was kept, edited or newly written is not known.
    lost_ids = {placed.id for placed in [*old_rows, *new_rows] if placed.action.source is SourceState.MISSING}
    old = [placed for placed in old_rows if placed.id not in lost_ids]
    new = [placed for placed in new_rows if placed.id not in lost_ids]
    matches = _match(old, new)

    matched = [MatchedAction(old[i], new[j], how, similarity, _field_changes(old[i], new[j])) for j, (i, how, similarity) in sorted(matches.items())]
    earlier_matched = {i for i, _how, _similarity in matches.values()}
    return PlanComparison(
        earlier=earlier,
        later=later,
        added=tuple(placed for j, placed in enumerate(new) if j not in matches),
        removed=tuple(placed for i, placed in enumerate(old) if i not in earlier_matched),
        changed=tuple(match for match in matched if match.changes),
        unchanged=tuple(match for match in matched if not match.changes),
        not_compared_earlier=tuple(placed for placed in old_rows if placed.id in lost_ids),
        not_compared_later=tuple(placed for placed in new_rows if placed.id in lost_ids),
        headings=tuple(_heading_changes(earlier, later)),
    )


def _match(old: list[PlacedAction], new: list[PlacedAction]) -> dict[int, tuple[int, Matching, float]]:
    """later index -> (earlier index, how, similarity): by id first, then by text, one-to-one."""
    old_words = [_comparable_words(placed.action) for placed in old]
    new_words = [_comparable_words(placed.action) for placed in new]
    matches: dict[int, tuple[int, Matching, float]] = {}
    taken: set[int] = set()

    new_by_id = {placed.id: j for j, placed in enumerate(new)}
    for i, placed in enumerate(old):
        j = new_by_id.get(placed.id)
        if j is None:
            continue
        similarity = _action_similarity(old[i].action, old_words[i], new[j].action, new_words[j])
        if similarity >= SAME_ID_THRESHOLD:
            matches[j] = (i, Matching.ID, similarity)
            taken.add(i)

    # A partial text is matched by id only: what survives may be a few words any action starts with.
    old_free = [i for i in range(len(old)) if i not in taken and old[i].action.source is SourceState.COMPLETE]
    new_free = [j for j in range(len(new)) if j not in matches and new[j].action.source is SourceState.COMPLETE]
    candidates = []
    for i in old_free:
        for j in new_free:
            similarity = _ratio(old_words[i], new_words[j], at_least=SIMILARITY_THRESHOLD)
            if similarity >= SIMILARITY_THRESHOLD:
                candidates.append((similarity, i, j))
    # Best first; equal similarities in plan order, so the result never depends on anything else.
    for similarity, i, j in sorted(candidates, key=lambda candidate: (-candidate[0], candidate[1], candidate[2])):
        if i not in taken and j not in matches:
            matches[j] = (i, Matching.TEXT, similarity)
            taken.add(i)
    return matches


def _placed(row: ActionRow) -> PlacedAction:
    place = [wording.heading_label(row.facet.heading), wording.heading_label(row.strategy.heading)]
    if row.substrategy is not None:
        place.append(wording.substrategy_label(row.substrategy.heading))
    return PlacedAction(row, tuple(place), wording.row_position(row))


def _comparable_words(action: Action) -> list[str]:
    """The surviving text and the sub-items' texts (not their numbers), as similarity tokens."""
    return _words("\n".join([action.text or "", *(item.text for item in action.subitems)]))


def action_similarity(earlier: Action, later: Action) -> float:
    """How alike two actions' texts (with sub-items) are, as the matching measures it."""
    return _action_similarity(earlier, _comparable_words(earlier), later, _comparable_words(later))


def _action_similarity(a: Action, a_words: list[str], b: Action, b_words: list[str]) -> float:
    """Similarity of two actions' texts; a partial text is measured against the same length of the other
    text from the side that survives (lost end: the starts; lost start: the ends)."""
    lost = {action.lost for action in (a, b) if action.source is SourceState.PARTIAL}
    if len(lost) == 1:
        length = min(len(a_words), len(b_words))
        if lost == {"end"}:
            a_words, b_words = a_words[:length], b_words[:length]
        else:
            a_words, b_words = a_words[len(a_words) - length :], b_words[len(b_words) - length :]
    return _ratio(a_words, b_words)


def _printed_text(action: Action) -> str:
    """The text as every output prints it: gap markers where lost, each sub-item on its own line."""
    return "\n".join([wording.action_text(action), *(wording.subitem_line(item.number, item.text) for item in action.subitems)])


def _parent_ids(row: ActionRow) -> tuple[str | None, ...]:
    return (row.facet.heading.id, row.strategy.heading.id, row.substrategy.heading.id if row.substrategy else None)


def _field_changes(old: PlacedAction, new: PlacedAction) -> tuple[FieldChange, ...]:
    # The place counts as changed when the action moved under another heading; a heading renamed
    # in place is a heading change, not a change of every action under it.
    moved = _parent_ids(old.row) != _parent_ids(new.row)
    values = [
        (ComparedField.PLACE, wording.comparison_place(old.place), wording.comparison_place(new.place), moved),
        (ComparedField.NUMBER, old.number or wording.UNNUMBERED, new.number or wording.UNNUMBERED, None),
        (ComparedField.TEXT, _printed_text(old.action), _printed_text(new.action), None),
        (ComparedField.DEPARTMENTS, wording.departments_text(old.action), wording.departments_text(new.action), None),
        (ComparedField.PERIOD, wording.period_label(old.action), wording.period_label(new.action), None),
    ]
    return tuple(
        FieldChange(field, before, after, text_diff(before, after) if field is ComparedField.TEXT else _replacement(before, after))
        for field, before, after, differs in values
        if (differs if differs is not None else before != after)
    )


def _replacement(old: str, new: str) -> tuple[DiffPiece, ...]:
    """A short value (a number, departments, a period, a place) reads best replaced whole:
    〔刪：甲組〕〔增：乙組〕 rather than 〔刪：甲〕〔增：乙〕組."""
    return tuple(piece for piece in (DiffPiece("deleted", old), DiffPiece("inserted", new)) if piece.text)


# -- headings


def _headings(plan: Plan) -> Iterator[tuple[HeadingLevel, Heading, str]]:
    for facet in plan.facets:
        yield HeadingLevel.FACET, facet.heading, wording.heading_label(facet.heading)
        for strategy in facet.strategies:
            yield HeadingLevel.STRATEGY, strategy.heading, wording.heading_label(strategy.heading)
            for substrategy in strategy.substrategies:
                yield HeadingLevel.SUBSTRATEGY, substrategy.heading, wording.substrategy_label(substrategy.heading)


def _heading_changes(earlier: Plan, later: Plan) -> Iterator[HeadingChange]:
    """Headings paired by id and level only: a heading is short, so its similarity says little."""
    old = {(level, heading.id): label for level, heading, label in _headings(earlier)}
    new = {(level, heading.id): label for level, heading, label in _headings(later)}
    for key, label in new.items():
        if old.get(key) != label:
            yield HeadingChange(key[0], key[1], old.get(key), label)
    for key, label in old.items():
        if key not in new:
            yield HeadingChange(key[0], key[1], label, None)
