"""Deterministic fake translation shared by the fake DeepL and LibreTranslate servers.

"Translating" upper-cases every piece of text outside tags, except inside ignored tags,
and keeps the tags as they are: ``Der <b n="1">Landrat</b>`` -> ``DER <b n="1">LANDRAT</b>``.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)([^<>]*?)(/?)>")
SENTENCE = re.compile(r'<s n="(\d+)">(.*?)</s>', re.S)


def fake_translate(text: str, ignored: Callable[[str, str], bool], tagged: bool = True) -> str:
    if not tagged:
        return text.upper()
    out: list[str] = []
    depth_ignored = 0
    stack: list[bool] = []
    pos = 0
    for m in TAG.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk if depth_ignored else html.escape(html.unescape(chunk).upper(), False))
        closing, name, attributes, self_closing = m.groups()
        if closing:
            if stack and stack.pop():
                depth_ignored -= 1
        elif not self_closing:
            flag = ignored(name, attributes)
            stack.append(flag)
            depth_ignored += flag
        out.append(m.group(0))
        pos = m.end()
    chunk = text[pos:]
    out.append(chunk if depth_ignored else html.escape(html.unescape(chunk).upper(), False))
    return "".join(out)


def break_sentences(text: str, mode: str) -> str:
    """Spoil the sentence tags of a paragraph text as a careless engine might."""
    sentences = SENTENCE.findall(text)
    if mode == "drop":
        return SENTENCE.sub(lambda m: m.group(2), text, count=1)
    if mode == "reorder" and len(sentences) >= 2:
        return " ".join(f'<s n="{n}">{body}</s>' for n, body in reversed(sentences))
    if mode == "double":
        n, body = sentences[0]
        return f'<s n="{n}">{body}</s> ' + text
    raise ValueError(mode)


class FakeServer:
    """A threaded HTTP server on 127.0.0.1 whose handler calls ``self.handle``."""

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _dispatch(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, payload, headers = owner.handle(self.command, self.path, self.headers, body)
                data = b"" if payload is None else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    if payload is not None:
                        self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_DELETE = do_PATCH = do_PUT = _dispatch

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(
        self, method: str, path: str, headers: Any, body: bytes
    ) -> tuple[int, Any, dict[str, str] | None]:
        raise NotImplementedError
