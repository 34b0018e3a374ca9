// One contract turn through the official JS client (`@langchain/langgraph-sdk`), the way agent-chat-ui drives
// it: a streamed run that stops at the contract-approval interrupt, a Command resume that approves it, then
// the calls the UI makes around a run (threads.search, getState, getHistory, runs.list).
//
// Shared by every pinned SDK folder (tests/js/sdk-*/run.mjs passes its own `Client`), so each version runs
// exactly the same checks. Prints one JSON summary on stdout; exits 1 when any check fails, 2 on a crash.
// Needs BUDONGSAN_URL and BUDONGSAN_API_KEY (a personal API key, sent as X-Api-Key like agent-chat-ui does).

import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";

const QUESTION = "임대차 계약서 체크리스트 작성해줘. 전세 보증금 3억, 2년";
const STREAM_MODES = ["values", "messages-tuple", "updates", "custom"];
// What agent-chat-ui adds to every submit (src/components/thread/index.tsx).
const UI_STREAM_OPTIONS = { streamSubgraphs: true, streamResumable: true, onDisconnect: "continue" };

/** The installed SDK's version, read from the package.json next to the folder's node_modules. */
export function installedVersion(folderUrl) {
  const path = new URL("node_modules/@langchain/langgraph-sdk/package.json", folderUrl);
  return JSON.parse(readFileSync(path, "utf8")).version;
}

/** Plain text of a message's content: a string, or text blocks (what the UI renders). */
function textOf(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((block) => (typeof block === "string" ? block : (block?.text ?? ""))).join("");
  }
  return "";
}

async function collect(stream) {
  const events = [];
  for await (const part of stream) events.push(part);
  return events;
}

function lastValues(events) {
  const values = events.filter((e) => e.event === "values");
  return values.length ? values[values.length - 1].data : undefined;
}

