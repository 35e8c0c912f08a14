"""The subcommands of ``presse``, one module per family; each exposes ``add(group)``."""

from presse.commands import releases

ALL = [releases.add]
