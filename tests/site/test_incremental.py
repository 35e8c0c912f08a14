"""Rebuilds: nothing changed writes nothing; one changed release rewrites only what shows it."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from site_fixture import APPROVED, CORRECTED, NOW, UNAPPROVED, build, load_pairs

from presse.documents.french import read_french_release, write_french_release
from presse.site import PagePair, build_site


def test_second_build_writes_nothing(tmp_path: Path) -> None:
    first = build(tmp_path)
    assert first.summary.written and first.summary.unchanged == 0
    stamps = {p: p.stat().st_mtime_ns for p in first.out.rglob("*") if p.is_file()}
    second = build(tmp_path, repo=first.repo)
    assert second.summary.written == [] and second.summary.removed == []
    assert second.summary.unchanged == len(first.summary.written)
    assert {p: p.stat().st_mtime_ns for p in first.out.rglob("*") if p.is_file()} == stamps


def test_one_changed_release_rewrites_only_what_shows_it(
    tmp_path: Path,
) -> None:
    first = build(tmp_path)
    path = first.repo.target_path(APPROVED)
    fr = read_french_release(path)
    write_french_release(path, fr.with_body(fr.body + "\nUne phrase ajoutée.\n"))
    second = build(tmp_path, repo=first.repo)
    written = {p.relative_to(first.out).as_posix() for p in second.summary.written}
    fr_slug = fr.slug
    assert written == {
        f"fr/{fr_slug}/index.html",
        "fr/feed.xml",
        f"partner/{fr_slug}.html",
        f"partner/{fr_slug}.md",
        f"partner/{fr_slug}.txt",
        f"partner/{fr_slug}.json",
        f"partner/{fr_slug}.ninjs.json",
        "partner/feed.xml",
    }
    # A change the German page and the indexes show: the title.
    write_french_release(path, replace(fr, title="Le budget 2017 est adopté"))
    third = build(tmp_path, repo=first.repo)
    written = {p.relative_to(first.out).as_posix() for p in third.summary.written}
    assert {
        f"de/{APPROVED}/index.html",
        f"fr/{fr_slug}/index.html",
        "fr/index.html",
        "fr/feed.xml",
    } - written == set()
    # The sitemap lists URLs and dates only: a new title leaves it as it was.
    assert "sitemap.xml" not in written
    assert not any(CORRECTED in w or "relie-les-villes" in w for w in written)
    assert "de/page/2/index.html" not in written and "fr/page/2/index.html" not in written


def test_pages_no_longer_made_are_removed(tmp_path: Path) -> None:
    first = build(tmp_path)
    fr_page = first.page(APPROVED, "fr")
    pairs = [
        PagePair(de=p.de, fr=None, held_reason="withdrawn") if p.de.slug == APPROVED else p
        for p in load_pairs(first.repo)
    ]
    summary = build_site(first.repo, pairs, first.out, now=NOW)
    assert fr_page in summary.removed and not fr_page.exists()
    assert not fr_page.parent.exists()
    manifest = json.loads((first.out / ".presse-build.json").read_text(encoding="utf-8"))
    assert not any(APPROVED in rel for rel in manifest["files"] if rel.startswith("fr/"))
    assert set(summary.pages[APPROVED]) == {"de"}
    assert (APPROVED, "withdrawn") in summary.held_back
    assert UNAPPROVED in summary.pages


def test_a_template_change_rewrites_the_pages(tmp_path: Path) -> None:
    first = build(tmp_path)
    footer = first.repo.templates_dir / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- new -->\n", encoding="utf-8")
    second = build(tmp_path, repo=first.repo)
    assert first.page(APPROVED, "de") in second.summary.written
    assert "<!-- new -->" in first.page(APPROVED, "de").read_text(encoding="utf-8")


def test_files_not_made_by_presse_are_left_alone(tmp_path: Path) -> None:
    first = build(tmp_path)
    own = first.out / "CNAME"
    own.write_text("presse.example.org\n", encoding="utf-8")
    build(tmp_path, repo=first.repo)
    assert own.exists()


def test_rendered_bodies_are_kept_for_builds_into_an_existing_site(tmp_path: Path) -> None:
    # A build from empty has nothing to reuse and keeps nothing (a fresh clone in CI
    # throws its cache away)...
    first = build(tmp_path)
    bodies = first.repo.cache_dir / "site" / "bodies.sqlite"
    assert not bodies.exists()
    # ...a build into the site it made keeps what it renders for the next one...
    footer = first.repo.templates_dir / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- new -->\n", encoding="utf-8")
    build(tmp_path, repo=first.repo)
    assert bodies.exists()
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- newer -->\n", encoding="utf-8")
    build(tmp_path, repo=first.repo)
    kept = {lang: first.page(APPROVED, lang).read_text(encoding="utf-8") for lang in ("de", "fr")}
    assert "<!-- newer -->" in kept["fr"]
    # ...and the pages made with kept bodies are those a build from empty makes.
    shutil.rmtree(first.out)
    shutil.rmtree(first.repo.cache_dir / "site")
    build(tmp_path, repo=first.repo)
    assert {lang: first.page(APPROVED, lang).read_text(encoding="utf-8") for lang in kept} == kept
