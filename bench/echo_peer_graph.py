"""The echo graph (agents/echo_graph.py) as the peers load a graph: a compiled `graph` at module level.

bench/peer_bench.py points Aegra's aegra.json and `langgraph dev`'s langgraph.json at `<this file>:graph`.
The file is loaded by path in the peers' own virtualenvs, so it loads agents/echo_graph.py by path too
(that file needs only langgraph) instead of importing budongsan's `agents` package. The servers add their
own checkpointer.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SOURCE = Path(__file__).resolve().parent.parent / "agents" / "echo_graph.py"
_spec = importlib.util.spec_from_file_location("budongsan_echo_graph", _SOURCE)
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _module  # so the state's string annotations resolve
_spec.loader.exec_module(_module)

graph = _module.build_echo_graph()
