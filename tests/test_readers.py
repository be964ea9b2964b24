"""Readers: local files, stdin, gzip, encodings, and http(s) against a local server."""

from __future__ import annotations

import gzip
import io
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimgraph import settings as settings_module
from claimgraph.errors import InputError
from claimgraph.readers import RawDocument, read
from claimgraph.readers import url as url_reader
from claimgraph.readers.files import decode_bytes, read_file, read_stream
from claimgraph.readers.url import fetch, refused_reason

ARTICLE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks resume</title></head>
<body><article><h1>Talks resume in Geneva</h1>
<p>Negotiators from both countries met in Geneva on Monday to resume the talks, officials said.</p>
</article></body></html>"""
ARTICLE_TEXT = "Talks resume in Geneva\n\nNegotiators met in Geneva on Monday, officials said.\n"


@pytest.fixture
def settings():
    return settings_module.load()


# --- files and stdin ------------------------------------------------------------------------


def test_text_file_is_read_as_text(tmp_path, settings):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE_TEXT, "utf-8")
    raw = read(str(path), settings)
    assert raw.kind == "text"
    assert raw.content == ARTICLE_TEXT
    assert raw.source == str(path)


def test_html_is_sniffed_by_content_not_extension(tmp_path, settings):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE_HTML, "utf-8")
    assert read(str(path), settings).kind == "html"
    plain = tmp_path / "notes.html"
    plain.write_text(ARTICLE_TEXT, "utf-8")
    assert read(str(plain), settings).kind == "text"


def test_gzipped_html_is_decompressed(tmp_path, settings):
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(ARTICLE_HTML.encode("utf-8")))
    raw = read_file(path, settings)
    assert raw.kind == "html"
    assert "Negotiators from both countries" in raw.content


def test_stdin_is_read_from_a_binary_stream(settings):
    raw = read_stream(io.BytesIO(ARTICLE_TEXT.encode("utf-8")), "<stdin>", settings)
    assert raw.source == "<stdin>"
    assert raw.content.startswith("Talks resume in Geneva")


def test_cp1252_text_is_decoded_not_garbled(tmp_path, settings):
    text = (
        "Protesters gathered outside the café on Monday.\n\n"
        "“We will not move,” said Zoë Müller, a teacher from Zürich, as the crowd grew to 3,000 people. "
        "The mayor’s office said the square would stay open à la carte for the rest of the week.\n"
    )
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    raw = read_file(path, settings)
    assert "café" in raw.content
    assert "Zoë Müller" in raw.content
    assert "“We will not move,”" in raw.content


def test_baltic_encoding_is_detected(settings):
    text = (
        "Lietuvos krašto apsaugos ministras Laurynas Kasčiūnas pirmadienį susitiko su NATO generaliniu sekretoriumi. "
        "Ministras sakė, kad šalis prašo papildomų oro gynybos sistemų, nes Rusijos pratybos vyksta prie sienos. "
        "Jis pabrėžė, kad sprendimas turi būti priimtas greitai, o sąjungininkai žada paramą.\n"
    )
    decoded = decode_bytes(text.encode("cp1257"), "baltic.txt")
    assert "Kasčiūnas" in decoded
    assert "sąjungininkai" in decoded


def test_declared_html_charset_is_used(settings):
    html = '<html><head><meta charset="windows-1252"></head><body><p>Le café de Zoë est fermé.</p></body></html>'
    assert "Le café de Zoë est fermé." in decode_bytes(html.encode("cp1252"), "page.html")


def test_utf8_bom_is_dropped(tmp_path, settings):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE_TEXT.encode("utf-8"))
    assert read_file(path, settings).content.startswith("Talks resume")


def test_from_string_keeps_the_url():
    raw = RawDocument.from_string(ARTICLE_HTML, url="https://news.example.org/a")
    assert (raw.kind, raw.url) == ("html", "https://news.example.org/a")


# --- http(s) against a local server ---------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """Routes of the test server, each one behaviour of a real site."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        route = self.path.split("?")[0]
        if route == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
        elif route == "/latin":
            body = "<html><body><p>Le café de Zoë est fermé depuis lundi.</p></body></html>".encode(
                "cp1252"
            )
            self._send(200, "text/html; charset=windows-1252", body)
        elif route == "/plain":
            self._send(200, "text/plain", ARTICLE_TEXT.encode("utf-8"))
        elif route.startswith("/hop/"):
            left = int(route.rsplit("/", 1)[1])
            self._redirect("/article" if left == 0 else f"/hop/{left - 1}")
        elif route == "/elsewhere":  # to the address in the query string
            self._redirect(self.path.split("?to=", 1)[1])
        elif route == "/loop":
            self._redirect("/loop")
        elif route == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        elif route == "/pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n" + b"x" * 64)
        elif route == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the reader must stop on its own
            chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
            try:
                for _ in range(200):  # ~2 MB, over the test's 100 kB cap
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif route == "/slow":
            time.sleep(2)
            self._send(200, "text/html", ARTICLE_HTML.encode("utf-8"))
        else:
            self._send(404, "text/html", b"<html><body>Not found</body></html>")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The reader gave up first (/slow after its timeout): nothing to report. Left to
            # socketserver, the traceback lands on stderr seconds later, inside another test's output.
            pass

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fast(settings):
    """Settings with small timeouts and a small size cap, so failures come quickly."""
    settings["fetch"].update(connect_timeout=1, read_timeout=0.5, max_redirects=3)
    settings["input"]["max_bytes"] = 100_000
    return settings


def test_url_ok_page(server, fast):
    raw = read(f"{server}/article", fast)
    assert raw.kind == "html"
    assert raw.url == f"{server}/article"
    assert raw.meta["status"] == 200
    assert raw.meta["content_type"].startswith("text/html")
    assert "Negotiators from both countries" in raw.content


