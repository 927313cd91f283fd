"""Which files of plan_data/ a build reads, read once, safely.

`read_plan_data` is the one place that decides which files are data: loading
parses what it read, and the prepared-site cache digests the same bytes, so
the cache covers exactly the files the build reads (and a file saved during a
build cannot be digested in one version and loaded in another). Nothing else
under plan_data/ is opened: a stray backup, archive or unreadable file there
costs nothing.

The data files:
    plan_data/site.yaml
    plan_data/plans/*.yaml              (also .yml; the extension in any case)
    plan_data/progress/<plan id>/*.yaml (progress rounds)
Names beginning with "." (editor lock and swap files) are skipped.

Reading never blocks and never follows a link out of plan_data/: the file's
type and size are checked before it is opened (a FIFO or a device would block
or never end; a 1.5 GB file would fill the memory), it is opened without
blocking and checked again on the open file. A symbolic link is followed only
when its target lies inside plan_data/, so a link cannot publish a file from
elsewhere on the server (/etc/passwd, a private key).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..errors import DataIssue

SITE_FILE = "site.yaml"
PLANS_DIR = "plans"
PROGRESS_DIR = "progress"
YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 5 * 1024 * 1024


class DataKind(Enum):
    SITE = "site"
    """plan_data/site.yaml: the office and the site's title."""
    PLAN = "plan"
    """plan_data/plans/<name>.yaml: one yearly plan."""
    PROGRESS = "progress"
    """plan_data/progress/<plan id>/<round id>.yaml: one progress round of a plan."""


@dataclass(frozen=True)
class DataFile:
    kind: DataKind
    path: Path
    display: str
    """Path relative to the project root, with forward slashes, for messages."""
    relative: str
    """Path relative to plan_data/, for the cache digest."""
    content: bytes | None
    """The whole file; None when it could not be read (`problem` says why)."""
    problem: DataIssue | None = None


@dataclass(frozen=True)
class PlanData:
    files: tuple[DataFile, ...]
    issues: tuple[DataIssue, ...]
    """Problems with the folders themselves (no plans folder, an unreadable one)."""

    def of_kind(self, kind: DataKind) -> list[DataFile]:
        return [file for file in self.files if file.kind is kind]

    def all_issues(self) -> list[DataIssue]:
        return [*self.issues, *(file.problem for file in self.files if file.problem)]

    def digest(self) -> str | None:
        """A digest of every data file's name and bytes; None when a file could not be read
        (the build then stops with that message, so there is nothing to cache)."""
        if self.all_issues():
            return None
        digest = hashlib.sha256()
        for file in self.files:
            assert file.content is not None
            digest.update(f"{file.kind.value}\0{file.relative}\0{len(file.content)}\0".encode("utf-8", "surrogateescape"))
            digest.update(file.content)
        return digest.hexdigest()


def read_plan_data(data_dir: Path, root: Path | None = None) -> PlanData:
    """List the data files of `data_dir` and read each (see the module's notes); never raises for bad files."""
    root = root or data_dir.parent
    reader = _Reader(data_dir, root)
    files = [reader.read(DataKind.SITE, data_dir / SITE_FILE)]
    plans = reader.yaml_files(data_dir / PLANS_DIR)
    if plans is not None and not plans:
        reader.issues.append(DataIssue(_display(data_dir / PLANS_DIR, root), 0, 0, (), "找不到任何計畫檔（*.yaml）"))
    files += [reader.read(DataKind.PLAN, path) for path in plans or []]
    files += [reader.read(DataKind.PROGRESS, path) for path in reader.progress_files(data_dir / PROGRESS_DIR)]
    return PlanData(tuple(files), tuple(reader.issues))


