"""The web UI in a real headless Chromium (Debian's, driven by Playwright) against a real uvicorn server.

Every expected number comes from the store or from ``analyze()``, never a constant.
Set CLAIMGRAPH_SCREENSHOTS=docs/img to refresh the screenshots docs/serve.md shows.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from conftest import EXAMPLES, REFERENCE, ROOT, build_example_corpus

from claimgraph import analyze
from claimgraph.api import actor_profile, create_app
from claimgraph.readers import read
from claimgraph.settings import load as load_settings
from claimgraph.store import Filters, Store

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# An article written to attack the page: markup in the headline, the body and a quote.
XSS_ARTICLE = (
    "Minister <script>window.__xss = 1</script> resigns after <b>protest</b>\n\n"
    'Protesters said <img src=x onerror="window.__xss = 2"> the minister "must go <svg onload=alert(1)>", '
    "and the opposition accused the government of ignoring them.\n\n"
    "The minister said he would leave on Friday."
)


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "corpus.duckdb"
    build_example_corpus(path)
    return path


@contextlib.contextmanager
def serving(store_path: Path):
    """A uvicorn server over ``store_path`` on a free port of 127.0.0.1, in a thread; gives its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(store_path), host="127.0.0.1", port=port, log_level="warning"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def store(corpus_path):
    """The test's own connection, opened before the server starts: opening a Store (re)creates the
    schema, which must not race the server's queries."""
    with Store(corpus_path) as connection:
        yield connection


@pytest.fixture(scope="module")
def server(corpus_path, store):
    with serving(corpus_path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, page errors and dialogs; none may happen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda err: problems.append(f"page error: {err}"))

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    context.close()
    assert problems == []


def screenshot(tab, name: str) -> None:
    folder = os.environ.get("CLAIMGRAPH_SCREENSHOTS")
    if folder:
        target = ROOT / folder if not Path(folder).is_absolute() else Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        height = min(tab.evaluate("document.documentElement.scrollHeight"), 2400)
        tab.screenshot(
            path=str(target / name),
            full_page=True,
            clip={"x": 0, "y": 0, "width": 1280, "height": height},
        )


def reference_id(store: Store) -> str:
    if not REFERENCE.exists():
        pytest.skip(f"reference article not found at {REFERENCE}")
    return store.documents(Filters(contains="Jake Sullivan"), limit=1)[0]["id"]


def shown_counts(tab, selector: str, *attributes: str) -> dict[tuple, int]:
    """``data-count`` of every element matching ``selector``, keyed by the other data attributes."""
    found = tab.eval_on_selector_all(
        selector,
        "(nodes, names) => nodes.map((n) => [names.map((a) => n.dataset[a]), n.dataset.count])",
        list(attributes),
    )
    return {tuple(key): int(count) for key, count in found}


def test_corpus_page_draws_the_store(page, server, store):
    page.goto(server + "/")
    page.wait_for_selector("#graph svg.graph")
    page.wait_for_selector("#timeline svg.timeline")
    page.wait_for_selector("#events table.events")
    graph = store.graph(Filters())
    timeline = store.timeline(Filters())
    counts = store.count()
    edges = shown_counts(page, "path.edge", "source", "target", "type")
    assert edges == {(e["source"], e["target"], e["type"]): e["count"] for e in graph["edges"]}
    dashed = set(
        page.eval_on_selector_all(
            "path.edge.claimed",
            "ns => ns.map(n => n.dataset.type + n.dataset.source + n.dataset.target)",
        )
    )
    assert dashed == {
        e["type"] + e["source"] + e["target"] for e in graph["edges"] if e["asserted"] == 0
    }
    conflict = page.eval_on_selector_all("path.edge.conflict", "ns => ns.map(n => n.dataset.type)")
    assert set(conflict) <= {
        "ASSAULT",
        "COERCE",
        "THREATEN",
        "SANCTION",
        "PROTEST",
        "ACCUSE",
        "REJECT",
        "MOBILIZE",
    }
    assert page.locator("g.node").count() == len(graph["nodes"])
    bars = shown_counts(page, "rect.bar", "period", "type", "kind")
    expected = {
        (r["period"], r["type"], kind): r[kind]
        for r in timeline
        for kind in ("confirmed", "claimed")
        if r[kind]
    }
    assert bars == expected
    assert page.locator("#events tbody tr").count() == min(25, counts["events"])
    assert page.locator("#documents tbody tr").count() == counts["documents"]
    assert f"{counts['events']} events" in page.text_content("#stats")
    screenshot(page, "corpus.png")


