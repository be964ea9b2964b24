// Shared helpers of the claimgraph web UI. Every piece of data reaches the page through
// textContent or setAttribute (el/svg below), never parsed as markup.

export const CONFLICT = new Set(["ASSAULT", "COERCE", "THREATEN", "SANCTION", "PROTEST", "ACCUSE", "REJECT", "MOBILIZE"]);
export const EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
export const FACTUALITY_LABELS = {
  certain: "certain", probable: "probable", possible: "possible", certain_not: "certainly not",
  probable_not: "probably not", possible_not: "possibly not", unknown: "unknown",
};
export const SPEAKER_COLOURS = 10;

/** An HTML element; attributes via setAttribute, children as text nodes unless they are nodes. */
export function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same rules as el(). */
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS("http://www.w3.org/2000/svg", tag), attrs, children);
}

function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "dataset") for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** JSON from the API; throws an Error carrying the API's detail message. */
export async function api(path, params = {}, init = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.statusText);
    throw new Error(detail);
  }
  return body;
}

/** Only http(s) addresses become links: a "javascript:" URL in an article's metadata stays text. */
export function safeHref(url) {
  try {
    const parsed = new URL(url, window.location.origin);
    return ["http:", "https:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

export function articleHref(documentId, params = {}) {
  const query = new URLSearchParams({ id: documentId, ...params });
  return `/article?${query}`;
}

export function actorHref(actorId) {
  return `/actor?${new URLSearchParams({ id: actorId })}`;
}

export function isAnonymous(actorId, kind) {
  return kind === "anonymous" || (actorId || "").startsWith("anon:");
}

export function anonymousBadge() {
  return el("span", { class: "badge anon", title: "an unnamed source" }, "anonymous");
}

export function voiceBadge(attributed) {
  return attributed
    ? el("span", { class: "badge claimed", title: "attributed to a source" }, "claimed")
    : el("span", { class: "badge asserted", title: "asserted in the outlet's own voice" }, "asserted");
}

export function factualityBadge(value) {
  return el("span", { class: `badge fact fact-${value}` }, FACTUALITY_LABELS[value] || value);
}

export function typeBadge(type) {
  return el("span", { class: `badge type ${CONFLICT.has(type) ? "conflict" : "cooperation"}` }, type);
}

/** A link to an actor's page, or plain text for a per-article anonymous source. */
export function actorLink(actorId, name, kind) {
  if (!actorId) return el("span", { class: "muted" }, "—");
  const label = name || actorId;
  if (isAnonymous(actorId, kind)) return el("span", { class: "actor" }, label, " ", anonymousBadge());
  return el("a", { class: "actor", href: actorHref(actorId), title: actorId }, label);
}

/** The page header with the navigation; marks the current page. */
export function header(current) {
  const links = [["/", "Corpus"], ["/article", "Article"], ["/docs", "API"]];
  const nav = el("nav", {}, links.map(([href, label]) =>
    el("a", { href, class: label === current ? "current" : null }, label)));
  return el("header", { class: "top" },
    el("a", { class: "brand", href: "/" }, "claimgraph"),
    el("span", { class: "tagline" }, "who does what to whom — according to whom"),
    nav);
}

export function showError(container, err) {
  container.replaceChildren(el("p", { class: "error", role: "alert" }, err.message || String(err)));
}

/** Events as a table: date, type, who → whom, factuality, who says so, the evidence sentence. */
export function eventsTable(rows, { empty = "No events." } = {}) {
  if (!rows.length) return el("p", { class: "muted" }, empty);
  const head = el("tr", {}, ["Date", "Event", "Factuality", "According to", "Evidence"].map((h) => el("th", {}, h)));
  const body = rows.map((row) => el("tr", { dataset: { event: row.event_id, document: row.document_id } },
    el("td", { class: "nowrap" }, row.date || row.published || "—"),
    el("td", {},
      typeBadge(row.type), " ",
      actorLink(row.source, row.source_name, row.source_kind), el("span", { class: "arrow" }, " → "),
      actorLink(row.target, row.target_name, row.target_kind),
      row.hypothetical ? el("span", { class: "badge hypo" }, "if") : null),
    el("td", {}, factualityBadge(row.factuality), " ", el("span", { class: "muted" }, row.time)),
    el("td", {}, row.attributed
      ? [row.according_to, row.speaker_kind === "anonymous" ? [" ", anonymousBadge()] : null]
      : el("span", { class: "muted" }, "the outlet")),
    el("td", { class: "evidence" },
      el("a", { href: articleHref(row.document_id, { event: row.event_id }), title: row.title || "" },
        sentenceWithTrigger(row.sentence, row.trigger)))));
  return el("table", { class: "events" }, el("thead", {}, head), el("tbody", {}, body));
}

function sentenceWithTrigger(sentence, trigger) {
  const at = trigger ? sentence.indexOf(trigger) : -1;
  if (at < 0) return sentence;
  return [sentence.slice(0, at), el("mark", {}, trigger), sentence.slice(at + trigger.length)];
}

/** Quotes as a list: the words, who said them, how, and a link to the article. */
export function quotesList(rows, { empty = "No quotes." } = {}) {
  if (!rows.length) return el("p", { class: "muted" }, empty);
  return el("ul", { class: "quotes" }, rows.map((row) => el("li", {},
    el("blockquote", {}, row.text),
    el("div", { class: "meta" },
      actorLink(row.speaker_actor, row.speaker_name || row.speaker_text, row.speaker_kind),
      row.cue ? ` (${row.cue}, ${row.kind})` : ` (${row.kind})`,
      " · ",
      el("a", { href: articleHref(row.document_id, { quote: row.quote_id }) }, row.title || "article")))));
}

/** A floating card for hover/click details; one per page. */
export const card = {
  node: null,
  pinned: false,
  show(anchor, content, pin = false) {
    if (!this.node) {
      this.node = el("div", { class: "card", role: "dialog", hidden: true });
      document.body.append(this.node);
      document.addEventListener("keydown", (e) => { if (e.key === "Escape") this.hide(true); });
      document.addEventListener("click", (e) => {
        if (this.pinned && !this.node.contains(e.target) && !e.target.closest("[data-card]")) this.hide(true);
      });
    }
    if (this.pinned && !pin) return;
    this.pinned = pin;
    this.node.replaceChildren(content);
    this.node.hidden = false;
    const box = anchor.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
    this.node.style.left = `${left}px`;
    this.node.style.top = `${box.bottom + window.scrollY + 6}px`;
    this.node.style.width = `${width}px`;
  },
  hide(force = false) {
    if (!this.node || (this.pinned && !force)) return;
    this.pinned = false;
    this.node.hidden = true;
  },
};
