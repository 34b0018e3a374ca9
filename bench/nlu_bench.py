"""NLU and planning CPU per turn, before and after a change, next to a morphological analyzer's cost.

Loads the data into a database on the server of `--database-url` (created as `budongsan_nlu_bench`,
dropped at the end unless --keep), then, in a child process per source tree (so each imports its own
`agents`), builds the gazetteer from that database and measures with `time.process_time` over the
user turns of tests/eval/dev.json, in conversation order (follow-ups see the previous frame):

- parse: `agents.nlu.parse(text, gazetteer, today)`, called directly and via `asyncio.to_thread`
  (which is how the planning node calls it now);
- planning: what the planning node does before memory and plans: `agents.planning.understand` (the
  offline NLU, in a worker thread where the tree does that) and `agents.planning.frame_of` (the
  dialogue layer), or the tree's `_context_fill` where it has no `frame_of`.

`--before REV` also measures that commit, from a temporary `git worktree` (removed afterwards), and
prints after/before. `--kiwi-python PATH` runs kiwipiepy in that interpreter (a throwaway venv: it
is not a project dependency) over the same sentences: start time, RSS, per-sentence tokenize CPU.
The trees (and kiwipiepy) take turns for --rounds rounds of --repeats passes each (after one pass
of warm-up per process), so a change in the machine's load falls on all of them alike. A turn's
figure is the median of its passes; mean / p50 / p99 are over the turns.

    python bench/nlu_bench.py [--database-url URL] [--before 2dbf758] [--kiwi-python /tmp/kiwi/bin/python]

Not a test: it prints figures measured in this run (see bench/README.md, "NLU and planning cost").
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_SET = REPO_ROOT / "tests" / "eval" / "dev.json"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_NAME = "budongsan_nlu_bench"
RESULT_PREFIX = "RESULT "
SAMPLES = (
    "parse",
    "parse_thread",
    "understand",
    "frame",
    "plan",
)  # CPU µs per turn and pass, from a tree's child

# Run in the kiwipiepy interpreter: [sentences, repeats] as JSON on stdin, one RESULT line on stdout.
KIWI_CHILD = """
import json, sys, time
started = time.perf_counter()
from kiwipiepy import Kiwi
import kiwipiepy
kiwi = Kiwi()
kiwi.tokenize("모델을 준비합니다")
loaded = time.perf_counter() - started
def rss_mb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
rss_loaded = rss_mb("VmRSS:")
sentences, repeats = json.load(sys.stdin)
samples = [[] for _ in sentences]
for rep in range(repeats + 1):
    for i, text in enumerate(sentences):
        begin = time.process_time()
        kiwi.tokenize(text)
        if rep:
            samples[i].append((time.process_time() - begin) * 1e6)
print("RESULT " + json.dumps({
    "version": kiwipiepy.__version__, "start_s": loaded, "rss_mb": rss_loaded,
    "peak_mb": rss_mb("VmHWM:"), "tokenize": samples,
}))
"""


def dev_conversations() -> tuple[dt.date, list[list[str]]]:
    doc = json.loads(DEV_SET.read_text(encoding="utf-8"))
    conversations = [[turn["user"] for turn in c["turns"]] for c in doc["conversations"]]
    return dt.date.fromisoformat(doc["today"]), conversations


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- the child: measures one source tree -----------------------------------------------------------


class _Deps:
    """What `understand` and `frame_of` read from AgentDeps: the gazetteer and today."""

    def __init__(self, gazetteer: Any, today: dt.date) -> None:
        self.gazetteer = gazetteer
        self._today = today

    def today(self) -> dt.date:
        return self._today


def _next_state(tree: dict[str, Any], query: str, state: dict[str, Any], outcome: Any) -> dict[str, Any]:
    """The state the next turn starts from, as the tree's answer node leaves it."""
    if tree["respond"] is not None and hasattr(tree["respond"], "_next_frame"):
        frame = outcome
        done = {
            **state,
            "intent": frame.intent.value,
            "slots": frame.slots.model_dump(),
            "recent_months": frame.recent_months,
        }
        return {"query": query, **tree["respond"]._next_frame(done)}
    slots = outcome  # the tree without a dialogue layer carried non-empty slots only
    context = {k: v for k, v in slots.model_dump().items() if v is not None} or state.get("context_slots")
    return {"query": query, "context_slots": context or {}}


