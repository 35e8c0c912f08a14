"""``presse build``: the static site, feeds and the partner kit; ``presse withdraw``."""

from __future__ import annotations

from pathlib import Path

import click

from presse.cli.main import emit_json, repository
from presse.errors import display_path
from presse.steps.people import reviewer_name
from presse.steps.publish import build

# A press office's usual build lists its pages; an archive's would fill the screen.
LIST_PAGES_UP_TO = 20


@click.command("build")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--drafts", is_flag=True, help="A preview with every French draft (site-drafts/).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def build_command(ctx: click.Context, out: Path | None, drafts: bool, as_json: bool) -> None:
    """Build the site: German and approved French pages, indexes, feeds, partner kit."""
    repo = repository(ctx)
    result = build(repo, out, drafts=drafts)  # takes the lock when it has work to do
    summary = result.summary
    if as_json:
        emit_json(
            {
                "out": str(result.out),
                "written": len(summary.written),
                "unchanged": summary.unchanged,
                "removed": len(summary.removed),
                "held_back": [{"slug": s, "reason": r} for s, r in summary.held_back],
                "pages": {s: {k: str(v) for k, v in p.items()} for s, p in summary.pages.items()},
                "notes": result.notes,
            }
        )
        return
    kind = "Drafts preview" if drafts else "Site"
    click.echo(
        f"{kind} built in {display_path(result.out)}: {len(summary.written)} file(s) written, "
        f"{summary.unchanged} unchanged, {len(summary.removed)} removed."
    )
    for slug, reason in summary.held_back:
        click.echo(f"  held back: {slug}: {reason}")
    for note in result.notes:
        click.echo(f"  note: {note}")
    if len(summary.pages) > LIST_PAGES_UP_TO:
        count = summary.page_count()
        click.echo(f"  {count:,} release pages; presse build --json lists them.")
        return
    out = display_path(result.out)  # resolved once, not once per page
    for slug in sorted(summary.pages):
        for lang, path in sorted(summary.pages[slug].items()):
            click.echo(f"  {lang}: {out}/{path.relative_to(result.out).as_posix()}")


@click.command("withdraw")
@click.argument("slug")
@click.option("--reason", required=True, help="Why the French is withdrawn (shown on its page).")
@click.option(
    "--by", help="Who decides (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def withdraw_command(ctx: click.Context, slug: str, reason: str, by: str | None) -> None:
    """Take the French of SLUG off the web: its page, kit and feed entries say so, and why.

    The next approval of its French publishes it again."""
    from presse.steps.withdraw import withdraw

    repo = repository(ctx)
    name = reviewer_name(repo, by)
    with repo.lock():
        done = withdraw(repo, slug, name, reason)
    click.echo(f"French of {done.slug} withdrawn by {done.by} at {done.at}: {done.reason}")
    click.echo(
        f"  wrote {done.written.relative_to(repo.root)} (commit it; 'presse build' publishes the notice)"
    )


def add(group: click.Group) -> None:
    group.add_command(build_command)
    group.add_command(withdraw_command)
