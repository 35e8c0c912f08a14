"""The routes of the review page. Every change goes through the core's functions."""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from presse.documents.catalog import text_hash
from presse.documents.release_files import ReleaseFiles
from presse.documents.repository import Repository, now_iso
from presse.errors import PresseError
from presse.site.pages import make_environment
from presse.site.render import renderer
from presse.site.typography import french_text
from presse.steps.approve import approve, french_texts
from presse.steps.merge import merge, unmerge
from presse.steps.people import reviewer_name
from presse.steps.review import (
    ConcurrentEdit,
    confirm,
    confirm_read,
    current_files,
    dismiss,
    reopen,
    segments_of,
)
from presse.steps.standing import RELEASE_STATES
from presse.steps.status import status
from presse.web import live, present, security

blueprint = Blueprint("review", __name__)
# Threads of this server take turns on writes; the repository lock keeps other processes out.
WRITE_LOCK = threading.Lock()
FAILED_LOGIN_DELAY = 0.5


def repo() -> Repository:
    return current_app.config["PRESSE_REPO"]


def known_slug(slug: str) -> str:
    """The slug when it names a German release of the repository; 404 otherwise."""
    if slug not in repo().source_slugs():
        abort(404)
    return slug


def error_text(error: PresseError) -> str:
    """One line: the file relative to the repository, the line, the message."""
    if error.path is None:
        return error.message
    try:
        where = error.path.resolve().relative_to(repo().root).as_posix()
    except (ValueError, OSError):
        where = error.path.name
    if error.line is not None:
        where = f"{where}:{error.line}"
    return f"{where}: {error.message}"


def default_name() -> str | None:
    """The name to record: the one given in this session (or at login), presse.yaml, git."""
    try:
        return reviewer_name(repo(), session.get("name") or None)
    except PresseError:
        return None


def require_name() -> str:
    name = default_name()
    if not name:
        raise PresseError(
            "who is this? enter your name at the top of the page, or set review.reviewer "
            "in presse.yaml"
        )
    return name


# ---------------------------------------------------------------- the list


@blueprint.get("/")
def releases() -> str:
    state = request.args.get("state") or None
    if state not in RELEASE_STATES:
        state = None
    sort = request.args.get("sort", "date")
    if sort not in present.SORT_KEYS:
        sort = "date"
    order = request.args.get("order") or ("desc" if sort == "date" else "asc")
    if order not in ("asc", "desc"):
        order = "asc"
    statuses = status(repo())
    counts = {name: sum(1 for s in statuses if s.state == name) for name in RELEASE_STATES}
    rows = present.list_rows(statuses, state, sort, order == "desc")
    return render_template(
        "review/list.html",
        rows=rows,
        state=state,
        sort=sort,
        order=order,
        states=RELEASE_STATES,
        counts=counts,
        total=len(statuses),
    )


# ---------------------------------------------------------------- one release


def load(slug: str) -> ReleaseFiles:
    return current_files(repo(), slug, now_iso(repo()))


def render_release(
    slug: str,
    *,
    overrides: dict[str, dict[str, Any]] | None = None,
    approve_error: str | None = None,
    by: str | None = None,
    status_code: int = 200,
) -> tuple[str, int]:
    files = load(slug)
    views = live.segment_views(repo(), files)
    for view in views:
        for name, value in (overrides or {}).get(view.id, {}).items():
            setattr(view, name, value)
    html = render_template(
        "review/release.html",
        **live.page_context(repo(), slug, files, views),
        approve_error=approve_error,
        approver=by or "",  # never the page's name, which is often the translator's
        state_labels=present.STATE_LABELS,
    )
    return html, status_code


@blueprint.get("/release/<slug>")
def release(slug: str) -> tuple[str, int]:
    return render_release(known_slug(slug))


@blueprint.post("/release/<slug>/segment/<segment_id>")
def accept(slug: str, segment_id: str) -> Any:
    slug = known_slug(slug)
    french = request.form.get("french", "")
    expected = request.form.get("expected_hash") or None
    if segment_id not in {s.id for s in segments_of(load(slug))}:
        abort(404)
    try:
        name = require_name()
        with WRITE_LOCK, repo().lock():
            files = confirm(repo(), slug, segment_id, french, name, expected_hash=expected)
    except ConcurrentEdit as conflict:
        overrides = {
            segment_id: {
                "french_value": french,
                "conflict": conflict.current,
                "expected_hash": text_hash(conflict.current),
                "error": conflict.message + "; accept again to replace it with yours",
            }
        }
        if wants_json():
            return jsonify(error=conflict.message, current=conflict.current), 409
        return render_release(slug, overrides=overrides, status_code=409)
    except PresseError as error:
        if wants_json():
            return jsonify(error=error_text(error)), 400
        overrides = {segment_id: {"french_value": french, "error": error_text(error)}}
        return render_release(slug, overrides=overrides, status_code=400)
    if wants_json():
        return jsonify(reply_for(slug, files, segment_id))
    flash(f"Segment {segment_id} confirmed by {name}.")
    return redirect(url_for("review.release", slug=slug, _anchor=f"seg-{segment_id}"), 303)


