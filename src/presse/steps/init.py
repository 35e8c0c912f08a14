"""Creating a new press-office repository (``presse init``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from presse.documents.config import CONFIG_NAME
from presse.errors import PresseError
from presse.store.disk import write_text_atomic
from presse.store.yaml_lines import dump_scalar

GITIGNORE = ".presse/\nsite/\nsite-drafts/\n"
EMPTY_GLOSSARY = (
    "# glossary.yaml: fixed terms and their one right French form.\n"
    "# Each entry: de (German term), fr (French form) or keep: true, optional de_forms,\n"
    "# fr_forms, avoid, kind (institution, title, place, event, other) and note.\n"
    "[]\n"
)
FOLDERS = ("releases/de", "releases/fr", "locale/fr/LC_MESSAGES", "templates")


def config_template(office: str) -> str:
    text = resources.files("presse").joinpath("data/presse.yaml.template").read_text("utf-8")
    return text.format(office=dump_scalar(office))  # quoted where YAML needs it ("a: b")


def init_repository(root: Path, office: str = "Landkreis Harz") -> list[Path]:
    """Create the folders and default files; refuse when a ``presse.yaml`` is there."""
    config_path = root / CONFIG_NAME
    if config_path.exists():
        raise PresseError("a presse repository is already here; nothing was changed", config_path)
    if not office.strip():
        raise PresseError("the office needs a name (--office)", config_path)
    created: list[Path] = []
    for folder in FOLDERS:
        path = root / folder
        if not path.exists():
            path.mkdir(parents=True)
            (path / ".gitkeep").touch()
            created.append(path)
    for name, text in ((".gitignore", GITIGNORE), ("glossary.yaml", EMPTY_GLOSSARY)):
        path = root / name
        if not path.exists():
            write_text_atomic(path, text)
            created.append(path)
    write_text_atomic(config_path, config_template(office))
    created.append(config_path)
    return created
