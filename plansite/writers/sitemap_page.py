"""The 網站導覽 page: every page of the site, and how the 導盲磚 keys work."""

from __future__ import annotations

from .markdown_pages import PAGE_TITLE_ANCHOR, GeneratedPage, NavEntry
from .markup import esc, front_matter, heading, link

SITEMAP = "sitemap.md"

ACCESS_KEYS = (
    ("U", "上方功能區塊", "網站名稱、選單與搜尋"),
    ("S", "網站搜尋", "開啟搜尋框"),
    ("C", "中央內容區塊", "本頁主要內容"),
    ("Z", "下方功能區塊", "機關聯絡資訊、更新日期與網站政策連結"),
)


def sitemap_page(nav: list[NavEntry]) -> GeneratedPage:
    body = front_matter("網站導覽") + heading(1, "網站導覽", PAGE_TITLE_ANCHOR)
    body += "<p>本網站依無障礙網頁規範設計。每頁最上方有「跳到主要內容」連結，並在各區塊設有導盲磚（:::）與快速鍵：</p>\n\n"
    rows = "".join(f'<tr><th scope="row">Alt + {key}</th><td>{esc(name)}</td><td>{esc(what)}</td></tr>' for key, name, what in ACCESS_KEYS)
    body += (
        "<table>\n<caption>快速鍵（Windows 的 Chrome、Edge 按 Alt + 字母；Firefox 按 Alt + Shift + 字母；"
        "macOS 按 Control + Option + 字母）</caption>\n"
        f'<thead><tr><th scope="col">快速鍵</th><th scope="col">區塊</th><th scope="col">內容</th></tr></thead>\n<tbody>{rows}</tbody>\n</table>\n\n'
    )
    body += "<p>使用 Tab 鍵可依序移到下一個連結或按鈕，Shift + Tab 回到上一個。</p>\n\n"
    body += heading(2, "網站架構", "pages")
    body += _tree(nav) + "\n\n"
    return GeneratedPage(SITEMAP, "網站導覽", body)


def _tree(entries: list[NavEntry]) -> str:
    items = []
    for entry in entries:
        label = esc(entry.title)
        if entry.uri:
            external = "://" in entry.uri or entry.uri.startswith("mailto:")
            href = esc(entry.uri) if external else link(SITEMAP, entry.uri)
            label = f'<a href="{href}">{label}</a>'
        if entry.children:
            label += _tree(entry.children)
        items.append(f"<li>{label}</li>")
    return f"<ul>{''.join(items)}</ul>"
