"""Where things live on the site: the generated pages' source paths, the
anchors of plan items, and the plain types the page writer and the MkDocs
adapter exchange (a generated page, a navigation entry).

Paths here are Markdown source paths ("plans/x/facet-1.md"), never URLs:
MkDocs decides a page's URL (directory style or not), and the adapter turns
source paths into links with MkDocs' own rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .model import Action, Facet, Heading, Plan

HOME = "index.md"
OPEN_DATA = "open-data.md"
SITEMAP = "sitemap.md"
DOWNLOAD_DIR = "downloads"
# The h1 of pages whose title is not a plan heading; the skip link lands there.
PAGE_TITLE_ANCHOR = "page-title"


@dataclass(frozen=True)
class GeneratedPage:
    uri: str
    """Markdown source path, e.g. plans/fengshan-112/facet-1.md."""
    title: str
    """Navigation title."""
    markdown: str


@dataclass
class NavEntry:
    title: str
    uri: str | None = None
    """A source path (or an external URL for hand-written entries); None for a section."""
    children: list[NavEntry] = field(default_factory=list)
    context: str | None = None
    """Hidden words after the title where it repeats under another plan (PageOutline.nav_context)."""


class Links(Protocol):
    """Builds links between the site's pages and files, in the site's URL style."""

    def href(self, from_uri: str, target: str, anchor: str | None = None) -> str:
        """A relative URL from the page `from_uri` to a page or file of the site (both source paths)."""
        ...

    def url(self, uri: str) -> str:
        """The URL of a page or file, relative to the site's root."""
        ...


def plan_dir(plan: Plan) -> str:
    return f"plans/{plan.id}"


def overview_uri(plan: Plan) -> str:
    return f"{plan_dir(plan)}/index.md"


def facet_uri(plan: Plan, facet: Facet) -> str:
    return f"{plan_dir(plan)}/facet-{facet.position}.md"


def departments_uri(plan: Plan) -> str:
    return f"{plan_dir(plan)}/departments.md"


def progress_uri(plan: Plan) -> str:
    return f"{plan_dir(plan)}/progress.md"


def round_uri(plan: Plan, round_id: str) -> str:
    return f"{plan_dir(plan)}/progress-{round_id}.md"


def changes_uri(plan: Plan) -> str:
    return f"{plan_dir(plan)}/changes.md"


def comparison_uri(later: Plan) -> str:
    """The comparison of a plan with the office's plan of the year before."""
    return f"{plan_dir(later)}/compare.md"


def download_path(filename: str) -> str:
    return f"{DOWNLOAD_DIR}/{filename}"


def action_anchor(action: Action) -> str:
    return action_anchor_of(action.id)


def action_anchor_of(action_id: str) -> str:
    return f"a-{action_id}"


def subitem_anchor(subitem_id: str) -> str:
    return f"i-{subitem_id}"


def heading_anchor(heading: Heading) -> str:
    return f"s-{heading.id}"
