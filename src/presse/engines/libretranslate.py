"""LibreTranslate, through its HTTP API (``POST /translate``).

Options (``engine.libretranslate`` in presse.yaml): ``url`` (required, e.g.
``http://localhost:5000``), ``timeout`` in seconds (default 60), ``retries`` on 429/5xx
(default 3). The API key, when the server wants one, comes only from the
``LIBRETRANSLATE_API_KEY`` environment variable.

LibreTranslate has no ``context`` parameter, so every text goes in packed requests; it
keeps tags with ``format: "html"`` and leaves ``translate="no"`` elements alone, so the
same tags as for DeepL are used, keep terms carrying ``translate="no"``. It bills nothing;
the characters sent are reported as billed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from presse.engines.base import (
    Answer,
    BatchEngine,
    EngineError,
    EngineUnavailable,
    KeyRejected,
    network_options,
)
from presse.errors import PresseError

KEY_VARIABLE = "LIBRETRANSLATE_API_KEY"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3


class LibreTranslateEngine(BatchEngine):
    name = "libretranslate"
    supports_context = False
    keep_attributes = 'translate="no"'

    def __init__(
        self,
        url: str,
        *,
        api_key: str | None = None,
        source: str = "de",
        target: str = "fr",
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = 0.5,
    ) -> None:
        if not url:
            raise PresseError("'engine.libretranslate.url' is not set (e.g. http://localhost:5000)")
        self.url = url.rstrip("/")
        self.source = source.lower()
        self.target = target.lower()
        self.timeout = timeout
        self.retries = retries
        self.__secret = api_key or None
        self._session = requests.Session()
        retry = Retry(
            total=retries,
            connect=retries,
            read=0,
            status=retries,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"POST"}),
            backoff_factor=backoff,
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers["User-Agent"] = "presse"

    @classmethod
    def from_config(
        cls,
        options: dict[str, Any],
        root: Path | None,
        source_language: str = "de",
        target_language: str = "fr",
    ) -> LibreTranslateEngine:
        retries, timeout = network_options(
            options, "libretranslate", DEFAULT_RETRIES, DEFAULT_TIMEOUT
        )
        return cls(
            str(options.get("url") or ""),
            api_key=os.environ.get(KEY_VARIABLE, "").strip() or None,
            source=source_language,
            target=target_language,
            timeout=float(timeout),
            retries=retries,
        )

    def __repr__(self) -> str:
        return f"LibreTranslateEngine(url={self.url!r})"

    def settings(self) -> dict[str, object]:
        return {"engine": self.name, "url": self.url, "source": self.source, "target": self.target}

    def _clean(self, message: str) -> str:
        line = message.strip().splitlines()[0] if message.strip() else "unknown error"
        if self.__secret:
            line = line.replace(self.__secret, "***")
        return line[:300]

    def _send(self, texts: list[str], *, context: str | None, tagged: bool) -> list[Answer]:
        body: dict[str, Any] = {
            "q": texts,
            "source": self.source,
            "target": self.target,
            "format": "html" if tagged else "text",
        }
        if self.__secret:
            body["api_key"] = self.__secret
        try:
            response = self._session.post(
                f"{self.url}/translate", json=body, timeout=(min(self.timeout, 10.0), self.timeout)
            )
        except requests.exceptions.RequestException as exc:
            # A read timeout comes wrapped in a ConnectionError once the retries are spent.
            if isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc):
                raise EngineUnavailable(
                    f"LibreTranslate at {self.url} gave no answer within {self.timeout:g} s"
                ) from None
            raise EngineUnavailable(
                f"LibreTranslate at {self.url} is unavailable: connection failed "
                f"(after {self.retries} retries)"
            ) from None
        status = response.status_code
        try:
            data = response.json()
        except ValueError:
            data = None
        message = data.get("error") if isinstance(data, dict) else None
        detail = f": {self._clean(str(message))}" if message else ""
        if status in (401, 403):
            raise KeyRejected(
                f"LibreTranslate at {self.url} refused the request (HTTP {status}); "
                f"check {KEY_VARIABLE}{detail}"
            )
        if status == 429 or status >= 500:
            raise EngineUnavailable(
                f"LibreTranslate at {self.url} answered HTTP {status} "
                f"(after {self.retries} retries){detail}"
            )
        if status != 200 or not isinstance(data, dict):
            raise EngineError(f"LibreTranslate at {self.url} answered HTTP {status}{detail}")
        translated = data.get("translatedText")
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise EngineError(f"LibreTranslate at {self.url} sent an answer without translations")
        # LibreTranslate bills nothing; the characters sent stand in for what DeepL bills
        sizes = [len(t) for t in texts]
        return [Answer(fr, sizes[i] if i < len(sizes) else 0) for i, fr in enumerate(translated)]


ENGINE = LibreTranslateEngine