export async function run(Client, sdkVersion) {
  const apiUrl = process.env.BUDONGSAN_URL;
  const apiKey = process.env.BUDONGSAN_API_KEY;
  if (!apiUrl || !apiKey) throw new Error("set BUDONGSAN_URL and BUDONGSAN_API_KEY");

  const failures = [];
  const check = (ok, what, detail) => {
    if (!ok) failures.push(detail === undefined ? what : `${what}: ${JSON.stringify(detail)}`);
    return ok;
  };
  const client = new Client({ apiUrl, apiKey });
  const summary = { sdk: sdkVersion, question: QUESTION };

  // --- the assistant, a new thread ----------------------------------------------------------------------
  const assistants = await client.assistants.search({ graphId: "budongsan", limit: 10 });
  check(
    assistants.length === 1 && assistants[0].graph_id === "budongsan",
    "one budongsan assistant",
    assistants,
  );
  const thread = await client.threads.create({ metadata: { source: "js-sdk", sdk: sdkVersion } });
  const threadId = thread.thread_id;
  summary.thread_id = threadId;
  check(thread.status === "idle", "a new thread is idle", thread.status);

  // --- 1st run: the question, streamed until the approval interrupt ---------------------------------------
  const humanId = randomUUID();
  const created = [];
  const first = await collect(
    client.runs.stream(threadId, "budongsan", {
      input: { messages: [{ id: humanId, type: "human", content: [{ type: "text", text: QUESTION }] }] },
      streamMode: STREAM_MODES,
      ...UI_STREAM_OPTIONS,
      onRunCreated: (meta) => created.push(meta),
    }),
  );
  summary.first_run = { events: countByKind(first) };
  check(first[0]?.event === "metadata", "metadata comes first", first[0]?.event);
  const firstRunId = first[0]?.data?.run_id;
  check(created.length === 1 && created[0].run_id === firstRunId, "onRunCreated gets the run id", created);
  check(
    !first.some((e) => e.event === "error"),
    "no error event",
    first.filter((e) => e.event === "error"),
  );

  const paused = lastValues(first);
  const interrupts = paused?.__interrupt__ ?? [];
  check(interrupts.length === 1, "the last values event carries one __interrupt__", paused);
  const interrupt = interrupts[0] ?? {};
  const value = interrupt.value ?? {};
  summary.interrupt = {
    id: interrupt.id,
    type: value.type,
    action_requests: (value.action_requests ?? []).map((a) => a.name),
    allowed_decisions: value.review_configs?.[0]?.allowed_decisions,
  };
  // The HITL shape agent-chat-ui gives buttons to (src/lib/agent-inbox-interrupt.ts).
  check(typeof interrupt.id === "string" && interrupt.id.length > 0, "the interrupt has an id", interrupt);
  check(value.type === "contract_approval", "a contract approval interrupt", value.type);
  const request = value.action_requests?.[0];
  check(
    Array.isArray(value.action_requests) &&
      value.action_requests.length === 1 &&
      request.name === "contract_draft" &&
      typeof request.args === "object" &&
      request.args !== null,
    "action_requests: [{name: contract_draft, args}]",
    value.action_requests,
  );
  check(typeof request?.description === "string" && request.description.length > 0, "a description", request);
  const config = value.review_configs?.[0];
  check(
    value.review_configs?.length === 1 &&
      config.action_name === "contract_draft" &&
      JSON.stringify(config.allowed_decisions) === JSON.stringify(["approve", "edit", "reject"]),
    "review_configs: [{action_name: contract_draft, allowed_decisions: approve/edit/reject}]",
    value.review_configs,
  );
  const pausedMessages = paused?.messages ?? [];
  summary.first_run.messages = pausedMessages.map((m) => m.type);
  check(
    pausedMessages[0]?.type === "human" && pausedMessages[0]?.id === humanId,
    "the client's human message id survives",
    pausedMessages[0],
  );
  check(
    textOf(pausedMessages[0]?.content) === QUESTION,
    "the question is the human message",
    pausedMessages[0],
  );
  const interruptUpdates = first.filter((e) => e.event === "updates" && e.data?.__interrupt__);
  check(interruptUpdates.length === 1, "one updates event with __interrupt__", countByKind(first));

  const waiting = await client.threads.get(threadId);
  check(waiting.status === "interrupted", "the thread is interrupted", waiting.status);
  const waitingState = await client.threads.getState(threadId);
  check(waitingState.next.length > 0, "state.next names what waits", waitingState.next);
  const stateInterruptIds = [
    ...(waitingState.interrupts ?? []),
    ...(waitingState.tasks ?? []).flatMap((t) => t.interrupts ?? []),
  ].map((i) => i.id);
  check(stateInterruptIds.includes(interrupt.id), "getState shows the same interrupt", stateInterruptIds);

  // --- 2nd run: resume with a Command approving the draft (agent-chat-ui: submit({}, {command})) ----------
  const resumed = await collect(
    client.runs.stream(threadId, "budongsan", {
      input: {},
      command: { resume: { decisions: [{ type: "approve" }] } },
      streamMode: STREAM_MODES,
      ...UI_STREAM_OPTIONS,
    }),
  );
  summary.resume_run = { events: countByKind(resumed) };
  check(resumed[0]?.event === "metadata", "metadata comes first on resume", resumed[0]?.event);
  check(
    !resumed.some((e) => e.event === "error"),
    "no error event on resume",
    resumed.filter((e) => e.event === "error"),
  );
  const done = lastValues(resumed);
  check(
    done !== undefined && !("__interrupt__" in done),
    "nothing waits after approving",
    done?.__interrupt__,
  );
  const finalMessages = done?.messages ?? [];
  const answer = finalMessages[finalMessages.length - 1] ?? {};
  const answerText = textOf(answer.content);
  summary.final = { messages: finalMessages.map((m) => m.type), ai_id: answer.id, chars: answerText.length };
  check(answer.type === "ai" && typeof answer.id === "string", "the last message is the AI answer", answer);
  check(answerText.length > 0, "the answer has text", answer);
  check(finalMessages[0]?.id === humanId, "the human message id still survives", finalMessages[0]);

  // `messages-tuple` arrives as `messages` events: [AIMessageChunk, metadata], one id = the stored answer's.
  const chunks = resumed.filter((e) => e.event === "messages");
  const chunkIds = [...new Set(chunks.map((e) => e.data?.[0]?.id))];
  const streamedText = chunks.map((e) => textOf(e.data?.[0]?.content)).join("");
  summary.final.chunks = chunks.length;
  check(chunks.length > 0, "the answer streams as messages-tuple chunks", countByKind(resumed));
  check(chunkIds.length === 1 && chunkIds[0] === answer.id, "chunk ids equal the final AI message id", {
    chunkIds,
    final: answer.id,
  });
  check(
    chunks.every(
      (e) => Array.isArray(e.data) && e.data.length === 2 && /chunk$|^ai$/i.test(e.data[0]?.type ?? ""),
    ),
    "each chunk is [AIMessageChunk, metadata]",
    chunks[0]?.data,
  );
  check(streamedText.length > 0, "the chunks carry text", streamedText);
  // What the UI shows while streaming is what it shows once the run ends.
  check(streamedText === answerText, "the chunks add up to the final answer text", {
    streamed: streamedText.slice(0, 80),
    final: answerText.slice(0, 80),
  });
  const answerUpdate = resumed.find((e) => e.event === "updates" && e.data?.respond?.messages);
  check(
    answerUpdate?.data.respond.messages.at(-1)?.id === answer.id,
    "updates.respond carries the answer",
    answerUpdate?.data,
  );
  check(
    resumed.some((e) => e.event === "custom"),
    "custom events (plan/step/token) arrive",
    countByKind(resumed),
  );

  // --- what the UI reads around a run ---------------------------------------------------------------------
  const found = await client.threads.search({ metadata: { graph_id: "budongsan" }, limit: 100 });
  const listed = found.find((t) => t.thread_id === threadId);
  check(
    listed !== undefined,
    "threads.search by graph_id finds the thread",
    found.map((t) => t.thread_id),
  );
  check(
    textOf(listed?.values?.messages?.[0]?.content) === QUESTION,
    "its title message is the question",
    listed?.values,
  );
  check(listed?.status === "idle", "the thread is idle again", listed?.status);
  check(listed?.metadata?.sdk === sdkVersion, "the thread keeps its metadata", listed?.metadata);

  const state = await client.threads.getState(threadId);
  check(state.next.length === 0, "state.next is empty once answered", state.next);
  check(
    JSON.stringify(state.values.messages) === JSON.stringify(finalMessages),
    "state values = the final values",
    state.values,
  );

  const history = await client.threads.getHistory(threadId, { limit: 10 });
  summary.history = history.length;
  check(history.length >= 2, "history has the interrupted and the answered state", history.length);
  check(
    history[0]?.checkpoint?.checkpoint_id === state.checkpoint.checkpoint_id,
    "history[0] is the head state",
    history[0]?.checkpoint,
  );
  check(
    history.length >= 2 &&
      history[0].parent_checkpoint?.checkpoint_id === history[1].checkpoint?.checkpoint_id,
    "history chains through parent_checkpoint, newest first",
    history.map((h) => [h.checkpoint?.checkpoint_id, h.parent_checkpoint?.checkpoint_id]),
  );
  const interruptedState = history.find((h) => (h.tasks ?? []).some((t) => (t.interrupts ?? []).length));
  check(
    interruptedState !== undefined,
    "an older state holds the interrupt in tasks",
    history.map((h) => h.next),
  );

  const runs = await client.runs.list(threadId, { limit: 10 });
  summary.runs = runs.map((r) => r.status);
  check(
    JSON.stringify(summary.runs) === JSON.stringify(["success", "interrupted"]),
    "runs: interrupted, then success",
    summary.runs,
  );
  check(
    runs[1]?.run_id === firstRunId,
    "the first run is the one streamed",
    runs.map((r) => r.run_id),
  );

  summary.ok = failures.length === 0;
  summary.failures = failures;
  return summary;
}

function countByKind(events) {
  const counts = {};
  for (const e of events) counts[e.event] = (counts[e.event] ?? 0) + 1;
  return counts;
}

/** Entry point for each tests/js/sdk-<version>/run.mjs: prints the summary, sets the exit code. */
export async function main(Client, folderUrl) {
  let version = "unknown";
  try {
    version = installedVersion(folderUrl);
    const summary = await run(Client, version);
    console.log(JSON.stringify(summary, null, 2));
    process.exitCode = summary.ok ? 0 : 1;
  } catch (error) {
    console.log(JSON.stringify({ sdk: version, ok: false, crash: String(error?.stack ?? error) }, null, 2));
    process.exitCode = 2;
  }
}
