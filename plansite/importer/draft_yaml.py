"""Write the draft as YAML that reads like the shipped plan files, and write it atomically.

Key order as in fengshan-112.yaml, numbers always quoted, department lists in flow
style, comments (匯入提醒) above the fields they concern. The text is checked by
reading it back with the project's own YAML reader before anything is written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from .report import FieldPath

SCHEMA_LINE = "# yaml-language-server: $schema=../../plansite/schemas/plan.schema.json"
_QUOTED_KEYS = {"number"}
_FLOW_LIST_KEYS = {"departments"}
_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`「 ")
# Text that a YAML 1.2 reader (the project's, and editors') would take for something else.
_LOOKS_TYPED = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
    r"|[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def render_draft(data: dict[str, Any], comments: dict[FieldPath, list[str]]) -> str:
    lines = [SCHEMA_LINE]
    _mapping(data, (), 0, lines, comments, first_prefix=None)
    return "\n".join(lines) + "\n"


def _comment_lines(path: FieldPath, indent: int, comments: dict[FieldPath, list[str]]) -> list[str]:
    return [f"{' ' * indent}# {line}" for text in comments.get(path, []) for line in text.splitlines()]


def _mapping(data: dict[str, Any], path: FieldPath, indent: int, lines: list[str], comments: dict[FieldPath, list[str]], first_prefix: str | None) -> None:
    for index, (key, value) in enumerate(data.items()):
        prefix = first_prefix if index == 0 and first_prefix is not None else " " * indent
        key_path = (*path, key)
        lines += _comment_lines(key_path, indent, comments)
        if isinstance(value, dict) and value:
            lines.append(f"{prefix}{key}:")
            _mapping(value, key_path, indent + 2, lines, comments, None)
        elif isinstance(value, list) and value and key in _FLOW_LIST_KEYS and all(isinstance(v, str) for v in value):
            lines.append(f"{prefix}{key}: [{', '.join(_scalar(v, flow=True) for v in value)}]")
        elif isinstance(value, list) and value:
            lines.append(f"{prefix}{key}:")
            _sequence(value, key_path, indent + 2, lines, comments)
        else:
            lines.append(f"{prefix}{key}: {_scalar(value, quote=key in _QUOTED_KEYS)}")


def _sequence(items: list[Any], path: FieldPath, indent: int, lines: list[str], comments: dict[FieldPath, list[str]]) -> None:
    for index, item in enumerate(items):
        item_path = (*path, index)
        lines += _comment_lines(item_path, indent, comments)
        if isinstance(item, dict) and item:
            _mapping(item, item_path, indent + 2, lines, comments, first_prefix=" " * indent + "- ")
        else:
            lines.append(f"{' ' * indent}- {_scalar(item)}")


def _scalar(value: Any, quote: bool = False, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if quote or not _plain_ok(text, flow):
        return json.dumps(text, ensure_ascii=False)
    return text


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_UNSAFE_START or _LOOKS_TYPED.match(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or any(ord(c) < 32 or c in "\u2028\u2029\ufeff\x7f" for c in text):
        return False
    return not (flow and any(c in text for c in ",[]{}"))


def write_atomically(path: Path, text: str) -> None:
    """Temp file in the same folder, flushed, then renamed over the target: never a half-written draft."""
    path = path.resolve()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
