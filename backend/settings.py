"""The one settings object. Values come from `BUDONGSAN_*` env vars or `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.home import Home, default_home_path, settings_home

DEFAULT_DATA_DIR = Path("../shared/data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BUDONGSAN_", env_file=".env", extra="ignore")

    # Storage. No URL means: start the embedded Postgres under `home/pg`.
    database_url: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("BUDONGSAN_DATABASE_URL", "DATABASE_URL")
    )
    # The direct role (docs/CONTRACTS.md "Connection roles"): the per-chat session locks and the run
    # notifications (LISTEN) need session-level state, so they must reach Postgres itself, never a
    # transaction-mode pooler. Unset: `database_url`.
    direct_database_url: SecretStr | None = None
    # Scale-out (README "Running several nodes", backend/replicas.py). Streaming replicas, comma-separated
    # URLs: the read-only data queries (market and statute tools, coverage, the data version) go to one
    # that answers and has replayed to within `replica_max_lag_s` of the primary, else to the primary.
    # Each process checks them every `replica_check_s` (one query per replica).
    database_replica_urls: SecretStr | None = None
    replica_max_lag_s: float = 30.0
    replica_check_s: float = 2.0
    # What sits in front of `database_url` and the replica URLs: "transaction" is PgBouncer in transaction
    # mode, so those connections use no named prepared statements (asyncpg and psycopg both). The direct
    # role never goes through a pooler.
    database_pooler: Literal["none", "transaction"] = "none"
    # Where the embedded Postgres and the generated secret live; never relative to the current folder
    # unless set so (backend/home.py: ./.budongsan of earlier versions, else the user data folder, or
    # /var/lib/budongsan as root). `home_explained()` says which, for the start-up line.
    home: Path = Field(default_factory=default_home_path)
    data_dir: Path | None = None
    db_pool_size: int = 20  # a turn's teams query in parallel: ~2 connections per running turn
    db_pool_timeout_s: float = 3.0
    db_connect_timeout_s: float = 5.0
    # A pooled connection idle longer than this is pinged before use (backend/pool_health.py);
    # 0 pings on every checkout.
    db_ping_idle_s: float = 1.0

    # Auth. No process signs tokens with a missing or weak secret unless `dev_mode` is set
    # (backend/signing.py has the rule and the three modes: production, embedded, development).
    dev_mode: bool = False
    jwt_secret: SecretStr | None = None
    jwt_secret_file: Path | None = None  # `budongsan serve` points its workers at <home>/jwt_secret
    jwt_ttl_minutes: int = 60 * 24
    session_ttl_minutes: int = 60 * 24 * 30

    # Sign-in hardening (issue 15: throttling, logins are sessions, accounts; README "Accounts and
    # sign-in"). Limits are fixed windows in Postgres (backend/ratelimit.py), shared by every process;
    # a limit of 0 turns that check off. Per account: failed logins / registration attempts for one
    # email; per IP: every attempt from one client address (IPv6 by /64).
    login_failures_per_account: int = 10
    login_account_window_s: int = 15 * 60
    login_attempts_per_ip: int = 60
    login_ip_window_s: int = 5 * 60
    register_attempts_per_account: int = 5
    register_attempts_per_ip: int = 10
    register_window_s: int = 60 * 60
    # Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For is believed
    # (e.g. "127.0.0.1,10.0.0.0/8"); empty: the peer address is the client.
    trusted_proxies: str = ""
    # Password hashes (argon2: ~64 MiB and tens of ms of CPU each) run at most this many at once per
    # process, off the event loop; a login waits at most `password_hash_wait_s` for a slot, then 503.
    password_hash_concurrency: int = 2
    password_hash_wait_s: float = 10.0
    password_min_score: int = 3  # zxcvbn score 0..4 a new password must reach
    # A login session's request_count/last_activity are written at most this often per process.
    session_touch_s: float = 60.0
    session_sweep_s: float = 10 * 60  # how often expired sessions and rate-limit windows are deleted

    # Chat limits.
    max_message_chars: int = 4000
    max_body_bytes: int = 64 * 1024
    rate_limit_per_minute: int = 30
    page_limit_default: int = 20
    page_limit_max: int = 100

    # Quotas and retention (issue 15; backend/quotas.py, README "Quotas"): per-user caps a normal user
    # never reaches; 0 turns one off. Chats and messages are refused beyond them (403 quota_exceeded),
    # running turns with 429 + Retry-After; memory beyond its caps drops the oldest items instead.
    quota_chats_per_user: int = 1000
    quota_messages_per_chat: int = 10_000  # user + assistant messages of one chat
    quota_running_turns_per_user: int = 4  # per process, across the user's chats
    quota_conversation_memories_per_user: int = 10_000
    quota_entities_per_user: int = 5000
    quota_preference_history_per_user: int = 1000  # replaced (closed) versions; current ones are kept
    quota_store_items_per_user: int = 10_000  # LangGraph store items (PUT /store/items of a new key)
    quota_queued_runs_per_user: int = 20  # unfinished LangGraph runs (queued or running), all threads
    memory_job_retention_days: float = 7.0  # finished memory jobs (they hold the exchange's text)
    memory_purge_every_s: float = 3600.0

    # HTTP server behaviour.
    max_concurrent_turns: int = 8  # per process; each running turn holds one lock connection
    # A turn waits this long for a free slot (queueing under a burst) before it is refused with 503.
    turn_queue_timeout_s: float = 30.0
    turn_timeout_s: float = 120.0
    shutdown_grace_s: float = 25.0  # below `budongsan serve`'s 30 s uvicorn graceful timeout
    sse_ping_s: float = 10.0
    ws_auth_timeout_s: float = 10.0
    retry_after_s: int = 2  # Retry-After on 503 (database unavailable / busy)
    checkpoint_pool_size: int = 8
    docs_enabled: bool = True
    # Drain the memory_jobs outbox in this process; false leaves it to `budongsan memory-worker`
    # processes (README "Running several nodes"). A pass claims and commits up to `memory_batch_size`
    # jobs in one transaction (memory/worker.py).
    memory_worker_enabled: bool = True
    memory_poll_s: float = 1.0
    memory_batch_size: int = Field(default=20, ge=1)
    # A turn's memory job wakes this process's worker after this delay, so the jobs of the turns that end
    # meanwhile are claimed and committed in one pass instead of one pass each; 0 wakes it at once. The
    # jobs wait in the outbox either way (bench/README.md "The LangGraph run, fifth pass").
    memory_wake_delay_s: float = Field(default=0.05, ge=0)

    # Short-term memory and persistence (issue: bounded state).
    window_messages: int = 12
    # Data-tool results kept per process (agents/tools/cache.py); 0 turns the cache off. A load-data in
    # another process is noticed within `data_version_check_s`.
    tool_cache_entries: int = 2048
    data_version_check_s: float = 5.0
    # Retention: every N finished turns a thread's checkpoints are pruned to what resuming needs
    # (LangGraph's keep_latest: the head plus a pending Send/interrupt's parent). 0 keeps all.
    # A prune is one statement (~18 ms); every 25 turns it costs under 1 ms a turn and a thread holds
    # at most 25 + `fork_turns` checkpoints of ~11 kB (bench/README.md).
    checkpoint_prune_every: int = 25
    # Forks (regenerate / edit an earlier message): a prune keeps the head plus the turn-boundary
    # checkpoints of the newest N turns of the thread (~14 kB each), so a run can restart from any of
    # them; an older one answers 409 (backend/checkpointer.py `retain`).
    fork_turns: int = Field(default=10, ge=0)
    # "exit": one checkpoint per turn, written when the graph finishes or pauses. A crash mid-turn
    # loses only that turn's unfinished steps; the user message is already stored and a retry
    # re-runs the turn (bench/checkpoint_bench.py measures sync/async/exit).
    durability: Literal["sync", "async", "exit"] = "exit"
    # Bench only: "echo" serves agents/echo_graph.py (one node, stock `messages` pattern) through the same
    # request path (auth, lock, runs, transcript), so bench/peer_bench.py can compare servers, not graphs.
    graph: Literal["assistant", "echo"] = "assistant"

    # LLM: "offline" (default), "openai" (any OpenAI-compatible server) or "anthropic".
    llm_provider: str = "offline"
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_temperature: float = 0.0

    # LangGraph Platform API (backend/langgraph_api/, backend/runs.py, backend/api_keys.py; README
    # "LangGraph clients"). A thread is a chat; its `values.messages` are the newest
    # `langgraph_state_messages` transcript messages. A run queued behind a busy thread (multitask
    # strategy "enqueue") looks every `langgraph_run_poll_s` whether the chat lock is free; a thread
    # holds at most `langgraph_queued_runs_per_thread` waiting runs (409 beyond). The process driving a
    # pending or running run marks it alive every `langgraph_run_heartbeat_s`; three missed marks mean
    # that process died and the run is recorded as failed.
    langgraph_state_messages: int = 100
    langgraph_queued_runs_per_thread: int = 10
    langgraph_run_poll_s: float = 0.25
    langgraph_run_heartbeat_s: float = 5.0
    # Resumable streams (runs with `stream_resumable`): their events stay in Postgres this long after
    # they were written (rejoining later → 410 stream_expired); purged on each run sweep.
    langgraph_stream_retention_s: float = 3600.0
    api_keys_per_user: int = 20  # personal API keys one user may hold (403 quota_exceeded beyond)
    # Browsers calling the LangGraph surface directly (agent-chat-ui, LangGraph Studio): comma-separated
    # origins allowed by CORS ("https://smith.langchain.com,http://localhost:3000"), "*" for any; empty
    # (the default) sends no CORS headers at all. Credentials are headers (Bearer / X-Api-Key), never
    # cookies, so no origin is ever allowed credentials.
    cors_allowed_origins: str = ""

    # Exposure and slow clients (issue 15, item 6; README "Behind a reverse proxy", SECURITY.md).
    # /metrics answers 404 unless a token is set; then only `Authorization: Bearer <token>` reads it.
    metrics_token: SecretStr | None = None
    # Largest WebSocket frame: `budongsan serve` passes it to uvicorn (`ws_max_size`, a bigger frame is
    # closed with 1009 before it is buffered) and the chat socket checks it again itself.
    ws_max_message_bytes: int = 64 * 1024
    # uvicorn, set by `budongsan serve`: an idle keep-alive connection is closed after this many seconds;
    # beyond `server_limit_concurrency` open connections or requests per process, new requests get 503
    # (0 = no limit). uvicorn has no header or body read timeout of its own: the reverse proxy sets them.
    server_timeout_keep_alive_s: int = 5
    server_limit_concurrency: int = 1000
    # A request body that does not arrive completely within this many seconds is answered 408.
    request_body_timeout_s: float = 30.0

    # MOLIT OpenAPI (`budongsan sync-molit`, backend/data_import/molit_api.py; README "Fresh data").
    # The data.go.kr 서비스키, encoded ('…%2B…%3D') or decoded ('…+…='): either works. Never logged.
    # The base URL is overridable for a proxy or a local replay server (tests).
    molit_service_key: SecretStr | None = None
    molit_base_url: str = "https://apis.data.go.kr/1613000"

    log_level: str = "INFO"

    @property
    def pg_home(self) -> Path:
        return self.home / "pg"

    def home_explained(self) -> Home:
        return settings_home(self.home, explicitly_set="home" in self.model_fields_set)

    def resolved_data_dir(self) -> Path | None:
        """The data folder: the configured one, else ../shared/data when it exists."""
        if self.data_dir is not None:
            return self.data_dir
        return DEFAULT_DATA_DIR if DEFAULT_DATA_DIR.is_dir() else None


@lru_cache
def get_settings() -> Settings:
    return Settings()
