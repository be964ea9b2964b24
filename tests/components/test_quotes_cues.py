"""claimgraph_quotes with the round-5 cue lines of cues.tsv / cue_objects.tsv (denounce, read, encourage …)."""

from __future__ import annotations

import pytest


@pytest.mark.model
def test_a_letter_reads_a_quote(nlp):
    text = (
        'The parents sent a letter to the board. "Our children are thriving in these schools and we '
        'will not let anyone take them away," the letter reads.'
    )
    quote = next(q for q in nlp(text)._.quotes if q["kind"] == "direct")
    assert quote["cue"] == "read"
    assert quote["speaker"]["text"] == "the letter"


@pytest.mark.model
def test_the_text_read_aloud_is_no_content(nlp):
    """cue_objects.tsv: the object of "read" is the text read, not what is said."""
    quotes = nlp("The mayor read the statement aloud on Friday.")._.quotes
    assert not [q for q in quotes if q["cue"] == "read"]


@pytest.mark.model
def test_denounce_frames_a_quote(nlp):
    text = (
        "The ministry denounced the launch as "
        '"a reckless provocation that threatens the peace of the whole region."'
    )
    quotes = [q for q in nlp(text)._.quotes if q["cue"] == "denounce"]
    assert quotes
    assert quotes[0]["speaker"]["text"] == "The ministry"
    assert "reckless provocation" in quotes[0]["text"]


@pytest.mark.model
def test_encouraged_to_reads_the_addressee_and_the_infinitive(nlp):
    text = (
        'The candidate encouraged his supporters to "watch the polling places very, very closely."'
    )
    quotes = [q for q in nlp(text)._.quotes if q["cue"] == "encourage"]
    assert quotes
    assert quotes[0]["text"].startswith("his supporters to")


@pytest.mark.model
def test_a_conjoined_cue_verb_ends_the_complement_and_is_an_attribution_of_its_own(nlp):
    text = (
        'China said it was "resolutely opposed" to the test and warned North Korea to refrain from '
        "further actions that would worsen the situation."
    )
    quotes = {q["cue"]: q for q in nlp(text)._.quotes}
    assert quotes["say"]["text"] == 'it was "resolutely opposed" to the test'
    assert quotes["warn"]["text"].startswith("North Korea to refrain")
    assert quotes["warn"]["speaker"]["text"] == "China"


@pytest.mark.model
def test_a_conjoined_verb_that_is_no_cue_stays_in_the_complement(nlp):
    text = "The governor said the state would raise taxes on fuel and cut spending on roads."
    quote = next(q for q in nlp(text)._.quotes if q["cue"] == "say")
    assert quote["text"].endswith("cut spending on roads")


@pytest.mark.model
def test_what_he_called_inside_a_cue_object_is_one_attribution_of_the_outer_cue(nlp):
    text = 'Secretary General Ban Ki-moon condemned what he called a "brazen breach" of the resolutions.'
    quotes = nlp(text)._.quotes
    assert [q["cue"] for q in quotes] == ["condemn"]
    assert quotes[0]["speaker"]["text"] == "Secretary General Ban Ki-moon"


@pytest.mark.model
def test_a_quoted_noun_keeps_a_modifier_right_after_the_mark_only(nlp):
    """ "a "disgrace" Wednesday on The Laura Ingraham Show": the time word between the mark and the phrase
    makes the phrase the writer's; "a "political disaster" in every …" follows the mark directly."""
    late = nlp(
        "Christie blasted Clinton as a \u201cdisgrace\u201d Wednesday on The Laura Ingraham Show."
    )
    assert [q["text"] for q in late._.quotes if q["cue"] == "blast"] == [
        "Clinton as a \u201cdisgrace\u201d"
    ]
    close = nlp(
        "The minister called the vote a \u201cpolitical disaster\u201d in every advanced economy."
    )
    called = [q["text"] for q in close._.quotes if q["cue"] == "call"]
    assert called and called[0].endswith("in every advanced economy")


@pytest.mark.model
def test_a_conjoined_cue_under_a_complement_speaks_with_the_outer_cues_subject(nlp):
    """The parser hangs "dismissed" on the complement's verb; its speaker is the brief, not "that"."""
    text = (
        "However, the brief said that was not her view and dismissed those reports as "
        '"previous misinterpreted statements and allegations."'
    )
    quote = next(q for q in nlp(text)._.quotes if q["cue"] == "dismiss")
    assert quote["speaker"]["text"] == "the brief"


@pytest.mark.model
def test_the_complement_after_the_cue_wins_over_a_clause_before_it(nlp):
    """The parser reads the clause before the semicolon as a second complement of "says"."""
    text = (
        "It is an extremely unlikely scenario; her team says she will continue her march toward "
        "Election Day this week."
    )
    quote = next(q for q in nlp(text)._.quotes if q["cue"] == "say")
    assert quote["text"] == "she will continue her march toward Election Day this week"


@pytest.mark.model
def test_a_fronted_clause_is_still_the_content_of_a_cue_with_no_complement_after_it(nlp):
    text = "China will provide the drones within weeks, US officials fear."
    quote = next(q for q in nlp(text)._.quotes if q["cue"] == "fear")
    assert quote["text"].startswith("China will provide the drones")


@pytest.mark.model
def test_a_stated_stance_is_an_attribution_of_its_object(nlp):
    """support/oppose (PolNeAR annotates a stance as attributed content; factuality unknown: the object
    is not asserted)."""
    quotes = nlp("The senator from Ohio strongly opposes the new trade deal with Mexico.")._.quotes
    quote = next(q for q in quotes if q["cue"] == "oppose")
    assert quote["text"] == "the new trade deal with Mexico"
    assert quote["speaker"]["text"] == "The senator from Ohio"
    row = nlp.get_pipe("claimgraph_quotes").cue_row("support")
    assert row["factuality"] == "unknown"


@pytest.mark.model
def test_a_that_clause_misparsed_as_a_relative_clause_of_the_addressee_is_the_content(nlp):
    text = (
        "In Honolulu last week, he told a meeting of Pacific Island leaders that few people understood "
        "the stakes of climate change better than residents of their part of the planet."
    )
    quote = next(q for q in nlp(text)._.quotes if q["cue"] == "tell")
    assert quote["text"].startswith("that few people understood the stakes")


@pytest.mark.model
def test_a_true_relative_clause_of_the_addressee_is_no_content(nlp):
    quotes = nlp("He told the leaders that attended the meeting about the new budget.")._.quotes
    assert not any(q["text"].startswith("that attended") for q in quotes)


@pytest.mark.model
def test_detail_reads_its_object(nlp):
    quotes = nlp("The company detailed its plan to close three factories in Ohio.")._.quotes
    quote = next(q for q in quotes if q["cue"] == "detail")
    assert quote["text"].startswith("its plan to close three factories")
