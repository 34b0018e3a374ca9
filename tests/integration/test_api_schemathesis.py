"""Schemathesis against our OpenAPI: generated requests for every operation, signed in, each answer checked.

Why a real server in a thread: the app's pools and the agent graph belong to the event loop their lifespan
ran on. Schemathesis' ASGI transport runs apps on a loop thread of its own and its pytest plugin ends every
lifespan it started after each test, so a module-wide app would be restarted per operation. Here uvicorn
serves the app on loopback from a thread with its own loop and its own lifespan, schemathesis sends each
case over real HTTP with its requests transport (its own serialization, no adapter code of ours), and the
accounts are set up and the database checked from the test session's loop, as in the other API tests.

Per operation: schemathesis' coverage cases (deterministic boundaries, missing or wrong-typed fields, other
methods), then Hypothesis-drawn positive and negative cases from a fixed seed. About 750 requests in all;
the same cases on every run, no shrinking and no example database (nothing is written into the repo).
Every other positive case is pointed at real data of the account (a chat, a paused chat, a preference).
"""

from __future__ import annotations

import itertools
import re
import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    allow_header_conformance,
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from schemathesis.core.failures import FailureGroup
from sqlalchemy import text

from backend.app import create_app
from backend.settings import Settings
from tests.integration.api_support import (
    API,
    PASSWORD,
    Account,
    api_settings,
    new_session,
    scalar,
    sign_up,
    wait_until,
)

EXAMPLES_PER_MODE = 10
# Each accepted question runs the whole agent graph: fewer cases for the two turn operations.
TURN_EXAMPLES_PER_MODE = 5
TURN_OPERATIONS = {
    f"POST {API}/chat/sessions/{{session_id}}/messages",
    f"POST {API}/chat/sessions/{{session_id}}/resume",
}
SEED = 20260105
# Where a schema-valid request may still be refused with 422 because validity depends on stored data:
# a page cursor is opaque (only ones we issued decode), and a preference's value must suit its key.
ACCEPTED_OR_SEMANTIC_422 = {"expected-statuses": ["2xx", "401", "404", "409", "422"]}
SEMANTIC_REJECTIONS = [
    {
        "include-path": path,
        "include-method": method,
        "checks": {"positive_data_acceptance": ACCEPTED_OR_SEMANTIC_422},
    }
    for method, path in (("GET", f"{API}/chat/sessions"), ("PUT", f"{API}/memory/preferences/{{pref_id}}"))
] + [
    # A password's strength and an address's script are judged beyond the schema (422 weak_password /
    # invalid_email); a generated current password is wrong (403), and guessing it is throttled (429).
    # (`include-name`: separate include-path/include-method filters match either, not both.)
    {
        "include-name": f"POST {path}",
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "403", "409", "422", "429"]}},
    }
    for path in (f"{API}/auth/register", f"{API}/users/me/password")
]


def _operation_labels() -> list[str]:
    """Every operation our OpenAPI documents (built without a database: create_app does no I/O)."""
    spec = create_app(Settings(database_url=None)).openapi()
    return [f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item]


OPERATIONS = _operation_labels()


