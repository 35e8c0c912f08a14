"""The review page over HTTP (Flask's test client) on a copy of the example office."""

from __future__ import annotations

import hmac
import re
from pathlib import Path

import pytest
from conftest import token
from flask.testing import FlaskClient
from web_helpers import (
    REVIEWER,
    change_entry,
    hidden,
    msgstr_of,
    review_data,
    textarea,
    write_release,
)

from presse.documents.repository import Repository
from presse.steps.status import status
from presse.web import create_app
from presse.web.security import CONTENT_SECURITY_POLICY, is_loopback

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


def page(client: FlaskClient, slug: str) -> str:
    response = client.get(f"/release/{slug}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


# ---------------------------------------------------------------- the list


def test_the_list_shows_state_progress_and_blockers(
    client: FlaskClient, repo: Repository, slug: str
) -> None:
    change_entry(repo, slug, 1, fuzzy=True)
    html = client.get("/").get_data(as_text=True)
    current = status(repo)[0]
    total = sum(current.segments.values())
    assert f'href="/release/{slug}"' in html
    assert current.title in html
    assert f'class="badge badge-{current.state.replace(" ", "-")}"' in html
    assert f"{total - 1}/{total} translated" in html
    assert '<svg class="bar"' in html
    assert "1 segment(s) marked needs work" in html  # what blocks publication


@pytest.fixture
def three(repo: Repository) -> Repository:
    write_release(
        repo.root,
        "2016-10-01-abfallkalender-2017",
        "Zebrastreifen vor der Schule",
        "Der Kreis baut einen Zebrastreifen.",
        "2016-10-01T10:00:00+02:00",
    )
    write_release(
        repo.root,
        "2016-08-01-ausstellung-im-kreishaus",
        "Ausstellung im Kreishaus",
        "Eine Ausstellung wird eröffnet.",
        "2016-08-01T10:00:00+02:00",
    )
    return repo


NEWS = ["2016-10-01-abfallkalender-2017", "2016-08-01-ausstellung-im-kreishaus"]


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="release-row" data-slug="([^"]+)"', html)


def test_the_list_filters_by_state_and_sorts(
    client: FlaskClient, three: Repository, slug: str
) -> None:
    example, news = slug, NEWS
    mine = {example, *news}

    def order_of(html: str) -> list[str]:  # the example office may hold other releases
        return [s for s in rows(html) if s in mine]

    everything = order_of(client.get("/").get_data(as_text=True))
    assert everything == [news[0], example, news[1]]  # newest first by default
    oldest = order_of(client.get("/?sort=date&order=asc").get_data(as_text=True))
    assert oldest == list(reversed(everything))
    by_title = order_of(client.get("/?sort=title&order=asc").get_data(as_text=True))
    assert by_title == [news[1], example, news[0]]  # Ausstellung, Eine Delegation, Zebra
    by_state = order_of(client.get("/?sort=state").get_data(as_text=True))
    assert by_state[-1] == example  # "new" comes before approved/published
    only_new = rows(client.get("/?state=new").get_data(as_text=True))
    assert set(news) <= set(only_new) and example not in only_new
    assert {s.state for s in status(three, only_new)} == {"new"}
    state = status(three, [example])[0].state
    assert example in rows(client.get(f"/?state={state}").get_data(as_text=True))
    assert len(rows(client.get("/?state=bogus&sort=bogus").get_data(as_text=True))) == len(
        three.source_slugs()
    )


# ---------------------------------------------------------------- a release


