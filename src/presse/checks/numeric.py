"""The ``numbers`` and ``currency_units`` checks: amounts carried across two locales.

Numbers are compared as values: German "1.500" and French "1 500" (narrow no-break,
no-break or plain space), "45,1" and "45,1", "2.000.000" and "2 000 000", "1,5
Millionen" and "1,5 million" (= 1 500 000) are the same numbers. Dates and clock times
are left to the ``dates`` and ``times`` checks; URLs, e-mails and code are not read.
Numbers written as words on one side ("zwei", "deux") are accepted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal

from presse.checks._registry import CheckContext, Problem, register
from presse.checks._text import blank, mask, words
from presse.checks.dates import french_dates, french_times, german_dates, german_times
from presse.documents.french_typography import NBSP, SP


@dataclass(frozen=True)
class Number:
    start: int  # span of the digits only (not the scale word)
    end: int
    text: str
    base: Decimal  # the number as written
    value: Decimal  # with its scale word applied ("1,5 Mio." -> 1500000)
    german_format: bool = False  # "1.500" in the French
    label: str = ""  # the number with its scale word, for messages


_DE_SCALES = {
    "Mio": 10**6, "Million": 10**6, "Millionen": 10**6,
    "Mrd": 10**9, "Milliarde": 10**9, "Milliarden": 10**9,
    "Tsd": 10**3, "Tausend": 10**3,
}  # fmt: skip
_FR_SCALES = {
    "million": 10**6, "millions": 10**6, "M€": 10**6, "M": 10**6,
    "milliard": 10**9, "milliards": 10**9, "Md€": 10**9, "Mds": 10**9, "Md": 10**9,
}  # fmt: skip
_DE_WORDS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100,
    "tausend": 1000, "beiden": 2, "beide": 2,
}  # fmt: skip
_FR_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "cent": 100, "mille": 1000, "deuxième": 2, "troisième": 3,
    "quatrième": 4, "cinquième": 5, "dixième": 10,
}  # fmt: skip
# Digits glued to letters in a name ("COP28", "A1") carry the German's number ("28.").
_GLUED = re.compile(r"(?<=[^\W\d_])\d+(?![\d,.]\d)")
_BARE_YEAR = re.compile(r"(?:19|20)\d\d")

_GROUP_SEPS = "\u00a0\u202f\u2009"
_NUMBER_RE = re.compile(
    r"(?<![^\W_])(?P<int>\d+(?:[ .\u00a0\u202f\u2009]\d{3}(?!\d))*)(?:,(?P<dec>\d+))?(?!\d)"
)


# German scale words left in the French keep their value (currency_units reports them).
_FR_SCALES.update({k: v for k, v in _DE_SCALES.items() if k not in ("Tsd", "Tausend")})


def _scale_after(text: str, end: int, scales: dict[str, int]) -> tuple[int, str]:
    """The scale word after a number ("Millionen", "Mio.", "million") and its value."""
    m = re.match(rf"{SP}*(?P<w>M€|Md€|[^\W\d_]+)(?P<dot>\.)?", text[end:])
    if not m:
        return 1, ""
    word = m["w"]
    if word in ("Mio", "Mrd", "Tsd") and not m["dot"]:
        return 1, ""
    scale = scales.get(word, 1)
    return scale, (m[0] if scale != 1 else "")


def _decimal(int_part: str, dec: str | None) -> Decimal:
    digits = re.sub(r"\D", "", int_part)
    return Decimal(f"{digits}.{dec}" if dec else digits)


def _scan(
    text: str, scales: dict[str, int], *, french: bool, wanted: set[Decimal] | None = None
) -> list[Number]:
    """Numbers in a masked text; ``wanted`` resolves French plain-space groupings."""
    found: list[Number] = []
    for m in _NUMBER_RE.finditer(text):
        pieces = re.split(r"([ .\u00a0\u202f\u2009])", m["int"])
        groups = pieces[0::2]
        seps = pieces[1::2]
        # Decide where the number really breaks: plain spaces (French) only when the
        # grouped value is one the German has; dots only as thousands (German style).
        breaks: list[bool] = []
        for sep in seps:
            if len(groups[0]) > 3:
                breaks.append(True)
            elif sep == " ":
                breaks.append(True if not french else None)  # type: ignore[arg-type]
            else:
                breaks.append(False)
        if None in breaks:
            # "40 000" is one number unless the German has "40" and "000" but not 40000.
            joined = _decimal(m["int"], m["dec"])
            scale, _ = _scale_after(text, m.end(), scales)
            merged = wanted is not None and (joined in wanted or joined * scale in wanted)
            split = wanted is not None and all(Decimal(g) in wanted for g in groups)
            breaks = [b if b is not None else (split and not merged) for b in breaks]
        start = m.start()
        chunk_groups = [groups[0]]
        chunk_seps: list[str] = []
        for sep, group, brk in zip(seps, groups[1:], breaks, strict=True):
            if brk:
                found.append(_number(text, start, chunk_groups, chunk_seps, None, scales, french))
                start = start + len("".join(chunk_groups)) + len("".join(chunk_seps)) + 1
                chunk_groups, chunk_seps = [group], []
            else:
                chunk_groups.append(group)
                chunk_seps.append(sep)
        found.append(_number(text, start, chunk_groups, chunk_seps, m["dec"], scales, french))
    return found


def _number(
    text: str,
    start: int,
    groups: list[str],
    seps: list[str],
    dec: str | None,
    scales: dict[str, int],
    french: bool,
) -> Number:
    int_text = "".join(g + s for g, s in zip(groups, [*seps, ""], strict=True))
    end = start + len(int_text) + (len(dec) + 1 if dec else 0)
    base = _decimal(int_text, dec)
    scale, word = _scale_after(text, end, scales)
    label = (text[start:end] + word).strip()
    return Number(start, end, text[start:end], base, base * scale, french and "." in seps, label)


def _masked(text: str, german: bool) -> str:
    spans = [(d.start, d.end) for d in (german_dates(text) if german else french_dates(text))]
    spans += [(t.start, t.end) for t in (german_times(text) if german else french_times(text))]
    return blank(mask(text), spans)


def german_numbers(de: str) -> list[Number]:
    return _scan(_masked(de, german=True), _DE_SCALES, french=False)


def french_numbers(fr: str, wanted: set[Decimal] | None = None) -> list[Number]:
    return _scan(_masked(fr, german=False), _FR_SCALES, french=True, wanted=wanted)


def french_number(value: Decimal, like: str = "") -> str:
    """``value`` the French way; small whole numbers and years stay ungrouped."""
    if value == value.to_integral_value() and value < 10000 and not re.search(r"\D", like):
        return str(int(value))
    return format_decimal(value, locale="fr", decimal_quantization=False)


def _shown(number: Number) -> str:
    return (number.label or number.text).replace("\u00a0", " ").replace("\u202f", " ")


@register("numbers", "error")
def check_numbers(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """Every number of the German is in the French, as a value; none is added."""
    german = german_numbers(de)
    wanted = {n.value for n in german} | {n.base for n in german}
    french = french_numbers(fr, wanted)
    for number in french:
        if number.german_format:
            right = french_number(number.base, "x")
            yield Problem(
                f"the number '{number.text}' is written the German way; "
                f"French groups digits with a space: '{right}'",
                fr[: number.start] + right + fr[number.end :],
            )
    de_counts = Counter(n.value for n in german)
    fr_counts = Counter(n.value for n in french)
    fr_words = {_FR_WORDS[w.lower()] for _, _, w in words(fr) if w.lower() in _FR_WORDS}
    fr_words |= {Decimal(m[0]) for m in _GLUED.finditer(mask(fr))}
    de_words = {_DE_WORDS[w.lower()] for _, _, w in words(de) if w.lower() in _DE_WORDS}
    missing = [
        n for n in german if de_counts[n.value] > fr_counts[n.value] and n.value not in fr_words
    ]
    # A number dropped n times is reported once.
    seen: set[Decimal] = set()
    missing = [n for n in missing if not (n.value in seen or seen.add(n.value))]  # type: ignore[func-returns-value]
    # A year the French adds ("en 2016" for "in diesem Jahr") is the ``years`` check's.
    extra = [
        n
        for n in french
        if n.value not in de_counts and n.value not in de_words and not _BARE_YEAR.fullmatch(n.text)
    ]
    if len(missing) == 1 and len(extra) == 1:
        wanted_n, wrong = missing[0], extra[0]
        right = french_number(wanted_n.base, wanted_n.text)
        yield Problem(
            f"the German number '{_shown(wanted_n)}' is '{_shown(wrong)}' in the French",
            fr[: wrong.start] + right + fr[wrong.end :],
        )
        return
    for n in missing:
        yield Problem(
            f"the number '{_shown(n)}' is missing from the French",
            french_number(n.base, n.text),
        )
    for n in extra:
        yield Problem(f"the French has the number '{_shown(n)}', which is not in the German")


# --- currency and units ---------------------------------------------------------------

_AMOUNT = r"\d(?:[\d.,\u00a0\u202f\u2009 ]*\d)?"
_DE_EURO = re.compile(r"(?<!\w)(?:Euro|EUR)(?!\w)|€")
_FR_EURO = re.compile(r"(?<!\w)(?:euros?|EUR)(?!\w)|€", re.I)
_DE_PERCENT = re.compile(r"%|(?<!\w)Prozent(?!punkt)(?!\w)")
_FR_PERCENT = re.compile(r"%|(?<!\w)pour[ -]?cent(?!\w)", re.I)
_EURO_AFTER = re.compile(
    rf"(?P<amount>{_AMOUNT}){SP}*(?:(?P<scale>[Mm]illions?|[Mm]illiards?|Mio\.|Millionen|"
    rf"Mrd\.|Milliarden|Milliarde){SP}+)?(?P<de>d['’]{SP}*)?(?P<euro>Euro|euros?)(?!\w)"
)
_EURO_BEFORE = re.compile(rf"€{SP}*(?P<amount>{_AMOUNT})")
_PROZENT = re.compile(rf"{SP}*(?<!\w)(?:Prozent|Proz\.)(?!\w)")
_GERMAN_SCALE = re.compile(
    rf"(?P<amount>{_AMOUNT})(?P<sp>{SP}+)(?P<w>Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde|Tsd\.)(?!\w)"
)
_FR_SCALE_AGREEMENT = re.compile(rf"(?P<amount>{_AMOUNT}){SP}+(?P<w>million|milliard)(?!\w)")
_FRENCH_SCALE_WORD = {
    "Mio.": "million", "Million": "million", "Millionen": "million",
    "Mrd.": "milliard", "Milliarde": "milliard", "Milliarden": "milliard", "Tsd.": "mille",
}  # fmt: skip


def _amount(text: str) -> Decimal | None:
    digits = re.sub(rf"[.{_GROUP_SEPS} ]", "", text).replace(",", ".")
    try:
        return Decimal(digits)
    except ArithmeticError:
        return None


def _plural(word: str, amount: Decimal | None) -> str:
    if word == "mille" or amount is None or amount < 2:
        return word
    return word + "s"


def _sub(fr: str, m: re.Match[str], new: str) -> str:
    return fr[: m.start()] + new + fr[m.end() :]


@register("currency_units", "error")
def check_currency_units(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """Euros, percent and millions in their French words, after the amount."""
    de_m, fr_m = mask(de), mask(fr)
    if _DE_EURO.search(de_m) and not _FR_EURO.search(fr_m):
        yield Problem("the German has an amount in euros; the French has no 'euros' or '€'")
    if _DE_PERCENT.search(de_m) and not (_FR_PERCENT.search(fr_m) or _PROZENT.search(fr_m)):
        yield Problem("the German has a percentage; the French has no '%'")
    for m in _EURO_AFTER.finditer(fr_m):
        amount = _amount(m["amount"])
        scale = m["scale"]
        if scale and scale in _FRENCH_SCALE_WORD:
            continue  # reported below as a German scale word
        euro = m["euro"]
        if scale:
            right = f"{m['amount']} {_plural(scale.lower().rstrip('s'), amount)} d’euros"
            if euro != "euros" or not m["de"] or scale[0].isupper():
                yield Problem(f"'{m[0]}': in French, write '{right}'", _sub(fr, m, right))
            continue
        right = f"{m['amount']}{NBSP}{_plural('euro', amount)}"
        if euro == "Euro" or (euro == "euro" and amount is not None and amount >= 2):
            yield Problem(f"'{m[0]}': in French, write '{right}'", _sub(fr, m, right))
    for m in _EURO_BEFORE.finditer(fr_m):
        right = f"{m['amount']}{NBSP}€"
        yield Problem(
            f"'{m[0]}': French puts the euro sign after the amount: '{right}'",
            _sub(fr, m, right),
        )
    for m in _PROZENT.finditer(fr_m):
        yield Problem(
            f"'{m[0].strip()}' is German; French writes '%' (e.g. '3,5{NBSP}%')",
            _sub(fr, m, f"{NBSP}%"),
        )
    for m in _GERMAN_SCALE.finditer(fr_m):
        french = _plural(_FRENCH_SCALE_WORD[m["w"]], _amount(m["amount"]))
        yield Problem(
            f"'{m['w']}' is German; French writes '{m['amount']} {french}'",
            fr[: m.start("w")] + french + fr[m.end("w") :],
        )
    for m in _FR_SCALE_AGREEMENT.finditer(fr_m):
        amount = _amount(m["amount"])
        if amount is not None and amount >= 2:
            yield Problem(
                f"'{m[0]}': '{m['w']}' takes an 's' from 2 on",
                fr[: m.end("w")] + "s" + fr[m.end("w") :],
            )
