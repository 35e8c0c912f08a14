"""What a person sees of the findings without opening anything else (#17): ``presse
check`` with the German and French beside each finding, ``presse status SLUG`` with the
release's dismissals, and the PO comments a Poedit user reads (warnings too)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result

RunPresse = Callable[..., Result]

SLUG = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
OTHER = (
    "2016-10-05-franzoesische-jugendliche-aus-der-partnerregion-belfort-zu-gast-im-landkreis-harz"
)
SINCE_1994 = "besteht seit 1994"  # picks the segment given a wrong year (an error)
TOURISM = "Der 15. April stand ganz im Zeichen des Tourismus"  # given a wrong colon (a warning)
REASON = "La date a été vérifiée auprès du service de presse."


def catalog_path(root: Path, slug: str = SLUG) -> Path:
    return root / "locale" / "fr" / "LC_MESSAGES" / f"{slug}.po"


def entry_with(root: Path, fragment: str, slug: str = SLUG) -> polib.POEntry:
    po = polib.pofile(str(catalog_path(root, slug)))
    return next(e for e in po if fragment in e.msgid and not e.obsolete)


def edit_french(root: Path, fragment: str, old: str, new: str) -> None:
    """A translator's edit in a PO editor."""
    path = catalog_path(root)
    po = polib.pofile(str(path), wrapwidth=79)
    entry = next(e for e in po if fragment in e.msgid)
    assert old in entry.msgstr
    entry.msgstr = entry.msgstr.replace(old, new, 1)
    po.save(str(path))


@pytest.fixture
def flawed(example_repo: Path) -> Path:
    """The example with one error (a year changed) and one warning (a colon without its
    no-break space) in its approved French."""
    edit_french(example_repo, SINCE_1994, "depuis 1994", "depuis 1996")
    edit_french(example_repo, TOURISM, "tourisme\u00a0:", "tourisme :")
    return example_repo


def segment_of(run_presse: RunPresse, root: Path, check: str) -> str:
    found = json.loads(run_presse("--repo", str(root), "check", "--json").stdout)[SLUG]
    (segment,) = [key for key, problems in found.items() if problems[0]["check"] == check]
    return segment


def dismiss_the_year(run_presse: RunPresse, root: Path, reason: str = REASON) -> str:
    segment = segment_of(run_presse, root, "numbers")
    result = run_presse(
        "--repo", str(root), "dismiss", SLUG, segment, "numbers", "--reason", reason,
        "--by", "Jana Schulz",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return segment


def block_after(lines: list[str], label: str, start: int) -> str:
    """The text of a wrapped ``label`` block (its continuation lines joined)."""
    index = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith(label))
    indent = lines[index].index(label) + len(label) + 1
    parts = [lines[index][indent:]]
    for line in lines[index + 1 :]:
        if not line.startswith(" " * indent) or line[indent : indent + 1] == " ":
            break
        parts.append(line[indent:])
    return " ".join(parts)


