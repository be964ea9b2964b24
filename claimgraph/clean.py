"""RawDocument -> clean article text, metadata, and the boilerplate removed.

HTML goes through trafilatura in precision mode (body, title, authors, date,
site name, canonical URL); the page's visible lines that trafilatura dropped
and that look like boilerplate are reported in ``removed``. Plain text goes
through the line cleaner below: junk blocks before and after the article
(comment widgets, share bars, related lists, newsletter and cookie lines,
bylines, datelines …) and junk lines between paragraphs ("Advertisement")
are cut by the phrase list ``data/en/boilerplate.tsv`` plus a short-line
rule, and every line cut goes to ``removed``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import lxml.html
import trafilatura
from courlan import extract_domain
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from . import lexicons
from .errors import Errors, InputError, LexiconError
from .readers import RawDocument

logger = logging.getLogger(__name__)


class _NoDiscardNotice(logging.Filter):
    """trafilatura warns "discarding data" for a page it finds no text in. Its fast pass says so
    for every page the full pass then rescues, and for a page neither pass can read ``clean``
    raises CG107, which says what to do: the notice is noise on the user's terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("discarding data")


logging.getLogger("trafilatura.core").addFilter(_NoDiscardNotice())

# A line that ends a sentence: final punctuation, maybe followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
# A number with its inner separators ("17.22", "1,200", "14/03/2022"); normalised to "0".
NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
# The words of a line for phrase matching: letters/digits, with inner apostrophes and hyphens, or "©".
WORD = re.compile(r"\w+(?:['’-]\w+)*|©")
# Menu and breadcrumb separators ("Home › World › Europe", "News | Sport"): such a line is navigation.
NAV_SEPARATOR = re.compile(r"\s[|›»>•·/]\s|\s[|•·]$|^[|•·]\s")
# Tags whose text a reader never sees.
INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "head",
    "object",
    "canvas",
)
# Tags that start a new line in a browser.
BLOCK_TAGS = (
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table", "blockquote", "figure",
    "figcaption", "form", "label", "button", "dd", "dt", "pre", "hr", "time", "address",
)  # fmt: skip


@dataclass(frozen=True)
class CleanDocument:
    text: str  # headline as first paragraph, then the body; paragraphs split by one blank line
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    removed: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Boilerplate:
    """The phrase list of ``data/<lang>/boilerplate.tsv``, indexed by match kind."""

    lines: dict[str, bool]  # normalised phrase -> may be cut between paragraphs too
    prefixes: frozenset[str]
    labels: dict[str, bool]  # phrase -> is a list header (related headlines follow)
    tokens: frozenset[str]
    glue: frozenset[str]
    words: frozenset[str]  # a short unpunctuated line holding one of these is junk
    longest: int  # words in the longest prefix or label phrase


@dataclass(frozen=True)
class Line:
    """One line (or unwrapped paragraph) of plain text, classified for the edge rules."""

    text: str
    junk: bool = False  # matches the phrase list
    anywhere: bool = False  # junk that goes even between paragraphs ("Advertisement")
    list_header: bool = False  # "Related:", "Most read" … : short lines after it go with it
    weak: bool = False  # short, no sentence punctuation at the end: junk only next to junk
    words: int = 0


def clean(raw: RawDocument, settings: dict) -> CleanDocument:
    """Clean article text and metadata of ``raw`` (HTML or plain text).

    Raises ``InputError`` when no article text is left (CG107 for HTML
    without a main text, CG112 when every line of a text was boilerplate).
    """
    cleaned = clean_html(raw, settings) if raw.kind == "html" else clean_text(raw, settings)
    return _with_meta(cleaned, raw.meta)


