"""claimgraph_factuality on sentences written for these tests, with events and quotes set by hand."""

from __future__ import annotations

from functools import lru_cache

import pytest
import spacy

from claimgraph import nlp as nlp_module
from claimgraph.components.factuality import (
    SCALE,
    Factuality,
    Lexicon,
    Settings,
    assess_token,
    combine,
    negate,
)

pytestmark = pytest.mark.model


@lru_cache(maxsize=1)
def _model():
    """The spaCy model alone: its parser reads every sentence (the pipeline may skip some)."""
    return spacy.load(nlp_module.resolve_model())


def parse(nlp, text: str, published: str | None = "2022-03-14"):
    """Parse with the model alone; events and quotes are set by the test."""
    doc = _model()(text)
    doc._.published = published
    doc._.events = []
    doc._.quotes = []
    return doc


def add_event(doc, word: str, occurrence: int = 0) -> dict:
    """An event whose trigger is the ``occurrence``-th token spelled ``word``."""
    token = [t for t in doc if t.text == word][occurrence]
    event = {
        "id": f"e{len(doc._.events) + 1}",
        "type": "AID",
        "source": None,
        "trigger": {"text": token.text, "span": [token.idx, token.idx + len(token)]},
        "sentence": [token.sent.start_char, token.sent.end_char],
        "confidence": 0.5,
    }
    doc._.events = [*doc._.events, event]
    return event


def add_quote(doc, content: str, speaker: str, actor: str, cue: str, kind: str = "direct") -> dict:
    start = doc.text.index(content)
    who = doc.text.index(speaker)
    quote = {
        "id": f"q{len(doc._.quotes) + 1}",
        "kind": kind,
        "text": content,
        "span": [start, start + len(content)],
        "cue": cue,
        "speaker": {"text": speaker, "span": [who, who + len(speaker)], "actor": actor},
        "confidence": 0.9,
    }
    doc._.quotes = [*doc._.quotes, quote]
    return quote


def run(nlp, text: str, *words: str, published: str | None = "2022-03-14", quotes=()) -> list[dict]:
    doc = parse(nlp, text, published)
    for quote in quotes:
        add_quote(doc, *quote)
    events = [add_event(doc, word) for word in words]
    nlp.get_pipe("claimgraph_factuality")(doc)
    return events


# --- the combination table -------------------------------------------------------------------


def test_combination_keeps_the_weaker_commitment():
    assert combine("possible", "probable") == "possible"
    assert combine("probable", "certain") == "probable"
    assert combine("certain", "certain") == "certain"


def test_combination_multiplies_polarity_and_unknown_absorbs():
    assert combine("certain_not", "probable") == "probable_not"
    assert combine("possible_not", "certain_not") == "possible"
    assert combine("unknown", "certain") == "unknown"
    assert combine("certain_not", "unknown") == "unknown"
    assert all(negate(negate(value)) == value for value in SCALE)


# --- cue classes ---------------------------------------------------------------------------------


def test_will_is_a_certain_future(nlp):
    """Time is its own field: 'will' commits to the event (MEANTIME CT+ future); 'may' does not."""
    (will,) = run(nlp, "Japan will send two frigates to the region.", "send")
    (may,) = run(nlp, "Korea may send one frigate to the region.", "send")
    assert (will["factuality"], will["time"]) == ("certain", "future")
    assert (may["factuality"], may["time"]) == ("possible", "future")


def test_nearly_and_almost_mean_it_did_not_happen(nlp):
    (broke,) = run(nlp, "The index nearly broke its record on Friday.", "broke")
    (collapsed,) = run(nlp, "Markets almost collapsed after the announcement.", "collapsed")
    (closed,) = run(nlp, "The index closed at a record on Friday.", "closed")
    (record,) = run(nlp, "The index nearly broke its record on Friday.", "record")
    assert (broke["factuality"], collapsed["factuality"]) == ("certain_not", "certain_not")
    assert (closed["factuality"], record["factuality"]) == ("certain", "certain")  # record exists


def test_cancelled_delayed_and_postponed_events_did_not_take_place(nlp):
    (visit,) = run(nlp, "The state visit was cancelled at short notice.", "visit")
    (plan,) = run(nlp, "The government scrapped the plan.", "plan")
    (vote,) = run(nlp, "The minister postponed the vote until June.", "vote")
    (summit,) = run(nlp, "Critics welcomed the summit postponed by the crisis.", "summit")
    (delivery,) = run(nlp, "The airline will be compensated for the delay in delivery.", "delivery")
    assert [e["factuality"] for e in (visit, plan, vote, summit, delivery)] == ["certain_not"] * 5
    assert (visit["time"], vote["time"]) == ("future", "future")


def test_ceasing_ends_the_event(nlp):
    (flying,) = run(nlp, "The airline ceased flying to Lagos in May.", "flying")
    assert flying["factuality"] == "certain_not"


def test_contracted_events_are_probable(nlp):
    (supply,) = run(nlp, "EADS has won a contract to supply the air force with tankers.", "supply")
    (contracted,) = run(nlp, "The economy contracted sharply in the third quarter.", "contracted")
    assert (supply["factuality"], supply["time"]) == ("probable", "future")
    assert contracted["factuality"] == "certain"


def test_negotiated_and_permitted_events_are_possible(nlp):
    (purchase,) = run(nlp, "The airline is negotiating the purchase of ten jets.", "purchase")
    (bid,) = run(nlp, "The firm was allowed to bid for the contract.", "bid")
    (barred,) = run(nlp, "Boeing was not allowed to bid for the contract.", "bid")
    assert (purchase["factuality"], purchase["time"]) == ("possible", "future")
    assert (bid["factuality"], barred["factuality"]) == ("possible", "probable_not")


def test_fears_hopes_and_prospects_of_an_event(nlp):
    (recession,) = run(nlp, "Stocks fell on fears of a recession in Europe.", "recession")
    (downturn,) = run(nlp, "Investors voiced worries of a downturn.", "downturn")
    (recovery,) = run(nlp, "The prospects for a recovery look poor.", "recovery")
    assert [e["factuality"] for e in (recession, downturn, recovery)] == ["possible"] * 3
    assert recession["time"] == "future"


def test_seem_and_appear_are_evidential(nlp):
    (run_,) = run(nlp, "The device appears to run an older system.", "run")
    (stalled,) = run(nlp, "Talks seem to have stalled.", "stalled")
    assert (run_["factuality"], stalled["factuality"]) == ("probable", "probable")
    assert stalled["time"] == "past"


def test_passive_reporting_verbs_over_an_infinitive(nlp):
    """'is believed to be': an impersonal belief cue; its infinitive keeps the cue's tense."""
    (worth,) = run(nlp, "The order is believed to be worth 15 billion dollars.", "worth")
    (want,) = run(nlp, "The studios are reported to want a higher price.", "want")
    assert (worth["factuality"], worth["time"]) == ("probable", "present")
    assert (want["factuality"], want["time"]) == ("certain", "present")
    assert worth["attribution"] == want["attribution"] == []  # no source is named


def test_conjuncts_share_negation_only_in_the_same_form(nlp):
    (bomb,) = run(nlp, "The army did not shell or bomb the city.", "bomb")
    (provide,) = run(nlp, "The government may send troops or provide aid.", "provide")
    assert (bomb["factuality"], provide["factuality"]) == ("certain_not", "possible")
    (released,) = run(
        nlp,
        "He said he did not know which one had been located, interviewed and released.",
        "released",
    )
    assert released["factuality"] == "certain"  # misattached to 'know', not negated by it


def test_a_noun_argument_is_not_negated_through_its_verbs_conjunct(nlp):
    (decision,) = run(
        nlp,
        "The court neither approves nor disapproves the decision to reject the applications.",
        "decision",
    )
    assert decision["factuality"] == "certain"


def test_outcome_of_a_change_of_value_is_asserted(nlp):
    (reach,) = run(nlp, "The index fell 9 percent to reach a 20-year low.", "reach")
    (appease,) = run(nlp, "The president went on television to appease the public.", "appease")
    assert (reach["factuality"], reach["time"]) == ("certain", "past")
    assert (appease["factuality"], appease["time"]) == ("probable", "future")  # a purpose


def test_forbidden_prohibited_and_embargoed_events(nlp):
    (work,) = run(nlp, "The Taliban have forbidden women to work.", "work")
    (organizing,) = run(nlp, "He is prohibited from organizing his own defense.", "organizing")
    (trade,) = run(nlp, "The council ordered an embargo on trade with the country.", "trade")
    assert [e["factuality"] for e in (work, organizing, trade)] == ["certain_not"] * 3


