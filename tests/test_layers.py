"""The shape of the code: data flows one way (YAML -> validated model ->
outline -> writers -> downloads -> MkDocs adapter -> publishing -> commands),
and the page build never loads the heavy libraries of the file writers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plansite"

# Lower layers never import higher ones. A module's layer is that of the
# longest prefix of its dotted name listed here.
LAYERS = {
    "plansite.errors": 0,
    "plansite.model": 0,
    "plansite.build_date": 0,
    "plansite.fonts": 0,
    "plansite.fingerprint": 0,
    "plansite.progress.model": 0,
    "plansite.source": 1,
    "plansite.progress.rules": 1,
    "plansite.progress.load": 1,
    "plansite.progress.yaml_out": 1,
    "plansite.outline": 2,
    "plansite.site_structure": 2,
    "plansite.download_files": 2,
    "plansite.search_terms": 2,
    "plansite.search_variants": 2,
    "plansite.progress.form_layout": 2,
    "plansite.compare": 2,
    "plansite.writers": 3,
    "plansite.progress.form_ods": 3,
    "plansite.downloads": 4,
    "plansite.prepare": 4,
    "plansite.render_worker": 4,
    "plansite.search_data": 4,
    "plansite.publish": 5,
    "plansite.mkdocs": 6,
    "plansite.progress.form_read": 7,
    "plansite.progress.form_import": 7,
    "plansite.progress.cli": 7,
    "plansite.progress": 7,
    "plansite.importer": 7,
    "plansite.__main__": 7,
}
HEAVY = ("typst", "odf", "lxml", "openpyxl", "docx", "pdfplumber")


def layer_of(module: str) -> int:
    matches = [name for name in LAYERS if module == name or module.startswith(f"{name}.")]
    assert matches, f"{module} has no layer: add it to LAYERS in tests/test_layers.py"
    return LAYERS[max(matches, key=len)]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every plansite module `path` imports, wherever in the file (lazy imports too)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("plansite")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("plansite"):
                # `from . import wording` imports the module plansite.outline.wording.
                found |= {f"{target}.{alias.name}" if not node.module else target for alias in node.names}
    return found


def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for imported in imports_of(path):
            if layer_of(imported) > layer_of(module):
                upward.append(f"{module} -> {imported}")
    assert upward == []


def test_only_the_mkdocs_adapter_imports_mkdocs() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if module_name(path).startswith("plansite.mkdocs"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            offenders += [f"{module_name(path)} imports {name}" for name in names if name == "mkdocs" or name.startswith("mkdocs.")]
    assert offenders == []


def test_building_pages_loads_no_file_writer_library() -> None:
    code = (
        "import sys\n"
        "import plansite.prepare, plansite.outline.pages, plansite.writers.markdown_pages, plansite.mkdocs.plugin, plansite.source.load\n"
        f"print(sorted(name for name in {HEAVY!r} if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent)
    assert result.stdout.strip() == "[]"
