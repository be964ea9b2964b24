"""claimgraph_quotes, round 6: attitudes PolNeAR annotates as attributions — intentions and wishes
('wants to', 'plans to', 'declined to'), hope misread by the lemmatizer, adjective cues
('pessimistic that', 'confident that')."""

from __future__ import annotations

import pytest
from conftest import assert_quote


def cues(nlp, text):
    return {q["cue"]: q for q in nlp(text)._.quotes}


def assert_indirect(nlp, text: str, cue: str, content: str, speaker: str) -> None:
    """The attribution with ``cue`` in ``text`` is indirect, with that content and speaker."""
    quote = cues(nlp, text)[cue]
    assert_quote(quote, "indirect", content, speaker)


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
    assert hopped.lemma_ == "hop"
    assert not doc._.quotes


# -- stated intentions and wishes (cues.tsv meaning "intention") ----------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "The senator wants to double the size of the national park service.",
            "want",
            "to double the size of the national park service",
            "The senator",
        ),
        (
            "The ministry plans to open three new embassies in Africa next year.",
            "plan",
            "to open three new embassies in Africa next year",
            "The ministry",
        ),
        (
            "The company declined to comment on the lawsuit.",
            "decline",
            "to comment on the lawsuit",
            "The company",
        ),
        (
            "The school board decided to close the library on weekends.",
            "decide",
            "to close the library on weekends",
            "The school board",
        ),
    ],
)
def test_a_stated_intention_is_an_attribution_of_its_infinitive(nlp, text, cue, content, speaker):
    assert_indirect(nlp, text, cue, content, speaker)


@pytest.mark.model
def test_an_intention_inside_reported_speech_is_not_a_second_attribution(nlp):
    quotes = nlp("Officials said the government wants to raise taxes on imports.")._.quotes
    assert [q["cue"] for q in quotes] == ["say"]


@pytest.mark.model
def test_an_intention_is_no_source_for_the_events_it_holds(nlp):
    from claimgraph import analyze

    analysis = analyze("Turkey wants to supply Azerbaijan with armed drones.")
    assert [q.cue for q in analysis.quotes] == ["want"]
    assert analysis.events
    for event in analysis.events:
        assert [s.cue for s in event.attribution] == []


# -- attitude adjectives (cues.tsv type "adj") -----------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "Many farmers are afraid that the new tariffs will close their export markets.",
            "afraid",
            "that the new tariffs will close their export markets",
            "Many farmers",
        ),
        (
            "The coach was confident that his team would win the final.",
            "confident",
            "that his team would win the final",
            "The coach",
        ),
        (
            "The mayor has been critical of the new parking rules.",
            "critical",
            "the new parking rules",
            "The mayor",
        ),
        (
            "The diplomats left the summit pessimistic that the two sides would reach a deal.",
            "pessimistic",
            "that the two sides would reach a deal",
            "The diplomats",
        ),
    ],
)
def test_an_attitude_adjective_attributes_its_complement_to_its_subject(
    nlp, text, cue, content, speaker
):
    assert_indirect(nlp, text, cue, content, speaker)


@pytest.mark.model
def test_an_attributive_attitude_adjective_quotes_nobody(nlp):
    quotes = nlp("The confident minister said that the bridge would open on Monday.")._.quotes
    assert [q["cue"] for q in quotes] == ["say"]


@pytest.mark.model
def test_an_adjective_with_a_subject_of_its_own_speaks_for_it(nlp):
    text = (
        "With local officials increasingly worried about the cost of the repairs, the governor "
        "asked for federal money."
    )
    quote = cues(nlp, text)["worried"]
    assert quote["speaker"]["text"] == "local officials"
    assert quote["text"] == "the cost of the repairs"


@pytest.mark.model
def test_the_reference_article_americans_are_pessimistic(nlp, reference_text):
    """'the Americans walked away from the Rome meeting pessimistic that …': the parser reads the adjective
    as a modifier of "meeting" and the that-clause as a clause of "walked"."""
    doc = nlp(reference_text)
    (quote,) = [q for q in doc._.quotes if q["cue"] == "pessimistic"]
    assert quote["text"].startswith("that the Chinese government would change its minds")
    assert quote["speaker"]["text"] == "the Americans"
    assert quote["speaker"]["actor"] == "USA"


# -- base-form verbs conjoined to a tensed cue share its infinitive -------------------------------------


