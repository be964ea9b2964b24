"""claimgraph_quotes: quotation-mark pairing, direct/indirect/mixed quotes, cues and speakers."""

from __future__ import annotations

import logging

import pytest

from claimgraph import lexicons
from claimgraph.components import quote_marks as M
from claimgraph.components import quotes as Q
from claimgraph.components.actors import actor_at
from claimgraph.model import FACTUALITY_VALUES


def run(nlp, text):
    doc = nlp(text)
    return doc, doc._.quotes


def only(quotes, kind=None):
    picked = [q for q in quotes if kind is None or q["kind"] == kind]
    assert len(picked) == 1, picked
    return picked[0]


# -- the cue lexicon ------------------------------------------------------------------


def test_cue_lexicon_columns_and_values():
    rows = lexicons.load("cues", required=Q.CUE_COLUMNS)
    assert {row["type"] for row in rows} <= {"verb", "phrase", "noun", "adj"}
    assert {row["factuality"] for row in rows} <= set(FACTUALITY_VALUES)
    by_cue = {(row["cue"], row["type"]): row for row in rows}
    assert by_cue[("say", "verb")]["factuality"] == "certain"
    assert by_cue[("fear", "verb")]["meaning"] == "fear"
    assert by_cue[("believe", "verb")]["factuality"] == "probable"
    assert by_cue[("deny", "verb")]["factuality"] == "certain_not"
    assert by_cue[("ask", "verb")]["factuality"] == "unknown"
    assert ("according to", "phrase") in by_cue


# -- quotation marks (no model) ------------------------------------------------------------


def test_cue_objects_are_verb_cues():
    verbs = {
        row["cue"] for row in lexicons.load("cues", required=Q.CUE_COLUMNS) if row["type"] == "verb"
    }
    rows = list(lexicons.load("cue_objects", required=("cue", "object")))
    assert rows and {row["cue"] for row in rows} <= verbs
    assert {row["object"] for row in rows} <= {"addressee", "act", "evidence"}


@pytest.mark.parametrize(
    "text, index, expected",
    [
        ("they shouldn't go", 12, None),  # apostrophe
        ("they\u2019ve gone", 4, None),  # curly apostrophe
        ("he said \u201cgo", 8, ("double", "open")),
        ("go\u201d she said", 2, ("double", "close")),
        ('said "go', 5, ("double", "open")),
        ('go" she', 2, ("double", "close")),
        ("back in the '90s", 12, None),  # elided year
        ("the \u00abguillemets\u00bb", 4, ("double", "open")),
        ("''It works,'' he said", 0, ("double", "open")),  # NYT archive double mark
        ("\n\u201dFear. I am afraid", 1, ("double", "open")),  # misprinted opening mark
        ("afraid.\u201d \u2015 Edwin", 7, ("double", "close")),
    ],
)
def test_classify_mark(text, index, expected):
    assert M.classify_mark(text, index) == expected


def segments(text):
    return M.find_segments(text, M.paragraph_starts(text))


def test_curly_quotes_pair_and_apostrophes_do_not_count():
    text = "\u201cThey\u2019ve decided, and we shouldn\u2019t wait,\u201d the official said."
    (seg,) = segments(text)
    assert text[seg.start : seg.end] == "They\u2019ve decided, and we shouldn\u2019t wait,"


def test_single_quotes_inside_double_quotes_are_nested():
    text = "\u201cHe told me \u2018we are ready to sign\u2019 last night,\u201d the diplomat said."
    found = segments(text)
    outer = [s for s in found if not s.nested]
    inner = [s for s in found if s.nested]
    assert len(outer) == 1 and len(inner) == 1
    assert text[inner[0].start : inner[0].end] == "we are ready to sign"


def test_unpaired_mark_is_logged_and_skipped(caplog):
    text = 'He said "we will win and the crowd cheered.\n\nNothing else happened.'
    with caplog.at_level(logging.DEBUG, logger="claimgraph.components.quote_marks"):
        assert segments(text) == []
    assert any("never closes" in record.getMessage() for record in caplog.records)


def test_stray_closing_mark_is_skipped_and_later_quotes_still_pair():
    text = "The talks\u201d ended. She said: \u201cWe are done here for now.\u201d"
    (seg,) = segments(text)
    assert text[seg.start : seg.end] == "We are done here for now."