def test_a_release_shows_german_french_states_and_terms(
    client: FlaskClient, repo: Repository, slug: str, ids: list[str]
) -> None:
    change_entry(repo, slug, 2, fuzzy=True)
    html = page(client, slug)
    assert 'lang="de"' in html and 'lang="fr"' in html
    assert "Eine offizielle Delegation aus dem" in html
    assert textarea(html, ids[1]).startswith("Une délégation officielle")
    assert html.count('class="segment state-') == len(ids)
    assert f'id="seg-{ids[2]}" data-segment="{ids[2]}" data-needs="1"' in html
    # Marked "needs work" in a PO editor: a person's French to look at again, no machine draft.
    assert '<span class="badge badge-needs-work">needs work</span>' in html
    assert "machine draft</span>" not in html and 'class="badge badge-translated"' in html
    # Glossary terms in both languages.
    assert '<mark class="term" title="→ arrondissement de Harz">Landkreis Harz</mark>' in html
    assert '<mark class="term" title="Landkreis Harz">arrondissement de Harz</mark>' in html
    # The preview link; the approve form is not filled in with the reviewer of
    # presse.yaml (often the translator): the approver types their own name.
    assert f'href="/release/{slug}/preview"' in html
    assert 'id="approve-by" name="by" value="" required autocomplete="off"' in html


def test_a_broken_term_is_marked_and_explained(
    client: FlaskClient, repo: Repository, slug: str, ids: list[str]
) -> None:
    wrong = (
        "Une délégation officielle du district du Harz s'est rendue à la mi-avril dans "
        "la région partenaire de Belfort, en France."
    )
    change_entry(repo, slug, 1, msgstr=wrong)
    html = page(client, slug)
    section = html.split(f'id="seg-{ids[1]}"', 1)[1].split("</section>", 1)[0]
    assert '<mark class="term term-missing"' in section  # Landkreis Harz, on the German side
    assert "must be rendered" in section and "arrondissement de Harz" in section
    assert '<mark class="term term-avoid"' in section and ">district du Harz</mark>" in section
    # one finding says both what is missing and what to avoid (issue 17)
    assert "district du Harz&#39; (a wrong rendering)" in section
    assert 'class="finding finding-error"' in section


def test_a_stale_segment_shows_the_german_change_and_the_previous_french(
    client: FlaskClient, repo: Repository, slug: str
) -> None:
    source = repo.source_path(slug)
    text = source.read_text("utf-8")
    source.write_text(text.replace("war Mitte April zu Gast", "war Ende April zu Gast"), "utf-8")
    html = page(client, slug)
    assert 'class="badge badge-stale"' in html
    assert "<del>Mitte</del>" in html and "<ins>Ende</ins>" in html
    assert "The French as written before (by Camille Martin)" in html


def test_suggestions_and_machine_drafts_are_shown(
    client: FlaskClient, repo: Repository, slug: str, ids: list[str]
) -> None:
    change_entry(repo, slug, 3, msgstr="", fuzzy=False)
    path = repo.review_path(slug)
    text = path.read_text("utf-8")
    block = f"  {ids[3]}:\n    state: translated\n"
    assert block in text
    suggestion = (
        f"  {ids[3]}:\n    state: untranslated\n    suggestions:\n    - de: Im Fokus stand\n"
        "      fr: La rencontre a porté sur <b>les échanges</b>\n      score: 87.5\n"
    )
    path.write_text(text.replace(block, suggestion), "utf-8")
    html = page(client, slug)
    section = html.split(f'id="seg-{ids[3]}"', 1)[1].split("</section>", 1)[0]
    assert '<span class="score">88%</span>' in section
    assert "La rencontre a porté sur &lt;b&gt;les échanges&lt;/b&gt;" in section


# ---------------------------------------------------------------- actions


