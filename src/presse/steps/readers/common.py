"""What every reader shares: the options of ``presse import``, dates, and safe Markdown.

A reader returns an :class:`Imported`: the release and the names of the fields of the
input that presse does not keep. :func:`finish` applies the options given on the
command line (``--title``, ``--date``, ``--category``, ``--source-url``) over what
the reader found, and refuses a release without a title, a date or a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from presse.documents.release import Release
from presse.documents.slug import make_slug
from presse.errors import PresseError
from presse.steps.importer import escape_block_marker, escape_inline

GERMAN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("Januar", "Jänner", "Jan"),
            ("Februar", "Feb"),
            ("März", "Mär", "Mrz"),
            ("April", "Apr"),
            ("Mai",),
            ("Juni", "Jun"),
            ("Juli", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("Oktober", "Okt"),
            ("November", "Nov"),
            ("Dezember", "Dez"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(GERMAN_MONTHS, key=len, reverse=True))
_TIME = r"(?:[ T,]+(?:um\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*Uhr)?)?"
NUMERIC_DATE = re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})" + _TIME)
WORDED_DATE = re.compile(
    r"(?P<d>\d{1,2})\.\s*(?P<m>" + _MONTH_NAMES + r")\.?\s+(?P<y>\d{4})" + _TIME
)
DATE_EXAMPLES = "2020-06-25, 2020-06-25T10:00, 25.06.2020 or 25. Juni 2020"
# Characters Markdown would read as inline HTML in plain text: "<b", "</", "<!".
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_URL_OR_MAIL = re.compile(r"(?:https?://|www\.)[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class ImportOptions:
    """What the command line says about the inputs; ``None`` leaves it to the reader."""

    timezone: str = "Europe/Berlin"
    title: str | None = None
    date: str | None = None
    category: str | None = None
    source_url: str | None = None
    html_selector: str | None = None


@dataclass
class Found:
    """What a reader found in one input, before the options are applied."""

    title: str | None = None
    body: str = ""
    date: datetime | None = None
    category: str | None = None
    summary: str | None = None
    source_url: str | None = None
    embargo: datetime | None = None
    contact: str | None = None
    ignored: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Imported:
    release: Release
    ignored: tuple[str, ...] = ()  # fields of the input presse does not keep
    note: str | None = None  # how it was read, when that is worth saying (an encoding)


def _time_of(match: re.Match[str]) -> time:
    if match["h"] is None:
        return time(0, 0)
    return time(int(match["h"]), int(match["mi"]), int(match["s"] or 0))


def _german_date(text: str) -> tuple[date, time] | None:
    for pattern in (NUMERIC_DATE, WORDED_DATE):
        match = pattern.fullmatch(text)
        if match:
            month = match["m"]
            number = int(month) if month.isdigit() else GERMAN_MONTHS[month]
            return date(int(match["y"]), number, int(match["d"])), _time_of(match)
    return None


def parse_date(
    value: object, timezone: str, what: str, name: str | None, line: int | None = None
) -> datetime:
    """A date-time from what people write: ISO 8601 (with or without time and offset,
    Jekyll's ``2020-06-25 10:00:00 +0200``), ``25.06.2020`` or ``25. Juni 2020``, a time
    optional. Without an offset the office's time zone applies."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time(0, 0))
    else:
        parsed = _parse_date_text(str(value).strip(), what, name, line)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(timezone))
    return parsed


def _parse_date_text(text: str, what: str, name: str | None, line: int | None) -> datetime:
    iso = re.sub(r"\s+([+-]\d{2}):?(\d{2})$", r"\1:\2", text)  # "10:00:00 +0200"
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        german = _german_date(" ".join(text.split()))
    except ValueError:  # "31.02.2020"
        german = None
    if german is not None:
        return datetime.combine(*german)
    raise PresseError(f"{what}: {text!r} is not a date (write e.g. {DATE_EXAMPLES})", name, line)


def find_dateline(text: str) -> tuple[date, time] | None:
    """The date of a dateline opening a release: "Forchheim, 25.06.2020 –", "25. Juni 2020"."""
    head = " ".join(text.split())[:80]
    for pattern in (NUMERIC_DATE, WORDED_DATE):
        match = re.match(r"(?:[A-ZÄÖÜ][\w .()/-]{1,40},\s*(?:den\s+)?)?" + pattern.pattern, head)
        if match:
            month = match["m"]
            number = int(month) if month.isdigit() else GERMAN_MONTHS[month]
            try:
                day = date(int(match["y"]), number, int(match["d"]))
            except ValueError:
                return None
            return day, _time_of(match)
    return None


def escape_text(line: str) -> str:
    """A line of plain text as inline Markdown that reads back as the same text: markup
    characters escaped (but not inside URLs and e-mail addresses). A marker that would
    start a block ("15. ", "- ") is escaped by :func:`escape_line_start` where it is one."""
    out: list[str] = []
    position = 0
    for match in _URL_OR_MAIL.finditer(line):
        out.append(_escape_prose(line[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_escape_prose(line[position:]))
    return "".join(out)


def escape_line_start(line: str) -> str:
    """Escape a leading ``15. ``, ``- `` or ``# ``, so the line stays text."""
    return escape_block_marker(line)


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(markdown: str) -> str:
    """Inline Markdown's escapes undone: a title or a field is plain text."""
    return _ESCAPED.sub(r"\1", markdown)


def _escape_prose(text: str) -> str:
    return _HTML_START.sub(r"\\<", escape_inline(text))


def hard_break_lines(lines: list[str]) -> str:
    """Lines that must stay lines (an address): joined by Markdown hard breaks."""
    return "\\\n".join(escape_line_start(line) for line in lines)


def finish(found: Found, options: ImportOptions, name: str) -> Imported:
    """The release from what the reader found and the command line's options."""
    title = " ".join((options.title or found.title or "").split())
    if not title:
        raise PresseError("no title found; pass --title", name)
    published = found.date
    if options.date:
        published = parse_date(options.date, options.timezone, "--date", name)
    if published is None:
        raise PresseError(f"no date found; pass --date (e.g. {DATE_EXAMPLES})", name)
    body = found.body.strip("\n")
    if not body.strip():
        raise PresseError("the release has a title but no text", name)
    release = Release(
        slug=make_slug(title, published.date()),
        title=title,
        date=published,
        body=body + "\n",
        category=options.category or found.category,
        summary=found.summary,
        source_url=options.source_url or found.source_url,
        embargo=found.embargo,
        contact=found.contact,
    )
    return Imported(release, tuple(found.ignored))
