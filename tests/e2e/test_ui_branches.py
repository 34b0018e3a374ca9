"""The web page with a forked chat (issue 17, forks): a question asked again from an earlier turn through
the LangGraph API shows as "‹ 2/2 ›" on the question, the page shows the branch last written, and the
arrows switch to the other branch — which the server remembers, so a reload shows the same one."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.e2e.test_ui import ask, current_session, sign_up
from tests.e2e.ui_support import TURN_TIMEOUT_MS, launch_chromium, open_page

FIRST = "송파구 아파트 2024년 평균 매매가 추이"
SECOND = "강남구는?"
EDITED = "서초구는?"


@pytest.fixture(scope="module")
def ui_server(servers: ServerFactory) -> ServerProcess:
    return servers.start("ui-branches")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with open_page(browser) as page:
        yield page


def questions(page: Page):
    return page.locator("#messages .message.user .bubble")


def test_a_forked_question_shows_its_alternatives_and_switching_sticks(ui_server: ServerProcess, page: Page):
    sign_up(page, ui_server)
    ask(page, FIRST)
    ask(page, SECOND)
    tid = current_session(page)
    token = page.evaluate("localStorage.getItem('budongsan.token')")
    with httpx.Client(
        base_url=ui_server.base_url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=TURN_TIMEOUT_MS / 1000,
    ) as http:
        history = http.post(f"/threads/{tid}/history", json={"limit": 10}).json()
        first_turn = history[-1]["checkpoint"]["checkpoint_id"]
        edited = http.post(
            f"/threads/{tid}/runs/wait",
            json={
                "assistant_id": "budongsan",
                "input": {"messages": [{"type": "human", "content": EDITED}]},
                "checkpoint_id": first_turn,
            },
        )
        assert edited.status_code == 200, edited.text

    page.reload()
    expect(questions(page)).to_have_text([FIRST, EDITED], timeout=TURN_TIMEOUT_MS)
    nav = page.locator("#messages .message.user .branch-nav")
    expect(nav).to_have_count(1)
    expect(nav.locator(".branch-count")).to_have_text("2/2")
    expect(nav.get_by_role("button", name="다음 질문 보기")).to_be_disabled()

    nav.get_by_role("button", name="이전 질문 보기").click()
    expect(questions(page)).to_have_text([FIRST, SECOND])
    expect(page.locator("#messages .branch-count")).to_have_text("1/2")
    expect(page.locator("#messages .message.assistant")).to_have_count(2)

    page.reload()  # the server remembers the branch
    expect(questions(page)).to_have_text([FIRST, SECOND], timeout=TURN_TIMEOUT_MS)
    expect(page.locator("#messages .branch-count")).to_have_text("1/2")
    ask(page, "그럼 2023년은?")  # and the next question follows it
    expect(questions(page)).to_have_text([FIRST, SECOND, "그럼 2023년은?"])