def test_multi_paragraph_quote_runs_on_when_the_next_paragraph_opens_one():
    text = "Rutte said: \u201cWe stand together with Ukraine.\n\n\u201cWe will keep doing so.\u201d"
    first, second = segments(text)
    assert (
        first.close_at is None
        and text[first.start : first.end] == "We stand together with Ukraine."
    )
    assert text[second.start : second.end] == "We will keep doing so."


def test_quote_closes_at_a_paragraph_break_otherwise():
    text = "\u201cWe stand together\n\nThe minister left. \u201cThat is all.\u201d"
    (seg,) = segments(text)  # the first mark is left unpaired; the second quote pairs
    assert text[seg.start : seg.end] == "That is all."


# -- direct quotes ------------------------------------------------------------------------


@pytest.mark.model
def test_direct_quote_speaker_after_named_person(nlp):
    doc, quotes = run(
        nlp, "\u201cWe will not back down from our commitments,\u201d Mark Rutte said."
    )
    quote = only(quotes)
    assert quote["kind"] == "direct" and quote["cue"] == "say"
    assert quote["text"] == "We will not back down from our commitments,"
    assert quote["speaker"]["text"] == "Mark Rutte"
    assert quote["speaker"]["actor"] == "person:mark-rutte"
    assert doc.text[slice(*quote["span"])] == quote["text"]


@pytest.mark.model
def test_direct_quote_after_a_colon_with_inverted_speaker_and_straight_marks(nlp):
    _, quotes = run(nlp, 'The minister replied: "We have no plans to leave the alliance."')
    quote = only(quotes)
    assert quote["cue"] == "reply" and quote["speaker"]["text"] == "The minister"
    _, quotes = run(
        nlp, '"We have no plans to leave the alliance," said Lithuania\'s defence minister.'
    )
    quote = only(quotes)
    assert quote["speaker"]["text"] == "Lithuania's defence minister"


@pytest.mark.model
def test_speaker_in_the_middle_attributes_both_halves(nlp):
    _, quotes = run(
        nlp,
        "\u201cWe will talk to them,\u201d she said, \u201cbut we will not give up our position.\u201d",
    )
    assert [q["kind"] for q in quotes] == ["direct", "direct"]
    assert quotes[0]["speaker"]["span"] == quotes[1]["speaker"]["span"]
    assert quotes[1]["text"] == "but we will not give up our position."


@pytest.mark.model
def test_quote_split_across_sentences_carries_the_speaker(nlp):
    text = (
        "\u201cIt was an intense session, and a long one,\u201d a senior administration official said. "
        "\u201cThis meeting was not about negotiating specific outcomes.\u201d"
    )
    _, quotes = run(nlp, text)
    assert len(quotes) == 2
    assert quotes[1]["speaker"] == quotes[0]["speaker"]
    assert quotes[1]["speaker"]["text"] == "a senior administration official"
    assert quotes[1]["confidence"] < quotes[0]["confidence"]


@pytest.mark.model
def test_multi_paragraph_quote_carries_the_speaker_to_the_next_paragraph(nlp):
    text = "Mark Rutte said: \u201cWe stand together with Ukraine today.\n\n\u201cWe will keep doing so as long as it takes.\u201d"
    _, quotes = run(nlp, text)
    assert [q["text"] for q in quotes] == [
        "We stand together with Ukraine today.",
        "We will keep doing so as long as it takes.",
    ]
    assert quotes[1]["speaker"]["text"] == "Mark Rutte"


@pytest.mark.model
def test_mixed_quote_fragment_inside_reported_speech(nlp):
    _, quotes = run(nlp, "The minister said the option was 'very much on the table'.")
    quote = only(quotes)
    assert quote["kind"] == "mixed" and quote["cue"] == "say"
    assert "'very much on the table'" in quote["text"]
    assert quote["speaker"]["text"] == "The minister"


@pytest.mark.model
def test_nested_quote_stays_inside_its_direct_quote(nlp):
    _, quotes = run(
        nlp,
        "\u201cHe told me \u2018we are ready to sign the deal\u2019 last night,\u201d the diplomat said.",
    )
    quote = only(quotes)
    assert quote["kind"] == "direct"
    assert quote["text"].startswith("He told me \u2018we are ready")
    assert quote["speaker"]["text"] == "the diplomat"


@pytest.mark.model
def test_scare_quotes_are_not_quotes(nlp):
    _, quotes = run(
        nlp,
        "Sullivan laid out the case in an \u201cintense\u201d meeting in Rome with his counterpart.",
    )
    assert quotes == []


