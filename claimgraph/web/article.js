// Article view: the clean text with quotes highlighted per speaker, event triggers marked,
// a card per item, and the boilerplate that was removed. Opens a stored document (?id=…,
// with &event=… or &quote=… to scroll to the evidence) or analyses a pasted/uploaded article.
import {
  CONFLICT, SPEAKER_COLOURS, actorLink, anonymousBadge, api, card, el, factualityBadge, header,
  isAnonymous, safeHref, showError, typeBadge, voiceBadge,
} from "./common.js";

const params = new URLSearchParams(window.location.search);
document.body.prepend(header("Article"));
const form = document.getElementById("analyze-form");
const result = document.getElementById("result");
const status = document.getElementById("form-status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = document.getElementById("file").files[0];
  const body = {};
  if (file) {
    const content = await file.text();
    body[/\.x?html?$/i.test(file.name) ? "html" : "text"] = content;
  } else {
    body.text = document.getElementById("text").value;
  }
  const published = document.getElementById("published").value;
  if (published) body.published = published;
  const store = document.getElementById("store").checked;
  status.textContent = "Analysing…";
  try {
    const analysis = await api("/analyze", { store: store ? "true" : null }, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    status.textContent = "";
    if (store) window.history.replaceState(null, "", `/article?${new URLSearchParams({ id: analysis.document.id })}`);
    render(analysis, {});
  } catch (err) {
    status.textContent = "";
    showError(result, err);
  }
});

if (params.get("id")) {
  document.getElementById("input-panel").open = false;
  api(`/documents/${encodeURIComponent(params.get("id"))}`)
    .then((analysis) => render(analysis, { event: params.get("event"), quote: params.get("quote") }))
    .catch((err) => showError(result, err));
}

function render(analysis, focus) {
  const doc = analysis.document;
  const actors = new Map(analysis.actors.map((a) => [a.id, a]));
  const speakers = speakerIndex(analysis.quotes, actors);
  const focusEvent = analysis.events.find((e) => e.id === focus.event);
  const focusQuote = analysis.quotes.find((q) => q.id === focus.quote);
  const focusSpan = focusEvent ? focusEvent.sentence : focusQuote ? focusQuote.span : null;

  const text = el("div", { id: "article-text", class: "article-text" },
    paragraphs(doc.text, marks(analysis, speakers, focusSpan), { actors, speakers }));
  const meta = el("p", { class: "doc-meta" },
    [doc.outlet, doc.published, doc.authors.length ? `by ${doc.authors.join(", ")}` : null]
      .filter(Boolean).join(" · "),
    doc.url && safeHref(doc.url) ? [" · ", el("a", { href: safeHref(doc.url), rel: "noopener noreferrer" }, "source")] : null);
  const counts = el("p", { class: "counts" },
    `${analysis.actors.length} actors · ${analysis.quotes.length} quotes · ${analysis.events.length} events`);
  const removed = el("details", { class: "removed", id: "removed" },
    el("summary", {}, `Removed as boilerplate (${doc.removed.length})`),
    doc.removed.length ? el("ul", {}, doc.removed.map((line) => el("li", {}, line)))
      : el("p", { class: "muted" }, "Nothing was removed."));

  result.replaceChildren(el("article", { class: "analysis", dataset: { document: doc.id } },
    el("div", { class: "article-main" }, meta, counts, text, removed),
    el("aside", { class: "article-side" },
      el("h3", {}, "Speakers"), speakerLegend(speakers),
      el("h3", {}, "Events"), markLegend(), eventList(analysis.events, actors))));
  const target = focusSpan && text.querySelector(".focus");
  if (target) target.scrollIntoView({ block: "center" });
}

/** Speakers in order of their first quote, each with a colour index and an anonymous flag. */
function speakerIndex(quotes, actors) {
  const speakers = new Map();
  for (const quote of quotes) {
    const key = speakerKey(quote);
    if (speakers.has(key)) continue;
    const actor = quote.speaker && actors.get(quote.speaker.actor);
    speakers.set(key, {
      key,
      colour: speakers.size % SPEAKER_COLOURS,
      name: actor ? actor.name : quote.speaker ? quote.speaker.text : "unknown speaker",
      actor: quote.speaker ? quote.speaker.actor : null,
      anonymous: actor ? isAnonymous(actor.id, actor.kind) : false,
      quotes: 0,
    });
  }
  for (const quote of quotes) speakers.get(speakerKey(quote)).quotes += 1;
  return speakers;
}

