"""``presse translate``, ``presse usage``, ``presse memory import`` and ``memory export``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from presse.cli.main import emit_json, repository
from presse.engines import engine_names, get_engine
from presse.steps.memory import import_memory
from presse.steps.translate import TranslateSummary, translate


def _number(n: int | None) -> str:
    return "unknown" if n is None else f"{n:,}"


def summary_lines(summary: TranslateSummary) -> list[str]:
    """The summary of a run as a person reads it."""
    kept = (
        [
            f"{summary.kept} stale segment(s) keep a person's French (the German changed): "
            "review them, or send them too with --retranslate-stale"
        ]
        if summary.kept
        else []
    )
    if not summary.sent and not summary.held:
        return ["Nothing to translate: every segment has a translation or a draft.", *kept]
    if summary.dry_run:
        return dry_run_lines(summary)
    if not summary.sent:
        return [f"Nothing sent to {summary.engine}.", *held_lines(summary), summary.next_step or ""]
    if summary.engine == "memory":
        lines = [
            f"Memory: {summary.sent} segment(s) looked up, {summary.filled} filled by exact "
            f"match, {summary.suggested} with suggestions ({summary.seconds:.1f} s)."
        ]
    else:
        lines = [
            f"{summary.engine}: {summary.sent} segment(s) sent in {summary.requests} "
            f"request(s), {summary.filled} filled, {summary.billed_characters:,} characters "
            f"billed ({summary.seconds:.1f} s)."
        ]
    for r in summary.releases:
        if not r.sent:
            continue
        extra = f", {r.suggested} with suggestions" if summary.engine == "memory" else ""
        lines.append(f"  {r.slug}: {r.filled} filled{extra}, {r.left} left")
    lines += [f"  note: {note}" for note in summary.notes]
    lines += held_lines(summary)
    if summary.next_step:
        lines.append(summary.next_step)
    return lines + kept


def dry_run_lines(summary: TranslateSummary) -> list[str]:
    """What a run would send, in how many requests, and at what cost."""
    lines = [
        f"Would send {summary.sent} segment(s) ({summary.characters:,} characters of "
        f"German) to {summary.engine} in {summary.requests} request(s); nothing was sent "
        "(--dry-run)."
    ]
    if summary.cost is not None:
        lines.append(
            f"  cost: about {summary.cost:,.2f} EUR at "
            f"{summary.price_per_million_characters:,.2f} EUR per million characters"
        )
    elif summary.engine == "deepl":
        lines.append(
            "  cost: set engine.deepl.price_per_million_characters in presse.yaml to see it"
        )
    lines += [
        f"  {r.slug}: {r.sent} segment(s), {r.characters:,} characters"
        for r in summary.releases
        if r.sent
    ]
    return lines


def held_lines(summary: TranslateSummary) -> list[str]:
    """The segments a run did not send because the quota left could not take them."""
    if not summary.held:
        return []
    lines = [
        f"Not sent: {summary.held} segment(s) beyond the {summary.quota_left or 0:,} "
        "characters left of the quota:"
    ]
    for r in summary.releases:
        if r.held:
            lines.append(f"  {r.slug}: {', '.join(r.held)}")
    return lines


class _Bar:
    """A tqdm progress bar on stderr for runs that take time (shown after one second)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="segment", delay=1.0, leave=False, file=sys.stderr)
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@click.command("translate")
@click.argument("slugs", nargs=-1)
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(engine_names()),
    help="The engine (default: engine.name in presse.yaml).",
)
@click.option("--dry-run", is_flag=True, help="Send nothing; say what would be sent.")
@click.option(
    "--retranslate-stale",
    is_flag=True,
    help="Also draft the stale segments a person translated (their French is kept as "
    "the previous version).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def translate_command(
    ctx: click.Context,
    slugs: tuple[str, ...],
    engine_name: str | None,
    dry_run: bool,
    retranslate_stale: bool,
    as_json: bool,
) -> None:
    """Fill the untranslated and stale segments (all releases, or the SLUGs) with drafts.

    Segments a person translated are never sent, nor are stale ones (the German changed)
    whose French a person wrote, unless --retranslate-stale. Each finished batch is
    saved at once; after an error, running again sends only what is still missing.
    """
    repo = repository(ctx)
    bar = _Bar(not as_json and sys.stdout.isatty() and sys.stderr.isatty())
    try:
        with repo.lock():
            summary = translate(
                repo,
                list(slugs) or None,
                engine_name,
                dry_run=dry_run,
                progress=bar,
                retranslate_stale=retranslate_stale,
            )
    except KeyboardInterrupt:
        bar.close()
        click.echo(
            "presse: interrupted; the batches finished so far are saved "
            "(running again sends only what is still missing)",
            err=True,
        )
        ctx.exit(130)
    finally:
        bar.close()
    if as_json:
        emit_json(summary.to_dict())
        return
    for line in summary_lines(summary):
        click.echo(line)


@click.command("usage")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def usage_command(ctx: click.Context, as_json: bool) -> None:
    """DeepL's character count and limit of this billing period."""
    repo = repository(ctx)
    engine = get_engine("deepl", repo.config)
    count, limit = engine.usage()  # type: ignore[attr-defined]
    if as_json:
        emit_json({"engine": "deepl", "character_count": count, "character_limit": limit})
        return
    share = f" ({100 * count / limit:.1f} %)" if count is not None and limit else ""
    click.echo(
        f"DeepL: {_number(count)} of {_number(limit)} characters used this billing period{share}."
    )


@click.group("memory")
def memory_group() -> None:
    """The translation memory."""


@memory_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def memory_import_command(ctx: click.Context, file: Path) -> None:
    """Add the German-French pairs of a TMX file to the repository's memory."""
    repo = repository(ctx)
    with repo.lock():
        result = import_memory(repo, file)
    where = result.path.relative_to(repo.root).as_posix()
    click.echo(
        f"Imported {result.read} pair(s) from {file.name} ({result.added} new); "
        f"{where} now holds {result.total}."
    )


@memory_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def memory_export_command(ctx: click.Context, file: Path) -> None:
    """Write the pairs people translated (with who and when) to a TMX 1.4b file."""
    from presse.steps.memory import export_memory

    count = export_memory(repository(ctx), file)
    click.echo(f"{file}: {count} pair(s) translated by people.")


def add(group: click.Group) -> None:
    for command in (translate_command, usage_command, memory_group):
        group.add_command(command)
