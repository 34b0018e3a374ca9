"""Helpers for the browser tests (tests/e2e/test_ui.py): Debian's Chromium driven by Playwright.

Chromium is the system one (`apt-get install chromium`); no browser is ever downloaded. The server
process comes from the `servers` fixture of tests/e2e/conftest.py. Screenshots go to artifacts/ui/.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "ui"
CHROMIUM = Path(os.environ.get("BUDONGSAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct-horse-battery"
TURN_TIMEOUT_MS = 60_000
UI_TIMEOUT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class BrowserErrors:
    """Uncaught exceptions and Content-Security-Policy violations seen by a page."""

    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        if message.type == "error" and re.search(r"Content Security Policy|Refused to", message.text):
            self.csp_violations.append(message.text)


@contextlib.contextmanager
def launch_chromium() -> Iterator:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's Chromium (`apt-get install chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=60_000
        )
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def open_page(browser, viewport: dict[str, int] = DESKTOP) -> Iterator:
    """A fresh profile (its own localStorage); fails the test on page errors or CSP violations."""
    context = browser.new_context(viewport=viewport, locale="ko-KR", timezone_id="Asia/Seoul")
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    errors = BrowserErrors()
    page.on("pageerror", lambda error: errors.page_errors.append(str(error)))
    page.on("console", errors.on_console)
    try:
        yield page
    finally:
        context.close()
    assert not errors.page_errors, f"uncaught errors in the page: {errors.page_errors}"
    assert not errors.csp_violations, f"Content-Security-Policy violations: {errors.csp_violations}"
