"""Quote attribution benchmark on PolNeAR (dev or test): claimgraph_quotes vs textacy's direct_quotations.

Reads ../shared/eval/quotes/polnear/<split>/ at run time (never copied into the repo). One annotator per
document (the first listed in metadata.tsv that has a file). Scores content, source and cue spans, exact
(same word tokens, ignoring punctuation and quote marks) and overlap (shared word tokens / the longer of the
two >= 0.5), P/R/F1, for attributions whose content carries double quote marks ("direct": direct and mixed
quotes) and those without ("indirect"), plus all together. Predictions and gold attributions are paired
one-to-one on content first; a source or cue counts when its pair's source/cue also matches (a gold source
that is a bare relative pronoun, "who" in "Christie, who said", matches its antecedent: SPEC's speaker).

    .venv/bin/python bench/quotes.py [--split dev|test] [--limit N] [--errors N] [--no-textacy]

``score_polnear(split)`` runs it from Python (the quality gate in tests/test_quality_gate.py).
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "quotes" / "polnear"
# a word token for scoring (punctuation and quote marks do not count)
WORD = re.compile(r"\w+")
# a double quotation mark ('' is one in NYT archive text): content with one is a "direct" attribution
DOUBLE_MARK = re.compile("''|[\"\u201c\u201d\u00ab\u00bb\u201e]")
GROUPS = ("direct", "indirect", "all")
# PolNeAR marks a relative pronoun as the source ("Christie, who said ..."); SPEC's speaker is the mention that
# names the source, the antecedent. A gold source that is only one of these matches a predicted source that
# ends right before it (nothing but spaces, commas, brackets or dashes between).
RELATIVE_SOURCES = {"who", "which", "that"}
ANTECEDENT_GAP = " \t\n,()\u2014\u2013-"


def annotator_files(split: str) -> dict[str, Path]:
    """doc name -> the .ann file to score against."""
    order: dict[str, list[str]] = {}
    with open(DATA / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            order[row["filename"]] = row["annotators"].split("|")
    chosen: dict[str, Path] = {}
    for text in sorted((DATA / split / "text").glob("*.txt")):
        name = text.stem
        files = {
            p.stem.rsplit("_", 1)[1]: p
            for p in (DATA / split / "attributions").glob(f"{name}_*.ann")
        }
        if not files:
            continue
        pick = next((a for a in order.get(name, []) if a in files), sorted(files)[0])
        chosen[name] = files[pick]
    return chosen


def parse_ann(path: Path) -> list[dict]:
    """Gold attributions: {"content": [(s, e)], "source": [...], "cue": [...]}."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("T"):
            ident, info, *_ = line.split("\t")
            role, offsets = info.split(" ", 1)
            pieces = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[ident] = (role, pieces)
        elif line.startswith("E"):
            relations.append(line.split("\t")[1].split())
    gold = []
    for args in relations:
        item: dict[str, list[tuple[int, int]]] = {"content": [], "source": [], "cue": []}
        for arg in args:
            role, ident = arg.split(":")
            role = role.rstrip("0123456789").lower()
            if role in item and ident in spans:
                item[role].extend(spans[ident][1])
        if item["content"]:
            gold.append(item)
    return gold


def words(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """Word-token ids (their start offsets) covered by char spans."""
    return frozenset(m.start() for s, e in spans for m in WORD.finditer(text, s, e))


def group_of(text: str, spans: list[tuple[int, int]]) -> str:
    """ "direct" when a double mark lies in the span or touches its edges (two characters out: '' is one mark)."""
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    return (
        "direct" if DOUBLE_MARK.search(text, max(0, lo - 2), min(len(text), hi + 2)) else "indirect"
    )


def antecedent_end(text: str, spans: list[tuple[int, int]]) -> int | None:
    """Where the antecedent of a gold source that is a bare relative pronoun ends, else None."""
    if len(spans) != 1 or text[spans[0][0] : spans[0][1]].strip().lower() not in RELATIVE_SOURCES:
        return None
    end = spans[0][0]
    while end > 0 and text[end - 1] in ANTECEDENT_GAP:
        end -= 1
    return end


def same_source(p: dict, g: dict, mode: str) -> bool:
    """Source match: the same words (``same``), or our source is the antecedent of a gold relative pronoun."""
    return same(p["source"], g["source"], mode) or (
        g.get("antecedent_end") is not None and p.get("source_end") == g["antecedent_end"]
    )


def same(a: frozenset, b: frozenset, mode: str) -> bool:
    if not a or not b:
        return False
    if mode == "exact":
        return a == b
    return len(a & b) / max(len(a), len(b)) >= 0.5


def pair(preds: list[dict], golds: list[dict], mode: str) -> list[tuple[dict, dict]]:
    """One-to-one pairs on content, best overlap first."""
    scored = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if same(p["content"], g["content"], mode):
                inter = len(p["content"] & g["content"]) / max(len(p["content"]), len(g["content"]))
                scored.append((inter, i, j))
    scored.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], golds[j]))
    return pairs


