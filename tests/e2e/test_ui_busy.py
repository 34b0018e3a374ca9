"""The web page when the server refuses what was typed: another tab's turn holds the chat (409), the
text is longer than the server accepts, a sign-up it cannot take. Real Chromium (Playwright) against a real
`budongsan serve`.

- Two tabs of one browser on one chat: the tab that loses gets 409 `turn_in_progress` with `Retry-After`,
  keeps its text, polls the transcript and shows the winning tab's question and answer when that turn ends.
- A paste longer than the limit is not cut: the server refuses it (422, or 413 beyond the body size) and
  the page shows the server's message with the whole text still in the box.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from backend.db import DatabaseUrl
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.e2e.ui_support import ARTIFACTS, DESKTOP, PASSWORD, TURN_TIMEOUT_MS, launch_chromium, open_page

pytestmark = pytest.mark.e2e

WINNER = "송파구 아파트 2024년 평균 매매가 추이"
LOSER = "서초구는 어때?"
MAX_CHARS = 4000


@pytest.fixture(scope="module")
def server(servers: ServerFactory) -> ServerProcess:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return servers.start("ui-busy")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@contextlib.contextmanager
def checkpoint_writes_blocked(db_url: DatabaseUrl) -> Iterator[None]:
    """Every graph run stops at its first checkpoint write until the block ends (reads still work): the
    winning turn is deterministically mid-turn, its question stored and the chat's lock held."""
    with psycopg.connect(db_url.libpq) as conn:
        conn.execute("LOCK TABLE checkpoints, checkpoint_blobs, checkpoint_writes IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            conn.rollback()


def sign_up(page: Page, server: ServerProcess) -> None:
    page.goto(f"{server.base_url}/")
    page.get_by_label("이메일").fill(f"busy-{uuid.uuid4().hex[:10]}@example.com")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="회원가입").click()
    expect(page.locator("#app-view")).to_be_visible()


def answers(page: Page) -> Locator:
    return page.locator("#messages .message.assistant:not(.live)")


def stored_messages(server: ServerProcess, page: Page, session_id: str) -> list[dict]:
    token = page.evaluate("localStorage.getItem('budongsan.token')")
    url = f"{server.base_url}/api/v1/chat/sessions/{session_id}/messages"
    return httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10).json()["items"]


def test_the_losing_tab_keeps_its_text_and_shows_the_winning_turn_when_it_ends(
    server: ServerProcess, browser: Browser, db_url: DatabaseUrl
):
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", timezone_id="Asia/Seoul")
    context.set_default_timeout(15_000)
    try:
        first, second = context.new_page(), context.new_page()  # two tabs: one login, one chat
        sign_up(first, server)
        first.get_by_role("button", name="새 채팅").click()
        expect(first.locator("#session-list .session")).to_have_count(1)
        session_id = first.evaluate("localStorage.getItem('budongsan.lastSession')")
        second.goto(f"{server.base_url}/")
        expect(second.locator(f'#session-list .session[data-session-id="{session_id}"]')).to_be_visible()
        refusals: list[dict[str, str]] = []
        second.on(
            "response",
            lambda r: (
                refusals.append(r.all_headers()) if r.status == 409 and r.request.method == "POST" else None
            ),
        )

        with checkpoint_writes_blocked(db_url):
            box = first.get_by_label("메시지", exact=True)
            box.fill(WINNER)
            box.press("Enter")
            expect(first.locator("#messages .message.user")).to_have_count(1)
            for _ in range(100):
                if stored_messages(server, first, session_id):
                    break
                first.wait_for_timeout(100)
            else:
                pytest.fail("the winning question was never stored")

            mine = second.get_by_label("메시지", exact=True)
            mine.fill(LOSER)
            mine.press("Enter")
            status = second.locator("#composer-status")
            expect(status).to_contain_text("이전 질문에 대한 답변이 아직 진행 중")
            expect(mine).to_have_value(LOSER)
            # The other tab's question shows up here while its answer is still being made.
            expect(second.locator("#messages .message.user")).to_contain_text(
                [WINNER], timeout=TURN_TIMEOUT_MS
            )
            expect(second.locator("#messages .elsewhere")).to_contain_text(
                "다른 창에서 보낸 질문에 답하는 중"
            )
            second.screenshot(path=ARTIFACTS / "20-busy-other-tab.png")

        assert refusals and refusals[0].get("retry-after", "").isdigit(), refusals
        expect(answers(first)).to_have_count(1, timeout=TURN_TIMEOUT_MS)
        expect(answers(second)).to_have_count(1, timeout=TURN_TIMEOUT_MS)
        expect(second.locator("#messages .elsewhere")).to_have_count(0)
        expect(answers(second).first).to_contain_text("송파구")
        expect(status).to_contain_text("답변이 끝났습니다")
        expect(mine).to_have_value(LOSER)  # still there, nothing lost
        second.screenshot(path=ARTIFACTS / "21-busy-other-tab-done.png")

        mine.press("Enter")  # now it goes through
        expect(answers(second)).to_have_count(2, timeout=TURN_TIMEOUT_MS)
        expect(second.locator("#messages .message.user")).to_contain_text([WINNER, LOSER])
        assert [m["content"] for m in stored_messages(server, second, session_id) if m["role"] == "user"] == [
            WINNER,
            LOSER,
        ]
    finally:
        context.close()


def test_a_paste_over_the_limit_is_refused_with_the_servers_message_and_kept_whole(
    server: ServerProcess, browser: Browser
):
    with open_page(browser) as page:
        sign_up(page, server)
        box = page.get_by_label("메시지", exact=True)
        status = page.locator("#composer-status")

        pasted = "전세 계약 특약 문구 검토 부탁드립니다. " * 200  # ≈ 4,800 characters
        assert len(pasted.strip()) > MAX_CHARS
        box.focus()
        page.keyboard.insert_text(pasted)  # what a paste does: nothing is cut on the way in
        expect(box).to_have_value(pasted)
        box.press("Enter")
        expect(status).to_contain_text(f"메시지는 최대 {MAX_CHARS}자까지 보낼 수 있습니다")
        expect(box).to_have_value(pasted.strip())
        expect(page.locator("#messages .message.user")).to_have_count(0)
        page.screenshot(path=ARTIFACTS / "22-paste-too-long.png")

        huge = "가" * 30_000  # 90 kB of UTF-8: over the request body limit (413)
        box.fill("")
        box.focus()
        page.keyboard.insert_text(huge)
        box.press("Enter")
        expect(status).to_contain_text("요청 본문이 너무 큽니다")
        assert len(box.input_value()) == len(huge)
        expect(page.locator("#messages .message.user")).to_have_count(0)


def test_a_sign_up_the_server_refuses_is_explained_by_the_servers_korean_detail(
    server: ServerProcess, browser: Browser
):
    with open_page(browser) as page:
        page.goto(f"{server.base_url}/")
        page.get_by_label("이메일").fill("minji@localhost")  # no dot: not an address that can register
        page.get_by_label("비밀번호").fill(PASSWORD)
        page.get_by_role("button", name="회원가입").click()
        expect(page.locator("#login-error")).to_have_text("이메일 형식이 올바르지 않습니다.")