@pytest.mark.model
def test_odd_quote_marks_do_not_crash_and_are_not_quotes(nlp):
    text = 'He said "we will win and the crowd cheered.\n\nThey\u2019re right, the ” analysts wrote\u201d.'
    doc, quotes = run(nlp, text)
    assert all(q["kind"] != "direct" for q in quotes)
    assert doc.spans[Q.SPANS_KEY] is not None


@pytest.mark.model
def test_quote_with_no_speaker_anywhere_has_speaker_null(nlp):
    text = "The border was quiet on Tuesday.\n\n\u201cThe war will end soon and everyone will go home.\u201d"
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["kind"] == "direct" and quote["speaker"] is None and quote["cue"] is None


@pytest.mark.model
def test_dash_byline_names_the_speaker(nlp):
    _, quotes = run(
        nlp,
        "\u201cThe debate showed who is ready to lead this country.\u201d \u2015 Karen Bobadilla",
    )
    quote = only(quotes)
    assert quote["speaker"]["text"] == "Karen Bobadilla"


@pytest.mark.model
def test_byline_dash_glued_to_the_mark_or_after_a_no_break_space(nlp):
    _, quotes = run(
        nlp,
        "\u201cThe Donald has woken communities of color to the dangers of this man!\u201d"
        " \u2015\u00a0Julie A. Diaz Martinez.\n"
        "\u201cMaybe we can build a wall around Donald Trump instead.\u201d\u2015 Steve Quinlan.",
    )
    assert [q["speaker"]["text"] for q in quotes] == ["Julie A. Diaz Martinez", "Steve Quinlan"]
    assert all(q["kind"] == "direct" and q["cue"] is None for q in quotes)


@pytest.mark.model
def test_transcript_line_quoted_whole_names_its_speaker(nlp):
    doc, quotes = run(
        nlp,
        '"WALLACE: Will Gennifer Flowers be there tomorrow night at the debate?\n\n'
        '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.\n\n'
        '"WALLACE: Governor Pence, thank you for joining us this morning."',
    )
    assert [q["speaker"]["text"] for q in quotes] == ["WALLACE", "PENCE", "WALLACE"]
    assert quotes[1]["text"].startswith("Gennifer Flowers will not")
    assert doc.text[slice(*quotes[1]["span"])] == quotes[1]["text"]


# -- indirect speech ------------------------------------------------------------------------


@pytest.mark.model
def test_object_of_a_speech_cue_is_its_content_but_not_an_addressee_or_a_thing_shown(nlp):
    _, quotes = run(nlp, "Clinton cited the derogatory comments Trump had made about Machado.")
    quote = only(quotes)
    assert quote["cue"] == "cite" and quote["speaker"]["text"] == "Clinton"
    assert quote["text"] == "the derogatory comments Trump had made about Machado"
    _, quotes = run(nlp, "The spokesman told reporters in Brussels about the new sanctions.")
    assert [q for q in quotes if q["cue"] == "tell"] == []
    _, quotes = run(nlp, "The Russian military has shown signs of frailty in the north.")
    assert quotes == []


@pytest.mark.model
def test_speaker_of_by_saying_and_of_a_quote_whose_subject_hangs_on_the_cue(nlp):
    _, quotes = run(
        nlp,
        "Dean, a medical doctor, then appeared on MSNBC on Tuesday and began by saying he would "
        "\u201cnever\u201d diagnose someone through television.",
    )
    assert only(quotes)["speaker"]["text"] == "Dean, a medical doctor"
    _, quotes = run(
        nlp,
        '"He would be a great senator. Not good, great. One of the brightest members of the entire '
        'Congress," Rep. Elijah E. Cummings said in a phone interview.',
    )
    assert only(quotes)["speaker"]["text"] == "Rep. Elijah E. Cummings"


@pytest.mark.model
def test_trailing_participle_clause_is_not_part_of_the_content(nlp):
    _, quotes = run(
        nlp,
        "The video shows that Crutcher had his hands in the air, contradicting the earlier police account.",
    )
    quote = only(quotes)
    assert quote["text"] == "that Crutcher had his hands in the air"