def error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every 4xx/5xx body is the common `{"error": {"code", "message", "details"}}` and echoes no traceback."""
    if response.status_code < 400:
        return None
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"{response.status_code} body is not JSON: {response.text[:200]!r}") from None
    assert isinstance(body, dict) and set(body) == {"error"}, f"not the error shape: {body!r}"
    error = body["error"]
    assert isinstance(error, dict) and set(error) == {"code", "message", "details"}, (
        f"error fields: {error!r}"
    )
    assert isinstance(error["code"], str) and error["code"], f"error code: {error!r}"
    assert isinstance(error["message"], str) and error["message"], f"error message: {error!r}"
    assert isinstance(error["details"], dict), f"error details: {error!r}"
    assert "Traceback" not in response.text
    return None


# The LangGraph surface keeps the paths the SDKs call, and they overlap by design (as in langgraph-api):
# /threads/search is also /threads/{thread_id}, /assistants/search also /assistants/{assistant_id},
# /threads/{t}/runs/stream also /threads/{t}/runs/{run_id}; a 405's Allow header names the methods of
# both routes. Everywhere else the header must match the schema exactly.
OVERLAPPING_PATHS = re.compile(r"^/(?:threads|assistants)/")


def allow_header_where_paths_are_distinct(ctx: Any, response: Any, case: Any) -> bool | None:
    if OVERLAPPING_PATHS.match(case.path):
        return None
    return allow_header_conformance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    ignored_auth,
    unsupported_method,
    allow_header_where_paths_are_distinct,
    error_shape,
]


@dataclass
class Target:
    """The served app, a signed-in fuzzing account with real ids, and a bystander who must stay untouched."""

    base_url: str
    schema: Any
    http: requests.Session
    fuzzer: Account
    session_id: str
    preferences: list[tuple[int, Any]]
    entity_pks: list[int]
    bystander: Account
    bystander_snapshot: Any
    statuses: dict[str, dict[int, int]] = field(default_factory=dict)

    def bearer(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def throwaway_token(self) -> str:
        """A fresh account for `DELETE /users/me`: deleting the fuzzing account would end the run."""
        email = f"gone-{uuid.uuid4().hex[:12]}@example.com"
        created = self.http.post(
            f"{self.base_url}{API}/auth/register", json={"email": email, "password": PASSWORD}
        )
        assert created.status_code == 201, created.text
        token = self.http.post(
            f"{self.base_url}{API}/auth/token", data={"username": email, "password": PASSWORD}
        )
        assert token.status_code == 200, token.text
        return token.json()["access_token"]

    def fresh_session(self) -> str:
        response = self.http.post(
            f"{self.base_url}{API}/chat/sessions", json={}, headers=self.bearer(self.fuzzer.token)
        )
        assert response.status_code == 201, response.text
        return response.json()["session_id"]

    def paused_session(self) -> str:
        """A chat whose assistant waits on a contract approval, so a resume has something to answer."""
        session_id = self.fresh_session()
        paused = self.http.post(
            f"{self.base_url}{API}/chat/sessions/{session_id}/messages",
            json={"content": "임대차 계약서 써줘"},
            headers=self.bearer(self.fuzzer.token),
        )
        assert paused.status_code == 200 and paused.json()["interrupt"], paused.text
        return session_id


class ServerThread:
    """uvicorn on a loopback port, in a thread with its own event loop (it runs the app's lifespan)."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(app, lifespan="on", log_level="warning", timeout_graceful_shutdown=10)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, name="schemathesis-server", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self.sock.getsockname()
        return f"http://{host}:{port}"

    def start(self, timeout_s: float = 60) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout_s
        while not self.server.started:
            assert self.thread.is_alive(), "the server stopped while starting (see its log)"
            assert time.monotonic() < deadline, "the server did not start in time"
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.sock.close()
        assert not self.thread.is_alive(), "the server did not stop"


async def _pending_jobs(engine: Any, user_id: uuid.UUID) -> int:
    return await scalar(
        engine, "SELECT count(*) FROM memory_jobs WHERE user_id = :u AND done_at IS NULL", u=user_id
    )


SNAPSHOT_SQL = """
SELECT jsonb_build_object(
  'user', (SELECT to_jsonb(u) FROM users u WHERE u.id = :u),
  'chats', (SELECT jsonb_agg(to_jsonb(c) ORDER BY c.session_id) FROM chat_sessions c WHERE c.user_id = :u),
  'messages', (SELECT jsonb_agg(to_jsonb(m) ORDER BY m.id) FROM chat_messages m
               JOIN chat_sessions c USING (session_id) WHERE c.user_id = :u),
  'preferences', (SELECT jsonb_agg(to_jsonb(p) ORDER BY p.id) FROM user_preferences p WHERE p.user_id = :u),
  'entities', (SELECT jsonb_agg(to_jsonb(e) ORDER BY e.id) FROM entity_memories e WHERE e.user_id = :u),
  'conversations', (SELECT jsonb_agg(to_jsonb(m) ORDER BY m.id) FROM conversation_memories m
                    WHERE m.user_id = :u),
  'checkpoints', (SELECT count(*) FROM checkpoints k
                  WHERE k.thread_id IN (SELECT session_id::text FROM chat_sessions WHERE user_id = :u))
)
"""


async def _snapshot(engine: Any, user_id: uuid.UUID) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(text(SNAPSHOT_SQL), {"u": user_id})).scalar_one()


