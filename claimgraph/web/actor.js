// Actor page: what the actor did and said, what others claim about it, and how those claims are sourced.
import { api, el, eventsTable, header, quotesList, showError } from "./common.js";

document.body.prepend(header("Actor"));
const main = document.getElementById("actor");
const actorId = new URLSearchParams(window.location.search).get("id");

if (!actorId) {
  main.replaceChildren(el("p", { class: "muted" }, "No actor given. Pick one in the corpus graph."));
} else {
  api(`/actors/${encodeURIComponent(actorId)}`).then(render).catch((err) => showError(main, err));
}

function render(profile) {
  const actor = profile.actor;
  document.title = `claimgraph — ${actor.name}`;
  main.replaceChildren(
    el("h1", {}, actor.name, " ", el("span", { class: "muted id" }, actor.id)),
    el("p", { class: "doc-meta" }, [actor.kind, actor.country].filter(Boolean).join(" · "),
      ` · in ${actor.documents} document${actor.documents === 1 ? "" : "s"}, ${actor.mentions} mentions`),
    el("section", {}, el("h2", {}, "Sourcing profile"), sourcing(profile.sourcing, actor.name)),
    el("section", {}, el("h2", {}, `What it did (${profile.did.length})`),
      eventsTable(profile.did, { empty: "No events with this actor as the source." })),
    el("section", {}, el("h2", {}, `What it said (${profile.said.length})`),
      quotesList(profile.said, { empty: "No quotes by this actor." })),
    el("section", {}, el("h2", {}, `What others claim about it (${profile.claimed_about.length})`),
      eventsTable(profile.claimed_about, { empty: "No claims about this actor by other sources." })));
}

/** One bar split into anonymous, named and asserted, with the anonymous share in words. */
function sourcing(counts, name) {
  const total = counts.anonymous + counts.named + counts.asserted;
  if (!total) return el("p", { class: "muted" }, "No events involve this actor.");
  const parts = [["anonymous", "anonymous sources"], ["named", "named sources"], ["asserted", "the outlet's own voice"]];
  const bar = el("div", { class: "sourcing-bar", id: "sourcing", dataset: { total } },
    parts.filter(([key]) => counts[key]).map(([key, label]) => {
      const part = el("span", { class: `part ${key}`, dataset: { kind: key, count: counts[key] }, title: `${counts[key]} from ${label}` },
        `${Math.round((100 * counts[key]) / total)}%`);
      part.style.flexGrow = String(counts[key]);
      return part;
    }));
  const share = Math.round((100 * counts.anonymous) / total);
  return el("div", {},
    el("p", { id: "anon-share" }, el("strong", {}, `${share}%`),
      ` of the ${total} claim${total === 1 ? "" : "s"} about ${name} rest on anonymous sources.`),
    bar,
    el("ul", { class: "legend inline" }, parts.map(([key, label]) =>
      el("li", {}, el("span", { class: `swatch src-${key}` }), ` ${label}: ${counts[key]}`))));
}
