"""A paragraph break always starts a sentence, even where the parser would run on."""

import pytest
import spacy

from claimgraph.components.paragraphs import mark_paragraphs


def test_paragraph_break_starts_a_sentence_without_a_parser():
    nlp = spacy.blank("en")
    doc = mark_paragraphs(
        nlp("Russia to cut gas supplies, officials say\n\nRussia will cut supplies.")
    )
    second = next(t for t in doc if t.idx == doc.text.index("Russia will"))
    assert second.is_sent_start


def test_a_line_inside_a_paragraph_is_left_alone():
    nlp = spacy.blank("en")
    doc = mark_paragraphs(nlp("Kyiv said the strike hit a depot"))
    assert not any(token.is_sent_start for token in doc[1:])


@pytest.mark.model
def test_headline_and_lead_are_separate_sentences(nlp):
    text = (
        "China to send economic aid to Russia in Ukraine conflict, US officials fear\n\n"
        "China has already decided to provide Russia with economic support, US officials fear."
    )
    sentences = [sent.text.strip() for sent in nlp(text).sents]
    assert (
        sentences[0]
        == "China to send economic aid to Russia in Ukraine conflict, US officials fear"
    )
    assert sentences[1].startswith("China has already decided")
