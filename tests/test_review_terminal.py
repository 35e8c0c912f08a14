"""``presse review`` in a real pseudo-terminal (pexpect): what a reviewer sees and types.

Each test runs the real command in a process of its own, answers its prompts as a
person would, and reads the screen (colours stripped) and the files it left.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml

from presse.documents.catalog import entry_id
from presse.documents.release_files import read_catalog
from presse.steps.open import open_repository
from presse.steps.review import reopen

PUBLISHED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
NEW = "2016-10-05-franzoesische-jugendliche-aus-der-partnerregion-belfort-zu-gast-im-landkreis-harz"
SRC = Path(__file__).resolve().parents[1] / "src"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PROMPT = r"\(Enter: help\): "
END = r"q quit\): "
DATE_WRONG = (
    "Douze jeunes de Belfort travaillent jusqu'au 15 octobre avec des jeunes de Halberstadt "
    "sur des projets du parc naturel du Harz."
)


class Terminal:
    """The review running in a pseudo-terminal; ``answer`` types a line and returns what
    the screen showed until the next prompt."""

    def __init__(self, root: Path, slug: str, env: dict[str, str]) -> None:
        program = "from presse.cli.main import main; main()"
        args = ["-c", program, "--repo", str(root), "review", slug, "--by", "Luc Girard"]
        self.child = pexpect.spawn(
            sys.executable, args, env=env, encoding="utf-8", timeout=60, dimensions=(50, 200)
        )

    def until(self, pattern: str = PROMPT) -> str:
        self.child.expect(pattern)
        return ANSI.sub("", self.child.before + self.child.after).replace("\r\n", "\n")

    def answer(self, line: str, pattern: str = PROMPT) -> str:
        self.child.sendline(line)
        return self.until(pattern)

    def finish(self) -> tuple[str, int]:
        """Everything shown until the command ended, and its exit status."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        return ANSI.sub("", self.child.before).replace("\r\n", "\n"), self.child.exitstatus


@pytest.fixture
def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")}
    clean["PYTHONPATH"] = os.pathsep.join([str(SRC), clean.get("PYTHONPATH", "")])
    return clean


@pytest.fixture
def terminals(example_repo: Path, env: dict[str, str]) -> Iterator[object]:
    opened: list[Terminal] = []

    def start(slug: str, **extra: str) -> Terminal:
        terminal = Terminal(example_repo, slug, {**env, **extra})
        opened.append(terminal)
        return terminal

    yield start
    for terminal in opened:
        terminal.child.close(force=True)


def review_data(root: Path, slug: str) -> dict:
    return yaml.safe_load((root / "releases" / "fr" / f"{slug}.review.yaml").read_text("utf-8"))


def ids(root: Path, slug: str) -> list[str]:
    catalog = read_catalog(root / "locale" / "fr" / "LC_MESSAGES" / f"{slug}.po")
    assert catalog is not None
    return [entry_id(e) for e in catalog.active]


