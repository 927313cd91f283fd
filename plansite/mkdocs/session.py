"""Live preview (`mkdocs serve`) keeps showing the last good site on data errors.

MkDocs reloads the hook module on every rebuild, so what must survive between
rebuilds lives here, in the core package, which stays imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_serving = False
_last_good: dict[Path, Any] = {}


def started(command: str) -> None:
    global _serving
    _serving = command == "serve"
    _last_good.clear()


def remember(project: Path, prepared: Any) -> None:
    _last_good[project.resolve()] = prepared


def last_good(project: Path) -> Any | None:
    """The last successfully prepared site of `project` while previewing; None otherwise."""
    return _last_good.get(project.resolve()) if _serving else None
