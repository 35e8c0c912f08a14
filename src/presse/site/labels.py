"""The words of the site's interface in each language (templates read them as ``t``)."""

from __future__ import annotations

LANGUAGE_NAMES = {"de": "Deutsch", "fr": "Français"}
OG_LOCALES = {"de": "de_DE", "fr": "fr_FR"}

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "site_title": "Pressemitteilungen",
        "skip": "Zum Inhalt springen",
        "switch": "Diese Seite auf Französisch",
        "switch_index": "Französische Übersicht",
        "only_german": "Diese Mitteilung liegt nur auf Deutsch vor.",
        "published": "Veröffentlicht am",
        "category": "Rubrik",
        "corrected": "Korrigiert am",
        "corrected_fr": "französische Fassung",
        "contact": "Kontakt",
        "page": "Seite",
        "of": "von",
        "newer": "Neuere Mitteilungen",
        "older": "Ältere Mitteilungen",
        "pagination": "Seitennavigation",
        "feed": "Atom-Feed",
        "draft": "Entwurf – Vorschau, nicht veröffentlicht",
        "empty": "Noch keine Mitteilungen.",
        "all": "Alle Mitteilungen",
        "choose": "Sprache wählen",
        "language_switch": "Sprache",
        "translation_note": "Übersetzung ins Französische:",
    },
    "fr": {
        "site_title": "Communiqués de presse",
        "skip": "Aller au contenu",
        "switch": "Cette page en allemand",
        "switch_index": "Sommaire en allemand",
        "only_german": "",
        "published": "Publié le",
        "category": "Rubrique",
        "corrected": "Corrigé le",
        "corrected_fr": "",
        "contact": "Contact",
        "page": "Page",
        "of": "sur",
        "newer": "Communiqués plus récents",
        "older": "Communiqués plus anciens",
        "pagination": "Pagination",
        "feed": "Flux Atom",
        "draft": "Brouillon – aperçu, non publié",
        "empty": "Aucun communiqué pour l’instant.",
        "all": "Tous les communiqués",
        "choose": "Choisir la langue",
        "language_switch": "Langue",
        "translation_note": "Traduit de l’allemand.",
    },
}
