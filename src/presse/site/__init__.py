"""The static site: release pages in both languages, indexes, feeds, sitemap, partner kit.

``build_site(repo, pairs, out)`` is the one entry point; see :mod:`presse.site.build`
for the rules it enforces and :mod:`presse.site.layout` for where files go. The builder
(Jinja2, markdown-it) loads on first use, so that the light parts of the package (the
model, the layout) cost nothing to import.
"""

from __future__ import annotations

from typing import Any

from presse.site.model import BuildSummary, PagePair

__all__ = ["BuildSummary", "PagePair", "build_site"]


def __getattr__(name: str) -> Any:
    if name == "build_site":
        from presse.site.build import build_site

        return build_site
    raise AttributeError(name)
