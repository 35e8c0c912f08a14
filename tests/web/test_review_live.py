"""In a real headless Chromium: the review page keeps up with each change, no reload.

A save, a dismissal, the segments confirmed together and an applied memory suggestion
each update the progress card, the blockers and the segment's highlights in place;
the segments can be searched and filtered. A marker set on the page's ``window``
proves that it was never reloaded.
"""

from __future__ import annotations

import polib
import yaml
from web_helpers import REVIEWER, active_entries, change_entry, po, review_data

from presse.documents.repository import Repository

WRONG_TERM = (
    "Une délégation officielle du district du Harz s'est rendue à la mi-avril dans la "
    "région partenaire de Belfort, en France."
)
SUGGESTION = (
    "À la mi-avril, une délégation officielle de l'arrondissement de Harz était reçue dans "
    "la région partenaire française de Belfort."
)


def open_page(browser, server: str, slug: str) -> None:  # type: ignore[no-untyped-def]
    browser.get(f"{server}/release/{slug}")
    browser.execute_script("window.presseNotReloaded = true;")


def not_reloaded(browser) -> bool:  # type: ignore[no-untyped-def]
    return bool(browser.execute_script("return window.presseNotReloaded === true;"))


def wait(browser):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 10)


def css(browser, selector: str):  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector)


def all_css(browser, selector: str) -> list:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, selector)


def progress(browser) -> str:  # type: ignore[no-untyped-def]
    return css(browser, "#progress").text


def type_french(browser, segment: str, text: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.keys import Keys

    field = css(browser, f"#seg-{segment} textarea")
    field.click()
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)


def test_a_save_updates_progress_blockers_and_highlights_without_a_reload(
    repo: Repository, slug: str, ids: list[str], server: str, browser
) -> None:
    change_entry(repo, slug, 1, fuzzy=True)
    open_page(browser, server, slug)
    assert "1 segment(s) marked needs work" in progress(browser)
    assert "18" in css(browser, '#progress .count[data-state="translated"]').text
    assert not all_css(browser, f"#seg-{ids[1]} mark.term-missing")

    # A wrong term: saved, the card now shows the blocking finding, the German term is red.
    type_french(browser, ids[1], WRONG_TERM)
    css(browser, f"#seg-{ids[1]} .btn-accept").click()
    wait(browser).until(lambda d: "blocking finding" in progress(d))
    card = progress(browser)
    assert "marked needs work" not in card and "19" in card
    assert "0 segment(s) need a person" in card
    missing = css(browser, f"#seg-{ids[1]} mark.term-missing")
    assert missing.text == "Landkreis Harz"
    assert "glossary" in css(browser, f"#seg-{ids[1]} .findings").text.lower()
    assert css(browser, f"#seg-{ids[1]} .seg-status").text == "Saved."

    # Put right: the blocker and the red term go away, still without a reload.
    type_french(
        browser, ids[1], WRONG_TERM.replace("du district du Harz", "de l'arrondissement de Harz")
    )
    css(browser, f"#seg-{ids[1]} .btn-accept").click()
    wait(browser).until(lambda d: "Nothing blocks approval." in progress(d))
    assert not all_css(browser, f"#seg-{ids[1]} mark.term-missing")
    assert not all_css(browser, f"#seg-{ids[1]} .findings")

    # Reopened from the page: "needs work", counted again, its French kept.
    css(browser, f"#seg-{ids[4]} .btn-reopen").click()
    wait(browser).until(lambda d: "1 segment(s) marked needs work" in progress(d))
    assert css(browser, f"#seg-{ids[4]} .badge").text == "needs work"
    assert css(browser, f"#read-{ids[4]}")  # and can be ticked as read now
    assert not_reloaded(browser)


def test_segments_are_searched_and_filtered(
    repo: Repository, slug: str, ids: list[str], server: str, browser
) -> None:
    from selenium.webdriver.support.ui import Select

    change_entry(repo, slug, 2, fuzzy=True)
    change_entry(repo, slug, 1, msgstr=WRONG_TERM)
    open_page(browser, server, slug)

    def shown() -> list[str]:
        segments = all_css(browser, ".segment")
        return [s.get_attribute("data-segment") for s in segments if s.is_displayed()]

    assert len(shown()) == len(ids)

    search = css(browser, "#seg-search")
    search.send_keys("skiebe")  # in German and French, whatever the case
    skiebe = [
        i
        for i, e in zip(ids, active_entries(po(repo, slug)), strict=True)
        if "Skiebe" in e.msgid + e.msgstr
    ]
    assert shown() == skiebe
    assert css(browser, "#filter-count").text == f"{len(skiebe)} of {len(ids)} segments shown"
    search.clear()
    search.send_keys("Skiebe Bouquet")  # every word
    assert shown() == [ids[2]]
    search.clear()
    search.send_keys(" ")

    Select(css(browser, "#seg-state")).select_by_visible_text("needs work")
    assert shown() == [ids[2]]
    Select(css(browser, "#seg-state")).select_by_visible_text("needing a person")
    assert shown() == [ids[2]]
    Select(css(browser, "#seg-state")).select_by_visible_text("all")
    Select(css(browser, "#seg-finding")).select_by_visible_text("blocking (errors)")
    assert shown() == [ids[1]]
    Select(css(browser, "#seg-finding")).select_by_visible_text("glossary")
    assert shown() == [ids[1]]
    Select(css(browser, "#seg-finding")).select_by_visible_text("without findings")
    assert ids[1] not in shown() and len(shown()) >= len(ids) - 3
    # The filters are labelled controls.
    for control in ("seg-search", "seg-state", "seg-finding"):
        assert css(browser, f'label[for="{control}"]').text


