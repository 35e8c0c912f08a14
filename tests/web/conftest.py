"""Fixtures of the review-page tests: the example office and the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_helpers import set_reviewer

from presse.documents.catalog import entry_id
from presse.documents.release_files import read_catalog
from presse.documents.repository import Repository
from presse.steps.open import open_repository
from presse.web import create_app


@pytest.fixture
def repo(example_repo: Path) -> Repository:
    set_reviewer(example_repo)
    return open_repository(example_repo)


EXAMPLE = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"


@pytest.fixture
def slug(repo: Repository) -> str:
    """The example release (fully translated and reviewed), else the first with a catalog."""
    slugs = [s for s in repo.source_slugs() if repo.catalog_path(s).is_file()]
    assert slugs, "the example office has no catalog"
    return EXAMPLE if EXAMPLE in slugs else slugs[0]


@pytest.fixture
def ids(repo: Repository, slug: str) -> list[str]:
    """The segment ids of the example release, in document order."""
    catalog = read_catalog(repo.catalog_path(slug))
    assert catalog is not None
    return [entry_id(e) for e in catalog.active]


@pytest.fixture
def app(repo: Repository) -> Flask:
    app = create_app(repo, secret_key="test-secret")
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def token(client: FlaskClient) -> str:
    """This client's CSRF token (a page load makes one)."""
    client.get("/")
    with client.session_transaction() as session:
        return session["csrf_token"]


@pytest.fixture
def csrf(client: FlaskClient) -> str:
    return token(client)


@pytest.fixture
def server(repo: Repository, serving) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The review page served on a free local port, in a thread."""
    from werkzeug.serving import make_server

    app = create_app(repo, secret_key="browser-test")
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    with serving(httpd, f"http://127.0.0.1:{httpd.server_port}") as url:
        yield url


@pytest.fixture
def browser(make_browser) -> object:  # type: ignore[no-untyped-def]
    return make_browser(window="1440,1100", lang="en-GB")
