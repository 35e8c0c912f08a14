"""``presse export xliff`` and ``presse import xliff``: the agency's round trip.

The exports are validated against the OASIS schemas shipped in tests/data/xliff; the
agency's side is played by editing the file the way a CAT tool does (new target text,
inline codes kept, state set, translator named in the standard place).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml
from click.testing import Result
from lxml import etree
from xliff_helpers import NS2, NS12, schema, target_of, translate_as_cat_tool, units

from presse.documents.catalog import segment_id
from presse.steps.open import open_repository
from presse.steps.review import confirm

RunPresse = Callable[..., Result]
INLINE = "2016-11-02-tag-im-kreishaus"
INLINE_RELEASE = """---
title: Tag im Kreishaus
date: 2016-11-02T10:00:00+02:00
---

Der **Kreistag** lädt [alle Bürger](https://example.org/programm) in das Kreishaus ein.
Die Sitzung beginnt um zehn Uhr<br>im großen Saal. Der Eintritt ist *frei*.

**Wichtig:** Anmeldung bis Freitag.
"""
AGENCY = "Marie Lefèvre"
LINK_SENTENCE = (
    "Der **Kreistag** lädt [alle Bürger](https://example.org/programm) in das Kreishaus ein."
)
BREAK_SENTENCE = "Die Sitzung beginnt um zehn Uhr<br>im großen Saal."
EMPHASIS_SENTENCE = "Der Eintritt ist *frei*."


@pytest.fixture
def fake_lt() -> Iterator[Any]:
    """The fake LibreTranslate server of the engine tests (tests/engines)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "engines"))
    from fake_libretranslate import FakeLibreTranslate

    server = FakeLibreTranslate().start()
    yield server
    server.stop()


@pytest.fixture
def repo(example_repo: Path, fake_lt: Any, run_presse: RunPresse) -> Path:
    """The example repository with one more release, in Markdown with inline markup,
    whose segments are machine drafts."""
    (example_repo / "releases" / "de" / f"{INLINE}.md").write_text(INLINE_RELEASE, "utf-8")
    config = example_repo / "presse.yaml"
    config.write_text(
        config.read_text("utf-8").replace("http://127.0.0.1:5000", fake_lt.url), "utf-8"
    )
    result = run_presse(
        "--repo", str(example_repo), "translate", "--engine", "libretranslate", INLINE
    )
    assert result.exit_code == 0, result.output
    return example_repo


def export(run_presse: RunPresse, root: Path, out: Path, version: str, *args: str) -> Path:
    result = run_presse(
        "--repo", str(root), "export", "xliff", *args, "--out", str(out), "--version", version
    )
    assert result.exit_code == 0, result.output
    (path,) = out.glob(f"*xliff{version}.xlf")
    return path


def catalog(root: Path, slug: str) -> dict[str, polib.POEntry]:
    path = root / "locale" / "fr" / "LC_MESSAGES" / f"{slug}.po"
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def review(root: Path, slug: str) -> dict:
    return yaml.safe_load((root / "releases" / "fr" / f"{slug}.review.yaml").read_text("utf-8"))


def tracked(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".presse" not in p.parts and "out" not in p.parts
    }


def all_french(root: Path) -> dict[tuple[str, str], str]:
    french = {}
    for po in sorted((root / "locale" / "fr" / "LC_MESSAGES").glob("*.po")):
        for entry in polib.pofile(str(po)):
            if not entry.obsolete:
                french[(po.stem, entry.msgid)] = entry.msgstr
    return french


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_the_export_of_the_example_validates_against_the_oasis_schema(
    repo: Path, run_presse: RunPresse, tmp_path: Path, version: str
) -> None:
    path = export(run_presse, repo, tmp_path / "out", version)
    document = etree.parse(str(path))
    validator = schema(version)
    assert validator.validate(document), validator.error_log
    root = document.getroot()
    files = root.findall(f"{{{NS12 if version == '1.2' else NS2}}}file")
    assert len(files) == 3  # one per release
    # One unit per segment, under the segment's stable id.
    assert segment_id(None, LINK_SENTENCE) in units(root, version)
    tag = "trans-unit" if version == "1.2" else "unit"
    ns = NS12 if version == "1.2" else NS2
    count = sum(len(catalog(repo, p.stem)) for p in repo.glob("locale/fr/*/*.po"))
    assert len(list(root.iter(f"{{{ns}}}{tag}"))) == count


