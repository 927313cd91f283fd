"""What lives longer than one build: a `mkdocs serve` session.

MkDocs loads the hook module afresh on every rebuild, so what must survive
between rebuilds of one preview lives in this one object, in the core
package, which stays imported: the last good prepared site (served again,
with the errors shown, when the data has an error) and the characters already
known to print in the PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..prepare import PreparedSite


@dataclass
class BuildSession:
    serving: bool = False
    last_good: dict[Path, PreparedSite] = field(default_factory=dict)
    printable: set[str] = field(default_factory=set)

    def start(self, command: str) -> None:
        self.serving = command == "serve"
        self.last_good.clear()

    def remember(self, project: Path, prepared: PreparedSite) -> None:
        self.last_good[project.resolve()] = prepared

    def fallback(self, project: Path) -> PreparedSite | None:
        """The last successfully prepared site of `project` while previewing; None otherwise."""
        return self.last_good.get(project.resolve()) if self.serving else None


SESSION = BuildSession()
