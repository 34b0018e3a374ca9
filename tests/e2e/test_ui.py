"""The web chat page in a real browser (Debian's Chromium via Playwright) against a real server process.

The server is `budongsan serve --no-load` started by the `servers` fixture (tests/e2e/conftest.py) on
the session's test database with the data loaded. Each test signs up a fresh account, so tests do not
depend on each other. Screenshots of the main states land in artifacts/ui/*.png (not committed).
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.e2e.ui_support import ARTIFACTS, PASSWORD, PHONE, TURN_TIMEOUT_MS, launch_chromium, open_page

pytestmark = pytest.mark.e2e

MARKET_QUESTION = "송파구 아파트 2024년 평균 매매가 추이"
LAW_QUESTION = "갱신요구권 몇 번 쓸 수 있어?"
XSS_MESSAGE = '<img src=x onerror="window.__xss=1">'
XSS_TITLE = '"><svg onload="window.__xss=2"><script>window.__xss=3</script>'
PRICE_TEXT = re.compile(r"^(\d{1,3}(,\d{3})*억( \d{1,3}(,\d{3})*만원|원)|\d{1,3}(,\d{3})*만원)$")

# Records what the live (streaming) answer showed before the final message replaced it.
TRACE_SCRIPT = """
window.__uiTrace = { steps: 0, completed: 0, tokens: 0 };
new MutationObserver(() => {
  const live = document.querySelector(".message.assistant.live");
  if (!live) return;
  const t = window.__uiTrace;
  t.steps = Math.max(t.steps, live.querySelectorAll(".plan .step").length);
  t.completed = Math.max(t.completed, live.querySelectorAll(".plan .step.completed").length);
  t.tokens = Math.max(t.tokens, (live.querySelector(".streaming")?.textContent || "").length);
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
"""


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ui_server(servers: ServerFactory) -> ServerProcess:
    server = servers.start("ui")
    index = httpx.get(f"{server.base_url}/", timeout=10)
    if index.status_code != 200 or "<html" not in index.text:
        pytest.fail(
            "the web page is not served at / : backend/app.py create_app() must include the UI router "
            "(`from backend.routes import ui` and `app.include_router(ui.router)`)"
        )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with open_page(browser) as page:
        yield page


# --- helpers ------------------------------------------------------------------------------------


def shot(page: Page, name: str, *, whole_chat: bool = False) -> None:
    """Save artifacts/ui/<name>.png; `whole_chat` grows the viewport so the transcript fits."""
    path = ARTIFACTS / f"{name}.png"
    if not whole_chat:
        page.screenshot(path=path)
        return
    size = page.viewport_size
    height = page.evaluate("document.querySelector('#messages').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(6000, height + 250)})
    try:
        page.screenshot(path=path)
    finally:
        page.set_viewport_size(size)


def sign_up(page: Page, server: ServerProcess) -> str:
    email = f"ui-{uuid.uuid4().hex[:10]}@example.com"
    page.goto(f"{server.base_url}/")
    expect(page.locator("#login-view")).to_be_visible()
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="회원가입").click()
    expect(page.locator("#app-view")).to_be_visible()
    expect(page.locator("#user-email")).to_have_text(email)
    return email


def answers(page: Page) -> Locator:
    return page.locator("#messages .message.assistant:not(.live)")


def wait_for_answer(page: Page, count_before: int) -> Locator:
    expect(answers(page)).to_have_count(count_before + 1, timeout=TURN_TIMEOUT_MS)
    expect(page.locator("#messages .message.assistant.live")).to_have_count(0, timeout=TURN_TIMEOUT_MS)
    answer = answers(page).last
    expect(answer).not_to_have_class(re.compile(r"\bfailed\b"))
    return answer


def ask(page: Page, text: str) -> Locator:
    """Type a question, press Enter, wait for the final (or interrupt) message, return it."""
    before = answers(page).count()
    box = page.get_by_label("메시지", exact=True)
    box.fill(text)
    box.press("Enter")
    return wait_for_answer(page, before)


def current_session(page: Page) -> str:
    return page.evaluate("localStorage.getItem('budongsan.lastSession')")


def session_item(page: Page, session_id: str) -> Locator:
    return page.locator(f'#session-list .session[data-session-id="{session_id}"]')


def api_get(page: Page, server: ServerProcess, path: str) -> httpx.Response:
    token = page.evaluate("localStorage.getItem('budongsan.token')")
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.get(f"{server.base_url}/api/v1{path}", headers=headers, timeout=10)


def expect_market_answer(answer: Locator) -> None:
    text = answer.locator(".bubble > .markdown")
    # The first sentence answers: the period's median, in words, before any heading.
    expect(text.locator("> p").first).to_contain_text("중위가격은")
    expect(answer.locator(".answer-section h2").first).to_have_text("시세 통계")
    shown = text.inner_text()
    for mark in ("## ", "**", "|---", "■", "은(는)", "sigungu", "None", "True"):
        assert mark not in shown, f"literal {mark!r} shown in the answer"
    rows = answer.locator("table.deals tbody tr")
    expect(rows.first).to_be_visible()
    assert 1 <= rows.count() <= 20
    for price in answer.locator("table.deals tbody td.num").all_inner_texts():
        assert PRICE_TEXT.match(price), f"price not formatted as 억/만원: {price!r}"
    chart = answer.locator("svg.chart")
    expect(chart).to_be_visible()
    expect(chart.locator("polyline")).to_have_count(1)
    assert chart.locator("circle").count() >= 2
    label = chart.get_attribute("aria-label") or ""
    assert "2024-01" in label and "2024-12" in label, label
    periods = answer.locator("details.bucket-details")
    periods.locator("summary").click()
    expect(periods.locator("tbody tr")).to_have_count(12)


# --- the page itself ----------------------------------------------------------------------------


def test_page_is_served_with_a_strict_csp_and_no_inline_code(ui_server: ServerProcess):
    index = httpx.get(f"{ui_server.base_url}/", timeout=10)
    assert index.status_code == 200
    csp = index.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert index.headers["x-content-type-options"] == "nosniff"
    assert "no-cache" in index.headers["cache-control"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", index.text), "inline <script> in index.html"
    assert not re.search(r"\son[a-z]+\s*=", index.text), "inline event handler in index.html"

    scripts = re.findall(r'src="(/static/[^"]+\.js)"', index.text)
    assert scripts
    for name in ("app", "api", "chat", "render", "chart", "memory", "format", "dom", "markdown"):
        response = httpx.get(f"{ui_server.base_url}/static/js/{name}.js", timeout=10)
        assert response.status_code == 200, name
        assert "javascript" in response.headers["content-type"]
        assert "default-src 'self'" in response.headers["content-security-policy"]
        html_sinks = re.findall(
            r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(", response.text
        )
        assert not html_sinks, f"{name}.js builds HTML from strings: {html_sinks}"
        revalidate = {"If-None-Match": response.headers["etag"]}
        again = httpx.get(f"{ui_server.base_url}/static/js/{name}.js", headers=revalidate, timeout=10)
        assert again.status_code == 304

    # The renderer and sanitizer are vendored (pinned, same origin), never loaded from a CDN.
    for name in (
        "markdown-it.esm.min.mjs",
        "purify.es.mjs",
        "README.md",
        "LICENSE.markdown-it",
        "LICENSE.dompurify",
    ):
        response = httpx.get(f"{ui_server.base_url}/static/vendor/{name}", timeout=10)
        assert response.status_code == 200, name
        if name.endswith(".mjs"):
            assert "javascript" in response.headers["content-type"]
            assert not re.search(r"""(?:import|from)\s*\(?["']https?:""", response.text), name

    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/js/missing.js"):
        response = httpx.get(f"{ui_server.base_url}{path}", timeout=10)
        assert response.status_code == 404, path
        assert "error" in response.json()


def test_money_formatting_and_sse_parsing_modules(ui_server: ServerProcess, page: Page):
    """The page's own modules, run in the browser: 만원 formatting and chunk-split SSE parsing."""
    page.goto(f"{ui_server.base_url}/")
    result = page.evaluate(
        """async () => {
          const { won, parseWon, rowPrice } = await import("/static/js/format.js");
          const { SseParser } = await import("/static/js/api.js");
          const money = [123000, 120000, 8000, 55000, 250000, 0].map(won);
          const parsed = ["12억 3,000만원", "8,000만원", "25억원", "-"].map(parseWon);
          const rent = rowPrice({ rent_type: "월세", deposit_manwon: 5000, monthly_rent_manwon: 120 });
          const parser = new SseParser();
          const stream = ': ping\\r\\n\\r\\nevent: token\\r\\ndata: {"text": "안녕"}\\r\\n\\r\\n'
            + 'event: final\\r\\ndata: {"id": 1,\\r\\ndata:  "content": "끝"}\\r\\n\\r\\n';
          const events = [];
          for (let i = 0; i < stream.length; i += 1) events.push(...parser.push(stream[i]));
          return { money, parsed, rent, events };
        }"""
    )
    assert result["money"] == ["12억 3,000만원", "12억원", "8,000만원", "5억 5,000만원", "25억원", "0원"]
    assert result["parsed"] == [123000, 8000, 250000, None]
    assert result["rent"] == "월세 5,000만원 / 월 120만원"
    assert result["events"] == [
        {"event": "token", "data": {"text": "안녕"}},
        {"event": "final", "data": {"id": 1, "content": "끝"}},
    ]


def test_sign_up_ask_and_watch_the_answer_stream_in_with_table_and_chart(
    ui_server: ServerProcess, page: Page
):
    page.add_init_script(TRACE_SCRIPT)
    page.goto(f"{ui_server.base_url}/")
    expect(page.get_by_role("button", name="회원가입")).to_be_visible()
    shot(page, "01-login")
    sign_up(page, ui_server)
    expect(page.locator(".welcome")).to_be_visible()
    shot(page, "02-empty")

    page.get_by_role("button", name="새 채팅").click()
    expect(page.locator("#session-list .session")).to_have_count(1)
    expect(page.get_by_label("메시지", exact=True)).to_be_focused()

    # A slow link (DevTools throttling) keeps the turn on screen long enough to photograph it mid-stream.
    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": 4000, "uploadThroughput": -1},
    )
    before = answers(page).count()
    box = page.get_by_label("메시지", exact=True)
    box.fill(MARKET_QUESTION)
    box.press("Enter")
    live = page.locator("#messages .message.assistant.live")
    expect(live.locator(".plan .step").first).to_be_visible(timeout=TURN_TIMEOUT_MS)
    expect(live.locator(".streaming")).not_to_be_empty(timeout=TURN_TIMEOUT_MS)
    expect(page.get_by_role("button", name="답변 중…")).to_be_disabled()
    shot(page, "03-streaming")
    devtools.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    answer = wait_for_answer(page, before)
    trace = page.evaluate("window.__uiTrace")
    assert trace["steps"] >= 1, f"plan steps never shown while streaming: {trace}"
    assert trace["tokens"] > 0, f"no streamed tokens shown: {trace}"
    expect(page.locator("#messages .message.user .text")).to_have_text(MARKET_QUESTION)
    expect_market_answer(answer)
    expect(answer.locator(".plan-details summary")).to_contain_text("진행 단계")

    first = page.locator("#session-list .session").first
    expect(first.locator(".session-title")).to_contain_text("송파구 아파트")
    expect(first.locator(".session-preview")).not_to_be_empty()
    expect(page.locator("#chat-title")).to_contain_text("송파구 아파트")
    shot(page, "04-answer", whole_chat=True)


def test_switch_chats_reload_restores_rename_and_delete(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    market = ask(page, MARKET_QUESTION)  # no chat open yet: sending creates one
    expect_market_answer(market)
    market_id = current_session(page)

    page.get_by_role("button", name="새 채팅").click()
    expect(page.locator(".welcome")).to_be_visible()
    law = ask(page, LAW_QUESTION)
    expect(law.locator(".citations")).to_contain_text("주택임대차보호법")
    law_id = current_session(page)
    assert law_id != market_id

    sessions = page.locator("#session-list .session")
    expect(sessions).to_have_count(2)
    expect(sessions.first).to_have_attribute("data-session-id", law_id)  # newest first

    session_item(page, market_id).locator(".session-open").click()
    expect(page.locator("#messages .message.user .text")).to_have_text([MARKET_QUESTION])
    expect_market_answer(answers(page).last)
    expect(session_item(page, market_id).locator(".session-open")).to_have_attribute("aria-current", "page")
    shot(page, "05-switched")

    session_item(page, law_id).locator(".session-open").click()
    expect(page.locator("#messages .message.user .text")).to_have_text([LAW_QUESTION])

    page.reload()
    expect(page.locator("#app-view")).to_be_visible()
    expect(page.locator("#messages .message.user .text")).to_have_text([LAW_QUESTION])
    expect(answers(page).last.locator(".citations")).to_contain_text("주택임대차보호법")
    assert current_session(page) == law_id
    shot(page, "06-restored-after-reload")

    session_item(page, law_id).get_by_role("button", name="이름 변경").click()
    title_box = page.get_by_label("새 채팅 이름")
    expect(title_box).to_be_focused()
    title_box.fill("갱신요구권 정리")
    title_box.press("Enter")
    expect(session_item(page, law_id).locator(".session-title")).to_have_text("갱신요구권 정리")
    expect(page.locator("#chat-title")).to_have_text("갱신요구권 정리")
    assert api_get(page, ui_server, f"/chat/sessions/{law_id}").json()["title"] == "갱신요구권 정리"

    # Escape cancels a rename without saving.
    session_item(page, law_id).get_by_role("button", name="이름 변경").click()
    page.get_by_label("새 채팅 이름").fill("버려질 이름")
    page.get_by_label("새 채팅 이름").press("Escape")
    expect(session_item(page, law_id).locator(".session-title")).to_have_text("갱신요구권 정리")

    session_item(page, market_id).get_by_role("button", name="삭제").click()
    confirm = page.get_by_role("group", name="채팅 삭제 확인")
    expect(confirm).to_contain_text("삭제할까요")
    shot(page, "07-delete-confirm")
    confirm.get_by_role("button", name="삭제").click()
    expect(sessions).to_have_count(1)
    expect(sessions.first).to_have_attribute("data-session-id", law_id)
    assert api_get(page, ui_server, f"/chat/sessions/{market_id}").status_code == 404

    page.reload()
    expect(sessions).to_have_count(1)
    expect(sessions.first.locator(".session-title")).to_have_text("갱신요구권 정리")


def test_html_in_messages_and_titles_is_shown_as_text(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    ask(page, XSS_MESSAGE)
    session_id = current_session(page)
    expect(page.locator("#messages .message.user .text")).to_have_text(XSS_MESSAGE)
    # The server titles the chat with the first question: the sidebar shows it literally too.
    expect(session_item(page, session_id).locator(".session-title")).to_have_text(XSS_MESSAGE)

    session_item(page, session_id).get_by_role("button", name="이름 변경").click()
    page.get_by_label("새 채팅 이름").fill(XSS_TITLE)
    page.get_by_label("새 채팅 이름").press("Enter")
    expect(session_item(page, session_id).locator(".session-title")).to_have_text(XSS_TITLE)

    page.reload()  # rendered again from what the server stored
    expect(page.locator("#chat-title")).to_have_text(XSS_TITLE)
    expect(page.locator("#messages .message.user .text")).to_have_text(XSS_MESSAGE)
    page.wait_for_timeout(300)  # give any injected handler a chance to run
    assert page.evaluate("window.__xss") is None
    assert page.locator("#messages img, #messages script, #session-list img, #session-list svg").count() == 0
    assert page.locator("#chat-title *").count() == 0
    shot(page, "08-xss-as-text")


def test_clarifying_question_and_contract_approval_buttons(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    question = ask(page, "시세 알려줘")
    card = question.locator('.interrupt[data-interrupt="clarify"]')
    expect(card).to_be_visible()
    expect(question).to_contain_text("어느 지역")
    card.get_by_role("button", name="답변 입력하기").click()
    expect(page.get_by_label("메시지", exact=True)).to_be_focused()
    answer = ask(page, "송파구")  # the next message answers the question
    expect(answer.locator(".answer-section h2").first).to_have_text("시세 통계")
    expect(page.locator(".interrupt button")).to_have_count(0)  # answered: no live buttons left

    draft = ask(page, "전세 계약서 작성해줘")
    card = draft.locator('.interrupt[data-interrupt="contract_approval"]')
    expect(card.get_by_role("button", name="승인")).to_be_visible()
    expect(card.get_by_role("button", name="거절")).to_be_visible()
    expect(card).to_contain_text("체크리스트")
    shot(page, "09-contract-approval")
    card.get_by_role("button", name="수정", exact=True).click()
    feedback = card.get_by_label("어떻게 수정할까요?")
    expect(feedback).to_be_focused()
    feedback.fill("보증금 반환 보증 가입을 특약에 넣어 주세요")
    before = answers(page).count()
    card.get_by_role("button", name="수정 요청 보내기").click()
    revised = wait_for_answer(page, before)  # the revised draft waits for approval again
    expect(revised).to_contain_text("특약 추가: 보증금 반환 보증 가입")  # the term, not the request words
    expect(page.locator("#messages .message.user .text").last).to_have_text(
        "보증금 반환 보증 가입을 특약에 넣어 주세요"
    )
    before = answers(page).count()
    revised.locator('.interrupt[data-interrupt="contract_approval"]').get_by_role(
        "button", name="승인"
    ).click()
    final = wait_for_answer(page, before)
    expect(final).to_contain_text("보증금 반환 보증 가입")
    expect(final).not_to_contain_text("특약에 넣어 주세요")
    expect(page.locator(".interrupt button")).to_have_count(0)


def test_api_errors_and_network_loss_are_explained_and_recovered(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    page.get_by_role("button", name="새 채팅").click()
    expect(page.locator("#session-list .session")).to_have_count(1)
    box = page.get_by_label("메시지", exact=True)
    status = page.locator("#composer-status")
    pattern = "**/api/v1/chat/sessions/*/messages"

    def refuse(status_code: int, code: str, headers: dict[str, str] | None = None):
        def handler(route: Route) -> None:
            if route.request.method != "POST":
                return route.continue_()
            body = {"error": {"code": code, "message": "refused by the test", "details": {}}}
            return route.fulfill(status=status_code, json=body, headers=headers or {})

        return handler

    handler = refuse(409, "turn_in_progress")
    page.route(pattern, handler)
    box.fill("첫 질문")
    box.press("Enter")
    expect(status).to_contain_text("이전 질문에 대한 답변이 아직 진행 중")
    expect(box).to_have_value("첫 질문")  # given back to the user, nothing lost
    expect(page.locator("#messages .message.user")).to_have_count(0)
    shot(page, "10-error-busy")
    page.unroute(pattern, handler)

    handler = refuse(429, "rate_limited", {"Retry-After": "7"})
    page.route(pattern, handler)
    box.press("Enter")
    expect(status).to_contain_text("7초 후에 다시 시도")
    page.unroute(pattern, handler)

    # The request never reaches the server: the page says so and offers a retry.
    def drop(route: Route) -> None:
        return route.abort("internetdisconnected") if route.request.method == "POST" else route.continue_()

    page.route(pattern, drop)
    box.fill(MARKET_QUESTION)
    box.press("Enter")
    failed = page.locator("#messages .message.assistant.failed")
    expect(failed).to_contain_text("질문을 보내지 못했습니다", timeout=TURN_TIMEOUT_MS)
    shot(page, "11-error-network")
    page.unroute(pattern, drop)
    failed.get_by_role("button", name="다시 시도").click()
    expect_market_answer(wait_for_answer(page, 0))

    # The connection breaks after the server got the question: the turn finishes there anyway and
    # the page picks the stored answer up from the transcript.
    def cut_after_server_finished(route: Route) -> None:
        if route.request.method != "POST":
            return route.continue_()
        route.fetch(timeout=TURN_TIMEOUT_MS)  # the whole turn runs on the server
        return route.abort("connectionreset")

    page.route(pattern, cut_after_server_finished)
    before = answers(page).count()
    box.fill("잠실동 아파트 2024년 매매 시세")
    box.press("Enter")
    recovered = wait_for_answer(page, before)
    expect(recovered.locator(".answer-section h2").first).to_have_text("시세 통계")
    page.unroute(pattern, cut_after_server_finished)
    expect(page.locator("#messages .message.user")).to_have_count(2)

    page.context.set_offline(True)
    expect(page.locator("#banner")).to_contain_text("인터넷 연결이 끊겼습니다")
    page.context.set_offline(False)
    expect(page.locator("#banner")).to_be_hidden()

    # An invalid or expired token sends the user back to the login form.
    page.evaluate("localStorage.setItem('budongsan.token', 'not-a-valid-token')")
    page.reload()
    expect(page.locator("#login-view")).to_be_visible()
    expect(page.locator("#login-error")).to_contain_text("다시 로그인")


def test_phone_width_and_keyboard_only_use(ui_server: ServerProcess, browser: Browser):
    with open_page(browser, PHONE) as page:
        sign_up(page, ui_server)
        sidebar = page.locator("#sidebar")
        expect(sidebar).to_be_hidden()
        page.get_by_role("button", name="채팅 목록").click()
        expect(sidebar).to_be_visible()
        expect(page.get_by_role("button", name="새 채팅")).to_be_focused()
        page.keyboard.press("Enter")  # 새 채팅, from the keyboard
        expect(sidebar).to_be_hidden()
        box = page.get_by_label("메시지", exact=True)
        expect(box).to_be_focused()

        page.keyboard.type("송파구 아파트")
        page.keyboard.press("Shift+Enter")
        page.keyboard.type("2024년 평균 매매가 추이")
        expect(box).to_have_value("송파구 아파트\n2024년 평균 매매가 추이")
        expect(page.locator("#messages .message.user")).to_have_count(0)  # Shift+Enter did not send
        page.keyboard.press("Enter")
        answer = wait_for_answer(page, 0)
        expect_market_answer(answer)
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert fits, "the page scrolls sideways at phone width"
        shot(page, "12-phone", whole_chat=True)


def test_memory_panel_lists_edits_and_deletes_preferences(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    ask(page, "송파구에서 전세 6억 이하 30평대 찾고 있어요.")

    page.get_by_role("button", name="기억", exact=True).click()
    dialog = page.get_by_role("dialog", name="기억")
    expect(dialog).to_be_visible()
    budget = dialog.locator('#preference-list .memory-item[data-key="budget_max_manwon"]')
    deadline = time.monotonic() + 30  # memory is written off the request path, by a background worker
    while budget.count() == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(1000)
        dialog.get_by_role("button", name="새로고침").click()
    expect(budget).to_contain_text("6억")
    expect(dialog.locator('#preference-list .memory-item[data-key="deal_type"]')).to_contain_text("전세")
    shot(page, "13-memory-panel")

    budget.get_by_role("button", name="수정").click()
    amount = dialog.get_by_label("금액 (만원 단위)")
    expect(amount).to_be_focused()
    amount.fill("70000")
    expect(dialog.locator(".hint")).to_have_text("7억원")
    dialog.get_by_role("button", name="저장").click()
    expect(budget).to_contain_text("7억")
    stored = api_get(page, ui_server, "/memory/preferences").json()
    items = stored if isinstance(stored, list) else stored["items"]
    current = [p for p in items if p["key"] == "budget_max_manwon" and not p.get("valid_to")]
    assert [p["value"] for p in current] == [70000]
    shot(page, "14-memory-edited")

    deal = dialog.locator('#preference-list .memory-item[data-key="deal_type"]')
    deal.get_by_role("button", name="삭제").click()
    expect(deal).to_have_count(0)

    dialog.get_by_role("button", name="모두 삭제").click()
    dialog.locator("#memory-confirm").get_by_role("button", name="모두 삭제").click()
    expect(dialog.locator("#preference-list .memory-item")).to_have_count(0)
    expect(dialog.locator("#preference-list")).to_contain_text("아직 기억한 선호가 없습니다")
    dialog.get_by_role("button", name="닫기").click()
    expect(dialog).to_be_hidden()


def test_an_answer_that_used_memory_can_be_asked_again_without_it(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    ask(page, "분당에서 전세 6억 이하 30평대 찾고 있어요.")
    deadline = time.monotonic() + 30  # memory is written off the request path, by a background worker
    while time.monotonic() < deadline:
        items = api_get(page, ui_server, "/memory/preferences").json()["items"]
        if any(p["key"] == "budget_max_manwon" for p in items):
            break
        page.wait_for_timeout(500)

    page.locator("#new-chat").click()
    expect(page.locator("#messages .welcome")).to_be_visible()
    with_memory = ask(page, "추천해줘")
    # Said once, in the answer text after its first sentence, with the button next to it.
    expect(with_memory.locator(".memory-note")).to_have_count(1)
    expect(with_memory.locator(".memory-note")).to_contain_text("기억하고 있는 선호를 반영했어요")
    assert with_memory.locator(".bubble").inner_text().count("기억하고 있는 선호") == 1
    preview = session_item(page, current_session(page)).locator(".session-preview")
    expect(preview).not_to_contain_text("기억하고 있는 선호")
    retry = with_memory.get_by_role("button", name="기억 없이 다시 답하기")
    shot(page, "15-used-memory")

    retry.click()
    without = wait_for_answer(page, 1)
    expect(without.locator(".memory-note")).to_have_count(0)
    expect(without.get_by_role("button", name="기억 없이 다시 답하기")).to_have_count(0)
    expect(page.locator("#messages .message.user")).to_have_count(2)
    expect(page.locator("#messages .message.user").last).to_contain_text("추천해줘")
    stored = api_get(page, ui_server, f"/chat/sessions/{current_session(page)}/messages").json()["items"]
    replies = [m for m in stored if m["role"] == "assistant"]
    # Without memory "추천해줘" may answer or ask where; either way nothing remembered is used.
    assert [bool(m["structured_data"].get("used_memory")) for m in replies] == [True, False]

    page.reload()  # a reloaded transcript offers the button again for the answer that used memory
    expect(answers(page)).to_have_count(2)
    expect(answers(page).first.get_by_role("button", name="기억 없이 다시 답하기")).to_be_visible()


# --- answer text rendering (the wire format of docs/CONTRACTS.md) --------------------------------

HOSTILE_ANSWER = "\n\n".join(
    [
        '답입니다 <img src=x onerror="window.__xss=4"> 그리고 <script>window.__xss=5</script>',
        "[누르기](javascript:window.__xss=6) [법령](https://www.law.go.kr/법령/주택임대차보호법) "
        "[피싱](https://evil.example/law.go.kr)",
        '<a href="javascript:window.__xss=7">raw</a> <svg onload="window.__xss=8"></svg>',
        '## 제목\n**①** 굵게\n\n> 인용 <b onmouseover="window.__xss=9">x</b>\n\n3. 셋째 호\n4. 넷째 호',
        '| 열 | 값 |\n|---|---|\n| <img src=y onerror="window.__xss=10"> | 1 |',
    ]
)


def test_answer_text_renders_the_subset_and_nothing_else(ui_server: ServerProcess, page: Page):
    """Markdown marks become structure, HTML stays text, links only to law.go.kr/molit survive."""
    page.goto(f"{ui_server.base_url}/")
    result = page.evaluate(
        """async (text) => {
          const { renderAssistant } = await import("/static/js/render.js");
          const node = renderAssistant({ role: "assistant", content: text, structured_data: { sections: [] } });
          document.body.append(node);
          await new Promise((resolve) => setTimeout(resolve, 50));
          const links = [...node.querySelectorAll("a")].map((a) => a.getAttribute("href"));
          const attrs = [...node.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => a.name));
          const items = [...node.querySelectorAll("ol li")].map((li) => li.getAttribute("value"));
          return {
            xss: window.__xss ?? null, links, attrs, items, text: node.innerText,
            tags: [...new Set([...node.querySelectorAll("*")].map((e) => e.tagName.toLowerCase()))],
          };
        }""",
        HOSTILE_ANSWER,
    )
    assert result["xss"] is None
    for tag in ("img", "script", "svg", "b", "iframe"):
        assert tag not in result["tags"], result["tags"]
    assert not [name for name in result["attrs"] if name.startswith("on") or name == "style"]
    assert result["links"] == [
        "https://www.law.go.kr/%EB%B2%95%EB%A0%B9/%EC%A3%BC%ED%83%9D%EC%9E%84%EB%8C%80%EC%B0%A8%EB%B3%B4%ED%98%B8%EB%B2%95"
    ]
    for tag in ("h2", "strong", "blockquote", "ol", "table"):
        assert tag in result["tags"], result["tags"]
    assert result["items"] == ["3", "4"]  # statute 호 keep their numbers
    text = result["text"]
    assert '<img src=x onerror="window.__xss=4">' in text  # shown as the text it is
    assert "누르기" in text and "(javascript:" not in text  # a refused link keeps only its label
    assert "피싱" in text and "evil.example" not in text
    for mark in ("## ", "**", "|---", "](http"):
        assert mark not in text, mark


def test_chart_spaces_months_by_time_and_uses_one_unit(ui_server: ServerProcess, page: Page):
    page.goto(f"{ui_server.base_url}/")
    result = page.evaluate(
        """async () => {
          const { priceChart } = await import("/static/js/chart.js");
          const points = [
            { bucket: "2024-01", median_manwon: 95000 }, { bucket: "2024-02", median_manwon: 99000 },
            { bucket: "2024-06", median_manwon: 101000 }, { bucket: "2024-07", median_manwon: 120500 },
          ];
          const figure = priceChart(points);
          const xs = [...figure.querySelectorAll("circle")].map((c) => Number(c.getAttribute("cx")));
          const labels = [...figure.querySelectorAll("text.axis")].map((t) => t.textContent);
          return { xs, labels, lines: figure.querySelectorAll("polyline").length };
        }"""
    )
    xs = result["xs"]
    month = xs[1] - xs[0]
    assert abs((xs[2] - xs[1]) - 4 * month) < 0.01  # February → June is four months wide
    assert result["lines"] == 2  # the line breaks over the months with no contracts
    values = [t for t in result["labels"] if re.fullmatch(r"[\d.,]+", t)]
    assert "(억원)" in result["labels"] and len(values) == 3
    assert not any("만" in t or "억" in t for t in values), result["labels"]


def test_korean_words_do_not_break_mid_word(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    answer = ask(page, MARKET_QUESTION)
    style = answer.locator(".bubble").evaluate(
        "(node) => { const s = getComputedStyle(node); return [s.wordBreak, s.overflowWrap]; }"
    )
    assert style == ["keep-all", "anywhere"]
