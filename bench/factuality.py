"""Event factuality benchmark: MEANTIME and UW (unified −3…+3 scale), CommitmentBank as a stress test.

Runs claimgraph's factuality logic (``assess_token``, the function the
component runs on triggers) on the gold event tokens of each corpus, parsed
with the spaCy model claimgraph loads, and maps its labels onto the −3…+3 scale
(certain +3, probable +2, possible +1, unknown 0, negatives mirrored).

    .venv/bin/python bench/factuality.py [--split test|dev|train|all] [--errors N] [--confusion]

Data is read from ../shared/eval/factuality (never copied into the repository).

Classes. The unified MEANTIME files hold the discrete values of Stanovsky et
al.'s conversion (gabrielStanovsky/unified-factuality, src/readers.py,
``Meantime.get_translate_dic``): CERTAIN ±3, PROBABLE ±1.5, POSSIBLE ±0.75,
anything underspecified 0. ``gold_class`` maps them back to FactBank classes
(±3 CT, ±1.5 PR, ±0.75 PS, 0 Uu); UW means are rounded to the nearest of our
seven values. On the non-factual events (gold below +2.5):

- exact: our class is the gold class (7-way: CT+, PR+, PS+, Uu, PS−, PR−, CT−);
- bucket: same polarity and certainty bucket (5-way: CT+, PR/PS+, Uu, PR/PS−, CT−);
- flagged: predicted below certain (+3), the loosest reading;
- sign: same factual (> 0) / uncertain (0) / counterfactual (< 0) class.
"""

from __future__ import annotations

import argparse
import csv
import math
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph import nlp as nlp_module
from claimgraph.components.factuality import SCALE, Lexicon, Settings, assess_token, negated

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "factuality"

# Published figures on the same unified test splits, as (MAE, r) per corpus, only when read in a
# source that can be cited. None were: four rounds of searches on 2026-11-29 (rounds 3 to 6;
# docs/factuality.md lists every place looked) reached the papers' abstracts and openings, the
# repositories' READMEs and code, never a results table.
PUBLISHED = [
    # (system, source, {corpus: (MAE, r)})
    (
        "Rule-based TruthTeller (Stanovsky et al. 2017)",
        "ACL 2017, https://aclanthology.org/P17-2056",
        {},
    ),
    (
        "Supervised + TruthTeller features (Stanovsky et al. 2017)",
        "ACL 2017, https://aclanthology.org/P17-2056",
        {},
    ),
    (
        "BERT (Jiang & de Marneffe 2021)",
        "TACL 9:1081-1097, https://aclanthology.org/2021.tacl-1.64",
        {},
    ),
]


def score(value: str) -> int:
    polarity, strength = SCALE[value]
    return polarity * strength


def gold_class(value: float) -> int:
    """The FactBank class of a gold value on our −3…+3 integer scale.

    MEANTIME's ±1.5 (PROBABLE) and ±0.75 (POSSIBLE) become ±2 and ±1; a UW mean rounds to the
    nearest integer (halves away from zero).
    """
    magnitude = abs(value)
    if magnitude in (0.75, 1.5):
        strength = 1 if magnitude == 0.75 else 2
    else:
        strength = min(3, int(magnitude + 0.5))
    return strength if value > 0 else -strength


def _bucket(value: int) -> int:
    """Polarity and certainty: CT+ 2, PR/PS+ 1, Uu 0, PR/PS− −1, CT− −2."""
    if abs(value) == 3:
        return 2 if value > 0 else -2
    return (value > 0) - (value < 0)


def _sign(value: float) -> int:
    return 0 if abs(value) < 0.5 else (1 if value > 0 else -1)


