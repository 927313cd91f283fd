"""Size limits in the schemas (issue 11, item 5): every text and list is bounded,
the shipped plan is far inside the bounds, and an oversized value is refused by
`check` naming its own field, before any writer (the PDF's 32,767-byte string
limit) can fail somewhere else."""

from __future__ import annotations

import copy
import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from plansite.errors import PlanDataError
from plansite.source.load import load_site
from plansite.source.schema_check import check_against_schema
from plansite.source.yaml_source import parse_yaml_bytes

from .conftest import PROJECT_ROOT, copy_project, mkdocs_build
from .test_data_errors import BASE_PLAN, GOLDEN_DATA

HEADROOM = 3  # every limit is at least three times what the shipped data uses


def schema(name: str) -> dict[str, Any]:
    return json.loads(resources.files("plansite.schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))


def shipped(name: str) -> Any:
    path = PROJECT_ROOT / "plan_data" / ("site.yaml" if name == "site" else "plans/fengshan-112.yaml")
    return parse_yaml_bytes(path.read_bytes(), path.name).data  # read as the build reads it


def scaled(node: Any, factor: int) -> Any:
    """The schema with every maxLength and maxItems divided by `factor`."""
    if isinstance(node, dict):
        return {key: (value // factor if key in ("maxLength", "maxItems") else scaled(value, factor)) for key, value in node.items()}
    if isinstance(node, list):
        return [scaled(item, factor) for item in node]
    return node


def unbounded(node: Any, defs: dict[str, Any], where: str = "", *, bounded_above: bool = False) -> list[str]:
    """Places in the schema where a string or a list has no upper bound."""
    found = []
    if isinstance(node, dict):
        resolved = {**defs[node["$ref"].rsplit("/", 1)[1]], **node} if "$ref" in node else node
        types = resolved.get("type", [])
        types = [types] if isinstance(types, str) else types
        is_string = "string" in types or any(branch.get("type") == "string" for branch in resolved.get("anyOf", []))
        bounded = bounded_above or "maxLength" in resolved or "const" in resolved or "enum" in resolved or _fixed_length(resolved.get("pattern"))
        if is_string and not bounded:
            found.append(where)
        if "array" in types and "maxItems" not in resolved:
            found.append(where)
        for key, value in node.items():
            if key != "$defs":
                # A bound on a node covers the string branches of its anyOf.
                found += unbounded(value, defs, f"{where}/{key}", bounded_above=key == "anyOf" and "maxLength" in resolved)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += unbounded(value, defs, f"{where}/{index}", bounded_above=bounded_above)
    return found


def _fixed_length(pattern: str | None) -> bool:
    """An anchored pattern without repetition (a date) bounds the length by itself."""
    return bool(pattern) and pattern.startswith("^") and pattern.endswith("$") and not any(mark in pattern for mark in ("*", "+", ",}"))


@pytest.mark.parametrize("name", ["plan", "site"])
def test_every_text_and_list_has_an_upper_bound(name: str) -> None:
    document = schema(name)
    defs = document["$defs"]
    places = unbounded(document, defs)
    for def_name, definition in defs.items():
        places += unbounded(definition, defs, f"/$defs/{def_name}")
    # A $def's own bound may be left to the properties that use it (text, slug): those are checked above.
    places = [place for place in places if not place.startswith(("/$defs/text", "/$defs/slug", "/$defs/optional_text", "/$defs/optional_url"))]
    assert places == []


@pytest.mark.parametrize("name", ["plan", "site"])
def test_limits_leave_threefold_headroom_over_the_shipped_data(name: str) -> None:
    tight = Draft202012Validator(scaled(schema(name), HEADROOM))
    data = shipped(name)
    problems = [f"{'/'.join(map(str, error.absolute_path))}: {error.message[:80]}" for error in tight.iter_errors(data)]
    assert problems == []


def test_the_shipped_data_passes_the_real_limits() -> None:
    load_site(PROJECT_ROOT / "plan_data", root=PROJECT_ROOT)


def test_too_long_site_title_names_the_field(tmp_path: Path) -> None:
    data_dir = tmp_path / "plan_data"
    (data_dir / "plans").mkdir(parents=True)
    site = (GOLDEN_DATA / "site.yaml").read_text(encoding="utf-8")
    title_line = next(line for line in site.splitlines() if line.startswith("site_title:"))
    (data_dir / "site.yaml").write_text(site.replace(title_line, "site_title: " + "站" * 201), encoding="utf-8")
    (data_dir / "plans" / "bad-113.yaml").write_text(BASE_PLAN, encoding="utf-8")
    with pytest.raises(PlanDataError) as caught:
        load_site(data_dir, root=tmp_path)
    line = site.splitlines().index(title_line) + 1
    expected = f"plan_data/site.yaml:{line}:13 site_title: 文字過長：共 201 字，上限為 200 字；請檢查是否誤貼了其他內容"
    assert [str(issue) for issue in caught.value.issues] == [expected]


def test_too_many_departments_names_the_list() -> None:
    names = ", ".join(f"部門{n}" for n in range(101))
    document = parse_yaml_bytes(BASE_PLAN.replace("departments: [業務組, 電費組]", f"departments: [{names}]").encode(), "p.yaml")
    issues = check_against_schema(document.data, "plan", document.source)
    assert [str(issue) for issue in issues] == ["p.yaml:9:14 departments: 項目過多：共 101 項，上限為 100 項"]


def test_huge_numeric_id_is_refused_with_its_own_message() -> None:
    document = parse_yaml_bytes(BASE_PLAN.replace("    - id: 1\n", "    - id: 12345678901\n").encode(), "p.yaml")
    issues = check_against_schema(document.data, "plan", document.source)
    assert [str(issue) for issue in issues] == ["p.yaml:32:11 execution.facets[0].id: 代碼過長：數字代碼最多 9 位數"]


def longest_allowed(name: str) -> dict[str, int]:
    """A few limits by name, read from the schema so the build test follows any change."""
    plan = schema("plan")
    return {
        "title": plan["properties"]["title"]["maxLength"],
        "facet_title": plan["$defs"]["optional_title"]["maxLength"],
        "text": plan["$defs"]["action"]["properties"]["text"]["maxLength"],
        "note": plan["$defs"]["action"]["properties"]["note"]["maxLength"],
        "department": plan["properties"]["departments"]["items"]["maxLength"],
    }[name]


@pytest.mark.slow
def test_a_plan_at_every_limit_builds_with_all_downloads(tmp_path: Path) -> None:
    """The limits are safe for every writer: titles, texts and notes at their longest build the site, ODF and PDF."""
    project = copy_project(tmp_path / "project")
    plan_file = project / "plan_data" / "plans" / "fengshan-112.yaml"
    plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    longest = copy.deepcopy(plan)
    department = "部" * longest_allowed("department")
    longest["title"] = "計" * longest_allowed("title")
    longest["departments"][0], old_department = department, longest["departments"][0]
    facet = longest["execution"]["facets"][0]
    facet["title"] = "面" * longest_allowed("facet_title")
    strategy = facet["strategies"][0]
    strategy["title"] = "策" * longest_allowed("facet_title")
    action = (strategy.get("substrategies") or [strategy])[0]["actions"][0]
    action["text"] = ("長文，" * longest_allowed("text"))[: longest_allowed("text")]
    action["note"] = "註" * longest_allowed("note")
    for facet_node in longest["execution"]["facets"]:
        for node in _actions(facet_node):
            if node.get("departments"):
                node["departments"] = [department if name == old_department else name for name in node["departments"]]
    plan_file.write_text(yaml.safe_dump(longest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    downloads = project / "site" / "downloads"
    for suffix in (".pdf", ".odt", ".ods", ".csv", ".json"):
        assert any(path.suffix == suffix for path in downloads.iterdir()), suffix
    shutil.rmtree(project / ".cache", ignore_errors=True)


def _actions(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(node.get("actions", []))
    for child in node.get("strategies", []) + node.get("substrategies", []):
        found += _actions(child)
    return found
