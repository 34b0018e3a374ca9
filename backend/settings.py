"""The one settings object. Values come from `BUDONGSAN_*` env vars or `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("../shared/data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BUDONGSAN_", env_file=".env", extra="ignore")

    # Storage. No URL means: start the embedded Postgres under `home/pg`.
    database_url: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("BUDONGSAN_DATABASE_URL", "DATABASE_URL")
    )
    home: Path = Path(".budongsan")
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

    # Chat limits.
    max_message_chars: int = 4000
    max_body_bytes: int = 64 * 1024
    rate_limit_per_minute: int = 30
    page_limit_default: int = 20
    page_limit_max: int = 100

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
    memory_worker_enabled: bool = True  # drain the memory_jobs outbox in this process
    memory_poll_s: float = 1.0

    # Short-term memory and persistence (issue: bounded state).
    window_messages: int = 12
    # Data-tool results kept per process (agents/tools/cache.py); 0 turns the cache off. A load-data in
    # another process is noticed within `data_version_check_s`.
    tool_cache_entries: int = 2048
    data_version_check_s: float = 5.0
    # Retention: every N finished turns a thread's checkpoints are pruned to what resuming needs
    # (LangGraph's keep_latest: the head plus a pending Send/interrupt's parent). 0 keeps all.
    # A prune is ~10 statements (~8 ms); every 25 turns it costs ~0.3 ms a turn and a thread still
    # holds at most 25 checkpoints of ~14 kB (bench/README.md).
    checkpoint_prune_every: int = 25
    # "exit": one checkpoint per turn, written when the graph finishes or pauses. A crash mid-turn
    # loses only that turn's unfinished steps; the user message is already stored and a retry
    # re-runs the turn (bench/checkpoint_bench.py measures sync/async/exit).
    durability: Literal["sync", "async", "exit"] = "exit"

    # LLM: "offline" (default), "openai" (any OpenAI-compatible server) or "anthropic".
    llm_provider: str = "offline"
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_temperature: float = 0.0

    log_level: str = "INFO"

    @property
    def pg_home(self) -> Path:
        return self.home / "pg"

    def resolved_data_dir(self) -> Path | None:
        """The data folder: the configured one, else ../shared/data when it exists."""
        if self.data_dir is not None:
            return self.data_dir
        return DEFAULT_DATA_DIR if DEFAULT_DATA_DIR.is_dir() else None


@lru_cache
def get_settings() -> Settings:
    return Settings()
