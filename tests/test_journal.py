"""A release's files change together: a command killed between writing its catalog and
its review file leaves a journal entry, and the next command completes it and says so."""

from __future__ import annotations

import json
from pathlib import Path

from presse.documents.release_files import journal_dir
from presse.steps.open import open_repository
from presse.store.journal import complete_interrupted, write_together

APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"


def killed_halfway(root: Path, writes: list[tuple[Path, str]]) -> None:
    """The state a command leaves when killed after its journal entry and the first of
    its files were written (what write_together does, stopped after one rename)."""
    repo = open_repository(root)
    folder = journal_dir(repo)
    folder.mkdir(parents=True, exist_ok=True)
    entry = [[path.relative_to(repo.root).as_posix(), text] for path, text in writes]
    (folder / f"{APPROVED}.json").write_text(json.dumps(entry), "utf-8")
    writes[0][0].write_text(writes[0][1], "utf-8")


def test_the_next_command_completes_an_interrupted_write_and_says_so(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    repo = open_repository(example_repo)
    catalog, review = repo.catalog_path(APPROVED), repo.review_path(APPROVED)
    new_catalog = catalog.read_text("utf-8").replace("depuis 1994", "depuis 1995")
    new_review = review.read_text("utf-8").replace("events:\n", "events:\n- event: x\n  at: '2024-05-01T10:00:00+02:00'\n", 1)  # fmt: skip
    killed_halfway(example_repo, [(catalog, new_catalog), (review, new_review)])
    assert review.read_text("utf-8") != new_review  # the two files disagree now
    result = run_presse("--repo", str(example_repo), "status")
    assert result.exit_code == 0, result.output
    assert "the last command was interrupted; 1 release(s) repaired" in result.stderr
    assert (catalog.read_text("utf-8"), review.read_text("utf-8")) == (new_catalog, new_review)
    assert list(journal_dir(repo).iterdir()) == []
    again = run_presse("--repo", str(example_repo), "status")
    assert "interrupted" not in again.stderr


def test_a_write_of_one_file_needs_no_journal_and_two_leave_none_behind(tmp_path: Path) -> None:
    folder, one, two = tmp_path / "journal", tmp_path / "a.po", tmp_path / "a.yaml"
    one.write_text("old", "utf-8")
    assert write_together(folder, "a", tmp_path, [(one, "new"), (two, "")]) == [one, two]
    assert write_together(folder, "a", tmp_path, [(one, "new"), (two, "")]) == []
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_entry_that_is_not_whole_changes_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    folder.mkdir()
    (folder / "a.json").write_text('[["a.po", "half', "utf-8")
    (folder / "b.json").write_text('[["../outside.txt", "x"]]', "utf-8")
    assert complete_interrupted(folder, tmp_path) == ["a", "b"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["journal"]
    assert not (tmp_path.parent / "outside.txt").exists()