@pytest.mark.model
def test_conjoined_past_act_after_a_modal_complement_is_not_part_of_the_content(nlp):
    _, quotes = run(
        nlp,
        "Trump said he would order a thorough review of the nation's computer defenses and warned "
        "against potential hackers from China.",
    )
    assert quotes[0]["cue"] == "say"
    assert quotes[0]["text"] == "he would order a thorough review of the nation's computer defenses"


@pytest.mark.model
def test_indirect_said_that(nlp):
    _, quotes = run(nlp, "The foreign minister said that the talks had failed.")
    quote = only(quotes)
    assert quote["kind"] == "indirect" and quote["cue"] == "say"
    assert quote["text"] == "that the talks had failed"
    assert quote["speaker"]["text"] == "The foreign minister"


@pytest.mark.model
def test_indirect_told_reporters(nlp):
    _, quotes = run(nlp, "Antony Blinken told reporters that Washington would respond firmly.")
    quote = only(quotes)
    assert quote["cue"] == "tell" and quote["speaker"]["text"] == "Antony Blinken"
    assert "Washington would respond firmly" in quote["text"]


@pytest.mark.model
def test_indirect_according_to(nlp):
    _, quotes = run(nlp, "According to the ministry, the talks collapsed after two days.")
    quote = only(quotes)
    assert quote["cue"] == "according to" and quote["speaker"]["text"] == "the ministry"
    assert quote["text"] == "the talks collapsed after two days"


@pytest.mark.model
def test_fronted_fear_is_an_indirect_quote_of_the_officials(nlp):
    doc, quotes = run(nlp, "China will send armed drones to Russia, US officials fear.")
    quote = only(quotes)
    assert quote["cue"] == "fear" and quote["text"] == "China will send armed drones to Russia"
    assert quote["speaker"]["text"] == "US officials"
    actor = next(a for a in doc._.actors if a["id"] == quote["speaker"]["actor"])
    assert actor["kind"] == "anonymous" and actor["country"] == "USA"


@pytest.mark.model
def test_denial_and_belief_cues(nlp):
    _, quotes = run(
        nlp,
        "Beijing denied that it had sent weapons. Officials believe that more shipments are planned.",
    )
    assert [q["cue"] for q in quotes] == ["deny", "believe"]
    assert quotes[0]["speaker"]["actor"] == "CHN.GOV"


@pytest.mark.model
def test_parenthetical_said(nlp):
    _, quotes = run(nlp, "The plan, the minister said, will fail within a week.")
    quote = only(quotes)
    assert quote["cue"] == "say" and quote["speaker"]["text"] == "the minister"
    assert quote["text"].startswith("The plan") and quote["text"].endswith("week")


@pytest.mark.model
def test_reduced_passive_question_is_the_journalists(nlp):
    _, quotes = run(
        nlp,
        "Asked if it had worked, the official replied: \u201cI suppose it depends on how you define success.\u201d",
    )
    assert [q["cue"] for q in quotes] == ["reply"]


# -- speakers ----------------------------------------------------------------------------------


@pytest.mark.model
def test_pronoun_speaker_resolves_to_the_earlier_person(nlp):
    text = "Mark Rutte arrived in Vilnius on Monday. \u201cWe will defend every inch of allied territory,\u201d he said."
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["speaker"]["text"] == "he"
    assert quote["speaker"]["actor"] == "person:mark-rutte"


@pytest.mark.model
def test_media_and_government_speakers(nlp):
    _, quotes = run(nlp, "CNN reported that Russia had asked China for drones.")
    assert only(quotes)["speaker"]["actor"] == "media:cnn"
    doc, quotes = run(
        nlp, "China's foreign ministry said in a statement that the sanctions were illegal."
    )
    quote = only(quotes)
    assert quote["cue"] == "say"
    assert quote["speaker"]["actor"] == "CHN.GOV"


@pytest.mark.model
def test_definite_description_gets_the_actor_of_the_actors_component(nlp):
    text = (
        "\u201cWe had a long and candid exchange of views,\u201d a senior administration official said.\n\n"
        "Asked about the result, the official replied: \u201cIt depends on how you define success.\u201d"
    )
    doc, quotes = run(nlp, text)
    first, second = quotes
    assert second["speaker"]["text"] == "the official"
    assert second["speaker"]["actor"] is not None
    assert second["speaker"]["actor"] == first["speaker"]["actor"]
    head = doc.char_span(*second["speaker"]["span"]).root
    assert second["speaker"]["actor"] == actor_at(doc, head)


# -- component plumbing --------------------------------------------------------------------------


