// The open chat: its transcript, the composer, and turns streaming in (plan → steps → tokens → final).
//
// A running turn is a LiveTurn: its two list items (question, answer-in-progress) keep updating even
// while another chat is shown, and are put back when the user returns. When the connection drops the
// server still finishes the turn, so we poll the transcript for it instead of sending it again.
// When another tab holds the chat (409 turn_in_progress) we poll the transcript the same way, every
// Retry-After seconds, and show that turn's question and answer here once it ends.

import { ApiError, api, describeError, networkError, newTurnId } from "./api.js";
import { $, announce, clear, el } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import { planList, renderMessage, renderUser, stepItem } from "./render.js";

const RESUME_LABELS = { approve: "승인", modify: "수정 요청", reject: "거절" };
const RECOVERY_LIMIT_MS = 150_000; // the server's turn timeout (120 s) plus slack
const SUGGESTIONS = [
  "송파구 아파트 2024년 평균 매매가 추이",
  "대치동 은마 84㎡ 최근 실거래가",
  "갱신요구권 몇 번 쓸 수 있어?",
  "연봉 8천에 6억 아파트 대출 얼마나 나와?",
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class LiveTurn {
  constructor(sessionId, request) {
    this.sessionId = sessionId;
    this.request = request;
    this.turnId = request.turnId;
    this.stored = false;
    this.status = el("p", { class: "turn-status muted", text: "질문을 보내는 중…" });
    this.plan = el("div", { class: "plan-holder" });
    this.text = el("div", { class: "text markdown streaming" });
    this.streamed = "";
    this.userEl = renderUser({ content: request.display, turn_id: this.turnId });
    this.userEl.classList.add("pending");
    this.onStored = () => {};
    this.answerEl = el(
      "li",
      { class: "message assistant live", "aria-busy": "true", dataset: { turnId: this.turnId } },
      el("div", { class: "bubble" }, this.status, this.plan, this.text),
    );
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  onEvent(event, data) {
    switch (event) {
      case "metadata":
        this.stored = true;
        this.onStored();
        this.userEl.classList.remove("pending");
        this.setStatus("질문을 분석하는 중…");
        break;
      case "plan":
        this.plan.replaceChildren(planList(data.steps));
        this.setStatus("자료를 찾는 중…");
        break;
      case "step": {
        const step = data.step || {};
        const item = stepItem(step);
        const existing = [...this.plan.querySelectorAll("li.step")].find((li) => li.dataset.stepId === step.id);
        if (existing) existing.replaceWith(item);
        else (this.plan.querySelector("ol") || this.plan.appendChild(planList([]))).append(item);
        break;
      }
      case "token":
        this.setStatus("답변을 작성하는 중…");
        // The text so far, rendered like the final answer (no literal "##" or "**" while it streams).
        this.streamed += data.text || "";
        this.text.replaceChildren(renderMarkdown(this.streamed));
        break;
      default:
        break;
    }
  }
}

export class Chat {
  constructor({ onActivity }) {
    this.list = $("#messages");
    this.input = $("#message-input");
    this.sendButton = $("#send-button");
    this.statusLine = $("#composer-status");
    this.onActivity = onActivity; // a turn was stored or ended: the sidebar refreshes titles and previews
    this.sessionId = null;
    this.nextBefore = null;
    this.ticket = 0;
    this.live = new Map(); // session id → LiveTurn
    this.lastShownId = null; // id of the newest stored message on screen (to notice another tab's turn)
    this.watchTicket = 0; // bumped to stop watching another tab's turn
    this.ensureSession = null; // set by the app: creates a chat when none is open
    this.questions = new Map(); // turn id → the user's question, for "기억 없이 다시 답하기"
    this.renderOptions = {
      askWithoutMemory: (turnId) => this.askWithoutMemory(turnId),
      switchBranch: (messageId) => this.switchBranch(messageId),
    };

    $("#composer").addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      this.submit();
    });
  }

  // --- showing a chat -------------------------------------------------------------------------

  async open(sessionId) {
    const ticket = ++this.ticket;
    this.watchTicket++;
    this.sessionId = sessionId;
    this.nextBefore = null;
    this.setStatus("");
    this.updateComposer();
    clear(this.list).append(el("li", { class: "muted loading", text: "대화를 불러오는 중…" }));
    if (!sessionId) {
      this.showWelcome();
      return true;
    }
    try {
      const page = await api.messages(sessionId);
      if (ticket !== this.ticket) return true;
      this.renderTranscript(page.items || [], page.next_before);
      return true;
    } catch (error) {
      if (ticket !== this.ticket) return true;
      if (error.status === 404) return false;
      clear(this.list).append(
        el(
          "li",
          { class: "error-box", role: "alert" },
          el("p", { text: describeError(error) }),
          el("button", { type: "button", text: "다시 불러오기", onclick: () => this.open(sessionId) }),
        ),
      );
      return true;
    }
  }

  showWelcome() {
    const buttons = SUGGESTIONS.map((text) =>
      el("button", { type: "button", class: "suggestion", text, onclick: () => this.submit(text) }),
    );
    clear(this.list).append(
      el(
        "li",
        { class: "welcome" },
        el("h2", { text: "무엇이 궁금하세요?" }),
        el("p", { class: "muted", text: "실거래가, 지역 시세 추이, 전·월세 조건 검색, 대출 한도, 임대차 법률을 물어볼 수 있어요." }),
        el("div", { class: "suggestions" }, buttons),
      ),
    );
  }

  renderTranscript(items, nextBefore) {
    const live = this.live.get(this.sessionId);
    const shown = live ? items.filter((m) => m.turn_id !== live.turnId) : items;
    this.nextBefore = nextBefore || null;
    this.lastShownId = items.length ? items[items.length - 1].id : null;
    clear(this.list);
    if (this.nextBefore) this.list.append(this.olderButton());
    if (!shown.length && !live) {
      this.showWelcome();
      return;
    }
    const last = shown[shown.length - 1];
    this.rememberQuestions(items);
    shown.forEach((message) => {
      const waiting = !live && message === last && message.role === "assistant" && message.structured_data?.interrupt;
      this.list.append(renderMessage(message, waiting ? this.interruptActions() : null, this.renderOptions));
    });
    if (live) this.list.append(live.userEl, live.answerEl);
    this.scrollToEnd(true);
  }

  olderButton() {
    return el(
      "li",
      { class: "older" },
      el("button", { type: "button", text: "이전 메시지 더 보기", onclick: () => this.loadOlder() }),
    );
  }

  async loadOlder() {
    const sessionId = this.sessionId;
    try {
      const page = await api.messages(sessionId, this.nextBefore);
      if (sessionId !== this.sessionId) return;
      const anchor = this.list.querySelector(".older");
      const before = this.list.scrollHeight;
      this.nextBefore = page.next_before || null;
      this.rememberQuestions(page.items || []);
      const nodes = (page.items || []).map((m) => renderMessage(m, null, this.renderOptions));
      anchor.replaceWith(...(this.nextBefore ? [this.olderButton()] : []), ...nodes);
      this.list.scrollTop += this.list.scrollHeight - before;
    } catch (error) {
      this.setStatus(describeError(error), true);
    }
  }

  /** Shows the branch through `messageId` (another alternative of a question); the server remembers it,
   * so the next question follows it and a reload shows it. */
  async switchBranch(messageId) {
    const sessionId = this.sessionId;
    if (!sessionId || this.live.has(sessionId)) {
      this.setStatus("답변이 끝난 뒤에 다른 질문으로 바꿀 수 있습니다.", true);
      return;
    }
    try {
      const page = await api.activateBranch(sessionId, messageId);
      if (sessionId !== this.sessionId) return;
      this.renderTranscript(page.items || [], page.next_before);
      this.setStatus("");
      announce("다른 질문의 대화를 표시합니다.");
      this.onActivity(sessionId);
    } catch (error) {
      this.setStatus(describeError(error), true);
    }
  }

  rememberQuestions(items) {
    items.filter((m) => m.role === "user" && m.turn_id).forEach((m) => this.questions.set(m.turn_id, m.content));
  }

  interruptActions() {
    return {
      resume: (action, feedback) => this.resume(action, feedback),
      focusComposer: () => {
        this.input.placeholder = "답변을 입력하세요";
        this.input.focus();
      },
    };
  }

  scrollToEnd(force = false) {
    const nearEnd = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 120;
    if (force || nearEnd) this.list.scrollTop = this.list.scrollHeight;
  }

  setStatus(text, alert = false) {
    this.statusLine.textContent = text;
    this.statusLine.classList.toggle("error", alert);
    this.statusLine.setAttribute("role", alert ? "alert" : "status");
  }

  updateComposer() {
    const busy = this.live.has(this.sessionId);
    this.sendButton.disabled = busy;
    this.sendButton.textContent = busy ? "답변 중…" : "보내기";
    if (!busy) this.input.placeholder = "질문을 입력하세요 (Enter 보내기, Shift+Enter 줄바꿈)";
  }

  // --- sending ------------------------------------------------------------------------------------

  async submit(preset) {
    const content = (preset ?? this.input.value).trim();
    if (!content) return;
    if (this.live.has(this.sessionId)) {
      this.setStatus("이전 질문의 답변이 끝난 뒤에 보내 주세요.", true);
      return;
    }
    if (!this.sessionId) {
      try {
        await this.ensureSession();
      } catch (error) {
        this.setStatus(describeError(error), true);
        return;
      }
    }
    if (preset === undefined) this.input.value = "";
    this.run({ kind: "message", content, display: content, turnId: newTurnId() });
  }

  /** The same question as `turnId`'s, sent again as a new turn that must not use long-term memory. */
  askWithoutMemory(turnId) {
    const content = this.questions.get(turnId);
    if (!content || !this.sessionId) return;
    if (this.live.has(this.sessionId)) {
      this.setStatus("이전 질문의 답변이 끝난 뒤에 보내 주세요.", true);
      return;
    }
    this.run({ kind: "message", content, display: content, turnId: newTurnId(), useMemory: false });
  }

  resume(action, feedback) {
    if (this.live.has(this.sessionId)) return;
    const display = feedback || RESUME_LABELS[action] || action;
    this.run({ kind: "resume", action, feedback, display, turnId: newTurnId() });
  }

  async run(request) {
    const sessionId = this.sessionId;
    this.watchTicket++;
    const turn = new LiveTurn(sessionId, request);
    if (request.kind === "message") this.questions.set(turn.turnId, request.content);
    turn.onStored = () => {
      if (this.sessionId === sessionId) this.retireInterrupts();
      this.onActivity(sessionId);
    };
    this.live.set(sessionId, turn);
    this.list.querySelectorAll(".welcome").forEach((node) => node.remove());
    // A waiting question's buttons pause until the server has the new turn (then they go away).
    this.list.querySelectorAll(".interrupt").forEach((card) => card.classList.add("suspended"));
    this.list.append(turn.userEl, turn.answerEl);
    this.scrollToEnd(true);
    this.updateComposer();
    this.setStatus("");
    try {
      const stream =
        request.kind === "message"
          ? api.sendMessage(sessionId, request.content, turn.turnId, { useMemory: request.useMemory !== false })
          : api.resume(sessionId, request.action, request.feedback, turn.turnId);
      for await (const { event, data } of stream) {
        if (event === "final") return this.settle(turn, data);
        if (event === "interrupt") return this.settle(turn, interruptMessage(data));
        if (event === "error") return this.fail(turn, new ApiError(500, data.code, data.message, data.details));
        turn.onEvent(event, data);
        if (this.sessionId === sessionId) this.scrollToEnd();
      }
    } catch (error) {
      if (error instanceof ApiError && error.isNetwork) return this.recover(turn);
      return this.fail(turn, error);
    }
  }

  settle(turn, message) {
    this.live.delete(turn.sessionId);
    const waiting = Boolean(message.structured_data?.interrupt);
    const shownHere = this.sessionId === turn.sessionId && turn.answerEl.isConnected;
    const rendered = renderMessage(message, waiting && shownHere ? this.interruptActions() : null, this.renderOptions);
    turn.userEl.classList.remove("pending");
    turn.answerEl.replaceWith(rendered);
    if (shownHere) {
      if (message.id) this.lastShownId = message.id;
      this.updateComposer();
      this.setStatus("");
      this.scrollToEnd();
      announce(waiting ? "답변을 기다리는 질문이 있습니다." : "답변이 도착했습니다.");
      if (waiting && message.structured_data.interrupt.type !== "contract_approval") this.input.focus();
    }
    this.onActivity(turn.sessionId);
  }

  /** The turn was refused or failed; the question is given back (or a retry offered when stored). */
  fail(turn, error) {
    this.live.delete(turn.sessionId);
    const here = this.sessionId === turn.sessionId;
    if (!turn.stored && error.status && error.status !== 500 && error.status !== 504) {
      turn.userEl.remove();
      turn.answerEl.remove();
      if (here) {
        this.list.querySelectorAll(".interrupt.suspended").forEach((card) => card.classList.remove("suspended"));
        if (turn.request.kind === "message" && !this.input.value) this.input.value = turn.request.content;
        this.setStatus(describeError(error), true);
        if (this.list.children.length === 0) this.showWelcome();
        if (error.code === "turn_in_progress") this.watchOtherTurn(turn.sessionId, error.retryAfter);
      }
    } else {
      turn.userEl.classList.remove("pending");
      turn.answerEl.removeAttribute("aria-busy");
      turn.answerEl.classList.replace("live", "failed");
      turn.answerEl.querySelector(".bubble").replaceChildren(
        el("p", { class: "error", role: "alert", text: describeError(error) }),
        el("button", { type: "button", text: "다시 시도", onclick: () => this.retry(turn) }),
      );
    }
    if (here) this.updateComposer();
    this.onActivity(turn.sessionId);
  }

  /**
   * Another tab or client holds this chat (409 turn_in_progress). Our text stays in the composer; we poll
   * the transcript every Retry-After seconds (growing) and show the other turn's question as soon as it
   * is stored and its answer when the turn ends. Sending again or opening another chat stops the watch.
   */
  async watchOtherTurn(sessionId, retryAfter) {
    const watch = ++this.watchTicket;
    const watching = () => watch === this.watchTicket && this.sessionId === sessionId && !this.live.has(sessionId);
    let shownId = this.lastShownId;
    let pause = Math.max(1, retryAfter || 2) * 1000;
    const started = Date.now();
    while (Date.now() - started < RECOVERY_LIMIT_MS) {
      await sleep(pause);
      pause = Math.min(pause * 1.5, 8000);
      if (!watching()) return;
      let page;
      try {
        page = await api.messages(sessionId);
      } catch (error) {
        if (error.status === 401 || error.status === 404) return;
        continue;
      }
      if (!watching()) return;
      const items = page.items || [];
      const last = items[items.length - 1];
      if (!last || last.id === shownId) continue; // nothing new stored yet
      shownId = last.id;
      this.renderTranscript(items, page.next_before);
      if (last.role === "user") {
        const status = el("p", { class: "turn-status muted", text: "다른 창에서 보낸 질문에 답하는 중…" });
        const bubble = el("div", { class: "bubble" }, status);
        this.list.append(el("li", { class: "message assistant live elsewhere", "aria-busy": "true" }, bubble));
        this.scrollToEnd(true);
        continue;
      }
      this.setStatus("다른 창에서 보낸 질문의 답변이 끝났습니다. 이제 보낼 수 있습니다.");
      announce("다른 창에서 보낸 질문의 답변이 도착했습니다.");
      this.onActivity(sessionId);
      return;
    }
  }

  /** The paused question was answered: its buttons are history now. */
  retireInterrupts() {
    this.list
      .querySelectorAll(".interrupt.suspended button, .interrupt.suspended form, .interrupt.suspended > p")
      .forEach((node) => node.remove());
  }

  retry(turn) {
    if (this.live.has(turn.sessionId)) return;
    turn.userEl.remove();
    turn.answerEl.remove();
    if (this.sessionId === turn.sessionId) this.run(turn.request); // same turn_id: never stored twice
  }

  /**
   * The stream broke. The server keeps running the turn, so look for its answer in the transcript
   * (by turn_id) with a growing pause; give up after RECOVERY_LIMIT_MS and offer a retry.
   */
  async recover(turn) {
    turn.setStatus("연결이 끊겼습니다. 답변을 다시 불러오는 중…");
    const wake = { resolve: null };
    const onOnline = () => wake.resolve?.();
    window.addEventListener("online", onOnline);
    const started = Date.now();
    let pause = 1000;
    try {
      while (Date.now() - started < RECOVERY_LIMIT_MS) {
        await Promise.race([sleep(pause), new Promise((resolve) => (wake.resolve = resolve))]);
        pause = Math.min(pause * 2, 8000);
        let page;
        try {
          page = await api.messages(turn.sessionId);
        } catch (error) {
          if (error.status === 404 || error.status === 401) return this.fail(turn, error);
          turn.setStatus("서버에 다시 연결하는 중…");
          continue;
        }
        const mine = (page.items || []).filter((m) => m.turn_id === turn.turnId);
        const answer = mine.find((m) => m.role === "assistant");
        if (answer) return this.settle(turn, answer);
        if (!mine.length) {
          // The question never reached the server: sending it again is safe.
          return this.fail(turn, networkError("질문을 보내지 못했습니다. 연결을 확인한 뒤 다시 시도해 주세요."));
        }
        turn.stored = true;
        turn.userEl.classList.remove("pending");
        turn.setStatus("서버가 답변을 마무리하는 중입니다…");
      }
      this.fail(turn, networkError("답변을 불러오지 못했습니다. 잠시 후 다시 시도해 주세요."));
    } finally {
      window.removeEventListener("online", onOnline);
    }
  }
}

/** The interrupt event as a message (its assistant_message plus the interrupt, when not inside). */
function interruptMessage(data) {
  const message = data.assistant_message || { role: "assistant", content: data.question || "" };
  const structured = message.structured_data || {};
  if (structured.interrupt) return message;
  const { id, type, question, payload } = data;
  return { ...message, structured_data: { ...structured, interrupt: { id, type, question, payload } } };
}
