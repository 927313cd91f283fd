"""Run the a11y-moda CLI (網站無障礙規範 scanner, PyPI `a11y-moda[scan]`) on Debian's Chromium.

a11y-moda launches Playwright's own downloaded Chromium, which this project
never installs. This runner points every Playwright launch at /usr/bin/chromium
with the flags of tests/conftest.py, then hands its arguments to the CLI
unchanged, so the scan is what `a11y-moda ...` itself does:

    python tests/a11y_moda_runner.py site http://127.0.0.1:8000/ --render --level AA \\
        --spec 115.11 --allow-private-hosts --source sitemap --format json --output report.json

One addition: a11y-moda silently skips its rendered checks (Tab walk, 320 px
reflow, skip link, contrast) on a page where the browser fails, and its
report does not say so. The runner watches for that and then exits with
status 3, naming the pages, so a broken browser cannot pass for a clean scan.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
BROWSER_FAILED = 3


def _chromium_args() -> list[str]:
    # The same flags as the tests' browser fixture.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.conftest import CHROMIUM_ARGS

    return list(CHROMIUM_ARGS)


def use_system_chromium() -> None:
    """Make every BrowserType.launch (Playwright's sync API) start /usr/bin/chromium."""
    from playwright.sync_api._generated import BrowserType

    original = BrowserType.launch
    if getattr(original, "_plansite_system_chromium", False):
        return
    extra_args = _chromium_args()

    @functools.wraps(original)
    def launch(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["executable_path"] = CHROMIUM
        kwargs["args"] = [*(kwargs.get("args") or []), *extra_args]
        return original(self, *args, **kwargs)

    launch._plansite_system_chromium = True  # type: ignore[attr-defined]
    BrowserType.launch = launch  # type: ignore[method-assign]


def watch_browser_checks(failed: dict[str, str]) -> None:
    """Record pages whose rendered checks did not run (read-only: results are unchanged)."""
    from a11y_moda import scanner

    original = scanner._run_rules

    @functools.wraps(original)
    def run_rules(rules: Any, soup: Any, report: Any, **kwargs: Any) -> Any:
        context = kwargs["ctx"]
        if context.state.get("browser_error") or not context.browser_used:
            failed[kwargs["url"]] = context.state.get("browser_error", "the browser checks did not run")
        return original(rules, soup, report, **kwargs)

    scanner._run_rules = run_rules


def main(argv: list[str]) -> int:
    use_system_chromium()
    failed: dict[str, str] = {}
    if "--render" in argv:
        watch_browser_checks(failed)
    from a11y_moda.cli import main as a11y_moda

    try:
        a11y_moda.main(args=argv, prog_name="a11y-moda")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    else:
        code = 0
    for url, error in failed.items():
        print(f"a11y-moda: rendered checks did not run on {url}: {error}", file=sys.stderr)
    return code or (BROWSER_FAILED if failed else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
