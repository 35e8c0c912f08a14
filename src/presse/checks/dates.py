"""The ``dates`` and ``times`` checks: German dates and clock times in their French form.

Month names come from Babel (CLDR), in both languages. A date is a day with a month
("15. April 2016", "am 3. Oktober", "08.09.2016"); a month without a day ("Mitte
April") is not. French writes "15 avril 2016", "1er mai", "08/09/2016"; the German
forms ("15. April", "15 April", "08.09.2016") left in the French are findings with the
French form suggested. Times: "09.00 Uhr", "9:30 Uhr", "14 Uhr" become "9 h", "9 h 30",
"14 h" ("09 h 00", "9:30", "midi" are accepted); "Uhr" left in the French is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from babel.dates import get_month_names

from presse.checks._registry import CheckContext, Problem, register
from presse.checks._text import fold, mask
from presse.documents.french_typography import NBSP, SP


@dataclass(frozen=True)
class Mention:
    """A date or a time found in a text: its span, its value and how it was written."""

    start: int
    end: int
    text: str
    value: tuple[int, ...]  # (day, month, year or 0) or (hour, minute)
    german_form: bool = False  # a German form found in the French
    first_without_er: bool = False  # "1 mai" instead of "1er mai"
    weak: bool = False  # "2 heures", "midi": a time, or a duration / a meal


@cache
def _months() -> tuple[dict[str, int], dict[str, int], list[str]]:
    """German and French month names (wide and abbreviated) -> month; French wide names."""
    german: dict[str, int] = {}
    french: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="de").items():
            german[name.rstrip(".")] = number
        for number, name in get_month_names(width, locale="fr").items():
            french[fold(name.rstrip("."))] = number
    german["Sep"] = 9
    french_wide = [get_month_names("wide", locale="fr")[m] for m in range(1, 13)]
    return german, french, french_wide


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@cache
def _regexes() -> dict[str, re.Pattern[str]]:
    german, french, _ = _months()
    de_months = _alternation(list(german))
    fr_months = _alternation(list(french) + [n.lower() for n in french] + _accented_french())
    any_month = f"{fr_months}|{de_months}"
    de_only = _alternation([n for n in german if fold(n) not in french])
    return {
        "de_text": re.compile(
            rf"(?<![\d.,])(?:(?P<d0>\d{{1,2}})\.?{SP}*(?:bis zum|bis|und|/|-|–){SP}*)?"
            rf"(?P<d>\d{{1,2}})\.{SP}*(?P<m>{de_months})(?!\w)\.?(?:{SP}+(?P<y>\d{{4}})(?!\d))?"
        ),
        "numeric_dots": re.compile(
            r"(?<![\d.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}(?!\d)|\d{2}(?![\d.]))?(?!\d)"
        ),
        "fr_text": re.compile(
            rf"(?<![\d.,])(?:(?P<d0>\d{{1,2}})(?:er)?\.?{SP}*(?:au|et|à|/|-|–){SP}*)?"
            rf"(?P<d>\d{{1,2}})(?P<er>er|re|e)?(?P<dot>\.)?{SP}*(?<!\d)(?<=[\s.])"
            rf"(?P<m>{any_month})(?!\w)\.?(?:{SP}+(?P<y>\d{{4}})(?!\d))?",
            re.I,
        ),
        "fr_slashes": re.compile(
            r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"
        ),
        "de_month_year": re.compile(rf"(?<!\w)(?P<m>{de_only})(?!\w)\.?{SP}+(?P<y>\d{{4}})(?!\d)"),
    }


def _accented_french() -> list[str]:
    return [get_month_names("wide", locale="fr")[m] for m in range(1, 13)] + [
        get_month_names("abbreviated", locale="fr")[m].rstrip(".") for m in range(1, 13)
    ]


def _valid(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _year(text: str | None) -> int:
    if not text:
        return 0
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def german_dates(text: str) -> list[Mention]:
    """Dates written the German way ("15. April 2016", "15./16. April", "08.09.2016")."""
    text = mask(text)
    german, _, _ = _months()
    found: list[Mention] = []
    for m in _regexes()["de_text"].finditer(text):
        month = german[m["m"].rstrip(".")]
        year = _year(m["y"])
        for group in ("d0", "d"):
            if m[group] and _valid(int(m[group]), month):
                found.append(Mention(m.start(), m.end(), m[0], (int(m[group]), month, year)))
    for m in _regexes()["numeric_dots"].finditer(text):
        day, month = int(m["d"]), int(m["m"])
        if _valid(day, month) and not _overlaps(found, m.start(), m.end()):
            found.append(Mention(m.start(), m.end(), m[0], (day, month, _year(m["y"]))))
    return found


def french_dates(text: str) -> list[Mention]:
    """Dates in a French text: French forms, and German forms left in (flagged as such)."""
    text = mask(text)
    german, french, _ = _months()
    found: list[Mention] = []
    for m in _regexes()["fr_text"].finditer(text):
        name = m["m"].rstrip(".")
        month = french.get(fold(name))
        german_form = bool(m["dot"])
        if month is None:
            month = german.get(name) or german.get(name.capitalize())
            german_form = True
        if month is None:
            continue
        year = _year(m["y"])
        day = int(m["d"])
        first = day == 1 and not m["er"] and not german_form
        if m["d0"] and _valid(int(m["d0"]), month):
            found.append(
                Mention(m.start(), m.end(), m[0], (int(m["d0"]), month, year), german_form)
            )
        if _valid(day, month):
            found.append(Mention(m.start(), m.end(), m[0], (day, month, year), german_form, first))
    for m in _regexes()["fr_slashes"].finditer(text):
        day, month = int(m["d"]), int(m["m"])
        if _valid(day, month):
            found.append(Mention(m.start(), m.end(), m[0], (day, month, _year(m["y"]))))
    for m in _regexes()["numeric_dots"].finditer(text):
        day, month = int(m["d"]), int(m["m"])
        if _valid(day, month) and not _overlaps(found, m.start(), m.end()):
            found.append(Mention(m.start(), m.end(), m[0], (day, month, _year(m["y"])), True))
    for m in _regexes()["de_month_year"].finditer(text):
        if not _overlaps(found, m.start(), m.end()):
            month = german[m["m"]]
            found.append(Mention(m.start(), m.end(), m[0], (0, month, _year(m["y"])), True))
    return found


def _overlaps(found: list[Mention], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in found)


def french_date(value: tuple[int, ...]) -> str:
    """The French written form: "15 avril 2016", "1er mai", "avril 2016"."""
    day, month, year = value
    _, _, wide = _months()
    parts = [] if day == 0 else ["1er" if day == 1 else str(day)]
    parts.append(wide[month - 1])
    if year:
        parts.append(str(year))
    return " ".join(parts)


def german_date(value: tuple[int, ...]) -> str:
    """The German written form: "15. April 2016"."""
    day, month, year = value
    name = get_month_names("wide", locale="de")[month]
    return " ".join(p for p in (f"{day}." if day else "", name, str(year) if year else "") if p)


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _same_date(de: tuple[int, ...], fr: tuple[int, ...], *, need_year: bool) -> bool:
    if de[:2] != fr[:2]:
        return False
    if need_year and de[2] and fr[2] != de[2]:
        return False
    return not (de[2] and fr[2] and de[2] != fr[2])


@register("dates", "error")
def check_dates(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """Every German date has its French counterpart; no German date form in the French."""
    german = german_dates(de)
    french = french_dates(fr)
    for mention in french:
        if mention.german_form:
            right = french_date(mention.value)
            yield Problem(
                f"the date '{mention.text.strip()}' is written the German way; "
                f"in French write '{right}'",
                _replace(fr, mention.start, mention.end, _keep_space(mention.text, right)),
            )
        elif mention.first_without_er:
            right = french_date(mention.value)
            yield Problem(
                f"the first of the month is written '1er' in French: "
                f"'{mention.text.strip()}' should be '{right}'",
                _replace(fr, mention.start, mention.end, _keep_space(mention.text, right)),
            )
    unmatched_fr = [m for m in french if m.value[0]]
    missing: list[Mention] = []
    for wanted in german:
        match = next(
            (m for m in unmatched_fr if _same_date(wanted.value, m.value, need_year=True)), None
        )
        if match is None:
            partial = next(
                (m for m in unmatched_fr if _same_date(wanted.value, m.value, need_year=False)),
                None,
            )
            if partial is not None:
                # The same day without its year: the ``years`` check's (a warning), since
                # a translator often leaves out a year the release has already given.
                unmatched_fr.remove(partial)
                continue
            missing.append(wanted)
        else:
            unmatched_fr.remove(match)
    seen: set[tuple[int, ...]] = set()
    for wanted in missing:
        if wanted.value in seen:
            continue
        seen.add(wanted.value)
        right = french_date(wanted.value)
        wanted = replace(wanted, text=german_date(wanted.value))
        if len(missing) == 1 and len(unmatched_fr) == 1:
            wrong = unmatched_fr.pop()
            yield Problem(
                f"the date '{wanted.text.strip()}' is '{wrong.text.strip()}' in the French; "
                f"expected '{right}'",
                _replace(fr, wrong.start, wrong.end, _keep_space(wrong.text, right)),
            )
        else:
            yield Problem(
                f"the date '{wanted.text.strip()}' is missing from the French (expected '{right}')",
                right,
            )
    for extra in unmatched_fr:
        yield Problem(f"the French has the date '{extra.text.strip()}', which is not in the German")


def _keep_space(original: str, new: str) -> str:
    """``new`` with the trailing whitespace that ``original`` had (regexes may eat it), and
    the full stop after a month's full name ("19. Juni." ends a sentence: "19 juin.")."""
    core = original.rstrip()
    stop = ""
    if core.endswith(".") and not new.endswith("."):
        word = re.search(r"([^\W\d_]+)\.$", core)
        wide = set(get_month_names("wide", locale="de").values())
        if word and (word[1] in wide or fold(word[1]) in _french_wide_folded()):
            stop = "."
    return new + stop + original[len(core) :]


