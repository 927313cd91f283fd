"""The footer's contact block shows what plan_data/site.yaml states about the
office (organisation, contact, website) and leaves out what it does not:
no 「未提供」 rows. The build still reminds the webmaster of each gap."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from plansite.mkdocs.templates import office_for_templates
from plansite.model import Office
from plansite.source.load import load_site

from .conftest import PROJECT_ROOT

EMPTY = Office("測試機關", None, None, None, None, None, None, None, None, None)


def test_unknown_fields_are_left_out_of_the_footer() -> None:
    assert office_for_templates(asdict(EMPTY)) == {"name": "測試機關", "contact": []}


def test_every_stated_field_is_shown_in_order_with_links_and_escaped() -> None:
    office = Office(
        name="測試<機關>",
        parent_organization="上級 & 機關",
        competent_authority="主管機關",
        address="高雄市鳳山區",
        phone="(07) 000-0000",
        customer_service_phone="1911",
        fax="(07) 000-0001",
        email="service@example.gov.tw",
        website="https://example.gov.tw/?a=1&b=2",
        office_hours="週一至週五 8:00-17:00",
    )
    assert office_for_templates(asdict(office)) == {
        "name": "測試&lt;機關&gt;",
        "contact": [
            ["上級機關", "上級 &amp; 機關", None],
            ["主管機關", "主管機關", None],
            ["地址", "高雄市鳳山區", None],
            ["電話", "(07) 000-0000", None],
            ["客服專線", "1911", None],
            ["傳真", "(07) 000-0001", None],
            ["電子郵件", "service@example.gov.tw", "mailto:service@example.gov.tw"],
            ["機關網站", "https://example.gov.tw/?a=1&amp;b=2", "https://example.gov.tw/?a=1&amp;b=2"],
            ["上班時間", "週一至週五 8:00-17:00", None],
        ],
    }


def test_the_build_still_reminds_the_webmaster_of_each_unknown_field() -> None:
    warnings = [str(issue) for issue in load_site(PROJECT_ROOT / "plan_data").warnings]
    for label in ("地址", "電話", "傳真", "電子郵件", "上班時間"):
        assert any(f"機關{label}未填（null）；頁尾不列出此項" in warning for warning in warnings), label
    assert not any("未提供" in warning for warning in warnings)
    assert Path(PROJECT_ROOT / "plan_data" / "site.yaml").read_text(encoding="utf-8").count("未提供") == 0
