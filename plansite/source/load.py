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
from ..progress.load import load_progress
from .build_model import accessibility_mark_from_data, links_from_data, office_from_data, plan_from_data, synonyms_from_data
from .data_files import DataFile, DataKind, PlanData, read_plan_data
from .plan_rules import check_plan_rules
from .printable import unprintable_text_issues
from .schema_check import check_against_schema
from .yaml_source import SourceMap, parse_yaml_bytes

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


def load_site(data_dir: Path, root: Path | None = None, printable: set[str] | None = None) -> LoadResult:
    """Raise PlanDataError listing every error; return the site and warnings otherwise.

    `printable`: characters already known to print in the PDFs (grows with what this load finds)."""
    return load_plan_data(read_plan_data(data_dir, root), printable)


def load_plan_data(plan_data: PlanData, printable: set[str] | None = None) -> LoadResult:
    """Validate the data files already read by `read_plan_data` (the build digests the same bytes)."""
    issues: list[DataIssue] = list(plan_data.issues)
    (site_file,) = plan_data.of_kind(DataKind.SITE)
    site_data, site_source = _read_checked(site_file, "site", issues)
    plan_documents: list[tuple[Any, SourceMap]] = []
    for plan_file in plan_data.of_kind(DataKind.PLAN):
        data, source = _read_checked(plan_file, "plan", issues)
        if data is None or source is None:
            continue
        rule_issues = check_plan_rules(data, source)
        issues += rule_issues
        if not any(issue.severity is Severity.ERROR for issue in rule_issues):
            plan_documents.append((data, source))
    # One probe of the PDF fonts for the text of every file together.
    site_documents = [(site_data, site_source)] if site_source is not None else []
    glyph_issues = unprintable_text_issues(site_documents + plan_documents, printable if printable is not None else set())
    issues += glyph_issues
    unprintable_files = {issue.file for issue in glyph_issues}
    plans = [plan_from_data(data, source.file) for data, source in plan_documents if source.file not in unprintable_files]

    if site_data is not None and site_source is not None:
        issues += _contact_warnings(site_data, site_source)
        issues += _accessibility_mark_issues(site_data, site_source, site_file.path.parent.parent)
    issues += _cross_plan_issues(plans, {source.file: source for _data, source in plan_documents})
    # Assessment rounds name their plan by id; while a plan file has errors, its rounds cannot be placed.
    plans_complete = not any(issue.severity is Severity.ERROR for issue in issues)
    rounds, progress_issues = load_progress(plan_data.of_kind(DataKind.PROGRESS), plans, printable, report_unknown_plans=plans_complete)
    issues += progress_issues

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
        progress=rounds,
        search_synonyms=synonyms_from_data(site_data.get("search")),
        links=links_from_data(site_data.get("links")),
        accessibility_mark=accessibility_mark_from_data(site_data.get("accessibility_mark")),
    )
    return LoadResult(site, sorted(issue for issue in issues if issue.severity is Severity.WARNING))


def _read_checked(file: DataFile, schema: str, issues: list[DataIssue]) -> tuple[Any, SourceMap | None]:
    if file.problem is not None or file.content is None:
        issues.append(file.problem or DataIssue(file.display, 0, 0, (), "無法讀取檔案"))
        return None, None
    try:
        document = parse_yaml_bytes(file.content, file.display)
    except PlanDataError as error:
        issues += error.issues
        return None, None
    if not isinstance(document.data, dict):
        issues.append(DataIssue(file.display, 1, 1, (), "檔案最上層應為對應表（欄位: 值），不是清單或單一文字"))
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


def _cross_plan_issues(plans: list[Plan], sources: dict[str, SourceMap]) -> list[DataIssue]:
    """Plan ids must differ (they are URLs), and so must download names: a plan's
    files are named `<file_basename>…`, so no basename may extend another's.
    Each issue stands at the field's line in the later file."""
    issues = []
    ids: dict[str, Plan] = {}
    bases: dict[str, Plan] = {}
    for plan in plans:
        if plan.id in ids:
            issues.append(sources[plan.source_file].issue(("id",), f"計畫代碼「{plan.id}」與 {ids[plan.id].source_file} 重複"))
        ids.setdefault(plan.id, plan)
        for base, other in bases.items():
            if plan.file_basename == base or plan.file_basename.startswith(f"{base}-") or base.startswith(f"{plan.file_basename}-"):
                message = f"下載檔名「{plan.file_basename}」與 {other.source_file} 的「{base}」重複或互相涵蓋，下載檔會互相覆蓋"
                issues.append(sources[plan.source_file].issue(("file_basename",), message))
        bases.setdefault(plan.file_basename, plan)
    return issues
