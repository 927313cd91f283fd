"""Problems found in plan data, reported to webmasters in Traditional Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# A field path such as ("execution", "facets", 1, "title").
FieldPath = tuple[str | int, ...]


def _noncharacters() -> str:
    """U+FDD0..U+FDEF and the last two code points of every plane."""
    ranges = "\ufdd0-\ufdef"
    for plane in range(17):
        ranges += chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF)
    return ranges


# Characters never printed as themselves in a message: controls (a terminal
# obeys ESC sequences, BEL, CR), lone surrogates (cannot be encoded), line and
# paragraph separators, noncharacters, the byte order mark, and the bidi
# controls that reorder a terminal line.
_UNSAFE_FOR_DISPLAY = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069{_noncharacters()}]")


def code_point(character: str) -> str:
    """The one way messages name a character: U+001B."""
    return f"U+{ord(character):04X}"


def escape_for_display(text: str) -> str:
    """`text` safe for a terminal, a log line or the preview banner: every unsafe character as <U+001B>."""
    return _UNSAFE_FOR_DISPLAY.sub(lambda match: f"<{code_point(match.group())}>", text)


def escape_lines_for_display(text: str) -> str:
    """Like `escape_for_display`, keeping the line breaks of a multi-line message (a Typst diagnostic)."""
    return "\n".join(escape_for_display(line) for line in text.split("\n"))


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
        """One line, every unsafe character escaped: file names, keys and messages may quote hostile data."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = format_field_path(self.field)
        text = f"{where} {field}: {self.message}" if field else f"{where}: {self.message}"
        return escape_for_display(text)


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
