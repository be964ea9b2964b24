"""Event factuality benchmark: MEANTIME and UW (unified −3…+3 scale), CommitmentBank as a stress test.

Runs claimgraph's factuality logic (``assess_token``, the function the
component runs on triggers) on the gold event tokens of each corpus, parsed
with claimgraph's spaCy pipeline, and maps its labels onto the −3…+3 scale
(certain +3, probable +2, possible +1, unknown 0, negatives mirrored).

    .venv/bin/python bench/factuality.py [--split test|dev|all] [--errors N]

Data is read from ../shared/eval/factuality (never copied into the repository).
"""

from __future__ import annotations

import argparse
import csv
import math
from pathlib import Path

from spacy.tokens import Doc

from claimgraph import nlp as nlp_module
from claimgraph.components.factuality import SCALE, Lexicon, Settings, assess_token

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "factuality"

# Published figures on the same unified test splits. None = not verified from the source
# within this session (only the papers' abstracts were reachable); fill in from the PDFs.
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


def model_pipes(nlp):
    return [proc for name, proc in nlp.pipeline if not name.startswith("claimgraph_")]


def parse_words(nlp, words: list[str]) -> Doc:
    doc = Doc(nlp.vocab, words=words)
    for proc in model_pipes(nlp):
        doc = proc(doc)
    return doc


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    vy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (vx * vy) if vx and vy else float("nan")


def evaluate_conll(nlp, lexicon: Lexicon, settings: Settings, path: Path, errors: int = 0) -> dict:
    gold, predicted, misses = [], [], []
    for sentence in read_conll(path):
        doc = parse_words(nlp, [word for word, _ in sentence])
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
    return {
        "events": len(gold),
        "mae": mae,
        "r": pearson(predicted, gold),
        "nonfactual": len(nonfactual),
        # same 7-way class after rounding the gold mean
        "nonfactual_exact": sum(round(g) == p for g, p in nonfactual) / len(nonfactual)
        if nonfactual
        else float("nan"),
        # flagged as not certainly factual (predicted below +3)
        "nonfactual_flagged": sum(p < 3 for _, p in nonfactual) / len(nonfactual)
        if nonfactual
        else float("nan"),
        # same sign class: factual (>0) / uncertain (0) / counterfactual (<0)
        "nonfactual_sign": sum(_sign(g) == _sign(p) for g, p in nonfactual) / len(nonfactual)
        if nonfactual
        else float("nan"),
        "factual_kept": sum(p == 3 for g, p in zip(gold, predicted, strict=True) if g >= 2.5)
        / max(1, sum(g >= 2.5 for g in gold)),
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


def _sign(value: float) -> int:
    return 0 if abs(value) < 0.5 else (1 if value > 0 else -1)


def commitmentbank(nlp, lexicon: Lexicon, settings: Settings) -> dict:
    """Correlation on the embedded clause of 'X thinks/believes/fears … that p'."""
    path = EVAL.parent / "factuality" / "commitmentbank" / "CommitmentBank-items.csv"
    gold, predicted, skipped = [], [], 0
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    docs = nlp.pipe(
        (row["Target"] for row in rows),
        disable=[n for n in nlp.pipe_names if n.startswith("claimgraph_")],
    )
    for row, doc in zip(rows, docs, strict=True):
        verb = row["Verb"].lower()
        matrix = [t for t in doc if t.lemma_.lower() == verb or t.lower_ == verb]
        embedded = [c for t in matrix for c in t.children if c.dep_ in ("ccomp", "xcomp")]
        if not embedded:
            skipped += 1
            continue
        gold.append(float(row["Mean"]))
        predicted.append(score(assess_token(embedded[0], lexicon, settings).factuality))
    return {
        "items": len(gold),
        "skipped": skipped,
        "r": pearson(predicted, gold),
        "mae": sum(abs(g - p) for g, p in zip(gold, predicted, strict=True)) / len(gold),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["test", "dev", "all"])
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the N largest errors per corpus"
    )
    args = parser.parse_args()
    if not EVAL.exists():
        raise SystemExit(f"benchmark data not found at {EVAL}")
    nlp = nlp_module.load()
    lexicon = Lexicon.packaged()
    settings = Settings()
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    print(
        f"{'corpus':<22}{'events':>7}{'MAE':>7}{'r':>7}{'non-fact':>9}{'exact':>7}{'flagged':>8}{'sign':>6}{'fact kept':>10}"
    )
    for corpus in ("uw-unified", "meantime-unified"):
        for split in splits:
            result = evaluate_conll(
                nlp, lexicon, settings, EVAL / corpus / f"{split}.conll", args.errors
            )
            print(
                f"{corpus + '/' + split:<22}{result['events']:>7}{result['mae']:>7.3f}{result['r']:>7.3f}"
                f"{result['nonfactual']:>9}{result['nonfactual_exact']:>7.3f}{result['nonfactual_flagged']:>8.3f}"
                f"{result['nonfactual_sign']:>6.3f}{result['factual_kept']:>10.3f}"
            )
    cb = commitmentbank(nlp, lexicon, settings)
    print(
        f"\nCommitmentBank (embedded clause of the target): {cb['items']} items ({cb['skipped']} without a parsed"
        f" complement), Pearson r {cb['r']:.3f}, MAE {cb['mae']:.3f}"
    )
    print(
        "\nnon-fact = gold < 2.5; exact = same 7-way class as the rounded gold; flagged = predicted below +3;"
    )
    print(
        "sign = same factual/uncertain/counterfactual class; fact kept = gold >= 2.5 predicted +3."
    )
    print("\nPublished figures on the same test splits (MAE, r):")
    for system, source, figures in PUBLISHED:
        shown = (
            ", ".join(f"{corpus} {mae}/{r}" for corpus, (mae, r) in figures.items())
            or "not verified"
        )
        print(f"  {system}: {shown}  [{source}]")


if __name__ == "__main__":
    main()