def test_deciding_against_and_rejecting_a_proposal(nlp):
    (seeking,) = run(nlp, "He has decided against seeking a white knight.", "seeking")
    merge, proposal = run(
        nlp, "The board rejected a proposal to merge the two carriers.", "merge", "proposal"
    )
    assert (seeking["factuality"], seeking["time"]) == ("probable_not", "future")
    assert merge["factuality"] == "possible_not"  # the content of the rejected proposal
    assert proposal["factuality"] == "certain"  # the proposal itself was made


def test_any_negated_embedding_takes_its_negated_value(nlp):
    (succeed,) = run(nlp, "They must not be allowed to succeed.", "succeed")
    assert succeed["factuality"] == "probable_not"


def test_presupposed_adjuncts_and_finite_clauses_are_not_embedded(nlp):
    flight, accident = run(
        nlp, "The test flight was delayed after an accident at the airport.", "flight", "accident"
    )
    assert (flight["factuality"], accident["factuality"]) == ("certain_not", "certain")
    (were,) = run(nlp, "They were afraid of panic selling, so they stopped the market.", "were")
    assert were["factuality"] == "certain"  # misparsed as the clause 'stopped' embeds


def test_relative_clause_of_a_definite_noun_in_a_condition_is_presupposed(nlp):
    text = "If the relatives who sought asylum lose the case, the boy will return to Cuba."
    sought, lose = run(nlp, text, "sought", "lose")
    assert (sought["factuality"], sought["hypothetical"]) == ("certain", False)
    assert (lose["factuality"], lose["hypothetical"]) == ("unknown", True)
    (indefinite,) = run(
        nlp, "If a relative who sought asylum loses the case, the boy will return.", "sought"
    )
    assert indefinite["hypothetical"]  # 'a relative who …' is part of the supposition


def test_a_negated_abandonment_keeps_the_event(nlp):
    (pursuit,) = run(nlp, "StatesWest is not abandoning its pursuit of Mesa.", "pursuit")
    assert pursuit["factuality"] == "certain"


CUE_CLASSES = [
    # (cues.tsv meaning, sentence, trigger, factuality, hypothetical, attributed cue)
    ("speech", "Officials said that China sent aid.", "sent", "certain", False, "say"),
    ("report", "CNN reported that China sent aid.", "sent", "certain", False, "report"),
    ("belief", "Officials believe that China sent aid.", "sent", "probable", False, "believe"),
    ("fear", "Officials fear that China sent aid.", "sent", "probable", False, "fear"),
    ("hope", "Officials hope that China sent aid.", "sent", "unknown", False, "hope"),
    ("denial", "Officials denied that China sent aid.", "sent", "certain_not", False, "deny"),
    ("knowledge", "Officials know that China sent aid.", "sent", "certain", False, "know"),
    ("perception", "Officials saw that China sent aid.", "sent", "certain", False, "see"),
    ("question", "Officials asked whether China sent aid.", "sent", "unknown", True, "ask"),
    ("intention", "China decided to send aid.", "send", "probable", False, None),
]


@pytest.mark.parametrize(
    ("meaning", "text", "word", "factuality", "hypothetical", "cue"),
    CUE_CLASSES,
    ids=[c[0] for c in CUE_CLASSES],
)
def test_every_cue_class(nlp, meaning, text, word, factuality, hypothetical, cue):
    (event,) = run(nlp, text, word)
    assert (event["factuality"], event["hypothetical"]) == (factuality, hypothetical)
    assert [s["cue"] for s in event["attribution"]] == ([cue] if cue else [])


def test_cue_classes_cover_the_cue_lexicon():
    from claimgraph import lexicons

    meanings = {row["meaning"] for row in lexicons.load("cues", "en", required=("meaning",))}
    assert meanings <= {c[0] for c in CUE_CLASSES}


def test_headline_infinitive_is_a_certain_future(nlp):
    (cut,) = run(nlp, "Airline to cut 4,000 jobs in Europe", "cut")
    (fragment,) = run(nlp, "To cut jobs in Europe.", "cut")
    assert (cut["factuality"], cut["time"]) == ("certain", "future")
    assert fragment["factuality"] == "possible"  # no subject: not a headline


def test_infinitive_after_an_ordinal_or_only_is_factual(nlp):
    (built,) = run(nlp, "It was the first airliner to be built of composites.", "built")
    (rise,) = run(nlp, "The index was one of the few to rise on Monday.", "rise")
    (raise_,) = run(nlp, "He is the best person to raise the boy.", "raise")
    assert (built["factuality"], rise["factuality"]) == ("certain", "certain")
    assert raise_["factuality"] == "possible"  # a superlative of quality is a judgement


def test_calling_a_sale_a_step_does_not_embed_it(nlp):
    """'call' embeds 'called on China to send', not the object it names."""
    sale, step = run(nlp, "The chairman called the sale a significant step.", "sale", "step")
    assert (sale["factuality"], step["factuality"]) == ("certain", "certain")


def test_threatened_noun_event_is_not_yet_real(nlp):
    threatened, stopped = run(
        nlp,
        "Washington threatened sanctions against the bank. The rebels stopped the shelling.",
        "sanctions",
        "shelling",
    )
    assert (threatened["factuality"], threatened["time"]) == ("possible", "future")
    assert stopped["factuality"] == "certain"


def test_blocked_and_unlikely_events(nlp):
    blocked, unlikely = run(
        nlp,
        "The court blocked the trial of two suspects. A bidding war between the giants seems unlikely.",
        "trial",
        "war",
    )
    assert (blocked["factuality"], blocked["time"]) == ("certain_not", "future")
    assert unlikely["factuality"] == "probable_not"


def test_rejecting_an_offer_does_not_negate_it(nlp):
    (event,) = run(nlp, "The board rejected the offer as inadequate.", "offer")
    assert event["factuality"] == "certain"
    assert event["attribution"] == []


def test_fear_makes_the_event_probable_and_attributed(nlp):
    (event,) = run(nlp, "China will send aid to Russia, US officials fear.", "send")
    assert event["factuality"] == "probable"
    assert event["time"] == "future"
    assert [(s["text"], s["cue"]) for s in event["attribution"]] == [("US officials", "fear")]


def test_say_keeps_the_event_certain(nlp):
    (event,) = run(nlp, "The minister said that Japan sent two frigates to the region.", "sent")
    assert event["factuality"] == "certain"
    assert event["time"] == "past"
    assert [(s["text"], s["cue"]) for s in event["attribution"]] == [("The minister", "say")]


def test_believe_and_expect_are_probable(nlp):
    believe, expect = run(
        nlp,
        "Analysts believe that Iran will supply the rebels. Diplomats expect that Turkey will mediate.",
        "supply",
        "mediate",
    )
    assert (believe["factuality"], expect["factuality"]) == ("probable", "probable")
    assert [s["cue"] for s in expect["attribution"]] == ["expect"]


def test_report_attributes_to_the_outlet(nlp):
    (event,) = run(
        nlp, "CNN reported that the Russian military is also asking for ration packs.", "asking"
    )
    assert [(s["text"], s["cue"]) for s in event["attribution"]] == [("CNN", "report")]
    assert (event["factuality"], event["time"]) == ("certain", "present")


def test_denial_makes_the_source_assert_the_negation(nlp):
    (event,) = run(nlp, "Beijing denied sending weapons to Moscow.", "sending")
    assert event["factuality"] == "certain_not"
    assert [s["cue"] for s in event["attribution"]] == ["deny"]


@pytest.mark.parametrize("modal", ["may", "could", "might"])
def test_possibility_modals(nlp, modal):
    (event,) = run(nlp, f"China {modal} send drones to Russia.", "send")
    assert (event["factuality"], event["time"]) == ("possible", "future")
    assert event["attribution"] == []


def test_contemplating_is_possible_and_future(nlp):
    (event,) = run(nlp, "India is contemplating sending troops to the border.", "sending")
    assert (event["factuality"], event["time"]) == ("possible", "future")


def test_decided_to_is_probable_and_future(nlp):
    (event,) = run(nlp, "Brazil has decided to provide Argentina with loans.", "provide")
    assert (event["factuality"], event["time"]) == ("probable", "future")


def test_no_decision_leaves_the_event_unknown(nlp):
    taken, sending = run(nlp, "No decision had been taken on sending troops.", "taken", "sending")
    assert sending["factuality"] == "unknown"
    assert taken["factuality"] == "certain_not"