def clean_html(raw: RawDocument, settings: dict) -> CleanDocument:
    """Article text and metadata of an HTML page, by trafilatura in precision mode."""
    tree = load_html(raw.content)
    if tree is None:
        raise InputError(Errors.CG107.format(path=raw.source))
    extracted = _extract(tree, raw.url, fast=True)
    if extracted is None or len(extracted.text or "") < settings["input"]["full_extraction_below"]:
        extracted = _extract(tree, raw.url, fast=False)
    body = (
        [normalise_space(line) for line in (extracted.text or "").splitlines()] if extracted else []
    )
    body = [line for line in body if line]
    if not body:
        raise InputError(Errors.CG107.format(path=raw.source))
    title = normalise_space(extracted.title or "") or None
    if title and _same(body[0], title):
        body = body[1:]
    body, cut = cut_boilerplate(body, settings)
    rules = boilerplate()
    if all(classify(line, rules, settings["input"]).weak for line in body):
        # nothing but short unpunctuated lines (a menu, a list of headlines): an index page, not an article
        raise InputError(Errors.CG107.format(path=raw.source))
    paragraphs = [title, *body] if title else body
    url = extracted.url or raw.url
    authors = tuple(name.strip() for name in (extracted.author or "").split(";") if name.strip())
    return CleanDocument(
        text="\n\n".join(paragraphs),
        title=title,
        authors=authors,
        published=extracted.date or None,
        url=url,
        outlet=extracted.sitename or _domain(url),
        removed=tuple(dropped_boilerplate(tree, paragraphs, cut, settings)),
    )


def _extract(tree: HtmlElement, url: str | None, *, fast: bool):
    """trafilatura's body and metadata, in precision mode. ``fast`` leaves out its fallback
    extractors (readability, jusText), a fifth of the cleaning time; they are for pages where its
    own extraction finds little, so ``clean_html`` calls them only when the fast body is short."""
    return trafilatura.bare_extraction(  # works on a copy of the tree
        tree,
        url=url,
        fast=fast,
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
    )


def dropped_boilerplate(
    tree: HtmlElement, paragraphs: list[str], cut: list[str], settings: dict
) -> list[str]:
    """Visible lines of the page left out of ``paragraphs`` that look like boilerplate, in page order.

    A line counts when the phrase list matches it or it is short with no
    sentence punctuation; ``cut`` (lines the text cleaner took out of
    trafilatura's body) is added where the page's lines do not already hold it.
    ``tree`` is changed on the way (see ``visible_lines``).
    """
    kept = {_key(line) for line in paragraphs}
    rules = boilerplate()
    longest = max(settings["input"]["prefix_max_words"], settings["input"]["short_line_words"])
    removed = []
    for line in visible_lines(tree):
        if len(line.split()) > longest or _key(line) in kept:
            continue  # too long to be junk or weak, or part of the article
        classified = classify(line, rules, settings["input"])
        if classified.junk or classified.weak:
            removed.append(line)
    seen = {_key(line) for line in removed}
    return removed + [line for line in cut if _key(line) not in seen]


def clean_text(raw: RawDocument, settings: dict) -> CleanDocument:
    """Plain text: junk lines cut, the first remaining line taken as the headline."""
    units = unwrap(raw.content)
    kept, removed = cut_boilerplate(units, settings)
    if not kept:
        raise InputError(Errors.CG112)
    return CleanDocument(
        text="\n\n".join(kept),
        title=kept[0],
        url=raw.url,
        outlet=_domain(raw.url),
        removed=tuple(removed),
    )


def cut_boilerplate(units: list[str], settings: dict) -> tuple[list[str], list[str]]:
    """Split paragraphs into (kept, removed) by the phrase list and the short-line rule.

    Cut: phrase-list lines marked ``anywhere`` wherever they are; at the top,
    the junk block before the headline and junk lines between headline and
    body; at the bottom, the trailing block of junk and short unpunctuated
    lines when it holds at least one phrase-list line (a "Related:" header
    takes the short headlines after it along). A line ending a sentence is
    never cut by the short-line rule.
    """
    limits = settings["input"]
    rules = boilerplate()
    lines = [classify(unit, rules, limits) for unit in units]
    cut = {i for i, line in enumerate(lines) if line.anywhere}
    lead = _edge_run(lines, range(len(lines)))
    cut |= _cut_leading(lines, lead, limits)
    trail_start = _trailing_start(lines, after=lead[-1] + 1 if lead else 0, limits=limits)
    trail = range(trail_start, len(lines))
    if any(lines[i].junk for i in trail):
        cut |= set(trail)
    kept = [line.text for i, line in enumerate(lines) if i not in cut]
    removed = [line.text for i, line in enumerate(lines) if i in cut]
    logger.debug("boilerplate: kept %d lines, cut %d", len(kept), len(removed))
    return kept, removed


