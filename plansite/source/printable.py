"""Report text that the PDF downloads could not show.

PDF/A forbids a character without a glyph, so one such character would stop
the whole build deep inside Typst. Checking the data up front turns that into
a message naming the file, line and field, like any other data error.
Characters already found printable are kept in a set the caller owns (the
MkDocs adapter keeps one for the whole preview session, and a file cache
across builds), so a rebuild only probes what is new.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import DataIssue, FieldPath
from ..fonts import unprintable_characters
from .yaml_source import SourceMap


def unprintable_text_issues(documents: list[tuple[Any, SourceMap]], printable: set[str]) -> list[DataIssue]:
    """Issues for text no PDF font can show; `printable` (characters known good) grows with what the probe finds."""
    strings = [(source, path, text) for data, source in documents for path, text in _strings(data, ())]
    unknown = {character for _source, _path, text in strings for character in text} - printable
    if not unknown:
        return []

    bad = unprintable_characters(unknown)
    printable.update(unknown - bad)
    issues = []
    for source, path, text in strings:
        found = sorted(set(text) & bad)
        if found:
            listed = "、".join(f"「{character}」（U+{ord(character):04X}）" for character in found)
            message = f"含有 PDF 字型無法顯示的字元 {listed}；PDF 下載檔無法產生。請改用其他寫法，或請系統管理者安裝含此字元的字型"
            issues.append(source.issue(path, message))
    return issues


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