def test_implicatives(nlp):
    failed, managed = run(
        nlp,
        "The convoy failed to reach Kyiv. The second convoy managed to cross the river.",
        "reach",
        "cross",
    )
    assert (failed["factuality"], failed["time"]) == ("certain_not", "past")
    assert (managed["factuality"], managed["time"]) == ("certain", "past")


def test_scheduled_event_is_certain_future_with_its_date(nlp):
    (event,) = run(
        nlp,
        "Sullivan is due in Paris on Tuesday for discussions with the French government.",
        "due",
    )
    assert (event["factuality"], event["time"], event["date"]) == (
        "certain",
        "future",
        "2022-03-15",
    )


def test_factive_cue_keeps_its_complement_under_negation_and_question(nlp):
    negated, asked = run(
        nlp,
        "The minister did not know that the army had shelled the town. Did Kyiv know that Moscow sent troops?",
        "shelled",
        "sent",
    )
    assert negated["factuality"] == "certain"
    assert asked["factuality"] == "certain" and not asked["hypothetical"]


def test_negated_belief_and_modal_cue(nlp):
    believe, could = run(
        nlp,
        "Analysts do not believe that Iran supplied the drones. It could be said that Iran built the drones.",
        "supplied",
        "built",
    )
    assert believe["factuality"] == "probable_not"
    assert could["factuality"] == "possible" and could["attribution"] == []


def test_modal_on_the_cue_weakens_the_claim(nlp):
    (event,) = run(nlp, "The minister might have said that Iran supplied the drones.", "supplied")
    assert event["factuality"] == "possible"


# --- negation --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("China did not attend the summit.", "attend"),
        ("China never sent troops to Syria.", "sent"),
        ("No troops were sent to the border.", "sent"),
    ],
)
def test_negation(nlp, text, word):
    (event,) = run(nlp, text, word)
    assert (event["factuality"], event["time"]) == ("certain_not", "past")


def test_fronted_adjunct_and_not_only(nlp):
    interview, sent = run(
        nlp,
        "In an interview, the minister declined to comment. Russia not only sent tanks but also jets.",
        "interview",
        "sent",
    )
    assert interview["factuality"] == "certain"
    assert sent["factuality"] == "certain"


def test_without_negates_its_gerund(nlp):
    (event,) = run(
        nlp, "Washington imposed the tariffs without consulting its allies.", "consulting"
    )
    assert event["factuality"] == "certain_not"


def test_negated_modal_is_a_negated_possibility(nlp):
    (event,) = run(nlp, "Germany may not deliver the tanks.", "deliver")
    assert event["factuality"] == "possible_not"


def test_non_specific_transfers_are_not_certain(nlp):
    (event,) = run(nlp, "Any military transfers would not be straightforward.", "transfers")
    assert SCALE[event["factuality"]][1] < 3


# --- nesting -------------------------------------------------------------------------------------------


def test_possible_under_probable_stays_possible(nlp):
    (event,) = run(nlp, "Officials believe that China may send arms.", "send")
    assert event["factuality"] == "possible"


def test_nested_sources_outermost_first(nlp):
    (event,) = run(
        nlp, "Reuters reported that officials had told it that China sent drones.", "sent"
    )
    assert [(s["text"], s["cue"]) for s in event["attribution"]] == [
        ("Reuters", "report"),
        ("officials", "tell"),
    ]


def test_coordinated_events_under_one_cue(nlp):
    provide, sending = run(
        nlp,
        "China has already decided to provide Russia with economic support and is contemplating sending "
        "military supplies, US officials fear.",
        "provide",
        "sending",
    )
    assert (provide["factuality"], provide["time"]) == ("probable", "future")
    assert (sending["factuality"], sending["time"]) == ("possible", "future")
    assert (
        [s["cue"] for s in provide["attribution"]]
        == [s["cue"] for s in sending["attribution"]]
        == ["fear"]
    )


# --- quotes ---------------------------------------------------------------------------------------------


def test_direct_quote_is_attributed_to_its_speaker(nlp):
    text = '"We will deliver the grain next month," the minister said.'
    (event,) = run(
        nlp,
        text,
        "deliver",
        quotes=[
            ("We will deliver the grain next month,", "the minister", "person:minister", "say")
        ],
    )
    assert event["attribution"] == [
        {"actor": "person:minister", "text": "the minister", "cue": "say"}
    ]
    assert (event["factuality"], event["time"]) == (
        "certain",
        "future",
    )  # the minister commits to it; "will" sets the time, not the certainty


def test_quote_across_sentences_uses_the_quote_cue(nlp):
    text = 'The official warned on Monday. "Moscow could cut the gas. It will hurt."'
    content = "Moscow could cut the gas. It will hurt."
    (event,) = run(nlp, text, "cut", quotes=[(content, "The official", "anon:1", "warn")])
    assert event["attribution"] == [{"actor": "anon:1", "text": "The official", "cue": "warn"}]
    assert event["factuality"] == "possible"


def test_a_quote_cue_qualifies_its_claim_not_what_the_claim_presupposes(nlp):
    # the quote's sentence holds no cue of its own: the quote's cue ('doubt') applies
    text = 'The official doubted it. "Beijing, which attacked the port last year, will arm the rebels."'
    content = "Beijing, which attacked the port last year, will arm the rebels."
    attacked, arm = run(
        nlp, text, "attacked", "arm", quotes=[(content, "The official", "anon:1", "doubt")]
    )
    assert arm["factuality"] == "probable_not"  # what the doubt is about
    assert attacked["factuality"] == "certain"  # the relative clause is taken as given
    assert attacked["attribution"] == arm["attribution"] != []  # both still come from the official


def test_a_rejected_act_named_as_the_object_still_happened(nlp):
    # an attribution with the cue 'reject' whose content is the noun: the parse reaches 'reject',
    # which does not deny a noun object ('rejected the offer'), so the quote's value is no fallback
    text = "China rejected new sanctions against Russia."
    (event,) = run(
        nlp,
        text,
        "sanctions",
        quotes=[("new sanctions against Russia", "China", "CHN", "reject", "indirect")],
    )
    assert event["factuality"] == "certain"
    assert [source["cue"] for source in event["attribution"]] == ["reject"]
    # content in a sentence of its own, without the cue in its parse, is what the rejection denies
    text = 'The official rejected it. "Moscow sent the troops."'
    (event,) = run(
        nlp, text, "sent", quotes=[("Moscow sent the troops.", "The official", "anon:1", "reject")]
    )
    assert event["factuality"] == "certain_not"


def test_outlet_voice_has_empty_attribution(nlp):
    (event,) = run(nlp, "The Americans left the Rome meeting on Monday.", "meeting")
    assert event["attribution"] == []
    assert (event["factuality"], event["time"], event["date"]) == ("certain", "past", "2022-03-14")


# --- conditions and questions -----------------------------------------------------------------------


def test_if_makes_antecedent_and_consequent_hypothetical(nlp):
    back, shift, other = run(
        nlp,
        "If China does back Russia, the Biden administration will shift its focus. Sullivan met Yang in Rome.",
        "back",
        "shift",
        "met",
    )
    assert back["hypothetical"] and shift["hypothetical"]
    assert not other["hypothetical"]
    assert back["factuality"] == "unknown"
    assert shift["factuality"] == "probable"  # 'will' is certain; the condition caps it


def test_unless_and_inverted_condition(nlp):
    unless, should = run(
        nlp,
        "Turkey will close the straits unless Russia withdraws. Should Beijing send arms, Washington will respond.",
        "withdraws",
        "send",
    )
    assert unless["hypothetical"] and should["hypothetical"]