def test_filters_narrow_every_view(page, server, store):
    page.goto(server + "/")
    page.wait_for_selector("#events table.events")
    page.select_option("select[name=attributed]", "true")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"\?attributed=true$"))
    page.wait_for_selector("#events table.events")
    claimed = store.events(Filters(attributed=True), limit=1000)
    graph = store.graph(Filters(attributed=True))
    # the table and the graph load separately: wait for the graph's answer before counting
    page.wait_for_function(
        "(n) => document.querySelectorAll('path.edge').length === n", arg=len(graph["edges"])
    )
    assert page.locator("#events tbody tr").count() == min(25, len(claimed))
    assert page.locator("path.edge:not(.claimed)").count() == 0  # nothing asserted is left


def test_an_arrow_lists_its_events_and_weeks_regroup_the_timeline(page, server, store):
    page.goto(server + "/")
    page.wait_for_selector("#graph path.edge", state="attached")
    arrow = page.locator("path.edge").first
    source, target, kind = (
        arrow.get_attribute(f"data-{name}") for name in ("source", "target", "type")
    )
    arrow.dispatch_event("click")
    page.wait_for_function("document.querySelector('#events-title').textContent.includes('→')")
    rows = store.events(Filters(source=source, target=target, type=kind), limit=1000)
    weekly = store.timeline(Filters(), interval="week")
    # wait for the new answers: the table holds exactly the arrow's events, the bars exactly the weeks
    page.wait_for_function(
        "(ids) => JSON.stringify([...new Set([...document.querySelectorAll('#events tbody tr')]"
        ".map((n) => n.dataset.event))].sort()) === JSON.stringify(ids)",
        arg=sorted({row["event_id"] for row in rows[:25]}),
    )
    assert page.locator("#events tbody tr").count() == min(25, len(rows))
    page.select_option("#interval", "week")
    page.wait_for_function(
        "(periods) => JSON.stringify([...new Set([...document.querySelectorAll('rect.bar')]"
        ".map((r) => r.dataset.period))].sort()) === JSON.stringify(periods)",
        arg=sorted({row["period"] for row in weekly}),
    )
    bars = shown_counts(page, "rect.bar", "period", "type", "kind")
    assert bars == {
        (r["period"], r["type"], k): r[k] for r in weekly for k in ("confirmed", "claimed") if r[k]
    }


