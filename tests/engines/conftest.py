from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import deepl
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_deepl import FakeDeepL
from fake_libretranslate import FakeLibreTranslate

KEY = "presse-test-key-1234:fx"
LT_KEY = "presse-lt-key-5678"


@dataclass(frozen=True)
class TermMatch:
    term: str
    start: int
    end: int
    text: str


class FakeGlossary:
    """What the engines need from presse.glossary.matching.Glossary: keep spans, checksum, entries."""

    def __init__(self, keep: list[str], entries: dict[str, str] | None = None) -> None:
        self.keep = keep
        self.entries = entries if entries is not None else {t: t for t in keep}
        material = "|".join(keep) + "#" + repr(sorted(self.entries.items()))
        self.checksum = hashlib.sha256(material.encode()).hexdigest()

    def keep_spans(self, text: str) -> list[TermMatch]:
        spans = []
        for term in self.keep:
            start = text.find(term)
            while start >= 0:
                spans.append(TermMatch(term, start, start + len(term), term))
                start = text.find(term, start + len(term))
        return sorted(spans, key=lambda s: s.start)

    def deepl_entries(self) -> dict[str, str]:
        return dict(self.entries)


@pytest.fixture
def glossary() -> FakeGlossary:
    return FakeGlossary(
        ["Landkreis Harz"], {"Landkreis Harz": "Landkreis Harz", "Landrat": "préfet"}
    )


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The deepl client waits 1 s before its first retry; the tests wait 10 ms."""
    monkeypatch.setattr(deepl.http_client._BackoffTimer, "BACKOFF_INITIAL", 0.01)


@pytest.fixture
def fake_deepl(monkeypatch: pytest.MonkeyPatch, fast_backoff: None) -> Iterator[FakeDeepL]:
    server = FakeDeepL(KEY).start()
    monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
    monkeypatch.delenv("DEEPL_SERVER_URL", raising=False)
    yield server
    server.stop()


@pytest.fixture
def fake_lt(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLibreTranslate]:
    server = FakeLibreTranslate(api_key=LT_KEY).start()
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", LT_KEY)
    yield server
    server.stop()
