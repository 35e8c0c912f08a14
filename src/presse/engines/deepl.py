"""DeepL, through the ``deepl`` package.

The key comes only from the ``DEEPL_AUTH_KEY`` environment variable and never appears in
a message, a log line or a recorded setting. Options (``engine.deepl`` in presse.yaml):
``server_url`` (or ``DEEPL_SERVER_URL``; for DeepL-compatible proxies), ``formality``
(default ``prefer_more``), ``retries`` (default 5), ``timeout`` in seconds (default 30).

The glossary is synced to a DeepL glossary named ``presse-<repository>-<checksum[:12]>``:
created once, found again through ``list_glossaries`` while the checksum is unchanged, and
the older ones of this repository (same prefix, other checksum) are deleted.

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
from deepl import http_client

from presse.engines.base import (
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

KEY_VARIABLE = "DEEPL_AUTH_KEY"
SERVER_VARIABLE = "DEEPL_SERVER_URL"
FORMALITIES = ("default", "more", "less", "prefer_more", "prefer_less")
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
        source_lang: str = "DE",
        target_lang: str = "FR",
        repository: str = "repository",
        retries: int = DEFAULT_RETRIES,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if not auth_key:
            raise KeyRejected(f"no DeepL key: set the environment variable {KEY_VARIABLE}")
        if formality not in FORMALITIES:
            raise PresseError(
                f"'engine.deepl.formality': expected one of {', '.join(FORMALITIES)} "
                f"but received {formality!r}"
            )
        self.server_url = server_url
        self.formality = formality
        self.source_lang = source_lang.upper()
        self.target_lang = target_lang.upper()
        self.repository = _slug(repository)
        self.retries = retries
        self.timeout = timeout
        self.__secret = auth_key
        self._translator = deepl.Translator(
            auth_key, server_url=server_url, send_platform_info=False
        ).set_app_info("presse", _version())
        self._glossary_id: str | None = None
        self._glossary_name: str | None = None
        self._synced_checksum: str | None = None

    @classmethod
    def from_config(
        cls,
        options: dict[str, Any],
        root: Path | None,
        source_language: str = "de",
        target_language: str = "fr",
    ) -> DeepLEngine:
        retries, timeout = network_options(options, "deepl", DEFAULT_RETRIES, DEFAULT_TIMEOUT)
        return cls(
            os.environ.get(KEY_VARIABLE, "").strip(),
            server_url=options.get("server_url") or os.environ.get(SERVER_VARIABLE) or None,
            formality=str(options.get("formality", "prefer_more")),
            source_lang=source_language,
            target_lang=target_language,
            repository=root.name if root is not None else "repository",
            retries=retries,
            timeout=float(timeout),
        )

    def __repr__(self) -> str:
        return f"DeepLEngine(server_url={self.server_url!r})"

    def settings(self) -> dict[str, object]:
        return {
            "engine": self.name,
            "server": self.server_url or self._translator.server_url,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "formality": self.formality,
            "glossary": self._glossary_name,
            "library": f"deepl-python {deepl.__version__}",
        }

    # -- calls ----------------------------------------------------------------------------

    def _clean(self, message: str) -> str:
        line = message.strip().splitlines()[0] if message.strip() else "unknown error"
        if self.__secret:
            line = line.replace(self.__secret, "***")
        return line[:300]

    def _call(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one ``deepl`` call with this engine's retries and timeout; map its errors."""
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
            raise EngineError(f"DeepL failed while {what}: {self._clean(str(exc))}") from None
        except ValueError as exc:
            raise EngineError(f"DeepL: {self._clean(str(exc))} (while {what})") from None

    def usage(self) -> tuple[int | None, int | None]:
        """(characters used, character limit) of this billing period."""
        usage = self._call("reading the usage", self._translator.get_usage)
        return usage.character.count, usage.character.limit

    # -- glossary -------------------------------------------------------------------------

    def glossary_name(self, checksum: str) -> str:
        return f"{GLOSSARY_PREFIX}{self.repository}-{_slug(checksum, '')[:12]}"

    def _prepare(self, glossary: GlossaryLike | None) -> None:
        if glossary is None:
            self._glossary_id = self._glossary_name = None
            return
        checksum = glossary.checksum
        if checksum == self._synced_checksum:
            return
        name = self.glossary_name(checksum)
        ours = re.compile(rf"{re.escape(GLOSSARY_PREFIX + self.repository)}-[A-Za-z0-9]{{1,12}}")
        entries = glossary_entries(glossary)
        found: str | None = None
        for info in self._call("listing the glossaries", self._translator.list_glossaries):
            if not ours.fullmatch(info.name):
                continue
            same = (
                info.name == name
                and info.source_lang == self.source_lang
                and info.target_lang == self.target_lang
                and info.ready
            )
            if same and found is None and entries:
                found = info.glossary_id
            else:
                self._call("deleting an old glossary", self._translator.delete_glossary, info)
        if found is None and entries:
            created = self._call(
                "creating the glossary",
                self._translator.create_glossary,
                name,
                self.source_lang,
                self.target_lang,
                entries,
            )
            found = created.glossary_id
        self._glossary_id = found
        self._glossary_name = name if found else None
        self._synced_checksum = checksum

    # -- translation ----------------------------------------------------------------------

    def _send(
        self, texts: list[str], *, context: str | None, tagged: bool
    ) -> tuple[list[str], int]:
        options: dict[str, Any] = {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "formality": self.formality,
        }
        if context:
            options["context"] = context
        if self._glossary_id:
            options["glossary"] = self._glossary_id
        if tagged:
            options.update(
                tag_handling="xml",
                ignore_tags=["k"],
                splitting_tags=["s"],
                non_splitting_tags=["b", "em", "a", "x", "k"],
            )
        results = self._call("translating", self._translator.translate_text, texts, **options)
        if not isinstance(results, list):
            results = [results]
        return [r.text for r in results], sum(int(r.billed_characters or 0) for r in results)


ENGINE = DeepLEngine
