"""A LangGraph Platform-compatible HTTP surface (part 1), so `langgraph-sdk` and agent-chat-ui work against
budongsan: `/info`, `/ok`, assistants, threads (= chat sessions), runs (= turns) and the store, at the root
paths the clients call. The mapping is written in docs/CONTRACTS.md ("LangGraph API mapping"); the routes
are put together in `backend.langgraph_api.router` (kept out of this module so that the services here can
be imported by backend/context.py and backend/users.py without importing the routes).
"""
