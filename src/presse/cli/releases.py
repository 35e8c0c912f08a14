"""``presse init`` (``presse import`` is :mod:`presse.cli.importing`)."""

from __future__ import annotations

from pathlib import Path

import click

from presse.steps.init import init_repository


@click.command("init")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--office", default="Landkreis Harz", show_default=True, help="The office's name.")
def init_command(directory: Path | None, office: str) -> None:
    """Create a press-office repository in DIRECTORY (default: here)."""
    root = directory or Path.cwd()
    root.mkdir(parents=True, exist_ok=True)
    init_repository(root, office)
    click.echo(f"Created a presse repository in {root}")


def add(group: click.Group) -> None:
    group.add_command(init_command)
