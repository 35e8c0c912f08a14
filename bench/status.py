"""``presse status``, ``glossary check``, ``extract`` and ``translate`` on an archive, cold and warm.

Run from the repository root::

    .venv/bin/python bench/status.py 1000
    .venv/bin/python bench/status.py 5000 --corpus ../archive-5000

It makes (or copies, ``--corpus DIR``) an archive of N approved releases with
``bench/corpus.py`` and times, as subprocesses, ``presse status`` cold (no
``.presse/cache``) and warm (the cache of the previous run), and ``presse glossary
check`` (answered from the status cache), then ``presse extract`` with nothing to
change, cold (no extract cache: every release is merged to find that out) and warm, and
``presse translate --dry-run`` with nothing to send after it. Medians of ``--runs``
runs; written to ``docs/benchmarks.md`` unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BIN, Run, machine, median, run_timed, today, version, write_section
from corpus import make_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="an archive made by bench/corpus.py (copied)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    commands = {
        "status, cold": ["status", "--json"],
        "status, warm": ["status", "--json"],
        "glossary check": ["glossary", "check", "--json"],
        "extract, cold": ["extract", "--json"],
        "extract, warm": ["extract", "--json"],
        "translate --dry-run, warm": ["translate", "--dry-run", "--json"],
    }
    results: dict[str, list[Run]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="presse-bench-") as tmp:
        repo = Path(tmp) / "presse"
        if args.corpus:
            shutil.copytree(args.corpus, repo, ignore=shutil.ignore_patterns("site", ".presse"))
        else:
            make_corpus(args.count, repo)
        presse = [str(BIN / "presse"), "--repo", str(repo)]
        for number in range(args.runs):
            shutil.rmtree(repo / ".presse" / "cache", ignore_errors=True)
            for name, command in commands.items():
                run = run_timed([*presse, *command])
                results[name].append(run)
                print(f"run {number + 1} {name:>25}: {run.seconds:6.2f} s {run.max_rss_mb:5.0f} MB")
    lines = [
        f"### Everyday commands, {args.count:,} releases",
        "",
        f"Measured on {today()}: {machine()}; presse {version('presse')}.",
        f"`.venv/bin/python bench/status.py {args.count} --runs {args.runs}`; medians.",
        "",
        "| command | seconds | per release (ms) | peak MB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, runs in results.items():
        seconds = median([r.seconds for r in runs])
        peak = max(r.max_rss_mb for r in runs)
        lines.append(
            f"| `presse {name.split(',')[0]}`{name[len(name.split(',')[0]) :]} | "
            f"{seconds:.2f} | {seconds / args.count * 1000:.2f} | {peak:.0f} |"
        )
    text = "\n".join(lines)
    print()
    print(text)
    if not args.no_write:
        write_section(f"status-{args.count}", text)


if __name__ == "__main__":
    main()
