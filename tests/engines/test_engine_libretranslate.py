from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import pytest
from conftest import LT_KEY
from contract import SENTENCES, EngineContract, expected_french, run, unit

from presse.documents.config import Config
from presse.engines import EngineError, EngineUnavailable, KeyRejected, Unit, get_engine
from presse.engines.libretranslate import LibreTranslateEngine
from presse.errors import PresseError

PARAGRAPH = ["Der Landrat kommt.", "Er spricht im **Landkreis Harz**.", "Alle sind da."]


def make(server, **options) -> LibreTranslateEngine:
    options.setdefault("url", server.url)
    engine = LibreTranslateEngine.from_config(options, None)
    return engine


class TestLibreTranslateEngine(EngineContract):
    @pytest.fixture(autouse=True)
    def _server(self, fake_lt):
        self.server = fake_lt

    def make_engine(self, units: Sequence[Unit]) -> LibreTranslateEngine:
        return make(self.server)

    def sent(self):
        return [(r.json["q"], r.size) for r in self.server.translate_requests()]

    def test_request_body(self, glossary) -> None:
        (result,) = run(
            make(self.server), [unit(1, SENTENCES[1]), unit(5, "Ohne Markup.")], glossary
        )
        (request,) = self.server.requests
        assert request.json["source"] == "de" and request.json["target"] == "fr"
        assert request.json["format"] == "html"
        assert '<k n="2" translate="no">Landkreis Harz</k>' in request.json["q"][0]
        assert result.billed_characters == sum(len(t) for t in request.json["q"])

    def test_plain_text_format_without_tags(self) -> None:
        (result,) = run(make(self.server), [unit(0, "A & B < C.")])
        assert self.server.requests[0].json == {
            "q": ["A & B < C."],
            "source": "de",
            "target": "fr",
            "format": "text",
        }
        assert result.translations == {"seg-0": "A & B < C."}

    def test_paragraphs_packed_without_context(self, glossary) -> None:
        complete = [
            Unit(f"a{i}", s, "pa", " ".join(PARAGRAPH), True) for i, s in enumerate(PARAGRAPH)
        ]
        partial = [Unit("b0", "Erster Satz.", "pb", "Erster Satz. Zweiter Satz.", False)]
        (result,) = run(make(self.server), complete + partial, glossary)
        (request,) = self.server.requests
        assert len(request.json["q"]) == 2 and request.json["q"][0].startswith('<s n="0">')
        assert result.translations == {u.key: expected_french(u.text) for u in complete + partial}

    def test_untrusted_sentence_tags_fall_back(self, glossary) -> None:
        self.server.faults.spoil = {"spricht": "reorder"}
        units = [Unit(f"a{i}", s, "pa", " ".join(PARAGRAPH), True) for i, s in enumerate(PARAGRAPH)]
        (result,) = run(make(self.server), units, glossary)
        assert len(self.server.requests) == 2
        assert self.server.requests[1].json["q"][0] == PARAGRAPH[0]
        assert result.translations == {u.key: expected_french(u.text) for u in units}
        assert "fell back to one text per sentence" in result.notes[0]
        assert result.billed_characters == sum(
            len(t) for r in self.server.requests for t in r.json["q"]
        )

    @pytest.mark.parametrize("status", [429, 500, 502])
    def test_transient_error_then_success(self, status) -> None:
        self.server.faults.statuses = [status]
        (result,) = run(make(self.server), [unit(0, "Hallo.")])
        assert result.translations == {"seg-0": "HALLO."}
        assert len(self.server.requests) == 2

    def test_still_failing(self) -> None:
        self.server.faults.statuses = [503] * 5
        with pytest.raises(EngineUnavailable, match="HTTP 503"):
            run(make(self.server, retries=1), [unit(0, "Hallo.")])

    def test_key_rejected(self, monkeypatch) -> None:
        monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "wrong")
        with pytest.raises(KeyRejected, match="LIBRETRANSLATE_API_KEY") as caught:
            run(make(self.server), [unit(0, "Hallo.")])
        assert "Invalid API key" in str(caught.value)

    def test_bad_request(self) -> None:
        self.server.faults.statuses = [400]
        with pytest.raises(EngineError, match="HTTP 400: scripted 400"):
            run(make(self.server), [unit(0, "Hallo.")])

    def test_timeout(self) -> None:
        self.server.faults.delay = 1.0
        started = time.monotonic()
        with pytest.raises(EngineUnavailable, match=r"no answer within 0\.2 s"):
            run(make(self.server, timeout=0.2), [unit(0, "Hallo.")])
        assert time.monotonic() - started < 1.0
        assert len(self.server.requests) == 1  # a POST that timed out is not sent twice

    def test_url_required(self) -> None:
        with pytest.raises(PresseError, match=r"engine\.libretranslate\.url"):
            LibreTranslateEngine.from_config({}, None)

    def test_get_engine(self, tmp_path) -> None:
        config = Config(
            office="Landkreis Harz",
            source_language="de",
            target_language="fr",
            timezone="Europe/Berlin",
            raw={"engine": {"libretranslate": {"url": self.server.url + "/"}}},
            path=tmp_path / "presse.yaml",
        )
        engine = get_engine("libretranslate", config)
        assert engine.settings() == {
            "engine": "libretranslate",
            "url": self.server.url,
            "source": "de",
            "target": "fr",
        }

    def test_key_never_leaks(self, caplog, capsys, tmp_path, glossary, monkeypatch) -> None:
        caplog.set_level(logging.DEBUG)
        engine = make(self.server)
        run(engine, [unit(i, s) for i, s in enumerate(SENTENCES)], glossary)
        messages = []
        for statuses in ([403], [500] * 5, [400]):
            self.server.faults.statuses = list(statuses)
            with pytest.raises(EngineError) as caught:
                run(make(self.server, retries=1), [unit(9, "Hallo.")])
            messages += [str(caught.value), repr(caught.value)]
        (tmp_path / "log.txt").write_text("\n".join([*messages, repr(engine.settings())]))
        out = capsys.readouterr()
        texts = [out.out, out.err, caplog.text, repr(engine), *messages]
        texts += [str(r.json) for r in self.server.requests]
        texts += [p.read_text() for p in tmp_path.rglob("*") if p.is_file()]
        for text in texts:
            assert LT_KEY not in text
