"""claimgraph_events: trigger rows added from the PLOVER codebook's category definitions (round 7).

One sentence per row (or sense), written for these tests: the row must give its type with the
source and target countries the parse names; a constrained sense must not fire without its object.
"""

from __future__ import annotations

import pytest


def country_dyads(doc):
    table = {a["id"]: a.get("country") for a in doc._.actors}
    return {(e["type"], table.get(e["source"]), table.get(e["target"])) for e in doc._.events}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ASSAULT
        (
            "Israeli troops stormed the Palestinian headquarters in Ramallah.",
            ("ASSAULT", "ISR", "PSE"),
        ),
        (
            "Russian shelling injured three Ukrainian soldiers near Kharkiv.",
            ("ASSAULT", "RUS", "UKR"),
        ),
        ("Iraqi insurgents beheaded a Turkish truck driver.", ("ASSAULT", "IRQ", "TUR")),
        ("Sudanese militiamen slaughtered Chadian villagers.", ("ASSAULT", "SDN", "TCD")),
        ("Colombian guerrillas gunned down two Venezuelan soldiers.", ("ASSAULT", "COL", "VEN")),
        (
            "The Russian bombardment of Ukrainian cities continued overnight.",
            ("ASSAULT", "RUS", "UKR"),
        ),
        (
            "Pakistan condemned the Indian incursion into Pakistani territory.",
            ("ASSAULT", "IND", "PAK"),
        ),
        (
            "Nigeria blamed Cameroon for the kidnapping of Nigerian fishermen.",
            ("ASSAULT", "CMR", "NGA"),
        ),
        # COERCE (institutions.tsv: coast guard, border guards, riot police, junta ...)
        ("China's coast guard detained 12 Vietnamese fishermen.", ("COERCE", "CHN", "VNM")),
        (
            "An Iranian court sentenced a British journalist to ten years in prison.",
            ("COERCE", "IRN", "GBR"),
        ),
        ("Turkish police rounded up Syrian refugees in Istanbul.", ("COERCE", "TUR", "SYR")),
        ("Chinese authorities shut down a Hong Kong newspaper.", ("COERCE", "CHN", None)),
        ("Israeli settlers razed Palestinian olive groves.", ("COERCE", "ISR", "PSE")),
        (
            "The Indian navy intercepted a Pakistani ship carrying weapons.",
            ("COERCE", "IND", "PAK"),
        ),
        (
            "Bolivia nationalised the assets of Brazilian energy companies.",
            ("COERCE", "BOL", "BRA"),
        ),
        ("Burkina Faso suspended the French radio station RFI.", ("COERCE", "BFA", "FRA")),
        # ACCUSE
        ("Spain will prosecute Moroccan smugglers.", ("ACCUSE", "ESP", "MAR")),
        ("Germany faulted Poland for the delay.", ("ACCUSE", "DEU", "POL")),
        ("France admonished Italy over its migrant policy.", ("ACCUSE", "FRA", "ITA")),
        # a diplomatic protest "to" someone is a complaint (PLOVER ACCUSE disapprove)
        ("The Philippines protested to China over the incident.", ("ACCUSE", "PHL", "CHN")),
        (
            "South Korea's parliament impeached the South Korean president.",
            ("ACCUSE", "KOR", "KOR"),
        ),
        (
            "The Philippines filed a case against China at an international tribunal.",
            ("ACCUSE", "PHL", "CHN"),
        ),
        # REJECT
        ("North Korea defied the United Nations.", ("REJECT", "PRK", None)),
        # REQUEST
        ("Ukraine pleaded for more weapons from Germany.", ("REQUEST", "UKR", None)),
        ("Haiti implored the United States to send troops.", ("REQUEST", "HTI", "USA")),
        ("Armenia lobbied France to recognise Karabakh.", ("REQUEST", "ARM", "FRA")),
        # SUPPORT
        ("Japan congratulated South Korea on the election.", ("SUPPORT", "JPN", "KOR")),
        ("Kenya thanked Ethiopia for its help.", ("SUPPORT", "KEN", "ETH")),
        ("Brazil expressed solidarity with Chile.", ("SUPPORT", "BRA", "CHL")),
        ("Israel opened an embassy in Abu Dhabi.", ("SUPPORT", "ISR", "ARE")),
        ("France is expected to recognise a Palestinian state.", ("SUPPORT", "FRA", "PSE")),
        # AID
        ("Germany decided to send air defence systems to Ukraine.", ("AID", "DEU", "UKR")),
        ("The United States delivered Patriot batteries to Poland.", ("AID", "USA", "POL")),
        ("French commandos rescued Malian hostages.", ("AID", "FRA", "MLI")),
        ("Canada shipped weapons to Ukraine.", ("AID", "CAN", "UKR")),
        ("Britain forgave Kenya's debt.", ("AID", "GBR", "KEN")),
        # CONSULT
        (
            "Iran and the United States returned to the negotiating table in Oman.",
            ("CONSULT", "IRN", "USA"),
        ),
        ("Pakistan aided the Afghan rebels.", ("AID", "PAK", "AFG")),
        # COOPERATE
        ("Norway and Sweden collaborated on the inquiry.", ("COOPERATE", "NOR", "SWE")),
        # RETREAT
        (
            "The Israeli cabinet approved the release of Palestinian prisoners.",
            ("RETREAT", "ISR", "PSE"),
        ),
        ("Iran released the crew of a British tanker.", ("RETREAT", "IRN", "GBR")),
        ("Serbia pulled back its troops from the Kosovo border.", ("RETREAT", "SRB", None)),
        ("The Egyptian prime minister stepped down on Monday.", ("RETREAT", "EGY", None)),
        ("Colombian rebels laid down their arms.", ("RETREAT", "COL", None)),
        ("Israel handed over control of Jericho to the Palestinians.", ("RETREAT", "ISR", "PSE")),
        ("Ukrainian forces abandoned their positions in Bakhmut.", ("RETREAT", "UKR", None)),
        ("Turkey reopened the border crossing to Syrian refugees.", ("RETREAT", "TUR", "SYR")),
        ("Jordan opened its airspace to Israeli planes.", ("RETREAT", "JOR", "ISR")),
        ("Iran and Iraq exchanged prisoners.", ("RETREAT", "IRN", "IRQ")),
        # CONCEDE
        ("China opened up its economy to foreign investors.", ("CONCEDE", "CHN", None)),
        ("Greece gave in to German demands.", ("CONCEDE", "GRC", None)),
        ("Japan offered an apology to China.", ("CONCEDE", "JPN", "CHN")),
        ("A Turkish court acquitted Greek journalists.", ("CONCEDE", "TUR", "GRC")),
        ("Japan's emperor expressed deep remorse for the war.", ("CONCEDE", "JPN", None)),
        (
            "The Philippine government granted amnesty to communist rebels.",
            ("CONCEDE", "PHL", "PHL"),
        ),
        # PROTEST
        ("Kenyan students picketed the Ugandan embassy.", ("PROTEST", "KEN", "UGA")),
        # SANCTION
        ("Britain closed its embassy in Iran.", ("SANCTION", "GBR", "IRN")),
        ("Washington withheld aid from Egypt.", ("SANCTION", "USA", "EGY")),
        ("Morocco downgraded its relations with Algeria.", ("SANCTION", "MAR", "DZA")),
        ("France advised its citizens against travel to Mali.", ("SANCTION", "FRA", "MLI")),
        ("Turkey fined two Greek fishing boats.", ("SANCTION", "TUR", "GRC")),
        # MOBILIZE (a weapons test is a show of force, CAMEO 150, not an attack on anyone)
        (
            "Iran test-fired a ballistic missile in defiance of UN resolutions.",
            ("MOBILIZE", "IRN", None),
        ),
        ("North Korea conducted a missile test.", ("MOBILIZE", "PRK", None)),
        ("Russia massed troops on the Ukrainian border.", ("MOBILIZE", "RUS", None)),
        ("Israel called up reservists.", ("MOBILIZE", "ISR", None)),
    ],
)
def test_codebook_trigger_rows(nlp, text, expected):
    found = country_dyads(nlp(text))
    assert any(
        d[0] == expected[0] and d[1] == expected[1] and (expected[2] is None or d[2] == expected[2])
        for d in found
    ), found


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Syria closed the road for repairs.",  # close: only an embassy, consulate or mission
        "Greece shipped olive oil to Germany.",  # ship: only aid, weapons, supplies ...
        "The soldiers pulled the cart out of the mud.",  # pull out / back need their particle
        "France abandoned the plan.",  # abandon: only positions, bases, towns ...
        "Japan opened the new bridge to traffic.",  # open: a border, crossing or airspace only
        "The minister's travel to Mali was postponed.",  # travel: only advised against
        "Israel intercepted a missile fired from Yemen.",  # intercept: a ship, plane or convoy
        "The release of the new Samsung phone in Korea was delayed.",  # release: of captives only
    ],
)
def test_codebook_rows_keep_their_constraints(nlp, text):
    types = {e["type"] for e in nlp(text)._.events}
    assert not types & {"SANCTION", "AID", "RETREAT", "COERCE"}, types


