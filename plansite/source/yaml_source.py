"""Read a YAML data file safely, remembering where every value stands.

Only plain data is accepted: mappings, lists, text, numbers, true/false and
null. Nothing is ever constructed from a tag, so no YAML content can run code.
Scalars are resolved as in YAML 1.2 (`yes`, `no` and `2023-01-01` stay text),
which is also what editors using the JSON Schema assume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..errors import DataIssue, FieldPath, PlanDataError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000
# Anchors and aliases are allowed, but an alias may not multiply the data
# (the "billion laughs" attack): this many nodes reached through aliases at most.
MAX_ALIAS_EXPANSION = 10_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Yaml12Resolver(BaseResolver):
    """The YAML 1.2 core schema: fewer surprises than PyYAML's 1.1 default."""


_Yaml12Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Yaml12Resolver.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Yaml12Resolver.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_Yaml12Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _ComposingLoader(Reader, Scanner, Parser, Composer, _Yaml12Resolver):
    """Builds the node tree only; values are made by `_Converter`, never by tags."""

    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Yaml12Resolver.__init__(self)


try:  # libyaml composes ten times faster; the pure-Python loader words errors better.
    from yaml._yaml import CParser

    class _FastComposingLoader(CParser, _Yaml12Resolver):  # type: ignore[misc]
        def __init__(self, text: str):
            CParser.__init__(self, text)
            _Yaml12Resolver.__init__(self)

except ImportError:  # PyYAML built without libyaml
    _FastComposingLoader = None  # type: ignore[assignment,misc]


def _compose(text: str) -> Node | None:
    if _FastComposingLoader is not None:
        fast = _FastComposingLoader(text)
        try:
            return fast.get_single_node()
        except yaml.YAMLError:
            pass  # parse again below for PyYAML's clearer error and position
        finally:
            fast.dispose()
    loader = _ComposingLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@dataclass
class SourceMap:
    """Where each value of a file stands: field path -> (line, column), 1-based."""

    file: str
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def issue(self, path: FieldPath, message: str, *, at_key: bool = False, **kwargs: Any) -> DataIssue:
        """An issue placed at the value (or its key) nearest to `path`."""
        table = self.key_positions if at_key else self.positions
        probe = path
        while probe not in table and probe not in self.positions and probe:
            probe = probe[:-1]
        line, column = table.get(probe) or self.positions.get(probe, (0, 0))
        return DataIssue(self.file, line, column, path, message, **kwargs)


@dataclass
class YamlDocument:
    data: Any
    source: SourceMap


