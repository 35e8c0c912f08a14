from __future__ import annotations

from dataclasses import dataclass

import pytest

from presse.engines import batching
from presse.engines.markup import Protector, split_sentences, wrap_sentences


@dataclass
class S:
    start: int
    end: int


@pytest.mark.parametrize(
    "text",
    [
        "Ganz ohne Markup, mit 3 < 4 & 5 > 2.",
        "Der **Landrat** und *die* _Bürger_ __treffen__ sich.",
        "Siehe [die *neue* Seite](https://x.de/a_(b)) und <https://y.de>.",
        "Ein `code`-Beispiel, ein \\*Sternchen und ![Bild](a.png).",
        "Ein einzelnes * Sternchen und 5*3 bleiben.",
        "snake_case_wort bleibt, wie **fett *und kursiv* zusammen**.",
    ],
)
def test_round_trip_unchanged(text: str) -> None:
    protector = Protector()
    xml = protector.protect(text)
    assert protector.restore(xml) == (text, [])


def test_keep_term_inside_emphasis_and_link() -> None:
    text = "Im *Landkreis Harz* und [Landkreis Harz](https://kreis.de)."
    spans = [S(4, 18), S(25, 39)]
    protector = Protector()
    xml = protector.protect(text, spans)
    assert xml.count("<k ") == 2
    translated = xml.replace("Im", "Dans le").replace(">Landkreis Harz<", ">District du Harz<")
    fr, problems = protector.restore(translated)
    assert fr == "Dans le *Landkreis Harz* und [Landkreis Harz](https://kreis.de)."
    assert problems == []


def test_lost_and_doubled_markup_reported() -> None:
    protector = Protector()
    xml = protector.protect("Der **Landrat** liest `x`.")
    fr, problems = protector.restore('Le préfet lit <x n="2"/> <x n="2"/>.')
    assert fr == "Le préfet lit `x` `x`."
    assert any("bold lost" in p for p in problems)
    assert any("repeated" in p for p in problems)
    assert '<b n="1">' in xml


def test_spaces_moved_outside_markers() -> None:
    protector = Protector()
    protector.protect("Der **Landrat** kommt.")
    assert protector.restore('Le<b n="1"> préfet </b>vient.')[0] == "Le **préfet** vient."


def test_split_sentences() -> None:
    xml = wrap_sentences(["Eins.", "Zwei.", "Drei."], [" ", "\n"])
    assert split_sentences(xml, 3) == ["Eins.", "Zwei.", "Drei."]
    assert split_sentences(xml.replace('<s n="1">', "").replace("Zwei.</s>", "Zwei."), 3) is None
    reordered = '<s n="1">Zwei.</s> <s n="0">Eins.</s> <s n="2">Drei.</s>'
    assert split_sentences(reordered, 3) is None
    assert split_sentences('<s n="0">Eins.</s> ' + xml, 3) is None
    assert split_sentences(xml + " Extra.", 3) is None


def test_pack_respects_both_limits() -> None:
    items = ["ä" * 5000] * 30 + ["kurz"] * 100
    groups = list(batching.pack(items, batching.json_size))
    assert sum(len(g) for g in groups) == 130
    for group in groups:
        assert len(group) <= 50
        assert sum(batching.json_size(t) for t in group) <= batching.text_budget()
