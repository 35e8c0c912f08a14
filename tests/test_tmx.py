"""``presse memory export`` and ``presse memory import``: TMX 1.4b without losing a character.

The French of the example uses no-break spaces (U+00A0 before « », U+202F before ; ! ?):
a round trip through presse, and through translate-toolkit, gives every segment back
byte for byte, with its ``x-context``, its dates and its translator.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree
from translate.storage.tmx import tmxfile

from presse.engines.translation_memory import TmxUnit, read_tmx

RunPresse = Callable[..., Result]


def export(run_presse: RunPresse, root: Path, path: Path) -> list[TmxUnit]:
    result = run_presse("--repo", str(root), "memory", "export", str(path))
    assert result.exit_code == 0, result.output
    return read_tmx(path)


def test_the_export_holds_the_approved_pairs_with_dates_and_translator(
    example_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "office.tmx"
    units = export(run_presse, example_repo, path)
    assert len(units) == 19  # the segments people translated in the example
    root = etree.parse(str(path)).getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert (header.get("srclang"), header.get("segtype")) == ("de", "sentence")
    for tu in root.iter("tu"):
        assert len(tu.get("creationdate")) == 16 and tu.get("creationdate").endswith("Z")
        assert tu.get("changeid") == tu.get("creationid") and tu.get("creationid")
    assert sum("\u00a0" in u.fr or "\u202f" in u.fr for u in units) >= 5
    assert {u.context for u in units} >= {"title", None}


def test_a_round_trip_through_presse_keeps_every_character(
    example_repo: Path, office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "office.tmx"
    exported = export(run_presse, example_repo, path)
    result = run_presse("--repo", str(office_repo), "memory", "import", str(path))
    assert result.exit_code == 0, result.output
    imported = read_tmx(office_repo / "memory" / "imported.tmx")
    assert imported == exported  # text, context, dates and translators
    assert [u.fr.encode() for u in imported] == [u.fr.encode() for u in exported]


def test_a_round_trip_through_translate_toolkit_changes_nothing(
    example_repo: Path, office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "office.tmx"
    exported = export(run_presse, example_repo, path)
    store = tmxfile.parsefile(str(path))
    store.units = [u for u in store.units if not u.isheader()]
    assert [(u.source, u.target) for u in store.units] == [(u.de, u.fr) for u in exported]
    assert [u.getcontext() or None for u in store.units] == [u.context for u in exported]
    # The toolkit writes it out again; presse imports that file.
    rewritten = tmp_path / "toolkit.tmx"
    rewritten.write_bytes(bytes(store))
    result = run_presse("--repo", str(office_repo), "memory", "import", str(rewritten))
    assert result.exit_code == 0, result.output
    imported = read_tmx(office_repo / "memory" / "imported.tmx")
    assert [(u.de, u.fr, u.context) for u in imported] == [
        (u.de, u.fr, u.context) for u in exported
    ]


GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="de" datatype="plaintext"/><body>
<tu><prop type="x-context">title</prop><tuv xml:lang="de"><seg>Guten Tag</seg></tuv>
<tuv xml:lang="fr"><seg>Bonjour\u00a0!</seg></tuv></tu></body></tmx>
"""
BAD = {
    "malformed": (GOOD.replace("</tuv></tu>", "</tu>"), "broken TMX file"),
    "wrong pair": (
        GOOD.replace('xml:lang="fr"', 'xml:lang="it"'),
        "no translation unit with both de and fr",
    ),
    "xxe": (
        GOOD.replace(
            "<tmx ", '<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tmx ', 1
        ).replace("Guten Tag", "&x;"),
        "declares a DTD of its own",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_tmx_is_refused_and_nothing_written(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path, case: str
) -> None:
    good = tmp_path / "good.tmx"
    good.write_text(GOOD, "utf-8")
    assert run_presse("--repo", str(office_repo), "memory", "import", str(good)).exit_code == 0
    stored = office_repo / "memory" / "imported.tmx"
    before = stored.read_bytes()
    assert "Bonjour\u00a0!".encode() in before and b'type="x-context">title<' in before
    text, message = BAD[case]
    path = tmp_path / f"{case.replace(' ', '-')}.tmx"
    path.write_text(text, "utf-8")
    result = run_presse("--repo", str(office_repo), "memory", "import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)) and message in lines[0], lines
    assert stored.read_bytes() == before
