"""claimgraph_events: triggers, arguments from the parse, context rules, lexicon validation."""

from __future__ import annotations

import pytest

from claimgraph.components.plover import act_cameo, parse_plover, parse_triggers, strict_plover
from claimgraph.errors import LexiconError


def dyads(doc, etype=None):
    return {
        (e["type"], e["source"], e["target"])
        for e in doc._.events
        if etype is None or e["type"] == etype
    }


def countries(doc, event):
    table = {a["id"]: a.get("country") for a in doc._.actors}
    return table.get(event["source"]), table.get(event["target"])


# ----- lexicon validation (no model) ---------------------------------------------------------
PLOVER_ROWS = [{"kind": "type", "name": "AID", "event": "AID", "cameo": "07", "target": "yes"}]


def test_unknown_type_in_trigger_lexicon_is_a_coded_error():
    rows = [{"lemma": "gift", "pos": "verb", "type": "GIFT"}]
    with pytest.raises(LexiconError, match=r"\[CG240\].*GIFT"):
        parse_triggers(rows, parse_plover(PLOVER_ROWS).roots)


def test_bad_role_hint_is_a_coded_error():
    rows = [{"lemma": "give", "pos": "verb", "type": "AID", "roles": "target=subject"}]
    with pytest.raises(LexiconError, match=r"\[CG240\]"):
        parse_triggers(rows, parse_plover(PLOVER_ROWS).roots)


def test_cameo_code_is_refined_by_context():
    rows = [{"lemma": "give", "pos": "verb", "type": "AID", "cameo": "070|military=072"}]
    (trigger,) = parse_triggers(rows, parse_plover(PLOVER_ROWS).roots)
    assert trigger.code(None, ["military"]) == "072"
    assert trigger.code(None, ["economic"]) == "070"


def test_strict_plover_turns_promised_aid_into_agree():
    assert strict_plover({"type": "AID", "time": "future"}) == "AGREE"
    assert strict_plover({"type": "AID", "time": "past"}) == "AID"
    assert strict_plover({"type": "ASSAULT", "time": "future"}) == "THREATEN"
    assert strict_plover({"type": "ACCUSE", "time": "future"}) == "ACCUSE"


# ----- arguments from the parse ----------------------------------------------------------------
@pytest.mark.model
def test_active_verb_with_object_and_with_phrase(nlp):
    doc = nlp("Japan provided Indonesia with humanitarian aid after the earthquake.")
    (event,) = [e for e in doc._.events if e["type"] == "AID"]
    assert countries(doc, event) == ("JPN", "IDN")
    assert event["trigger"]["text"] == "provided"
    assert "humanitarian" in event["context"]


@pytest.mark.model
def test_passive_sanctions_take_the_agent_as_source(nlp):
    doc = nlp("New sanctions were imposed on Iran by the European Union on Monday.")
    events = [e for e in doc._.events if e["type"] == "SANCTION"]
    assert events, doc._.events
    assert events[0]["source"] == "EU"
    assert countries(doc, events[0])[1] == "IRN"


@pytest.mark.model
def test_nominal_event_with_possessor_and_of_phrase(nlp):
    doc = nlp("Diplomats condemned Iraq's invasion of Kuwait.")
    events = [e for e in doc._.events if e["type"] == "ASSAULT"]
    assert [countries(doc, e) for e in events] == [("IRQ", "KWT")]


@pytest.mark.model
def test_coordinated_sources_give_one_event_each(nlp):
    doc = nlp("France and Germany sent military aid to Ukraine.")
    pairs = sorted(countries(doc, e) for e in doc._.events if e["type"] == "AID")
    assert pairs == [("DEU", "UKR"), ("FRA", "UKR")]
    assert all("military" in e["context"] for e in doc._.events if e["type"] == "AID")


@pytest.mark.model
def test_reciprocal_meeting_codes_both_directions(nlp):
    doc = nlp("Egypt and Jordan met in Cairo on Sunday.")
    pairs = {countries(doc, e) for e in doc._.events if e["type"] == "CONSULT"}
    assert pairs == {("EGY", "JOR"), ("JOR", "EGY")}
    assert {e["location"] for e in doc._.events if e["type"] == "CONSULT"} == {"Cairo"}


@pytest.mark.model
def test_metonym_capital_acts_for_its_government(nlp):
    doc = nlp("Beijing accused Washington of interfering in its affairs.")
    assert ("ACCUSE", "CHN.GOV", "USA.GOV") in dyads(doc)


@pytest.mark.model
def test_negated_trigger_is_still_an_event(nlp):
    doc = nlp("China did not send aid to Russia.")
    events = [e for e in doc._.events if e["type"] == "AID"]
    assert [countries(doc, e) for e in events] == [("CHN", "RUS")]


@pytest.mark.model
def test_control_verb_hands_its_subject_to_the_event(nlp):
    doc = nlp("Turkey has decided to supply Azerbaijan with armed drones.")
    events = [e for e in doc._.events if e["type"] == "AID"]
    assert [countries(doc, e) for e in events] == [("TUR", "AZE")]
    # military aid; decided, not yet done, so the record carries CAMEO's intent code (0332)
    assert act_cameo(events[0]["cameo"]) == "072"
    assert events[0]["cameo"] == "0332"


@pytest.mark.model
def test_demand_codes_the_request_not_its_content(nlp):
    doc = nlp("Britain demanded the withdrawal of Russian troops from Georgia.")
    types = [e["type"] for e in doc._.events]
    assert "REQUEST" in types
    assert "RETREAT" not in types


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Both sides understand that they don't share common systems.",
        "The weather in Paris was mild on Tuesday.",
        "Notify of",
        "Officials sent a message of condolence.",
    ],
)
def test_sentences_without_a_codable_event_yield_nothing(nlp, text):
    assert nlp(text)._.events == []


@pytest.mark.model
def test_aid_without_a_recipient_is_not_coded(nlp):
    doc = nlp("Germany provided financial support last year.")
    assert [e for e in doc._.events if e["type"] == "AID"] == []


@pytest.mark.model
def test_missing_target_comes_from_the_previous_event_of_the_same_source(nlp):
    doc = nlp(
        "Russia asked China for drones. The Russian military is also asking for ration packs."
    )
    events = [e for e in doc._.events if e["type"] == "REQUEST"]
    assert len(events) == 2
    assert countries(doc, events[1]) == ("RUS", "CHN")
    assert events[1]["confidence"] < events[0]["confidence"]


@pytest.mark.model
def test_spans_group_holds_the_triggers(nlp):
    doc = nlp("Israeli aircraft bombed Hamas positions in Gaza.")
    assert [(s.text, s.label_) for s in doc.spans["claimgraph_events"]] == [
        (e["trigger"]["text"], e["type"]) for e in doc._.events
    ]
    assert doc._.events and doc._.events[0]["id"] == "e1"


@pytest.mark.model
def test_component_round_trips_through_disk(nlp, tmp_path):
    pipe = nlp.get_pipe("claimgraph_events")
    pipe.to_disk(tmp_path)
    fresh = type(pipe)(nlp, "copy", **pipe.cfg).from_disk(tmp_path)
    assert fresh.match(nlp("They invaded Chad.")[1]).type == "ASSAULT"


@pytest.mark.model
def test_light_verb_noun_takes_the_clause_subject_and_place(nlp):
    doc = nlp("Japan held talks with South Korea in Seoul on Monday.")
    events = [e for e in doc._.events if e["type"] == "CONSULT"]
    assert [countries(doc, e) for e in events] == [("JPN", "KOR")]
    assert events[0]["trigger"]["text"] == "talks"
    assert events[0]["location"] == "Seoul"


