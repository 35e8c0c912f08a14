"""The ``names`` check: people's and places' names stay as they are in the French.

German capitalises every noun, so a capitalised German word is not a name by itself.
The check only looks for names it can be sure of, and prefers silence to a false
alarm:

1. the words after a title or honorific (Herr, Frau, Landrat, Bürgermeisterin, Dr.,
   Prof., ...): "Landrat Martin Skiebe" -> "Martin Skiebe". After "der Landrat" (a title
   used as a noun) only a known first name counts ("der Landrat Martin Skiebe", not "der
   Landrat Gäste");
2. a common German first name followed by a capitalised word: "Martin Skiebe";
3. the glossary's keep terms that occur in the German.

Each such name must be in the French verbatim (a German genitive "Skiebes" may be
"Skiebe"); a missing one is an error, with "did you mean" when the French has a
similar word. Titles and functions ("Bundesrätin", "Eurodistrikt-Präsidentin",
"Rüstungschef") are never names: they are translated as titles. Besides, a capitalised
French word (not at the start of a sentence) that is not in the German but is very
close to a capitalised German word that is not in the French is reported as a
misspelling ("Belfrot" for "Belfort"), unless the two name the same place in each
language (:mod:`presse.checks.exonyms`: "Strasbourg", "Bâle", "Finlande") or are the
same word in each ("Université"); the fix of a misspelt exonym is the French exonym.

Limits: a name with no title and no known first name ("sagte Westermann") is only
checked for misspellings, not for being dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from presse.checks._registry import CheckContext, Problem, register
from presse.checks._text import fold, is_capitalised, mask, sentence_initial, word_set, words
from presse.checks.exonyms import exonym_for, french_exonyms, is_exonym

TITLES = word_set(
    """Herr Herrn Frau Landrat Landrätin Landrates Landrats Bürgermeister Bürgermeisterin
    Oberbürgermeister Oberbürgermeisterin Präsident Präsidentin Vizepräsident
    Vizepräsidentin Minister Ministerin Ministerpräsident Ministerpräsidentin
    Staatssekretär Staatssekretärin Dezernent Dezernentin Beigeordneter Beigeordnete
    Kreistagsvorsitzender Kreistagsvorsitzende Amtsleiter Amtsleiterin Pfarrer Pfarrerin
    Superintendent Superintendentin Bischof Direktor Direktorin Schulleiter Schulleiterin
    Ortsbürgermeister Ortsbürgermeisterin Abgeordneter Abgeordnete Monsieur Madame
    Dr Prof Professor Professorin Botschafter Botschafterin Konsul Konsulin
    Bundesrat Bundesrätin Bundespräsident Bundespräsidentin Bundeskanzler Bundeskanzlerin
    Regierungsrat Regierungsrätin Stadtpräsident Stadtpräsidentin Gemeindepräsident
    Gemeindepräsidentin Staatsrat Staatsrätin Nationalrat Nationalrätin Ständerat
    Ständerätin Generalsekretär Generalsekretärin Sprecher Sprecherin Rüstungschef"""
)
# A compound ending in one of these is a title or a function ("Bundesrätin",
# "Eurodistrikt-Präsidentin", "Kreistagsvorsitzender"), whatever its first part.
_TITLE_ENDINGS = (
    "präsident", "präsidentin", "rat", "rätin", "minister", "ministerin", "kanzler",
    "kanzlerin", "meister", "meisterin", "direktor", "direktorin", "sekretär",
    "sekretärin", "chef", "chefin", "leiter", "leiterin", "sprecher", "sprecherin",
    "vorsitzender", "vorsitzende", "beauftragter", "beauftragte", "dezernent",
    "dezernentin", "abgeordneter", "abgeordnete",
)  # fmt: skip
_ABBREVIATED_TITLES = frozenset({"Dr", "Prof"})
_DETERMINERS = word_set(
    """der die das dem den des ein eine einer einem einen eines jede jeder jedem dieser
    diese diesem unser unsere unserem neue neuer neuen junge junger jungen alte ältere
    zweite erste ehemalige ehemaliger ehemaligen"""
)
FIRST_NAMES = word_set(
    """Alexander Andrea Andreas Angela Anja Anke Anna Anne Annett Antje Armin Axel Barbara
    Bernd Birgit Björn Carola Carsten Christian Christiane Christina Christine Christoph
    Claudia Cornelia Daniel Daniela Dennis Dieter Dirk Doris Dorothea Elke Emil Erik
    Felix Frank Franziska Friedrich Gabriele Georg Gerald Gerd Gerhard Gisela Gudrun
    Günter Günther Hannelore Hans Hartmut Heike Heiko Heinz Helga Helmut Henning Holger
    Ilona Ines Ingo Ingrid Jan Jana Jens Jörg Johannes Jonas Jürgen Julia Kai Karin
    Karl Katja Katrin Kathrin Kerstin Klaus Kristin Lars Lena Lisa Lothar Lukas Lutz
    Manfred Manuela Marco Marcus Maria Marie Mario Marion Markus Martin Martina Matthias
    Max Michael Michaela Monika Nadine Nicole Niklas Norbert Olaf Oliver Pascal Patrick
    Paul Peter Petra Philipp Rainer Ralf Ralph Regina Reinhard Renate René Robert Roland
    Rolf Ronny Sabine Sandra Sebastian Silke Simone Sophie Stefan Stefanie Steffen
    Stephan Susanne Sven Swen Tanja Thilo Thomas Thorsten Tino Tobias Torsten Udo Ulf
    Ulrich Ulrike Ursula Uta Ute Uwe Volker Walter Werner Wolfgang Yvonne
    Jean Pierre Jacques Michel Philippe Alain Bernard Christophe Damien Florian Nicolas
    François Françoise Isabelle Marie-Claude Nathalie Sylvie Valérie Véronique
    Albert Beat Elisabeth Guy Hanspeter Ignazio Jeanne Karin Simonetta Urs Viola Anika
    Annegret Nawel Dorothee Olli Hanno Regula Esther Noémie Nikola Fabio"""
)
# French forms of German and European place names that are close to the German.
EXONYMS = {
    ("Brandenburg", "Brandebourg"), ("Mecklenburg", "Mecklembourg"),
    ("Württemberg", "Wurtemberg"), ("Nürnberg", "Nuremberg"), ("Thüringen", "Thuringe"),
    ("Sachsen", "Saxe"), ("Hessen", "Hesse"), ("Westfalen", "Westphalie"),
    ("Prag", "Prague"), ("Italien", "Italie"), ("Kanada", "Canada"),
    ("Bayern", "Bavière"), ("Saarland", "Sarre"), ("Lothringen", "Lorraine"),
    ("Elsass", "Alsace"), ("Burgund", "Bourgogne"), ("Kroatien", "Croatie"),
    ("Rumänien", "Roumanie"), ("Bulgarien", "Bulgarie"), ("Slowenien", "Slovénie"),
    ("Litauen", "Lituanie"), ("Estland", "Estonie"), ("Lettland", "Lettonie"),
    ("Schweden", "Suède"), ("Spanien", "Espagne"), ("Polen", "Pologne"),
}  # fmt: skip
_SIMILAR = 85
_INFLECTIONS = frozenset({"s", "es", "er", "ern", "isch", "ische", "ischen"})


def is_title(word: str) -> bool:
    """A title or a function, never a name: "Landrat", "Bundesrätin", "OB-Präsident"."""
    if word in TITLES:
        return True
    lowered = word.lower()
    return any(
        lowered.endswith(ending) and len(lowered) > len(ending) + 2 for ending in _TITLE_ENDINGS
    )


def _key(word: str) -> str:
    """A spelling key that equates close exonyms ("Magdeburg"/"Magdebourg") and the same
    word in both languages ("Universität"/"Université")."""
    key = fold(word).replace("bourg", "burg").replace("ph", "f").replace("k", "c")
    key = re.sub(r"itat$", "ite", key)
    return re.sub(r"(?:ien|ie|ei|en|e|a|ue)$", "", key)


def _exonym(german: str, french: str) -> bool:
    if (german, french) in EXONYMS or is_exonym(german, french):
        return True
    g, f = _key(german), _key(french)
    if g == f:
        return True
    longer, shorter = (g, f) if len(g) > len(f) else (f, g)
    if longer.startswith(shorter) and longer[len(shorter) :] in _INFLECTIONS:
        return True
    return german.endswith("er") and f.startswith(_key(german[:-2]))


def name_candidates(de: str, keep_terms: frozenset[str] = frozenset()) -> list[str]:
    """Names in a German segment that must stay as they are (see the module's doc)."""
    text = mask(de)
    tokens = words(text)
    names: list[str] = []

    def adjacent(i: int) -> bool:
        """The next word follows this one in the same phrase; a full stop between them
        only after an abbreviation ("Dr. Martin Skiebe", not "ernannt. Sie")."""
        if i + 1 >= len(tokens):
            return False
        gap = text[tokens[i][1] : tokens[i + 1][0]]
        if gap.startswith("."):
            word = tokens[i][2]
            short = word.islower() and len(word) <= 4  # "Dr. med. Simone Hänggi"
            if not (word in _ABBREVIATED_TITLES or short or len(word) == 1):
                return False
        return re.fullmatch(r"\.?[ \u00a0]+", gap) is not None

    i = 0
    while i < len(tokens):
        word = tokens[i][2]
        if is_title(word):
            # After a determiner, or after a title known only by its ending
            # ("Gemeinderätin Ortenaukreis"), only a known first name starts a name.
            after_determiner = i > 0 and tokens[i - 1][2].lower() in _DETERMINERS
            after_determiner = after_determiner or word not in TITLES
            j = i
            # Skip further titles and lower-case abbreviations ("Dr. med.").
            while j + 1 < len(tokens) and adjacent(j):
                nxt = tokens[j + 1][2]
                if is_title(nxt) or (
                    nxt.islower()
                    and len(nxt) <= 4
                    and text[tokens[j + 1][1] : tokens[j + 1][1] + 1] == "."
                ):
                    j += 1
                    if nxt in _ABBREVIATED_TITLES:
                        after_determiner = False
                    continue
                break
            if j + 1 < len(tokens) and adjacent(j) and is_capitalised(tokens[j + 1][2]):
                first = tokens[j + 1][2]
                if first in FIRST_NAMES or _first_name(first):
                    names.append(first)
                    if j + 2 < len(tokens) and adjacent(j + 1) and is_capitalised(tokens[j + 2][2]):
                        names.append(tokens[j + 2][2])
                    i = j + 3
                    continue
                if not after_determiner and not is_title(first):
                    names.append(first)
                    i = j + 2
                    continue
            i = j + 1
            continue
        if _first_name(word) and i + 1 < len(tokens) and adjacent(i):
            surname = tokens[i + 1][2]
            if is_capitalised(surname) and not is_title(surname):
                names += [word, surname]
                i += 2
                continue
        i += 1
    for term in sorted(keep_terms):
        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text):
            names.append(term)
    return list(dict.fromkeys(names))


