"""The partner kit's ``<fr-slug>.ninjs.json``: a French release as an IPTC ninjs 3.1 news
object (https://iptc.org/standards/ninjs/), for news agencies and newsroom systems.

It carries what the other kit files carry (headline, summary, the body as HTML and as
plain text, the attribution, the licence) in ninjs's terms, and what a fragment cannot:

* ``version`` / ``versionCreated``: a correction is a new version of the same ``uri``
  (the office's French page), with an ``edNote`` saying when it was corrected;
* ``pubStatus``: ``usable``; ``withheld`` while an embargo has not run out (with
  ``embargoedUntil``); ``canceled`` for a release the office withdrew;
* ``copyrightHolder`` (the office), ``usageTerms`` and ``rightsInfo.linkedRights`` (the
  licence), ``infoSources`` (the office that wrote it, the partner that republishes);
* an association to the German original (``rel: translationOf``), with its URL, its
  language and its headline.

Pure functions of the kit's data (:func:`presse.site.kit.kit_inputs`): the same release
gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

NINJS_VERSION = "3.1"
SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
PROFILE = "presse-partner-kit"
EXTENSION = "ninjs.json"
PUB_STATUSES = ("usable", "withheld", "canceled")


def pub_status(*, withdrawn: bool = False, embargo_pending: bool = False) -> str:
    """ninjs's publication status: a withdrawal cancels, a pending embargo withholds."""
    if withdrawn:
        return "canceled"
    return "withheld" if embargo_pending else "usable"


def _words(text: str) -> int:
    return len(text.split())


def ninjs_record(
    data: dict[str, Any],
    body_html: str,
    body_text: str,
    *,
    withdrawn: bool = False,
    embargo_pending: bool = False,
) -> dict[str, Any]:
    """The ninjs object of one release's kit ``data``; ``withdrawn``: the office withdrew
    it; ``embargo_pending``: its embargo (``data["embargo"]``) has not run out."""
    version_created = data["corrected"] or data["approved_at"]
    record: dict[str, Any] = {
        "uri": data["canonical"],
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": SCHEMA_URI},
        "type": "text",
        "representationType": "full",
        "profile": PROFILE,
        # ordered as ISO 8601 date-times are: a correction sorts after the approval
        "version": version_created,
        "versionCreated": version_created,
        "contentCreated": data["date"],
        "pubStatus": pub_status(withdrawn=withdrawn, embargo_pending=embargo_pending),
        "language": "fr",
        "title": data["title"],
        "headlines": [{"role": "main", "contentType": "text/plain", "value": data["title"]}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "charCount": len(body_text),
                "wordCount": _words(body_text),
                "value": body_html,
            },
            {
                "role": "main",
                "contentType": "text/plain",
                "charCount": len(body_text),
                "wordCount": _words(body_text),
                "value": body_text,
            },
        ],
        "by": data["office"],
        "copyrightHolder": data["office"],
        "usageTerms": _usage_terms(data),
        "infoSources": _sources(data),
        "associations": [
            {
                "name": "original",
                "rel": "translationOf",
                "uri": data["original_url"],
                "type": "text",
                "language": "de",
                "headlines": [{"role": "main", "value": data["original_title"]}],
                "contentCreated": data["date"],
            }
        ],
    }
    if not data["corrected"]:
        # a correction is approved again: the first approval's time is not in the kit
        record["firstCreated"] = data["approved_at"]
    if data.get("embargo"):
        record["embargoedUntil"] = data["embargo"]
    if data["summary"]:
        record["descriptions"] = [{"role": "summary", "value": data["summary"]}]
    if data["category"]:  # the office's own category, not an IPTC code
        record["subjects"] = [{"name": data["category"], "rel": "category"}]
    if data["corrected"]:
        record["edNote"] = f"Version corrigée le {data['corrected_display']}."
    if data["licence_url"]:
        record["rightsInfo"] = {"linkedRights": data["licence_url"]}
    return record


def _usage_terms(data: dict[str, Any]) -> str:
    terms = f"{data['attribution']} ({data['original_url']})."
    if data["licence"]:
        terms += f" Licence : {data['licence']}"
        terms += f" ({data['licence_url']})." if data["licence_url"] else "."
    return terms


def _sources(data: dict[str, Any]) -> list[dict[str, str]]:
    sources = [{"name": data["office"], "role": "originator"}]
    if data["partner"]:
        sources.append({"name": data["partner"], "role": "distributor"})
    return sources


def ninjs_file(
    data: dict[str, Any],
    body_html: str,
    body_text: str,
    *,
    withdrawn: bool = False,
    embargo_pending: bool = False,
) -> str:
    """The text of ``<fr-slug>.ninjs.json``. As in the kit's other JSON: no ``<``, ``>``
    or ``&`` in the file (escaped in the strings), so it is inert even if pasted."""
    record = ninjs_record(
        data, body_html, body_text, withdrawn=withdrawn, embargo_pending=embargo_pending
    )
    text = json.dumps(record, ensure_ascii=False)  # one line: json's C encoder, as kit.py
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
