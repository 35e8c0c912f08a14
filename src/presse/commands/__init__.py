"""The subcommands of ``presse``, one module per family; each exposes ``add(group)``."""

from presse.commands import catalogs, glossary, releases, site, translation, web

ALL = [releases.add, catalogs.add, glossary.add, translation.add, site.add, web.add]
