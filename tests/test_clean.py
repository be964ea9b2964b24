"""Cleaning: trafilatura for HTML, the junk-line cleaner for plain text."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

from claimgraph import lexicons
from claimgraph import settings as settings_module
from claimgraph.clean import boilerplate, classify, clean, match_words
from claimgraph.errors import InputError
from claimgraph.readers import RawDocument

HEADLINE = "Farmers block roads in protest over new fuel tax, police say"
BODY = [
    "Hundreds of farmers drove tractors onto the main roads around the capital on Tuesday to protest against a new tax on agricultural diesel, police said.",
    "The agriculture minister, Ana Kowalczyk, said the government would meet farmers' unions on Thursday but would not withdraw the measure.",
    "“We cannot keep working at a loss. The tax will ruin small farms,” said Marek Zieliński, who farms 40 hectares near the city.",
    "Police said traffic was disrupted on three motorways, and that one driver had been detained after a scuffle.",
]
LAST_SHORT = "“We will be back,” he said."


@pytest.fixture(scope="module")
def settings():
    return settings_module.load()


def text_doc(lines: list[str]) -> RawDocument:
    return RawDocument(source="<test>", content="\n\n".join(lines), kind="text")


def test_reference_article_loses_only_the_comment_widget(reference_text, settings):
    cleaned = clean(RawDocument.from_string(reference_text), settings)
    assert cleaned.removed == ("Notify of", "Inline Feedbacks", "View all comments")
    first_line = reference_text.strip().splitlines()[0].strip()
    assert cleaned.title == first_line
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == first_line
    body = [line.strip() for line in reference_text.splitlines() if line.strip()][1:-3]
    assert paragraphs[1:] == body
    assert "\n\n\n" not in cleaned.text


def test_junk_prepended_and_appended_is_cut_and_every_sentence_kept(settings):
    top = [
        "Home › World › Europe",
        "Share on Facebook",
        "By Katarzyna Nowak",
        "Tue 14 Mar 2023 09.15 GMT",
        "4 min read",
    ]
    bottom = [
        "231 comments",
        "Related:",
        "Why are fuel prices rising again?",
        "Tractor sales slump as costs soar",
        "Sign up to our morning briefing",
        "© 2023 The Morning Courier. All rights reserved.",
        "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
    ]
    cleaned = clean(text_doc([*top, HEADLINE, *BODY, *bottom]), settings)
    assert cleaned.title == HEADLINE
    assert cleaned.text.split("\n\n") == [HEADLINE, *BODY]
    assert list(cleaned.removed) == [*top, *bottom]


def test_short_last_paragraph_with_a_full_stop_stays(settings):
    junk = ["Share this article", "Facebook", "Twitter", "Email", "Leave a comment"]
    cleaned = clean(text_doc([HEADLINE, *BODY, LAST_SHORT, *junk]), settings)
    assert cleaned.text.split("\n\n")[-1] == LAST_SHORT
    assert list(cleaned.removed) == junk


@pytest.mark.parametrize(
    "edge_sentence",
    [
        "Copyright lawyers say the case could take years to resolve.",
        "Privacy policy experts warned that the new rules would be hard to enforce.",
        "Sign up rates for the subsidy scheme fell by a fifth last year, the ministry said.",
        "By Monday, the roads had reopened.",
        "Reporting by the Courier showed that the tax had been drafted in a hurry.",
        "By continuing to use diesel, farmers pay the higher rate, the ministry said.",
        "“No.”",
    ],
)
def test_real_sentences_that_look_like_junk_stay_at_both_edges(settings, edge_sentence):
    top = ["Skip to main content", "Share on Facebook", "Tue 14 Mar 2023 09.15 GMT"]
    bottom = ["Comments", "© 2023 The Morning Courier", "Privacy Policy | Terms of Use"]
    lines = [HEADLINE, edge_sentence, *BODY, edge_sentence]
    cleaned = clean(text_doc([*top, *lines, *bottom]), settings)
    assert cleaned.text.split("\n\n") == lines
    assert list(cleaned.removed) == [*top, *bottom]


def test_short_unpunctuated_last_line_stays_without_junk_next_to_it(settings):
    lines = [HEADLINE, *BODY, "Additional research: Piotr Wiśniewski"]
    cleaned = clean(text_doc(lines), settings)
    assert cleaned.text.split("\n\n") == lines
    assert cleaned.removed == ()


def test_interior_advertisement_goes(settings):
    lines = [
        HEADLINE,
        BODY[0],
        "Advertisement",
        BODY[1],
        "Story continues below advertisement",
        BODY[2],
    ]
    cleaned = clean(text_doc(lines), settings)
    assert cleaned.text.split("\n\n") == [HEADLINE, *BODY[:3]]
    assert cleaned.removed == ("Advertisement", "Story continues below advertisement")


def test_a_long_list_ending_the_article_stays(settings):
    dates = [f"June {day} – Concert hall, city {day}" for day in range(1, 10)]
    lines = [HEADLINE, *BODY, "Tour dates", *dates]
    cleaned = clean(text_doc([*lines, "Share on Facebook", "12 comments"]), settings)
    assert cleaned.text.split("\n\n") == lines
    assert cleaned.removed == ("Share on Facebook", "12 comments")


def test_headline_after_navigation_is_the_title(settings):
    cleaned = clean(
        text_doc(
            ["Skip to main content", "News | World | Europe", "Advertisement", HEADLINE, *BODY]
        ),
        settings,
    )
    assert cleaned.title == HEADLINE


def test_whitespace_is_normalised_inside_paragraphs_only(settings):
    raw = RawDocument(
        source="<test>",
        content=f"  {HEADLINE}  \n\n\n\n{BODY[0].replace(' ', '   ', 3)}\t\n\n\n{BODY[1]}\n",
        kind="text",
    )
    cleaned = clean(raw, settings)
    assert cleaned.text == "\n\n".join([HEADLINE, BODY[0], BODY[1]])


def test_hard_wrapped_paragraphs_are_joined(settings):
    wrapped = (
        "Hundreds of farmers drove tractors onto the main roads around\n"
        "the capital on Tuesday to protest against a new tax on diesel,\n"
        "police said."
    )
    cleaned = clean(text_doc([HEADLINE, wrapped, BODY[1]]), settings)
    assert cleaned.text.split("\n\n")[1] == " ".join(wrapped.split("\n"))


def test_text_of_nothing_but_junk_is_refused(settings):
    with pytest.raises(InputError, match=r"\[CG112\]"):
        clean(text_doc(["Advertisement", "Read more"]), settings)


def test_outlet_from_the_url_domain(settings):
    raw = RawDocument(
        source="<test>",
        content="\n\n".join([HEADLINE, *BODY]),
        kind="text",
        url="https://www.theguardian.com/world/x",
    )
    assert clean(raw, settings).outlet == "theguardian.com"


def test_source_metadata_takes_precedence(settings):
    raw = RawDocument(
        source="feed.jsonl",
        content="\n\n".join(BODY),
        kind="text",
        meta={
            "title": HEADLINE,
            "published": "2023-03-14",
            "outlet": "Morning Courier",
            "authors": ["K. Nowak"],
        },
    )
    cleaned = clean(raw, settings)
    assert (cleaned.title, cleaned.published, cleaned.outlet, cleaned.authors) == (
        HEADLINE,
        "2023-03-14",
        "Morning Courier",
        ("K. Nowak",),
    )
    assert cleaned.text.split("\n\n")[0] == HEADLINE


def test_example_page_metadata_and_removed_junk(settings):
    raw = RawDocument.from_string(
        (EXAMPLES / "baltic-drills.html").read_text("utf-8"), source="baltic-drills.html"
    )
    cleaned = clean(raw, settings)
    assert (
        cleaned.title
        == "Lithuania asks Nato for more air defence as Russian drills near border, officials say"
    )
    assert cleaned.authors == ("Ona Petraitė",)
    assert cleaned.published == "2025-09-16"
    assert cleaned.outlet == "The Example Ledger"
    assert cleaned.url == "https://ledger.example.org/world/2025/sep/16/lithuania-nato-air-defence"
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == cleaned.title
    assert len(paragraphs) == 8
    assert "Kasčiūnas told reporters" in cleaned.text
    for junk in (
        "Share on Facebook · Share on X · Email",
        "Notify of",
        "View all comments",
        "By Ona Petraitė",
    ):
        assert junk in cleaned.removed
        assert junk not in cleaned.text
    assert any("Cookie settings" in line for line in cleaned.removed)


def test_fallback_extractors_run_only_for_a_short_body(settings, monkeypatch):
    """trafilatura runs fast first; its fallback extractors only when that body is short."""
    from claimgraph import clean as clean_module

    real = clean_module.trafilatura.bare_extraction
    calls: list[bool] = []

    def recording(tree, **kwargs):
        calls.append(kwargs["fast"])
        return real(tree, **kwargs)

    monkeypatch.setattr(clean_module.trafilatura, "bare_extraction", recording)
    page = (EXAMPLES / "baltic-drills.html").read_text("utf-8")
    fast_only = clean(RawDocument.from_string(page, source="baltic-drills.html"), settings)
    assert calls == [True]
    assert len(fast_only.text) > settings["input"]["full_extraction_below"]

    calls.clear()
    strict = {**settings, "input": {**settings["input"], "full_extraction_below": 10**6}}
    both = clean(RawDocument.from_string(page, source="baltic-drills.html"), strict)
    assert calls == [True, False]
    assert both.text == fast_only.text  # the fallbacks agree on a well-formed article

    calls.clear()
    short = (
        "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
        "<p>Negotiators met again in Vienna on Monday, officials said.</p></article></body></html>"
    )
    cleaned = clean(RawDocument.from_string(short, source="short.html"), settings)
    assert calls == [True, False]
    assert "Negotiators met again in Vienna" in cleaned.text


def test_html_without_article_is_refused(settings):
    html = "<html><head><title>Log in</title></head><body><nav><a href='/'>Home</a></nav><form><input name='u'></form></body></html>"
    with pytest.raises(InputError, match=r"\[CG107\]"):
        clean(RawDocument.from_string(html, source="login.html"), settings)


@pytest.mark.parametrize(
    "line,junk",
    [
        ("128 Comments", True),
        ("View all 57 comments", True),
        ("Facebook Twitter Email", True),
        ("Mon 14 Mar 2022 17.22 GMT", True),
        ("By Jane Holloway", True),
        ("By Monday, the troops had left the town.", False),
        ("Sign up for our daily newsletter to get the best stories every morning.", True),
        ("Russia denied the report on Monday.", False),
        ("Home › World › Europe", True),
        ("Get the Courier newsletter in your inbox", True),
        ("14/03/2022", True),
        ("The newsletter was first sent to subscribers in 1998.", False),
    ],
)
def test_phrase_list_matching(settings, line, junk):
    assert classify(line, boilerplate(), settings["input"]).junk is junk


def test_boilerplate_lexicon_rows_are_valid():
    rows = lexicons.load("boilerplate", required=("phrase", "match", "where"))
    assert len(rows) > 100
    for row in rows:
        assert row["match"] in {"line", "prefix", "label", "token", "glue", "word"}, row
        assert row["where"] in {"anywhere", "edge"}, row
        assert match_words(row["phrase"]), row


def _bench():
    from conftest import load_bench

    return load_bench("extraction")


def test_gate_junk_lines_on_benchmark_bodies(settings):
    """Floors for the junk test of bench/extraction.py: ≥ 99 % junk cut, ≥ 99.5 % sentences kept."""
    import json

    from conftest import shared_path

    data = shared_path("eval", "article-extraction", "scrapinghub-article-extraction-benchmark")
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    result = _bench().run_junk(truth, settings, seed=11)
    assert result["junk removed %"] >= 99.0
    assert result["sentences kept %"] >= 99.5


@pytest.mark.slow
def test_gate_extraction_f1_on_benchmark_pages(settings):
    """Floor for claimgraph's HTML extraction on the scrapinghub benchmark (measured 0.966)."""
    import json

    from conftest import shared_path

    data = shared_path("eval", "article-extraction", "scrapinghub-article-extraction-benchmark")
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    bench = _bench()
    counts, truths, predictions = [], [], []
    for page_id, item in truth.items():
        predicted = bench.claimgraph_body(data / "html" / f"{page_id}.html.gz", settings)
        counts.append(bench.page_counts(item["articleBody"], predicted))
        truths.append(item["articleBody"])
        predictions.append(predicted)
    assert bench.score(counts, truths, predictions)["f1"] >= 0.96
