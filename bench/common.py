"""Helpers shared by the archive benchmarks: the machine, versions, timed subprocesses.

Not a benchmark itself; ``bench/build.py`` and ``bench/status.py`` import it.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtualenv's bin/ (presse, pelican)
DOC_PATH = ROOT / "docs" / "benchmarks.md"


@dataclass(frozen=True)
class Run:
    """One timed subprocess: wall-clock seconds, the peak RSS of its largest process, and
    the CPU seconds it and its workers spent in user mode and in the kernel."""

    seconds: float
    max_rss_mb: float
    user: float = 0.0
    system: float = 0.0


def run_timed(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    """Run ``command``, fail loudly on a non-zero exit; time it and read its peak memory.

    The peak is ``ru_maxrss`` from ``wait4``: the largest resident set of the process and
    of any of its children (worker processes), not their sum.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    # Read the pipes while waiting, so a chatty tool never blocks on a full pipe.
    out, err = b"", b""
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.stderr.write(
            out.decode(errors="replace")[-2000:] + err.decode(errors="replace")[-4000:]
        )
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime, usage.ru_stime)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> str:
    """Platform, CPUs and memory, in one line."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    memory = "?"
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"`{platform.platform()}`, {model or platform.machine()}, {cpus} CPUs, {memory} RAM, "
        f"Python {platform.python_version()}"
    )


def version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def hugo_version() -> str:
    hugo = shutil.which("hugo")
    if hugo is None:
        return "not installed"
    out = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    found = re.search(r"v(\d+\.\d+\.\d+)", out)
    return found.group(1) if found else out.strip()


def today() -> str:
    return date.today().isoformat()


def replace_section(text: str, marker: str, body: str) -> str:
    """Replace what lies between ``<!-- marker -->`` and ``<!-- /marker -->`` in a document."""
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    if start in text and end in text:
        before = text.split(start, 1)[0]
        after = text.split(end, 1)[1]
        return before + block + after
    return text.rstrip("\n") + "\n\n" + block + "\n"


def write_section(marker: str, body: str, path: Path = DOC_PATH) -> None:
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(replace_section(text, marker, body), "utf-8")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"
