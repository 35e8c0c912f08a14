"""The ``presse`` command: parses arguments, calls the core, prints results.

This layer holds no logic of its own beyond presentation: every command calls a
function of the core and prints what it returns. Exit codes: 0 success, 1 a problem
with the user's input (one line naming the file and line), 2 bad usage.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from presse import __version__
from presse.documents.repository import Repository
from presse.errors import PresseError
from presse.steps.open import open_repository
from presse.store.journal import interrupted


class PresseGroup(click.Group):
    """Turns a :class:`PresseError` into one line on stderr and exit code 1, and loads
    each family of subcommands only when one of them is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from presse.cli.commands import WHERE

        return sorted(set(WHERE) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from presse.cli.commands import WHERE, adder

        if cmd_name not in self.commands and cmd_name in WHERE:
            adder(WHERE[cmd_name])(self)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PresseError as error:
            click.echo(f"presse: {error}" if error.path is None else str(error), err=True)
            ctx.exit(1)


@click.group(cls=PresseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    help="The press-office repository (default: the nearest folder with a presse.yaml).",
)
@click.version_option(__version__, prog_name="presse")
@click.pass_context
def cli(ctx: click.Context, repo: Path | None) -> None:
    """Carry a press office's German releases into French and publish both."""
    ctx.obj = {"repo": repo}


def repository(ctx: click.Context) -> Repository:
    """The repository, with the writes of a command killed halfway completed first."""
    repo = open_repository(ctx.obj.get("repo"))
    if not interrupted(repo.journal_dir):  # one look at a folder; the usual case
        return repo
    from presse.documents.release_files import repair_interrupted

    repaired = repair_interrupted(repo)
    if repaired:
        click.echo(
            f"presse: the last command was interrupted; {len(repaired)} release(s) repaired: "
            + ", ".join(repaired),
            err=True,
        )
    return repo


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def register(*modules: Callable[[click.Group], None]) -> None:
    for add_commands in modules:
        add_commands(cli)


def main() -> None:
    try:
        cli.main(prog_name="presse")
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            click.echo(done.code, err=True)
    else:  # pragma: no cover - click always exits
        code = 0
    leave(code)


def leave(code: int) -> None:
    """Exit without tearing the interpreter down object by object.

    A build of 1,000 releases holds them all when it ends, and freeing them took 70 ms
    (3 % of a fresh clone's build). Every file presse writes is complete (written and
    renamed) and every pool and lock is closed before a command returns, so what is
    left to do is to flush the standard streams and the log handlers."""
    logging = sys.modules.get("logging")  # loaded by whatever logs (the engines)
    if logging is not None:
        logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
