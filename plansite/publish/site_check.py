"""Checks of a built site before it is published: every internal link and
anchor resolves, and every download is present and not empty."""

from __future__ import annotations

import functools
import hashlib
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class SiteProblem:
    page: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


@dataclass
class _PageScan:
    ids: set[str]
    links: list[str]


def _parse(content: bytes) -> _PageScan:
    # libxml2's HTML parser: the check reads every page of the site, and the pure-Python
    # html.parser took 25 s for a site of 100 plans (each page carries the whole navigation).
    # Imported here: loading the build's adapter must not load lxml (tests/test_layers.py).
    from lxml import etree

    scan = _PageScan(set(), [])
    root = etree.fromstring(content, etree.HTMLParser(encoding="utf-8", huge_tree=True)) if content.strip() else None
    for element in root.iter(etree.Element) if root is not None else ():
        tag, get = element.tag, element.get
        for name in ("id", "name"):
            value = get(name)
            if value and (name == "id" or tag == "a"):
                scan.ids.add(value)
        for name in ("href", "src"):
            target = get(name)
            if target and not (tag == "link" and get("rel") in ("canonical", "alternate")):
                scan.links.append(target)
    return scan


ScanCache = dict[str, tuple[list[str], list[str]]]
"""Each page's (ids, links) by the SHA-256 of its bytes: a rebuild parses only the pages that changed."""


def check_built_site(site_dir: Path, download_dir: str = "downloads", known: ScanCache | None = None) -> list[SiteProblem]:
    """Every internal link and anchor of the built site resolves, and every download is there.

    `known` (optional, updated in place) holds what earlier checks found in pages of the
    same bytes; afterwards it holds this site's pages only.
    """
    cache: ScanCache = known if known is not None else {}
    used: set[str] = set()
    # Every page carries the whole navigation, so links grow as pages x pages: resolve
    # each (folder, href) once, against one listing of the site instead of a stat per link.
    site = _SiteListing.of(site_dir)
    pages = {page: _scan(site_dir / page, cache, used) for page in sorted(site.files) if page.endswith(".html")}
    for digest in set(cache) - used:
        del cache[digest]
    resolved: dict[tuple[str, str], _Link] = {}
    problems = []
    for page, scan in pages.items():
        folder = posixpath.dirname(page)
        for href in scan.links:
            link = resolved.get((folder, href))
            if link is None:
                link = resolved[(folder, href)] = _resolve(site, folder, href)
            problem = link.problem
            if problem is None and link.fragment:
                target = pages.get(page if link.target == _THIS_PAGE else link.target or "")
                if target is not None and link.fragment not in target.ids:
                    problem = f"連結「{href}」的錨點不存在"
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
    if digest in cache:
        ids, links = cache[digest]
        return _PageScan(set(ids), list(links))
    scan = _parse(content)
    cache[digest] = (sorted(scan.ids), scan.links)
    return scan


@dataclass(frozen=True)
class _SiteListing:
    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def of(cls, site_dir: Path) -> _SiteListing:
        files, folders = set(), {""}
        for path in site_dir.rglob("*"):
            relative = path.relative_to(site_dir).as_posix()
            if path.is_dir():
                folders.add(relative)
            elif path.is_file():
                files.add(relative)
        return cls(frozenset(files), frozenset(folders))


_EXTERNAL = ("mailto:", "tel:", "data:", "javascript:")
_THIS_PAGE = ""


@dataclass(frozen=True)
class _Link:
    target: str | None
    """The site file the link leads to, _THIS_PAGE for an in-page link, None when it leaves the site."""
    fragment: str = ""
    problem: str | None = None


def _resolve(site: _SiteListing, folder: str, href: str) -> _Link:
    """Where a link of a page in `folder` leads (the same for every page of that folder)."""
    target_path, fragment = _split_href(href)
    if target_path is None:
        return _Link(None)
    if not target_path:
        return _Link(_THIS_PAGE, fragment)
    # Root-relative links (MkDocs' 404 page uses them) start at the site folder.
    base = "" if target_path.startswith("/") else folder
    joined = posixpath.normpath(posixpath.join(base, target_path.lstrip("/")))
    if joined.startswith("../") or joined == "..":
        return _Link(None, problem=f"連結「{href}」指向網站之外")
    if joined == ".":
        joined = ""
    if target_path.endswith("/") or joined in site.folders:
        joined = posixpath.join(joined, "index.html")
    if joined not in site.files:
        return _Link(None, problem=f"連結「{href}」的目標不存在")
    return _Link(joined, fragment)


@functools.lru_cache(maxsize=65536)
def _split_href(href: str) -> tuple[str | None, str]:
    """(path, fragment) of a link, unquoted; path None for a link out of the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(_EXTERNAL):
        return None, ""
    return unquote(parts.path), unquote(parts.fragment)


def _files(folder: Path) -> Iterator[Path]:
    return (path for path in sorted(folder.rglob("*")) if path.is_file())
