// Entry point: sign in, the sidebar of chats, and wiring the chat and memory panels together.

import { api, auth, describeError } from "./api.js";
import { Chat } from "./chat.js";
import { $, announce, append, clear, el } from "./dom.js";
import { relativeTime } from "./format.js";
import { plainText } from "./markdown.js";
import { MemoryPanel } from "./memory.js";

const LAST_SESSION_KEY = "budongsan.lastSession";
const NARROW = window.matchMedia("(max-width: 760px)");

const state = { sessions: [], nextCursor: null };
let chat;
let memory;

// --- banner (connection problems) ---------------------------------------------------------------

function showBanner(text, action = null) {
  const banner = $("#banner");
  append(clear(banner), el("span", { text }), action ? el("button", { type: "button", ...action }) : null);
  banner.hidden = false;
}

function hideBanner() {
  $("#banner").hidden = true;
}

// --- signing in ---------------------------------------------------------------------------------

function showLogin(message = "") {
  $("#app-view").hidden = true;
  $("#login-view").hidden = false;
  $("#login-error").textContent = message;
  $("#login-email").focus();
}

async function submitLogin(event) {
  event.preventDefault();
  const mode = event.submitter?.dataset.mode || "login";
  const email = $("#login-email").value.trim();
  const password = $("#login-password").value;
  const errorLine = $("#login-error");
  errorLine.textContent = "";
  if (!email || password.length < 8) {
    errorLine.textContent = "이메일과 8자 이상의 비밀번호를 입력해 주세요.";
    return;
  }
  const buttons = [...document.querySelectorAll("#login-form button")];
  buttons.forEach((b) => (b.disabled = true));
  try {
    auth.token = null;
    if (mode === "signup") await api.register(email, password);
    const { access_token: token } = await api.login(email, password);
    auth.token = token;
    $("#login-password").value = "";
    await enterApp();
  } catch (error) {
    // A weak password or an address that cannot register: the server says why.
    if (error.code === "weak_password" || error.code === "invalid_email") errorLine.textContent = error.message;
    else if (error.status === 422) errorLine.textContent = error.details?.errors?.[0]?.msg || error.message;
    else if (error.status === 401) errorLine.textContent = "이메일 또는 비밀번호가 올바르지 않습니다.";
    else if (error.status === 409) errorLine.textContent = "이미 가입된 이메일입니다. 로그인해 주세요.";
    else errorLine.textContent = describeError(error);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

function logout() {
  // End the login session on the server (the token stops working at once); sign out here either way.
  if (auth.token) api.logout().catch(() => {});
  auth.token = null;
  localStorage.removeItem(LAST_SESSION_KEY);
  state.sessions = [];
  memory.dialog.open && memory.dialog.close();
  showLogin();
}

async function enterApp() {
  let user;
  try {
    user = await api.me();
  } catch (error) {
    if (error.status === 401) return; // auth.onUnauthorized has shown the login form
    showBanner(describeError(error), { text: "다시 연결", onclick: () => boot() });
    return;
  }
  hideBanner();
  $("#login-view").hidden = true;
  $("#app-view").hidden = false;
  $("#user-email").textContent = user.email;
  await loadSessions();
  const last = localStorage.getItem(LAST_SESSION_KEY);
  const first = state.sessions[0]?.session_id || null;
  await openSession(last || first, { fallback: first });
  $("#message-input").focus();
}

// --- the sidebar --------------------------------------------------------------------------------

async function loadSessions({ more = false } = {}) {
  const errorLine = $("#sessions-error");
  try {
    const page = await api.listSessions(more ? state.nextCursor : null);
    state.sessions = more ? [...state.sessions, ...page.items] : page.items;
    state.nextCursor = page.next_cursor || null;
    errorLine.replaceChildren();
    hideBanner();
  } catch (error) {
    if (error.status === 401) return;
    errorLine.replaceChildren(
      el("span", { text: describeError(error) }),
      el("button", { type: "button", text: "다시 시도", onclick: () => loadSessions() }),
    );
  }
  renderSessions();
}

/** Redraws the sidebar, keeping keyboard focus on the same chat's same button. */
function renderSessions() {
  const list = $("#session-list");
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  const focusedId = focused?.closest(".session")?.dataset.sessionId;
  const focusedClass = focused ? [...focused.classList].pop() : null;
  clear(list);
  if (!state.sessions.length) list.append(el("li", { class: "muted empty", text: "아직 채팅이 없습니다." }));
  for (const session of state.sessions) list.append(sessionItem(session));
  $("#more-sessions").hidden = !state.nextCursor;
  const current = state.sessions.find((s) => s.session_id === chat.sessionId);
  $("#chat-title").textContent = current ? current.title : "새 채팅";
  if (focusedId && focusedClass) focusSession(focusedId, `.${focusedClass}`);
}

/** A rename box or delete question is open in the sidebar: background refreshes must wait. */
function sidebarBusy() {
  return Boolean($("#session-list .rename-form, #session-list .confirm"));
}

/** The sidebar's one-line preview of the last message (without the answer's "■" section markers). */
function preview(text) {
  if (!text) return "아직 메시지가 없습니다";
  // The stored preview is the start of the answer text: its first paragraph (the lead sentence that
  // answers), without its marks.
  return plainText(text.replace(/■\s*/g, "").split(/\n\s*\n/)[0]);
}

function sessionItem(session) {
  const item = el("li", { class: "session", dataset: { sessionId: session.session_id } });
  const isCurrent = session.session_id === chat.sessionId;
  item.append(
    el(
      "button",
      {
        type: "button",
        class: "session-open",
        "aria-current": isCurrent ? "page" : null,
        onclick: () => openSession(session.session_id),
      },
      el("span", { class: "session-title", text: session.title }),
      el("span", { class: "session-preview", text: preview(session.last_message) }),
      el("span", { class: "session-time", text: relativeTime(session.updated_at) }),
    ),
    el(
      "span",
      { class: "session-actions" },
      el("button", {
        type: "button",
        class: "icon-button rename",
        title: "이름 변경",
        "aria-label": `${session.title} 이름 변경`,
        text: "✎",
        onclick: () => startRename(item, session),
      }),
      el("button", {
        type: "button",
        class: "icon-button delete",
        title: "삭제",
        "aria-label": `${session.title} 삭제`,
        text: "✕",
        onclick: () => confirmDelete(item, session),
      }),
    ),
  );
  return item;
}

function focusSession(sessionId, selector = ".session-open") {
  const item = [...document.querySelectorAll("#session-list .session")].find(
    (li) => li.dataset.sessionId === sessionId,
  );
  item?.querySelector(selector)?.focus();
}

function startRename(item, session) {
  const input = el("input", { type: "text", value: session.title, maxlength: 100, "aria-label": "새 채팅 이름" });
  const cancel = () => {
    renderSessions();
    focusSession(session.session_id, ".rename");
  };
  const form = el(
    "form",
    { class: "rename-form" },
    input,
    el("button", { type: "submit", class: "primary", text: "저장" }),
    el("button", { type: "button", text: "취소", onclick: cancel }),
  );
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") cancel();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const title = input.value.trim();
    if (!title) return input.focus();
    try {
      const updated = await api.renameSession(session.session_id, title);
      state.sessions = state.sessions.map((s) => (s.session_id === updated.session_id ? updated : s));
      renderSessions();
      focusSession(updated.session_id);
      announce("채팅 이름을 바꿨습니다.");
    } catch (error) {
      $("#sessions-error").textContent = describeError(error);
    }
  });
  item.replaceChildren(form);
  input.focus();
  input.select();
}

