"""Readers turn an input (file, stdin, URL …) into one ``RawDocument``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

# Markup near the start of an input: a doctype or a common block tag.
HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title)\b", re.I)


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
    def from_string(cls, content: str, source: str = "<string>", url: str | None = None) -> RawDocument:
        return cls(source=source, content=content, kind="html" if looks_like_html(content) else "text", url=url)


def read(source: str, settings: dict) -> RawDocument:
    """Placeholder until the readers land: a UTF-8 file or '-' for stdin."""
    import sys
    from pathlib import Path

    if source == "-":
        return RawDocument.from_string(sys.stdin.read(), source="<stdin>")
    return RawDocument.from_string(Path(source).read_text("utf-8"), source=source)
