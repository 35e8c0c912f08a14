"""In a real headless Chromium: edit a segment, accept it with Ctrl+Enter, approve."""

from __future__ import annotations

import os
from pathlib import Path

from web_helpers import REVIEWER, change_entry, msgstr_of, review_data

from presse.documents.repository import Repository

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-review.png"


def test_edit_accept_with_ctrl_enter_then_approve(
    repo: Repository, slug: str, ids: list[str], server: str, browser
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    originals = {i: msgstr_of(repo, slug, i) for i in (0, 3)}
    change_entry(repo, slug, 0, msgstr="Brouillon automatique du titre", fuzzy=True)
    change_entry(repo, slug, 3, fuzzy=True)
    browser.get(f"{server}/release/{slug}")
    first = browser.find_element(By.CSS_SELECTOR, f"#seg-{ids[0]}")
    # Written and marked "needs work" in a PO editor: a person's draft, not a machine's.
    assert first.find_element(By.CSS_SELECTOR, ".badge").text == "needs work"
    # The style sheet and the script loaded under the Content-Security-Policy.
    assert browser.execute_script("return document.documentElement.classList.contains('js')")
    topbar = browser.find_element(By.CSS_SELECTOR, ".topbar")
    assert topbar.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "")

    field = first.find_element(By.TAG_NAME, "textarea")
    field.click()
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    new = originals[0].replace("en visite dans", "reçue dans")
    field.send_keys(new)
    field.send_keys(Keys.CONTROL, Keys.ENTER)

    wait = WebDriverWait(browser, 10)
    # The server's fresh rendering of the segment is put in place of the old one.
    wait.until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"#seg-{ids[0]} .badge").text == "translated"
    )
    assert "state-translated" in browser.find_element(By.ID, f"seg-{ids[0]}").get_attribute("class")
    # The focus moved to the next segment that needs a person.
    wait.until(
        lambda d: d.switch_to.active_element.get_attribute("aria-label") == "French of segment 4"
    )
    assert msgstr_of(repo, slug, 0) == new
    assert review_data(repo, slug)["segments"][ids[0]]["by"] == REVIEWER

    browser.refresh()
    kept = browser.find_element(By.CSS_SELECTOR, f"#seg-{ids[0]} textarea")
    assert kept.get_attribute("value") == new
    assert browser.find_element(By.CSS_SELECTOR, f"#seg-{ids[0]} .badge").text == "translated"

    # The translator's name is not filled in as approver, by the page or the browser.
    assert browser.find_element(By.ID, "approve-by").get_attribute("value") == ""
    # Approving while segment 4 still needs a person is refused with the reasons.
    browser.find_element(By.ID, "approve-by").send_keys("Marie Approuve")
    browser.find_element(By.ID, "approve-button").click()
    wait.until(lambda d: d.find_elements(By.ID, "approve-error"))
    assert "cannot approve" in browser.find_element(By.ID, "approve-error").text

    # Accept segment 4 with its button, then approve.
    browser.get(f"{server}/release/{slug}")
    fourth = browser.find_element(By.CSS_SELECTOR, f"#seg-{ids[3]}")
    fourth.find_element(By.CSS_SELECTOR, ".btn-accept").click()
    wait.until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"#seg-{ids[3]} .badge").text == "translated"
    )
    browser.get(f"{server}/release/{slug}")
    by = browser.find_element(By.ID, "approve-by")
    by.clear()
    by.send_keys("Marie Approuve")
    browser.find_element(By.ID, "approve-button").click()
    wait.until(lambda d: "Approved by Marie Approuve" in d.page_source)
    assert review_data(repo, slug)["approval"]["by"] == "Marie Approuve"
    assert repo.target_path(slug).is_file()


def test_screenshot_of_the_review_page(
    repo: Repository, slug: str, ids: list[str], server: str, browser, tmp_path: Path
) -> None:
    """A release with a bit of everything: a machine draft with a wrong term, a changed
    German sentence, a segment with memory suggestions."""
    from selenium.webdriver.common.by import By

    change_entry(
        repo,
        slug,
        1,
        msgstr="Une délégation officielle du district du Harz s'est rendue à la mi-avril "
        "dans la région partenaire de Belfort, en France.",
        fuzzy=True,
    )
    source = repo.source_path(slug)
    text = source.read_text("utf-8")
    text = text.replace(
        "title: Eine Delegation aus dem Harz war zu Gast",
        "title: Eine Delegation aus dem Harz war erneut zu Gast",
    )
    source.write_text(text, "utf-8")
    browser.get(f"{server}/release/{slug}")
    browser.find_element(By.CSS_SELECTOR, f"#seg-{ids[1]} .badge")
    assert browser.find_elements(By.CSS_SELECTOR, ".segment .diff ins")
    target = tmp_path / "screenshot-review.png"
    if os.environ.get("PRESSE_SCREENSHOTS") == "1":
        target = SCREENSHOT
    browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
    # Side by side on a wide window, stacked on a phone, never scrolling sideways.
    german = browser.find_element(By.CSS_SELECTOR, f"#seg-{ids[1]} .seg-de")
    french = browser.find_element(By.CSS_SELECTOR, f"#seg-{ids[1]} .seg-fr")
    assert (
        german.location["y"] == french.location["y"] and german.location["x"] < french.location["x"]
    )
    browser.set_window_size(390, 844)
    width = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " Array.from(document.querySelectorAll('body *')).filter("
        "e => e.getBoundingClientRect().right > document.documentElement.clientWidth)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)]"
    )
    assert width[0] <= width[1], width[2]
