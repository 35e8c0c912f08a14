"""``presse extract``: one PO entry per segment, and the promise to translators.

Every test goes through the command line, plays the translator with
``presse.steps.review.confirm`` (as the review page does), edits the German file as the
press office would, and looks at the PO and review files a user would open.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml
from click.testing import Result
from tree_helpers import snapshot as _snapshot

from presse.documents.catalog import segment_id
from presse.steps.open import open_repository
from presse.steps.review import confirm

RunPresse = Callable[..., Result]
PROJECT_ROOT = Path(__file__).resolve().parent.parent  # as in conftest.py
CATALOG_DATA = PROJECT_ROOT / "tests" / "data" / "catalog"
EXAMPLE_SLUG = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
OPEN_DAY = "2016-10-01-tag-der-offenen-tuer-im-kreishaus"


# ---------------------------------------------------------------- helpers


def po_path(root: Path, slug: str) -> Path:
    return root / "locale" / "fr" / "LC_MESSAGES" / f"{slug}.po"


def review_path(root: Path, slug: str) -> Path:
    return root / "releases" / "fr" / f"{slug}.review.yaml"


def source_path(root: Path, slug: str) -> Path:
    return root / "releases" / "de" / f"{slug}.md"


def read_po(root: Path, slug: str) -> polib.POFile:
    return polib.pofile(po_path(root, slug).read_text("utf-8"))


def active_entries(root: Path, slug: str) -> list[polib.POEntry]:
    return [e for e in read_po(root, slug) if not e.obsolete]


def active(root: Path, slug: str, msgid: str, msgctxt: str | None = None) -> polib.POEntry:
    found = [e for e in active_entries(root, slug) if e.msgid == msgid and e.msgctxt == msgctxt]
    assert len(found) == 1, f"no single active entry for {msgid!r}"
    return found[0]


def obsolete(root: Path, slug: str) -> list[polib.POEntry]:
    return read_po(root, slug).obsolete_entries()


def record(root: Path, slug: str, msgid: str, msgctxt: str | None = None) -> dict:
    data = yaml.safe_load(review_path(root, slug).read_text("utf-8"))
    return data["segments"][segment_id(msgctxt, msgid)]


def extract(run_presse: RunPresse, root: Path, *slugs: str) -> Result:
    result = run_presse("--repo", str(root), "extract", *slugs)
    assert result.exit_code == 0, result.output
    return result


def translate(root: Path, slug: str, msgid: str, french: str, by: str = "Anne Roux") -> None:
    """A translator writes and confirms the French of one segment (as on the review page)."""
    confirm(open_repository(root), slug, segment_id(None, msgid), french, by)


def edit_german(root: Path, slug: str, old: str, new: str) -> None:
    path = source_path(root, slug)
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def open_day(office_repo: Path, run_presse: RunPresse) -> Path:
    """A repository with the open-day release (summary, heading, a repeated sentence)."""
    shutil.copy(CATALOG_DATA / f"{OPEN_DAY}.md", source_path(office_repo, OPEN_DAY))
    extract(run_presse, office_repo)
    return office_repo


@pytest.fixture
def imported(office_repo: Path, run_presse: RunPresse, example_export: Path) -> Path:
    """``presse init`` + ``presse import`` of the office's CMS export of 8 September 2016."""
    result = run_presse("--repo", str(office_repo), "import", str(example_export))
    assert result.exit_code == 0, result.output
    return office_repo


# ---------------------------------------------------------------- extract


def test_extract_writes_one_entry_per_segment_in_document_order(
    imported: Path, run_presse: RunPresse
) -> None:
    extract(run_presse, imported)
    german = source_path(imported, EXAMPLE_SLUG).read_text("utf-8")
    german_lines = german.splitlines()
    entries = active_entries(imported, EXAMPLE_SLUG)
    assert len(entries) == 19
    assert entries[0].msgctxt == "title"
    assert (
        entries[0].msgid == "Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort"
    )
    assert entries[1].msgid.startswith("Eine offizielle Delegation aus dem Landkreis Harz")
    assert entries[-1].msgid.startswith("Die französischen Jugendlichen aus der Partnerregion")
    body = german.split("---", 2)[2]
    positions = [body.find(e.msgid) for e in entries[1:]]
    assert -1 not in positions and positions == sorted(positions)
    assert all(e.msgctxt is None for e in entries[1:])
    for entry in entries:
        [(path, line)] = entry.occurrences
        assert path == f"releases/de/{EXAMPLE_SLUG}.md"
        assert entry.msgid[:40] in german_lines[int(line) - 1], (entry.msgid, line)
        assert entry.msgstr == "" and not entry.fuzzy


