"""Date expressions resolved against the publication date.

``resolve("on Tuesday", "2022-03-14", "future")`` → ``"2022-03-15"``. dateparser
reads the expression; the anchoring is ours:

- a weekday alone: past tense → the most recent such day on or before
  publication; future → the next one on or after it; otherwise the nearest;
  "last"/"next" force the week before/after;
- a day and month without a year ("24 February", "March 3"): the year that puts
  it on the right side of publication for the tense (past → on or before,
  future → on or after, otherwise the nearest), so "on 28 December" in an
  article of 2023-01-02 is 2022-12-28;
- a month alone ("in March") → its first day, by the same year rule;
  "last week"/"next month"/"last year" → the first day of that period;
- "yesterday", "today", "tomorrow", "N days ago" → relative to publication.

Anything else, or a relative expression without a publication date, is
unresolvable: ``None``.
"""

from __future__ import annotations

import calendar
import logging
import re
from datetime import date, datetime, timedelta

import dateparser

logger = logging.getLogger(__name__)

_WEEKDAYS = "|".join(name.lower() for name in calendar.day_name)
_MONTHS = "|".join(name.lower() for name in calendar.month_name[1:])
_MONTH_ABBRS = "|".join(name.lower() for name in calendar.month_abbr[1:])

# Words before a date that carry no date information: "on Tuesday", "since the 24 February".
LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|since|by|until|till|from|at|during|before|after|of|the|early|late)\s+)+"
)
# A weekday, optionally with "last"/"next"/"this": "Wednesday", "last Friday".
WEEKDAY = re.compile(rf"^(?:(last|next|this|coming|past)\s+)?({_WEEKDAYS})$")
# A month name (full or abbreviated) anywhere in the expression.
MONTH = re.compile(rf"\b(?:{_MONTHS}|(?:{_MONTH_ABBRS})\.?)\b")
# A month name alone: "March", "this March".
MONTH_ONLY = re.compile(rf"^(?:(last|next|this)\s+)?({_MONTHS})$")
# An explicit year: "2021", "3 May 2021".
YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
# An ISO date: "2022-02-24".
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Words that make an expression relative to publication: "yesterday", "last week", "two days ago".
RELATIVE = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|ago|last|next|this)\b")
# A period named relative to publication: "last week", "next month", "this year".
PERIOD = re.compile(r"^(last|next|this)\s+(week|month|year)$")


def resolve(expression: str, published: str | None, tense: str | None = None) -> str | None:
    """The YYYY-MM-DD an expression names, anchored on ``published``; None when it cannot be resolved."""
    text = LEADING_WORDS.sub("", " ".join(expression.lower().split())).strip(" ,.")
    if not text:
        return None
    if ISO.match(text):
        return _valid_iso(text)
    anchor = date.fromisoformat(published) if published else None
    weekday = WEEKDAY.match(text)
    if weekday:
        return _weekday(
            anchor,
            list(calendar.day_name).index(weekday.group(2).capitalize()),
            weekday.group(1),
            tense,
        )
    period = PERIOD.match(text)
    if period:
        return _period(anchor, period.group(1), period.group(2))
    if MONTH.search(text):
        return _calendar_date(text, anchor, tense)
    if RELATIVE.search(text) and anchor is not None:
        parsed = _parse(text, anchor)
        return parsed.isoformat() if parsed else None
    return None


def _valid_iso(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _parse(text: str, anchor: date | None) -> date | None:
    base = datetime.combine(anchor, datetime.min.time()) if anchor else None
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _weekday(anchor: date | None, day: int, modifier: str | None, tense: str | None) -> str | None:
    if anchor is None:
        return None
    back = (
        anchor.weekday() - day
    ) % 7  # days back to the most recent such day (0 = the anchor itself)
    forward = (day - anchor.weekday()) % 7
    if modifier in ("last", "past"):
        offset = -(back or 7)
    elif modifier in ("next", "coming"):
        offset = forward or 7
    elif tense == "past":
        offset = -back
    elif tense == "future":
        offset = forward
    else:
        offset = -back if back <= forward else forward
    return (anchor + timedelta(days=offset)).isoformat()


def _period(anchor: date | None, modifier: str, unit: str) -> str | None:
    if anchor is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[modifier]
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return (monday + timedelta(weeks=step)).isoformat()
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        return date(month_index // 12, month_index % 12 + 1, 1).isoformat()
    return date(anchor.year + step, 1, 1).isoformat()


def _calendar_date(text: str, anchor: date | None, tense: str | None) -> str | None:
    month_only = MONTH_ONLY.match(text)
    parsed = _parse(month_only.group(2) if month_only else text, anchor)
    if parsed is None:
        return None
    if month_only:
        parsed = parsed.replace(day=1)
    if YEAR.search(text):
        return parsed.isoformat()
    if anchor is None:
        return None
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(parsed.replace(year=year))
        except ValueError:  # 29 February in a common year
            continue
    modifier = month_only.group(1) if month_only else None
    # a month alone counts as "on or before" when publication falls inside it
    reference = anchor.replace(day=1) if month_only else anchor
    if tense == "past" or modifier == "last":
        chosen = max((c for c in candidates if c <= reference), default=None)
    elif tense == "future" or modifier == "next":
        chosen = min((c for c in candidates if c >= reference), default=None)
    else:
        chosen = min(candidates, key=lambda c: abs((c - reference).days))
    return chosen.isoformat() if chosen else None
