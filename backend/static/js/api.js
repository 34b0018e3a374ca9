// The HTTP API client: bearer token, the common error shape, and SSE over fetch.
// EventSource cannot POST or send an Authorization header, so turns are read from a fetch body stream.

const TOKEN_KEY = "budongsan.token";
const API = "/api/v1";

export class ApiError extends Error {
  constructor(status, code, message, details = {}, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
    this.retryAfter = retryAfter;
  }

  get isNetwork() {
    return this.status === 0;
  }
}

export const auth = {
  get token() {
    return localStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
  },
  onUnauthorized: () => {},
};

export function networkError(message = "서버에 연결할 수 없습니다. 인터넷 연결을 확인해 주세요.") {
  return new ApiError(0, "network", message);
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's error page): fall back to the status text below
  }
  const error = body && body.error ? body.error : {};
  const retry = Number(response.headers.get("Retry-After"));
  return new ApiError(
    response.status,
    error.code || `http_${response.status}`,
    error.message || `요청을 처리하지 못했습니다 (HTTP ${response.status}).`,
    error.details,
    Number.isFinite(retry) && retry > 0 ? retry : null,
  );
}

async function send(path, { method = "GET", json, form, accept, signal } = {}) {
  const headers = { Accept: accept || "application/json" };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = new URLSearchParams(form);
  }
  let response;
  try {
    response = await fetch(API + path, { method, headers, body, signal, cache: "no-store" });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw networkError();
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.status === 401 && auth.token) auth.onUnauthorized(error);
    throw error;
  }
  return response;
}

/** A JSON request; resolves to the parsed body (null for 204). */
export async function request(path, options = {}) {
  const response = await send(path, options);
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch {
    throw networkError();
  }
}

/**
 * POST a turn and yield its server-sent events as {event, data}.
 * Throws ApiError(0, "network") when the connection drops before a final/interrupt/error event.
 */
export async function* streamTurn(path, json, { signal } = {}) {
  const response = await send(path, { method: "POST", json, accept: "text/event-stream", signal });
  const type = response.headers.get("Content-Type") || "";
  if (!type.includes("text/event-stream")) {
    // A server that answered with JSON anyway: present it as the same events.
    const result = await response.json();
    yield { event: "metadata", data: { user_message: result.user_message } };
    if (result.interrupt) {
      yield { event: "interrupt", data: { ...result.interrupt, assistant_message: result.assistant_message } };
    } else yield { event: "final", data: result.assistant_message };
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  let finished = false;
  try {
    while (!finished) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (error.name === "AbortError") throw error;
        throw networkError();
      }
      const events = chunk.done ? parser.end() : parser.push(chunk.value);
      for (const event of events) {
        yield event;
        if (["final", "interrupt", "error"].includes(event.event)) finished = true;
      }
      if (chunk.done) break;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (!finished) throw networkError();
}

/**
 * Incremental text/event-stream parsing: push() decoded text as it arrives, get whole events back.
 * Lines may end in \r\n, \n or \r (sse-starlette sends \r\n); a \r at the end of a chunk is held
 * back so that a \r\n split across two chunks is not read as an empty line (an event boundary).
 */
export class SseParser {
  constructor() {
    this.buffer = "";
    this.heldCR = false;
  }

  push(text) {
    let chunk = (this.heldCR ? "\r" : "") + text;
    this.heldCR = chunk.endsWith("\r");
    if (this.heldCR) chunk = chunk.slice(0, -1);
    this.buffer += chunk.replace(/\r\n?/g, "\n");
    const events = [];
    let end;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const event = parseEvent(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 2);
      if (event) events.push(event);
    }
    return events;
  }

  /** The stream ended. As the SSE spec says, an event cut off before its blank line is dropped. */
  end() {
    this.buffer = "";
    this.heldCR = false;
    return [];
  }
}

/** One SSE block → {event, data}; comments (": ping") and empty blocks → null. */
function parseEvent(block) {
  let event = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  if (!data.length) return null;
  try {
    return { event, data: JSON.parse(data.join("\n")) };
  } catch {
    return { event, data: { text: data.join("\n") } };
  }
}

