"""Review state: PO-editor round trips, bad input files, and the repository lock."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml
from click.testing import Result
from tree_helpers import line_number, snapshot

from presse.documents.catalog import segment_id, text_hash
from presse.documents.po import Catalog, Entry
from presse.documents.review_state import (
    ReviewState,
    SegmentRecord,
    parse_review,
    reconcile,
    render_review,
)
from presse.errors import PresseError
from presse.steps.open import open_repository
from presse.steps.review import confirm
from presse.store.disk import repository_lock

RunPresse = Callable[..., Result]
CATALOG_DATA = Path(__file__).resolve().parent / "data" / "catalog"
SLUG = "2016-10-01-tag-der-offenen-tuer-im-kreishaus"
GREETING = "Um zehn Uhr begrüßt der Landrat die Gäste."
GREETING_FR = "À dix heures, le Landrat accueille les invités."
KIDS = "Für Kinder gibt es ein eigenes Programm mit Spielen und Musik."
KIDS_FR = "Un programme avec des jeux et de la musique est prévu pour les enfants."
JEANNE = "Jeanne Martin <jeanne@example.org>"


def po_path(root: Path) -> Path:
    return root / "locale" / "fr" / "LC_MESSAGES" / f"{SLUG}.po"


def review_path(root: Path) -> Path:
    return root / "releases" / "fr" / f"{SLUG}.review.yaml"


def source_path(root: Path) -> Path:
    return root / "releases" / "de" / f"{SLUG}.md"


def review_record(root: Path, msgid: str, msgctxt: str | None = None) -> dict:
    data = yaml.safe_load(review_path(root).read_text("utf-8"))
    return data["segments"][segment_id(msgctxt, msgid)]


def status_json(run_presse: RunPresse, root: Path) -> dict:
    result = run_presse("--repo", str(root), "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)[0]


def poedit(root: Path, edit: Callable[[polib.POFile], None]) -> None:
    """Open the catalog in a PO editor, change it, save it (polib writes as Poedit would)."""
    catalog = polib.pofile(str(po_path(root)), wrapwidth=79)
    edit(catalog)
    catalog.metadata["Last-Translator"] = JEANNE
    catalog.metadata["PO-Revision-Date"] = "2016-10-02 09:30+0200"
    catalog.metadata["X-Generator"] = "Poedit 3.4.2"
    catalog.save()


def entry_of(catalog: polib.POFile, msgid: str) -> polib.POEntry:
    [entry] = [e for e in catalog if e.msgid == msgid and not e.obsolete]
    return entry


@pytest.fixture
def repo(office_repo: Path, run_presse: RunPresse) -> Path:
    shutil.copy(CATALOG_DATA / f"{SLUG}.md", source_path(office_repo))
    result = run_presse("--repo", str(office_repo), "extract")
    assert result.exit_code == 0, result.output
    return office_repo


# ---------------------------------------------------------------- a PO editor's edits


def test_a_translation_saved_in_poedit_is_translated_and_attributed(
    repo: Path, run_presse: RunPresse
) -> None:
    def translate(catalog: polib.POFile) -> None:
        entry = entry_of(catalog, GREETING)
        entry.msgstr = GREETING_FR
        entry.tcomment = "Vérifié avec la mairie."

    poedit(repo, translate)
    status = status_json(run_presse, repo)
    assert status["segments"]["translated"] == 1
    assert status["segments"]["untranslated"] == 10
    assert status["state"] == "in translation"

    result = run_presse("--repo", str(repo), "extract")
    assert result.exit_code == 0, result.output
    assert "11 new" not in result.output  # this run found nothing new
    record = review_record(repo, GREETING)
    assert record["state"] == "translated"
    assert record["by"] == "Jeanne Martin"
    assert record["at"] == "2016-10-02T09:30:00+02:00"
    assert record["origin"] == {"person": "Jeanne Martin", "via": "PO editor"}

    catalog = polib.pofile(str(po_path(repo)))
    entry = entry_of(catalog, GREETING)
    assert entry.msgstr == GREETING_FR and not entry.fuzzy
    assert entry.tcomment == "Vérifié avec la mairie."
    assert catalog.metadata["Last-Translator"] == JEANNE
    assert catalog.metadata["PO-Revision-Date"] == "2016-10-02 09:30+0200"
    assert catalog.metadata["X-Generator"] == "Poedit 3.4.2"
    assert catalog.metadata["X-Source-File"] == f"releases/de/{SLUG}.md"


def test_nothing_edited_in_poedit_is_overwritten_by_later_extracts(
    repo: Path, run_presse: RunPresse
) -> None:
    poedit(repo, lambda c: setattr(entry_of(c, GREETING), "msgstr", GREETING_FR))
    for _ in range(2):
        assert run_presse("--repo", str(repo), "extract").exit_code == 0
    before = snapshot(repo)
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    assert snapshot(repo) == before
    assert entry_of(polib.pofile(str(po_path(repo))), GREETING).msgstr == GREETING_FR
    assert review_record(repo, GREETING)["by"] == "Jeanne Martin"


def machine_draft(root: Path, msgid: str, french: str) -> None:
    """A machine draft as an engine leaves it: fuzzy in the PO, ``machine`` in the review."""
    catalog = polib.pofile(str(po_path(root)), wrapwidth=79)
    entry = entry_of(catalog, msgid)
    entry.msgstr = french
    entry.flags = ["fuzzy"]
    catalog.save()
    data = yaml.safe_load(review_path(root).read_text("utf-8"))
    data["segments"][segment_id(None, msgid)] = {
        "state": "machine",
        "text": msgid,
        "fr_hash": text_hash(french),
        "origin": {"engine": "deepl"},
    }
    review_path(root).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_machine_draft_stays_a_draft_until_a_person_clears_fuzzy(
    repo: Path, run_presse: RunPresse
) -> None:
    machine_draft(repo, KIDS, KIDS_FR)
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    assert review_record(repo, KIDS)["state"] == "machine"
    assert status_json(run_presse, repo)["segments"]["machine"] == 1

    def accept(catalog: polib.POFile) -> None:
        entry_of(catalog, KIDS).flags.remove("fuzzy")

    poedit(repo, accept)
    assert status_json(run_presse, repo)["segments"]["translated"] == 1
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    record = review_record(repo, KIDS)
    assert record["state"] == "translated"
    assert record["by"] == "Jeanne Martin"
    entry = entry_of(polib.pofile(str(po_path(repo))), KIDS)
    assert entry.msgstr == KIDS_FR and not entry.fuzzy


def test_a_stale_segment_fixed_in_poedit_is_translated_again(
    repo: Path, run_presse: RunPresse
) -> None:
    confirm(open_repository(repo), SLUG, segment_id(None, GREETING), GREETING_FR, "Anne Roux")
    path = source_path(repo)
    path.write_text(path.read_text("utf-8").replace("Um zehn Uhr", "Um elf Uhr"), encoding="utf-8")
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    changed = "Um elf Uhr begrüßt der Landrat die Gäste."
    assert review_record(repo, changed)["state"] == "stale"

    def fix(catalog: polib.POFile) -> None:
        entry = entry_of(catalog, changed)
        entry.msgstr = "À onze heures, le Landrat accueille les invités."
        entry.flags.remove("fuzzy")
        entry.previous_msgid = None

    poedit(repo, fix)
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    record = review_record(repo, changed)
    assert record["state"] == "translated" and record["by"] == "Jeanne Martin"
    assert "previous" not in record
    # the translation of the old German is still in the file, as an obsolete entry
    obsolete = polib.pofile(str(po_path(repo))).obsolete_entries()
    assert [(e.msgid, e.msgstr) for e in obsolete] == [(GREETING, GREETING_FR)]


# ---------------------------------------------------------------- reconcile, pure


def test_reconcile_leaves_a_record_alone_when_the_po_agrees() -> None:
    entry = Entry(msgid=GREETING, msgstr=GREETING_FR)
    record = SegmentRecord(
        state="translated", text=GREETING, by="Anne Roux", at="2016-10-01T12:00:00+02:00",
        fr_hash=text_hash(GREETING_FR),
    )  # fmt: skip
    review = ReviewState(SLUG, {segment_id(None, GREETING): record})
    result = reconcile(Catalog(entries=[entry]), review, "Jeanne Martin", "2016-10-02")
    assert result.segments[segment_id(None, GREETING)] == record


def test_reconcile_a_cleared_translation_is_untranslated() -> None:
    record = SegmentRecord(state="translated", by="Anne Roux", fr_hash=text_hash(GREETING_FR))
    review = ReviewState(SLUG, {segment_id(None, GREETING): record})
    catalog = Catalog(entries=[Entry(msgid=GREETING, msgstr="")])
    result = reconcile(catalog, review, "Jeanne Martin", "2016-10-02")
    cleared = result.segments[segment_id(None, GREETING)]
    assert cleared.state == "untranslated" and cleared.by is None and cleared.fr_hash is None


def test_the_review_file_is_written_the_same_way_every_time() -> None:
    review = ReviewState(
        SLUG,
        {
            "bbbbbbbbbbbb": SegmentRecord(state="translated", text="B", by="Anne Roux"),
            "aaaaaaaaaaaa": SegmentRecord(text="A"),
        },
        [{"event": "extracted", "at": "2016-10-01T10:00:00+02:00", "new": 2}],
    )
    text = render_review(review)
    assert text.index("aaaaaaaaaaaa") < text.index("bbbbbbbbbbbb")  # sorted
    again = parse_review(text, "r.yaml", SLUG)
    assert render_review(again) == text
    assert again.segments == review.segments and again.events == review.events


# ---------------------------------------------------------------- bad input: exit 1, nothing written


def run_refused(run_presse: RunPresse, root: Path, *args: str) -> str:
    """Run a command that must be refused; returns its one line of error output."""
    before = snapshot(root)
    result = run_presse("--repo", str(root), *args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert snapshot(root) == before
    return lines[0]


def test_a_po_file_a_translator_broke_is_named_with_its_line(
    repo: Path, run_presse: RunPresse
) -> None:
    path = po_path(repo)
    text = path.read_text("utf-8")
    broken = text.replace(f'msgid "{GREETING}"\nmsgstr ""', f'msgid "{GREETING}"\nmsgstr "À dix')
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index('msgstr "À dix') + 1
    for command in (("extract",), ("status",), ("approve", SLUG, "--by", "Anne Roux")):
        message = run_refused(run_presse, repo, *command)
        assert f"{path.name}:{line}:" in message
        assert "unterminated" in message


def test_a_review_file_that_is_not_yaml(repo: Path, run_presse: RunPresse) -> None:
    path = review_path(repo)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines.insert(5, "    by: [Anne Roux\n")
    path.write_text("".join(lines), encoding="utf-8")
    message = run_refused(run_presse, repo, "extract")
    assert f"{path.name}:" in message
    assert "YAML" in message


def test_a_review_file_with_a_merge_conflict(repo: Path, run_presse: RunPresse) -> None:
    path = review_path(repo)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    record = lines[4:6]
    lines[4:6] = [
        "<<<<<<< HEAD\n",
        *record,
        "=======\n",
        *[line.replace("untranslated", "translated") for line in record],
        ">>>>>>> jeanne\n",
    ]
    path.write_text("".join(lines), encoding="utf-8")
    for command in (("extract",), ("status",)):
        message = run_refused(run_presse, repo, *command)
        assert f"{path.name}:5:" in message
        assert "merge conflict" in message


def test_a_review_file_that_names_a_segment_that_does_not_exist(
    repo: Path, run_presse: RunPresse
) -> None:
    path = review_path(repo)
    text = path.read_text("utf-8")
    text = text.replace("segments:\n", "segments:\n  0123456789ab:\n    state: untranslated\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  0123456789ab:") + 1
    message = run_refused(run_presse, repo, "extract")
    assert f"{path.name}:{line}:" in message
    assert "0123456789ab" in message


def test_a_review_record_with_an_unknown_state(repo: Path, run_presse: RunPresse) -> None:
    path = review_path(repo)
    text = path.read_text("utf-8").replace("state: untranslated", "state: done", 1)
    path.write_text(text, encoding="utf-8")
    message = run_refused(run_presse, repo, "extract")
    assert f"{path.name}:" in message and "'done'" in message


def test_an_unknown_release(repo: Path, run_presse: RunPresse) -> None:
    message = run_refused(run_presse, repo, "extract", "2016-10-02-gibt-es-nicht")
    assert "2016-10-02-gibt-es-nicht" in message and "unknown release" in message


def test_a_release_file_that_vanished(repo: Path, run_presse: RunPresse) -> None:
    source_path(repo).unlink()
    for command in (("extract", SLUG), ("status", SLUG), ("review", SLUG, "--by", "A")):
        message = run_refused(run_presse, repo, *command)
        assert f"{SLUG}.md" in message and "unknown release" in message
    assert po_path(repo).exists() and review_path(repo).exists()


def test_one_bad_release_stops_extract_before_anything_is_written(
    repo: Path, run_presse: RunPresse, example_export: Path
) -> None:
    assert run_presse("--repo", str(repo), "import", str(example_export)).exit_code == 0
    path = review_path(repo)
    path.write_text(path.read_text("utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")
    message = run_refused(run_presse, repo, "extract")
    assert "merge conflict" in message
    assert not list((repo / "locale").glob("**/2016-09-08-*.po"))


# ---------------------------------------------------------------- the lock


def test_a_second_process_waits_for_the_lock_then_says_why(tmp_path: Path) -> None:
    lock_path = tmp_path / ".presse" / "lock"
    script = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from presse.errors import PresseError
        from presse.store.disk import repository_lock
        start = time.monotonic()
        try:
            with repository_lock(Path(sys.argv[2]), timeout=float(sys.argv[1])):
                print("got it after", round(time.monotonic() - start, 2))
        except PresseError as error:
            print("refused after", round(time.monotonic() - start, 2), "|", error)
        """
    )
    with repository_lock(lock_path, timeout=1):
        refused = subprocess.run(
            [sys.executable, "-c", script, "0.5", str(lock_path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert refused.returncode == 0, refused.stderr
    assert refused.stdout.startswith("refused after"), refused.stdout
    waited = float(refused.stdout.split()[2])
    assert waited >= 0.45
    assert "lock" in refused.stdout and "another presse process" in refused.stdout

    free = subprocess.run(
        [sys.executable, "-c", script, "0.5", str(lock_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert free.stdout.startswith("got it"), free.stdout + free.stderr


def test_presse_extract_waits_while_another_process_holds_the_lock(
    repo: Path, run_presse: RunPresse
) -> None:
    path = source_path(repo)
    path.write_text(path.read_text("utf-8").replace("Musik.", "Musik. Es gibt Kuchen."))
    presse = Path(sys.executable).with_name("presse")
    assert presse.exists()
    repository = open_repository(repo)
    release = threading.Event()

    def hold() -> None:
        with repository.lock(timeout=5):
            holding.set()
            release.wait(10)

    holding = threading.Event()
    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(10)
    try:
        process = subprocess.Popen(
            [str(presse), "--repo", str(repo), "extract"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2.0)
        assert process.poll() is None, process.communicate()
        assert "Es gibt Kuchen." not in po_path(repo).read_text("utf-8")
    finally:
        release.set()
        holder.join(10)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "1 new" in out
    assert "Es gibt Kuchen." in po_path(repo).read_text("utf-8")


def test_the_lock_is_free_again_after_a_refused_command(repo: Path, run_presse: RunPresse) -> None:
    source_path(repo).unlink()
    assert run_presse("--repo", str(repo), "extract", SLUG).exit_code == 1
    with repository_lock(repo / ".presse" / "lock", timeout=0.2):
        pass


def test_parse_review_rejects_a_segments_list() -> None:
    with pytest.raises(PresseError) as caught:
        parse_review("release: x\nsegments:\n  - a\n", "r.yaml", "x")
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  approved_text: all of it\n", "unknown key 'approved_text' in 'approval'"),
        ("  french_file: [not, a, hash]\n", "'approval.french_file' must be text"),
    ],
)
def test_an_approval_with_a_key_presse_does_not_know(
    repo: Path, run_presse: RunPresse, line: str, expected: str
) -> None:
    path = review_path(repo)
    text = path.read_text("utf-8")
    approval = (
        "approval:\n  at: '2016-10-01T10:00:00+02:00'\n  by: Anne Roux\n"
        f"  catalog_hash: {'a' * 64}\n  source_hash: {'b' * 64}\n"
    )
    head, rest = text.split("\n", 1)
    path.write_text(f"{head}\n{approval}{line}{rest}", encoding="utf-8")
    message = run_refused(run_presse, repo, "status")
    number = path.read_text("utf-8").splitlines().index(line.rstrip("\n")) + 1
    assert f"{path.name}:{number}:" in message
    assert expected in message


def test_a_review_file_with_a_key_given_twice(repo: Path, run_presse: RunPresse) -> None:
    path = review_path(repo)
    text = path.read_text("utf-8")
    head, rest = text.split("\n", 1)
    doubled = f"{head}\nrelease: {SLUG}\n{rest}"
    path.write_text(doubled, encoding="utf-8")
    message = run_refused(run_presse, repo, "status")
    number = doubled.splitlines().index(f"release: {SLUG}", line_number(doubled, "release:")) + 1
    assert f"{path.name}:{number}: 'release' is given twice" in message


GOOD_HEAD = (
    "release: x\napproval:\n  at: '2016-10-01T10:00:00+02:00'\n  by: Anne Roux\n"
    f"  catalog_hash: {'a' * 64}\n  source_hash: {'b' * 64}\n"
    "events:\n- event: extracted\n  at: '2016-10-01T09:00:00+02:00'\n"
    "segments:\n  abc:\n    state: translated\n    text: Hallo\n"
)


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("- event: extracted\n  at: '2016-10-01T09:00:00+02:00'\n", "- 1\n", 8,
         "event 1: expected a mapping with 'event' and 'at'"),
        ("    text: Hallo\n", "    text: Hallo\n    dismissed: oops\n", 14,
         "segment abc: 'dismissed' must be a list of mappings"),
        ("  at: '2016-10-01T10:00:00+02:00'\n", "  at: 'not a date'\n", 3,
         "'at': 'not a date' is not a date-time"),
        ("  at: '2016-10-01T10:00:00+02:00'\n", "  at: '2016-10-01T10:00:00'\n", 3,
         "'at': '2016-10-01T10:00:00' needs its offset"),
        ("    state: translated\n", "    state: translated\n    obsolete: maybe\n", 13,
         "segment abc: 'obsolete' must be true or false"),
        ("release: x\n", "release: x\nreviewers: [a]\n", 2, "unknown key 'reviewers'"),
    ],
)  # fmt: skip
def test_a_review_file_of_the_wrong_shape_is_an_error_on_its_line(
    old: str, new: str, line: int, expected: str
) -> None:
    assert old in GOOD_HEAD
    parse_review(GOOD_HEAD, "r.yaml", "x")  # the file as presse writes it reads
    with pytest.raises(PresseError) as caught:
        parse_review(GOOD_HEAD.replace(old, new, 1), "r.yaml", "x")
    assert expected in str(caught.value)
    assert caught.value.line == line


def test_every_problem_of_a_review_file_is_reported_at_once(
    repo: Path, run_presse: RunPresse
) -> None:
    path = review_path(repo)
    text = path.read_text("utf-8")
    broken = text.replace("events:\n", "events:\n- 7\n", 1) + "colour: blue\n"
    path.write_text(broken, encoding="utf-8")
    before = snapshot(repo)
    result = run_presse("--repo", str(repo), "status")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert all(line.startswith(f"{path}:") for line in lines)
    assert "event 1" in lines[0] and "unknown key 'colour'" in lines[1]
    assert snapshot(repo) == before
