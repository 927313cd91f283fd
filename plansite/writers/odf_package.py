"""Shared ODF plumbing for the ODT and ODS writers: fonts, language, metadata
and a deterministic package.

odfpy builds the XML parts, but its own `save()` stamps every ZIP entry with
the clock, leaves `manifest:version` out of META-INF/manifest.xml (ODF 1.2
requires it) and always names itself as meta:generator. So we take the parts
it serialises and write the package ourselves: `mimetype` first and stored,
every entry with the build's one timestamp, a manifest we write.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

from lxml import etree
from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocument
from odf.style import DefaultStyle, FontFace, TextProperties
from odf.text import LineBreak, P, PageCount, PageNumber, S, Tab

ODF_VERSION = "1.2"
GENERATOR = "plansite"
LANGUAGE = "zh-TW"

# The face every style names. Its family is a CSS-style list, which LibreOffice
# reads as a fallback chain: Noto CJK is the broad default, the government's own
# 全字庫正楷體 (TW-Kai; listed under both of its names) covers every character
# of the plan, and a generic family ends the chain on systems with neither.
FONT_NAME = "Noto Sans CJK TC"
FONT_FAMILY_LIST = "'Noto Sans CJK TC', 'TW-Kai', '全字庫正楷體', serif"
FALLBACK_FACES = (("TW-Kai", "'TW-Kai'"), ("全字庫正楷體", "'全字庫正楷體'"))

_MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_VALUE_PREFIX = re.compile(r"([A-Za-z_][\w.-]*):")
_TAG_NAME = re.compile(rb"<[^\s/>]+")
_NAMESPACE_DECLARATION = re.compile(rb'\s+xmlns(?::[A-Za-z_][\w.-]*)?="[^"]*"')
# -rw-r--r-- regular file, as LibreOffice and odfpy write it.
_FILE_PERMISSIONS = 0o100644 << 16
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a ZIP entry can hold
_DEFLATE_LEVEL = 6  # fixed, so the same zlib gives the same bytes


def add_font_faces(document: OpenDocument) -> None:
    """Declare the main face (with its fallback chain) and the fallbacks on their own."""
    document.fontfacedecls.addElement(
        FontFace(name=FONT_NAME, fontfamily=FONT_FAMILY_LIST, fontfamilygeneric="swiss", fontpitch="variable"),
    )
    for name, family in FALLBACK_FACES:
        document.fontfacedecls.addElement(FontFace(name=name, fontfamily=family, fontfamilygeneric="script", fontpitch="variable"))


def text_properties(**extra: str) -> TextProperties:
    """Font and language for every script slot, so no slot falls back to the office suite's defaults.

    The Western slot is zh-TW too: LibreOffice takes a PDF's /Lang and the
    spell-check language of Latin runs from it, and this is a Chinese document.
    """
    return TextProperties(
        fontname=FONT_NAME,
        fontnameasian=FONT_NAME,
        fontnamecomplex=FONT_NAME,
        fontfamily=FONT_FAMILY_LIST,
        fontfamilyasian=FONT_FAMILY_LIST,
        fontfamilycomplex=FONT_FAMILY_LIST,
        language="zh",
        country="TW",
        languageasian="zh",
        countryasian="TW",
        **extra,
    )


def default_style(family: str, **extra: str) -> Element:
    """A style:default-style for `family` carrying the fonts and language."""
    style = DefaultStyle(family=family)
    style.addElement(text_properties(**extra))
    return style


def add_metadata(
    document: OpenDocument, title: str, creator: str, generated_at: datetime, description: str | None = None, extra: dict[str, str] | None = None
) -> None:
    """Title, language, creator and the build time (never the clock) in meta.xml;
    `extra` as user-defined fields (e.g. the plan's last amendment date)."""
    stamp = iso_timestamp(generated_at)
    document.meta.addElement(dc.Title(text=title))
    if description:
        document.meta.addElement(dc.Description(text=description))
    document.meta.addElement(dc.Language(text=LANGUAGE))
    document.meta.addElement(meta.InitialCreator(text=creator))
    document.meta.addElement(dc.Creator(text=creator))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))
    for name, value in (extra or {}).items():
        document.meta.addElement(meta.UserDefined(name=name, text=value))


