"""presse build against Hugo and Pelican on one archive, in one run, alternating.

Run from the repository root::

    .venv/bin/python bench/build.py 1000            # a few minutes on 2 cores
    .venv/bin/python bench/build.py 5000 --runs 3   # by hand: about 20 minutes

It makes (or reuses, ``--corpus DIR``) an archive of N approved releases with
``bench/corpus.py``, and from the same German and French Markdown a Hugo site
(``content/de``, ``content/fr``, ``translationKey``, languages de/fr, an index paginated
by 20 and an RSS feed per language) and a Pelican site (``Lang``/``Slug`` translations,
an index per language paginated by 20, an Atom feed per language). Then, ``--runs``
times, each tool in turn (the order rotates from run to run):

- **full**: a build from empty (into a new folder, caches removed; see the note above measure());
- **no change**: the same build again;
- **one change**: a build after one German sentence and its approved French changed
  (for presse: the German release, then ``extract``, the French in the catalog, and
  ``presse.steps.approve.approve``; for Hugo and Pelican: both Markdown files);
- **fresh clone** (presse): ``git clone`` of the archive, committed as it stands (and
  packed, as a remote is), then a build (what CI does), and **fresh clone, again**: the
  same build once more; compared with the peers' full and no-change builds of the same
  run. ``git status`` must stay clean after both.

Each build is a subprocess (``presse --repo DIR build``, ``hugo --source DIR``,
``pelican``); its wall-clock time and peak memory (``ru_maxrss`` of the process and its
workers, from ``wait4``) are recorded. The medians and the ratios presse/Hugo and
presse/Pelican are printed and written to ``docs/benchmarks.md`` (``--no-write`` to
skip). Needs ``hugo`` on the PATH and ``pip install pelican markdown`` in the venv.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    BIN,
    Run,
    hugo_version,
    machine,
    median,
    ratio,
    run_timed,
    today,
    version,
    write_section,
)
from corpus import make_corpus

from presse.documents.french import read_french_release
from presse.documents.po import render_po
from presse.documents.release import read_release
from presse.documents.release_files import load_release_files
from presse.site.feeds import FEED_SIZE
from presse.steps.approve import approve
from presse.steps.extract import extract
from presse.steps.open import open_repository
from presse.store.cache import RACY_SECONDS

TOOLS = ("presse", "hugo", "pelican")
SCENARIOS = ("full", "no change", "one change")
# presse only, on a git clone of the archive (what CI starts from); compared with the
# peers' full and no-change builds of the same run.
FRESH = ("fresh clone", "fresh clone, again")
PEER_SCENARIO = {"fresh clone": "full", "fresh clone, again": "no change"}
GITIGNORE = ".presse/\nsite/\noutput-*/\nclone-*/\n"
NUMBER = re.compile(r"(?<![\d.,])\d{2}(?![\d.,])")

HUGO_CONFIG = """\
baseURL = "https://example.org/presse/"
defaultContentLanguage = "de"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term"]
paginate = 20
enableRobotsTXT = false

[services.rss]
limit = {feed_size}

[languages.de]
contentDir = "content/de"
languageName = "Deutsch"
title = "Pressemitteilungen des Landkreises Harz"
weight = 1

