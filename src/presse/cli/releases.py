"""``presse import FILE…`` for CMS exports (presse.cli.exchange makes it part of the import group)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from presse.cli.main import repository
from presse.documents.release import Release, render_release
from presse.errors import PresseError
from presse.steps.import_release import ImportResult, check_imports, import_release
from presse.steps.importer import read_export
from presse.store.disk import decode_utf8


def read_input(name: str) -> tuple[str, str]:
    """The text of a file, or of standard input for ``-``, and the name for errors."""
    if name == "-":
        return decode_utf8(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PresseError(f"cannot read: {exc.strerror}", path) from None
    return decode_utf8(data, path), name


@click.command("import")
@click.argument("files", nargs=-1, required=True)
@click.option("--force", is_flag=True, help="Overwrite a release that exists.")
@click.option("--dry-run", is_flag=True, help="Print the Markdown; write nothing.")
@click.pass_context
def import_command(ctx: click.Context, files: tuple[str, ...], force: bool, dry_run: bool) -> None:
    """Import releases exported by the CMS (text or saved HTML; - for standard input)."""
    repo = repository(ctx)
    # Read and check every input before writing anything, so one bad file changes nothing.
    releases: list[Release] = []
    for name in files:
        text, label = read_input(name)
        releases.append(read_export(text, label, repo.config.timezone))
    if dry_run:
        for release in releases:
            click.echo(render_release(release), nl=False)
        return
    check_imports(repo, releases, force=force)  # a refusal leaves no trace, not even the lock
    with repo.lock():
        check_imports(repo, releases, force=force)  # again: another process may have written
        results: list[ImportResult] = [import_release(repo, r, force=force) for r in releases]
    for result in results:
        click.echo(str(result.path.relative_to(repo.root)))