def iso_timestamp(moment: datetime) -> str:
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_text(element: Element, text: str) -> None:
    """Append `text` as literal text nodes, keeping every space.

    ODF collapses runs of spaces and drops leading ones, so those become
    text:s; tabs and line breaks become their elements. odfpy escapes the
    text when it serialises, so markup-like characters stay literal.
    """
    buffer: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == " ":
            run = len(text) - index - len(text[index:].lstrip(" "))
            # Only a space straight after a character we are writing is safe as
            # a plain space; anything else (start, after a break) would be dropped.
            keep_first = bool(buffer)
            if keep_first:
                buffer.append(" ")
            _flush(element, buffer)
            hidden = run - 1 if keep_first else run
            if hidden:
                element.addElement(S(c=hidden))
            index += run
            continue
        if char in "\t\n":
            _flush(element, buffer)
            element.addElement(Tab() if char == "\t" else LineBreak())
        else:
            buffer.append(char)
        index += 1
    _flush(element, buffer)


def page_number_paragraph(template: str, **attributes: Element | str) -> Element:
    """A footer line such as 「第 {page} 頁，共 {pages} 頁」 with live page fields in place of the placeholders."""
    paragraph = P(**attributes)
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            paragraph.addElement(PageNumber(selectpage="current", numformat="1"))
        elif piece == "{pages}":
            paragraph.addElement(PageCount())
        elif piece:
            paragraph.addText(piece)
    return paragraph


# Spreadsheets print on A4 landscape, scaled so every column fits one page width.
PRINT_WIDTH_CM = 29.7
PRINT_HEIGHT_CM = 21.0
PRINT_MARGIN_CM = 1.2


def landscape_print_page(document: OpenDocument, layout_name: str, master_name: str, total_width_cm: float, page_label: str) -> Element:
    """A master page for a sheet: A4 landscape, scaled down so columns `total_width_cm` wide fit
    one page width (ODF 1.2 has a scale, not "fit to one page wide"); the footer numbers the pages."""
    from odf.style import Footer, MasterPage, PageLayout, PageLayoutProperties

    scale = min(100, int((PRINT_WIDTH_CM - 2 * PRINT_MARGIN_CM) / total_width_cm * 100))
    layout = PageLayout(name=layout_name)
    layout.addElement(
        PageLayoutProperties(
            pagewidth=f"{PRINT_WIDTH_CM}cm",
            pageheight=f"{PRINT_HEIGHT_CM}cm",
            printorientation="landscape",
            margin=f"{PRINT_MARGIN_CM}cm",
            scaleto=f"{scale}%",
        )
    )
    document.automaticstyles.addElement(layout)
    master = MasterPage(name=master_name, pagelayoutname=layout)
    footer = Footer()
    footer.addElement(page_number_paragraph(page_label))
    master.addElement(footer)
    document.masterstyles.addElement(master)
    return master


def view_settings(frozen_sheet: str, active_sheet: str, frozen_columns: int = 0, cursor_column: int = 0) -> Element:
    """LibreOffice's view settings: on `frozen_sheet` the header row (and the first
    `frozen_columns` columns, 0 or 1) stay in view; `active_sheet` opens first."""
    from odf import config as cf

    def item(name: str, kind: str, value: str) -> Element:
        element = cf.ConfigItem(name=name, type=kind)
        element.addText(value)
        return element

    table = cf.ConfigItemMapEntry(name=frozen_sheet)
    for name, kind, value in (
        ("HorizontalSplitMode", "short", "2" if frozen_columns else "0"),  # 2 = frozen
        ("VerticalSplitMode", "short", "2"),
        ("HorizontalSplitPosition", "int", str(frozen_columns)),  # right of the frozen columns
        ("VerticalSplitPosition", "int", "1"),  # below row 1
        ("ActiveSplitRange", "short", "3" if frozen_columns else "2"),
        ("PositionLeft", "int", "0"),
        ("PositionRight", "int", str(frozen_columns)),
        ("PositionTop", "int", "0"),
        ("PositionBottom", "int", "1"),
        ("CursorPositionX", "int", str(cursor_column)),
        ("CursorPositionY", "int", "1"),
    ):
        table.addElement(item(name, kind, value))
    tables = cf.ConfigItemMapNamed(name="Tables")
    tables.addElement(table)
    view = cf.ConfigItemMapEntry()
    view.addElement(item("ViewId", "string", "view1"))
    view.addElement(tables)
    view.addElement(item("ActiveTable", "string", active_sheet))
    views = cf.ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = cf.ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    return settings


def _flush(element: Element, buffer: list[str]) -> None:
    if buffer:
        element.addText("".join(buffer))
        buffer.clear()


def package(document: OpenDocument, generated_at: datetime) -> bytes:
    """The document as ODF 1.2 package bytes, identical for identical input."""
    parts: list[tuple[str, bytes]] = [
        ("content.xml", canonical_xml(document.contentxml())),
        ("styles.xml", canonical_xml(document.stylesxml().encode("utf-8"))),
        ("meta.xml", canonical_xml(_with_generator(document.metaxml().encode("utf-8")))),
    ]
    if document.settings.hasChildNodes():
        parts.append(("settings.xml", canonical_xml(document.settingsxml().encode("utf-8"))))
    parts.append(("META-INF/manifest.xml", manifest_xml(document.mimetype, [name for name, _ in parts])))
    return zip_package(document.mimetype, parts, generated_at)