def test_url_plain_text_and_declared_charset(server, fast):
    assert read(f"{server}/plain", fast).kind == "text"
    assert "Le café de Zoë est fermé" in read(f"{server}/latin", fast).content


def test_url_redirect_chain_keeps_final_url(server, fast):
    raw = read(f"{server}/hop/2", fast)
    assert raw.url == f"{server}/article"
    assert len(raw.meta["redirects"]) == 3
    assert "Negotiators" in raw.content


def test_url_redirect_loop(server, fast):
    with pytest.raises(InputError, match=r"\[CG114\].*redirected more than 3 times"):
        read(f"{server}/loop", fast)


def test_url_too_many_redirects_in_a_chain(server, fast):
    with pytest.raises(InputError, match=r"\[CG114\]"):
        read(f"{server}/hop/5", fast)


def test_url_404(server, fast):
    with pytest.raises(InputError, match=r"\[CG113\].*HTTP 404"):
        read(f"{server}/missing", fast)


@pytest.mark.parametrize("route,ctype", [("/image", "image/png"), ("/pdf", "application/pdf")])
def test_url_wrong_content_type(server, fast, route, ctype):
    with pytest.raises(InputError, match=rf"\[CG109\].*'{ctype}'"):
        read(f"{server}{route}", fast)


def test_url_oversize_body_stops_at_the_cap(server, fast):
    with pytest.raises(InputError, match=r"\[CG106\].*100000-byte limit"):
        read(f"{server}/huge", fast)


def test_url_slow_server_times_out(server, fast):
    with pytest.raises(InputError, match=r"\[CG115\].*did not answer"):
        read(f"{server}/slow", fast)


def test_url_unreachable_port(fast):
    with pytest.raises(InputError, match=r"\[CG108\].*Could not fetch"):
        read("http://127.0.0.1:9/article", fast)


def test_unsupported_scheme(settings):
    with pytest.raises(InputError, match=r"\[CG111\].*ftp://"):
        read("ftp://files.example.org/story.txt", settings)


# --- public_only: the HTTP API's address check, on the same fetch -----------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.0.0.8", "private"),
        ("fd00:ec2::254", "private"),
        ("::ffff:192.168.1.1", "private"),
        ("100.64.0.1", "non-global"),
        ("0.0.0.0", "private"),
        ("224.0.0.1", "multicast"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_refused_reason_names_the_kind_of_address(address, reason):
    assert refused_reason(address) == reason


@pytest.fixture
def loopback_as_public(monkeypatch):
    """Let the test server's 127.0.0.1 pass the address check as if it were public; nothing else."""
    checked = refused_reason
    monkeypatch.setattr(
        url_reader,
        "refused_reason",
        lambda address: None if address == "127.0.0.1" else checked(address),
    )


def test_public_only_refuses_a_loopback_address(server, fast):
    with pytest.raises(InputError, match=r"\[CG351\].*127\.0\.0\.1, a loopback address"):
        fetch(f"{server}/article", fast, public_only=True)


def test_public_only_refuses_a_name_that_resolves_to_loopback(fast):
    with pytest.raises(InputError, match=r"\[CG351\].*localhost resolves to .*loopback"):
        fetch("http://localhost:9/article", fast, public_only=True)


@pytest.mark.parametrize(
    "route",
    ["/article", "/latin", "/hop/2", "/loop", "/hop/5", "/missing", "/pdf", "/huge", "/slow"],
)
def test_public_only_fetch_gives_the_same_answers_and_errors(
    server, fast, loopback_as_public, route
):
    def outcome(public_only: bool):
        try:
            raw = fetch(f"{server}{route}", fast, public_only=public_only)
        except InputError as err:
            return str(err)
        return raw.url, raw.content, raw.meta

    assert outcome(public_only=True) == outcome(public_only=False)


def test_public_only_checks_every_redirect(server, fast, loopback_as_public):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(InputError, match=r"\[CG351\].*127\.0\.0\.2, a loopback address"):
        fetch(f"{server}/elsewhere?to=http://127.0.0.2:{port}/article", fast, public_only=True)
    raw = fetch(f"{server}/elsewhere?to=/hop/0", fast, public_only=True)
    assert raw.url == f"{server}/article"
    assert raw.meta["redirects"] == ["/hop/0", "/article"]


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 whose certificate names news.example only (openssl-made, trusted
    through SSL_CERT_FILE); gives its port and the server names the clients asked for (SNI)."""
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "1", "-subj", "/CN=news.example"]
        + ["-addext", "subjectAltName=DNS:news.example", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    names: list[str | None] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _socket, name, _context: names.append(name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], names, cert
    httpd.shutdown()
    httpd.server_close()


def test_public_only_https_connects_to_the_checked_address_and_checks_the_name(
    tls_server, fast, loopback_as_public, monkeypatch
):
    port, names, cert = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    lookups = []
    real_getaddrinfo = socket.getaddrinfo

    def resolve(host, *args, **kwargs):  # news.example is 127.0.0.1 here, and only here
        lookups.append(host)
        return real_getaddrinfo("127.0.0.1" if host == "news.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    raw = fetch(f"https://news.example:{port}/article", fast, public_only=True)
    assert "Negotiators from both countries" in raw.content
    assert raw.url == f"https://news.example:{port}/article"
    assert names == ["news.example"]  # the certificate was asked for, and checked against, the name
    assert lookups.count("news.example") == 1  # resolved once, for the check; then the address
    with pytest.raises(InputError, match=r"\[CG108\].*news\.example"):
        # The same server under another name: its certificate does not match, so no article.
        fetch(f"https://127.0.0.1:{port}/article", fast, public_only=True)
