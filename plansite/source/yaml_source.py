"""Read a YAML data file safely, remembering where every value stands.

Only plain data is accepted: mappings, lists, text, numbers, true/false and
null. Nothing is ever constructed from a tag, so no YAML content can run code.
Scalars are resolved as in YAML 1.2 (`yes`, `no` and `2023-01-01` stay text),
which is also what editors using the JSON Schema assume.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..errors import DataIssue, FieldPath, PlanDataError
from .characters import RAW_FORBIDDEN, TEXT_FORBIDDEN, refusals

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
    fast_error: yaml.YAMLError | None = None
    if _FastComposingLoader is not None:
        fast = _FastComposingLoader(text)
        try:
            return fast.get_single_node()
        except yaml.YAMLError as error:
            fast_error = error  # parse again below for PyYAML's clearer error and position
        finally:
            fast.dispose()
    loader = _ComposingLoader(text)
    try:
        return loader.get_single_node()
    except ValueError:
        # PyYAML's own reader crashes on an escape beyond U+10FFFF ("\U00110000");
        # libyaml refused the same text with a position, so report that.
        raise fast_error or yaml.YAMLError("found invalid Unicode character escape code") from None
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
        detail = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise PlanDataError([DataIssue(display_name, line, column, (), _explain_syntax_error(detail))]) from None
    except yaml.YAMLError as error:
        raise _single(display_name, _explain_syntax_error(str(error))) from None
    except RecursionError:
        raise _single(display_name, "巢狀層次過深，無法讀取") from None
    if root is None:
        raise _single(display_name, "檔案是空的，沒有任何資料")
    converter = _Converter(source, text)
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


# The line breaks YAML knows, once the raw check has refused U+0085, U+2028 and U+2029.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _forbidden_characters(text: str, display_name: str) -> list[DataIssue]:
    issues = []
    # Lines are split where YAML splits them, so line numbers agree with the parser's.
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        tab = line.find("\t")
        if tab >= 0:
            issues.append(DataIssue(display_name, number, tab + 1, (), "不可使用 Tab 字元，請改用空格縮排"))
        forbidden = RAW_FORBIDDEN.search(line)
        if forbidden:
            ((_, message),) = refusals(forbidden.group())
            issues.append(DataIssue(display_name, number, forbidden.start() + 1, (), message))
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
    ("found invalid Unicode character escape code", "引號內的跳脫字元（\\u、\\U）不是有效的 Unicode 字元"),
    ("found unknown escape character", "引號內有未知的跳脫字元（「\\」之後）；要寫反斜線本身請寫成「\\\\」"),
]


def _explain_syntax_error(detail: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in detail:
            return f"YAML 語法錯誤：{hint}"
    return f"YAML 語法錯誤（{detail}）"


_TYPE_NAMES = {_MAP: "對應表", _SEQ: "清單"}
_MAX_INT_DIGITS = 100
_HEX_ESCAPE_LENGTHS = {"x": 2, "u": 4, "U": 8}
_HEX = re.compile("[0-9a-fA-F]+")
# YAML's one-letter escapes of a double-quoted string, and the character each writes.
_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
    " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip


class _Converter:
    """Turns composed nodes into plain Python values, recording positions."""

    def __init__(self, source: SourceMap, text: str):
        self.source = source
        self.text = text
        self.line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
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
            self._check_characters(node, path)
            return value
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL:
            return value.lower() == "true"
        if node.tag == _INT:
            if len(value) > _MAX_INT_DIGITS:  # Python refuses to convert more than 4,300 digits
                self.issues.append(self._at(node, path, f"數字過長（{len(value):,} 位數）；若是文字請加引號"))
                return None
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
            self._check_characters(key_node, child)
            key_mark = key_node.start_mark
            if key in result:
                first_line = self.source.key_positions[child][0]
                self.issues.append(self._at(key_node, child, f"欄位「{key}」重複（第 {first_line} 行已有同名欄位）"))
                continue
            self.source.key_positions[child] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = self.convert(value_node, child, via_alias=via_alias)
        return result

    def _check_characters(self, node: ScalarNode, path: FieldPath) -> None:
        """Forbidden characters can only have come from escapes of a double-quoted
        string (the raw file was checked): each is reported where its escape stands."""
        if not TEXT_FORBIDDEN.search(node.value):
            return
        escapes = list(self._escapes(node)) if node.style == '"' else []
        for index, message in refusals(node.value):
            character = node.value[index]
            offset = next((at for at, decoded in escapes if decoded == character), None)
            line, column = self._line_column(offset) if offset is not None else (node.start_mark.line + 1, node.start_mark.column + 1)
            self.issues.append(DataIssue(self.source.file, line, column, path, message))

    def _escapes(self, node: ScalarNode) -> Iterator[tuple[int, str]]:
        """(offset in the file, character) of every escape in a double-quoted scalar's source."""
        start = self.line_starts[node.start_mark.line] + node.start_mark.column + 1
        end = self.line_starts[node.end_mark.line] + node.end_mark.column
        index = start
        while index < end:
            if self.text[index] != "\\":
                index += 1
                continue
            letter = self.text[index + 1 : index + 2]
            if letter in _HEX_ESCAPE_LENGTHS:
                digits = self.text[index + 2 : index + 2 + _HEX_ESCAPE_LENGTHS[letter]]
                if _HEX.fullmatch(digits) and int(digits, 16) <= 0x10FFFF:
                    yield index, chr(int(digits, 16))
                index += 2 + len(digits)
                continue
            if letter in _SIMPLE_ESCAPES:
                yield index, _SIMPLE_ESCAPES[letter]
            index += 2

    def _line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _at(self, node: Node, path: FieldPath, message: str) -> DataIssue:
        mark = node.start_mark
        return DataIssue(self.source.file, mark.line + 1, mark.column + 1, path, message)