def status_blockers(root: Path, slug: str, env: dict[str, str]) -> list[str]:
    program = "from presse.cli.main import main; main()"
    ran = subprocess.run(
        [sys.executable, "-c", program, "--repo", str(root), "status", slug, "--json"],
        env=env, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(ran.stdout)[0]["blockers"]


def test_enter_accepts_nothing_and_a_accepts(example_repo: Path, terminals) -> None:
    """A reopened segment: its German, French and terms are shown; Enter only shows the
    keys; ``a`` confirms; the review ends saying nothing blocks approval."""
    segment = ids(example_repo, PUBLISHED)[2]
    reopen(open_repository(example_repo), PUBLISHED, segment, "Anne Roux")
    terminal = terminals(PUBLISHED)
    screen = terminal.until()
    assert f"[3/19] needs work  ({segment})" in screen
    assert "DE: Getragen von dem Wunsch" in screen and "FR: Animés par la volonté" in screen
    assert "terms: Landrat → Landrat (keep);" in screen
    assert "findings: none" in screen
    screen = terminal.answer("")
    assert "a accept the French as it is" in screen and "q quit" in screen
    assert review_data(example_repo, PUBLISHED)["segments"][segment]["state"] == "machine"
    screen = terminal.answer("a", END)
    assert "Confirmed by Luc Girard." in screen
    # The draft confirmed is the French that was approved: nothing to approve again.
    assert "Approved as it is, by Jana Schulz on 2016-09-12: nothing to approve." in screen
    record = review_data(example_repo, PUBLISHED)["segments"][segment]
    assert record["state"] == "translated" and record["by"] == "Luc Girard"
    terminal.child.sendline("q")
    output, code = terminal.finish()
    assert code == 0 and "Aborted" not in output


def test_a_finding_is_shown_dismissed_with_its_german_and_blockers_end_it(
    example_repo: Path, terminals, env: dict[str, str]
) -> None:
    terminal = terminals(NEW)
    assert "[1/11] untranslated" in terminal.until()
    screen = terminal.answer("g 4")
    assert "[4/11] untranslated" in screen and "terms: Harz → Harz (keep)" in screen
    terminal.answer("i", r"FR: ")
    screen = terminal.answer(DATE_WRONG)
    assert "Confirmed by Luc Girard." in screen
    assert "1. error dates: the date '14. Oktober' is '15 octobre' in the French" in screen
    assert "[5/11] untranslated" in screen  # moved on to the next that needs a person
    screen = terminal.answer("b")
    assert "[4/11] translated" in screen and "error dates" in screen
    screen = terminal.answer("d", r"empty to cancel\): ")
    assert "DE: Zwölf junge Menschen aus Belfort arbeiten bis zum 14. Oktober" in screen
    assert f"FR: {DATE_WRONG}" in screen
    assert "finding: error dates: the date '14. Oktober' is '15 octobre'" in screen
    screen = terminal.answer("Die Quelle wurde nach dem Druck korrigiert")
    assert "Dismissed, with your reason, by Luc Girard." in screen
    assert "findings: none" in screen
    terminal.child.sendline("q")
    output, code = terminal.finish()
    assert code == 0 and "Aborted" not in output
    assert "1 confirmed, 1 dismissed by Luc Girard" in output
    blockers = status_blockers(example_repo, NEW, env)
    assert blockers == ["10 segment(s) untranslated"]
    assert "Approval is still blocked:\n  blocks approval: 10 segment(s) untranslated\n" in output
    assert "Segments that need a person: 1, 2, 3, 5, 6, 7, 8, 9, 10, 11" in output
    [dismissal] = review_data(example_repo, NEW)["segments"][ids(example_repo, NEW)[3]]["dismissed"]
    assert dismissal["check"] == "dates" and dismissal["by"] == "Luc Girard"
    assert dismissal["reason"] == "Die Quelle wurde nach dem Druck korrigiert"


EDITOR_SCRIPT = """import sys
with open(sys.argv[1], "w", encoding="utf-8") as file:
    file.write("Des jeunes Français de la région partenaire de Belfort en visite dans "
               "l'arrondissement de Harz\\n")
"""


@pytest.mark.parametrize("editor", [None, "/nowhere/no-such-editor", "false"])
def test_without_a_working_editor_the_french_is_typed_on_the_prompt(
    example_repo: Path, terminals, editor: str | None
) -> None:
    terminal = terminals(NEW, **({"EDITOR": editor} if editor else {}))
    terminal.until()
    screen = terminal.answer("e", r"FR: ")
    assert ("No $EDITOR is set." if editor is None else "The editor did not work") in screen
    screen = terminal.answer("Jeunes Français de Belfort en visite dans le Harz")
    assert "Confirmed by Luc Girard." in screen and "[2/11] untranslated" in screen
    record = review_data(example_repo, NEW)["segments"][ids(example_repo, NEW)[0]]
    assert record["state"] == "translated" and record["by"] == "Luc Girard"
    terminal.child.sendline("q")
    output, code = terminal.finish()
    assert code == 0 and "1 confirmed by Luc Girard" in output


def test_a_working_editor_writes_the_french(example_repo: Path, terminals, tmp_path: Path) -> None:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, "utf-8")
    terminal = terminals(NEW, EDITOR=f"{sys.executable} {script}")
    terminal.until()
    screen = terminal.answer("e")
    assert "Confirmed by Luc Girard." in screen
    catalog = read_catalog(example_repo / "locale" / "fr" / "LC_MESSAGES" / f"{NEW}.po")
    assert catalog is not None
    assert catalog.active[0].msgstr == (
        "Des jeunes Français de la région partenaire de Belfort en visite dans "
        "l'arrondissement de Harz"
    )


def test_a_confirmed_segment_can_be_reopened_and_the_end_of_input_quits_cleanly(
    example_repo: Path, terminals, env: dict[str, str]
) -> None:
    terminal = terminals(PUBLISHED)
    screen = terminal.until(END)
    assert "No segment needs a person" in screen and "Approved as it is" in screen
    screen = terminal.answer("g 5")
    assert "[5/19] translated" in screen and "DE: Landrat Martin Skiebe" in screen
    screen = terminal.answer("r")
    assert "Reopened: it needs a person again before approval." in screen
    assert "[5/19] needs work" in screen
    catalog = read_catalog(example_repo / "locale" / "fr" / "LC_MESSAGES" / f"{PUBLISHED}.po")
    assert catalog is not None and catalog.active[4].fuzzy
    terminal.child.sendeof()
    output, code = terminal.finish()
    assert code == 0 and "Aborted" not in output
    assert "1 reopened by Luc Girard" in output
    blockers = status_blockers(example_repo, PUBLISHED, env)
    assert blockers and all(f"  blocks approval: {b}\n" in output for b in blockers)
    assert "Segments that need a person: 5 (g N opens one)." in output


def test_ctrl_c_at_a_prompt_stops_cleanly_with_the_blockers(example_repo: Path, terminals) -> None:
    terminal = terminals(NEW)
    terminal.until()
    terminal.child.sendintr()
    output, code = terminal.finish()
    assert code == 0 and "Aborted" not in output and "Traceback" not in output
    assert "blocks approval: 11 segment(s) untranslated" in output