def test_questions_are_hypothetical(nlp):
    direct, embedded, plain = run(
        nlp,
        "Will China send arms? The question is whether they will go further. China sent food.",
        "send",
        "go",
        "sent",
    )
    assert direct["hypothetical"] and embedded["hypothetical"]
    assert direct["factuality"] == "unknown"
    assert not plain["hypothetical"] and plain["factuality"] == "certain"


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "published", "expected"),
    [
        (
            "Russia has two interest payments due on Wednesday.",
            "payments",
            "2022-03-14",
            "2022-03-16",
        ),
        (
            "Sanctions were imposed after the 24 February invasion.",
            "invasion",
            "2022-03-14",
            "2022-02-24",
        ),
        ("The troops withdrew yesterday.", "withdrew", "2022-03-14", "2022-03-13"),
        ("The troops withdrew last week.", "withdrew", "2022-03-14", "2022-03-07"),
        ("The talks began in March.", "began", "2022-03-14", "2022-03-01"),
        ("The ministers met on 3 May 2021 in Vienna.", "met", "2022-03-14", "2021-05-03"),
        ("The ministers met on March 3 in Vienna.", "met", "2022-03-14", "2022-03-03"),
        ("Iran signed the deal on 28 December.", "signed", "2023-01-02", "2022-12-28"),
        ("Iran will sign the deal on 3 January.", "sign", "2022-12-30", "2023-01-03"),
        ("Iran signed the deal on Friday.", "signed", None, None),
        ("Iran signed the deal after a seven-hour meeting.", "signed", "2022-03-14", None),
    ],
)
def test_event_dates(nlp, text, word, published, expected):
    (event,) = run(nlp, text, word, published=published)
    assert event["date"] == expected


def test_date_of_another_clause_is_not_attached(nlp):
    first, second = run(
        nlp, "Kyiv asked for jets on Monday, and Warsaw sent tanks.", "asked", "sent"
    )
    assert first["date"] == "2022-03-14"
    assert second["date"] is None


# --- plumbing --------------------------------------------------------------------------------------------


def test_evidence_spans_and_config(nlp):
    doc = parse(nlp, "China will send aid on Tuesday, US officials fear.")
    add_event(doc, "send")
    nlp.get_pipe("claimgraph_factuality")(doc)
    labels = sorted(span.label_ for span in doc.spans["claimgraph_factuality"])
    assert labels == ["cue:fear", "date:2022-03-15"]


def test_consequent_setting_is_configurable(nlp):
    component = Factuality(nlp, "f", Settings(consequent="certain"))
    doc = parse(nlp, "If Iran attacks, Israel retaliates.")
    (event,) = [add_event(doc, "retaliates")]
    component(doc)
    assert event["hypothetical"] and event["factuality"] == "certain"
    nlp.get_pipe("claimgraph_factuality")(doc)
    assert event["factuality"] == "probable"


def test_to_disk_from_disk_round_trip(nlp, tmp_path):
    component = nlp.get_pipe("claimgraph_factuality")
    component.to_disk(tmp_path)
    restored = Factuality(nlp, "restored", Settings()).from_disk(tmp_path)
    assert restored.lexicon == Lexicon.packaged()
    doc = parse(nlp, "China did not attend the summit.")
    (event,) = [add_event(doc, "attend")]
    restored(doc)
    assert event["factuality"] == "certain_not"


# --- the reference article, end to end -------------------------------------------------------------


def _events_in(analysis, fragment: str) -> list:
    text = analysis.document.text
    at = text.index(fragment)
    return [
        e
        for e in analysis.events
        if e.sentence[0] <= at < e.sentence[1] and text.find(fragment, e.sentence[0]) == at
    ]


def test_reference_china_aid_is_feared_not_asserted(reference_analysis):
    actors = {actor.id: actor for actor in reference_analysis.actors}
    aid = [
        e
        for e in reference_analysis.events
        if e.type == "AID" and e.source == "CHN" and e.target == "RUS"
    ]
    assert aid
    for event in aid:
        assert [source.cue for source in event.attribution] == ["fear"]
        speaker = actors[event.attribution[0].actor]
        assert (speaker.kind, speaker.country) == ("anonymous", "USA")
        assert event.time == "future"
    economic = [e for e in aid if "economic" in e.context]
    military = [e for e in aid if e.trigger.text == "sending"]
    assert economic and all(e.factuality == "probable" for e in economic)
    assert military and all(e.factuality == "possible" for e in military)


def test_reference_pessimism_about_a_change_of_mind_leaves_the_backing_going_on(reference_analysis):
    # "the Americans walked away … pessimistic that the Chinese government would change its mind
    # about backing Moscow": the change is doubted, the backing is not
    (backing,) = [
        e for e in _events_in(reference_analysis, "pessimistic that") if e.trigger.text == "backing"
    ]
    assert backing.factuality in ("probable", "certain")
    assert [source.text for source in backing.attribution] == ["the Americans"]


def test_reference_rome_meeting_is_asserted_by_the_outlet(reference_analysis):
    (meeting,) = [
        e
        for e in _events_in(reference_analysis, "seven-hour meeting in Rome")
        if e.trigger.text == "meeting"
    ]
    assert (meeting.factuality, meeting.time, meeting.attribution) == ("certain", "past", [])


def test_reference_ration_packs_are_reported_by_cnn(reference_analysis):
    (request,) = [
        e for e in _events_in(reference_analysis, "asking for ration packs") if e.type == "REQUEST"
    ]
    assert [(s.actor, s.cue) for s in request.attribution] == [("media:cnn", "report")]


def test_reference_sullivan_in_paris_on_tuesday(reference_analysis):
    events = _events_in(reference_analysis, "Sullivan is due in Paris on Tuesday")
    assert events
    assert all(
        (e.time, e.factuality, e.date) == ("future", "certain", "2022-03-15") for e in events
    )


def test_reference_condition_is_hypothetical(reference_analysis):
    events = _events_in(reference_analysis, "If China does back Russia")
    support = [e for e in events if e.type == "SUPPORT" and e.trigger.text == "back"]
    assert support, "claimgraph_events should find China backing Russia in the condition"
    assert all(e.hypothetical for e in events)
    # the antecedent of a condition is not asserted, and the outlet itself states it
    assert [(e.factuality, e.attribution) for e in support] == [("unknown", [])]


def test_reference_events_in_anonymous_quotes_are_the_speakers(
    nlp, reference_text, reference_analysis
):
    """Each event inside a direct quote is attributed to that quote's speaker."""
    actors = {actor.id: actor for actor in reference_analysis.actors}
    checked = 0
    for quote in (q for q in reference_analysis.quotes if q.kind == "direct"):
        inside = [
            e
            for e in reference_analysis.events
            if quote.span[0] <= e.trigger.span[0] < quote.span[1]
        ]
        for event in inside:
            assert event.attribution[-1].actor == quote.speaker.actor
            checked += 1
    assert checked
    # the same on an event set by hand inside the second anonymous official's quote
    doc = nlp.make_doc(reference_text)
    doc._.published = "2022-03-14"
    for name, proc in nlp.pipeline:
        if name != "claimgraph_factuality":
            doc = proc(doc)
    at = reference_text.index("going to provide economic") + len("going to ")
    (token,) = [t for t in doc if t.idx == at]
    event = {
        "id": "e1",
        "type": "AID",
        "trigger": {"text": token.text, "span": [token.idx, token.idx + len(token)]},
        "sentence": [token.sent.start_char, token.sent.end_char],
        "confidence": 0.5,
    }
    doc._.events = [event]
    nlp.get_pipe("claimgraph_factuality")(doc)
    (source,) = event["attribution"]
    assert source["cue"] == "say"
    speaker = actors[source["actor"]]
    assert (speaker.kind, speaker.country) == ("anonymous", "USA")
    assert source["actor"] not in {
        s.actor for e in reference_analysis.events for s in e.attribution if s.cue == "fear"
    }
    assert (event["factuality"], event["time"]) == ("probable", "future")


def test_malformed_lexicon_row_is_a_coded_error():
    from claimgraph.errors import LexiconError

    rows = [{"word": "perhaps", "kind": "adverb", "factuality": "maybe", "time": "", "negated": ""}]
    with pytest.raises(LexiconError, match="CG260"):
        Lexicon.from_rows(rows, [])


def test_unknown_config_value_is_a_coded_error():
    with pytest.raises(ValueError, match="CG261"):
        Settings(consequent="likely")


def test_bare_event_noun_names_a_kind_of_event(nlp):
    (trade,) = run(nlp, "The council imposed limits on trade with Iraq.", "trade")
    assert trade["factuality"] == "probable"  # an embargo on trade: certain_not (embargo embeds)
    (war,) = run(nlp, "Russia made war on its neighbour.", "war")
    (quake,) = run(nlp, "Japanese stocks fell sharply after earthquake.", "earthquake")
    (attack,) = run(nlp, "The army repelled the attack on the city.", "attack")
    assert [e["factuality"] for e in (war, quake, attack)] == ["certain"] * 3


def test_neither_nor_negates_both_conjuncts(nlp):
    approves, disapproves = run(
        nlp, "The court neither approves nor disapproves the decision.", "approves", "disapproves"
    )
    assert (approves["factuality"], disapproves["factuality"]) == ("certain_not", "certain_not")
    called, wrote = run(
        nlp, "She called the embassy, nor did she write to the minister.", "called", "write"
    )
    assert (called["factuality"], wrote["factuality"]) == ("certain", "certain_not")