@pytest.fixture(scope="module")
async def target(db_url, test_settings, loaded_engine, engine, tmp_path_factory) -> AsyncIterator[Target]:
    # Hypothesis caches what it learns about the source tree under ./.hypothesis: keep it out of the repo.
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    settings = api_settings(test_settings, db_url, rate_limit_per_minute=0, memory_poll_s=0.05)
    server = ServerThread(create_app(settings))
    server.start()
    try:
        base_url = server.base_url
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
            bystander = await sign_up(client)
            their_chat = await new_session(client, bystander, "남의 대화")
            said = await client.post(
                f"{API}/chat/sessions/{their_chat}/messages",
                json={"content": "송파구에서 전세 6억 이하 30평대 찾고 있어요."},
                headers=bystander.headers,
            )
            assert said.status_code == 200, said.text

            fuzzer = await sign_up(client)
            session_id = await new_session(client, fuzzer)
            for question in ("송파구에서 전세 6억 이하 30평대 찾고 있어요.", "잠실엘스 84㎡ 시세 알려줘"):
                asked = await client.post(
                    f"{API}/chat/sessions/{session_id}/messages",
                    json={"content": question},
                    headers=fuzzer.headers,
                )
                assert asked.status_code == 200, asked.text
            for account in (bystander, fuzzer):
                await wait_until(lambda a=account: _pending_jobs(engine, a.user_id), 0)
            prefs = (await client.get(f"{API}/memory/preferences", headers=fuzzer.headers)).json()["items"]
            ents = (await client.get(f"{API}/memory/entities", headers=fuzzer.headers)).json()["items"]
        assert prefs and ents, "the fuzzing account should have remembered preferences and entities"
        snapshot = await _snapshot(engine, bystander.user_id)
        assert snapshot["messages"] and snapshot["preferences"] and snapshot["checkpoints"]

        config = schemathesis.Config.from_dict(
            {
                "seed": SEED,
                "generation": {"with-security-parameters": False},
                "request-timeout": 60,
                "operations": SEMANTIC_REJECTIONS,
            }
        )
        schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json", config=config)
        with requests.Session() as http:
            yield Target(
                base_url=base_url,
                schema=schema,
                http=http,
                fuzzer=fuzzer,
                session_id=session_id,
                preferences=[(p["id"], p["value"]) for p in prefs],
                entity_pks=[e["id"] for e in ents],
                bystander=bystander,
                bystander_snapshot=snapshot,
            )
    finally:
        server.stop()


def _known_values(target: Target, case: Any, n: int) -> None:
    """Points the n-th case at real data of the fuzzing account, when the operation takes an id of it.

    The choice depends on `n` only, never on a Hypothesis draw: the ids change as cases delete them, and a
    strategy that depends on such state is (rightly) reported as flaky by Hypothesis.
    """
    path = case.path_parameters or {}
    if "session_id" in path:
        if case.method.upper() == "DELETE":
            path["session_id"] = target.fresh_session()
        elif case.path.endswith("/resume"):
            path["session_id"] = target.paused_session()
        else:
            path["session_id"] = target.session_id
    elif "pref_id" in path:
        pref_id, stored = target.preferences[n % len(target.preferences)]
        path["pref_id"] = pref_id
        if isinstance(case.body, dict) and n % 4 == 1:
            case.body["value"] = stored  # a value that suits the key: the correction goes through
    elif "entity_pk" in path:
        path["entity_pk"] = target.entity_pks[n % len(target.entity_pks)]
    elif case.path.endswith("/auth/token") and isinstance(case.body, dict):
        case.body.update(username=target.fuzzer.email, password=PASSWORD)