class _Reader:
    def __init__(self, data_dir: Path, root: Path):
        self.data_dir = data_dir
        self.root = root
        self.issues: list[DataIssue] = []
        try:
            self.inside: str | None = os.path.realpath(data_dir, strict=True)
        except OSError:
            self.inside = None  # no plan_data/: every file is reported missing

    def yaml_files(self, folder: Path) -> list[Path] | None:
        """The YAML files directly in `folder`, by name; None (with an issue) when it cannot be listed."""
        names = self._list(folder, missing_message="找不到任何計畫檔（*.yaml）")
        if names is None:
            return None
        return [folder / name for name in names if name.lower().endswith(YAML_SUFFIXES)]

    def progress_files(self, folder: Path) -> list[Path]:
        if not os.path.lexists(folder):
            return []  # progress is optional
        found = []
        for name in self._list(folder, missing_message=None) or []:
            path = folder / name
            if name.lower().endswith(YAML_SUFFIXES) and not path.is_dir():
                message = "考核資料檔應放在以計畫代碼命名的資料夾中：plan_data/progress/<計畫代碼>/<考核期別代碼>.yaml"
                self.issues.append(DataIssue(self.display(path), 0, 0, (), message))
            elif path.is_dir():
                found += [path / inner for inner in self._list(path, missing_message=None) or [] if inner.lower().endswith(YAML_SUFFIXES)]
        return found

    def _list(self, folder: Path, missing_message: str | None) -> list[str] | None:
        try:
            with os.scandir(folder) as entries:
                return sorted(entry.name for entry in entries if not entry.name.startswith("."))
        except FileNotFoundError:
            if missing_message:
                self.issues.append(DataIssue(self.display(folder), 0, 0, (), missing_message))
        except NotADirectoryError:
            self.issues.append(DataIssue(self.display(folder), 0, 0, (), "應為資料夾，但這是一個檔案"))
        except OSError as error:
            self.issues.append(DataIssue(self.display(folder), 0, 0, (), f"無法列出資料夾內容（{_reason(error)}）"))
        return None

    def read(self, kind: DataKind, path: Path) -> DataFile:
        relative = os.path.relpath(path, self.data_dir).replace(os.sep, "/")
        display = self.display(path)
        try:
            content = self._read_bytes(path)
        except _Unreadable as problem:
            return DataFile(kind, path, display, relative, None, DataIssue(display, 0, 0, (), str(problem)))
        return DataFile(kind, path, display, relative, content)

    def _read_bytes(self, path: Path) -> bytes:
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
            real = os.path.realpath(path, strict=True)
        except FileNotFoundError:
            raise _Unreadable("捷徑（符號連結）指向的檔案不存在" if os.path.islink(path) else "找不到這個檔案") from None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise _Unreadable("捷徑（符號連結）形成迴圈，指不到任何檔案") from None
            raise _Unreadable(f"無法讀取檔案（{_reason(error)}）") from None
        if self.inside is None or os.path.commonpath([real, self.inside]) != self.inside:
            what = "捷徑（符號連結）" if link else "檔案"
            raise _Unreadable(f"這個{what}指向 plan_data/ 以外的檔案；為免發布資料夾以外的內容，不予讀取。請把檔案本身放進 plan_data/")
        try:
            _check_regular(os.stat(real))
            # O_NONBLOCK: had the file been swapped for a FIFO since the check, opening it must not wait for a writer.
            descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError as error:
            raise _Unreadable(f"無法讀取檔案（{_reason(error)}）") from None
        try:
            _check_regular(os.fstat(descriptor))
            chunks = []
            remaining = MAX_FILE_BYTES + 1
            while remaining > 0:
                chunk = os.read(descriptor, min(remaining, 1024 * 1024))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
        except OSError as error:
            raise _Unreadable(f"無法讀取檔案（{_reason(error)}）") from None
        finally:
            os.close(descriptor)
        content = b"".join(chunks)
        if len(content) > MAX_FILE_BYTES:
            raise _Unreadable(_too_large(len(content)))  # it grew after the size check
        return content

    def display(self, path: Path) -> str:
        return _display(path, self.root)


class _Unreadable(Exception):
    """Why a data file cannot be read; the message is for webmasters."""


def _check_regular(status: os.stat_result) -> None:
    mode = status.st_mode
    if stat.S_ISREG(mode):
        if status.st_size > MAX_FILE_BYTES:
            raise _Unreadable(_too_large(status.st_size))
        return
    if stat.S_ISDIR(mode):
        kind = "資料夾"
    elif stat.S_ISFIFO(mode):
        kind = "具名管道（FIFO）"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "裝置檔"
    elif stat.S_ISSOCK(mode):
        kind = "通訊端（socket）"
    else:
        kind = "特殊檔案"
    raise _Unreadable(f"這是{kind}，不是一般檔案；以 .yaml 結尾的名稱保留給資料檔，請移走或改名")


def _too_large(size: int) -> str:
    return f"檔案過大（{size / 1024 / 1024:.1f} MB），上限為 {MAX_FILE_BYTES // 1024 // 1024} MB"


_REASONS = {
    errno.EACCES: "沒有讀取權限；請檢查檔案權限",
    errno.EPERM: "沒有讀取權限；請檢查檔案權限",
    errno.EIO: "磁碟讀取錯誤",
    errno.ELOOP: "捷徑（符號連結）形成迴圈",
    errno.ENAMETOOLONG: "路徑過長",
}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


def _display(path: Path, root: Path) -> str:
    """`path` relative to `root`, without resolving links (a link loop must not stop the message)."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path.as_posix()
    return Path(relative).as_posix()
