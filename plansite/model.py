"""The validated plan as typed, immutable objects: what every writer reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .progress.model import Round


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
    period_inferred: bool = False


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
class Amendment:
    date: date
    description: str
    document_number: str | None


@dataclass(frozen=True)
class Plan:
    id: str
    file_basename: str
    title: str
    roc_year: int
    issuing_office: str
    """The office that made the plan (訂定機關), as the plan names it; the site's own office is Site.office."""
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
    amendments: tuple[Amendment, ...] = ()
    """Oldest first; the plan's text is the amended text."""
    department_notes: tuple[tuple[str, str], ...] = ()
    """(department name, editor's note) for names that need one."""

    def rows(self) -> Iterator[ActionRow]:
        for facet in self.facets:
            yield from facet_rows(facet)

    def last_updated(self) -> date | None:
        return self.amended or self.published

    def department_note(self, name: str) -> str | None:
        return dict(self.department_notes).get(name)


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
class Synonym:
    """A search term the office configures: searching `term` also searches `alternatives`."""

    term: str
    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class SiteLink:
    """A link the office lists on the home page (its website, online services, 1911)."""

    title: str
    url: str
    description: str | None = None


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
    progress: Mapping[str, tuple[Round, ...]] = field(default_factory=dict)
    """Each plan's assessment rounds (考核), oldest first, by plan id; a plan without any has ()."""
    search_synonyms: tuple[Synonym, ...] = ()
    """site.yaml search.synonyms, in file order."""
    links: tuple[SiteLink, ...] = ()
    """site.yaml links, in file order."""
    accessibility_mark: AccessibilityMark | None = None
    """None until the office obtains a mark: never a made-up one."""

    def rounds_of(self, plan: Plan) -> tuple[Round, ...]:
        return tuple(self.progress.get(plan.id, ()))
