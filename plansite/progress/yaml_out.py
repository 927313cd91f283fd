"""Write a round as YAML: the same data always gives the same bytes, and the
file is replaced atomically (a reader never sees half a file).

The text is emitted by hand rather than by a YAML library so that its layout
is fixed and every value reads back exactly as written under the loader's
YAML 1.2 rules (a library following YAML 1.1 would leave `1e5` unquoted,
which YAML 1.2 reads as a number).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..source.yaml_source import _Yaml12Resolver
from .model import Round

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../plansite/schemas/progress.schema.json"
_STR_TAG = "tag:yaml.org,2002:str"
INDENT = "  "

# Characters that may stand unescaped in the file: what YAML calls printable,
# minus the ones our loader refuses (tab, BOM) or reads as line breaks.
_UNSAFE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\ufeff\u2028\u2029]")
_PLAIN_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def round_yaml(round_: Round, header: str = SCHEMA_COMMENT) -> str:
    lines = [header] if header else []
    lines += [
        f"plan: {scalar(round_.plan, 0)}",
        "round:",
        f"  id: {scalar(round_.id, 1)}",
        f"  label: {scalar(round_.label, 1)}",
        f"  assessed: {round_.assessed.isoformat() if round_.assessed else 'null'}",
    ]
    if not round_.records:
        lines.append("records: []")
    else:
        lines.append("records:")
    for record in round_.records:
        lines.append(f"  - action: {scalar(record.action, 2)}")
        lines.append(f"    status: {scalar(record.status.value, 2)}")
        if record.result is not None:
            lines.append(f"    result: {scalar(record.result, 2)}")
        if record.reason is not None:
            lines.append(f"    reason: {scalar(record.reason, 2)}")
        if record.evidence:
            lines.append("    evidence:")
            lines += [f"      - {scalar(url, 3)}" for url in record.evidence]
    return "\n".join(lines) + "\n"


def scalar(value: str, level: int) -> str:
    """`value` as a YAML scalar for a key at indentation `level`: plain when that
    is unambiguous, a literal block for multi-line text, double-quoted otherwise."""
    if _plain_is_safe(value):
        return value
    if "\n" in value and _literal_is_safe(value):
        body = INDENT * (level + 1)
        return "|-\n" + "\n".join(f"{body}{line}" if line else "" for line in value.split("\n"))
    return '"' + "".join(_escape(character) for character in value) + '"'


def _plain_is_safe(value: str) -> bool:
    if not value or value != value.strip() or value[0] in _PLAIN_FIRST or _UNSAFE.search(value):
        return False
    if "\n" in value or ": " in value or " #" in value or value.endswith(":"):
        return False
    # Text under both YAML 1.2 (our loader) and 1.1 (other tools) rules: no `yes`, `null`, numbers or dates.
    return all(resolver.resolve(ScalarNode, value, (True, False)) == _STR_TAG for resolver in (_Yaml12Resolver(), Resolver()))


def _literal_is_safe(value: str) -> bool:
    if _UNSAFE.search(value.replace("\n", "")) or "\r" in value:
        return False
    lines = value.split("\n")
    # The first line decides the block's indentation; trailing spaces would be lost to editors.
    return bool(lines[0]) and not lines[0][0].isspace() and all(line == line.rstrip() for line in lines) and bool(lines[-1])


def _escape(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    if not _UNSAFE.match(character):
        return character
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"


def header_of(existing: str) -> str:
    """Keep a file's own schema comment (a project elsewhere may point it at another path)."""
    first = existing.split("\n", 1)[0]
    return first if first.startswith("# yaml-language-server:") else SCHEMA_COMMENT


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
