"""`budongsan chat` given a paste longer than the server accepts, or one of several lines: in a
pseudo-terminal against a real server. Nothing is cut or split on the way: an over-long paste is refused
with the server's own message and nothing is stored; a multi-line paste is one question."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.e2e.test_terminal_chat import PROMPT, Terminal, plain

pytestmark = pytest.mark.e2e

PASSWORD = "Quiet-Harbor-Lantern-42"
BRACKETED_PASTE = ("\x1b[200~", "\x1b[201~")  # what a terminal sends around pasted text


@pytest.fixture(scope="module")
def server(servers: ServerFactory) -> ServerProcess:
    return servers.start("terminal-paste")


def stored_questions(server: ServerProcess, email: str) -> list[str]:
    token = httpx.post(
        f"{server.base_url}/api/v1/auth/token", data={"username": email, "password": PASSWORD}
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    chats = httpx.get(f"{server.base_url}/api/v1/chat/sessions", headers=headers).json()["items"]
    questions = []
    for chat in chats:
        url = f"{server.base_url}/api/v1/chat/sessions/{chat['session_id']}/messages?limit=100"
        questions += [
            m["content"] for m in httpx.get(url, headers=headers).json()["items"] if m["role"] == "user"
        ]
    return questions


def test_an_over_long_paste_gets_the_servers_message_and_a_multi_line_paste_is_one_question(server, tmp_path):
    email = f"paste-{uuid.uuid4().hex[:8]}@example.com"
    term = Terminal(server, tmp_path / "config")
    term.until("이메일: ")
    term.type(email)
    term.until("비밀번호: ")
    term.type(PASSWORD)
    term.until("새 계정을 만들까요? [y/N] ")
    term.type("y")
    term.until("비밀번호 확인: ")
    term.type(PASSWORD)
    term.until(PROMPT)

    start, end = BRACKETED_PASTE
    term.child.send(start + "전세 특약 검토 " * 600 + end + "\r")  # 4,800 characters on one line
    shown = plain(term.until(PROMPT))
    assert "메시지는 최대 4000자까지 보낼 수 있습니다" in shown, shown[-500:]
    assert stored_questions(server, email) == []

    term.child.send(start + "갱신요구권은\n몇 번 쓸 수 있어?" + end + "\r")
    term.until(PROMPT)
    assert stored_questions(server, email) == ["갱신요구권은\n몇 번 쓸 수 있어?"]
    term.type("/quit")
    assert term.exit_code() == 0
