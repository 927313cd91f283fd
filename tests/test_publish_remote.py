"""Publishing over SSH with rsync, against a real sshd on 127.0.0.1 started by the test."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from plansite.publish.local import PublishError
from plansite.publish.remote import RemoteTarget, publish_remote, remote_target, rollback_remote

from .test_publish import fake_builder

pytestmark = pytest.mark.slow

SSHD = Path("/usr/sbin/sshd")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def ssh_command(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not SSHD.exists() or not shutil.which("rsync"):
        assert not os.environ.get("CI"), "CI must install openssh-server and rsync (see .ci/run)"
        pytest.skip("needs /usr/sbin/sshd and rsync (Debian packages openssh-server, rsync)")
    folder = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True)
    shutil.copy(folder / "client_key.pub", folder / "authorized_keys")
    port = free_port()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder}/host_key\nAuthorizedKeysFile {folder}/authorized_keys\n"
        f"PidFile {folder}/sshd.pid\nStrictModes no\nUsePAM no\nPermitRootLogin yes\nPasswordAuthentication no\n",
        encoding="utf-8",
    )
    Path("/run/sshd").mkdir(exist_ok=True) if os.geteuid() == 0 else None
    server = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(folder / "sshd_config")], stderr=subprocess.DEVNULL)
    command = f"ssh -p {port} -i {folder}/client_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
    deadline = time.monotonic() + 20
    while subprocess.run([*command.split(), "127.0.0.1", "true"], capture_output=True).returncode != 0:
        assert time.monotonic() < deadline, "sshd did not start"
        time.sleep(0.2)
    yield command
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def target(tmp_path: Path, ssh_command: str, monkeypatch: pytest.MonkeyPatch) -> RemoteTarget:
    monkeypatch.setenv("PLANSITE_SSH", ssh_command)
    parsed = remote_target(f"{getpass.getuser()}@127.0.0.1:{tmp_path}/www/plan")
    assert parsed is not None
    return parsed


def served(target: RemoteTarget) -> str:
    return (Path(str(target.path)) / "index.html").read_text(encoding="utf-8")


def test_remote_publish_switches_the_live_link_and_rolls_back(target: RemoteTarget) -> None:
    first = publish_remote(target, fake_builder("one"))
    assert Path(str(target.path)).is_symlink() and "one" in served(target)
    second = publish_remote(target, fake_builder("two"))
    assert "two" in served(target) and second > first
    # Unchanged files are hard links to the previous release, not new copies.
    releases = Path(str(target.releases))
    assert (releases / second / "downloads" / "plan.pdf").stat().st_ino == (releases / first / "downloads" / "plan.pdf").stat().st_ino
    assert rollback_remote(target) == first
    assert "one" in served(target)


def test_remote_keeps_the_newest_releases(target: RemoteTarget) -> None:
    names = [publish_remote(target, fake_builder(f"release {n}"), keep=2) for n in range(4)]
    kept = sorted(path.name for path in Path(str(target.releases)).iterdir() if not path.name.startswith("."))
    assert kept == names[-2:]


def test_a_broken_site_never_reaches_the_server(target: RemoteTarget) -> None:
    publish_remote(target, fake_builder("good"))
    with pytest.raises(PublishError, match="連結「missing/」的目標不存在"):
        publish_remote(target, fake_builder("bad", broken_link=True))
    assert "good" in served(target)


def test_an_unreachable_server_is_reported_and_nothing_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANSITE_SSH", f"ssh -p {free_port()} -o BatchMode=yes -o ConnectTimeout=5")
    unreachable = remote_target(f"127.0.0.1:{tmp_path}/plan")
    assert unreachable is not None
    with pytest.raises(PublishError, match=r"127\.0\.0\.1"):
        publish_remote(unreachable, fake_builder("x"))


def test_local_paths_are_not_mistaken_for_remote_targets(tmp_path: Path) -> None:
    assert remote_target(str(tmp_path / "plan")) is None
    assert remote_target("www/plan") is None
    assert remote_target("web01:/var/www/plan") == RemoteTarget("web01", Path("/var/www/plan"))  # type: ignore[arg-type]
