"""Data the theme templates print (Material does not escape what it is given)."""

from __future__ import annotations

import html
from typing import Any


def office_for_templates(office: dict[str, Any]) -> dict[str, Any]:
    """Escaped display strings for the footer.

    Only what site.yaml states is shown; an unknown (null) field is left out
    of the footer (the build reminds the webmaster of it, see source/load.py).
    Each contact row is [label, text, link or None].
    """
    email, website = office.get("email"), office.get("website")
    rows = [
        ("上級機關", office.get("parent_organization"), None),
        ("主管機關", office.get("competent_authority"), None),
        ("地址", office.get("address"), None),
        ("電話", office.get("phone"), None),
        ("客服專線", office.get("customer_service_phone"), None),
        ("傳真", office.get("fax"), None),
        ("電子郵件", email, f"mailto:{email}" if email else None),
        ("機關網站", website, website),
        ("上班時間", office.get("office_hours"), None),
    ]
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