def reply_for(slug: str, files: ReleaseFiles, segment_id: str) -> dict[str, Any]:
    """What the page's script needs after a save: the segment, the fresh parts of the page."""
    view = next(v for v in live.segment_views(repo(), files) if v.id == segment_id)
    return {
        "id": segment_id,
        "state": view.state,
        "state_label": view.state_label,
        "french": view.segment.french,
        "french_hash": view.expected_hash,
        "problems": [{"severity": p.severity, "message": p.message} for p in view.problems],
        # N:M segments: the segment whose French covers this one, or those this one covers.
        "merged_into": view.segment.merged_into,
        "covers": list(view.segment.covers),
        **live.fresh_parts(repo(), slug, files, [segment_id]),
    }


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def refused(slug: str, error: PresseError) -> Any:
    """A change the core refused: the reason, as JSON or on the page (nothing written)."""
    if wants_json():
        return jsonify(error=error_text(error)), 400
    flash(error_text(error), "error")
    return redirect(url_for("review.release", slug=slug), 303)


@blueprint.post("/release/<slug>/confirm-read")
def confirm_read_segments(slug: str) -> Any:
    """Confirm, as they are, the segments the person ticked as read (never "all")."""
    slug = known_slug(slug)
    read = dict(item.partition(":")[::2] for item in request.form.getlist("read"))
    try:
        name = require_name()
        with WRITE_LOCK, repo().lock():
            files = confirm_read(repo(), slug, read, name)
    except PresseError as error:
        return refused(slug, error)
    if wants_json():
        return jsonify(live.fresh_parts(repo(), slug, files, list(read)))
    flash(f"{len(read)} segment(s) confirmed by {name}.")
    return redirect(url_for("review.release", slug=slug), 303)


@blueprint.post("/release/<slug>/segment/<segment_id>/reopen")
def reopen_segment(slug: str, segment_id: str) -> Any:
    """Mark a confirmed segment as needing work again; its French stays."""
    slug = known_slug(slug)
    try:
        name = require_name()
        with WRITE_LOCK, repo().lock():
            files = reopen(repo(), slug, segment_id, name)
    except PresseError as error:
        return refused(slug, error)
    if wants_json():
        return jsonify(live.fresh_parts(repo(), slug, files, [segment_id]))
    flash(f"Segment {segment_id} reopened by {name}.")
    return redirect(url_for("review.release", slug=slug, _anchor=f"seg-{segment_id}"), 303)


@blueprint.post("/release/<slug>/segment/<segment_id>/dismiss")
def dismiss_finding(slug: str, segment_id: str) -> Any:
    """Dismiss one finding of one segment, with the person's reason."""
    slug = known_slug(slug)
    form = request.form
    try:
        name = require_name()
        with WRITE_LOCK, repo().lock():
            files = dismiss(
                repo(), slug, segment_id, form.get("check", ""), form.get("message", ""),
                form.get("reason", ""), name,
            )  # fmt: skip
    except PresseError as error:
        return refused(slug, error)
    if wants_json():
        return jsonify(live.fresh_parts(repo(), slug, files, [segment_id]))
    flash(f"Finding dismissed by {name}.")
    return redirect(url_for("review.release", slug=slug, _anchor=f"seg-{segment_id}"), 303)


def merge_count(form_value: str | None) -> int:
    """How many following segments the merge form asks for (1 when not given)."""
    text = (form_value or "1").strip()
    if not text.isdigit() or int(text) < 1:
        raise PresseError("say how many following segments the French covers (1 or more)")
    return int(text)


