"""Long-term memory: preferences, conversation memories and entities (DESIGN §5).

Direction rule: this package imports only the shared vocabulary (`agents.slots`, `agents.regions`)
and the NLU's unit parsers (`agents.korean_units`), never `backend` or `agents.graph`. Callers pass
in an `AsyncConnection` / `AsyncEngine`.
"""
