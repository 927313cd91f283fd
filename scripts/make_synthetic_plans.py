"""Synthetic plan_data/ folders for benchmarks: N plans of the seed plan's size.

Each plan is a text copy of the seed (plan_data/plans/fengshan-112.yaml), so
comments, numbering, ids, gaps and notes stay exactly as in the real plan;
only these lines change:

- the top-level `id`, `file_basename` and `title` (synth-0001, …);
- `roc_year`, cycling 103..112;
- every `text:` inside `execution:` (the actions and their sub-items) gets a
  short prefix naming the plan, so each plan's pages and downloads differ.

The output is deterministic. plan_data/site.yaml is copied unchanged.

    .venv/bin/python scripts/make_synthetic_plans.py 10 /tmp/synth/plan_data [--check]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DATA = ROOT / "plan_data"
SEED_PLAN = "fengshan-112.yaml"
FIRST_YEAR = 103
YEARS = 10  # roc_year cycles 103..112

_TOP_LEVEL_KEY = re.compile(r"^([a-z_]+):")
_TEXT_LINE = re.compile(r"^(\s+(?:- )?text: )(\"?)(.*)$")


def plan_id(index: int) -> str:
    return f"synth-{index:04d}"


def synthetic_plan_text(seed: str, index: int) -> str:
    """The seed plan's YAML, turned into synthetic plan number `index` (1-based)."""
    year = FIRST_YEAR + (index - 1) % YEARS
    ident = plan_id(index)
    marker = f"〔合成{index:04d}〕"
    out = []
    section = None
    replaced: set[str] = set()
    texts = 0
    for line in seed.splitlines(keepends=True):
        top = _TOP_LEVEL_KEY.match(line)
        if top:
            section = top.group(1)
            newline = "\n" if line.endswith("\n") else ""
            if section == "id":
                line = f"id: {ident}{newline}"
            elif section == "file_basename":
                line = f"file_basename: {ident}-service-plan{newline}"
            elif section == "title":
                title = line.split(":", 1)[1].strip()
                title = re.sub(r"\b1[0-9]{2}\b", str(year), title, count=1)
                line = f"title: 合成 {index:04d} {title}{newline}"
            elif section == "roc_year":
                line = f"roc_year: {year}{newline}"
            if section in ("id", "file_basename", "title", "roc_year"):
                replaced.add(section)
        elif section == "execution":
            text = _TEXT_LINE.match(line)
            if text:
                prefix, quote, rest = text.groups()
                line = f"{prefix}{quote}{marker}{rest}\n" if line.endswith("\n") else f"{prefix}{quote}{marker}{rest}"
                texts += 1
        out.append(line)
    missing = {"id", "file_basename", "title", "roc_year"} - replaced
    if missing or not texts:
        raise ValueError(f"seed plan has an unexpected layout (missing top-level {sorted(missing)} or no action texts)")
    return "".join(out)


def make_synthetic_plans(count: int, data_dir: Path, seed_data: Path = SEED_DATA) -> list[Path]:
    """Write `count` synthetic plans and site.yaml into `data_dir` (a plan_data folder).

    Any existing plans folder in `data_dir` is replaced. Returns the plan files.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    seed = (seed_data / "plans" / SEED_PLAN).read_text(encoding="utf-8")
    plans_dir = data_dir / "plans"
    if plans_dir.exists():
        shutil.rmtree(plans_dir)
    plans_dir.mkdir(parents=True)
    shutil.copyfile(seed_data / "site.yaml", data_dir / "site.yaml")
    written = []
    for index in range(1, count + 1):
        path = plans_dir / f"{plan_id(index)}.yaml"
        path.write_text(synthetic_plan_text(seed, index), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic plans (copies of the seed plan) into a plan_data folder.")
    parser.add_argument("count", type=int, help="number of plans")
    parser.add_argument("data_dir", type=Path, help="the plan_data folder to write (its plans/ is replaced)")
    parser.add_argument("--check", action="store_true", help="validate the result with plansite's loader")
    args = parser.parse_args(argv)
    written = make_synthetic_plans(args.count, args.data_dir)
    print(f"wrote {len(written)} plans into {args.data_dir / 'plans'}")
    if args.check:
        sys.path.insert(0, str(ROOT))
        from plansite.errors import PlanDataError
        from plansite.source.load import load_site

        try:
            result = load_site(args.data_dir)
        except PlanDataError as error:
            print(error.report(), file=sys.stderr)
            return 1
        print(f"valid: {len(result.site.plans)} plans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
