"""Running ``presse`` in a process of its own, to see which modules a command loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

PROGRAM = """
import json, sys
from presse.cli.main import cli
try:
    cli.main(args=sys.argv[1:], prog_name="presse", standalone_mode=False)
finally:
    print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@dataclass
class Ran:
    output: str
    modules: set[str]


def presse_in_a_process(*args: str) -> Ran:
    """Run ``presse ARGS``; its output, and every module it had loaded when it ended."""
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return Ran(result.stdout, set(json.loads(result.stderr.strip().splitlines()[-1])))