COLLEAGUE_EDITOR = """import os, sys
import polib
catalog = polib.pofile(os.environ["PRESSE_TEST_PO"])
[entry for entry in catalog if not entry.obsolete][0].msgstr = "Titre écrit par une collègue"
catalog.save()
with open(sys.argv[1], "w", encoding="utf-8") as file:
    file.write("Mon titre à moi")
"""


def test_a_french_changed_meanwhile_is_not_overwritten_and_the_typed_text_is_shown(
    example_repo: Path, terminals, tmp_path: Path
) -> None:
    """While the reviewer edits, a colleague saves the same segment in Poedit."""
    script = tmp_path / "editor.py"
    script.write_text(COLLEAGUE_EDITOR, "utf-8")
    po_path = example_repo / "locale" / "fr" / "LC_MESSAGES" / f"{NEW}.po"
    terminal = terminals(NEW, EDITOR=f"{sys.executable} {script}", PRESSE_TEST_PO=str(po_path))
    terminal.until()
    screen = terminal.answer("e")
    assert "Not saved: someone changed this French since it was shown." in screen
    assert "  yours:   Mon titre à moi" in screen
    assert "  on disk: Titre écrit par une collègue" in screen
    assert "[1/11] translated" in screen and "FR: Titre écrit par une collègue" in screen
    catalog = read_catalog(po_path)
    assert catalog is not None and catalog.active[0].msgstr == "Titre écrit par une collègue"
    terminal.child.sendline("q")
    output, code = terminal.finish()
    assert code == 0 and "confirmed by" not in output


MERGE_SLUG = "2016-10-03-das-kreishaus-wird-umgebaut"
COST = "Der Umbau kostet 2,5 Millionen Euro."
SHARES = "Davon trägt der Landkreis 800.000 Euro, das Land übernimmt 1,7 Millionen Euro."
MERGED_FR = (
    "Le réaménagement coûte 2,5 millions d’euros, dont 800\u202f000 euros à la charge "
    "de l’arrondissement et 1,7 million d’euros à celle du Land."
)


def test_m_merges_the_segment_with_the_next_and_u_unmerges(
    example_repo: Path, terminals, run_presse
) -> None:
    """One French sentence for two German ones: at first compared with half the German
    (number errors), merged with ``m``, the covered segment shown as covered, ``u``."""
    from presse.steps.review import confirm

    release = f"---\ntitle: Das Kreishaus wird umgebaut\ndate: 2016-10-03T10:00:00+02:00\n---\n\n{COST} {SHARES}\n\nDie Arbeiten beginnen im Mai.\n"
    (example_repo / "releases" / "de" / f"{MERGE_SLUG}.md").write_text(release, "utf-8")
    assert run_presse("--repo", str(example_repo), "extract").exit_code == 0
    head, covered = ids(example_repo, MERGE_SLUG)[1:3]
    confirm(open_repository(example_repo), MERGE_SLUG, head, MERGED_FR, "Camille Martin")

    terminal = terminals(MERGE_SLUG)
    assert "[1/4] untranslated" in terminal.until()  # the title comes first
    screen = terminal.answer("g 2")
    assert "[2/4] translated" in screen and "error numbers" in screen
    screen = terminal.answer("m 3")  # more than its paragraph holds: refused, nothing done
    assert f"Not saved: segment {head} has fewer than 3 segment(s) after it" in screen
    assert "merged_into" not in review_data(example_repo, MERGE_SLUG)["segments"].get(covered, {})
    screen = terminal.answer("m")
    assert "Merged by Luc Girard: the French of segment 2 covers the next 1 segment(s)." in screen
    assert "findings: none" in screen  # checked against all of the German now
    assert (
        f"DE of segments 2, 3 (merged), which the French is checked against:\n    {COST} {SHARES}"
        in screen
    )
    record = review_data(example_repo, MERGE_SLUG)["segments"][covered]
    assert record["merged_into"] == head and record["by"] == "Luc Girard"

    screen = terminal.answer("g 3")
    assert "[3/4] merged" in screen
    assert "FR: (covered by segment 2: its French translates this German too)" in screen
    assert "untranslated" not in screen and "no translation yet" not in screen
    screen = terminal.answer("a")
    assert "Segment 2 covers this one: nothing to accept (u unmerges)." in screen
    screen = terminal.answer("l")
    assert "    3  merged" in screen
    screen = terminal.answer("u")
    assert (
        "Unmerged by Luc Girard: the segments merged into segment 2 need their own French" in screen
    )
    assert "[3/4] untranslated" in screen and "FR: (no translation yet)" in screen
    assert "merged_into" not in review_data(example_repo, MERGE_SLUG)["segments"][covered]
    terminal.child.sendline("q")
    output, code = terminal.finish()
    assert code == 0 and "1 merged, 1 unmerged by Luc Girard" in output
    assert "blocks approval: 3 segment(s) untranslated" in output
