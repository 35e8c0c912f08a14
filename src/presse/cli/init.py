"""``presse init``: a new press-office repository, asking for what the options leave out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from presse.steps.init import (
    DEFAULT_SITE_URL,
    OfficeSetup,
    init_repository,
    refuse_existing,
    start_git,
)

# What presse init asks, in order: (option, question, default when asked).
QUESTIONS = (
    ("office", "The office's name in German", None),
    ("office_fr", "Its French name, with its article (la Ville de …, le …, l’…)", None),
    ("partner", "The partner that republishes the French (empty: none)", ""),
    ("site_url", "The address the site is published at", DEFAULT_SITE_URL),
    ("licence", "The licence of the French texts (empty: none)", "CC BY 4.0"),
)


def can_ask() -> bool:
    """Questions only for a person at a terminal, never for a script or a pipe."""
    return sys.stdin.isatty()


def _answers(given: dict[str, str | None]) -> dict[str, str | None]:
    answers = dict(given)
    asking = can_ask()
    for option, question, default in QUESTIONS:
        if answers.get(option) is not None:
            continue
        if not asking:
            if option == "office":
                raise click.UsageError(
                    "give the office's name with --office (presse init asks only at a terminal)"
                )
            continue
        if option == "office_fr":
            default = answers["office"]
        answer = click.prompt(question, default=default, show_default=bool(default))
        answers[option] = answer.strip() or None
    return answers


@click.command("init")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--office", help="The office's name in German (Stadt Forchheim).")
@click.option("--office-fr", help="Its French name with its article (la Ville de Forchheim).")
@click.option("--partner", help="The partner that republishes the French releases.")
@click.option("--site-url", help=f"Where the site is published (default {DEFAULT_SITE_URL}).")
@click.option("--licence", help="The licence of the French texts (CC BY 4.0).")
@click.option("--licence-url", help="Where the licence can be read (known for CC licences).")
@click.option("--no-git", is_flag=True, help="Do not start a git repository.")
def init_command(directory: Path | None, no_git: bool, **given: str | None) -> None:
    """Create a press-office repository in DIRECTORY (default: here).

    At a terminal, presse asks for what the options do not give."""
    root = directory or Path.cwd()
    refuse_existing(root)  # before any question
    answers = _answers(given)
    setup = OfficeSetup(
        office_de=answers["office"] or "",
        office_fr=answers["office_fr"],
        partner=answers["partner"],
        site_url=answers["site_url"] or DEFAULT_SITE_URL,
        licence=answers["licence"],
        licence_url=answers["licence_url"],
    )
    init_repository(root, setup)
    click.echo(f"Created a presse repository in {root}")
    if not no_git:
        click.echo(start_git(root))


def add(group: click.Group) -> None:
    group.add_command(init_command)