def read_conll(path: Path) -> list[list[tuple[str, float | None]]]:
    """Sentences as (token, gold factuality or None) pairs."""
    sentences, current = [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        cells = line.split("\t")
        current.append((cells[1], None if cells[2] == "_" else float(cells[2])))
    if current:
        sentences.append(current)
    return sentences


@lru_cache(maxsize=1)
def model_parser() -> Language:
    """The spaCy model alone, its parser reading every sentence (claimgraph's pipeline may parse
    only the sentences that hold a trigger or a cue; the gold events sit anywhere)."""
    return spacy.load(nlp_module.resolve_model())


def parse_words(parser: Language, words: list[str]) -> Doc:
    return parser(Doc(parser.vocab, words=words))


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    vy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (vx * vy) if vx and vy else float("nan")


def _share(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else float("nan")


CLASSES = {3: "CT+", 2: "PR+", 1: "PS+", 0: "Uu", -1: "PS-", -2: "PR-", -3: "CT-"}


def print_confusion(name: str, pairs: list[tuple[float, int]]) -> None:
    """Gold FactBank class (rows) against ours (columns) on the non-factual events."""
    counts: dict[tuple[int, int], int] = {}
    for gold, predicted in pairs:
        key = (gold_class(gold), predicted)
        counts[key] = counts.get(key, 0) + 1
    print(f"\nnon-factual events of {name}: gold (rows) x ours (columns)")
    print(f"{'':>6}" + "".join(f"{label:>6}" for label in CLASSES.values()))
    for gold, label in CLASSES.items():
        if any(counts.get((gold, p), 0) for p in CLASSES):
            print(f"{label:>6}" + "".join(f"{counts.get((gold, p), 0):>6}" for p in CLASSES))
    print()


def evaluate_conll(
    parser: Language,
    lexicon: Lexicon,
    settings: Settings,
    path: Path,
    errors: int = 0,
    confusion: bool = False,
) -> dict:
    gold, predicted, misses = [], [], []
    for sentence in read_conll(path):
        doc = parse_words(parser, [word for word, _ in sentence])
        for i, (_, value) in enumerate(sentence):
            if value is None:
                continue
            assessment = assess_token(doc[i], lexicon, settings)
            gold.append(value)
            predicted.append(score(assessment.factuality))
            if errors:
                misses.append(
                    (abs(value - predicted[-1]), value, predicted[-1], doc[i], assessment)
                )
    if errors:
        print_errors(path, misses, errors)
    mae = sum(abs(g - p) for g, p in zip(gold, predicted, strict=True)) / len(gold)
    nonfactual = [(g, p) for g, p in zip(gold, predicted, strict=True) if g < 2.5]
    if confusion:
        print_confusion(f"{path.parent.name}/{path.stem}", nonfactual)
    return {
        "events": len(gold),
        "mae": mae,
        "r": pearson(predicted, gold),
        "nonfactual": len(nonfactual),
        "nonfactual_exact": _share([gold_class(g) == p for g, p in nonfactual]),
        "nonfactual_bucket": _share([_bucket(gold_class(g)) == _bucket(p) for g, p in nonfactual]),
        "nonfactual_flagged": _share([p < 3 for _, p in nonfactual]),
        "nonfactual_sign": _share([_sign(g) == _sign(p) for g, p in nonfactual]),
        "factual_kept": _share([p == 3 for g, p in zip(gold, predicted, strict=True) if g >= 2.5]),
    }


def print_errors(path: Path, misses: list, count: int) -> None:
    """The ``count`` events whose prediction is farthest from the gold mean."""
    print(f"\nlargest errors in {path.parent.name}/{path.stem}:")
    for _error, gold, predicted, token, assessment in sorted(misses, key=lambda m: -m[0])[:count]:
        marked = " ".join(f"[{t.text}]" if t.i == token.i else t.text for t in token.sent)
        print(
            f"  gold {gold:+.1f} ours {predicted:+d} cues {[cue.lemma for cue in assessment.cues]}: {marked}"
        )
    print()


def commitmentbank(parser: Language, lexicon: Lexicon, settings: Settings) -> dict:
    """Correlation on the embedded clause of 'X thinks/believes/fears … that p'."""
    path = EVAL / "commitmentbank" / "CommitmentBank-items.csv"
    gold, predicted, skipped = [], [], 0
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row, doc in zip(rows, parser.pipe(row["Target"] for row in rows), strict=True):
        verb = row["Verb"].lower()
        matrix = [t for t in doc if t.lemma_.lower() == verb or t.lower_ == verb]
        embedded = [c for t in matrix for c in t.children if c.dep_ in ("ccomp", "xcomp")]
        if not embedded:
            skipped += 1
            continue
        gold.append(float(row["Mean"]))
        value = score(assess_token(embedded[0], lexicon, settings).factuality)
        # the gold mean is the commitment to the clause p, with p's own negation ("knew that she
        # was *not* there": p is true when the event is certain_not)
        predicted.append(-value if negated(embedded[0], lexicon) else value)
    return {
        "items": len(gold),
        "skipped": skipped,
        "r": pearson(predicted, gold),
        "mae": sum(abs(g - p) for g, p in zip(gold, predicted, strict=True)) / len(gold),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["test", "dev", "train", "all"])
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the N largest errors per corpus"
    )
    parser.add_argument(
        "--confusion",
        action="store_true",
        help="print gold against predicted class on the non-factual events",
    )
    args = parser.parse_args()
    if not EVAL.exists():
        raise SystemExit(f"benchmark data not found at {EVAL}")
    model = model_parser()
    lexicon = Lexicon.packaged()
    settings = Settings()
    splits = ["train", "dev", "test"] if args.split == "all" else [args.split]
    print(
        f"{'corpus':<24}{'events':>7}{'MAE':>7}{'r':>7}{'non-fact':>9}{'exact':>7}{'bucket':>7}"
        f"{'flagged':>8}{'sign':>6}{'fact kept':>10}"
    )
    for corpus in ("uw-unified", "meantime-unified"):
        for split in splits:
            path = EVAL / corpus / f"{split}.conll"
            if not path.exists():  # UW has no train split in ../shared
                continue
            result = evaluate_conll(model, lexicon, settings, path, args.errors, args.confusion)
            print(
                f"{corpus + '/' + split:<24}{result['events']:>7}{result['mae']:>7.3f}{result['r']:>7.3f}"
                f"{result['nonfactual']:>9}{result['nonfactual_exact']:>7.3f}"
                f"{result['nonfactual_bucket']:>7.3f}{result['nonfactual_flagged']:>8.3f}"
                f"{result['nonfactual_sign']:>6.3f}{result['factual_kept']:>10.3f}"
            )
    cb = commitmentbank(model, lexicon, settings)
    print(
        f"\nCommitmentBank (embedded clause of the target): {cb['items']} items ({cb['skipped']} without a parsed"
        f" complement), Pearson r {cb['r']:.3f}, MAE {cb['mae']:.3f}"
    )
    print(
        "\nnon-fact = gold < 2.5; exact = same 7-way FactBank class (MEANTIME ±1.5 = PR, ±0.75 = PS);"
    )
    print("bucket = same CT+ / PR-PS+ / Uu / PR-PS- / CT- bucket; flagged = predicted below +3;")
    print(
        "sign = same factual/uncertain/counterfactual class; fact kept = gold >= 2.5 predicted +3."
    )
    print("\nPublished figures on the same test splits (MAE, r):")
    for system, source, figures in PUBLISHED:
        shown = (
            ", ".join(f"{corpus} {mae}/{r}" for corpus, (mae, r) in figures.items())
            or "not verified (no result table found in a citable source; docs/factuality.md)"
        )
        print(f"  {system}: {shown}  [{source}]")


if __name__ == "__main__":
    main()