@pytest.mark.model
def test_recipient_verb_does_not_make_its_subject_the_giver(nlp):
    doc = nlp("Russia needs economic aid.")
    assert [e for e in doc._.events if e["type"] == "AID" and e["source"] == "RUS"] == []


@pytest.mark.model
def test_must_clause_is_a_demand_on_its_subject(nlp):
    doc = nlp("Britain said that Iran must release the sailors.")
    assert [(e["type"], *countries(doc, e)) for e in doc._.events] == [("REQUEST", "GBR", "IRN")]


@pytest.mark.model
def test_protest_without_recipient_is_aimed_at_home(nlp):
    doc = nlp("Thousands of Algerian students demonstrated on Sunday, Algeria's state media said.")
    events = [e for e in doc._.events if e["type"] == "PROTEST"]
    assert [countries(doc, e) for e in events] == [("DZA", "DZA")]
    assert events[0]["confidence"] < 0.9


@pytest.mark.model
def test_anaphoric_noun_repeats_the_earlier_dyad_with_low_confidence(nlp):
    doc = nlp("Russia invaded Ukraine in February. Prices have risen since the invasion.")
    events = [e for e in doc._.events if e["type"] == "ASSAULT"]
    assert [(e["trigger"]["text"], e["source"], e["target"]) for e in events] == [
        ("invaded", "RUS", "UKR"),
        ("invasion", "RUS", "UKR"),
    ]
    assert events[1]["confidence"] < events[0]["confidence"]


@pytest.mark.model
def test_promised_act_keeps_its_type_and_strict_plover_makes_it_agree(nlp):
    doc = nlp("Japan agreed to send aid to Nepal.")
    assert [(e["type"], e["trigger"]["text"]) for e in doc._.events] == [("AID", "send")]
    assert strict_plover(doc._.events[0], doc) == "AGREE"


@pytest.mark.model
def test_plural_pronoun_takes_the_coordinated_antecedents(nlp):
    doc = nlp("Egypt and Jordan said they would send troops to Yemen.")
    pairs = sorted(countries(doc, e) for e in doc._.events if e["type"] == "MOBILIZE")
    assert pairs == [("EGY", "YEM"), ("JOR", "YEM")]


# ----- the reference article -------------------------------------------------------------------
@pytest.fixture(scope="module")
def reference_events(reference_analysis):
    actors = {a.id: a for a in reference_analysis.actors}

    def country(actor_id):
        return actors[actor_id].country if actor_id in actors else None

    return [(e, country(e.source), country(e.target)) for e in reference_analysis.events]


@pytest.mark.model
def test_reference_china_aid_to_russia_economic_and_military(reference_events):
    aid = [
        (e.trigger.text, e.context)
        for e, s, t in reference_events
        if e.type == "AID" and (s, t) == ("CHN", "RUS")
    ]
    assert any(trig == "provide" and "economic" in ctx for trig, ctx in aid)
    assert any(trig == "sending" and "military" in ctx for trig, ctx in aid)


@pytest.mark.model
def test_reference_rome_meeting_and_paris_discussions(reference_events):
    consult = [
        (e.trigger.text, e.location, s, t) for e, s, t in reference_events if e.type == "CONSULT"
    ]
    assert ("meeting", "Rome", "USA", "CHN") in consult
    assert ("discussions", "Paris", "USA", "FRA") in consult


@pytest.mark.model
def test_reference_invasion_sanctions_and_shopping_list(reference_events):
    found = {(e.type, s, t, e.trigger.text) for e, s, t in reference_events}
    assert ("ASSAULT", "RUS", "UKR", "invasion") in found
    assert ("ASSAULT", "RUS", "UKR", "war") in found
    assert ("SANCTION", "USA", "RUS", "sanctions") in found
    assert ("REQUEST", "RUS", "CHN", "list") in found
    assert ("REQUEST", "RUS", "CHN", "asking") in found


@pytest.mark.model
def test_reference_no_event_from_junk_or_shared_understanding(reference_analysis, reference_events):
    text = reference_analysis.document.text
    sentences = {text[e.sentence[0] : e.sentence[1]] for e, _, _ in reference_events}
    assert not any("Notify of" in s or "Both sides understand" in s for s in sentences)


