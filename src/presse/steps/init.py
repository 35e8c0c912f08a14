"""Creating a new press-office repository (``presse init``): its folders, its
``presse.yaml`` with the office's own names, site and partner, and its git repository."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from presse.documents.config import CONFIG_NAME
from presse.documents.settings_schema import SCHEMA, Section
from presse.errors import PresseError
from presse.store.disk import write_text_atomic
from presse.store.yaml_lines import dump_scalar

# Local caches, the lock and the built sites: derived, never committed; and the
# temporary file a write killed halfway leaves beside its file (".name.<hex>.tmp").
GITIGNORE = ".presse/\nsite/\nsite-drafts/\n.*.tmp\n"
EMPTY_GLOSSARY = (
    "# glossary.yaml: fixed terms and their one right French form.\n"
    "# Each entry: de (German term), fr (French form) or keep: true, optional de_forms,\n"
    "# fr_forms, avoid, kind (institution, title, place, event, other) and note.\n"
    "[]\n"
)
FOLDERS = ("releases/de", "releases/fr", "locale/fr/LC_MESSAGES", "templates")
DEFAULT_SITE_URL = "https://example.org/presse/"
# Where the usual licences of public texts can be read (in French, for the partner).
LICENCE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.fr",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
    "Licence Ouverte 2.0": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


@dataclass(frozen=True)
class OfficeSetup:
    """What ``presse init`` asks for; what is left out gets the schema's default (no
    partner: no kit until one is named)."""

    office_de: str
    office_fr: str | None = None  # with its article: "la Ville de Forchheim"
    partner: str | None = None
    site_url: str = DEFAULT_SITE_URL
    licence: str | None = None
    licence_url: str | None = None


def _partner_lines(setup: OfficeSetup) -> str:
    licence_url = setup.licence_url or LICENCE_URLS.get(setup.licence or "")
    given = [("name", setup.partner), ("licence", setup.licence), ("licence_url", licence_url)]
    lines = [f"  {key}: {dump_scalar(value)}\n" for key, value in given if value]
    return "".join(lines) or "  # name: Ville du Perreux-sur-Marne\n  # licence: CC BY 4.0\n"


def _review_lines() -> str:
    """Four eyes for a new repository, once presse has that setting (#14)."""
    review = SCHEMA.get("review")
    if isinstance(review, Section) and "four_eyes" in review.keys:
        return (
            "  # Four eyes: the person who approves a release must not be the last translator of\n"
            "  # any of its segments (false lets a translator approve their own work).\n"
            "  four_eyes: true\n"
        )
    return ""


def config_template(office: str | OfficeSetup) -> str:
    setup = office if isinstance(office, OfficeSetup) else OfficeSetup(office_de=office)
    text = resources.files("presse").joinpath("data/presse.yaml.template").read_text("utf-8")
    return text.format(  # scalars quoted where YAML needs it ("a: b")
        office_de=dump_scalar(setup.office_de),
        office_fr=dump_scalar(setup.office_fr or setup.office_de),
        site_url=dump_scalar(setup.site_url),
        partner=_partner_lines(setup),
        review=_review_lines(),
    )


def refuse_existing(root: Path) -> None:
    config_path = root / CONFIG_NAME
    if config_path.exists():
        raise PresseError("a presse repository is already here; nothing was changed", config_path)


def init_repository(root: Path, office: str | OfficeSetup) -> list[Path]:
    """Create the folders and default files; refuse when a ``presse.yaml`` is there.

    The settings written are checked before anything is, so a bad value (a site URL
    that is no address) leaves the folder as it was."""
    from presse.steps.open import parse_config  # the engines' names, only for init

    setup = office if isinstance(office, OfficeSetup) else OfficeSetup(office_de=office)
    refuse_existing(root)
    config_path = root / CONFIG_NAME
    if not setup.office_de.strip():
        raise PresseError("the office needs a name (--office)", config_path)
    settings = config_template(setup)
    parse_config(settings, config_path)
    root.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    for folder in FOLDERS:
        path = root / folder
        if not path.exists():
            path.mkdir(parents=True)
            (path / ".gitkeep").touch()
            created.append(path)
    glossary = root / "glossary.yaml"
    if not glossary.exists():
        write_text_atomic(glossary, EMPTY_GLOSSARY)
        created.append(glossary)
    if _ignore_derived(root / ".gitignore"):
        created.append(root / ".gitignore")
    write_text_atomic(config_path, settings)
    created.append(config_path)
    return created


def _ignore_derived(path: Path) -> bool:
    """Add what presse derives to a ``.gitignore`` (made if missing); True if written."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    missing = [line for line in GITIGNORE.splitlines() if line not in text.splitlines()]
    if not missing:
        return False
    separator = "\n" if text and not text.endswith("\n") else ""
    write_text_atomic(path, text + separator + "\n".join(missing) + "\n")
    return True


def start_git(root: Path) -> str:
    """``git init`` in ``root`` unless it is inside a git work tree already; what happened."""
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            return "inside a git repository already: no new one started"
        subprocess.run(["git", "init", "--quiet"], cwd=root, capture_output=True, check=True)
    except FileNotFoundError:
        return "git is not installed: no git repository started (install git, then git init)"
    except subprocess.CalledProcessError as exc:
        reason = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        return f"git init failed ({reason[0] if reason else exc.returncode}); go on without it"
    return "started a git repository (git init)"
