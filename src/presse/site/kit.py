"""The republication kit for the partner region: ``<out>/partner/``.

For every published French release, five files named after the French slug:

* ``<fr-slug>.html``: an HTML fragment without the site's layout, to paste into a CMS;
* ``<fr-slug>.md``: Markdown with front matter (raw HTML in it neutralised);
* ``<fr-slug>.txt``: plain text;
* ``<fr-slug>.json``: the metadata (and the fragment), for an automatic import;
* ``<fr-slug>.ninjs.json``: the same as an IPTC ninjs 3.1 news object, for news agencies
  and newsroom systems (see :mod:`presse.site.ninjs`).

Each carries the attribution ("Communiqué de la Ville de …, traduit de l’allemand":
``office.name_fr`` after *de*, see :mod:`presse.documents.office`; with a link to the
original German page), the licence from ``partner.licence`` / ``partner.licence_url``,
and the office's French page as the canonical URL (the
fragment has it as ``data-canonical-url`` and as a visible link: a ``<link
rel=canonical>`` cannot live in a page's body; the JSON has ``canonical_url`` for the
partner's page head). The partner's Atom feed (``partner/feed.xml``) carries the same
fragments.

Each file says how the French stands (``status`` in the JSON): ``published``;
``correction pending`` while the German (or the translation) changed and the last
approved French stays online, with the note the page shows; ``corrected`` once the new
French is approved (with ``corrected_at``); ``withdrawn`` (``presse withdraw``), whose
files carry the notice, with when and why, instead of the text. Dates are the
French's: ``date`` is when it first went out, ``original_date`` the German release's.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from presse.site import layout, ninjs
from presse.site.dates import iso, long_date
from presse.site.labels import LABELS
from presse.site.pages import Entry, Site, pending_note, withdrawal_notice
from presse.site.render import plain_text, safe_markdown

EXTENSIONS = ("html", "md", "txt", "json", ninjs.EXTENSION)


def attribution(site: Site) -> str:
    return f"Communiqué {site.names.fr_of}, traduit de l’allemand"


def kit_status(entry: Entry) -> str:
    """``published``, ``correction pending``, ``corrected`` or ``withdrawn``."""
    fr = entry.fr
    assert fr is not None
    if entry.withdrawn:
        return "withdrawn"
    if entry.pending:
        return "correction pending"
    return "corrected" if fr.corrected_at else "published"


def kit_inputs(site: Site, entry: Entry) -> dict[str, Any]:
    """The plain data of one release's kit (hashed to skip an unchanged kit)."""
    fr = entry.fr
    assert fr is not None
    fr_rel = entry.file("fr") or ""
    published = entry.published("fr")
    publication = entry.publication
    withdrawn = withdrawal_notice(entry)
    return {
        "slug": fr.slug,
        "de_slug": entry.slug,
        "title": entry.title("fr"),
        "original_title": entry.de.title,
        "status": kit_status(entry),
        "date": iso(published),
        "date_display": long_date(published, "fr"),
        "date_modified": iso(entry.modified("fr")),
        "original_date": iso(entry.de.date),
        "pending_note": pending_note(entry),
        "german_updated": iso(publication.german_updated)
        if publication is not None and publication.german_updated and entry.pending
        else None,
        "withdrawn": withdrawn and {"at": withdrawn["iso"], "reason": withdrawn["reason"]},
        "withdrawn_note": withdrawn and withdrawn["text"],
        "corrected": iso(fr.corrected_at) if fr.corrected_at else None,
        "corrected_display": long_date(fr.corrected_at, "fr") if fr.corrected_at else None,
        "category": entry.category("fr"),
        "summary": entry.summary("fr"),
        "canonical": site.url(fr_rel),
        "original_url": site.url(entry.file("de") or ""),
        "attribution": attribution(site),
        "partner": site.partner.get("name"),
        "licence": site.partner.get("licence"),
        "licence_url": site.partner.get("licence_url"),
        "approved_at": iso(fr.approved_at),
        "embargo": iso(entry.de.embargo) if entry.de.embargo else None,
        "office": site.office,
        "body": "" if withdrawn else fr.body,
    }


def fragment(site: Site, data: dict[str, Any], body_html: str) -> str:
    corrected = None
    if data["corrected"]:
        corrected = {"iso": data["corrected"], "display": data["corrected_display"]}
    values = dict(data)
    values.update(
        {
            "body_html": Markup(body_html),
            "date_iso": data["date"],
            "corrected": corrected,
            "corrected_label": LABELS["fr"]["corrected"],
            "reason_label": LABELS["fr"]["withdrawn_reason"],
        }
    )
    return site.render("partner/fragment.html", values)


