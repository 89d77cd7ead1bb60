"""``mkdocs serve`` on a snapshot of the real handbook: how long one edit takes to show.

The snapshot is a clone of the repository (so git dates work as in a checkout)
with the working tree's current files copied over; the real docs/ is never
touched. The time runs from writing the edit to MkDocs' "Reloading browsers",
which is when a contributor's open page refreshes.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from builds import ROOT


def snapshot(dest: Path) -> Path:
    """The repository as it is now (committed history, current files), at ``dest``."""
    subprocess.run(["git", "clone", "-q", "--local", "--no-hardlinks", str(ROOT), str(dest)], check=True)
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Log:
    """Lines a process prints, each with the time it arrived."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            with self.changed:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
                self.changed.notify_all()
        with self.changed:
            self.lines.append((time.perf_counter(), "<exit>"))
            self.changed.notify_all()

    def wait_for(self, text: str, start: int, timeout: float) -> tuple[int, float]:
        """(index, time) of the first line from ``start`` on that contains ``text``."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                for i in range(start, len(self.lines)):
                    when, line = self.lines[i]
                    if text in line:
                        return i, when
                    if line == "<exit>" or "An error happened during the rebuild" in line:
                        raise RuntimeError("mkdocs serve failed:\n" + self.tail())
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"no '{text}' from mkdocs serve in {timeout} s:\n" + self.tail())
                self.changed.wait(left)

    def tail(self, n: int = 40) -> str:
        return "\n".join(line for _, line in self.lines[-n:])


def measure(copy: Path, page: str, repeat: int, timeout: float = 600, command: list[str] | None = None) -> dict:
    """Serve ``copy``, edit ``page`` (inside docs/) ``repeat`` times; seconds per rebuild.
    ``command``: the serve command without its address (default: mkdocs serve of its mkdocs.yml)."""
    port = free_port()
    command = (command or [sys.executable, "-m", "mkdocs", "serve", "-f", str(copy / "mkdocs.yml")]) + [
        "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, encoding="utf-8", errors="replace")
    log = _Log(process.stdout)
    rounds = []
    try:
        _, when = log.wait_for("Serving on", 0, timeout)
        first = when - start
        target = copy / "docs" / page
        for number in range(1, repeat + 1):
            time.sleep(1.0)  # let the watcher settle after the previous round
            mark = len(log.lines)
            edited = time.perf_counter()
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(f"\nOne more sentence, edit {number} of the benchmark.\n")
            i, detected = log.wait_for("Detected file changes", mark, timeout)
            i, building = log.wait_for("Building documentation", i, timeout)
            _, reloaded = log.wait_for("Reloading browsers", i, timeout)
            rounds.append({"wait": reloaded - edited, "build": reloaded - building, "detect": detected - edited})
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return {"first_build": first, "rounds": rounds, "port": port}
