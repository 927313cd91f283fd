"""A child process that renders a build's new downloads beside the build's
other work (MkDocs loading the search dictionaries, rendering the pages).

It is forked as early as possible: before this process has validated the data
(whose glyph check starts Typst's own threads) and before it has imported any
writer. A fork is cheap and inherits everything imported so far; the child
imports the writers at once, while the parent validates, then renders what it
is sent. Forking a process that runs threads can copy a held lock into the
child, so where other threads run (a `mkdocs serve` session) no worker is
forked and the build renders in-process as before.
"""

from __future__ import annotations

import contextlib
import os
import threading
from datetime import datetime
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# What the child imports while it waits: everything rendering needs.
_WRITERS = ("plansite.writers.odt", "plansite.writers.ods", "plansite.writers.pdf", "plansite.writers.opendata", "plansite.outline.progress")


class RenderWorker:
    def __init__(self, pid: int, connection: Connection) -> None:
        self.pid = pid
        self.connection = connection
        self.done = False

    @classmethod
    def fork(cls) -> RenderWorker | None:
        """A new worker, or None where one would not help or would not be safe."""
        if not hasattr(os, "fork") or threading.active_count() > 1 or (os.cpu_count() or 1) < 2:
            return None
        parent_end, child_end = Pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            parent_end.close()
            _serve(child_end)
        child_end.close()
        return cls(pid, parent_end)

    def submit(self, folder: Path, specs: list[Any], office: Any, generated_at: datetime) -> None:
        """Render `specs` into the download cache at `folder`."""
        self._send((folder, specs, office, generated_at))

    def close(self) -> None:
        """Nothing to render: let the child go."""
        self._send(None)
        self.wait()

    def wait(self) -> None:
        """Until the child has finished (whether it succeeded or not: the caller renders what is missing)."""
        if self.done:
            return
        try:
            self.connection.recv()
        except (EOFError, OSError):
            pass  # the child died; what it did not write is rendered in-process
        finally:
            self.done = True
            self.connection.close()
            os.waitpid(self.pid, 0)

    def _send(self, message: Any) -> None:
        with contextlib.suppress(OSError):  # the child is gone; wait() reaps it
            self.connection.send(message)


def _serve(connection: Connection) -> None:
    status = 1
    try:
        import importlib

        for module in _WRITERS:
            importlib.import_module(module)
        job = connection.recv()
        if job is not None:
            from .downloads import DownloadCache

            folder, specs, office, generated_at = job
            DownloadCache(folder).build(specs, office, generated_at, prune=False)
        status = 0
    except BaseException:
        status = 1
    finally:
        try:
            connection.send(status)
        finally:
            os._exit(status)
