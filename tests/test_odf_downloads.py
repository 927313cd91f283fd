"""The ODT and ODS downloads: valid ODF 1.2, reproducible, and complete when
LibreOffice reads them.

Every document of the real plan (whole plan and each facet) is rendered once
per module; LibreOffice converts them all in two batched calls (ODT to text,
ODS to CSV) with a private profile.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import FileFormat
from openxml_audit.odf import OdfValidator

from plansite.model import Facet, Office, Plan, SourceState, facet_rows
from plansite.outline import wording
from plansite.outline.records import FIELDS
from plansite.outline.wording import EDITOR_NOTE, GAP, action_text, departments_text, heading_label, period_label
from plansite.source.load import load_site
from plansite.writers import odf_package
from plansite.writers.odf_package import canonical_xml
from plansite.writers.ods import SHEET_NAME, render_ods
from plansite.writers.odt import render_odt

from .conftest import SEED_PLAN_ID, SHIPPED_DATA, shipped_plan

pytestmark = pytest.mark.slow
GENERATED_AT = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
# Every character Markdown, HTML, Jinja, YAML or a shell could take for syntax, and a double space.
HOSTILE = "危險字元 # * [ ] < > \\ $ @ {{ }} ` \" ' & 兩個  空格"
HOSTILE_ACTION_TEXT = "提升申辦案件的處理效率，確保於處理時限內完成。"

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}
XML_PARTS = ("content.xml", "styles.xml", "meta.xml")
# The OASIS ODF 1.2 RelaxNG schemas as shipped in the openxml-audit wheel.
SCHEMA_DIR = files("openxml_audit.odf") / "schemas" / "odf-1.2"


# -- fixtures


@pytest.fixture(scope="module")
def plan_and_office(plan: Plan, office: Office) -> tuple[Plan, Office]:
    return plan, office


@pytest.fixture(scope="module")
def documents(plan: Plan, office: Office) -> dict[str, bytes]:
    """Every download of a shipped plan by file name: plan.odt, plan.ods, facet-N.odt, facet-N.ods."""
    rendered = {"plan.odt": render_odt(plan, office, GENERATED_AT), "plan.ods": render_ods(plan, office, GENERATED_AT)}
    for facet in plan.facets:
        rendered[f"facet-{facet.position}.odt"] = render_odt(plan, office, GENERATED_AT, facet)
        rendered[f"facet-{facet.position}.ods"] = render_ods(plan, office, GENERATED_AT, facet)
    return rendered


@pytest.fixture(scope="module")
def hostile_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A copy of the seed plan whose action 一(一)2.(1) holds HOSTILE, loaded through the real YAML loader."""
    data_dir = tmp_path_factory.mktemp("hostile") / "plan_data"
    shutil.copytree(SHIPPED_DATA, data_dir)
    plan_file = data_dir / "plans" / f"{SEED_PLAN_ID}.yaml"
    source = plan_file.read_text(encoding="utf-8")
    assert source.count(f"text: {HOSTILE_ACTION_TEXT}") == 1
    # A JSON string is a valid YAML double-quoted scalar, so every character arrives as written.
    plan_file.write_text(source.replace(f"text: {HOSTILE_ACTION_TEXT}", f"text: {json.dumps(HOSTILE, ensure_ascii=False)}"), encoding="utf-8")
    site = load_site(data_dir).site
    plan = next(plan for plan in site.plans if plan.id == SEED_PLAN_ID)
    assert any(row.action.text == HOSTILE for row in plan.rows())
    return {"hostile.odt": render_odt(plan, site.office, GENERATED_AT), "hostile.ods": render_ods(plan, site.office, GENERATED_AT)}


@pytest.fixture(scope="module")
def libreoffice_text(documents: dict[str, bytes], hostile_documents: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What LibreOffice reads from each file: ODT as plain text, ODS (first sheet) as CSV, by source name."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
    work = tmp_path_factory.mktemp("libreoffice")
    sources = work / "in"
    sources.mkdir()
    for name, data in {**documents, **hostile_documents}.items():
        (sources / name).write_bytes(data)
    profile = (work / "profile").as_uri()
    out = work / "out"
    targets = {".odt": "txt:Text (encoded):UTF8", ".ods": "csv:Text - txt - csv (StarCalc):44,34,76,1"}
    for suffix, target in targets.items():
        inputs = sorted(str(path) for path in sources.glob(f"*{suffix}"))
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target, "--outdir", str(out), *inputs],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    converted = {}
    for name in [*documents, *hostile_documents]:
        output = out / (Path(name).stem + (".txt" if name.endswith(".odt") else ".csv"))
        assert output.is_file(), f"LibreOffice did not convert {name}"
        converted[name] = output.read_text(encoding="utf-8-sig")
    return converted


