"""``presse merge`` and ``presse unmerge``: one French text for several German segments."""

from __future__ import annotations

import click

from presse.cli.main import repository
from presse.steps.people import reviewer_name


@click.command("merge")
@click.argument("slug")
@click.argument("segment")
@click.option(
    "--with-next",
    "count",
    type=click.IntRange(min=1),
    default=1,
    is_flag=False,
    flag_value=1,  # --with-next alone: the one segment after it
    show_default=True,
    help="How many following segments the French of SEGMENT covers.",
)
@click.option(
    "--by", help="Who merges (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def merge_command(ctx: click.Context, slug: str, segment: str, count: int, by: str | None) -> None:
    """Say that the French of SEGMENT translates it and the next segment(s) of its paragraph."""
    from presse.steps.merge import merge  # the merging and the checks load when used

    repo = repository(ctx)
    name = reviewer_name(repo, by)
    with repo.lock():
        merge(repo, slug, segment, count, name)
    click.echo(f"{count} segment(s) after {segment} merged into it by {name}.")


@click.command("unmerge")
@click.argument("slug")
@click.argument("segment")
@click.option(
    "--by", help="Who unmerges (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def unmerge_command(ctx: click.Context, slug: str, segment: str, by: str | None) -> None:
    """Undo the merge SEGMENT is part of: each segment it covered needs its own French again."""
    from presse.steps.merge import unmerge

    repo = repository(ctx)
    name = reviewer_name(repo, by)
    with repo.lock():
        unmerge(repo, slug, segment, name)
    click.echo(f"the merge of {segment} undone by {name}.")


def add(group: click.Group) -> None:
    for command in (merge_command, unmerge_command):
        group.add_command(command)
