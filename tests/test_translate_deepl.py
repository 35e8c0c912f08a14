"""``presse translate --engine deepl`` and ``presse usage`` with the real ``deepl`` client
against the fake DeepL server of tests/engines, started on 127.0.0.1 by each test."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import deepl
import pytest
from click.testing import Result

sys.path.insert(0, str(Path(__file__).parent / "engines"))

from fake_deepl import FakeDeepL
from test_translate import (
    A_BODY,
    B_BODY,
    FRENCH,
    PERSON,
    A,
    B,
    entries,
    records,
    snapshot,
    translate_by_hand,
    write_release,
)

from presse.documents.po import parse_po
from presse.documents.release_files import load_release_files
from presse.documents.repository import now_iso
from presse.steps.open import open_repository

KEY = "presse-translate-test-key-0042:fx"
TAG = re.compile(r"<[^>]+>")
LANDRAT = "- de: Landrat\n  fr: préfet\n  kind: title\n"
KREISTAG = "- de: Kreistag\n  fr: conseil d'arrondissement\n  kind: institution\n"
GLOSSARY = LANDRAT + KREISTAG


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDeepL]:
    fake = FakeDeepL(KEY).start()
    monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
    monkeypatch.setenv("DEEPL_SERVER_URL", fake.url)
    # the deepl client waits 1 s before its first retry; here 10 ms
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.01)
    yield fake
    fake.stop()


def sent_texts(server: FakeDeepL) -> list[str]:
    """Every text of every translate request, tags removed."""
    return [TAG.sub("", t) for r in server.translate_requests() for t in r.json["text"]]


def translate(run_presse: Callable[..., Result], root: Path, *args: str) -> Result:
    return run_presse("--repo", str(root), "translate", "--engine", "deepl", *args)


def assert_no_key(root: Path, *results: Result) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
    for result in results:
        assert KEY not in result.stdout and KEY not in result.stderr


@pytest.fixture
def office(office_repo: Path) -> Path:
    """Release A translated by a person, release B new; one term in the glossary."""
    (office_repo / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    write_release(office_repo, A, "Kreistag tagt in Halberstadt", A_BODY)
    translate_by_hand(office_repo, A)
    write_release(office_repo, B, "Sprechstunde des Landrats", B_BODY)
    return office_repo


def test_drafts_land_as_fuzzy_machine_entries(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    result = translate(run_presse, office, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["sent"] == summary["filled"] == 5 and summary["left"] == 0
    assert summary["requests"] == len(server.translate_requests()) == 1
    assert summary["billed_characters"] == server.billed_total > 0
    (release,) = [r for r in summary["releases"] if r["slug"] == B]
    assert release["billed_characters"] == server.billed_total
    # Nothing a person translated was sent, though B repeats two of A's sentences:
    # each is sent for B, never for A (A's other sentences are never sent at all).
    texts = sent_texts(server)
    assert "Gäste sind willkommen." not in texts
    assert "Der Kreistag tagt am Montag in Halberstadt." not in texts
    assert sorted(texts) == sorted(
        ["Sprechstunde des Landrats", " ".join(B_BODY[0].split()), B_BODY[1]]
    )

    po = entries(office, B)
    rec = records(office, B)
    for german in ("Sprechstunde des Landrats", "Die Sitzung ist öffentlich."):
        assert po[german].fuzzy and po[german].msgstr == german.upper()
        record = rec[german]
        assert record.state == "machine" and record.by is None and record.at
        assert record.origin["engine"] == "deepl"
        settings = record.origin["settings"]
        assert settings["server"] == server.url and settings["formality"] == "prefer_more"
        assert settings["library"].startswith("deepl-python")
        assert len(record.origin["glossary"]) == 64
        # the DeepL glossary the request carried, by name and id (not null: the
        # settings are read after the glossary is synced)
        (gid,) = server.multilingual
        assert settings["glossary_id"] == gid == server.translate_requests()[0].json["glossary_id"]
        assert settings["glossary"] == "presse-office"
        assert settings["model_type"] == "prefer_quality_optimized"
        assert record.origin["model_type_used"] == "quality_optimized"
        assert record.origin["billed_characters"] > 0
    review_b = (office / "releases" / "fr" / f"{B}.review.yaml").read_text("utf-8")
    assert "event: translated" in review_b and "billed_characters:" in review_b
    # A human translation is never overwritten
    assert all(not e.fuzzy for e in entries(office, A).values())
    # the release is in review, the drafts waiting for a person
    states = run_presse("--repo", str(office), "status", "--json")
    assert {r["slug"]: r["state"] for r in json.loads(states.stdout)}[B] == "in review"
    assert_no_key(office, result)

    # Running again sends nothing
    again = translate(run_presse, office)
    assert again.exit_code == 0 and "Nothing to translate" in again.stdout
    assert len(server.translate_requests()) == 1


def test_a_changed_sentence_keeps_the_persons_french_and_costs_nothing(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    """#16, defect 3: after the German of a reviewed sentence changes, ``presse
    translate`` (no slug) replaced the person's French with a machine draft, billed it,
    and left the person's text only as a memory suggestion."""
    old = "Gäste sind willkommen."
    new = "Gäste aus Belfort sind willkommen."
    write_release(
        office, A, "Kreistag tagt in Halberstadt", [A_BODY[0].replace(old, new), A_BODY[1]]
    )
    translate_by_hand(office, B)  # B is all a person's too: nothing else to send
    result = translate(run_presse, office, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert server.translate_requests() == []  # nothing sent, nothing billed
    assert (summary["sent"], summary["billed_characters"], summary["kept"]) == (0, 0, 1)
    assert run_presse("--repo", str(office), "extract").exit_code == 0
    (stale,) = [e for e in entries(office, A).values() if e.msgid == new]
    assert stale.msgstr == FRENCH[old] and stale.fuzzy and stale.previous_msgid == old
    record = records(office, A)[new]
    assert record.state == "stale" and record.by == PERSON
    text = translate(run_presse, office)
    assert "1 stale segment(s) keep a person's French" in text.stdout
    assert "--retranslate-stale" in text.stdout
    # Status and the review page show it stale, with the German's change.
    status = run_presse("--repo", str(office), "status", "--json", A)
    assert json.loads(status.stdout)[0]["segments"]["stale"] == 1
    view = review_page_view(office, A, new)
    assert view.state == "stale" and "Gäste<ins> aus Belfort</ins> sind" in str(view.diff_html)


def test_a_stale_segment_is_sent_when_asked_and_the_human_french_survives(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    old = "Gäste sind willkommen."
    new = "Gäste aus Belfort sind willkommen."
    write_release(
        office, A, "Kreistag tagt in Halberstadt", [A_BODY[0].replace(old, new), A_BODY[1]]
    )
    result = translate(run_presse, office, A, "--retranslate-stale", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert sent_texts(server) == [new]
    (request,) = server.translate_requests()
    assert request.json["context"] == " ".join(A_BODY[0].replace(old, new).split())
    # The cost promise: only the changed sentence is billed.
    assert summary["billed_characters"] / len(new) <= 1.05

    po_path = office / "locale" / "fr" / "LC_MESSAGES" / f"{A}.po"
    catalog = parse_po(po_path.read_text("utf-8"), po_path)
    (draft,) = [e for e in catalog.active if e.msgid == new]
    assert draft.fuzzy and draft.msgstr == new.upper()
    assert draft.previous_msgid == old
    (obsolete,) = [e for e in catalog.obsolete if e.msgid == old]
    assert obsolete.msgstr == FRENCH[old]
    record = records(office, A)[new]
    assert record.state == "machine"
    assert record.previous == {"de": old, "fr": FRENCH[old], "by": PERSON}
    # Status and the review page still show the German's change and the person's French.
    status = run_presse("--repo", str(office), "status", "--json", A)
    [note] = json.loads(status.stdout)[0]["notes"]
    assert note.startswith("1 draft(s) for a changed German, a person's earlier French kept")
    view = review_page_view(office, A, new)
    assert view.previous_french == FRENCH[old] and view.previous_by == PERSON
    assert "Gäste<ins> aus Belfort</ins> sind" in str(view.diff_html)
    # The other sentences are still the person's
    others = [e for e in catalog.active if e.msgid != new]
    assert others and all(not e.fuzzy and e.msgstr == FRENCH[e.msgid] for e in others)


def review_page_view(root: Path, slug: str, german: str) -> Any:
    """The segment of ``german`` as the review page presents it."""
    from presse.glossary.load import load_glossary
    from presse.steps.extract import checker_for
    from presse.steps.review import current_files, segments_of
    from presse.web.present import segment_view

    repo = open_repository(root)
    files = current_files(repo, slug, now_iso(repo))
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    for number, (segment, entry) in enumerate(
        zip(segments_of(files), files.catalog.active, strict=True), start=1
    ):
        if segment.german == german:
            return segment_view(segment, entry, number, checker.glossary, checker)
    raise AssertionError(german)


def test_cost_of_one_edited_sentence_in_a_translated_release(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    translate_by_hand(office, B)
    old = "Der Kreistag tagt am Dienstag in Halberstadt."
    new = "Der Kreistag tagt am Dienstag um 18 Uhr in Halberstadt."
    write_release(office, B, "Sprechstunde des Landrats", [B_BODY[0].replace(old, new), B_BODY[1]])
    result = translate(run_presse, office, "--retranslate-stale", "--json")
    assert result.exit_code == 0, result.output
    billed = json.loads(result.stdout)["billed_characters"]
    assert sent_texts(server) == [new]
    assert billed / len(new) <= 1.05


def many_paragraphs(root: Path, slug: str, count: int, start: int = 0) -> list[str]:
    numbers = range(start, start + count)
    sentences = [f"Im Ortsteil Nummer {n} beginnt eine neue Baustelle." for n in numbers]
    write_release(root, slug, f"Baustellen der Woche {slug[-1]}", sentences)
    return sentences


def test_quota_exceeded_halfway_keeps_the_finished_batches(
    office_repo: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    first, second = "2024-06-01-baustellen-a", "2024-06-02-baustellen-b"
    many_paragraphs(office_repo, first, 60)
    many_paragraphs(office_repo, second, 60, start=100)  # 122 texts: 3 requests of up to 50
    server.faults.quota_after = 1
    result = translate(run_presse, office_repo)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "456" in line and "50 segment(s) saved" in line and "72 still to translate" in line
    # one answered; the next refused, then tried in halves down to one sentence (a
    # refused request is not billed), in case a smaller part still fit
    answered, *refused = server.translate_requests()
    assert answered.answered and not any(r.answered for r in refused)
    sizes = [len(r.json["text"]) for r in refused]
    assert sizes[0] == 50 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    first_texts = sent_texts(server)[:50]
    # the first 50 texts all came from the first release; the second was not written yet
    assert not (office_repo / "locale" / "fr" / "LC_MESSAGES" / f"{second}.po").exists()
    drafted = [e.msgid for e in entries(office_repo, first).values() if e.msgstr]
    assert sorted(drafted) == sorted(first_texts)
    assert all(e.fuzzy for e in entries(office_repo, first).values() if e.msgstr)
    review = load_release_files(open_repository(office_repo), first).review
    events = [e for e in review.events if e["event"] == "translated"]
    assert sum(e["billed_characters"] for e in events) == server.billed_total
    # and each draft its share
    origins = [r.origin for r in records(office_repo, first).values() if r.origin]
    assert sum(o["billed_characters"] for o in origins) == server.billed_total

    server.faults.quota_after = None
    before = len(server.translate_requests())
    again = translate(run_presse, office_repo, "--json")
    assert again.exit_code == 0, again.output
    rest = [TAG.sub("", t) for r in server.translate_requests()[before:] for t in r.json["text"]]
    assert len(rest) == 72 and not set(rest) & set(first_texts)
    assert json.loads(again.stdout)["left"] == 0
    assert_no_key(office_repo, result, again)


def test_a_rejected_key_is_one_line(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    before = snapshot(office)
    server.faults.reject_key = True
    result = translate(run_presse, office)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "403" in line and "DEEPL_AUTH_KEY" in line
    assert result.stdout == ""
    assert snapshot(office) == before
    assert_no_key(office, result)


def test_no_key(
    office: Path, monkeypatch: pytest.MonkeyPatch, run_presse: Callable[..., Result]
) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    result = translate(run_presse, office)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "DEEPL_AUTH_KEY" in line
    usage = run_presse("--repo", str(office), "usage")
    assert usage.exit_code == 1 and len(usage.stderr.strip().splitlines()) == 1


def test_dry_run_needs_no_key_and_sends_nothing(
    office: Path, server: FakeDeepL, monkeypatch: pytest.MonkeyPatch, run_presse
) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    result = translate(run_presse, office, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would send 5 segment(s)" in result.stdout
    assert server.requests == []


def test_usage(office: Path, server: FakeDeepL, run_presse: Callable[..., Result]) -> None:
    assert translate(run_presse, office).exit_code == 0
    result = run_presse("--repo", str(office), "usage", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["character_count"] == server.billed_total and data["character_limit"] == 500000
    text = run_presse("--repo", str(office), "usage")
    assert "of 500,000 characters used" in text.stdout
    assert_no_key(office, result, text)


def test_engine_notes_reach_the_summary(
    office_repo: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    slug = "2024-06-03-markierte-absaetze"
    write_release(
        office_repo,
        slug,
        "Markierte Absätze",
        ["Der Marker steht hier. Der **zweite** Satz folgt."],
    )
    server.faults.spoil = {"Marker": "drop"}
    result = translate(run_presse, office_repo, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["filled"] == 3
    assert any(f"{slug}#0" in note and "sentence tags" in note for note in summary["notes"])
    text = translate(run_presse, office_repo)
    assert "Nothing to translate" in text.stdout


def test_a_term_removed_from_the_glossary_is_no_longer_applied(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    server.apply_glossary = True
    assert translate(run_presse, office).exit_code == 0
    assert entries(office, B)["Der Landrat stellt den Haushalt vor."].msgstr == (
        "DER préfet STELLT DEN HAUSHALT VOR."
    )
    (gid,) = server.multilingual
    # the term goes; a changed sentence mentions it again
    (office / "glossary.yaml").write_text(KREISTAG, encoding="utf-8")
    write_release(office, B, "Sprechstunde des Landrats", [B_BODY[0], "Der Landrat kommt."])
    result = translate(run_presse, office, "--json")
    assert result.exit_code == 0, result.output
    assert entries(office, B)["Der Landrat kommt."].msgstr == "DER LANDRAT KOMMT."
    # the same glossary, its dictionary replaced (PUT), never merged (PATCH)
    assert list(server.multilingual) == [gid]
    terms = server.entries_of(gid)
    assert terms["Kreistag"] == "conseil d'arrondissement"
    assert not any(de.startswith("Landrat") for de in terms)
    assert len(server.calls("PUT", f"/v3/glossaries/{gid}/dictionaries")) == 1
    assert server.calls("PATCH", "/v3/glossaries") == []
    record = records(office, B)["Der Landrat kommt."]
    assert record.origin["settings"]["glossary_id"] == gid


def test_dry_run_states_characters_requests_and_cost(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    config = office / "presse.yaml"
    text = config.read_text("utf-8").replace(
        "    formality: prefer_more\n",
        "    formality: prefer_more\n    price_per_million_characters: 25\n",
    )
    config.write_text(text, encoding="utf-8")
    result = translate(run_presse, office, "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert server.requests == []
    characters = summary["characters"]
    sentences = [
        "Sprechstunde des Landrats",
        "Die Sitzung ist öffentlich.",
        "Der Kreistag tagt am Dienstag in Halberstadt.",
        "Neue Bürgerinnen und Bürger werden herzlich eingeladen.",
        "Der Landrat stellt den Haushalt vor.",
    ]
    assert characters == sum(len(s) for s in sentences)
    assert summary["requests"] == 1  # the release's paragraphs go together
    assert summary["cost"] == round(characters * 25 / 1_000_000, 4)
    shown = translate(run_presse, office, "--dry-run")
    assert f"({characters:,} characters of German) to deepl in 1 request(s)" in shown.stdout
    assert "cost: about 0.00 EUR at 25.00 EUR per million characters" in shown.stdout
    # what the dry run said is what the run does
    run = translate(run_presse, office, "--json")
    assert json.loads(run.stdout)["requests"] == len(server.translate_requests()) == 1


def test_an_unknown_translation_memory_stops_the_run_naming_its_line(
    office: Path, server: FakeDeepL, run_presse: Callable[..., Result]
) -> None:
    config = office / "presse.yaml"
    text = config.read_text("utf-8").replace(
        "    formality: prefer_more\n",
        "    formality: prefer_more\n    translation_memory: 0000-nope\n",
    )
    config.write_text(text, encoding="utf-8")
    line_number = text.splitlines().index("    translation_memory: 0000-nope") + 1
    before = snapshot(office)
    result = translate(run_presse, office)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{config}:{line_number}: 'engine.deepl.translation_memory': ")
    assert "'0000-nope'" in line and "HTTP 404" in line
    assert server.translate_requests() == []
    assert snapshot(office) == before
    assert_no_key(office, result)
