"""Data the theme templates print (Material does not escape what it is given)."""

from __future__ import annotations

import html
from typing import Any

from ..outline.wording import FOOTER_CONTACT_LABELS


def office_for_templates(office: dict[str, Any]) -> dict[str, Any]:
    """Escaped display strings for the footer.

    Only what site.yaml states is shown; an unknown (null) field is left out
    of the footer (the build reminds the webmaster of it, see source/load.py).
    Each contact row is [label, text, link or None].
    """
    email, website = office.get("email"), office.get("website")
    links = {"email": f"mailto:{email}" if email else None, "website": website}
    rows = [(label, office.get(field), links.get(field)) for field, label in FOOTER_CONTACT_LABELS]
    return {
        "name": html.escape(office["name"]),
        "contact": [[label, html.escape(value), html.escape(link) if link else None] for label, value, link in rows if value],
    }


def accessibility_mark_for_templates(mark: dict[str, str] | None) -> dict[str, str] | None:
    """The office's 無障礙標章 for the home page, escaped; the image as a path inside docs/."""
    if mark is None:
        return None
    return {
        "image": html.escape(mark["image"].removeprefix("docs/")),
        "link": html.escape(mark["link"]),
        "alt": html.escape(mark["alt"]),
    }
