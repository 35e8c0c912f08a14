"""In a real headless Chromium: open a German release, switch language, land on the French."""

from __future__ import annotations

import functools
import http.server
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_fixture import APPROVED, Built

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-release.png"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(built: Built, serving) -> Iterator[str]:  # type: ignore[no-untyped-def]
    handler = functools.partial(QuietHandler, directory=str(built.out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with serving(httpd, f"http://127.0.0.1:{httpd.server_address[1]}/") as url:
        yield url


@pytest.fixture
def browser(make_browser) -> object:  # type: ignore[no-untyped-def]
    return make_browser(window="1100,1000", lang="de-DE")


def test_language_switcher_leads_to_the_french_counterpart(
    built: Built, server: str, browser, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}de/{APPROVED}/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kreistag beschließt Haushalt 2017"

    target = tmp_path / "screenshot-release.png"
    if os.environ.get("PRESSE_SCREENSHOTS") == "1":
        target = SCREENSHOT
    french_url = f"{server}fr/2016-09-08-le-conseil-de-l-arrondissement-adopte-le-budget-2017/"

    browser.find_element(By.CSS_SELECTOR, "nav.switcher a[hreflang='fr']").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(french_url))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert browser.title.startswith("Le conseil de l’arrondissement adopte le budget 2017")
    assert (
        browser.find_element(By.TAG_NAME, "h1").text
        == "Le conseil de l’arrondissement adopte le budget 2017"
    )
    # The style sheet loaded (the header bar is coloured), and nothing scrolls sideways
    # on a phone-sized window.
    header = browser.find_element(By.CSS_SELECTOR, ".site-header")
    assert header.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "")
    browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000

    browser.set_window_size(390, 844)
    width = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1]
    browser.find_element(By.CSS_SELECTOR, "nav.switcher a[hreflang='de']").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(f"{server}de/{APPROVED}/"))
