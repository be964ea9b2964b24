"""claimgraph_quotes speakers, round 5: a pronoun speaker under a cue verb whose subject is the same actor
speaks as that subject (PolNeAR marks the outermost source of nested attributions)."""

from __future__ import annotations

import pytest

LONG_QUOTE = '"This is the moment that all of us in this country have been waiting for since the end of the war."'


def direct(nlp, text):
    return next(q for q in nlp(text)._.quotes if q["kind"] == "direct")


@pytest.mark.model
def test_a_pronoun_under_a_cue_with_the_same_actor_as_subject_speaks_as_that_subject(nlp):
    text = f"Angela Merkel spoke at the school on Friday. Merkel said she recalled thinking, {LONG_QUOTE}"
    quote = direct(nlp, text)
    assert quote["speaker"]["text"] == "Merkel"
    assert quote["speaker"]["actor"] == "person:angela-merkel"


@pytest.mark.model
def test_a_pronoun_under_a_cue_whose_subject_is_another_actor_stays(nlp):
    text = f"Tom Hale joined the union in 1990. The union said he recalled thinking, {LONG_QUOTE}"
    quote = direct(nlp, text)
    assert quote["speaker"]["text"] == "he"
    assert quote["speaker"]["actor"] == "person:tom-hale"


@pytest.mark.model
@pytest.mark.parametrize(
    "frame",
    [
        "Merkel smiled as she repeated what she called",  # "smile" is no cue
        "Merkel arrived late because she had missed what she called",  # a reason clause embeds no speech
    ],
)
def test_a_pronoun_under_no_cue_verb_stays(nlp, frame):
    text = (
        f"Angela Merkel spoke at the school on Friday. {frame} "
        '"a long and difficult road for every family in this country."'
    )
    quotes = nlp(text)._.quotes
    assert quotes
    assert all(q["speaker"]["text"] == "she" for q in quotes)


@pytest.mark.model
def test_a_relative_clause_reporting_speech_of_its_own_is_not_in_the_mention(nlp):
    text = (
        '"Broadening the base and closing loopholes inevitably involves a certain amount of administration," '
        "said Mr. Kamin, who emphasized that the proposals would simplify returns for small businesses."
    )
    quote = direct(nlp, text)
    assert quote["speaker"]["text"] == "Mr. Kamin"


@pytest.mark.model
def test_a_describing_relative_clause_stays_in_the_mention(nlp):
    """PolNeAR keeps most relative clauses in the source (dropping them all lowered dev source F1)."""
    text = (
        '"It was a spectacular deal for the company and a very bad one for the miners," '
        "said Ann Cole, who has taught law at the university since 1970."
    )
    quote = direct(nlp, text)
    assert quote["speaker"]["text"].startswith("Ann Cole, who has taught law")


@pytest.mark.model
def test_a_statement_calling_speaks_with_whoever_issued_it(nlp):
    text = (
        "After a late meeting, the Security Council issued a statement calling the test "
        '"a clear violation of international law and of five previous resolutions."'
    )
    quotes = [q for q in nlp(text)._.quotes if q["cue"] == "call"]
    assert quotes
    assert quotes[0]["speaker"]["text"] == "the Security Council"


@pytest.mark.model
def test_a_person_calling_is_no_statement(nlp):
    """Only a cue noun (statement, report, warning …) lends its issuer: "a man calling" speaks himself."""
    text = (
        "After a late meeting, the mayor met a man calling the test "
        '"a clear violation of international law and of five previous resolutions."'
    )
    quotes = [q for q in nlp(text)._.quotes if q["cue"] == "call"]
    assert quotes
    assert all(q["speaker"] is None or q["speaker"]["text"] != "the mayor" for q in quotes)


@pytest.mark.model
def test_a_cue_deep_in_the_sentence_after_a_finished_quote_is_not_its_frame(nlp):
    text = (
        'The old man sat by the fire every night. "We live in a kingdom of lies and nobody wants to hear '
        'the truth." His neighbours viewed him as a prophet and admired him, but he did not see the irony.'
    )
    quote = direct(nlp, text)
    assert quote["cue"] is None and quote["speaker"] is None


@pytest.mark.model
def test_a_short_frame_after_a_finished_quote_still_frames_it(nlp):
    text = '"We live in a kingdom of lies and nobody wants to hear the truth." The old man said.'
    quote = direct(nlp, text)
    assert quote["cue"] == "say"
    assert quote["speaker"]["text"] == "The old man"


@pytest.mark.model
def test_an_inverted_cue_opening_the_frame_takes_the_name_after_it(nlp):
    """ "Said Ellis:" parses as a compound name with no verb; the name after the leading cue speaks."""
    text = (
        "Critics say her plans would make the code more complicated. "
        'Said Ellis: "I do not get the sense she is the least bit interested in tax reform."'
    )
    quote = direct(nlp, text)
    assert quote["cue"] == "say"
    assert quote["speaker"]["text"] == "Ellis"


@pytest.mark.model
def test_a_statement_no_one_is_named_for_speaks_itself(nlp):
    text = "A statement announcing that the border would reopen on Monday was read out at noon."
    quote = next(q for q in nlp(text)._.quotes if q["cue"] == "announce")
    assert quote["speaker"]["text"] == "A statement"


# -- round 7: a purpose infinitive shares the subject of the verb it completes ----------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        (
            "The senators met with the ambassador on Tuesday to discuss the new sanctions.",
            "discuss",
            "The senators",
        ),
        ("The analyst went on to discuss the latest polls.", "discuss", "The analyst"),
        (
            "The minister was summoned before the committee to defend the budget cuts.",
            "defend",
            "The minister",
        ),
    ],
)
def test_a_purpose_infinitive_cue_speaks_with_the_subject_of_its_verb(nlp, text, cue, speaker):
    (quote,) = [q for q in nlp(text)._.quotes if q["cue"] == cue]
    assert quote["speaker"]["text"] == speaker
