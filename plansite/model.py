"""The validated plan as typed, immutable objects: what every writer reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum


class SourceState(Enum):
    COMPLETE = "complete"
    """The text survives in the source as published."""
    PARTIAL = "partial"
    """Only part of the text survives; `Action.lost` says which part is gone."""
    MISSING = "missing"
    """The item existed (its number shows it) but its text is lost."""


class PeriodKind(Enum):
    ONGOING = "ongoing"
    """持續辦理: no end date."""
    RANGE = "range"
    UNSTATED = "unstated"
    """The source gives no period."""


ONGOING_LABEL = "持續辦理"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Heading:
    """Numbering and title of a facet, strategy or sub-strategy."""

    id: str
    number: str | None
    title: str | None
    """None when the heading is lost in the source."""
    title_inferred: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SubItem:
    id: str
    number: str | None
    text: str


@dataclass(frozen=True)
class Action:
    id: str
    number: str | None
    source: SourceState
    text: str | None
    lost: str | None
    """'start' or 'end' for partial text."""
    subitems: tuple[SubItem, ...]
    departments: tuple[str, ...] | None
    """None when the source does not say (or lost it)."""
    departments_inferred: bool
    period: Period | None
    """None only for missing actions."""
    note: str | None


@dataclass(frozen=True)
class SubStrategy:
    heading: Heading
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Strategy:
    heading: Heading
    substrategies: tuple[SubStrategy, ...]
    actions: tuple[Action, ...]
    """Actions hanging directly under the strategy (no sub-strategy level)."""

    def action_groups(self) -> Iterator[tuple[SubStrategy | None, tuple[Action, ...]]]:
        if self.actions:
            yield None, self.actions
        for substrategy in self.substrategies:
            yield substrategy, substrategy.actions


@dataclass(frozen=True)
class Facet:
    heading: Heading
    strategies: tuple[Strategy, ...]
    position: int
    """1-based position in the plan, used in page names (facet-1)."""


@dataclass(frozen=True)
class ActionRow:
    """One action with the headings above it: the plan table flattened."""

    facet: Facet
    strategy: Strategy
    substrategy: SubStrategy | None
    action: Action


@dataclass(frozen=True)
class Directive:
    number: str | None
    issuer: str
    date: date
    document_number: str
    title: str
    text: str


@dataclass(frozen=True)
class NumberedText:
    number: str | None
    text: str
    note: str | None = None


@dataclass(frozen=True)
class Section:
    number: str | None
    title: str


@dataclass(frozen=True)
class Plan:
    id: str
    file_basename: str
    title: str
    roc_year: int
    office: str
    published: date | None
    amended: date | None
    source_note: str | None
    departments: tuple[str, ...]
    basis_heading: Section
    basis: tuple[Directive, ...]
    goals_heading: Section
    goals: tuple[str, ...]
    targets_heading: Section
    targets: tuple[NumberedText, ...]
    execution_heading: Section
    category: Section | None
    facets: tuple[Facet, ...]
    steps_heading: Section
    steps: tuple[NumberedText, ...]
    closing: NumberedText
    source_file: str

    def rows(self) -> Iterator[ActionRow]:
        for facet in self.facets:
            yield from facet_rows(facet)

    def last_updated(self) -> date | None:
        return self.amended or self.published


def facet_rows(facet: Facet) -> Iterator[ActionRow]:
    for strategy in facet.strategies:
        for substrategy, actions in strategy.action_groups():
            for action in actions:
                yield ActionRow(facet, strategy, substrategy, action)


@dataclass(frozen=True)
class Office:
    name: str
    parent_organization: str | None
    competent_authority: str | None
    address: str | None
    phone: str | None
    customer_service_phone: str | None
    fax: str | None
    email: str | None
    website: str | None
    office_hours: str | None


@dataclass(frozen=True)
class AccessibilityMark:
    """The 無障礙標章 the office obtained for this site (accessibility.moda.gov.tw)."""

    image: str
    """The mark's image, a file under docs/ (e.g. docs/assets/accessibility-mark.png)."""
    link: str
    """The mark's page on accessibility.moda.gov.tw (https)."""
    alt: str
    """The image's text alternative, e.g. 通過AA等級無障礙網頁檢測."""


@dataclass(frozen=True)
class Site:
    title: str
    description: str | None
    office: Office
    plans: tuple[Plan, ...]
    """Newest first."""
    accessibility_mark: AccessibilityMark | None = None
    """None until the office obtains a mark: never a made-up one."""
