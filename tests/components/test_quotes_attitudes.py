"""claimgraph_quotes, round 6: attitudes PolNeAR annotates as attributions — intentions and wishes
('wants to', 'plans to', 'declined to'), hope misread by the lemmatizer, adjective cues
('pessimistic that', 'confident that')."""

from __future__ import annotations

import pytest

from claimgraph.components import quotes as Q


def cues(nlp, text):
    return {q["cue"]: q for q in nlp(text)._.quotes}


# -- a lemma that lost its silent e ---------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The governor hoped that the legislature would pass the budget before the summer.",
        "The governor is hoping that the legislature will pass the budget before the summer.",
        "The governor hopes that the legislature will pass the budget before the summer.",
    ],
)
def test_hoped_hoping_hopes_are_the_cue_hope(nlp, text):
    quote = cues(nlp, text)["hope"]
    assert quote["speaker"]["text"] == "The governor"
    assert "the legislature" in quote["text"] and quote["text"].endswith("summer")


@pytest.mark.model
def test_a_doubled_consonant_keeps_its_own_lemma(nlp):
    doc = nlp("The rabbit hopped over the fence.")
    (hopped,) = [t for t in doc if t.lower_ == "hopped"]
    finder = nlp.get_pipe("claimgraph_quotes")
    assert Q.verb_lemma(hopped, finder.verb_cues) == hopped.lemma_.lower()
    assert not doc._.quotes
