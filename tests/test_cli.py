"""The command line loads each family of commands when it is used, and knows them all."""

from __future__ import annotations

import subprocess
import sys

import click

from presse.cli.commands import WHERE, all_adders


def test_every_command_is_found_where_the_table_says() -> None:
    group = click.Group()
    for add in all_adders():
        add(group)
    assert set(group.commands) == set(WHERE)


def test_status_does_not_load_the_web_server_or_the_engines() -> None:
    code = (
        "import sys\n"
        "from presse.cli.main import cli\n"
        "try:\n"
        "    cli.main(['status', '--help'], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted(m for m in ('flask', 'deepl', 'presse.web') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