def test_an_event_row_opens_its_evidence(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#events td.evidence a")
    row = page.locator("#events tbody tr").first
    event_id = row.get_attribute("data-event")
    sentence = page.text_content("#events tbody tr td.evidence")
    row.locator("td.evidence a").click()
    page.wait_for_selector("#article-text .focus")
    assert f"event={event_id}" in page.url
    focused = "".join(
        page.eval_on_selector_all("#article-text .focus", "ns => ns.map(n => n.textContent)")
    )
    assert "".join(focused.split()) == "".join(
        sentence.split()
    )  # paragraphs break the text, not the sentence
    assert page.locator("#article-text .focus").first.is_visible()
    box = page.locator("#article-text .focus").first.bounding_box()
    assert 0 <= box["y"] <= page.viewport_size["height"]


def test_article_view_shows_what_the_record_holds(page, server, store):
    doc_id = reference_id(store)
    record = store.document(doc_id)
    page.goto(f"{server}/article?id={doc_id}")
    page.wait_for_selector("#article-text")
    actors = {actor.id: actor for actor in record.actors}
    quoted = {q.id for q in record.quotes if q.span[1] > q.span[0]}
    shown_quotes = set(
        page.eval_on_selector_all("#article-text .q", "ns => ns.map(n => n.dataset.quote)")
    )
    assert shown_quotes == quoted
    shown_events = page.eval_on_selector_all(
        "#article-text .trigger", "ns => ns.flatMap(n => n.dataset.events.split(' '))"
    )
    assert set(shown_events) == {e.id for e in record.events}
    anonymous = {
        q.id
        for q in record.quotes
        if q.speaker and q.speaker.actor in actors and actors[q.speaker.actor].kind == "anonymous"
    }
    badges = set(
        page.eval_on_selector_all(
            "#article-text .badge.anon", "ns => ns.map(n => n.dataset.anonQuote)"
        )
    )
    assert badges == anonymous
    speakers = {q.speaker.actor or q.speaker.text if q.speaker else "?" for q in record.quotes}
    assert page.locator("#speakers li").count() == len(speakers)
    # one colour per speaker: every quote of a speaker has that speaker's colour class
    colours = page.eval_on_selector_all(
        "#article-text .q",
        "ns => ns.map(n => [n.dataset.quote, [...n.classList].find(c => c.startsWith('spk-'))])",
    )
    by_quote = {
        q.id: (q.speaker.actor or q.speaker.text if q.speaker else "?") for q in record.quotes
    }
    colour_of: dict[str, set] = {}
    for quote_id, colour in colours:
        colour_of.setdefault(by_quote[quote_id], set()).add(colour)
    assert all(len(c) == 1 for c in colour_of.values())
    assert page.locator("#removed li").count() == len(record.document.removed)
    claimed = [e for e in record.events if e.attribution]
    if claimed:  # show one card open in the screenshot
        page.locator(f'#article-text .trigger[data-events~="{claimed[0].id}"]').first.click()
        page.locator(".card").wait_for(state="visible")
        page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "article.png")


def test_pasted_reference_article_marks_claims_by_anonymous_officials(page, server):
    if not REFERENCE.exists():
        pytest.skip(f"reference article not found at {REFERENCE}")
    text = REFERENCE.read_text("utf-8")
    record = analyze(text, published="2022-03-14")
    actors = {actor.id: actor for actor in record.actors}
    page.goto(server + "/article")
    page.fill("#text", text)
    page.fill("#published", "2022-03-14")
    page.click("#analyze-form button[type=submit]")
    page.wait_for_selector("#article-text")
    anonymous_quotes = [
        q
        for q in record.quotes
        if q.speaker and actors.get(q.speaker.actor) and actors[q.speaker.actor].kind == "anonymous"
    ]
    assert anonymous_quotes, (
        "analyze() found no quote by an anonymous source in the reference article"
    )
    for quote in anonymous_quotes:
        assert page.locator(f'#article-text .badge.anon[data-anon-quote="{quote.id}"]').count() == 1
    claimed = [e for e in record.events if e.attribution]
    assert claimed, "analyze() found no attributed event in the reference article"
    for event in claimed:
        trigger = page.locator(f'#article-text .trigger[data-events~="{event.id}"]').first
        assert "claimed" in trigger.get_attribute("class")
        trigger.click()
        card = page.locator(".card")
        card.wait_for(state="visible")
        section = card.locator(f'section[data-card-event="{event.id}"]')
        assert section.locator(".badge.claimed").count() == 1
        chain = section.locator("ol.chain li .source").all_text_contents()
        assert chain == [source.text for source in event.attribution]
        anonymous_sources = [
            s
            for s in event.attribution
            if s.actor in actors and actors[s.actor].kind == "anonymous"
        ]
        assert section.locator("ol.chain .badge.anon").count() == len(anonymous_sources)
        page.keyboard.press("Escape")


