"""Readers turn an input (file, stdin, URL …) into one ``RawDocument``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..errors import Errors, InputError

# A URL scheme before "://" (RFC 3986: a letter, then letters, digits, "+", "-", ".").
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
# Markup near the start of an input: a doctype or a common block tag.
HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title)\b", re.I
)


def looks_like_html(content: str) -> bool:
    """True when the first few KB of ``content`` carry HTML markup."""
    return bool(HTML_SNIFF.search(content[:4096]))


@dataclass
class RawDocument:
    """One input as read: decoded content plus what the source already told us."""

    source: str  # path, URL or "<stdin>": names the input in messages and failures
    content: str
    kind: Literal["text", "html"]
    url: str | None = None
    meta: dict = field(default_factory=dict)  # title, published, outlet, id … from JSONL/RSS/HTTP

    @classmethod
    def from_string(
        cls, content: str, source: str = "<string>", url: str | None = None
    ) -> RawDocument:
        return cls(
            source=source,
            content=content,
            kind="html" if looks_like_html(content) else "text",
            url=url,
        )


def read(source: str, settings: dict) -> RawDocument:
    """One article from a path, '-' (standard input) or an http(s):// URL.

    Raises ``InputError`` with a coded message when the input cannot be read;
    ``settings`` are the merged settings (``claimgraph.settings.load()``).
    """
    scheme, sep, _ = source.partition("://")
    if sep and SCHEME.match(scheme):
        if scheme.lower() not in ("http", "https"):
            raise InputError(Errors.CG111.format(url=source))
        from .url import fetch

        return fetch(source, settings)
    from .files import read_file

    return read_file(source, settings)
