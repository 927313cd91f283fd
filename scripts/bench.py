"""Build benchmark: how long the site takes to build on this machine, and where.

    ./scripts/bench                 # full run (5 runs each, scale 1,10,100)
    ./scripts/bench --quick         # 2 runs, scale 1,10
    ./scripts/bench --runs 3 --scale 1,10 --json /tmp/bench.json

Every build is a real `python -m mkdocs build --strict` in a fresh subprocess,
in a temporary copy of the project (mkdocs.yml, docs, hooks, overrides,
plan_data; caches in <copy>/.cache), with NO_MKDOCS_2_WARNING=1 and a fixed
SOURCE_DATE_EPOCH. Measured, interleaved round by round:

- floor: a bare mkdocs-material build (no hook) of exactly the Markdown pages
  and download files our build generates, written out as plain files, with
  the same theme, nav, search plugin and jieba dictionaries;
- cold: our full build with no .cache (site and every download), but for
  jieba's dictionary cache (KEPT_CACHES), which the floor keeps too;
- warm: a rebuild with nothing changed;
- edit: a rebuild after changing one action's text.

Then per writer in-process (in a fresh child process, so the PDF writer's
first call is really its first), and cold builds of synthetic sites of 1, 10
and 100 plans (scripts/make_synthetic_plans.py). Prints Markdown tables and
writes the same numbers as JSON. Nothing here asserts anything about timings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "plan_data")
EPOCH = "1700000000"
BUILD_TIMEOUT = 600  # seconds: one build longer than this is stopped and reported
TIME_BIN = Path("/usr/bin/time")

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _require_venv() -> None:
    venv_python = ROOT / ".venv" / "bin" / "python"
    if not venv_python.exists():
        sys.exit("找不到 .venv（.venv/bin/python）：請先執行 ./scripts/setup / .venv is missing: run ./scripts/setup first")
    try:
        import mkdocs  # noqa: F401

        import plansite  # noqa: F401
    except ImportError as error:
        sys.exit(f"cannot import {error.name}: run this with .venv/bin/python (./scripts/bench), after ./scripts/setup")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- statistics


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
        "values": values,
    }


def timed_runs(function: Callable[[], Any], runs: int, warmup: int = 1) -> dict[str, Any]:
    for _ in range(warmup):
        function()
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        values.append(time.perf_counter() - start)
    return summary(values)


# -- project copies and builds


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def build_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}


class BuildFailed(RuntimeError):
    pass


class BuildTimedOut(RuntimeError):
    pass


def run_build(project: Path, timeout: float = BUILD_TIMEOUT) -> dict[str, Any]:
    """One strict build of `project` into project/site in a fresh process: seconds and peak RSS.

    Peak RSS comes from /usr/bin/time -v when it exists, else from the rusage
    os.wait4 returns for the build process itself (its ru_maxrss).
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    cache = project / ".cache" / "downloads"
    before = _cache_entries(cache)
    rss_file = project / ".bench-time.txt"
    log_file = project / ".bench-build.log"
    use_time = TIME_BIN.exists()
    if use_time:
        command = [str(TIME_BIN), "-v", "-o", str(rss_file), *command]
    timed_out = threading.Event()
    with open(log_file, "w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=build_env(), stdout=output, stderr=subprocess.STDOUT)

        def stop() -> None:
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if timed_out.is_set():
        raise BuildTimedOut(f"build of {project.name} took longer than {timeout:.0f} s and was stopped")
    peak_kb = _time_v_peak(rss_file) if use_time else usage.ru_maxrss
    rss_file.unlink(missing_ok=True)
    if process.returncode != 0:
        tail = "\n".join(log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-20:])
        raise BuildFailed(f"mkdocs build failed in {project} (exit {process.returncode}):\n{tail}")
    return {"seconds": seconds, "peak_rss_mb": peak_kb / 1024 if peak_kb else None, "downloads_rendered": len(_cache_entries(cache) - before)}


