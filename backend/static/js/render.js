// Messages → DOM. Every string from the server or the user is inserted as text (see dom.js).

import { bucketTable, priceChart, seriesFrom, splitBucketLines } from "./chart.js";
import { append, el } from "./dom.js";
import { area, clockTime, floor, rowPrice } from "./format.js";

const STEP_ICONS = { pending: "○", in_progress: "◔", completed: "●", failed: "✕", skipped: "–" };
const STEP_WORDS = { pending: "대기", in_progress: "진행 중", completed: "완료", failed: "실패", skipped: "건너뜀" };

function textBlock(text, className = "text") {
  return el("div", { class: className, text });
}

function timeOf(message) {
  return message.created_at
    ? el("time", { class: "time", datetime: message.created_at, text: clockTime(message.created_at) })
    : null;
}

export function renderUser(message) {
  return el(
    "li",
    { class: "message user", dataset: { messageId: message.id ?? "", turnId: message.turn_id ?? "" } },
    el("div", { class: "bubble" }, textBlock(message.content)),
    timeOf(message),
  );
}

// --- plan ---------------------------------------------------------------------------------------

export function stepItem(step) {
  const status = step.status || "pending";
  return el(
    "li",
    { class: `step ${status}`, dataset: { stepId: step.id, status } },
    el("span", { class: "step-icon", "aria-hidden": "true", text: STEP_ICONS[status] || "○" }),
    el("span", { class: "step-text", text: step.description || step.task || step.id }),
    el("span", { class: "sr-only", text: ` (${STEP_WORDS[status] || status})` }),
  );
}

export function planList(steps) {
  return el("ol", { class: "plan", "aria-label": "진행 단계" }, (steps || []).map(stepItem));
}

// --- the parts of an answer ---------------------------------------------------------------------

const LISTING_TITLES = new Set(["실거래 사례", "전월세 계약 사례"]);

/**
 * One section. The chart goes under the market-statistics section; in a listing section the
 * table replaces the "- 2024-12-31 …" lines it would repeat.
 */
function sectionCard(section, extras) {
  let content = section.content || "";
  let table = null;
  if (extras.table && LISTING_TITLES.has(section.title)) {
    content = content
      .split("\n")
      .filter((line) => !line.startsWith("- "))
      .join("\n");
    table = extras.table;
    extras.table = null;
  }
  let chart = null;
  let periods = null;
  if (extras.chart && (section.title || "").includes("시세")) {
    // The chart shows the period lines; they move into a folded table under it.
    const split = splitBucketLines(content);
    content = split.text;
    periods = bucketTable(split.buckets);
    chart = extras.chart;
    extras.chart = null;
  }
  return el(
    "section",
    { class: "answer-section" },
    el("h3", { text: section.title || "" }),
    textBlock(content),
    chart,
    periods,
    table,
  );
}

/**
 * The answer text and its sections. The offline answer is the sections joined ("■ title\ncontent"),
 * so it is rebuilt from structured_data around them; a free-form (LLM) answer is shown as it is,
 * with the sections folded under "근거 자료". `extras` holds the chart and table still to place.
 */
function answerBody(content, sections, extras) {
  if (!sections.length) return [textBlock(content)];
  const start = content.indexOf(`■ ${sections[0].title}`);
  const templated = start >= 0 && sections.every((s) => content.includes(s.content || ""));
  if (!templated) {
    return [
      textBlock(content),
      el(
        "details",
        { class: "evidence" },
        el("summary", { text: `근거 자료 (${sections.length})` }),
        sections.map((s) => sectionCard(s, {})),
      ),
    ];
  }
  const lead = content.slice(0, start).trim();
  const last = sections[sections.length - 1].content || "";
  const tail = content.slice(content.lastIndexOf(last) + last.length).trim();
  return [
    lead ? textBlock(lead, "text lead") : null,
    sections.map((s) => sectionCard(s, extras)),
    tail ? textBlock(tail, "text note") : null,
  ];
}

function rowsTable(rows) {
  if (!rows.length) return null;
  const head = ["계약일", "단지", "면적", "층", "가격"].map((label) => el("th", { scope: "col", text: label }));
  const body = rows.map((row) =>
    el(
      "tr",
      {},
      el("td", { text: row.contract_date || "-" }),
      el("td", { text: [row.dong, row.complex].filter(Boolean).join(" ") || "-" }),
      el("td", { text: area(row.area_m2) }),
      el("td", { text: floor(row.floor) }),
      el("td", { class: "num", text: rowPrice(row) }),
    ),
  );
  return el(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "거래 사례 표" },
    el(
      "table",
      { class: "rows deals" },
      el("caption", { text: `거래 사례 ${rows.length}건` }),
      el("thead", {}, el("tr", {}, head)),
      el("tbody", {}, body),
    ),
  );
}

function safeUrl(value) {
  try {
    const url = new URL(String(value));
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

export function lawLabel(source) {
  const name = source.law_name ? `「${source.law_name}」` : "";
  const title = source.title ? ` (${source.title})` : "";
  return `${name} ${source.article || ""}${title}`.trim();
}

function lawCitations(sources) {
  const laws = sources.filter((s) => s && s.type === "law");
  if (!laws.length) return null;
  const items = laws.map((source) => {
    const href = source.source_url && safeUrl(source.source_url);
    const label = lawLabel(source);
    return el("li", {}, href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: label }) : label);
  });
  return el("div", { class: "citations" }, el("h3", { text: "법령 인용" }), el("ul", {}, items));
}

