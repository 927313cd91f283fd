"""Checks of a built site before it is published: every internal link and
anchor resolves, and every download is present and not empty."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class SiteProblem:
    page: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name] or "")
        for name in ("href", "src"):
            target = values.get(name)
            if target and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(target)


ScanCache = dict[str, tuple[list[str], list[str]]]
"""Each page's (ids, links) by the SHA-256 of its bytes: a rebuild parses only the pages that changed."""


def check_built_site(site_dir: Path, download_dir: str = "downloads", known: ScanCache | None = None) -> list[SiteProblem]:
    """Every internal link and anchor of the built site resolves, and every download is there.

    `known` (optional, updated in place) holds what earlier checks found in pages of the
    same bytes; afterwards it holds this site's pages only.
    """
    cache: ScanCache = known if known is not None else {}
    used: set[str] = set()
    pages = {path.relative_to(site_dir).as_posix(): _scan(path, cache, used) for path in sorted(site_dir.rglob("*.html"))}
    for digest in set(cache) - used:
        del cache[digest]
    problems = []
    for page, scan in pages.items():
        for href in scan.links:
            problem = _check_link(site_dir, pages, page, href)
            if problem:
                problems.append(SiteProblem(page, problem))
    downloads = site_dir / download_dir
    if not downloads.is_dir() or not any(downloads.iterdir()):
        problems.append(SiteProblem(download_dir, "沒有任何下載檔"))
    else:
        problems += [SiteProblem(f"{download_dir}/{path.name}", "下載檔是空的") for path in _files(downloads) if path.stat().st_size == 0]
    return problems


def _scan(path: Path, cache: ScanCache, used: set[str]) -> _PageScan:
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    used.add(digest)
    scan = _PageScan()
    if digest in cache:
        ids, links = cache[digest]
        scan.ids, scan.links = set(ids), list(links)
        return scan
    scan.feed(content.decode("utf-8"))
    cache[digest] = (sorted(scan.ids), scan.links)
    return scan


def _check_link(site_dir: Path, pages: dict[str, _PageScan], page: str, href: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return None
    target_path = unquote(parts.path)
    if target_path:
        # Root-relative links (MkDocs' 404 page uses them) start at the site folder.
        base = "" if target_path.startswith("/") else posixpath.dirname(page)
        joined = posixpath.normpath(posixpath.join(base, target_path.lstrip("/")))
        if joined.startswith("../") or joined == "..":
            return f"連結「{href}」指向網站之外"
        candidate = site_dir / joined
        if target_path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_file():
            return f"連結「{href}」的目標不存在"
        target_page = candidate.relative_to(site_dir).as_posix()
    else:
        target_page = page
    if parts.fragment and target_page in pages and unquote(parts.fragment) not in pages[target_page].ids:
        return f"連結「{href}」的錨點不存在"
    return None


def _files(folder: Path) -> Iterator[Path]:
    return (path for path in sorted(folder.rglob("*")) if path.is_file())
