"""claimgraph_quotes, round 7: where an indirect quote's content starts and ends — a cue clause set off by
commas inside the clause it reports, and a concessive clause that ends a content."""

from __future__ import annotations

import pytest
from conftest import assert_quote


def quote_of(nlp, text: str, cue: str) -> dict:
    (quote,) = [q for q in nlp(text)._.quotes if q["cue"] == cue]
    return quote


# -- a cue clause set off by commas: the content is the clause on both sides of it ----------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "Though the first merger went smoothly, the analyst said, a second one would be far more "
            "difficult and could take years.",
            "say",
            "Though the first merger went smoothly, the analyst said, a second one would be far more "
            "difficult and could take years",
            "the analyst",
        ),
        (
            "The real problem, she told me on Tuesday, is that nobody reads the reports.",
            "tell",
            "The real problem, she told me on Tuesday, is that nobody reads the reports",
            "she",
        ),
        (
            "Ultimately, the minister said, the plan will fail.",
            "say",
            "Ultimately, the minister said, the plan will fail",
            "the minister",
        ),
    ],
)
def test_a_set_off_cue_clause_reports_the_words_on_both_sides(nlp, text, cue, content, speaker):
    quote = quote_of(nlp, text, cue)
    assert_quote(quote, "indirect", content, speaker)


@pytest.mark.model
def test_a_set_off_cue_clause_in_a_sentence_with_quoted_words_makes_one_mixed_quote(nlp):
    quote = quote_of(
        nlp,
        'These workers, the chief executive explained at the hearing, were "well-paid," earning '
        "between $30,000 and $60,000 a year.",
        "explain",
    )
    assert (quote["kind"], quote["speaker"]["text"]) == ("mixed", "the chief executive")
    assert quote["text"].startswith("These workers") and quote["text"].endswith("a year")


@pytest.mark.model
def test_a_cue_clause_after_its_content_is_no_set_off_clause(nlp):
    # the cue heads the sentence, its clause is before it and the as-clause after it is the writer's
    quote = quote_of(
        nlp,
        "The new bridge is a waste of money, local residents said on Monday, as they gathered "
        "outside the town hall.",
        "say",
    )
    assert quote["text"] == "The new bridge is a waste of money"


@pytest.mark.model
def test_a_cue_with_an_object_before_the_comma_is_no_set_off_clause(nlp):
    quotes = {
        q["cue"]: q["text"]
        for q in nlp(
            "During a speech in Ohio, the senator attacked the governor for his budget, saying the "
            "cuts were reckless."
        )._.quotes
    }
    assert quotes["attack"] == "the governor for his budget"
    assert quotes["say"] == "the cuts were reckless"


# -- a concessive clause at the end of a content is the writer's ----------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content",
    [
        (
            "The company claimed that the merger was legal, although it refused to publish the contract.",
            "claim",
            "that the merger was legal",
        ),
        (
            "The ministry said the test was its largest so far, though it may take weeks to confirm the "
            "yield.",
            "say",
            "the test was its largest so far",
        ),
    ],
)
def test_a_concessive_clause_ends_the_content(nlp, text, cue, content):
    assert quote_of(nlp, text, cue)["text"] == content


@pytest.mark.model
def test_a_contrast_with_while_stays_in_the_content(nlp):
    quote = quote_of(
        nlp,
        "The agency estimates that the richest households would pay more, while the poorest "
        "households would pay nothing at all.",
        "estimate",
    )
    assert quote["text"].endswith("would pay nothing at all")


# -- "call on X to ...": the addressee and what it is called on to do ------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "The senator called on the governor to veto the budget bill.",
            "the governor to veto the budget bill",
            "The senator",
        ),
        (
            "The mayor called on residents to stay indoors during the storm.",
            "residents to stay indoors during the storm",
            "The mayor",
        ),
    ],
)
def test_call_on_reads_the_addressee_and_the_infinitive(nlp, text, content, speaker):
    quote = quote_of(nlp, text, "call on")
    assert_quote(quote, "indirect", content, speaker)


# -- an intention noun with its infinitive ('the decision to delay the vote') ---------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "After the council's decision to delay the vote, residents gathered outside the town hall.",
            "decision",
            "to delay the vote",
            "the council's",
        ),
        (
            "Her pledge to cut property taxes won her the election.",
            "pledge",
            "to cut property taxes",
            "Her",
        ),
        (
            "The two countries reached an agreement to reopen the border crossing.",
            "agreement",
            "to reopen the border crossing",
            "The two countries",
        ),
    ],
)
def test_an_intention_noun_reads_its_infinitive(nlp, text, cue, content, speaker):
    quote = quote_of(nlp, text, cue)
    assert_quote(quote, "indirect", content, speaker)


@pytest.mark.model
def test_a_noun_outside_the_lexicon_reads_no_infinitive(nlp):
    # "plan" is no noun cue in cues.tsv (as one it added 6 attributions for 1 right on PolNeAR dev)
    doc = nlp("The hospital's plan to close the ward was approved.")
    assert not doc._.quotes


# -- a passive cue with its agent: the subject is what the agent said, endorsed or supported ----------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue, content, speaker",
    [
        (
            "The new budget was endorsed by three of the largest unions.",
            "endorse",
            "The new budget",
            "three of the largest unions",
        ),
        (
            "The plan is supported by a coalition of mayors.",
            "support",
            "The plan",
            "a coalition of mayors",
        ),
    ],
)
def test_a_passive_cue_with_an_agent_reads_its_subject(nlp, text, cue, content, speaker):
    quote = quote_of(nlp, text, cue)
    assert_quote(quote, "indirect", content, speaker)


@pytest.mark.model
def test_a_passive_verb_that_is_no_cue_quotes_nobody(nlp):
    assert not nlp("The bridge was built by a French company.")._.quotes


# -- quoted words in a relative clause with a subject of its own describe a noun of the sentence ------


@pytest.mark.model
def test_quoted_words_in_a_relative_clause_with_its_own_subject_are_no_quote(nlp):
    assert not nlp('Mark Jones deleted the posts in which he had admired the "bold" plan.')._.quotes


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'Mark Jones, who had admired the "bold" plan, resigned on Friday.',
        'Mark Jones admired the "bold" plan on Friday.',
    ],
)
def test_quoted_words_under_the_subjects_own_verb_stay_a_mixed_quote(nlp, text):
    (quote,) = nlp(text)._.quotes
    assert_quote(quote, "mixed", 'the "bold" plan', "Mark Jones")
