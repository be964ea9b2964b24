"""Benchmark of claimgraph_events on the event-coding sets in ../shared/eval/event-coding.

    .venv/bin/python bench/events.py [--set gsr|petr2|unit|ngec|all] [--ngec-sample N] [--show-errors N]

- gsr:   PLOVER gold standard records (322 sentences from the CAMEO manual). 2016 labels renamed
         (DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT, INVESTIGATE->ACCUSE); scored on
         (type, source country, target country) with the manual's strict type (future AID -> AGREE).
- petr2: UniversalPetrarch PETR-2 validation records (78 real-news sentences), scored on
         (CAMEO root, source country, target country); no-event sentences count extras.
- unit:  PETRARCH2 unit-test records, coded with their fictional actor dictionary converted to a
         claimgraph actor file (see ``convert_petrarch_actors``); a record passes when every expected
         dyad is found and nothing else.
- ngec:  NGEC synthetic stories: agreement of the document's most confident event type with the
         prompt label (silver, not accuracy).

Each set prints P/R/F1 overall and per type, the share of gold events correct / missed and of extra
events (UniversalPetrarch's measures), and sentences per second. Data is read in place, never copied.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from claimgraph import nlp as nlp_module
from claimgraph.components.plover import act_cameo, strict_plover

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "event-coding"

# where a <Sentence ...> record starts in the PETRARCH XML files (they are not well-formed XML)
SENTENCE_START = re.compile(r"(?=<Sentence\b)")
# attributes inside a tag
ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
EVENT_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
# an event span in the GSR markup ("(EVT: offered to hand over)") and a word in it
EVT_SPAN = re.compile(r"\(EVT:\s*([^)]*)\)")
WORD = re.compile(r"[\w-]+")
TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
# XML comments (the unit-test file explains each record in one)
COMMENT = re.compile(r"<!--.*?-->", re.S)
# a PETRARCH actor line: "NAME [CODE]" (code may be dated: "[HOB < 950601]"), "+SYNONYM", or "NAME"
ACTOR_LINE = re.compile(r"^(?P<plus>\+)?(?P<name>[^\[#]+?)\s*(?:\[(?P<code>[^\]]*)\])?\s*(?:#.*)?$")
# a dated code line under an actor: "[HOBGOV 20121109-20130119]"
DATED_CODE = re.compile(r"^\s*\[(?P<code>[^\]\s<>]+)[^\]]*\]")

RENAME_2016 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
# CAMEO country codes that differ from ISO 3166 alpha-3
CAMEO_TO_ISO = {
    "JAP": "JPN",
    "ITL": "ITA",
    "LTH": "LTU",
    "ZAM": "ZMB",
    "PAL": "PSE",
    "UAE": "ARE",
    "ROM": "ROU",
}
# CAMEO codes of international organisations scored as one "IGO" class
IGO_CODES = {"IGO", "UNO", "NATO", "EEC", "EUR", "IMF", "IBR", "WTO", "IMG", "NGO"}


def norm_code(code: str | None) -> str | None:
    """A gold actor code as a country (first three letters, ISO) or IGO."""
    if not code or code in ("---", "+++"):
        return None
    head = code[:3].upper()
    if head in IGO_CODES or code.upper().startswith(("IGO", "NGO", "IMG")):
        return "IGO"
    return CAMEO_TO_ISO.get(head, head)


def actor_country(actor_id: str | None, actors: dict[str, dict]) -> str | None:
    """The country (or IGO) an actor id stands for, from the document's actor table."""
    if actor_id is None:
        return None
    actor = actors.get(actor_id, {})
    kind = actor.get("kind")
    if kind == "igo" or (
        (kind == "organization" or (kind == "group" and actor_id.startswith("org:")))
        and not actor.get("country")
    ):
        # CAMEO codes international and non-governmental organisations IGO / NGO, and
        # transnational armed groups (al-Qaeda, the Islamic State: the tables' countryless
        # groups) IMG, all scored as one IGO class
        return "IGO"
    if actor.get("country"):
        return actor["country"]
    head = actor_id.split(".", 1)[0]
    return head if len(head) == 3 and head.isupper() else actor_id