def _cache_entries(cache: Path) -> set[str]:
    return {path.name for path in cache.glob("*.meta.json")} if cache.is_dir() else set()


def _time_v_peak(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", text)
    return int(match.group(1)) if match else None


# jieba's dictionary cache depends on the installed dictionary alone, not on the
# data: a cold build keeps it, as the floor keeps its own (jieba's default, in /tmp).
KEPT_CACHES = ("search/jieba",)


def clean_caches(project: Path) -> None:
    """Everything a build made from the data: the site and .cache, but for KEPT_CACHES."""
    if (project / "site").exists():
        shutil.rmtree(project / "site")
    cache = project / ".cache"
    if not cache.exists():
        return
    kept = {cache / relative for relative in KEPT_CACHES}
    for path in sorted(cache.rglob("*"), reverse=True):
        if any(path == keep or keep in path.parents or path in keep.parents for keep in kept):
            continue
        path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()


def edit_one_action(project: Path, revision: int) -> str:
    """Change the text of the first plain action text in the first plan file."""
    plan_file = sorted((project / "plan_data" / "plans").glob("*.yaml"))[0]
    lines = plan_file.read_text(encoding="utf-8").splitlines(keepends=True)
    in_execution = False
    for index, line in enumerate(lines):
        top = re.match(r"^([a-z_]+):", line)
        if top:
            in_execution = top.group(1) == "execution"
            continue
        match = re.match(r"^(\s+(?:- )?text: )([^\"'|>\s].*?)(（修訂 \d+）)?\n$", line)
        if in_execution and match:
            lines[index] = f"{match.group(1)}{match.group(2)}（修訂 {revision}）\n"
            plan_file.write_text("".join(lines), encoding="utf-8")
            return f"{plan_file.name}:{index + 1}"
    raise RuntimeError(f"no plain action text found to edit in {plan_file}")


def site_stats(project: Path) -> dict[str, Any]:
    site = project / "site"
    files = [path for path in site.rglob("*") if path.is_file()]
    return {
        "html_pages": sum(1 for path in files if path.name == "index.html"),
        "downloads": len(list((site / "downloads").glob("*"))) if (site / "downloads").is_dir() else 0,
        "site_mb": sum(path.stat().st_size for path in files) / 1024 / 1024,
    }


# -- the floor: the same pages as plain files, built by bare mkdocs-material


def prepare_floor(project: Path) -> dict[str, Any]:
    """Turn the copy `project` into a hook-less project holding our generated pages as files.

    Uses plansite.prepare.prepare_site, the same function the hook calls, then
    writes what the hook adds at build time into the floor's files: the nav,
    the office block, the jieba dictionaries and each page's update date.
    """
    import yaml

    from plansite.build_date import build_datetime
    from plansite.mkdocs.links import MkDocsLinks
    from plansite.mkdocs.navigation import escaped_config_nav, nav_config
    from plansite.mkdocs.plugin import FOOTER_PAGES
    from plansite.mkdocs.search_dictionary import traditional_dictionary, write_user_dictionary
    from plansite.mkdocs.templates import office_for_templates
    from plansite.outline.pages import nav_nodes
    from plansite.outline.wording import SITEMAP_TITLE, roc_date
    from plansite.prepare import prepare_site
    from plansite.site_structure import SITEMAP, NavEntry
    from plansite.writers.markdown_pages import fill_nav_tree

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    links = MkDocsLinks(bool(config.get("use_directory_urls", True)), str(project / "site"))
    prepared = prepare_site(project, links, links.url_style, set())
    # The hand-written nav of the shipped mkdocs.yml names every page's title, as the hook's site map reads it.
    handwritten = [NavEntry(str(title), str(uri)) for item in config.get("nav") or [] for title, uri in item.items()]
    site_nav = [*prepared.nav, *handwritten, NavEntry(SITEMAP_TITLE, SITEMAP)]
    pages = [
        type(page)(page.uri, page.title, fill_nav_tree(page.markdown, tuple(nav_nodes(site_nav)), SITEMAP, links)) if page.uri == SITEMAP else page
        for page in prepared.pages
    ]

    docs = project / "docs"
    today = build_datetime().date()
    generated = {page.uri for page in pages}
    for page in pages:
        target = docs / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_with_update_date(page.markdown, today, roc_date), encoding="utf-8")
    for markdown_file in docs.glob("*.md"):  # the hand-written pages get their date too (on_page_markdown)
        if markdown_file.relative_to(docs).as_posix() not in generated:
            markdown_file.write_text(_with_update_date(markdown_file.read_text(encoding="utf-8"), today, roc_date), encoding="utf-8")
    (docs / "downloads").mkdir(exist_ok=True)
    for site_file in prepared.files:
        shutil.copyfile(site_file.source, docs / site_file.url_path)
    shutil.rmtree(project / ".cache" / "downloads")  # only the files in docs/ belong to the floor

    config.pop("hooks", None)
    handwritten_config = [escaped_config_nav(item) for item in config.get("nav") or []]
    config["nav"] = [nav_config(entry) for entry in prepared.nav] + handwritten_config + [nav_config(NavEntry(SITEMAP_TITLE, SITEMAP))]
    extra = config.setdefault("extra", {})
    extra["office"] = office_for_templates(prepared.office)
    extra["page_urls"] = {name: links.url(uri) for name, uri in FOOTER_PAGES.items()}
    for index, plugin in enumerate(config.get("plugins") or []):
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            search = dict(plugin["search"] or {}) if isinstance(plugin, dict) else {}
            dictionary = traditional_dictionary()
            if dictionary is not None:
                search["jieba_dict"] = str(dictionary)
            search["jieba_dict_user"] = str(write_user_dictionary(prepared.search_terms, project / ".cache" / "search" / "userdict.txt"))
            config["plugins"][index] = {"search": search}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(project / "hooks")
    return {"pages": len(pages), "downloads": len(prepared.files)}


