"""Release states through the command line: new → … → approved → stale, and approve."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml
from click.testing import Result
from release_helpers import many_releases
from tree_helpers import snapshot as _snapshot

from presse.documents.catalog import segment_id, text_hash
from presse.steps.open import open_repository
from presse.steps.review import confirm

RunPresse = Callable[..., Result]
CATALOG_DATA = Path(__file__).resolve().parent / "data" / "catalog"
SLUG = "2016-10-01-tag-der-offenen-tuer-im-kreishaus"
# The French of every segment of the open-day release, by (msgctxt, msgid).
FRENCH = {
    ("title", "Tag der offenen Tür im Kreishaus"): "Journée portes ouvertes à l’arrondissement",
    (
        "summary",
        "Der Landkreis Harz lädt alle Bürgerinnen und Bürger in das Kreishaus ein.",
    ): "L’arrondissement du Harz invite tous les citoyens à la maison de l’arrondissement.",
    (None, "Am Samstag öffnet das Kreishaus in Halberstadt seine Türen."): (
        "Samedi, la maison de l’arrondissement ouvre ses portes à Halberstadt."
    ),
    (None, "Besucher können alle Ämter kennenlernen."): (
        "Les visiteurs peuvent découvrir tous les services."
    ),
    (None, "Der Eintritt ist frei."): "L’entrée est libre.",
    (None, "Programm"): "Programme",
    (None, "Um zehn Uhr begrüßt der Landrat die Gäste."): (
        "À dix heures, le Landrat accueille les invités."
    ),
    (None, "Danach stellen sich die Ämter vor."): "Ensuite, les services se présentent.",
    (None, "Für Kinder gibt es ein eigenes Programm mit Spielen und Musik."): (
        "Un programme avec des jeux et de la musique est prévu pour les enfants."
    ),
    ("occurrence 2", "Der Eintritt ist frei."): "L’entrée est libre.",
    (None, "Parkplätze gibt es in der Friedrich-Ebert-Straße."): (
        "Des places de stationnement sont disponibles dans la Friedrich-Ebert-Straße."
    ),
}
LAST = (None, "Parkplätze gibt es in der Friedrich-Ebert-Straße.")


def status_of(run_presse: RunPresse, root: Path) -> dict:
    result = run_presse("--repo", str(root), "status", "--json", SLUG)
    assert result.exit_code == 0, result.output
    [status] = json.loads(result.output)
    return status


def translate(root: Path, key: tuple[str | None, str], by: str = "Anne Roux") -> None:
    confirm(open_repository(root), SLUG, segment_id(*key), FRENCH[key], by)


def machine_draft(root: Path, key: tuple[str | None, str], french: str) -> None:
    """An engine's draft: fuzzy in the PO, ``machine`` in the review file."""
    po_path = root / "locale" / "fr" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = polib.pofile(str(po_path), wrapwidth=79)
    [entry] = [e for e in catalog if (e.msgctxt, e.msgid) == key and not e.obsolete]
    entry.msgstr, entry.flags = french, ["fuzzy"]
    catalog.save()
    review = root / "releases" / "fr" / f"{SLUG}.review.yaml"
    data = yaml.safe_load(review.read_text("utf-8"))
    data["segments"][segment_id(*key)] = {
        "state": "machine",
        "text": key[1],
        "fr_hash": text_hash(french),
        "origin": {"engine": "deepl"},
    }
    review.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def repo(office_repo: Path) -> Path:
    shutil.copy(CATALOG_DATA / f"{SLUG}.md", office_repo / "releases" / "de" / f"{SLUG}.md")
    return office_repo


def test_status_json_fields_of_a_new_release(repo: Path, run_presse: RunPresse) -> None:
    before = snapshot_state(repo)
    status = status_of(run_presse, repo)
    assert snapshot_state(repo) == before  # status writes nothing but its cache
    expected = {
        "slug": SLUG,
        "title": "Tag der offenen Tür im Kreishaus",
        "date": "2016-10-01T10:00:00+02:00",
        "state": "new",
        "segments": {"untranslated": 11, "machine": 0, "memory": 0, "stale": 0, "translated": 0},
        "blockers": ["11 segment(s) untranslated"],
        "problems": {},
        "approved_by": None,
    }
    assert {key: status[key] for key in expected} == expected