@pytest.mark.model
def test_spans_and_cue_evidence(nlp):
    doc, quotes = run(
        nlp, "\u201cWe will not back down from our commitments,\u201d Mark Rutte said."
    )
    (span,) = doc.spans[Q.SPANS_KEY]
    assert span.label_ == "direct" and [span.start_char, span.end_char][0] <= quotes[0]["span"][0]
    (cue,) = doc.spans[Q.CUES_KEY]
    assert cue.text == "said" and cue.label_ == quotes[0]["id"]


@pytest.mark.model
def test_user_lexicon_and_disk_round_trip(nlp, tmp_path):
    doc = nlp("The minister grumbled that the talks had failed again.")
    assert doc._.quotes == []
    lexicon = tmp_path / "cues.tsv"
    lexicon.write_text(
        "cue\ttype\tmeaning\tfactuality\tnotes\ngrumble\tverb\tspeech\tcertain\t\n", "utf-8"
    )
    finder = Q.QuoteFinder(nlp, "quotes_test")
    finder.initialize(lexicon=lexicon)
    assert [q["cue"] for q in finder(doc)._.quotes] == ["grumble"]
    finder.to_disk(tmp_path / "saved")
    loaded = Q.QuoteFinder(nlp, "quotes_loaded").from_disk(tmp_path / "saved")
    assert loaded.cue_row("grumble")["meaning"] == "speech"
    assert [q["cue"] for q in loaded(doc)._.quotes] == ["grumble"]


# -- the reference article ---------------------------------------------------------------------------


@pytest.mark.model
def test_reference_article(nlp, reference_text):
    doc = nlp(reference_text)
    actors = {a["id"]: a for a in doc._.actors}
    direct = [q for q in doc._.quotes if q["kind"] == "direct"]
    # 6 quote paragraphs; 3 of them are split by their attribution: 9 quoted stretches
    assert len(direct) == 9
    speakers = [q["speaker"]["actor"] for q in direct]
    first, second = speakers[0], speakers[3]
    assert first != second
    assert speakers == [first] * 3 + [second] * 6
    for actor in (first, second):
        assert actors[actor]["kind"] == "anonymous" and actors[actor]["country"] == "USA"
    assert direct[0]["speaker"]["text"] == "a senior administration official"
    assert direct[2]["speaker"]["text"] == "the official" and direct[2]["cue"] == "reply"
    assert direct[3]["speaker"]["text"] == "another US official familiar with the discussions"
    assert (
        direct[-1]["text"].startswith("Our goal basically")
        and direct[-1]["speaker"]["text"] == "the US official"
    )
    fear = [
        q
        for q in doc._.quotes
        if q["cue"] == "fear" and q["text"].startswith("China has already decided")
    ]
    assert len(fear) == 1 and fear[0]["kind"] == "indirect"
    assert actors[fear[0]["speaker"]["actor"]]["kind"] == "anonymous"
    assert actors[fear[0]["speaker"]["actor"]]["country"] == "USA"
    cnn = [q for q in doc._.quotes if q["cue"] == "report"]
    assert (
        len(cnn) == 1 and cnn[0]["kind"] == "indirect" and cnn[0]["speaker"]["actor"] == "media:cnn"
    )
    assert actors["media:cnn"]["kind"] == "media"


# -- quoted words in the argument of a verb that is no cue --------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "Former President Bill Clinton criticized the health law as a \u201ccrazy system\u201d during a stop in Flint.",
            "criticize",
            "the health law as a \u201ccrazy system",
            "Former President Bill Clinton",
        ),
        (
            "The two Republican presidents introduced the \u201cWar On Drugs,\u201d which came with harsh new laws.",
            "introduce",
            "the \u201cWar On Drugs",
            "The two Republican presidents",
        ),
        (
            "Bemoaning the \u201cphony system,\u201d Trump left the stage early.",
            "bemoan",
            "the \u201cphony system",
            "Trump",
        ),
        (
            "Trump openly admires the Russian president as a \u201cstrong leader\u201d despite the sanctions.",
            "admire",
            "the Russian president as a \u201cstrong leader",
            "Trump",
        ),
    ],
)
def test_quoted_words_in_a_non_cue_argument_are_a_mixed_quote(nlp, text, cue, content, speaker):
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["kind"] == "mixed" and quote["cue"] == cue
    assert quote["text"].rstrip("\u201d,") == content
    assert quote["speaker"]["text"] == speaker


