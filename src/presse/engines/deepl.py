"""DeepL, through the ``deepl`` package (its ``DeepLClient``: the v3 glossaries).

The key comes only from the ``DEEPL_AUTH_KEY`` environment variable and never appears in
a message, a log line or a recorded setting. Options (``engine.deepl`` in presse.yaml,
described in :data:`presse.documents.settings_schema.DEEPL_OPTIONS`): ``server_url`` (or
``DEEPL_SERVER_URL``), ``formality``, ``model_type`` and ``tag_handling_version``
(pinned, so that the drafts do not follow DeepL's defaults), ``translation_memory`` and
``translation_memory_threshold``, ``style_rule``, ``retries``, ``timeout``. Before the
first request of a run the languages, the translation memory and the style rule are
checked against what DeepL reports; a mismatch names its key in presse.yaml.

The glossary is one multilingual (v3) glossary named ``presse-<repository>``. Its
German-French dictionary is compared with the repository's glossary at every run and,
when they differ, replaced as a whole (PUT): a PATCH merges, so a term removed from
``glossary.yaml`` would stay active. The v2 glossaries earlier versions of presse made
(``presse-<repository>-<checksum>``) are deleted when the v3 glossary is created.

The ``deepl`` package keeps its retry count and minimum timeout in module globals
(``deepl.http_client``); they are set from this engine's options before every call.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import deepl
import requests
from deepl import http_client, util
from deepl.api_data import MultilingualGlossaryDictionaryEntries, MultilingualGlossaryInfo

from presse.engines.base import (
    Answer,
    BatchEngine,
    EngineError,
    EngineUnavailable,
    GlossaryLike,
    KeyRejected,
    QuotaExceeded,
    glossary_entries,
    network_options,
)
from presse.errors import PresseError
from presse.store.disk import read_text
from presse.store.yaml_lines import load_located

KEY_VARIABLE = "DEEPL_AUTH_KEY"
SERVER_VARIABLE = "DEEPL_SERVER_URL"
FORMALITIES = ("default", "more", "less", "prefer_more", "prefer_less")
MODEL_TYPES = ("quality_optimized", "prefer_quality_optimized", "latency_optimized")
DEFAULT_MODEL_TYPE = "prefer_quality_optimized"
DEFAULT_TAG_HANDLING_VERSION = "v2"
DEFAULT_RETRIES = 5
DEFAULT_TIMEOUT = 30.0
GLOSSARY_PREFIX = "presse-"

T = TypeVar("T")


def _version() -> str:
    try:
        return metadata.version("presse")
    except metadata.PackageNotFoundError:
        return "0"


def _slug(name: str, keep: str = "._-") -> str:
    return re.sub(rf"[^A-Za-z0-9{re.escape(keep)}]+", "_", name).strip("_") or "repository"


class DeepLEngine(BatchEngine):
    name = "deepl"
    supports_context = True

    def __init__(
        self,
        auth_key: str,
        *,
        server_url: str | None = None,
        formality: str = "prefer_more",
        model_type: str = DEFAULT_MODEL_TYPE,
        tag_handling_version: str = DEFAULT_TAG_HANDLING_VERSION,
        translation_memory: str | None = None,
        translation_memory_threshold: int | None = None,
        style_rule: str | None = None,
        source_lang: str = "DE",
        target_lang: str = "FR",
        repository: str = "repository",
        retries: int = DEFAULT_RETRIES,
        timeout: float = DEFAULT_TIMEOUT,
        config_path: Path | None = None,
    ) -> None:
        self.config_path = config_path
        if not auth_key:
            raise KeyRejected(f"no DeepL key: set the environment variable {KEY_VARIABLE}")
        for key, value, allowed in (
            ("formality", formality, FORMALITIES),
            ("model_type", model_type, MODEL_TYPES),
            ("tag_handling_version", tag_handling_version, ("v1", "v2")),
        ):
            if value not in allowed:
                raise self._setting_error(
                    key, f"expected one of {', '.join(allowed)} but received {value!r}"
                )
        self.server_url = server_url
        self.formality = formality
        self.model_type = model_type
        self.tag_handling_version = tag_handling_version
        self.translation_memory = translation_memory or None
        self.translation_memory_threshold = translation_memory_threshold
        self.style_rule = style_rule or None
        self.source_lang = source_lang.upper()
        self.target_lang = target_lang.upper()
        self.repository = _slug(repository)
        self.retries = retries
        self.timeout = timeout
        self.__secret = auth_key
        self._translator = deepl.DeepLClient(
            auth_key, server_url=server_url, send_platform_info=False
        )
        self._translator.set_app_info("presse", _version())
        self._glossary: MultilingualGlossaryInfo | None = None
        self._synced_checksum: str | None = None
        self._resources_checked = False

    @classmethod
    def from_config(
        cls,
        options: dict[str, Any],
        root: Path | None,
        source_language: str = "de",
        target_language: str = "fr",
    ) -> DeepLEngine:
        retries, timeout = network_options(options, "deepl", DEFAULT_RETRIES, DEFAULT_TIMEOUT)
        threshold = options.get("translation_memory_threshold")
        return cls(
            os.environ.get(KEY_VARIABLE, "").strip(),
            server_url=options.get("server_url") or os.environ.get(SERVER_VARIABLE) or None,
            formality=str(options.get("formality") or "prefer_more"),
            model_type=str(options.get("model_type") or DEFAULT_MODEL_TYPE),
            tag_handling_version=str(
                options.get("tag_handling_version") or DEFAULT_TAG_HANDLING_VERSION
            ),
            translation_memory=_text_or_none(options.get("translation_memory")),
            translation_memory_threshold=int(threshold) if threshold is not None else None,
            style_rule=_text_or_none(options.get("style_rule")),
            source_lang=source_language,
            target_lang=target_language,
            repository=root.name if root is not None else "repository",
            retries=retries,
            timeout=float(timeout),
            config_path=root / "presse.yaml" if root is not None else None,
        )

    def __repr__(self) -> str:
        return f"DeepLEngine(server_url={self.server_url!r})"

    def settings(self) -> dict[str, object]:
        """What each draft records of how it was made (read after the glossary's sync,
        so that the glossary's name and id are those the requests carried)."""
        out: dict[str, object] = {
            "engine": self.name,
            "server": self.server_url or self._translator.server_url,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "formality": self.formality,
            "model_type": self.model_type,
            "tag_handling_version": self.tag_handling_version,
            "glossary": self._glossary.name if self._glossary else None,
            "glossary_id": self._glossary.glossary_id if self._glossary else None,
        }
        if self.translation_memory:
            out["translation_memory"] = self.translation_memory
            out["translation_memory_threshold"] = self.translation_memory_threshold
        if self.style_rule:
            out["style_rule"] = self.style_rule
        out["library"] = f"deepl-python {deepl.__version__}"
        return out

    # -- calls ----------------------------------------------------------------------------

    def _clean(self, message: str) -> str:
        line = message.strip().splitlines()[0] if message.strip() else "unknown error"
        if self.__secret:
            line = line.replace(self.__secret, "***")
        return line[:300]

    def _setting_error(self, key: str, message: str) -> PresseError:
        """An error naming ``engine.deepl.<key>`` (or a top-level ``key`` such as
        ``target_language``) and its line in presse.yaml."""
        key = key if key.endswith("_language") else f"engine.deepl.{key}"
        line = None
        if self.config_path is not None and self.config_path.is_file():
            try:
                located = load_located(read_text(self.config_path), self.config_path)
                line = located.line_of(key)
            except PresseError:
                line = None
        return PresseError(f"'{key}': {message}", self.config_path, line)

    def _call(
        self, what: str, fn: Callable[..., T], *args: Any, missing: str | None = None, **kwargs: Any
    ) -> T:
        """Run one ``deepl`` call with this engine's retries and timeout; map its errors.
        ``missing``: the setting that named what was asked for, when a 404 means it is
        wrong."""
        http_client.max_network_retries = self.retries
        http_client.min_connection_timeout = self.timeout
        server = self.server_url or self._translator.server_url
        try:
            return fn(*args, **kwargs)
        except deepl.QuotaExceededException:
            raise QuotaExceeded(
                "DeepL: the character quota of this billing period is used up (HTTP 456); "
                "the batches translated so far are kept"
            ) from None
        except deepl.AuthorizationException:
            raise KeyRejected(
                f"DeepL refused the key in {KEY_VARIABLE} (HTTP 403); check the key "
                "(Free keys end in ':fx') and the server"
            ) from None
        except deepl.TooManyRequestsException:
            raise EngineUnavailable(
                f"DeepL is overloaded (HTTP 429 after {self.retries} retries) while {what}; "
                "try again later"
            ) from None
        except deepl.ConnectionException as exc:
            timed_out = isinstance(exc.__cause__, requests.exceptions.Timeout)
            reason = f"no answer within {self.timeout:g} s" if timed_out else "connection failed"
            raise EngineUnavailable(
                f"DeepL at {server} is unavailable while {what}: {reason} "
                f"(after {self.retries} retries)"
            ) from None
        except deepl.DeepLException as exc:
            status = exc.http_status_code
            if status is not None and status >= 500:
                raise EngineUnavailable(
                    f"DeepL at {server} answered HTTP {status} while {what} "
                    f"(after {self.retries} retries); try again later"
                ) from None
            if missing is not None and status in (400, 404):
                raise self._setting_error(
                    missing, f"DeepL at {server} has no {what} {args[0]!r} (HTTP {status})"
                ) from None
            raise EngineError(f"DeepL failed while {what}: {self._clean(str(exc))}") from None
        except ValueError as exc:
            raise EngineError(f"DeepL: {self._clean(str(exc))} (while {what})") from None

    def usage(self) -> tuple[int | None, int | None]:
        """(characters used, character limit) of this billing period."""
        usage = self._call("reading the usage", self._translator.get_usage)
        return usage.character.count, usage.character.limit

    def quota_left(self) -> int | None:
        count, limit = self.usage()
        if count is None or limit is None:
            return None
        return max(0, limit - count)

    # -- what presse.yaml names, checked against what DeepL reports ----------------------

    def _check_resources(self) -> None:
        """The languages, the translation memory and the style rule, once per engine."""
        if self._resources_checked:
            return
        sources = self._call("listing the languages", self._translator.get_source_languages)
        targets = self._call("listing the languages", self._translator.get_target_languages)
        for lang, known, key in (
            (self.source_lang, sources, "source_language"),
            (self.target_lang, targets, "target_language"),
        ):
            codes = {str(language.code).upper() for language in known}
            if lang not in codes and not any(c.split("-")[0] == lang for c in codes):
                direction = "from" if key.startswith("source") else "into"
                raise self._setting_error(
                    key,
                    f"DeepL does not translate {direction} {lang.lower()!r} "
                    f"(it offers {', '.join(sorted(codes)).lower()})",
                )
        if self.translation_memory:
            memory = self._call(
                "translation memory",
                self._translator.get_translation_memory,
                self.translation_memory,
                missing="translation_memory",
            )
            offered = {t.upper().split("-")[0] for t in memory.target_languages}
            if (
                memory.source_language.upper() != self.source_lang
                or self.target_lang not in offered
            ):
                raise self._setting_error(
                    "translation_memory",
                    f"DeepL's translation memory {memory.name!r} is "
                    f"{memory.source_language}->{','.join(memory.target_languages)}, "
                    f"not {self.source_lang}->{self.target_lang}",
                )
        if self.style_rule:
            rule = self._call(
                "style rule", self._translator.get_style_rule, self.style_rule, missing="style_rule"
            )
            if rule.language.upper().split("-")[0] != self.target_lang:
                raise self._setting_error(
                    "style_rule",
                    f"DeepL's style rule {rule.name!r} is for {rule.language!r}, "
                    f"not {self.target_lang.lower()!r}",
                )
        self._resources_checked = True

    # -- glossary -------------------------------------------------------------------------

    @property
    def glossary_name(self) -> str:
        return f"{GLOSSARY_PREFIX}{self.repository}"

    def _prepare(self, glossary: GlossaryLike | None) -> None:
        self._check_resources()
        if glossary is None:
            self._glossary = None
            return
        if glossary.checksum == self._synced_checksum:
            return
        entries = glossary_entries(glossary)
        self._glossary = self._sync_glossary(entries) if entries else None
        self._synced_checksum = glossary.checksum

    def _sync_glossary(self, entries: dict[str, str]) -> MultilingualGlossaryInfo:
        """The repository's one v3 glossary, its German-French dictionary equal to
        ``entries``: created, or its dictionary replaced (PUT) when it differs."""
        client = self._translator
        ours = [
            info
            for info in self._call("listing the glossaries", client.list_multilingual_glossaries)
            if info.name == self.glossary_name
        ]
        for extra in ours[1:]:  # two runs that raced each other: keep one
            self._call("deleting a duplicate glossary", client.delete_multilingual_glossary, extra)
        pair = MultilingualGlossaryDictionaryEntries(self.source_lang, self.target_lang, entries)
        if not ours:
            created = self._call(
                "creating the glossary",
                client.create_multilingual_glossary,
                self.glossary_name,
                [pair],
            )
            self._delete_v2_glossaries()
            return created
        found = ours[0]
        if self._dictionary_of(found) != entries:
            self._call(
                "replacing the glossary's terms",
                client.replace_multilingual_glossary_dictionary,
                found,
                pair,
            )
            found = self._call(
                "reading the glossary", client.get_multilingual_glossary, found.glossary_id
            )
        return found

    def _dictionary_of(self, info: MultilingualGlossaryInfo) -> dict[str, str] | None:
        """The glossary's German-French entries as DeepL holds them (None: no such
        dictionary)."""
        has_pair = any(
            d.source_lang.upper() == self.source_lang and d.target_lang.upper() == self.target_lang
            for d in info.dictionaries
        )
        if not has_pair:
            return None
        held = self._call(
            "reading the glossary's terms",
            self._translator.get_multilingual_glossary_entries,
            info,
            self.source_lang,
            self.target_lang,
        )
        for dictionary in held.dictionaries:
            entries = dictionary.entries
            # the client hands the API's TSV on as it came (deepl 1.32)
            return util.convert_tsv_to_dict(entries) if isinstance(entries, str) else dict(entries)
        return None

    def _delete_v2_glossaries(self) -> None:
        """The per-checksum v2 glossaries of earlier versions of presse, for this repository."""
        old = re.compile(rf"{re.escape(self.glossary_name)}-[A-Za-z0-9]{{1,12}}")
        for info in self._call("listing the old glossaries", self._translator.list_glossaries):
            if old.fullmatch(info.name):
                self._call("deleting an old glossary", self._translator.delete_glossary, info)

    # -- translation ----------------------------------------------------------------------

    def _send(self, texts: list[str], *, context: str | None, tagged: bool) -> list[Answer]:
        options: dict[str, Any] = {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "formality": self.formality,
            "model_type": self.model_type,
        }
        if context:
            options["context"] = context
        if self._glossary is not None:
            options["glossary"] = self._glossary
        if self.translation_memory:
            options["translation_memory"] = self.translation_memory
            if self.translation_memory_threshold is not None:
                options["translation_memory_threshold"] = self.translation_memory_threshold
        if self.style_rule:
            options["style_rule"] = self.style_rule
        if tagged:
            options.update(
                tag_handling="xml",
                tag_handling_version=self.tag_handling_version,
                ignore_tags=["k"],
                splitting_tags=["s"],
                non_splitting_tags=["b", "em", "a", "x", "k"],
            )
        results = self._call("translating", self._translator.translate_text, texts, **options)
        if not isinstance(results, list):
            results = [results]
        return [
            Answer(r.text, int(r.billed_characters or 0), getattr(r, "model_type_used", None))
            for r in results
        ]


def _text_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


ENGINE = DeepLEngine
