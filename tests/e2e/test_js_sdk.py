"""The official JavaScript client, `@langchain/langgraph-sdk`, against a real `budongsan serve` process.

Each pinned SDK in tests/js/sdk-<version>/ (1.8.x as agent-chat-ui locks it, npm's latest, the 2.x line)
runs the same node script (tests/js/turn.mjs): a streamed contract turn that ends in the approval interrupt,
a Command resume that approves it, then threads.search, getState, getHistory and runs.list. The script
prints a JSON summary and exits non-zero on any mismatch. The test needs no network: the packages are
installed beforehand by `npm ci` (README "Test it", `.ci/run`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import API, PASSWORD

pytestmark = pytest.mark.e2e
JS = Path(__file__).resolve().parent.parent / "js"
SDK_FOLDERS = sorted(p.name for p in JS.glob("sdk-*") if (p / "package.json").is_file())
NODE_TIMEOUT_S = 180
NODE_MAJOR = 20  # the SDK's own dependencies (p-retry 7, p-queue 9) declare node >= 20


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: apt-get install nodejs npm (README, 'Test it')")
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0]) < NODE_MAJOR:
        pytest.fail(f"@langchain/langgraph-sdk needs node >= {NODE_MAJOR}, {found} is {version}")
    return found


@pytest.fixture(scope="module")
def server(servers: ServerFactory) -> ServerProcess:
    return servers.start("js-sdk", langgraph_run_poll_s="0.05")


def api_key(server: ServerProcess) -> str:
    """A new user with a personal API key: what an SDK script or agent-chat-ui is given."""
    email = f"js-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        created = http.post(f"{API}/auth/register", json={"email": email, "password": PASSWORD})
        assert created.status_code == 201, created.text
        token = http.post(f"{API}/auth/token", data={"username": email, "password": PASSWORD})
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        key = http.post(f"{API}/users/me/api-keys", json={"name": "js-sdk"}, headers=auth)
        assert key.status_code == 201, key.text
        return key.json()["key"]


def test_every_pinned_sdk_folder_is_found() -> None:
    assert SDK_FOLDERS == ["sdk-1.15", "sdk-1.8", "sdk-2.0"]


@pytest.mark.parametrize("folder", SDK_FOLDERS)
def test_streamed_contract_turn_interrupt_and_resume(folder: str, node: str, server: ServerProcess) -> None:
    sdk = JS / folder
    pinned = json.loads((sdk / "package.json").read_text())["dependencies"]["@langchain/langgraph-sdk"]
    installed = sdk / "node_modules" / "@langchain" / "langgraph-sdk" / "package.json"
    if not installed.is_file():
        pytest.fail(
            f"@langchain/langgraph-sdk is not installed in {sdk.relative_to(JS.parent.parent)}: "
            f"run `npm ci --prefix tests/js/{folder} --no-audit --no-fund` (README, 'Test it')"
        )
    assert json.loads(installed.read_text())["version"] == pinned, f"run npm ci --prefix tests/js/{folder}"
    # No LangSmith/LangGraph keys from the environment: the script gets exactly our key.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("LANGSMITH_", "LANGCHAIN_", "LANGGRAPH_"))
    }
    env |= {"BUDONGSAN_URL": server.base_url, "BUDONGSAN_API_KEY": api_key(server)}
    done = subprocess.run(
        [node, str(sdk / "run.mjs")],
        cwd=sdk,
        env=env,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT_S,
        check=False,
    )
    print(done.stdout)  # the summary, shown with -rP
    report = f"exit {done.returncode}\n{done.stdout}\n{done.stderr}\n--- server log\n{server.log_tail()}"
    summary: dict[str, Any] = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    assert done.returncode == 0 and summary.get("ok") is True, report
    assert summary["sdk"] == pinned
    assert summary["interrupt"]["type"] == "contract_approval"
    assert summary["interrupt"]["allowed_decisions"] == ["approve", "edit", "reject"]
    assert summary["runs"] == ["success", "interrupted"]
    assert summary["final"]["chunks"] > 0 and summary["final"]["chars"] > 0
