"""Long-term memory: preferences, conversation memories and entities (DESIGN §5).

Direction rule: from agents/ this package imports only the shared vocabulary, `agents.domain`; it
never imports `backend` (import-linter contracts in pyproject.toml). Callers pass in an
`AsyncConnection` / `AsyncEngine`.
"""