def test_accept_confirms_a_draft(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    change_entry(repo, slug, 0, msgstr="Brouillon du titre", fuzzy=True)
    html = page(client, slug)
    assert f'id="seg-{ids[0]}" data-segment="{ids[0]}" data-needs="1"' in html
    response = client.post(
        f"/release/{slug}/segment/{ids[0]}",
        data={
            "csrf_token": csrf,
            "french": textarea(html, ids[0]),
            "expected_hash": hidden(html, ids[0], "expected_hash"),
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/release/{slug}#seg-{ids[0]}")
    catalog = repo.catalog_path(slug).read_text("utf-8")
    assert '#, fuzzy\nmsgctxt "title"' not in catalog
    assert msgstr_of(repo, slug, 0) == "Brouillon du titre"
    record = review_data(repo, slug)["segments"][ids[0]]
    assert record["state"] == "translated" and record["by"] == REVIEWER
    after = client.get(f"/release/{slug}").get_data(as_text=True)
    assert f"Segment {ids[0]} confirmed by {REVIEWER}." in after


def test_edit_and_accept_writes_the_text(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    html = page(client, slug)
    new = "Une délégation du Harz reçue dans la région partenaire de Belfort"
    response = client.post(
        f"/release/{slug}/segment/{ids[0]}",
        data={
            "csrf_token": csrf,
            "french": f"  {new}\r\n",
            "expected_hash": hidden(html, ids[0], "expected_hash"),
        },
    )
    assert response.status_code == 303
    assert msgstr_of(repo, slug, 0) == new
    data = review_data(repo, slug)
    assert data["segments"][ids[0]]["by"] == REVIEWER
    assert data["segments"][ids[0]]["origin"] == {"person": REVIEWER}
    assert textarea(page(client, slug), ids[0]) == new


def test_accept_by_script_answers_json_with_the_next_segment(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    change_entry(repo, slug, 0, fuzzy=True)
    change_entry(repo, slug, 4, fuzzy=True)
    html = page(client, slug)
    response = client.post(
        f"/release/{slug}/segment/{ids[0]}",
        data={
            "csrf_token": csrf,
            "french": textarea(html, ids[0]),
            "expected_hash": hidden(html, ids[0], "expected_hash"),
        },
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    reply = response.get_json()
    assert reply["state"] == "translated" and reply["next"] == ids[4] and reply["todo"] == 1


def test_an_empty_text_is_refused_with_the_reason(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    before = repo.catalog_path(slug).read_bytes()
    response = client.post(
        f"/release/{slug}/segment/{ids[0]}", data={"csrf_token": csrf, "french": "  "}
    )
    assert response.status_code == 400
    assert "an empty translation cannot be confirmed" in response.get_data(as_text=True)
    assert repo.catalog_path(slug).read_bytes() == before


def test_a_concurrent_change_is_refused_and_nothing_typed_is_lost(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    html = page(client, slug)
    started_from = hidden(html, ids[1], "expected_hash")
    theirs = "Version enregistrée dans Poedit par une collègue."
    change_entry(repo, slug, 1, msgstr=theirs)
    before = repo.catalog_path(slug).read_bytes()
    mine = "Ma version <em>tapée</em> dans le navigateur."
    response = client.post(
        f"/release/{slug}/segment/{ids[1]}",
        data={"csrf_token": csrf, "french": mine, "expected_hash": started_from},
    )
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "changed since you opened it" in body
    assert theirs in body.split(f'id="seg-{ids[1]}"', 1)[1]
    assert textarea(body, ids[1]) == "Ma version &lt;em&gt;tapée&lt;/em&gt; dans le navigateur."
    assert repo.catalog_path(slug).read_bytes() == before
    assert msgstr_of(repo, slug, 1) == theirs
    # Accepting again, now knowingly over the version on disk, saves the typed text.
    again = client.post(
        f"/release/{slug}/segment/{ids[1]}",
        data={
            "csrf_token": csrf,
            "french": mine,
            "expected_hash": hidden(body, ids[1], "expected_hash"),
        },
    )
    assert again.status_code == 303
    assert msgstr_of(repo, slug, 1) == mine


# ---------------------------------------------------------------- approval


def test_approval_is_refused_with_reasons_then_recorded_when_ready(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    original = msgstr_of(repo, slug, 2)
    change_entry(repo, slug, 2, msgstr="Brouillon automatique.", fuzzy=True)
    before = review_data(repo, slug).get("approval")
    refused = client.post(f"/release/{slug}/approve", data={"csrf_token": csrf, "by": "Jana"})
    assert refused.status_code == 409
    body = refused.get_data(as_text=True)
    assert "cannot approve" in body and "marked needs work" in body
    assert review_data(repo, slug).get("approval") == before

    html = page(client, slug)
    # The reviewer's French differs from what was approved: a new approval is recorded.
    corrected = original.replace("Animés par la volonté", "Portés par la volonté")
    client.post(
        f"/release/{slug}/segment/{ids[2]}",
        data={
            "csrf_token": csrf,
            "french": corrected,
            "expected_hash": hidden(html, ids[2], "expected_hash"),
        },
    )
    approved = client.post(
        f"/release/{slug}/approve", data={"csrf_token": csrf, "by": "Marie Approuve"}
    )
    assert approved.status_code == 303, approved.get_data(as_text=True)
    data = review_data(repo, slug)
    assert data["approval"]["by"] == "Marie Approuve"
    assert (
        data["events"][-1]["event"] == "approved" and data["events"][-1]["by"] == "Marie Approuve"
    )
    french = repo.target_path(slug).read_text("utf-8")
    assert "approved_by: Marie Approuve" in french
    assert "Approved by Marie Approuve" in page(client, slug)


# ---------------------------------------------------------------- the preview


def test_the_preview_renders_the_french_page(
    client: FlaskClient, repo: Repository, slug: str
) -> None:
    change_entry(repo, slug, 3, msgstr="Texte avec " + XSS_SCRIPT + " et : deux-points")
    response = client.get(f"/release/{slug}/preview")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert "<h1>Une délégation du Harz en visite dans la région partenaire de Belfort</h1>" in html
    assert "<p>Une délégation officielle de l’arrondissement de Harz" in html  # typography
    assert "et\u00a0: deux-points" in html
    assert XSS_SCRIPT not in html
    assert client.get(f"/release/{slug}/preview?fragment=1").status_code == 200
    css = client.get("/site.css")
    assert css.status_code == 200 and css.mimetype == "text/css"


# ---------------------------------------------------------------- security


def test_posts_without_the_right_csrf_token_are_rejected(
    client: FlaskClient, repo: Repository, slug: str, ids: list[str]
) -> None:
    before = repo.catalog_path(slug).read_bytes()
    url = f"/release/{slug}/segment/{ids[0]}"
    token(client)
    assert client.post(url, data={"french": "Sans jeton"}).status_code == 403
    assert client.post(url, data={"french": "Faux", "csrf_token": "x" * 43}).status_code == 403
    other = create_app(repo, secret_key="test-secret").test_client()
    foreign = token(other)  # a token of another session is no good either
    assert client.post(url, data={"french": "Autre", "csrf_token": foreign}).status_code == 403
    response = client.post(f"/release/{slug}/approve", data={"by": "X"})
    assert response.status_code == 403
    assert repo.catalog_path(slug).read_bytes() == before


@pytest.mark.parametrize(
    "path",
    [
        "/release/../presse.yaml",
        "/release/..%2f..%2fpresse.yaml",
        "/release/%2e%2e%2fpresse.yaml",
        "/release/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/release/%2e%2e",
        "/release/..",
        "/release/presse.yaml",
        "/release/2016-09-08-does-not-exist",
        "/release/..%2freleases%2fde%2f{slug}",
        "/release/{slug}.md",
        "/release/{slug}%2f..%2f..%2fpresse.yaml/preview",
        "/static/../presse.yaml",
        "/static/..%2f..%2f..%2fpresse.yaml",
    ],
)
def test_only_releases_of_the_repository_can_be_reached(
    client: FlaskClient, slug: str, path: str
) -> None:
    response = client.get(path.format(slug=slug))
    assert response.status_code == 404
    assert "Landkreis Harz" not in response.get_data(as_text=True).split("</header>", 1)[1]


def test_posts_to_unknown_releases_or_segments_are_404(
    client: FlaskClient, csrf: str, slug: str
) -> None:
    data = {"csrf_token": csrf, "french": "x"}
    assert client.post("/release/..%2fpresse.yaml/segment/abc", data=data).status_code == 404
    assert client.post(f"/release/{slug}/segment/000000000000", data=data).status_code == 404
    assert client.post("/release/nope/approve", data=data).status_code == 404


@pytest.mark.parametrize("path", ["/", "/release/{slug}", "/release/{slug}/preview", "/nope"])
def test_every_response_carries_the_security_headers(
    client: FlaskClient, slug: str, path: str
) -> None:
    response = client.get(path.format(slug=slug))
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert re.findall(r"<script[^>]*>", html) == [
        s for s in re.findall(r"<script[^>]*>", html) if 'src="/static/' in s
    ]


def test_the_session_cookie_is_httponly_and_samesite(client: FlaskClient) -> None:
    cookie = client.get("/").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_without_a_password_only_loopback_names_are_answered(client: FlaskClient) -> None:
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 400


def test_text_from_releases_and_catalogs_is_escaped(
    client: FlaskClient, repo: Repository, slug: str, ids: list[str]
) -> None:
    bad = "2016-09-20-sicherheitshinweis"
    write_release(
        repo.root,
        bad,
        '"Achtung <script>alert(1)</script>"',
        f"Ein Satz mit {XSS_SCRIPT} darin. Ein Bild {XSS_IMG} ohne Wirkung.",
        "2016-09-20T10:00:00+02:00",
    )
    change_entry(repo, slug, 1, msgstr=f"Une traduction {XSS_IMG} piégée {XSS_SCRIPT}.")
    pages = [
        client.get("/").get_data(as_text=True),
        page(client, bad),
        page(client, slug),
        client.get(f"/release/{bad}/preview").get_data(as_text=True),
        client.get(f"/release/{slug}/preview").get_data(as_text=True),
    ]
    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html and "onerror=alert(1)>" not in html.replace("&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1]
    assert "&lt;img src=x onerror=alert(1)&gt;" in textarea(pages[2], ids[1])


# ---------------------------------------------------------------- login


@pytest.fixture
def locked(repo: Repository) -> FlaskClient:
    app = create_app(repo, password="correct horse", secret_key="test-secret")
    return app.test_client()


def test_with_a_password_every_page_needs_a_login(
    locked: FlaskClient, slug: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = locked.get(f"/release/{slug}")
    assert first.status_code == 302
    assert "/login?next=" in first.headers["Location"]
    assert locked.get("/").status_code == 302
    assert locked.get("/", headers={"Host": "192.0.2.7:8000"}).status_code == 302

    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a, b):  # type: ignore[no-untyped-def]
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    monkeypatch.setattr("presse.web.views.FAILED_LOGIN_DELAY", 0)
    login = locked.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    wrong = locked.post(
        "/login", data={"csrf_token": csrf, "password": "Correct horse", "next": "/"}
    )
    assert wrong.status_code == 401 and "wrong password" in wrong.get_data(as_text=True)
    assert (b"Correct horse", b"correct horse") in compared
    assert locked.get("/").status_code == 302
    assert locked.post("/login", data={"password": "correct horse"}).status_code == 403

    right = locked.post(
        "/login",
        data={
            "csrf_token": csrf,
            "password": "correct horse",
            "name": "Claire Relecture",
            "next": f"/release/{slug}",
        },
    )
    assert right.status_code == 303 and right.headers["Location"].endswith(f"/release/{slug}")
    html = locked.get(f"/release/{slug}").get_data(as_text=True)
    assert 'id="whoami-name" name="name" value="Claire Relecture"' in html
    assert 'id="approve-by" name="by" value=""' in html  # an approver types their name
    # The session starts afresh at login: the old token is gone.
    with locked.session_transaction() as session:
        assert session.get("csrf_token") != csrf
    assert "Log out" in html


def test_login_redirects_only_to_this_site(locked: FlaskClient) -> None:
    login = locked.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    response = locked.post(
        "/login",
        data={"csrf_token": csrf, "password": "correct horse", "next": "//evil.example/"},
    )
    assert response.headers["Location"] in ("/", "http://localhost/")


# ---------------------------------------------------------------- presse serve


def test_serve_refuses_another_address_without_a_password(
    run_presse, example_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from presse.cli.main import cli

    monkeypatch.delenv("PRESSE_SERVE_PASSWORD", raising=False)
    result = CliRunner().invoke(cli, ["--repo", str(example_repo), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "PRESSE_SERVE_PASSWORD" in result.output


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert is_loopback("[::1]") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.org")
