// A small inline SVG line chart of period medians (no library, no canvas).

import { el, svg } from "./dom.js";
import { parseWon, shortWon, won } from "./format.js";

const BUCKET_LINE = /^-\s*(\d{4}(?:-\d{2})?):\s*([\d,]+)건\s*·\s*([^·]+?)\s*·\s*(.+?)\s*$/;

/**
 * The series to chart: [{bucket: "2024-03", median_manwon, count}], oldest first, or [] when the
 * answer has no time dimension. Sources, in order: buckets in structured_data (stats.buckets or
 * buckets), the "기간별 추이" lines of the 시세 통계 section, and finally the rows grouped by month.
 */
export function seriesFrom(data) {
  if (!data) return [];
  const direct = (data.stats && data.stats.buckets) || data.buckets;
  if (Array.isArray(direct) && direct.length) {
    return direct
      .filter((b) => b && b.bucket && b.median_manwon !== null && b.median_manwon !== undefined)
      .map((b) => ({ bucket: String(b.bucket), median_manwon: Number(b.median_manwon), count: b.count }));
  }
  const fromSections = bucketsInSections(data.sections || []);
  if (fromSections.length) return fromSections;
  return monthlyMediansOfRows(data.rows || []);
}

/**
 * The "- 2024-03: 335건 · 15억 3,500만원 · 15억 8,991만원" lines of a statistics text, parsed, plus
 * the text without them (and without their "기간별 추이" heading line).
 */
export function splitBucketLines(text) {
  const buckets = [];
  const rest = [];
  for (const line of String(text).split("\n")) {
    const match = BUCKET_LINE.exec(line.trim());
    const median = match ? parseWon(match[3]) : null;
    if (match && median !== null) {
      const count = Number(match[2].replaceAll(",", ""));
      buckets.push({ bucket: match[1], count, median_manwon: median, median: match[3], mean: match[4] });
    } else rest.push(line);
  }
  const kept = buckets.length ? rest.filter((line) => !line.startsWith("기간별 추이")) : rest;
  return { buckets, text: kept.join("\n") };
}

function bucketsInSections(sections) {
  for (const section of sections) {
    if (!section || typeof section.content !== "string" || !section.title?.includes("시세")) continue;
    const { buckets } = splitBucketLines(section.content);
    if (buckets.length) return buckets;
  }
  return [];
}

/** The parsed period lines as a compact table, folded under the chart. */
export function bucketTable(buckets) {
  if (!buckets.length) return null;
  const head = ["기간", "건수", "중위", "평균"].map((label) => el("th", { scope: "col", text: label }));
  const rows = buckets.map((b) =>
    el(
      "tr",
      {},
      el("td", { text: b.bucket }),
      el("td", { class: "num", text: `${b.count.toLocaleString("ko-KR")}건` }),
      el("td", { class: "num", text: b.median }),
      el("td", { class: "num", text: b.mean }),
    ),
  );
  return el(
    "details",
    { class: "bucket-details" },
    el("summary", { text: `기간별 추이 표 (${buckets.length}개 구간)` }),
    el(
      "div",
      { class: "table-wrap" },
      el("table", { class: "rows periods" }, el("thead", {}, el("tr", {}, head)), el("tbody", {}, rows)),
    ),
  );
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

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 72, right: 16, top: 16, bottom: 40 };

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
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (plotW * i) / (points.length - 1);
  const y = (v) => PAD.top + plotH - (plotH * (v - low)) / (high - low);

  const first = points[0];
  const last = points[points.length - 1];
  const from = `${first.bucket} ${won(first.median_manwon)}`;
  const to = `${last.bucket} ${won(last.median_manwon)}`;
  const summary = `${caption}: ${from}에서 ${to}까지 ${points.length}개 구간`;
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart", role: "img", "aria-label": summary },
    svg("title", { text: summary }),
  );

  for (const fraction of [0, 0.5, 1]) {
    const value = low + (high - low) * fraction;
    chart.append(
      svg("line", { class: "grid", x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }),
      svg("text", { class: "axis", x: PAD.left - 8, y: y(value) + 4, "text-anchor": "end", text: shortWon(value) }),
    );
  }
  // Labels counted back from the newest bucket, so the latest period is always named.
  const labelEvery = Math.ceil(points.length / 7);
  const lastIndex = points.length - 1;
  points.forEach((point, i) => {
    if ((lastIndex - i) % labelEvery !== 0) return;
    const anchor = i === lastIndex ? "end" : i === 0 ? "start" : "middle";
    chart.append(
      svg("text", { class: "axis", x: x(i), y: HEIGHT - PAD.bottom + 18, "text-anchor": anchor, text: point.bucket }),
    );
  });
  chart.append(
    svg("polyline", { class: "line", points: points.map((p, i) => `${x(i)},${y(p.median_manwon)}`).join(" ") }),
  );
  points.forEach((point, i) => {
    const count = point.count ? `, ${point.count}건` : "";
    chart.append(
      svg(
        "circle",
        { class: "dot", cx: x(i), cy: y(point.median_manwon), r: 3.5 },
        svg("title", { text: `${point.bucket}: ${won(point.median_manwon)}${count}` }),
      ),
    );
  });
  return el("figure", { class: "chart-figure" }, chart, el("figcaption", { text: caption }));
}
