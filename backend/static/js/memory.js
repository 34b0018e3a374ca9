// The "기억" panel: remembered preferences (edit / delete), entities, past conversations, forget all.

import { api, describeError } from "./api.js";
import { $, announce, clear, el } from "./dom.js";
import { won } from "./format.js";

const MONEY_KEYS = new Set(["budget_max_manwon", "budget_min_manwon", "monthly_rent_max_manwon"]);
const KEY_NAMES = {
  region: "선호 지역",
  deal_type: "거래 유형",
  budget_max_manwon: "예산 상한",
  budget_min_manwon: "예산 하한",
  area: "면적",
  rooms: "방 개수",
  monthly_rent_max_manwon: "월세 상한",
};

const itemsOf = (body) => (Array.isArray(body) ? body : body?.items || []);

function showError(text) {
  const box = $("#memory-error");
  box.textContent = text;
  box.hidden = !text;
}

function field(id, labelText, input, hint = null) {
  input.id = id;
  return el("div", { class: "field" }, el("label", { for: id, text: labelText }), input, hint);
}

/** Form inputs for one preference key; `read()` returns the value to PUT (or throws a Korean message). */
function editorFor(pref) {
  const { key, value } = pref;
  const id = `pref-${pref.id}`;
  if (MONEY_KEYS.has(key) || key === "rooms") {
    const input = el("input", { type: "number", min: 1, step: 1, inputmode: "numeric", value: value ?? "" });
    const hint = el("p", { class: "muted hint", "aria-live": "polite" });
    const update = () => (hint.textContent = MONEY_KEYS.has(key) && input.value ? won(Number(input.value)) : "");
    input.addEventListener("input", update);
    update();
    return {
      fields: [field(`${id}-value`, MONEY_KEYS.has(key) ? "금액 (만원 단위)" : "방 개수", input, hint)],
      read: () => {
        const number = Number(input.value);
        if (!input.value || !Number.isInteger(number) || number <= 0) throw new Error("1 이상의 정수를 입력해 주세요.");
        return number;
      },
    };
  }
  if (key === "deal_type") {
    const select = el("select", {}, ["매매", "전세", "월세"].map((v) => el("option", { value: v, text: v })));
    select.value = value;
    return { fields: [field(`${id}-value`, "거래 유형", select)], read: () => select.value };
  }
  if (key === "region") {
    const sigungu = el("input", { type: "text", value: value?.sigungu ?? "", placeholder: "예: 송파구" });
    const dong = el("input", { type: "text", value: value?.dong ?? "", placeholder: "예: 잠실동 (선택)" });
    return {
      fields: [field(`${id}-sigungu`, "시군구", sigungu), field(`${id}-dong`, "동", dong)],
      read: () => {
        const result = {};
        if (sigungu.value.trim()) result.sigungu = sigungu.value.trim();
        if (dong.value.trim()) result.dong = dong.value.trim();
        if (!result.sigungu && !result.dong) throw new Error("시군구나 동을 입력해 주세요.");
        return result;
      },
    };
  }
  if (key === "area") {
    const low = el("input", { type: "number", min: 10, max: 500, step: "any", value: value?.min_m2 ?? "" });
    const high = el("input", { type: "number", min: 10, max: 500, step: "any", value: value?.max_m2 ?? "" });
    return {
      fields: [field(`${id}-min`, "최소 면적 (㎡)", low), field(`${id}-max`, "최대 면적 (㎡)", high)],
      read: () => {
        const result = {};
        if (low.value) result.min_m2 = Number(low.value);
        if (high.value) result.max_m2 = Number(high.value);
        if (!("min_m2" in result) && !("max_m2" in result)) throw new Error("면적을 입력해 주세요.");
        return result;
      },
    };
  }
  const input = el("input", { type: "text", value: typeof value === "string" ? value : JSON.stringify(value) });
  return { fields: [field(`${id}-value`, "값", input)], read: () => input.value };
}

function serverMessage(error) {
  const detail = Array.isArray(error.details?.errors) ? error.details.errors[0] : null;
  const where = detail?.loc ? ` (${detail.loc.filter((p) => p !== "body").join(".")})` : "";
  const why = detail?.msg || error.message;
  return error.status === 422 ? `값이 올바르지 않습니다${where}: ${why}` : describeError(error);
}

export class MemoryPanel {
  constructor(dialog) {
    this.dialog = dialog;
    $("#memory-close", dialog).addEventListener("click", () => dialog.close());
    $("#memory-refresh", dialog).addEventListener("click", () => this.load());
    $("#memory-forget-all", dialog).addEventListener("click", () => this.confirmForgetAll());
    $("#memory-search", dialog).addEventListener("submit", (event) => {
      event.preventDefault();
      this.searchConversations($("#memory-query", dialog).value.trim());
    });
  }

  open() {
    if (!this.dialog.open) this.dialog.showModal();
    return this.load();
  }

  async load() {
    showError("");
    const prefList = $("#preference-list", this.dialog);
    const entityList = $("#entity-list", this.dialog);
    prefList.setAttribute("aria-busy", "true");
    // Only the newest load renders: an older one answering late (a refresh clicked just before
    // "모두 삭제") must not put back what was just erased.
    this.loads = (this.loads || 0) + 1;
    const mine = this.loads;
    try {
      const [prefs, entities] = await Promise.all([api.preferences(), api.entities()]);
      if (mine !== this.loads) return;
      this.renderPreferences(itemsOf(prefs).filter((p) => p.is_current !== false && !p.valid_to));
      this.renderEntities(itemsOf(entities));
    } catch (error) {
      showError(describeError(error));
    } finally {
      prefList.removeAttribute("aria-busy");
      entityList.removeAttribute("aria-busy");
    }
  }

