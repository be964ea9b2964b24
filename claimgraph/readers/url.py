"""http(s) URLs: fetched with urllib3 under the limits of settings [fetch] and [input]."""

from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    TimeoutError,
)
from urllib3.util import parse_url

from ..errors import Errors, InputError
from . import RawDocument
from .files import from_bytes

logger = logging.getLogger(__name__)

# Media types accepted as an article: HTML pages and plain text.
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
ACCEPT_HEADER = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
CHUNK = 1 << 16
# One attempt per request: no retries on errors; fetch() follows redirects itself, hop by hop.
ONE_ATTEMPT = urllib3.Retry(total=0, redirect=False)


def fetch(url: str, settings: dict, public_only: bool = False) -> RawDocument:
    """The page at ``url`` as a ``RawDocument`` whose ``url`` is the address after redirects.

    ``meta`` keeps the HTTP facts: ``status``, ``content_type``, ``redirects``
    (the ``Location``s followed) and ``last_modified`` when sent. Redirects are
    followed here, hop by hop, up to ``[fetch] max_redirects``; the body is
    streamed and refused past ``[input] max_bytes``; timeouts and content types
    are checked, each failure an ``InputError``.

    With ``public_only`` (the HTTP API), every hop's host is resolved once,
    each of its addresses checked (``refused_reason``), and the connection made
    to the checked address, so a DNS answer cannot change between the check and
    the request, and a redirect into the private network is refused (CG351).
    """
    fetch_settings = settings["fetch"]
    timeout = urllib3.Timeout(
        connect=fetch_settings["connect_timeout"], read=fetch_settings["read_timeout"]
    )
    redirects: list[str] = []
    hop_url = url
    with urllib3.PoolManager(timeout=timeout) as pool_manager:
        for _ in range(fetch_settings["max_redirects"] + 1):
            response = _request(pool_manager, hop_url, fetch_settings, public_only)
            location = response.get_redirect_location()
            if not location:
                try:
                    return _read_response(hop_url, response, redirects, settings)
                finally:
                    response.release_conn()
            response.close()  # the redirect's body is never read
            response.release_conn()
            redirects.append(location)
            hop_url = urljoin(hop_url, location)  # a Location may be relative to the hop before it
    raise InputError(Errors.CG114.format(url=url, limit=fetch_settings["max_redirects"]))


def _request(
    pool_manager: urllib3.PoolManager, url: str, fetch_settings: dict, public_only: bool
) -> urllib3.BaseHTTPResponse:
    """One GET of ``url``, redirects not followed, the body not yet read."""
    try:
        parts = parse_url(url)
    except HTTPError as err:  # a malformed address or port
        raise _fetch_error(url, err, fetch_settings) from err
    if parts.scheme not in ("http", "https") or not parts.host:
        raise InputError(Errors.CG111.format(url=url))
    headers = {"User-Agent": fetch_settings["user_agent"], "Accept": ACCEPT_HEADER}
    host = parts.host
    pool_kwargs = None
    if public_only:
        name = parts.host.strip("[]")  # an IPv6 literal without its URL brackets
        host = public_address(name, parts.port or (443 if parts.scheme == "https" else 80), url)
        headers["Host"] = parts.netloc
        # TLS still checks the certificate against the name, not the address.
        pool_kwargs = {"server_hostname": name, "assert_hostname": name}
    pool = pool_manager.connection_from_host(host, parts.port, parts.scheme, pool_kwargs)
    try:
        return pool.urlopen(
            "GET",
            parts.request_uri,
            headers=headers,
            retries=ONE_ATTEMPT,
            redirect=False,
            assert_same_host=False,
            preload_content=False,
        )
    except MaxRetryError as err:
        raise _fetch_error(url, err.reason, fetch_settings) from err
    except HTTPError as err:
        raise _fetch_error(url, err, fetch_settings) from err


def public_address(host: str, port: int, url: str) -> str:
    """The first address ``host`` resolves to, after checking that every one of them is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise InputError(Errors.CG108.format(url=url, detail=f"cannot resolve {host}")) from err
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        reason = refused_reason(address)
        if reason:
            raise InputError(
                Errors.CG351.format(url=url, host=host, address=address, reason=reason)
            )
    return addresses[0]


def refused_reason(address: str) -> str | None:
    """Why ``address`` must not be fetched from (loopback, private, link-local …), or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for reason in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{reason}"):
            return reason.replace("_", "-")
    if not ip.is_global:
        return "non-global"
    return None


def _read_response(
    url: str, response: urllib3.BaseHTTPResponse, redirects: list[str], settings: dict
) -> RawDocument:
    """The final response as a RawDocument: status and content type checked, body capped."""
    limit = settings["input"]["max_bytes"]
    if response.status >= 400:
        raise InputError(
            Errors.CG113.format(url=url, status=response.status, reason=response.reason or "")
        )
    content_type = response.headers.get("Content-Type", "")
    media_type, _, params = content_type.partition(";")
    media_type = media_type.strip().lower()
    if media_type and media_type not in ACCEPTED_TYPES:
        raise InputError(Errors.CG109.format(url=url, ctype=media_type))
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise InputError(Errors.CG106.format(path=url, limit=limit))
    chunks: list[bytes] = []
    total = 0
    try:
        for chunk in response.stream(CHUNK):
            total += len(chunk)
            if total > limit:
                raise InputError(Errors.CG106.format(path=url, limit=limit))
            chunks.append(chunk)
    except (TimeoutError, ProtocolError) as err:
        raise _fetch_error(url, err, settings["fetch"]) from err
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    raw = from_bytes(b"".join(chunks), url, settings, charset=charset)
    raw.url = url
    raw.meta.update(status=response.status, content_type=content_type or None, redirects=redirects)
    if response.headers.get("Last-Modified"):
        raw.meta["last_modified"] = response.headers["Last-Modified"]
    logger.debug("fetched %s (%d bytes, %s)", url, total, content_type)
    return raw


def _fetch_error(url: str, reason: Exception | None, fetch_settings: dict) -> InputError:
    """The coded error for a failed request: refused, a timeout, or anything else."""
    # Refused, unreachable, unknown host: urllib3 files these under timeouts, so test them first.
    if isinstance(reason, NewConnectionError):
        # urllib3 puts the connection object before the OS message; keep what a person can act on.
        return InputError(Errors.CG108.format(url=url, detail=str(reason).rsplit(": ", 1)[-1]))
    if isinstance(reason, ConnectTimeoutError):
        return InputError(
            Errors.CG115.format(
                url=url, timeout=fetch_settings["connect_timeout"], detail="connecting"
            )
        )
    if isinstance(reason, TimeoutError):
        return InputError(
            Errors.CG115.format(url=url, timeout=fetch_settings["read_timeout"], detail="reading")
        )
    return InputError(Errors.CG108.format(url=url, detail=reason or "no answer"))