@cache
def _french_wide_folded() -> frozenset[str]:
    return frozenset(fold(n) for n in get_month_names("wide", locale="fr").values())


# --- times ----------------------------------------------------------------------------

_DE_TIME = re.compile(
    rf"(?<![\d.:,])(?:(?P<h0>\d{{1,2}})(?:[.:](?P<m0>\d{{2}}))?{SP}*(?:Uhr)?{SP}*"
    rf"(?:bis|und|-|–){SP}*)?(?P<h>\d{{1,2}})(?:[.:](?P<m>\d{{2}}))?{SP}*Uhr(?!\w)"
)
_FR_TIME = re.compile(
    rf"(?<![\d.:,])(?:(?P<h0>\d{{1,2}})(?:{SP}*h(?:eures?)?(?:{SP}*(?P<m0>\d{{2}}))?)?"
    rf"{SP}*(?:à|et|-|–){SP}*)?(?P<h>\d{{1,2}}){SP}*h(?:eures?)?(?:{SP}*(?P<m>\d{{2}}))?(?!\w)"
)
_COLON_TIME = re.compile(r"(?<![\d.:,])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])")
_NOON = re.compile(r"(?<!\w)(?P<w>midi|minuit)(?!\w)", re.I)
_UHR = re.compile(r"(?<!\w)Uhr(?!\w)")


