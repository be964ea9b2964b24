// The actor graph and the timeline, drawn as SVG. Counts are written on each shape as
// data-* attributes so a test (or a curious reader) can check them against the API.
import { CONFLICT, EVENT_TYPES, actorHref, el, isAnonymous, svg } from "./common.js";

const TYPE_COLOURS = {
  AGREE: "#2a9d8f", CONSULT: "#4c9be8", SUPPORT: "#3a86a8", CONCEDE: "#8ab17d", COOPERATE: "#1f7a8c",
  AID: "#52b788", RETREAT: "#a3b18a", REQUEST: "#6c8ebf", ACCUSE: "#e76f51", REJECT: "#f4a261",
  THREATEN: "#d62828", PROTEST: "#e9c46a", SANCTION: "#9d4edd", MOBILIZE: "#bc6c25", COERCE: "#c1121f",
  ASSAULT: "#780000",
};
const KIND_CLASSES = ["country", "government", "military", "igo", "organization", "person", "group", "media", "anonymous"];

/** The actor network: a node per actor, a curved arrow per (source, target, type). */
export function actorGraph(graph, { onEdge } = {}) {
  const width = 900;
  const height = 520;
  if (!graph.nodes.length) return el("p", { class: "muted" }, "No events with both a source and a target.");
  const positions = layout(graph.nodes, graph.edges, width, height);
  const maxEvents = Math.max(...graph.nodes.map((n) => n.events));
  const radius = (n) => 7 + 13 * Math.sqrt(n.events / maxEvents);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const pairs = new Map();
  for (const edge of graph.edges) {
    const key = [edge.source, edge.target].sort().join("\u0000");
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(edge);
  }
  const edgeShapes = [];
  for (const group of pairs.values()) {
    group.forEach((edge, index) => {
      const bend = (index - (group.length - 1) / 2) * 28 + (edge.source === edge.target ? 40 : 0);
      edgeShapes.push(edgeShape(edge, positions, byId, radius, group.length > 1 ? bend + 14 : bend, onEdge));
    });
  }
  const labelY = placeLabels(graph.nodes, positions, radius);
  const nodeShapes = graph.nodes.map((node) => {
    const [x, y] = positions.get(node.id);
    const anonymous = isAnonymous(node.id, node.kind);
    const kind = KIND_CLASSES.includes(node.kind) ? node.kind : "other";
    const group = svg("g", { class: `node kind-${kind}`, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, dataset: { id: node.id, events: node.events } },
      svg("title", {}, `${node.name} (${node.id}): ${node.events} event${node.events === 1 ? "" : "s"}`),
      svg("circle", { r: radius(node).toFixed(1) }));
    if (anonymous) return group;
    const link = svg("a", { href: actorHref(node.id) }, group);
    return link;
  });
  return svg("svg", { class: "graph", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "actor network" },
    svg("defs", {},
      ["conflict", "cooperation"].map((kind) => svg("marker", {
        id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto",
      }, svg("path", { d: "M0,0 L10,5 L0,10 z", class: `arrowhead ${kind}` })))),
    svg("g", { class: "labels" }, graph.nodes.map((node) => {
      const [x, y] = positions.get(node.id);
      return svg("text", { x: x.toFixed(1), y: (y + labelY.get(node.id)).toFixed(1), "text-anchor": "middle" }, node.name);
    })),
    svg("g", { class: "edges" }, edgeShapes),
    svg("g", { class: "nodes" }, nodeShapes));
}

/** Each label below its node, or above it when that would overlap a label already placed. */
function placeLabels(nodes, positions, radius) {
  const placed = [];
  const out = new Map();
  for (const node of nodes) {
    const [x, y] = positions.get(node.id);
    const half = node.name.length * 3.4;
    const below = radius(node) + 13;
    const above = -radius(node) - 6;
    const box = (dy) => ({ left: x - half, right: x + half, top: y + dy - 11, bottom: y + dy + 3 });
    const hits = (b) => placed.some((p) => b.left < p.right && b.right > p.left && b.top < p.bottom && b.bottom > p.top);
    const dy = hits(box(below)) && !hits(box(above)) ? above : below;
    placed.push(box(dy));
    out.set(node.id, dy);
  }
  return out;
}

