"""Which files each plan offers for download, and what a built one is.

Neutral types shared by the page outline (the 下載 block) and the builder
(downloads.py), which renders and caches them; nothing here imports a writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import Facet, Plan
from .outline import wording
from .progress.model import Round
from .site_structure import download_path


@dataclass(frozen=True)
class FileFormat:
    key: str
    """Which writer renders it."""
    extension: str
    label: str
    """The format's full name as citizens read it."""
    media_type: str
    editable: bool


ODT = FileFormat("odt", "odt", wording.FORMAT_LABELS["odt"], "application/vnd.oasis.opendocument.text", True)
PDF = FileFormat("pdf", "pdf", wording.FORMAT_LABELS["pdf"], "application/pdf", False)
ODS = FileFormat("ods", "ods", wording.FORMAT_LABELS["ods"], "application/vnd.oasis.opendocument.spreadsheet", True)
CSV = FileFormat("csv", "csv", wording.FORMAT_LABELS["csv"], "text/csv", True)
ROWS_JSON = FileFormat("rows-json", "json", wording.FORMAT_LABELS["rows-json"], "application/json", True)
PLAN_JSON = FileFormat("plan-json", "json", wording.FORMAT_LABELS["plan-json"], "application/json", True)
FORMATS: tuple[FileFormat, ...] = (ODT, PDF, ODS, CSV, ROWS_JSON)
"""Offered for the whole plan and for each facet, in this order; PLAN_JSON only for the whole plan."""


@dataclass(frozen=True)
class DownloadSpec:
    plan: Plan
    facet: Facet | None
    """None: the whole plan."""
    format: FileFormat
    filename: str
    rounds: tuple[Round, ...] = ()
    """For an assessment round's results: that round and the ones before it (its history)."""

    @property
    def round(self) -> Round | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def scope_label(self) -> str:
        if self.round is not None:
            return wording.round_scope_label(self.round.label)
        return wording.download_scope_label(self.facet)

    @property
    def url_path(self) -> str:
        return download_path(self.filename)


@dataclass(frozen=True)
class Download:
    spec: DownloadSpec
    path: Path
    """The built file (in the cache)."""
    size: int
    sha256: str
    pages: int | None
    """Page count, for PDFs."""
    updated: date

    @property
    def url_path(self) -> str:
        return self.spec.url_path


def planned_downloads(plan: Plan, rounds: tuple[Round, ...] = ()) -> list[DownloadSpec]:
    """Whole plan in every format (plus the structured JSON), then each facet, then each assessment round's results."""
    base = plan.file_basename
    specs = [DownloadSpec(plan, None, fmt, f"{base}.{fmt.extension}") for fmt in FORMATS]
    specs.append(DownloadSpec(plan, None, PLAN_JSON, f"{base}-full.json"))
    for facet in plan.facets:
        specs += [DownloadSpec(plan, facet, fmt, f"{base}-facet-{facet.position}.{fmt.extension}") for fmt in FORMATS]
    for index, round_ in enumerate(rounds):
        specs += [DownloadSpec(plan, None, fmt, f"{base}-progress-{round_.id}.{fmt.extension}", rounds[: index + 1]) for fmt in FORMATS]
    return specs