def test_check_prints_the_german_and_french_of_each_finding_wrapped_to_the_terminal(
    flawed: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    result = run_presse("--repo", str(flawed), "check")
    assert result.exit_code == 1  # the year is an error
    lines = result.stdout.splitlines()
    year = entry_with(flawed, SINCE_1994)
    [at] = [i for i, line in enumerate(lines) if "error numbers:" in line]
    segment = segment_of(run_presse, flawed, "numbers")
    assert lines[at].startswith(f"{SLUG} [{segment}] error numbers: ")  # the id to dismiss
    assert block_after(lines, "DE:", at) == year.msgid
    assert block_after(lines, "FR:", at) == year.msgstr and "depuis 1996" in year.msgstr
    tourism = entry_with(flawed, TOURISM)
    [warned] = [i for i, line in enumerate(lines) if "warning typography:" in line]
    assert block_after(lines, "DE:", warned) == tourism.msgid
    assert block_after(lines, "FR:", warned) == tourism.msgstr
    assert "tourisme\u00a0: lors" in block_after(lines, "suggested:", warned)  # kept no-break
    texts = [line for line in lines if line.startswith("    ")]
    assert texts and max(len(line) for line in texts) <= 72
    assert "1 error(s), 1 warning(s)." in lines
    assert any(line.startswith("A finding that does not apply: presse dismiss") for line in lines)


def test_check_json_gives_every_finding_its_whole_german_and_french(
    flawed: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # JSON is neither wrapped nor shortened
    found = json.loads(run_presse("--repo", str(flawed), "check", "--json").stdout)[SLUG]
    by_check = {problems[0]["check"]: problems[0] for problems in found.values()}
    year, tourism = entry_with(flawed, SINCE_1994), entry_with(flawed, TOURISM)
    assert by_check["numbers"]["source"] == year.msgid
    assert by_check["numbers"]["target"] == year.msgstr
    assert by_check["typography"]["source"] == tourism.msgid
    assert by_check["typography"]["target"] == tourism.msgstr
    assert by_check["numbers"]["severity"] == "error" and "1994" in by_check["numbers"]["message"]


def test_status_of_a_release_lists_its_dismissals(
    flawed: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    segment = dismiss_the_year(run_presse, flawed)
    german = entry_with(flawed, SINCE_1994).msgid
    one = run_presse("--repo", str(flawed), "status", SLUG)
    assert one.exit_code == 0, one.output
    lines = one.stdout.splitlines()
    [at] = [i for i, line in enumerate(lines) if f"[{segment}] numbers" in line]
    assert "by Jana Schulz on 20" in lines[at]
    assert block_after(lines, "why:", at) == REASON
    assert "1994" in block_after(lines, "finding:", at)
    shown = next(line for line in lines[at:] if line.lstrip().startswith("DE:"))
    assert len(shown) <= 70 and " … " in shown  # the German, shortened in the middle
    head, tail = shown.split("DE: ", 1)[1].split(" … ")
    assert german.startswith(head) and german.endswith(tail) and head and tail

    overview = run_presse("--repo", str(flawed), "status").stdout
    assert f"1 finding(s) dismissed (presse status {SLUG} lists them)" in overview
    assert REASON not in overview

    [status] = json.loads(run_presse("--repo", str(flawed), "status", SLUG, "--json").stdout)
    [dismissal] = status["dismissals"]
    assert dismissal["segment"] == segment and dismissal["check"] == "numbers"
    assert dismissal["by"] == "Jana Schulz" and dismissal["reason"] == REASON
    assert dismissal["source"] == german  # whole, in JSON
    assert dismissal["at"].startswith("20") and "1994" in dismissal["message"]
    assert "numbers" not in json.dumps(status["problems"])  # no longer a finding


def comments_of(root: Path, fragment: str, slug: str = SLUG) -> list[str]:
    return entry_with(root, fragment, slug).comment.split("\n")


def msgfmt_check(path: Path) -> None:
    # Not skipped: scripts/test installs GNU gettext, and a catalog msgfmt refuses is the
    # regression this guards against.
    assert shutil.which("msgfmt"), "GNU gettext (msgfmt) is needed: scripts/debian-packages"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_warnings_and_errors_are_in_the_po_comments_told_apart(
    flawed: Path, run_presse: RunPresse
) -> None:
    assert run_presse("--repo", str(flawed), "extract").exit_code == 0
    [error] = [c for c in comments_of(flawed, SINCE_1994) if "numbers" in c]
    assert error.startswith("error (numbers): ") and "1994" in error
    [warning] = [c for c in comments_of(flawed, TOURISM) if "typography" in c]
    assert warning.startswith("warning (typography): ")
    assert any(c.startswith("terms: ") for c in comments_of(flawed, TOURISM))  # still there
    msgfmt_check(catalog_path(flawed))


def test_a_dismissed_finding_is_marked_so_in_the_po_with_who_and_why(
    flawed: Path, run_presse: RunPresse
) -> None:
    dismiss_the_year(run_presse, flawed)
    found = [c for c in comments_of(flawed, SINCE_1994) if "numbers" in c]
    assert found == [
        "dismissed (numbers): the number '1994' is missing from the French "
        f"[by Jana Schulz: {REASON}]"
    ]
    msgfmt_check(catalog_path(flawed))


def test_a_reason_over_several_lines_stays_one_po_comment(
    flawed: Path, run_presse: RunPresse
) -> None:
    dismiss_the_year(run_presse, flawed, reason="Vérifié.\nLa source dit 1996.")
    [found] = [c for c in comments_of(flawed, SINCE_1994) if "numbers" in c]
    assert found.endswith("[by Jana Schulz: Vérifié. La source dit 1996.]")
    msgfmt_check(catalog_path(flawed))


def test_annotating_again_writes_the_same_bytes(flawed: Path, run_presse: RunPresse) -> None:
    dismiss_the_year(run_presse, flawed)
    assert run_presse("--repo", str(flawed), "extract").exit_code == 0
    files = [catalog_path(flawed), flawed / "releases" / "fr" / f"{SLUG}.review.yaml"]
    before = [path.read_bytes() for path in files]
    shutil.rmtree(flawed / ".presse")  # no cache: every release merged and annotated again
    again = run_presse("--repo", str(flawed), "extract")
    assert f"{SLUG}: up to date" in again.stdout
    assert [path.read_bytes() for path in files] == before


def test_a_memory_draft_carries_its_warning_into_the_po(
    example_repo: Path, run_presse: RunPresse
) -> None:
    # A sentence both releases share, its approved French with a typographic slip: the
    # memory copies the slip into the other release, and the PO says so.
    shared = "Seitdem ist die Partnerschaft"
    edit_french(example_repo, shared, "partenariat.", "partenariat !")
    assert run_presse("--repo", str(example_repo), "translate").exit_code == 0
    draft = entry_with(example_repo, shared, OTHER)
    assert draft.msgstr.endswith("partenariat !") and "fuzzy" in draft.flags
    assert any(
        c.startswith("warning (typography): ") for c in comments_of(example_repo, shared, OTHER)
    )
    msgfmt_check(catalog_path(example_repo, OTHER))