@pytest.mark.model
def test_committed_to_is_stative_its_subject_acts(nlp):
    # plover.tsv stative row: "is committed to" keeps its subject as the actor of the act it governs
    doc = nlp("Germany is committed to sending tanks to Ukraine.")
    assert ("AID", "DEU", "UKR") in country_dyads(doc)
    doc = nlp("The minister said Vietnam is committed to opening up the economy.")
    assert ("CONCEDE", "VNM", "VNM") in country_dyads(doc)


@pytest.mark.model
def test_an_infinitive_to_is_no_dependent_of_its_verb(nlp):
    # "protest to X" is a complaint; the "to" of "began a hunger strike to protest" is no such "to"
    doc = nlp("Serbian students began a hunger strike to protest against the government.")
    assert "ACCUSE" not in {e["type"] for e in doc._.events}
    assert "PROTEST" in {e["type"] for e in doc._.events}


@pytest.mark.model
def test_a_government_protest_is_a_diplomatic_complaint(nlp):
    # plover.tsv diplomatic row: a protest by a government or an IGO is PLOVER ACCUSE (CAMEO 114)
    doc = nlp("Russia's foreign ministry summoned the Finnish ambassador to protest the closure.")
    assert {e["type"] for e in doc._.events} == {"ACCUSE"}
    doc = nlp("The Chinese government protested the visit of the Dalai Lama.")
    assert [e["cameo"] for e in doc._.events] == ["114"]
    doc = nlp("Kenyan students protested against fee increases.")
    assert [e["type"] for e in doc._.events] == ["PROTEST"]