def test_an_uploaded_html_page_is_cleaned_and_analysed(page, server):
    path = EXAMPLES / "baltic-drills.html"
    record = analyze(read(str(path), load_settings()))
    page.goto(server + "/article")
    page.set_input_files("#file", str(path))
    page.click("#analyze-form button[type=submit]")
    page.wait_for_selector("#article-text")
    headline = page.eval_on_selector(
        "#article-text .headline",
        "h => [...h.childNodes].filter(n => !n.classList || !n.classList.contains('badge'))"
        ".map(n => n.textContent).join('')",
    )
    assert headline == record.document.text.split("\n\n")[0]
    assert page.locator("#removed li").count() == len(record.document.removed)
    assert page.locator("#event-list li").count() == len(record.events)


def test_actor_page_shows_the_sourcing_profile(page, server, store):
    actors = store.actors(Filters(), limit=1000)
    busiest = max(actors, key=lambda a: a["events_as_source"] + a["events_as_target"])
    profile = actor_profile(store, busiest["id"], 1000)
    page.goto(f"{server}/actor?id={busiest['id']}")
    page.wait_for_selector("#sourcing")
    parts = dict(
        page.eval_on_selector_all(
            "#sourcing .part", "ns => ns.map(n => [n.dataset.kind, Number(n.dataset.count)])"
        )
    )
    assert parts == {kind: n for kind, n in profile.sourcing.items() if n}
    total = sum(profile.sourcing.values())
    share = round(100 * profile.sourcing["anonymous"] / total)
    assert page.text_content("#anon-share").startswith(f"{share}%")
    tables = page.locator("table.events")
    assert tables.nth(0).locator("tbody tr").count() == len(profile.did)
    assert page.locator("ul.quotes li").count() == len(profile.said)
    if profile.claimed_about:
        assert tables.nth(1).locator("tbody tr").count() == len(profile.claimed_about)
    screenshot(page, "actor.png")


def test_article_text_with_markup_stays_inert(page, server):
    record = analyze(XSS_ARTICLE)
    page.goto(server + "/article")
    page.fill("#text", XSS_ARTICLE)
    page.click("#analyze-form button[type=submit]")
    page.wait_for_selector("#article-text")
    assert page.evaluate("window.__xss") is None
    assert (
        page.locator(
            "#article-text script, #article-text img, #article-text svg, #article-text b"
        ).count()
        == 0
    )
    shown = page.text_content("#article-text")
    assert "<script>window.__xss = 1</script>" in shown
    assert '<img src=x onerror="window.__xss = 2">' in record.document.text
    assert '<img src=x onerror="window.__xss = 2">' in shown
    for trigger in page.locator("#article-text .trigger").all():
        trigger.hover()
    assert page.evaluate("window.__xss") is None


def test_stored_markup_stays_inert_on_every_page(page, tmp_path):
    record = analyze(XSS_ARTICLE)
    with Store(tmp_path / "xss.duckdb") as store:
        store.add(record)
    paths = [
        "/",
        f"/article?id={record.document.id}",
        *[f"/actor?id={a.id}" for a in record.actors],
    ]
    with serving(tmp_path / "xss.duckdb") as url:
        for path in paths:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__xss") is None
            assert page.locator("main script, main img, main b").count() == 0
        page.goto(f"{url}/article?id={record.document.id}")
        page.wait_for_selector("#article-text")
        assert "<script>window.__xss = 1</script>" in page.text_content("#article-text")


def test_api_docs_render_offline(page, server):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    paths = page.eval_on_selector_all(
        ".opblock-summary-path", "ns => ns.map(n => n.dataset.path || n.textContent)"
    )
    assert any("/analyze" in p for p in paths)
    assert any("/timeline" in p for p in paths)
