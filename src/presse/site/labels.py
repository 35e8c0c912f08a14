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
        "pending_german": "",
        "pending_german_undated": "",
        "pending_french": "",
        "withdrawn": "",
        "withdrawn_reason": "",
        "withdrawn_title": "",
        "original": "",
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
        # The narrow no-break space before ";" is French typography.
        "pending_german": "La version allemande a été mise à jour le {date}\u202f; "
        "la traduction suit.",
        "pending_german_undated": "La version allemande a été mise à jour\u202f; "
        "la traduction suit.",
        "pending_french": "Une version corrigée de cette traduction est en préparation.",
        "withdrawn": "La traduction française de ce communiqué a été retirée le {date}.",
        "withdrawn_reason": "Motif\u202f:",
        "withdrawn_title": "Traduction retirée",
        "original": "Lire le communiqué original en allemand",
    },
}