def _with_update_date(markdown: str, day: Any, roc_date: Callable[[Any], str]) -> str:
    """What on_page_markdown adds, as front matter: updated_iso / updated_roc."""
    updated = re.search(r"^updated: (\d{4}-\d{2}-\d{2})$", markdown.split("\n---\n", 1)[0], re.M) if markdown.startswith("---\n") else None
    if updated:
        from datetime import date

        day = date.fromisoformat(updated.group(1))
    extra = f"updated_iso: {day.isoformat()}\nupdated_roc: {json.dumps(roc_date(day), ensure_ascii=False)}\n"
    if markdown.startswith("---\n"):
        return "---\n" + extra + markdown[4:]
    return "---\n" + extra + "---\n\n" + markdown


# -- per writer, in a fresh child process


def writers_child(project: Path, cache_dir: Path, runs: int) -> dict[str, Any]:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    results: dict[str, Any] = {}
    start = time.perf_counter()
    from plansite.build_date import build_datetime
    from plansite.download_files import planned_downloads
    from plansite.downloads import DownloadCache
    from plansite.mkdocs.links import MkDocsLinks
    from plansite.outline.pages import site_pages, sitemap_page
    from plansite.source.load import load_site
    from plansite.writers import ods, odt, opendata, pdf
    from plansite.writers.markdown_pages import render_page

    results["import_plansite"] = summary([time.perf_counter() - start])

    data_dir = project / "plan_data"
    results["load_site"] = timed_runs(lambda: load_site(data_dir), runs)
    site = load_site(data_dir).site
    plan = site.plans[0]
    office = site.office
    at = build_datetime()

    start = time.perf_counter()
    pdf.render_pdf(plan, office, at)
    results["pdf_first_call"] = summary([time.perf_counter() - start])

    specs = [spec for each in site.plans for spec in planned_downloads(each)]
    cache = DownloadCache(cache_dir)
    downloads = cache.build(specs, office, at)  # all hits: the parent filled this cache
    by_plan: dict[str, list[Any]] = {}
    for download in downloads:
        by_plan.setdefault(download.spec.plan.id, []).append(download)

    links = MkDocsLinks(True, str(project / "site"))

    def pages() -> None:
        outlines, _nav = site_pages(site, by_plan)
        for outline in [*outlines, sitemap_page()]:
            render_page(outline, links)

    results["markdown_pages"] = timed_runs(pages, runs)

    # Typst memoises: rendering the very same input again is far cheaper than
    # a build ever sees. So every timed call below renders a different plan:
    # synthetic copies of the shipped plan (scripts/make_synthetic_plans.py),
    # the warm-up the first copy, run k the (k+1)-th.
    from make_synthetic_plans import make_synthetic_plans

    scratch = Path(tempfile.mkdtemp(prefix="plansite-bench-writers-"))
    try:
        make_synthetic_plans(runs + 1, scratch / "plan_data", project / "plan_data")
        copies = list(load_site(scratch / "plan_data").site.plans)

        def each_plan(render: Callable[[Any], Any]) -> Callable[[], Any]:
            remaining = iter(copies)
            return lambda: render(next(remaining))

        results["odt_whole_plan"] = timed_runs(each_plan(lambda one: odt.render_odt(one, office, at)), runs)
        results["ods_whole_plan"] = timed_runs(each_plan(lambda one: ods.render_ods(one, office, at)), runs)
        results["pdf_whole_plan"] = timed_runs(each_plan(lambda one: pdf.render_pdf(one, office, at)), runs)
        results["pdf_same_input_again"] = timed_runs(lambda: pdf.render_pdf(plan, office, at), runs)

        def open_data(one: Any) -> None:
            opendata.render_csv(one)
            opendata.render_rows_json(one, office)
            opendata.render_plan_json(one, office)

        results["csv_json_whole_plan"] = timed_runs(each_plan(open_data), runs)
        results["download_cache_all_hits"] = timed_runs(lambda: DownloadCache(cache_dir).build(specs, office, at), runs)
        caches = iter(range(runs + 1))
        results["all_downloads_one_plan_cold"] = timed_runs(
            each_plan(lambda one: DownloadCache(scratch / "cache" / str(next(caches))).build(planned_downloads(one), office, at)), runs
        )
        results["search_segmentation"] = search_segmentation(runs, scratch / "jieba")
        results["large_plans"] = large_plan_writers(plan, office, at, min(runs, 3))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results["_counts"] = {"plans": len(site.plans), "downloads_per_plan": len(planned_downloads(plan)), "facets": len(plan.facets)}
    return results


