"""Running the pipeline within a token budget (claimgraph.nlp.pipe): memory follows the budget,
and a document run in pieces is analysed as if it had been run whole."""

from __future__ import annotations

import itertools

import pytest

from claimgraph import analyze
from claimgraph.analyze import AnalyzeOptions
from claimgraph.nlp import piece_bounds, token_batches


def test_batches_hold_the_budget_keep_order_and_put_a_long_document_alone(nlp, reference_text):
    paragraphs = [p for p in reference_text.split("\n\n") if p.strip()]
    docs = [nlp.make_doc(p) for p in paragraphs] + [nlp.make_doc(reference_text)]
    items = [(doc, i) for i, doc in enumerate(docs)]
    batches = list(token_batches(items, 120))
    assert [i for batch in batches for _, i in batch] == list(range(len(docs)))
    for batch in batches:
        tokens = sum(len(doc) for doc, _ in batch)
        assert tokens <= 120 or len(batch) == 1
    assert [len(b) for b in batches if b[0][1] == len(docs) - 1] == [1]  # the whole article alone
    assert any(len(batch) > 1 for batch in batches)


def test_pieces_cover_the_document_and_cut_at_paragraph_starts(nlp, reference_text):
    doc = nlp.make_doc(reference_text)
    bounds = piece_bounds(doc, 200)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(bounds))
    assert all(0 < end - start <= 200 for start, end in bounds)
    assert len(bounds) > 1
    for start, _ in bounds[1:]:
        assert (
            "\n" in doc[start - 1].whitespace_ or doc[start - 1].is_space
        )  # a paragraph opens here


def test_a_paragraph_longer_than_the_budget_is_cut_after_a_sentence(nlp, reference_text):
    one_line = " ".join(reference_text.split())  # the article as one paragraph
    doc = nlp.make_doc(one_line)
    bounds = piece_bounds(doc, 150)
    assert all(0 < end - start <= 150 for start, end in bounds)
    assert bounds[-1][1] == len(doc)
    assert all(doc[end - 1].text in ".!?…" for _, end in bounds[:-1])


@pytest.mark.model
def test_article_run_in_pieces_gives_the_same_analysis(nlp, tmp_path, reference_text):
    assert len(nlp.make_doc(reference_text)) > 4 * 150  # so it runs in five pieces or more
    whole = analyze(reference_text, published="2022-03-14")
    config = tmp_path / "small-batches.toml"
    config.write_text("[nlp]\nbatch_tokens = 150\n")
    pieces = analyze(
        reference_text, options=AnalyzeOptions(published="2022-03-14", config=str(config))
    )
    assert pieces.document.text == whole.document.text
    for part in ("actors", "quotes", "events"):
        assert getattr(pieces, part) == getattr(whole, part), part
    assert len(whole.events) > 10 and len(whole.quotes) > 5