def test_extract_header(imported: Path, run_presse: RunPresse) -> None:
    extract(run_presse, imported)
    text = po_path(imported, EXAMPLE_SLUG).read_text("utf-8")
    metadata = polib.pofile(text).metadata
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert metadata["Language"] == "fr"
    assert metadata["X-Source-File"] == f"releases/de/{EXAMPLE_SLUG}.md"
    assert text.startswith("# French translation of releases/de/")


def test_contexts_only_for_title_summary_and_a_repeated_sentence(open_day: Path) -> None:
    entries = active_entries(open_day, OPEN_DAY)
    contexts = {(e.msgctxt, e.msgid) for e in entries if e.msgctxt}
    assert contexts == {
        ("title", "Tag der offenen Tür im Kreishaus"),
        ("summary", "Der Landkreis Harz lädt alle Bürgerinnen und Bürger in das Kreishaus ein."),
        ("occurrence 2", "Der Eintritt ist frei."),
    }
    assert [e.msgid for e in entries[:3]] == [
        "Tag der offenen Tür im Kreishaus",
        "Der Landkreis Harz lädt alle Bürgerinnen und Bürger in das Kreishaus ein.",
        "Am Samstag öffnet das Kreishaus in Halberstadt seine Türen.",
    ]
    lines = {(e.msgctxt, e.msgid): e.occurrences[0][1] for e in entries}
    assert lines[("summary", entries[1].msgid)] == "5"
    # a sentence on the second line of a paragraph points at that line
    assert lines[(None, "Besucher können alle Ämter kennenlernen.")] == "9"
    assert lines[(None, "Der Eintritt ist frei.")] == "9"
    assert lines[("occurrence 2", "Der Eintritt ist frei.")] == "16"
    assert lines[(None, "Programm")] == "11"


def test_a_second_extract_rewrites_nothing(imported: Path, run_presse: RunPresse) -> None:
    extract(run_presse, imported)
    translate(
        imported,
        EXAMPLE_SLUG,
        "Landrat Martin Skiebe verwies auf die vielen Berührungspunkte der beiden Regionen.",
        "Le Landrat Martin Skiebe a souligné les nombreux points communs des deux régions.",
    )
    before = snapshot_state(imported)
    assert po_path(imported, EXAMPLE_SLUG).name in " ".join(before)
    result = extract(run_presse, imported)
    assert "up to date" in result.output
    assert snapshot_state(imported) == before


def test_extract_json_reports_what_changed(open_day: Path, run_presse: RunPresse) -> None:
    edit_german(open_day, OPEN_DAY, "Musik.", "Musik.\nAuch Eltern sind willkommen.")
    result = run_presse("--repo", str(open_day), "extract", "--json")
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    assert report["slug"] == OPEN_DAY
    assert report["changes"] == {"new": 1}
    assert sorted(report["written"]) == [
        f"locale/fr/LC_MESSAGES/{OPEN_DAY}.po",
        f"releases/fr/{OPEN_DAY}.review.yaml",
    ]


# ---------------------------------------------------------------- the promise to translators

GREETING = "Um zehn Uhr begrüßt der Landrat die Gäste."
GREETING_FR = "À dix heures, le Landrat accueille les invités."
PARKING = "Parkplätze gibt es in der Friedrich-Ebert-Straße."
PARKING_FR = "Des places de stationnement sont disponibles dans la Friedrich-Ebert-Straße."
AFTER = "Danach stellen sich die Ämter vor."
AFTER_FR = "Ensuite, les services se présentent."


