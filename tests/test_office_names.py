"""The office's French name joined to a sentence as French grammar wants it."""

from __future__ import annotations

from pathlib import Path

import pytest

from presse.documents.office import OfficeNames, french_of, french_standalone
from presse.steps.open import parse_config


@pytest.mark.parametrize(
    ("name", "after_de", "alone"),
    [
        ("la Ville de Forchheim", "de la Ville de Forchheim", "Ville de Forchheim"),
        ("le Landkreis de Harz", "du Landkreis de Harz", "Landkreis de Harz"),
        ("l’arrondissement de Harz", "de l’arrondissement de Harz", "Arrondissement de Harz"),
        ("l'arrondissement de Harz", "de l'arrondissement de Harz", "Arrondissement de Harz"),
        ("les Services de presse", "des Services de presse", "Services de presse"),
        ("Forchheim", "de Forchheim", "Forchheim"),
        ("Erlangen", "d’Erlangen", "Erlangen"),
        ("Le Havre", "du Havre", "Le Havre"),  # the article of a place name is its own
        ("La Rochelle", "de La Rochelle", "La Rochelle"),
        ("L’Isle-Adam", "de L’Isle-Adam", "L’Isle-Adam"),
        ("Les Sables-d’Olonne", "des Sables-d’Olonne", "Les Sables-d’Olonne"),
        ("Landkreis Harz", "de Landkreis Harz", "Landkreis Harz"),
        ("lettres", "de lettres", "Lettres"),  # "le" and "les" only as whole words
    ],
)
def test_the_french_name_after_de_and_on_its_own(name: str, after_de: str, alone: str) -> None:
    assert french_of(name) == after_de
    assert french_standalone(name) == alone


def test_each_language_has_its_own_name() -> None:
    names = OfficeNames("Stadt Forchheim", "la Ville de Forchheim")
    assert names.name("de") == "Stadt Forchheim"
    assert names.name("fr") == "Ville de Forchheim"
    assert names.fr_of == "de la Ville de Forchheim"


def test_a_plain_office_name_is_the_german_one_and_stands_for_both() -> None:
    config = parse_config("office: Stadt Forchheim\n", Path("presse.yaml"))
    assert config.office == "Stadt Forchheim"
    assert config.office_names == OfficeNames("Stadt Forchheim", "Stadt Forchheim")


def test_the_french_name_is_read_from_the_office_section() -> None:
    text = "office:\n  name_de: Stadt Forchheim\n  name_fr: la Ville de Forchheim\n"
    config = parse_config(text, Path("presse.yaml"))
    assert config.office_names == OfficeNames("Stadt Forchheim", "la Ville de Forchheim")
