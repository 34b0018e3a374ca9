"""What the Python SDK's question after a stream costs (issue 20): `langgraph-sdk` asks for the run
(`GET …/runs/{r}`) after every stream that sent a `Location` header and ended without an `end` event,
as the LangGraph servers' streams do. A run this process drove to its end is answered from the row its
driver wrote: the credential and the thread's owner are read, the run's row is not."""

from __future__ import annotations

import re

from tests.integration import test_turn_statements as counted
from tests.integration.api_support import client_for, parse_sse, sign_up
from tests.integration.test_turn_statements import Recorder, _new_thread_runs, _run_body

app = counted.app  # the statement-counting app and recorder of the turn budgets
recorder = counted.recorder

RUN_ROWS = re.compile(r"\bruns\b")


async def test_asking_for_a_run_this_process_finished_reads_no_run_row(app, recorder: Recorder) -> None:
    async with client_for(app) as client:
        account = await sign_up(client)
        url = await _new_thread_runs(client, account)
        streamed = await client.post(
            f"{url}/stream", json=_run_body("마포구 전세 시세"), headers=account.headers
        )
        assert streamed.status_code == 200, streamed.text
        assert streamed.headers["location"].endswith("/stream")
        run_url = streamed.headers["content-location"]
        run_id = next(data["run_id"] for event, data in parse_sse(streamed.text) if event == "metadata")
        with recorder.recording():
            check = await client.get(run_url, headers=account.headers)
        assert check.status_code == 200 and check.json()["status"] == "success"
        assert check.json()["run_id"] == run_id
        assert not [s.sql for s in recorder.statements if RUN_ROWS.search(s.sql)]
        assert recorder.count("turn") <= 2  # the API key, the thread's owner

        # someone else's thread: still 404, before any run is looked at
        other = await sign_up(client)
        assert (await client.get(run_url, headers=other.headers)).status_code == 404
        # a run of another thread of the same user: 404 as well
        second = await _new_thread_runs(client, account)
        foreign = f"{second}/{run_url.rsplit('/', 1)[1]}"
        assert (await client.get(foreign, headers=account.headers)).status_code == 404