def test_negative_subject_and_negated_implicatives(nlp):
    (hurried,) = run(nlp, "Nobody hurried the negotiators.", "hurried")
    (talks,) = run(nlp, "The company has not begun talks with its lenders.", "talks")
    (dared,) = run(nlp, "The ministers did not dare to criticise the president.", "criticise")
    assert [e["factuality"] for e in (hurried, talks, dared)] == ["certain_not"] * 3
    (shelling,) = run(nlp, "The army did not stop the shelling of the city.", "shelling")
    (begun,) = run(nlp, "The company has begun talks with its lenders.", "talks")
    assert (shelling["factuality"], begun["factuality"]) == ("certain", "certain")


def test_noun_events_under_participles_and_passive_embedding(nlp):
    (deal,) = run(nlp, "Senators criticised the cancelled deal with Boeing.", "deal")
    assert deal["factuality"] == "certain_not"
    (attack,) = run(nlp, "The planned attack on the port worried the navy.", "attack")
    assert (attack["factuality"], attack["time"]) == ("probable", "future")
    (departure,) = run(nlp, "The departure of the delegation has been delayed.", "departure")
    assert (departure["factuality"], departure["time"]) == ("certain_not", "future")  # not yet gone


def test_gerunds_after_prepositions(nlp):
    (clinging,) = run(nlp, "The boy survived by clinging to an inner tube.", "clinging")
    assert clinging["factuality"] == "probable"
    (selling,) = run(
        nlp, "The government kept one share after selling its stake in 1984.", "selling"
    )
    assert selling["factuality"] == "certain"
    (going,) = run(nlp, "The index fell 9 percent before going back up.", "going")
    (flee,) = run(nlp, "Police arrested him before he could flee.", "flee")
    assert (going["factuality"], flee["factuality"]) == ("certain", "possible")


def test_negated_intention_is_neg_raising(nlp):
    (obtain,) = run(nlp, "Hewlett-Packard does not plan to obtain control of Octel.", "obtain")
    (change,) = run(nlp, "The mood is not going to change for a couple of years.", "change")
    assert (obtain["factuality"], change["factuality"]) == ("probable_not", "probable_not")


def test_causatives_are_implicative(nlp):
    (lose,) = run(nlp, "Program trading caused the index to lose ground.", "lose")
    assert (lose["factuality"], lose["time"]) == ("certain", "past")
    (sell,) = run(nlp, "The ruling did not force the company to sell its stake.", "sell")
    assert sell["factuality"] == "unknown"


def test_infinitive_complement_of_an_unlisted_verb_is_probable(nlp):
    (investigate,) = run(
        nlp, "The FBI joined Canadian authorities to investigate the shootings.", "investigate"
    )
    (woo,) = run(nlp, "Program trading is undercutting efforts to woo investors.", "woo")
    assert (investigate["factuality"], woo["factuality"]) == ("probable", "possible")


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "trigger", "cameo"),
    [
        ("China will provide Russia with economic aid, officials said.", "provide", "0331"),
        ("China provided Russia with economic aid last year.", "provided", "071"),
        ("If China provides Russia with economic aid, the US will respond.", "provides", "071"),
    ],
)
def test_announced_aid_takes_cameo_intent_code(nlp, sentence, trigger, cameo):
    doc = nlp(sentence)
    event = next(e for e in doc._.events if e["trigger"]["text"] == trigger)
    assert event["type"] == "AID"
    assert event["cameo"] == cameo


# --- round 4: rules found on MEANTIME train/dev and UW dev ------------------------------------


def test_a_question_that_is_the_content_of_a_worry_is_possible(nlp):
    """'worries over whether the carmaker will be able to keep trading': the feared outcome is
    possible (MEANTIME PS), unlike an open question ('asked whether') which stays unknown."""
    (trading,) = run(
        nlp, "Shares fell on worries over whether the carmaker can keep trading.", "trading"
    )
    (sent,) = run(nlp, "Reporters asked whether China had sent drones.", "sent")
    assert (trading["factuality"], trading["hypothetical"]) == ("possible", True)
    assert (sent["factuality"], sent["hypothetical"]) == ("unknown", True)


def test_a_bare_conjunct_of_an_infinitive_is_an_infinitive(nlp):
    """'is fighting to stem a crash and restore confidence': *restore* is as far from asserted as
    *stem* (the tagger often reads the bare conjunct as a present tense)."""
    stem, restore = run(
        nlp, "The government is fighting to stem a crash and restore confidence.", "stem", "restore"
    )
    assert stem["factuality"] == restore["factuality"] != "certain"


def test_a_particle_takes_its_verb_s_assessment(nlp):
    """'has decided to step down': the particle belongs to the verb's event."""
    doc = parse(nlp, "The chairman has decided to step down next year.")
    step, down = (next(t for t in doc if t.text == w) for w in ("step", "down"))
    lexicon = Lexicon.packaged()
    assert down.dep_ == "prt"
    assert assess_token(down, lexicon).factuality == assess_token(step, lexicon).factuality
    assert assess_token(step, lexicon).factuality == "probable"


def test_nouns_of_likelihood_risk_and_requirement_embed_their_content(nlp):
    """'the likelihood that the men were involved', 'the risk of a recession', 'requirements that
    it keep reserves': the content is possible, not asserted (modality.tsv)."""
    (involved,) = run(
        nlp, "Police played down the likelihood that the two men were involved.", "involved"
    )
    (recession,) = run(nlp, "Analysts warned of the risk of a recession next year.", "recession")
    (keep,) = run(nlp, "The bank broke requirements that it keep large reserves.", "keep")
    assert [e["factuality"] for e in (involved, recession, keep)] == ["possible"] * 3
    assert involved["time"] == "past"


def test_a_definite_argument_is_presupposed_outside_the_modal(nlp):
    """'the company's moves could boost its value': the moves happened, the boost is possible;
    an indefinite or quantified argument stays inside ('any transfers would not be easy')."""
    moves, boost = run(nlp, "The company's moves could boost its value.", "moves", "boost")
    (transfers,) = run(nlp, "Any transfers would not be easy.", "transfers")
    assert (moves["factuality"], boost["factuality"]) == ("certain", "possible")
    assert transfers["factuality"] == "possible"  # "any" (possible) under "would" (probable)


def test_the_absolute_with_construction_states_a_fact(nlp):
    """'with the index losing 900 points': the loss happened (modality.tsv kind presupposing),
    unlike a gerund after another preposition ('accused of violating')."""
    (losing,) = run(nlp, "Markets had a turbulent day, with the index losing 900 points.", "losing")
    (violating,) = run(nlp, "The envoy was accused of violating the truce.", "violating")
    (sanctions,) = run(nlp, "The US threatened Russia with sanctions.", "sanctions")
    assert (losing["factuality"], violating["factuality"]) == ("certain", "probable")
    assert sanctions["factuality"] == "possible"  # the noun after 'with' is no absolute clause


def test_an_occurrence_verb_asserts_its_subject_s_event(nlp):
    """'the meeting could take place', 'the summit will not go ahead': the verb says whether the
    noun's event happens, so its modal and negation apply, definite or not (modality.tsv kind
    occurrence)."""
    (meeting,) = run(nlp, "The meeting could take place next week.", "meeting")
    (summit,) = run(nlp, "The summit will not go ahead.", "summit")
    (talks,) = run(nlp, "No talks took place on Monday.", "talks")
    assert (meeting["factuality"], meeting["time"]) == ("possible", "future")
    assert (summit["factuality"], talks["factuality"]) == ("certain_not", "certain_not")


def test_a_negated_support_verb_denies_its_noun_event(nlp):
    """'would not give permission', 'did not provide any support': the support verb (modality.tsv
    kind ``light``) asserts its object's event, so its negation and modal are the noun's; 'any'
    under the negation is a polarity item, not a hedge."""
    (permission, sale) = run(
        nlp, "Beijing would not give permission for the sale.", "permission", "sale"
    )
    (support,) = run(nlp, "China did not provide any support to the rebels.", "support")
    (talks,) = run(nlp, "The two ministers have not held talks since June.", "talks")
    (given,) = run(nlp, "Permission was not given for the march.", "Permission")
    assert (permission["factuality"], sale["factuality"]) == ("probable_not", "probable_not")
    assert (support["factuality"], talks["factuality"]) == ("certain_not", "certain_not")
    assert given["factuality"] == "certain_not"


