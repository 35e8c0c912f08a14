"""``approve``: the French of an approval is assembled and rendered once, then both pinned
(its hash in the review file) and written (``releases/fr/<slug>.md``)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import presse.steps.approve as approve_step
from presse.documents.catalog import entry_id
from presse.documents.release_files import read_catalog
from presse.steps.open import open_repository
from presse.steps.review import confirm

APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
CLOCK = datetime(2024, 5, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def count_calls(monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...]) -> Counter[str]:
    """Count the calls approve makes to these functions. Rendering is pure, so counting is
    the only way to see it done twice: they are wrapped where approve looks them up."""
    calls: Counter[str] = Counter()

    def counted(name: str) -> Callable[..., Any]:
        real = getattr(approve_step, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    for name in names:
        monkeypatch.setattr(approve_step, name, counted(name))
    return calls


def french_path(root: Path) -> Path:
    return root / "releases" / "fr" / f"{APPROVED}.md"


def correct_a_segment(root: Path) -> None:
    """The example is approved: a translator's correction makes a new text to approve."""
    repo = open_repository(root)
    catalog = read_catalog(repo.catalog_path(APPROVED))
    assert catalog is not None
    entry = catalog.active[1]
    french = entry.msgstr.replace("officielle ", "")
    confirm(repo, APPROVED, entry_id(entry), french, "Camille Martin", clock=CLOCK)


@pytest.mark.parametrize("again", [False, True], ids=["first", "hand-edited"])
def test_an_approval_renders_its_french_once(
    example_repo: Path, monkeypatch: pytest.MonkeyPatch, again: bool
) -> None:
    correct_a_segment(example_repo)
    repo = open_repository(example_repo)
    if again:  # the French file then claims this approval: checked for a hand edit
        approve_step.approve(repo, APPROVED, "Jana Schulz", CLOCK)
        path = french_path(example_repo)
        path.write_bytes(path.read_bytes().replace(b"depuis 1994", b"depuis 1996", 1))
    calls = count_calls(monkeypatch, ("french_texts", "render_french_release"))
    approval, _ = approve_step.approve(repo, APPROVED, "Jana Schulz", CLOCK)
    assert calls == {"french_texts": 1, "render_french_release": 1}
    # The one rendering is both the file written and the hash pinned.
    written = french_path(example_repo).read_bytes()
    assert approval.french_file == hashlib.sha256(written).hexdigest()


def test_approving_again_keeps_a_hand_edit_aside(example_repo: Path) -> None:
    repo = open_repository(example_repo)
    approve_step.approve(repo, APPROVED, "Jana Schulz", CLOCK)
    path = french_path(example_repo)
    approved = path.read_bytes()
    edited = approved.replace(b"depuis 1994", b"depuis 1996", 1)
    assert edited != approved
    path.write_bytes(edited)
    _, written = approve_step.approve(repo, APPROVED, "Jana Schulz", CLOCK)
    kept = path.with_name(f"{APPROVED}.hand-edit.md")
    assert path in written and kept in written
    assert kept.read_bytes() == edited and path.read_bytes() == approved
