"""The subcommands of ``presse``, one module per family; each exposes ``add(group)``."""

from presse.commands import catalogs, glossary, releases

ALL = [releases.add, catalogs.add, glossary.add]
