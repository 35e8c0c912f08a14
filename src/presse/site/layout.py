"""Where every output file goes and the URL it is served at.

```
index.html                      language chooser
assets/presse.css               the style sheet
de/index.html, de/page/2/...    German index, newest first, paginated
de/<slug>/index.html            German release (slug = file name in releases/de/)
de/feed.xml                     German Atom feed
fr/index.html, fr/page/2/...    French index
fr/<fr-slug>/index.html         French release (slug from the French title)
fr/feed.xml                     French Atom feed
sitemap.xml                     every release page, with its hreflang alternates
partner/<fr-slug>.html|.md|.txt|.json|.ninjs.json, partner/feed.xml   the republication kit
.presse-build.json              the manifest of the files this build wrote
```

Pages link to each other with relative URLs (the site works from any folder and from
``file://``); canonical, hreflang, Open Graph, JSON-LD, feeds and the sitemap use
absolute URLs made from ``site.base_url``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

# presse's own templates, which the office's (in ``templates/``) override file by file.
DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"

ROOT_FILE = "index.html"
CSS_FILE = "assets/presse.css"
SITEMAP_FILE = "sitemap.xml"
MANIFEST_FILE = ".presse-build.json"
MANIFEST_VERSION = 1  # what a manifest holds; another version is not read
PARTNER_DIR = "partner"
PARTNER_FEED_FILE = "partner/feed.xml"
INDEX_NAME = "index.html"


def release_file(lang: str, slug: str) -> str:
    return f"{lang}/{slug}/{INDEX_NAME}"


def index_file(lang: str, page: int) -> str:
    return f"{lang}/{INDEX_NAME}" if page <= 1 else f"{lang}/page/{page}/{INDEX_NAME}"


def feed_file(lang: str) -> str:
    return f"{lang}/feed.xml"


def partner_file(fr_slug: str, extension: str) -> str:
    return f"{PARTNER_DIR}/{fr_slug}.{extension}"


def public_path(rel: str) -> str:
    """The URL path of a file: folders for ``index.html`` pages."""
    if rel == INDEX_NAME:
        return ""
    if rel.endswith("/" + INDEX_NAME):
        return rel[: -len(INDEX_NAME)]
    return rel


def absolute_url(base_url: str, rel: str) -> str:
    return base_url + public_path(rel)


def _relative(target: str, here: str) -> str:
    """posixpath.relpath for two clean relative paths, without its abspath calls (this
    runs some ten times per page of an archive)."""
    start = [] if here == "." else here.split("/")
    parts = [] if target == "." else target.split("/")
    common = 0
    for a, b in zip(start, parts, strict=False):
        if a != b:
            break
        common += 1
    steps = [".."] * (len(start) - common) + parts[common:]
    return "/".join(steps) or "."


def relative_href(from_rel: str, to_rel: str) -> str:
    """The link from the page ``from_rel`` to the file ``to_rel`` (both output paths)."""
    here = posixpath.dirname(from_rel) or "."
    target = public_path(to_rel)
    if target == "" or target.endswith("/"):
        folder = target.rstrip("/") or "."
        link = _relative(folder, here)
        return "./" if link == "." else link + "/"
    return _relative(target, here)
