# Sourced by the scripts in this folder: common environment for MkDocs runs.
export NO_MKDOCS_2_WARNING=1
# Dates in pages and downloads come from SOURCE_DATE_EPOCH, never the clock:
# default to the last commit's time so the same input gives the same site.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || echo 315532800)"
  export SOURCE_DATE_EPOCH
fi
if [ ! -x .venv/bin/mkdocs ]; then
  echo "找不到 .venv：請先執行 ./scripts/setup" >&2
  exit 1
fi
