"""``presse segment``, ``extract``, ``status``, ``review`` and ``approve``.

The commands that change catalogs import their part of the core when they run, so that
``presse status`` and ``presse check`` start without loading the merging and the checks
(see :mod:`presse.steps.status`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from presse.cli.main import emit_json, repository
from presse.documents.release import split_front_matter
from presse.documents.release_files import now_iso
from presse.documents.segment import markdown_blocks
from presse.steps.people import reviewer_name
from presse.steps.status import status
from presse.store.disk import decode_utf8, read_text

if TYPE_CHECKING:
    from presse.steps.review import Segment


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


def show_segment(segment: Segment, position: str) -> None:
    from presse.steps.review import word_diff

    click.echo("")
    click.secho(f"[{position}] {segment.state}  ({segment.id})", bold=True)
    if segment.previous_german is not None:
        click.echo("German changed:")
        pieces = word_diff(segment.previous_german, segment.german)
        styled = {
            "=": {},
            "-": {"fg": "red", "strikethrough": True},
            "+": {"fg": "green", "underline": True},
        }
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
        click.echo(
            "  " + "".join(click.style(marks[op].format(t), **styled[op]) for op, t in pieces)
        )
    click.echo(f"DE: {segment.german}")
    click.echo(f"FR: {segment.french or '(no translation yet)'}")
    for suggestion in segment.record.suggestions[:3]:
        click.echo(f"    memory {suggestion.get('score', 0):.0f}%: {suggestion.get('fr', '')}")


def ask_french(segment: Segment) -> str | None:
    """Accept, edit or skip; returns the French to confirm, or None to skip."""
    choices = "a=accept, e=edit in $EDITOR, i=type it, s=skip, q=quit"
    while True:
        answer = click.prompt(choices, default="s" if not segment.french else "a").strip().lower()
        if answer == "q":
            raise click.Abort
        if answer == "s":
            return None
        if answer == "a" and segment.french:
            return segment.french
        if answer == "e":
            edited = click.edit(segment.french or "")
            return edited.strip() if edited and edited.strip() else None
        if answer == "i":
            typed = click.prompt("FR", default=segment.french or "", show_default=False)
            return typed.strip() or None


@click.command("review")
@click.argument("slug")
@click.option(
    "--by", help="Your name (default: review.reviewer in presse.yaml, or git's user.name)."
)
@click.pass_context
def review_command(ctx: click.Context, slug: str, by: str | None) -> None:
    """Walk the segments of SLUG that need a person, in the terminal."""
    from presse.steps.review import confirm, current_files, segments_of

    repo = repository(ctx)
    name = reviewer_name(repo, by)
    todo = [s for s in segments_of(current_files(repo, slug, now_iso(repo))) if s.needs_a_human]
    if not todo:
        click.echo("Nothing to review: every segment is translated.")
        return
    done = 0
    for index, segment in enumerate(todo, start=1):
        show_segment(segment, f"{index}/{len(todo)}")
        french = ask_french(segment)
        if french is None:
            continue
        with repo.lock():
            confirm(repo, slug, segment.id, french, name, expected_hash=segment.french_hash)
        done += 1
    click.echo(f"{done} segment(s) confirmed by {name}.")


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
        approval, written = approve(repo, slug, name)
    click.echo(f"Approved by {approval.by} at {approval.at}.")
    for path in written:
        click.echo(f"  wrote {path.relative_to(repo.root)}")


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
        for r in results:
            for segment, problems in r.problems.items():
                for p in problems:
                    click.echo(f"{r.slug} [{segment}] {p['severity']} {p['check']}: {p['message']}")
                    if p.get("suggestion"):
                        click.echo(f"    suggested: {p['suggestion']}")
    errors = [
        p for r in results for ps in r.problems.values() for p in ps if p["severity"] == "error"
    ]
    if not as_json:
        click.echo(
            f"{len(errors)} error(s), {sum(len(ps) for r in results for ps in r.problems.values()) - len(errors)} warning(s)."
        )
    if errors:
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
        review_command,
        approve_command,
        dismiss_command,
        check_command,
    ):
        group.add_command(command)