def score(docs: list[tuple[list[dict], list[dict]]]) -> dict:
    """counts[group][mode][field] = [tp, n_pred, n_gold]."""
    counts = {
        g: {m: {f: [0, 0, 0] for f in ("content", "source", "cue")} for m in ("exact", "overlap")}
        for g in GROUPS
    }
    for preds, golds in docs:
        for group in GROUPS:
            ps = [p for p in preds if group == "all" or p["group"] == group]
            gs = [g for g in golds if group == "all" or g["group"] == group]
            for mode in ("exact", "overlap"):
                pairs = pair(ps, gs, mode)
                for fieldname in ("content", "source", "cue"):
                    c = counts[group][mode][fieldname]
                    c[1] += sum(1 for p in ps if p[fieldname])
                    c[2] += sum(1 for g in gs if g[fieldname])
                    if fieldname == "content":
                        c[0] += len(pairs)
                    elif fieldname == "source":
                        c[0] += sum(1 for p, g in pairs if same_source(p, g, mode))
                    else:
                        c[0] += sum(1 for p, g in pairs if same(p[fieldname], g[fieldname], mode))
    return counts


def show(text: str, ids: frozenset[int], width: int = 160) -> str:
    """The words of a scored span (word start offsets) as text, shortened to ``width``."""
    if not ids:
        return "-"
    lo, hi = min(ids), max(ids)
    end = WORD.match(text, hi).end()
    out = " ".join(text[lo:end].split())
    return out if len(out) <= width else out[: width // 2] + " … " + out[-width // 2 :]


def dump_errors(texts: list[str], docs: list[tuple[list[dict], list[dict]]], limit: int) -> None:
    """Print up to ``limit`` missed gold attributions, extra predictions and source mismatches (overlap)."""
    missed, extra, source = [], [], []
    for text, (preds, golds) in zip(texts, docs, strict=True):
        pairs = pair(preds, golds, "overlap")
        paired_p = {id(p) for p, _ in pairs}
        paired_g = {id(g) for _, g in pairs}
        for g in golds:
            if id(g) not in paired_g:
                near = max(preds, key=lambda p: len(p["content"] & g["content"]), default=None)
                near_text = (
                    f"\n       nearest={show(text, near['content'])!r}"
                    if near is not None and near["content"] & g["content"]
                    else ""
                )
                missed.append(
                    f"  MISS [{g['group']}] cue={show(text, g['cue'])!r} src={show(text, g['source'])!r}\n"
                    f"       content={show(text, g['content'])!r}{near_text}"
                )
        for p in preds:
            if id(p) not in paired_p:
                extra.append(
                    f"  EXTRA [{p['group']}] cue={show(text, p['cue'])!r} src={show(text, p['source'])!r}\n"
                    f"       content={show(text, p['content'])!r}"
                )
        for p, g in pairs:
            if g["source"] and not same_source(p, g, "overlap"):
                source.append(
                    f"  SOURCE [{g['group']}] ours={show(text, p['source'])!r} gold={show(text, g['source'])!r} "
                    f"cue={show(text, g['cue'])!r}"
                )
    for title, rows in (
        ("missed gold", missed),
        ("extra predictions", extra),
        ("source mismatches", source),
    ):
        print(f"\n{title}: {len(rows)}")
        for row in rows[:limit]:
            print(row)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(title: str, counts: dict, groups=GROUPS) -> None:
    print(f"\n{title}")
    print(f"  {'group':9} {'field':8} {'mode':8} {'P':>6} {'R':>6} {'F1':>6}   (tp/pred/gold)")
    for group in groups:
        for fieldname in ("content", "source", "cue"):
            for mode in ("exact", "overlap"):
                tp, n_pred, n_gold = counts[group][mode][fieldname]
                p, r, f = prf(tp, n_pred, n_gold)
                print(
                    f"  {group:9} {fieldname:8} {mode:8} {p:6.3f} {r:6.3f} {f:6.3f}   ({tp}/{n_pred}/{n_gold})"
                )


def claimgraph_preds(doc) -> list[dict]:
    """Our quotes as scoring records. PolNeAR annotates a quote split around its cue ("A," she said. "B.")
    as ONE attribution with discontinuous content, so quotes sharing a cue token and speaker are merged."""
    text = doc.text
    cues = {
        span.label_: (span.start_char, span.end_char)
        for span in doc.spans.get("claimgraph_quote_cues", [])
    }
    merged: dict[tuple, list[dict]] = {}
    for quote in doc._.quotes:
        speaker = tuple(quote["speaker"]["span"]) if quote["speaker"] else None
        cue = cues.get(quote["id"])
        key = (cue, speaker) if cue is not None else (quote["id"],)
        merged.setdefault(key, []).append(quote)
    preds = []
    for quotes in merged.values():
        content = [tuple(q["span"]) for q in quotes]
        speaker = [tuple(quotes[0]["speaker"]["span"])] if quotes[0]["speaker"] else []
        cue = cues.get(quotes[0]["id"])
        preds.append(
            {
                "content": words(text, content),
                "source": words(text, speaker),
                "source_end": speaker[0][1] if speaker else None,
                "cue": words(text, [cue] if cue else []),
                "group": group_of(text, content),
                "quotes": quotes,
            }
        )
    return preds


def textacy_preds(doc, direct_quotations) -> list[dict] | None:
    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError):
        return None
    text = doc.text
    preds = []
    for speaker, cue, content in triples:
        span = [(content.start_char, content.end_char)]
        preds.append(
            {
                "content": words(text, span),
                "source": words(text, [(t.idx, t.idx + len(t)) for t in speaker]),
                "source_end": max((t.idx + len(t) for t in speaker), default=None),
                "cue": words(text, [(t.idx, t.idx + len(t)) for t in cue]),
                "group": group_of(text, span),
            }
        )
    return preds


