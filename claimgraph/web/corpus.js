// Corpus explorer: filters, the actor graph, the timeline, the events table and the documents.
// The filters live in the page's query string, so every view is a link.
import { actorGraph, timelineChart } from "./charts.js";
import { EVENT_TYPES, api, articleHref, el, eventsTable, header, showError } from "./common.js";

const FILTERS = ["actor", "type", "since", "until", "factuality", "attributed"];
const PAGE = 25;
document.body.prepend(header("Corpus"));
const form = document.getElementById("filters");
const typeSelect = form.elements.type;
for (const type of EVENT_TYPES) typeSelect.append(el("option", { value: type }, type));
const interval = document.getElementById("interval");

const query = new URLSearchParams(window.location.search);
const filters = {};
for (const name of FILTERS) {
  if (query.get(name)) {
    filters[name] = query.get(name);
    form.elements[name].value = query.get(name);
  }
}
let edge = null;
let offset = 0;

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const next = new URLSearchParams();
  for (const name of FILTERS) if (form.elements[name].value) next.set(name, form.elements[name].value);
  window.location.search = next.toString();
});
interval.addEventListener("change", loadTimeline);

api("/stats").then((stats) => {
  document.getElementById("stats").textContent =
    `${stats.documents} documents · ${stats.events} events · ${stats.quotes} quotes · ${stats.actors} actors`;
}).catch((err) => showError(document.getElementById("stats"), err));
api("/actors", { limit: 500 }).then((page) => {
  document.getElementById("actor-ids").replaceChildren(...page.items.map((a) => el("option", { value: a.id }, a.name)));
}).catch(() => {});

loadGraph();
loadTimeline();
loadEvents();
loadDocuments();

async function loadGraph() {
  const box = document.getElementById("graph");
  try {
    const graph = await api("/graph", filters);
    box.replaceChildren(actorGraph(graph, {
      onEdge: (chosen) => { edge = chosen; offset = 0; loadEvents(); document.getElementById("events-title").scrollIntoView(); },
    }));
  } catch (err) {
    showError(box, err);
  }
}

async function loadTimeline() {
  const box = document.getElementById("timeline");
  try {
    box.replaceChildren(timelineChart(await api("/timeline", { ...filters, interval: interval.value })));
  } catch (err) {
    showError(box, err);
  }
}

async function loadEvents() {
  const box = document.getElementById("events");
  const title = document.getElementById("events-title");
  const params = { ...filters, limit: PAGE, offset };
  if (edge) {
    Object.assign(params, { source: edge.source, target: edge.target, type: edge.type });
    delete params.actor;
    const clear = el("button", { type: "button", class: "link" }, "show all");
    clear.addEventListener("click", () => { edge = null; offset = 0; loadEvents(); });
    title.replaceChildren(`Events: ${edge.source} → ${edge.target}, ${edge.type} `, clear);
  } else {
    title.replaceChildren("Events");
  }
  try {
    const page = await api("/events", params);
    box.replaceChildren(eventsTable(page.items, { empty: "No events match these filters." }));
    pager(page);
  } catch (err) {
    showError(box, err);
  }
}

function pager(page) {
  const nav = document.getElementById("pager");
  const previous = el("button", { type: "button", disabled: page.offset === 0 }, "← previous");
  const next = el("button", { type: "button", disabled: !page.next }, "next →");
  previous.addEventListener("click", () => { offset = Math.max(0, offset - PAGE); loadEvents(); });
  next.addEventListener("click", () => { offset += PAGE; loadEvents(); });
  const shown = page.items.length ? `${page.offset + 1}–${page.offset + page.items.length}` : "0";
  nav.replaceChildren(previous, el("span", { class: "muted" }, ` ${shown} `), next);
}

async function loadDocuments() {
  const box = document.getElementById("documents");
  try {
    const page = await api("/documents", { ...filters, limit: 100 });
    if (!page.items.length) {
      box.replaceChildren(el("p", { class: "muted" }, "No documents. Add some with 'claimgraph ingest', or analyse one on the Article page."));
      return;
    }
    box.replaceChildren(el("table", { class: "documents" },
      el("thead", {}, el("tr", {}, ["Published", "Title", "Outlet", "Quotes", "Events"].map((h) => el("th", {}, h)))),
      el("tbody", {}, page.items.map((doc) => el("tr", { dataset: { document: doc.id } },
        el("td", { class: "nowrap" }, doc.published || "—"),
        el("td", {}, el("a", { href: articleHref(doc.id) }, doc.title || doc.id)),
        el("td", {}, doc.outlet || "—"),
        el("td", { class: "num" }, doc.quotes),
        el("td", { class: "num" }, doc.events))))));
  } catch (err) {
    showError(box, err);
  }
}
