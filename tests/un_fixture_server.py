"""A local stand-in for the UN Official Document System symbol API, for tests.

``UNFixtureServer`` serves ``/api/symbol/access?s=SYMBOL&l=LANG&t=doc|pdf`` on 127.0.0.1
(port 0) from a routing table of scripted replies: each (symbol, t) has a list of ``Reply``s
served in turn (the last one repeats). Unrouted look-ups get what the real service gives: HTTP
200 with a small HTML "not found" page. Every request is recorded. The fixture files (a DOCX
and a PDF in UN layout, invented text) are generated here, not shipped.
"""

from __future__ import annotations

import io
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOT_FOUND_HTML = (b"<!DOCTYPE html>\n<html><head><title>Official Document System</title></head>"
                  b"<body><p>The document you requested could not be found.</p></body></html>\n")
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"invented legacy word file"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PARAGRAPHS = [
    "Recalling its commitment to the invented principles of orderly cooperation on fixture "
    "matters,",
    "1. Decides that the fixture forum shall meet every four years, beginning in 2099;",
    "2. Requests the Secretary-General to report on the invented commitments at its next session;",
    "3. Decides to remain seized of the matter.",
]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/octet-stream"
    delay: float = 0.0            # seconds to stall before answering (time-out tests)
    location: str = ""            # redirect target: a path on this server, or a whole URL
    drip: float = 0.0             # seconds between bytes of the body (a slow drip)
    drip_headers: bool = False    # ... and of the status line and headers too


def make_docx(symbol: str = "A/RES/99/1", paragraphs: list[str] | None = None) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("United Nations")
    d.add_paragraph(symbol)
    d.add_paragraph("General Assembly")
    d.add_paragraph("Resolution adopted by the General Assembly on 1 January 2099")
    d.add_paragraph("99/1. Invented fixture resolution on orderly cooperation")
    for text in paragraphs or PARAGRAPHS:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_pdf(symbol: str = "A/RES/99/1", paragraphs: list[str] | None = None) -> bytes:
    """A one-page PDF laid out like a UN resolution (masthead, symbol top right), invented text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, height - 60, "United Nations")
    c.setFont("Helvetica", 12)
    c.drawRightString(width - 72, height - 60, symbol)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, height - 90, "General Assembly")
    c.setFont("Helvetica", 9)
    c.drawRightString(width - 72, height - 90, "Distr.: General")
    c.drawRightString(width - 72, height - 102, "1 January 2099")
    c.setFont("Helvetica", 10)
    c.drawString(72, height - 130, "Hundred and fifty-fourth session")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, height - 160, "Resolution adopted by the General Assembly on 1 January 2099")
    c.drawString(72, height - 185, "99/1. Invented fixture resolution on orderly cooperation")
    c.setFont("Helvetica", 10)
    y = height - 215
    for text in paragraphs or PARAGRAPHS:
        c.drawString(90, y, text[:95])
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


class UNFixtureServer:
    """Use as a context manager; ``base_url`` is what ``PRECEDENT_ODS_URL`` should be."""

    def __init__(self):
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.files: dict[str, Reply] = {}
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None

    def route(self, symbol: str, t: str, *replies: Reply) -> None:
        self.routes[(symbol, t)] = list(replies)

    def requests_for(self, symbol: str | None = None) -> list[dict]:
        return [r for r in self.requests if symbol is None or r.get("s") == symbol]

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/api/symbol/access"

    def url(self, path: str) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def _next_reply(self, key: tuple[str, str]) -> Reply:
        with self._lock:
            replies = self.routes.get(key)
            if not replies:
                return Reply(body=NOT_FOUND_HTML, content_type="text/html; charset=utf-8")
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def __enter__(self) -> UNFixtureServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                parts = urllib.parse.urlsplit(self.path)
                qs = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query).items()}
                with server._lock:
                    server.requests.append(dict(qs, path=parts.path, time=time.monotonic(),
                                                user_agent=self.headers.get("User-Agent", "")))
                if parts.path in server.files:
                    reply = server.files[parts.path]
                elif parts.path == "/api/symbol/access":
                    reply = server._next_reply((qs.get("s", ""), qs.get("t", "")))
                else:
                    reply = Reply(status=404, body=b"no such path", content_type="text/plain")
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                try:
                    if reply.drip_headers:
                        self.wfile.flush()
                        self._drip(f"HTTP/1.1 {reply.status} OK\r\n".encode(), reply.drip)
                        self._drip(b"Content-Type: text/plain\r\n" * 1000, reply.drip)
                        return
                    self.send_response(reply.status)
                    if reply.location:
                        where = (reply.location if "://" in reply.location
                                 else server.url(reply.location))
                        self.send_header("Location", where)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.drip:
                        self.wfile.flush()
                        self._drip(reply.body, reply.drip)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

            def _drip(self, data: bytes, every: float) -> None:
                for i in range(len(data)):
                    if server._stopping.wait(every):
                        return
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()

            def log_message(self, format, *args):  # keep test output quiet
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
