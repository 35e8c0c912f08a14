"""The review page's Approve goes through the one approval rule (#16): the same refusals
and messages as ``presse approve``, and the page's name is never taken as the approver."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import EXAMPLE, token
from flask.testing import FlaskClient
from tree_helpers import snapshot
from web_helpers import change_entry, msgstr_of, review_data, set_reviewer

from presse.documents.repository import Repository
from presse.steps.open import open_repository
from presse.web import create_app

RunPresse = Callable[..., Result]


@pytest.fixture
def four_eyes_repo(example_repo: Path) -> Repository:
    """The example office with ``review.four_eyes`` turned on (the demo has it off)."""
    config = example_repo / "presse.yaml"
    text = config.read_text("utf-8")
    assert "  four_eyes: false\n" in text
    config.write_text(text.replace("  four_eyes: false\n", "  four_eyes: true\n"), "utf-8")
    set_reviewer(example_repo)
    return open_repository(example_repo)


def drop_a_word(repo: Repository, slug: str) -> None:
    """A correction in Poedit by the PO's Last-Translator (the example's translator)."""
    change_entry(repo, slug, 1, msgstr=msgstr_of(repo, slug, 1).replace("officielle ", ""))


def post_approve(client: FlaskClient, csrf: str, slug: str, by: str) -> tuple[int, str]:
    response = client.post(
        f"/release/{slug}/approve", data={"csrf_token": csrf, "by": by}, follow_redirects=True
    )
    return response.status_code, response.get_data(as_text=True)


def test_the_page_and_the_command_refuse_the_translator_with_the_same_message(
    four_eyes_repo: Repository, run_presse: RunPresse
) -> None:
    repo, slug = four_eyes_repo, EXAMPLE
    app = create_app(repo, secret_key="test-secret")
    app.config["TESTING"] = True
    client = app.test_client()
    csrf = token(client)
    # The translator (the PO's Last-Translator) corrects a segment in Poedit: a new
    # text, to be approved again.
    drop_a_word(repo, slug)
    before = snapshot(repo.root, skip_local_state=True)
    code, body = post_approve(client, csrf, slug, "Camille Martin")
    assert code == 409
    command = run_presse("--repo", str(repo.root), "approve", slug, "--by", "Camille Martin")
    assert command.exit_code == 1
    [message] = command.stderr.strip().splitlines()
    assert "Camille Martin is the last translator of segment(s) 1 (" in message
    assert "and 11 more" in message  # 19 segments: eight named
    # The page shows the very same line (the command line prefixes "presse: ").
    assert message.removeprefix("presse: ").replace("'", "&#39;") in body
    assert snapshot(repo.root, skip_local_state=True) == before

    code, body = post_approve(client, csrf, slug, "Marie Approuve")
    assert code == 200 and "Approved by Marie Approuve" in body
    assert review_data(repo, slug)["approval"]["by"] == "Marie Approuve"


def test_approve_without_a_typed_name_is_refused_whatever_the_page_name(
    client: FlaskClient, csrf: str, repo: Repository, slug: str
) -> None:
    client.post("/name", data={"csrf_token": csrf, "name": "Camille Martin"})
    drop_a_word(repo, slug)
    before = review_data(repo, slug)["approval"]
    code, body = post_approve(client, csrf, slug, "")
    assert code == 409 and "who approves? enter your name" in body
    assert review_data(repo, slug)["approval"] == before
    assert 'id="approve-by" name="by" value=""' in body  # not filled with Camille Martin


def test_approving_an_approved_release_again_says_so_and_changes_nothing(
    client: FlaskClient, csrf: str, repo: Repository, slug: str
) -> None:
    client.get(f"/release/{slug}")  # the page merges nothing into the files by looking
    before = snapshot(repo.root, skip_local_state=True)
    code, body = post_approve(client, csrf, slug, "Marie Approuve")
    assert code == 200
    assert "Already approved by Jana Schulz" in body, body[
        body.find("flash") : body.find("flash") + 300
    ]
    assert snapshot(repo.root, skip_local_state=True) == before
