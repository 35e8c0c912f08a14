"""The fixture office copied to a temporary folder and built end to end."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from presse.documents.french import FrenchRelease, read_french_release
from presse.documents.release import read_release
from presse.documents.repository import Repository
from presse.site import BuildSummary, PagePair, build_site
from presse.steps.open import open_repository

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
PROJECT_TEMPLATES = HERE.parent.parent / "templates"
NOW = datetime.fromisoformat("2016-10-10T12:00:00+02:00")

APPROVED = "2016-09-08-kreistag-beschliesst-haushalt-2017"
CORRECTED = "2016-09-01-neue-buslinie-verbindet-harzorte"
UNAPPROVED = "2016-09-05-sperrung-der-landesstrasse-l-82"
EMBARGOED = "2016-10-12-ergebnisse-der-landratswahl"
XSS = "2016-09-10-sicherheitshinweis"


def make_office(tmp: Path) -> Repository:
    """The fixture office copied to ``tmp``, with the example office's template overrides."""
    root = tmp / "office"
    shutil.copytree(FIXTURES / "office", root)
    shutil.copytree(PROJECT_TEMPLATES, root / "templates")
    return open_repository(root)


def load_pairs(repo: Repository) -> list[PagePair]:
    """A stand-in for the lead's gate: a French file present means approved."""
    pairs = []
    for slug in repo.source_slugs():
        de = read_release(repo.source_path(slug))
        target = repo.target_path(slug)
        fr: FrenchRelease | None = read_french_release(target) if target.is_file() else None
        draft_path = FIXTURES / "drafts" / f"{slug}.md"
        draft = read_french_release(draft_path) if draft_path.is_file() else None
        pairs.append(
            PagePair(de=de, fr=fr, held_reason=None if fr else "not approved", draft_fr=draft)
        )
    return pairs


@dataclass
class Built:
    repo: Repository
    out: Path
    summary: BuildSummary
    pairs: list[PagePair]

    def page(self, slug: str, lang: str) -> Path:
        return self.summary.pages[slug][lang]

    def read(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")


def build(tmp: Path, *, drafts: bool = False, repo: Repository | None = None) -> Built:
    repo = repo or make_office(tmp)
    pairs = load_pairs(repo)
    out = repo.root / ("site-drafts" if drafts else "site")
    summary = build_site(repo, pairs, out, drafts=drafts, now=NOW)
    return Built(repo, out, summary, pairs)
