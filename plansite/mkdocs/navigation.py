"""The navigation between plansite and MkDocs: hand-written entries of
mkdocs.yml read in, generated ones written out, and the finished navigation
(with every page's title as MkDocs decided it) read back for the site map."""

from __future__ import annotations

import html
from typing import Any

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..site_structure import NavEntry


def nav_config(entry: NavEntry) -> dict[str, Any] | str:
    """A generated entry as mkdocs.yml writes it; titles escaped, since theme templates print them raw."""
    title = html.escape(entry.title)
    if entry.children:
        return {title: [nav_config(child) for child in entry.children]}
    return {title: entry.uri}


def escaped_config_nav(item: Any) -> Any:
    """A hand-written entry of mkdocs.yml with its titles escaped like the generated ones."""
    if isinstance(item, dict):
        return {html.escape(str(title)): [escaped_config_nav(child) for child in value] if isinstance(value, list) else value for title, value in item.items()}
    return item


def site_tree(nav: Navigation) -> list[NavEntry]:
    """The built navigation as plain entries: source paths for pages, URLs for external links.

    Titles are MkDocs' own (a bare `- about.md` entry is titled by the page's
    first heading); they are HTML-escaped in the nav (see nav_config) and are
    plain text here again.
    """
    return [_entry(item) for item in nav.items]


def _entry(item: Any) -> NavEntry:
    title = html.unescape(str(item.title or ""))
    if isinstance(item, Section):
        return NavEntry(title, None, [_entry(child) for child in item.children])
    if isinstance(item, Page):
        context = (item.meta or {}).get("nav_context")  # escaped in the front matter, like the title
        return NavEntry(title, item.file.src_uri, context=html.unescape(str(context)) if context else None)
    if isinstance(item, Link):
        return NavEntry(title, item.url)
    raise TypeError(f"unknown navigation item {item!r}")