def predicted(doc) -> list[dict]:
    """The doc's events with source/target countries and the strict PLOVER type."""
    actors = {a["id"]: a for a in doc._.actors}
    out = []
    for event in doc._.events:
        strict = strict_plover(event, doc)
        out.append(
            {
                "type": strict,
                # CAMEO coders code an announced act itself (0331 -> 07), but a refusal as a refusal
                "root": "12" if strict == "REJECT" else (act_cameo(event["cameo"]) or "")[:2],
                "src": actor_country(event["source"], actors),
                "tgt": actor_country(event["target"], actors),
                "trigger": event["trigger"]["text"],
            }
        )
    return out


class Score:
    """Counts for P/R/F1 overall and per label, plus UniversalPetrarch's correct/missed/extra."""

    def __init__(self) -> None:
        self.gold = Counter()
        self.found = Counter()  # gold events matched, per gold label
        self.pred = Counter()
        self.good = Counter()  # predictions that match a gold event, per predicted label

    def add(self, golds: list[tuple[str, object]], preds: list[tuple[str, object]], match) -> None:
        """golds/preds: (label, item); ``match(gold_item, pred_item)`` says whether they agree."""
        for label, gold in golds:
            self.gold[label] += 1
            if any(match(gold, pred) for _, pred in preds):
                self.found[label] += 1
        for label, pred in preds:
            self.pred[label] += 1
            if any(match(gold, pred) for _, gold in golds):
                self.good[label] += 1

    @staticmethod
    def prf(good: int, pred: int, found: int, gold: int) -> tuple[float, float, float]:
        p = good / pred if pred else 0.0
        r = found / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self, title: str) -> dict:
        g, f, p_, gd = (sum(c.values()) for c in (self.gold, self.found, self.pred, self.good))
        p, r, f1 = self.prf(gd, p_, f, g)
        print(f"\n== {title}")
        print(f"overall  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}   gold {g}  predicted {p_}")
        extra = p_ - gd
        if g:
            print(
                f"UP measures: correct {f / g:.1%}  missed {(g - f) / g:.1%}  extra {extra / g:.1%} (of gold)"
            )
        print(f"{'label':<10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for label in sorted(set(self.gold) | set(self.pred)):
            lp, lr, lf = self.prf(
                self.good[label], self.pred[label], self.found[label], self.gold[label]
            )
            print(
                f"{label:<10} {self.gold[label]:>5} {self.pred[label]:>5} {lp:>6.2f} {lr:>6.2f} {lf:>6.2f}"
            )
        return {"precision": p, "recall": r, "f1": f1, "gold": g, "predicted": p_, "extra": extra}


def run_docs(nlp, texts: list[str]):
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    rate = len(texts) / (time.perf_counter() - start)
    return docs, rate


# ----- (a) PLOVER GSR -------------------------------------------------------------------------
def gsr_sentences() -> list[tuple[str, list[tuple], set[str]]]:
    """The GSR as sentences with their gold events and the words of their marked event spans:
    (text, [(type, sources, targets, reciprocal)], {word in an "(EVT: ...)" span}).

    Six sentences appear in two records each, one per event they hold ("Benin opened its borders
    ... but was still refusing admittance to Ghanaians" is AID and REJECT): a sentence's gold is
    every event recorded for it, so a prediction of either counts as right.
    """
    records = json.loads((EVAL / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json").read_text("utf-8"))
    sentences: dict[str, tuple[list[tuple], set[str]]] = {}
    for record in records:
        if not record.get("event") or not record.get("text") or record["event"] == "DOCUMENT":
            continue
        gtype = RENAME_2016.get(record["event"], record["event"])
        srcs = {norm_code(a["code"]) for a in record.get("source") or [] if isinstance(a, dict)}
        tgts = {norm_code(a["code"]) for a in record.get("target") or [] if isinstance(a, dict)}
        info = record.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else ""
        reciprocal = "SRC/TAR" in markup
        golds, marked = sentences.setdefault(record["text"], ([], set()))
        golds.append((gtype, srcs, tgts, reciprocal))
        marked.update(w.lower() for span in EVT_SPAN.findall(markup) for w in WORD.findall(span))
    return [(text, golds, marked) for text, (golds, marked) in sentences.items()]


def gsr_match(gold: tuple, pred: dict) -> bool:
    """A prediction matches a gold event on type, source country and target country."""
    gtype, srcs, tgts, reciprocal = gold
    if pred["type"] != gtype or pred["src"] not in srcs:
        return False
    if tgts:
        return pred["tgt"] in tgts or (reciprocal and pred["tgt"] in srcs)
    return pred["tgt"] is None or pred["tgt"] in srcs  # no recipient coded: none, or a co-actor


def bench_gsr(show: int, half: str = "all") -> dict:
    """``half``: "dev" (even sentence indices), "held" (odd) or "all" — tuning looks at dev only."""
    sentences = gsr_sentences()
    if half != "all":
        sentences = sentences[half == "held" :: 2]
    nlp = nlp_module.load()
    docs, rate = run_docs(nlp, [text for text, _, _ in sentences])
    score = Score()
    aligned = Score()  # diagnostic: wrong predictions outside every marked event span set aside
    typed = typed_right = 0
    errors = []
    for (text, golds, marked), doc in zip(sentences, docs, strict=True):
        preds = predicted(doc)
        score.add([(g[0], g) for g in golds], [(p["type"], p) for p in preds], gsr_match)
        inside = [
            p
            for p in preds
            if p["trigger"].lower() in marked or any(gsr_match(g, p) for g in golds)
        ]
        aligned.add([(g[0], g) for g in golds], [(p["type"], p) for p in inside], gsr_match)
        if preds:
            typed += 1
            typed_right += any(p["type"] == g[0] for p in preds for g in golds)
        if not all(any(gsr_match(g, p) for p in preds) for g in golds):
            gold = [(g[0], sorted(map(str, g[1])), sorted(map(str, g[2]))) for g in golds]
            errors.append((text, gold, preds))
    result = score.report(
        f"PLOVER GSR ({len(sentences)} sentences, {half}), (type, source, target)"
    )
    print(
        f"type accuracy on sentences with a predicted event: {typed_right}/{typed} = {typed_right / max(typed, 1):.3f}"
    )
    a_good, a_pred = sum(aligned.good.values()), sum(aligned.pred.values())
    a_found, a_gold = sum(aligned.found.values()), sum(aligned.gold.values())
    a_p, a_r, a_f1 = Score.prf(a_good, a_pred, a_found, a_gold)
    print(
        f"diagnostic, not the measure: with the {sum(score.pred.values()) - a_pred} wrong predictions whose"
        f" trigger lies outside every marked (EVT: ...) span set aside (unannotated events or"
        f" false positives): P {a_p:.3f}  R {a_r:.3f}  F1 {a_f1:.3f}"
    )
    print(f"speed: {rate:.1f} sentences/s")
    show_errors(errors, show)
    result.update(type_accuracy=typed_right / max(typed, 1), rate=rate, aligned_f1=a_f1)
    return result


def show_errors(errors, show: int) -> None:
    for text, *gold, preds in errors[:show]:
        print(
            f"- {text[:150]}\n    gold {gold}\n    pred {[(p['type'], p['src'], p['tgt'], p['trigger']) for p in preds]}"
        )


# ----- PETRARCH XML ---------------------------------------------------------------------------
def petrarch_records(path: Path) -> list[dict]:
    """Sentences of a PETRARCH validation file: text, expected codings, noevents flag."""
    raw = path.read_text("utf-8", errors="replace")
    out = []
    # the GSR file self-closes <Sentence .../> and still writes </Sentence>: cut on the open tags
    chunks = SENTENCE_START.split(COMMENT.sub("", raw))[1:]
    for chunk in chunks:
        head = chunk[: chunk.index(">")]
        attrs = dict(ATTRIBUTE.findall(head))
        text = TEXT.search(chunk)
        if not text:
            continue
        codings = [dict(ATTRIBUTE.findall(c)) for c in EVENT_CODING.findall(chunk)]
        noevents = any("noevents" in c for c in codings)
        codings = [c for c in codings if "eventcode" in c and "noevents" not in c]
        out.append(
            {
                "id": attrs.get("id"),
                "category": attrs.get("category"),
                "text": " ".join(text.group(1).split()),
                "codings": codings,
                "noevents": noevents or not codings,
                "error": any("error" in c for c in codings),
            }
        )
    return out


def bench_cameo(name: str, records: list[dict], nlp, show: int) -> dict:
    docs, rate = run_docs(nlp, [r["text"] for r in records])
    score = Score()
    dyads = Score()  # (source, target) only: engine-specific event codes set aside
    errors = []
    passed = 0
    for record, doc in zip(records, docs, strict=True):
        golds = [
            (
                c["eventcode"][:2],
                (
                    c["eventcode"][:2],
                    norm_code(c.get("sourcecode")),
                    norm_code(c.get("targetcode")),
                ),
            )
            for c in record["codings"]
        ]
        preds = [(p["root"], p) for p in predicted(doc)]

        def match(g, p):
            return g == (p["root"], p["src"], p["tgt"])

        score.add(golds, preds, match)
        dyads.add(
            [("dyad", g[1:]) for _, g in golds],
            [("dyad", p) for _, p in preds],
            lambda g, p: g == (p["src"], p["tgt"]),
        )
        ok_gold = all(any(match(g, p) for _, p in preds) for _, g in golds)
        ok_pred = all(any(match(g, p) for _, g in golds) for _, p in preds)
        if ok_gold and ok_pred:
            passed += 1
        else:
            errors.append((record["text"], [g for _, g in golds], [p for _, p in preds]))
    result = score.report(f"{name} ({len(records)} sentences), (CAMEO root, source, target)")
    dyad = dyads.report(f"{name}: dyads only (source, target), any event code")
    result["dyad_f1"] = dyad["f1"]
    print(
        f"records fully right (all gold found, nothing extra): {passed}/{len(records)} = {passed / len(records):.1%}"
    )
    print(f"speed: {rate:.1f} sentences/s")
    for text, gold, preds in errors[:show]:
        print(
            f"- {text[:150]}\n    gold {gold}\n    pred {[(p['root'], p['src'], p['tgt'], p['trigger']) for p in preds]}"
        )
    result.update(passed=passed, records=len(records), rate=rate)
    return result


def bench_petr2(show: int) -> dict:
    records = petrarch_records(EVAL / "universalpetrarch-petr2-gsr" / "PETR2_GSR_validation.xml")
    return bench_cameo("PETR-2 GSR real news", records, nlp_module.load(), show)


# ----- (c) PETRARCH2 unit tests with their actor dictionary -----------------------------------
def convert_petrarch_actors(path: Path) -> list[dict]:
    """PETRARCH actor dictionary -> claimgraph actor entries (YAML-ready dicts).

    "NAME [CODE]" starts an entry ("_" joins words), "+SYNONYM" adds an alias, a line holding only a
    dated code ("[HOBGOV 20121109-20130119]") is skipped (claimgraph entries are not dated: the
    entry keeps its first code). The id is the code; the country its first three letters.
    Agents ("police" -> ~COP) compose with a country in PETRARCH and have no claimgraph equivalent.
    """
    entries: list[dict] = []
    current: dict | None = None
    for line in COMMENT.sub("", path.read_text("utf-8", errors="replace")).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if DATED_CODE.match(line):
            if current is not None and not current.get("id"):
                current["id"] = DATED_CODE.match(line).group("code")
            continue
        m = ACTOR_LINE.match(line.strip())
        if not m:
            continue
        name = m.group("name").replace("_", " ").strip()
        if not name:
            continue
        if m.group("plus") and current is not None:
            current["aliases"].append(name)
            continue
        code = (m.group("code") or "").split()[0] if m.group("code") else ""
        current = {"name": name, "aliases": [], "id": code}
        entries.append(current)
    out = []
    for entry in entries:
        code = entry["id"].strip("~+")
        if not code or not code[:3].isalpha():
            continue
        country = code[:3].upper()
        out.append(
            {
                "name": entry["name"].title(),
                "aliases": [a.title() for a in entry["aliases"]],
                "id": code.upper(),
                "kind": "country" if len(code) == 3 else "group",
                "country": country,
            }
        )
    return out


def bench_unit(show: int) -> dict:
    folder = EVAL / "petrarch2-unit-tests"
    entries = convert_petrarch_actors(folder / "PETR.Validate.actors.txt")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "petrarch-actors.yaml"
        path.write_text(yaml.safe_dump(entries, allow_unicode=True), "utf-8")
        nlp = nlp_module.load(actors=str(path))
        records = [
            r for r in petrarch_records(folder / "PETR.UnitTest.records.xml") if not r["error"]
        ]
        print(f"\nconverted {len(entries)} PETRARCH actors")
        return bench_cameo("PETRARCH2 unit tests", records, nlp, show)


# ----- (d) NGEC synthetic stories -------------------------------------------------------------
def bench_ngec(sample: int) -> dict:
    with zipfile.ZipFile(
        EVAL / "ngec-synthetic-plover" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    ) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(zf.open(name), "utf-8")))
    by_label = defaultdict(list)
    for row in rows:
        by_label[row["label"]].append(row)
    per = max(1, sample // len(by_label))
    picked = [
        r for label in sorted(by_label) for r in by_label[label][:per]
    ]  # first N per label: deterministic
    nlp = nlp_module.load()
    docs, rate = run_docs(nlp, [r["text"] for r in picked])
    agree = Counter()
    total = Counter()
    none = 0
    for row, doc in zip(picked, docs, strict=True):
        label = row["label"]
        total[label] += 1
        weights = Counter()
        for event in doc._.events:
            weights[strict_plover(event, doc)] += event["confidence"]
        if not weights:
            none += 1
            continue
        agree[label] += weights.most_common(1)[0][0] == label
    n = sum(total.values())
    print(
        f"\n== NGEC synthetic stories ({n} sampled, {per} per label): agreement with the prompt label"
    )
    print(
        f"overall {sum(agree.values()) / n:.3f}; stories with no event {none / n:.1%}; {rate:.1f} stories/s"
    )
    for label in sorted(total):
        print(f"{label:<10} {agree[label]:>4}/{total[label]:<4} {agree[label] / total[label]:.2f}")
    return {"agreement": sum(agree.values()) / n, "no_event": none / n, "rate": rate}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="all", choices=["gsr", "petr2", "unit", "ngec", "all"])
    parser.add_argument("--ngec-sample", type=int, default=320)
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument(
        "--half",
        default="all",
        choices=["all", "dev", "held"],
        help="GSR half (even/odd sentences)",
    )
    args = parser.parse_args(argv)
    if not EVAL.exists():
        print(f"benchmark data not found at {EVAL}", file=sys.stderr)
        return 1
    sets = ["gsr", "petr2", "unit", "ngec"] if args.set == "all" else [args.set]
    for name in sets:
        if name == "gsr":
            bench_gsr(args.show_errors, args.half)
        elif name == "petr2":
            bench_petr2(args.show_errors)
        elif name == "unit":
            bench_unit(args.show_errors)
        else:
            bench_ngec(args.ngec_sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
