"""The JSON Schemas are valid, and every field a webmaster may write is described."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

SCHEMAS = ["plan", "site", "progress"]


def load(name: str) -> dict[str, Any]:
    return json.loads(resources.files("plansite.schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(load(name))


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_object_rejects_unknown_keys(name: str) -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(load(name), name)