def cue_coverage(golds_by_doc: list[tuple[str, list[dict]]], nlp, component) -> None:
    """How many gold cue occurrences the cue lexicon knows (any word's lemma, or a phrase)."""
    cue_texts = collections.Counter()
    for text, golds in golds_by_doc:
        for g in golds:
            if g["cue_spans"]:
                cue_texts[" ".join(text[s:e] for s, e in g["cue_spans"]).lower()] += 1
    known, missing = 0, collections.Counter()
    tokenizer_pipe = [p for p in nlp.pipe_names if not p.startswith("claimgraph")]
    for cue_text, count in cue_texts.items():
        with nlp.select_pipes(enable=tokenizer_pipe):
            doc = nlp(cue_text)
        lemmas = {t.lemma_.lower() for t in doc}
        if (
            lemmas & set(component.verb_cues)
            or lemmas & set(component.noun_cues)
            or any(p in cue_text for p in component.phrases)
        ):
            known += count
        else:
            missing[cue_text] += count
    total = sum(cue_texts.values())
    print(
        f"\ncue lexicon coverage: {known}/{total} gold cue occurrences ({known / max(1, total):.1%}); "
        f"{len(cue_texts)} distinct cue strings"
    )
    print("  most frequent uncovered:", ", ".join(f"{c!r}×{n}" for c, n in missing.most_common(25)))


def f1(counts: dict, group: str, fieldname: str, mode: str = "overlap") -> float:
    return prf(*counts[group][mode][fieldname])[2]


