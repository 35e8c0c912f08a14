"""``presse export xliff`` and ``presse import xliff``: work for and from an agency.

``presse import`` stays the import of CMS exports; ``presse import xliff FILE…`` is a
subcommand of the same word, so the group falls back to the CMS import for anything
that is not one of its subcommands.
"""

from __future__ import annotations

from pathlib import Path

import click

from presse.cli.importing import import_command as cms_import_command
from presse.cli.main import repository
from presse.steps.exchange import EXPORT_STATES, export_xliff, import_xliff


class ImportGroup(click.Group):
    """``presse import FILE…`` imports CMS exports; ``presse import xliff …`` XLIFF."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["cms", *args]
        return super().parse_args(ctx, args)


@click.group("import", cls=ImportGroup)
def import_group() -> None:
    """Import releases exported by the CMS (presse import FILE…), or an agency's
    translations (presse import xliff FILE…)."""


import_group.add_command(cms_import_command, "cms")


@import_group.command("xliff")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", help="The translator (default: the one the file names).")
@click.pass_context
def import_xliff_command(ctx: click.Context, files: tuple[Path, ...], by: str | None) -> None:
    """Bring back the translations of XLIFF 1.2 or 2.x files made by presse export xliff."""
    repo = repository(ctx)
    result = import_xliff(repo, list(files), by=by)
    who = f" by {', '.join(result.translators)}" if result.translators else ""
    click.echo(
        f"{len(result.updated)} translation(s) taken{who}, {len(result.confirmed)} draft(s) "
        f"confirmed, {result.unchanged} unit(s) unchanged."
    )
    for label in result.updated:
        click.echo(f"  updated {label}")
    for label in result.confirmed:
        click.echo(f"  confirmed {label}")
    if result.conflicts:
        click.echo(
            f"{len(result.conflicts)} kept as they are (changed in presse after the export):"
        )
        for line in result.conflicts:
            click.echo(f"  {line}")
    if result.refused:
        click.echo(
            f"{len(result.refused)} unit(s) refused: their German changed since the export; "
            "export them again:",
            err=True,
        )
        for line in result.refused:
            click.echo(f"  {line}", err=True)


@click.group("export")
def export_group() -> None:
    """Export work for translators outside presse."""


@export_group.command("xliff")
@click.argument("slugs", nargs=-1)
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(EXPORT_STATES),
    help="Only segments in this state (repeatable).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the XLIFF file into.",
)
@click.option(
    "--version",
    "version",
    type=click.Choice(["1.2", "2.1"]),
    default="1.2",
    show_default=True,
    help="XLIFF 1.2 (what memoQ, Trados and Phrase read best) or 2.1.",
)
@click.pass_context
def export_xliff_command(
    ctx: click.Context, slugs: tuple[str, ...], states: tuple[str, ...], out_dir: Path, version: str
) -> None:
    """Write the releases' segments (all, or the SLUGs) as one XLIFF file for an agency."""
    repo = repository(ctx)
    result = export_xliff(repo, list(slugs) or None, list(states) or None, out_dir, version)
    click.echo(
        f"{result.path}: {result.units} segment(s) of {result.releases} release(s), XLIFF {version}"
    )


def add(group: click.Group) -> None:
    group.add_command(import_group)
    group.add_command(export_group)