LARGE_PLAN_ROWS = (2_500, 5_000, 10_000)


def large_plan(plan: Any, rows: int) -> Any:
    """`plan` with one facet of `rows` actions (copies of its first action,
    each with its own id and text), 100 to a sub-strategy."""
    import dataclasses

    facet = plan.facets[0]
    strategy = facet.strategies[0]
    template = strategy.substrategies[0]
    action = template.actions[0]
    substrategies = []
    for group in range(rows // 100):
        actions = tuple(dataclasses.replace(action, id=f"1-1-{group + 1}-{k + 1}", text=f"{action.text}{group}-{k}") for k in range(100))
        heading = dataclasses.replace(template.heading, id=f"1-1-{group + 1}")
        substrategies.append(dataclasses.replace(template, heading=heading, actions=actions))
    strategy = dataclasses.replace(strategy, substrategies=tuple(substrategies))
    return dataclasses.replace(plan, facets=(dataclasses.replace(facet, strategies=(strategy,)),))


def large_plan_writers(plan: Any, office: Any, at: Any, runs: int) -> dict[str, Any]:
    """ODS and ODT seconds for plans of growing size: the time should grow in
    proportion (odfpy's way of packaging a part once grew with its square)."""
    from plansite.writers import ods, odt

    results: dict[str, Any] = {}
    for rows in LARGE_PLAN_ROWS:
        big = large_plan(plan, rows)
        results[str(rows)] = {
            "ods": timed_runs(lambda big=big: ods.render_ods(big, office, at), runs, warmup=0),
            "odt": timed_runs(lambda big=big: odt.render_odt(big, office, at), runs, warmup=0),
        }
    return results


SEGMENT_LENGTHS = (20_000, 40_000, 80_000)


def search_segmentation(runs: int, cache_dir: Path) -> dict[str, Any]:
    """Seconds to segment one unbroken run of Han characters for the search
    index, at growing lengths: the time should grow in proportion (issue 11:
    a 20,000-character name once cost 385 s). Worst case: the first 20,000
    characters are themselves a dictionary word, as a long department name
    once was."""
    import logging
    import random

    import jieba

    from plansite.mkdocs.search_segment import segment_for_index

    jieba.setLogLevel(logging.WARNING)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)  # jieba's cache stays out of /tmp
    tokenizer.initialize()
    chooser = random.Random(1)  # the same text in every run of the benchmark
    text = "".join(chr(0x4E00 + chooser.randrange(3000)) for _ in range(max(SEGMENT_LENGTHS)))
    tokenizer.add_word(text[: SEGMENT_LENGTHS[0]])
    return {str(length): timed_runs(lambda length=length: segment_for_index(text[:length], tokenizer), runs) for length in SEGMENT_LENGTHS}


