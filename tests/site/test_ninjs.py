"""The partner kit's ``<slug>.ninjs.json``, validated against IPTC's published ninjs 3.1
JSON Schema (tests/data/ninjs, with its licence) and read the way an agency reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from site_fixture import APPROVED, CORRECTED, XSS, Built

from presse.site.ninjs import ninjs_file

BASE = "https://presse.example.org/"
SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "ninjs" / "ninjs-schema_3.1.json").read_text("utf-8")
)
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
BUDGET = "2016-09-08-le-conseil-de-l-arrondissement-adopte-le-budget-2017"


def problems(record: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(record)
    ]


def ninjs_files(built: Built) -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text("utf-8"))
        for path in sorted((built.out / "partner").glob("*.ninjs.json"))
    }


def test_every_kit_has_a_ninjs_file_valid_against_iptc_schema(built: Built) -> None:
    files = ninjs_files(built)
    kits = sorted(p.name for p in (built.out / "partner").glob("*.html"))
    assert len(files) == len(kits) == 3
    for name, record in files.items():
        assert problems(record) == [], name
        assert record["standard"] == {
            "name": "ninjs",
            "version": "3.1",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
        }
    # the kit's JSON names the file beside the others
    listing = json.loads(built.read(f"partner/{BUDGET}.json"))["files"]
    assert listing["ninjs.json"] == f"{BUDGET}.ninjs.json"


def test_the_ninjs_of_a_release_carries_its_text_rights_and_original(built: Built) -> None:
    record = json.loads(built.read(f"partner/{BUDGET}.ninjs.json"))
    assert record["uri"] == f"{BASE}fr/{BUDGET}/"
    assert record["language"] == "fr" and record["type"] == "text"
    assert record["pubStatus"] == "usable" and "embargoedUntil" not in record
    assert record["headlines"][0]["value"] == "Le conseil de l’arrondissement adopte le budget 2017"
    html, text = record["bodies"]
    assert html["contentType"] == "text/html" and "budget 2017" in html["value"]
    assert text["contentType"] == "text/plain" and "<p" not in text["value"]
    assert "budget 2017" in text["value"]
    assert text["charCount"] == len(text["value"])
    assert record["copyrightHolder"] == "Landkreis Harz"
    assert "CC BY 4.0" in record["usageTerms"]
    assert "traduit de l’allemand" in record["usageTerms"]
    assert record["rightsInfo"]["linkedRights"].startswith("https://creativecommons.org/")
    (original,) = record["associations"]
    assert original["rel"] == "translationOf" and original["language"] == "de"
    assert original["uri"] == f"{BASE}de/{APPROVED}/"
    assert original["headlines"][0]["value"] == "Kreistag beschließt Haushalt 2017"
    assert record["version"] == record["versionCreated"] == record["firstCreated"]


def test_a_correction_is_a_new_version_of_the_same_object(built: Built) -> None:
    (name,) = [n for n, r in ninjs_files(built).items() if r.get("edNote")]
    record = ninjs_files(built)[name]
    assert record["associations"][0]["uri"] == f"{BASE}de/{CORRECTED}/"
    assert record["versionCreated"] == "2016-10-03T09:30:00+02:00"
    assert record["version"] == record["versionCreated"]
    assert "firstCreated" not in record  # the correction's approval is not the first
    assert record["edNote"].startswith("Version corrigée le ")


def test_a_hostile_release_stays_inert(built: Built) -> None:
    (name,) = [n for n, r in ninjs_files(built).items() if XSS in r["associations"][0]["uri"]]
    raw = built.read(f"partner/{name}")
    assert "<" not in raw and ">" not in raw
    assert "<script>" in json.loads(raw)["headlines"][0]["value"]  # the title, as text


def kit_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Résultats de l’élection",
        "original_title": "Ergebnisse der Landratswahl",
        "date": "2016-10-12T18:00:00+02:00",
        "corrected": None,
        "corrected_display": None,
        "category": "Communiqués",
        "summary": None,
        "canonical": f"{BASE}fr/2016-10-12-resultats/",
        "original_url": f"{BASE}de/2016-10-12-ergebnisse-der-landratswahl/",
        "attribution": "Communiqué du Landkreis Harz, traduit de l’allemand",
        "partner": "Territoire de Belfort",
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.fr",
        "approved_at": "2016-10-11T09:00:00+02:00",
        "embargo": "2016-10-12T18:00:00+02:00",
        "office": "Landkreis Harz",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("withdrawn", "pending", "status"),
    [(False, False, "usable"), (False, True, "withheld"), (True, False, "canceled")],
)
def test_publication_status_embargo_and_withdrawal(withdrawn, pending, status) -> None:
    text = ninjs_file(
        kit_data(),
        "<p>Les résultats.</p>",
        "Les résultats.",
        withdrawn=withdrawn,
        embargo_pending=pending,
    )
    record = json.loads(text)
    assert problems(record) == []
    assert record["pubStatus"] == status
    assert record["embargoedUntil"] == "2016-10-12T18:00:00+02:00"


def test_the_schema_check_catches_a_wrong_object() -> None:
    record = json.loads(ninjs_file(kit_data(), "<p>x</p>", "x"))
    record["pubStatus"] = "withdrawn"
    del record["associations"][0]["name"]
    found = problems(record)
    assert any(p.startswith("pubStatus:") for p in found)
    assert len(found) == 2
