"""`budongsan chat` as a person uses it: a pseudo-terminal (pexpect) typing into the real client, against a
real `budongsan serve` process on the loaded test database.

One walk through the product: sign up, ask a market question (its median checked against SQL written
here), watch it stream, get a contract draft, modify and approve it, keep and manage chats; then the
remembered login, logout ending the server session, and the failures that must be one sentence.
"""

from __future__ import annotations

import json
import os
import re
import stat
import statistics
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import httpx
import pexpect
import pytest
from sqlalchemy import text

from agents.formatting import won
from tests.e2e.conftest import ServerFactory, ServerProcess

pytestmark = pytest.mark.e2e

CLI = Path(sys.executable).with_name("budongsan")
EMAIL = "terminal-user@example.com"
PASSWORD = "Quiet-Harbor-Lantern-42"
PROMPT, ANSWER_PROMPT = "질문> ", "답변> "
# CSI sequences (colours, cursor moves), OSC (hyperlinks) and the keypad/bracketed-paste switches.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>]")
LIVE_STOPPED = "\x1b[?25h"  # rich shows the cursor again when the live preview ends


def plain(raw: str) -> str:
    return ANSI.sub("", raw).replace("\r", "")


class Terminal:
    """The client in a 40×160 pseudo-terminal; `until` returns what was shown before the next prompt."""

    def __init__(self, server: ServerProcess, config_home: Path, *args: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_")}
        env |= {"XDG_CONFIG_HOME": str(config_home), "TERM": "xterm-256color", "COLUMNS": "160"}
        self.child = pexpect.spawn(
            str(CLI),
            ["chat", "--url", server.base_url, *args],
            env=env,
            encoding="utf-8",
            dimensions=(40, 160),
            timeout=90,
        )

    def until(self, *prompts: str) -> str:
        index = self.child.expect_exact(list(prompts))
        self.matched = prompts[index]
        return str(self.child.before)

    def type(self, line: str) -> None:
        self.child.sendline(line)

    def exit_code(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None, self.child.signalstatus
        return self.child.exitstatus


def rendered_part(raw: str) -> str:
    """What stays on the screen after the live preview ended: the rendered answer."""
    assert LIVE_STOPPED in raw, plain(raw)[-2000:]
    return plain(raw.rsplit(LIVE_STOPPED, 1)[1])


async def songpa_2024_median(engine) -> str:
    """Independent SQL: every 2024 송파구 sale not flagged cancelled; median of the prices."""
    sql = text(
        "SELECT price_manwon FROM apt_trades WHERE sigungu_code = '11710' "
        "AND contract_date BETWEEN '2024-01-01' AND '2024-12-31' AND (cancelled IS NULL OR cancelled = false)"
    )
    async with engine.connect() as conn:
        prices = [row.price_manwon for row in await conn.execute(sql)]
    assert len(prices) > 1000
    median = Decimal(str(statistics.median(prices))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return won(int(median))


def api_get(server: ServerProcess, token: str, path: str) -> httpx.Response:
    return httpx.get(f"{server.base_url}{path}", headers={"Authorization": f"Bearer {token}"})


def transcript(server: ServerProcess, token: str) -> list[dict]:
    headers = {"Authorization": f"Bearer {token}"}
    chats = httpx.get(f"{server.base_url}/api/v1/chat/sessions", headers=headers).json()["items"]
    messages = []
    for chat in chats:
        url = f"{server.base_url}/api/v1/chat/sessions/{chat['session_id']}/messages?limit=100"
        messages += httpx.get(url, headers=headers).json()["items"]
    return messages


@pytest.fixture(scope="module")
def server(servers: ServerFactory) -> ServerProcess:
    return servers.start("terminal")


async def test_a_person_signs_up_asks_streams_and_approves_a_contract(server, loaded_engine, tmp_path):
    config = tmp_path / "config"
    term = Terminal(server, config)

    # Sign up: the login fails (no such account), the client offers to create it.
    term.until("이메일: ")
    term.type(EMAIL)
    term.until("비밀번호: ")
    term.type(PASSWORD)
    assert "이메일 또는 비밀번호가 올바르지 않습니다" in plain(term.until("새 계정을 만들까요? [y/N] "))
    term.type("y")
    term.until("비밀번호 확인: ")
    term.type(PASSWORD)
    shown = plain(term.until(PROMPT))
    assert "계정을 만들었습니다" in shown and f"{EMAIL}(으)로 로그인했습니다" in shown
    credentials = config / "budongsan" / "chat-credentials.json"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    token = json.loads(credentials.read_text())["servers"][server.base_url]["token"]

    # A market question: progress steps, the streamed text, then the rendered answer with the figure.
    term.type("송파구 2024년 아파트 매매 중위가격 알려줘")
    raw = term.until(PROMPT)
    expected = await songpa_2024_median(loaded_engine)
    answer = rendered_part(raw)
    assert f"중위가격은 {expected}" in answer, answer[:1500]
    preview = plain(raw.rsplit(LIVE_STOPPED, 1)[0])
    # a step shown as it started; the live placeholder "…" it was printed over may precede it once the
    # cursor movements that erased it are stripped
    assert re.search(r"^…?\s+▸ \S", preview, re.M), preview[:1500]
    stored = transcript(server, token)[-1]["content"]
    last_line = [line for line in stored.splitlines() if line.strip()][-1]
    assert last_line in preview  # the raw text was on screen while it streamed
    assert "## " in stored and "\n## " not in answer  # headings rendered, not shown as markup

    # A contract draft waits: modify it, then approve it.
    term.type("임대차 계약서 써줘")
    shown = plain(term.until(ANSWER_PROMPT, PROMPT))
    assert term.matched == ANSWER_PROMPT, shown[-1500:]
    assert "승인 / 수정 / 거절" in shown and "/approve" in shown
    term.type("/modify 보증금 2억으로")
    assert "보증금 2억원" in plain(term.until(ANSWER_PROMPT))
    term.type("/approve")
    approved = rendered_part(term.until(PROMPT))
    assert "계약서 체크리스트" in approved and "보증금: 2억원" in approved, approved[:1500]
    resumes = [m["structured_data"] for m in transcript(server, token) if m["role"] == "user"]
    assert [r["resume"]["action"] for r in resumes if r and "resume" in r] == ["modify", "approve"]

    # Chats: list, new, rename, switch back, delete.
    term.type("/new")
    assert "새 대화" in plain(term.until(PROMPT))
    term.type("/rename 분당 전세 알아보기")
    assert "이름을 바꿨습니다: 분당 전세 알아보기" in plain(term.until(PROMPT))
    term.type("/chats")
    listed = plain(term.until(PROMPT))
    assert re.search(r"\*1\s+분당 전세 알아보기\s+0", listed), listed
    assert re.search(r"2\s+송파구 2024년 아파트 매매 중위가격 알려줘\s+8", listed), listed
    term.type("/open 2")
    opened = plain(term.until(PROMPT))
    assert "대화: 송파구 2024년" in opened and "계약서 체크리스트" in opened
    term.type("/delete 1")
    term.until("되돌릴 수 없습니다. [y/N] ")
    term.type("y")
    assert "지웠습니다: 분당 전세 알아보기" in plain(term.until(PROMPT))
    titles = [c["title"] for c in api_get(server, token, "/api/v1/chat/sessions").json()["items"]]
    assert titles == ["송파구 2024년 아파트 매매 중위가격 알려줘"]
    term.type("/quit")
    assert term.exit_code() == 0

    # The next start is signed in already; /logout ends the session on the server and forgets the token.
    again = Terminal(server, config)
    assert f"{EMAIL}(으)로 로그인되어 있습니다" in plain(again.until(PROMPT))
    again.type("/logout")
    assert again.exit_code() == 0
    assert server.base_url not in json.loads(credentials.read_text())["servers"]
    assert api_get(server, token, "/api/v1/users/me").status_code == 401


def test_a_stored_token_that_no_longer_works_asks_to_sign_in_again(server, tmp_path):
    credentials = tmp_path / "config" / "budongsan" / "chat-credentials.json"
    credentials.parent.mkdir(parents=True)
    servers = {server.base_url: {"email": "someone@example.com", "token": "not-a-token"}}
    credentials.write_text(json.dumps({"servers": servers}))
    term = Terminal(server, tmp_path / "config")
    assert "다시 로그인해 주세요" in plain(term.until("이메일 [someone@example.com]: "))
    term.child.sendeof()
    assert term.exit_code() == 1


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://example.com", "서버 주소가 아닙니다"),
        ("http://127.0.0.1:9", "연결할 수 없습니다"),
    ],
    ids=["not http", "nothing listening"],
)
def test_a_wrong_or_unreachable_url_is_one_sentence_and_a_non_zero_exit(url, says, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_")}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    run = subprocess.run(
        [str(CLI), "chat", "--url", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_a_url_that_is_not_a_budongsan_server_is_said_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_")}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    (tmp_path / "healthz").write_text("<html>not us</html>")
    with subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as web:
        try:
            assert web.stdout is not None
            port = re.search(r"port (\d+)", web.stdout.readline()).group(1)  # type: ignore[union-attr]
            run = subprocess.run(
                [str(CLI), "chat", "--url", f"http://127.0.0.1:{port}"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                stdin=subprocess.DEVNULL,
            )
        finally:
            web.kill()
    assert run.returncode == 1
    assert "budongsan 서버가 아닙니다" in run.stderr and "Traceback" not in run.stderr