def test_a_positive_support_verb_keeps_its_noun_event(nlp):
    """Without a negation the support verb's object is asserted (its modal only), and the object of
    a negated verb that is no support verb still exists ('did not attend the meeting')."""
    (support,) = run(nlp, "China provided military support to the rebels.", "support")
    (aid,) = run(nlp, "Japan would provide aid to the region.", "aid")
    (meeting,) = run(nlp, "The envoy did not attend the meeting in Rome.", "meeting")
    (sale,) = run(nlp, "The ministry gave permission for the sale.", "sale")
    assert (support["factuality"], meeting["factuality"]) == ("certain", "certain")
    assert (aid["factuality"], aid["time"]) == ("probable", "future")
    assert sale["factuality"] == "possible"  # permitted, not done


def test_two_word_predicates_match_before_their_verb(nlp):
    """modality.tsv entries of a verb and its particle or adverb ('rule out', 'call off', 'have
    yet') win over the verb alone; the verb alone keeps its own reading."""
    (sign,) = run(nlp, "The minister has yet to sign the treaty.", "sign")
    (talks,) = run(nlp, "The government ruled out new talks with the rebels.", "talks")
    (holding,) = run(nlp, "The government ruled out holding new talks.", "holding")
    (strike,) = run(nlp, "The union called the strike off.", "strike")
    (country,) = run(nlp, "She ruled the country for ten years.", "country")
    assert (sign["factuality"], sign["time"]) == ("certain_not", "future")
    assert [e["factuality"] for e in (talks, holding, strike)] == ["certain_not"] * 3
    assert country["factuality"] == "certain"


def test_no_intention_is_neg_raised_like_no_plans(nlp):
    (withdrawing,) = run(
        nlp, "The army has no intention of withdrawing from the city.", "withdrawing"
    )
    (withdraw,) = run(nlp, "The army intends to withdraw from the city.", "withdraw")
    assert (withdrawing["factuality"], withdraw["factuality"]) == ("probable_not", "probable")


def test_epistemic_adjectives_hedge_their_noun_event(nlp):
    """'the alleged attack', 'a possible sale' (modality.tsv kind ``adjective``); an adjective with
    its own infinitive ('a ruling likely to send') hedges the infinitive, not the noun."""
    (attack,) = run(nlp, "Police are investigating the alleged attack on the embassy.", "attack")
    (sale,) = run(nlp, "The possible sale of the port worries the navy.", "sale")
    (ruling,) = run(nlp, "A ruling likely to send the case back was issued.", "ruling")
    assert (attack["factuality"], sale["factuality"]) == ("probable", "possible")
    assert ruling["factuality"] == "certain"


def test_content_clause_of_an_evidence_or_rumour_noun(nlp):
    """'no evidence that p' leaves p unknown, 'rumours that p' make it possible; the origin of the
    noun ('evidence from three witnesses') is no content."""
    (sent,) = run(nlp, "There is no evidence that the navy sent ships.", "sent")
    (shelled,) = run(nlp, "There is evidence that the army shelled the town.", "shelled")
    (closed,) = run(nlp, "Rumours that the bank had closed spread quickly.", "closed")
    (witnesses,) = run(nlp, "The court heard evidence from three witnesses.", "witnesses")
    assert (sent["factuality"], shelled["factuality"]) == ("unknown", "probable")
    assert (closed["factuality"], witnesses["factuality"]) == ("possible", "certain")


def test_a_killed_deal_did_not_happen_but_a_bombing_that_killed_did(nlp):
    """'kill', 'veto', 'avert' … embed an event object or passive subject as certain_not; the
    by/in phrase of a verb is a cause or a setting, not its content."""
    (deal,) = run(nlp, "The deal had been killed by the Pentagon.", "deal")
    (sale,) = run(nlp, "The senator vetoed the sale of the port.", "sale")
    (bombing,) = run(nlp, "Twelve people were killed in the embassy bombing.", "bombing")
    (strike,) = run(nlp, "The talks were delayed by the strike.", "strike")
    assert (deal["factuality"], sale["factuality"]) == ("certain_not", "certain_not")
    assert (bombing["factuality"], strike["factuality"]) == ("certain", "certain")


def test_an_adverb_particle_takes_its_verb_s_value(nlp):
    """'bring them *back*', 'break *even*': an adverb the parser attaches as advmod is the verb's
    particle, part of the verb's event (as 'step *down*')."""
    (back,) = run(nlp, "The airline wants to bring its old routes back.", "back")
    (even,) = run(nlp, "The project may break even.", "even")
    (quickly,) = run(nlp, "The airline may quickly expand.", "quickly")
    assert (back["factuality"], even["factuality"]) == ("possible", "possible")
    assert quickly["factuality"] == "certain"  # an adverb of manner is no event of its own verb


def test_no_longer_negates_but_no_matter_does_not(nlp):
    (sells,) = run(nlp, "The firm no longer sells cars in Europe.", "sells")
    (find,) = run(nlp, "No matter what it takes, the police will find the thieves.", "find")
    assert (sells["factuality"], find["factuality"]) == ("certain_not", "certain")


def test_a_noun_homograph_of_a_negative_implicative_embeds_nothing(nlp):
    """'decline to' negates its complement; 'the decline in sales' is a fall, and the sales
    happened (a noun takes no implicative row without a time: 'a delay in delivery' still does)."""
    (sales,) = run(nlp, "The decline in sales hit profits.", "sales")
    (sell,) = run(nlp, "The firm declined to sell its stake.", "sell")
    (delivery,) = run(nlp, "The airline will be compensated for the delay in delivery.", "delivery")
    assert (sales["factuality"], sell["factuality"]) == ("certain", "certain_not")
    assert delivery["factuality"] == "certain_not"


def test_a_bare_noun_after_in_is_the_setting_of_what_happened(nlp):
    """'heavy losses in *trading*': the trading took place; a bare noun elsewhere still names a kind
    of event ('an embargo on *trade*' keeps its lexicon value, 'a *takeover* bid' is generic)."""
    (trading,) = run(nlp, "The bank reported heavy losses in trading on Friday.", "trading")
    (takeover,) = run(nlp, "The board rejected a takeover bid on Friday.", "takeover")
    assert (trading["factuality"], takeover["factuality"]) == ("certain", "probable")


def test_a_temporal_clause_of_a_future_is_expected_not_asserted(nlp):
    """'will stay until the crisis *ends*' (modality.tsv kind ``temporal``) is possible; in a past
    main clause, or when the temporal clause is itself past, it happened."""
    (ends,) = run(nlp, "The troops will stay until the crisis ends.", "ends")
    (ended,) = run(nlp, "The troops stayed until the crisis ended.", "ended")
    (refused,) = run(
        nlp, "The boy will remain here even after the court refused his appeal.", "refused"
    )
    assert (ends["factuality"], ended["factuality"]) == ("possible", "certain")
    assert refused["factuality"] == "certain"


def test_the_object_of_a_non_finite_support_verb_shares_its_cap(nlp):
    """The object of a support verb ('to hold *talks*', 'to provide credit *arrangements*') is as
    planned as its purpose infinitive; the object of another verb is not asserted by it ('gathered
    to denounce *the war*'), and a finite support verb's object is its verb's ('held talks')."""
    (provide, arrangements) = run(
        nlp,
        "The banks met in London to provide new credit arrangements to the lenders.",
        "provide",
        "arrangements",
    )
    (talks,) = run(nlp, "The envoys flew to Geneva to hold talks with the rebels.", "talks")
    (war,) = run(nlp, "Thousands gathered in the square to denounce the war.", "war")
    (held,) = run(nlp, "The envoys held talks with the rebels in Geneva.", "talks")
    assert (provide["factuality"], arrangements["factuality"]) == ("probable", "probable")
    assert (talks["factuality"], war["factuality"]) == ("probable", "certain")
    assert held["factuality"] == "certain"


def test_an_infinitive_of_effort_is_possible(nlp):
    """'is fighting to stem a crash' (modality.tsv kind ``effort``): striven for, its outcome open,
    as with 'try'; a purpose infinitive of another verb stays probable."""
    (stem, restore) = run(
        nlp,
        "The government is fighting to stem a crash and restore confidence.",
        "stem",
        "restore",
    )
    (keep,) = run(nlp, "The relatives are struggling to keep the boy in Miami.", "keep")
    (denounce,) = run(nlp, "Thousands gathered in the square to denounce the war.", "denounce")
    assert (stem["factuality"], restore["factuality"]) == ("possible", "possible")
    assert (keep["factuality"], denounce["factuality"]) == ("possible", "probable")


