"""A glossary change shows which machine drafts were made with the older glossary."""

from __future__ import annotations

import json
from pathlib import Path


def test_drafts_made_with_an_older_glossary_are_named(example_repo: Path, run_presse) -> None:  # type: ignore[no-untyped-def]
    assert run_presse("--repo", str(example_repo), "translate").exit_code == 0
    second = next(
        s
        for s in json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
        if s["slug"].startswith("2016-10-05")
    )
    assert second["segments"]["memory"] > 0
    assert second["notes"] == []

    glossary = example_repo / "glossary.yaml"
    glossary.write_text(
        glossary.read_text("utf-8")
        + "\n- de: Naturpark Harz\n  fr: parc naturel du Harz\n  kind: place\n",
        encoding="utf-8",
    )
    after = next(
        s
        for s in json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
        if s["slug"].startswith("2016-10-05")
    )
    assert len(after["notes"]) == 1
    assert after["notes"][0].startswith(
        f"{second['segments']['memory']} draft(s) made with an older glossary"
    )