def score_polnear(
    split: str = "dev",
    *,
    limit: int = 0,
    settings: dict | None = None,
    errors: int = 0,
    textacy: bool = True,
    show: bool = True,
) -> dict:
    """Score claimgraph_quotes (and textacy's direct_quotations, when installed and ``textacy``) on a
    PolNeAR split. ``settings`` overrides claimgraph_quotes settings for the run; ``show`` prints the
    tables; ``errors`` prints up to N error rows. Returns overlap F1 per group and field
    (``ours["direct"]["content"]`` …, the same for ``textacy`` or None), the raw counts, ``articles``
    and ``articles_per_s`` (whole pipeline). Raises FileNotFoundError when the data is absent."""
    if not DATA.exists():
        raise FileNotFoundError(f"PolNeAR not found at {DATA}")
    from claimgraph import nlp as nlp_module

    files = annotator_files(split)
    names = sorted(files)[: limit or None]
    texts = [(DATA / split / "text" / f"{n}.txt").read_text("utf-8") for n in names]
    golds = []
    for name, text in zip(names, texts, strict=True):
        items = parse_ann(files[name])
        for g in items:
            g["cue_spans"] = g["cue"]
            g["group"] = group_of(text, g["content"])
            g["antecedent_end"] = antecedent_end(text, g["source"])
            g["content"], g["source"], g["cue"] = (
                words(text, g[k]) for k in ("content", "source", "cue")
            )
        golds.append(items)
    if show:
        print(
            f"PolNeAR {split}: {len(names)} documents, {sum(map(len, golds))} gold attributions "
            f"({sum(g['group'] == 'direct' for gs in golds for g in gs)} with quote marks)"
        )

    nlp = nlp_module.load()
    component = nlp.get_pipe("claimgraph_quotes")
    saved = {key: getattr(component, key) for key in settings or {}}
    try:
        for key, value in (settings or {}).items():
            setattr(component, key, value)
        start = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=16))
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        for doc in docs:
            component(doc)
        quote_elapsed = time.perf_counter() - start
    finally:
        for key, value in saved.items():
            setattr(component, key, value)
    scored = [(claimgraph_preds(doc), g) for doc, g in zip(docs, golds, strict=True)]
    ours = score(scored)
    if show:
        report("claimgraph_quotes", ours)
    if errors:
        dump_errors(texts, scored, errors)

    theirs = None
    try:
        if not textacy:
            raise ImportError("textacy comparison switched off")
        from textacy.extract.triples import direct_quotations
    except ImportError as err:
        if show:
            print(
                f"\ntextacy: not available ({err}); install the bench extra: .venv/bin/pip install textacy"
            )
    else:
        results = [
            (textacy_preds(doc, direct_quotations), g) for doc, g in zip(docs, golds, strict=True)
        ]
        failed = sum(1 for preds, _ in results if preds is None)
        theirs = score([(preds or [], g) for preds, g in results])
        if show:
            report(
                f"textacy.extract.triples.direct_quotations ({failed}/{len(docs)} documents raised, scored as empty)",
                theirs,
            )
            print(
                "\ndirect-quote content F1 (overlap): claimgraph {:.3f} vs textacy {:.3f}".format(
                    f1(ours, "direct", "content"), f1(theirs, "direct", "content")
                )
            )

    if show:
        cue_coverage(list(zip(texts, golds, strict=True)), nlp, component)
        print(
            f"\nthroughput: {len(docs) / elapsed:.2f} articles/s for the whole pipeline "
            f"({len(docs)} articles, {elapsed:.1f} s); claimgraph_quotes alone {len(docs) / quote_elapsed:.1f} articles/s"
        )

    def table(counts):
        return {
            group: {name: f1(counts, group, name) for name in ("content", "source", "cue")}
            for group in GROUPS
        }

    return {
        "ours": table(ours),
        "textacy": table(theirs) if theirs is not None else None,
        "counts": ours,
        "articles": len(docs),
        "articles_per_s": len(docs) / elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument(
        "--limit", type=int, default=0, help="score only the first N documents (quick checks)"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a claimgraph_quotes setting for this run, e.g. --set nested=true --set min_quote_words=3",
    )
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        help="print up to N missed / extra / wrong-source attributions",
    )
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy comparison")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"PolNeAR not found at {DATA}", file=sys.stderr)
        return 1
    from claimgraph import nlp as nlp_module

    component = nlp_module.load().get_pipe("claimgraph_quotes")
    settings = {}
    for setting in args.set:
        key, value = setting.split("=", 1)
        current = getattr(component, key)
        settings[key] = (
            value.lower() in ("1", "true", "yes")
            if isinstance(current, bool)
            else type(current)(value)
        )
        print(f"setting {key} = {settings[key]!r}")
    score_polnear(
        args.split,
        limit=args.limit,
        settings=settings,
        errors=args.errors,
        textacy=not args.no_textacy,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