/** A readable Korean sentence for any failure. */
export function describeError(error) {
  if (!(error instanceof ApiError)) return "알 수 없는 오류가 발생했습니다. 다시 시도해 주세요.";
  switch (error.status) {
    case 0:
      return error.message;
    case 401:
      return "로그인이 필요합니다. 다시 로그인해 주세요.";
    case 404:
      return "요청한 대화나 항목을 찾을 수 없습니다. 이미 삭제되었을 수 있습니다.";
    case 409:
      if (error.code === "turn_in_progress") {
        return "이 대화에서 이전 질문에 대한 답변이 아직 진행 중입니다. 답변이 끝난 뒤 다시 보내 주세요.";
      }
      return error.message;
    case 413: // the server's words (and limit), never a silent cut
      return `${error.message} 내용을 줄여서 다시 보내 주세요.`;
    case 429:
      return error.retryAfter
        ? `요청이 너무 많습니다. ${error.retryAfter}초 후에 다시 시도해 주세요.`
        : "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.";
    case 503:
      return "서버가 잠시 바쁩니다. 잠시 후 다시 시도해 주세요.";
    default:
      return error.message || "요청을 처리하지 못했습니다.";
  }
}

export const api = {
  register: (email, password) => request("/auth/register", { method: "POST", json: { email, password } }),
  login: (email, password) =>
    request("/auth/token", { method: "POST", form: { username: email, password } }),
  logout: () => request("/auth/logout", { method: "POST" }),
  me: () => request("/users/me"),

  listSessions: (cursor) =>
    request(`/chat/sessions?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
  createSession: () => request("/chat/sessions", { method: "POST", json: {} }),
  getSession: (id) => request(`/chat/sessions/${encodeURIComponent(id)}`),
  renameSession: (id, title) =>
    request(`/chat/sessions/${encodeURIComponent(id)}`, { method: "PATCH", json: { title } }),
  deleteSession: (id) => request(`/chat/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
  messages: (id, before) =>
    request(
      `/chat/sessions/${encodeURIComponent(id)}/messages?limit=50${before ? `&before=${before}` : ""}`,
    ),
  // The branch through a message becomes the one the chat shows; answers with its newest page.
  activateBranch: (id, messageId) =>
    request(
      `/chat/sessions/${encodeURIComponent(id)}/messages/${encodeURIComponent(messageId)}/activate?limit=50`,
      { method: "POST" },
    ),
  // useMemory: false answers without long-term memory (the "기억 없이 다시 답하기" button).
  sendMessage: (id, content, turnId, { useMemory = true, ...options } = {}) =>
    streamTurn(
      `/chat/sessions/${encodeURIComponent(id)}/messages`,
      useMemory ? { content, turn_id: turnId } : { content, turn_id: turnId, use_memory: false },
      options,
    ),
  resume: (id, action, feedback, turnId, options) =>
    streamTurn(
      `/chat/sessions/${encodeURIComponent(id)}/resume`,
      { action, feedback: feedback || null, turn_id: turnId },
      options,
    ),

  preferences: () => request("/memory/preferences"),
  updatePreference: (id, value) =>
    request(`/memory/preferences/${encodeURIComponent(id)}`, { method: "PUT", json: { value } }),
  deletePreference: (id) => request(`/memory/preferences/${encodeURIComponent(id)}`, { method: "DELETE" }),
  entities: () => request("/memory/entities"),
  conversations: (q) => request(`/memory/conversations${q ? `?q=${encodeURIComponent(q)}` : ""}`),
  deleteEntity: (id) => request(`/memory/entities/${encodeURIComponent(id)}`, { method: "DELETE" }),
  forgetEverything: () => request("/memory", { method: "DELETE" }),
};

/** A UUID for turn_id (crypto.randomUUID needs a secure context; plain http on a LAN is not one). */
export function newTurnId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