def _edge_run(lines: list[Line], order: range) -> list[int]:
    """Indexes, in ``order``, of the junk-or-weak lines before the first body line."""
    run = []
    for i in order:
        if not (lines[i].junk or lines[i].weak):
            break
        run.append(i)
    return run


def _cut_leading(lines: list[Line], lead: list[int], limits: dict) -> set[int]:
    """The lines of the top block to cut: junk, and short lines before the headline.

    The headline is the first weak line of the block with at least
    ``headline_min_words`` words and no menu separators; weak lines after it
    (a standfirst) stay. With no such line, the weak lines go only when the
    block also holds phrase-list junk.
    """
    headline = next(
        (
            i
            for i in lead
            if lines[i].weak
            and not lines[i].junk
            and lines[i].words >= limits["headline_min_words"]
            and not NAV_SEPARATOR.search(lines[i].text)
        ),
        None,
    )
    has_junk = any(lines[i].junk for i in lead)
    cut = set()
    for i in lead:
        if lines[i].junk:
            cut.add(i)
        elif headline is not None and i < headline:
            cut.add(i)
        elif headline is None and has_junk:
            cut.add(i)
    return cut


def _trailing_start(lines: list[Line], after: int, limits: dict) -> int:
    """Where the bottom junk block starts (``len(lines)`` when there is none).

    The block grows upwards over junk and weak lines, but stops below a run of
    more than ``max_weak_run`` weak lines with no junk among them (a list that
    belongs to the article); a list header ("Related:", "Most read") takes
    along the short headlines after it, punctuated or not, and the block grows
    on above the header.
    """
    start = len(lines)
    while True:
        weak_run = 0
        while start > after and (lines[start - 1].junk or lines[start - 1].weak):
            weak_run = 0 if lines[start - 1].junk else weak_run + 1
            if (
                weak_run > limits["max_weak_run"]
            ):  # a list in the article (tour dates, a squad), not a menu
                start += weak_run - 1
                break
            start -= 1
        header = next(
            (
                i
                for i in range(after, start)
                if lines[i].list_header
                and all(
                    line.junk or line.weak or line.words <= limits["short_line_words"]
                    for line in lines[i + 1 : start]
                )
            ),
            None,
        )
        if header is None:
            return start
        start = header


def classify(text: str, rules: Boilerplate, limits: dict) -> Line:
    """How ``text`` looks for the edge rules: phrase-list junk, a list header, weak, or body."""
    words = match_words(text)
    ends = bool(SENTENCE_END.search(text))
    count = len(words)
    weak = not ends and count <= limits["short_line_words"]
    if not words:
        return Line(text, weak=True, words=0)
    key = " ".join(words)
    if key in rules.lines:
        return Line(
            text,
            junk=True,
            anywhere=rules.lines[key],
            list_header=rules.labels.get(key, False),
            words=count,
        )
    for size in range(min(count, rules.longest), 0, -1):
        head = " ".join(words[:size])
        if head in rules.labels and weak:
            return Line(text, junk=True, list_header=rules.labels[head], words=count)
        if head in rules.prefixes and count <= limits["prefix_max_words"]:
            return Line(text, junk=True, words=count)
    if all(word in rules.tokens or word in rules.glue or word == "0" for word in words) and (
        any(word in rules.tokens for word in words) or set(words) == {"0"}
    ):
        # a share bar, a dateline, a bare count or date ("Facebook Twitter Email", "14/03/2022")
        return Line(text, junk=True, words=count)
    if weak and (
        any(word in rules.words for word in words) or len(NAV_SEPARATOR.findall(text)) >= 2
    ):
        # a short line naming a newsletter or cookies, or a menu/breadcrumb ("Home › World › Europe")
        return Line(text, junk=True, words=count)
    return Line(text, weak=weak, words=count)


@lru_cache(maxsize=4096)  # a short line is looked up, then classified: words worked out once
def match_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the phrase list spells them: lower case, numbers as "0"."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return tuple(WORD.findall(NUMBER.sub("0", text)))


