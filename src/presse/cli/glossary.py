"""``presse glossary check|list|export|import|suggest``."""

from __future__ import annotations

from pathlib import Path

import click

from presse.cli.main import emit_json, repository
from presse.glossary.export import export_csv, export_deepl, export_tbx
from presse.glossary.load import load_glossary
from presse.glossary.suggest import suggest
from presse.steps.glossary_check import check_glossary, german_texts

EXPORTERS = {"deepl": export_deepl, "csv": export_csv, "tbx": export_tbx}


@click.group("glossary")
def glossary_group() -> None:
    """The glossary of fixed terms: check translations, list, export, suggest terms."""


@glossary_group.command("check")
@click.argument("slugs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def check_command(ctx: click.Context, slugs: tuple[str, ...], as_json: bool) -> None:
    """Check the French of the releases against the glossary (exit 1 on a violation)."""
    findings = check_glossary(repository(ctx), list(slugs) or None)
    if as_json:
        emit_json([vars(f) for f in findings])
    else:
        for f in findings:
            click.echo(f"{f.slug} [{f.segment}]: {f.message}")
            click.echo(f"    DE: {f.german}")
            click.echo(f"    FR: {f.french}")
        click.echo(f"{len(findings)} glossary violation(s).")
    if findings:
        ctx.exit(1)


@glossary_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """List the terms with their French form."""
    glossary = load_glossary(repository(ctx).glossary_path)
    if as_json:
        emit_json(
            [
                {"de": t.de, "fr": t.target, "keep": t.keep, "kind": t.kind, "note": t.note}
                for t in glossary.terms
            ]
        )
        return
    for term in glossary.terms:
        target = f"{term.target} (keep)" if term.keep else term.target
        click.echo(f"{term.de} → {target}  [{term.kind}]")


@glossary_group.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(EXPORTERS)), required=True, help="Output format."
)
@click.pass_context
def export_command(ctx: click.Context, fmt: str) -> None:
    """Export the glossary for DeepL (TSV), Weblate (CSV) or CAT tools (TBX)."""
    click.echo(EXPORTERS[fmt](load_glossary(repository(ctx).glossary_path)), nl=False)


@glossary_group.command("suggest")
@click.option("--limit", default=30, show_default=True, help="How many candidates.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def suggest_command(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Candidate terms found in the German releases but not in the glossary."""
    repo = repository(ctx)
    candidates = suggest(german_texts(repo), load_glossary(repo.glossary_path), limit)
    if as_json:
        emit_json([vars(c) for c in candidates])
        return
    for candidate in candidates:
        click.echo(f"{candidate.count:4d}  {candidate.text}    e.g. “{candidate.example}”")


@glossary_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--prefer-import",
    "--force",
    "prefer_import",
    is_flag=True,
    help="On a conflict, take the term base's French.",
)
@click.option("--yes", "-y", is_flag=True, help="Write without asking.")
@click.option("--dry-run", is_flag=True, help="Show the diff; write nothing.")
@click.pass_context
def import_command(
    ctx: click.Context, file: Path, prefer_import: bool, yes: bool, dry_run: bool
) -> None:
    """Merge a term base (TBX or Weblate CSV) into glossary.yaml, showing the diff first."""
    from presse.steps.glossary_import import plan_import, write_import

    repo = repository(ctx)
    with repo.lock():
        planned = plan_import(repo, file, prefer_import)
        if not planned.changes:
            click.echo(f"Nothing to change: glossary.yaml already holds every term of {file.name}.")
            return
        click.echo(planned.diff, nl=False)
        merged = planned.merge
        click.echo(
            f"{len(merged.added)} term(s) added, {len(merged.extended)} with new forms, "
            f"{len(merged.replaced)} replaced by the term base's."
        )
        if dry_run or not (yes or click.confirm("Write glossary.yaml?", default=False)):
            click.echo("Nothing written.")
            return
        write_import(planned)
    click.echo("glossary.yaml written.")


def add(group: click.Group) -> None:
    group.add_command(glossary_group)