def test_machine_drafts_are_marked_as_such(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    unit_id = segment_id(None, EMPHASIS_SENTENCE)
    one = units(etree.parse(str(export(run_presse, repo, tmp_path / "a", "1.2"))).getroot(), "1.2")
    target = target_of(one[unit_id], "1.2")
    assert target.get("state") == "needs-review-translation"
    assert target.get("state-qualifier") == "leveraged-mt"
    two = units(etree.parse(str(export(run_presse, repo, tmp_path / "b", "2.1"))).getroot(), "2.1")
    segment = two[unit_id].find(f"{{{NS2}}}segment")
    assert (segment.get("state"), segment.get("subState")) == ("initial", "presse:machine")
    # A person's translation of the example, in a release approved since: final.
    approved = segment_id(
        "title", "Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort"
    )
    assert target_of(one[approved], "1.2").get("state") == "final"


def test_inline_markdown_becomes_xliff_codes(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = export(run_presse, repo, tmp_path / "out", "1.2", INLINE)
    source = units(etree.parse(str(path)).getroot(), "1.2")[segment_id(None, LINK_SENTENCE)][0]
    assert etree.tostring(source, encoding="unicode", with_tail=False).split(">", 1)[1] == (
        'Der <g id="1" ctype="bold">Kreistag</g> lädt <g id="2" ctype="link">alle Bürger</g>'
        " in das Kreishaus ein.</source>"
    )
    assert "**" not in source.xpath("string()") and "](" not in source.xpath("string()")
    # A text that starts with a code gains no white space from the indentation.
    bold_first = units(etree.parse(str(path)).getroot(), "1.2")[
        segment_id(None, "**Wichtig:** Anmeldung bis Freitag.")
    ][0]
    assert bold_first.xpath("string()") == "Wichtig: Anmeldung bis Freitag."


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_a_round_trip_changes_exactly_the_three_translations(
    repo: Path, run_presse: RunPresse, tmp_path: Path, version: str
) -> None:
    path = export(run_presse, repo, tmp_path / "out", version)
    before = all_french(repo)
    translate_as_cat_tool(
        path,
        version,
        {
            segment_id(
                None, LINK_SENTENCE
            ): "Le |conseil d'arrondissement| invite |tous les citoyens| à la Maison du district.",
            segment_id(
                None, BREAK_SENTENCE
            ): "La séance commence à dix heures|dans la grande salle.",
            segment_id("title", "Tag im Kreishaus"): "Journée à la Maison du district",
        },
        AGENCY,
    )
    result = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert result.exit_code == 0, result.output
    assert f"3 translation(s) taken by {AGENCY}" in result.output
    after = all_french(repo)
    changed = {key: after[key] for key in after if after[key] != before.get(key)}
    assert changed == {
        (INLINE, LINK_SENTENCE): (
            "Le **conseil d'arrondissement** invite [tous les citoyens](https://example.org/programm)"
            " à la Maison du district."
        ),
        (INLINE, BREAK_SENTENCE): "La séance commence à dix heures<br>dans la grande salle.",
        (INLINE, "Tag im Kreishaus"): "Journée à la Maison du district",
    }
    segments = review(repo, INLINE)["segments"]
    for german in (LINK_SENTENCE, BREAK_SENTENCE):
        record = segments[segment_id(None, german)]
        assert (record["state"], record["by"]) == ("translated", AGENCY)
    assert segments[segment_id(None, EMPHASIS_SENTENCE)]["state"] == "machine"
    assert catalog(repo, INLINE)[LINK_SENTENCE].fuzzy is False
    # Importing the same file again changes nothing.
    snapshot = tracked(repo)
    again = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert again.exit_code == 0 and "0 translation(s) taken" in again.output
    assert tracked(repo) == snapshot


def test_a_unit_whose_german_changed_is_refused(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = export(run_presse, repo, tmp_path / "out", "1.2", INLINE)
    translate_as_cat_tool(
        path,
        "1.2",
        {
            segment_id(
                None, BREAK_SENTENCE
            ): "La séance commence à dix heures|dans la grande salle.",
            segment_id("title", "Tag im Kreishaus"): "Journée à la Maison du district",
        },
        AGENCY,
    )
    release = repo / "releases" / "de" / f"{INLINE}.md"
    release.write_text(release.read_text("utf-8").replace("zehn Uhr", "elf Uhr"), "utf-8")
    result = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert result.exit_code == 0, result.output
    assert "1 unit(s) refused: their German changed since the export" in result.stderr
    assert f"unit {segment_id(None, BREAK_SENTENCE)} ({INLINE})" in result.stderr
    french = catalog(repo, INLINE)
    assert french["Tag im Kreishaus"].msgstr == "Journée à la Maison du district"
    new_german = BREAK_SENTENCE.replace("zehn", "elf")
    assert "dix heures" not in french[new_german].msgstr


def test_a_translation_made_in_presse_after_the_export_is_kept(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = export(run_presse, repo, tmp_path / "out", "1.2", INLINE)
    translate_as_cat_tool(
        path, "1.2", {segment_id(None, EMPHASIS_SENTENCE): "L'entrée est |libre|."}, AGENCY
    )
    handle = open_repository(repo)
    with handle.lock():
        confirm(
            handle,
            INLINE,
            segment_id(None, EMPHASIS_SENTENCE),
            "L'entrée est *gratuite*.",
            "Anne Roux",
        )
    result = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert result.exit_code == 0, result.output
    assert "1 kept as they are" in result.output
    assert catalog(repo, INLINE)[EMPHASIS_SENTENCE].msgstr == "L'entrée est *gratuite*."
    record = review(repo, INLINE)["segments"][segment_id(None, EMPHASIS_SENTENCE)]
    assert record["by"] == "Anne Roux"
    assert record["suggestions"][0]["fr"] == "L'entrée est *libre*."
    assert record["suggestions"][0]["by"] == AGENCY


def test_the_translator_comes_from_by_when_the_file_names_none(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = export(run_presse, repo, tmp_path / "out", "2.1", INLINE)
    translate_as_cat_tool(path, "2.1", {segment_id("title", "Tag im Kreishaus"): "Journée"}, "")
    text = path.read_text("utf-8").replace('its:person=""', "").replace('ns0:person=""', "")
    path.write_text(text, "utf-8")
    refused = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert refused.exit_code == 1 and "give --by NAME" in refused.stderr
    result = run_presse("--repo", str(repo), "import", "xliff", str(path), "--by", "Paul Agence")
    assert result.exit_code == 0, result.output
    assert (
        review(repo, INLINE)["segments"][segment_id("title", "Tag im Kreishaus")]["by"]
        == "Paul Agence"
    )


BAD_FILES = {
    "malformed": (lambda t: re.sub("</(body|segment)>", "", t, count=1), "broken XLIFF file"),
    "wrong pair": (
        lambda t: re.sub('(target-language|trgLang)="fr"', r'\1="it"', t, count=1),
        "the file translates de → it, this repository de → fr",
    ),
    "xxe": (
        lambda t: t.replace(
            "<xliff ",
            '<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<xliff ',
            1,
        ).replace("Journée", "&secret;", 1),
        "declares a DTD of its own",
    ),
    # No unit's id is one of the release's: a file of another repository's release.
    "unknown ids": (
        lambda t: re.sub(r'id="([0-9a-f]{12})"', lambda m: f'id="{m[1][::-1]}"', t),
        "no segment with this id in the release (was this file exported from here?)",
    ),
    "lost code": (
        lambda t: re.sub(r'<(x|ph) id="1"[^>]*/>dans', " dans", t, count=1),
        "lost in translation",
    ),
}


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_one_line_and_nothing_written(
    repo: Path, run_presse: RunPresse, tmp_path: Path, case: str, version: str
) -> None:
    path = export(run_presse, repo, tmp_path / "out", version, INLINE)
    translate_as_cat_tool(
        path,
        version,
        {
            segment_id("title", "Tag im Kreishaus"): "Journée à la Maison du district",
            segment_id(
                None, BREAK_SENTENCE
            ): "La séance commence à dix heures|dans la grande salle.",
        },
        AGENCY,
    )
    spoil, message = BAD_FILES[case]
    text = path.read_text("utf-8")
    spoiled = spoil(text)
    assert spoiled != text
    path.write_text(spoiled, "utf-8")
    before = tracked(repo)
    result = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}:") and message in lines[0], lines[0]
    assert tracked(repo) == before


def test_a_text_under_an_untouched_state_is_still_taken(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    """Some tools fill the target and leave state="needs-translation" as presse wrote it."""
    path = export(run_presse, repo, tmp_path / "out", "1.2", INLINE)
    title = segment_id("title", "Tag im Kreishaus")
    translate_as_cat_tool(path, "1.2", {title: "Journée au Kreishaus"}, AGENCY)
    root = etree.parse(str(path)).getroot()
    target_of(units(root, "1.2")[title], "1.2").set("state", "needs-translation")
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    result = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert result.exit_code == 0 and "1 translation(s) taken" in result.output, result.output
    assert catalog(repo, INLINE)["Tag im Kreishaus"].msgstr == "Journée au Kreishaus"


def test_the_export_can_hold_only_the_segments_in_a_state(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = export(run_presse, repo, tmp_path / "out", "1.2", "--state", "machine")
    root = etree.parse(str(path)).getroot()
    states = {target_of(u, "1.2").get("state") for u in units(root, "1.2").values()}
    assert states == {"needs-review-translation"}
    assert len(root.findall(f"{{{NS12}}}file")) == 1  # only the release with drafts
    assert len(units(root, "1.2")) == 5


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_a_segment_covered_by_a_merge_is_locked_in_the_export_and_ignored_on_import(
    repo: Path, run_presse: RunPresse, tmp_path: Path, version: str
) -> None:
    head, covered = segment_id(None, BREAK_SENTENCE), segment_id(None, EMPHASIS_SENTENCE)
    merged = run_presse("--repo", str(repo), "merge", INLINE, head, "--by", "Ana")
    assert merged.exit_code == 0, merged.output
    path = export(run_presse, repo, tmp_path / "out", version, INLINE)
    document = etree.parse(str(path))
    validator = schema(version)
    assert validator.validate(document), validator.error_log
    ns = NS12 if version == "1.2" else NS2
    found = units(document.getroot(), version)
    lock = found[covered]
    # No empty "translated" target for a CAT tool to show: the unit is not to translate.
    assert lock.get("translate") == "no"
    assert not list(lock.iter(f"{{{ns}}}target"))
    notes = " ".join(n.text or "" for n in lock.iter(f"{{{ns}}}note"))
    assert f"merged into {head}" in notes
    if version == "2.1":
        assert lock.find(f"{{{NS2}}}segment").get("state") == "initial"
    assert found[head].get("translate") is None
    head_notes = " ".join(n.text or "" for n in found[head].iter(f"{{{ns}}}note"))
    assert f"also translates unit(s) {covered}" in head_notes

    # The agency translates the first segment; its tool writes a target into the locked
    # unit all the same: that one is ignored.
    translate_as_cat_tool(
        path, version, {head: "La séance commence à dix heures|dans la grande salle."}, AGENCY
    )
    root = etree.parse(str(path)).getroot()
    lock = units(root, version)[covered]
    holder = lock if version == "1.2" else lock.find(f"{{{NS2}}}segment")
    etree.SubElement(holder, f"{{{ns}}}target").text = "L'entrée est libre."
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    result = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert result.exit_code == 0, result.output
    assert f"1 translation(s) taken by {AGENCY}" in result.output
    entries = catalog(repo, INLINE)
    assert entries[BREAK_SENTENCE].msgstr == (
        "La séance commence à dix heures<br>dans la grande salle."
    )
    assert entries[EMPHASIS_SENTENCE].msgstr == ""
    assert "presse: merged with previous" in entries[EMPHASIS_SENTENCE].tcomment
    record = review(repo, INLINE)["segments"][covered]
    assert record["merged_into"] == head
    assert not record.get("suggestions") and "kept" not in result.output  # not even offered


def test_a_unit_whose_untranslated_german_changed_is_refused_and_the_rest_taken(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    """The office rewrites a sentence nobody had translated while the agency works: its
    old id is gone from the release (an untranslated sentence leaves no obsolete entry),
    which is no reason to refuse the agency's other translations."""
    release = repo / "releases" / "de" / f"{INLINE}.md"
    text = release.read_text("utf-8")
    release.write_text(text.replace("bis Freitag.", "bis Freitag. Parkplätze sind da."), "utf-8")
    assert run_presse("--repo", str(repo), "extract", INLINE).exit_code == 0
    path = export(run_presse, repo, tmp_path / "out", "1.2", INLINE)
    added = segment_id(None, "Parkplätze sind da.")
    translate_as_cat_tool(
        path,
        "1.2",
        {
            added: "Des places de stationnement sont disponibles.",
            segment_id("title", "Tag im Kreishaus"): "Journée à la Maison du district",
        },
        AGENCY,
    )
    text = release.read_text("utf-8")
    release.write_text(text.replace("Parkplätze sind da.", "Es gibt genug Parkplätze."), "utf-8")
    result = run_presse("--repo", str(repo), "import", "xliff", str(path))
    assert result.exit_code == 0, result.output
    assert "1 unit(s) refused" in result.stderr and f"unit {added} ({INLINE})" in result.stderr
    french = catalog(repo, INLINE)
    assert french["Tag im Kreishaus"].msgstr == "Journée à la Maison du district"
    assert french["Es gibt genug Parkplätze."].msgstr == ""
