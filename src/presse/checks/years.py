"""The ``years`` check (a warning): years a translator left out or added.

A professional translation often leaves out a year that the release has already given
("am 5. und 6. Februar 2026" -> "les 5 et 6 février"), or adds one the German implies
("in diesem Jahr" -> "en 2016"). Neither is an error a reader would be misled by, but
either can be one, so it is shown, not blocking: a German date whose French has the
same day and month without the year, and a year (1900-2099) standing alone in the
French that the German has nowhere. A wrong day, month or year stays the ``dates``
check's, and a changed number the ``numbers`` check's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from presse.checks._registry import CheckContext, Problem, register
from presse.checks.dates import french_date, french_dates, german_dates
from presse.checks.numeric import french_numbers, german_numbers

_YEAR = re.compile(r"(?:19|20)\d\d")


@register("years", "warning")
def check_years(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """A date's year left out of the French, or a year the German does not have."""
    french = french_dates(fr)
    reported: set[int] = set()
    for wanted in german_dates(de):
        day, month, year = wanted.value
        if not year or any(m.value == wanted.value for m in french):
            continue
        partial = next((m for m in french if m.value == (day, month, 0)), None)
        if partial is not None and partial.start not in reported:
            reported.add(partial.start)  # "5. und 6. Februar 2026": one finding
            yield Problem(
                f"the year of the date '{wanted.text.strip()}' is not in the French "
                f"('{partial.text.strip()}'); is it clear from the release?",
                fr[: partial.start] + french_date(wanted.value) + fr[partial.end :],
            )
    german_numbers_ = german_numbers(de)
    french_numbers_ = french_numbers(fr, {n.value for n in german_numbers_})
    if {n.value for n in german_numbers_} - {n.value for n in french_numbers_}:
        return  # a German number is changed, not a year added: the ``numbers`` check's
    german_years = {d.value[2] for d in german_dates(de)} | {int(n.value) for n in german_numbers_}
    for number in french_numbers_:
        if _YEAR.fullmatch(number.text) and int(number.value) not in german_years:
            yield Problem(f"the French has the year '{number.text}', which is not in the German")