def test_an_unchanged_sentence_keeps_its_translation_when_its_paragraph_moves(
    open_day: Path, run_presse: RunPresse
) -> None:
    translate(open_day, OPEN_DAY, GREETING, GREETING_FR)
    translate(open_day, OPEN_DAY, PARKING, PARKING_FR)
    path = source_path(open_day, OPEN_DAY)
    text = path.read_text("utf-8")
    moved = "Der Eintritt ist frei. Parkplätze gibt es in der Friedrich-Ebert-Straße.\n"
    text = text.replace("\n" + moved, "").replace("## Programm", moved + "\n## Programm")
    path.write_text(text, encoding="utf-8")
    extract(run_presse, open_day)

    for german, french in ((GREETING, GREETING_FR), (PARKING, PARKING_FR)):
        entry = active(open_day, OPEN_DAY, german)
        assert entry.msgstr == french and not entry.fuzzy
        assert record(open_day, OPEN_DAY, german)["state"] == "translated"
        assert record(open_day, OPEN_DAY, german)["by"] == "Anne Roux"
    lines = path.read_text("utf-8").splitlines()
    assert PARKING in lines[int(active(open_day, OPEN_DAY, PARKING).occurrences[0][1]) - 1]
    assert GREETING in lines[int(active(open_day, OPEN_DAY, GREETING).occurrences[0][1]) - 1]
    assert obsolete(open_day, OPEN_DAY) == []


def test_a_changed_sentence_keeps_the_old_translation_as_a_stale_draft(
    open_day: Path, run_presse: RunPresse
) -> None:
    translate(open_day, OPEN_DAY, GREETING, GREETING_FR)
    edit_german(open_day, OPEN_DAY, "Um zehn Uhr", "Um elf Uhr")
    result = extract(run_presse, open_day)
    assert "1 changed" in result.output

    changed = active(open_day, OPEN_DAY, "Um elf Uhr begrüßt der Landrat die Gäste.")
    assert changed.fuzzy
    assert changed.previous_msgid == GREETING
    assert changed.msgstr == GREETING_FR
    text = po_path(open_day, OPEN_DAY).read_text("utf-8")
    assert f'#| msgid "{GREETING}"' in text
    assert [(e.msgid, e.msgstr) for e in obsolete(open_day, OPEN_DAY)] == [(GREETING, GREETING_FR)]
    assert f'#~ msgid "{GREETING}"\n#~ msgstr "{GREETING_FR}"' in text
    state = record(open_day, OPEN_DAY, "Um elf Uhr begrüßt der Landrat die Gäste.")
    assert state["state"] == "stale"
    assert state["previous"]["de"] == GREETING and state["previous"]["fr"] == GREETING_FR

    status = json.loads(run_presse("--repo", str(open_day), "status", "--json").output)
    assert status[0]["segments"]["stale"] == 1


def test_a_deleted_sentence_becomes_obsolete_and_stays_in_the_file(
    open_day: Path, run_presse: RunPresse
) -> None:
    translate(open_day, OPEN_DAY, AFTER, AFTER_FR)
    edit_german(open_day, OPEN_DAY, " " + AFTER, "")
    extract(run_presse, open_day)
    assert AFTER not in [e.msgid for e in active_entries(open_day, OPEN_DAY)]
    assert [(e.msgid, e.msgstr) for e in obsolete(open_day, OPEN_DAY)] == [(AFTER, AFTER_FR)]
    assert record(open_day, OPEN_DAY, AFTER)["obsolete"] is True


def test_a_deleted_untranslated_sentence_leaves_no_trace(
    open_day: Path, run_presse: RunPresse
) -> None:
    edit_german(open_day, OPEN_DAY, " " + AFTER, "")
    extract(run_presse, open_day)
    assert AFTER not in po_path(open_day, OPEN_DAY).read_text("utf-8")
    assert segment_id(None, AFTER) not in review_path(open_day, OPEN_DAY).read_text("utf-8")


def test_a_new_sentence_is_untranslated(open_day: Path, run_presse: RunPresse) -> None:
    translate(open_day, OPEN_DAY, GREETING, GREETING_FR)
    new = "Kaffee und Kuchen gibt es im Foyer."
    edit_german(open_day, OPEN_DAY, GREETING, f"{GREETING} {new}")
    extract(run_presse, open_day)
    entry = active(open_day, OPEN_DAY, new)
    assert entry.msgstr == "" and not entry.fuzzy
    assert record(open_day, OPEN_DAY, new)["state"] == "untranslated"
    assert active(open_day, OPEN_DAY, GREETING).msgstr == GREETING_FR