@pytest.mark.model
def test_infinitives_conjoined_to_the_cue_belong_to_the_content(nlp):
    text = "The governor wants to double the park budget, hire more rangers and build a new visitor center."
    quote = cues(nlp, text)["want"]
    assert quote["text"].startswith("to double the park budget")
    assert quote["text"].endswith("build a new visitor center")


@pytest.mark.model
def test_a_tensed_verb_conjoined_to_the_cue_is_the_speakers_next_act(nlp):
    text = "The governor wanted to double the park budget and signed the bill on Friday."
    quote = cues(nlp, text)["want"]
    assert quote["text"] == "to double the park budget"


# -- a clause set off by a comma or a dash that reports speech of its own -------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "outer", "speaker", "said"),
    [
        (
            "The mayor criticized the council for approving the new stadium, which he said would cost "
            "the city millions.",
            "criticize",
            "the council for approving the new stadium",
            "he",
            "would cost the city millions",
        ),
        (
            "The senator urged the president to act against the cartel -- a group the agency said is "
            "behind most of the smuggling.",
            "urge",
            "the president to act against the cartel",
            "the agency",
            "is behind most of the smuggling",
        ),
    ],
)
def test_a_set_off_clause_with_its_own_speaker_is_an_attribution_of_its_own(
    nlp, text, cue, outer, speaker, said
):
    quotes = cues(nlp, text)
    assert quotes[cue]["text"] == outer
    assert quotes["say"]["speaker"]["text"] == speaker
    assert quotes["say"]["text"].endswith(said)


@pytest.mark.model
def test_a_restrictive_relative_clause_stays_in_the_outer_content(nlp):
    text = "The mayor criticized the stadium plans the council said would cost the city millions."
    quotes = nlp(text)._.quotes
    assert [q["cue"] for q in quotes] == ["criticize"]
    assert quotes[0]["text"].endswith("millions")


@pytest.mark.model
def test_a_cue_verb_conjoined_inside_an_infinitive_is_part_of_it(nlp):
    """'consider' is a cue, but as a base form under the infinitive of the tensed 'urged' it shares the
    infinitive's 'to': not the speaker's next act."""
    text = (
        "The senator urged Congress to act quickly and consider new sanctions against the regime."
    )
    quote = cues(nlp, text)["urge"]
    assert quote["text"] == "Congress to act quickly and consider new sanctions against the regime"


# -- what a cue noun is about ------------------------------------------------------------------------


@pytest.mark.model
def test_a_cue_noun_with_an_about_phrase_attributes_its_topic(nlp):
    quote = cues(nlp, "Local businesses expressed concern about the new parking rules.")["concern"]
    assert quote["text"] == "the new parking rules"
    assert quote["speaker"]["text"] == "Local businesses"


@pytest.mark.model
def test_an_of_phrase_of_a_cue_noun_is_no_topic(nlp):
    assert not nlp("The statement of the council was brief.")._.quotes


# -- round 7: intention adjectives with their infinitive ---------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "The union is willing to accept a smaller raise.",
            "willing",
            "to accept a smaller raise",
            "The union",
        ),
        (
            "The prime minister seemed determined to win a second term.",
            "determined",
            "to win a second term",
            "The prime minister",
        ),
    ],
)
def test_an_intention_adjective_reads_its_infinitive(nlp, text, cue, content, speaker):
    assert_indirect(nlp, text, cue, content, speaker)


@pytest.mark.model
def test_a_belief_adjective_reads_no_infinitive(nlp):
    # "sure to" is a prediction of the writer's ("is sure to win"), not an attitude of the subject
    doc = nlp("The incumbent is sure to win the next election.")
    assert "sure" not in {q["cue"] for q in doc._.quotes}


@pytest.mark.model
def test_agree_to_is_a_commitment_and_agree_that_is_speech(nlp):
    assert_indirect(
        nlp,
        "The company agreed to pay the fine within a month.",
        "agree to",
        "to pay the fine within a month",
        "The company",
    )
    assert_indirect(
        nlp,
        "The minister agreed that the plan had failed.",
        "agree",
        "that the plan had failed",
        "The minister",
    )
    # the two readings carry their own lexicon rows (factuality reads the meaning)
    quotes = nlp.get_pipe("claimgraph_quotes")
    assert (quotes.cue_row("agree to")["meaning"], quotes.cue_row("agree")["meaning"]) == (
        "intention",
        "speech",
    )