def test_the_with_object_of_provide_is_its_object(nlp):
    """'provided Russia *with* support' (modality.tsv two-word ``light`` entry 'provide with'): the
    support is provided, denied under a negation ('any' a polarity item there), hedged by a modal;
    'with' after another verb is no object ('held talks with Russia')."""
    (denied,) = run(nlp, "China did not provide Russia with any military support.", "support")
    (given,) = run(nlp, "China provided Russia with military support last year.", "support")
    (refused,) = run(nlp, "China would not provide Russia with any support.", "support")
    (russia,) = run(nlp, "China held talks with Russia.", "Russia")
    assert (denied["factuality"], given["factuality"]) == ("certain_not", "certain")
    assert (refused["factuality"], refused["time"]) == ("probable_not", "future")
    assert russia["factuality"] == "certain"


def test_send_and_lend_are_support_verbs(nlp):
    """'did not send any aid', 'did not lend any support': the noun's event is denied; 'sent aid'
    asserts it (it is no bare kind of aid)."""
    (unsent,) = run(nlp, "China did not send any aid to Russia.", "aid")
    (sent,) = run(nlp, "China sent aid to Russia.", "aid")
    (lent,) = run(nlp, "The rebels did not lend any support to the plan.", "support")
    assert (unsent["factuality"], sent["factuality"]) == ("certain_not", "certain")
    assert lent["factuality"] == "certain_not"


def test_a_wh_question_presupposes_its_event(nlp):
    """'Who sent the arms?' asks about the sender: the sending is presupposed (FactBank), and so
    is the content of 'asked who …'; a yes/no question or 'whether' leaves the event unknown, and
    so does a clause embedded in the wh-question ('Who said the drones *were* Chinese?')."""
    (sent,) = run(nlp, "Who sent the arms to Russia?", "sent")
    (happen,) = run(nlp, "When did the attack happen?", "attack")
    (did,) = run(nlp, "Did China send arms to Russia?", "send")
    (ordered,) = run(nlp, "Officials asked who ordered the attack.", "ordered")
    (whether,) = run(nlp, "Officials asked whether China ordered the attack.", "ordered")
    (content,) = run(nlp, "Who said the drones were Chinese?", "were")
    assert (sent["factuality"], sent["hypothetical"]) == ("certain", False)
    # the question presupposes the saying, not what was said
    assert (content["factuality"], content["hypothetical"]) == ("unknown", True)
    assert happen["factuality"] == "certain"
    assert (did["factuality"], did["hypothetical"]) == ("unknown", True)
    assert (ordered["factuality"], whether["factuality"]) == ("certain", "unknown")
    assert ordered["attribution"][0]["cue"] == "ask"


def test_an_absolute_clause_shares_its_main_clause_s_value(nlp):
    """'with the index losing 900 points' states a fact after a past main clause, and is part of
    the prediction after a modal or predicted one (as a temporal clause is)."""
    (past,) = run(nlp, "The Dow fell sharply, with the index losing 900 points.", "losing")
    (modal,) = run(nlp, "The Dow may fall sharply, with the index losing 900 points.", "losing")
    (likely,) = run(
        nlp,
        "The recovery is likely to be slow, with unemployment declining only gradually.",
        "declining",
    )
    assert (past["factuality"], modal["factuality"]) == ("certain", "possible")
    assert likely["factuality"] == "probable"


def test_a_negative_implicative_noun_with_its_infinitive(nlp):
    """'China's refusal to condemn', 'the failure to reach a deal', 'its inability to pay': the
    infinitive did not happen; without an infinitive the noun embeds nothing ('the decline in
    sales': the sales happened)."""
    (condemn,) = run(nlp, "China's refusal to condemn the invasion angered Kyiv.", "condemn")
    (reach,) = run(nlp, "The failure to reach a deal angered investors.", "reach")
    (pay,) = run(nlp, "The firm's inability to pay its debts forced it to close.", "pay")
    (sales,) = run(nlp, "The decline in sales hit profits.", "sales")
    assert [e["factuality"] for e in (condemn, reach, pay)] == ["certain_not"] * 3
    assert sales["factuality"] == "certain"


def test_a_misattached_conjunct_leaves_its_head_s_embedding(nlp):
    """'demanding the funds be restored to the city and *saying* …': the parser hangs the gerund on
    the demanded clause; a conjunct of another verb form is no part of it, so the demand does not
    embed it (the restoring stays unknown, as demanded)."""
    sentence = (
        "The mayor had sent a note last week to the governor, demanding the funds be restored "
        "to the city and saying she would not accept any cuts."
    )
    (saying, restored) = run(nlp, sentence, "saying", "restored")
    assert (saying["factuality"], restored["factuality"]) == ("certain", "unknown")


def test_any_under_a_denial_is_a_polarity_item(nlp):
    """'denied that *any* talks had taken place': the denial licenses 'any', which hedges nothing
    there; outside a denial 'any' still makes the event non-specific."""
    (denied,) = run(nlp, "The Kremlin denied that any talks had taken place.", "talks")
    (said,) = run(nlp, "Officials said that any talks would take place in Geneva.", "talks")
    assert (denied["factuality"], said["factuality"]) == ("certain_not", "possible")


def test_a_warning_embeds_a_possible_future(nlp):
    """'warned of retaliation' presents a possible future (modality.tsv); 'warned China against
    sending arms' and 'not to send arms' push it towards not happening (possible_not, future), not
    a past fact; 'warned that China would send arms' is a report."""
    (of,) = run(nlp, "Officials warned of retaliation against the sanctions.", "retaliation")
    (against,) = run(nlp, "The US warned China against sending arms to Russia.", "sending")
    (not_to,) = run(nlp, "The US warned China not to send arms to Russia.", "send")
    (that,) = run(nlp, "The US warned that China would send arms to Russia.", "send")
    assert (of["factuality"], of["time"]) == ("possible", "future")
    assert (against["factuality"], against["time"]) == ("possible_not", "future")
    assert not_to["factuality"] == "possible_not"
    assert (that["factuality"], that["attribution"][0]["cue"]) == ("probable", "warn")


def test_a_participle_after_a_content_noun_is_no_content(nlp):
    """'the threat *posed* by the missiles', 'the evidence *gathered* by police': a bare
    participle describes the noun and happened; the noun's content is a clause or an infinitive
    ('allegations that the town was *shelled*', 'the threat to *strike*')."""
    (posed,) = run(nlp, "The threat posed by the missiles is real.", "posed")
    (gathered,) = run(nlp, "The evidence gathered by police was destroyed.", "gathered")
    (shelled,) = run(nlp, "There are allegations that the town was shelled.", "shelled")
    (strike,) = run(nlp, "The threat to strike worried the airline.", "strike")
    assert (posed["factuality"], gathered["factuality"]) == ("certain", "certain")
    assert (shelled["factuality"], strike["factuality"]) == ("probable", "possible")


def test_an_under_phrase_is_a_setting_not_content(nlp):
    """'is trying to sell its stake *under* an agreement with the banks': the agreement exists;
    the attempt embeds the sale, not the setting it happens under (as 'in', 'by')."""
    (agreement, sell) = run(
        nlp,
        "The company is trying to sell its stake under an agreement with the banks.",
        "agreement",
        "sell",
    )
    assert (agreement["factuality"], sell["factuality"]) == ("certain", "possible")


def test_in_order_to_is_a_purpose_infinitive(nlp):
    """'in order to meet the standards' is a purpose (probable, like 'to meet'), though the parser
    hangs it on the noun 'order'; 'an order to release' is a noun's infinitive (possible)."""
    (meet,) = run(nlp, "The army cut its size in order to meet the standards.", "meet")
    (release,) = run(nlp, "The court issued an order to release the prisoners.", "release")
    assert (meet["factuality"], release["factuality"]) == ("probable", "possible")


def test_pending_and_imminent_events_have_not_happened(nlp):
    """'the pending sale' (possible), 'an imminent clash' (probable): modality.tsv adjectives for
    events that have not happened yet; 'the completed sale' is a fact."""
    (pending,) = run(nlp, "The firm will use the money from the pending sale of its unit.", "sale")
    (clash,) = run(nlp, "Investors are betting on an imminent clash between the rivals.", "clash")
    (done,) = run(nlp, "The firm used the money from the completed sale of its unit.", "sale")
    assert (pending["factuality"], clash["factuality"]) == ("possible", "probable")
    assert done["factuality"] == "certain"


