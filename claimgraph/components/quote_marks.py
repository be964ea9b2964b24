"""Quotation marks: classify each mark, pair them per paragraph by kind, and find the quoted stretches.

Used by claimgraph_quotes. Never raises on messy input: an unpaired mark is logged at DEBUG and skipped.
A quote left open at a paragraph break runs on when the next paragraph opens one (the newspaper
convention for a multi-paragraph quote).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# A paragraph break: a blank line (SPEC: paragraphs are separated by one blank line).
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# Every character that may be a quotation mark, and '' (two apostrophes: a double mark in NYT archive
# text); classify_mark() decides what each one is.
QUOTE_MARK = re.compile(
    "''|[\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a]"
)
TWO_APOSTROPHES = "''"

DOUBLE_OPEN = "\u201c\u201e\u201f\u00ab"  # “ „ ‟ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018\u201a\u2039"  # ‘ ‚ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
# Characters before an opening mark / after a closing mark besides whitespace.
OPENING_CONTEXT = "([{\u2014\u2013-/:" + DOUBLE_OPEN + '"'
CLOSING_CONTEXT = ".,;:!?)]}\u2014\u2013-/" + DOUBLE_CLOSE + '"'


@dataclass
class Segment:
    """A stretch of text between paired quotation marks."""

    start: int  # content start (after the opening mark and spaces)
    end: int  # content end (before the closing mark, or the paragraph end when continued)
    open_at: int  # char offset of the opening mark
    close_at: int | None  # char offset of the closing mark; None when the quote runs on
    level: str  # "double" or "single"
    close_end: int | None = None  # char offset just after the closing mark ('' is two characters)
    nested: bool = False


def paragraph_starts(text: str) -> list[int]:
    """Char offsets where each paragraph starts (the first is 0)."""
    return [0] + [match.end() for match in PARAGRAPH_BREAK.finditer(text)]


def paragraph_of(starts: list[int], offset: int) -> int:
    """Index of the paragraph holding char ``offset``."""
    return bisect.bisect_right(starts, offset) - 1


def mark_len(text: str, i: int) -> int:
    """Characters in the quotation mark at ``text[i]`` (2 for '')."""
    return 2 if text.startswith(TWO_APOSTROPHES, i) else 1


def classify_mark(text: str, i: int) -> tuple[str, str] | None:
    """(level, role) of the mark at ``text[i]``: level double|single, role open|close|either; None for an apostrophe."""
    size = mark_len(text, i)
    char = '"' if size == 2 else text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + size] if i + size < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return None  # shouldn't, they’ve, O'Brien
    left_open = prev.isspace() or prev in OPENING_CONTEXT or prev in SINGLE_OPEN
    right_close = nxt.isspace() or nxt in CLOSING_CONTEXT or nxt in SINGLE_CLOSE
    if char in DOUBLE_OPEN:
        return "double", "open"
    if char in DOUBLE_CLOSE:
        if left_open and nxt.isalnum():
            return "double", "open"  # a misprinted opening mark: ”Fear. I am truly afraid …”
        return "double", "close"
    if char in SINGLE_OPEN:
        return "single", "open"
    if char in SINGLE_CLOSE:
        if left_open and not right_close:
            return None  # elision: ’90s, ’tis
        return "single", "close"
    level = "double" if char == '"' else "single"
    if level == "single" and left_open and nxt.isdigit():
        return None  # '90s
    if left_open and not right_close:
        return level, "open"
    if right_close and not left_open:
        return level, "close"
    return level, "either"


def pair_marks(
    text: str, marks: list[tuple[int, str]], start: int, end: int, level: str, continues: bool
) -> list[Segment]:
    """Pair marks of one level inside ``[start, end)``; a quote open at ``end`` runs on when ``continues``."""
    segments: list[Segment] = []
    opened: int | None = None
    for offset, role in marks:
        if opened is None:
            if role == "close":
                logger.debug("unpaired closing quotation mark at %d skipped", offset)
                continue
            opened = offset
        elif role in ("close", "either") or (text[opened] == "\u201e" and text[offset] == "\u201c"):
            segments.append(make_segment(text, opened, offset, level))
            opened = None
        else:
            logger.debug("unpaired opening quotation mark at %d skipped", opened)
            opened = offset
    if opened is not None:
        if continues:
            segments.append(make_segment(text, opened, None, level, end=end))
        else:
            logger.debug(
                "quotation mark at %d never closes before the paragraph ends; skipped", opened
            )
    return [seg for seg in segments if seg.start < seg.end]


def make_segment(
    text: str, open_at: int, close_at: int | None, level: str, end: int | None = None
) -> Segment:
    start = open_at + mark_len(text, open_at)
    stop = close_at if close_at is not None else end
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    close_end = close_at + mark_len(text, close_at) if close_at is not None else None
    return Segment(start, stop, open_at, close_at, level, close_end)


def find_segments(text: str, paragraphs: list[int]) -> list[Segment]:
    """Every quoted stretch of ``text``; single-quoted ones inside double quotes are ``nested``."""
    bounds = paragraphs + [len(text)]
    segments: list[Segment] = []
    # every mark, found once (a paragraph starts after whitespace, so no mark spans two paragraphs)
    offsets = [m.start() for m in QUOTE_MARK.finditer(text)]
    for number in range(len(paragraphs)):
        start, end = bounds[number], bounds[number + 1]
        first, last = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
        if first == last:
            continue  # no mark: no quote
        marks = [(offset, classify_mark(text, offset)) for offset in offsets[first:last]]
        marks = [(offset, kind) for offset, kind in marks if kind is not None]
        doubles = [(offset, role) for offset, (level, role) in marks if level == "double"]
        singles = [(offset, role) for offset, (level, role) in marks if level == "single"]
        next_opens = number + 1 < len(paragraphs) and next_paragraph_opens(text, bounds[number + 1])
        outer = pair_marks(text, doubles, start, end, "double", next_opens)
        segments.extend(outer)
        # single marks: inside each double quote (nested) and in the stretches between them
        edges = [start] + [x for seg in outer for x in (seg.open_at, seg.end)] + [end]
        for k in range(0, len(edges), 2):
            lo, hi = edges[k], edges[k + 1]
            inside = [(o, r) for o, r in singles if lo <= o < hi]
            segments.extend(pair_marks(text, inside, lo, hi, "single", False))
        for seg in outer:
            inside = [(o, r) for o, r in singles if seg.start <= o < seg.end]
            for nested in pair_marks(text, inside, seg.start, seg.end, "single", False):
                nested.nested = True
                segments.append(nested)
    segments.sort(key=lambda seg: seg.start)
    return segments


def next_paragraph_opens(text: str, start: int) -> bool:
    """Does the paragraph at ``start`` begin with an opening double quotation mark?"""
    if start >= len(text):
        return False
    kind = classify_mark(text, start) if QUOTE_MARK.match(text, start) else None
    return kind is not None and kind[0] == "double" and kind[1] in ("open", "either")
