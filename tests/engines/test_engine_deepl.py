from __future__ import annotations

import logging
import socket
import time
from collections.abc import Sequence

import deepl
import pytest
from conftest import KEY, FakeGlossary
from contract import SENTENCES, EngineContract, expected_french, merged, run, unit

from presse.documents.config import Config
from presse.engines import (
    EngineUnavailable,
    KeyRejected,
    QuotaExceeded,
    Unit,
    get_engine,
)
from presse.engines.deepl import DeepLEngine
from presse.errors import PresseError

PARAGRAPH = [
    "Der Landrat eröffnet am Montag die Ausstellung.",
    "Sie zeigt Bilder aus dem **Landkreis Harz**.",
    "Der Eintritt ist frei.",
]


def paragraph_units(pk: str, sentences: list[str], complete: bool, start: int = 0) -> list[Unit]:
    text = " ".join(sentences)
    return [Unit(f"{pk}-{start + i}", s, pk, text, complete) for i, s in enumerate(sentences)]


def make(server, **options) -> DeepLEngine:
    options.setdefault("server_url", server.url)
    return DeepLEngine.from_config(options, None)


class TestDeepLEngine(EngineContract):
    @pytest.fixture(autouse=True)
    def _server(self, fake_deepl):
        self.server = fake_deepl

    def make_engine(self, units: Sequence[Unit]) -> DeepLEngine:
        return make(self.server)

    def sent(self):
        return [(r.json["text"], r.size) for r in self.server.translate_requests()]

    # -- parameters ---------------------------------------------------------------------

    def test_request_parameters(self, glossary) -> None:
        units = paragraph_units("p1", PARAGRAPH, complete=False)[:2]
        engine = make(self.server, formality="prefer_less")
        (result,) = run(engine, units, glossary)
        (request,) = self.server.translate_requests()
        body = request.json
        assert body["source_lang"] == "DE" and body["target_lang"] == "FR"
        assert body["formality"] == "prefer_less"
        assert body["context"] == " ".join(PARAGRAPH)
        assert body["tag_handling"] == "xml"
        assert body["ignore_tags"] == ["k"]
        assert body["text"] == [
            "Der Landrat eröffnet am Montag die Ausstellung.",
            'Sie zeigt Bilder aus dem <b n="1"><k n="2">Landkreis Harz</k></b>.',
        ]
        assert body["model_type"] == "prefer_quality_optimized"
        assert body["tag_handling_version"] == "v2"
        (gid,) = self.server.multilingual
        assert body["glossary_id"] == gid
        assert self.server.entries_of(gid) == glossary.entries
        assert result.translations["p1-1"] == "SIE ZEIGT BILDER AUS DEM **Landkreis Harz**."
        assert result.billed_characters == sum(len(t) for t in body["text"])
        # each draft: its text's billed characters and the model DeepL says it used
        assert result.details["p1-1"] == {
            "billed_characters": len(body["text"][1]),
            "model_type_used": "quality_optimized",
        }
        settings = engine.settings()
        assert settings["glossary"] == "presse-repository" and settings["glossary_id"] == gid
        assert settings["formality"] == "prefer_less"
        assert settings["model_type"] == "prefer_quality_optimized"
        assert settings["tag_handling_version"] == "v2"

    def test_pinned_model_and_tag_handling_from_the_options(self) -> None:
        engine = make(self.server, model_type="latency_optimized", tag_handling_version="v1")
        (result,) = run(engine, [unit(0, "Der **Landrat** kommt.")])
        body = self.server.translate_requests()[0].json
        assert body["model_type"] == "latency_optimized"
        assert body["tag_handling_version"] == "v1"
        assert result.details["seg-0"]["model_type_used"] == "latency_optimized"

    def test_translation_memory_and_style_rule_are_sent(self) -> None:
        memory = self.server.add_memory("Harz Pressestelle")
        rule = self.server.add_style_rule("Communiqués")
        engine = make(
            self.server,
            translation_memory=memory,
            translation_memory_threshold=80,
            style_rule=rule,
        )
        run(engine, [unit(0, "Guten Tag.")])
        body = self.server.translate_requests()[0].json
        assert body["translation_memory_id"] == memory
        assert body["translation_memory_threshold"] == 80
        assert body["style_id"] == rule
        assert engine.settings()["translation_memory"] == memory

    @pytest.mark.parametrize(
        ("option", "wrong"),
        [("translation_memory", "memory"), ("style_rule", "rule")],
    )
    def test_an_unknown_memory_or_style_rule_names_its_key(self, tmp_path, option, wrong) -> None:
        root = tmp_path / "office"
        root.mkdir()
        (root / "presse.yaml").write_text(
            f"office: X\nengine:\n  deepl:\n    {option}: nope-{wrong}\n", encoding="utf-8"
        )
        options = {"server_url": self.server.url, option: f"nope-{wrong}"}
        engine = DeepLEngine.from_config(options, root)
        with pytest.raises(PresseError) as caught:
            run(engine, [unit(0, "Guten Tag.")])
        assert str(caught.value).startswith(f"{root / 'presse.yaml'}:4: 'engine.deepl.{option}'")
        assert "HTTP 404" in str(caught.value)
        assert self.server.translate_requests() == []

    def test_a_memory_for_other_languages_is_refused(self) -> None:
        memory = self.server.add_memory("Englisch", source="de", targets=("en",))
        engine = make(self.server, translation_memory=memory)
        with pytest.raises(PresseError, match=r"'engine.deepl.translation_memory'.*not DE->FR"):
            run(engine, [unit(0, "Guten Tag.")])
        assert self.server.translate_requests() == []

    def test_a_target_language_deepl_lacks_is_refused(self) -> None:
        engine = DeepLEngine.from_config(
            {"server_url": self.server.url}, None, target_language="br"
        )
        with pytest.raises(
            PresseError, match=r"'target_language': DeepL does not translate into 'br'"
        ):
            run(engine, [unit(0, "Guten Tag.")])

    def test_default_formality_and_no_tags_without_markup(self) -> None:
        run(make(self.server), [unit(0, "Guten Tag.")])
        body = self.server.translate_requests()[0].json
        assert body["formality"] == "prefer_more"
        assert "tag_handling" not in body and "glossary_id" not in body

    def test_partial_paragraphs_one_request_each_with_context(self) -> None:
        units = (
            paragraph_units("p1", PARAGRAPH, False)[:2]
            + paragraph_units("p2", ["Erster Satz.", "Zweiter Satz."], False)[1:]
        )
        results = run(make(self.server), units)
        contexts = [r.json["context"] for r in self.server.translate_requests()]
        assert contexts == [" ".join(PARAGRAPH), "Erster Satz. Zweiter Satz."]
        assert len(results) == 2
        assert merged(results)["p2-1"] == "ZWEITER SATZ."

    # -- whole paragraphs ---------------------------------------------------------------

    def test_complete_paragraphs_sent_as_one_tagged_text(self, glossary) -> None:
        units = paragraph_units("p1", PARAGRAPH, True) + paragraph_units(
            "p2", ["Erster Satz.", "Zweiter Satz."], True
        )
        (result,) = run(make(self.server), list(reversed(units)), glossary)
        (request,) = self.server.translate_requests()
        assert "context" not in request.json
        assert len(request.json["text"]) == 2
        first = request.json["text"][1]
        assert first.startswith('<s n="0">Der Landrat eröffnet')
        assert first.count("<s n=") == 3
        assert result.translations == {u.key: expected_french(u.text) for u in units}
        assert result.notes == []

    @pytest.mark.parametrize("mode", ["drop", "reorder", "double"])
    def test_untrusted_sentence_tags_fall_back(self, mode, glossary) -> None:
        self.server.faults.spoil = {"Ausstellung": mode}
        units = paragraph_units("p1", PARAGRAPH, True) + paragraph_units(
            "p2", ["Erster Satz.", "Zweiter Satz."], True
        )
        (result,) = run(make(self.server), units, glossary)
        first, fallback = self.server.translate_requests()
        assert fallback.json["context"] == " ".join(PARAGRAPH)
        assert fallback.json["text"][0] == PARAGRAPH[0]
        assert result.translations == {u.key: expected_french(u.text) for u in units}
        assert result.requests == 2
        billed_first = sum(len(t) for t in first.json["text"])
        billed_fallback = sum(len(t) for t in fallback.json["text"])
        assert result.billed_characters == billed_first + billed_fallback
        (note,) = result.notes
        assert note.startswith("paragraph p1:") and "fell back to one text per sentence" in note
        assert f"{billed_fallback} more billed characters" in note

    # -- glossary -----------------------------------------------------------------------

    def test_one_v3_glossary_reused_and_replaced_not_patched(self, glossary) -> None:
        foreign = self.server.add_glossary("customer terms")
        old_v2 = self.server.add_glossary("presse-repository-0123456789ab")
        other_repo = self.server.add_glossary("presse-otherrepo-0123456789ab")
        run(make(self.server), [unit(0, "Hallo.")], glossary)
        run(make(self.server), [unit(1, "Welt.")], glossary)
        assert len(self.server.calls("POST", "/v3/glossaries")) == 1
        (gid,) = self.server.multilingual
        ids = [r.json["glossary_id"] for r in self.server.translate_requests()]
        assert ids == [gid, gid]
        # the v2 glossary of an earlier presse is gone; nobody else's is touched
        assert old_v2 not in self.server.glossaries
        assert {foreign, other_repo} <= set(self.server.glossaries)

        # A term removed and one added: the dictionary is replaced as a whole (PUT)
        changed = FakeGlossary(["Landkreis Harz"], {"Landkreis Harz": "Landkreis Harz"})
        changed.entries["Kreistag"] = "conseil de district"
        run(make(self.server), [unit(2, "Neu.")], changed)
        assert len(self.server.calls("POST", "/v3/glossaries")) == 1
        assert len(self.server.calls("PUT", f"/v3/glossaries/{gid}/dictionaries")) == 1
        assert self.server.calls("PATCH", "/v3/glossaries") == []
        assert list(self.server.multilingual) == [gid]
        assert self.server.entries_of(gid) == {
            "Landkreis Harz": "Landkreis Harz",
            "Kreistag": "conseil de district",
        }

    def test_a_removed_term_is_no_longer_applied(self, glossary) -> None:
        self.server.apply_glossary = True
        (first,) = run(make(self.server), [unit(0, "Der Landrat kommt.")], glossary)
        assert first.translations["seg-0"] == "DER préfet KOMMT."
        without = FakeGlossary(["Landkreis Harz"], {"Landkreis Harz": "Landkreis Harz"})
        (second,) = run(make(self.server), [unit(1, "Der Landrat kommt.")], without)
        assert second.translations["seg-1"] == "DER LANDRAT KOMMT."

    def test_why_not_patch_a_patch_keeps_a_removed_term(self) -> None:
        """The server's PATCH merges, as DeepL's does: what the engine must not use."""
        gid = self.server.add_multilingual("x", {"Landrat": "préfet", "Kreistag": "conseil"})
        client = deepl.DeepLClient(KEY, server_url=self.server.url)
        entries = deepl.api_data.MultilingualGlossaryDictionaryEntries
        client.update_multilingual_glossary_dictionary(gid, entries("DE", "FR", {"Kreistag": "c"}))
        assert self.server.entries_of(gid) == {"Landrat": "préfet", "Kreistag": "c"}
        client.replace_multilingual_glossary_dictionary(gid, entries("DE", "FR", {"Kreistag": "c"}))
        assert self.server.entries_of(gid) == {"Kreistag": "c"}

    def test_an_unchanged_glossary_is_not_sent_again(self, glossary) -> None:
        run(make(self.server), [unit(0, "Hallo.")], glossary)
        run(make(self.server), [unit(1, "Welt.")], glossary)
        assert self.server.calls("PUT", "/v3/glossaries") == []
        assert len(self.server.calls("POST", "/v3/glossaries")) == 1

    def test_repository_name_from_config(self, tmp_path, glossary) -> None:
        root = tmp_path / "harz-presse"
        config = Config(
            office="Landkreis Harz",
            source_language="de",
            target_language="fr",
            timezone="Europe/Berlin",
            raw={"engine": {"name": "deepl", "deepl": {"server_url": self.server.url}}},
            path=root / "presse.yaml",
        )
        engine = get_engine("deepl", config)
        run(engine, [unit(0, "Hallo.")], glossary)
        (info,) = self.server.multilingual.values()
        assert info["name"] == "presse-harz-presse"

    # -- failures -----------------------------------------------------------------------

    @pytest.mark.parametrize("status", [429, 500, 503])
    def test_transient_error_then_success(self, status) -> None:
        self.server.faults.statuses = [status]
        (result,) = run(make(self.server), [unit(0, "Hallo.")])
        assert result.translations == {"seg-0": "HALLO."}
        assert len(self.server.translate_requests()) == 2

    def test_still_failing_after_retries(self) -> None:
        self.server.faults.statuses = [500] * 3
        with pytest.raises(EngineUnavailable) as caught:
            run(make(self.server, retries=2), [unit(0, "Hallo.")])
        assert "HTTP 500" in str(caught.value) and "\n" not in str(caught.value)
        assert len(self.server.translate_requests()) == 3

    def test_quota_exceeded_halfway_keeps_finished_batches(self) -> None:
        self.server.faults.quota_after = 2
        units = []
        for n in range(4):
            units += paragraph_units(f"p{n}", ["Eins.", "Zwei.", "Drei."], False)[:2]
        done = []
        with pytest.raises(QuotaExceeded) as caught:
            for result in make(self.server).translate(units):
                done.append(result)
        assert len(done) == 2
        assert set(merged(done)) == {"p0-0", "p0-1", "p1-0", "p1-1"}
        message = str(caught.value)
        assert "456" in message and "\n" not in message and KEY not in message

    def test_key_rejected(self) -> None:
        self.server.faults.reject_key = True
        with pytest.raises(KeyRejected) as caught:
            run(make(self.server), [unit(0, "Hallo.")])
        assert "403" in str(caught.value) and "DEEPL_AUTH_KEY" in str(caught.value)
        assert KEY not in str(caught.value)

    def test_wrong_key(self, monkeypatch) -> None:
        monkeypatch.setenv("DEEPL_AUTH_KEY", "another-key:fx")
        with pytest.raises(KeyRejected):
            run(make(self.server), [unit(0, "Hallo.")])

    def test_missing_key(self, monkeypatch) -> None:
        monkeypatch.delenv("DEEPL_AUTH_KEY")
        with pytest.raises(KeyRejected, match="DEEPL_AUTH_KEY"):
            make(self.server)

    def test_timeout(self) -> None:
        self.server.faults.delay = 1.0
        started = time.monotonic()
        with pytest.raises(EngineUnavailable) as caught:
            run(make(self.server, timeout=0.2, retries=1), [unit(0, "Hallo.")])
        assert time.monotonic() - started < 1.5
        assert "no answer within 0.2 s" in str(caught.value)

    def test_connection_refused(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        engine = make(self.server, server_url=f"http://127.0.0.1:{port}", retries=1)
        with pytest.raises(EngineUnavailable, match="connection failed"):
            run(engine, [unit(0, "Hallo.")])

    def test_server_url_from_environment(self, monkeypatch) -> None:
        monkeypatch.setenv("DEEPL_SERVER_URL", self.server.url)
        engine = DeepLEngine.from_config({}, None)
        run(engine, [unit(0, "Hallo.")])
        assert len(self.server.translate_requests()) == 1

    def test_usage(self) -> None:
        engine = make(self.server)
        run(engine, [unit(0, "Hallo.")])
        assert engine.usage() == (len("Hallo."), 500000)

    def test_key_never_leaks(self, caplog, capsys, tmp_path, glossary) -> None:
        caplog.set_level(logging.DEBUG)
        messages = []
        engine = make(self.server)
        run(engine, [unit(i, s) for i, s in enumerate(SENTENCES)], glossary)
        for fault in ("reject", "quota", "timeout", "status"):
            self.server.faults.reject_key = fault == "reject"
            self.server.faults.quota_after = 0 if fault == "quota" else None
            self.server.faults.delay = 0.5 if fault == "timeout" else 0.0
            self.server.faults.statuses = [500] * 3 if fault == "status" else []
            with pytest.raises(Exception) as caught:
                run(make(self.server, timeout=0.1, retries=1), [unit(9, "Hallo.")], glossary)
            messages += [str(caught.value), repr(caught.value)]
            if fault == "timeout":
                # The server is still answering the requests that timed out; let it finish,
                # or they take the statuses the next fault sets up.
                time.sleep(1.0)
        self.server.faults.delay = 0.0
        (tmp_path / "report.txt").write_text(
            "\n".join([*messages, repr(engine.settings()), repr(engine)]), encoding="utf-8"
        )
        out = capsys.readouterr()
        texts = [out.out, out.err, caplog.text, *messages]
        texts += [str(r.json) for r in self.server.requests]
        texts += [p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file()]
        assert caplog.records  # the deepl client did log
        for text in texts:
            assert KEY not in text
            assert "presse-test-key" not in text
