"""Escaping plan text for Markdown and HTML.

Plan text is data: whatever characters it holds must come out literally.
Headings are Markdown (so the table of contents and search see them); every
other block is raw HTML built here with every text escaped.
"""

from __future__ import annotations

import html
import json
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


def front_matter(title: str, updated: date | None = None, search_boost: float | None = None, nav_context: str | None = None) -> str:
    """A page's YAML front matter (JSON values are valid YAML).

    The title is HTML-escaped because the theme prints it unescaped in <title>;
    so is nav_context, which overrides/partials/nav-item.html prints hidden after the menu link's title.
    """
    lines = [f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    if nav_context:
        lines.append(f"nav_context: {json.dumps(esc(nav_context), ensure_ascii=False)}")
    if updated:
        lines.append(f"updated: {updated.isoformat()}")
    if search_boost is not None:
        lines.append(f"search: {{boost: {search_boost}}}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def hidden_context(context: str | None) -> str:
    """Words read with a link but hidden on screen (WCAG technique C7); "" for none."""
    return f'<span class="plan-visually-hidden">{esc(context)}</span>' if context else ""


def heading(level: int, text: str, anchor: str | None = None, *, searchable: bool = True) -> str:
    attrs = [f"#{anchor}"] if anchor else []
    if not searchable:
        attrs.append("data-search-exclude")
    suffix = f" {{{' '.join(attrs)}}}" if attrs else ""
    return f"{'#' * level} {md_inline(text)}{suffix}\n\n"