function confirmDelete(item, session) {
  const no = el("button", { type: "button", text: "취소", onclick: () => renderSessions() });
  const yes = el("button", {
    type: "button",
    class: "danger",
    text: "삭제",
    onclick: async () => {
      try {
        await api.deleteSession(session.session_id);
      } catch (error) {
        if (error.status !== 404) {
          $("#sessions-error").textContent = describeError(error);
          renderSessions();
          return;
        }
      }
      state.sessions = state.sessions.filter((s) => s.session_id !== session.session_id);
      announce("채팅을 삭제했습니다.");
      if (chat.sessionId === session.session_id) {
        localStorage.removeItem(LAST_SESSION_KEY);
        await openSession(state.sessions[0]?.session_id || null);
      } else renderSessions();
      $("#new-chat").focus();
    },
  });
  item.replaceChildren(
    el(
      "div",
      { class: "confirm", role: "group", "aria-label": "채팅 삭제 확인" },
      el("span", { text: `'${session.title}' 채팅을 삭제할까요?` }),
      el("span", { class: "row" }, yes, no),
    ),
  );
  no.focus();
}

async function openSession(sessionId, { fallback = null } = {}) {
  if (sessionId) localStorage.setItem(LAST_SESSION_KEY, sessionId);
  else localStorage.removeItem(LAST_SESSION_KEY);
  closeSidebar();
  const loading = chat.open(sessionId);
  renderSessions();
  const found = await loading;
  renderSessions();
  if (!found) {
    // Deleted elsewhere (or another account's id in localStorage): show the newest chat instead.
    state.sessions = state.sessions.filter((s) => s.session_id !== sessionId);
    await openSession(fallback && fallback !== sessionId ? fallback : null);
  }
}

async function newChat() {
  try {
    const session = await api.createSession();
    state.sessions = [session, ...state.sessions.filter((s) => s.session_id !== session.session_id)];
    await openSession(session.session_id);
    $("#message-input").focus();
  } catch (error) {
    $("#sessions-error").textContent = describeError(error);
  }
}

function toggleSidebar(open) {
  document.body.classList.toggle("sidebar-open", open);
  $("#sidebar-toggle").setAttribute("aria-expanded", String(open));
  if (open) $("#new-chat").focus();
}

function closeSidebar() {
  if (NARROW.matches) toggleSidebar(false);
}

// --- start --------------------------------------------------------------------------------------

function wire() {
  chat = new Chat({
    onActivity: () => {
      if (!sidebarBusy()) loadSessions();
    },
  });
  chat.ensureSession = async () => {
    const session = await api.createSession();
    state.sessions = [session, ...state.sessions];
    localStorage.setItem(LAST_SESSION_KEY, session.session_id);
    chat.sessionId = session.session_id;
    renderSessions();
  };
  memory = new MemoryPanel($("#memory-dialog"));
  auth.onUnauthorized = () => showLogin("로그인이 만료되었습니다. 다시 로그인해 주세요.");

  $("#login-form").addEventListener("submit", submitLogin);
  $("#logout-button").addEventListener("click", logout);
  $("#new-chat").addEventListener("click", newChat);
  $("#more-sessions").addEventListener("click", () => loadSessions({ more: true }));
  $("#memory-button").addEventListener("click", () => memory.open());
  $("#sidebar-toggle").addEventListener("click", () =>
    toggleSidebar(!document.body.classList.contains("sidebar-open")),
  );
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.body.classList.contains("sidebar-open")) toggleSidebar(false);
  });
  window.addEventListener("offline", () => showBanner("인터넷 연결이 끊겼습니다. 연결되면 자동으로 다시 불러옵니다."));
  window.addEventListener("online", () => {
    hideBanner();
    if (auth.token && !$("#app-view").hidden && !sidebarBusy()) loadSessions();
  });
}

function boot() {
  if (!auth.token) return showLogin();
  return enterApp();
}

wire();
boot();
