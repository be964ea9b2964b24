"""http(s) URLs: fetched with urllib3 under the limits of settings [fetch] and [input]."""

from __future__ import annotations

import logging
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ResponseError,
    TimeoutError,
)

from ..errors import Errors, InputError
from . import RawDocument
from .files import from_bytes

logger = logging.getLogger(__name__)

# Media types accepted as an article: HTML pages and plain text.
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
ACCEPT_HEADER = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
CHUNK = 1 << 16


def fetch(url: str, settings: dict) -> RawDocument:
    """The page at ``url`` as a ``RawDocument`` whose ``url`` is the address after redirects.

    ``meta`` keeps the HTTP facts: ``status``, ``content_type``, ``redirects``
    (the addresses passed through) and ``last_modified`` when sent. The body
    is streamed and refused past ``[input] max_bytes``; redirects, timeouts
    and content types are checked, each failure an ``InputError``.
    """
    fetch_settings = settings["fetch"]
    limit = settings["input"]["max_bytes"]
    retries = urllib3.Retry(
        total=None,
        connect=0,
        read=0,
        status=0,
        other=0,
        redirect=fetch_settings["max_redirects"],
        raise_on_redirect=True,
        raise_on_status=False,
    )
    timeout = urllib3.Timeout(
        connect=fetch_settings["connect_timeout"], read=fetch_settings["read_timeout"]
    )
    headers = {"User-Agent": fetch_settings["user_agent"], "Accept": ACCEPT_HEADER}
    with urllib3.PoolManager(retries=retries, timeout=timeout, headers=headers) as pool:
        try:
            response = pool.request("GET", url, preload_content=False)
        except MaxRetryError as err:
            raise _fetch_error(url, err.reason, fetch_settings) from err
        except HTTPError as err:
            raise _fetch_error(url, err, fetch_settings) from err
        try:
            return read_response(url, response, limit, settings)
        finally:
            response.release_conn()


def read_response(
    url: str, response: urllib3.BaseHTTPResponse, limit: int, settings: dict
) -> RawDocument:
    """A fetched response as a RawDocument: status and content type checked, body capped.

    Public so that callers with their own connection policy (the HTTP API's
    address-checked fetch) share the same checks.
    """
    history = response.retries.history if response.retries else ()
    redirects = [entry.redirect_location for entry in history if entry.redirect_location]
    final_url = url
    for location in redirects:  # Location headers may be relative to the address before them
        final_url = urljoin(final_url, location)
    if response.status >= 400:
        raise InputError(
            Errors.CG113.format(url=final_url, status=response.status, reason=response.reason or "")
        )
    content_type = response.headers.get("Content-Type", "")
    media_type, _, params = content_type.partition(";")
    media_type = media_type.strip().lower()
    if media_type and media_type not in ACCEPTED_TYPES:
        raise InputError(Errors.CG109.format(url=final_url, ctype=media_type))
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise InputError(Errors.CG106.format(path=final_url, limit=limit))
    chunks: list[bytes] = []
    total = 0
    try:
        for chunk in response.stream(CHUNK):
            total += len(chunk)
            if total > limit:
                raise InputError(Errors.CG106.format(path=final_url, limit=limit))
            chunks.append(chunk)
    except (TimeoutError, ProtocolError) as err:
        raise _fetch_error(final_url, err, settings["fetch"]) from err
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    raw = from_bytes(b"".join(chunks), final_url, settings, charset=charset)
    raw.url = final_url
    raw.meta.update(status=response.status, content_type=content_type or None, redirects=redirects)
    if response.headers.get("Last-Modified"):
        raw.meta["last_modified"] = response.headers["Last-Modified"]
    logger.debug("fetched %s (%d bytes, %s)", final_url, total, content_type)
    return raw


def _fetch_error(url: str, reason: Exception | None, fetch_settings: dict) -> InputError:
    """The coded error for a failed request: too many redirects, a timeout, or anything else."""
    if isinstance(reason, ResponseError) and "redirect" in str(reason):
        return InputError(Errors.CG114.format(url=url, limit=fetch_settings["max_redirects"]))
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