async def _plan_turn(
    tree: dict[str, Any], deps: _Deps, query: str, state: dict[str, Any]
) -> tuple[Any, float, float]:
    """Planning's understanding of one turn in the tree's own way: (what `_next_state` reads, CPU µs
    of `understand`, CPU µs of what reads it against the previous turn)."""
    planning = tree["planning"]
    begin = time.process_time()
    if hasattr(planning, "frame_of"):
        nlu = await planning.understand(tree["dialogue"].strip_negated(query), deps, None)
        understood = time.process_time()
        outcome = planning.frame_of({**state, "query": query}, nlu, deps)
    else:
        nlu = await planning.understand(query, deps, None)
        understood = time.process_time()
        outcome, _ = planning._context_fill(nlu.slots, state.get("context_slots") or {}, nlu)
    done = time.process_time()
    return outcome, (understood - begin) * 1e6, (done - understood) * 1e6


async def _measure_tree(sqlalchemy_url: str, repeats: int) -> dict[str, Any]:
    from sqlalchemy.ext.asyncio import create_async_engine

    started = time.perf_counter()
    tree: dict[str, Any] = {
        "nlu": importlib.import_module("agents.nlu"),
        "planning": importlib.import_module("agents.planning"),
        "gazetteer": importlib.import_module("agents.gazetteer"),
    }
    for optional in ("dialogue", "respond"):
        try:
            tree[optional] = importlib.import_module(f"agents.{optional}")
        except ModuleNotFoundError:
            tree[optional] = None
    imported = time.perf_counter() - started
    engine = create_async_engine(sqlalchemy_url)
    try:
        gazetteer = await tree["gazetteer"].load_gazetteer(engine)
    finally:
        await engine.dispose()
    loaded = time.perf_counter() - started - imported
    today, conversations = dev_conversations()
    deps = _Deps(gazetteer, today)
    parse = tree["nlu"].parse
    n_turns = sum(len(c) for c in conversations)
    samples: dict[str, list[list[float]]] = {kind: [[] for _ in range(n_turns)] for kind in SAMPLES}
    for rep in range(repeats + 1):  # pass 0 warms up
        i = 0
        for conversation in conversations:
            for text in conversation:
                begin = time.process_time()
                parse(text, gazetteer, today)
                if rep:
                    samples["parse"][i].append((time.process_time() - begin) * 1e6)
                begin = time.process_time()
                await asyncio.to_thread(parse, text, gazetteer, today)
                if rep:
                    samples["parse_thread"][i].append((time.process_time() - begin) * 1e6)
                i += 1
        i = 0
        for conversation in conversations:
            state: dict[str, Any] = {}
            for text in conversation:
                outcome, understand_cpu, frame_cpu = await _plan_turn(tree, deps, text, state)
                if rep:
                    samples["understand"][i].append(understand_cpu)
                    samples["frame"][i].append(frame_cpu)
                    samples["plan"][i].append(understand_cpu + frame_cpu)
                state = _next_state(tree, text, state, outcome)
                i += 1
    return {
        "frame_kind": "frame_of" if hasattr(tree["planning"], "frame_of") else "_context_fill",
        "import_s": imported,
        "gazetteer_s": loaded,
        "rss_mb": rss_mb(),
        **samples,
    }


def child_main(tree: Path, sqlalchemy_url: str, repeats: int) -> int:
    sys.path.insert(0, str(tree))  # ahead of the editable install of the main tree
    result = asyncio.run(_measure_tree(sqlalchemy_url, repeats))
    result["agents"] = str(Path(sys.modules["agents"].__file__ or "").resolve().parent)
    print(RESULT_PREFIX + json.dumps(result))
    return 0


