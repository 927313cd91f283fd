"""Helpers for the progress (考核) tests: a copy of the fixture project, the CLI run
in-process, and an ODS form filled in by editing its content.xml cells."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from plansite.__main__ import main
from plansite.progress import form_layout as layout

FIXTURES = Path(__file__).resolve().parent
FIXTURE_PROJECT = FIXTURES / "project"
PROJECT_ROOT = FIXTURES.parents[1]
EXAMPLE_PROJECT = PROJECT_ROOT / "examples" / "progress-demo"

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def copy_fixture(destination: Path, source: Path = FIXTURE_PROJECT) -> Path:
    shutil.copytree(source / "plan_data", destination / "plan_data")
    return destination


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Printed lines without their indentation."""
        return [line.strip() for line in (self.out + self.err).splitlines() if line.strip()]


def run_cli(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> Run:
    capsys.readouterr()
    code = main(["--project", str(project), *args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: to prove that nothing was written."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# -- editing an ODS form


def column_of(title: str) -> int:
    """1-based column of a form title."""
    return layout.TITLES.index(title) + 1


class OdsForm:
    """The form's content.xml, editable cell by cell (repeated rows and cells are split first)."""

    def __init__(self, data: bytes):
        self.archive = data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.content = etree.fromstring(archive.read("content.xml"))

    def table(self, name: str) -> etree._Element:
        for table in self.content.iter(q("table", "table")):
            if table.get(q("table", "name")) == name:
                return table
        raise KeyError(name)

    def rows(self, sheet: str) -> list[etree._Element]:
        table = self.table(sheet)
        for row in list(table.iter(q("table", "table-row"))):
            _split(row, q("table", "number-rows-repeated"), limit=200)
        return list(table.iter(q("table", "table-row")))

    def cell(self, sheet: str, row: int, column: int) -> etree._Element:
        rows = self.rows(sheet)
        for _extra in range(len(rows), row):  # a row typed below the table
            self.table(sheet).append(etree.Element(q("table", "table-row")))
        element = self.rows(sheet)[row - 1]
        cells = list(element.iterchildren(q("table", "table-cell"), q("table", "covered-table-cell")))
        for cell in cells:
            _split(cell, q("table", "number-columns-repeated"), limit=50)
        cells = list(element.iterchildren(q("table", "table-cell"), q("table", "covered-table-cell")))
        while len(cells) < column:
            element.append(etree.Element(q("table", "table-cell")))
            cells = list(element.iterchildren(q("table", "table-cell"), q("table", "covered-table-cell")))
        return cells[column - 1]

    def row_of(self, action_id: str) -> int:
        """The 1-based row of an action on the 填報 sheet."""
        for number, row in enumerate(self.rows(layout.ENTRY_SHEET), start=1):
            first = row.find(q("table", "table-cell"))
            if first is not None and "".join(first.itertext()) == action_id:
                return number
        raise KeyError(action_id)

    def set(self, sheet: str, row: int, column: int, text: str) -> OdsForm:
        cell = self.cell(sheet, row, column)
        for child in list(cell):
            if child.tag in (q("text", "p"), q("text", "h")):
                cell.remove(child)
        for name in (q("office", "value-type"), q("office", "string-value"), q("office", "value"), q("office", "date-value")):
            cell.attrib.pop(name, None)
        if text:
            cell.set(q("office", "value-type"), "string")
            for line in text.split("\n"):
                paragraph = etree.SubElement(cell, q("text", "p"))
                paragraph.text = line
        return self

    def fill(self, action_id: str, status: str = "", result: str = "", evidence: str = "") -> OdsForm:
        row = self.row_of(action_id)
        for title, value in ((layout.STATUS, status), (layout.RESULT, result), (layout.EVIDENCE, evidence)):
            self.set(layout.ENTRY_SHEET, row, column_of(title), value)
        return self

    def about(self, label: str, value: str) -> OdsForm:
        for number, row in enumerate(self.rows(layout.ABOUT_SHEET), start=1):
            first = row.find(q("table", "table-cell"))
            if first is not None and "".join(first.itertext()) == label:
                return self.set(layout.ABOUT_SHEET, number, 2, value)
        raise KeyError(label)

    def delete_row(self, action_id: str) -> OdsForm:
        row = self.rows(layout.ENTRY_SHEET)[self.row_of(action_id) - 1]
        row.getparent().remove(row)
        return self

    def bytes(self) -> bytes:
        """The package again: mimetype first and stored, the edited content.xml, every other part as it was."""
        output = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.archive)) as source, zipfile.ZipFile(output, "w") as target:
            for info in source.infolist():
                data = etree.tostring(self.content, xml_declaration=True, encoding="UTF-8") if info.filename == "content.xml" else source.read(info)
                target.writestr(info, data)
        return output.getvalue()

    def save(self, path: Path) -> Path:
        path.write_bytes(self.bytes())
        return path


def _split(element: etree._Element, attribute: str, limit: int) -> None:
    """Replace one element repeated n times by n copies (at most `limit`), so each can be edited."""
    count = int(element.get(attribute, "1"))
    if count == 1:
        return
    del element.attrib[attribute]
    parent = element.getparent()
    index = parent.index(element)
    for offset in range(1, min(count, limit)):
        parent.insert(index + offset, _copy(element))


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


# -- LibreOffice


@contextmanager
def libreoffice(work: Path) -> Iterator[Callable[[Path, str], Path]]:
    """A converter running real LibreOffice headless with its own profile: convert(source, "xlsx") -> output path."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui"
    profile = (work / "lo-profile").as_uri()

    def convert(source: Path, target: str) -> Path:
        out = work / f"lo-out-{source.stem}-{target.split(':')[0]}"
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target, "--outdir", str(out), str(source)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        produced = sorted(out.iterdir())
        assert produced, f"LibreOffice produced nothing for {source.name} -> {target}: {result.stdout} {result.stderr}"
        return produced[0]

    yield convert
