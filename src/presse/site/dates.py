"""Dates as readers see them: Babel's long format, with the French "1er"."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import DateTimePattern, get_date_format, parse_pattern

LOCALES = {"de": "de_DE", "fr": "fr_FR"}


# Unbounded: an archive has a few thousand days, each asked for by its release pages and
# again by the indexes; a bounded LRU cache evicted every day before its second use.
@cache
def _long_date(day: date, lang: str) -> str:
    locale, long_format, month_year = _patterns(lang)
    if lang == "fr" and day.day == 1:
        # CLDR writes "1 septembre 2016"; French writes the first of the month "1er".
        return "1er " + month_year.apply(day, locale)
    return long_format.apply(day, locale)


@cache
def _patterns(lang: str) -> tuple[Locale, DateTimePattern, DateTimePattern]:
    """The locale and its parsed patterns, once: ``format_date`` looks both up on every
    call, and an archive's indexes ask for thousands of dates."""
    locale = Locale.parse(LOCALES.get(lang, lang))
    return locale, get_date_format("long", locale=locale), parse_pattern("MMMM y")


def long_date(value: date | datetime, lang: str) -> str:
    """``8. September 2016`` / ``8 septembre 2016`` / ``1er septembre 2016``.

    A date-time is shown on the calendar day of its own offset (the office's local day).
    """
    day = value.date() if isinstance(value, datetime) else value
    return _long_date(day, lang)


def iso(value: datetime) -> str:
    """ISO 8601 with the offset, to the second."""
    return value.replace(microsecond=0).isoformat()
