"""`budongsan serve` as shipped (a real process): /docs renders in a real browser with every request to
another host refused (as offline, or behind a strict egress filter) and no Content-Security-Policy
violation; a `?token=` URL leaves a masked, well-formed access-log line and no logging traceback."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Route, expect

from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.e2e.ui_support import launch_chromium, open_page

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(servers: ServerFactory) -> ServerProcess:
    return servers.start("docs")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


def test_docs_render_with_only_this_origin_reachable(server: ServerProcess, browser: Browser):
    elsewhere: list[str] = []

    def only_this_server(route: Route) -> None:
        if urlsplit(route.request.url).netloc == f"127.0.0.1:{server.port}":
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    with open_page(browser) as page:  # fails on page errors and CSP violations
        page.route("**/*", only_this_server)
        page.goto(f"{server.base_url}/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("budongsan API")
        expect(page.locator(".opblock-summary-path", has_text="/api/v1/chat/sessions").first).to_be_visible()
        page.get_by_role("button", name="Authorize").first.click()
        expect(page.locator(".auth-container input[type=text]").first).to_be_visible()
    assert elsewhere == [], f"the page tried other hosts: {elsewhere}"


def test_a_token_in_the_url_leaves_one_request_line_and_no_traceback(server: ServerProcess):
    """`budongsan serve` logs one line per request (ours, by route; uvicorn's own access log is off,
    tests/integration/test_api_holes.py checks its masking when it is on): no token, no traceback."""
    secret = f"not-a-real-token-{uuid.uuid4().hex}"
    assert httpx.get(f"{server.base_url}/healthz?token={secret}", timeout=10).status_code == 200
    probe = uuid.uuid4().hex
    assert httpx.get(f"{server.base_url}/readyz?probe={probe}", timeout=10).status_code == 200
    # a later line: once the /readyz request is logged, the /healthz one has been written too
    deadline = time.monotonic() + 10
    while '"route": "/readyz"' not in server.log_tail(200_000) and time.monotonic() < deadline:
        time.sleep(0.1)
    log = server.log_tail(200_000)
    assert '"route": "/healthz"' in log and '"route": "/readyz"' in log
    assert secret not in log
    assert "Traceback" not in log and "--- Logging error ---" not in log
