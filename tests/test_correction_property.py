"""Random sequences of German edits, translations, hand edits, approvals, withdrawals and
builds: the French page never shows a text that was not approved, and once published
it never answers 404 while its approved file is intact."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from correction_helpers import APPROVED, FRENCH_PAGE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presse.documents.french import read_french_release
from presse.documents.repository import now_iso
from presse.errors import PresseError
from presse.site.render import renderer
from presse.steps.approve import approve
from presse.steps.extract import extract
from presse.steps.open import open_repository
from presse.steps.publish import build
from presse.steps.review import confirm, current_files, segments_of
from presse.steps.status import status
from presse.steps.withdraw import withdraw

GERMAN_EDITS = (("Mitte April", "Ende April"), ("seit 1994", "seit 1995"), ("15. April", "16."))
FRENCH_DRAFTS = ("Une phrase revue par une personne.", "Une autre phrase, revue elle aussi.")
ACTIONS = (
    "edit German",
    "extract",
    "translate",
    "edit PO",
    "edit French file",
    "approve",
    "withdraw",
    "build",
)


class Office:
    """One copy of the example and what the test knows of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = open_repository(root)
        self.latest = self.french_body()  # the example comes approved
        self.approved_bodies = {self.latest}
        self.hand_edited = False
        self.drafts = iter(FRENCH_DRAFTS * 10)

    def french_body(self) -> str:
        return renderer().html(read_french_release(self.repo.target_path(APPROVED)).body, "fr")

    def replace_in(self, path: Path, old: str, new: str) -> bool:
        text = path.read_text("utf-8")
        if old not in text:
            return False
        path.write_text(text.replace(old, new, 1), "utf-8")
        return True

    def act(self, action: str, choice: int) -> None:
        if action == "edit German":
            old, new = GERMAN_EDITS[choice % len(GERMAN_EDITS)]
            self.replace_in(self.repo.source_path(APPROVED), old, new)
        elif action == "extract":
            extract(self.repo, [APPROVED])
        elif action == "translate":
            files = current_files(self.repo, APPROVED, now_iso(self.repo))
            for segment in segments_of(files):
                if segment.needs_a_human:
                    confirm(self.repo, APPROVED, segment.id, next(self.drafts), "Camille Martin")
        elif action == "edit PO":
            self.replace_in(self.repo.catalog_path(APPROVED), "depuis 1994", "depuis 1996")
        elif action == "edit French file":
            path = self.repo.target_path(APPROVED)
            self.hand_edited |= self.replace_in(path, "Belfort", "Belfurt")
        elif action == "approve":
            self.approve()
        elif action == "withdraw":
            with contextlib.suppress(PresseError):  # withdrawn already
                withdraw(self.repo, APPROVED, "Jana Schulz", "Une erreur.")
        else:
            self.build_and_check()

    def approve(self) -> None:
        try:
            approve(self.repo, APPROVED, "Jana Schulz")
        except PresseError:
            return  # not ready: nothing approved
        self.latest = self.french_body()
        self.approved_bodies.add(self.latest)
        self.hand_edited = False  # approve writes the file again

    def build_and_check(self) -> None:
        build(self.repo)
        page_path = self.root / "site" / FRENCH_PAGE
        label = status(self.repo, [APPROVED])[0].label
        if label == "withdrawn" or label.startswith("withdrawn,"):
            if page_path.exists():
                assert 'class="withdrawn"' in page_path.read_text("utf-8")
            return
        if not self.hand_edited:
            assert page_path.exists(), f"the French page is gone ({label})"
        if page_path.exists():
            page = page_path.read_text("utf-8")
            assert any(body in page for body in self.approved_bodies), label
            assert "Belfurt" not in page  # a hand edit never goes out
            if label in ("published", "approved"):
                assert self.latest in page  # the latest approval is what shows


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plan=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 2)), min_size=1, max_size=7)
)
def test_no_unapproved_french_is_ever_published(example_repo: Path, plan) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "office"
        shutil.copytree(example_repo, root)
        office = Office(root)
        for action, choice in [*plan, ("build", 0)]:
            office.act(action, choice)
