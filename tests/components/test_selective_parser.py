"""claimgraph_selective_parser: only sentences that can hold an event or a quote are parsed,
and those get the parse the full parser gives them."""

import pytest

from claimgraph.components.selective_parser import lemma_forms, lexicon_words
from claimgraph.errors import InputError

pytestmark = pytest.mark.model

WEATHER = "The weather in the capital was mild and dry for most of the week."
ATTACK = "Russian forces attacked the port of Odesa on Sunday, Ukrainian officials said."


@pytest.fixture(scope="module")
def selective():
    from claimgraph import nlp as nlp_module

    return nlp_module.load(parse="candidates")


@pytest.fixture(scope="module")
def full():
    from claimgraph import nlp as nlp_module

    return nlp_module.load(parse="all")


def test_an_unknown_parse_mode_is_refused():
    from claimgraph import nlp as nlp_module

    with pytest.raises(InputError, match="parse"):
        nlp_module.load(parse="some")


def test_the_default_mode_is_the_same_pipeline_object():
    from claimgraph import nlp as nlp_module
    from claimgraph import settings

    # load() and load(parse=<the default>) share one cached pipeline (no second model in memory)
    default = settings.defaults()["nlp"]["parse"]
    assert nlp_module.load() is nlp_module.load(parse=default)


def sentence_of(doc, text):
    return next(sent for sent in doc.sents if sent.text.strip() == text)


def test_forms_come_from_the_lemmatizer_tables(selective):
    tables = selective.get_pipe("lemmatizer").lookups
    forms = lemma_forms(
        ["say", "talk", "attack", "meet"],
        tables.get_table("lemma_rules"),
        tables.get_table("lemma_exc"),
    )
    # regular inflections from the inverted suffix rules, irregular ones from the exception table
    assert {"talks", "talked", "attacking", "attacked"} <= forms
    assert {"said", "met"} <= forms
    assert "weather" not in forms


def test_cue_phrases_contribute_their_content_words():
    words = lexicon_words("triggers", "cues")
    assert "according" in words
    assert "to" not in words  # a stop word of 'according to' would make every sentence a candidate


def test_only_candidate_sentences_are_parsed(selective):
    doc = selective(f"{WEATHER}\n\n{ATTACK}")
    weather, attack = sentence_of(doc, WEATHER), sentence_of(doc, ATTACK)
    assert all(token.dep_ == "" and token.head == token for token in weather)
    assert any(token.dep_ == "nsubj" for token in attack)
    assert [t.i for t in attack if t.dep_ == "ROOT"]


def test_a_candidate_sentence_gets_the_full_parse(selective, full):
    text = f"{WEATHER} {ATTACK} The talks in Geneva ended without a deal."
    doc, reference = selective(text), full(text)
    attack = sentence_of(reference, ATTACK)
    for token in attack:
        assert (doc[token.i].dep_, doc[token.i].head.i) == (token.dep_, token.head.i)
    assert sentence_of(doc, ATTACK).start == attack.start


def test_a_quote_running_on_into_the_next_paragraph_is_parsed(selective):
    text = (
        "“We will rebuild every school, every clinic and every bridge,” the mayor told reporters.\n\n"
        "“The city has endured far worse than a winter without heating.”\n\n"
        f"{WEATHER}"
    )
    doc = selective(text)
    continued = next(sent for sent in doc.sents if sent.text.startswith("“The city"))
    assert any(token.dep_ for token in continued)
    assert not any(token.dep_ for token in sentence_of(doc, WEATHER))


def test_a_doc_without_candidates_still_counts_as_parsed(selective):
    doc = selective(f"{WEATHER} Rain is expected in the north by Thursday evening.")
    assert doc.has_annotation("DEP")  # attribute_ruler's DEP patterns would fail otherwise
    assert len(list(doc.sents)) == 2
    assert any(token.dep_ for token in doc)


def test_reference_article_same_analysis_either_way(selective, full, reference_text):
    doc, reference = selective(reference_text), full(reference_text)
    assert doc._.events == reference._.events
    assert doc._.quotes == reference._.quotes
    assert doc._.actors == reference._.actors
