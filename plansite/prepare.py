"""Everything one build generates from plan_data/: the pages (Markdown), the
download files (through their cache), the navigation of the generated pages,
and the data the templates and search need.

The MkDocs adapter (plansite/mkdocs/) and the benchmark's like-for-like floor
build both start from `prepare_site`, so they cannot drift apart. Nothing
here knows MkDocs: links come from the `Links` the caller gives.

A rebuild with nothing changed (same data files, same code, same build date,
same URL style) reads the previous result from .cache/prepared/ instead of
validating, probing fonts and checking downloads again; that cache is JSON,
never code.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .build_date import build_datetime
from .fingerprint import output_fingerprint
from .fonts import font_fingerprint
from .render_worker import RenderWorker
from .site_structure import GeneratedPage, Links, NavEntry

CACHE = Path(".cache")
DOWNLOAD_CACHE = CACHE / "downloads"
PREPARED_CACHE = CACHE / "prepared"
GLYPH_CACHE = CACHE / "printable-characters.json"


@dataclass(frozen=True)
class SiteFile:
    url_path: str
    """Where the file goes in the site, e.g. downloads/x.pdf."""
    source: str
    """The built file (in the download cache)."""


@dataclass(frozen=True)
class PreparedSite:
    pages: list[GeneratedPage]
    files: list[SiteFile]
    nav: list[NavEntry]
    """The generated pages' navigation (home, each plan, open data)."""
    office: dict[str, Any]
    """The office's fields as in site.yaml."""
    search_terms: list[str]
    warnings: list[str]
    search: dict[str, Any]
    """What the site search needs from the plan (plansite/search_data.py)."""
    accessibility_mark: dict[str, str] | None = None
    """The office's 無障礙標章 as in site.yaml; None when it has none."""


def prepare_site(project: Path, links: Links, url_style: str, printable: set[str]) -> PreparedSite:
    """Load and validate plan_data/, build downloads (cached), generate pages; PlanDataError on bad data."""
    return start_preparing(project, links, url_style, printable).finish()


@dataclass(frozen=True)
class Preparation:
    """A site being prepared: what the MkDocs configuration needs is known, the downloads may still be rendering."""

    nav: list[NavEntry]
    office: dict[str, Any]
    search_terms: list[str]
    warnings: list[str]
    accessibility_mark: dict[str, str] | None
    finish: Callable[[], PreparedSite]
    """Waits for the downloads and writes the pages (OutputError when a file cannot be made)."""


def start_preparing(project: Path, links: Links, url_style: str, printable: set[str], fork_worker: bool = False) -> Preparation:
    """The first half of preparing: validate the data (PlanDataError on bad data) and
    start the downloads. The navigation, office and search terms are known at
    once; `finish()` waits for the downloads and writes the pages.

    `url_style` names how `links` builds URLs (it is part of the cache key);
    `printable` holds characters known to print in the PDFs, kept by the caller;
    `fork_worker`: render new downloads in a forked worker (render_worker.py).
    """
    from .source.data_files import read_plan_data

    # The data files are read once: the digest and the load see the same bytes.
    plan_data = read_plan_data(project / "plan_data", project)
    digest = _input_digest(plan_data.digest(), url_style)
    cached = _read_prepared(project, digest) if digest else None
    if cached is not None:
        return Preparation(cached.nav, cached.office, cached.search_terms, cached.warnings, cached.accessibility_mark, lambda: cached)

    # Forked before anything below starts threads (the glyph check runs Typst).
    worker = RenderWorker.fork() if fork_worker else None
    # Imported here: a rebuild served from the cache never loads the writers.
    from .download_files import Download, planned_downloads
    from .downloads import DownloadCache
    from .outline.pages import site_pages, sitemap_page
    from .search_data import search_data
    from .search_terms import user_terms
    from .source.load import load_plan_data
    from .writers.markdown_pages import render_page

    glyphs = project / GLYPH_CACHE
    known = _read_json(glyphs, {})
    if isinstance(known, dict) and known.get("fonts") == font_fingerprint():
        printable.update(character for character in known.get("characters", []) if isinstance(character, str) and len(character) == 1)
    try:
        result = load_plan_data(plan_data, printable)
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    _write_json(glyphs, {"fonts": font_fingerprint(), "characters": sorted(printable)})
    site = result.site
    specs = [spec for plan in site.plans for spec in planned_downloads(plan, site.rounds_of(plan))]
    pending = DownloadCache(project / DOWNLOAD_CACHE).start(specs, site.office, build_datetime(), worker)
    _outlines, nav = site_pages(site)
    office = asdict(site.office)
    terms = user_terms(site)
    warnings = [str(issue) for issue in result.warnings]
    mark = asdict(site.accessibility_mark) if site.accessibility_mark else None

    def finish() -> PreparedSite:
        downloads = pending.result()
        by_plan: dict[str, list[Download]] = {}
        for download in downloads:
            by_plan.setdefault(download.spec.plan.id, []).append(download)
        outlines, _nav = site_pages(site, by_plan)
        pages = [render_page(outline, links) for outline in [*outlines, sitemap_page()]]
        files = [SiteFile(download.url_path, str(download.path)) for download in downloads]
        prepared = PreparedSite(pages, files, nav, office, terms, warnings, search_data(site, outlines, links), mark)
        if digest:
            _write_prepared(project, digest, prepared)
        return prepared

    return Preparation(nav, office, terms, warnings, mark, finish)


# -- the prepared-site cache


def _input_digest(data_digest: str | None, url_style: str) -> str | None:
    """Everything the prepared site depends on: the data files the build reads, our code,
    libraries and fonts, build date, URL style. None when a data file could not be read (nothing to cache)."""
    if data_digest is None:
        return None
    digest = hashlib.sha256(output_fingerprint().encode())
    digest.update(data_digest.encode())
    digest.update(build_datetime().isoformat().encode())
    digest.update(url_style.encode())
    return digest.hexdigest()


def _read_prepared(project: Path, digest: str) -> PreparedSite | None:
    data = _read_json(project / PREPARED_CACHE / f"{digest}.json", None)
    if not isinstance(data, dict):
        return None
    try:
        files = [SiteFile(**item) for item in data["files"]]
        if not all(Path(item.source).is_file() for item in files):
            return None  # the download cache was cleared
        return PreparedSite(
            pages=[GeneratedPage(**page) for page in data["pages"]],
            files=files,
            nav=[_nav_from_json(entry) for entry in data["nav"]],
            office=data["office"],
            search_terms=data["search_terms"],
            warnings=data["warnings"],
            search=data["search"],
            accessibility_mark=data["accessibility_mark"],
        )
    except (KeyError, TypeError):
        return None


def _write_prepared(project: Path, digest: str, prepared: PreparedSite) -> None:
    folder = project / PREPARED_CACHE
    if folder.is_dir():
        for old in folder.glob("*.json"):
            old.unlink(missing_ok=True)
    _write_json(folder / f"{digest}.json", asdict(prepared))


def _nav_from_json(data: dict[str, Any]) -> NavEntry:
    return NavEntry(data["title"], data["uri"], [_nav_from_json(child) for child in data["children"]])


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
