from __future__ import annotations

import time

import pytest

from presse.engines.translation_memory import TranslationMemory, import_tmx
from presse.errors import PresseError

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" srclang="de-DE" adminlang="en" datatype="plaintext"
          segtype="sentence" o-tmf="x" creationtoolversion="1"/>
  <body>
    <tu>
      <tuv xml:lang="de-DE"><seg>Der Landrat besucht <bpt i="1">&lt;b&gt;</bpt>Wernigerode<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Le préfet visite Wernigerode.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="DE"><seg>Die   Sprechstunde fällt aus.</seg></tuv>
      <tuv xml:lang="fr"><seg>La permanence est annulée.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="de"><seg>Nur Deutsch.</seg></tuv>
      <tuv xml:lang="en"><seg>Only English.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_exact_ignores_white_space() -> None:
    memory = TranslationMemory.from_pairs(
        [("Guten  Tag.", "Bonjour.", "a"), ("Guten Tag.", "Salut.", "b")]
    )
    assert memory.exact(" Guten Tag. ") == "Salut."  # the last pair wins
    assert memory.exact("guten tag.") is None
    assert len(memory) == 1


def test_fuzzy_above_threshold_only() -> None:
    memory = TranslationMemory.from_pairs(
        [
            ("Der Landrat besucht Wernigerode.", "Le préfet visite Wernigerode.", "r1"),
            ("Der Landrat besucht Halberstadt.", "Le préfet visite Halberstadt.", "r2"),
            ("Das Wetter ist schön.", "Il fait beau.", "r3"),
        ]
    )
    found = memory.fuzzy("Der Landrat besucht Wernigerode!", threshold=75)
    assert found[0].origin == "r1" and found[0].score > 90
    assert all(s.score >= 75 for s in found)
    assert "r3" not in {s.origin for s in found}
    assert memory.fuzzy("Etwas völlig anderes.", threshold=75) == []
    assert len(memory.fuzzy("Der Landrat besucht Quedlinburg.", threshold=10, limit=2)) == 2
    assert TranslationMemory().fuzzy("x") == []


def test_fuzzy_is_fast_for_100k_entries() -> None:
    memory = TranslationMemory.from_pairs(
        (f"Satz Nummer {i} über die Kreisstraße {i * 7}.", f"Phrase {i}.", "bulk")
        for i in range(100_000)
    )
    started = time.perf_counter()
    found = memory.fuzzy("Satz Nummer 4242 über die Kreisstraße 29694.")
    assert found[0].fr == "Phrase 4242."
    assert time.perf_counter() - started < 2.0


def test_import_tmx(tmp_path) -> None:
    path = tmp_path / "alt.tmx"
    path.write_text(TMX, encoding="utf-8")
    assert import_tmx(path) == [
        ("Der Landrat besucht Wernigerode.", "Le préfet visite Wernigerode."),
        # Every character as the file has it (look-ups compare normalised text).
        ("Die   Sprechstunde fällt aus.", "La permanence est annulée."),
    ]
    memory = TranslationMemory.from_pairs((de, fr, "tmx") for de, fr in import_tmx(path))
    assert memory.exact("Die Sprechstunde fällt aus.") == "La permanence est annulée."


def test_broken_tmx_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text(
        TMX.replace("</seg></tuv>\n    </tu>\n    <tu>", "</tuv>\n    </tu>\n    <tu>", 1)
    )
    with pytest.raises(PresseError) as caught:
        import_tmx(path)
    assert caught.value.path == path
    assert caught.value.line == 8
    assert "broken TMX" in str(caught.value) and "broken.tmx:8" in str(caught.value)


def test_not_tmx_and_missing(tmp_path) -> None:
    path = tmp_path / "x.tmx"
    path.write_text("<xliff/>")
    with pytest.raises(PresseError, match="not a TMX file"):
        import_tmx(path)
    with pytest.raises(PresseError, match="file not found"):
        import_tmx(tmp_path / "none.tmx")
