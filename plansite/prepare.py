"""Everything one build generates from plan_data/, in the shapes MkDocs needs.

The MkDocs hook (hooks/plan_site.py) and the benchmark's like-for-like floor
build both start from `prepare_site`, so they cannot drift apart.

A rebuild with nothing changed (same data files, same code, same build date)
reads the previous result from .cache/prepared/ instead of validating,
probing fonts and checking downloads again; that cache is JSON, never code.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .build_date import build_datetime
from .fingerprint import output_fingerprint
from .fonts import font_fingerprint
from .writers.markdown_pages import GeneratedPage, NavEntry

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
    """Generated pages, then the hand-written ones, then the site map."""
    office: dict[str, Any]
    """The office block for the templates, HTML-escaped."""
    search_terms: list[str]
    warnings: list[str]
    accessibility_mark: dict[str, str] | None = None
    """The office's 無障礙標章 for the home page, HTML-escaped; None when it has none."""


def prepare_site(project: Path, handwritten_nav: list[NavEntry]) -> PreparedSite:
    """Load and validate plan_data/, build downloads (cached), generate pages; PlanDataError on bad data."""
    digest = _input_digest(project, handwritten_nav)
    cached = _read_prepared(project, digest)
    if cached is not None:
        return cached
    prepared = _prepare(project, handwritten_nav)
    _write_prepared(project, digest, prepared)
    return prepared


def _prepare(project: Path, handwritten_nav: list[NavEntry]) -> PreparedSite:
    # Imported here: a rebuild served from the cache never loads Typst or odfpy.
    from .downloads import Download, DownloadCache, planned_downloads
    from .mkdocs.search_dictionary import user_terms
    from .source import printable
    from .source.load import load_site
    from .writers.markdown_pages import generate_site_pages
    from .writers.sitemap_page import SITEMAP, sitemap_page

    glyphs = project / GLYPH_CACHE
    known = _read_json(glyphs, {})
    if isinstance(known, dict) and known.get("fonts") == font_fingerprint():
        printable.remember_printable(known.get("characters", []))
    result = load_site(project / "plan_data")
    _write_json(glyphs, {"fonts": font_fingerprint(), "characters": sorted(printable.known_printable())})
    site = result.site

    cache = DownloadCache(project / DOWNLOAD_CACHE)
    downloads = cache.build([spec for plan in site.plans for spec in planned_downloads(plan)], site.office, build_datetime())
    by_plan: dict[str, list[Download]] = {}
    for download in downloads:
        by_plan.setdefault(download.spec.plan.id, []).append(download)
    pages, nav = generate_site_pages(site, by_plan)
    nav += handwritten_nav
    nav.append(NavEntry("網站導覽", SITEMAP))
    pages.append(sitemap_page(nav))
    files = [SiteFile(download.url_path, str(download.path)) for download in downloads]
    return PreparedSite(
        pages,
        files,
        nav,
        office_for_templates(site.office),
        user_terms(site),
        [str(issue) for issue in result.warnings],
        accessibility_mark_for_templates(site.accessibility_mark),
    )


def office_for_templates(office: Any) -> dict[str, Any]:
    """Escaped display strings for the footer: Material's templates do not escape.

    Only what site.yaml states is shown; an unknown (null) field is left out
    of the footer (the build reminds the webmaster of it, see source/load.py).
    Each contact row is [label, text, link or None].
    """
    rows = [
        ("上級機關", office.parent_organization, None),
        ("主管機關", office.competent_authority, None),
        ("地址", office.address, None),
        ("電話", office.phone, None),
        ("客服專線", office.customer_service_phone, None),
        ("傳真", office.fax, None),
        ("電子郵件", office.email, f"mailto:{office.email}" if office.email else None),
        ("機關網站", office.website, office.website),
        ("上班時間", office.office_hours, None),
    ]
    return {
        "name": html.escape(office.name),
        "contact": [[label, html.escape(value), html.escape(link) if link else None] for label, value, link in rows if value],
    }


def accessibility_mark_for_templates(mark: Any) -> dict[str, str] | None:
    """The office's 無障礙標章 for the home page, escaped; image as a path inside docs/."""
    if mark is None:
        return None
    return {
        "image": html.escape(mark.image.removeprefix("docs/")),
        "link": html.escape(mark.link),
        "alt": html.escape(mark.alt),
    }


def nav_entry_from_config(item: Any, docs_dir: Path | None = None) -> NavEntry:
    """A hand-written entry of mkdocs.yml's nav ({title: path}, {title: [...]} or a bare path)."""
    if isinstance(item, dict):
        ((title, value),) = item.items()
        if isinstance(value, list):
            return NavEntry(str(title), children=[nav_entry_from_config(child, docs_dir) for child in value])
        return NavEntry(str(title), str(value))
    return NavEntry(_page_title(str(item), docs_dir), str(item))


def _page_title(uri: str, docs_dir: Path | None) -> str:
    """A bare nav entry's title as MkDocs would show it: the page's first `# ` heading."""
    try:
        for line in (docs_dir / uri).read_text(encoding="utf-8").splitlines() if docs_dir else ():
            if line.startswith("# "):
                return line[2:].strip()
    except OSError:
        pass
    return Path(uri).stem


def nav_config(entry: NavEntry) -> dict[str, Any]:
    """A nav entry as mkdocs.yml writes it; titles escaped, since theme templates print them raw."""
    title = html.escape(entry.title)
    if entry.children:
        return {title: [nav_config(child) for child in entry.children]}
    return {title: entry.uri}


# -- the prepared-site cache


def _input_digest(project: Path, handwritten_nav: list[NavEntry]) -> str:
    """Everything the prepared site depends on: data files, our code, libraries and fonts, build date, nav."""
    digest = hashlib.sha256(output_fingerprint().encode())
    folder = project / "plan_data"
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(f"{path.relative_to(folder)}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    digest.update(build_datetime().isoformat().encode())
    digest.update(json.dumps([asdict(entry) for entry in handwritten_nav], ensure_ascii=False).encode())
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
            accessibility_mark=data.get("accessibility_mark"),
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