def _first_name(word: str) -> bool:
    return word in FIRST_NAMES or (
        "-" in word and all(part in FIRST_NAMES for part in word.split("-"))
    )


def _present(name: str, fr: str) -> bool:
    pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
    if re.search(pattern, fr):
        return True
    return name.endswith("s") and re.search(rf"(?<!\w){re.escape(name[:-1])}(?!\w)", fr) is not None


def _glossary_spans(de: str, ctx: CheckContext) -> list[tuple[int, int]]:
    """Where the glossary's terms stand in the German: their French form is the glossary's
    business ("Universität" becomes "Université" there), not a misspelt name."""
    if ctx.glossary is None:
        return []
    return [(m.start, m.end) for m in ctx.glossary.find_german(de)]  # type: ignore[attr-defined]


@register("names", "error")
def check_names(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """Names of the German are in the French, spelt the same."""
    fr_text = mask(fr)
    de_text = mask(de)
    fr_words = words(fr_text)
    de_word_set = {w for _, _, w in words(de_text)}
    fr_caps = [
        w
        for s, _, w in fr_words
        if is_capitalised(w)
        and len(w) >= 4
        and w not in de_word_set
        and not sentence_initial(fr_text, s)
    ]
    reported: set[str] = set()
    for name in name_candidates(de, ctx.keep_terms):
        if _present(name, fr_text):
            continue
        if ctx.glossary is not None and name in ctx.keep_terms:
            continue  # the glossary check reports a missing keep term, with its note
        close = process.extractOne(name, fr_caps, scorer=fuzz.ratio, score_cutoff=70)
        if close is not None and not _exonym(name, close[0]):
            wrong = close[0]
            reported.add(wrong)
            yield Problem(
                f"the name '{name}' is missing from the French; did you mean '{name}' "
                f"instead of '{wrong}'?",
                re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", name, fr),
            )
        else:
            kind = "the term" if name in ctx.keep_terms else "the name"
            yield Problem(f"{kind} '{name}' is missing from the French")
    # Misspellings of capitalised words that the German and French share.
    fr_word_set = {w for _, _, w in fr_words}
    term_spans = _glossary_spans(de, ctx)
    de_caps = {
        w
        for start, end, w in words(de_text)
        if is_capitalised(w)
        and len(w) >= 4
        and w not in fr_word_set
        and not any(s <= start and end <= e for s, e in term_spans)
        and not is_title(w)
    }
    # Each German word, and the French names of the places among them, as spellings
    # a French word may be a misspelling of.
    spellings = {w: w for w in de_caps}
    for w in de_caps:
        spellings.update({form: w for form in french_exonyms(w) if form not in fr_word_set})
    for wrong in dict.fromkeys(fr_caps):
        if wrong in reported:
            continue
        close = process.extractOne(wrong, list(spellings), scorer=fuzz.ratio, score_cutoff=_SIMILAR)
        if close is None or abs(len(close[0]) - len(wrong)) > 2:
            continue
        german = spellings[close[0]]
        if _exonym(german, wrong):
            continue
        # A place with a French name is corrected to that name, never to the German.
        right = exonym_for(german, wrong) or german
        yield Problem(
            f"'{wrong}' in the French looks like a misspelling of '{german}'"
            + (f" (in French '{right}')" if right != german else ""),
            re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, fr),
        )