@pytest.mark.model
def test_quoted_words_keep_the_phrase_they_modify(nlp):
    """The cut at the closing mark keeps the noun the quoted words modify ("his "average American" followers")."""
    _, quotes = run(
        nlp, "He keeps flattering his \u201caverage American\u201d followers on television."
    )
    assert only(quotes)["text"] == "his \u201caverage American\u201d followers"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a place or time phrase: the title of a show, not anyone's words
        "Sanders appeared on \u201cFace the Nation\u201d last Sunday.",
        # the subject is no source
        "It comes across as \u201ctoo loud\u201d to many listeners.",
        # a quote in the subject
        "The \u201cphony system\u201d collapsed last year.",
    ],
)
def test_quoted_words_that_quote_nobody(nlp, text):
    _, quotes = run(nlp, text)
    assert quotes == []


@pytest.mark.model
def test_attribution_inside_another_quote_is_not_reported(nlp):
    """PolNeAR-style: what officials believe, inside what the minister said, is part of the minister's quote."""
    text = "The minister said that officials believe the plan will fail within a year."
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["cue"] == "say" and quote["speaker"]["text"] == "The minister"
    assert quote["text"] == "that officials believe the plan will fail within a year"
    nlp.get_pipe("claimgraph_quotes").nested = True
    try:
        _, quotes = run(nlp, text)
    finally:
        nlp.get_pipe("claimgraph_quotes").nested = False
    assert {q["cue"] for q in quotes} == {"say", "believe"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            'As a Homeland Security memo put it, the main requirement is a "lawful source of investment income."',
            "put it",
            'the main requirement is a "lawful source of investment income."',
            "a Homeland Security memo",
        ),
        (
            "As the senator said, the system is rigged against working families.",
            "say",
            "the system is rigged against working families",
            "the senator",
        ),
    ],
)
def test_as_clause_cue_attributes_the_main_clause(nlp, text, cue, content, speaker):
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert (quote["cue"], quote["text"], quote["speaker"]["text"]) == (cue, content, speaker)


@pytest.mark.model
def test_as_clause_without_a_cue_is_no_quote(nlp):
    _, quotes = run(nlp, "As expected, the plan failed after the first week.")
    assert quotes == []


# -- speakers of non-finite cues and cue nouns ----------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        # the passive subject controls a fronted gerund
        (
            "After saying her foot was badly swollen, she was taken to a naval hospital.",
            "say",
            "she",
        ),
        # over an adjective, over "short of"
        ("The senator was able to tout his polling strength at every stop.", "tout", "The senator"),
        (
            "The mayor stopped short of calling the shooting racially motivated.",
            "call",
            "The mayor",
        ),
        # cue nouns: a light verb's subject, a from-phrase
        (
            "Republicans have expressed concern that changing the policy could lead to fraud.",
            "concern",
            "Republicans",
        ),
        (
            "The move took place despite repeated warnings from his attorney that the showdown was fruitless.",
            "warning",
            "his attorney",
        ),
    ],
)
def test_speaker_of_a_non_finite_cue_or_a_cue_noun(nlp, text, cue, speaker):
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["cue"] == cue and quote["speaker"]["text"] == speaker


@pytest.mark.model
def test_passive_cue_still_names_nobody(nlp):
    """The controlled passive subject is only lent to a gerund: "X was told that" keeps speaker null."""
    _, quotes = run(nlp, "The committee was told that the money had been spent abroad.")
    assert all(q["speaker"] is None for q in quotes) and quotes


@pytest.mark.model
def test_reported_clause_running_into_its_quote_is_one_mixed_quote(nlp):
    text = (
        "Clinton said she has the essential quality for the job of president: "
        '"Steadiness, an absolute rock steadiness, mixed with strength."'
    )
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["kind"] == "mixed" and quote["cue"] == "say"
    assert quote["text"].startswith("she has the essential quality") and quote["text"].endswith(
        'strength."'
    )


@pytest.mark.model
def test_quote_after_a_finished_sentence_keeps_the_reported_clause_apart(nlp):
    """The next sentence's quote carries the speaker on; the indirect quote before it stays."""
    _, quotes = run(
        nlp, 'The minister said the talks had failed. "We will not return to the table this year."'
    )
    assert [(q["kind"], q["text"]) for q in quotes] == [
        ("indirect", "the talks had failed"),
        ("direct", "We will not return to the table this year."),
    ]
    assert {q["speaker"]["text"] for q in quotes} == {"The minister"}


