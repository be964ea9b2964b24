"""Article extraction benchmark: claimgraph's reader + cleaner beside plain trafilatura.

Two measurements, both on the scrapinghub article-extraction-benchmark read from
../shared/eval at run time (nothing is copied into the repository):

1. HTML -> body on its 181 pages, scored with the benchmark's own metric
   (token 4-gram shingles, per-page TP/FP/FN, macro precision/recall, F1 of the
   means), for claimgraph, ``trafilatura.extract`` (default) and
   ``trafilatura.extract(favor_precision=True)``, plus pages per second.
   The ground truth holds the article body only (no headline), and
   claimgraph's text starts with the headline, so the headline paragraph is
   dropped before scoring claimgraph (``CleanDocument.title`` tells which).
2. Junk lines: each page's ground-truth body as plain text, with generated
   real-looking junk lines prepended, appended and (sometimes) between
   paragraphs, through claimgraph's text cleaner: % junk lines removed and %
   body sentences (and lines) kept.

Run:  .venv/bin/python bench/extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

from claimgraph import settings as settings_module
from claimgraph.clean import clean, normalise_space
from claimgraph.readers import RawDocument
from claimgraph.readers.files import read_file

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "eval"
    / "article-extraction"
    / "scrapinghub-article-extraction-benchmark"
)
# Tokens of the benchmark metric: runs of Unicode word characters.
TOKEN = re.compile(r"\w+")
# A sentence of the ground truth: text up to final punctuation (maybe closing quotes) before a space or
# the line's end; a line's unpunctuated rest (a heading, a URL, a caption) is not counted as a sentence.
SENTENCE = re.compile(r"\S.*?[.!?…]+[\"'”’)\]]*(?=\s|$)")
SHINGLE = 4


# --- the benchmark's metric (reimplemented from its README) ---------------------------------


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """Normalised TP, FP, FN of one page's shingle multisets."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(
    pages: list[tuple[float, float, float]], truths: list[str], predictions: list[str]
) -> dict:
    precisions, recalls = [], []
    for tp, fp, fn in pages:
        if fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    exact = sum(
        TOKEN.findall(t) == TOKEN.findall(p) for t, p in zip(truths, predictions, strict=True)
    )
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "accuracy": exact / len(truths),
    }


# --- the extractors ------------------------------------------------------------------------


def claimgraph_body(path: Path, settings: dict) -> str:
    """claimgraph's reader + cleaner; the headline paragraph dropped (the ground truth has none)."""
    cleaned = clean(read_file(path, settings), settings)
    paragraphs = cleaned.text.split("\n\n")
    if cleaned.title and paragraphs[0] == cleaned.title:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def trafilatura_default(path: Path, settings: dict) -> str:
    return trafilatura.extract(gzip.decompress(path.read_bytes()).decode("utf-8", "replace")) or ""


def trafilatura_precision(path: Path, settings: dict) -> str:
    html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    return trafilatura.extract(html, favor_precision=True) or ""


SYSTEMS = {
    "claimgraph (reader+clean)": claimgraph_body,
    "trafilatura.extract default": trafilatura_default,
    "trafilatura.extract precision": trafilatura_precision,
}


def run_extraction(truth: dict, settings: dict) -> list[dict]:
    rows = []
    for name, extractor in SYSTEMS.items():
        truths, predictions, counts = [], [], []
        failures = 0
        started = time.perf_counter()
        for page_id, item in truth.items():
            try:
                predicted = extractor(DATA / "html" / f"{page_id}.html.gz", settings)
            except Exception as err:  # a page that fails scores as empty output
                failures += 1
                print(f"  {name}: {page_id[:12]} failed: {err}", file=sys.stderr)
                predicted = ""
            truths.append(item["articleBody"])
            predictions.append(predicted)
            counts.append(page_counts(item["articleBody"], predicted))
        elapsed = time.perf_counter() - started
        rows.append(
            {
                "system": name,
                **score(counts, truths, predictions),
                "pages/s": len(truth) / elapsed,
                "failed": failures,
            }
        )
    return rows


# --- junk lines ----------------------------------------------------------------------------

