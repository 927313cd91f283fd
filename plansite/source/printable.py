"""Report text that the PDF downloads could not show.

PDF/A forbids a character without a glyph, so one such character would stop
the whole build deep inside Typst. Checking the data up front turns that into
a message naming the file, line and field, like any other data error.
Characters already found printable are remembered for the process, so a
live preview only probes what is new.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import DataIssue, FieldPath
from .yaml_source import SourceMap

_printable: set[str] = set()


def remember_printable(characters: list[str]) -> None:
    """Characters a previous build found printable with the same fonts (the caller checks the font fingerprint)."""
    _printable.update(character for character in characters if isinstance(character, str) and len(character) == 1)


def known_printable() -> set[str]:
    return set(_printable)


def unprintable_text_issues(documents: list[tuple[Any, SourceMap]]) -> list[DataIssue]:
    strings = [(source, path, text) for data, source in documents for path, text in _strings(data, ())]
    unknown = {character for _source, _path, text in strings for character in text} - _printable
    if not unknown:
        return []
    from ..writers.pdf import unprintable_characters  # Typst is loaded only when there is something to probe

    bad = unprintable_characters(unknown)
    _printable.update(unknown - bad)
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
