"""``presse segment``, ``extract``, ``status``, ``approve``, ``unapprove``, ``check`` and ``dismiss``.

The commands that change catalogs import their part of the core when they run, so that
``presse status`` and ``presse check`` start without loading the merging and the checks
(see :mod:`presse.steps.status`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from presse.cli.findings import echo_check_summary, echo_dismissals, echo_findings
from presse.cli.main import emit_json, repository
from presse.documents.release import split_front_matter
from presse.documents.segment import markdown_blocks
from presse.steps.people import reviewer_name
from presse.steps.status import status
from presse.store.disk import decode_utf8, read_text


@click.command("segment")
@click.argument("source", required=False, default="-")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with offsets.")
def segment_command(source: str, as_json: bool) -> None:
    """Print the sentences of a German text (Markdown), one per line."""
    if source == "-":
        text = decode_utf8(sys.stdin.buffer.read(), "<stdin>")
    else:
        text = read_text(Path(source))
    if text.startswith("---"):  # a release file: its body, without the front matter
        text = split_front_matter(text, source)[1]
    blocks = markdown_blocks(text)
    if as_json:
        emit_json(
            [
                {
                    "kind": b.kind,
                    "line": b.start_line,
                    "text": s.text,
                    "start": s.start,
                    "end": s.end,
                }
                for b in blocks
                for s in b.sentences
            ]
        )
        return
    for block in blocks:
        for sentence in block.sentences:
            click.echo(" ".join(sentence.text.split()))


@click.command("extract")
@click.argument("slugs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def extract_command(ctx: click.Context, slugs: tuple[str, ...], as_json: bool) -> None:
    """Sync the PO catalogs with the German releases (all, or the SLUGs given)."""
    from presse.steps.extract import extract

    repo = repository(ctx)
    with repo.lock():
        results = extract(repo, list(slugs) or None)
    if as_json:
        emit_json(
            [
                {
                    "slug": r.slug,
                    "changes": dict(r.changes),
                    "written": [str(p.relative_to(repo.root)) for p in r.written],
                }
                for r in results
            ]
        )
        return
    for result in results:
        if not result.written:
            click.echo(f"{result.slug}: up to date")
            continue
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(result.changes.items()))
        click.echo(f"{result.slug}: {summary or 'written'}")


@click.command("status")
@click.argument("slugs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def status_command(ctx: click.Context, slugs: tuple[str, ...], as_json: bool) -> None:
    """Where each release stands: state, segments by state, what blocks publication."""
    results = status(repository(ctx), list(slugs) or None)
    if as_json:
        emit_json([r.to_dict() | {"label": r.label} for r in results])
        return
    for r in results:
        counts = ", ".join(f"{n} {state}" for state, n in r.segments.items() if n)
        click.echo(f"{r.date[:10]}  {r.slug}  {r.title}")
        click.echo(f"    {r.label}; segments: {counts or 'none'}")
        for reason in r.blockers:
            click.echo(f"    blocks publication: {reason}")
        for note in r.notes:
            click.echo(f"    note: {note}")
        echo_dismissals(r, in_full=bool(slugs))


@click.command("approve")
@click.argument("slug")
@click.option(
    "--by", help="Who approves (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def approve_command(ctx: click.Context, slug: str, by: str | None) -> None:
    """Approve SLUG for publication (refused, with the reasons, when it is not ready)."""
    from presse.steps.approve import approve

    repo = repository(ctx)
    name = reviewer_name(repo, by)
    with repo.lock():
        result = approve(repo, slug, name)
    click.echo(result.message)
    for path in result.written:
        click.echo(f"  wrote {path.relative_to(repo.root)}")


@click.command("unapprove")
@click.argument("slug")
@click.option("--reason", required=True, help="Why the approval is withdrawn.")
@click.option(
    "--by", help="Who withdraws it (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def unapprove_command(ctx: click.Context, slug: str, reason: str, by: str | None) -> None:
    """Withdraw the approval of SLUG: it needs approving again (the French already
    published stays online)."""
    from presse.steps.approval_rule import unapproved_message
    from presse.steps.approve import unapprove

    repo = repository(ctx)
    name = reviewer_name(repo, by)
    with repo.lock():
        when = unapprove(repo, slug, name, reason)
    click.echo(unapproved_message(name, when))


@click.command("check")
@click.argument("slugs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def check_command(ctx: click.Context, slugs: tuple[str, ...], as_json: bool) -> None:
    """Run every quality check on the French (exit 1 when an error-level finding remains)."""
    results = status(repository(ctx), list(slugs) or None)
    if as_json:
        emit_json({r.slug: r.problems for r in results})
    else:
        echo_findings(results)
        echo_check_summary(results)
    if any(p["severity"] == "error" for r in results for ps in r.problems.values() for p in ps):
        ctx.exit(1)


@click.command("dismiss")
@click.argument("slug")
@click.argument("segment")
@click.argument("check")
@click.option("--reason", required=True, help="Why the finding does not apply here.")
@click.option(
    "--by", help="Who decides (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def dismiss_command(
    ctx: click.Context, slug: str, segment: str, check: str, reason: str, by: str | None
) -> None:
    """Override the findings of CHECK on one SEGMENT of SLUG, with a reason."""
    from presse.steps.review import dismiss_findings

    repo = repository(ctx)
    name = reviewer_name(repo, by)
    with repo.lock():
        count = dismiss_findings(repo, slug, segment, check, reason, name)
    click.echo(f"{count} finding(s) of '{check}' dismissed by {name}.")


def add(group: click.Group) -> None:
    for command in (
        segment_command,
        extract_command,
        status_command,
        approve_command,
        unapprove_command,
        dismiss_command,
        check_command,
    ):
        group.add_command(command)
