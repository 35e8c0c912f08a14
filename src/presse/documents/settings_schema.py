"""The schema of ``presse.yaml``: every key, its type, default, allowed values, a
description and an example.

:mod:`presse.documents.config` validates the file against it, and
:mod:`presse.documents.settings_reference` writes ``docs/configuration.md`` from it,
so the reference cannot say what the validation does not do. A key is a :class:`Key`,
a group of keys a :class:`Section`. (A plain ``(types, default)`` pair is still read
as a key without a description; the reference then shows none, and
``tests/test_settings_reference.py`` asks for one.)
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Rule:
    """A check of a value beyond its type: ``rule`` says it in the reference, ``problem``
    says what is wrong with a value (None when nothing is)."""

    rule: str
    problem: Callable[[Any], str | None]

    def __call__(self, value: Any) -> str | None:
        return self.problem(value)


@dataclass(frozen=True)
class Key:
    """One setting."""

    types: tuple[type, ...]
    default: Any = None
    doc: str = ""
    example: Any = None
    allowed: tuple[str, ...] = ()  # the only values presse can honour
    check: Rule | None = None
    required: bool = False
    default_doc: str = ""  # a default made from other settings, said in the reference


@dataclass(frozen=True)
class Section:
    """A mapping of settings.

    ``shorthand``: a plain string given for the section stands for ``{shorthand: it}``.
    ``as_given``: only the keys given are kept (the code that reads them applies the
    defaults, as the engines do with their options). ``plugins``: keys naming an engine
    presse has but this schema does not describe are accepted as mappings of options."""

    doc: str
    keys: Mapping[str, Any] = field(default_factory=dict)
    shorthand: str | None = None
    as_given: bool = False
    plugins: bool = False


def as_key(spec: Any) -> Key:
    """A :class:`Key`, also from the older ``(types, default)`` pair."""
    if isinstance(spec, Key):
        return spec
    types, default = spec
    return Key(tuple(types), default)


def _http_url(value: Any) -> str | None:
    parts = urlsplit(str(value))
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    return f"expected an http:// or https:// address but received {value!r}"


http_url = Rule("an http:// or https:// address", _http_url)


def at_least(minimum: int) -> Rule:
    def problem(value: Any) -> str | None:
        return None if value >= minimum else f"expected {minimum} or more but received {value!r}"

    return Rule(f"{minimum} or more", problem)


def between(low: int, high: int) -> Rule:
    def problem(value: Any) -> str | None:
        if low <= value <= high:
            return None
        return f"expected a number from {low} to {high} but received {value!r}"

    return Rule(f"from {low} to {high}", problem)


positive = Rule(
    "more than 0",
    lambda value: None if value > 0 else f"expected more than 0 but received {value!r}",
)


def _time_zone(value: Any) -> str | None:
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder
        return f"unknown time zone {value!r} (expected an IANA name, e.g. Europe/Berlin)"
    return None


time_zone = Rule("an IANA time zone (Region/City)", _time_zone)


def _css_selector(value: Any) -> str | None:
    if not str(value).strip():
        return "is empty (e.g. 'div.news-text')"
    import soupsieve  # Beautiful Soup's selector engine: only a config with a selector needs it

    try:
        soupsieve.compile(str(value))
    except soupsieve.SelectorSyntaxError as exc:
        return f"not a CSS selector: {str(exc).splitlines()[0]}"
    return None


css_selector = Rule("a CSS selector", _css_selector)

_TYPE_NAMES = {str: "a string", dict: "a mapping", list: "a list", bool: "true or false"}


def type_name(types: tuple[type, ...]) -> str:
    """``(int, float)``: "a number"; ``(str, list)``: "a string or a list"."""
    numbers = "a number" if float in types else "a whole number" if int in types else None
    names = [_TYPE_NAMES.get(t, t.__name__) for t in types if t not in (int, float)]
    return " or ".join(([numbers] if numbers else []) + names)


def _retries(default: int) -> Key:
    return Key(
        (int,),
        default,
        "How often a failed request (a timeout, 429, a 5xx answer) is tried again.",
        default,
        check=at_least(0),
    )


def _timeout(default: float) -> Key:
    return Key(
        (int, float), default, "Seconds to wait for an answer.", int(default), check=positive
    )


SCHEMA: Mapping[str, Any] = {
    "office": Section(
        "The office that writes the releases: the author and publisher of every page. "
        "A plain name (`office: Stadt Forchheim`) is read as `name_de`.",
        {
            "name_de": Key(
                (str,),
                None,
                "The office's name in German: the German pages, feed and catalogs.",
                "Stadt Forchheim",
                required=True,
            ),
            "name_fr": Key(
                (str,),
                None,
                "The office's name in French as it reads inside a sentence, with its "
                "article (`la Ville de …`, `le …`, `l’…`; none for a bare place name). "
                "The French pages, feed, schema.org data and the partner kit use it: "
                "“Communiqué de la Ville de Forchheim”, and on its own “Ville de "
                "Forchheim”.",
                "la Ville de Forchheim",
                default_doc="the German name",
            ),
        },
        shorthand="name_de",
    ),
    "source_language": Key(
        (str,),
        "de",
        "The language the releases are written in (segmentation, checks and dates are "
        "made for German).",
        "de",
        allowed=("de",),
    ),
    "target_language": Key(
        (str,),
        "fr",
        "The language they are translated into (typography, checks and dates are made for French).",
        "fr",
        allowed=("fr",),
    ),
    "timezone": Key(
        (str,),
        "Europe/Berlin",
        "The office's time zone (IANA name): imported dates, approval times.",
        "Europe/Berlin",
        check=time_zone,
    ),
    "site": Section(
        "The published site (`presse build`).",
        {
            "base_url": Key(
                (str,),
                "https://example.org/",
                "Where the built site is published; feeds, sitemap, canonical links and "
                "the links between the two languages are absolute.",
                "https://presse.forchheim.de/",
                check=http_url,
            ),
            "per_page": Key((int,), 20, "Releases per index page.", 20, check=at_least(1)),
            "title_de": Key(
                (str,),
                None,
                "The German site's title.",
                "Pressemitteilungen der Stadt Forchheim",
                default_doc="`Pressemitteilungen – <office.name_de>`",
            ),
            "title_fr": Key(
                (str,),
                None,
                "The French site's title.",
                "Communiqués de presse de la Ville de Forchheim",
                default_doc="`Communiqués de presse` and `office.name_fr` after *de*",
            ),
        },
    ),
    "partner": Section(
        "The partner that republishes the French releases. The kit in `site/partner/` "
        "(and its feed) is built only when `name` is set.",
        {
            "name": Key(
                (str,),
                None,
                "The partner's name, in the partner feed's title and the kit's metadata.",
                "Ville du Perreux-sur-Marne",
            ),
            "licence": Key(
                (str,),
                None,
                "The licence of the French texts, shown in every file of the kit.",
                "CC BY 4.0",
            ),
            "licence_url": Key(
                (str,),
                None,
                "Where the licence can be read.",
                "https://creativecommons.org/licenses/by/4.0/deed.fr",
                check=http_url,
            ),
        },
    ),
    "engine": Section(
        "Machine translation (`presse translate`): which engine, and each engine's "
        "options under its name. API keys come only from the environment "
        "(`DEEPL_AUTH_KEY`, `LIBRETRANSLATE_API_KEY`), never from this file.",
        {
            # The engines presse has are asked at run time (they are plug-ins of a
            # higher layer): see config._engine_errors.
            "name": Key(
                (str,),
                "memory",
                "The engine `presse translate` uses: `memory` (offline, the translation "
                "memory), `deepl` or `libretranslate`.",
                "deepl",
            ),
            "memory": Section(
                "The translation memory: every human translation in the repository.",
                {
                    "threshold": Key(
                        (int, float),
                        75,
                        "The lowest similarity (0–100) at which a close match is offered "
                        "as a suggestion.",
                        80,
                        check=between(0, 100),
                    ),
                    "limit": Key(
                        (int,), 3, "Suggestions offered per segment, at most.", 3, check=at_least(0)
                    ),
                    "tmx": Key(
                        (str, list),
                        [],
                        "TMX files (paths relative to the repository) added to the memory.",
                        ["memory/partner.tmx"],
                    ),
                },
                as_given=True,
            ),
            "deepl": Section(
                "DeepL, with the key in `DEEPL_AUTH_KEY`.",
                {
                    "server_url": Key(
                        (str,),
                        None,
                        "Another DeepL server (a DeepL-compatible proxy).",
                        "https://api.deepl.com",
                        default_doc="`DEEPL_SERVER_URL`, else DeepL's own for the kind of key",
                        check=http_url,
                    ),
                    "formality": Key(
                        (str,),
                        "prefer_more",
                        "How formal the French is (DeepL's `formality`).",
                        "prefer_more",
                        allowed=("default", "more", "less", "prefer_more", "prefer_less"),
                    ),
                    "model_type": Key(
                        (str,),
                        "prefer_quality_optimized",
                        "DeepL's model, pinned so that drafts do not change with DeepL's "
                        "default; the model DeepL used is recorded with each draft "
                        "(`model_type_used`).",
                        "quality_optimized",
                        allowed=(
                            "quality_optimized",
                            "prefer_quality_optimized",
                            "latency_optimized",
                        ),
                    ),
                    "tag_handling_version": Key(
                        (str,),
                        "v2",
                        "DeepL's XML tag handling, pinned: v2 parses the inline Markdown's "
                        "tags strictly; without a pin the account's default depends on when "
                        "it first used tags.",
                        "v2",
                        allowed=("v1", "v2"),
                    ),
                    "translation_memory": Key(
                        (str,),
                        None,
                        "The id of a DeepL translation memory (German to French) to "
                        "translate with; checked against the memories DeepL reports.",
                        "a1b2c3d4-0000-4000-8000-000000000000",
                    ),
                    "translation_memory_threshold": Key(
                        (int,),
                        None,
                        "The lowest match (in %) DeepL takes from the translation memory "
                        "(DeepL's default when unset; 75 or more recommended). Needs "
                        "`translation_memory`.",
                        80,
                        check=between(0, 100),
                    ),
                    "style_rule": Key(
                        (str,),
                        None,
                        "The id of a DeepL style rule list for French to apply to every "
                        "draft; checked against the style rules DeepL reports.",
                        "f0e1d2c3-0000-4000-8000-000000000000",
                    ),
                    "price_per_million_characters": Key(
                        (int, float),
                        None,
                        "What the office pays DeepL per million characters, in euros: "
                        "`presse translate --dry-run` then states the cost of a run.",
                        25.0,
                        check=at_least(0),
                    ),
                    "retries": _retries(5),
                    "timeout": _timeout(30.0),
                },
                as_given=True,
            ),
            "libretranslate": Section(
                "A LibreTranslate server, with an API key (if it needs one) in "
                "`LIBRETRANSLATE_API_KEY`.",
                {
                    "url": Key(
                        (str,),
                        None,
                        "The server's address (needed to use this engine).",
                        "http://127.0.0.1:5000",
                        check=http_url,
                    ),
                    "retries": _retries(3),
                    "timeout": _timeout(60.0),
                },
                as_given=True,
            ),
        },
        as_given=True,
        plugins=True,
    ),
    "review": Section(
        "Reviewing and approving.",
        {
            "reviewer": Key(
                (str,),
                None,
                "The name recorded when you confirm or approve without giving one "
                "(`--by`, the review page).",
                "Jana Schulz",
                default_doc="git's `user.name`",
            ),
            "four_eyes": Key(
                (bool,),
                False,
                "Four eyes: the person who approves a release must not be the last "
                "translator of any of its segments. `presse init` writes `true`; absent, "
                "it is off, so that a repository made before this setting existed approves "
                "as it did.",
                True,
            ),
        },
    ),
    "checks": Key(
        (dict,),
        {},
        "The severity of a quality check, by its name: `error` (blocks publication), "
        "`warning` or `off` (see docs/checks.md for the names).",
        {"length": "off", "typography": "error"},
    ),
    "import": Section(
        "Importing releases (`presse import`).",
        {
            "html_selector": Key(
                (str,),
                None,
                "The CSS selector of the article in the office's saved web pages; unset, "
                "the article is found by content extraction (trafilatura).",
                "div.news-text-wrap",
                check=css_selector,
            ),
        },
    ),
}


# The options of DeepL, for the engine and its tests (``engine.deepl`` in presse.yaml).
DEEPL_OPTIONS: Mapping[str, Key] = SCHEMA["engine"].keys["deepl"].keys
