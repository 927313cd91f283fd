"""Publish to another server over SSH, with the same release layout and the
same atomic switch as a local publish (plansite/publish.py).

The site is built and checked here, copied with rsync into a staging folder
beside the server's releases (unchanged files are hard-linked to the live
release), then renamed into place and switched in with `mv -T` of a new link
over the live one, under `flock` on the server. A reader there sees the old
site or the new one, never a mix.

Target syntax is rsync's: `[user@]host:/absolute/path`. The SSH command can
be set in PLANSITE_SSH (default `ssh -o BatchMode=yes`), e.g. to add `-p 2222`.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .local import STAGING_PREFIX, Builder, PublishError, next_release_name, releases_to_prune, rollback_choice
from .site_check import check_built_site

_REMOTE = re.compile(r"^(?P<host>[^\s/:]+):(?P<path>/\S+)$")
_SECTION = "--- plansite ---"
REMOTE_TIMEOUT = 600


@dataclass(frozen=True)
class RemoteTarget:
    host: str
    path: PurePosixPath

    @property
    def releases(self) -> PurePosixPath:
        return self.path.parent / f".{self.path.name}-releases"

    @property
    def switch_link(self) -> PurePosixPath:
        return self.path.parent / f".{self.path.name}.switch-remote"


def remote_target(text: str) -> RemoteTarget | None:
    """`host:/path` or `user@host:/path`; None for a local path."""
    match = _REMOTE.match(text)
    if not match or Path(text).exists():
        return None
    return RemoteTarget(match["host"], PurePosixPath(match["path"]))


def publish_remote(target: RemoteTarget, build: Builder, keep: int = 5) -> str:
    shell = _Shell(target.host)
    with tempfile.TemporaryDirectory(prefix="plansite-publish-") as folder:
        staging = Path(folder) / "site"
        build(staging)
        problems = check_built_site(staging)
        if problems:
            listed = "\n".join(f"  {problem}" for problem in problems[:50])
            raise PublishError(f"建置結果檢查未通過，未發布（線上網站維持原狀）：\n{listed}")
        names, current, _history = _state(shell, target)
        name = next_release_name(names)
        _rsync(shell, staging, target, name, current if current in names else None)
    stale = releases_to_prune([*names, name], name, keep)
    q = shlex.quote
    shell.run(
        _locked(
            target,
            f"mv {q(STAGING_PREFIX + name)} {q(name)}",
            *_switch_commands(target, name),
            f"echo {q(name)} >> .history",
            *(f"rm -rf {q(old)}" for old in stale),
            # Staging folders of interrupted runs older than a day are never served.
            f"find . -maxdepth 1 -name {q(STAGING_PREFIX + '*')} -mmin +1440 -exec rm -rf {{}} +",
        )
    )
    return name


def rollback_remote(target: RemoteTarget) -> str:
    shell = _Shell(target.host)
    names, current, history = _state(shell, target)
    previous, history = rollback_choice(history, set(names), current)
    lines = "".join(f"{name}\n" for name in history)
    shell.run(_locked(target, *_switch_commands(target, previous), f"printf %s {shlex.quote(lines)} > .history"))
    return previous


class _Shell:
    def __init__(self, host: str):
        self.host = host
        self.command = shlex.split(os.environ.get("PLANSITE_SSH", "ssh -o BatchMode=yes"))

    def run(self, script: str) -> str:
        try:
            result = subprocess.run([*self.command, self.host, script], capture_output=True, text=True, timeout=REMOTE_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PublishError(f"無法連線到 {self.host}（{error}），未發布；線上網站維持原狀。") from None
        if result.returncode != 0:
            raise PublishError(f"在 {self.host} 上執行失敗，未發布；線上網站維持原狀：\n{result.stderr.strip()}")
        return result.stdout


def _state(shell: _Shell, target: RemoteTarget) -> tuple[list[str], str | None, list[str]]:
    """Kept releases, the live one and the history on the server (creating the releases folder)."""
    q = shlex.quote
    output = shell.run(
        f"mkdir -p {q(str(target.releases))} && cd {q(str(target.releases))} && "
        f'for d in */; do [ -d "$d" ] && echo "${{d%/}}"; done; echo {q(_SECTION)}; '
        f"readlink {q(str(target.path))} || true; echo {q(_SECTION)}; cat .history 2>/dev/null || true"
    )
    # `*/` leaves out dot folders (staging, the lock) as the local layout does.
    releases, live, history = (part.split() for part in output.split(_SECTION + "\n"))
    current = PurePosixPath(live[0]).name if live else None
    return sorted(releases), current, history


def _rsync(shell: _Shell, staging: Path, target: RemoteTarget, name: str, current: str | None) -> None:
    # A fresh build rewrites every file: compare by content (--checksum) and keep no
    # times, so unchanged files become hard links to the live release's copies.
    command = ["rsync", "--recursive", "--links", "--perms", "--checksum", "--delete", "-e", shlex.join(shell.command)]
    if current:
        command.append(f"--link-dest=../{current}")  # relative to the destination folder
    command += [f"{staging}/", f"{target.host}:{target.releases / (STAGING_PREFIX + name)}/"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=REMOTE_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PublishError(f"rsync 無法執行（{error}），未發布；線上網站維持原狀。") from None
    if result.returncode != 0:
        raise PublishError(f"rsync 複製失敗，未發布；線上網站維持原狀：\n{result.stderr.strip()}")


def _switch_commands(target: RemoteTarget, name: str) -> list[str]:
    q = shlex.quote
    link = str(target.switch_link)
    return [f"ln -sfn {q(f'{target.releases.name}/{name}')} {q(link)}", f"mv -T {q(link)} {q(str(target.path))}"]


def _locked(target: RemoteTarget, *commands: str) -> str:
    """A shell script run in the releases folder under its lock, stopping at the first failure."""
    q = shlex.quote
    body = " && ".join(commands)
    return f"cd {q(str(target.releases))} && exec 9>.lock && flock 9 && {body}"