def test_the_segments_ticked_as_read_are_confirmed_together(
    repo: Repository, slug: str, ids: list[str], server: str, browser
) -> None:
    for index in (1, 3, 5):
        change_entry(repo, slug, index, fuzzy=True)
    open_page(browser, server, slug)
    button = css(browser, "#bulk-button")
    assert not button.is_enabled()  # nothing ticked: nothing to confirm
    assert "3 segment(s) marked needs work" in progress(browser)
    css(browser, f'label[for="read-{ids[1]}"]').click()
    css(browser, f"#read-{ids[3]}").click()
    assert css(browser, "#read-count").text == "2" and button.is_enabled()
    # Typed since it was read and not saved: refused, so the typing is not lost.
    css(browser, f"#seg-{ids[1]} textarea").send_keys(" Encore.")
    button.click()
    assert "has French not saved yet" in css(browser, "#bulk-status").text
    assert active_entries(po(repo, slug))[1].fuzzy
    css(browser, f"#seg-{ids[1]} .btn-revert").click()
    button.click()
    wait(browser).until(lambda d: "1 segment(s) marked needs work" in progress(d))
    assert css(browser, "#bulk-status").text == "2 segment(s) confirmed."
    for index, label in ((1, "translated"), (3, "translated"), (5, "needs work")):
        assert css(browser, f"#seg-{ids[index]} .badge").text == label
    entries = active_entries(po(repo, slug))
    assert not entries[1].fuzzy and not entries[3].fuzzy and entries[5].fuzzy
    segments = review_data(repo, slug)["segments"]
    assert segments[ids[1]]["by"] == REVIEWER and segments[ids[1]]["state"] == "translated"
    assert css(browser, "#read-count").text == "0"
    assert not_reloaded(browser)


def test_a_memory_suggestion_is_applied_in_one_click(
    repo: Repository, slug: str, ids: list[str], server: str, browser
) -> None:
    change_entry(repo, slug, 1, msgstr="", fuzzy=False)
    path = repo.review_path(slug)
    german = active_entries(po(repo, slug))[1].msgid
    data = yaml.safe_load(path.read_text("utf-8"))
    data["segments"][ids[1]]["suggestions"] = [{"de": german, "fr": SUGGESTION, "score": 91.0}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    open_page(browser, server, slug)
    assert "1 segment(s) untranslated" in progress(browser)
    css(browser, f"#seg-{ids[1]} .btn-apply").click()
    wait(browser).until(lambda d: "untranslated" not in progress(d))
    assert "0 segment(s) need a person" in progress(browser)
    assert css(browser, f"#seg-{ids[1]} .badge").text == "translated"
    assert css(browser, f"#seg-{ids[1]} textarea").get_attribute("value") == SUGGESTION
    assert css(browser, f"#seg-{ids[1]} .seg-status").text == "Suggestion applied and saved."
    entry: polib.POEntry = active_entries(po(repo, slug))[1]
    assert entry.msgstr == SUGGESTION and not entry.fuzzy
    assert not_reloaded(browser)


def test_a_finding_is_dismissed_with_its_german_shown_and_a_reason(
    repo: Repository, slug: str, ids: list[str], server: str, browser
) -> None:
    from selenium.webdriver.common.keys import Keys

    change_entry(repo, slug, 1, msgstr=WRONG_TERM)
    open_page(browser, server, slug)
    assert "1 blocking finding(s)" in progress(browser)  # the term missing and the one to avoid
    typing = "Une délégation officielle de l'arrondissement"  # not saved yet
    type_french(browser, ids[1], typing)
    opener = css(browser, f"#seg-{ids[1]} .dismiss summary")
    browser.execute_script("arguments[0].focus()", opener)
    opener.send_keys(Keys.ENTER)  # the keyboard opens it
    form = css(browser, f"#seg-{ids[1]} .dismiss-form")
    assert "German: Eine offizielle Delegation aus dem Landkreis Harz" in form.text
    assert "Finding: error glossary: 'Landkreis Harz' must be rendered" in form.text
    reason = css(browser, f"#seg-{ids[1]} .dismiss-form input[name=reason]")
    label = css(browser, f'label[for="{reason.get_attribute("id")}"]')
    assert label.text == "Why does it not apply here?"
    reason.send_keys("Le service presse écrit « district » pour ce partenaire", Keys.ENTER)
    wait(browser).until(lambda d: "blocking finding" not in progress(d))
    dismissed = css(browser, f"#seg-{ids[1]} .dismissed").text
    assert "Dismissed glossary" in dismissed and f"by {REVIEWER}" in dismissed
    assert "« district » pour ce partenaire" in dismissed
    assert not all_css(browser, f"#seg-{ids[1]} .findings")
    assert css(browser, f"#seg-{ids[1]} textarea").get_attribute("value") == typing
    assert active_entries(po(repo, slug))[1].msgstr == WRONG_TERM
    [dismissal] = review_data(repo, slug)["segments"][ids[1]]["dismissed"]
    assert dismissal["check"] == "glossary" and dismissal["by"] == REVIEWER
    assert dismissal["reason"] == "Le service presse écrit « district » pour ce partenaire"
    assert not_reloaded(browser)
