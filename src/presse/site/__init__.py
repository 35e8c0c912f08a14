"""The static site: release pages in both languages, indexes, feeds, sitemap, partner kit.

``build_site(repo, pairs, out)`` is the one entry point; see :mod:`presse.site.build`
for the rules it enforces and :mod:`presse.site.layout` for where files go.
"""

from presse.site.build import build_site
from presse.site.model import BuildSummary, PagePair

__all__ = ["BuildSummary", "PagePair", "build_site"]
