"""Problems found in plan data, reported to webmasters in Traditional Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# A field path such as ("execution", "facets", 1, "title").
FieldPath = tuple[str | int, ...]


class Severity(Enum):
    ERROR = "錯誤"
    """The data cannot be published; the build stops."""
    WARNING = "提醒"
    """The data is publishable but something a citizen expects is missing."""


@dataclass(frozen=True, order=True)
class DataIssue:
    file: str
    """Path relative to the project root, with forward slashes."""
    line: int
    """1-based; 0 when the problem concerns the whole file."""
    column: int
    field: FieldPath
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = format_field_path(self.field)
        return f"{where} {field}: {self.message}" if field else f"{where}: {self.message}"


class PlanDataError(Exception):
    """The plan data has errors; every one found is in `issues`."""

    def __init__(self, issues: list[DataIssue]):
        self.issues = sorted(issues)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.issues)
        lines = [f"計畫資料有 {count} 個錯誤，網站未建置（原本已發布的網站不受影響）："]
        lines += [f"  {issue}" for issue in self.issues]
        return "\n".join(lines)


def format_field_path(path: FieldPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class OutputError(RuntimeError):
    """A download could not be produced (a missing font, a typesetting failure).
    The message is in zh-TW and says what to install or change."""