def markdown_file(data: dict[str, Any]) -> str:
    def safe(text: str) -> str:
        return text.replace("<", "&lt;")

    fields = [
        ("title", safe(data["title"])),
        ("status", data["status"]),
        ("date", data["date"]),
        ("date_modified", data["date_modified"]),
        ("original_date", data["original_date"]),
        ("corrected_at", data["corrected"]),
        ("correction_pending", data["pending_note"]),
        ("withdrawn_at", data["withdrawn"] and data["withdrawn"]["at"]),
        ("withdrawal_reason", data["withdrawn"] and safe(data["withdrawn"]["reason"])),
        ("category", data["category"] and safe(data["category"])),
        ("summary", data["summary"] and safe(data["summary"])),
        ("canonical_url", data["canonical"]),
        ("original_url", data["original_url"]),
        ("attribution", data["attribution"]),
        ("licence", data["licence"]),
        ("licence_url", data["licence_url"]),
    ]
    lines = ["---"]
    # JSON strings are valid YAML scalars, and much faster to write than with PyYAML.
    lines += [f"{name}: {_scalar(value)}" for name, value in fields if value]
    lines.append("---")
    footer = [f"*{data['attribution']}* : [version originale]({data['original_url']})."]
    footer.append(f"Version de référence : <{data['canonical']}>")
    if data["licence"]:
        licence = data["licence"]
        footer.append(
            f"Licence : [{safe(licence)}]({data['licence_url']})"
            if data["licence_url"]
            else f"Licence : {safe(licence)}"
        )
    body = safe_markdown(data["body"].strip("\n"))
    if data["withdrawn_note"]:
        body = safe(data["withdrawn_note"])
    elif data["pending_note"]:
        body = f"*{safe(data['pending_note'])}*\n\n{body}"
    return "\n".join(lines) + "\n\n" + body + "\n\n---\n\n" + "  \n".join(footer) + "\n"


def _scalar(value: str) -> str:
    """A YAML scalar: a JSON string is one (and never read as a date, a number or a bool)."""
    return json.dumps(value, ensure_ascii=False)


def text_file(data: dict[str, Any], body_html: str) -> str:
    head = [data["title"], data["date_display"]]
    if data["corrected_display"]:
        head.append(f"{LABELS['fr']['corrected']} {data['corrected_display']}")
    parts = ["\n".join(head)]
    if data["withdrawn_note"]:
        reason = data["withdrawn"]["reason"]
        reason_line = f"\n{LABELS['fr']['withdrawn_reason']} {reason}" if reason else ""
        parts.append(data["withdrawn_note"] + reason_line)
    elif data["pending_note"]:
        parts.append(data["pending_note"])
    if data["summary"]:
        parts.append(data["summary"])
    if not data["withdrawn_note"]:
        parts.append(plain_text(body_html).strip())
    foot = [
        f"{data['attribution']} : {data['original_url']}",
        f"Version de référence : {data['canonical']}",
    ]
    if data["licence"]:
        licence = data["licence"]
        foot.append(
            f"Licence : {licence} ({data['licence_url']})"
            if data["licence_url"]
            else f"Licence : {licence}"
        )
    parts.append("\n".join(foot))
    return "\n\n".join(parts) + "\n"


def json_file(data: dict[str, Any], fragment_html: str) -> str:
    record = {
        "slug": data["slug"],
        "translation_of": f"de/{data['de_slug']}",
        "title": data["title"],
        "original_title": data["original_title"],
        "status": data["status"],
        "date": data["date"],
        "date_modified": data["date_modified"],
        "original_date": data["original_date"],
        "corrected_at": data["corrected"],
        "correction_pending": {
            "note": data["pending_note"],
            "german_updated": data["german_updated"],
        }
        if data["pending_note"]
        else None,
        "withdrawn": data["withdrawn"],
        "category": data["category"],
        "summary": data["summary"],
        "canonical_url": data["canonical"],
        "original_url": data["original_url"],
        "attribution": data["attribution"],
        "partner": data["partner"],
        "licence": data["licence"],
        "licence_url": data["licence_url"],
        "files": {ext: f"{data['slug']}.{ext}" for ext in EXTENSIONS},
        "content_html": fragment_html,
    }
    # The same escaping as JSON-LD: no "<" in the file, so it is inert even if pasted.
    # One line: json's C encoder (an indented file goes through its Python encoder, at
    # some 5 % of a build of a whole archive with ninjs).
    text = json.dumps(record, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def ninjs_file(data: dict[str, Any], body_html: str, *, withdrawn: bool = False) -> str:
    """``<fr-slug>.ninjs.json``; ``withdrawn``: the office withdrew the release (its
    ninjs then says ``canceled``). A release in the kit is published, so its embargo,
    if it had one, has run out."""
    withdrawn = withdrawn or bool(data["withdrawn"])  # presse withdraw: ninjs says canceled
    return ninjs.ninjs_file(data, body_html, plain_text(body_html).strip(), withdrawn=withdrawn)


def kit_files(fr_slug: str) -> list[str]:
    return [layout.partner_file(fr_slug, ext) for ext in EXTENSIONS]
