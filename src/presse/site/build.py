"""Building the site: which releases go out, what to render, what to write and remove.

The gate enforced here (the caller decides ``fr`` per release):

* a release whose ``embargo`` is after ``now`` is published in neither language;
* a release whose ``fr`` is None is published in German alone, with no link to a
  French page, and listed in ``held_back`` with its reason;
* ``drafts=True`` builds a preview with each French draft (``draft_fr``, else ``fr``),
  every page with a draft banner and ``noindex``; no feeds, sitemap or partner kit.

Incremental: every output file has a key, the hash of the plain data it is made from
plus the templates and settings. The manifest in the output folder
(``.presse-build.json``) remembers each file's key; a file whose key is unchanged and
which is still there is neither rendered nor written. Rendered bodies are cached in
``.presse/cache/site/`` by the hash of their Markdown. Files are written by
:class:`presse.site.output.OutputFolder`: one by one, atomically, into a folder that
exists; into a hidden folder renamed whole at the end when it does not (a fresh clone).
Files of earlier builds that this build no longer makes are removed (only files listed
in the manifest are ever removed).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from presse import __version__
from presse.documents.repository import Repository
from presse.errors import PresseError
from presse.site import feeds, kit, layout, pages, sitemap
from presse.site.dates import iso, long_date
from presse.site.model import BuildSummary, PagePair, pair_digest
from presse.site.output import OutputFolder
from presse.site.pages import LANGS, Entry, Site
from presse.site.render import renderer
from presse.store.workers import fork_workers, forked_pool

# The templates of the site's pages, compiled before the render's workers fork.
PAGE_TEMPLATES = ("release.html", "index.html", "root.html")

PARALLEL_THRESHOLD = 400  # outputs to render before worker processes pay for themselves
MAX_WORKERS = 4
CHUNK = 32
RENDER_VERSION = "2"


@dataclass
class Output:
    """One file to produce: where, its key, and how to make its text."""

    rel: str
    key: str
    make: Callable[[], str]


class BodyCache:
    """Rendered bodies by the hash of (language, Markdown), on disk between builds.

    Kept in SQLite (the standard library's): a build looks up only the bodies it needs,
    render workers each write what they render through their own connection, and no
    process ever holds the bodies of a whole archive in memory.

    A build from empty (no earlier site, no cache) neither reads nor fills it
    (``enabled=False``): it has nothing to reuse, and where such builds are usual (a
    fresh clone in CI) the cache is thrown away after. The next build into the site
    fills it with what it renders.
    """

    def __init__(self, folder: Path, *, enabled: bool = True) -> None:
        self.folder = folder
        self.path = folder / "bodies.sqlite"
        self.enabled = enabled
        self.used: dict[tuple[str, str], str] = {}
        self.fresh: dict[str, str] = {}  # rendered here since the last flush
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def _connection(self) -> sqlite3.Connection | None:
        """This process's connection (a forked worker opens its own); None if unusable."""
        if not self.enabled:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        self._db, self._pid = None, os.getpid()
        with contextlib.suppress(sqlite3.Error, OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT)")
            self._db = db
        return self._db

    def _stored(self, key: str) -> str | None:
        db = self._connection()
        if db is None:
            return None
        with contextlib.suppress(sqlite3.Error):
            row = db.execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
            return row[0] if row else None
        return None

    def html(self, markdown: str, lang: str) -> str:
        # Bodies met before in this process by their text (a str keeps its hash); the
        # SHA-256 key only where the disk cache is used.
        value = self.used.get((lang, markdown))
        if value is not None:
            return value
        key = None
        if self.enabled:
            key = hashlib.sha256(f"{RENDER_VERSION}\0{lang}\0{markdown}".encode()).hexdigest()
            value = self._stored(key)
        if value is None:
            value = renderer().html(markdown, lang)
            if key is not None:
                self.fresh[key] = value
        self.used[(lang, markdown)] = value
        return value

    def preload(self) -> None:
        """Before forking: no connection may cross into the workers."""
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    def flush(self) -> None:
        """Store what this process rendered since the last flush."""
        if not self.enabled:
            self.fresh = {}
        if not self.fresh:
            return
        db = self._connection()
        with contextlib.suppress(sqlite3.Error):
            if db is not None:
                with db:
                    db.executemany(
                        "INSERT OR REPLACE INTO bodies (key, html) VALUES (?, ?)",
                        self.fresh.items(),
                    )
        self.fresh = {}

    def save(self, keep: int) -> None:
        """Flush, and keep the cache from growing without end: past ``keep`` bodies, the
        oldest go."""
        self.flush()
        db = self._connection()
        with contextlib.suppress(sqlite3.Error):
            if db is not None:
                (count,) = db.execute("SELECT COUNT(*) FROM bodies").fetchone()
                if count > keep:
                    with db:
                        db.execute(
                            "DELETE FROM bodies WHERE rowid IN "
                            "(SELECT rowid FROM bodies ORDER BY rowid LIMIT ?)",
                            (count - keep,),
                        )
                db.close()
        self._db = None


def _digest(salt: str, kind: str, data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{salt}\0{kind}\0{text}".encode()).hexdigest()


def _release_key(salt: str, kind: str, digest: str) -> str:
    """The key of a file that shows one release only (its page in one language, its
    partner kit) and the site around it, which the salt covers: the release as read (its
    :func:`pair_digest`). Its context, with the JSON and the dates it takes to make, is
    built only when the file is rendered."""
    text = f"{salt}\0{kind}\0{__version__}\0{digest}"
    return hashlib.sha256(text.encode()).hexdigest()


def _select(
    pairs: Sequence[PagePair], now: datetime, drafts: bool, summary: BuildSummary
) -> list[Entry]:
    """The releases this build publishes, newest first; the rest go to ``held_back``."""
    entries: list[Entry] = []
    seen: dict[str, PagePair] = {}
    for pair in pairs:
        de = pair.de
        if de.slug in seen:
            raise PresseError(f"release '{de.slug}' is given twice to the build")
        seen[de.slug] = pair
        if de.embargo is not None and de.embargo > now:
            summary.held_back.append((de.slug, f"under embargo until {iso(de.embargo)}"))
            continue
        fr = (pair.draft_fr or pair.fr) if drafts else pair.fr
        if fr is None:
            reason = pair.held_reason or "no French translation"
            summary.held_back.append((de.slug, reason))
        elif fr.source_slug != de.slug:
            raise PresseError(
                f"French release is a translation of '{fr.source_slug}', not of '{de.slug}'",
                fr.path,
                fr.line_of("translation_of") if fr.path else None,
            )
        # A draft has no publication: the preview shows it as if it went out now.
        publication = pair.publication if fr is pair.fr else None
        digest = pair.digest if fr is pair.fr and pair.digest else pair_digest(de, fr, publication)
        entries.append(Entry(de=de, fr=fr, digest=digest, publication=publication))
    entries.sort(key=lambda e: (e.de.date, e.slug), reverse=True)
    return entries


def _check_unique(repo: Repository, entries: list[Entry]) -> None:
    """Two releases claiming one output URL is an error (nothing is written)."""
    claimed: dict[str, Entry] = {}
    for entry in entries:
        for lang in LANGS:
            rel = entry.file(lang)
            if rel is None:
                continue
            earlier = claimed.get(rel)
            if earlier is not None:
                fr_path = entry.fr.path if entry.fr is not None else None
                raise PresseError(
                    f"two releases claim the page /{layout.public_path(rel)}: "
                    f"'{earlier.slug}' and '{entry.slug}' (give one French release "
                    "another 'slug')",
                    fr_path or repo.source_path(entry.slug),
                    entry.fr.line_of("slug") if lang == "fr" and entry.fr else None,
                )
            claimed[rel] = entry


def _plan(site: Site, entries: list[Entry], bodies: BodyCache) -> list[Output]:
    """Every output file, a release's files side by side (so one worker renders them all)."""
    salt = site.salt()
    outputs: list[Output] = []

    def add(rel: str, kind: str, data: Any, make: Callable[[], str]) -> None:
        outputs.append(Output(rel, _digest(salt, kind, data), make))

    # A withdrawn French keeps its page (a notice) and its kit and feed entries (saying
    # so), but leaves the French index and the sitemap.
    with_french = [e for e in entries if e.fr is not None]
    by_lang = {"de": entries, "fr": [e for e in with_french if not e.withdrawn]}
    kit = None if site.drafts or not site.partner.get("name") else _KitPlan(site, bodies)
    for entry in entries:
        for lang in LANGS:
            rel = entry.file(lang)
            if rel is None:
                continue

            def make(entry: Entry = entry, lang: str = lang) -> str:
                context = pages.release_context(site, entry, lang)
                html = bodies.html(context["body_markdown"], context["lang"])
                return pages.render_page(site, context, html)

            outputs.append(Output(rel, _release_key(salt, f"release\0{lang}", entry.digest), make))
        if kit is not None and entry.fr is not None:
            outputs.extend(kit.outputs(entry, salt))

    add(layout.CSS_FILE, "css", None, lambda: site.render("assets/presse.css", {}))
    root = pages.root_context(site)
    add(layout.ROOT_FILE, "root", root, lambda: pages.render_page(site, root))
    chunks = {lang: pages.index_chunks(site, by_lang[lang]) for lang in LANGS}
    for lang in LANGS:
        other = "fr" if lang == "de" else "de"
        counts = (len(chunks[lang]), len(chunks[other]))
        for number, chunk in enumerate(chunks[lang], start=1):
            # Keyed, like release pages, by the releases it lists as read: the context
            # (dates, typography, links) is built only when the page is rendered.
            shown = [entry.digest for entry in chunk]

            def make(
                chunk: list[Entry] = chunk,
                lang: str = lang,
                number: int = number,
                counts: tuple[int, int] = counts,
            ) -> str:
                context = pages.index_context(site, chunk, lang, number, *counts)
                return pages.render_page(site, context)

            add(layout.index_file(lang, number), "index", [lang, number, counts, shown], make)

    if site.drafts:
        return outputs

    for lang in LANGS:
        items = entries if lang == "de" else with_french
        add(
            layout.feed_file(lang),
            "feed",
            feeds.feed_inputs(site, items, lang),
            lambda lang=lang, items=items: feeds.language_feed(
                site, items, lang, lambda e, lg: bodies.html(e.body(lg), lg)
            ),
        )
    add(
        layout.SITEMAP_FILE,
        "sitemap",
        sitemap.sitemap_inputs(entries),
        lambda: sitemap.render_sitemap(site, entries),
    )
    if kit is not None:
        add(
            layout.PARTNER_FEED_FILE,
            "kit-feed",
            [kit.data_of(entry) for entry in with_french[: feeds.FEED_SIZE]],
            lambda: feeds.partner_feed(site, with_french, kit.fragment_of),
        )
    return outputs


class _KitPlan:
    """The partner kit's outputs; a release's fragment is rendered once for its files.

    Its four files are keyed, like the release pages, by the release as read (the salt
    covers the partner settings): a release's kit data, with its dates, is made only
    when its files are rendered or the partner feed lists it."""

    def __init__(self, site: Site, bodies: BodyCache) -> None:
        self.site = site
        self.bodies = bodies
        self.data: dict[str, dict[str, Any]] = {}
        self.fragments: dict[str, str] = {}

    def data_of(self, entry: Entry) -> dict[str, Any]:
        if entry.slug not in self.data:
            self.data[entry.slug] = kit.kit_inputs(self.site, entry)
        return self.data[entry.slug]

    def fragment_of(self, entry: Entry) -> str:
        if entry.slug not in self.fragments:
            data = self.data_of(entry)
            body = self.bodies.html(data["body"], "fr")
            self.fragments[entry.slug] = kit.fragment(self.site, data, body)
        return self.fragments[entry.slug]

    def outputs(self, entry: Entry, salt: str) -> list[Output]:
        assert entry.fr is not None
        key = _release_key(salt, "kit", entry.digest)
        html_rel, md_rel, txt_rel, json_rel, ninjs_rel = kit.kit_files(entry.fr.slug)
        return [
            Output(html_rel, key, lambda: self.fragment_of(entry)),
            Output(md_rel, key, lambda: kit.markdown_file(self.data_of(entry))),
            Output(txt_rel, key, lambda: self._text(entry)),
            Output(
                json_rel, key, lambda: kit.json_file(self.data_of(entry), self.fragment_of(entry))
            ),
            Output(ninjs_rel, key, lambda: kit.ninjs_file(self.data_of(entry), self._html(entry))),
        ]

    def _html(self, entry: Entry) -> str:
        return self.bodies.html(self.data_of(entry)["body"], "fr")

    def _text(self, entry: Entry) -> str:
        return kit.text_file(self.data_of(entry), self._html(entry))


# Rendering in worker processes: forked, they inherit the plan; each renders contiguous
# chunks of it (a release's pages and kit together), writes the files itself and sends
# back only which were written and the bodies it rendered (texts never cross a pipe).
_FORK_TODO: list[Output] = []
_FORK_BODIES: BodyCache | None = None
_FORK_OUT: OutputFolder | None = None


def _make_and_write(output: Output, out: OutputFolder) -> bool:
    """Render one output and write it; False when the file already held that text."""
    return out.write(output.rel, output.make())


def _render_chunk(bounds: tuple[int, int]) -> list[tuple[int, bool]]:
    start, end = bounds
    assert _FORK_OUT is not None
    written = [
        (index, _make_and_write(_FORK_TODO[index], _FORK_OUT)) for index in range(start, end)
    ]
    if _FORK_BODIES is not None:
        _FORK_BODIES.flush()
    return written


def _workers(count: int) -> int:
    return fork_workers(count, PARALLEL_THRESHOLD, MAX_WORKERS)


def _produced(
    todo: list[Output], bodies: BodyCache, out: OutputFolder
) -> Iterator[tuple[str, bool]]:
    """(output path, written?) for every output in ``todo``, in worker processes when it pays."""
    workers = _workers(len(todo))
    if workers == 1:
        for output in todo:
            yield output.rel, _make_and_write(output, out)
        return
    global _FORK_TODO, _FORK_BODIES, _FORK_OUT
    bodies.preload()
    _FORK_TODO, _FORK_BODIES, _FORK_OUT = todo, bodies, out
    chunks = [(i, min(i + CHUNK, len(todo))) for i in range(0, len(todo), CHUNK)]
    try:
        with forked_pool(workers) as pool:
            for written in pool.imap_unordered(_render_chunk, chunks):
                for index, changed in written:
                    yield todo[index].rel, changed
    finally:
        _FORK_TODO, _FORK_BODIES, _FORK_OUT = [], None, None


def build_site(
    repo: Repository,
    pairs: Sequence[PagePair],
    out: Path,
    *,
    drafts: bool = False,
    now: datetime | None = None,
    site: Site | None = None,
) -> BuildSummary:
    """Build the site (or, with ``drafts``, the preview) into ``out``; see the module doc.

    ``site``: the build's settings made ready beforehand (:func:`prepare_site`)."""
    now = now or datetime.now(UTC)
    summary = BuildSummary()
    entries = _select(pairs, now, drafts, summary)
    _check_unique(repo, entries)
    site = site or Site(repo, drafts)
    folder = OutputFolder(out)
    previous = folder.previous_manifest()
    cache_folder = repo.cache_dir / "site"
    bodies = BodyCache(cache_folder, enabled=bool(previous) or cache_folder.is_dir())
    try:
        _write_site(folder, previous, _plan(site, entries, bodies), bodies, entries, summary)
    except BaseException:
        folder.abandon()
        raise
    return summary


def prepare_site(repo: Repository, drafts: bool) -> Site:
    """The build's settings, with what every render worker would otherwise make for
    itself made once: the templates compiled, the locales' date patterns and the body
    renderer loaded (forked workers inherit them)."""
    site = Site(repo, drafts)
    for lang in LANGS:
        long_date(datetime(2000, 1, 1, tzinfo=UTC), lang)
    renderer()
    # A template that does not compile is reported where it is used, as ever.
    with contextlib.suppress(jinja2.TemplateError):
        for name in PAGE_TEMPLATES:
            site.env.get_template(name)
    return site


def _write_site(
    folder: OutputFolder,
    previous: dict[str, str],
    outputs: list[Output],
    bodies: BodyCache,
    entries: list[Entry],
    summary: BuildSummary,
) -> None:
    """Write what changed since the last build into the folder, remove what went."""
    out = folder.out

    seen: set[str] = set()
    for output in outputs:
        if output.rel in seen:  # pragma: no cover - guarded by _check_unique
            raise PresseError(f"two outputs claim {output.rel}")
        seen.add(output.rel)

    summary.pages = {
        entry.slug: {lang: out / rel for lang in LANGS if (rel := entry.file(lang)) is not None}
        for entry in entries
    }

    todo = []
    for output in outputs:
        if previous.get(output.rel) == output.key and folder.holds(output.rel):
            summary.unchanged += 1
        else:
            todo.append(output)
    for rel, written in _produced(todo, bodies, folder):
        if written:
            summary.written.append(out / rel)
        else:
            summary.unchanged += 1

    current = {output.rel: output.key for output in outputs}
    folder.remove_stale([rel for rel in previous if rel not in current], summary)
    folder.finish(current)
    bodies.save(keep=4 * max(len(outputs), 1000))