class OperationRun:
    """Sends the cases of one operation and collects what the checks say about the answers."""

    def __init__(self, target: Target, operation: Any) -> None:
        self.target = target
        self.operation = operation
        self.failures: dict[str, str] = {}
        self.sent = itertools.count()

    def exchange(self, case: Any, phase: str) -> None:
        n = next(self.sent)
        positive = case.meta is not None and case.meta.generation.mode is GenerationMode.POSITIVE
        if positive and n % 2 == 1:  # every other positive case uses real ids of the account
            _known_values(self.target, case, n)
        target = self.target
        deletes_account = case.method.upper() == "DELETE" and case.path == f"{API}/users/me"
        logs_out = case.method.upper() == "POST" and case.path == f"{API}/auth/logout"  # ends its session
        own = deletes_account or logs_out
        headers = target.bearer(target.throwaway_token() if own else target.fuzzer.token)
        kwargs = {"base_url": target.base_url, "session": target.http, "headers": headers}
        response = case.call(**kwargs)
        counts = target.statuses.setdefault(f"{self.operation.label} [{phase}]", {})
        counts[response.status_code] = counts.get(response.status_code, 0) + 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers, transport_kwargs=kwargs)
        except FailureGroup as group:
            curl = case.as_curl_command(headers=headers, base_url=target.base_url)
            for failure in group.exceptions:
                key = f"{failure.title}: {failure.message}".splitlines()[0]
                self.failures.setdefault(key, f"[{phase}] {failure.title}\n{failure.message}\n{curl}")

    def coverage(self) -> None:
        """Schemathesis' deterministic edge cases: boundaries, missing and wrong-typed fields, other methods."""
        schema = self.target.schema
        config = schema.config.generation_for(operation=self.operation)
        cases = schema.iter_coverage_cases(
            self.operation, generation_modes=list(GenerationMode), generation_config=config
        )
        for case in cases:
            self.exchange(case, "coverage")

    def fuzz(self, mode: GenerationMode) -> None:
        """Hypothesis-generated cases from a fixed seed; no shrinking, no example database."""
        budget = TURN_EXAMPLES_PER_MODE if self.operation.label in TURN_OPERATIONS else EXAMPLES_PER_MODE

        @seed(SEED)
        @settings(
            max_examples=budget,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=self.operation.as_strategy(generation_mode=mode))
        def send(case: Any) -> None:
            self.exchange(case, mode.value)

        try:
            send()
        except Unsatisfiable:
            if mode is not GenerationMode.NEGATIVE:
                raise
            # Every value of its inputs is schema-valid (free-form ids such as the LangGraph surface's
            # thread and assistant ids): there is nothing to break; the coverage phase still sends
            # wrong types and other methods.


def _has_input(operation: Any) -> bool:
    """Negative cases need something to break: operations without parameters or body get positive ones only."""
    return any(True for _ in operation.iter_parameters()) or len(operation.body) > 0


# Operations whose success needs real data of the account: a 2xx proves the cases reached the deep paths.
MUST_SUCCEED = {
    f"POST {API}/auth/register": 201,
    f"POST {API}/auth/token": 200,
    f"DELETE {API}/users/me": 204,
    f"GET {API}/chat/sessions/{{session_id}}": 200,
    f"PATCH {API}/chat/sessions/{{session_id}}": 200,
    f"DELETE {API}/chat/sessions/{{session_id}}": 204,
    f"POST {API}/chat/sessions/{{session_id}}/messages": 200,
    f"POST {API}/chat/sessions/{{session_id}}/resume": 200,
    f"GET {API}/chat/sessions/{{session_id}}/messages": 200,
    f"PUT {API}/memory/preferences/{{pref_id}}": 200,
    f"DELETE {API}/memory/preferences/{{pref_id}}": 204,
    f"DELETE {API}/memory/entities/{{entity_pk}}": 204,
}


def test_the_served_openapi_has_exactly_the_operations_fuzzed_here(target: Target) -> None:
    served = {result.ok().label for result in target.schema.get_all_operations()}
    assert served == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_generated_requests_get_documented_answers(target: Target, label: str) -> None:
    operation = target.schema.find_operation_by_label(label)
    assert operation is not None, label
    run = OperationRun(target, operation)
    run.coverage()
    run.fuzz(GenerationMode.POSITIVE)
    if _has_input(operation):
        run.fuzz(GenerationMode.NEGATIVE)
    statuses = {key: counts for key, counts in target.statuses.items() if key.startswith(f"{label} [")}
    print("\n".join(f"{key}: {dict(sorted(counts.items()))}" for key, counts in statuses.items()))
    assert not run.failures, f"{label}:\n\n" + "\n\n".join(run.failures.values())
    if label in MUST_SUCCEED:
        assert any(counts.get(MUST_SUCCEED[label]) for counts in statuses.values()), statuses


async def test_the_bystanders_data_is_unchanged(target: Target, engine) -> None:
    """Runs after the fuzzing above (file order): another user's rows are exactly as before it."""
    assert target.statuses, "run the whole module: this checks what the generated requests did"
    assert await _snapshot(engine, target.bystander.user_id) == target.bystander_snapshot