/** What happened to the question the assistant was waiting on when this message came in. */
const PENDING_NOTES = {
  kept: "새 질문에 먼저 답했어요. 계약서 초안은 그대로 승인을 기다리고 있어요.",
  dropped: "앞의 확인 질문은 건너뛰고 새 질문에 답했어요.",
};

function pendingNote(pending) {
  const text = PENDING_NOTES[pending];
  return text ? el("p", { class: "muted pending-note", dataset: { pending }, text }) : null;
}

/** "기억 반영: …", and when `askWithoutMemory` is given a button that asks the same question again without memory. */
function usedMemoryNote(used, askWithoutMemory) {
  const labels = (used || []).map((m) => (typeof m === "string" ? m : m && (m.label || m.key))).filter(Boolean);
  if (!labels.length) return null;
  const note = el("p", { class: "memory-note", text: `기억 반영: ${labels.join(", ")}` });
  if (!askWithoutMemory) return note;
  return el(
    "div",
    { class: "memory-used" },
    note,
    el("button", { type: "button", class: "without-memory", text: "기억 없이 다시 답하기", onclick: askWithoutMemory }),
  );
}

function finalPlan(plan) {
  if (!Array.isArray(plan) || !plan.length) return null;
  return el("details", { class: "plan-details" }, el("summary", { text: `진행 단계 ${plan.length}개` }), planList(plan));
}

// --- interrupts ---------------------------------------------------------------------------------

function contractPreview(draft) {
  if (!draft || !Array.isArray(draft.items)) return null;
  return el(
    "div",
    { class: "draft" },
    el("h3", { text: draft.title || "계약서 초안" }),
    el("ul", {}, draft.items.map((item) => el("li", { text: `[${item.stage}] ${item.item}` }))),
    draft.special_terms?.length
      ? el("p", { class: "text", text: `특약: ${draft.special_terms.join(" / ")}` })
      : null,
  );
}

/**
 * The controls of a paused turn. `actions.resume(action, feedback)` continues it; for a clarifying
 * question the answer is typed into the normal message box (`actions.focusComposer`).
 */
function interruptCard(interrupt, actions) {
  const active = Boolean(actions);
  if (interrupt.type === "contract_approval") {
    const card = el("div", { class: "interrupt", dataset: { interrupt: "contract_approval" } });
    append(card, contractPreview(interrupt.payload));
    if (!active) return card;
    const feedbackForm = el("form", { class: "feedback", hidden: true });
    const label = el("label", { for: `feedback-${interrupt.id}`, text: "어떻게 수정할까요?" });
    const input = el("textarea", { id: `feedback-${interrupt.id}`, rows: 2, maxlength: 4000 });
    feedbackForm.append(
      label,
      input,
      el(
        "div",
        { class: "row" },
        el("button", { type: "submit", class: "primary", text: "수정 요청 보내기" }),
        el("button", { type: "button", text: "취소", onclick: () => (feedbackForm.hidden = true) }),
      ),
    );
    feedbackForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (input.value.trim()) actions.resume("modify", input.value.trim());
      else input.focus();
    });
    card.append(
      el(
        "div",
        { class: "row", role: "group", "aria-label": "계약서 초안 응답" },
        el("button", { type: "button", class: "primary", text: "승인", onclick: () => actions.resume("approve") }),
        el("button", {
          type: "button",
          text: "수정",
          onclick: () => {
            feedbackForm.hidden = false;
            input.focus();
          },
        }),
        el("button", { type: "button", class: "danger", text: "거절", onclick: () => actions.resume("reject") }),
      ),
      feedbackForm,
    );
    return card;
  }
  const card = el("div", { class: "interrupt", dataset: { interrupt: interrupt.type || "clarify" } });
  if (active) {
    card.append(
      el("p", { class: "muted", text: "아래 입력창에 답을 입력해 주세요." }),
      el("button", { type: "button", text: "답변 입력하기", onclick: () => actions.focusComposer() }),
    );
  }
  return card;
}

// --- a whole assistant message ------------------------------------------------------------------

/**
 * `actions` only for the newest message of a paused chat: its interrupt buttons are live.
 * `options.askWithoutMemory(turnId)` re-asks the turn's question without long-term memory.
 */
export function renderAssistant(message, actions = null, options = {}) {
  const data = message.structured_data || {};
  const bubble = el("div", { class: "bubble" });
  if (data.interrupt && !Array.isArray(data.sections)) {
    append(bubble, textBlock(message.content), interruptCard(data.interrupt, actions));
  } else {
    const sections = Array.isArray(data.sections) ? data.sections : [];
    const rows = Array.isArray(data.rows) ? data.rows : [];
    const extras = { chart: priceChart(seriesFrom(data)), table: rowsTable(rows) };
    const body = answerBody(message.content || "", sections, extras);
    append(
      bubble,
      usedMemoryNote(
        data.used_memory,
        options.askWithoutMemory && message.turn_id ? () => options.askWithoutMemory(message.turn_id) : null,
      ),
      body,
      extras.chart,
      extras.table,
      lawCitations(Array.isArray(data.sources) ? data.sources : []),
      finalPlan(data.plan),
      pendingNote(data.pending),
      data.interrupt ? interruptCard(data.interrupt, actions) : null,
    );
  }
  return el(
    "li",
    { class: "message assistant", dataset: { messageId: message.id ?? "", turnId: message.turn_id ?? "" } },
    bubble,
    timeOf(message),
  );
}

export function renderMessage(message, actions = null, options = {}) {
  return message.role === "user" ? renderUser(message) : renderAssistant(message, actions, options);
}
