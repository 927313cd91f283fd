"""Building the download files through a cache (which files there are: download_files.py).

A file is rebuilt only when its input changed: the cache key is a hash of the
data it shows (the plan, or the plan with only its facet, and the office), our
code, libraries and fonts (fingerprint.py), the format and the build date. The
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
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .download_files import Download, DownloadSpec
from .fingerprint import output_fingerprint
from .model import Office
from .render_worker import RenderWorker

if TYPE_CHECKING:
    from .outline.blocks import Document
    from .outline.records import RecordTable

PDF_THREADS = 2
PRUNE_AFTER_SECONDS = 24 * 3600
# From this many new files on (e.g. ten plans built cold), separate processes pay off.
PROCESS_POOL_FROM = 200


def render(spec: DownloadSpec, office: Office, generated_at: datetime) -> bytes:
    """One file's bytes. Each writer is imported here, when a file of its kind is
    first rendered, so a build whose downloads are all cached never loads Typst or odfpy."""
    key = spec.format.key
    if key == "plan-json":
        if spec.rounds:
            raise ValueError(f"no {key!r} file for an assessment round")
        from .writers import opendata

        return opendata.render_plan_json(spec.plan, office)
    if key == "odt":
        from .writers.odt import render_document

        return render_document(_document(spec), office, generated_at)
    if key == "pdf":
        from .writers.pdf import render_document as render_pdf_document

        return render_pdf_document(_document(spec), office, generated_at)
    if key == "ods":
        from .writers.ods import render_records

        return render_records(_records(spec), office, generated_at)
    from .writers import opendata

    if key == "csv":
        return opendata.render_table_csv(_records(spec))
    if key == "rows-json":
        return opendata.render_table_json(_records(spec), spec.plan, office)
    raise ValueError(f"unknown download format {key!r}")


def _document(spec: DownloadSpec) -> Document:
    """What an ODT or PDF file says: an assessment round's results, the whole plan or one facet."""
    if spec.rounds:
        from .outline.progress import round_document

        return round_document(spec.plan, spec.rounds)
    from .outline.document import facet_document, plan_document

    return plan_document(spec.plan) if spec.facet is None else facet_document(spec.plan, spec.facet)


def _records(spec: DownloadSpec) -> RecordTable:
    """The rows of a spreadsheet, CSV or rows JSON: a round's results, or the plan's (or one facet's) actions."""
    if spec.rounds:
        from .outline.progress import round_records

        return round_records(spec.plan, spec.rounds)
    from .outline.records import plan_records

    return plan_records(spec.plan, spec.facet)


@dataclass
class PendingDownloads:
    """Downloads perhaps being rendered by a worker while the build goes on."""

    cache: DownloadCache
    specs: Sequence[DownloadSpec]
    office: Office
    generated_at: datetime
    worker: RenderWorker | None

    def result(self) -> list[Download]:
        if self.worker is not None:
            self.worker.wait()
        # All cache hits now, unless the worker failed: then this renders what is
        # left and raises the same error the worker met, with its message.
        return self.cache.build(self.specs, self.office, self.generated_at)


class DownloadCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def start(self, specs: Sequence[DownloadSpec], office: Office, generated_at: datetime, worker: RenderWorker | None = None) -> PendingDownloads:
        """Begin building: the files not in the cache yet go to `worker` (render_worker.py),
        which renders them beside the build's other work; without a worker, or
        without new files, `result()` does the work."""
        self.folder.mkdir(parents=True, exist_ok=True)
        keyed = self._keyed(specs, office, generated_at)
        missing = [spec for spec, key in keyed if not self._paths(spec, key)[1].is_file()]
        if worker is not None and missing:
            worker.submit(self.folder, missing, office, generated_at)
        elif worker is not None:
            worker.close()
            worker = None
        return PendingDownloads(self, specs, office, generated_at, worker)

    def build(self, specs: Sequence[DownloadSpec], office: Office, generated_at: datetime, prune: bool = True) -> list[Download]:
        self.folder.mkdir(parents=True, exist_ok=True)
        keyed = self._keyed(specs, office, generated_at)
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
        if prune:
            self._prune({key for _spec, key in keyed})
        return built

    def _keyed(self, specs: Sequence[DownloadSpec], office: Office, generated_at: datetime) -> list[tuple[DownloadSpec, str]]:
        scope_hashes: dict[tuple[str, int | None, str | None], str] = {}
        keyed = []
        for spec in specs:
            scope = (spec.plan.id, spec.facet.position if spec.facet else None, spec.round.id if spec.round else None)
            if scope not in scope_hashes:
                scope_hashes[scope] = _scope_hash(spec, office)
            keyed.append((spec, _cache_key(spec, scope_hashes[scope], generated_at)))
        return keyed

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
            _render_to(spec, office, generated_at, path, meta_path)
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        # An assessment's results date from the assessment; the plan's files from its last amendment.
        assessed = spec.round.assessed if spec.round is not None else None
        updated = assessed or spec.plan.last_updated() or generated_at.date()
        return Download(spec, path, meta["size"], meta["sha256"], meta["pages"], updated)

    def _render_in_processes(self, missing: list[tuple[DownloadSpec, str]], office: Office, generated_at: datetime) -> None:
        """Many new files (a large site built cold): one process per core renders them.

        Processes come from a fork server (a fresh interpreter, not a fork of
        this possibly threaded build), so they pay an import once; worth it
        only for many files.
        """
        jobs = [(spec, office, generated_at, *self._paths(spec, key)) for spec, key in missing]
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=context) as pool:
            list(pool.map(_render_job, jobs, chunksize=8))


def _render_to(spec: DownloadSpec, office: Office, generated_at: datetime, path: Path, meta_path: Path) -> None:
    content = render(spec, office, generated_at)
    pages = _pdf_pages(content) if spec.format.extension == "pdf" else None
    meta = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest(), "pages": pages}
    _write_atomically(path, content)
    _write_atomically(meta_path, json.dumps(meta).encode())


def _render_job(job: tuple[DownloadSpec, Office, datetime, Path, Path]) -> None:
    """Runs in a worker process."""
    _render_to(*job)


def _scope_hash(spec: DownloadSpec, office: Office) -> str:
    """A hash of what a file shows: the whole plan, or the plan with only its facet,
    so editing one facet leaves the other facets' files cached; and the round's
    results with their history. The model is frozen dataclasses of plain values,
    whose repr spells every field: hashing it is fast and exact."""
    plan = spec.plan if spec.facet is None else dataclasses.replace(spec.plan, facets=(spec.facet,))
    return hashlib.sha256(repr((plan, office, spec.rounds)).encode()).hexdigest()


def _cache_key(spec: DownloadSpec, scope_hash: str, generated_at: datetime) -> str:
    parts = [spec.format.key, output_fingerprint(), scope_hash, generated_at.isoformat(), spec.filename]
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
