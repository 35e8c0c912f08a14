"""``presse import``: files, folders and globs of what an office has, as releases.

Files named one by one are imported all or none: one bad file or one release that is
already there stops the import, and nothing is written. A folder or a glob is a batch:
the good files are imported, those already there skipped, the bad ones refused, and a
summary says which and why (exit code 1 when one was refused).
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import click

from presse.cli.main import repository
from presse.documents.release import Release, render_release
from presse.documents.repository import Repository
from presse.errors import PresseError, display_path
from presse.steps.import_release import (
    ImportResult,
    Outcome,
    check_imports,
    import_release,
    plan_batch,
    write_batch,
)
from presse.steps.readers import READ_SUFFIXES, Imported, ImportOptions, read_input
from presse.steps.readers.common import parse_date

GLOB_CHARACTERS = frozenset("*?[")


def read_bytes(name: str) -> tuple[bytes, str]:
    """The bytes of a file, or of standard input for ``-``, and the name for errors."""
    if name == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(name).read_bytes(), name
    except OSError as exc:
        raise PresseError(f"cannot read: {exc.strerror}", name) from None


def is_batch(name: str) -> bool:
    return name != "-" and (
        Path(name).is_dir() or (GLOB_CHARACTERS & set(name) and not Path(name).exists())
    )


def is_candidate(path: Path) -> bool:
    """A file of a folder worth reading: not hidden, not Word's lock file ``~$…``."""
    return path.is_file() and not path.name.startswith((".", "~$"))


def expand(name: str) -> tuple[list[str], list[str]]:
    """The files a folder or a glob names (sorted), and those of other kinds left out."""
    if Path(name).is_dir():
        found = sorted(p for p in Path(name).rglob("*") if is_candidate(p))
    else:
        found = sorted(Path(p) for p in glob.glob(name, recursive=True) if is_candidate(Path(p)))
    wanted = [str(p) for p in found if p.suffix.lower() in READ_SUFFIXES]
    other = [str(p) for p in found if p.suffix.lower() not in READ_SUFFIXES]
    return wanted, other


def read_one(name: str, options: ImportOptions) -> Imported:
    data, label = read_bytes(name)
    return read_input(data, label, options)


def import_files(
    repo: Repository, files: tuple[str, ...], options: ImportOptions, force: bool, dry_run: bool
) -> None:
    """Files named one by one: every input is read and checked before anything is written."""
    imported = [read_one(name, options) for name in files]
    releases: list[Release] = [item.release for item in imported]
    if dry_run:
        for release in releases:
            click.echo(render_release(release), nl=False)
        return
    check_imports(repo, releases, force=force)  # a refusal leaves no trace, not even the lock
    with repo.lock():
        check_imports(repo, releases, force=force)  # again: another process may have written
        results: list[ImportResult] = [import_release(repo, r, force=force) for r in releases]
    for name, item, result in zip(files, imported, results, strict=True):
        click.echo(str(result.path.relative_to(repo.root)))
        if item.ignored:
            click.echo(f"{display_path(name)}: not kept: {', '.join(item.ignored)}", err=True)


def read_batch(
    names: tuple[str, ...], options: ImportOptions
) -> tuple[list[tuple[str, Imported | PresseError]], list[str]]:
    read: list[tuple[str, Imported | PresseError]] = []
    other: list[str] = []
    for name in names:
        if is_batch(name):
            wanted, left_out = expand(name)
            other += left_out
            if not wanted:
                read.append(
                    (name, PresseError("no file to import here (.md, .txt, .html, .docx)", name))
                )
            sources = wanted
        else:
            sources = [name]
        for source in sources:
            try:
                read.append((source, read_one(source, options)))
            except PresseError as error:
                read.append((source, error))
    return read, other


def summary_line(repo: Repository, outcome: Outcome, dry_run: bool) -> str:
    where = str(outcome.path.relative_to(repo.root)) if outcome.path else ""
    verb = (
        {"created": "would create", "replaced": "would replace"}.get(outcome.kind, outcome.kind)
        if dry_run
        else outcome.kind
    )
    line = f"{verb:<12} {where}  (from {display_path(outcome.source)}"
    if outcome.kind == "skipped":
        line += "; already there, --force replaces it"
    if outcome.ignored:
        line += f"; not kept: {', '.join(outcome.ignored)}"
    return line + ")"


def import_batch(
    repo: Repository, names: tuple[str, ...], options: ImportOptions, force: bool, dry_run: bool
) -> None:
    """Folders and globs: import the good, skip what is there, list the bad."""
    read, other = read_batch(names, options)
    outcomes = plan_batch(repo, read, force=force)
    if not dry_run and any(o.kind in ("created", "replaced") for o in outcomes):
        with repo.lock():
            outcomes = write_batch(repo, plan_batch(repo, read, force=force), force=force)
    for outcome in outcomes:
        if outcome.kind == "refused":
            click.echo(outcome.reason, err=True)
        else:
            click.echo(summary_line(repo, outcome, dry_run))
    counts = {
        kind: sum(o.kind == kind for o in outcomes)
        for kind in ("created", "replaced", "skipped", "refused")
    }
    parts = [f"{n} {kind}" for kind, n in counts.items() if n or kind in ("created", "refused")]
    tail = (
        f"; {len(other)} other files not read ({', '.join(Path(p).name for p in other[:5])}{', …' if len(other) > 5 else ''})"
        if other
        else ""
    )
    click.echo(
        f"{len(outcomes)} inputs{' (dry run, nothing written)' if dry_run else ''}: {', '.join(parts)}{tail}"
    )
    if counts["refused"]:
        raise click.exceptions.Exit(1)


@click.command("import")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--title", help="The title (plain text: else its first line).")
@click.option("--date", help="The date, e.g. 2020-06-25, 2020-06-25T10:00 or 25.06.2020.")
@click.option("--category", help="The category.")
@click.option("--source-url", help="The address of the original release.")
@click.option("--force", is_flag=True, help="Overwrite a release that exists.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.pass_context
def import_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    title: str | None,
    date: str | None,
    category: str | None,
    source_url: str | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Import releases: Markdown with front matter (Hugo, Jekyll, Netlify CMS), plain
    text, .docx, web pages saved from a CMS, the Harz CMS's export; - for standard input.

    Files named one by one are imported all or none. A folder or a glob ('in/*.docx')
    imports the good files, skips those already there and lists the refused ones."""
    repo = repository(ctx)
    if date is not None:
        parse_date(date, repo.config.timezone, "--date", None)  # refused once, not per file
    options = ImportOptions(
        timezone=repo.config.timezone,
        title=title,
        date=date,
        category=category,
        source_url=source_url,
        html_selector=repo.config.section("import").get("html_selector"),
    )
    if any(is_batch(name) for name in inputs):
        import_batch(repo, inputs, options, force, dry_run)
    else:
        import_files(repo, inputs, options, force, dry_run)
