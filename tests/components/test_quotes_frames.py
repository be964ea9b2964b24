"""claimgraph_quotes, round 4: frames across a colon paragraph break and past short quotes, quoted titles
as no speakers, mixed contents cut short inside their quote."""

from __future__ import annotations

import pytest


def quotes_of(nlp, text):
    return nlp(text)._.quotes


@pytest.mark.model
def test_a_colon_ending_the_paragraph_introduces_the_quote_below(nlp):
    text = (
        "The senator answered the criticism on Tuesday. She said:\n\n"
        '"We have waited for this bill for ten years and we will not wait any longer."'
    )
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    assert quote["cue"] == "say"
    assert quote["speaker"]["text"] == "She"


@pytest.mark.model
def test_a_paragraph_break_without_a_colon_still_ends_the_frame(nlp):
    text = (
        "The senator answered the criticism on Tuesday. She said nothing more.\n\n"
        '"We have waited for this bill for ten years and we will not wait any longer."'
    )
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    # at most carried on from the paragraph before (confidence 0.75), not framed by its cue (0.9)
    assert quote["confidence"] < 0.9


@pytest.mark.model
def test_a_quoted_nickname_inside_the_frame_does_not_end_it(nlp):
    text = (
        '"This is a big night for our city and for every family in it!" '
        'State Sen. Robert "Bobby" Lane shouted to the crowd.'
    )
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    assert quote["cue"] == "shout"
    assert "Lane" in quote["speaker"]["text"]


@pytest.mark.model
def test_a_quoted_title_is_no_speaker(nlp):
    """The parser may read a quoted show title after the cue as its subject; words in quotation marks
    around a cue that is not quoted are never its speaker."""
    text = (
        "Governor Mills said on Monday on CBS's \u201cFace the Nation.\u201d "
        "that the state would reopen its schools in the fall."
    )
    for quote in quotes_of(nlp, text):
        if quote["speaker"] is not None:
            assert "Face the Nation" not in quote["speaker"]["text"]


@pytest.mark.model
def test_a_mixed_quote_reaches_its_closing_mark(nlp):
    """A content read from the parse that stops inside its quoted words runs on to the closing mark."""
    text = (
        'He called the treaty a "good news story in an era when so often we see countries going '
        'the opposite direction," and left the hall.'
    )
    quotes = [q for q in quotes_of(nlp, text) if q["kind"] == "mixed"]
    assert quotes
    assert any("opposite direction" in q["text"] for q in quotes)


@pytest.mark.model
def test_a_short_sentence_quoted_whole_and_framed_is_direct(nlp):
    text = "The crowd went quiet. \u201cI love you,\u201d she said. Then she left the stage."
    quote = next(q for q in quotes_of(nlp, text) if q["text"].startswith("I love you"))
    assert quote["kind"] == "direct" and quote["cue"] == "say"
    assert quote["speaker"]["text"] == "she"


@pytest.mark.model
def test_a_short_quote_inside_a_sentence_stays_a_scare_quote(nlp):
    text = "The mayor said the plan was a \u201cbig mistake,\u201d and the council agreed with him."
    assert not any(q["kind"] == "direct" for q in quotes_of(nlp, text))


@pytest.mark.model
def test_an_unattributed_quote_opening_its_sentence_carries_the_speaker_on(nlp):
    text = (
        '"We will fight this decision in every court of the land," the governor said. '
        '"And we will win it, because the law is on our side."'
    )
    second = next(q for q in quotes_of(nlp, text) if q["text"].startswith("And we will win"))
    assert second["speaker"] is not None and second["speaker"]["text"] == "the governor"


@pytest.mark.model
def test_a_quote_after_words_of_its_own_sentence_carries_no_speaker_on(nlp):
    """Words before the quote in its sentence are its frame (unread here), not the previous speaker's."""
    text = (
        '"We will fight this decision in every court of the land," the governor said. '
        'The mayor, unimpressed, shrugged it off in a long interview -- "we have heard all this before '
        'from him and from his party."'
    )
    second = next(q for q in quotes_of(nlp, text) if q["text"].startswith("we have heard"))
    assert second["speaker"] is None or second["speaker"]["text"] != "the governor"


@pytest.mark.model
def test_a_quoted_nouns_restrictive_modifier_stays_in_the_content(nlp):
    text = 'The chairman called a "special meeting" to vote on a new budget for the city.'
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "mixed")
    assert quote["cue"] == "call"
    assert quote["text"].endswith("to vote on a new budget for the city")


