"""A longer fuzz run than the suite's: many seeded mutations of every kind of file.

Run from the repository root::

    .venv/bin/python bench/fuzz.py                 # 100 trials of each kind
    .venv/bin/python bench/fuzz.py --trials 500 --kind review
    .venv/bin/python bench/fuzz.py --kind po --seed 17   # replay one trial

Each trial mutates one file of a fresh copy of the example (see tests/fuzz_helpers.py)
and runs the commands that read it. It prints, per kind, how many trials were refused
cleanly and every trial that ended in a traceback, a hang or a refusal that changed a
file; the exit code is 1 when there was one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzz_helpers import KINDS, run_trial


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--kind", choices=sorted(KINDS), action="append")
    parser.add_argument("--seed", type=int, help="replay this one trial")
    args = parser.parse_args()
    seeds = [args.seed] if args.seed is not None else range(args.trials)
    failures = 0
    for name in args.kind or sorted(KINDS):
        refused = 0
        for seed in seeds:
            with tempfile.TemporaryDirectory() as folder:
                outcome = run_trial(Path(folder), KINDS[name], seed)
            refused += outcome.refusals > 0
            if outcome.problem:
                failures += 1
                print(outcome.problem, flush=True)
        print(f"{name}: {len(seeds)} trials, {refused} refused cleanly", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