# ----- user actor dictionaries (PETRARCH conversion in bench/events.py) --------------------------
def _bench_module():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("bench_events", root / "bench" / "events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PETRARCH_ACTORS = """<!-- a PETRARCH-style actor dictionary -->
GONDOR [GON]
+GONDORIAN
MORDOR_ORCS [MORMIL] # comment
SAMWISE
\t[HOBGOV 20121109-20130119]
"""


def test_petrarch_actor_dictionary_converts_to_claimgraph_entries(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(PETRARCH_ACTORS, "utf-8")
    entries = {e["id"]: e for e in _bench_module().convert_petrarch_actors(path)}
    assert entries["GON"]["name"] == "Gondor"
    assert entries["GON"]["aliases"] == ["Gondorian"]
    assert (entries["MORMIL"]["name"], entries["MORMIL"]["country"]) == ("Mordor Orcs", "MOR")
    assert entries["HOBGOV"]["country"] == "HOB"


@pytest.mark.model
def test_user_actor_file_drives_the_events(tmp_path):
    import yaml

    from claimgraph import nlp as nlp_module

    source = tmp_path / "actors.txt"
    source.write_text(PETRARCH_ACTORS, "utf-8")
    path = tmp_path / "actors.yaml"
    path.write_text(yaml.safe_dump(_bench_module().convert_petrarch_actors(source)), "utf-8")
    doc = nlp_module.load(actors=str(path))("Gondor condemned the attack by the Mordor orcs.")
    assert ("ACCUSE", "GON") in {(e["type"], e["source"]) for e in doc._.events}
    assert ("ASSAULT", "MORMIL") in {(e["type"], e["source"]) for e in doc._.events}


@pytest.mark.model
def test_recipient_read_from_the_place_of_a_visit_or_attack(nlp):
    doc = nlp("The Iraqi president arrived in Amman on a surprise visit on Wednesday.")
    visit = [e for e in doc._.events if e["type"] == "CONSULT"]
    assert visit and visit[0]["target"] == "JOR" and visit[0]["location"] == "Amman"
    jordan = next(a for a in doc._.actors if a["id"] == "JOR")
    assert jordan["kind"] == "country" and jordan["mentions"]
    doc = nlp("Israeli tanks fired shells at targets in Jericho on Friday.")
    assert ("ASSAULT", "ISR", "PSE") in dyads(doc)


@pytest.mark.model
def test_a_definite_event_noun_keeps_the_earlier_events_recipient_over_its_place(nlp):
    doc = nlp(
        "US officials met Chinese diplomats in Rome on Monday. "
        "The Americans walked away from the Rome meeting pessimistic."
    )
    second = [e for e in doc._.events if e["trigger"]["text"] == "meeting"]
    assert second, doc._.events
    assert countries(doc, second[0]) == ("USA", "CHN")


@pytest.mark.model
def test_place_gives_no_recipient_to_types_that_are_not_located(nlp):
    # a demand made in a city is not aimed at the city's country
    doc = nlp("Iraqi officials in Istanbul demanded an apology from the newspaper.")
    assert all(e["target"] != "TUR" for e in doc._.events)


@pytest.mark.model
def test_location_named_by_a_common_noun_of_place(nlp):
    doc = nlp("Thousands of Iraqi Kurds demonstrated in the northern city of Kirkuk on Sunday.")
    protest = [e for e in doc._.events if e["type"] == "PROTEST"]
    assert protest and protest[0]["location"] == "Kirkuk"


@pytest.mark.model
def test_announced_concession_is_strict_agree(nlp):
    doc = nlp("Turkey will allow thousands of refugees to return home.")
    allow = [e for e in doc._.events if e["type"] == "CONCEDE"]
    assert allow and strict_plover(allow[0], doc) == "AGREE"


@pytest.mark.model
def test_arrest_warrant_and_release_of_an_official(nlp):
    doc = nlp("A court in Guyana issued arrest warrants for two Brazilian men.")
    assert ("COERCE", "GUY.GOV", "BRA") in dyads(doc)
    doc = nlp("Israel released the mayor of Nablus, a member of Hamas.")
    assert any(e["type"] == "RETREAT" and e["source"] == "ISR" for e in doc._.events)


@pytest.mark.model
def test_concession_with_no_recipient_is_aimed_at_the_source_country(nlp):
    doc = nlp("The Mozambique government on Thursday accepted demands from rebels.")
    assert ("CONCEDE", "MOZ.GOV", "MOZ") in dyads(doc)
    mozambique = next(a for a in doc._.actors if a["id"] == "MOZ")
    assert mozambique["kind"] == "country" and mozambique["mentions"] == []  # implied


@pytest.mark.model
def test_participle_modifying_a_noun_has_no_source_of_its_own(nlp):
    doc = nlp("Israel released a member of Hamas jailed a year ago.")
    assert all(e["type"] != "COERCE" for e in doc._.events)


@pytest.mark.model
def test_trigger_in_a_dating_phrase_does_not_take_the_clause_actors(nlp):
    doc = nlp("Russia faces sanctions imposed by the US since the February invasion.")
    assert not any(e["type"] == "ASSAULT" and e["source"] == "USA" for e in doc._.events)


@pytest.mark.model
def test_place_attacked_is_the_location_and_its_country_the_target(nlp):
    doc = nlp("Sudanese rebels shelled the southern regional capital Juba on Sunday.")
    assault = [e for e in doc._.events if e["type"] == "ASSAULT"]
    assert assault and assault[0]["location"] == "Juba" and assault[0]["target"] == "SDN"


@pytest.mark.model
def test_country_modifying_an_object_is_no_location(nlp):
    doc = nlp("Sullivan laid out the US case against Russia's invasion in Rome.")
    assert all(e["location"] != "US" for e in doc._.events)


@pytest.mark.model
def test_passive_subject_controls_the_infinitive(nlp):
    doc = nlp("Obama is scheduled to attend a summit in Switzerland.")
    summit = [e for e in doc._.events if e["type"] == "CONSULT"]
    assert summit and summit[0]["source"] == "person:barack-obama"


@pytest.mark.model
def test_host_of_a_visit_is_the_source_as_in_cameo_043(nlp):
    doc = nlp("Russia hosted a delegation from Japan. Egypt hosted Jordan for talks.")
    assert ("CONSULT", "EGY", "JOR") in dyads(doc, "CONSULT")


@pytest.mark.model
def test_complaint_targets_what_it_is_about_not_the_addressee(nlp):
    doc = nlp("Lebanon complained to the United Nations on Tuesday over two Israeli air raids.")
    assert ("ACCUSE", "LBN", "ISR") in dyads(doc, "ACCUSE")


@pytest.mark.model
def test_stative_passive_subject_is_the_actor(nlp):
    doc = nlp("Serb forces were engaged in ethnic cleansing against the Albanian population.")
    assert any(e["type"] == "ASSAULT" and e["source"] == "SRB.MIL" for e in doc._.events)
    doc = nlp("Three Iraqi soldiers were killed on Sunday.")  # a real passive: no known actor
    assert not doc._.events


@pytest.mark.model
def test_blocking_transport_is_a_protest(nlp):
    doc = nlp("Rebels in the Ivory Coast on Tuesday blocked transport into Abidjan.")
    assert any(e["type"] == "PROTEST" and e["source"] == "group:civ-rebels" for e in doc._.events)


@pytest.mark.model
def test_gerund_of_a_reason_phrase_is_done_by_the_one_blamed(nlp):
    doc = nlp(
        "The European Union imposed new sanctions on Belarus last month for allowing Russian "
        "forces to use its territory."
    )
    concessions = [e for e in doc._.events if e["type"] == "CONCEDE"]
    assert concessions, doc._.events
    assert {countries(doc, e)[0] for e in concessions} == {"BLR"}
    assert ("SANCTION", "EU", "BLR") in dyads(doc)


@pytest.mark.model
def test_own_side_announced_as_acting_is_no_target_of_a_warning(nlp):
    doc = nlp(
        "Dmitry Peskov, the Kremlin spokesman, warned that Moscow would respond to any new "
        "deployment."
    )
    threats = [e for e in doc._.events if e["type"] == "THREATEN"]
    assert threats, doc._.events
    assert all(countries(doc, e)[1] != "RUS" for e in threats)


@pytest.mark.model
def test_demand_of_a_protest_named_by_its_light_verb_is_its_topic(nlp):
    doc = nlp(
        "Algerian landowners began a hunger strike outside the parliament building to demand the "
        "return of their property."
    )
    types = [e["type"] for e in doc._.events]
    assert "PROTEST" in types
    assert "REQUEST" not in types


@pytest.mark.model
def test_participle_of_an_issued_statement_is_done_by_its_issuer(nlp):
    doc = nlp(
        "The Kurdistan Workers' Party issued a declaration demanding that the Turkish government "
        "release its prisoners."
    )
    requests = [e for e in doc._.events if e["type"] == "REQUEST"]
    assert requests, doc._.events
    assert countries(doc, requests[0]) == ("TUR", "TUR")
    assert requests[0]["source"] != requests[0]["target"]


@pytest.mark.model
def test_coordinated_demonyms_on_a_group_give_one_event_each(nlp):
    doc = nlp("US and British activists staged a dramatic protest in Beijing on Wednesday.")
    protests = [e for e in doc._.events if e["type"] == "PROTEST"]
    assert {countries(doc, e)[0] for e in protests} == {"USA", "GBR"}


@pytest.mark.model
def test_wanting_to_act_is_no_request_of_the_one_acted_on(nlp):
    doc = nlp("Obama wants to attack Switzerland.")
    assert not [e for e in doc._.events if e["type"] == "REQUEST"]
    doc = nlp("Obama wants Putin to attack Switzerland.")
    requests = [e for e in doc._.events if e["type"] == "REQUEST"]
    assert [countries(doc, e) for e in requests] == [("USA", "RUS")]


@pytest.mark.model
def test_allowing_as_the_purpose_of_an_act_is_no_concession_of_its_own(nlp):
    doc = nlp("General Prosper Avril of Haiti resigned yesterday to allow democratic elections.")
    assert [e["type"] for e in doc._.events] == ["RETREAT"]
    doc = nlp("The Haitian government allowed democratic elections.")
    assert "CONCEDE" in [e["type"] for e in doc._.events]


@pytest.mark.model
def test_sending_peacekeepers_is_aid_not_mobilisation(nlp):
    doc = nlp("Bangladesh sent peacekeeping troops to Sierra Leone on Tuesday.")
    assert [(e["type"], e["cameo"]) for e in doc._.events] == [("AID", "074")]
    assert countries(doc, doc._.events[0]) == ("BGD", "SLE")
    doc = nlp("Russia sent troops to the border on Tuesday.")
    assert "AID" not in [e["type"] for e in doc._.events]


@pytest.mark.model
def test_being_opposed_to_is_a_rejection_by_the_subject_unless_an_agent_is_named(nlp):
    doc = nlp("Israel is opposed to French mediation in peace negotiations with Syria.")
    rejections = [e for e in doc._.events if e["type"] == "REJECT"]
    assert [countries(doc, e) for e in rejections] == [("ISR", "FRA")]
    doc = nlp("The Russian proposal was opposed by China.")
    rejections = [e for e in doc._.events if e["type"] == "REJECT"]
    assert [countries(doc, e)[0] for e in rejections] == ["CHN"]


@pytest.mark.model
def test_attack_named_in_a_passive_or_suffering_clause_hits_its_subject(nlp):
    doc = nlp("Three Iraqi civilians were killed in an American air strike.")
    attacks = [e for e in doc._.events if e["type"] == "ASSAULT"]
    assert [countries(doc, e) for e in attacks] == [("USA", "IRQ")]
    doc = nlp("A Palestinian prisoner died as a result of torture.")
    assert not [e for e in doc._.events if countries(doc, e)[0] == "PSE"]  # the victim acts not


@pytest.mark.model
def test_their_meeting_belongs_to_both_coordinated_actors(nlp):
    doc = nlp("France and Germany have postponed their meeting until next month.")
    meetings = [e for e in doc._.events if e["type"] == "CONSULT"]
    assert {countries(doc, e) for e in meetings} == {("FRA", "DEU"), ("DEU", "FRA")}


@pytest.mark.model
def test_condemning_an_attack_accuses_the_attacker_not_its_place(nlp):
    doc = nlp("The French government condemned an attack by Russian soldiers in eastern Ukraine.")
    accusations = [e for e in doc._.events if e["type"] == "ACCUSE"]
    assert [countries(doc, e) for e in accusations] == [("FRA", "RUS")]
    assert ("ASSAULT", "RUS.MIL", "UKR") in dyads(doc)


@pytest.mark.model
def test_coordinated_parties_agreeing_agree_with_each_other(nlp):
    doc = nlp(
        "The Philippines and France agree that the disputes should be resolved by arbitration."
    )
    agreements = [e for e in doc._.events if e["type"] == "AGREE"]
    assert {countries(doc, e) for e in agreements} == {("PHL", "FRA"), ("FRA", "PHL")}


@pytest.mark.model
def test_announced_release_is_strict_agree_as_cameo_035(nlp):
    doc = nlp("The Fijian rebels said they will release their prisoners on the weekend.")
    releases = [e for e in doc._.events if e["type"] == "RETREAT"]
    assert releases, doc._.events
    assert strict_plover(releases[0], doc) == "AGREE"


@pytest.mark.model
def test_evacuating_settlements_is_a_retreat_from_the_place_of_its_object(nlp):
    doc = nlp("Israel will evacuate all 21 settlements in the Gaza Strip in mid-August.")
    retreats = [e for e in doc._.events if e["type"] == "RETREAT"]
    assert [countries(doc, e) for e in retreats] == [("ISR", "PSE")]
    assert strict_plover(retreats[0], doc) == "AGREE"
    doc = nlp("The army evacuated wounded civilians to Jordan.")
    assert "RETREAT" not in [e["type"] for e in doc._.events]


@pytest.mark.model
def test_purpose_is_aimed_where_its_act_goes(nlp):
    doc = nlp(
        "The United Nations has sent 21 military personnel to Bosnia to investigate the allegations."
    )
    investigations = [e for e in doc._.events if e["type"] == "ACCUSE"]
    assert [e["target"] for e in investigations] == ["BIH"]


@pytest.mark.model
def test_investigating_an_act_of_ones_own_clause_still_has_a_target(nlp):
    doc = nlp("The United Nations sent 21 observers to Bosnia to investigate the ceasefire.")
    assert ("ACCUSE", "UN", "BIH") in dyads(doc)


@pytest.mark.model
def test_a_meeting_needs_a_counterpart_or_a_place(nlp):
    doc = nlp("Israel's cabinet met on Sunday and discussed the budget.")
    assert "CONSULT" not in [e["type"] for e in doc._.events]
    doc = nlp("Egypt and Jordan met on Sunday.")
    assert {countries(doc, e) for e in doc._.events if e["type"] == "CONSULT"} == {
        ("EGY", "JOR"),
        ("JOR", "EGY"),
    }


@pytest.mark.model
def test_fighting_between_two_sides_is_mutual_not_aimed_at_the_clause_recipients(nlp):
    doc = nlp(
        "Russia closed its borders with Iran and Turkey because of fighting between "
        "Azerbaijanis and Armenians."
    )
    fights = {countries(doc, e) for e in doc._.events if e["type"] == "ASSAULT"}
    assert fights == {("AZE", "ARM"), ("ARM", "AZE")}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The International Labour Office reiterated its demand today that Israel ease the "
        "restrictions on Palestinian workers.",
        "The International Labour Office (ILO) reiterated its demand today that Israel ease the "
        "restrictions on Palestinian workers.",
    ],
)
def test_a_demands_that_clause_names_who_is_asked_and_is_no_event(nlp, text):
    doc = nlp(text)
    assert {(e["type"], e["source"], e["target"]) for e in doc._.events} == {
        ("REQUEST", "ILO", "ISR")
    }


@pytest.mark.model
def test_people_fleeing_a_war_do_not_make_their_helper_its_fighter(nlp):
    doc = nlp(
        "The United Nations will provide food aid to refugees fleeing the civil war in Liberia."
    )
    assert not [e for e in doc._.events if e["type"] == "ASSAULT" and e["source"] == "UN"]


@pytest.mark.model
def test_a_when_clause_locates_the_act_it_times(nlp):
    doc = nlp(
        "Palestinian suicide bombers killed 23 people when they blew themselves up in Tel Aviv."
    )
    killings = [e for e in doc._.events if e["trigger"]["text"] == "killed"]
    assert killings and killings[0]["location"] == "Tel Aviv"


@pytest.mark.model
def test_bare_police_or_troops_belong_to_the_country_they_act_in(nlp):
    doc = nlp("Police arrested dozens of opposition supporters in Minsk on Sunday.")
    arrests = [e for e in doc._.events if e["type"] == "COERCE"]
    assert [e["source"] for e in arrests] == ["BLR.GOV"]
    actor = next(a for a in doc._.actors if a["id"] == "BLR.GOV")
    assert doc.text[slice(*actor["mentions"][0])] == "Police"
    doc = nlp("Russian police arrested dozens of protesters in Minsk.")
    assert {e["source"] for e in doc._.events if e["type"] == "COERCE"} <= {"RUS.GOV", "RUS"}


@pytest.mark.model
def test_signing_and_ceasefires_between_coordinated_parties_are_mutual(nlp):
    doc = nlp("France and Germany signed a trade agreement on Monday.")
    assert {countries(doc, e) for e in doc._.events} == {("FRA", "DEU"), ("DEU", "FRA")}
    doc = nlp("Armenia and Azerbaijan agreed to a ceasefire.")
    truces = {countries(doc, e) for e in doc._.events if e["type"] == "RETREAT"}
    assert truces == {("ARM", "AZE"), ("AZE", "ARM")}


@pytest.mark.model
def test_an_igo_officials_acts_are_the_organisations(nlp):
    doc = nlp("The US on Thursday rejected calls by Kofi Annan, UN secretary-general, to act.")
    assert ("REJECT", "USA", "UN") in dyads(doc)
    doc = nlp("U.N. envoy Diego Cordovez met Pakistan's foreign minister in Geneva.")
    assert {e["source"] for e in doc._.events if e["type"] == "CONSULT"} == {"UN"}


@pytest.mark.model
def test_an_attack_noun_with_no_recipient_codes_nothing(nlp):
    doc = nlp("Ukraine says it has evidence proving Russia was behind the chemical attacks.")
    assert not [e for e in doc._.events if e["type"] == "ASSAULT"]
    doc = nlp("Russia's attack on Ukraine began at dawn.")
    assert ("ASSAULT", "RUS", "UKR") in dyads(doc)


@pytest.mark.model
def test_a_company_naming_the_agent_thing_is_no_attacker(nlp):
    doc = nlp("The plane was blown up over Ukraine by a BAK missile.")
    assert not [e for e in doc._.events if e["source"] == "org:bak"]
    doc = nlp("Three civilians were killed by US air strikes in Kandahar.")
    assert [countries(doc, e)[0] for e in doc._.events if e["type"] == "ASSAULT"] == ["USA"]


@pytest.mark.model
def test_a_permitted_act_is_not_done(nlp):
    doc = nlp("Obama said he would not give permission to Russia to help Israel.")
    assert not [e for e in doc._.events if e["type"] == "AID"]
    permissions = [e for e in doc._.events if e["trigger"]["text"] == "permission"]
    assert [countries(doc, e) for e in permissions] == [("USA", "RUS")]
    assert strict_plover(permissions[0], doc) == "REJECT"  # a refusal to allow
    doc = nlp("Egypt allowed Hamas to hold a rally in Cairo.")
    assert not [e for e in doc._.events if e["type"] == "PROTEST"]


@pytest.mark.model
def test_a_visits_destination_is_its_host_before_the_clauses_recipient(nlp):
    doc = nlp("The US general held talks with President Michel Suleiman during a visit to Beirut.")
    visits = [e for e in doc._.events if e["trigger"]["text"] == "visit"]
    assert [countries(doc, e) for e in visits] == [("USA", "LBN")]


@pytest.mark.model
def test_what_a_meeting_is_about_is_not_its_counterpart(nlp):
    doc = nlp("Obama is scheduled to attend a summit in Switzerland on the unrest in Iran.")
    summits = [e for e in doc._.events if e["type"] == "CONSULT"]
    assert [countries(doc, e) for e in summits] == [("USA", "CHE")]
    doc = nlp("Germany held talks with France about the crisis in Mali.")
    assert {countries(doc, e) for e in doc._.events} == {("DEU", "FRA")}


@pytest.mark.model
def test_protesters_using_force_riot_but_their_armed_attacks_stay_attacks(nlp):
    doc = nlp("The Russian embassy was demolished by Ukrainian protesters.")
    riots = [e for e in doc._.events if e["trigger"]["text"] == "demolished"]
    assert [(e["type"], e["mode"], e["cameo"]) for e in riots] == [("PROTEST", "riot", "145")]
    doc = nlp("Georgian demonstrators launched missiles at the Russian embassy.")
    assert "PROTEST" not in {e["type"] for e in doc._.events}


@pytest.mark.model
def test_an_order_is_a_request_and_what_it_orders_is_not_done(nlp):
    doc = nlp("Obama ordered an investigation against Iran.")
    assert {(e["type"], *countries(doc, e)) for e in doc._.events} == {("REQUEST", "USA", "IRN")}
    doc = nlp("The general ordered his troops to attack Ukraine.")
    assert "ASSAULT" not in {e["type"] for e in doc._.events}
    doc = nlp("Egypt ordered 20 fighter jets from France.")  # a purchase order: no content clause
    assert "REQUEST" not in {e["type"] for e in doc._.events}


@pytest.mark.model
def test_troops_arriving_are_deployed_not_visiting(nlp):
    doc = nlp("The first NATO peacekeeping troops have arrived in Bosnia.")
    assert "CONSULT" not in {e["type"] for e in doc._.events}
    doc = nlp("The French foreign minister arrived in Algiers on Monday.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "CONSULT"] == [("FRA", "DZA")]


@pytest.mark.model
def test_wanting_to_act_is_intent_wanting_another_to_act_a_request(nlp):
    doc = nlp("Obama wants to attack Switzerland.")
    attacks = [e for e in doc._.events if e["type"] == "ASSAULT"]
    assert [countries(doc, e) for e in attacks] == [("USA", "CHE")]
    assert strict_plover(attacks[0], doc) == "THREATEN"
    doc = nlp("Obama wants Putin to attack Switzerland.")
    assert {e["type"] for e in doc._.events} == {"REQUEST"}


@pytest.mark.model
def test_an_act_one_is_blamed_for_is_done_by_the_one_blamed(nlp):
    doc = nlp("Palestinians blamed Israel for the bombing of a mosque in Hebron.")
    bombings = [e for e in doc._.events if e["trigger"]["text"] == "bombing"]
    assert [countries(doc, e)[0] for e in bombings] == ["ISR"]


@pytest.mark.model
def test_a_relative_clause_on_the_object_is_not_what_is_agreed(nlp):
    doc = nlp(
        "Ethiopia has agreed to reopen its borders to UN peacekeepers, who oversee a ceasefire"
        " between Ethiopia and Eritrea."
    )
    # reopening the borders is a RETREAT (access) that "agreed" makes a strict AGREE
    strict = {(strict_plover(e, doc), e["source"], e["target"]) for e in doc._.events}
    assert ("AGREE", "ETH", "UN") in strict
    truces = [e for e in doc._.events if e["trigger"]["text"] == "ceasefire"]
    assert all(strict_plover(e, doc) == "RETREAT" for e in truces)


@pytest.mark.model
def test_a_name_in_the_place_phrase_is_a_place_not_a_recipient(nlp):
    doc = nlp("Five hundred Ugandan rebels surrendered last week in the eastern town in Soroti.")
    surrenders = [e for e in doc._.events if e["trigger"]["text"] == "surrendered"]
    assert surrenders
    assert all(not (e["target"] or "").startswith(("org:", "person:")) for e in surrenders)


@pytest.mark.model
def test_the_organisation_an_official_speaks_for_joins_the_actors(nlp):
    doc = nlp("Arab League Secretary-General Chedli Klibi urged the European Community to act.")
    ids = {a["id"]: a for a in doc._.actors}
    sources = [e["source"] for e in doc._.events if e["type"] == "REQUEST"]
    assert sources and all(ids[s]["kind"] == "igo" for s in sources)


@pytest.mark.model
def test_a_participle_read_as_the_subject_gives_its_noun(nlp):
    # the parser makes "operating" the subject of "said" and "Red Cross" the participle's
    doc = nlp(
        "The International Red Cross operating in Yemen said Saudi forces must stop the air strikes."
    )
    (event,) = [e for e in doc._.events if e["type"] == "REQUEST"]
    assert event["source"] == "org:international-red-cross"
    assert countries(doc, event)[1] == "SAU"


@pytest.mark.model
def test_a_domestic_reading_gives_way_to_the_same_protest_with_a_target(nlp):
    # the strike and the protest are one act against France, not also one against Algeria
    doc = nlp(
        "About 300 Algerian students began a hunger strike on Friday to protest against "
        "France's new visa rules."
    )
    assert {countries(doc, e) for e in doc._.events if e["type"] == "PROTEST"} == {("DZA", "FRA")}
    # with no named target the domestic reading stays
    doc = nlp("About 300 Algerian students began a hunger strike on Friday.")
    assert {countries(doc, e) for e in doc._.events if e["type"] == "PROTEST"} == {("DZA", "DZA")}


@pytest.mark.model
def test_an_attack_noun_read_as_a_gerund_takes_its_modifiers_as_the_attacker(nlp):
    # the tagger reads "shelling" as a verb hung beside "artillery": "Syrian" still names who shells
    doc = nlp(
        "Three farmers were wounded in Syrian artillery shelling near the Lebanese town of "
        "Hermel on Monday."
    )
    assert ("SYR", "LBN") in {countries(doc, e) for e in doc._.events if e["type"] == "ASSAULT"}
    # a real gerund with its own object keeps its verb reading
    doc = nlp("Syrian troops began shelling the Lebanese town of Hermel on Monday.")
    assert ("SYR", "LBN") in {countries(doc, e) for e in doc._.events if e["type"] == "ASSAULT"}


@pytest.mark.model
def test_a_coordinated_attack_with_its_own_place_is_an_event_of_its_own(nlp):
    # "exploded two bombs" is a second act, not a restatement of the kidnapping, and it lands on
    # the country of its own place ("the capital Mogadishu"), not on the kidnapped Kenyans
    doc = nlp(
        "Somali militants kidnapped three Kenyan aid workers and exploded two bombs in the "
        "capital Mogadishu, police said."
    )
    found = {(e["trigger"]["text"], *countries(doc, e)) for e in doc._.events}
    assert ("kidnapped", "SOM", "KEN") in found
    assert ("exploded", "SOM", "SOM") in found
    # a bomb that explodes by itself names no attacker
    doc = nlp("A bomb exploded in a crowded market in Mogadishu on Sunday.")
    assert not [e for e in doc._.events if e["trigger"]["text"] == "exploded"]


@pytest.mark.model
def test_receiving_an_envoy_hosts_a_visit_and_receiving_assurances_is_a_promise(nlp):
    # CAMEO 043: the host is the source, the visitor's side the target
    doc = nlp("The Ghanaian president received the Nigerian envoy in Accra.")
    assert {countries(doc, e) for e in doc._.events if e["type"] == "CONSULT"} == {("GHA", "NGA")}
    # the one who gives the assurances promises (AGREE), to the one who receives them
    doc = nlp("Egyptian students received assurances from the Egyptian government on Monday.")
    (event,) = [e for e in doc._.events if e["type"] == "AGREE"]
    assert event["source"] == "EGY.GOV"
    assert countries(doc, event) == ("EGY", "EGY")
    # receiving a letter is neither
    doc = nlp("The Ghanaian president received a letter from the Nigerian envoy.")
    assert not [e for e in doc._.events if e["type"] in ("CONSULT", "AGREE")]


@pytest.mark.model
def test_inspecting_a_site_is_an_investigation(nlp):
    # CAMEO 09 "investigate": weapons inspectors at a site (PLOVER 2016 INVESTIGATE, here ACCUSE)
    doc = nlp("IAEA experts inspected the Iranian nuclear site at Natanz.")
    assert ("ACCUSE", "IAEA", "IRN") in {
        (e["type"], e["source"], e["target"]) for e in doc._.events
    }
    # examining people or papers is no investigation of a state
    doc = nlp("Iranian doctors examined the wounded in Tehran.")
    assert not [e for e in doc._.events if e["type"] == "ACCUSE"]


@pytest.mark.model
def test_a_pronoun_under_a_subjectless_participle_is_its_clauses_subject(nlp):
    # "saying" has no subject of its own: "it" is Germany, who says it, not the French nearby
    doc = nlp(
        "Germany rejected the French proposal on Monday, saying it would send its own aid to Ukraine."
    )
    assert {countries(doc, e) for e in doc._.events if e["type"] == "AID"} == {("DEU", "UKR")}


@pytest.mark.model
def test_pressure_from_someone_is_their_request_and_what_it_asks_is_no_act_of_theirs(nlp):
    doc = nlp("The Ukrainian government faces growing pressure from Poland to lift the grain ban.")
    assert {countries(doc, e) for e in doc._.events if e["type"] == "REQUEST"} == {("POL", "UKR")}
    assert not [e for e in doc._.events if e["type"] == "CONCEDE"]  # asked for, not done
    # "under" a pressure or an attack, the clause's subject undergoes it
    doc = nlp("Kenya came under pressure from Britain to release the prisoners.")
    assert {countries(doc, e) for e in doc._.events if e["type"] == "REQUEST"} == {("GBR", "KEN")}
    doc = nlp("The Syrian town came under attack from Turkish forces on Monday.")
    assert {countries(doc, e) for e in doc._.events if e["type"] == "ASSAULT"} == {("TUR", "SYR")}


@pytest.mark.model
def test_blowing_up_or_destroying_property_is_coercion(nlp):
    # CAMEO 1712 "destroy property" (PLOVER COERCE); blowing up people stays an attack
    doc = nlp("Colombian rebels blew up an oil pipeline in the province of Arauca.")
    assert {(e["type"], *countries(doc, e)) for e in doc._.events} == {("COERCE", "COL", "COL")}
    doc = nlp("Israeli troops destroyed Palestinian homes in Hebron.")
    assert {(e["type"], *countries(doc, e)) for e in doc._.events} == {("COERCE", "ISR", "PSE")}
    doc = nlp("Rebels blew up a Nigerian army convoy near Maiduguri.")
    assert "COERCE" not in {e["type"] for e in doc._.events}


@pytest.mark.model
def test_a_document_speaks_for_whoever_issued_it(nlp):
    doc = nlp(
        "A report published by Amnesty International accused Syrian forces of torturing detainees."
    )
    assert ("org:amnesty-international", "SYR") in {
        (e["source"], countries(doc, e)[1]) for e in doc._.events if e["type"] == "ACCUSE"
    }
    doc = nlp(
        "A long report released on Monday in the Kenyan capital accused Somalia of arming the militias."
    )
    assert {countries(doc, e) for e in doc._.events if e["type"] == "ACCUSE"} == {("KEN", "SOM")}
    # a report released in a city that seats no government names no author
    doc = nlp(
        "A long report released on Monday in the port city accused Somalia of arming the militias."
    )
    assert not [e for e in doc._.events if e["type"] == "ACCUSE"]


@pytest.mark.model
def test_an_intended_hostile_act_announced_by_its_speaker_is_a_threat(nlp):
    # "it" is the government that announces (a reported clause's speaker: a sure antecedent),
    # and martial law it is prepared to impose is a threat under strict typing, in any tense
    doc = nlp("Kenya's government announced that it is prepared to impose martial law in Mombasa.")
    (event,) = [e for e in doc._.events if e["type"] == "COERCE"]
    assert event["source"] == "KEN.GOV"
    assert strict_plover(event, doc) == "THREATEN"
    doc = nlp("Kenya's government imposed martial law in Mombasa.")
    (event,) = [e for e in doc._.events if e["type"] == "COERCE"]
    assert strict_plover(event, doc) == "COERCE"


@pytest.mark.model
def test_a_right_to_act_is_no_act_and_insisting_on_a_claim_is_no_demand(nlp):
    doc = nlp("Moscow defended the right of Armenian troops to fire on militants in Azerbaijan.")
    assert not [e for e in doc._.events if e["type"] == "ASSAULT"]
    doc = nlp("Armenian troops fired on militants in Azerbaijan.")
    assert [e for e in doc._.events if e["type"] == "ASSAULT"]
    # "insist" demands only with a demand as its content
    doc = nlp("Britain insisted the dispute reflected old tensions.")
    assert not [e for e in doc._.events if e["type"] == "REQUEST"]
    doc = nlp("Britain insisted that Iran release the sailors.")
    assert {countries(doc, e) for e in doc._.events if e["type"] == "REQUEST"} == {("GBR", "IRN")}


@pytest.mark.model
def test_an_act_named_as_a_condition_is_not_done(nlp):
    doc = nlp(
        "Kurdish leaders demanded a ceasefire with Turkey before releasing the Turkish soldiers."
    )
    assert not [
        e for e in doc._.events if e["type"] == "RETREAT" and e["trigger"]["text"] == "releasing"
    ]
    doc = nlp("The rebels said Uganda must withdraw its troops before they disarm.")
    assert not [e for e in doc._.events if e["trigger"]["text"] == "disarm"]
    # a past act before another is done
    doc = nlp("Ugandan troops shelled the town before they withdrew from Congo.")
    assert [e for e in doc._.events if e["trigger"]["text"] == "withdrew"]


@pytest.mark.model
def test_a_refused_event_that_names_its_own_actor_is_done(nlp):
    doc = nlp("Canada opposed the Turkish invasion of Cyprus.")
    assert ("ASSAULT", "TUR", "CYP") in {(e["type"], *countries(doc, e)) for e in doc._.events}
    assert ("REJECT", "CAN", "TUR") in {(e["type"], *countries(doc, e)) for e in doc._.events}
    # an indefinite object may never happen; a refused act is the refusal's content
    doc = nlp("Canada opposed a Turkish invasion of Cyprus.")
    assert [e["type"] for e in doc._.events] == ["REJECT"]
    doc = nlp("Norway refused to withdraw its ships from Iceland.")
    assert [e["type"] for e in doc._.events] == ["REJECT"]


@pytest.mark.model
def test_an_unnamed_attacker_is_coded_by_the_place(nlp):
    # CAMEO codes an unidentified perpetrator with the country of the place (its UAF actors)
    doc = nlp("Two Kenyan aid workers were shot dead outside of the Somali town of Kismayo.")
    (event,) = [e for e in doc._.events if e["type"] == "ASSAULT"]
    assert countries(doc, event) == ("SOM", "KEN")
    attacker = next(a for a in doc._.actors if a["id"] == event["source"])
    assert (attacker["kind"], attacker["mentions"]) == ("group", [])
    doc = nlp("A roadside bomb killed three Nigerian soldiers near Maiduguri.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "ASSAULT"] == [("NGA", "NGA")]
    # no place, no country to code it by; a noun tells of no act; a company's crash is no attack
    doc = nlp("Two Kenyan aid workers were shot dead on Sunday.")
    assert not [e for e in doc._.events if e["type"] == "ASSAULT"]
    doc = nlp("Thousands of refugees fled the civil war in Somalia last year.")
    assert not [e for e in doc._.events if e["type"] == "ASSAULT"]
    doc = nlp("Forty passengers were killed by the Kenya Airways crash in Somalia.")
    assert not [e for e in doc._.events if e["type"] == "ASSAULT"]


@pytest.mark.model
def test_an_agentless_arrest_or_inquiry_is_the_place_s_government(nlp):
    doc = nlp("A Turkish lorry driver has been placed under investigation in Austria.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "ACCUSE"] == [("AUT", "TUR")]
    assert "AUT.GOV" in {e["source"] for e in doc._.events}
    doc = nlp("Three Danish activists were arrested in Minsk on Monday.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "COERCE"] == [("BLR", "DNK")]
    # an arrest by someone named, or with no place, gives no government
    doc = nlp("Three Danish activists were arrested on Monday.")
    assert not [e for e in doc._.events if e["type"] == "COERCE"]


@pytest.mark.model
def test_a_participle_s_noun_is_its_patient(nlp):
    doc = nlp("There were 12 Georgian soldiers wounded by Russian artillery near Gori today.")
    assert ("RUS", "GEO") in {countries(doc, e) for e in doc._.events if e["type"] == "ASSAULT"}


@pytest.mark.model
def test_unnamed_protesters_are_coded_by_the_place(nlp):
    doc = nlp("Thousands of students demonstrated in Jakarta on Monday.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "PROTEST"] == [("IDN", "IDN")]
    doc = nlp("Thousands of students demonstrated on Monday.")
    assert not doc._.events


@pytest.mark.model
def test_an_act_as_the_subject_is_done_by_its_own_actor(nlp):
    doc = nlp("Recent French Mirage raids have destroyed two rebel depots near Timbuktu.")
    assert [e["source"] for e in doc._.events if e["trigger"]["text"] == "destroyed"] == ["FRA"]
    doc = nlp("The raids have destroyed two rebel depots near Timbuktu.")
    assert "FRA" not in {e["source"] for e in doc._.events}


@pytest.mark.model
def test_a_table_place_and_a_subject_s_place_locate_the_act(nlp):
    # "Samarra" is a city of cities.tsv whatever label the entity recogniser gives it; the place
    # of a subject that names no one is where the act happened
    doc = nlp("A roadside bomb near the town of Samarra killed two Turkish engineers on Sunday.")
    (event,) = [e for e in doc._.events if e["trigger"]["text"] == "killed"]
    assert (countries(doc, event), event["location"]) == (("IRQ", "TUR"), "Samarra")
    # a subject that names an actor keeps its place to itself
    doc = nlp("Turkish engineers near Samarra criticised the new contract.")
    assert not [e for e in doc._.events if e["location"] == "Samarra"]


@pytest.mark.model
def test_a_relative_pronoun_subject_is_the_noun_its_clause_describes(nlp):
    doc = nlp("The Iranian diplomat who met Putin in Moscow praised the deal.")
    assert ("IRN", "RUS") in {countries(doc, e) for e in doc._.events if e["type"] == "CONSULT"}
    doc = nlp("Egypt condemned the Libyan troops that attacked the Tunisian border post.")
    assert ("LBY", "TUN") in {countries(doc, e) for e in doc._.events if e["type"] == "ASSAULT"}


@pytest.mark.model
def test_an_amount_in_aid_or_weapons_is_what_is_given(nlp):
    doc = nlp("Norway sent $2 billion in weapons to Poland last year.")
    (event,) = [e for e in doc._.events if e["type"] == "AID"]
    assert (countries(doc, event), event["cameo"]) == (("NOR", "POL"), "072")
    doc = nlp("Canada pledged $300 million in aid to Jordan.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "AID"] == [("CAN", "JOR")]
    # a counted noun is an amount too ("500 million euros", "2,000 tonnes")
    doc = nlp("Germany pledged 500 million euros in aid to Ukraine.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "AID"] == [("DEU", "UKR")]
    doc = nlp("Britain sent 2,000 tonnes in food aid to Sudan.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "AID"] == [("GBR", "SDN")]


@pytest.mark.model
def test_a_pronoun_subject_is_no_unnamed_attacker(nlp):
    doc = nlp("Serbian troops crossed the border. They attacked a village in Kosovo.")
    assert not [e for e in doc._.events if "unidentified" in (e["source"] or "")]


@pytest.mark.model
def test_denying_a_request_refuses_and_training_fighters_mobilises(nlp):
    doc = nlp("Greece denied landing permission to a Turkish cargo plane.")
    assert [e["type"] for e in doc._.events] == ["REJECT"]
    doc = nlp("Greece denied the report.")  # a claim denied is no refusal
    assert not doc._.events
    doc = nlp("Iran has trained thousands of militia fighters in Syria.")
    assert [e["type"] for e in doc._.events] == ["MOBILIZE"]
    doc = nlp("Iran has trained thousands of nurses.")
    assert not doc._.events


@pytest.mark.model
def test_an_object_s_nearby_place_locates_the_act(nlp):
    doc = nlp("The army shelled rebel positions near the border town of Kassala.")
    (event,) = [e for e in doc._.events if e["type"] == "ASSAULT"]
    assert (countries(doc, event), event["location"]) == (("SDN", "SDN"), "Kassala")


@pytest.mark.model
def test_restored_relations_are_mutual_and_held_exercises_are_military(nlp):
    doc = nlp("Chile and Bolivia restored diplomatic relations on Monday.")
    pairs = {countries(doc, e) for e in doc._.events if e["type"] == "SUPPORT"}
    assert pairs == {("CHL", "BOL"), ("BOL", "CHL")}
    doc = nlp("Russian warships held exercises near Norway.")
    assert [(e["type"], *countries(doc, e)) for e in doc._.events] == [("MOBILIZE", "RUS", "NOR")]
    doc = nlp("The school held exercises for its pupils.")
    assert not doc._.events


@pytest.mark.model
def test_a_table_town_is_no_person_and_a_named_subject_no_unnamed_attacker(nlp):
    doc = nlp("Rebels seized the town of Goma from government forces.")
    assert not [a for a in doc._.actors if a["id"] == "person:goma"]
    assert [countries(doc, e)[0] for e in doc._.events if e["type"] == "ASSAULT"] == ["COD"]
    # a subject naming an actor the rules could not link is no unidentified attacker
    doc = nlp("Saudi-led coalition airstrikes killed 20 civilians in Yemen.")
    assert not [e for e in doc._.events if "unidentified" in (e["source"] or "")]


@pytest.mark.model
def test_firing_rockets_exchanging_fire_and_military_operations_are_attacks(nlp):
    doc = nlp("Hezbollah fired rockets into northern Israel.")
    assert [(e["type"], *countries(doc, e)) for e in doc._.events] == [("ASSAULT", "LBN", "ISR")]
    doc = nlp("Armenian troops exchanged fire with Azerbaijani forces on Monday.")
    assert [(e["type"], *countries(doc, e)) for e in doc._.events] == [("ASSAULT", "ARM", "AZE")]
    doc = nlp("Turkey launched a military operation against Kurdish militants in Iraq.")
    assert "ASSAULT" in {e["type"] for e in doc._.events}
    doc = nlp("The company fired its chief executive.")
    assert not doc._.events


@pytest.mark.model
def test_recapturing_a_town_is_an_attack(nlp):
    doc = nlp("Ukrainian forces recaptured the village of Robotyne.")
    assert [(e["type"], e["cameo"]) for e in doc._.events] == [("ASSAULT", "192")]
    doc = nlp("The museum recaptured the spirit of the era.")
    assert not doc._.events


@pytest.mark.model
def test_news_words_of_criticism_and_shootings(nlp):
    doc = nlp("Turkey slammed Sweden over the Koran burning.")
    assert [(e["type"], *countries(doc, e)) for e in doc._.events] == [("ACCUSE", "TUR", "SWE")]
    doc = nlp("Egypt condemned the shooting of a Sudanese refugee by Libyan guards.")
    assert ("ASSAULT", "LBY", "SDN") in {(e["type"], *countries(doc, e)) for e in doc._.events}


@pytest.mark.model
def test_an_agentless_accusation_is_no_act_of_the_place_s_government(nlp):
    # only an investigation or a legal act names the authorities of the place
    doc = nlp("Israeli police were accused over the treatment of a teenager in Jerusalem.")
    assert not [e for e in doc._.events if e["source"] == "ISR.GOV" and e["type"] == "ACCUSE"]
    doc = nlp("A Turkish lorry driver has been placed under investigation in Austria.")
    assert "AUT.GOV" in {e["source"] for e in doc._.events}


@pytest.mark.model
def test_agentless_destruction_is_no_act_of_the_place_s_government(nlp):
    doc = nlp("A school was destroyed in Kabul on Monday.")
    assert not [e for e in doc._.events if e["source"] == "AFG.GOV"]


@pytest.mark.model
def test_a_disaster_or_an_accident_has_no_unnamed_perpetrator(nlp):
    doc = nlp("Twelve people were killed in a bus crash in Kenya.")
    assert not [e for e in doc._.events if e["type"] == "ASSAULT"]
    doc = nlp("Floods killed 200 people in Bangladesh last week.")
    assert not [e for e in doc._.events if e["type"] == "ASSAULT"]
    doc = nlp("Twelve people were killed in a bomb attack in Kenya.")
    assert [countries(doc, e)[0] for e in doc._.events if e["type"] == "ASSAULT"] == ["KEN"]


@pytest.mark.model
def test_an_act_named_in_the_clause_names_the_perpetrator(nlp):
    # the agentless passive's place gives no unnamed attacker when its "in" phrase names the act's
    # own actor
    doc = nlp("Two Turkish soldiers were killed in a PKK attack in southeastern Turkey.")
    assert not [e for e in doc._.events if "unidentified" in (e["source"] or "")]
    assert [e["source"] for e in doc._.events if e["type"] == "ASSAULT"] == ["org:pkk"]
    doc = nlp("Two Turkish soldiers were killed in an attack in southeastern Turkey.")
    assert [e["source"] for e in doc._.events] == ["group:tur-unidentified-attackers"]


@pytest.mark.model
def test_at_the_request_of_names_who_asked(nlp):
    doc = nlp("Germany sent troops to Mali at the request of the Malian government.")
    requests = [countries(doc, e) for e in doc._.events if e["type"] == "REQUEST"]
    assert requests == [("MLI", "DEU")]


@pytest.mark.model
def test_a_reason_hung_on_the_object_noun_is_done_by_the_one_blamed(nlp):
    # the parser attaches "of invading" to "troops", not to "accused"
    doc = nlp("The Angolan government accused South African troops of invading southern Angola.")
    invasions = [countries(doc, e) for e in doc._.events if e["trigger"]["text"] == "invading"]
    assert invasions == [("ZAF", "AGO")]


@pytest.mark.model
def test_a_visit_verb_to_a_seat_is_hosted_by_its_country(nlp):
    doc = nlp("The Egyptian foreign minister will travel to Washington next week for talks.")
    visits = [countries(doc, e) for e in doc._.events if e["type"] == "CONSULT"]
    assert ("EGY", "USA") in visits


@pytest.mark.model
def test_a_sentence_initial_name_read_as_a_modifier_is_the_subject(nlp):
    # the small model parses "Sweden" in "Sweden suspended aid ..." as an npadvmod of the verb
    doc = nlp("Sweden suspended aid to Uganda.")
    assert [countries(doc, e) for e in doc._.events if e["type"] == "SANCTION"] == [("SWE", "UGA")]
    # a participle's modifier ("the Israeli-occupied West Bank") is no subject of its own
    doc = nlp("Palestinians of the Israeli-occupied West Bank went on strike on Monday.")
    assert "ASSAULT" not in {e["type"] for e in doc._.events}