NAMES = [
    "Jane Holloway",
    "Tomás Ruiz",
    "Amira Haddad",
    "Kenji Watanabe",
    "Olga Petrenko",
    "Sam O'Neill",
    "Priya Raman",
]
OUTLETS = [
    "The Daily Courier",
    "Metro Herald",
    "Global Wire",
    "NewsNow",
    "The Evening Post",
    "Ledger Online",
]
SECTIONS = [
    "News",
    "World",
    "Business",
    "Politics",
    "Sport",
    "Tech",
    "Opinion",
    "Culture",
    "Europe",
    "Markets",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
SUBJECTS = [
    "Ministers",
    "Shares",
    "The central bank",
    "Police",
    "Scientists",
    "Fans",
    "Lawmakers",
    "Tech giants",
    "Voters",
    "Airlines",
]
VERBS = [
    "brace for",
    "warn over",
    "push back on",
    "celebrate",
    "clash over",
    "rally after",
    "weigh",
    "reject",
    "probe",
    "back",
]
OBJECTS = [
    "new tariffs",
    "record heat",
    "a surprise rate cut",
    "the merger",
    "budget cuts",
    "a late winner",
    "data leak claims",
    "the strike",
]


def headline(rng: random.Random) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return rng.choice(
        [
            text,
            text,
            f"{text}?",
            f"Watch: {text.lower()}",
            f"{text} – live updates",
            f"Analysis: {text.lower()}",
        ]
    )


def date_line(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2025)
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    return rng.choice(
        [
            f"Published {day} {month} {year}",
            f"{rng.choice(DAYS)} {day} {month[:3]} {year} {hour:02d}.{minute:02d} GMT",
            f"Updated {rng.randint(2, 23)} hours ago",
            f"{month} {day}, {year} at {hour}:{minute:02d} pm ET",
            f"{rng.randint(2, 14)} min read",
            f"Last modified on {rng.choice(DAYS)} {day} {month[:3]} {year}",
            f"{day}/{rng.randint(1, 12)}/{year}",
        ]
    )


def top_junk(rng: random.Random) -> list[str]:
    pool = [
        lambda: f"Home › {rng.choice(SECTIONS)} › {rng.choice(SECTIONS)}",
        lambda: f"{rng.choice(SECTIONS)} | {rng.choice(SECTIONS)} | {rng.choice(SECTIONS)}",
        lambda: f"By {rng.choice(NAMES)}",
        lambda: f"By {rng.choice(NAMES)} and {rng.choice(NAMES)}",
        lambda: date_line(rng),
        lambda: date_line(rng),
        lambda: rng.choice(
            [
                "Share on Facebook",
                "Share on Twitter",
                "Share via Email",
                "Share on WhatsApp",
                "Tweet this",
            ]
        ),
        lambda: " ".join(
            rng.sample(
                ["Facebook", "Twitter", "LinkedIn", "Email", "WhatsApp", "Print", "Reddit"], 3
            )
        ),
        lambda: rng.choice(
            ["Listen to this article", f"Listen to this article · {rng.randint(3, 12)} min"]
        ),
        lambda: rng.choice(["Advertisement", "ADVERTISEMENT", "Sponsored"]),
        lambda: rng.choice(
            ["Skip to main content", "Skip to content", "Menu", "Search", "Sign in", "Subscribe"]
        ),
        lambda: (
            "We use cookies to give you the best experience on our website. By continuing you agree to our use of cookies."
        ),
        lambda: rng.choice(["Accept all cookies", "Manage cookie settings", "Got it"]),
        lambda: f"{rng.randint(2, 900)} comments",
        lambda: f"{rng.randint(2, 90)} shares",
    ]
    return [rng.choice(pool)() for _ in range(rng.randint(2, 6))]


def bottom_junk(rng: random.Random) -> list[str]:
    outlet = rng.choice(OUTLETS)
    pool = [
        lambda: [f"{rng.randint(2, 900)} comments"],
        lambda: [f"View all {rng.randint(2, 900)} comments"],
        lambda: ["Notify of", "Inline Feedbacks", "View all comments"],
        lambda: [
            rng.choice(
                [
                    "Leave a comment",
                    "Leave a Reply",
                    "Comments are closed.",
                    "Join the conversation",
                    "Be the first to comment",
                ]
            )
        ],
        lambda: [
            rng.choice(["Share this article", "Share this story", "Share"]),
            "Facebook",
            "Twitter",
            "Email",
        ],
        lambda: (
            [
                rng.choice(
                    [
                        "Related:",
                        "Related",
                        "Related stories",
                        "More from " + outlet,
                        "Most read",
                        "You may also like",
                    ]
                )
            ]
            + [headline(rng) for _ in range(rng.randint(2, 5))]
        ),
        lambda: [
            rng.choice(
                [
                    "Sign up to our daily newsletter",
                    "Sign up for the morning briefing",
                    f"Subscribe to {outlet} for the latest updates.",
                ]
            )
        ],
        lambda: [f"Get the {outlet} newsletter in your inbox"],
        lambda: [
            rng.choice(
                [
                    f"© {rng.randint(2015, 2025)} {outlet}. All rights reserved.",
                    f"Copyright {rng.randint(2015, 2025)} {outlet}",
                    f"(c) {outlet} {rng.randint(2015, 2025)}",
                ]
            )
        ],
        lambda: ["Topics", rng.choice(SECTIONS), rng.choice(SECTIONS)],
        lambda: [f"Tags: {rng.choice(SECTIONS)}, {rng.choice(SECTIONS)}, {rng.choice(SECTIONS)}"],
        lambda: [
            rng.choice(
                [
                    "Back to top",
                    "Privacy Policy | Terms of Use | Cookie Settings",
                    "Terms of Service",
                ]
            )
        ],
        lambda: [f"Reporting by {rng.choice(NAMES)}; Editing by {rng.choice(NAMES)}"],
        lambda: [rng.choice(["Read more", "Advertisement", "Continue reading"])],
        lambda: [
            "This website uses cookies to improve your experience. We'll assume you're ok with this."
        ],
        lambda: [f"Follow {outlet} on Twitter and Facebook"],
        lambda: [date_line(rng)],
    ]
    lines: list[str] = []
    for _ in range(rng.randint(2, 6)):
        lines.extend(rng.choice(pool)())
    return lines


INTERIOR = [
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Article continues below",
    "Continue reading below",
]


def run_junk(truth: dict, settings: dict, seed: int = 7) -> dict:
    rng = random.Random(seed)
    junk_total = junk_removed = 0
    sentences_total = sentences_kept = lines_total = lines_kept = 0
    lost: list[str] = []
    leaked: list[str] = []
    started = time.perf_counter()
    for page_id, item in truth.items():
        paragraphs = [p for p in item["articleBody"].split("\n") if p.strip()]
        top, bottom = top_junk(rng), bottom_junk(rng)
        interior = []
        if len(paragraphs) > 3 and rng.random() < 0.5:
            at = rng.randint(1, len(paragraphs) - 1)
            interior = [rng.choice(INTERIOR)]
            paragraphs = paragraphs[:at] + interior + paragraphs[at:]
        text = "\n\n".join([*top, *paragraphs, *bottom])
        cleaned = clean(RawDocument(source=page_id, content=text, kind="text"), settings)
        removed = Counter(cleaned.removed)
        for line in [*top, *interior, *bottom]:
            junk_total += 1
            if removed[normalise_space(line)] > 0:
                removed[normalise_space(line)] -= 1
                junk_removed += 1
            else:
                leaked.append(line)
        kept_text = normalise_space(cleaned.text)
        for line in item["articleBody"].split("\n"):
            line = normalise_space(line)
            if not line:
                continue
            lines_total += 1
            lines_kept += line in kept_text
            for sentence in SENTENCE.findall(line):
                sentence = normalise_space(sentence)
                sentences_total += 1
                if sentence in kept_text:
                    sentences_kept += 1
                else:
                    lost.append(sentence)
    return {
        "pages": len(truth),
        "junk lines": junk_total,
        "junk removed %": 100 * junk_removed / junk_total,
        "body sentences": sentences_total,
        "sentences kept %": 100 * sentences_kept / sentences_total,
        "body lines": lines_total,
        "lines kept %": 100 * lines_kept / lines_total,
        "docs/s": len(truth) / (time.perf_counter() - started),
        "leaked": leaked,
        "lost": lost,
    }


def print_extraction(truth: dict, settings: dict) -> None:
    print(
        f"HTML -> article body, {len(truth)} pages (scrapinghub metric: 4-gram shingles, macro P/R)"
    )
    print(
        f"{'system':32} {'precision':>9} {'recall':>7} {'F1':>7} {'exact':>6} {'pages/s':>8} {'failed':>6}"
    )
    for row in run_extraction(truth, settings):
        print(
            f"{row['system']:32} {row['precision']:9.4f} {row['recall']:7.4f} {row['f1']:7.4f} "
            f"{row['accuracy']:6.3f} {row['pages/s']:8.1f} {row['failed']:6d}"
        )
    print()


def print_junk(truth: dict, settings: dict, show: int, seed: int) -> None:
    junk = run_junk(truth, settings, seed)
    print(
        f"Junk lines around ground-truth bodies, fed as plain text ({junk['pages']} docs, {junk['docs/s']:.0f} docs/s)"
    )
    print(f"  junk lines removed : {junk['junk removed %']:6.2f} %  of {junk['junk lines']}")
    print(f"  body sentences kept: {junk['sentences kept %']:6.2f} %  of {junk['body sentences']}")
    print(f"  body lines kept    : {junk['lines kept %']:6.2f} %  of {junk['body lines']}")
    if show:
        print(f"  junk leaked (first {show}): {junk['leaked'][:show]}")
        print(f"  sentences lost (first {show}): {[s[:80] for s in junk['lost'][:show]]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument(
        "--show", type=int, default=10, help="junk lines leaked / sentences lost to list"
    )
    parser.add_argument("--junk-only", action="store_true", help="skip the HTML extraction part")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generated junk")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"benchmark data not found at {DATA}")
    truth = json.loads((DATA / "ground-truth.json").read_text("utf-8"))
    if args.limit:
        truth = dict(list(truth.items())[: args.limit])
    settings = settings_module.load()
    if not args.junk_only:
        print_extraction(truth, settings)
    print_junk(truth, settings, args.show, args.seed)


if __name__ == "__main__":
    main()
