"""Who is acting: the reviewer's name from the command line, presse.yaml or git."""

from __future__ import annotations

from presse.documents.repository import Repository
from presse.errors import PresseError


def git_user_name(repo: Repository) -> str | None:
    # Imported here: ``presse build`` imports this module, and a build with nothing to
    # do has no use for subprocess (a few ms of its start-up).
    import subprocess

    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            cwd=repo.root,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def reviewer_name(repo: Repository, given: str | None) -> str:
    """``given``, else ``review.reviewer`` in presse.yaml, else git's ``user.name``."""
    name = given or repo.config.section("review").get("reviewer") or git_user_name(repo)
    if not name or not str(name).strip():
        raise PresseError(
            "who is this? pass --by NAME, or set review.reviewer in presse.yaml or git's user.name"
        )
    return str(name).strip()
