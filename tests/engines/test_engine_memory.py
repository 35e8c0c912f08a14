from __future__ import annotations

from collections.abc import Sequence

from contract import EngineContract, expected_french, run, unit

from presse.documents.config import Config
from presse.engines import Unit, get_engine
from presse.engines.memory import MemoryEngine
from presse.engines.translation_memory import TranslationMemory


class TestMemoryEngine(EngineContract):
    def make_engine(self, units: Sequence[Unit]) -> MemoryEngine:
        pairs = []
        for u in units:
            pairs.append((u.text, expected_french(u.text), "test"))
        memory = TranslationMemory.from_pairs(pairs)
        # test_no_glossary expects the translation without keep terms
        return _NoGlossaryAware(memory)

    def test_exact_and_fuzzy(self) -> None:
        memory = TranslationMemory.from_pairs(
            [
                ("Der Landrat besucht Wernigerode.", "Le préfet visite Wernigerode.", "r1"),
                ("Der Landrat besucht Halberstadt.", "Le préfet visite Halberstadt.", "r2"),
                ("Die Kreisverwaltung ist geschlossen.", "L'administration est fermée.", "r3"),
            ]
        )
        engine = MemoryEngine(memory, threshold=75)
        units = [
            unit(0, "Der  Landrat besucht Wernigerode."),  # white space differs: exact
            unit(1, "Der Landrat besucht Quedlinburg."),
            unit(2, "Ganz etwas anderes steht hier."),
        ]
        (result,) = run(engine, units)
        assert result.translations == {"seg-0": "Le préfet visite Wernigerode."}
        assert result.billed_characters == 0 and result.requests == 0
        suggestions = result.suggestions["seg-1"]
        assert [s.origin for s in suggestions][:2] in (["r1", "r2"], ["r2", "r1"])
        assert all(s.score >= 75 for s in suggestions)
        assert "seg-2" not in result.suggestions and "seg-2" not in result.translations

    def test_get_engine_reads_tmx_option(self, tmp_path) -> None:
        (tmp_path / "alt.tmx").write_text(
            '<?xml version="1.0"?><tmx version="1.4"><header srclang="de-DE"/><body>'
            '<tu><tuv xml:lang="de-DE"><seg>Guten Tag.</seg></tuv>'
            '<tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv></tu></body></tmx>',
            encoding="utf-8",
        )
        config = Config(
            office="Landkreis Harz",
            source_language="de",
            target_language="fr",
            timezone="Europe/Berlin",
            raw={"engine": {"name": "memory", "memory": {"tmx": ["alt.tmx"], "threshold": 80}}},
            path=tmp_path / "presse.yaml",
        )
        engine = get_engine("memory", config)
        assert engine.settings() == {"engine": "memory", "threshold": 80, "entries": 1}
        (result,) = run(engine, [unit(0, "Guten Tag.")])
        assert result.translations == {"seg-0": "Bonjour."}


class _NoGlossaryAware(MemoryEngine):
    """The memory knows the German with keep terms; without a glossary the fake servers
    would translate the term too, so answer those from a second memory."""

    def translate(self, units, glossary=None):
        if glossary is None:
            self.memory = TranslationMemory.from_pairs(
                (u.text, expected_french(u.text, keep=[]), "test") for u in units
            )
        return super().translate(units, glossary)
