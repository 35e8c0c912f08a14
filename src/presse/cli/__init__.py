"""The ``presse`` command: :mod:`presse.cli.main` is the group, each other module a
family of subcommands. Calls the steps; nothing of presse imports it."""
