"""The 下載 block of a page: each file with its format's name, size, pages,
date and checksum, what the formats are, and how to ask for another format."""

from __future__ import annotations

from collections.abc import Sequence

from ..downloads import Download
from ..model import Office
from ..outline.wording import roc_date
from .markup import esc, heading, link, relative_url

FORMAT_NOTE = (
    "ODT、ODS 為開放文件格式（ODF，國家標準 CNS 15251），可用 LibreOffice 或國家發展委員會 ODF 文件應用工具開啟與編輯；"
    "PDF 為不可編輯的文件，內含可搜尋、可複製的文字。CSV、JSON 為開放資料，依政府資料開放授權條款－第1版提供。"
)


def download_block(page_uri: str, downloads: Sequence[Download], office: Office, data_page_uri: str | None) -> str:
    if not downloads:
        return ""
    # Kept out of the search index: every page has one, and it would drown real hits.
    body = heading(2, "下載", "downloads", searchable=False)
    # Several plans' files on one page: name the plan, so each link text is unique.
    name_plan = len({download.spec.plan.id for download in downloads}) > 1
    items = "\n".join(_item(page_uri, download, name_plan) for download in downloads)
    body += f'<ul class="plan-downloads">\n{items}\n</ul>\n\n'
    body += f'<p class="plan-download-note">{esc(FORMAT_NOTE)}'
    if data_page_uri:
        body += f'欄位說明見<a href="{link(page_uri, data_page_uri)}">開放資料說明</a>。'
    body += "</p>\n\n"
    body += f'<p class="plan-download-note">{_accessible_format_request(office)}</p>\n\n'
    return body


def _item(page_uri: str, download: Download, name_plan: bool) -> str:
    spec = download.spec
    href = relative_url(page_uri, download.url_path)
    facts = [_size_label(download.size)]
    if download.pages:
        facts.append(f"共 {download.pages} 頁")
    facts.append(f'更新日期 <time datetime="{download.updated.isoformat()}">{roc_date(download.updated)}</time>')
    return (
        f'<li><a href="{href}" download>{esc(f"{spec.plan.title}：" if name_plan else "")}{esc(spec.scope_label)}：{esc(spec.format.name)}</a>'
        f'<span class="plan-download-facts">（{"，".join(facts)}）</span>'
        f'<details class="plan-checksum"><summary>SHA-256 檢查碼</summary><code>{download.sha256}</code></details></li>'
    )


def _size_label(size: int) -> str:
    return f"{max(1, round(size / 1024)):,} KB"


def _accessible_format_request(office: Office) -> str:
    ways = []
    if office.customer_service_phone:
        ways.append(f"客服專線 {esc(office.customer_service_phone)}")
    if office.phone:
        ways.append(f"電話 {esc(office.phone)}")
    if office.email:
        ways.append(f'電子郵件 <a href="mailto:{esc(office.email)}">{esc(office.email)}</a>')
    how = f"，請洽{esc(office.name)}（{'、'.join(ways)}）" if ways else f"，請洽{esc(office.name)}"
    return f"如需其他格式（例如大字版或其他無障礙格式）{how}。"
