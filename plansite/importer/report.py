"""What the importer was unsure of: one zh-TW line each for stderr, and a mark in the draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Where

FieldPath = tuple[str | int, ...]


@dataclass
class Report:
    found: list[tuple[int, str]] = field(default_factory=list)
    comments: dict[FieldPath, list[str]] = field(default_factory=dict)
    """YAML comments to write above a field, for places the plan format has no `note` for."""

    def warn(self, where: Where | None, message: str) -> None:
        line = f"{where}：{message}" if where else message
        if all(line != known for _order, known in self.found):
            self.found.append((where.order if where else 0, line))

    @property
    def warnings(self) -> list[str]:
        """One line each, in the order of the places in the document (whole-document remarks first)."""
        return [line for _order, line in sorted(self.found, key=lambda item: item[0])]

    def comment(self, path: FieldPath, text: str) -> None:
        lines = self.comments.setdefault(path, [])
        if text not in lines:
            lines.append(text)
