"""Webmaster commands: `python -m plansite check | publish TARGET | rollback TARGET | import SOURCE | progress-form | progress-import`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import OutputError, PlanDataError, escape_lines_for_display
from .outline.wording import action_count
from .progress import cli as progress_cli
from .publish.local import PublishError, mkdocs_builder, publish, rollback
from .publish.remote import publish_remote, remote_target, rollback_remote
from .source.load import load_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="plansite", description="年度計畫網站：檢查資料、發布、還原")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="專案資料夾（含 mkdocs.yml 與 plan_data/）")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="只檢查 plan_data/ 的資料，不建置")
    publish_parser = commands.add_parser("publish", help="建置、檢查，再以原子切換發布到目標資料夾")
    publish_parser.add_argument("target", help="網頁伺服器提供的路徑（由本程式管理的連結），或遠端的 [使用者@]主機:/路徑")
    publish_parser.add_argument("--keep", type=int, default=5, help="保留最近幾個版本（預設 5）")
    rollback_parser = commands.add_parser("rollback", help="把目標切換回上一個版本")
    rollback_parser.add_argument("target")
    progress_cli.register(commands)
    import_parser = commands.add_parser("import", help="把計畫文件（.docx、.odt、含文字層的 .pdf）匯入為 YAML 草稿")
    import_parser.add_argument("source", type=Path, help="計畫文件")
    import_parser.add_argument("--id", required=True, dest="plan_id", help="計畫代碼，例如 fengshan-113")
    import_parser.add_argument("-o", "--output", required=True, type=Path, help="草稿的檔名，例如 fengshan-113.yaml")
    import_parser.add_argument("--office", help="機關全銜（文件中沒有寫出時）")
    args = parser.parse_args(argv)
    project: Path = args.project

    try:
        if args.command == "import":
            from .importer.cli import run

            return run(args.source, args.plan_id, args.output, args.office)
        if args.command in progress_cli.COMMANDS:
            return progress_cli.run(args)
        if args.command == "check":
            return _check(project)
        remote = remote_target(args.target)
        if args.command == "publish":
            _check(project, quiet=True)
            builder = mkdocs_builder(project / "mkdocs.yml")
            name = publish_remote(remote, builder, args.keep) if remote else publish(Path(args.target), builder, keep=args.keep)
            print(f"已發布版本 {name} 到 {args.target}")
            return 0
        name = rollback_remote(remote) if remote else rollback(Path(args.target))
        print(f"已還原到版本 {name}：{args.target}")
        return 0
    except PlanDataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except (PublishError, OutputError) as error:
        _print_error(str(error))
        return 1
    except OSError as error:
        where = f"（{error.filename}）" if error.filename else ""
        _print_error(f"無法讀寫檔案{where}：{error.strerror or error}")
        return 1
    except KeyboardInterrupt:
        _print_error("已中斷")
        return 130
    except Exception as error:
        # Never a traceback for a webmaster; PLANSITE_DEBUG=1 shows it to a developer.
        if os.environ.get("PLANSITE_DEBUG"):
            raise
        _print_error(f"程式內部錯誤（{type(error).__name__}：{error}）；請把這一行回報給系統管理者（設定 PLANSITE_DEBUG=1 可看到詳細資訊）")
        return 2


def _print_error(message: str) -> None:
    """Messages may quote data or file names: control characters are shown escaped, never sent to the terminal."""
    print(escape_lines_for_display(message), file=sys.stderr)


def _check(project: Path, quiet: bool = False) -> int:
    result = load_site(project / "plan_data", root=project)
    if not quiet:
        for warning in result.warnings:
            print(f"提醒 - {warning}")
        actions = [row.action for plan in result.site.plans for row in plan.rows()]
        print(f"資料正確：{len(result.site.plans)} 份計畫，具體作法 {action_count(actions)}。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
