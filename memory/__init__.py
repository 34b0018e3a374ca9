"""Long-term memory: preferences, conversation memories and entities (DESIGN §5).

Direction rule: this package imports only the shared vocabulary (`agents.slots`, `agents.regions`),
never `backend` or `agents.graph`. Callers pass in an `AsyncConnection` / `AsyncEngine`.
"""