@pytest.mark.model
def test_what_follows_a_quoted_noun_after_a_comma_is_the_writers(nlp):
    text = (
        'Senator Hale praised the "historic agreement," which came after months of talks in Geneva.'
    )
    for quote in quotes_of(nlp, text):
        assert "Geneva" not in quote["text"]


@pytest.mark.model
def test_an_addressee_told_to_act_is_part_of_the_content(nlp):
    text = "The president told his advisers to find a way around the Senate."
    quote = next(q for q in quotes_of(nlp, text) if q["cue"] == "tell")
    assert quote["kind"] == "indirect"
    assert quote["text"] == "his advisers to find a way around the Senate"
    assert quote["speaker"]["text"] == "The president"


@pytest.mark.model
def test_a_reason_phrase_belongs_to_an_object_content(nlp):
    text = "Senator Ames attacked the governor for his handling of the flood."
    quote = next(q for q in quotes_of(nlp, text) if q["cue"] == "attack")
    assert quote["text"] == "the governor for his handling of the flood"


@pytest.mark.model
def test_call_for_with_a_gerund(nlp):
    text = "The senator called for cutting the corporate tax rate to 20 percent."
    quote = next(q for q in quotes_of(nlp, text) if q["cue"] == "call for")
    assert quote["text"] == "cutting the corporate tax rate to 20 percent"
    assert quote["speaker"]["text"] == "The senator"


@pytest.mark.model
def test_what_a_complaint_is_about_is_its_content(nlp):
    text = "The candidate complained about the moderators after the debate."
    quote = next(q for q in quotes_of(nlp, text) if q["cue"] == "complain")
    assert quote["text"] == "the moderators"
    assert quote["speaker"]["text"] == "The candidate"


@pytest.mark.model
def test_a_speaker_name_with_no_break_spaces_is_kept_whole(nlp):
    text = (
        "On Sunday, Republican vice-presidential nominee\u00a0Gov.\u00a0Mike Pence said the campaign "
        "would release his tax returns soon."
    )
    quote = next(q for q in quotes_of(nlp, text) if q["cue"] == "say")
    assert quote["speaker"]["text"].startswith("Republican vice-presidential nominee")
    assert quote["speaker"]["text"].endswith("Mike Pence")


@pytest.mark.model
def test_a_long_quote_in_the_argument_of_a_non_cue_verb_is_its_subjects(nlp):
    text = (
        "However, Senator Ames characterized his rival as, \u201ca little desperate there, jumping in all "
        "the time and always trying to get his points across.\u201d"
    )
    quote = next(q for q in quotes_of(nlp, text) if q["kind"] == "direct")
    assert quote["speaker"] is not None and quote["speaker"]["text"] == "Senator Ames"
    assert quote["cue"] == "characterize"


# -- round 7: a short quote going on with the speaker of the quote before it ------------------------


@pytest.mark.model
def test_a_short_quote_after_a_framed_quote_in_its_paragraph_goes_on_with_its_speaker(nlp):
    doc = nlp('"We will win this time," Maria Lopez told the crowd. "Believe me."')
    assert [(q["text"], q["speaker"]["text"]) for q in doc._.quotes] == [
        ("We will win this time,", "Maria Lopez"),
        ("Believe me.", "Maria Lopez"),
    ]


@pytest.mark.model
def test_a_short_quote_in_the_next_paragraph_is_no_continuation(nlp):
    doc = nlp('"We will win this time," Maria Lopez told the crowd.\n\n"Believe me."')
    assert [q["text"] for q in doc._.quotes] == ["We will win this time,"]


@pytest.mark.model
def test_a_quote_after_a_participle_aside_goes_on_with_the_quote_that_the_aside_hangs_on(nlp):
    # the participle clause ("adding that ...") is an attribution of its own; the quote after it goes on
    # with the framed quote before it (same cue evidence: one attribution in PolNeAR's view)
    doc = nlp(
        '"We will win this time," Maria Lopez said, adding that the campaign had raised more money. '
        '"Nobody can stop us now."'
    )
    cues = {span.label_: span.text for span in doc.spans["claimgraph_quote_cues"]}
    assert [(q["text"], cues[q["id"]]) for q in doc._.quotes] == [
        ("We will win this time,", "said"),
        ("that the campaign had raised more money", "adding"),
        ("Nobody can stop us now.", "said"),
    ]