# -- helpers


def open_package(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(open_package(data).read(name))


def relaxng(schema_file: str) -> etree.RelaxNG:
    with (SCHEMA_DIR / schema_file).open("rb") as stream:
        return etree.RelaxNG(etree.parse(stream))


def odf_text(element: etree._Element) -> str:
    """The text a reader sees: text:s expanded, tabs and breaks, one line per paragraph or heading."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if tag == "s":
            out.append(" " * int(node.get(q("text:c"), "1")))
        elif tag == "tab":
            out.append("\t")
        elif tag == "line-break":
            out.append("\n")
        else:
            out.append(node.text or "")
            for child in node:
                walk(child)
            if tag in ("p", "h"):
                out.append("\n")
        out.append(node.tail or "")

    walk(element)
    return "".join(out)


def q(prefixed: str) -> str:
    """Clark notation for a prefixed name: q("text:outline-level")."""
    prefix, local = prefixed.split(":")
    return f"{{{NS[prefix]}}}{local}"


def xpath(element: etree._Element, path: str) -> list:
    return element.xpath(path, namespaces=NS)


def odt_names(documents: dict[str, bytes]) -> list[str]:
    return [name for name in documents if name.endswith(".odt")]


def ods_names(documents: dict[str, bytes]) -> list[str]:
    return [name for name in documents if name.endswith(".ods")]


def facet_of(plan: Plan, name: str) -> Facet | None:
    match = re.fullmatch(r"facet-(\d+)\.od[ts]", name)
    return plan.facets[int(match.group(1)) - 1] if match else None


def surviving_actions(plan: Plan, facet: Facet | None):
    rows = plan.rows() if facet is None else facet_rows(facet)
    return [row.action for row in rows if row.action.source is not SourceState.MISSING]


# -- package and schema


def test_every_part_of_every_download_validates_against_the_odf_1_2_schema(documents: dict[str, bytes]) -> None:
    schema = relaxng("OpenDocument-v1.2-os-schema.rng")
    manifest_schema = relaxng("OpenDocument-v1.2-os-manifest-schema.rng")
    failures = []
    for name, data in documents.items():
        archive = open_package(data)
        for part_name in [*XML_PARTS, *(["settings.xml"] if "settings.xml" in archive.namelist() else [])]:
            if not schema.validate(etree.fromstring(archive.read(part_name))):
                failures.append(f"{name}/{part_name}: {schema.error_log.last_error}")
        if not manifest_schema.validate(etree.fromstring(archive.read("META-INF/manifest.xml"))):
            failures.append(f"{name}/META-INF/manifest.xml: {manifest_schema.error_log.last_error}")
    assert failures == []


def test_openxml_audit_finds_no_error_or_warning_in_any_download(documents: dict[str, bytes], tmp_path: Path) -> None:
    validator = OdfValidator(file_format=FileFormat.ODF_1_2, relaxng_validation=True)
    findings = {}
    for name, data in documents.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = validator.validate(path)
        if result.errors:
            findings[name] = [f"{error.id}: {error.description}" for error in result.errors]
    assert findings == {}


def test_mimetype_is_the_first_entry_and_stored_uncompressed(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        first = open_package(data).infolist()[0]
        assert first.filename == "mimetype", name
        assert first.compress_type == zipfile.ZIP_STORED, name
        assert first.extra == b"", name
        expected = "application/vnd.oasis.opendocument." + ("text" if name.endswith(".odt") else "spreadsheet")
        assert open_package(data).read("mimetype").decode("ascii") == expected
        # ODF readers sniff the type at this fixed offset.
        assert data[30:38] == b"mimetype" and data[38 : 38 + len(expected)] == expected.encode("ascii")


def test_manifest_declares_version_1_2_and_lists_every_part(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        archive = open_package(data)
        manifest = etree.fromstring(archive.read("META-INF/manifest.xml"))
        assert manifest.get(q("manifest:version")) == "1.2", name
        listed = set(xpath(manifest, "manifest:file-entry/@manifest:full-path"))
        assert listed == {"/"} | (set(archive.namelist()) - {"mimetype", "META-INF/manifest.xml"}), name


def test_every_xml_part_declares_office_version_1_2(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        archive = open_package(data)
        for part_name in [n for n in archive.namelist() if n.endswith(".xml") and not n.startswith("META-INF/")]:
            assert etree.fromstring(archive.read(part_name)).get(q("office:version")) == "1.2", f"{name}/{part_name}"


def test_every_zip_entry_carries_the_build_time_not_the_clock(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        stamps = {info.date_time for info in open_package(data).infolist()}
        assert stamps == {(2023, 11, 14, 22, 13, 20)}, name


def test_rendering_twice_gives_byte_identical_files(plan_and_office: tuple[Plan, Office], documents: dict[str, bytes]) -> None:
    plan, office = plan_and_office
    # odfpy remembers namespaces process-wide; other documents built in between must not change ours.
    from odf.draw import Page
    from odf.opendocument import OpenDocumentPresentation

    other = OpenDocumentPresentation()
    other.presentation.addElement(Page(masterpagename="x"))
    other.contentxml()
    assert render_odt(plan, office, GENERATED_AT) == documents["plan.odt"]
    assert render_ods(plan, office, GENERATED_AT) == documents["plan.ods"]
    facet = plan.facets[0]
    assert render_odt(plan, office, GENERATED_AT, facet) == documents["facet-1.odt"]
    assert render_ods(plan, office, GENERATED_AT, facet) == documents["facet-1.ods"]


def test_a_part_declares_exactly_the_namespaces_it_uses_in_prefix_order() -> None:
    # As odfpy writes a part: every namespace the process has seen, in its own order.
    part_xml = (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<office:doc xmlns:zz="urn:unused" xmlns:text="urn:t" xmlns:office="urn:o" xmlns:ooo="urn:ooo" xmlns:aa="urn:a&amp;b" office:version="1.2">'
        b'<text:p office:name="ooo:view">a &gt; b &amp; &lt;c&gt;</text:p><text:p/><aa:x/></office:doc>'
    )
    canonical = canonical_xml(part_xml)
    assert canonical == (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<office:doc xmlns:aa="urn:a&amp;b" xmlns:office="urn:o" xmlns:ooo="urn:ooo" xmlns:text="urn:t" office:version="1.2">'
        b'<text:p office:name="ooo:view">a &gt; b &amp; &lt;c&gt;</text:p><text:p/><aa:x/></office:doc>'
    )
    empty = canonical_xml(b'<office:doc xmlns:zz="urn:unused" xmlns:office="urn:o" office:version="1.2"/>')
    assert empty == b"<?xml version='1.0' encoding='UTF-8'?>\n<office:doc xmlns:office=\"urn:o\" office:version=\"1.2\"/>"


def test_a_naive_build_time_is_refused(plan_and_office: tuple[Plan, Office]) -> None:
    plan, office = plan_and_office
    with pytest.raises(ValueError, match="timezone-aware"):
        render_odt(plan, office, datetime(2023, 1, 1))


# -- metadata, fonts, language, page


def test_metadata_names_title_language_office_build_time_and_generator(plan_and_office: tuple[Plan, Office], documents: dict[str, bytes]) -> None:
    plan, office = plan_and_office
    for name, data in documents.items():
        meta = part(data, "meta.xml")
        facet = facet_of(plan, name)

        def one(path: str, meta: etree._Element = meta, name: str = name) -> str:
            values = xpath(meta, f"//{path}/text()")
            assert len(values) == 1, f"{name}: {path}"
            return values[0]

        title = one("dc:title")
        assert plan.title in title
        if facet is not None:
            assert heading_label(facet.heading) in title
        assert one("dc:language") == "zh-TW"
        assert one("dc:creator") == one("meta:initial-creator") == office.name
        assert one("meta:creation-date") == one("dc:date") == "2023-11-14T22:13:20Z"
        assert one("meta:generator") == "plansite"


def test_default_style_is_zh_tw_with_the_cjk_font_fallback_chain(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        styles = part(data, "styles.xml")
        properties = xpath(styles, "//office:styles/style:default-style/style:text-properties")
        assert properties, name
        for prop in properties:
            assert prop.get(q("style:language-asian")) == "zh" and prop.get(q("style:country-asian")) == "TW", name
            assert prop.get(q("fo:language")) == "zh" and prop.get(q("fo:country")) == "TW", name
            assert prop.get(q("style:font-name-asian")) == "Noto Sans CJK TC", name
            assert prop.get(q("fo:font-family")) == odf_package.FONT_FAMILY_LIST, name
        faces = {face.get(q("style:name")): face.get(q("svg:font-family")) for face in xpath(styles, "//style:font-face")}
        assert faces["Noto Sans CJK TC"] == "'Noto Sans CJK TC', 'TW-Kai', '全字庫正楷體', serif", name


def test_text_documents_are_a4_portrait_with_margins(documents: dict[str, bytes]) -> None:
    for name in odt_names(documents):
        layout = xpath(part(documents[name], "styles.xml"), "//style:page-layout/style:page-layout-properties")[0]
        assert (layout.get(q("fo:page-width")), layout.get(q("fo:page-height"))) == ("21.0cm", "29.7cm"), name
        for side in ("top", "bottom", "left", "right"):
            assert float(layout.get(q(f"fo:margin-{side}")).removesuffix("cm")) >= 1.5, name


# -- the text document's structure


def test_heading_styles_carry_default_outline_levels(documents: dict[str, bytes]) -> None:
    styles = part(documents["plan.odt"], "styles.xml")
    for level in (1, 2, 3, 4):
        style = xpath(styles, f"//office:styles/style:style[@style:name='Heading_20_{level}']")[0]
        assert style.get(q("style:display-name")) == f"Heading {level}"
        assert style.get(q("style:default-outline-level")) == str(level)


def test_whole_plan_headings_follow_the_plan_outline(plan: Plan, documents: dict[str, bytes]) -> None:
    content = part(documents["plan.odt"], "content.xml")
    headings = xpath(content, "//text:h")
    assert headings and all(h.get(q("text:outline-level")) for h in headings)
    assert all(h.get(q("text:style-name")) == "Heading_20_" + h.get(q("text:outline-level")) for h in headings)
    by_level: dict[int, list[str]] = {}
    for h in headings:
        by_level.setdefault(int(h.get(q("text:outline-level"))), []).append(odf_text(h).strip())
    sections = [plan.basis_heading, plan.goals_heading, plan.targets_heading, plan.execution_heading, plan.steps_heading]
    assert by_level[1] == [f"{s.number}{s.title}" for s in sections] + [f"{plan.closing.number}{plan.closing.text}"]
    assert by_level[2] == [heading_label(facet.heading) for facet in plan.facets]
    assert by_level[3] == [heading_label(strategy.heading) for facet in plan.facets for strategy in facet.strategies]
    assert len(by_level[4]) == sum(len(strategy.substrategies) for facet in plan.facets for strategy in facet.strategies)


def test_facet_document_names_the_plan_and_facet_and_holds_only_that_facet(plan: Plan, documents: dict[str, bytes]) -> None:
    for facet in plan.facets:
        content = part(documents[f"facet-{facet.position}.odt"], "content.xml")
        text = odf_text(content)
        assert text.startswith(plan.title + "\n")
        assert "".join(wording.facet_context(plan, facet)) in text
        levels = [(int(h.get(q("text:outline-level"))), odf_text(h).strip()) for h in xpath(content, "//text:h")]
        assert levels[0] == (1, heading_label(facet.heading))
        assert [label for level, label in levels if level == 2] == [heading_label(s.heading) for s in facet.strategies]
        others = {heading_label(other.heading) for other in plan.facets if other is not facet}
        assert not any(label in others for _level, label in levels)


def test_every_action_table_repeats_its_header_row(plan: Plan, documents: dict[str, bytes]) -> None:
    content = part(documents["plan.odt"], "content.xml")
    tables = xpath(content, "//table:table")
    groups = sum(1 for facet in plan.facets for strategy in facet.strategies for _group in strategy.action_groups())
    assert len(tables) == groups
    for table in tables:
        header_cells = xpath(table, "table:table-header-rows/table:table-row/table:table-cell")
        assert [odf_text(cell).strip() for cell in header_cells] == ["編號", "具體作法", "承辦部門", "執行期間"]
        assert len(xpath(table, "table:table-column")) == 4


def test_action_rows_keep_departments_periods_subitems_and_notes_in_their_cells(plan: Plan, documents: dict[str, bytes]) -> None:
    content = part(documents["plan.odt"], "content.xml")
    rows = [[odf_text(cell) for cell in xpath(row, "table:table-cell")] for row in xpath(content, "//table:table/table:table-row")]
    by_text = {cells[1].split("\n")[0]: cells for cells in rows if len(cells) == 4}
    checked = 0
    for action in surviving_actions(plan, None):
        cells = by_text[action_text(action)]
        assert cells[0].strip() == (action.number or wording.UNNUMBERED)
        assert cells[2].strip() == departments_text(action)
        assert cells[3].strip() == period_label(action)
        for item in action.subitems:
            assert f"{item.number} {item.text}" in cells[1]
        if action.note:
            # The row refers to the table's numbered note, printed once below the table.
            number = re.search(rf"（{EDITOR_NOTE} (\d+)", cells[1])
            assert number and f"{EDITOR_NOTE} {number.group(1)}：{action.note}" in odf_text(content)
        checked += 1
    assert checked == len(surviving_actions(plan, None))


def missing_runs(plan: Plan) -> list[list]:
    """Each run of consecutive lost actions within one action table."""
    runs = []
    for facet in plan.facets:
        for strategy in facet.strategies:
            for _substrategy, actions in strategy.action_groups():
                for is_missing, run in itertools.groupby(actions, key=lambda action: action.source is SourceState.MISSING):
                    if is_missing:
                        runs.append(list(run))
    return runs


def gap_label(run: list) -> str:
    numbers = [action.number for action in run if action.number]
    return (numbers[0] if len(numbers) == 1 else f"{numbers[0]}至{numbers[-1]}") if numbers else wording.UNKNOWN_GAP_NUMBER


def test_each_run_of_missing_actions_is_one_gap_row_spanning_three_columns(plan: Plan, documents: dict[str, bytes]) -> None:
    content = part(documents["plan.odt"], "content.xml")
    gap_rows = [row for row in xpath(content, "//table:table-row") if xpath(row, "table:table-cell[@table:number-columns-spanned='3']")]
    assert [odf_text(xpath(row, "table:table-cell")[0]).strip() for row in gap_rows] == [gap_label(run) for run in missing_runs(plan)]
    for row in gap_rows:
        assert odf_text(xpath(row, "table:table-cell")[1]).startswith(f"〔{GAP}〕")
        assert len(xpath(row, "table:covered-table-cell")) == 2


def test_the_seed_plans_lost_items_are_one_gap_row() -> None:
    lost = [gap_label(run) for run in missing_runs(shipped_plan(SEED_PLAN_ID))]
    assert "(1)至(7)" in lost


# -- the spreadsheet's structure


def test_spreadsheet_header_row_is_frozen_and_repeated(documents: dict[str, bytes]) -> None:
    for name in ods_names(documents):
        content = part(documents[name], "content.xml")
        sheet = xpath(content, f"//table:table[@table:name='{SHEET_NAME}']")[0]
        header = xpath(sheet, "table:table-header-rows/table:table-row/table:table-cell")
        assert [odf_text(cell).strip() for cell in header] == [field.label for field in FIELDS], name
        settings = part(documents[name], "settings.xml")
        entry = xpath(settings, f"//config:config-item-map-named[@config:name='Tables']/config:config-item-map-entry[@config:name='{SHEET_NAME}']")[0]
        items = {item.get(q("config:name")): item.text for item in xpath(entry, "config:config-item")}
        assert items["VerticalSplitMode"] == "2" and items["VerticalSplitPosition"] == "1" and items["PositionBottom"] == "1", name
        assert xpath(settings, "//config:config-item[@config:name='ActiveTable']/text()") == [SHEET_NAME], name


def test_settings_declare_the_prefix_of_their_config_set_names(documents: dict[str, bytes]) -> None:
    # LibreOffice resolves "ooo:view-settings" against the declared namespaces and
    # silently drops the frozen header if the prefix is undeclared.
    for name in ods_names(documents):
        settings = part(documents[name], "settings.xml")
        for set_name in xpath(settings, "//config:config-item-set/@config:name"):
            prefix = set_name.split(":")[0]
            assert settings.nsmap.get(prefix) == "http://openoffice.org/2004/office", name


def test_spreadsheet_action_column_is_widest_and_cells_wrap(documents: dict[str, bytes]) -> None:
    content = part(documents["plan.ods"], "content.xml")
    sheet = xpath(content, f"//table:table[@table:name='{SHEET_NAME}']")[0]
    widths = []
    for column in xpath(sheet, "table:table-column"):
        style_name = column.get(q("table:style-name"))
        style = xpath(content, f"//style:style[@style:name='{style_name}']/style:table-column-properties")[0]
        widths.append(float(style.get(q("style:column-width")).removesuffix("cm")))
    labels = [field.label for field in FIELDS]
    assert max(widths) == widths[labels.index("具體作法")]
    wraps = xpath(content, "//style:style[@style:family='table-cell']/style:table-cell-properties/@fo:wrap-option")
    assert wraps and set(wraps) == {"wrap"}


# -- what LibreOffice reads


def test_libreoffice_reads_every_action_department_and_the_gap_from_the_whole_plan_odt(plan: Plan, libreoffice_text: dict[str, str]) -> None:
    text = libreoffice_text["plan.odt"]
    missing = [action.id for action in surviving_actions(plan, None) if action.text not in text]
    assert missing == []
    for action in surviving_actions(plan, None):
        assert departments_text(action) in text
        for item in action.subitems:
            assert item.text in text
    for department in plan.departments:
        assert department in text
    assert all(gap_label(run) in text for run in missing_runs(plan))
    assert plan.closing.text in text and all(step.text in text for step in plan.steps)


def test_libreoffice_reads_each_facet_odt_with_that_facets_actions(plan: Plan, libreoffice_text: dict[str, str]) -> None:
    for facet in plan.facets:
        text = libreoffice_text[f"facet-{facet.position}.odt"]
        assert plan.title in text and heading_label(facet.heading) in text
        assert [action.id for action in surviving_actions(plan, facet) if action.text not in text] == []
        assert all(departments_text(action) in text for action in surviving_actions(plan, facet))
    assert GAP in libreoffice_text["facet-1.odt"]


def test_libreoffice_reads_one_csv_row_per_action_with_every_column(plan: Plan, libreoffice_text: dict[str, str]) -> None:
    for name in ["plan.ods", *(f"facet-{facet.position}.ods" for facet in plan.facets)]:
        facet = facet_of(plan, name)
        records = list(csv.reader(io.StringIO(libreoffice_text[name])))
        assert records[0] == [field.label for field in FIELDS], name
        rows = list(plan.rows() if facet is None else facet_rows(facet))
        assert len(records) - 1 == len(rows), name
        for record, row in zip(records[1:], rows, strict=True):
            action = row.action
            values = dict(zip(records[0], record, strict=True))
            assert values["代碼"] == action.id
            assert values["面向"] == heading_label(row.facet.heading)
            assert values["執行策略"] == heading_label(row.strategy.heading)
            assert values["承辦部門"] == departments_text(action)
            assert values["執行期間"] == period_label(action)
            assert values["原始文件狀態"] == {"complete": "完整", "partial": "殘缺", "missing": "缺漏"}[action.source.value]
            assert values["具體作法"].split("\n")[0] == action_text(action)
            assert [line for line in values["具體作法"].split("\n")[1:]] == [f"{item.number} {item.text}" for item in action.subitems]
            assert values[EDITOR_NOTE] == (action.note or "")
    assert GAP in libreoffice_text["plan.ods"]


# -- hostile text


def test_hostile_action_text_is_literal_in_the_odt_and_ods_xml(hostile_documents: dict[str, bytes]) -> None:
    for name, data in hostile_documents.items():
        text = odf_text(part(data, "content.xml"))
        assert HOSTILE in text.split("\n"), name
        # The double space is a text:s, or ODF readers would collapse it.
        assert b'<text:s text:c="1"/>' in open_package(data).read("content.xml"), name


def test_hostile_action_text_survives_libreoffice(libreoffice_text: dict[str, str]) -> None:
    assert HOSTILE in libreoffice_text["hostile.odt"].splitlines()
    records = list(csv.reader(io.StringIO(libreoffice_text["hostile.ods"])))
    assert HOSTILE in [record[4] for record in records]


def test_add_text_keeps_leading_and_repeated_spaces_tabs_and_breaks() -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    paragraph = P()
    odf_package.add_text(paragraph, "  a  b c\td\ne")
    document.text.addElement(paragraph)
    written = xpath(etree.fromstring(document.contentxml()), "//text:p")[0]
    inner = etree.tostring(written, encoding="unicode").split(">", 1)[1]
    assert inner == '<text:s text:c="2"/>a <text:s text:c="1"/>b c<text:tab/>d<text:line-break/>e</text:p>'
    assert odf_text(written) == "  a  b c\td\ne\n"