def _clock(hour: str | None, minute: str | None) -> tuple[int, int] | None:
    if hour is None:
        return None
    h, m = int(hour), int(minute or 0)
    if not (0 <= h <= 24 and 0 <= m <= 59):
        return None
    return (0 if h == 24 else h, m)


def _times(regex: re.Pattern[str], text: str, german_form: bool = False) -> list[Mention]:
    found = []
    for m in regex.finditer(text):
        groups = m.groupdict()
        weak = "heure" in m[0]
        for h, mi in (("h0", "m0"), ("h", "m")):
            value = _clock(groups.get(h), groups.get(mi))
            if value is not None:
                found.append(Mention(m.start(), m.end(), m[0], value, german_form, weak=weak))
    return found


# "von 9 bis 12": a range without its own "Uhr", a time when a later "Uhr" of the same
# sentence is shared ("von 9 bis 12 sowie donnerstags von 9 bis 16 Uhr").
_DE_RANGE = re.compile(
    rf"(?<![\d.:,])(?P<h0>\d{{1,2}})(?:[.:](?P<m0>\d{{2}}))?{SP}*(?:bis|-|–){SP}*"
    rf"(?P<h>\d{{1,2}})(?:[.:](?P<m>\d{{2}}))?(?![\d.:,]\d)"
    rf"(?={SP}*(?:[,;]|(?:sowie|und|oder|bzw)(?!\w)))"
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def german_times(text: str) -> list[Mention]:
    """Clock times with "Uhr" ("9.30 Uhr", "von 9 bis 12 Uhr"), and ranges that share a
    later "Uhr" of the same sentence ("von 9 bis 12 sowie von 14 bis 16 Uhr")."""
    text = mask(text)
    found = _times(_DE_TIME, text)
    for m in _DE_RANGE.finditer(text):
        if _overlaps(found, m.start(), m.end()):
            continue
        later = [t for t in found if t.start >= m.end()]
        if later and not _SENTENCE_END.search(text, m.end(), later[0].start):
            found += [
                Mention(m.start(), m.end(), m[0], value)
                for value in (_clock(m["h0"], m["m0"]), _clock(m["h"], m["m"]))
                if value is not None
            ]
    return sorted(found, key=lambda t: t.start)


def french_times(text: str) -> list[Mention]:
    """Clock times in a French text ("9 h 30", "9:30"), German forms left in flagged."""
    text = mask(text)
    found = _times(_DE_TIME, text, german_form=True)
    for regex in (_FR_TIME, _COLON_TIME):
        found += [m for m in _times(regex, text) if not _overlaps(found, m.start, m.end)]
    return found


def french_time(value: tuple[int, ...]) -> str:
    """French press style: "9 h", "9 h 30" (with no-break spaces)."""
    hour, minute = value
    return f"{hour}{NBSP}h" if minute == 0 else f"{hour}{NBSP}h{NBSP}{minute:02d}"


def _french_time_text(mention: Mention) -> str:
    m = _DE_TIME.fullmatch(mention.text.rstrip())
    if m is None:  # pragma: no cover - a German-form mention always matches
        return french_time(mention.value)
    first = _clock(m["h0"], m["m0"])
    last = _clock(m["h"], m["m"])
    assert last is not None
    if first is None:
        return french_time(last)
    return f"de {french_time(first)} à {french_time(last)}"


@register("times", "error")
def check_times(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """Every German clock time is in the French, in French form; no "Uhr" left."""
    german = german_times(de)
    french = french_times(fr)
    reported: set[int] = set()
    for mention in french:
        if mention.german_form and mention.start not in reported:
            reported.add(mention.start)
            right = _french_time_text(mention)
            yield Problem(
                f"the time '{mention.text.strip()}' is written the German way; "
                f"in French write '{right}'",
                _replace(fr, mention.start, mention.end, _keep_space(mention.text, right)),
            )
    masked = mask(fr)
    for m in _UHR.finditer(masked):
        if not _overlaps(french, m.start(), m.end()):
            yield Problem("'Uhr' is left in the French; French writes hours as '9 h', '9 h 30'")
    noon = [
        Mention(m.start(), m.end(), m[0], (12, 0) if m["w"].lower() == "midi" else (0, 0))
        for m in _NOON.finditer(masked)
    ]
    noon += [m for m in french if m.weak]
    unmatched = [m for m in french if not m.weak]
    missing = []
    for wanted in german:
        match = next((m for m in unmatched if m.value == wanted.value), None)
        match = match or next((m for m in noon if m.value == wanted.value), None)
        if match is None:
            missing.append(wanted)
        elif match in unmatched:
            unmatched.remove(match)
        else:
            noon.remove(match)
    for wanted in missing:
        right = french_time(wanted.value)
        shown = f"{wanted.value[0]}.{wanted.value[1]:02d} Uhr"
        if len(missing) == 1 and len(unmatched) == 1 and not unmatched[0].german_form:
            wrong = unmatched.pop()
            yield Problem(
                f"the time {shown} is '{wrong.text.strip()}' in the French; expected '{right}'",
                _replace(fr, wrong.start, wrong.end, _keep_space(wrong.text, right)),
            )
        else:
            yield Problem(
                f"the time {shown} is missing from the French (expected '{right}')", right
            )
    for extra in unmatched:
        if not extra.german_form:
            yield Problem(
                f"the French has the time '{extra.text.strip()}', which is not in the German"
            )