def test_a_deleted_then_readded_sentence_gets_its_translation_back(
    open_day: Path, run_presse: RunPresse
) -> None:
    translate(open_day, OPEN_DAY, AFTER, AFTER_FR, by="Luc Girard")
    edit_german(open_day, OPEN_DAY, " " + AFTER, "")
    extract(run_presse, open_day)
    edit_german(open_day, OPEN_DAY, "die Gäste.", "die Gäste. " + AFTER)
    extract(run_presse, open_day)
    entry = active(open_day, OPEN_DAY, AFTER)
    assert entry.msgstr == AFTER_FR and not entry.fuzzy
    state = record(open_day, OPEN_DAY, AFTER)
    assert state["state"] == "translated" and state["by"] == "Luc Girard"
    assert "obsolete" not in state
    assert obsolete(open_day, OPEN_DAY) == []


def test_a_changed_then_restored_sentence_is_translated_again(
    open_day: Path, run_presse: RunPresse
) -> None:
    translate(open_day, OPEN_DAY, GREETING, GREETING_FR)
    edit_german(open_day, OPEN_DAY, "Um zehn Uhr", "Um elf Uhr")
    extract(run_presse, open_day)
    edit_german(open_day, OPEN_DAY, "Um elf Uhr", "Um zehn Uhr")
    extract(run_presse, open_day)
    entry = active(open_day, OPEN_DAY, GREETING)
    assert entry.msgstr == GREETING_FR and not entry.fuzzy
    assert record(open_day, OPEN_DAY, GREETING)["state"] == "translated"
    texts = po_path(open_day, OPEN_DAY).read_text("utf-8")
    assert texts.count(GREETING_FR) >= 1


def test_the_title_keeps_its_translation_and_context(open_day: Path, run_presse: RunPresse) -> None:
    title = "Tag der offenen Tür im Kreishaus"
    confirm(
        open_repository(open_day),
        OPEN_DAY,
        segment_id("title", title),
        "Journée portes ouvertes à la maison de l’arrondissement",
        "Anne Roux",
    )
    edit_german(open_day, OPEN_DAY, "category: Presseinfos\n", "category: Termine\n")
    extract(run_presse, open_day)
    entry = active(open_day, OPEN_DAY, title, "title")
    assert entry.msgstr == "Journée portes ouvertes à la maison de l’arrondissement"
    assert record(open_day, OPEN_DAY, title, "title")["state"] == "translated"


# ---------------------------------------------------------------- gettext accepts every catalog


def catalogs_of(root: Path) -> list[Path]:
    return sorted((root / "locale").glob("**/*.po"))


def msgfmt_check(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "--check", "-o", str(out), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="no GNU msgfmt")


@needs_msgfmt
def test_every_catalog_of_this_repository_passes_msgfmt_check(tmp_path: Path) -> None:
    paths = catalogs_of(PROJECT_ROOT)
    assert paths, "the repository's example has catalogs"
    for path in paths:
        result = msgfmt_check(path, tmp_path / "out.mo")
        assert result.returncode == 0, f"{path.name}: {result.stderr}"


@needs_msgfmt
def test_catalogs_after_every_kind_of_change_pass_msgfmt_check(
    open_day: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    translate(open_day, OPEN_DAY, GREETING, GREETING_FR)
    translate(open_day, OPEN_DAY, AFTER, AFTER_FR)
    edit_german(open_day, OPEN_DAY, "Um zehn Uhr", "Um elf Uhr")
    edit_german(open_day, OPEN_DAY, " " + AFTER, "")
    extract(run_presse, open_day)
    text = po_path(open_day, OPEN_DAY).read_text("utf-8")
    assert "#| msgid" in text and "#~ msgid" in text
    result = msgfmt_check(po_path(open_day, OPEN_DAY), tmp_path / "out.mo")
    assert result.returncode == 0, result.stderr


def snapshot_state(root: Path) -> dict[str, tuple[bytes, int]]:
    return _snapshot(root, skip_local_state=True)
