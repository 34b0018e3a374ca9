// A small inline SVG line chart of period medians (no library, no canvas).
//
// The x axis is time: a month (or year) with no contracts leaves a gap, and the line breaks there.
// The y axis has one unit for all its labels (억원 or 만원), named once above the axis.

import { el, svg } from "./dom.js";
import { won } from "./format.js";

/**
 * The series to chart: [{bucket: "2024-03", median_manwon, count}], oldest first, or [] when the
 * answer has no time dimension. Sources, in order: buckets in structured_data (stats.buckets or
 * buckets), else the rows grouped by month.
 */
export function seriesFrom(data) {
  if (!data) return [];
  const direct = (data.stats && data.stats.buckets) || data.buckets;
  if (Array.isArray(direct) && direct.length) {
    return direct
      .filter((b) => b && timeIndex(b.bucket) !== null && b.median_manwon !== null && b.median_manwon !== undefined)
      .map((b) => ({ bucket: String(b.bucket), median_manwon: Number(b.median_manwon), count: b.count }))
      .sort((a, b) => timeIndex(a.bucket) - timeIndex(b.bucket));
  }
  return monthlyMediansOfRows(data.rows || []);
}

/** "2024-03" → months since year 0; "2024" → the year (a series is all months or all years). */
export function timeIndex(bucket) {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(String(bucket ?? ""));
  if (!match) return null;
  return match[2] ? Number(match[1]) * 12 + Number(match[2]) - 1 : Number(match[1]);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

function monthlyMediansOfRows(rows) {
  const byMonth = new Map();
  for (const row of rows) {
    const price = row.price_manwon ?? row.deposit_manwon;
    if (typeof row.contract_date !== "string" || typeof price !== "number") continue;
    const month = row.contract_date.slice(0, 7);
    if (!byMonth.has(month)) byMonth.set(month, []);
    byMonth.get(month).push(price);
  }
  return [...byMonth.keys()]
    .sort()
    .map((month) => ({ bucket: month, median_manwon: median(byMonth.get(month)), count: byMonth.get(month).length }));
}

/**
 * One unit for a whole axis: 억원 when the largest value reaches 1억, else 만원; decimals only when
 * the ticks would otherwise print alike. Returns {unit, label(value)}.
 */
export function axisUnit(low, high) {
  if (Math.max(Math.abs(low), Math.abs(high)) >= 10000) {
    const span = (high - low) / 10000;
    const digits = span >= 10 ? 0 : span >= 1 ? 1 : 2;
    return { unit: "억원", label: (v) => (v / 10000).toFixed(digits) };
  }
  const grouped = new Intl.NumberFormat("ko-KR");
  return { unit: "만원", label: (v) => grouped.format(Math.round(v)) };
}

/** Runs of consecutive periods: a missing month (or year) starts a new run. */
function runs(points) {
  const out = [];
  for (const point of points) {
    const last = out[out.length - 1];
    if (last && timeIndex(point.bucket) - timeIndex(last[last.length - 1].bucket) === 1) last.push(point);
    else out.push([point]);
  }
  return out;
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 64, right: 16, top: 28, bottom: 40 };

/** A <figure> with the chart, or null when there are fewer than two points. */
export function priceChart(points, caption = "기간별 중위 거래가격") {
  if (points.length < 2) return null;
  const values = points.map((p) => p.median_manwon);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low -= 1000;
    high += 1000;
  }
  const margin = (high - low) * 0.1;
  low = Math.max(0, low - margin);
  high += margin;
  const first = timeIndex(points[0].bucket);
  const lastTime = timeIndex(points[points.length - 1].bucket);
  const spanTime = Math.max(1, lastTime - first);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (point) => PAD.left + (plotW * (timeIndex(point.bucket) - first)) / spanTime;
  const y = (v) => PAD.top + plotH - (plotH * (v - low)) / (high - low);

  const start = points[0];
  const end = points[points.length - 1];
  const from = `${start.bucket} ${won(start.median_manwon)}`;
  const to = `${end.bucket} ${won(end.median_manwon)}`;
  const summary = `${caption}: ${from}에서 ${to}까지 ${points.length}개 구간`;
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart", role: "img", "aria-label": summary },
    svg("title", { text: summary }),
  );

  const axis = axisUnit(low, high);
  chart.append(svg("text", { class: "axis unit", x: PAD.left - 8, y: PAD.top - 12, "text-anchor": "end", text: `(${axis.unit})` }));
  for (const fraction of [0, 0.5, 1]) {
    const value = low + (high - low) * fraction;
    chart.append(
      svg("line", { class: "grid", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }),
      svg("text", { class: "axis", x: PAD.left - 8, y: y(value) + 4, "text-anchor": "end", text: axis.label(value) }),
    );
  }
  // Time labels every `step` periods, counted back from the newest so the latest period is named.
  const step = Math.max(1, Math.ceil((spanTime + 1) / 7));
  for (const point of points) {
    if ((lastTime - timeIndex(point.bucket)) % step !== 0) continue;
    const anchor = point === end ? "end" : point === start ? "start" : "middle";
    chart.append(
      svg("text", { class: "axis", x: x(point), y: HEIGHT - PAD.bottom + 18, "text-anchor": anchor, text: point.bucket }),
    );
  }
  for (const run of runs(points)) {
    if (run.length < 2) continue;
    chart.append(svg("polyline", { class: "line", points: run.map((p) => `${x(p)},${y(p.median_manwon)}`).join(" ") }));
  }
  for (const point of points) {
    const count = point.count ? `, ${point.count}건` : "";
    chart.append(
      svg(
        "circle",
        { class: "dot", cx: x(point), cy: y(point.median_manwon), r: 3.5 },
        svg("title", { text: `${point.bucket}: ${won(point.median_manwon)}${count}` }),
      ),
    );
  }
  return el("figure", { class: "chart-figure" }, chart, el("figcaption", { text: caption }));
}
