"""Load `plan_data/`: the site file and every plan, validated, into a Site.

Every problem of every file is collected before anything is reported, so a
webmaster sees the whole list at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataIssue, PlanDataError, Severity
from ..model import Plan, Site
from .build_model import accessibility_mark_from_data, office_from_data, plan_from_data
from .plan_rules import check_plan_rules
from .printable import unprintable_text_issues
from .schema_check import check_against_schema
from .yaml_source import SourceMap, read_yaml_file

SITE_FILE = "site.yaml"
PLANS_DIR = "plans"

CONTACT_FIELDS = {
    "parent_organization": "上級機關",
    "competent_authority": "主管機關",
    "address": "地址",
    "phone": "電話",
    "customer_service_phone": "客服專線",
    "fax": "傳真",
    "email": "電子郵件",
    "website": "網站",
    "office_hours": "上班時間",
}


@dataclass(frozen=True)
class LoadResult:
    site: Site
    warnings: list[DataIssue]


def load_site(data_dir: Path, root: Path | None = None) -> LoadResult:
    """Raise PlanDataError listing every error; return the site and warnings otherwise."""
    root = root or data_dir.parent
    issues: list[DataIssue] = []

    site_data, site_source = _read_checked(data_dir / SITE_FILE, "site", root, issues)
    plan_documents: list[tuple[Any, SourceMap]] = []
    plan_files = sorted((data_dir / PLANS_DIR).glob("*.yaml")) + sorted((data_dir / PLANS_DIR).glob("*.yml"))
    if not plan_files:
        issues.append(DataIssue(_display(data_dir / PLANS_DIR, root), 0, 0, (), "找不到任何計畫檔（*.yaml）"))
    for path in plan_files:
        data, source = _read_checked(path, "plan", root, issues)
        if data is None or source is None:
            continue
        rule_issues = check_plan_rules(data, source)
        issues += rule_issues
        if not any(issue.severity is Severity.ERROR for issue in rule_issues):
            plan_documents.append((data, source))

    # One probe of the PDF fonts for the text of every file together.
    site_documents = [(site_data, site_source)] if site_source is not None else []
    glyph_issues = unprintable_text_issues(site_documents + plan_documents)
    issues += glyph_issues
    unprintable_files = {issue.file for issue in glyph_issues}
    plans = [plan_from_data(data, source.file) for data, source in plan_documents if source.file not in unprintable_files]

    if site_data is not None and site_source is not None:
        issues += _contact_warnings(site_data, site_source)
        issues += _accessibility_mark_issues(site_data, site_source, data_dir.parent)
    issues += _cross_plan_issues(plans)

    errors = [issue for issue in issues if issue.severity is Severity.ERROR]
    if errors:
        raise PlanDataError(errors)
    assert site_data is not None
    plans.sort(key=lambda plan: (-plan.roc_year, plan.id))
    site = Site(
        title=site_data["site_title"],
        description=site_data.get("site_description"),
        office=office_from_data(site_data["office"]),
        plans=tuple(plans),
        accessibility_mark=accessibility_mark_from_data(site_data.get("accessibility_mark")),
    )
    return LoadResult(site, sorted(issue for issue in issues if issue.severity is Severity.WARNING))


def _read_checked(path: Path, schema: str, root: Path, issues: list[DataIssue]) -> tuple[Any, SourceMap | None]:
    display = _display(path, root)
    if not path.is_file():
        issues.append(DataIssue(display, 0, 0, (), "找不到這個檔案"))
        return None, None
    try:
        document = read_yaml_file(path, display)
    except PlanDataError as error:
        issues += error.issues
        return None, None
    if not isinstance(document.data, dict):
        issues.append(DataIssue(display, 1, 1, (), "檔案最上層應為對應表（欄位: 值），不是清單或單一文字"))
        return None, None
    schema_issues = check_against_schema(document.data, schema, document.source)
    if schema_issues:
        issues += schema_issues
        return None, None
    return document.data, document.source


def _contact_warnings(site_data: dict[str, Any], source: SourceMap) -> list[DataIssue]:
    office = site_data["office"]
    return [
        source.issue(("office", key), f"機關{label}未填（null）；頁尾不列出此項", severity=Severity.WARNING)
        for key, label in CONTACT_FIELDS.items()
        if office.get(key) is None
    ]


def _accessibility_mark_issues(site_data: dict[str, Any], source: SourceMap, project: Path) -> list[DataIssue]:
    """The mark's image is served by this site (nothing is fetched from other hosts), so it must exist under docs/."""
    mark = site_data.get("accessibility_mark")
    if not mark or (project / mark["image"]).is_file():
        return []
    return [source.issue(("accessibility_mark", "image"), f"找不到標章圖檔 {mark['image']}：請把圖檔放在這個路徑（docs/ 之下）")]


def _cross_plan_issues(plans: list[Plan]) -> list[DataIssue]:
    """Plan ids must differ (they are URLs), and so must download names: a plan's
    files are named `<file_basename>…`, so no basename may extend another's."""
    issues = []
    ids: dict[str, Plan] = {}
    bases: dict[str, Plan] = {}
    for plan in plans:
        if plan.id in ids:
            issues.append(DataIssue(plan.source_file, 0, 0, ("id",), f"計畫代碼「{plan.id}」與 {ids[plan.id].source_file} 重複"))
        ids.setdefault(plan.id, plan)
        for base, other in bases.items():
            if plan.file_basename == base or plan.file_basename.startswith(f"{base}-") or base.startswith(f"{plan.file_basename}-"):
                message = f"下載檔名「{plan.file_basename}」與 {other.source_file} 的「{base}」重複或互相涵蓋，下載檔會互相覆蓋"
                issues.append(DataIssue(plan.source_file, 0, 0, ("file_basename",), message))
        bases.setdefault(plan.file_basename, plan)
    return issues


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
