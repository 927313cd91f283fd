"""Escaping plan text for Markdown and HTML, and links between generated pages.

Plan text is data: whatever characters it holds must come out literally.
Headings are Markdown (so the table of contents and search see them); every
other block is raw HTML built here with every text escaped.
"""

from __future__ import annotations

import html
import json
import posixpath

# Every ASCII character Python-Markdown or its common extensions give a meaning
# to and accept a backslash escape for.
_BACKSLASH_ESCAPED = set("\\`*_{}[]()#+-.!|:")
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


def front_matter(title: str) -> str:
    """A page's YAML front matter; the title is HTML-escaped for the theme's <title>."""
    return f"---\ntitle: {json.dumps(esc(title), ensure_ascii=False)}\n---\n\n"


def heading(level: int, text: str, anchor: str | None = None) -> str:
    attrs = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {md_inline(text)}{attrs}\n\n"


def page_url(uri: str) -> str:
    """The URL path MkDocs gives a Markdown file with directory URLs (a/b.md -> a/b/)."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def link(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A relative href between generated pages (MkDocs does not rewrite links in raw HTML)."""
    here = page_url(from_uri).rstrip("/") or "."
    target = page_url(to_uri).rstrip("/") or "."
    relative = posixpath.relpath(target, here)
    relative = "./" if relative == "." else relative + "/"
    fragment = f"#{anchor}" if anchor else ""
    return esc(relative + fragment)
