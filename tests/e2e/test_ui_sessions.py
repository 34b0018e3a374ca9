"""The web page with login sessions: signing up refuses a weak password with the server's reason, and
"로그아웃" ends the session on the server, so the token the page held stops working at once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.e2e.ui_support import PASSWORD, launch_chromium, open_page

API = "/api/v1"


@pytest.fixture(scope="module")
def ui_server(servers: ServerFactory) -> ServerProcess:
    return servers.start("ui-sessions")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with open_page(browser) as page:
        yield page


def fill_login(page: Page, server: ServerProcess, email: str, password: str) -> None:
    page.goto(f"{server.base_url}/")
    expect(page.locator("#login-view")).to_be_visible()
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill(password)


def test_logout_ends_the_session_on_the_server(ui_server: ServerProcess, page: Page):
    email = f"ui-{uuid.uuid4().hex[:10]}@example.com"
    fill_login(page, ui_server, email, PASSWORD)
    page.get_by_role("button", name="회원가입").click()
    expect(page.locator("#user-email")).to_have_text(email)
    token = page.evaluate("localStorage.getItem('budongsan.token')")
    me = f"{ui_server.base_url}{API}/users/me"
    assert httpx.get(me, headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 200

    with page.expect_response(lambda r: r.url.endswith("/auth/logout")) as logout:
        page.locator("#logout-button").click()
    assert logout.value.status == 204
    expect(page.locator("#login-view")).to_be_visible()
    refused = httpx.get(me, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert refused.status_code == 401 and "다시 로그인" in refused.json()["error"]["message"]

    fill_login(page, ui_server, email, PASSWORD)  # and signs in again
    page.locator("#login-form button[data-mode='login']").click()
    expect(page.locator("#user-email")).to_have_text(email)


def test_a_weak_password_is_refused_with_the_servers_reason(ui_server: ServerProcess, page: Page):
    fill_login(page, ui_server, f"ui-{uuid.uuid4().hex[:10]}@example.com", "password")
    page.get_by_role("button", name="회원가입").click()
    expect(page.locator("#login-error")).to_contain_text("추측하기 쉬운 비밀번호")
    expect(page.locator("#login-view")).to_be_visible()