  renderPreferences(prefs) {
    const list = clear($("#preference-list", this.dialog));
    if (!prefs.length) {
      list.append(el("li", { class: "muted empty", text: "아직 기억한 선호가 없습니다. 대화에서 예산·지역·면적을 말하면 여기에 모입니다." }));
      return;
    }
    for (const pref of prefs) list.append(this.preferenceItem(pref));
  }

  preferenceItem(pref) {
    const label = pref.label || `${KEY_NAMES[pref.key] || pref.key}: ${JSON.stringify(pref.value)}`;
    const item = el("li", { class: "memory-item", dataset: { preferenceId: pref.id, key: pref.key } });
    const view = el(
      "div",
      { class: "memory-row" },
      el("span", { class: "memory-label", text: label }),
      el(
        "span",
        { class: "row" },
        el("button", {
          type: "button",
          text: "수정",
          "aria-label": `${label} 수정`,
          onclick: () => this.edit(item, pref),
        }),
        el("button", {
          type: "button",
          class: "danger",
          text: "삭제",
          "aria-label": `${label} 삭제`,
          onclick: () => this.remove(() => api.deletePreference(pref.id), label),
        }),
      ),
    );
    item.append(view);
    return item;
  }

  edit(item, pref) {
    const editor = editorFor(pref);
    const form = el(
      "form",
      { class: "memory-edit", "aria-label": `${KEY_NAMES[pref.key] || pref.key} 수정` },
      editor.fields,
      el(
        "div",
        { class: "row" },
        el("button", { type: "submit", class: "primary", text: "저장" }),
        el("button", { type: "button", text: "취소", onclick: () => this.load() }),
      ),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      let value;
      try {
        value = editor.read();
      } catch (problem) {
        showError(problem.message);
        return;
      }
      try {
        await api.updatePreference(pref.id, value);
        announce("선호를 수정했습니다.");
        await this.load();
      } catch (error) {
        showError(serverMessage(error));
      }
    });
    item.replaceChildren(form);
    form.querySelector("input, select")?.focus();
  }

  /**
   * Deletes one item. Entities have no documented per-item DELETE: for them a 404 means "not offered",
   * for preferences it means "already gone".
   */
  async remove(call, label, { undocumented = false } = {}) {
    try {
      await call();
      announce(`${label} 항목을 삭제했습니다.`);
    } catch (error) {
      if (error.status === 405 || (undocumented && error.status === 404)) {
        showError("이 항목은 따로 지울 수 없습니다. '모두 삭제'를 사용해 주세요.");
        return;
      }
      if (error.status !== 404) {
        showError(describeError(error));
        return;
      }
      // 404: already gone (another tab): just refresh the list.
    }
    await this.load();
  }

  renderEntities(entities) {
    const list = clear($("#entity-list", this.dialog));
    if (!entities.length) {
      list.append(el("li", { class: "muted empty", text: "관심 단지나 지역이 아직 없습니다." }));
      return;
    }
    for (const entity of entities) {
      const label = entity.label || entity.name;
      list.append(
        el(
          "li",
          { class: "memory-item", dataset: { entityId: entity.id } },
          el(
            "div",
            { class: "memory-row" },
            el("span", { class: "memory-label", text: label }),
            el("button", {
              type: "button",
              class: "danger",
              text: "삭제",
              "aria-label": `${label} 삭제`,
              onclick: () => this.remove(() => api.deleteEntity(entity.id), label, { undocumented: true }),
            }),
          ),
        ),
      );
    }
  }

  async searchConversations(query) {
    const list = clear($("#conversation-list", this.dialog));
    try {
      const body = await api.conversations(query);
      const items = itemsOf(body);
      if (!items.length) list.append(el("li", { class: "muted empty", text: "찾은 대화가 없습니다." }));
      for (const memory of items) {
        list.append(
          el(
            "li",
            { class: "memory-item" },
            el("p", { class: "memory-label", text: memory.query }),
            el("p", { class: "muted", text: memory.response_summary || "" }),
          ),
        );
      }
    } catch (error) {
      showError(describeError(error));
    }
  }

  confirmForgetAll() {
    const holder = $("#memory-confirm", this.dialog);
    const cancel = () => {
      clear(holder);
      $("#memory-forget-all", this.dialog).focus();
    };
    holder.replaceChildren(
      el("p", { text: "기억한 선호·관심 항목·대화 요약을 모두 지울까요? 채팅 기록은 남습니다." }),
      el(
        "div",
        { class: "row" },
        el("button", {
          type: "button",
          class: "danger",
          text: "모두 삭제",
          onclick: async () => {
            try {
              await api.forgetEverything();
              clear(holder);
              clear($("#conversation-list", this.dialog));
              announce("모든 기억을 삭제했습니다.");
              await this.load();
            } catch (error) {
              showError(describeError(error));
            }
          },
        }),
        el("button", { type: "button", text: "취소", onclick: cancel }),
      ),
    );
    holder.querySelector("button").focus();
  }
}