function edgeShape(edge, positions, byId, radius, bend, onEdge) {
  const [x1, y1] = positions.get(edge.source);
  const [x2, y2] = positions.get(edge.target);
  const kind = CONFLICT.has(edge.type) ? "conflict" : "cooperation";
  const onlyClaimed = edge.asserted === 0;
  let d;
  if (edge.source === edge.target) {
    const r = radius(byId.get(edge.source));
    d = `M${x1 - r / 2},${y1 - r} C${x1 - 40},${y1 - 70 - bend} ${x1 + 40},${y1 - 70 - bend} ${x1 + r / 2},${y1 - r}`;
  } else {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const length = Math.hypot(dx, dy) || 1;
    const [nx, ny] = [-dy / length, dx / length];
    const [cx, cy] = [(x1 + x2) / 2 + nx * bend, (y1 + y2) / 2 + ny * bend];
    const trim = (x, y, tx, ty, r) => {
      const l = Math.hypot(tx - x, ty - y) || 1;
      return [x + ((tx - x) / l) * r, y + ((ty - y) / l) * r];
    };
    const [sx, sy] = trim(x1, y1, cx, cy, radius(byId.get(edge.source)) + 2);
    const [ex, ey] = trim(x2, y2, cx, cy, radius(byId.get(edge.target)) + 4);
    d = `M${sx.toFixed(1)},${sy.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
  }
  const factualities = Object.entries(edge.by_factuality).map(([k, v]) => `${k} ${v}`).join(", ");
  const path = svg("path", {
    d,
    class: `edge ${kind}${onlyClaimed ? " claimed" : ""}`,
    "stroke-width": (1.5 + 1.5 * Math.log2(edge.count)).toFixed(1),
    "marker-end": `url(#arrow-${kind})`,
    dataset: { source: edge.source, target: edge.target, type: edge.type, count: edge.count, asserted: edge.asserted, attributed: edge.attributed },
  }, svg("title", {}, `${byId.get(edge.source).name} → ${byId.get(edge.target).name}: ${edge.type} ×${edge.count}` +
    ` (asserted ${edge.asserted}, attributed ${edge.attributed}; ${factualities})`));
  if (onEdge) path.addEventListener("click", () => onEdge(edge));
  return path;
}

/** A deterministic force layout (Fruchterman–Reingold): start on a circle, repel every pair,
 * pull linked actors together, a little gravity for loose ones, then stretch to fill the box. */
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const pad = 70;
  const [cx, cy] = [width / 2, height / 2];
  const points = nodes.map((node, i) => {
    const angle = (2 * Math.PI * i) / n;
    return { id: node.id, x: cx + Math.cos(angle) * (width / 3), y: cy + Math.sin(angle) * (height / 3), dx: 0, dy: 0 };
  });
  const index = new Map(points.map((p, i) => [p.id, i]));
  const links = new Set();
  for (const edge of edges) {
    if (edge.source !== edge.target) links.add([index.get(edge.source), index.get(edge.target)].sort((a, b) => a - b).join(","));
  }
  const k = 0.8 * Math.sqrt(((width - 2 * pad) * (height - 2 * pad)) / Math.max(n, 1));
  let temperature = width / 8;
  for (let step = 0; step < 400 && n > 1; step += 1) {
    for (const p of points) { p.dx = 0; p.dy = 0; }
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const [a, b] = [points[i], points[j]];
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        let dist = Math.hypot(dx, dy);
        if (dist < 0.01) { dx = 0.01 * (i - j); dy = 0.01; dist = Math.hypot(dx, dy); }
        const force = (k * k) / dist;
        a.dx += (dx / dist) * force; a.dy += (dy / dist) * force;
        b.dx -= (dx / dist) * force; b.dy -= (dy / dist) * force;
      }
    }
    for (const link of links) {
      const [a, b] = link.split(",").map((i) => points[Number(i)]);
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const dist = Math.hypot(dx, dy) || 0.01;
      const force = (dist * dist) / k;
      a.dx -= (dx / dist) * force; a.dy -= (dy / dist) * force;
      b.dx += (dx / dist) * force; b.dy += (dy / dist) * force;
    }
    for (const p of points) {
      p.dx -= (p.x - cx) * 0.6; p.dy -= (p.y - cy) * 0.6;  // gravity keeps separate groups in view
      const moved = Math.hypot(p.dx, p.dy) || 1;
      p.x = Math.min(width - pad, Math.max(pad, p.x + (p.dx / moved) * Math.min(moved, temperature)));
      p.y = Math.min(height - pad, Math.max(pad, p.y + (p.dy / moved) * Math.min(moved, temperature)));
    }
    temperature = Math.max(1, temperature * 0.985);
  }
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const stretch = (v, lo, hi, size) => (hi - lo < 1 ? size / 2 : pad + ((v - lo) / (hi - lo)) * (size - 2 * pad));
  return new Map(points.map((p) => [p.id, [stretch(p.x, minX, maxX, width), stretch(p.y, minY, maxY, height)]]));
}

