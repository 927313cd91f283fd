"""Escaping plan text for Markdown and HTML, and links between generated pages.

Plan text is data: whatever characters it holds must come out literally.
Headings are Markdown (so the table of contents and search see them); every
other block is raw HTML built here with every text escaped.
"""

from __future__ import annotations

import html
import json
import posixpath
from datetime import date

# Every ASCII character Python-Markdown or its common extensions give a meaning
# to and accept a backslash escape for.
_BACKSLASH_ESCAPED = set("\\`*_{}[]()#+-.!|")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}


def md_inline(text: str) -> str:
    """Text for a Markdown heading: shown literally, never interpreted."""
    out = []
    for char in text.replace("\n", " "):
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _BACKSLASH_ESCAPED:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def esc(text: str) -> str:
    """Text for HTML content or attribute values."""
    return html.escape(text, quote=True)


def esc_text(text: str) -> str:
    """Plan text for HTML content: escaped, its line breaks kept as <br>."""
    return esc(text).replace("\n", "<br>")


def front_matter(title: str, updated: date | None = None, search_boost: float | None = None) -> str:
    """A page's YAML front matter (JSON values are valid YAML).

    The title is HTML-escaped because the theme prints it unescaped in <title>.
    """
    lines = [f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    if updated:
        lines.append(f"updated: {updated.isoformat()}")
    if search_boost is not None:
        lines.append(f"search: {{boost: {search_boost}}}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def heading(level: int, text: str, anchor: str | None = None, *, searchable: bool = True) -> str:
    attrs = [f"#{anchor}"] if anchor else []
    if not searchable:
        attrs.append("data-search-exclude")
    suffix = f" {{{' '.join(attrs)}}}" if attrs else ""
    return f"{'#' * level} {md_inline(text)}{suffix}\n\n"


def page_url(uri: str) -> str:
    """The URL path MkDocs gives a Markdown file with directory URLs (a/b.md -> a/b/)."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def link(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A relative href between generated pages (MkDocs does not rewrite links in raw HTML)."""
    target = page_url(to_uri).rstrip("/") or "."
    relative = _relative(from_uri, target)
    relative = "./" if relative == "." else relative + "/"
    fragment = f"#{anchor}" if anchor else ""
    return esc(relative + fragment)


def relative_url(from_uri: str, file_path: str) -> str:
    """A relative href from a generated page to a plain file of the site (e.g. a download)."""
    return esc(_relative(from_uri, file_path))


def _relative(from_uri: str, target: str) -> str:
    here = page_url(from_uri).rstrip("/") or "."
    return posixpath.relpath(target, here)
