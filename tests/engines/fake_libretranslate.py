"""A LibreTranslate-compatible server for the tests: POST /translate.

Like LibreTranslate's HTML mode it leaves ``translate="no"`` elements alone and writes
empty elements out as ``<x ...></x>``. Faults: statuses for the next requests, 403 for a
wrong API key, a delay, spoiled sentence tags for texts containing a marker.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from fakes import FakeServer, break_sentences, fake_translate

SELF_CLOSING = re.compile(r"<([a-z]+)([^<>]*?)\s*/>")


@dataclass
class Recorded:
    json: Any
    size: int


@dataclass
class Faults:
    statuses: list[int] = field(default_factory=list)
    delay: float = 0.0
    spoil: dict[str, str] = field(default_factory=dict)


class FakeLibreTranslate(FakeServer):
    def __init__(self, api_key: str | None = None) -> None:
        super().__init__()
        self._api_key = api_key
        self.requests: list[Recorded] = []
        self.faults = Faults()

    def translate_requests(self) -> list[Recorded]:
        return self.requests

    def handle(self, method, path, headers, body):
        if path != "/translate" or method != "POST":
            return 404, {"error": "Not found"}, None
        data = json.loads(body or b"{}")
        with self.lock:
            self.requests.append(
                Recorded({k: v for k, v in data.items() if k != "api_key"}, len(body))
            )
        if self.faults.delay:
            time.sleep(self.faults.delay)
        with self.lock:
            if self.faults.statuses:
                status = self.faults.statuses.pop(0)
                return status, {"error": f"scripted {status}"}, None
        if self._api_key is not None and data.get("api_key") != self._api_key:
            return 403, {"error": "Invalid API key"}, None
        texts = data["q"] if isinstance(data["q"], list) else [data["q"]]
        tagged = data.get("format") == "html"
        out = []
        for text in texts:
            fr = fake_translate(text, lambda _n, attrs: 'translate="no"' in attrs, tagged)
            if tagged:
                fr = SELF_CLOSING.sub(lambda m: f"<{m.group(1)}{m.group(2)}></{m.group(1)}>", fr)
            for marker, mode in self.faults.spoil.items():
                if marker.upper() in fr and "<s " in fr:
                    fr = break_sentences(fr, mode)
            out.append(fr)
        return 200, {"translatedText": out if isinstance(data["q"], list) else out[0]}, None
