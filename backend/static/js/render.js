// Messages → DOM. User text is inserted as text (see dom.js); answer text goes through the
// vendored markdown renderer and sanitizer (markdown.js), never as raw HTML.

import { priceChart, seriesFrom } from "./chart.js";
import { append, el } from "./dom.js";
import { clockTime } from "./format.js";
import { renderMarkdown } from "./markdown.js";

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

// A question asked again from the same point (a fork: regenerate / edit) shows "‹ 2/3 ›"; the arrows show
// the neighbouring alternative's branch (options.switchBranch(message id)).
function branchNav(branch, switchBranch) {
  const { index, count, siblings } = branch;
  const go = (to) => () => switchBranch(siblings[to - 1]);
  return el(
    "div",
    { class: "branch-nav", role: "group", "aria-label": `다른 질문 ${count}개 중 ${index}번째` },
    el("button", {
      type: "button",
      class: "icon-button branch-prev",
      "aria-label": "이전 질문 보기",
      text: "‹",
      disabled: index <= 1,
      onclick: go(index - 1),
    }),
    el("span", { class: "time branch-count", text: `${index}/${count}` }),
    el("button", {
      type: "button",
      class: "icon-button branch-next",
      "aria-label": "다음 질문 보기",
      text: "›",
      disabled: index >= count,
      onclick: go(index + 1),
    }),
  );
}

export function renderUser(message, options = {}) {
  return el(
    "li",
    { class: "message user", dataset: { messageId: message.id ?? "", turnId: message.turn_id ?? "" } },
    el("div", { class: "bubble" }, textBlock(message.content)),
    message.branch && options.switchBranch ? branchNav(message.branch, options.switchBranch) : null,
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

const STATS_TITLES = new Set(["시세 통계", "Market statistics"]);
const LISTING_TITLES = new Set(["실거래 사례", "전월세 계약 사례", "Recent sales", "Lease contracts"]);
const TREND_HEADINGS = /^(월별 추이|연도별 추이|Monthly trend|Yearly trend)$/;
const MEMORY_NOTICES = ["기억하고 있는 선호를 반영했어요", "Used what you told me before"];

/** Rendered answer text, each `## title` and what follows it grouped into a <section>. */
function markdownBlock(text, className = "text markdown") {
  const block = el("div", { class: className });
  let section = null;
  for (const node of [...renderMarkdown(text).childNodes]) {
    if (node.nodeName === "H2") {
      section = el("section", { class: "answer-section", dataset: { title: node.textContent.trim() } });
      block.append(section);
    }
    (section || block).append(node);
  }
  for (const table of [...block.querySelectorAll("table")]) {
    table.classList.add("rows");
    const wrap = el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "표" });
    table.replaceWith(wrap);
    wrap.append(table);
  }
  return block;
}

/**
 * Dress the sections the page knows: the chart goes into the statistics section, where the period
 * table is folded under it; listing tables get their price column marked. Returns the chart when it
 * found no place for it.
 */
function placeExtras(block, chart) {
  let left = chart;
  for (const section of block.querySelectorAll("section.answer-section")) {
    const title = section.dataset.title || "";
    if (LISTING_TITLES.has(title)) {
      for (const table of section.querySelectorAll("table")) {
        table.classList.add("deals");
        table.closest(".table-wrap")?.setAttribute("aria-label", "거래 사례 표");
        for (const row of table.querySelectorAll("tbody tr")) row.lastElementChild?.classList.add("num");
      }
    }
    if (!STATS_TITLES.has(title)) continue;
    const heading = [...section.querySelectorAll("h3")].find((h) => TREND_HEADINGS.test(h.textContent.trim()));
    const next = heading?.nextElementSibling;
    const wrap = next && next.classList.contains("table-wrap") ? next : null;
    if (heading && wrap) {
      const count = wrap.querySelectorAll("tbody tr").length;
      wrap.querySelector("table")?.classList.add("periods");
      const summary = el("summary", { text: `${heading.textContent.trim()} 표 (${count}개 구간)` });
      const details = el("details", { class: "bucket-details" }, summary);
      heading.replaceWith(details);
      details.append(wrap);
      if (left) details.before(left);
    } else if (left) section.append(left);
    left = null;
  }
  return left;
}

/** The memory notice paragraph (said once, in the text) gets the "ask again without memory" button. */
function markMemoryNotice(block, askWithoutMemory) {
  const notice = [...block.querySelectorAll("p")].find((p) =>
    MEMORY_NOTICES.some((prefix) => p.textContent.startsWith(prefix)),
  );
  if (!notice) return;
  notice.classList.add("memory-note");
  if (!askWithoutMemory) return;
  notice.after(
    el("button", { type: "button", class: "without-memory", text: "기억 없이 다시 답하기", onclick: askWithoutMemory }),
  );
}

/**
 * The answer text and its sections. A templated answer carries its sections as `## title` blocks and is
 * rendered as it is; a free-form (LLM) answer is rendered with the sections folded under "근거 자료".
 */
function answerBody(content, sections, chart) {
  const block = markdownBlock(content);
  const templated = !sections.length || sections.some((s) => content.includes(`## ${s.title}`));
  if (templated) return { nodes: [block], chart: placeExtras(block, chart) };
  const evidenceText = sections
    .map((s) => [`## ${s.title}`, s.lead, s.content].filter(Boolean).join("\n\n"))
    .join("\n\n");
  const evidence = markdownBlock(evidenceText);
  const left = placeExtras(evidence, chart);
  const folded = el("details", { class: "evidence" }, el("summary", { text: `근거 자료 (${sections.length})` }), evidence);
  return { nodes: [block, folded], chart: left };
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
    const input = el("textarea", { id: `feedback-${interrupt.id}`, rows: 2 });
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
    append(bubble, markdownBlock(message.content || ""), interruptCard(data.interrupt, actions));
  } else {
    const sections = Array.isArray(data.sections) ? data.sections : [];
    const body = answerBody(message.content || "", sections, priceChart(seriesFrom(data)));
    const retry =
      options.askWithoutMemory && message.turn_id && data.used_memory?.length
        ? () => options.askWithoutMemory(message.turn_id)
        : null;
    body.nodes.forEach((node) => markMemoryNotice(node, retry));
    append(
      bubble,
      body.nodes,
      body.chart,
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
  return message.role === "user" ? renderUser(message, options) : renderAssistant(message, actions, options);
}
