"""A published release of the example taken through a German correction, in steps a test
can stop between: edit the German, translate the changed sentence again, approve."""

from __future__ import annotations

import json
from pathlib import Path

from presse.documents.repository import Repository, now_iso
from presse.steps.approve import approve
from presse.steps.extract import extract
from presse.steps.review import confirm, current_files, segments_of

APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
OLD_GERMAN = "war Mitte April zu Gast"
NEW_GERMAN = "war Ende April zu Gast"
OLD_FRENCH = "rendue à la mi-avril"
NEW_FRENCH = (
    "Une délégation officielle de l'arrondissement de Harz s'est rendue à la fin avril "
    "dans la région partenaire de Belfort, en France."
)
PENDING = "La version allemande a été mise à jour le"
FRENCH_PAGE = (
    "fr/2016-09-08-une-delegation-du-harz-en-visite-dans-la-region-partenaire-de-belfort/index.html"
)
KIT_JSON = (
    "partner/2016-09-08-une-delegation-du-harz-en-visite-dans-la-region-partenaire-de-belfort.json"
)


def edit_german(repo: Repository) -> None:
    """The office corrects the German of the published release, and extracts."""
    source = repo.source_path(APPROVED)
    text = source.read_text("utf-8")
    assert OLD_GERMAN in text
    source.write_text(text.replace(OLD_GERMAN, NEW_GERMAN), "utf-8")
    extract(repo, [APPROVED])


def translate_again(repo: Repository, by: str = "Camille Martin") -> None:
    """A translator writes the French of the changed sentence."""
    files = current_files(repo, APPROVED, now_iso(repo))
    stale = [s for s in segments_of(files) if s.state == "stale"]
    assert len(stale) == 1, [s.state for s in segments_of(files)]
    confirm(repo, APPROVED, stale[0].id, NEW_FRENCH, by)


def approve_again(repo: Repository, by: str = "Jana Schulz") -> None:
    approve(repo, APPROVED, by)


def kit_record(site: Path) -> dict[str, object]:
    return json.loads((site / KIT_JSON).read_text("utf-8"))  # type: ignore[no-any-return]