[languages.fr]
contentDir = "content/fr"
languageName = "Français"
title = "Communiqués de presse de l’arrondissement de Harz"
weight = 2
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.category }} · {{ . }}{{ end }}</p>
{{ with .Summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
</article>{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<ul>{{ range .Paginator.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}
</ul>
{{ with .Paginator.Prev }}<a href="{{ .URL }}">newer</a>{{ end }}
{{ with .Paginator.Next }}<a href="{{ .URL }}">older</a>{{ end }}{{ end }}
""",
    "index.html": """\
{{ define "main" }}{{ $pages := .Paginate (where .Site.RegularPages "Type" "!=" "x") }}<ul>{{ range $pages.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}
</ul>
{{ with $pages.Prev }}<a href="{{ .URL }}">newer</a>{{ end }}
{{ with $pages.Next }}<a href="{{ .URL }}">older</a>{{ end }}{{ end }}
""",
}

PELICAN_CONFIG = """\
AUTHOR = "Landkreis Harz"
SITENAME = "Pressemitteilungen des Landkreises Harz"
SITEURL = "https://example.org/presse"
PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
DEFAULT_DATE_FORMAT = "%d.%m.%Y"
ARTICLE_TRANSLATION_ID = "slug"
ARTICLE_URL = "de/{{slug}}/"
ARTICLE_SAVE_AS = "de/{{slug}}/index.html"
ARTICLE_LANG_URL = "{{lang}}/{{slug}}/"
ARTICLE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
INDEX_SAVE_AS = "de/index.html"
FR_SAVE_AS = "fr/index.html"
DIRECT_TEMPLATES = ["index", "fr"]
PAGINATED_TEMPLATES = {{"index": 20, "fr": 20}}
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = [
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
]
FEED_ALL_ATOM = None  # the German feed is the translation feed of "de"
TRANSLATION_FEED_ATOM = "{{lang}}/feed.xml"
FEED_MAX_ITEMS = {feed_size}
RSS_FEED_SUMMARY_ONLY = False
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
PAGE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
STATIC_PATHS = []
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""
PELICAN_TEMPLATES = {
    "base.html": """\
<!DOCTYPE html>
<html lang="{% block lang %}{{ DEFAULT_LANG }}{% endblock %}">
<head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %}</title>
{% block head %}{% endblock %}</head>
<body><header><a href="{{ SITEURL }}/de/">{{ SITENAME }}</a></header>
<main>{% block content %}{% endblock %}</main></body></html>
""",
    "article.html": """\
{% extends "base.html" %}
{% block lang %}{{ article.lang }}{% endblock %}
{% block title %}{{ article.title|striptags }}{% endblock %}
{% block head %}<link rel="canonical" href="{{ SITEURL }}/{{ article.url }}">
{% for t in article.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ SITEURL }}/{{ t.url }}">
{% endfor %}{% endblock %}
{% block content %}<article><h1>{{ article.title }}</h1>
<p><time datetime="{{ article.date.isoformat() }}">{{ article.locale_date }}</time>
{% if article.category %} · {{ article.category }}{% endif %}</p>
{% for t in article.translations %}<a href="{{ SITEURL }}/{{ t.url }}" hreflang="{{ t.lang }}">{{ t.lang }}</a>{% endfor %}
{{ article.content }}</article>{% endblock %}
""",
    "index.html": """\
{% extends "base.html" %}
{% block content %}<ul>{% for article in articles_page.object_list %}
<li><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a> <time>{{ article.locale_date }}</time>
<p>{{ article.summary }}</p></li>{% endfor %}</ul>
{% if articles_page.has_previous() %}<a href="{{ SITEURL }}/{{ articles_previous_page.url }}">newer</a>{% endif %}
{% if articles_page.has_next() %}<a href="{{ SITEURL }}/{{ articles_next_page.url }}">older</a>{% endif %}
{% endblock %}
""",
    "fr.html": """\
{% extends "base.html" %}
{% block lang %}fr{% endblock %}
{% block content %}<ul>{% for de in articles_page.object_list %}{% for article in de.translations if article.lang == "fr" %}
<li><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a> <time>{{ article.locale_date }}</time>
<p>{{ article.summary }}</p></li>{% endfor %}{% endfor %}</ul>
{% if articles_page.has_previous() %}<a href="{{ SITEURL }}/{{ articles_previous_page.url }}">plus récents</a>{% endif %}
{% if articles_page.has_next() %}<a href="{{ SITEURL }}/{{ articles_next_page.url }}">plus anciens</a>{% endif %}
{% endblock %}
""",
}


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_peers(repo_root: Path, hugo_dir: Path, pelican_dir: Path) -> dict[str, tuple[Path, Path]]:
    """The Hugo and Pelican sites of the archive's published content.

    Returns, per German slug, the German and French Markdown files of each peer.
    """
    repo = open_repository(repo_root)
    hugo_dir.mkdir(parents=True)
    (hugo_dir / "hugo.toml").write_text(HUGO_CONFIG.format(feed_size=FEED_SIZE), "utf-8")
    for rel, text in HUGO_LAYOUTS.items():
        path = hugo_dir / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    pelican_dir.mkdir(parents=True)
    (pelican_dir / "pelicanconf.py").write_text(PELICAN_CONFIG.format(feed_size=FEED_SIZE), "utf-8")
    for name, text in PELICAN_TEMPLATES.items():
        path = pelican_dir / "theme" / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    (pelican_dir / "theme" / "static").mkdir()
    for lang in ("de", "fr"):
        (hugo_dir / "content" / lang).mkdir(parents=True)
        (pelican_dir / "content" / lang).mkdir(parents=True)
    files: dict[str, tuple[Path, Path]] = {}
    for slug in repo.source_slugs():
        de = read_release(repo.source_path(slug))
        fr = read_french_release(repo.target_path(slug))
        for lang, title, summary, body, own_slug, category in (
            ("de", de.title, de.summary, de.body, de.slug, de.category),
            ("fr", fr.title, fr.summary, fr.body, fr.slug, fr.category),
        ):
            hugo_front = [
                "---",
                f"title: {yaml_string(title)}",
                f"date: {de.date.isoformat()}",
                f"slug: {own_slug}",
                f"translationKey: {de.slug}",
                f"category: {yaml_string(category or '')}",
                f"summary: {yaml_string(summary or '')}",
                "---",
                "",
            ]
            (hugo_dir / "content" / lang / f"{own_slug}.md").write_text(
                "\n".join(hugo_front) + body, "utf-8"
            )
            pelican_meta = [
                f"Title: {title}",
                f"Date: {de.date.strftime('%Y-%m-%d %H:%M')}",
                f"Lang: {lang}",
                f"Slug: {de.slug}",  # one slug for both: Pelican's translation id
                f"Category: {category or 'Presse'}",
                f"Summary: {summary or ''}",
                "",
            ]
            (pelican_dir / "content" / lang / f"{de.slug}.md").write_text(
                "\n".join(pelican_meta) + "\n" + body, "utf-8"
            )
        files[slug] = (Path(de.slug), Path(fr.slug))
    return files


class Archive:
    """The three sites of one archive and how to build, clean and edit each."""

    def __init__(self, work: Path, repo_root: Path) -> None:
        self.repo_root = repo_root
        self.hugo = work / "hugo"
        self.pelican = work / "pelican"
        self.names = make_peers(repo_root, self.hugo, self.pelican)
        slugs = sorted(self.names)
        self.slug = slugs[len(slugs) // 2]  # the release the "one change" edits
        self.edits = 0
        self.out: dict[str, Path] = {}
        for tool in TOOLS:
            self.start_from_empty(tool, "first")

    def command(self, tool: str) -> list[str]:
        out = str(self.out[tool])
        if tool == "presse":
            return [str(BIN / "presse"), "--repo", str(self.repo_root), "build", "--out", out]
        if tool == "hugo":
            return ["hugo", "--source", str(self.hugo), "--destination", out, "--quiet"]
        return [
            str(BIN / "pelican"),
            str(self.pelican / "content"),
            "-o",
            out,
            "-s",
            str(self.pelican / "pelicanconf.py"),
            "-q",
        ]

    def start_from_empty(self, tool: str, name: str) -> None:
        """The next build goes into a new, empty folder, with every cache removed (see
        the note above measure())."""
        if tool == "presse":
            caches, folder = [self.repo_root / ".presse" / "cache"], self.repo_root
        elif tool == "hugo":
            caches, folder = [self.hugo / "resources"], self.hugo
        else:
            caches, folder = [self.pelican / "cache"], self.pelican
        for cache in caches:
            shutil.rmtree(cache, ignore_errors=True)
        self.out[tool] = folder / f"output-{name}"

    def commit(self) -> None:
        """The archive as an office keeps it: everything committed (once a git
        repository, then each edit)."""
        first = not (self.repo_root / ".git").exists()
        if first:
            (self.repo_root / ".gitignore").write_text(GITIGNORE, "utf-8")
            git(self.repo_root, "init", "--quiet")
        git(self.repo_root, "add", "-A")
        git(self.repo_root, "commit", "--quiet", "--allow-empty", "-m", f"edit {self.edits}")
        if first:
            # Packed now, as an office's remote is, rather than by the "git gc --auto"
            # that a commit of 20,000 loose objects starts in the background: it took a
            # core from the first fresh-clone build (20.6 s against 8.2 s in the next run).
            git(self.repo_root, "gc", "--quiet")

    def fresh_clone(self, name: str) -> Path:
        """A new clone of the archive, as CI makes one, its files older than the two
        seconds within which presse does not trust a file's stats (CI installs presse
        after cloning; see presse.store.cache.RACY_SECONDS)."""
        self.commit()
        folder = self.repo_root.parent / f"clone-{name}"
        git(self.repo_root.parent, "clone", "--quiet", str(self.repo_root), str(folder))
        time.sleep(RACY_SECONDS + 0.5)
        return folder

    def output_files(self, tool: str) -> int:
        return sum(1 for p in self.out[tool].rglob("*") if p.is_file())

    def edit(self) -> None:
        """Change one number in one German sentence and its French, in all three sites."""
        self.edits += 1
        repo = open_repository(self.repo_root)
        files = load_release_files(repo, self.slug)
        entries = [e for e in files.catalog.active if e.msgctxt is None]
        for entry in entries:
            de_numbers = NUMBER.findall(entry.msgid)
            fr_numbers = NUMBER.findall(entry.msgstr)
            both = [n for n in de_numbers if de_numbers.count(n) == 1 and fr_numbers.count(n) == 1]
            if both:
                break
        else:  # pragma: no cover - every release has numbers
            raise SystemExit(f"no sentence with a number to change in {self.slug}")
        old_number = both[0]
        new_number = str((int(old_number) + 1) % 90 + 10)
        old_de, old_fr = entry.msgid, entry.msgstr
        new_de = NUMBER.sub(
            lambda m: new_number if m.group(0) == old_number else m.group(0), old_de
        )
        new_fr = NUMBER.sub(
            lambda m: new_number if m.group(0) == old_number else m.group(0), old_fr
        )

        # presse: the German, extract (the French becomes a stale draft), the approved
        # French in the catalog (as a translator saves it in Poedit), approve.
        source = repo.source_path(self.slug)
        text = source.read_text("utf-8")
        assert text.count(old_de) == 1, old_de
        source.write_text(text.replace(old_de, new_de), "utf-8")
        extract(repo, [self.slug])
        catalog_path = repo.catalog_path(self.slug)
        files = load_release_files(repo, self.slug)
        for item in files.catalog.entries:
            if item.msgid == new_de and not item.obsolete:
                item.msgstr = new_fr
                item.flags = [f for f in item.flags if f != "fuzzy"]
                item.previous_msgid = None
                item.previous_msgctxt = None
        catalog_path.write_text(render_po(files.catalog), "utf-8")
        approve(repo, self.slug, "Jana Schulz")
        assert read_french_release(repo.target_path(self.slug)).body.count(new_fr) == 1

        # Hugo and Pelican: both Markdown files.
        de_name, fr_name = self.names[self.slug]
        for path, old, new in (
            (self.hugo / "content" / "de" / f"{de_name}.md", old_de, new_de),
            (self.hugo / "content" / "fr" / f"{fr_name}.md", old_fr, new_fr),
            (self.pelican / "content" / "de" / f"{de_name}.md", old_de, new_de),
            (self.pelican / "content" / "fr" / f"{de_name}.md", old_fr, new_fr),
        ):
            text = path.read_text("utf-8")
            assert text.count(old) == 1, (path, old)
            path.write_text(text.replace(old, new), "utf-8")


# Every full build writes into a new folder, and no output is deleted until the end.
# ext4 without a journal (as on the machines this runs on) passes over every inode freed
# in the last 60 seconds (360 while its inode block is dirty) when it allocates a new
# one, reading each one's inode block (fs/ext4/ialloc.c, recently_deleted): a build that
# starts right after 10,000 files were deleted spends seconds of kernel time on that scan
# (perf: most of its samples; 3.6 s of system time became 14 s at 5,000 releases). An
# earlier version of this benchmark removed the outputs and waited 65 s; the system time
# of the full builds still went from 2.9 s to 5.6 s from run to run. A build into a new
# folder is also what a fresh clone in CI does. The caches removed before a full build
# are a few dozen files.


def git(folder: Path, *args: str) -> str:
    # gc.auto=0: no git process left running in the background while builds are timed.
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    command = ["git", *identity, "-c", "gc.auto=0", *args]
    return subprocess.run(command, cwd=folder, check=True, capture_output=True, text=True).stdout


def measure_fresh_clone(archive: Archive, number: int) -> tuple[Run, Run]:
    """presse's build of a fresh clone, then the same build again; git status must
    stay clean (a build writes nothing git tracks)."""
    clone = archive.fresh_clone(f"run{number}")
    command = [str(BIN / "presse"), "--repo", str(clone), "build"]
    first = run_timed(command)
    again = run_timed(command)
    dirty = git(clone, "status", "--porcelain", "--untracked-files=all")
    assert dirty == "", f"presse build changed tracked files:\n{dirty[:2000]}"
    return first, again


def measure(
    archive: Archive, runs: int, tools: tuple[str, ...]
) -> dict[tuple[str, str], list[Run]]:
    results: dict[tuple[str, str], list[Run]] = {(s, t): [] for s in SCENARIOS for t in tools}
    results.update({(s, "presse"): [] for s in FRESH})
    for number in range(runs):
        order = tools[number % len(tools) :] + tools[: number % len(tools)]
        for scenario in SCENARIOS:
            if scenario == "one change":
                archive.edit()
            if scenario == "full":
                for tool in order:
                    archive.start_from_empty(tool, f"run{number + 1}")
            for tool in order:
                run = run_timed(archive.command(tool))
                results[(scenario, tool)].append(run)
                show(number, scenario, tool, run)
        for scenario, run in zip(FRESH, measure_fresh_clone(archive, number + 1), strict=True):
            results[(scenario, "presse")].append(run)
            show(number, scenario, "presse", run)
    return results


def show(number: int, scenario: str, tool: str, run: Run) -> None:
    print(
        f"run {number + 1} {scenario:>18} {tool:>7}: {run.seconds:7.2f} s "
        f"{run.max_rss_mb:6.0f} MB {run.user:6.2f} u {run.system:6.2f} s",
        flush=True,
    )


def report(
    count: int,
    results: dict[tuple[str, str], list[Run]],
    tools: tuple[str, ...],
    first: Run,
    files: dict[str, int],
    corpus_seconds: float | None,
    runs: int,
) -> str:
    def cell(scenario: str, tool: str) -> float:
        return median([r.seconds for r in results[(scenario, tool)]])

    def memory(scenario: str, tool: str) -> float:
        return max(r.max_rss_mb for r in results[(scenario, tool)])

    head = "| build | " + " | ".join(f"{t} (s)" for t in tools)
    head += (
        "".join(f" | presse/{t}" for t in tools[1:])
        + " | "
        + " | ".join(f"{t} peak MB" for t in tools)
        + " |"
    )
    lines = [head, "|" + " --- |" + " ---: |" * (len(tools) * 2 + len(tools) - 1)]
    for scenario in SCENARIOS + FRESH:
        peer = PEER_SCENARIO.get(scenario, scenario)
        row = [f"{cell(scenario, 'presse'):.2f}"]
        row += [f"({cell(peer, t):.2f})" if peer != scenario else f"{cell(peer, t):.2f}"
                for t in tools[1:]]  # fmt: skip
        row += [ratio(cell(scenario, "presse"), cell(peer, t)) for t in tools[1:]]
        row += [f"{memory(scenario, 'presse'):.0f}"] + [f"{memory(peer, t):.0f}" for t in tools[1:]]
        lines.append(f"| {scenario} | " + " | ".join(row) + " |")
    cpu_head = "| build | " + " | ".join(f"{t} user (s) | {t} system (s)" for t in tools) + " |"
    cpu_lines = [cpu_head, "|" + " --- |" + " ---: |" * (2 * len(tools))]
    for scenario in SCENARIOS:
        cpu = []
        for tool in tools:
            runs_of = results[(scenario, tool)]
            cpu += [f"{median([r.user for r in runs_of]):.2f}"]
            cpu += [f"{median([r.system for r in runs_of]):.2f}"]
        cpu_lines.append(f"| {scenario} | " + " | ".join(cpu) + " |")
    versions = (
        f"presse {version('presse')}, Hugo {hugo_version()}, Pelican {version('pelican')} "
        f"(Markdown {version('markdown')})"
    )
    made = f" (made in {corpus_seconds:.0f} s)" if corpus_seconds else ""
    output = ", ".join(f"{t} {files[t]:,}" for t in tools)
    return "\n".join(
        [
            f"### {count:,} releases ({2 * count:,} pages)",
            "",
            f"Measured on {today()}: {machine()}; {versions}.",
            f"`.venv/bin/python bench/build.py {count} --runs {runs}`: the archive"
            f"{made}, then {runs} runs, the tools alternating; medians of wall-clock"
            " seconds, peak memory the largest of the runs. Every full build goes into a"
            " new folder with the caches removed, and no output is deleted while the"
            " builds run (see the note above measure() in bench/build.py).",
            "",
            *lines,
            "",
            "**fresh clone**: `git clone` of the archive (committed after each edit), then"
            " `presse build`; **fresh clone, again**: the same build once more. Both"
            " against the peers' full and no-change builds of the same run (in"
            " brackets); `git status` is checked clean after both.",
            "",
            "CPU time of the same builds (medians; a tool and its workers, in user mode and"
            " in the kernel: creating the output's folders and files is kernel time):",
            "",
            *cpu_lines,
            "",
            f"presse's first build of the copied archive (no cache):"
            f" {first.seconds:.2f} s, {first.max_rss_mb:.0f} MB. Files in the output: {output}"
            " (the same pages, indexes and feeds; presse's partner kit is off for the"
            " comparison and measured below).",
        ]
    )


def without_partner(config: str) -> str:
    """presse.yaml without its ``partner:`` section (no republication kit is built)."""
    return re.sub(r"^partner:\n(?:[ \t]+.*\n|\n)*", "", config, flags=re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of releases")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="an archive made by bench/corpus.py (copied)")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()
    tools = tuple(t for t in TOOLS if t in args.tools.split(","))
    assert tools and tools[0] == "presse", "presse is always measured"
    with tempfile.TemporaryDirectory(prefix="presse-bench-", dir=args.work) as tmp:
        work = Path(tmp)
        repo_root = work / "presse"
        corpus_seconds = None
        if args.corpus:
            shutil.copytree(
                args.corpus, repo_root, ignore=shutil.ignore_patterns("site", ".presse")
            )
        else:
            start = time.perf_counter()
            make_corpus(args.count, repo_root)
            corpus_seconds = time.perf_counter() - start
            print(f"corpus: {args.count:,} releases in {corpus_seconds:.1f} s", flush=True)
        # The peers build pages, indexes and feeds; so does presse here. Its partner kit
        # (four more files per French release) is measured once on its own, at the end.
        config = repo_root / "presse.yaml"
        with_partner = config.read_text("utf-8")
        config.write_text(without_partner(with_partner), "utf-8")
        archive = Archive(work, repo_root)
        first = run_timed(archive.command("presse"))
        print(
            f"presse first build: {first.seconds:.2f} s",
            flush=True,
        )
        # The archive was just copied: files that fresh are not trusted by a build's
        # fingerprint (presse.store.cache.RACY_SECONDS), so the next build of nothing
        # changed would not be recognised as one. An office's next build comes later.
        time.sleep(RACY_SECONDS + 0.5)
        results = measure(archive, args.runs, tools)
        files = {t: archive.output_files(t) for t in tools}
        config.write_text(with_partner, "utf-8")
        archive.start_from_empty("presse", "kit")
        kit = run_timed(archive.command("presse"))
        kit_files = archive.output_files("presse")
        print(f"presse full build with the partner kit: {kit.seconds:.2f} s", flush=True)
        text = report(
            args.count,
            results,
            tools,
            first,
            files,
            corpus_seconds,
            args.runs,
        )
        text += (
            f"\n\nWith the partner kit switched on (`partner:` in presse.yaml), a full"
            f" build from empty writes {kit_files:,} files in {kit.seconds:.2f} s,"
            f" {kit.max_rss_mb:.0f} MB."
        )
    print()
    print(text)
    if not args.no_write:
        write_section(f"build-{args.count}", text)


if __name__ == "__main__":
    main()