def run_writers(project: Path, cache_dir: Path, runs: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--writers-child", str(project), str(cache_dir), str(runs)]
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(), timeout=BUILD_TIMEOUT)
    if result.returncode != 0:
        raise RuntimeError(f"writer benchmark failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


# -- machine


def machine_info() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        ram_gb = int(match.group(1)) / 1024 / 1024 if match else None
    except OSError:
        pass
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "Markdown", "typst", "odfpy", "jieba", "PyYAML"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count()
    return {
        "nproc": nproc,
        "cpu": cpu,
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "loadavg_start": os.getloadavg(),
        "peak_rss_source": "/usr/bin/time -v" if TIME_BIN.exists() else "os.wait4 rusage (ru_maxrss of the build process)",
    }


# -- the benchmark


def bench_builds(work: Path, runs: int) -> dict[str, Any]:
    log("preparing the floor project (generating pages and downloads in-process)")
    floor = copy_project(work / "floor")
    floor_info = prepare_floor(floor)
    ours = copy_project(work / "ours")

    # One untimed build of each, so that both have written jieba's dictionary
    # cache (ours in .cache/search/jieba, bare Material's in TMPDIR) before the
    # timed runs, as on any machine after its first build.
    log("warm-up: one untimed build of each")
    run_build(floor)
    run_build(ours)

    results: dict[str, list[dict[str, Any]]] = {"floor": [], "cold": [], "warm": [], "edit": []}
    edited_at = None
    for round_ in range(1, runs + 1):
        log(f"round {round_}/{runs}: floor, cold, warm, edit")
        shutil.rmtree(floor / "site", ignore_errors=True)
        results["floor"].append(run_build(floor))
        clean_caches(ours)
        results["cold"].append(run_build(ours))
        results["warm"].append(run_build(ours))
        edited_at = edit_one_action(ours, round_)
        results["edit"].append(run_build(ours))
    stats = site_stats(ours)
    out: dict[str, Any] = {}
    for name, samples in results.items():
        out[name] = summary([sample["seconds"] for sample in samples])
        rss = [sample["peak_rss_mb"] for sample in samples if sample["peak_rss_mb"] is not None]
        out[name]["peak_rss_mb"] = summary(rss) if rss else None
        out[name]["downloads_rendered"] = [sample["downloads_rendered"] for sample in samples]
    floor_median = out["floor"]["median"]
    out["ratios"] = {f"{name}/floor": out[name]["median"] / floor_median for name in ("cold", "warm", "edit")}
    out["site"] = {**stats, "generated_pages": floor_info["pages"], "download_files": floor_info["downloads"], "edited_line": edited_at}
    return out


def bench_scale(work: Path, sizes: list[int], runs: int) -> list[dict[str, Any]]:
    from make_synthetic_plans import make_synthetic_plans

    rows = []
    for size in sizes:
        project = copy_project(work / f"scale-{size}")
        make_synthetic_plans(size, project / "plan_data")
        size_runs = 1 if size >= 100 else runs
        row: dict[str, Any] = {"plans": size, "runs": size_runs}
        samples = []
        try:
            for run in range(1, size_runs + 1):
                log(f"scale {size} plans: cold build {run}/{size_runs}")
                clean_caches(project)
                samples.append(run_build(project))
            log(f"scale {size} plans: warm build")
            warm = run_build(project)
        except BuildTimedOut as error:
            row["error"] = str(error)
            rows.append(row)
            log(f"stopped: {error}")
            break
        row["cold"] = summary([sample["seconds"] for sample in samples])
        row["cold_peak_rss_mb"] = summary([sample["peak_rss_mb"] for sample in samples if sample["peak_rss_mb"] is not None] or [0.0])
        row["warm_seconds"] = warm["seconds"]
        row["warm_peak_rss_mb"] = warm["peak_rss_mb"]
        row["seconds_per_plan"] = row["cold"]["median"] / size
        row.update(site_stats(project))
        rows.append(row)
        shutil.rmtree(project, ignore_errors=True)
    previous = None
    for row in rows:
        if "cold" in row and previous is not None:
            added = row["plans"] - previous["plans"]
            row["marginal_seconds_per_added_plan"] = (row["cold"]["median"] - previous["cold"]["median"]) / added
            row["marginal_warm_seconds_per_added_plan"] = (row["warm_seconds"] - previous["warm_seconds"]) / added
            row["marginal_rss_mb_per_added_plan"] = (row["cold_peak_rss_mb"]["median"] - previous["cold_peak_rss_mb"]["median"]) / added
        if "cold" in row:
            previous = row
    return rows


# -- report


def _s(value: float) -> str:
    return f"{value:.2f}"


def _ms(value: float) -> str:
    return f"{value * 1000:.1f}"


def render_report(report: dict[str, Any]) -> str:
    machine = report["machine"]
    lines = ["# plansite build benchmark", ""]
    lines.append(
        f"Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['ram_gb']:.1f} GB RAM, Python {machine['python']}, "
        f"{machine['platform']}; load average at start {' / '.join(f'{x:.2f}' for x in machine['loadavg_start'])}, "
        f"at end {' / '.join(f'{x:.2f}' for x in machine.get('loadavg_end', (0, 0, 0)))}."
    )
    packages = ", ".join(f"{name} {version}" for name, version in machine["packages"].items())
    lines.append(f"Packages: {packages}. Peak memory from {machine['peak_rss_source']}. SOURCE_DATE_EPOCH={EPOCH}.")
    lines.append("")

    builds = report["builds"]
    site = builds["site"]
    lines.append(f"## Builds (median of {builds['floor']['runs']} runs, each a fresh `mkdocs build --strict` process)")
    lines.append("")
    lines.append(
        f"The shipped data: {site['generated_pages']} generated pages, {site['html_pages']} HTML pages in all, "
        f"{site['download_files']} download files, site {site['site_mb']:.1f} MB. Edit changes `{site['edited_line']}`."
    )
    lines.append("")
    lines.append("| build | median s | min–max s | ×floor | peak RSS MB (median) | downloads rendered per run |")
    lines.append("|---|---:|---:|---:|---:|---|")
    descriptions = {
        "floor": "floor: bare Material, same pages as files",
        "cold": "cold: full build, no .cache",
        "warm": "warm: rebuild, nothing changed",
        "edit": "edit: one action's text changed",
    }
    for name, label in descriptions.items():
        entry = builds[name]
        ratio = "1.00" if name == "floor" else f"{builds['ratios'][f'{name}/floor']:.2f}"
        rss = f"{entry['peak_rss_mb']['median']:.0f}" if entry["peak_rss_mb"] else "–"
        rendered = ",".join(str(x) for x in entry["downloads_rendered"])
        lines.append(f"| {label} | {_s(entry['median'])} | {_s(entry['min'])}–{_s(entry['max'])} | {ratio} | {rss} | {rendered} |")
    lines.append("")
    ratios = builds["ratios"]
    lines.append(
        f"**Headline (same run): cold/floor = {ratios['cold/floor']:.2f}, warm/floor = {ratios['warm/floor']:.2f}, edit/floor = {ratios['edit/floor']:.2f}.**"
    )
    lines.append("")

    writers = report["writers"]
    counts = writers["_counts"]
    lines.append(
        f"## Writers in-process (one plan, {counts['facets']} facets; median of {writers['markdown_pages']['runs']} runs after one warm-up, fresh process)"
    )
    lines.append("")
    lines.append(
        "Per-plan writers render a different synthetic copy of the shipped plan on every call (same size, distinct text), "
        "because Typst memoises identical input; Markdown pages and load_site use the shipped data."
    )
    lines.append("")
    lines.append("| step | median ms | min–max ms |")
    lines.append("|---|---:|---:|")
    labels = [
        ("import_plansite", "import plansite writers (first, single)"),
        ("load_site", "load_site: read + validate plan_data/"),
        ("markdown_pages", "Markdown pages, whole site (+ sitemap)"),
        ("odt_whole_plan", "ODT, whole plan"),
        ("ods_whole_plan", "ODS, whole plan"),
        ("pdf_first_call", "PDF, whole plan: first call in the process (single)"),
        ("pdf_whole_plan", "PDF, whole plan (after the first call)"),
        ("pdf_same_input_again", "PDF, identical input again (Typst memoises; a build never sees this)"),
        ("csv_json_whole_plan", "CSV + rows JSON + plan JSON, whole plan"),
        ("download_cache_all_hits", f"DownloadCache.build, all {counts['downloads_per_plan']} files cached (warm path)"),
        ("all_downloads_one_plan_cold", f"DownloadCache.build, all {counts['downloads_per_plan']} files of one plan, empty cache"),
    ]
    for key, label in labels:
        entry = writers[key]
        spread = f"{_ms(entry['min'])}–{_ms(entry['max'])}" if entry["runs"] > 1 else "(single call)"
        lines.append(f"| {label} | {_ms(entry['median'])} | {spread} |")
    lines.append("")

    large = writers["large_plans"]
    lines.append(f"## Large plans: one facet of many actions (median of {large[str(LARGE_PLAN_ROWS[0])]['ods']['runs']} runs)")
    lines.append("")
    lines.append("| actions | ODS s | ODS ratio | ODT s | ODT ratio |")
    lines.append("|---:|---:|---:|---:|---:|")
    first = large[str(LARGE_PLAN_ROWS[0])]
    for rows in LARGE_PLAN_ROWS:
        entry = large[str(rows)]
        ods_s, odt_s = entry["ods"]["median"], entry["odt"]["median"]
        lines.append(f"| {rows:,} | {ods_s:.2f} | {ods_s / first['ods']['median']:.2f} | {odt_s:.2f} | {odt_s / first['odt']['median']:.2f} |")
    lines.append("")

    segmentation = writers["search_segmentation"]
    lines.append("## Search segmentation: one unbroken run of Han characters (its first 20,000 characters a dictionary word)")
    lines.append("")
    lines.append("| characters | median s | ratio to the shortest |")
    lines.append("|---:|---:|---:|")
    shortest = segmentation[str(SEGMENT_LENGTHS[0])]["median"]
    for length in SEGMENT_LENGTHS:
        median = segmentation[str(length)]["median"]
        lines.append(f"| {length:,} | {median:.3f} | {median / shortest:.2f} |")
    lines.append("")

    scale = report["scale"]
    if scale:
        lines.append("## Scale: synthetic sites (copies of the shipped plan), cold full build")
        lines.append("")
        lines.append(
            "| plans | runs | cold median s | min–max s | s per plan | Δs per added plan | peak RSS MB | ΔMB per added plan "
            "| warm s (1 run) | Δwarm s per added plan | HTML pages | downloads | site MB |"
        )
        lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for row in scale:
            if "error" in row:
                lines.append(f"| {row['plans']} | – | stopped: {row['error']} |||||||||||")
                continue
            cold = row["cold"]
            spread = f"{_s(cold['min'])}–{_s(cold['max'])}" if cold["runs"] > 1 else "(1 run)"
            marginal = row.get("marginal_seconds_per_added_plan")
            marginal_rss = row.get("marginal_rss_mb_per_added_plan")
            marginal_warm = row.get("marginal_warm_seconds_per_added_plan")
            lines.append(
                f"| {row['plans']} | {row['runs']} | {_s(cold['median'])} | {spread} | {_s(row['seconds_per_plan'])} | "
                f"{_s(marginal) if marginal is not None else '–'} | {row['cold_peak_rss_mb']['median']:.0f} | "
                f"{f'{marginal_rss:.1f}' if marginal_rss is not None else '–'} | {_s(row['warm_seconds'])} | "
                f"{_s(marginal_warm) if marginal_warm is not None else '–'} | {row['html_pages']} | {row['downloads']} | {row['site_mb']:.1f} |"
            )
        lines.append("")
        if any(row["plans"] >= 100 for row in scale):
            lines.append("Sites of 100 or more plans are built cold once (one run), the others as many times as --runs.")
            lines.append("")
    lines.append(f"Total benchmark time: {report['total_seconds']:.0f} s.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--writers-child"]:
        _, project, cache_dir, runs = argv
        print(json.dumps(writers_child(Path(project), Path(cache_dir), int(runs))))
        return 0

    parser = argparse.ArgumentParser(description="Benchmark the site build on this machine (no assertions).")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement (default 5; 2 with --quick)")
    parser.add_argument("--scale", default=None, help="synthetic site sizes, comma-separated (default 1,10,100; 1,10 with --quick); empty to skip")
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller scale")
    parser.add_argument("--json", type=Path, default=ROOT / ".cache" / "bench" / "bench.json", help="where to write the JSON (default .cache/bench/bench.json)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project copies (their path is printed)")
    args = parser.parse_args(argv)
    _require_venv()
    runs = args.runs or (2 if args.quick else 5)
    if runs < 1:
        parser.error("--runs must be at least 1")
    scale_arg = args.scale if args.scale is not None else ("1,10" if args.quick else "1,10,100")
    try:
        sizes = [int(part) for part in scale_arg.split(",") if part.strip()]
    except ValueError:
        parser.error(f"--scale must be comma-separated numbers, not {scale_arg!r}")
    if any(size < 1 for size in sizes):
        parser.error("--scale sizes must be at least 1")

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # the floor's pages and downloads, made in this process
    started = time.perf_counter()
    report: dict[str, Any] = {"machine": machine_info(), "runs": runs, "scale_sizes": sizes}
    work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    # Bare Material leaves jieba's cache in the temporary folder: keep the
    # floor's inside this run's folder, not in the shared /tmp.
    (work / "tmp").mkdir()
    os.environ["TMPDIR"] = str(work / "tmp")
    try:
        report["builds"] = bench_builds(work, runs)
        log("writers in-process (fresh child process)")
        report["writers"] = run_writers(work / "floor", work / "floor" / ".floor-cache" / "downloads", runs)
        report["scale"] = bench_scale(work, sizes, runs) if sizes else []
    except (BuildFailed, BuildTimedOut) as error:
        print(f"benchmark stopped: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            log(f"kept the temporary copies in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report["machine"]["loadavg_end"] = os.getloadavg()
    report["total_seconds"] = time.perf_counter() - started
    text = render_report(report)
    print(text)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
