"""Behaviour every engine shares, tested once per engine (each engine's test class
inherits :class:`EngineContract`, as Weblate's machine-translation tests do)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fakes import fake_translate

from presse.engines import BatchResult, Engine, Unit
from presse.engines.markup import Protector

SENTENCES = [
    "Der **Landrat** besucht am 3. Mai [Wernigerode](https://www.kreis-hz.de/a_b?x=1).",
    "Die Sprechstunde im *Landkreis Harz* beginnt um 9 Uhr & endet um 12 Uhr.",
    "Anträge gibt es unter `formulare/antrag.pdf` oder im Bürgerbüro <Halberstadt>.",
]
KEEP = ["Landkreis Harz"]
KEY = "presse-test-key-1234:fx"


def expected_french(text: str, keep: Sequence[str] = KEEP) -> str:
    """What the fake servers' upper-casing gives for ``text``, Markdown restored."""
    spans = []
    for term in keep:
        at = text.find(term)
        if at >= 0:
            spans.append(type("S", (), {"start": at, "end": at + len(term)})())
    protector = Protector()
    xml = protector.protect(text, spans)
    fr, problems = protector.restore(fake_translate(xml, lambda name, _a: name == "k"))
    assert not problems
    return fr.strip()


def unit(i: int, text: str, paragraph: str | None = None, complete: bool = True, pk=None) -> Unit:
    return Unit(
        key=f"seg-{i}",
        text=text,
        paragraph_key=pk or f"p-{i}",
        paragraph=paragraph if paragraph is not None else text,
        paragraph_complete=complete,
    )


def run(engine: Engine, units: Sequence[Unit], glossary: Any = None) -> list[BatchResult]:
    return list(engine.translate(units, glossary))


def merged(results: list[BatchResult]) -> dict[str, str]:
    out: dict[str, str] = {}
    for result in results:
        out.update(result.translations)
    return out


class EngineContract:
    """Subclasses provide ``make_engine(units)`` (the units are given so the memory engine
    can be filled with their expected translations) and ``sent(engine)``: the texts of
    every request the service received (empty for an offline engine)."""

    def make_engine(self, units: Sequence[Unit]) -> Engine:
        raise NotImplementedError

    def sent(self) -> list[tuple[list[str], int]]:
        """(texts, body size in bytes) of each translate request."""
        return []

    def test_is_an_engine(self) -> None:
        engine = self.make_engine([])
        assert isinstance(engine, Engine)
        assert engine.name

    def test_results_keyed_by_unit(self, glossary) -> None:
        units = [unit(i, text) for i, text in enumerate(SENTENCES)]
        results = run(self.make_engine(units), units, glossary)
        assert merged(results) == {u.key: expected_french(u.text) for u in units}

    def test_markup_round_trip(self, glossary) -> None:
        units = [unit(0, SENTENCES[0]), unit(2, SENTENCES[2])]
        fr = merged(run(self.make_engine(units), units, glossary))
        assert fr["seg-0"].startswith("DER **LANDRAT** BESUCHT")
        assert "[WERNIGERODE](https://www.kreis-hz.de/a_b?x=1)" in fr["seg-0"]
        assert "`formulare/antrag.pdf`" in fr["seg-2"]
        assert "<Halberstadt>" in fr["seg-2"]  # inline HTML-like text kept verbatim

    def test_keep_terms_kept(self, glossary) -> None:
        units = [unit(1, SENTENCES[1])]
        fr = merged(run(self.make_engine(units), units, glossary))["seg-1"]
        assert "*Landkreis Harz*" in fr
        assert "SPRECHSTUNDE" in fr and "& ENDET" in fr

    def test_no_glossary(self) -> None:
        units = [unit(1, SENTENCES[1])]
        fr = merged(run(self.make_engine(units), units, None))
        assert fr == {"seg-1": expected_french(SENTENCES[1], keep=[])}

    def test_batching_limits(self, glossary) -> None:
        long = "Die Ausschreibung für Straßenbäume in Quedlinburg läuft über drei Jahre. " * 40
        units = [unit(i, f"Satz {i}: {long}") for i in range(130)]
        results = run(self.make_engine(units), units, glossary)
        assert len(merged(results)) == 130
        for texts, size in self.sent():
            assert len(texts) <= 50
            assert size < 128 * 1024
        if self.sent():
            assert len(self.sent()) >= 3
            assert sum(r.requests for r in results) == len(self.sent())

    def test_empty_input(self) -> None:
        assert run(self.make_engine([]), []) == []

    def test_settings_never_hold_the_key(self, glossary) -> None:
        units = [unit(0, SENTENCES[0])]
        engine = self.make_engine(units)
        run(engine, units, glossary)
        settings = engine.settings()
        assert settings["engine"] == engine.name
        assert KEY not in repr(settings) and KEY not in repr(engine)
