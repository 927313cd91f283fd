"""Data the theme templates print (Material does not escape what it is given)."""

from __future__ import annotations

import html
from typing import Any

from ..outline.wording import NOT_PROVIDED


def office_for_templates(office: dict[str, Any]) -> dict[str, Any]:
    """Escaped display strings for the footer's contact block."""
    contact = [
        ("地址", office.get("address")),
        ("電話", office.get("phone")),
        ("客服專線", office.get("customer_service_phone")),
        ("傳真", office.get("fax")),
        ("電子郵件", office.get("email")),
        ("上班時間", office.get("office_hours")),
    ]
    return {
        "name": html.escape(office["name"]),
        "contact": [[label, html.escape(value or NOT_PROVIDED)] for label, value in contact],
    }
