"""``presse translate`` with the memory engine (the default, offline), ``presse memory
import``, and the pieces of the run: choosing the units, the memory of the repository."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from tree_helpers import age_files

from presse.documents.catalog import entry_id
from presse.documents.po import parse_po
from presse.documents.release_files import load_release_files
from presse.documents.repository import now_iso
from presse.steps.memory import build_memory
from presse.steps.open import open_repository
from presse.steps.review import confirm, current_files, segments_of
from presse.steps.translate import share, translate, units_of

PERSON = "Camille Martin"
FRENCH = {
    "Kreistag tagt in Halberstadt": "Le conseil d'arrondissement siège à Halberstadt",
    "Der Kreistag tagt am Montag in Halberstadt.": (
        "Le conseil d'arrondissement siège lundi à Halberstadt."
    ),
    "Die Sitzung ist öffentlich.": "La séance est publique.",
    "Gäste sind willkommen.": "Les invités sont les bienvenus.",
    "Der Landrat stellt den Haushalt vor.": "Le préfet présente le budget.",
}

A = "2024-05-01-kreistag-tagt-in-halberstadt"
B = "2024-05-08-sprechstunde-des-landrats"
C = "2024-05-15-kreistag-tagt-in-halberstadt"

A_BODY = [
    "Der Kreistag tagt am Montag in Halberstadt. Die Sitzung ist öffentlich. "
    "Gäste sind willkommen.",
    "Der Landrat stellt den Haushalt vor.",
]
B_BODY = [
    # exact, fuzzy (Montag -> Dienstag), new
    "Die Sitzung ist öffentlich. Der Kreistag tagt am Dienstag in Halberstadt. "
    "Neue Bürgerinnen und Bürger werden herzlich eingeladen.",
    "Der Landrat stellt den Haushalt vor.",  # exact
]
C_BODY = ["Die Sitzung ist öffentlich. Gäste sind willkommen."]


def write_release(root: Path, slug: str, title: str, paragraphs: list[str]) -> Path:
    date = slug[:10]
    text = f"---\ntitle: {title}\ndate: {date}T10:00:00+02:00\n---\n\n" + "\n\n".join(paragraphs)
    path = root / "releases" / "de" / f"{slug}.md"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def translate_by_hand(root: Path, slug: str, french: dict[str, str] | None = None) -> None:
    """A person confirms a French text for every segment of the release."""
    french = FRENCH if french is None else french
    repo = open_repository(root)
    for segment in segments_of(current_files(repo, slug, now_iso(repo))):
        text = french.get(segment.german, f"FR {segment.german}")
        with repo.lock():
            confirm(repo, slug, segment.id, text, PERSON)


def entries(root: Path, slug: str) -> dict[str, object]:
    path = root / "locale" / "fr" / "LC_MESSAGES" / f"{slug}.po"
    return {e.msgid: e for e in parse_po(path.read_text("utf-8"), path).active}


def records(root: Path, slug: str) -> dict[str, object]:
    files = load_release_files(open_repository(root), slug)
    return {e.msgid: files.review.segments[entry_id(e)] for e in files.catalog.active}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".presse" not in p.parts
    }


def status_of(run_presse: Callable[..., Result], root: Path) -> dict[str, str]:
    result = run_presse("--repo", str(root), "status", "--json")
    assert result.exit_code == 0, result.output
    return {r["slug"]: r["state"] for r in json.loads(result.stdout)}


@pytest.fixture
def office(office_repo: Path) -> Path:
    """One release translated by a person (A) and two new ones sharing sentences (B, C)."""
    write_release(office_repo, A, "Kreistag tagt in Halberstadt", A_BODY)
    translate_by_hand(office_repo, A)
    write_release(office_repo, B, "Sprechstunde des Landrats", B_BODY)
    write_release(office_repo, C, "Kreistag tagt in Halberstadt", C_BODY)
    return office_repo


def test_memory_engine_fills_exact_matches_and_offers_suggestions(
    office: Path, run_presse: Callable[..., Result]
) -> None:
    before_a = {p: data for p, data in snapshot(office).items() if A in p and not p.endswith(".md")}
    result = run_presse("--repo", str(office), "translate", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["engine"] == "memory"
    by_slug = {r["slug"]: r for r in summary["releases"]}
    assert by_slug[A]["sent"] == 0  # a person translated everything: nothing to send
    assert by_slug[B] | {"characters": 0} == {
        "slug": B,
        "sent": 5,
        "characters": 0,
        "filled": 2,
        "suggested": 1,
        "left": 3,
        "kept": 0,
        "billed_characters": 0,
        "requests": 0,
        "held": [],
    }
    assert (by_slug[C]["sent"], by_slug[C]["filled"], by_slug[C]["left"]) == (3, 3, 0)
    assert summary["filled"] == 5 and summary["left"] == 3
    assert summary["next_step"] == (
        "3 segment(s) still need a translator or DeepL: presse translate --engine deepl"
    )

    # exact matches: memory drafts, fuzzy in the PO, origin recorded
    po = entries(office, B)
    rec = records(office, B)
    for german in ("Die Sitzung ist öffentlich.", "Der Landrat stellt den Haushalt vor."):
        assert po[german].msgstr == FRENCH[german]
        assert po[german].fuzzy
        assert rec[german].state == "memory"
        assert rec[german].by is None
        assert rec[german].origin["engine"] == "memory"
        assert rec[german].origin["settings"]["engine"] == "memory"
        assert "glossary" in rec[german].origin
    # a close match: a suggestion in the review file and the PO comment, no draft
    fuzzy = "Der Kreistag tagt am Dienstag in Halberstadt."
    assert po[fuzzy].msgstr == "" and rec[fuzzy].state == "untranslated"
    suggestion = rec[fuzzy].suggestions[0]  # the best first
    assert suggestion["fr"] == FRENCH["Der Kreistag tagt am Montag in Halberstadt."]
    assert suggestion["de"] == "Der Kreistag tagt am Montag in Halberstadt."
    assert 75 <= suggestion["score"] < 100
    assert any(
        c.startswith("memory ") and FRENCH["Der Kreistag tagt am Montag in Halberstadt."] in c
        for c in po[fuzzy].extracted_comments
    )
    # the rest is left untranslated
    assert po["Sprechstunde des Landrats"].msgstr == ""
    assert rec["Neue Bürgerinnen und Bürger werden herzlich eingeladen."].state == "untranslated"
    # the translated release is untouched
    after_a = {p: d for p, d in snapshot(office).items() if A in p and not p.endswith(".md")}
    assert after_a == before_a
    # a translated event per release and run
    review_b = load_release_files(open_repository(office), B).review
    (event,) = [e for e in review_b.events if e["event"] == "translated"]
    assert event["engine"] == "memory" and event["segments"] == 2

    # in review only when nothing is left untranslated
    states = status_of(run_presse, office)
    assert states[B] == "in translation"
    assert states[C] == "in review"

    # the text summary says how many are left and what to do
    text = run_presse("--repo", str(office), "translate")
    assert text.exit_code == 0, text.output
    assert "3 segment(s) still need a translator or DeepL: presse translate --engine deepl" in (
        text.stdout
    )


def test_running_again_changes_nothing(office: Path, run_presse: Callable[..., Result]) -> None:
    assert run_presse("--repo", str(office), "translate").exit_code == 0
    before = snapshot(office)
    result = run_presse("--repo", str(office), "translate", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["filled"] == 0
    assert snapshot(office) == before


def test_dry_run_writes_nothing(office: Path, run_presse: Callable[..., Result]) -> None:
    before = snapshot(office)
    result = run_presse("--repo", str(office), "translate", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["dry_run"] and summary["sent"] == 8 and summary["filled"] == 0
    by_slug = {r["slug"]: r for r in summary["releases"]}
    c_texts = [
        "Kreistag tagt in Halberstadt",
        "Die Sitzung ist öffentlich.",
        "Gäste sind willkommen.",
    ]
    assert by_slug[C]["characters"] == sum(len(t) for t in c_texts)
    assert snapshot(office) == before
    text = run_presse("--repo", str(office), "translate", "--dry-run", C)
    assert "Would send 3 segment(s)" in text.stdout


def test_only_the_releases_named(office: Path, run_presse: Callable[..., Result]) -> None:
    result = run_presse("--repo", str(office), "translate", C, "--json")
    assert result.exit_code == 0, result.output
    assert [r["slug"] for r in json.loads(result.stdout)["releases"]] == [C]
    assert not (office / "locale" / "fr" / "LC_MESSAGES" / f"{B}.po").exists()


def test_memory_holds_obsolete_and_previous_translations(
    office: Path, run_presse: Callable[..., Result]
) -> None:
    # The German of A changes after the person translated it: the old pair stays known.
    body = [A_BODY[0].replace("Gäste sind willkommen.", "Gäste sind sehr willkommen."), A_BODY[1]]
    write_release(office, A, "Kreistag tagt in Halberstadt", body)
    assert run_presse("--repo", str(office), "extract").exit_code == 0
    memory = build_memory(open_repository(office))
    assert memory.exact("Gäste sind willkommen.") == FRENCH["Gäste sind willkommen."]
    result = run_presse("--repo", str(office), "translate", C, "--json")
    assert json.loads(result.stdout)["releases"][0]["filled"] == 3
    assert entries(office, C)["Gäste sind willkommen."].msgstr == FRENCH["Gäste sind willkommen."]
    # The stale sentence keeps the person's French: not sent unless asked.
    result = run_presse("--repo", str(office), "translate", A, "--json")
    assert json.loads(result.stdout)["releases"][0]["sent"] == 0
    assert json.loads(result.stdout)["releases"][0]["kept"] == 1
    # Asked, it gets a suggestion (its old French), not a draft.
    result = run_presse("--repo", str(office), "translate", A, "--retranslate-stale", "--json")
    assert json.loads(result.stdout)["releases"][0] | {"characters": 0} == {
        "slug": A,
        "sent": 1,
        "characters": 0,
        "filled": 0,
        "suggested": 1,
        "left": 0,
        "kept": 1,
        "billed_characters": 0,
        "requests": 0,
        "held": [],
    }
    stale = records(office, A)["Gäste sind sehr willkommen."]
    assert stale.state == "stale"
    assert stale.suggestions[0]["fr"] == FRENCH["Gäste sind willkommen."]


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" srclang="de-DE" adminlang="en" datatype="plaintext"
          segtype="sentence" o-tmf="x" creationtoolversion="1"/>
  <body>
    <tu>
      <tuv xml:lang="de-DE"><seg>Sprechstunde des Landrats</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Permanence du préfet</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="de-DE"><seg>Die Sitzung ist öffentlich.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Séance publique (TMX).</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_memory_import(office: Path, run_presse: Callable[..., Result], tmp_path: Path) -> None:
    source = tmp_path / "partner.tmx"
    source.write_text(TMX, encoding="utf-8")
    result = run_presse("--repo", str(office), "memory", "import", str(source))
    assert result.exit_code == 0, result.output
    assert "Imported 2 pair(s)" in result.stdout and "memory/imported.tmx" in result.stdout
    stored = office / "memory" / "imported.tmx"
    assert stored.is_file()
    # importing again adds nothing new; the file is unchanged
    before = stored.read_bytes()
    again = run_presse("--repo", str(office), "memory", "import", str(source))
    assert "(0 new)" in again.stdout and stored.read_bytes() == before

    result = run_presse("--repo", str(office), "translate", B, "--json")
    assert result.exit_code == 0, result.output
    po = entries(office, B)
    assert po["Sprechstunde des Landrats"].msgstr == "Permanence du préfet"
    # the office's own translation wins over the imported one
    assert po["Die Sitzung ist öffentlich."].msgstr == FRENCH["Die Sitzung ist öffentlich."]


def test_memory_import_of_a_broken_file(
    office: Path, run_presse: Callable[..., Result], tmp_path: Path
) -> None:
    source = tmp_path / "broken.tmx"
    source.write_text("<tmx><body><tu>", encoding="utf-8")
    result = run_presse("--repo", str(office), "memory", "import", str(source))
    assert result.exit_code == 1
    assert "broken TMX file" in result.stderr
    assert not (office / "memory" / "imported.tmx").exists()


def test_tmx_named_in_the_settings(office: Path) -> None:
    (office / "terms.tmx").write_text(TMX, encoding="utf-8")
    config = office / "presse.yaml"
    text = config.read_text("utf-8").replace(
        "  memory:\n    threshold: 75\n", "  memory:\n    threshold: 75\n    tmx: [terms.tmx]\n"
    )
    config.write_text(text, encoding="utf-8")
    summary = translate(open_repository(office), [B])
    assert summary.filled == 3
    assert entries(office, B)["Sprechstunde des Landrats"].msgstr == "Permanence du préfet"


def test_units_of_a_release(office: Path) -> None:
    repo = open_repository(office)
    translate_by_hand(office, B, {"Die Sitzung ist öffentlich.": "La séance est publique."})
    write_release(office, B, "Sprechstunde des Landrats", [*B_BODY, "Ein neuer Absatz."])
    files = current_files(repo, B, now_iso(repo))
    units = {u.text: u for u in units_of(files)}
    assert set(units) == {"Ein neuer Absatz."}
    # Only a new paragraph: sent whole, its block as paragraph.
    (unit,) = units.values()
    assert unit.paragraph_complete and unit.paragraph == "Ein neuer Absatz."
    assert unit.paragraph_key == f"{B}#2"
    assert unit.key.startswith(f"{B}:")


def test_units_of_a_partly_translated_paragraph(office: Path) -> None:
    repo = open_repository(office)
    files = current_files(repo, B, now_iso(repo))
    units = units_of(files)
    title, *body = units
    assert title.paragraph_key == f"{B}#-2" and title.paragraph_complete
    assert [u.paragraph_key for u in body] == [f"{B}#0"] * 3 + [f"{B}#1"]
    assert all(u.paragraph_complete for u in body)
    assert body[0].paragraph == " ".join(B_BODY[0].split())


def test_share_adds_up() -> None:
    assert share(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(share(101, [5, 7, 11])) == 101
    assert share(0, [3]) == [0]
    assert share(5, []) == []


def extracted_and_remembered(root: Path, run_presse: Callable[..., Result]) -> None:
    """presse extract, as on a working day: the files it left then a while untouched."""
    assert run_presse("--repo", str(root), "extract").exit_code == 0
    age_files(root)
    assert run_presse("--repo", str(root), "extract").exit_code == 0


def test_a_run_after_extract_sends_what_a_run_from_nothing_sends(
    office: Path, run_presse: Callable[..., Result]
) -> None:
    extracted_and_remembered(office, run_presse)
    remembered = run_presse("--repo", str(office), "translate", "--dry-run", "--json")
    (office / ".presse" / "cache" / "extract.pickle").unlink()
    from_nothing = run_presse("--repo", str(office), "translate", "--dry-run", "--json")
    assert json.loads(remembered.stdout)["releases"] == json.loads(from_nothing.stdout)["releases"]
    sent = {r["slug"]: r["sent"] for r in json.loads(remembered.stdout)["releases"]}
    assert sent[A] == 0 and sent[B] > 0  # a person translated A; B is new


def test_a_german_edit_after_extract_is_sent(
    office: Path, run_presse: Callable[..., Result]
) -> None:
    extracted_and_remembered(office, run_presse)
    source = office / "releases" / "de" / f"{A}.md"
    source.write_text(source.read_text("utf-8").replace("vor.", "vor. Es gibt Kaffee."), "utf-8")
    result = run_presse("--repo", str(office), "translate", A, "--dry-run", "--json")
    assert [r["sent"] for r in json.loads(result.stdout)["releases"]] == [1]
