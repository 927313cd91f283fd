"""The webmaster's two progress commands:

python -m plansite progress-form PLAN_ID --round ROUND_ID [--label LABEL] [-o FORM.ods]
python -m plansite progress-import FORM [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build_date import build_datetime
from ..errors import DataIssue, PlanDataError
from ..model import Plan, Site, SourceState
from ..source.load import load_site
from .model import ROUND_ID_PATTERN, Round, default_round_label
from .yaml_out import write_atomically

COMMANDS = ("progress-form", "progress-import")
DATA_DIR = "plan_data"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    form = subparsers.add_parser("progress-form", help="產生半年度考核成果填報表（.ods），已有資料時預先填入")
    form.add_argument("plan_id", metavar="PLAN_ID", help="計畫代碼，例如 fengshan-112")
    form.add_argument("--round", dest="round_id", metavar="ROUND_ID", required=True, help="考核期別代碼，例如 112-H1（上半年）、112-H2（下半年）")
    form.add_argument("--label", help="考核期別名稱，例如「112 年上半年」（預設：沿用現有資料，或依代碼產生）")
    form.add_argument("-o", "--output", type=Path, help="輸出的表單檔（.ods；預設為 <計畫代碼>-<考核期別代碼>-progress-form.ods）")
    importer = subparsers.add_parser("progress-import", help="匯入填妥的考核成果填報表（.ods 或 .xlsx），寫入 plan_data/progress/")
    importer.add_argument("form", type=Path, metavar="FORM", help="填妥的表單（.ods 或 .xlsx）")
    importer.add_argument("--check", action="store_true", help="只檢查並列出會有的變更，不寫入")


def run(args: argparse.Namespace) -> int:
    project: Path = args.project
    if args.command == "progress-form":
        return progress_form(project, args.plan_id, args.round_id, args.label, args.output)
    return progress_import(project, args.form, check_only=args.check)


def progress_form(project: Path, plan_id: str, round_id: str, label: str | None, output: Path | None) -> int:
    from .form_import import limits  # the form modules load odfpy and lxml: only for these commands
    from .form_ods import FormRound, render_progress_form

    loaded = _load(project, "產生表單")
    if loaded is None:
        return 1
    site, rounds = loaded
    plan = next((plan for plan in site.plans if plan.id == plan_id), None)
    if plan is None:
        return _fail(f"找不到計畫「{plan_id}」；現有計畫：{'、'.join(plan.id for plan in site.plans)}")
    if not ROUND_ID_PATTERN.match(round_id):
        return _fail(f"考核期別代碼「{round_id}」格式不對；應為「民國年-期別」，例如 112-H1（上半年）、112-H2（下半年）、112-Q3（第 3 季）")
    existing = next((round_ for round_ in rounds[plan.id] if round_.id == round_id), None)
    label = (label or "").strip() or (existing.label if existing else default_round_label(round_id))
    if not label:
        return _fail(f'請以 --label 指定考核期別「{round_id}」的名稱，例如 --label "{round_id[:-3]} 年第 1 期"')
    if len(label) > limits().label or "\n" in label:
        return _fail(f"考核期別名稱最多 {limits().label} 字，且只能有一行")
    output = output or Path(f"{plan.id}-{round_id}-progress-form.ods")
    if output.suffix.lower() != ".ods":
        return _fail(f"表單只能輸出為 .ods（OpenDocument 試算表），不能是「{output.name}」；Excel 也能開啟 .ods，填妥後存成 .xlsx 交回亦可")

    form_round = FormRound(round_id, label, existing.assessed.isoformat() if existing and existing.assessed else None, existing)
    write_atomically(output, render_progress_form(plan, site.office, form_round, build_datetime()))
    rows = sum(row.action.source is not SourceState.MISSING for row in plan.rows())
    prefilled = f"，已預先填入本期現有的 {len(existing.records)} 筆紀錄" if existing else ""
    print(f"已產生填報表單 {output}：{plan.title}（{plan.id}），考核期別 {round_id}「{label}」，{rows} 項具體作法{prefilled}。")
    print(f"填妥後匯入：python -m plansite progress-import {output}")
    return 0


def progress_import(project: Path, form: Path, check_only: bool = False) -> int:
    from .form_import import FormRefused, prepare_import
    from .form_read import FormReadError, read_workbook

    try:
        workbook = read_workbook(form)
    except FormReadError as error:
        return _fail(f"無法匯入 {form}：{error}")
    loaded = _load(project, "匯入")
    if loaded is None:
        return 1
    site, rounds = loaded
    data_dir = project / DATA_DIR
    try:
        result = prepare_import(workbook, site.plans, rounds, data_dir, project)
    except FormRefused as refused:
        lines = [f"無法匯入 {form}：發現 {len(refused.problems)} 個問題，未寫入任何資料。"]
        lines += [f"  {problem}" for problem in refused.problems]
        print("\n".join(lines), file=sys.stderr)
        return 1
    shown = result.round.source_file
    if not result.changes:
        print(f"表單內容與現有資料相同，沒有變更；{shown} 未改寫。")
        return 0
    verb = "將" if check_only else "已"
    action = "新增" if result.previous is None else "更新"
    print(f"{verb}從 {form} {action} {shown}（{_describe(result.plan, result.round)}）：")
    for line in result.changes:
        print(f"  {line}")
    if check_only:
        print(f"僅檢查，未寫入（共 {len(result.changes)} 項變更）。")
        return 0
    write_atomically(result.path, result.text)
    print(f"共 {len(result.changes)} 項變更。請執行 ./scripts/check 後再發布網站。")
    return 0


def _describe(plan: Plan, round_: Round) -> str:
    return f"{plan.id} {round_.id}「{round_.label}」，{len(round_.records)} 筆紀錄"


def _load(project: Path, doing: str) -> tuple[Site, dict[str, tuple[Round, ...]]] | None:
    """The site and every plan's rounds, or None after printing why the data must be fixed first."""
    data_dir = project / DATA_DIR
    try:
        site = load_site(data_dir, root=project).site
    except PlanDataError as error:
        _print_issues(error.issues, doing)
        return None
    return site, dict(site.progress)


def _print_issues(issues: list[DataIssue], doing: str) -> None:
    lines = [f"{DATA_DIR}/ 的資料有 {len(issues)} 個錯誤，請先修正後再{doing}："]
    lines += [f"  {issue}" for issue in sorted(issues)]
    print("\n".join(lines), file=sys.stderr)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1
