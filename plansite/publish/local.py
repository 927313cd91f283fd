"""Publish a built site to a live folder without ever serving a half-built one.

The live path is a symbolic link to one complete release folder. A new
release is built into a staging folder beside the releases, checked, renamed
into place and only then switched in by renaming a new link over the old one:
both renames are atomic, so a reader (or a kill at any moment) sees either the
old site or the new one, never a mix.

    <target>                     -> .<name>-releases/<release>
    .<name>-releases/<release>/  complete, checked sites (the newest N kept)
    .<name>-releases/.staging-*  work in progress, never served
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .site_check import check_built_site

STAGING_PREFIX = ".staging-"


class PublishError(Exception):
    """Publishing stopped; the live site is unchanged. The message is for webmasters."""


@dataclass(frozen=True)
class Layout:
    target: Path

    @property
    def releases(self) -> Path:
        return self.target.parent / f".{self.target.name}-releases"

    def release_names(self) -> list[str]:
        if not self.releases.is_dir():
            return []
        return sorted(path.name for path in self.releases.iterdir() if path.is_dir() and not path.name.startswith("."))

    def current(self) -> str | None:
        if not self.target.is_symlink():
            return None
        return Path(os.readlink(self.target)).name


Builder = Callable[[Path], None]


def publish(target: Path, build: Builder, keep: int = 5) -> str:
    """Build with `build(folder)`, check, switch `target` to it; return the release name."""
    layout = Layout(target.absolute())
    _refuse_plain_folder(layout.target)
    layout.releases.mkdir(parents=True, exist_ok=True)
    with _exclusive(layout):
        return _publish_locked(layout, build, keep)


def _publish_locked(layout: Layout, build: Builder, keep: int) -> str:
    _remove_leftovers(layout)
    name = _new_release_name(layout)
    staging = layout.releases / f"{STAGING_PREFIX}{name}"
    try:
        build(staging)
        problems = check_built_site(staging)
        if problems:
            listed = "\n".join(f"  {problem}" for problem in problems[:50])
            raise PublishError(f"建置結果檢查未通過，未發布（線上網站維持原狀）：\n{listed}")
        staging.rename(layout.releases / name)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    _switch(layout, name)
    _prune(layout, keep)
    return name


def rollback(target: Path) -> str:
    """Switch `target` back to the release that was live before the current one."""
    layout = Layout(target.absolute())
    if not layout.releases.is_dir():
        raise PublishError("沒有更早的版本可以還原")
    with _exclusive(layout):
        previous, history = rollback_choice(_history(layout), set(layout.release_names()), layout.current())
        _switch(layout, previous, record=False)
        _write_history(layout, history)
        return previous


def mkdocs_builder(config_file: Path) -> Builder:
    """Build with `mkdocs build --strict` in a child process (its output goes to the terminal)."""

    def build(folder: Path) -> None:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(folder)]
        if subprocess.run(command, check=False).returncode != 0:
            raise PublishError("建置失敗（見上方訊息），未發布；線上網站維持原狀。")

    return build


def _refuse_plain_folder(target: Path) -> None:
    if target.exists() and not target.is_symlink():
        raise PublishError(
            f"發布目標 {target} 是一般資料夾或檔案。為了能瞬間切換版本，發布目標必須是由本程式管理的連結：請先把它改名（例如 {target.name}.old），再重新發布。"
        )


def _remove_leftovers(layout: Layout) -> None:
    """Staging folders and temporary links of an interrupted run: never served, safe to delete."""
    for path in layout.releases.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in layout.target.parent.glob(f".{layout.target.name}.switch-*"):
        path.unlink(missing_ok=True)


def _new_release_name(layout: Layout) -> str:
    return next_release_name(layout.release_names())


def next_release_name(existing: list[str]) -> str:
    """A sequence number (so names sort in publishing order) and the UTC time."""
    numbers = [int(name.split("-", 1)[0]) for name in existing if name.split("-", 1)[0].isdigit()]
    sequence = max(numbers, default=0) + 1
    return f"{sequence:06d}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"


def rollback_choice(history: list[str], kept: set[str], current: str | None) -> tuple[str, list[str]]:
    """The release live before `current` that is still kept, and the history after switching to it."""
    history = list(history)
    # Walk back past the current release (and any pruned ones) to the last one still kept.
    while history and (history[-1] == current or history[-1] not in kept):
        history.pop()
    if not history:
        raise PublishError("沒有更早的版本可以還原")
    return history[-1], history


def releases_to_prune(names: list[str], current: str | None, keep: int) -> list[str]:
    return [name for name in sorted(names)[: max(0, len(names) - keep)] if name != current]


def _switch(layout: Layout, name: str, record: bool = True) -> None:
    link = layout.target.parent / f".{layout.target.name}.switch-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(layout.releases.name) / name, target_is_directory=True)
    os.replace(link, layout.target)
    if record:
        _write_history(layout, [*_history(layout), name])


@contextmanager
def _exclusive(layout: Layout) -> Iterator[None]:
    """One publish or rollback at a time per target; a second one waits."""
    with (layout.releases / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _history(layout: Layout) -> list[str]:
    """Releases in the order they went live (rollback follows it back)."""
    path = layout.releases / ".history"
    return path.read_text(encoding="utf-8").split() if path.is_file() else []


def _write_history(layout: Layout, names: list[str]) -> None:
    path = layout.releases / ".history"
    temporary = path.with_name(f".history-{os.getpid()}")
    temporary.write_text("".join(f"{name}\n" for name in names[-100:]), encoding="utf-8")
    os.replace(temporary, path)


def _prune(layout: Layout, keep: int) -> None:
    for name in releases_to_prune(layout.release_names(), layout.current(), keep):
        shutil.rmtree(layout.releases / name, ignore_errors=True)
