"""``presse glossary`` on the example repository, as a press office would run it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polib
from lxml import etree

from presse.documents.review_state import parse_review


def catalog_of(repo: Path) -> Path:
    return next((repo / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))


def test_the_approved_example_has_no_violation(example_repo: Path, run_presse) -> None:
    result = run_presse("--repo", str(example_repo), "glossary", "check", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_a_wrong_term_in_the_french_is_reported(example_repo: Path, run_presse) -> None:
    path = catalog_of(example_repo)
    po = polib.pofile(str(path))
    entry = next(e for e in po if "Technische Universität" in e.msgid)
    entry.msgstr = entry.msgstr.replace(
        "Université de technologie de Belfort-Montbéliard",
        "Université technique de Belfort-Montbéliard",
    )
    po.save(str(path))
    result = run_presse("--repo", str(example_repo), "glossary", "check", "--json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert {f["german"] for f in findings} == {entry.msgid}
    assert any("Université technique" in f["message"] for f in findings)
    status = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
    assert status[0]["state"] != "ready" and status[0]["state"] != "approved"
    assert any("blocking finding" in b for b in status[0]["blockers"])


def test_a_dismissed_violation_no_longer_blocks(example_repo: Path, run_presse) -> None:
    path = catalog_of(example_repo)
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("Landrat Martin Skiebe verwies"))
    entry.msgstr = entry.msgstr.replace("Le Landrat", "Le président de l'arrondissement")
    entry.flags = []
    po.save(str(path))
    assert run_presse("--repo", str(example_repo), "glossary", "check").exit_code == 1
    slug = path.stem
    segment = json.loads(
        run_presse("--repo", str(example_repo), "glossary", "check", "--json").stdout
    )[0]["segment"]
    result = run_presse(
        "--repo",
        str(example_repo),
        "dismiss",
        slug,
        segment,
        "glossary",
        "--reason",
        "Le titre est expliqué dans la phrase précédente.",
        "--by",
        "Jana Schulz",
    )
    assert result.exit_code == 0, result.output
    assert run_presse("--repo", str(example_repo), "glossary", "check").exit_code == 0
    review_path = example_repo / "releases" / "fr" / f"{slug}.review.yaml"
    review = parse_review(review_path.read_text("utf-8"), review_path, slug)
    dismissed = review.segments[segment].dismissed
    assert dismissed[0]["by"] == "Jana Schulz"
    assert dismissed[0]["reason"].startswith("Le titre")


def test_exports_read_back(example_repo: Path, run_presse) -> None:
    def export(fmt: str) -> str:
        result = run_presse("--repo", str(example_repo), "glossary", "export", "--format", fmt)
        assert result.exit_code == 0, result.output
        return result.stdout

    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    assert {"source", "target"} <= set(rows[0])
    assert any(
        r["source"] == "Landkreis Harz" and r["target"] == "arrondissement de Harz" for r in rows
    )
    pairs = dict(line.split("\t") for line in export("deepl").splitlines())
    assert pairs["Landkreises Harz"] == "arrondissement de Harz"
    tree = etree.fromstring(export("tbx").encode("utf-8"))
    terms = [t.text for t in tree.iter("{*}term", "term")]
    assert "Landkreis Harz" in terms and "arrondissement de Harz" in terms


def test_list_and_suggest(example_repo: Path, run_presse) -> None:
    listed = json.loads(
        run_presse("--repo", str(example_repo), "glossary", "list", "--json").stdout
    )
    assert {"de": "Landrat", "fr": "Landrat"}.items() <= next(
        t for t in listed if t["de"] == "Landrat"
    ).items()
    result = run_presse("--repo", str(example_repo), "glossary", "suggest", "--json")
    suggested = [c["text"] for c in json.loads(result.stdout)]
    assert "Martin Skiebe" in suggested
    assert "Landkreis Harz" not in suggested


def test_suggestions_from_many_releases_in_workers(office_repo: Path, run_presse) -> None:  # type: ignore[no-untyped-def]
    from release_helpers import many_releases

    from presse.documents.catalog import release_segments
    from presse.documents.release import read_release
    from presse.glossary.load import load_glossary
    from presse.glossary.suggest import suggest

    slugs = many_releases(office_repo, 60)  # above the threshold for worker processes
    result = run_presse("--repo", str(office_repo), "glossary", "suggest", "--json")
    assert result.exit_code == 0, result.output
    # One release after the other, in this process: the same candidates, same examples.
    folder = office_repo / "releases" / "de"
    texts = [
        s.msgid for slug in slugs for s in release_segments(read_release(folder / f"{slug}.md"))
    ]
    expected = suggest(texts, load_glossary(office_repo / "glossary.yaml"), 30)
    assert json.loads(result.stdout) == [vars(c) for c in expected]
    assert json.loads(result.stdout)  # the releases do name things the glossary lacks
