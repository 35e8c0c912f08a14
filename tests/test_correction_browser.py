"""In a real headless Chromium: the French page of a release through a German correction
(the note while the new French waits for approval, the "corrected" marker after)."""

from __future__ import annotations

import functools
import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest
from correction_helpers import (
    APPROVED,
    FRENCH_PAGE,
    OLD_FRENCH,
    PENDING,
    approve_again,
    edit_german,
    translate_again,
)

from presse.steps.open import open_repository
from presse.steps.publish import build


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        # The test rebuilds the site within a second of the browser reading it, and
        # http.server compares If-Modified-Since in whole seconds: it would answer
        # "304 Not Modified" and the browser show the page of the build before.
        del self.headers["If-Modified-Since"]
        return super().send_head()


@pytest.fixture
def site(example_repo: Path, serving) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The example's site, built once before the server starts and rebuilt in place."""
    build(open_repository(example_repo))
    handler = functools.partial(QuietHandler, directory=str(example_repo / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with serving(httpd, f"http://127.0.0.1:{httpd.server_address[1]}/") as url:
        yield url


def test_the_french_page_through_a_german_correction(
    example_repo: Path, site: str, make_browser
) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser = make_browser(window="1100,1000", lang="fr-FR")
    repo = open_repository(example_repo)
    french_url = site + FRENCH_PAGE.removesuffix("index.html")
    browser.get(french_url)
    assert not browser.find_elements(By.CSS_SELECTOR, ".correction-pending")
    assert not browser.find_elements(By.CSS_SELECTOR, ".correction")

    edit_german(repo)
    build(repo)
    # A reader of the German page still finds the French, and on it the note.
    browser.get(f"{site}de/{APPROVED}/")
    browser.find_element(By.CSS_SELECTOR, "nav.switcher a[hreflang='fr']").click()
    WebDriverWait(browser, 30).until(expected_conditions.url_to_be(french_url))
    note = browser.find_element(By.CSS_SELECTOR, ".correction-pending")
    assert note.is_displayed() and note.text.startswith(PENDING)
    assert note.text.endswith("la traduction suit.")
    assert note.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "")
    assert OLD_FRENCH in browser.find_element(By.CSS_SELECTOR, ".body").text
    assert not browser.find_elements(By.CSS_SELECTOR, ".correction")

    translate_again(repo)
    approve_again(repo)
    build(repo)
    browser.refresh()
    WebDriverWait(browser, 30).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, ".correction-pending")
    )
    marker = browser.find_element(By.CSS_SELECTOR, ".correction")
    assert marker.is_displayed() and marker.text.startswith("Corrigé le ")
    body = browser.find_element(By.CSS_SELECTOR, ".body").text
    assert "à la fin avril" in body and OLD_FRENCH not in body


def test_a_withdrawn_french_page_says_so(example_repo: Path, site: str, make_browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    from presse.steps.withdraw import withdraw

    repo = open_repository(example_repo)
    withdraw(repo, APPROVED, "Jana Schulz", "Un chiffre était faux.")
    build(repo)
    browser = make_browser(window="1100,1000", lang="fr-FR")
    browser.get(site + FRENCH_PAGE.removesuffix("index.html"))
    notice = browser.find_element(By.CSS_SELECTOR, ".withdrawn")
    assert notice.is_displayed()
    assert "Traduction retirée" in notice.text and "Un chiffre était faux." in notice.text
    assert not browser.find_elements(By.CSS_SELECTOR, ".body")
    notice.find_element(By.CSS_SELECTOR, "a[hreflang='de']").click()
    assert browser.current_url == f"{site}de/{APPROVED}/"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