function speakerKey(quote) {
  if (!quote.speaker) return "?";
  return quote.speaker.actor || `text:${quote.speaker.text}`;
}

/** Every highlighted range of the text: quotes, speakers, triggers, actor mentions, the focused sentence. */
function marks(analysis, speakers, focusSpan) {
  const list = [];
  for (const quote of analysis.quotes) {
    list.push({ start: quote.span[0], end: quote.span[1], quote, speaker: speakers.get(speakerKey(quote)) });
    if (quote.speaker) list.push({ start: quote.speaker.span[0], end: quote.speaker.span[1], speakerOf: quote, speaker: speakers.get(speakerKey(quote)) });
  }
  for (const event of analysis.events) list.push({ start: event.trigger.span[0], end: event.trigger.span[1], event });
  for (const actor of analysis.actors) {
    for (const [start, end] of actor.mentions) list.push({ start, end, actor });
  }
  if (focusSpan) list.push({ start: focusSpan[0], end: focusSpan[1], focus: true });
  return list.filter((m) => m.end > m.start);
}

/** The text cut into paragraphs (the first is the headline) and each into uniformly marked segments. */
function paragraphs(text, allMarks, context) {
  const out = [];
  const breaks = /\n\s*\n/g;
  let start = 0;
  let match;
  const ranges = [];
  while ((match = breaks.exec(text)) !== null) {
    ranges.push([start, match.index]);
    start = match.index + match[0].length;
  }
  ranges.push([start, text.length]);
  const quoteStarted = new Set();
  ranges.forEach(([from, to], index) => {
    if (to <= from) return;
    const inside = allMarks.filter((m) => m.start < to && m.end > from);
    const cuts = new Set([from, to]);
    for (const m of inside) {
      cuts.add(Math.max(from, m.start));
      cuts.add(Math.min(to, m.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const children = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = inside.filter((m) => m.start <= a && m.end >= b);
      children.push(...segment(text.slice(a, b), covering, context, quoteStarted));
    }
    out.push(el(index === 0 ? "h2" : "p", { class: index === 0 ? "headline" : null }, children));
  });
  return out;
}

function segment(text, covering, context, quoteStarted) {
  if (!covering.length) return [text];
  const quote = innermost(covering.filter((m) => m.quote));
  const speakerMark = covering.find((m) => m.speakerOf);
  const events = covering.filter((m) => m.event).map((m) => m.event);
  const mention = covering.find((m) => m.actor);
  const classes = [];
  const data = {};
  if (quote) {
    classes.push("q", `spk-${quote.speaker.colour}`, `q-${quote.quote.kind}`);
    data.quote = quote.quote.id;
  }
  if (speakerMark) {
    classes.push("speaker", `spk-${speakerMark.speaker.colour}`);
    data.speakerOf = speakerMark.speakerOf.id;
  }
  if (events.length) {
    const claimed = events.some((e) => e.attribution.length);
    classes.push("trigger", CONFLICT.has(events[0].type) ? "conflict" : "cooperation", claimed ? "claimed" : "asserted");
    data.events = events.map((e) => e.id).join(" ");
  }
  if (mention) {
    classes.push("mention");
    data.actor = mention.actor.id;
  }
  if (covering.some((m) => m.focus)) classes.push("focus");
  const span = el("span", { class: classes.join(" "), dataset: { ...data, card: "" }, tabindex: events.length ? 0 : null }, text);
  const details = () => cardContent({ quote: quote && quote.quote, events, mention: mention && mention.actor }, context);
  span.addEventListener("mouseenter", () => card.show(span, details()));
  span.addEventListener("mouseleave", () => card.hide());
  span.addEventListener("click", () => card.show(span, details(), true));
  span.addEventListener("focus", () => card.show(span, details()));
  const out = [];
  if (quote && !quoteStarted.has(quote.quote.id)) {
    quoteStarted.add(quote.quote.id);
    if (quote.speaker.anonymous) out.push(el("span", { class: "badge anon inline", dataset: { anonQuote: quote.quote.id } }, "anonymous"));
  }
  out.push(span);
  return out;
}

function innermost(list) {
  if (!list.length) return null;
  return list.reduce((best, m) => (m.end - m.start < best.end - best.start ? m : best));
}

/** The card's content: events first (who → whom, how sure, who says so), then the quote, then the actor. */
function cardContent({ quote, events, mention }, { actors, speakers }) {
  const parts = events.map((event) => eventDetails(event, actors));
  if (quote) {
    const speaker = speakers.get(speakerKey(quote));
    parts.push(el("section", {},
      el("h4", {}, `Quote (${quote.kind})`),
      el("p", {}, el("span", { class: `swatch spk-${speaker.colour}` }), " ", speaker.name,
        speaker.anonymous ? [" ", anonymousBadge()] : null,
        quote.cue ? el("span", { class: "muted" }, ` — ${quote.cue}`) : null),
      el("p", { class: "muted" }, `confidence ${quote.confidence.toFixed(2)}`)));
  }
  if (mention && !parts.length) {
    parts.push(el("section", {},
      el("h4", {}, mention.name, isAnonymous(mention.id, mention.kind) ? [" ", anonymousBadge()] : null),
      el("p", {}, [mention.kind, mention.role, mention.country].filter(Boolean).join(" · ")),
      el("p", { class: "muted" }, mention.id)));
  }
  return el("div", {}, parts);
}

function eventDetails(event, actors) {
  const name = (id) => {
    const actor = actors.get(id);
    return actorLink(id, actor ? actor.name : id, actor ? actor.kind : null);
  };
  const when = [event.time, event.date, event.location].filter(Boolean).join(" · ");
  const chain = event.attribution.length
    ? el("ol", { class: "chain" }, event.attribution.map((s) => {
      const actor = actors.get(s.actor);
      return el("li", {}, el("span", { class: "source" }, s.text), actor && isAnonymous(actor.id, actor.kind) ? [" ", anonymousBadge()] : null,
        s.cue ? el("span", { class: "muted" }, ` (${s.cue})`) : null);
    }))
    : el("p", { class: "muted" }, "Asserted in the outlet's own voice.");
  return el("section", { dataset: { cardEvent: event.id } },
    el("h4", {}, typeBadge(event.type), " ", name(event.source), el("span", { class: "arrow" }, " → "),
      event.target ? name(event.target) : el("span", { class: "muted" }, "—")),
    el("p", {}, factualityBadge(event.factuality), " ", voiceBadge(event.attribution.length > 0),
      event.hypothetical ? [" ", el("span", { class: "badge hypo" }, "hypothetical")] : null),
    el("p", {}, `“${event.trigger.text}” · ${when}`,
      event.mode ? ` · ${event.mode}` : null, event.context.length ? ` · ${event.context.join(", ")}` : null,
      event.cameo ? el("span", { class: "muted" }, ` · CAMEO ${event.cameo}`) : null),
    el("h5", {}, "According to"), chain);
}

function speakerLegend(speakers) {
  if (!speakers.size) return el("p", { class: "muted" }, "No quotes.");
  return el("ul", { id: "speakers", class: "legend" }, [...speakers.values()].map((s) =>
    el("li", { dataset: { speaker: s.key, colour: s.colour } },
      el("span", { class: `swatch spk-${s.colour}` }), " ", s.name,
      s.anonymous ? [" ", anonymousBadge()] : null,
      el("span", { class: "muted" }, ` ${s.quotes} quote${s.quotes === 1 ? "" : "s"}`))));
}

function markLegend() {
  return el("p", { class: "mark-legend small muted" },
    el("span", { class: "trigger cooperation asserted" }, "asserted"), " ",
    el("span", { class: "trigger cooperation claimed" }, "claimed"), " — ",
    el("span", { class: "key cooperation" }, "cooperation"), ", ",
    el("span", { class: "key conflict" }, "conflict"), "; hover or click a marked word for details.");
}

function eventList(events, actors) {
  if (!events.length) return el("p", { class: "muted" }, "No events.");
  const name = (id) => (actors.get(id) ? actors.get(id).name : id || "—");
  return el("ol", { id: "event-list", class: "event-list" }, events.map((event) => {
    const item = el("li", { dataset: { event: event.id, card: "" }, tabindex: 0 },
      typeBadge(event.type), " ", name(event.source), " → ", name(event.target), " ",
      factualityBadge(event.factuality), " ", voiceBadge(event.attribution.length > 0),
      event.attribution.length ? el("div", { class: "muted small" },
        `according to ${event.attribution.map((s) => s.text).join(" ← ")}`) : null);
    item.addEventListener("click", () => {
      const trigger = [...document.querySelectorAll("#article-text .trigger")].find((t) => t.dataset.events.split(" ").includes(event.id));
      if (!trigger) return;
      trigger.scrollIntoView({ block: "center" });
      trigger.classList.add("flash");
      window.setTimeout(() => trigger.classList.remove("flash"), 1200);
      card.show(trigger, el("div", {}, eventDetails(event, actors)), true);
    });
    return item;
  }));
}