/** Events per period as stacked bars by type: solid = confirmed, hatched = only claimed. */
export function timelineChart(rows) {
  if (!rows.length) return el("p", { class: "muted" }, "No dated events.");
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const types = EVENT_TYPES.filter((t) => rows.some((r) => r.type === t));
  const totals = periods.map((p) => rows.filter((r) => r.period === p).reduce((s, r) => s + r.confirmed + r.claimed, 0));
  const maxTotal = Math.max(...totals, 1);
  const [width, height, left, bottom, top] = [900, 280, 44, 56, 12];
  const plotHeight = height - bottom - top;
  const step = (width - left - 10) / periods.length;
  const barWidth = Math.min(56, step * 0.7);
  const y = (value) => top + plotHeight - (value / maxTotal) * plotHeight;
  const ticks = niceTicks(maxTotal);
  const shapes = [];
  periods.forEach((period, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    let base = 0;
    for (const type of types) {
      const row = rows.find((r) => r.period === period && r.type === type);
      if (!row) continue;
      for (const [kind, value] of [["confirmed", row.confirmed], ["claimed", row.claimed]]) {
        if (!value) continue;
        shapes.push(svg("rect", {
          x: x.toFixed(1), y: y(base + value).toFixed(1), width: barWidth.toFixed(1),
          height: (y(base) - y(base + value)).toFixed(1),
          class: `bar ${kind}`, fill: kind === "confirmed" ? TYPE_COLOURS[type] : `url(#hatch-${type})`,
          stroke: TYPE_COLOURS[type],
          dataset: { period, type, kind, count: value },
        }, svg("title", {}, `${period} · ${type}: ${value} ${kind === "confirmed" ? "confirmed" : "only claimed"}`)));
        base += value;
      }
    }
    const label = periods.length > 12 && i % Math.ceil(periods.length / 12) ? null
      : svg("text", { x: (x + barWidth / 2).toFixed(1), y: height - bottom + 18, "text-anchor": "middle", class: "axis-label" }, period);
    shapes.push(label);
  });
  const axis = ticks.map((t) => svg("g", { class: "tick" },
    svg("line", { x1: left, x2: width - 10, y1: y(t).toFixed(1), y2: y(t).toFixed(1) }),
    svg("text", { x: left - 8, y: (y(t) + 4).toFixed(1), "text-anchor": "end", class: "axis-label" }, t)));
  const chart = svg("svg", { class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "events over time" },
    svg("defs", {}, types.map((type) => svg("pattern", {
      id: `hatch-${type}`, patternUnits: "userSpaceOnUse", width: 6, height: 6, patternTransform: "rotate(45)",
    }, svg("rect", { width: 6, height: 6, fill: "#fff" }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: TYPE_COLOURS[type], "stroke-width": 3 })))),
    svg("g", { class: "axis" }, axis), svg("g", { class: "bars" }, shapes));
  const legend = el("ul", { class: "legend inline" },
    types.map((type) => el("li", {}, el("span", { class: `swatch type-${type}` }), " ", type)),
    el("li", {}, el("span", { class: "swatch solid" }), " confirmed"),
    el("li", {}, el("span", { class: "swatch hatched" }), " only claimed"));
  return el("div", {}, chart, legend);
}

function niceTicks(max) {
  const step = Math.max(1, Math.ceil(max / 5));
  const ticks = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return ticks;
}
