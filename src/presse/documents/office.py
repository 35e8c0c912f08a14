"""The office's name in each language, and how French grammar joins it to a sentence.

The office states its French name as it reads inside a sentence, with the article it
takes ("la Ville de Forchheim", "le Landkreis de Harz", "l’arrondissement de Harz";
none for a bare place name, "Forchheim"). From that one value presse makes the two
forms French text needs: the name on its own (a page footer, the author of a feed,
schema.org's ``name``: "Ville de Forchheim") and the name after *de* ("Communiqué de
la Ville de Forchheim", "du Landkreis de Harz", "de l’arrondissement de Harz", "des
Services…", "d’Erlangen"). An article with a capital belongs to the name itself (Le
Havre, La Rochelle): "du Havre", "de La Rochelle", and it is kept on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

# Lower-case articles: the grammar of the sentence, dropped when the name stands alone.
_ELIDED = ("l’", "l'")
_WORD_ARTICLES = ("la ", "le ", "les ")
# After "de", "le" and "les" contract (du, des); "la" and "l’" do not. A capital article
# is part of a place name and contracts the same way (du Havre, des Sables-d’Olonne).
_CONTRACTED = {"le ": "du ", "les ": "des ", "Le ": "du ", "Les ": "des "}
_VOWELS = frozenset("aeiouyàâæéèêëîïôœùûüAEIOUYÀÂÆÉÈÊËÎÏÔŒÙÛÜ")


def _article(name: str) -> str:
    """The lower-case article ``name`` begins with, or ``""``."""
    for article in (*_ELIDED, *_WORD_ARTICLES):
        if name.startswith(article) and len(name) > len(article):
            return article
    return ""


def french_standalone(name: str) -> str:
    """The French name on its own: without its lower-case article, capitalised."""
    bare = name[len(_article(name)) :]
    return bare[:1].upper() + bare[1:]


def french_of(name: str) -> str:
    """The French name after *de* ("of", "from"), with the article contracted."""
    for article, contracted in _CONTRACTED.items():
        if name.startswith(article) and len(name) > len(article):
            return contracted + name[len(article) :]
    if _article(name) or name.startswith(("La ", "L’", "L'")):
        return "de " + name
    if name[:1] in _VOWELS:
        return "d’" + name  # d’Erlangen; a name with an aspirated h is written with "de"
    return "de " + name


@dataclass(frozen=True)
class OfficeNames:
    """The office's German name and its French name as written with its article."""

    de: str
    fr: str

    def name(self, lang: str) -> str:
        """The name on its own, in the language of the page."""
        return french_standalone(self.fr) if lang == "fr" else self.de

    @property
    def fr_of(self) -> str:
        """The French name after *de*: "de la Ville de Forchheim"."""
        return french_of(self.fr)