@pytest.mark.model
def test_as_clause_of_a_naming_cue_keeps_its_object(nlp):
    """ "as the magazine called them, "Manchurian anchors"": the naming object is the content, not the clause."""
    _, quotes = run(
        nlp,
        "The two hosts are playing the part of, as the magazine called them last week, "
        "\u201cManchurian anchors.\u201d",
    )
    quote = only(quotes)
    assert quote["cue"] == "call" and quote["text"].startswith("them")
    assert quote["speaker"]["text"] == "the magazine"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        (
            "The senator mocked the budget as a \u201cfantasy document\u201d on Tuesday.",
            "mock",
            "The senator",
        ),
        (
            "The largest teachers union endorsed the governor's reelection bid.",
            "endorse",
            "The largest teachers union",
        ),
        (
            "In his speech, Obama referenced the tweets that had angered voters.",
            "reference",
            "Obama",
        ),
    ],
)
def test_evaluative_cues(nlp, text, cue, speaker):
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["cue"] == cue and quote["speaker"]["text"] == speaker


@pytest.mark.model
def test_scare_quote_in_the_object_of_a_named_subject_is_a_mixed_quote(nlp):
    """PolNeAR attributes most quoted stretches, one-word ones too; a phrase in a place phrase stays nothing
    (test_scare_quotes_are_not_quotes)."""
    _, quotes = run(nlp, "Sullivan held an \u201cintense\u201d meeting in Rome on Monday.")
    quote = only(quotes)
    assert (quote["kind"], quote["cue"], quote["text"]) == (
        "mixed",
        "hold",
        "an \u201cintense\u201d meeting",
    )
    assert quote["speaker"]["text"] == "Sullivan" and quote["confidence"] < 0.5


@pytest.mark.model
def test_frame_words_name_the_speaker_when_the_parse_gives_no_subject(nlp):
    """The fallback read when a misparse leaves the cue without a subject: the words between the mark and the
    cue ("...," Tulsa police Chief Chuck Jordan said), or after a leading cue; a verb phrase is no speaker."""
    finder = nlp.get_pipe("claimgraph_quotes")
    doc = nlp("\u201cWe will achieve justice,\u201d Tulsa police Chief Chuck Jordan said Monday.")
    cue = next(t for t in doc if t.lower_ == "said")
    after = [t for t in doc if t.i > 6]  # the words after the closing mark
    head, span = finder._frame_mention(doc, after, cue)
    assert (
        doc[span[0] : span[1]].text == "Tulsa police Chief Chuck Jordan" and head.text == "Jordan"
    )
    doc = nlp("\u201cWe will win,\u201d the crowd kept chanting loudly for hours, said nobody.")
    cue = next(t for t in doc if t.lower_ == "said")
    assert finder._frame_mention(doc, [t for t in doc if t.i > 5], cue) == (None, None)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Mariano wrote a memoir of her time at the White House.",
        "The Senate confirmed two justices and other appointments last year.",
        "Politically active groups do not have to disclose their donors.",
        "Mr. Putin maintains the image of a strong leader at home.",
    ],
)
def test_act_objects_of_speech_cues_are_no_content(nlp, text):
    """cue_objects.tsv (object = act): the memoir written, the justices confirmed are no quote."""
    _, quotes = run(nlp, text)
    assert quotes == []


@pytest.mark.model
def test_in_a_poll_names_the_poll_as_source(nlp):
    _, quotes = run(
        nlp, "In the latest national poll, Clinton led Trump by five points among likely voters."
    )
    quote = only(quotes)
    assert quote["cue"] == "poll" and quote["speaker"]["text"] == "the latest national poll"
    assert quote["text"] == "Clinton led Trump by five points among likely voters"


@pytest.mark.model
def test_sentence_final_according_to_covers_the_whole_sentence(nlp):
    """Set off by a comma, "according to X" attributes the sentence, wherever the parser hangs the phrase."""
    text = (
        "Scott is one of at least 707 people shot by police so far this year and the fourth person "
        "shot by a Charlotte officer, according to a Washington Post database tracking such deaths."
    )
    _, quotes = run(nlp, text)
    quote = only(quotes)
    assert quote["cue"] == "according to" and quote["text"].startswith("Scott is one of")
    assert quote["speaker"]["text"] == "a Washington Post database tracking such deaths"
