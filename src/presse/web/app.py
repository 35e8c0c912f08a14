"""The Flask app of the review page: settings, security hooks, templates."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, abort, redirect, request, session, url_for
from jinja2 import ChoiceLoader, FileSystemLoader

from presse.documents.repository import Repository
from presse.web import security

DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_TEMPLATES = DATA / "templates"
STATIC = DATA / "static" / "review"
OPEN_ENDPOINTS = frozenset({"review.login", "static"})


def create_app(
    repo: Repository,
    *,
    password: str | None = None,
    secret_key: str | None = None,
    loopback_only: bool | None = None,
) -> Flask:
    """The review page for ``repo``.

    With ``password`` every page asks for a login first. Without one the page answers
    only to requests addressed to a loopback name (``loopback_only``, on by default
    then), so a web page elsewhere cannot reach it by DNS rebinding.
    """
    app = Flask(
        "presse.web",
        static_folder=str(STATIC),
        static_url_path="/static",
        template_folder=None,
    )
    loaders = []
    if repo.templates_dir.is_dir():
        loaders.append(FileSystemLoader(str(repo.templates_dir)))
    loaders.append(FileSystemLoader(str(DEFAULT_TEMPLATES)))
    app.jinja_loader = ChoiceLoader(loaders)  # type: ignore[assignment]
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_hex(32),
        SESSION_COOKIE_NAME="presse_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        MAX_CONTENT_LENGTH=1024 * 1024,
        PRESSE_REPO=repo,
        PRESSE_PASSWORD=password or None,
        PRESSE_LOOPBACK_ONLY=(password is None) if loopback_only is None else loopback_only,
    )
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.before_request
    def guard():  # type: ignore[no-untyped-def]
        if not security.host_allowed(request.host, app.config["PRESSE_LOOPBACK_ONLY"]):
            abort(400, "this page answers only to localhost")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            given = request.form.get(security.CSRF_FIELD) or request.headers.get(
                security.CSRF_HEADER
            )
            if not security.csrf_valid(given):
                abort(403, "the form's security token is missing or out of date; reload the page")
        locked = app.config["PRESSE_PASSWORD"] and not session.get("authenticated")
        if locked and request.endpoint not in OPEN_ENDPOINTS:
            return redirect(url_for("review.login", next=request.full_path.rstrip("?")))
        return None

    app.after_request(security.add_security_headers)

    @app.context_processor
    def helpers():  # type: ignore[no-untyped-def]
        return {
            "csrf_token": security.csrf_token,
            "office": repo.config.office,
            "login_required": bool(app.config["PRESSE_PASSWORD"]),
        }

    from presse.web.views import blueprint, register_errors

    app.register_blueprint(blueprint)
    register_errors(app)
    return app
