"""Benchmark of claimgraph_actors on the PLOVER gold standard records' actor codes.

    .venv/bin/python bench/actors.py [--show-errors N] [--half dev|held]

Each of the 322 sentences (../shared/eval/event-coding/plover-gsr-cameo, read in place) names its
source and target actors with their text and a CAMEO country (or IGO/NGO) code. For every gold actor
the benchmark finds the actor claimgraph_actors gives the words of ``actorText`` and scores:

- found:   some actor mention overlaps the gold text;
- correct: that actor's country (for a country, government, military, person, anonymous source …)
           equals the gold code, or the gold code is IGO and the actor is an IGO, or NGO and an
           organisation. CAMEO's own codes are mapped to ISO (JAP -> JPN, ITL -> ITA …).
Prints the counts, the share correct, and the first N errors. ``--half`` keeps the sentences of one
half of the GSR as ``bench/events.py`` splits it (even / odd index of the distinct sentences), so
errors can be read on the dev half only.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from claimgraph import nlp as nlp_module

ROOT = Path(__file__).resolve().parent.parent
GSR = (
    ROOT.parent / "shared" / "eval" / "event-coding" / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json"
)
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "DEN": "DNK"}


def gold_actors(record: dict) -> list[dict]:
    actors = []
    for key in ("source", "target"):
        value = record.get(key)
        if isinstance(value, list):
            actors += [a for a in value if a.get("actorText") and a.get("code")]
    return actors


def predicted(doc, start: int, end: int) -> dict | None:
    """The actor with the mention overlapping [start, end) the most."""
    best, overlap = None, 0
    for actor in doc._.actors:
        for s, e in actor["mentions"]:
            size = min(e, end) - max(s, start)
            if size > overlap:
                best, overlap = actor, size
    return best


def correct(actor: dict, code: str) -> bool:
    if code == "IGO":
        return actor["kind"] == "igo"
    if code == "NGO":
        return actor["kind"] in ("organization", "group")
    return actor["country"] == CAMEO_TO_ISO.get(code, code)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", type=int, default=15)
    parser.add_argument("--half", choices=("all", "dev", "held"), default="all")
    args = parser.parse_args()
    records = [
        r for r in json.loads(GSR.read_text("utf-8")) if r.get("text") and r.get("id") != "DOCUMENT"
    ]
    if args.half != "all":
        index = {text: i for i, text in enumerate(dict.fromkeys(r["text"] for r in records))}
        records = [r for r in records if index[r["text"]] % 2 == (args.half == "held")]
    nlp = nlp_module.load()
    pipes = [
        name
        for name in nlp.pipe_names
        if name.startswith("claimgraph_") and name != "claimgraph_actors"
    ]
    counts: Counter = Counter()
    errors = []
    started = time.perf_counter()
    with nlp.select_pipes(disable=pipes):
        docs = nlp.pipe([r["text"] for r in records])
        for record, doc in zip(records, docs, strict=True):
            for gold in gold_actors(record):
                start = record["text"].find(gold["actorText"])
                if start < 0:
                    counts["gold text not in sentence"] += 1
                    continue
                counts["gold"] += 1
                actor = predicted(doc, start, start + len(gold["actorText"]))
                if actor is None:
                    counts["not found"] += 1
                    errors.append((gold["actorText"], gold["code"], None, record["text"]))
                elif correct(actor, gold["code"]):
                    counts["correct"] += 1
                else:
                    counts["wrong"] += 1
                    errors.append((gold["actorText"], gold["code"], actor["id"], record["text"]))
    elapsed = time.perf_counter() - started
    gold = counts["gold"]
    print(
        f"PLOVER GSR actors: {gold} gold actors in {len(records)} sentences ({len(records) / elapsed:.0f} sentences/s)"
    )
    print(
        f"  correct {counts['correct']} ({counts['correct'] / gold:.1%})  wrong {counts['wrong']}  not found {counts['not found']}"
    )
    for text, code, got, sentence in errors[: args.show_errors]:
        print(f"  {text!r:35} gold {code:4} got {got}  | {sentence[:110]}")


if __name__ == "__main__":
    main()
