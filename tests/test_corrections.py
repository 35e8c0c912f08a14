"""A German correction of a published release: the approved French stays online with a
note until the new French is approved, then the page is replaced and marked corrected;
the partner kit and feeds say so all along. And a withdrawal, when the office prefers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from correction_helpers import (
    APPROVED,
    FRENCH_PAGE,
    KIT_JSON,
    NEW_FRENCH,
    OLD_FRENCH,
    PENDING,
    approve_again,
    edit_german,
    kit_record,
    translate_again,
)

from presse.site.dates import long_date
from presse.steps.open import open_repository
from presse.steps.publish import build

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_entry(site: Path, feed: str, scope: str) -> ET.Element:
    root = ET.parse(site / feed).getroot()
    for entry in root.iter(f"{ATOM}entry"):
        if entry.findtext(f"{ATOM}id", "").endswith(f":{scope}/{APPROVED}"):
            return entry
    raise AssertionError(f"no entry for {APPROVED} in {feed}")


def review_events(root: Path) -> list[dict[str, object]]:
    path = root / "releases" / "fr" / f"{APPROVED}.review.yaml"
    return yaml.safe_load(path.read_text("utf-8"))["events"]  # type: ignore[no-any-return]


def test_a_german_correction_keeps_the_french_online_until_the_new_one_is_approved(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    repo = open_repository(example_repo)
    site = example_repo / "site"
    build(repo)
    first = kit_record(site)
    assert first["status"] == "published"
    # French dates are the French's: it went out when it was approved.
    assert first["date"] == "2016-09-12T15:30:00+02:00"
    assert first["original_date"] == "2016-09-08T09:53:24+02:00"

    edit_german(repo)
    extracted = [e for e in review_events(example_repo) if e["event"] == "extracted"][-1]
    german_changed = datetime.fromisoformat(str(extracted["at"]))
    pending = run_presse("--repo", str(example_repo), "build")
    assert pending.exit_code == 0, pending.output
    assert "0 removed" in pending.output and "held back: " + APPROVED not in pending.output

    page = BeautifulSoup((site / FRENCH_PAGE).read_text("utf-8"), "html.parser")
    assert OLD_FRENCH in page.find(class_="body").get_text()  # the approved French, unchanged
    note = page.find(class_="correction-pending").get_text()
    assert note == f"{PENDING} {long_date(german_changed, 'fr')}\u202f; la traduction suit."
    assert page.find(class_="correction") is None  # not corrected yet
    german = BeautifulSoup(
        (site / "de" / APPROVED / "index.html").read_text("utf-8"), "html.parser"
    )
    assert german.find("a", hreflang="fr") is not None  # linked as usual
    assert "nur auf Deutsch" not in german.get_text()

    kit = kit_record(site)
    assert kit["status"] == "correction pending"
    assert kit["correction_pending"]["note"] == note  # type: ignore[index]
    assert kit["corrected_at"] is None and kit["date"] == first["date"]
    partner = feed_entry(site, "partner/feed.xml", "partner")
    assert note in partner.findtext(f"{ATOM}content", "")
    assert partner.findtext(f"{ATOM}published") == "2016-09-12T15:30:00+02:00"
    status = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
    mine = next(s for s in status if s["slug"] == APPROVED)
    assert (mine["state"], mine["label"]) == ("stale", "published, correction pending")
    shown = run_presse("--repo", str(example_repo), "status", APPROVED).output
    assert "published, correction pending;" in shown

    translate_again(repo)
    still = run_presse("--repo", str(example_repo), "build")
    assert still.exit_code == 0
    assert OLD_FRENCH in (site / FRENCH_PAGE).read_text("utf-8")  # translated, not approved

    approve_again(repo)
    corrected = run_presse("--repo", str(example_repo), "build")
    assert corrected.exit_code == 0, corrected.output
    page = BeautifulSoup((site / FRENCH_PAGE).read_text("utf-8"), "html.parser")
    body = page.find(class_="body").get_text()
    assert "à la fin avril" in body and OLD_FRENCH not in body
    assert page.find(class_="correction-pending") is None
    approval = yaml.safe_load(
        (example_repo / "releases" / "fr" / f"{APPROVED}.review.yaml").read_text("utf-8")
    )["approval"]
    approved_at = datetime.fromisoformat(approval["at"])
    marker = page.find(class_="correction")
    assert marker.get_text(" ", strip=True) == f"Corrigé le {long_date(approved_at, 'fr')}"
    jsonld = json.loads(page.find("script", type="application/ld+json").string)
    assert jsonld["datePublished"] == "2016-09-12T15:30:00+02:00"
    assert jsonld["dateModified"] == approval["at"]

    kit = kit_record(site)
    assert kit["status"] == "corrected" and kit["correction_pending"] is None
    assert kit["corrected_at"] == kit["date_modified"] == approval["at"]
    for feed, scope in (("partner/feed.xml", "partner"), ("fr/feed.xml", "fr")):
        entry = feed_entry(site, feed, scope)
        assert entry.findtext(f"{ATOM}updated") == approval["at"]
        assert entry.findtext(f"{ATOM}published") == "2016-09-12T15:30:00+02:00"
        assert NEW_FRENCH.replace("'", "’")[:30] in entry.findtext(f"{ATOM}content", "")
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<lastmod>{approval['at']}</lastmod>" in sitemap


def test_a_german_correction_no_longer_takes_the_french_off_the_web(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    """Defect 1 of #16: "Zwei" to "Nur zwei", a build said "5 removed", the French page
    answered 404, its kit and feed entry were gone, the German said it was German only."""
    site = example_repo / "site"
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0
    kit_files = sorted((site / "partner").glob("2016-09-08-*"))
    source = example_repo / "releases" / "de" / f"{APPROVED}.md"
    text = source.read_text("utf-8")
    source.write_text(text.replace("Die Partnerschaft", "Nur die Partnerschaft"), "utf-8")
    result = run_presse("--repo", str(example_repo), "build")
    assert result.exit_code == 0
    assert "0 removed" in result.output, result.output
    assert (site / FRENCH_PAGE).is_file() and (site / KIT_JSON).is_file()
    assert sorted((site / "partner").glob("2016-09-08-*")) == kit_files
    assert APPROVED in (site / "partner" / "feed.xml").read_text("utf-8")
    german = (site / "de" / APPROVED / "index.html").read_text("utf-8")
    assert "nur auf Deutsch" not in german
    # No extract since the edit: the note cannot say when, and says so without a date.
    page = (site / FRENCH_PAGE).read_text("utf-8")
    assert "La version allemande a été mise à jour\u202f; la traduction suit." in page


def test_withdrawing_the_french_leaves_a_page_saying_so(example_repo: Path, run_presse) -> None:  # type: ignore[no-untyped-def]
    site = example_repo / "site"
    root = str(example_repo)
    assert run_presse("--repo", root, "build").exit_code == 0
    reason = "Le nom d'un participant était erroné."
    done = run_presse("--repo", root, "withdraw", APPROVED, "--reason", reason, "--by", "Jana")
    assert done.exit_code == 0, done.output
    event = review_events(example_repo)[-1]
    assert (event["event"], event["by"], event["reason"]) == ("withdrawn", "Jana", reason)
    withdrawn_at = datetime.fromisoformat(str(event["at"]))

    again = run_presse("--repo", root, "withdraw", APPROVED, "--reason", "encore")
    assert again.exit_code == 1 and "withdrawn already" in again.stderr
    assert run_presse("--repo", root, "build").exit_code == 0
    page = BeautifulSoup((site / FRENCH_PAGE).read_text("utf-8"), "html.parser")
    notice = page.find(class_="withdrawn").get_text(" ", strip=True)
    assert f"retirée le {long_date(withdrawn_at, 'fr')}" in notice
    assert "Motif\u202f: Le nom d’un participant était erroné." in notice
    assert page.find(class_="body") is None and OLD_FRENCH not in str(page)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    kit = kit_record(site)
    assert kit["status"] == "withdrawn"
    assert kit["withdrawn"] == {
        "at": event["at"],
        "reason": "Le nom d’un participant était erroné.",
    }
    assert OLD_FRENCH not in json.dumps(kit, ensure_ascii=False)
    ninjs = json.loads(next((site / "partner").glob("*.ninjs.json")).read_text("utf-8"))
    assert ninjs["pubStatus"] == "canceled"  # agencies' systems take it down
    assert OLD_FRENCH not in json.dumps(ninjs, ensure_ascii=False)
    partner = feed_entry(site, "partner/feed.xml", "partner")
    assert partner.findtext(f"{ATOM}title", "").startswith("Traduction retirée")
    assert partner.findtext(f"{ATOM}updated") == event["at"]
    assert "retirée le" in partner.findtext(f"{ATOM}content", "")
    french_index = (site / "fr" / "index.html").read_text("utf-8")
    assert "Une délégation du Harz" not in french_index
    assert "une-delegation-du-harz" not in (site / "sitemap.xml").read_text("utf-8")
    german = BeautifulSoup(
        (site / "de" / APPROVED / "index.html").read_text("utf-8"), "html.parser"
    )
    assert german.find("a", hreflang="fr") is None
    status = json.loads(run_presse("--repo", root, "status", "--json", APPROVED).stdout)[0]
    assert status["label"] == "withdrawn" and reason in status["notes"][0]

    # The French comes back once a person approves it again (here after a correction).
    repo = open_repository(example_repo)
    edit_german(repo)
    assert json.loads(run_presse("--repo", root, "status", "--json").stdout)[0]["label"] == (
        "withdrawn, stale"
    )
    translate_again(repo)
    approve_again(repo)
    assert run_presse("--repo", root, "build").exit_code == 0
    page = BeautifulSoup((site / FRENCH_PAGE).read_text("utf-8"), "html.parser")
    assert page.find(class_="withdrawn") is None
    assert "à la fin avril" in page.find(class_="body").get_text()
    assert page.find(class_="correction") is not None
    assert kit_record(site)["status"] == "corrected"


def test_withdraw_is_refused_without_an_approval_or_a_reason(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    root = str(example_repo)
    other = "2016-10-05-franzoesische-jugendliche-aus-der-partnerregion-belfort-zu-gast-im-landkreis-harz"
    before = (example_repo / "releases" / "fr" / f"{other}.review.yaml").read_bytes()
    never = run_presse("--repo", root, "withdraw", other, "--reason", "x", "--by", "Jana")
    assert never.exit_code == 1 and "never approved" in never.stderr
    blank = run_presse("--repo", root, "withdraw", APPROVED, "--reason", "  ", "--by", "Jana")
    assert blank.exit_code == 1 and "--reason" in blank.stderr
    assert (example_repo / "releases" / "fr" / f"{other}.review.yaml").read_bytes() == before


def test_a_withdrawal_without_its_reason_is_an_error_with_its_line(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    path = example_repo / "releases" / "fr" / f"{APPROVED}.review.yaml"
    text = path.read_text("utf-8")
    head, segments = text.split("segments:\n", 1)
    path.write_text(
        head + "- event: withdrawn\n  at: '2024-05-02T10:00:00+02:00'\nsegments:\n" + segments,
        "utf-8",
    )
    line = (head.count("\n")) + 1
    result = run_presse("--repo", str(example_repo), "status", APPROVED)
    assert result.exit_code == 1
    assert f"{APPROVED}.review.yaml:{line}: event " in result.stderr
    assert "a withdrawal needs its 'reason'" in result.stderr


def test_a_withdrawn_french_that_no_longer_verifies_is_still_a_notice(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    root = str(example_repo)
    assert run_presse("--repo", root, "build").exit_code == 0
    done = run_presse("--repo", root, "withdraw", APPROVED, "--reason", "Erreur.", "--by", "Jana")
    assert done.exit_code == 0
    # Then the German changes and the French file is edited by hand: neither goes out.
    edit_german(open_repository(example_repo))
    french = example_repo / "releases" / "fr" / f"{APPROVED}.md"
    french.write_text(french.read_text("utf-8").replace("mi-avril", "mi-mai"), "utf-8")
    assert run_presse("--repo", root, "build").exit_code == 0
    page = BeautifulSoup((example_repo / "site" / FRENCH_PAGE).read_text("utf-8"), "html.parser")
    assert "Motif\u202f: Erreur." in page.find(class_="withdrawn").get_text()
    assert "mi-mai" not in str(page) and "mi-avril" not in str(page)
    assert page.find("h1").get_text() == (
        "Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort"
    )


def test_approving_a_withdrawn_french_again_unchanged_puts_it_back(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    root = str(example_repo)
    reason = "Retirée par erreur."
    assert run_presse("--repo", root, "withdraw", APPROVED, "--reason", reason).exit_code == 0
    assert run_presse("--repo", root, "build").exit_code == 0
    page = BeautifulSoup((example_repo / "site" / FRENCH_PAGE).read_text("utf-8"), "html.parser")
    assert page.find(class_="withdrawn") is not None
    # Nothing changed in the texts: approving is not a no-op here, it ends the withdrawal.
    approved = run_presse("--repo", root, "approve", APPROVED, "--by", "Paul Martin")
    assert approved.exit_code == 0, approved.output
    assert "nothing changed" not in approved.output
    assert review_events(example_repo)[-1]["event"] == "approved"
    assert run_presse("--repo", root, "build").exit_code == 0
    page = BeautifulSoup((example_repo / "site" / FRENCH_PAGE).read_text("utf-8"), "html.parser")
    assert page.find(class_="withdrawn") is None and page.find(class_="body") is not None
    status = json.loads(run_presse("--repo", root, "status", "--json", APPROVED).stdout)[0]
    assert status["label"] == "published"