def read_yaml_file(path: Path, display_name: str) -> YamlDocument:
    """Parse one data file; raise PlanDataError with every problem found."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _single(display_name, f"檔案過大（{size / 1024 / 1024:.1f} MB），上限為 {MAX_FILE_BYTES // 1024 // 1024} MB")
        raw = path.read_bytes()
    except OSError as error:
        raise _single(display_name, f"無法讀取檔案（{error.strerror}）") from None
    return parse_yaml_bytes(raw, display_name)


def parse_yaml_bytes(raw: bytes, display_name: str) -> YamlDocument:
    text = _decode(raw, display_name)
    problems = _forbidden_characters(text, display_name)
    if problems:
        raise PlanDataError(problems)
    source = SourceMap(display_name)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise PlanDataError([DataIssue(display_name, line, column, (), _explain_syntax_error(error))]) from None
    except yaml.YAMLError as error:
        raise _single(display_name, f"YAML 語法錯誤（{error}）") from None
    except RecursionError:
        raise _single(display_name, "巢狀層次過深，無法讀取") from None
    if root is None:
        raise _single(display_name, "檔案是空的，沒有任何資料")
    converter = _Converter(source)
    try:
        data = converter.convert(root, ())
    except RecursionError:
        raise _single(display_name, "巢狀層次過深，無法讀取") from None
    if converter.issues:
        raise PlanDataError(converter.issues)
    return YamlDocument(data, source)


def _single(display_name: str, message: str) -> PlanDataError:
    return PlanDataError([DataIssue(display_name, 0, 0, (), message)])


def _decode(raw: bytes, display_name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        message = f"檔案不是 UTF-8 編碼（位元組 0x{byte:02X} 無法解讀）；請用編輯器以 UTF-8 另存"
        raise PlanDataError([DataIssue(display_name, line, column, (), message)]) from None
    # A UTF-8 byte order mark (Windows Notepad) is harmless: drop it.
    return text.removeprefix("\ufeff")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")


def _forbidden_characters(text: str, display_name: str) -> list[DataIssue]:
    issues = []
    for number, line in enumerate(text.splitlines(), start=1):
        tab = line.find("\t")
        if tab >= 0:
            issues.append(DataIssue(display_name, number, tab + 1, (), "不可使用 Tab 字元，請改用空格縮排"))
        control = _CONTROL.search(line)
        if control:
            code = f"U+{ord(control.group()):04X}"
            issues.append(DataIssue(display_name, number, control.start() + 1, (), f"含有不可見的控制字元（{code}），請刪除"))
        if len(issues) >= 50:
            break
    return issues


_SYNTAX_HINTS = [
    ("mapping values are not allowed here", "此處不能出現「: 」：可能是縮排不一致，或文字中含有冒號加空格（請用引號把整段文字括起來）"),
    ("could not find expected ':'", "找不到預期的「:」；請檢查縮排或引號是否正確"),
    ("found unexpected end of stream", "檔案意外結束；可能有引號或括號沒有關閉"),
    ("while scanning a quoted scalar", "引號沒有關閉"),
    ("expected <block end>", "縮排不一致；同一層的欄位必須對齊"),
    ("did not find expected key", "縮排不一致或缺少欄位名稱；同一層的欄位必須對齊"),
    ("did not find expected '-' indicator", "清單項目的縮排不一致；「-」必須對齊"),
    ("found undefined alias", "使用了未定義的別名（*）"),
    ("expected a single document", "一個檔案只能有一份資料（請刪除多餘的「---」）"),
    ("found duplicate anchor", "錨點（&）名稱重複"),
]


def _explain_syntax_error(error: yaml.MarkedYAMLError) -> str:
    detail = " ".join(str(part) for part in (error.context, error.problem) if part)
    for needle, hint in _SYNTAX_HINTS:
        if needle in detail:
            return f"YAML 語法錯誤：{hint}"
    return f"YAML 語法錯誤（{detail}）"


_TYPE_NAMES = {_MAP: "對應表", _SEQ: "清單"}


class _Converter:
    """Turns composed nodes into plain Python values, recording positions."""

    def __init__(self, source: SourceMap):
        self.source = source
        self.issues: list[DataIssue] = []
        self.seen: set[int] = set()
        self.nodes = 0
        self.alias_nodes = 0

    def convert(self, node: Node, path: FieldPath, *, via_alias: bool = False) -> Any:
        self.nodes += 1
        if id(node) in self.seen:
            via_alias = True
        self.seen.add(id(node))
        if via_alias:
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_EXPANSION:
                raise PlanDataError([self._at(node, path, "別名（*）展開後的資料過多，疑似惡意檔案；請不要使用別名")])
        if self.nodes > MAX_NODES:
            raise PlanDataError([self._at(node, path, f"資料項目超過 {MAX_NODES:,} 個，檔案過大")])
        mark = node.start_mark
        self.source.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.issues.append(self._at(node, path, f"不允許的 YAML 標籤「{node.tag}」"))
            return [self.convert(item, (*path, index), via_alias=via_alias) for index, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, via_alias)
        raise AssertionError(f"unknown YAML node {node!r}")

    def _scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        value: str = node.value
        if node.tag == _STR:
            return value
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL:
            return value.lower() == "true"
        if node.tag == _INT:
            return int(value)
        if node.tag == _FLOAT:
            special = value.lower().lstrip("+-")
            if special in (".inf", ".nan"):
                return float(value.lower().replace(".", ""))
            return float(value)
        self.issues.append(self._at(node, path, f"不允許的 YAML 標籤「{node.tag}」；資料檔只能包含一般文字、數字與清單"))
        return None

    def _mapping(self, node: MappingNode, path: FieldPath, via_alias: bool) -> dict[str, Any]:
        if node.tag != _MAP:
            self.issues.append(self._at(node, path, f"不允許的 YAML 標籤「{node.tag}」"))
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag in (_MAP, _SEQ):
                self.issues.append(self._at(key_node, path, "欄位名稱必須是文字"))
                continue
            if key_node.value == "<<" and not key_node.style:  # plain (libyaml says "", PyYAML None)
                self.issues.append(self._at(key_node, path, "不支援合併鍵「<<」，請直接寫出每個欄位"))
                continue
            key = key_node.value
            child = (*path, key)
            key_mark = key_node.start_mark
            if key in result:
                first_line = self.source.key_positions[child][0]
                self.issues.append(self._at(key_node, child, f"欄位「{key}」重複（第 {first_line} 行已有同名欄位）"))
                continue
            self.source.key_positions[child] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = self.convert(value_node, child, via_alias=via_alias)
        return result

    def _at(self, node: Node, path: FieldPath, message: str) -> DataIssue:
        mark = node.start_mark
        return DataIssue(self.source.file, mark.line + 1, mark.column + 1, path, message)
