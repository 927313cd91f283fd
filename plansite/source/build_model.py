"""Turn validated plain data into the typed model. No checks happen here."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import (
    AccessibilityMark,
    Action,
    Amendment,
    Directive,
    Facet,
    Heading,
    NumberedText,
    Office,
    Period,
    PeriodKind,
    Plan,
    Section,
    SiteLink,
    SourceState,
    Strategy,
    SubItem,
    SubStrategy,
    Synonym,
)

Node = dict[str, Any]


def plan_from_data(data: Node, source_file: str) -> Plan:
    execution = data["execution"]
    category = execution.get("category")
    return Plan(
        id=data["id"],
        file_basename=data["file_basename"],
        title=data["title"],
        roc_year=data["roc_year"],
        issuing_office=data["office"],
        published=_optional_date(data["dates"]["published"]),
        amended=_optional_date(data["dates"]["amended"]),
        source_note=data.get("source_note"),
        departments=tuple(data["departments"]),
        basis_heading=_section(data["basis"]),
        basis=tuple(_directive(item) for item in data["basis"]["items"]),
        goals_heading=_section(data["goals"]),
        goals=tuple(data["goals"]["paragraphs"]),
        targets_heading=_section(data["targets"]),
        targets=tuple(_numbered(item) for item in data["targets"]["items"]),
        execution_heading=_section(execution),
        category=_section(category) if category else None,
        facets=tuple(_facet(facet, position) for position, facet in enumerate(execution["facets"], start=1)),
        steps_heading=_section(data["steps"]),
        steps=tuple(_numbered(item) for item in data["steps"]["items"]),
        closing=_numbered(data["closing"]),
        source_file=source_file,
        amendments=tuple(_amendment(item) for item in data.get("amendments") or []),
        department_notes=tuple((data.get("department_notes") or {}).items()),
    )


def _amendment(node: Node) -> Amendment:
    return Amendment(date.fromisoformat(node["date"]), node["description"], node.get("document_number"))


def office_from_data(data: Node) -> Office:
    return Office(**data)


def links_from_data(items: list[Node] | None) -> tuple[SiteLink, ...]:
    return tuple(SiteLink(item["title"], item["url"], item.get("description")) for item in items or [])


def synonyms_from_data(search: Node | None) -> tuple[Synonym, ...]:
    """site.yaml's optional `search.synonyms` mapping."""
    synonyms = (search or {}).get("synonyms") or {}
    return tuple(Synonym(term, tuple(alternatives)) for term, alternatives in synonyms.items())


def accessibility_mark_from_data(data: Node | None) -> AccessibilityMark | None:
    return AccessibilityMark(image=data["image"], link=data["link"], alt=data["alt"]) if data else None


def _section(node: Node) -> Section:
    return Section(node["number"], node["title"])


def _numbered(node: Node) -> NumberedText:
    return NumberedText(node["number"], node["text"], node.get("note"))


def _directive(node: Node) -> Directive:
    return Directive(
        number=node["number"],
        issuer=node["issuer"],
        date=date.fromisoformat(node["date"]),
        document_number=node["document_number"],
        title=node["title"],
        text=node["text"],
    )


def _heading(node: Node) -> Heading:
    return Heading(str(node["id"]), node["number"], node["title"], node.get("title_inferred"), node.get("note"))


def _facet(node: Node, position: int) -> Facet:
    return Facet(_heading(node), tuple(_strategy(strategy) for strategy in node["strategies"]), position)


def _strategy(node: Node) -> Strategy:
    return Strategy(
        heading=_heading(node),
        substrategies=tuple(SubStrategy(_heading(sub), _actions(sub["actions"])) for sub in node.get("substrategies", [])),
        actions=_actions(node.get("actions", [])),
    )


def _actions(nodes: list[Node]) -> tuple[Action, ...]:
    return tuple(_action(node) for node in nodes)


def _action(node: Node) -> Action:
    state = SourceState(node.get("source", "complete"))
    departments = node.get("departments")
    return Action(
        id=str(node["id"]),
        number=node["number"],
        source=state,
        text=node.get("text"),
        lost=node.get("lost"),
        subitems=tuple(SubItem(str(item["id"]), item["number"], item["text"]) for item in node.get("subitems", [])),
        departments=tuple(departments) if departments is not None else None,
        departments_inferred=bool(node.get("departments_inferred", False)),
        period=None if state is SourceState.MISSING else _period(node["period"]),
        note=node.get("note"),
        period_inferred=bool(node.get("period_inferred", False)),
    )


def _period(value: Any) -> Period:
    if value is None:
        return Period(PeriodKind.UNSTATED)
    if isinstance(value, dict):
        return Period(PeriodKind.RANGE, date.fromisoformat(value["start"]), date.fromisoformat(value["end"]))
    return Period(PeriodKind.ONGOING)


def _optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
