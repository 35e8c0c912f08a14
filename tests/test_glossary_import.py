"""``presse glossary import``: a term base (TBX or Weblate CSV) merged into glossary.yaml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result

from presse.glossary.load import load_glossary
from presse.glossary.terms import Term

RunPresse = Callable[..., Result]


def terms(path: Path) -> list[Term]:
    return [replace(t, line=0) for t in load_glossary(path).terms]


def exported(run_presse: RunPresse, root: Path, fmt: str, path: Path) -> Path:
    result = run_presse("--repo", str(root), "glossary", "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    path.write_text(result.stdout, "utf-8")
    return path


def test_a_tbx_export_and_import_gives_the_same_glossary(
    example_repo: Path, office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    tbx = exported(run_presse, example_repo, "tbx", tmp_path / "terms.tbx")
    result = run_presse("--repo", str(office_repo), "glossary", "import", str(tbx), "--yes")
    assert result.exit_code == 0, result.output
    assert "+- de: Landkreis Harz" in result.output  # the diff, shown before writing
    original = terms(example_repo / "glossary.yaml")
    assert len(original) == 18
    assert terms(office_repo / "glossary.yaml") == original
    # Importing it again, or into the glossary it came from, changes nothing.
    for root in (office_repo, example_repo):
        again = run_presse("--repo", str(root), "glossary", "import", str(tbx))
        assert again.exit_code == 0 and "Nothing to change" in again.output


def test_a_weblate_csv_gives_the_terms_back(
    example_repo: Path, office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    csv = exported(run_presse, example_repo, "csv", tmp_path / "terms.csv")
    result = run_presse("--repo", str(office_repo), "glossary", "import", str(csv), "--yes")
    assert result.exit_code == 0, result.output
    keys = lambda t: (t.de, t.fr, t.keep, t.fr_forms, t.avoid, t.kind)  # noqa: E731
    assert [keys(t) for t in terms(office_repo / "glossary.yaml")] == [
        keys(t) for t in terms(example_repo / "glossary.yaml")
    ]


TERM_BASE = """<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="de-DE"><termSec><term>Kreistag</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
  <langSec xml:lang="fr-FR">
    <termSec><term>conseil d'arrondissement</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>assemblée de l'arrondissement</term>
      <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>diète</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  </langSec>
</conceptEntry>
<conceptEntry id="c2">
  <langSec xml:lang="de"><termSec><term>Landkreis Harz</term></termSec></langSec>
  <langSec xml:lang="fr"><termSec><term>district du Harz</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""


def test_new_terms_are_added_and_a_conflict_is_refused_unless_told(
    example_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    glossary = example_repo / "glossary.yaml"
    before = glossary.read_bytes()
    tbx = tmp_path / "agency.tbx"
    tbx.write_text(TERM_BASE, "utf-8")
    refused = run_presse("--repo", str(example_repo), "glossary", "import", str(tbx), "--yes")
    assert refused.exit_code == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{tbx}:16: 'Landkreis Harz'"), lines
    assert "'arrondissement de Harz'" in lines[0] and "'district du Harz'" in lines[0]
    assert glossary.read_bytes() == before

    asked = run_presse(
        "--repo", str(example_repo), "glossary", "import", str(tbx), "--prefer-import", input="n\n"
    )
    assert asked.exit_code == 0 and "Nothing written." in asked.output
    assert "+  fr: district du Harz" in asked.output and glossary.read_bytes() == before

    taken = run_presse(
        "--repo", str(example_repo), "glossary", "import", str(tbx), "--prefer-import", "--yes"
    )
    assert taken.exit_code == 0, taken.output
    found = {t.de: t for t in terms(glossary)}
    assert found["Kreistag"].fr == "conseil d'arrondissement"
    assert found["Kreistag"].fr_forms == ("assemblée de l'arrondissement",)
    assert found["Kreistag"].avoid == ("diète",)
    assert found["Landkreis Harz"].fr == "district du Harz"
    text = glossary.read_text("utf-8")
    assert text.startswith(before.decode("utf-8").split("\n- de:", 1)[0])  # comments kept
    assert "# --- the county and its people" in text


BAD = {
    "malformed": (TERM_BASE.replace("</langSec>", "", 1), "broken TBX file"),
    "wrong pair": (
        TERM_BASE.replace('xml:lang="fr-FR"', 'xml:lang="it"'),
        "entry c1: no fr term (languages here: de, it)",
    ),
    "xxe": (
        TERM_BASE.replace(
            "<tbx ", '<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tbx ', 1
        ).replace("Kreistag", "&x;", 1),
        "declares a DTD of its own",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_term_base_is_refused_and_nothing_written(
    example_repo: Path, run_presse: RunPresse, tmp_path: Path, case: str
) -> None:
    glossary = example_repo / "glossary.yaml"
    before = glossary.read_bytes()
    text, message = BAD[case]
    tbx = tmp_path / "bad.tbx"
    tbx.write_text(text, "utf-8")
    result = run_presse(
        "--repo", str(example_repo), "glossary", "import", str(tbx), "--prefer-import", "--yes"
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{tbx}:") and message in lines[0], lines
    assert glossary.read_bytes() == before
