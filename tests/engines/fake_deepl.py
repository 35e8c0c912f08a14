"""A DeepL-compatible server for the tests, spoken to by the real ``deepl`` client.

Endpoints: /v2/translate (glossary, translation memory, style rule, model_type,
tag_handling_version checked and honoured), /v2/usage, /v2/languages, the v2 glossaries
(to show that old ones are cleaned up), the v3 multilingual glossaries (create, list,
get, PATCH, DELETE; a dictionary's entries, replaced by PUT, deleted), and one
translation memory and one style rule lookup each.

It checks the ``Authorization`` header against the expected key but never stores or
prints it. Every request is recorded (method, path, query, JSON body, body size). Faults
can be scripted: a status for the next N translate requests (429, 500), 456 after N
successful translate requests, a character limit (a request whose characters do not
fit is refused with 456 and billed nothing, as DeepL does), a usage report with
another limit than the real one, 403 always, a delay, and spoiled sentence tags for texts
containing a marker.

"Translating" upper-cases (see ``fakes.fake_translate``); with ``apply_glossary`` set it
then puts the glossary's French for each upper-cased German term, so a test sees which
terms the request's glossary held.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fakes import FakeServer, break_sentences, fake_translate

CREATED = "2024-05-01T10:00:00.000000Z"
MODELS = {
    "quality_optimized": "quality_optimized",
    "prefer_quality_optimized": "quality_optimized",
    "latency_optimized": "latency_optimized",
}


@dataclass
class Recorded:
    method: str
    path: str
    json: Any
    size: int
    query: dict[str, str] = field(default_factory=dict)
    answered: bool = False  # a translate request DeepL answered with its translations


@dataclass
class Faults:
    statuses: list[int] = field(default_factory=list)  # answered in turn, one per request
    quota_after: int | None = None
    reject_key: bool = False
    delay: float = 0.0
    spoil: dict[str, str] = field(default_factory=dict)  # marker -> drop|reorder|double
    usage_limit: int | None = None  # the limit /v2/usage reports, when not the real one


class FakeDeepL(FakeServer):
    def __init__(self, expected_key: str, character_limit: int = 500000) -> None:
        super().__init__()
        self._expected = f"DeepL-Auth-Key {expected_key}"
        self.requests: list[Recorded] = []
        self.faults = Faults()
        self.character_limit = character_limit
        self.glossaries: dict[str, dict[str, Any]] = {}  # v2
        self.multilingual: dict[str, dict[str, Any]] = {}  # v3: id -> {name, dicts}
        self.memories: dict[str, dict[str, Any]] = {}
        self.style_rules: dict[str, dict[str, Any]] = {}
        self.translated_ok = 0
        self.billed_total = 0
        self.apply_glossary = False

    # -- helpers for tests ------------------------------------------------------------
    def translate_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path == "/v2/translate"]

    def calls(self, method: str, prefix: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.startswith(prefix)]

    def add_glossary(self, name: str) -> str:
        gid = str(uuid.uuid4())
        self.glossaries[gid] = self._glossary(gid, name, "DE", "FR", {"a": "b"})
        return gid

    def add_multilingual(self, name: str, entries: dict[str, str]) -> str:
        gid = str(uuid.uuid4())
        self.multilingual[gid] = {"name": name, "dicts": {("de", "fr"): dict(entries)}}
        return gid

    def entries_of(self, gid: str, src: str = "de", tgt: str = "fr") -> dict[str, str]:
        return dict(self.multilingual[gid]["dicts"][(src, tgt)])

    def add_memory(self, name: str, source: str = "de", targets: tuple[str, ...] = ("fr",)) -> str:
        tid = str(uuid.uuid4())
        self.memories[tid] = {
            "translation_memory_id": tid,
            "name": name,
            "source_language": source,
            "target_languages": list(targets),
            "segment_count": 120,
        }
        return tid

    def add_style_rule(self, name: str, language: str = "fr") -> str:
        sid = str(uuid.uuid4())
        self.style_rules[sid] = {
            "style_id": sid,
            "name": name,
            "creation_time": CREATED,
            "updated_time": CREATED,
            "language": language,
            "version": 1,
        }
        return sid

    @staticmethod
    def _glossary(gid: str, name: str, src: str, tgt: str, entries: dict[str, str]) -> dict:
        return {
            "glossary_id": gid,
            "name": name,
            "ready": True,
            "source_lang": src.lower(),
            "target_lang": tgt.lower(),
            "creation_time": CREATED,
            "entry_count": len(entries),
            "_entries": entries,
        }

    @staticmethod
    def _public(glossary: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in glossary.items() if not k.startswith("_")}

    def _multilingual_info(self, gid: str) -> dict[str, Any]:
        glossary = self.multilingual[gid]
        return {
            "glossary_id": gid,
            "name": glossary["name"],
            "creation_time": CREATED,
            "dictionaries": [
                {"source_lang": s, "target_lang": t, "entry_count": len(e)}
                for (s, t), e in glossary["dicts"].items()
            ],
        }

    @staticmethod
    def _tsv(text: str) -> dict[str, str]:
        return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)

    # -- the server -------------------------------------------------------------------
    def handle(self, method, path, headers, body):
        parts = urlsplit(path)
        path = parts.path
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        content_type = headers.get("Content-Type", "")
        if "json" in content_type:
            data = json.loads(body or b"{}")
        elif body:
            data = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(body.decode()).items()}
        else:
            data = None
        recorded = Recorded(method, path, data, len(body), query)
        with self.lock:
            self.requests.append(recorded)
        if headers.get("Authorization") != self._expected or self.faults.reject_key:
            return 403, {"message": "Forbidden"}, None
        if path == "/v2/translate" and method == "POST":
            answer = self._translate(data or {})
            recorded.answered = answer[0] == 200
            return answer
        if path == "/v2/usage":
            limit = self.faults.usage_limit or self.character_limit
            return 200, {"character_count": self.billed_total, "character_limit": limit}, None
        if path == "/v2/languages":
            return self._languages((data or {}).get("type", "source"))
        if path.startswith("/v3/glossaries"):
            return self._v3(method, path, query, data or {})
        if path.startswith("/v3/translation_memories/"):
            found = self.memories.get(path.split("/")[3])
            return (200, found, None) if found else (404, {"message": "Not found"}, None)
        if path.startswith("/v3/style_rules/"):
            found = self.style_rules.get(path.split("/")[3])
            return (200, found, None) if found else (404, {"message": "Not found"}, None)
        return self._v2_glossaries(method, path, data)

    @staticmethod
    def _languages(kind: str):
        if kind == "target":
            codes = [("DE", "German"), ("EN-GB", "English (British)"), ("FR", "French")]
            return (
                200,
                [{"language": c, "name": n, "supports_formality": True} for c, n in codes],
                None,
            )
        return (
            200,
            [
                {"language": c, "name": n}
                for c, n in (("DE", "German"), ("EN", "English"), ("FR", "French"))
            ],
            None,
        )

    def _v2_glossaries(self, method, path, data):
        if path == "/v2/glossaries" and method == "GET":
            items = [self._public(g) for g in self.glossaries.values()]
            return 200, {"glossaries": items}, None
        if path == "/v2/glossaries" and method == "POST":
            gid = str(uuid.uuid4())
            glossary = self._glossary(
                gid,
                data["name"],
                data["source_lang"],
                data["target_lang"],
                self._tsv(data["entries"]),
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

    def _v3(self, method, path, query, data):
        pieces = path.split("/")[3:]  # after /v3/glossaries
        if not pieces:
            if method == "GET":
                return (
                    200,
                    {"glossaries": [self._multilingual_info(g) for g in self.multilingual]},
                    None,
                )
            gid = str(uuid.uuid4())
            dicts = {
                (d["source_lang"].lower(), d["target_lang"].lower()): self._tsv(d["entries"])
                for d in data["dictionaries"]
            }
            self.multilingual[gid] = {"name": data["name"], "dicts": dicts}
            return 201, self._multilingual_info(gid), None
        gid = pieces[0]
        if gid not in self.multilingual:
            return 404, {"message": "Glossary not found"}, None
        glossary = self.multilingual[gid]
        rest = pieces[1:]
        if not rest:
            if method == "DELETE":
                del self.multilingual[gid]
                return 204, None, None
            if method == "PATCH":  # merges: entries of the same pair are added or updated
                if "name" in data:
                    glossary["name"] = data["name"]
                for d in data.get("dictionaries", []):
                    pair = (d["source_lang"].lower(), d["target_lang"].lower())
                    glossary["dicts"].setdefault(pair, {}).update(self._tsv(d["entries"]))
            return 200, self._multilingual_info(gid), None
        pair = (
            query.get("source_lang", data.get("source_lang", "")).lower(),
            query.get("target_lang", data.get("target_lang", "")).lower(),
        )
        if rest == ["dictionaries"] and method == "PUT":  # replaces the pair's entries
            glossary["dicts"][pair] = self._tsv(data["entries"])
            info = {
                "source_lang": pair[0],
                "target_lang": pair[1],
                "entry_count": len(glossary["dicts"][pair]),
            }
            return 200, info, None
        if rest == ["dictionaries"] and method == "DELETE":
            glossary["dicts"].pop(pair, None)
            return 204, None, None
        if rest == ["entries"] and method == "GET":
            if pair not in glossary["dicts"]:
                return 404, {"message": "Dictionary not found"}, None
            tsv = "\n".join(f"{k}\t{v}" for k, v in glossary["dicts"][pair].items())
            entry = {
                "source_lang": pair[0],
                "target_lang": pair[1],
                "entries": tsv,
                "entries_format": "tsv",
            }
            return 200, {"dictionaries": [entry]}, None
        return 404, {"message": "Not found"}, None

    def _glossary_terms(self, data: dict[str, Any]) -> dict[str, str] | None:
        gid = data.get("glossary_id")
        if gid is None:
            return {}
        pair = (str(data.get("source_lang", "")).lower(), str(data.get("target_lang", "")).lower())
        if gid in self.multilingual:
            return self.multilingual[gid]["dicts"].get(pair)
        if gid in self.glossaries:
            return self.glossaries[gid]["_entries"]
        return None

    def _translate(self, data: dict[str, Any]):
        faults = self.faults
        if faults.delay:
            time.sleep(faults.delay)
        terms = self._glossary_terms(data)
        if terms is None:
            return 400, {"message": "Invalid glossary"}, None
        if data.get("tag_handling_version") not in (None, "v1", "v2"):
            return 400, {"message": "Invalid tag_handling_version"}, None
        if data.get("model_type") not in (None, *MODELS):
            return 400, {"message": "Invalid model_type"}, None
        if data.get("translation_memory_id") not in (None, *self.memories):
            return 400, {"message": "Invalid translation_memory_id"}, None
        if data.get("style_id") not in (None, *self.style_rules):
            return 400, {"message": "Invalid style_id"}, None
        texts = data["text"] if isinstance(data["text"], list) else [data["text"]]
        with self.lock:
            if faults.statuses:
                status = faults.statuses.pop(0)
                return status, {"message": f"scripted {status}"}, None
            if faults.quota_after is not None and self.translated_ok >= faults.quota_after:
                return 456, {"message": "Quota Exceeded"}, None
            if self.billed_total + sum(len(t) for t in texts) > self.character_limit:
                return 456, {"message": "Quota Exceeded"}, None
            self.translated_ok += 1
        tagged = data.get("tag_handling") in ("xml", "html")
        ignore = set(data.get("ignore_tags") or [])
        model = MODELS.get(data.get("model_type") or "latency_optimized")
        translations = []
        for text in texts:
            fr = fake_translate(text, lambda name, _attrs: name in ignore, tagged)
            for de, target in terms.items() if self.apply_glossary else ():
                fr = fr.replace(de.upper(), target)
            for marker, mode in faults.spoil.items():
                if marker.upper() in fr and "<s " in fr:
                    fr = break_sentences(fr, mode)
            billed = len(text)
            self.billed_total += billed
            translations.append(
                {
                    "detected_source_language": "DE",
                    "text": fr,
                    "billed_characters": billed,
                    "model_type_used": model,
                }
            )
        return 200, {"translations": translations}, None