def canonical_xml(xml: bytes) -> bytes:
    """The part with exactly the namespaces it uses declared on its root, in prefix order.

    odfpy declares every namespace any document in the running process has
    used so far (a class-level dict), so its output depends on what was built
    before it. Re-declaring from the part's own names makes it depend on the
    part alone. Some ODF attribute values are prefixed names too (the
    settings set "ooo:view-settings", formulas "of:="): LibreOffice resolves
    those prefixes and ignores the settings if `ooo` is undeclared, so a
    declared prefix that starts an attribute value is kept.
    """
    root = etree.fromstring(xml)
    declared = {prefix: uri for prefix, uri in root.nsmap.items() if prefix}
    prefixes = {uri: prefix for prefix, uri in declared.items()}
    used: dict[str, str] = {}
    for element in root.iter(tag=etree.Element):
        for name, value in element.attrib.items():
            match = _VALUE_PREFIX.match(value)
            if match and match.group(1) in declared:
                used[match.group(1)] = declared[match.group(1)]
            used.update(_prefixed(name, prefixes))
        used.update(_prefixed(element.tag, prefixes))
    # The declarations are rewritten in the serialised root tag: moving the
    # children under a new root instead costs time squared in the part's size
    # (lxml re-checks namespaces per moved node: 7 s for a 5,000-row ODS).
    serialised = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    tag_start = serialised.index(b"<", serialised.index(b"?>"))
    tag_end = serialised.index(b">", tag_start)  # lxml escapes ">" inside attribute values
    name_end = _TAG_NAME.match(serialised, tag_start).end()  # type: ignore[union-attr]
    declarations = b"".join(b' xmlns:%s="%s"' % (prefix.encode(), _attribute(uri)) for prefix, uri in sorted(used.items()))
    rest_of_tag = _NAMESPACE_DECLARATION.sub(b"", serialised[name_end:tag_end])
    return serialised[:name_end] + declarations + rest_of_tag + serialised[tag_end:]


def _attribute(value: str) -> bytes:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").encode()


def _prefixed(name: str, prefixes: dict[str, str]) -> dict[str, str]:
    uri = etree.QName(name).namespace
    return {prefixes[uri]: uri} if uri and uri != _XML_NS else {}


def manifest_xml(mimetype: str, part_names: list[str]) -> bytes:
    """META-INF/manifest.xml with the manifest:version that ODF 1.2 requires."""

    def q(name: str) -> str:
        return f"{{{_MANIFEST_NS}}}{name}"

    root = etree.Element(q("manifest"), nsmap={"manifest": _MANIFEST_NS})
    root.set(q("version"), ODF_VERSION)
    entries = [("/", mimetype)] + [(name, "text/xml") for name in part_names]
    for path, media_type in entries:
        entry = etree.SubElement(root, q("file-entry"))
        entry.set(q("full-path"), path)
        if path == "/":
            entry.set(q("version"), ODF_VERSION)
        entry.set(q("media-type"), media_type)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def zip_package(mimetype: str, parts: list[tuple[str, bytes]], generated_at: datetime) -> bytes:
    """`mimetype` first and stored (so tools can sniff the type), then the parts deflated."""
    stamp = _zip_date_time(generated_at)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_info("mimetype", stamp, zipfile.ZIP_STORED), mimetype.encode("ascii"))
        for name, data in parts:
            archive.writestr(_zip_info(name, stamp, zipfile.ZIP_DEFLATED), data, compresslevel=_DEFLATE_LEVEL)
    return buffer.getvalue()


def _zip_info(name: str, stamp: tuple[int, int, int, int, int, int], compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = compression
    info.external_attr = _FILE_PERMISSIONS
    info.create_system = 3  # Unix, whatever the building machine is
    return info


def _zip_date_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    utc = max(_utc(moment), _ZIP_EPOCH)
    # ZIP time has a two-second resolution and no time zone; we store UTC.
    return (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second - utc.second % 2)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"generated_at must be timezone-aware (got {moment.isoformat()})")
    return moment.astimezone(UTC)


def _with_generator(meta_xml: bytes) -> bytes:
    """odfpy always writes itself as meta:generator; the producer is plansite."""
    root = etree.fromstring(meta_xml)
    for generator in root.iter(f"{{{_META_NS}}}generator"):
        generator.text = GENERATOR
    return etree.tostring(root)
