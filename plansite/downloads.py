"""Which download files each plan offers, and building them through a cache.

A file is rebuilt only when its input changed: the cache key is a hash of the
plan and office data, the writer's version, the scope and the build date. The
cache lives outside site/ so `mkdocs build` cleaning the site keeps it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .fingerprint import output_fingerprint
from .model import Facet, Office, Plan
from .writers import ods, odt, opendata, pdf
from .writers.opendata import render_plan_json

PDF_THREADS = 2
PRUNE_AFTER_SECONDS = 24 * 3600
# From this many new files on (e.g. ten plans built cold), separate processes pay off.
PROCESS_POOL_FROM = 200


@dataclass(frozen=True)
class FileFormat:
    extension: str
    name: str
    """The format's full name as citizens read it."""
    media_type: str
    version: str
    """Writer version: part of the cache key."""
    render: Callable[[Plan, Office, datetime, Facet | None], bytes]
    editable: bool


FORMATS: tuple[FileFormat, ...] = (
    FileFormat("odt", "開放文件格式文字文件 (ODT)", "application/vnd.oasis.opendocument.text", odt.WRITER_VERSION, odt.render_odt, True),
    FileFormat("pdf", "可攜式文件格式 (PDF)", "application/pdf", pdf.WRITER_VERSION, pdf.render_pdf, False),
    FileFormat("ods", "開放文件格式試算表 (ODS)", "application/vnd.oasis.opendocument.spreadsheet", ods.WRITER_VERSION, ods.render_ods, True),
    FileFormat(
        "csv",
        "逗號分隔值開放資料 (CSV)",
        "text/csv",
        opendata.WRITER_VERSION,
        lambda plan, _office, _at, facet: opendata.render_csv(plan, facet),
        True,
    ),
    FileFormat(
        "json",
        "JSON 開放資料（具體作法逐項）",
        "application/json",
        opendata.WRITER_VERSION,
        lambda plan, office, _at, facet: opendata.render_rows_json(plan, office, facet),
        True,
    ),
)
PLAN_JSON = FileFormat(
    "json",
    "JSON 開放資料（計畫全文結構）",
    "application/json",
    opendata.WRITER_VERSION,
    lambda plan, office, _at, _facet: render_plan_json(plan, office),
    True,
)


@dataclass(frozen=True)
class DownloadSpec:
    plan: Plan
    facet: Facet | None
    """None: the whole plan."""
    format: FileFormat
    filename: str

    @property
    def scope_label(self) -> str:
        return "全計畫" if self.facet is None else f"第 {self.facet.position} 面向"


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
        return f"downloads/{self.spec.filename}"


def planned_downloads(plan: Plan) -> list[DownloadSpec]:
    """Whole plan in every format (plus the structured JSON), then each facet."""
    base = plan.file_basename
    specs = [DownloadSpec(plan, None, fmt, f"{base}.{fmt.extension}") for fmt in FORMATS]
    specs.append(DownloadSpec(plan, None, PLAN_JSON, f"{base}-full.json"))
    for facet in plan.facets:
        specs += [DownloadSpec(plan, facet, fmt, f"{base}-facet-{facet.position}.{fmt.extension}") for fmt in FORMATS]
    return specs


class DownloadCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def build(self, specs: Sequence[DownloadSpec], office: Office, generated_at: datetime) -> list[Download]:
        self.folder.mkdir(parents=True, exist_ok=True)
        office_json = json.dumps(_jsonable(office), ensure_ascii=False, sort_keys=True).encode()
        scope_hashes: dict[tuple[str, int | None], str] = {}
        keyed = []
        for spec in specs:
            scope = (spec.plan.id, spec.facet.position if spec.facet else None)
            if scope not in scope_hashes:
                scope_hashes[scope] = _scope_hash(spec, office, office_json)
            keyed.append((spec, _cache_key(spec, scope_hashes[scope], generated_at)))
        missing = [(spec, key) for spec, key in keyed if not self._paths(spec, key)[1].is_file()]
        if len(missing) >= PROCESS_POOL_FROM and (os.cpu_count() or 1) > 1:
            self._render_in_processes(missing, office, generated_at)
        # Typst releases the GIL while it typesets, so PDFs render in worker
        # threads while this thread writes the ODF and open data files (odfpy
        # keeps process-wide state, so it stays on one thread).
        with ThreadPoolExecutor(max_workers=min(os.cpu_count() or 1, PDF_THREADS)) as pool:
            pdfs = {key: pool.submit(self._get_or_render, spec, key, office, generated_at) for spec, key in keyed if spec.format.extension == "pdf"}
            others = {key: self._get_or_render(spec, key, office, generated_at) for spec, key in keyed if key not in pdfs}
            built = [pdfs[key].result() if key in pdfs else others[key] for _spec, key in keyed]
        self._prune({key for _spec, key in keyed})
        return built

    def _prune(self, keep: set[str]) -> None:
        """Drop files no build has used for a day, so editing in a live preview does
        not pile them up; recent ones may belong to another build running now
        (a preview and a publish share the cache)."""
        cutoff = time.time() - PRUNE_AFTER_SECONDS
        for path in list(self.folder.iterdir()):
            key = path.name.split(".", 1)[0]
            if key in keep or path.name.startswith(".tmp-"):
                continue
            try:
                last_used = max(path.stat().st_mtime, (self.folder / f"{key}.meta.json").stat().st_mtime)
            except FileNotFoundError:
                last_used = 0.0  # half of an entry: the other half is gone already
            if last_used < cutoff:
                path.unlink(missing_ok=True)

    def _paths(self, spec: DownloadSpec, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.{spec.format.extension}", self.folder / f"{key}.meta.json"

    def _get_or_render(self, spec: DownloadSpec, key: str, office: Office, generated_at: datetime) -> Download:
        path, meta_path = self._paths(spec, key)
        if path.is_file() and meta_path.is_file():
            os.utime(meta_path)  # marks the entry as in use, for pruning
        else:
            _render_to(spec.format, spec.plan, office, generated_at, spec.facet, path, meta_path)
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        updated = spec.plan.last_updated() or generated_at.date()
        return Download(spec, path, meta["size"], meta["sha256"], meta["pages"], updated)

    def _render_in_processes(self, missing: list[tuple[DownloadSpec, str]], office: Office, generated_at: datetime) -> None:
        """Many new files (a large site built cold): one process per core renders them.

        Processes come from a fork server (a fresh interpreter, not a fork of
        this possibly threaded build), so they pay an import once; worth it
        only for many files.
        """
        jobs = [
            (_format_id(spec.format), spec.plan, office, generated_at, spec.facet.position if spec.facet else None, *self._paths(spec, key))
            for spec, key in missing
        ]
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=context) as pool:
            list(pool.map(_render_job, jobs, chunksize=8))


def _render_to(fmt: FileFormat, plan: Plan, office: Office, generated_at: datetime, facet: Facet | None, path: Path, meta_path: Path) -> None:
    content = fmt.render(plan, office, generated_at, facet)
    pages = _pdf_pages(content) if fmt.extension == "pdf" else None
    meta = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest(), "pages": pages}
    _write_atomically(path, content)
    _write_atomically(meta_path, json.dumps(meta).encode())


def _format_id(fmt: FileFormat) -> tuple[str, str]:
    return fmt.extension, fmt.name


def _render_job(job: tuple[tuple[str, str], Plan, Office, datetime, int | None, Path, Path]) -> None:
    """Runs in a worker process; formats travel by name since their render functions do not pickle."""
    format_id, plan, office, generated_at, facet_position, path, meta_path = job
    fmt = next(candidate for candidate in (*FORMATS, PLAN_JSON) if _format_id(candidate) == format_id)
    facet = next((facet for facet in plan.facets if facet.position == facet_position), None)
    _render_to(fmt, plan, office, generated_at, facet, path, meta_path)


def _scope_hash(spec: DownloadSpec, office: Office, office_json: bytes) -> str:
    """A hash of what a file shows: the whole plan, or the plan with only its facet,
    so editing one facet leaves the other facets' files cached."""
    plan = spec.plan if spec.facet is None else dataclasses.replace(spec.plan, facets=(spec.facet,))
    return hashlib.sha256(render_plan_json(plan, office) + office_json).hexdigest()


def _cache_key(spec: DownloadSpec, scope_hash: str, generated_at: datetime) -> str:
    parts = [spec.format.extension, spec.format.name, spec.format.version, output_fingerprint(), scope_hash, generated_at.isoformat(), spec.filename]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


_PDF_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)")


def _pdf_pages(content: bytes) -> int | None:
    counts = [int(match) for match in _PDF_PAGE_COUNT.findall(content)]
    return max(counts) if counts else None


def _write_atomically(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _jsonable(office: Office) -> dict[str, str | None]:
    return {key: value for key, value in vars(office).items()}
