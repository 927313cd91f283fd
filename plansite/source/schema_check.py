"""Validate data against the JSON Schemas in `schemas/`, in webmaster words.

The schemas are the single description of the file formats: editors use them
for completion, and this module turns their verdicts into zh-TW messages.
A schema node may carry `x-error` (used for pattern/anyOf/const failures) and
`x-type-error` (used for type failures) to say what a webmaster should write.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..errors import DataIssue, FieldPath
from .yaml_source import SourceMap

_TYPE_NAMES = {
    "string": "文字",
    "integer": "整數",
    "number": "數字",
    "boolean": "true 或 false",
    "array": "清單",
    "object": "對應表（欄位: 值）",
    "null": "null",
}


@cache
def schema_validator(name: str) -> Draft202012Validator:
    text = resources.files("plansite.schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    # The schemas themselves are checked by tests/test_schemas.py, not on every build.
    return Draft202012Validator(json.loads(text))


def check_against_schema(data: Any, schema_name: str, source: SourceMap) -> list[DataIssue]:
    issues: dict[tuple[FieldPath, str], DataIssue] = {}
    for error in schema_validator(schema_name).iter_errors(data):
        for issue in _describe(error, source):
            issues.setdefault((issue.field, issue.message), issue)
    return list(issues.values())


def _describe(error: ValidationError, source: SourceMap) -> list[DataIssue]:
    path: FieldPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    keyword = error.validator
    instance = error.instance

    if keyword == "required":
        return [source.issue((*path, name), f"缺少必填欄位「{name}」") for name in error.validator_value if isinstance(instance, dict) and name not in instance]
    if keyword == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        return [source.issue((*path, name), _unknown_key_message(name, known), at_key=True) for name in instance if name not in known]
    if keyword == "type":
        custom = schema.get("x-type-error")
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = "或".join(_TYPE_NAMES[name] for name in expected)
        message = custom or f"應為{wanted}，但填的是{_describe_value(instance)}"
        return [source.issue(path, message)]
    if keyword in ("pattern", "anyOf", "oneOf", "const", "format") and "x-error" in schema:
        return [source.issue(path, schema["x-error"])]
    if keyword == "enum":
        choices = "、".join(str(choice) for choice in error.validator_value)
        return [source.issue(path, f"必須是下列其中之一：{choices}；但填的是{_describe_value(instance)}")]
    if keyword == "minItems":
        return [source.issue(path, f"至少要有 {error.validator_value} 項")]
    if keyword == "maxItems":
        return [source.issue(path, f"最多只能有 {error.validator_value} 項，但填了 {len(instance)} 項")]
    if keyword == "maxLength":
        return [source.issue(path, f"文字過長：{len(instance)} 字，上限為 {error.validator_value} 字")]
    if keyword == "uniqueItems":
        return [source.issue(path, "清單中有重複的項目")]
    if keyword in ("minimum", "maximum"):
        return [source.issue(path, schema.get("x-error", f"數值超出範圍：{instance}"))]
    return [source.issue(path, f"資料不符合格式（{error.message}）")]


def _unknown_key_message(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"（是否要寫「{close[0]}」？）" if close else f"（可用的欄位：{'、'.join(known)}）"
    return f"未知的欄位「{name}」{hint}"


def _describe_value(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"數字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f"文字「{shown}」"
    if isinstance(value, list):
        return "清單"
    return "對應表"