# --- the parent: database, trees, kiwipiepy, report ----------------------------------------------


def _run_child(cmd: list[str], stdin: str | None = None) -> dict[str, Any]:
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])
    raise RuntimeError(f"{cmd[0]} failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")


def measure_tree(tree: Path, sqlalchemy_url: str, repeats: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure-tree", str(tree)]
    return _run_child([*cmd, "--sqlalchemy-url", sqlalchemy_url, "--repeats", str(repeats)])


def measure_kiwi(python: str, repeats: int) -> dict[str, Any]:
    _, conversations = dev_conversations()
    sentences = [text for c in conversations for text in c]
    started = time.perf_counter()
    result = _run_child([python, "-c", KIWI_CHILD], stdin=json.dumps([sentences, repeats]))
    result["process_s"] = time.perf_counter() - started
    return result


def merge(runs: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """One entry per tree (or kiwipiepy): each turn's samples from every round together, figures of
    the processes as lists."""
    merged: dict[str, dict[str, Any]] = {}
    for name, results in runs.items():
        out: dict[str, Any] = {}
        for key, value in results[0].items():
            if isinstance(value, list):
                out[key] = [[x for r in results for x in r[key][i]] for i in range(len(value))]
            elif isinstance(value, float):
                out[key] = [r[key] for r in results]
            else:
                out[key] = value
        merged[name] = out
    return merged


async def prepare_database(server: Any) -> Any:
    from bench.loaded_db import prepare_database as prepare

    return await prepare(server, DB_NAME)


async def drop_database(server: Any) -> None:
    from bench.loaded_db import drop_database as drop

    await drop(server, DB_NAME)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _per_turn(samples: list[list[float]]) -> list[float]:
    return [statistics.median(s) for s in samples]


def _stats(samples: list[list[float]]) -> tuple[float, float, float]:
    values = _per_turn(samples)
    return statistics.fmean(values), _percentile(values, 0.50), _percentile(values, 0.99)


def _row(label: str, samples: list[list[float]]) -> str:
    mean, p50, p99 = _stats(samples)
    return f"{label:<44} {mean:>10.0f} {p50:>10.0f} {p99:>10.0f}"


def _span(values: list[float], unit: str, digits: int = 2) -> str:
    low, high = min(values), max(values)
    return f"{low:.{digits}f} {unit}" if len(values) == 1 else f"{low:.{digits}f}–{high:.{digits}f} {unit}"


def report(runs: dict[str, dict[str, Any]], rounds: int, repeats: int) -> None:
    trees = {name: run for name, run in runs.items() if name != "kiwipiepy"}
    n = len(trees["after"]["parse"])
    print(f"\nCPU per turn (process_time), {n} dev turns; a turn's figure is the median of its")
    print(f"{rounds * repeats} passes ({rounds} rounds x {repeats}); mean / p50 / p99 over the turns")
    print(f"{'':<44} {'mean µs':>10} {'p50 µs':>10} {'p99 µs':>10}")
    for name, run in trees.items():
        print(_row(f"{name}: parse", run["parse"]))
        print(_row(f"{name}: parse in a worker thread (to_thread)", run["parse_thread"]))
        print(_row(f"{name}: planning = understand + {run['frame_kind']}", run["plan"]))
        print(_row(f"{name}:   understand", run["understand"]))
        print(_row(f"{name}:   {run['frame_kind']}", run["frame"]))
    if "before" in trees:
        before, after = trees["before"], trees["after"]
        for key, label in (("parse", "parse"), ("plan", "planning")):
            a, b = _stats(after[key]), _stats(before[key])
            ratios = [x / y for x, y in zip(_per_turn(after[key]), _per_turn(before[key]), strict=True)]
            print(
                f"after/before {label:<31} {a[0] / b[0]:>9.2f}x {a[1] / b[1]:>9.2f}x {a[2] / b[2]:>9.2f}x"
                f"   (median of per-turn ratios {statistics.median(ratios):.2f}x)"
            )
    kiwi = runs.get("kiwipiepy")
    if kiwi is not None:
        print(_row("kiwipiepy: tokenize per sentence", kiwi["tokenize"]))
        ratio = _stats(kiwi["tokenize"])[0] / _stats(trees["after"]["plan"])[0]
        print(f"kiwipiepy tokenize mean / our planning mean: {ratio:.2f}x (on top of it: it only tokenizes)")
    print(f"\nstart and memory, one process per round ({rounds} rounds)")
    for name, run in trees.items():
        print(
            f"{name}: import {_span(run['import_s'], 's')}, gazetteer from the database "
            f"{_span(run['gazetteer_s'], 's')}, RSS after {_span(run['rss_mb'], 'MB', 0)}"
        )
    if kiwi is not None:
        print(
            f"kiwipiepy {kiwi['version']}: import + Kiwi() + first tokenize {_span(kiwi['start_s'], 's')} "
            f"(whole process {_span(kiwi['process_s'], 's')}), RSS after load {_span(kiwi['rss_mb'], 'MB', 0)}, "
            f"peak {_span(kiwi['peak_mb'], 'MB', 0)}"
        )


def _add_worktree(rev: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix="nlu-before-"))
    path.rmdir()  # git worktree add wants to create it
    subprocess.run(
        ["git", "-C", str(REPO_ROOT), "worktree", "add", "--detach", "-q", str(path), rev], check=True
    )
    return path


def _remove_worktree(path: Path) -> None:
    subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force", str(path)], check=True)


def main(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(REPO_ROOT))
    from backend.db import DatabaseUrl

    server = DatabaseUrl.parse(args.database_url)
    print(f"loading the data into {DB_NAME} on {server.redacted} ...", flush=True)
    url = asyncio.run(prepare_database(server))
    trees = {"after": REPO_ROOT}
    runs: dict[str, list[dict[str, Any]]] = {}
    try:
        if args.before:
            trees = {"before": _add_worktree(args.before), **trees}
        for r in range(1, args.rounds + 1):
            for name, tree in trees.items():
                print(f"round {r}: {name} ({tree}) ...", flush=True)
                runs.setdefault(name, []).append(measure_tree(tree, url.sqlalchemy, args.repeats))
            if args.kiwi_python:
                print(f"round {r}: kiwipiepy ({args.kiwi_python}) ...", flush=True)
                runs.setdefault("kiwipiepy", []).append(measure_kiwi(args.kiwi_python, args.repeats))
    finally:
        if "before" in trees:
            _remove_worktree(trees["before"])
        if not args.keep:
            asyncio.run(drop_database(server))
    for name, results in runs.items():
        if name != "kiwipiepy":
            print(f"{name}: agents imported from {results[0]['agents']}")
    report(merge(runs), args.rounds, args.repeats)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER),
        help="server where the bench database is created and loaded",
    )
    parser.add_argument("--before", metavar="REV", help="also measure this commit (temporary git worktree)")
    parser.add_argument("--kiwi-python", metavar="PATH", help="a python with kiwipiepy installed")
    parser.add_argument("--rounds", type=int, default=3, help="times each tree (and kiwipiepy) is measured")
    parser.add_argument("--repeats", type=int, default=7, help="measured passes over the dev turns a round")
    parser.add_argument("--keep", action="store_true", help="keep the bench database for the next run")
    parser.add_argument("--measure-tree", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sqlalchemy-url", help=argparse.SUPPRESS)
    parsed = parser.parse_args()
    if parsed.measure_tree is not None:
        sys.exit(child_main(parsed.measure_tree, parsed.sqlalchemy_url, parsed.repeats))
    sys.exit(main(parsed))