@lru_cache(maxsize=4)
def boilerplate(lang: str = "en") -> Boilerplate:
    """The phrase list, normalised like the lines it is matched against."""
    lines: dict[str, bool] = {}
    prefixes, tokens, glue, words = set(), set(), set(), set()
    labels: dict[str, bool] = {}
    for row in lexicons.load("boilerplate", lang, required=("phrase", "match", "where")):
        phrase = " ".join(match_words(row["phrase"]))
        is_list = row.get("kind") == "list"
        if row["match"] == "line":
            lines[phrase] = row["where"] == "anywhere"
        elif row["match"] == "prefix":
            prefixes.add(phrase)
        elif row["match"] == "label":
            labels[phrase] = is_list
            lines.setdefault(phrase, row["where"] == "anywhere")
        elif row["match"] == "token":
            tokens.add(phrase)
        elif row["match"] == "glue":
            glue.add(phrase)
        elif row["match"] == "word":
            words.add(phrase)
        else:
            raise LexiconError(
                Errors.CG203.format(
                    name="boilerplate",
                    path=lang,
                    line="?",
                    detail=f"unknown match {row['match']!r}",
                )
            )
    longest = max(len(phrase.split()) for phrase in (*prefixes, *labels))
    return Boilerplate(
        lines,
        frozenset(prefixes),
        labels,
        frozenset(tokens),
        frozenset(glue),
        frozenset(words),
        longest,
    )


def unwrap(text: str) -> list[str]:
    """Paragraphs of plain text, whitespace-normalised: one per line, hard-wrapped blocks joined.

    A block (lines between blank lines) counts as hard-wrapped when it has
    several lines, all of about the same width (the last may be shorter) and
    none over 100 characters, and some line but the last ends mid-sentence.
    """
    units: list[str] = []
    for block in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n"):
        lines = [normalise_space(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _hard_wrapped(lines):
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2 or max(len(line) for line in lines) > 100:
        return False
    body = lines[:-1]
    widest = max(len(line) for line in body)
    return (
        min(len(line) for line in body) >= 0.6 * widest
        and widest >= 40
        and any(not SENTENCE_END.search(line) for line in body)
    )


def visible_lines(tree: HtmlElement) -> list[str]:
    """The text lines a browser would show for a page (no head, scripts or styles).

    Changes ``tree`` in place: invisible elements go, block elements get line breaks.
    """
    for element in list(tree.iter(*INVISIBLE_TAGS)):
        element.drop_tree()
    body = tree.find(".//body")
    root = body if body is not None else tree
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    text = lxml.html.tostring(root, method="text", encoding="unicode")
    return [normalise_space(part) for part in text.split("\n") if part and not part.isspace()]


def normalise_space(text: str) -> str:
    """``text`` with every whitespace run made one space, ends trimmed; words untouched.

    ``str.split`` splits on exactly the characters ``\\s`` matches, and runs in C: the cleaner
    calls this for every line of a page."""
    return " ".join(text.split())


def _key(text: str) -> str:
    return " ".join(match_words(text))


def _same(line: str, title: str) -> bool:
    return _key(line) == _key(title)


def _domain(url: str | None) -> str | None:
    """The registered domain of ``url`` ("theguardian.com"), or None."""
    return extract_domain(url) if url else None


def _with_meta(cleaned: CleanDocument, meta: dict) -> CleanDocument:
    """``cleaned`` with what the source itself said (JSONL/RSS/HTTP fields) taking precedence."""
    if not meta:
        return cleaned
    text, title = cleaned.text, cleaned.title
    if meta.get("title"):
        title = normalise_space(meta["title"])
        first = text.split("\n\n", 1)[0]
        if not _same(first, title):
            text = f"{title}\n\n{text}"
    authors = meta.get("authors") or cleaned.authors
    if isinstance(authors, str):
        authors = (authors,)
    return CleanDocument(
        text=text,
        title=title,
        authors=tuple(authors),
        published=meta.get("published") or cleaned.published,
        url=meta.get("url") or cleaned.url,
        outlet=meta.get("outlet") or cleaned.outlet or _domain(meta.get("url")),
        removed=cleaned.removed,
    )