def test_negated_direct_perception_is_no_presupposition(nlp):
    """'did not see the soldiers *fire*': a perception cue over a bare infinitive reports the event,
    so its negation denies it (as a negated belief does); 'did not see that the soldiers had
    *fired*' keeps the factive presupposition, and 'saw the soldiers *fire*' asserts it."""
    (bare,) = run(nlp, "Witnesses did not see the soldiers fire at the crowd.", "fire")
    (that,) = run(nlp, "Witnesses did not see that the soldiers had fired.", "fired")
    (saw,) = run(nlp, "Witnesses saw the soldiers fire at the crowd.", "fire")
    assert (bare["factuality"], that["factuality"]) == ("certain_not", "certain")
    assert saw["factuality"] == "certain"


def test_a_headline_s_bare_noun_is_no_kind_of_event(nlp):
    """A headline drops its articles ('Senate approves *ban* on trade' is 'the ban'), so its bare
    singular nouns are specific events, not kinds; a sentence with its full stop keeps the generic
    cap ('has long supported *ban* on trade' names a kind of ban)."""
    (headline,) = run(nlp, "Senate approves ban on trade with Iran", "ban")
    (sentence,) = run(nlp, "The senator has long supported ban on trade with Iran.", "ban")
    (recession,) = run(nlp, "Japan enters recession", "recession")
    assert (headline["factuality"], sentence["factuality"]) == ("certain", "probable")
    assert recession["factuality"] == "certain"


def test_quoted_as_saying_is_the_report_itself(nlp):
    """'quoted the minister *as saying*': the gerund after 'as' of a reporting cue is the report,
    which took place; a gerund after another preposition stays capped ('accused of *lying*')."""
    (saying,) = run(nlp, "Reuters quoted the minister as saying that talks would resume.", "saying")
    (lying,) = run(nlp, "The minister was accused of lying about the talks.", "lying")
    assert (saying["factuality"], lying["factuality"]) == ("certain", "probable")


def test_a_negative_subject_negates_a_belief_cue(nlp):
    """'*Nobody* believed that p' is a negated belief (probably not p), as 'did not believe that
    p'; a negated speech cue over a wh-clause leaves the clause's event presupposed ('would not
    say what *happened*'), over a 'that' clause unknown."""
    (hold,) = run(nlp, "Nobody believed that the ceasefire would hold.", "hold")
    (happened,) = run(nlp, "Officials would not say what happened at the base.", "happened")
    (retreated,) = run(nlp, "I am not saying that the army retreated.", "retreated")
    assert (hold["factuality"], happened["factuality"]) == ("probable_not", "certain")
    assert retreated["factuality"] == "unknown"


def test_speakers_denying_knowledge_of_p_doubt_p(nlp):
    """'*I* don't know that the talks will succeed' hedges p (possible_not), where 'she did not know
    that p' presupposes it; 'we can't see that p' likewise; in the past ('I did not know that p')
    the factive reading stays."""
    (doubt,) = run(nlp, "I don't know that the talks will succeed.", "succeed")
    (see,) = run(nlp, "We can't see that the sanctions have worked.", "worked")
    (she,) = run(nlp, "She did not know that the talks had failed.", "failed")
    (past,) = run(nlp, "I did not know that the talks had failed.", "failed")
    assert (doubt["factuality"], see["factuality"]) == ("possible_not", "possible_not")
    assert (she["factuality"], past["factuality"]) == ("certain", "certain")


def test_pretending_that_p_is_not_p(nlp):
    """'pretend' is counterfactive (modality.tsv): 'pretended that the town had fallen' says it
    had not; negated too: 'did not pretend that the sanctions had worked' (they had not)."""
    (fallen,) = run(nlp, "The rebels pretended that the town had fallen.", "fallen")
    (worked,) = run(nlp, "The minister did not pretend that the sanctions had worked.", "worked")
    assert (fallen["factuality"], worked["factuality"]) == ("probable_not", "probable_not")


def test_what_someone_imagines_is_not_asserted(nlp):
    """'imagine that p' commits to nothing about p (modality.tsv: unknown), negated or not: 'he
    imagined that the war was over', 'could not imagine that the talks would fail'."""
    (over,) = run(nlp, "He imagined that the war was over.", "was")
    (fail,) = run(nlp, "She could not imagine that the talks would fail.", "fail")
    assert (over["factuality"], fail["factuality"]) == ("unknown", "unknown")


def test_a_modal_on_a_verb_of_knowing_leaves_its_clause_presupposed(nlp):
    """'could see that p', 'might have known that p': p stays presupposed under the modal of a verb
    of knowing or perceiving (modality.tsv kind ``factive``); under a verb of finding out it is
    open ('could show that p'), and an epistemic adverb still hedges ('perhaps he knew that p')."""
    (see,) = run(nlp, "The guards could see that the prisoner was afraid.", "was")
    (known,) = run(nlp, "She might have known that the talks had failed.", "failed")
    (show,) = run(nlp, "The tests could show that the drug works.", "works")
    (perhaps,) = run(nlp, "Perhaps he knew that the talks had failed.", "failed")
    assert (see["factuality"], known["factuality"]) == ("certain", "certain")
    assert (show["factuality"], perhaps["factuality"]) == ("possible", "possible")


def test_cannot_believe_is_incredulity_at_what_happened(nlp):
    """'I can't believe they sold the house' (modality.tsv kind ``incredulity``): they did; without
    the modal of ability it is a negated belief ('I don't believe they sold it' -> probable_not)."""
    (cannot,) = run(nlp, "I can't believe they sold the house.", "sold")
    (could,) = run(nlp, "She could not believe that the army had retreated.", "retreated")
    (dont,) = run(nlp, "I don't believe they sold the house.", "sold")
    assert (cannot["factuality"], could["factuality"]) == ("certain", "certain")
    assert dont["factuality"] == "probable_not"


def test_not_telling_someone_that_p_presupposes_p(nlp):
    """'did not tell parliament that the deal had collapsed' (modality.tsv kind ``factive``): it
    had; 'did not say that the deal had collapsed' leaves it unknown."""
    (told,) = run(
        nlp, "The minister did not tell parliament that the deal had collapsed.", "collapsed"
    )
    (said,) = run(nlp, "The minister did not say that the deal had collapsed.", "collapsed")
    assert (told["factuality"], said["factuality"]) == ("certain", "unknown")


def test_nor_negates_only_the_conjunct_right_after_it(nlp):
    """'neither approved nor *rejected*' negates the rejection; a later conjunct after 'but' is
    not under the 'nor' ('…, but the minister did not *support* it' is simply not supported)."""
    text = "The board neither approved nor rejected the plan, but the minister did not support it."
    rejected, support = run(nlp, text, "rejected", "support")
    assert (rejected["factuality"], support["factuality"]) == ("certain_not", "certain_not")


def test_a_negative_pronoun_object_negates_its_verb(nlp):
    """'The talks achieved *nothing*': nothing was achieved (certain_not); a negative determiner on
    the object does not negate the verb ('the firm had *no* information' is a fact)."""
    (achieved,) = run(nlp, "The talks achieved nothing.", "achieved")
    (had,) = run(nlp, "The firm had no information on the sale.", "had")
    assert (achieved["factuality"], had["factuality"]) == ("certain_not", "certain")


def test_refraining_from_an_act_is_not_doing_it(nlp):
    """'refrained from sending arms' (modality.tsv, like 'avoid'): it did not send them."""
    (sending,) = run(nlp, "China refrained from sending arms to Russia.", "sending")
    (voting,) = run(nlp, "Three members abstained from voting on the motion.", "voting")
    assert (sending["factuality"], voting["factuality"]) == ("certain_not", "certain_not")


def test_an_implicative_over_a_planned_event_settles_it(nlp):
    """'the *planned* attack' is probable and future, but a predicate that settles whether it
    happened overrides the participle: 'was called off' -> certain_not, 'began at dawn' ->
    certain, past; 'officials discussed the planned attack' keeps the plan's future."""
    (off,) = run(nlp, "The planned attack was called off.", "attack")
    (began,) = run(nlp, "The planned attack began at dawn.", "attack")
    (discussed,) = run(nlp, "Officials discussed the planned attack.", "attack")
    assert off["factuality"] == "certain_not"
    assert (began["factuality"], began["time"]) == ("certain", "past")
    assert (discussed["factuality"], discussed["time"]) == ("possible", "future")
