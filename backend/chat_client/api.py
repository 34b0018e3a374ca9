"""The HTTP side of `budongsan chat`: the REST calls and the turn event stream (SSE) it reads.

Every failure becomes a `ClientError` whose message is one sentence a person can act on: the server's own
message for an API error (the common error shape), or what went wrong reaching the server.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

API = "/api/v1"
CONNECT_TIMEOUT_S = 5.0
# A JSON turn can queue (30 s) and run (120 s) on the server; the stream pings every 10 s meanwhile.
READ_TIMEOUT_S = 180.0


class ClientError(Exception):
    """Something the user must be told in one sentence."""


@dataclass
class ApiError(ClientError):
    status: int
    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)
    retry_after: str | None = None

    def __str__(self) -> str:
        wait = f" ({self.retry_after}초 뒤에 다시 해 보세요)" if self.retry_after else ""
        return f"{self.message}{wait}"


@dataclass(frozen=True)
class Event:
    """One server-sent event of a turn: metadata, plan, step, token, interrupt, final or error."""

    type: str
    data: dict[str, Any]


def normalize_url(raw: str) -> str:
    """`http(s)://host[:port][/prefix]` without a trailing slash; anything else is refused."""
    text = raw.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ClientError(f"--url {raw!r}는 서버 주소가 아닙니다: http://127.0.0.1:8000 처럼 적어 주세요.")
    return text


class ChatApi:
    """A signed-in (or not yet) connection to one budongsan server."""

    def __init__(self, base_url: str, token: str | None = None, *, transport: Any = None) -> None:
        self.base_url = normalize_url(base_url)
        self.token = token
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            headers={"User-Agent": "budongsan-chat"},
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    # --- server and account ---------------------------------------------------------------------

    def check_server(self) -> None:
        """A budongsan server answers /healthz with JSON; anything else is the wrong URL."""
        response = self._call("GET", "/healthz", auth=False)
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code != 200 or not isinstance(body, dict) or "status" not in body:
            raise ClientError(
                f"{self.base_url}는 budongsan 서버가 아닙니다 (/healthz가 {response.status_code})."
            )

    def register(self, email: str, password: str) -> None:
        self._ok(
            self._call(
                "POST", f"{API}/auth/register", json={"email": email, "password": password}, auth=False
            )
        )

    def login(self, email: str, password: str) -> str:
        form = {"username": email, "password": password}
        response = self._ok(self._call("POST", f"{API}/auth/token", data=form, auth=False))
        self.token = str(response.json()["access_token"])
        return self.token

    def logout(self) -> None:
        """Ends this login's session on the server: the token stops working everywhere at once."""
        self._ok(self._call("POST", f"{API}/auth/logout"))
        self.token = None

    def me(self) -> dict[str, Any]:
        return self._ok(self._call("GET", f"{API}/users/me")).json()

    # --- chats ----------------------------------------------------------------------------------

    def chats(self, limit: int = 20) -> list[dict[str, Any]]:
        response = self._ok(self._call("GET", f"{API}/chat/sessions", params={"limit": limit}))
        return list(response.json()["items"])

    def new_chat(self, title: str | None = None) -> dict[str, Any]:
        body = {"title": title} if title else {}
        return self._ok(self._call("POST", f"{API}/chat/sessions", json=body)).json()

    def rename_chat(self, session_id: str, title: str) -> dict[str, Any]:
        response = self._call("PATCH", f"{API}/chat/sessions/{session_id}", json={"title": title})
        return self._ok(response).json()

    def delete_chat(self, session_id: str) -> None:
        self._ok(self._call("DELETE", f"{API}/chat/sessions/{session_id}"))

    def transcript(self, session_id: str, limit: int = 20) -> list[dict[str, Any]]:
        """The newest `limit` messages of the chat's active branch, oldest first."""
        response = self._call("GET", f"{API}/chat/sessions/{session_id}/messages", params={"limit": limit})
        return list(self._ok(response).json()["items"])

    # --- turns ----------------------------------------------------------------------------------

    def ask(self, session_id: str, content: str, turn_id: uuid.UUID) -> Iterator[Event]:
        body = {"content": content, "turn_id": str(turn_id)}
        return self._events(f"{API}/chat/sessions/{session_id}/messages", body)

    def resume(
        self,
        session_id: str,
        action: str,
        feedback: str | None,
        interrupt_id: str | None,
        turn_id: uuid.UUID,
    ) -> Iterator[Event]:
        body: dict[str, Any] = {"action": action, "turn_id": str(turn_id)}
        if feedback:
            body["feedback"] = feedback
        if interrupt_id:
            body["interrupt_id"] = interrupt_id
        return self._events(f"{API}/chat/sessions/{session_id}/resume", body)

    def _events(self, path: str, body: dict[str, Any]) -> Iterator[Event]:
        """The turn's events as they arrive (`Accept: text/event-stream`)."""
        headers = {**self._auth(), "Accept": "text/event-stream"}
        try:
            with self._http.stream("POST", path, json=body, headers=headers) as response:
                if response.status_code != 200:
                    response.read()
                    self._ok(response)
                yield from parse_sse(response.iter_lines())
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from None

    # --- plumbing -------------------------------------------------------------------------------

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _call(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        headers = self._auth() if auth else {}
        try:
            return self._http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from None

    def _unreachable(self, exc: httpx.HTTPError) -> ClientError:
        if isinstance(exc, httpx.TimeoutException):
            return ClientError(f"{self.base_url}가 제시간에 답하지 않았습니다.")
        if isinstance(exc, httpx.ConnectError):
            return ClientError(
                f"{self.base_url}에 연결할 수 없습니다: 서버가 켜져 있는지 확인하세요 (budongsan serve)."
            )
        return ClientError(f"{self.base_url}와의 연결이 끊겼습니다 ({type(exc).__name__}).")

    @staticmethod
    def _ok(response: httpx.Response) -> httpx.Response:
        if response.status_code < 400:
            return response
        try:
            error = response.json()["error"]
            code, message = str(error["code"]), str(error["message"])
            details = error.get("details") or {}
        except (ValueError, KeyError, TypeError):
            code, message, details = "http_error", f"서버가 {response.status_code}로 답했습니다.", {}
        raise ApiError(
            response.status_code,
            code,
            message,
            details if isinstance(details, dict) else {},
            response.headers.get("Retry-After"),
        )


def parse_sse(lines: Iterator[str]) -> Iterator[Event]:
    """Server-sent events from text lines: `event:`/`data:` fields, a blank line ends one; `: ping`
    comments and events without JSON data are skipped."""
    kind, data = "message", []
    for line in lines:
        if not line:
            if data:
                try:
                    payload = json.loads("\n".join(data))
                except ValueError:
                    payload = None
                if isinstance(payload, dict):
                    yield Event(kind, payload)
            kind, data = "message", []
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                kind = value
            elif name == "data":
                data.append(value)