def test_a_release_goes_from_new_to_approved_to_stale(repo: Path, run_presse: RunPresse) -> None:
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    assert status_of(run_presse, repo)["state"] == "new"

    keys = list(FRENCH)
    translate(repo, keys[0])
    status = status_of(run_presse, repo)
    assert status["state"] == "in translation"
    assert status["segments"]["translated"] == 1 and status["segments"]["untranslated"] == 10

    for key in keys[1:]:
        if key != LAST:
            translate(repo, key)
    machine_draft(repo, LAST, "Parking dans la Friedrich-Ebert-Straße.")
    status = status_of(run_presse, repo)
    assert status["state"] == "in review"
    assert status["segments"]["machine"] == 1
    assert status["blockers"] == ["1 segment(s) with a machine draft to review"]

    refused = run_presse("--repo", str(repo), "approve", SLUG, "--by", "Claire Weber")
    assert refused.exit_code == 1
    assert "cannot approve" in refused.stderr and "machine draft" in refused.stderr
    assert not (repo / "releases" / "fr" / f"{SLUG}.md").exists()

    translate(repo, LAST, by="Luc Girard")
    status = status_of(run_presse, repo)
    assert status["state"] == "ready" and status["blockers"] == []

    approved = run_presse("--repo", str(repo), "approve", SLUG, "--by", "Claire Weber")
    assert approved.exit_code == 0, approved.output
    assert "Approved by Claire Weber" in approved.output
    status = status_of(run_presse, repo)
    # Approved and under no embargo: every build publishes it.
    assert status["state"] == "published" and status["approved_by"] == "Claire Weber"
    french = (repo / "releases" / "fr" / f"{SLUG}.md").read_text("utf-8")
    assert "Journée portes ouvertes à l’arrondissement" in french
    assert "À dix heures, le Landrat accueille les invités." in french

    source = repo / "releases" / "de" / f"{SLUG}.md"
    source.write_text(
        source.read_text("utf-8").replace("Um zehn Uhr", "Um elf Uhr"), encoding="utf-8"
    )
    status = status_of(run_presse, repo)
    assert status["state"] == "stale"
    assert status["blockers"][0].startswith("changed after approval by Claire Weber on ")
    assert status["segments"]["stale"] == 1
    assert status["approved_by"] == "Claire Weber"

    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    review = yaml.safe_load((repo / "releases" / "fr" / f"{SLUG}.review.yaml").read_text("utf-8"))
    approvals = [e for e in review["events"] if e["event"] == "approved"]
    assert [e["by"] for e in approvals] == ["Claire Weber"]
    assert review["approval"]["by"] == "Claire Weber"
    assert status_of(run_presse, repo)["state"] == "stale"

    again = run_presse("--repo", str(repo), "approve", SLUG, "--by", "Claire Weber")
    assert again.exit_code == 1
    assert "stale" in again.stderr


def test_approve_is_refused_with_the_reasons(repo: Path, run_presse: RunPresse) -> None:
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    translate(repo, next(iter(FRENCH)))
    before = snapshot_state(repo)
    result = run_presse("--repo", str(repo), "approve", SLUG, "--by", "Claire Weber")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"cannot approve '{SLUG}' (it is in translation)" in lines[0]
    assert "10 segment(s) untranslated" in lines[0]
    assert snapshot_state(repo) == before


def test_a_front_matter_change_after_approval_can_be_approved_again(
    repo: Path, run_presse: RunPresse
) -> None:
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    for key in FRENCH:
        translate(repo, key)
    assert run_presse("--repo", str(repo), "approve", SLUG, "--by", "Claire Weber").exit_code == 0
    source = repo / "releases" / "de" / f"{SLUG}.md"
    source.write_text(
        source.read_text("utf-8").replace("category: Presseinfos", "category: Termine"),
        encoding="utf-8",
    )
    status = status_of(run_presse, repo)
    assert status["state"] == "stale"
    assert status["segments"]["translated"] == 11
    result = run_presse("--repo", str(repo), "approve", SLUG, "--by", "Luc Girard")
    assert result.exit_code == 0, result.output
    assert status_of(run_presse, repo)["approved_by"] == "Luc Girard"
    review = yaml.safe_load((repo / "releases" / "fr" / f"{SLUG}.review.yaml").read_text("utf-8"))
    events = [(e["event"], e.get("by")) for e in review["events"]]
    assert ("approved", "Claire Weber") in events
    assert ("approval superseded", "Claire Weber") in events
    assert events[-1] == ("approved", "Luc Girard")


def test_status_sees_an_edit_to_the_german_at_once(repo: Path, run_presse: RunPresse) -> None:
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    assert status_of(run_presse, repo)["segments"]["untranslated"] == 11
    source = repo / "releases" / "de" / f"{SLUG}.md"
    source.write_text(
        source.read_text("utf-8").replace("Musik.", "Musik. Es gibt Kuchen."), encoding="utf-8"
    )
    assert status_of(run_presse, repo)["segments"]["untranslated"] == 12


def test_status_text_output(repo: Path, run_presse: RunPresse) -> None:
    result = run_presse("--repo", str(repo), "status")
    assert result.exit_code == 0, result.output
    assert SLUG in result.output and "new" in result.output
    assert "11 untranslated" in result.output
    assert "blocks publication: 11 segment(s) untranslated" in result.output


def snapshot_state(root: Path) -> dict[str, tuple[bytes, int]]:
    return _snapshot(root, skip_local_state=True)


def test_a_cold_status_of_many_releases_in_workers_equals_one_at_a_time(
    office_repo: Path, run_presse: RunPresse
) -> None:
    slugs = many_releases(office_repo, 60)  # above the threshold for worker processes
    # One release in translation, the others new.
    repository = open_repository(office_repo)
    confirm(repository, slugs[7], segment_id(None, "Der Eintritt ist frei."), "Gratuit.", "A")
    together = run_presse("--repo", str(office_repo), "status", "--json")
    assert together.exit_code == 0, together.output
    shutil.rmtree(office_repo / ".presse" / "cache")
    alone = [
        json.loads(run_presse("--repo", str(office_repo), "status", "--json", slug).output)[0]
        for slug in slugs
    ]
    assert json.loads(together.output) == alone
    assert {s["state"] for s in alone} == {"new", "in translation"}


def test_a_review_file_with_an_alias_bomb_is_one_error_not_a_hang(
    example_repo: Path, run_presse: RunPresse
) -> None:
    from test_yamlsrc import alias_bomb

    review = next((example_repo / "releases" / "fr").glob("*.review.yaml"))
    before = review.read_text("utf-8")
    review.write_text(before + "\n" + alias_bomb(), "utf-8")
    result = run_presse("--repo", str(example_repo), "status")
    assert result.exit_code == 1
    line = before.count("\n") + 2  # the bomb's first alias
    assert result.stderr.strip().startswith(f"{review}:")
    assert "anchors and aliases" in result.stderr and int(result.stderr.split(":")[1]) >= line
    assert review.read_text("utf-8") == before + "\n" + alias_bomb()
