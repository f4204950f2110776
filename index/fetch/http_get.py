"""One HTTP GET with bounds a slow or hostile server cannot stretch: a deadline over the whole
request (connecting, every redirect, the headers and the body), redirects followed only to
http and https, and a cap on the body's size.

A socket time-out bounds one read only: a server sending a byte every few seconds would keep a
download going for hours. Here a watchdog shuts the request's connections down once the deadline
has passed, whatever they are doing, and ``DeadlinePassed`` says so. The URL named in an error
is the one that failed (after redirects; ``failed_url`` on the network's errors), not the one
first asked for.
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

FOLLOWED_SCHEMES = ("http", "https")
CHUNK = 64 * 1024


class DeadlinePassed(Exception):
    """The whole request took longer than its deadline; ``received`` bytes of the body had come."""

    def __init__(self, deadline: float, received: int):
        self.deadline = deadline
        self.received = received
        super().__init__(f"the download took longer than {deadline:g}s ({received:,} bytes "
                         "received); gave up")


class RedirectRefused(Exception):
    """A redirect to a scheme other than http or https (``ftp://``, ``file://``...)."""

    def __init__(self, url: str):
        self.url = url
        parts = urllib.parse.urlsplit(url)
        super().__init__(f"the service redirected to {parts.scheme}://{parts.netloc}, which is not "
                         "http or https; not followed")


class BodyTooLarge(Exception):
    """The body is larger than the cap."""


@dataclass
class Request:
    """One GET and what it touched: the URLs (first asked, then each redirect) and its
    connections."""

    url: str
    deadline: float
    urls: list[str] = field(default_factory=list)
    _connections: list = field(default_factory=list)
    expired: bool = False

    @property
    def last_url(self) -> str:
        return self.urls[-1] if self.urls else self.url

    def _expire(self) -> None:
        self.expired = True
        for conn in list(self._connections):
            sock = getattr(conn, "sock", None)
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def connection(self, cls):
        """A factory of ``cls`` connections that this request's watchdog can shut down."""
        def make(host, **kwargs):
            conn = cls(host, **kwargs)
            self._connections.append(conn)
            return conn
        return make


def get(url: str, *, timeout: float, deadline: float, max_bytes: int,
        headers: dict[str, str] | None = None) -> tuple[int, bytes, str, Request]:
    """GET ``url``: (status, body, final URL, the request). Raises ``urllib.error.HTTPError`` for
    an error status (as ``urlopen``), ``DeadlinePassed``, ``RedirectRefused``, ``BodyTooLarge``,
    and the network's own errors (``URLError``, ``TimeoutError``, ``http.client`` ones)."""
    request = Request(url, deadline)
    opener = urllib.request.build_opener(_Redirects(request), _HTTP(request), _HTTPS(request))
    watchdog = threading.Timer(deadline, request._expire)
    watchdog.daemon = True
    watchdog.start()
    received = 0
    try:
        try:
            with opener.open(urllib.request.Request(url, headers=headers or {}),
                             timeout=timeout) as resp:
                chunks = []
                while True:
                    chunk = resp.read1(CHUNK)
                    if not chunk or request.expired:
                        break
                    received += len(chunk)
                    if received > max_bytes:
                        raise BodyTooLarge()
                    chunks.append(chunk)
                if request.expired:
                    raise DeadlinePassed(deadline, received)
                return resp.status, b"".join(chunks), resp.geturl(), request
        except (OSError, http.client.HTTPException) as e:
            if request.expired:  # the watchdog shut the connection: that is the reason
                raise DeadlinePassed(deadline, received) from None
            e.failed_url = request.last_url  # after redirects, the URL that failed
            raise
    finally:
        watchdog.cancel()


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, request: Request):
        super().__init__()
        self._request = request

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in FOLLOWED_SCHEMES:
            raise RedirectRefused(newurl)
        self._request.urls.append(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, request: Request):
        super().__init__()
        self._request = request

    def http_open(self, req):
        return self.do_open(self._request.connection(http.client.HTTPConnection), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, request: Request):
        super().__init__()
        self._request = request

    def https_open(self, req):
        options = {"context": self._context}
        if getattr(self, "_check_hostname", None) is not None:  # Python < 3.12
            options["check_hostname"] = self._check_hostname
        return self.do_open(self._request.connection(http.client.HTTPSConnection), req, **options)
