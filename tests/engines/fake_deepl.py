"""A DeepL-compatible server for the tests: /v2/translate, /v2/glossaries, /v2/usage.

It checks the ``Authorization`` header against the expected key but never stores or
prints it. Every request is recorded (method, path, JSON body, body size). Faults can be
scripted: a status for the next N translate requests (429, 500), 456 after N successful
translate requests, 403 always, a delay, and spoiled sentence tags for texts containing
a marker.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fakes import FakeServer, break_sentences, fake_translate


@dataclass
class Recorded:
    method: str
    path: str
    json: Any
    size: int


@dataclass
class Faults:
    statuses: list[int] = field(default_factory=list)  # answered in turn, one per request
    quota_after: int | None = None
    reject_key: bool = False
    delay: float = 0.0
    spoil: dict[str, str] = field(default_factory=dict)  # marker -> drop|reorder|double


class FakeDeepL(FakeServer):
    def __init__(self, expected_key: str) -> None:
        super().__init__()
        self._expected = f"DeepL-Auth-Key {expected_key}"
        self.requests: list[Recorded] = []
        self.faults = Faults()
        self.glossaries: dict[str, dict[str, Any]] = {}
        self.translated_ok = 0
        self.billed_total = 0

    # -- helpers for tests ------------------------------------------------------------
    def translate_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path == "/v2/translate"]

    def calls(self, method: str, prefix: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.startswith(prefix)]

    def add_glossary(self, name: str) -> str:
        gid = str(uuid.uuid4())
        self.glossaries[gid] = self._glossary(gid, name, "DE", "FR", {"a": "b"})
        return gid

    @staticmethod
    def _glossary(gid: str, name: str, src: str, tgt: str, entries: dict[str, str]) -> dict:
        return {
            "glossary_id": gid,
            "name": name,
            "ready": True,
            "source_lang": src.lower(),
            "target_lang": tgt.lower(),
            "creation_time": "2024-05-01T10:00:00.000000Z",
            "entry_count": len(entries),
            "_entries": entries,
        }

    @staticmethod
    def _public(glossary: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in glossary.items() if not k.startswith("_")}

    # -- the server -------------------------------------------------------------------
    def handle(self, method, path, headers, body):
        path = urlsplit(path).path
        content_type = headers.get("Content-Type", "")
        if "json" in content_type:
            data = json.loads(body or b"{}")
        elif body:
            data = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(body.decode()).items()}
        else:
            data = None
        with self.lock:
            self.requests.append(Recorded(method, path, data, len(body)))
        if headers.get("Authorization") != self._expected or self.faults.reject_key:
            return 403, {"message": "Forbidden"}, None
        if path == "/v2/translate" and method == "POST":
            return self._translate(data or {})
        if path == "/v2/usage":
            return 200, {"character_count": self.billed_total, "character_limit": 500000}, None
        if path == "/v2/glossaries" and method == "GET":
            items = [self._public(g) for g in self.glossaries.values()]
            return 200, {"glossaries": items}, None
        if path == "/v2/glossaries" and method == "POST":
            gid = str(uuid.uuid4())
            entries = dict(
                line.split("\t", 1) for line in data["entries"].splitlines() if "\t" in line
            )
            glossary = self._glossary(
                gid, data["name"], data["source_lang"], data["target_lang"], entries
            )
            self.glossaries[gid] = glossary
            return 201, self._public(glossary), None
        if path.startswith("/v2/glossaries/"):
            gid = path.split("/")[3]
            if gid not in self.glossaries:
                return 404, {"message": "Glossary not found"}, None
            if method == "DELETE":
                del self.glossaries[gid]
                return 204, None, None
            return 200, self._public(self.glossaries[gid]), None
        return 404, {"message": "Not found"}, None

    def _translate(self, data: dict[str, Any]):
        faults = self.faults
        if faults.delay:
            time.sleep(faults.delay)
        with self.lock:
            if faults.statuses:
                status = faults.statuses.pop(0)
                return status, {"message": f"scripted {status}"}, None
            if faults.quota_after is not None and self.translated_ok >= faults.quota_after:
                return 456, {"message": "Quota Exceeded"}, None
            self.translated_ok += 1
        texts = data["text"] if isinstance(data["text"], list) else [data["text"]]
        tagged = data.get("tag_handling") in ("xml", "html")
        ignore = set(data.get("ignore_tags") or [])
        translations = []
        for text in texts:
            fr = fake_translate(text, lambda name, _attrs: name in ignore, tagged)
            for marker, mode in faults.spoil.items():
                if marker.upper() in fr and "<s " in fr:
                    fr = break_sentences(fr, mode)
            billed = len(text)
            self.billed_total += billed
            translations.append(
                {"detected_source_language": "DE", "text": fr, "billed_characters": billed}
            )
        return 200, {"translations": translations}, None