@blueprint.post("/release/<slug>/segment/<segment_id>/merge")
def merge_segment(slug: str, segment_id: str) -> Any:
    """The French of this segment covers the German of the next one(s) of its paragraph."""
    slug = known_slug(slug)
    try:
        count = merge_count(request.form.get("count"))
        name = require_name()
        with WRITE_LOCK, repo().lock():
            files = merge(repo(), slug, segment_id, count, name)
    except PresseError as error:
        return refused(slug, error)
    if wants_json():
        changed = live.merge_group(files, segment_id)
        return jsonify(live.fresh_parts(repo(), slug, files, changed))
    flash(f"{count} segment(s) after segment {segment_id} merged into it by {name}.")
    return redirect(url_for("review.release", slug=slug, _anchor=f"seg-{segment_id}"), 303)


@blueprint.post("/release/<slug>/segment/<segment_id>/unmerge")
def unmerge_segment(slug: str, segment_id: str) -> Any:
    """Undo the merge this segment is part of: each covered segment needs its French."""
    slug = known_slug(slug)
    try:
        name = require_name()
        with WRITE_LOCK, repo().lock():
            changed = live.merge_group(load(slug), segment_id)
            files = unmerge(repo(), slug, segment_id, name)
    except PresseError as error:
        return refused(slug, error)
    if wants_json():
        return jsonify(live.fresh_parts(repo(), slug, files, changed))
    flash(f"The merge of segment {segment_id} undone by {name}.")
    return redirect(url_for("review.release", slug=slug, _anchor=f"seg-{segment_id}"), 303)


@blueprint.post("/release/<slug>/approve")
def approve_release(slug: str) -> Any:
    slug = known_slug(slug)
    # Only the name typed in the approval form: the page's name is often the translator's.
    by = " ".join(request.form.get("by", "").split())
    try:
        if not by:
            raise PresseError("who approves? enter your name")
        with WRITE_LOCK, repo().lock():
            result = approve(repo(), slug, by)
    except PresseError as error:
        return render_release(slug, approve_error=error_text(error), by=by, status_code=409)
    flash(result.message)
    return redirect(url_for("review.release", slug=slug, _anchor="approve"), 303)


# ---------------------------------------------------------------- the preview


@blueprint.get("/release/<slug>/preview")
def preview(slug: str) -> str:
    slug = known_slug(slug)
    files = load(slug)
    title, summary, body = french_texts(files)
    missing = sum(1 for s in segments_of(files) if not s.french and not s.merged_into)
    context = {
        "slug": slug,
        "release": files.release,
        "title": french_text(title, after_inline=False) if title else "",
        "summary": french_text(summary, after_inline=False) if summary else None,
        "body_html": Markup(renderer().html(body, "fr")),
        "missing": missing,
        "office": repo().config.office_names.name("fr"),  # a French page
    }
    if request.args.get("fragment"):
        return render_template("review/preview_body.html", **context)
    return render_template("review/preview.html", **context)


@blueprint.get("/site.css")
def site_css() -> Response:
    """The published site's style sheet (the office's override first), for the preview."""
    env = make_environment(repo().templates_dir)
    assert env.loader is not None
    source = env.loader.get_source(env, "assets/presse.css")[0]
    return Response(source, mimetype="text/css")


# ---------------------------------------------------------------- who is working


@blueprint.post("/name")
def set_name() -> Any:
    name = " ".join(request.form.get("name", "").split())
    if name:
        session["name"] = name[:100]
    else:
        session.pop("name", None)
    return redirect(security.safe_next(request.form.get("next")), 303)


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Any:
    password = current_app.config["PRESSE_PASSWORD"]
    target = security.safe_next(request.values.get("next"))
    if not password:
        return redirect(target)
    error = None
    if request.method == "POST":
        if security.password_matches(request.form.get("password", ""), password):
            name = " ".join(request.form.get("name", "").split())[:100]
            session.clear()
            session["authenticated"] = True
            if name:
                session["name"] = name
            return redirect(target, 303)
        time.sleep(FAILED_LOGIN_DELAY)
        error = "wrong password"
    status_code = 401 if error else 200
    return render_template("review/login.html", error=error, next=target), status_code


@blueprint.post("/logout")
def logout() -> Any:
    session.clear()
    return redirect(url_for("review.login"), 303)


# ---------------------------------------------------------------- errors


def register_errors(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        if error.code is None or error.code < 400:
            return error
        messages = {
            404: "There is no such page or release here.",
            403: "The form's security token is missing or out of date; reload the page.",
        }
        message = messages.get(error.code) or error.description or error.name
        html = render_template(
            "review/error.html", code=error.code, title=error.name, message=message
        )
        return html, error.code

    @app.errorhandler(PresseError)
    def presse_error(error: PresseError) -> Any:
        html = render_template(
            "review/error.html",
            code=400,
            title="A problem with the files",
            message=error_text(error),
        )
        return html, 400