@pytest.mark.model
def test_protesters_dispersed_by_police_are_not_the_police(nlp):
    # a participle on a protester object is done by the protesters, not by whoever acts on them
    doc = nlp("Kenyan riot police used tear gas to disperse demonstrators protesting in Nairobi.")
    kinds = {a["id"]: a["kind"] for a in doc._.actors}
    protests = [e for e in doc._.events if e["trigger"]["text"] == "protesting"]
    assert protests and all(kinds.get(e["source"]) != "government" for e in protests)


@pytest.mark.model
def test_actors_acting_on_each_other_act_both_ways(nlp):
    doc = nlp("Armenia and Azerbaijan blamed one another for the clashes.")
    accusations = {(s, t) for ty, s, t in country_dyads(doc) if ty == "ACCUSE"}
    assert accusations == {("ARM", "AZE"), ("AZE", "ARM")}


@pytest.mark.model
def test_prisoners_of_war_are_no_war(nlp):
    # plover.tsv status row: the "of" phrase of a prisoner or a veteran is a status, not an act
    doc = nlp("Iran and Iraq exchanged prisoners of war.")
    assert {e["type"] for e in doc._.events} == {"RETREAT"}


@pytest.mark.model
def test_a_missile_test_attacks_no_one(nlp):
    doc = nlp("Iran test-fired a ballistic missile in defiance of UN resolutions.")
    assert "ASSAULT" not in {e["type"] for e in doc._.events}
