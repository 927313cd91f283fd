"""The plan as a document: typed blocks that every writer renders in its own syntax.

The outline builders (document.py for the ODT/PDF files, pages.py for the web
pages) decide what is said and in which words (wording.py); writers decide
only how it looks. A writer never spells out plan wording of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum


class Style(Enum):
    PLAIN = "plain"
    GAP = "gap"
    """The source lost or does not state this: 〔原始文件此處缺漏〕, 原始文件未載明."""
    INFERRED = "inferred"
    """The （推定） mark after an inferred value."""
    MUTED = "muted"
    """A placeholder that is not plan text, e.g. （未編號）."""
    CODE = "code"
    """A literal key or code, e.g. a JSON field name."""
    DELETED = "deleted"
    """Text a later version removed (the run carries its own 〔刪：…〕 marks, so it reads without colour)."""
    INSERTED = "inserted"
    """Text a later version added (with its 〔增：…〕 marks)."""
    STATUS = "status"
    """An assessment status (辦理情形); Run.tag names which, for styling beside the words."""


@dataclass(frozen=True)
class Ref:
    """A place on the site. Pages link it; files print only the text."""

    target: str
    """A source path: a generated page ("plans/x/facet-1.md") or a site file
    ("downloads/x.pdf"); or, when `external`, a full URL (https:, mailto:)."""
    anchor: str | None = None
    download: bool = False
    external: bool = False
    context: str | None = None
    """Words read with the link by assistive technology and hidden on screen (WCAG
    technique C7), where its text alone would repeat for another place on the page:
    「一、便民服務」 of two plans' menus. Starts after the visible text."""


@dataclass(frozen=True)
class Run:
    text: str
    style: Style = Style.PLAIN
    ref: Ref | None = None
    tag: str | None = None
    """A machine-readable key for styling beside the words (e.g. a status: done, suspended)."""


Runs = tuple[Run, ...]


def plain(text: str) -> Runs:
    return (Run(text),)


def joined(parts: Sequence[Runs], separator: str) -> Runs:
    """`parts` one after another, `separator` between each two."""
    runs: list[Run] = []
    for index, part in enumerate(parts):
        runs += [Run(separator)] if index else []
        runs += part
    return tuple(runs)


def runs_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)


# -- blocks shared by pages and files


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None = None
    """The web page's id for it; files ignore it."""
    bookmarked: bool = True
    """Listed in the PDF's bookmarks."""
    searchable: bool = True
    """Indexed by the site search (the 下載 heading is not)."""


class Role(Enum):
    BODY = "body"
    CONTEXT = "context"
    """Says where this page or file sits in the plan."""
    SUBTITLE = "subtitle"


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    role: Role = Role.BODY


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    when: date | None = None
    """The date the value spells, for machine-readable markup."""


@dataclass(frozen=True)
class Facts:
    items: tuple[Fact, ...]


@dataclass(frozen=True)
class NumberedItem:
    number: str | None
    text: str
    note: str | None = None


@dataclass(frozen=True)
class NumberedList:
    items: tuple[NumberedItem, ...]


@dataclass(frozen=True)
class Note:
    """An editor's note: the label (編者註) is added by the writer from wording.EDITOR_NOTE."""

    text: str


@dataclass(frozen=True)
class SubItemLine:
    id: str
    number: str | None
    text: str


@dataclass(frozen=True)
class ActionRow:
    action_id: str
    number: Runs
    text: Runs
    subitems: tuple[SubItemLine, ...]
    note_refs: tuple[int, ...]
    """Numbers of the table's editor's notes (ActionTable.notes, from 1) this row refers to."""
    departments: Runs
    period: Runs
    status: Runs = ()
    """The action's latest assessment (考核) status, on the web pages only; () when none is published."""

    @property
    def action_ids(self) -> tuple[str, ...]:
        return (self.action_id,)


@dataclass(frozen=True)
class GapRow:
    """A run of lost actions shown as one row whose text spans the data columns."""

    action_ids: tuple[str, ...]
    number: Runs
    text: Runs
    note_refs: tuple[int, ...]


@dataclass(frozen=True)
class ActionTable:
    name: str
    """Unique within a document (the parent heading's id)."""
    caption: str
    headers: tuple[str, ...]
    rows: tuple[ActionRow | GapRow, ...]
    place: tuple[str, ...] = ()
    """Where the table stands in the plan (facet, strategy, sub-strategy number), for a row's place in search results."""
    notes: tuple[str, ...] = ()
    """The editor's notes of the table's rows, each once, numbered from 1: a note repeated
    word for word on several rows is printed once below the table and referred to from each row."""


# -- blocks of the web pages only


@dataclass(frozen=True)
class Cell:
    runs: Runs
    header: bool = False
    """A row header (th scope=row)."""
    label: str | None = None
    """The column's name, repeated beside the value when a narrow screen stacks the cells."""


@dataclass(frozen=True)
class DataTable:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = ""
    """A style hook for the writer, e.g. "by-department"."""


@dataclass(frozen=True)
class LinkList:
    items: tuple[Runs, ...]


@dataclass(frozen=True)
class DownloadItem:
    ref: Ref
    label: str
    facts: tuple[str, ...]
    updated: date
    sha256: str


@dataclass(frozen=True)
class DownloadList:
    items: tuple[DownloadItem, ...]
    """Shown first: the documents (PDF, ODT)."""
    more: tuple[DownloadItem, ...]
    """Behind 「其他格式」: spreadsheets and open data."""
    notes: tuple[Runs, ...]


@dataclass(frozen=True)
class ChartBar:
    label: str
    counts: tuple[int, ...]
    """One count per ChartSeries, in order."""


@dataclass(frozen=True)
class ChartSeries:
    label: str
    tag: str
    """Styling key (colour and pattern); the label is always printed too."""


@dataclass(frozen=True)
class BarChart:
    """Horizontal stacked bars, drawn as inline SVG on the page; a DataTable with the
    same numbers follows it as the accessible alternative."""

    title: str
    description: str
    series: tuple[ChartSeries, ...]
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class NavTree:
    """The site's navigation as nested links (the 網站導覽 page)."""

    entries: tuple[NavNode, ...]


@dataclass(frozen=True)
class NavNode:
    title: str
    ref: Ref | None
    children: tuple[NavNode, ...]
    context: str | None = None
    """As Ref.context: which plan, where the title repeats in another plan's part of the menu."""


Block = Heading | Paragraph | Facts | NumberedList | Note | ActionTable | DataTable | LinkList | DownloadList | NavTree | BarChart


@dataclass(frozen=True)
class Document:
    """A downloadable file's content (ODT, PDF)."""

    title: str
    """The title printed at the top."""
    meta_title: str
    """The file's metadata title."""
    description: str | None
    blocks: tuple[Block, ...]
    meta: tuple[tuple[str, str], ...] = ()
    """More metadata fields of the file, (name, value): e.g. the plan's last amendment."""


@dataclass(frozen=True)
class PageOutline:
    """A web page's content; the page writer turns it into Markdown."""

    uri: str
    nav_title: str
    title: str
    """The page's <title>."""
    heading: Heading
    blocks: tuple[Block, ...]
    updated: date | None = None
    search_boost: float | None = None
    nav_context: str | None = None
    """Read after the menu link's title, hidden on screen, where the title repeats under another plan (see Ref.context)."""
